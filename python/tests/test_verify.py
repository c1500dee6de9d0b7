"""onnxi.verify: torch exports checked against torch, and the first diverging submodule
named when a graph is altered after export."""
import os
import re
import sys

import numpy as np
import onnx
import pytest
import torch
from onnx import numpy_helper
from torch.onnx import verification

import onnxi

SOURCE = os.environ.get("ONNXI_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(SOURCE, "examples")
sys.path.insert(0, EXAMPLES)
import make_resnet_mini  # noqa: E402
import make_transformer_mini  # noqa: E402

PRESERVE = torch.onnx.TrainingMode.PRESERVE


def resnet():
    return make_resnet_mini.build()


def transformer_exportable():
    """examples/transformer_mini's module in a form torch 1.13 can export from under
    torch.no_grad() (torch.onnx.verification does): in eval mode its encoder layers take a
    fused fast path the exporter rejects, so dropout is set to 0 and the module runs and
    exports in train mode (TrainingMode.PRESERVE), which then computes the same as eval."""
    model, x = make_transformer_mini.build()
    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
        if isinstance(m, torch.nn.MultiheadAttention):
            m.dropout = 0.0
    return model.train(), x


def export(model, x, path, **kwargs):
    torch.onnx.export(model, x, str(path), opset_version=13, **kwargs)
    return onnx.load(str(path))


def node(model, name):
    (n,) = [n for n in model.graph.node if n.name == name]
    return n


# ---- passing exports -----------------------------------------------------------------------

def test_the_bundled_example_exports_pass():
    for build, folder in ((resnet, "resnet_mini"), (make_transformer_mini.build, "transformer_mini")):
        model, x = build()
        report = onnxi.verify(model, x, os.path.join(EXAMPLES, folder, "model.onnx"))
        assert report.passed, str(report)
        assert report and report.divergence is None
        (out,) = report.outputs
        assert out.max_abs < 1e-5 and "PASS" in str(report)
        assert not model.training  # eval mode, as it came


def test_export_to_a_temporary_file_and_options():
    model, x = resnet()
    report = onnxi.verify(model, x, input_names=["image"], output_names=["probs"])
    assert report.passed and report.outputs[0].name == "probs"
    opts = onnxi.SessionOptions()
    opts.kernels = "ref"
    assert onnxi.verify(model, (x,), session_options=opts).passed
    # Tolerances 0: an element must match exactly, which float reordering does not give.
    strict = onnxi.verify(model, x, rtol=0, atol=0, locate=False)
    assert not strict.passed and strict.outputs[0].max_abs > 0 and strict.divergence is None


@pytest.mark.parametrize("example", ["resnet_mini", "transformer_mini"])
def test_agrees_with_torch_onnx_verification(example, monkeypatch):
    """torch.onnx.verification.verify, given onnxi as its onnxruntime (the ORT surface it
    uses: SessionOptions, InferenceSession(bytes, options, providers), get_inputs, run),
    and onnxi.verify reach the same verdict at the same tolerances, with the same largest
    absolute error when they fail."""
    monkeypatch.setitem(sys.modules, "onnxruntime", onnxi)
    model, x = resnet() if example == "resnet_mini" else transformer_exportable()
    extra = {} if example == "resnet_mini" else {"training": PRESERVE}
    for rtol, atol in ((1e-3, 1e-5), (0.0, 0.0)):
        try:
            verification.verify(model, (x,), opset_version=13, rtol=rtol, atol=atol, **extra)
            torch_passed, torch_abs = True, None
        except AssertionError as e:
            torch_passed = False
            torch_abs = float(re.search(r"Greatest absolute difference: (\S+)", str(e)).group(1))
        # torch's verify exports with keep_initializers_as_inputs=True; the same export here
        # gives onnxi the same graph (weights that are also inputs are not fused or packed).
        ours = onnxi.verify(model, x, rtol=rtol, atol=atol, locate=False,
                            export_options={"keep_initializers_as_inputs": True}, **extra)
        assert ours.passed == torch_passed, (rtol, atol, str(ours))
        if not torch_passed:
            assert ours.outputs[0].max_abs == pytest.approx(torch_abs, rel=1e-6)
    assert (rtol, atol) == (0.0, 0.0)


# ---- altered exports: verify names the altered submodule ------------------------------------

def scale_weight(model, node_name, factor):
    inits = {i.name: i for i in model.graph.initializer}
    w = inits[node(model, node_name).input[1]]
    w.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(w) * np.float32(factor), w.name))


