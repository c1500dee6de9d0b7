#!/usr/bin/env python3
# Exports examples/transformer_mini: a small transformer encoder (2 layers, d_model 64, 4 heads,
# GELU feed-forward 128, sequence 16; random weights, fixed seed) in the ONNX backend-test layout
# (model.onnx + test_data_set_0/input_0.pb, output_0.pb), the reference output computed by
# PyTorch. At opset 13 torch writes LayerNorm and GELU as their elementary ops, like the BERT
# encoder of bench/. Run with Debian's interpreter:
#   /usr/bin/python3 examples/make_transformer_mini.py
import os

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn


class TransformerMini(nn.Module):
    def __init__(self, d_model=64, heads=4, ff=128, layers=2):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model, heads, ff, dropout=0.1, activation="gelu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x):
        return self.norm(self.encoder(x))


def build():
    """The example's model (eval mode) and input, the same on every call (fixed seed)."""
    torch.manual_seed(0)
    model = TransformerMini().eval()
    x = torch.randn(1, 16, 64)
    return model, x


def main():
    model, x = build()
    with torch.no_grad():
        y = model(x)
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transformer_mini")
    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(model, x, path, input_names=["tokens"], output_names=["features"],
                      opset_version=13)
    for name, value, file in (("tokens", x, "input_0.pb"), ("features", y, "output_0.pb")):
        t = onnx.numpy_helper.from_array(value.numpy().astype(np.float32), name)
        with open(os.path.join(data_dir, file), "wb") as f:
            f.write(t.SerializeToString())
    print("wrote", path, "params", sum(p.numel() for p in model.parameters()))


if __name__ == "__main__":
    main()
