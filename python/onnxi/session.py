"""ONNX Runtime's Python session surface over onnxi's C++ Session.

Code written for ``onnxruntime`` runs on onnxi with the import changed::

    import onnxi as ort
    sess = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
    (y,) = sess.run(None, {sess.get_inputs()[0].name: x})

What is the same as ONNX Runtime: ``InferenceSession`` from a path or bytes, ``providers``,
``get_inputs()/get_outputs()`` (``NodeArg`` with ``name``, ``shape``, ``type``),
``run(output_names, input_feed, run_options=None)``, ``get_modelmeta()``, ``end_profiling()``,
``SessionOptions`` and ``GraphOptimizationLevel``. Where onnxi differs, the docstring of the
attribute says so.
"""

import enum
import os
import time
import warnings

from . import _onnxi

_CPU = "CPUExecutionProvider"

# ONNX element type numbers -> ONNX Runtime's spelling in NodeArg.type ("tensor(float)").
_TYPE_NAMES = {
    1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
    8: "string", 9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64",
    14: "complex64", 15: "complex128", 16: "bfloat16", 17: "float8e4m3fn",
    18: "float8e4m3fnuz", 19: "float8e5m2", 20: "float8e5m2fnuz", 21: "uint4", 22: "int4",
    23: "float4e2m1", 24: "float8e8m0", 25: "uint2", 26: "int2",
}


def get_available_providers():
    """onnxi runs on the CPU only."""
    return [_CPU]


def get_device():
    return "CPU"


class GraphOptimizationLevel(enum.IntEnum):
    """How much onnxi rewrites the graph at load (its rewrites, ``onnxi run --help``).

    - ``ORT_DISABLE_ALL``: no rewrites at all (``Options::rewrite = false``; no load-time
      constant folding either). The first run still settles constant subgraphs while it
      infers shapes, as every onnxi run does.
    - ``ORT_ENABLE_BASIC``: only ``remove-identity`` and ``fold-constants``, the rewrites
      that change no arithmetic.
    - ``ORT_ENABLE_EXTENDED`` and ``ORT_ENABLE_ALL`` (the default): every rewrite (BatchNorm
      folding, MatMul+Add -> Gemm, activation/residual fusion, LayerNorm/Gelu fusion,
      MobileNet's inverted bottleneck). onnxi has no layout-changing level beyond it.
    """

    ORT_DISABLE_ALL = 0
    ORT_ENABLE_BASIC = 1
    ORT_ENABLE_EXTENDED = 2
    ORT_ENABLE_ALL = 99


class ExecutionMode(enum.IntEnum):
    """Accepted for compatibility; onnxi always runs the nodes in order."""

    ORT_SEQUENTIAL = 0
    ORT_PARALLEL = 1


_BASIC_REWRITES = ("remove-identity", "fold-constants")