def test_altered_conv_weight_names_the_conv(tmp_path):
    model, x = resnet()
    onnx_model = export(model, x, tmp_path / "m.onnx")
    scale_weight(onnx_model, "/layers/layers.2/conv2/Conv", 1.05)
    altered = tmp_path / "altered.onnx"
    onnx.save(onnx_model, str(altered))
    report = onnxi.verify(model, x, altered)
    assert not report.passed
    d = report.divergence
    assert d is not None, str(report)
    # Eval-mode export folds BatchNorm into the Conv before it: the Conv's node is compared
    # with torch's output of the BatchNorm after it.
    assert (d.module, d.module_type, d.absorbed) == ("layers.2.conv2", "Conv2d", ["layers.2.bn2"])
    assert d.onnx_values == ["/layers/layers.2/conv2/Conv_output_0"] and d.max_abs > 1e-3
    assert "first diverging submodule: layers.2.conv2" in str(report)
    # Everything that finished before it agreed.
    before = report.modules[:report.modules.index(d)]
    assert before and all(c.passed for c in before)
    assert "layers.1" in [c.module for c in before]


def test_altered_functional_op_names_the_module_whose_forward_holds_it(tmp_path):
    model, x = resnet()
    onnx_model = export(model, x, tmp_path / "m.onnx")
    # Block.forward's own torch.relu after bn1 (no submodule of its own) becomes a Sigmoid.
    n = node(onnx_model, "/layers/layers.1/Relu")
    n.op_type = "Sigmoid"
    altered = tmp_path / "altered.onnx"
    onnx.save(onnx_model, str(altered))
    report = onnxi.verify(model, x, altered)
    d = report.divergence
    assert (d.module, d.module_type, d.own_code_before) == ("layers.1", "Block", "layers.1.conv2")
    assert d.onnx_values == ["/layers/layers.1/Relu_output_0"]
    assert "layers.1 (Block) in its own code, before layers.1.conv2" in str(report)


def test_altered_transformer_node_names_the_linear(tmp_path):
    model, x = transformer_exportable()
    onnx_model = export(model, x, tmp_path / "m.onnx", training=PRESERVE)
    node(onnx_model, "/encoder/layers.1/linear2/Add").op_type = "Sub"  # bias added -> subtracted
    altered = tmp_path / "altered.onnx"
    onnx.save(onnx_model, str(altered))
    report = onnxi.verify(model, x, altered, training=PRESERVE)
    assert not report.passed
    d = report.divergence
    assert (d.module, d.module_type) == ("encoder.layers.1.linear2", "Linear"), str(report)
    assert d.onnx_values == ["/encoder/layers.1/linear2/Add_output_0"]
    checked = [c.module for c in report.modules]
    assert "encoder.layers.1.self_attn" in checked and "encoder.layers.0" in checked
    assert model.training  # PRESERVE: the mode it came in


def test_a_wrong_output_shape_is_reported(tmp_path):
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU())
    x = torch.ones(2, 4)
    onnx_model = export(model, x, tmp_path / "m.onnx", output_names=["y"])
    flat = onnx.helper.make_node("Flatten", ["y"], ["flat"], axis=0)
    onnx_model.graph.node.append(flat)
    onnx_model.graph.output[0].name = "flat"
    del onnx_model.graph.output[0].type.tensor_type.shape.dim[:]
    onnx.save(onnx_model, str(tmp_path / "altered.onnx"))
    report = onnxi.verify(model, x, tmp_path / "altered.onnx")
    assert not report.passed
    assert "shape [1, 6], torch [2, 3]" in report.outputs[0].note
