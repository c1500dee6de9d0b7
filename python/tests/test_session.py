"""onnxi.InferenceSession: the ONNX Runtime surface, conversions, errors and threads."""
import os
import subprocess
import sys
import threading
import time

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import onnxi

SOURCE = os.environ.get("ONNXI_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BINARY = os.environ.get("ONNXI_BINARY_DIR", os.path.join(SOURCE, "build"))
RESNET = os.path.join(SOURCE, "examples", "resnet_mini", "model.onnx")


def make_model(nodes, inputs, outputs, opset=17, initializers=(), **kwargs):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], **kwargs)


def add_mul_model():
    """y = a + b, z = a * b over (N, 4) floats, N symbolic."""
    return make_model(
        [helper.make_node("Add", ["a", "b"], ["y"]), helper.make_node("Mul", ["a", "b"], ["z"])],
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["N", 4]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4]),
         helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", 4])])


def session(model, options=None):
    return onnxi.InferenceSession(model.SerializeToString(), options)


def feeds(n=2, seed=0):
    rng = np.random.default_rng(seed)
    return {"a": rng.standard_normal((n, 4), dtype=np.float32),
            "b": rng.standard_normal((n, 4), dtype=np.float32)}


# ---- loading, providers, descriptions ------------------------------------------------------

def test_load_from_path_bytes_and_pathlike(tmp_path):
    path = tmp_path / "m.onnx"
    onnx.save(add_mul_model(), str(path))
    f = feeds()
    want = [f["a"] + f["b"], f["a"] * f["b"]]
    for source in (str(path), path, path.read_bytes(), bytearray(path.read_bytes())):
        got = onnxi.InferenceSession(source).run(None, f)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
    with pytest.raises(TypeError):
        onnxi.InferenceSession(42)


def test_providers():
    m = add_mul_model().SerializeToString()
    assert onnxi.get_available_providers() == ["CPUExecutionProvider"]
    s = onnxi.InferenceSession(m, providers=["CPUExecutionProvider"])
    assert s.get_providers() == ["CPUExecutionProvider"]
    onnxi.InferenceSession(m, providers=[("CPUExecutionProvider", {})])
    with pytest.warns(RuntimeWarning, match="CPU only"):
        s = onnxi.InferenceSession(m, providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
    assert s.get_providers() == ["CPUExecutionProvider"]


def test_inputs_and_outputs_describe_names_shapes_types():
    m = make_model(
        [helper.make_node("Cast", ["x"], ["y"], to=TensorProto.INT64),
         helper.make_node("Shape", ["x"], ["s"])],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, None])],
        [helper.make_tensor_value_info("y", TensorProto.INT64, ["batch", 3, None]),
         helper.make_tensor_value_info("s", TensorProto.INT64, None)])
    s = session(m)
    (x,) = s.get_inputs()
    assert (x.name, x.shape, x.type) == ("x", ["batch", 3, None], "tensor(float)")
    y, sh = s.get_outputs()
    assert (y.name, y.shape, y.type) == ("y", ["batch", 3, None], "tensor(int64)")
    assert (sh.name, sh.shape, sh.type) == ("s", [], "tensor(int64)")
    assert "tensor(float)" in repr(x)


def test_initializers_are_not_inputs_to_feed():
    w = helper.make_tensor("w", TensorProto.FLOAT, [4], [1, 2, 3, 4])
    m = make_model([helper.make_node("Add", ["x", "w"], ["y"])],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4]),
                    helper.make_tensor_value_info("w", TensorProto.FLOAT, [4])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])],
                   initializers=[w])
    s = session(m)
    assert [i.name for i in s.get_inputs()] == ["x"]
    np.testing.assert_array_equal(s.run(None, {"x": np.zeros(4, np.float32)})[0], [1, 2, 3, 4])


