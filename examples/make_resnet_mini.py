#!/usr/bin/env python3
# Exports examples/resnet_mini: a small ResNet-style convnet (random weights, fixed seed) in
# the ONNX backend-test layout (model.onnx + test_data_set_0/input_0.pb, output_0.pb), with
# the reference output computed by PyTorch. Run with Debian's interpreter:
#   /usr/bin/python3 examples/make_resnet_mini.py
# It is the bundled default of `scripts/demo.sh` and a conformance case of its own.
import os

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn


class Block(nn.Module):
    """Two 3x3 conv+BN, a residual add (1x1 projection when the shape changes), ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.proj = None
        if stride != 1 or cin != cout:
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (self.proj(x) if self.proj is not None else x))


class ResNetMini(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
                                  nn.MaxPool2d(2))
        self.layers = nn.Sequential(Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2), Block(64, 64, 1))
        self.head = nn.Linear(64, classes)

    def forward(self, x):
        x = self.layers(self.stem(x))
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)
        return torch.softmax(self.head(x), dim=1)


def build():
    """The example's model (eval mode) and input, the same on every call (fixed seed)."""
    torch.manual_seed(0)
    model = ResNetMini().eval()
    # Give BatchNorm non-trivial statistics so that folding or skipping it would show.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    x = torch.rand(1, 3, 64, 64)
    return model, x


def main():
    model, x = build()
    with torch.no_grad():
        y = model(x)
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resnet_mini")
    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(model, x, path, input_names=["image"], output_names=["probs"], opset_version=13,
                      do_constant_folding=False)
    for name, value, file in (("image", x, "input_0.pb"), ("probs", y, "output_0.pb")):
        t = onnx.numpy_helper.from_array(value.numpy().astype(np.float32), name)
        with open(os.path.join(data_dir, file), "wb") as f:
            f.write(t.SerializeToString())
    print("wrote", path, "params", sum(p.numel() for p in model.parameters()))


if __name__ == "__main__":
    main()