class SessionOptions:
    """Options of an InferenceSession (ONNX Runtime's names, onnxi's meaning).

    - ``intra_op_num_threads``: threads of the session (onnxi's ``Options::threads``);
      0, ONNX Runtime's "choose for me", means onnxi's default of one thread. Outputs are
      bit-identical for every thread count.
    - ``graph_optimization_level``: see ``GraphOptimizationLevel``.
    - ``log_severity_level``, ``log_verbosity_level``, ``logid``: accepted and kept; onnxi
      does not log, it reports every problem as an exception.
    - ``enable_profiling`` / ``profile_file_prefix``: time every node of every run;
      ``InferenceSession.end_profiling()`` writes onnxi's profile (time per op type, the
      slowest nodes; text, not ONNX Runtime's JSON) to ``<prefix>_<date>.txt``.
    - ``enable_mem_pattern``: onnxi's memory plan (one arena for all intermediates); False
      gives every intermediate its own buffer.
    - ``inter_op_num_threads``, ``execution_mode``, ``enable_cpu_mem_arena``: accepted for
      compatibility, no effect.

    onnxi's own:

    - ``kernels``: ``"simd"`` (default: the best instruction set this CPU runs), ``"ref"``
      (the scalar reference kernels), or one of ``"generic"``, ``"avx2"``, ``"avx512"``.
    - ``disabled_rewrites``: names of single rewrites to turn off (``onnxi.list_rewrites()``).
    - ``check_input_shapes``: inputs must match the declared dims (default True); the ONNX
      backend tests turn it off, as ``onnxi conformance`` does.
    - ``max_memory``: bytes of tensors a run may hold (0: the machine's physical memory); a
      run that needs more raises ``ResourceExhaustedError`` naming the node.
    """

    def __init__(self):
        self.intra_op_num_threads = 0
        self.inter_op_num_threads = 0
        self.graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
        self.execution_mode = ExecutionMode.ORT_SEQUENTIAL
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.enable_profiling = False
        self.profile_file_prefix = "onnxi_profile"
        self.enable_mem_pattern = True
        self.enable_cpu_mem_arena = True
        self.kernels = "simd"
        self.disabled_rewrites = []
        self.check_input_shapes = True
        self.max_memory = 0

    def _load_arguments(self):
        """The keyword arguments of _onnxi.Session.load these options stand for."""
        level = GraphOptimizationLevel(self.graph_optimization_level)
        disabled = list(self.disabled_rewrites)
        if level == GraphOptimizationLevel.ORT_ENABLE_BASIC:
            disabled += [n for n, _ in _onnxi.list_rewrites() if n not in _BASIC_REWRITES]
        threads = int(self.intra_op_num_threads)
        return dict(
            threads=threads if threads > 0 else 1,
            kernels=str(self.kernels),
            rewrite=level != GraphOptimizationLevel.ORT_DISABLE_ALL,
            disabled_rewrites=disabled,
            memory_plan=bool(self.enable_mem_pattern),
            check_input_shapes=bool(self.check_input_shapes),
            profile=bool(self.enable_profiling),
            max_memory=int(self.max_memory),
        )


class RunOptions:
    """Accepted by ``run`` for compatibility; onnxi reads none of it."""

    def __init__(self):
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.run_tag = ""
        self.terminate = False


class NodeArg:
    """A declared graph input or output: ``name``, ``shape`` and ``type`` as in ONNX Runtime.

    ``shape`` holds an int per known dim, the symbol (a str) for a symbolic dim and None for
    an unknown one; it is [] when the model declares no shape. ``type`` is
    ``'tensor(float)'``, ``'seq(tensor(int64))'``, ``'optional(tensor(float))'``, ...
    """

    def __init__(self, desc):
        self.name = desc["name"]
        if desc["has_shape"]:
            self.shape = [d if d >= 0 else (n or None)
                          for d, n in zip(desc["dims"], _padded(desc["dim_names"], len(desc["dims"])))]
        else:
            self.shape = []
        elem = "tensor(%s)" % _TYPE_NAMES.get(desc["dtype"], "undefined")
        kind = desc["kind"]
        if kind == "sequence":
            self.type = "seq(%s)" % elem
        elif kind == "optional":
            self.type = "optional(%s)" % ("seq(%s)" % elem if desc["optional_of_sequence"] else elem)
        else:
            self.type = elem

    def __repr__(self):
        return "NodeArg(name=%r, type=%r, shape=%r)" % (self.name, self.type, self.shape)


def _padded(names, n):
    return list(names) + [""] * (n - len(names))


class ModelMetadata:
    """What the model says about itself: ``producer_name``, ``graph_name``, ``domain``,
    ``description``, ``graph_description``, ``version`` and ``custom_metadata_map`` (the
    model's metadata_props as a dict), as in ONNX Runtime; onnxi adds
    ``producer_version``."""

    def __init__(self, d):
        self.producer_name = d["producer_name"]
        self.producer_version = d["producer_version"]
        self.graph_name = d["graph_name"]
        self.domain = d["domain"]
        self.description = d["description"]
        self.graph_description = d["graph_description"]
        self.version = d["version"]
        self.custom_metadata_map = dict(d["custom_metadata_map"])

    def __repr__(self):
        return "ModelMetadata(producer_name=%r, graph_name=%r, version=%r)" % (
            self.producer_name, self.graph_name, self.version)