def test_modelmeta():
    m = add_mul_model()
    m.producer_name, m.producer_version, m.domain = "maker", "3.2", "org.example"
    m.doc_string, m.model_version, m.graph.doc_string = "adds and multiplies", 5, "the graph"
    helper.set_model_props(m, {"author": "me", "license": "none"})
    meta = session(m).get_modelmeta()
    assert meta.producer_name == "maker" and meta.producer_version == "3.2"
    assert meta.graph_name == "g" and meta.domain == "org.example"
    assert meta.description == "adds and multiplies" and meta.graph_description == "the graph"
    assert meta.version == 5
    assert meta.custom_metadata_map == {"author": "me", "license": "none"}


# ---- run -----------------------------------------------------------------------------------

def test_run_all_outputs_or_a_subset_in_the_given_order():
    s = session(add_mul_model())
    f = feeds()
    y, z = f["a"] + f["b"], f["a"] * f["b"]
    for names in (None, []):
        got = s.run(names, f)
        assert len(got) == 2
        np.testing.assert_array_equal(got[0], y)
        np.testing.assert_array_equal(got[1], z)
    (only_z,) = s.run(["z"], f)
    np.testing.assert_array_equal(only_z, z)
    got = s.run(["z", "y"], f, onnxi.RunOptions())
    np.testing.assert_array_equal(got[0], z)
    np.testing.assert_array_equal(got[1], y)


def test_outputs_own_their_memory():
    s = session(add_mul_model())
    f1, f2 = feeds(seed=1), feeds(seed=2)
    first = s.run(None, f1)
    kept = [a.copy() for a in first]
    second = s.run(None, f2)
    for a, b in zip(first, kept):
        np.testing.assert_array_equal(a, b)  # the second run wrote elsewhere
    assert not np.shares_memory(first[0], second[0])
    assert first[0].flags.writeable and first[0].flags.c_contiguous
    first[0][...] = 0  # the caller's to change
    np.testing.assert_array_equal(s.run(["y"], f1)[0], kept[0])
    # An output that is a constant or a graph input is a copy, never shared with the session.
    m = make_model([helper.make_node("Identity", ["x"], ["y"])],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])])
    x = np.arange(3, dtype=np.float32)
    (y,) = session(m).run(None, {"x": x})
    assert not np.shares_memory(x, y)


def test_inputs_in_any_layout_are_converted():
    s = session(add_mul_model())
    base = np.arange(32, dtype=np.float32).reshape(4, 8)
    a = base[:, ::2]                      # not contiguous
    b = np.asfortranarray(base[:, :4])    # Fortran order
    y = s.run(["y"], {"a": a, "b": b})[0]
    np.testing.assert_array_equal(y, a + b)
    swapped = base[:, :4].astype(">f4")   # big-endian
    y = s.run(["y"], {"a": swapped, "b": swapped})[0]
    np.testing.assert_array_equal(y, base[:, :4] * 2)
    raw = np.zeros(4 * 4 * 4 + 1, np.uint8)[1:].view(np.float32).reshape(4, 4)  # misaligned
    assert not raw.flags.aligned
    raw[...] = base[:, :4]
    np.testing.assert_array_equal(s.run(["y"], {"a": raw, "b": raw})[0], base[:, :4] * 2)
    # Lists are read as the declared element type.
    y = s.run(["y"], {"a": [[1, 2, 3, 4]], "b": [[0.5, 0.5, 0.5, 0.5]]})[0]
    np.testing.assert_array_equal(y, [[1.5, 2.5, 3.5, 4.5]])
    assert y.dtype == np.float32


def test_element_types_round_trip():
    cases = [(np.float32, TensorProto.FLOAT), (np.float64, TensorProto.DOUBLE),
             (np.float16, TensorProto.FLOAT16), (np.int8, TensorProto.INT8),
             (np.int16, TensorProto.INT16), (np.int32, TensorProto.INT32),
             (np.int64, TensorProto.INT64), (np.uint8, TensorProto.UINT8),
             (np.uint16, TensorProto.UINT16), (np.uint32, TensorProto.UINT32),
             (np.uint64, TensorProto.UINT64), (np.bool_, TensorProto.BOOL)]
    for np_type, onnx_type in cases:
        m = make_model([helper.make_node("Identity", ["x"], ["y"])],
                       [helper.make_tensor_value_info("x", onnx_type, [2, 3])],
                       [helper.make_tensor_value_info("y", onnx_type, [2, 3])])
        x = (np.arange(6).reshape(2, 3) % 2).astype(np_type)
        (y,) = session(m).run(None, {"x": x})
        assert y.dtype == x.dtype
        np.testing.assert_array_equal(y, x)


