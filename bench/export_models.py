#!/usr/bin/env python3
# Exports the benchmark models in ONNX backend-test layout (model.onnx +
# test_data_set_0/input_0.pb, output_0.pb with PyTorch's outputs), random weights, seed 0:
#   resnet50      torchvision ResNet-50, 1x3x224x224, opset 13
#   mobilenet_v2  torchvision MobileNetV2, 1x3x224x224, opset 13
#   bert_encoder  a BERT-base-shaped encoder: 12 layers, hidden 768, 12 heads, FFN 3072,
#                 sequence 128, batch 1, opset 13
# usage: /usr/bin/python3 bench/export_models.py [OUT_DIR] [NAME...]   (default bench/models)
# The models are large (ResNet-50 is ~100 MB) and are never committed.
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torchvision


def bert_encoder():
    layer = torch.nn.TransformerEncoderLayer(d_model=768, nhead=12, dim_feedforward=3072, dropout=0.0,
                                             activation="gelu", batch_first=True)
    return torch.nn.TransformerEncoder(layer, num_layers=12)


MODELS = {
    "resnet50": (lambda: torchvision.models.resnet50(), (1, 3, 224, 224)),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(), (1, 3, 224, 224)),
    "bert_encoder": (bert_encoder, (1, 128, 768)),
}


def calibrate_batchnorm(model, shape):
    """Sets BatchNorm's running statistics from a few random batches (as training would).

    With torchvision's initial statistics (mean 0, variance 1) MobileNetV2's activations shrink
    layer by layer until its logits are ~1e-9, all below the check's atol 1e-4, so a wrong
    result would still compare equal. Calibrated, every layer sees unit-scale activations.
    """
    norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    if not norms:
        return
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # a plain average over the calibration batches
    model.train()
    with torch.no_grad():
        for _ in range(4):
            model(torch.rand(8, *shape[1:]))


def export(name, out_root):
    make, shape = MODELS[name]
    torch.manual_seed(0)
    model = make()
    calibrate_batchnorm(model, shape)
    x = torch.rand(*shape)
    case = os.path.join(out_root, name)
    os.makedirs(os.path.join(case, "test_data_set_0"), exist_ok=True)
    path = os.path.join(case, "model.onnx")
    if name == "bert_encoder":
        # torch 1.13 routes eval-mode encoder layers through a fused kernel it cannot export;
        # with dropout 0, training mode computes the same function and exports plainly.
        model.train()
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, x, path, input_names=["x"], output_names=["y"], opset_version=13,
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    else:
        model.eval()
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, x, path, input_names=["x"], output_names=["y"], opset_version=13)
    # The check compares at atol 1e-4: outputs must be far above it to mean anything.
    scale = float(y.abs().mean())
    if scale < 1e-2:
        sys.exit("%s: mean |output| %.3g is too small for the check's atol 1e-4" % (name, scale))
    for value, file in ((x, "input_0.pb"), (y, "output_0.pb")):
        t = onnx.numpy_helper.from_array(value.detach().numpy().astype(np.float32), file[:-5])
        with open(os.path.join(case, "test_data_set_0", file), "wb") as f:
            f.write(t.SerializeToString())
    # torch and the runtimes differ in summation order: compare at rtol 1e-3 / atol 1e-4.
    with open(os.path.join(case, "tolerance.txt"), "w") as f:
        f.write("rtol 1e-3\natol 1e-4\n")
    print("wrote", case)


def main():
    out_root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "models")
    names = sys.argv[2:] or list(MODELS)
    for name in names:
        if name not in MODELS:
            sys.exit("unknown model %r; choose from %s" % (name, ", ".join(MODELS)))
        export(name, out_root)


if __name__ == "__main__":
    main()
