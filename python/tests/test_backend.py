"""onnx's own backend tests (onnx.backend.test.BackendTest, the onnx 1.12 data Debian's
python3-onnx ships) through onnxi.backend.

They must pass exactly where `onnxi conformance` passes on the same data
(conformance/expected/onnx-1.12.txt); test_same_cases_as_conformance checks that the cases run
here are that list. Excluded by name, with the reason, as the conformance runner skips them:
the errata (reference data known to be wrong, conformance/expected/onnx-1.12-errata.txt), the
cases that draw random numbers, and the `real` models, which onnx downloads.
"""
import os

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

# onnx 1.12's runner compares outputs with `np.object`, an alias numpy 1.24 (Debian 12's)
# removed; put it back before the runner uses it.
if "object" not in vars(np):
    np.object = object

import onnx.backend.test  # noqa: E402
from onnx.backend.test.runner import Runner  # noqa: E402

import onnxi.backend  # noqa: E402

SOURCE = os.environ.get("ONNXI_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXPECTED = os.path.join(SOURCE, "conformance", "expected")


def _errata():
    reasons = {}
    with open(os.path.join(EXPECTED, "onnx-1.12-errata.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                case, why = line.split(None, 1)
                reasons[case.split("/")[-1]] = "errata: " + why.strip()
    return reasons


_RANDOM = "draws random numbers ({}), which cannot match numpy's generator"
EXCLUDED = {
    "test_bernoulli": _RANDOM.format("Bernoulli"),
    "test_bernoulli_double": _RANDOM.format("Bernoulli"),
    "test_bernoulli_double_expanded": _RANDOM.format("RandomUniformLike"),
    "test_bernoulli_expanded": _RANDOM.format("RandomUniformLike"),
    "test_bernoulli_seed": _RANDOM.format("Bernoulli"),
    "test_bernoulli_seed_expanded": _RANDOM.format("RandomUniformLike"),
    "test_training_dropout": _RANDOM.format("Dropout in training mode"),
    "test_training_dropout_default": _RANDOM.format("Dropout in training mode"),
    "test_training_dropout_default_mask": _RANDOM.format("Dropout in training mode"),
    "test_training_dropout_mask": _RANDOM.format("Dropout in training mode"),
}
_DOWNLOAD = "a `real` model: onnx downloads it, and the tests never go online"
for _name in ("test_bvlc_alexnet", "test_densenet121", "test_inception_v1", "test_inception_v2",
              "test_resnet50", "test_shufflenet", "test_squeezenet", "test_vgg19",
              "test_zfnet512"):
    EXCLUDED[_name] = _DOWNLOAD
EXCLUDED.update(_errata())

# onnx 1.12's Runner.assert_similar_outputs recurses into a sequence output by calling
# itself on each item as if the item were a list of outputs, so a sequence of rank-0 tensors
# (test_loop16_seq_none) raises "len() of unsized object" whatever the backend returns. This
# wrapper hands it one output at a time: a sequence as its list of items, a tensor as a list
# of one, so every tensor still goes through onnx's own dtype and allclose check.
_onnx_compare = Runner.assert_similar_outputs.__func__


def _compare_outputs(cls, ref_outputs, outputs, rtol, atol):
    np.testing.assert_equal(len(outputs), len(ref_outputs))
    for ref, out in zip(ref_outputs, outputs):
        if ref is None or out is None:  # an empty optional
            assert ref is None and out is None, (ref, out)
        elif isinstance(ref, (list, tuple)):
            assert isinstance(out, (list, tuple)), "a sequence was expected, got %r" % type(out)
            _onnx_compare(cls, ref, out, rtol, atol)
        else:
            _onnx_compare(cls, [ref], [out], rtol, atol)


Runner.assert_similar_outputs = classmethod(_compare_outputs)

backend_test = onnx.backend.test.BackendTest(onnxi.backend, __name__)
for _name in EXCLUDED:
    backend_test.exclude("^%s_cpu$" % _name)
_cases = backend_test.test_cases
globals().update(_cases)


def _cpu_case_names():
    names = set()
    for case in _cases.values():
        names.update(n[: -len("_cpu")] for n in dir(case) if n.startswith("test_") and n.endswith("_cpu"))
    return names


def test_same_cases_as_conformance():
    """The cases this file runs (all of BackendTest but the exclusions) are exactly those
    `onnxi conformance` expects to pass, so its pass count equals conformance's when every
    case here passes."""
    with open(os.path.join(EXPECTED, "onnx-1.12.txt")) as f:
        expected = {line.strip().split("/")[-1] for line in f
                    if line.strip() and not line.startswith("#")}
    run_here = _cpu_case_names() - set(EXCLUDED)
    assert len(expected) == 1058
    assert run_here == expected, (sorted(run_here - expected), sorted(expected - run_here))
    assert set(EXCLUDED) <= _cpu_case_names()


def test_backend_api_beyond_the_model_tests(tmp_path):
    assert onnxi.backend.supports_device("CPU") and not onnxi.backend.supports_device("CUDA")
    a = np.array([1, 2, 3], np.float32)
    b = np.array([10, 20, 30], np.float32)
    (y,) = onnxi.backend.run_node(helper.make_node("Add", ["a", "b"], ["y"]), [a, b])
    np.testing.assert_array_equal(y, a + b)
    out = onnxi.backend.run_node(helper.make_node("TopK", ["x", "k"], ["v", "i"]),
                                 [a, np.array([2], np.int64)],
                                 outputs_info=[(np.float32, [2]), (TensorProto.INT64, [2])])
    np.testing.assert_array_equal(out.v, [3, 2])
    np.testing.assert_array_equal(out.i, [2, 1])
    model = helper.make_model(
        helper.make_graph([helper.make_node("Mul", ["a", "b"], ["y"])], "g",
                          [helper.make_tensor_value_info("a", TensorProto.FLOAT, [3]),
                           helper.make_tensor_value_info("b", TensorProto.FLOAT, [3])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])]),
        opset_imports=[helper.make_opsetid("", 13)])
    path = tmp_path / "m.onnx"
    onnx.save(model, str(path))
    for source in (model, model.SerializeToString(), str(path)):
        rep = onnxi.backend.prepare(source, "CPU", kernels="ref")
        np.testing.assert_array_equal(rep.run([a, b]).y, a * b)
        np.testing.assert_array_equal(rep.run({"a": a, "b": b})[0], a * b)
    np.testing.assert_array_equal(onnxi.backend.run_model(model, [a, b])[0], a * b)
    with pytest.raises(ValueError, match="CPU only"):
        onnxi.backend.prepare(model, "CUDA")
    with pytest.raises(TypeError, match="unknown option"):
        onnxi.backend.prepare(model, no_such_option=1)
