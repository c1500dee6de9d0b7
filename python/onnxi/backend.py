"""onnxi as an ONNX backend (``onnx.backend.base``): ``prepare``, ``run_model``, ``run_node``,
``supports_device``, so onnx's own ``onnx.backend.test.BackendTest`` runs on onnxi::

    import onnx.backend.test, onnxi.backend
    globals().update(onnx.backend.test.BackendTest(onnxi.backend, __name__).test_cases)

Keyword arguments of ``prepare``/``run_model``/``run_node`` set ``onnxi.SessionOptions``
attributes by name (``kernels="ref"``, ``intra_op_num_threads=2``, ...). Two choices follow
``onnxi conformance`` so that both judge the backend data alike:

- ``check_input_shapes`` defaults to False: a few backend cases feed shapes other than the
  dims their model declares, which ONNX does not forbid at run time.
- ``prepare`` does not call ``onnx.checker`` (``Backend.prepare`` does): onnxi validates what
  it loads itself, and the checker of onnx 1.12 rejects models newer than itself.
"""

import numpy as np
import onnx
from onnx import helper, mapping
from onnx.backend.base import Backend, BackendRep, Device, DeviceType, namedtupledict

from .session import InferenceSession, SessionOptions


def _options(kwargs):
    opts = SessionOptions()
    opts.check_input_shapes = False
    for key, value in kwargs.items():
        if not hasattr(opts, key):
            raise TypeError("onnxi.backend: unknown option %r (SessionOptions has no such "
                            "attribute)" % key)
        setattr(opts, key, value)
    return opts


def _check_device(device):
    if Device(device).type != DeviceType.CPU:
        raise ValueError("onnxi runs on the CPU only, not on %r" % device)


def _tensor_type(dtype):
    """TensorProto element type of a numpy dtype (str and bytes arrays are strings)."""
    if dtype.kind in "OUS":
        return onnx.TensorProto.STRING
    return mapping.NP_TYPE_TO_TENSOR_TYPE[np.dtype(dtype)]


class OnnxiBackendRep(BackendRep):
    """A prepared model: ``run(inputs)`` takes a list of arrays in the order of the graph's
    declared inputs (as the backend tests give them), a dict by name, or one array."""

    def __init__(self, session, input_names):
        self.session = session
        self._input_names = input_names
        self._output_names = [o.name for o in session.get_outputs()]

    def run(self, inputs, **kwargs):
        if isinstance(inputs, dict):
            feed = inputs
        else:
            if isinstance(inputs, np.ndarray):
                inputs = [inputs]
            if len(inputs) > len(self._input_names):
                raise ValueError("%d inputs given; the model declares %d"
                                 % (len(inputs), len(self._input_names)))
            feed = dict(zip(self._input_names, inputs))
        outputs = self.session.run(None, feed)
        return namedtupledict("Outputs", self._output_names)(*outputs)


class OnnxiBackend(Backend):
    @classmethod
    def is_compatible(cls, model, device="CPU", **kwargs):
        return cls.supports_device(device)

    @classmethod
    def prepare(cls, model, device="CPU", **kwargs):
        """``model``: a ModelProto, its serialized bytes or a path."""
        _check_device(device)
        opts = _options(kwargs)
        if isinstance(model, onnx.ModelProto):
            session = InferenceSession(model.SerializeToString(), opts)
            proto = model
        else:
            session = InferenceSession(model, opts)
            proto = onnx.load_model_from_string(model) if isinstance(model, bytes) else \
                onnx.load(model, load_external_data=False)
        # Positional inputs follow the declared graph inputs, initializers included, as the
        # backend test data numbers them (input_K.pb is graph.input[K]).
        names = [i.name for i in proto.graph.input]
        return OnnxiBackendRep(session, names)

    @classmethod
    def run_model(cls, model, inputs, device="CPU", **kwargs):
        return cls.prepare(model, device, **kwargs).run(inputs)

    @classmethod
    def run_node(cls, node, inputs, device="CPU", outputs_info=None, **kwargs):
        """Runs one NodeProto on ``inputs`` (arrays in the node's input order).
        ``outputs_info`` optionally gives (element type, shape) per output;
        ``opset_version`` picks the opset (default: the newest this onnx knows)."""
        _check_device(device)
        opset = kwargs.pop("opset_version", onnx.defs.onnx_opset_version())
        if isinstance(inputs, dict):
            inputs = [inputs[name] for name in node.input if name]
        given = [name for name in node.input if name]
        graph_inputs = []
        for name, value in zip(given, inputs):
            value = np.asarray(value)
            elem = _tensor_type(value.dtype)
            graph_inputs.append(helper.make_tensor_value_info(name, elem, value.shape))
        graph_outputs = []
        for k, name in enumerate(node.output):
            if not name:
                continue
            if outputs_info is not None and k < len(outputs_info):
                elem, shape = outputs_info[k]
                elem = elem if isinstance(elem, int) else _tensor_type(np.dtype(elem))
                graph_outputs.append(helper.make_tensor_value_info(name, elem, shape))
            else:
                graph_outputs.append(onnx.ValueInfoProto(name=name))
        graph = helper.make_graph([node], "run_node_%s" % node.op_type, graph_inputs, graph_outputs)
        imports = [helper.make_opsetid("", opset)]
        if node.domain not in ("", "ai.onnx"):
            imports.append(helper.make_opsetid(node.domain, 1))
        model = helper.make_model(graph, opset_imports=imports, producer_name="onnxi.backend")
        rep = cls.prepare(model, device, **kwargs)
        return rep.run(dict(zip(given, inputs)))

    @classmethod
    def supports_device(cls, device):
        try:
            return Device(device).type == DeviceType.CPU
        except Exception:  # an unparsable device string is not one onnxi has
            return False


prepare = OnnxiBackend.prepare
run_model = OnnxiBackend.run_model
run_node = OnnxiBackend.run_node
supports_device = OnnxiBackend.supports_device
is_compatible = OnnxiBackend.is_compatible