def test_bfloat16_travels_as_uint16_bits():
    m = make_model([helper.make_node("Cast", ["x"], ["y"], to=TensorProto.FLOAT),
                    helper.make_node("Identity", ["x"], ["z"])],
                   [helper.make_tensor_value_info("x", TensorProto.BFLOAT16, [2])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2]),
                    helper.make_tensor_value_info("z", TensorProto.BFLOAT16, [2])])
    s = session(m)
    bits = np.array([0x3FC0, 0xC000], np.uint16)  # 1.5, -2.0
    y, z = s.run(None, {"x": bits})
    np.testing.assert_array_equal(y, [1.5, -2.0])
    assert z.dtype == np.uint16
    np.testing.assert_array_equal(z, bits)
    y, _ = s.run(None, {"x": np.array([1.5, -2.0], np.float32)})  # floats are rounded to it
    np.testing.assert_array_equal(y, [1.5, -2.0])


def test_strings_are_object_arrays():
    m = make_model([helper.make_node("StringNormalizer", ["x"], ["y"],
                                     case_change_action="UPPER")],
                   [helper.make_tensor_value_info("x", TensorProto.STRING, [3])],
                   [helper.make_tensor_value_info("y", TensorProto.STRING, [3])], opset=10)
    s = session(m)
    for x in (np.array(["a", "bé", ""], dtype=object), np.array(["a", "bé", ""]),
              np.array([b"a", "bé".encode(), b""], dtype=object)):
        (y,) = s.run(None, {"x": x})
        assert y.dtype == object
        assert list(y) == ["A", "BÉ", ""]
    with pytest.raises(onnxi.InvalidArgumentError, match="element 1 is a int"):
        s.run(None, {"x": np.array(["a", 3, "c"], dtype=object)})


def test_sequences_are_lists_and_empty_optionals_none():
    m = make_model(
        [helper.make_node("SequenceConstruct", ["a", "b"], ["seq"]),
         helper.make_node("SequenceAt", ["inseq", "i"], ["item"]),
         helper.make_node("OptionalHasElement", ["opt"], ["has"]),
         helper.make_node("Optional", [], ["none"],
                          type=helper.make_tensor_type_proto(TensorProto.FLOAT, [2]))],
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [2]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, [2]),
         helper.make_tensor_sequence_value_info("inseq", TensorProto.INT64, None),
         helper.make_tensor_value_info("i", TensorProto.INT64, []),
         helper.make_value_info("opt", helper.make_optional_type_proto(
             helper.make_tensor_type_proto(TensorProto.FLOAT, [2])))],
        [helper.make_tensor_sequence_value_info("seq", TensorProto.FLOAT, None),
         helper.make_tensor_value_info("item", TensorProto.INT64, None),
         helper.make_tensor_value_info("has", TensorProto.BOOL, []),
         helper.make_value_info("none", helper.make_optional_type_proto(
             helper.make_tensor_type_proto(TensorProto.FLOAT, [2])))], opset=18)
    s = session(m)
    types = {i.name: i.type for i in s.get_inputs() + s.get_outputs()}
    assert types["inseq"] == "seq(tensor(int64))" and types["opt"] == "optional(tensor(float))"
    a, b = np.ones(2, np.float32), np.full(2, 2, np.float32)
    inseq = [np.array([7], np.int64), np.array([8, 9], np.int64)]
    seq, item, has, none = s.run(None, {"a": a, "b": b, "inseq": inseq,
                                        "i": np.array(1, np.int64), "opt": None})
    assert isinstance(seq, list) and len(seq) == 2
    np.testing.assert_array_equal(seq[0], a)
    np.testing.assert_array_equal(seq[1], b)
    np.testing.assert_array_equal(item, [8, 9])
    assert has.shape == () and not has
    assert none is None
    (has,) = s.run(["has"], {"a": a, "b": b, "inseq": inseq, "i": np.array(0, np.int64),
                             "opt": np.zeros(2, np.float32)})
    assert has
    with pytest.raises(onnxi.InvalidArgumentError, match="fed as a list of arrays"):
        s.run(None, {"a": a, "b": b, "inseq": inseq[0], "i": np.array(0, np.int64), "opt": None})
    with pytest.raises(onnxi.InvalidArgumentError, match="input 'a' is None"):
        s.run(None, {"a": None, "b": b, "inseq": inseq, "i": np.array(0, np.int64), "opt": None})