def _check_providers(providers):
    """ONNX Runtime's providers argument: names or (name, options) pairs. onnxi is its CPU
    provider; others are warned about and fall back to it, as ONNX Runtime does."""
    for p in providers or []:
        name = p[0] if isinstance(p, (tuple, list)) else p
        if name != _CPU:
            warnings.warn("onnxi runs on the CPU only: provider %r is not available, using %s"
                          % (name, _CPU), RuntimeWarning, stacklevel=3)


class InferenceSession:
    """Loads a model once (a path or the serialized bytes); ``run`` runs it many times.

    Errors are onnxi exceptions (``onnxi.OnnxiError`` and its subclasses) whose message is
    the one the ``onnxi`` CLI prints. ``run`` releases the GIL; several Python threads may
    call it on one session at once (their runs take turns on the session's plan; for runs in
    parallel, give each thread its own session). Inputs that are C-contiguous, aligned numpy arrays in native byte order are read
    in place; others are converted first. Outputs own their memory.
    """

    def __init__(self, path_or_bytes, sess_options=None, providers=None, provider_options=None,
                 **kwargs):
        _check_providers(providers)
        self._options = sess_options if sess_options is not None else SessionOptions()
        args = self._options._load_arguments()
        if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
            self._model_path = None
            self._sess = _onnxi.Session.load(bytes(path_or_bytes), True, **args)
        elif isinstance(path_or_bytes, (str, os.PathLike)):
            self._model_path = os.fspath(path_or_bytes)
            self._sess = _onnxi.Session.load(self._model_path, False, **args)
        else:
            raise TypeError("InferenceSession expects a path or the model's bytes, got %s"
                            % type(path_or_bytes).__name__)
        self._inputs = [NodeArg(d) for d in self._sess.inputs()]
        self._outputs = [NodeArg(d) for d in self._sess.outputs()]
        self._profile_start = time.time()

    def run(self, output_names, input_feed, run_options=None):
        """Runs the model on ``input_feed`` (a dict of input name -> array; a list of arrays
        for a sequence input, None for an empty optional). ``output_names`` None or []
        returns every output in declared order; a list returns those, in that order."""
        return self._sess.run(output_names or None, input_feed)

    def get_inputs(self):
        """The inputs to feed (declared inputs that have no initializer)."""
        return list(self._inputs)

    def get_outputs(self):
        return list(self._outputs)

    def get_overridable_initializers(self):
        """onnxi does not list initializers that a feed may override."""
        return []

    def get_modelmeta(self):
        return ModelMetadata(self._sess.metadata())

    def get_providers(self):
        return [_CPU]

    def get_provider_options(self):
        return {_CPU: {}}

    def set_providers(self, providers=None, provider_options=None):
        _check_providers(providers)

    def get_session_options(self):
        return self._options

    def end_profiling(self):
        """Writes onnxi's profile of every run so far to ``<profile_file_prefix>_<date>.txt``
        in the working directory and returns that path; "" when profiling is off."""
        if not self._options.enable_profiling:
            return ""
        stamp = time.strftime("%Y-%m-%d_%H-%M-%S", time.localtime(self._profile_start))
        path = "%s_%s.txt" % (self._options.profile_file_prefix, stamp)
        with open(path, "w") as f:
            f.write(self._sess.profile_report())
        return path

    def plan_report(self):
        """onnxi's memory plan of the last run: every planned value's offset, size and
        lifetime, then the peak (``onnxi run --plan``)."""
        return self._sess.plan_report()

    def last_run_random_node(self):
        """The first node that drew random numbers in the last run, or ""."""
        return self._sess.last_run_random_node()


def list_rewrites():
    """onnxi's graph rewrites, in the order they run: a list of (name, description)."""
    return list(_onnxi.list_rewrites())
