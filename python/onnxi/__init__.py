"""onnxi: an ONNX inference runtime, with ONNX Runtime's Python surface.

    import numpy as np, onnxi
    sess = onnxi.InferenceSession("model.onnx")
    x = np.random.rand(1, 3, 224, 224).astype(np.float32)
    (y,) = sess.run(None, {sess.get_inputs()[0].name: x})

- ``InferenceSession``, ``SessionOptions``, ``GraphOptimizationLevel``, ``RunOptions``,
  ``get_available_providers()``: as in ``onnxruntime`` (onnxi/session.py says where onnxi
  differs).
- ``onnxi.backend``: an ``onnx.backend.base.Backend`` for onnx's backend tests.
- ``onnxi.verify(module, args)``: checks a torch export against torch and names the first
  submodule whose ONNX counterpart diverges.

Errors: ``OnnxiError`` is the base class; ``InvalidModelError``, ``InvalidArgumentError``
(also a ValueError), ``UnsupportedError`` (also a NotImplementedError; its message lists
every unsupported node), ``FileError`` (also an OSError), ``ResourceExhaustedError`` (also a
MemoryError), ``DeadlineExceededError`` (also a TimeoutError), ``CancelledError`` and
``InternalError`` derive from it. ONNX Runtime's names for them are aliases: ``Fail``, ``InvalidGraph``,
``InvalidProtobuf``, ``InvalidArgument``, ``NotImplemented``, ``NoSuchFile``.
"""

from ._onnxi import (CancelledError, DeadlineExceededError, FileError, InternalError,
                     InvalidArgumentError, InvalidModelError, OnnxiError, ResourceExhaustedError,
                     UnsupportedError)
from .session import (ExecutionMode, GraphOptimizationLevel, InferenceSession, ModelMetadata,
                      NodeArg, RunOptions, SessionOptions, get_available_providers, get_device,
                      list_rewrites)

# ONNX Runtime's exception names (onnxruntime.capi.onnxruntime_pybind11_state).
Fail = OnnxiError
RuntimeException = OnnxiError
InvalidArgument = InvalidArgumentError
InvalidGraph = InvalidModelError
InvalidProtobuf = InvalidModelError
NotImplemented = UnsupportedError  # noqa: A001 - ONNX Runtime's name
NoSuchFile = FileError

# The function, not its module: onnxi.verify(module, args). torch is imported when it is
# called, so ``import onnxi`` stays light.
from .verify import VerifyReport, verify  # noqa: E402


__all__ = [
    "InferenceSession", "SessionOptions", "RunOptions", "GraphOptimizationLevel",
    "ExecutionMode", "NodeArg", "ModelMetadata", "get_available_providers", "get_device",
    "list_rewrites", "verify", "VerifyReport", "OnnxiError", "InvalidModelError", "InvalidArgumentError",
    "UnsupportedError", "FileError", "InternalError", "ResourceExhaustedError",
    "CancelledError", "DeadlineExceededError",
]