# ---- options -------------------------------------------------------------------------------

def profile_of(model_bytes, level, tmp_path, monkeypatch):
    opts = onnxi.SessionOptions()
    opts.graph_optimization_level = level
    opts.enable_profiling = True
    opts.profile_file_prefix = "p%d" % level
    s = onnxi.InferenceSession(model_bytes, opts)
    x = np.random.default_rng(0).random((1, 3, 64, 64), dtype=np.float32)
    out = s.run(None, {"image": x})[0]
    monkeypatch.chdir(tmp_path)
    path = s.end_profiling()
    assert os.path.basename(path).startswith("p%d_" % level) and path.endswith(".txt")
    with open(path) as f:
        return f.read(), out


def test_graph_optimization_levels_and_profiling(tmp_path, monkeypatch):
    with open(RESNET, "rb") as f:
        model = f.read()
    L = onnxi.GraphOptimizationLevel
    none, y0 = profile_of(model, L.ORT_DISABLE_ALL, tmp_path, monkeypatch)
    basic, y1 = profile_of(model, L.ORT_ENABLE_BASIC, tmp_path, monkeypatch)
    full, y2 = profile_of(model, L.ORT_ENABLE_ALL, tmp_path, monkeypatch)
    # No rewrite and BASIC (Identity removal and constant folding only): Conv and Relu run
    # as exported; ALL fuses the activations into the convolutions.
    assert "Relu" in none and "FusedConv" not in none
    assert "Relu" in basic and "FusedConv" not in basic
    assert "FusedConv" in full and "Relu" not in full
    np.testing.assert_allclose(y1, y0, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y2, y0, rtol=1e-4, atol=1e-6)
    assert onnxi.InferenceSession(model).end_profiling() == ""


def test_basic_level_removes_identity():
    m = make_model([helper.make_node("Identity", ["x"], ["t"]), helper.make_node("Relu", ["t"], ["y"])],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    reports = {}
    for level in (onnxi.GraphOptimizationLevel.ORT_DISABLE_ALL,
                  onnxi.GraphOptimizationLevel.ORT_ENABLE_BASIC):
        opts = onnxi.SessionOptions()
        opts.graph_optimization_level = level
        opts.enable_profiling = True
        s = session(m, opts)
        s.run(None, {"x": np.array([-1, 1], np.float32)})
        reports[level] = s._sess.profile_report()
    assert "Identity" in reports[onnxi.GraphOptimizationLevel.ORT_DISABLE_ALL]
    assert "Identity" not in reports[onnxi.GraphOptimizationLevel.ORT_ENABLE_BASIC]


def test_threads_kernels_and_other_options_give_the_same_result():
    with open(RESNET, "rb") as f:
        model = f.read()
    x = np.random.default_rng(3).random((1, 3, 64, 64), dtype=np.float32)
    want = onnxi.InferenceSession(model).run(None, {"image": x})[0]
    opts = onnxi.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.log_severity_level = 3
    opts.enable_mem_pattern = False
    got = onnxi.InferenceSession(model, opts).run(None, {"image": x})[0]
    np.testing.assert_array_equal(got, want)  # bit-identical for any thread count
    opts = onnxi.SessionOptions()
    opts.kernels = "ref"
    got = onnxi.InferenceSession(model, opts).run(None, {"image": x})[0]
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
    opts.kernels = "fast"
    with pytest.raises(onnxi.InvalidArgumentError, match="kernels expects simd, ref"):
        onnxi.InferenceSession(model, opts)
    opts = onnxi.SessionOptions()
    opts.disabled_rewrites = ["no-such-rewrite"]
    with pytest.raises(onnxi.InvalidArgumentError, match="no-such-rewrite"):
        onnxi.InferenceSession(model, opts)
    assert ("fuse-activation" in dict(onnxi.list_rewrites()))


# ---- errors --------------------------------------------------------------------------------

def cli_error(model_path):
    """What `onnxi run MODEL` prints on stderr, without its "onnxi: " prefix."""
    r = subprocess.run([os.path.join(BINARY, "onnxi"), "run", str(model_path)],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert r.stderr.startswith("onnxi: ")
    return r.stderr[len("onnxi: "):].rstrip("\n")


def test_error_classes():
    for cls in (onnxi.InvalidModelError, onnxi.InvalidArgumentError, onnxi.UnsupportedError,
                onnxi.FileError, onnxi.InternalError, onnxi.ResourceExhaustedError,
                onnxi.CancelledError, onnxi.DeadlineExceededError):
        assert issubclass(cls, onnxi.OnnxiError)
    assert issubclass(onnxi.InvalidArgumentError, ValueError)
    assert issubclass(onnxi.UnsupportedError, NotImplementedError)
    assert issubclass(onnxi.FileError, OSError)
    assert issubclass(onnxi.ResourceExhaustedError, MemoryError)
    assert issubclass(onnxi.DeadlineExceededError, TimeoutError)
    assert onnxi.InvalidArgument is onnxi.InvalidArgumentError and onnxi.Fail is onnxi.OnnxiError


def test_unsupported_nodes_are_all_listed_with_the_cli_message(tmp_path):
    m = make_model([helper.make_node("Relu", ["x"], ["t"]),
                    helper.make_node("NoSuchOp", ["t"], ["u"], name="first"),
                    helper.make_node("AlsoMissing", ["u"], ["y"], name="second")],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    path = tmp_path / "unsupported.onnx"
    onnx.save(m, str(path))
    with pytest.raises(onnxi.UnsupportedError) as e:
        onnxi.InferenceSession(str(path))
    assert "NoSuchOp" in str(e.value) and "AlsoMissing" in str(e.value)
    assert "first" in str(e.value) and "second" in str(e.value)
    assert str(e.value) == cli_error(path)


def test_invalid_model_and_missing_file_with_the_cli_message(tmp_path):
    path = tmp_path / "garbage.onnx"
    path.write_bytes(b"this is plainly not a protobuf \xff\xff\xff")
    with pytest.raises(onnxi.InvalidModelError, match="not an ONNX model") as e:
        onnxi.InferenceSession(str(path))
    assert str(e.value) == cli_error(path)
    with pytest.raises(onnxi.InvalidModelError, match="not an ONNX model"):
        onnxi.InferenceSession(path.read_bytes())
    missing = tmp_path / "missing.onnx"
    with pytest.raises(onnxi.FileError) as e:
        onnxi.InferenceSession(str(missing))
    assert str(e.value) == cli_error(missing) == "cannot open '%s'" % missing


def test_wrong_inputs_are_invalid_arguments():
    s = session(add_mul_model())
    f = feeds()
    with pytest.raises(onnxi.InvalidArgumentError, match="has element type float64"):
        s.run(None, {"a": f["a"].astype(np.float64), "b": f["b"]})
    with pytest.raises(onnxi.InvalidArgumentError, match="has shape"):
        s.run(None, {"a": np.zeros((2, 5), np.float32), "b": np.zeros((2, 5), np.float32)})
    with pytest.raises(onnxi.InvalidArgumentError, match="no input named 'c'"):
        s.run(None, dict(f, c=f["a"]))
    with pytest.raises(onnxi.InvalidArgumentError, match="input 'b'.*was not given"):
        s.run(None, {"a": f["a"]})
    with pytest.raises(onnxi.InvalidArgumentError, match="no output named 'w'"):
        s.run(["y", "w"], f)
    with pytest.raises(ValueError):  # also a ValueError, as callers of ORT may catch
        s.run(None, {"a": f["a"]})
    with pytest.raises(onnxi.InvalidArgumentError, match="no ONNX element type"):
        s.run(None, {"a": np.zeros((2, 4), "datetime64[s]"), "b": f["b"]})


def test_a_run_over_max_memory_is_resource_exhausted():
    m = make_model([helper.make_node("ConstantOfShape", ["shape"], ["y"])],
                   [helper.make_tensor_value_info("shape", TensorProto.INT64, [2])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    opts = onnxi.SessionOptions()
    opts.max_memory = 1 << 20
    s = session(m, opts)
    assert s.run(None, {"shape": np.array([16, 16], np.int64)})[0].shape == (16, 16)
    with pytest.raises(onnxi.ResourceExhaustedError, match="ConstantOfShape"):
        s.run(None, {"shape": np.array([1024, 1024], np.int64)})


# ---- threads -------------------------------------------------------------------------------

def test_concurrent_runs_on_one_session():
    # A model long enough (a few hundred microseconds) that runs of several threads overlap,
    # fed a different batch size by each thread so that runs alternate between shapes.
    rng = np.random.default_rng(7)
    w = rng.standard_normal((256, 256), dtype=np.float32)
    m = make_model([helper.make_node("MatMul", ["x", "w"], ["t"]),
                    helper.make_node("Relu", ["t"], ["r"]),
                    helper.make_node("ReduceSum", ["r"], ["y"], keepdims=0)],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 256])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, None),
                    helper.make_tensor_value_info("r", TensorProto.FLOAT, ["N", 256])],
                   initializers=[numpy_helper.from_array(w, "w")], opset=13)
    s = session(m)
    work = {t: [rng.standard_normal((16 * (t + 1), 256), dtype=np.float32) for _ in range(60)]
            for t in range(4)}
    want = {t: [s.run(None, {"x": x}) for x in xs] for t, xs in work.items()}
    failures = []

    def worker(t):
        try:
            for x, (y, r) in zip(work[t], want[t]):
                got_y, got_r = s.run(None, {"x": x})
                np.testing.assert_array_equal(got_r, r)
                np.testing.assert_array_equal(got_y, y)
        except Exception as e:  # reported below, with the thread
            failures.append((t, e))

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not failures, failures


def test_run_releases_the_gil():
    # A thread that counts whenever it holds the GIL, giving it up after every step. With a
    # long switch interval nothing forces the running thread to hand the GIL over, so the
    # counter moves during run() only if run() itself releases the GIL.
    n = 768
    m = make_model([helper.make_node("MatMul", ["a", "b"], ["c"])],
                   [helper.make_tensor_value_info("a", TensorProto.FLOAT, [n, n]),
                    helper.make_tensor_value_info("b", TensorProto.FLOAT, [n, n])],
                   [helper.make_tensor_value_info("c", TensorProto.FLOAT, [n, n])])
    s = session(m)
    x = np.ones((n, n), np.float32)
    s.run(None, {"a": x, "b": x})
    count = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)

    old = sys.getswitchinterval()
    sys.setswitchinterval(2.0)
    spinner = threading.Thread(target=spin)
    try:
        spinner.start()
        moved = []
        for _ in range(3):
            before = count[0]
            s.run(None, {"a": x, "b": x})
            moved.append(count[0] - before)
    finally:
        stop.set()
        spinner.join()
        sys.setswitchinterval(old)
    assert min(moved) > 0, moved
