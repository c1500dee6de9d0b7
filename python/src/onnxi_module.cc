// onnxi._onnxi: the C++ half of the Python module, over the public C++ API only
// (include/onnxi/). The ORT-shaped classes (InferenceSession, SessionOptions, NodeArg, ...)
// are written in Python on top of this (python/onnxi/session.py).
//
// What crosses the boundary:
//   numpy array (C-contiguous, element-aligned, native byte order) -> Tensor::Borrow, no copy;
//   any other array, list or scalar -> converted to such an array first (one copy);
//   object / str / bytes arrays -> an owned string tensor (copied, strings are never borrowed);
//   a list of arrays for a sequence input -> Value::Sequence (owned copies, as Value requires);
//   None for an optional input -> Value::None().
//   Output tensors are the runtime's own buffers (Session returns owning tensors for graph
//   outputs): the numpy array points into them and a capsule keeps the Tensor alive, so
//   nothing is copied and no later run can overwrite them. Strings become object arrays of
//   str, sequences lists of arrays, an empty optional None. bfloat16 has no numpy type: it
//   travels as uint16 arrays of its bits (as onnx.numpy_helper reads a bfloat16 TensorProto
//   and ONNX Runtime hands it out); a float array fed to a bfloat16 input is rounded to it.
//
// Errors: every Status becomes an exception of the class for its code (created here, see
// RegisterErrors) with the Status message unchanged, so the text is the CLI's.
//
// Threads: load and run release the GIL. Session::Run may be called from several threads
// at once (the runs of one session take turns on its plan; runs of different sessions run
// in parallel), so the binding adds no lock of its own.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <bit>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "onnxi/options.h"
#include "onnxi/session.h"

namespace py = pybind11;
using namespace pybind11::literals;  // NOLINT: "dtype"_a keyword arguments

namespace onnxi {
namespace {

// ---- errors ------------------------------------------------------------------------------

// The exception classes, one per Status code (plus the base), created once at import.
struct ErrorClasses {
  PyObject* base = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* invalid_model = nullptr;
  PyObject* unsupported = nullptr;
  PyObject* io = nullptr;
  PyObject* internal = nullptr;
  PyObject* resource_exhausted = nullptr;
  PyObject* cancelled = nullptr;
  PyObject* deadline_exceeded = nullptr;
};
ErrorClasses errors;

// A Status on its way to Python: thrown from C++ and turned into its class by the
// translator registered in the module init.
struct StatusError {
  Status status;
};

[[noreturn]] void Throw(const Status& s) { throw StatusError{s}; }
[[noreturn]] void ThrowInvalidArgument(const std::string& m) { Throw(Status::InvalidArgument(m)); }

PyObject* ErrorClassFor(Status::Code code) {
  switch (code) {
    case Status::Code::kInvalidArgument:
      return errors.invalid_argument;
    case Status::Code::kInvalidModel:
      return errors.invalid_model;
    case Status::Code::kUnsupported:
      return errors.unsupported;
    case Status::Code::kIoError:
      return errors.io;
    case Status::Code::kInternal:
      return errors.internal;
    case Status::Code::kResourceExhausted:
      return errors.resource_exhausted;
    case Status::Code::kCancelled:
      return errors.cancelled;
    case Status::Code::kDeadlineExceeded:
      return errors.deadline_exceeded;
    default:
      return errors.base;
  }
}

// Creates onnxi.<name> deriving from `bases` (a class or a tuple of classes).
PyObject* NewError(py::module_& m, const char* name, py::handle bases, const char* doc) {
  std::string qualified = std::string("onnxi.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module holds a reference from here on
  return cls;
}

void RegisterErrors(py::module_& m) {
  py::handle builtins = py::module_::import("builtins");
  errors.base = NewError(m, "OnnxiError", builtins.attr("RuntimeError"),
                         "Base class of every error onnxi raises.");
  py::handle base(errors.base);
  errors.invalid_argument = NewError(
      m, "InvalidArgumentError", py::make_tuple(base, builtins.attr("ValueError")),
      "A caller's input is wrong: an unknown input or output name, a wrong element type or "
      "shape, a missing input, a bad option.");
  errors.invalid_model = NewError(m, "InvalidModelError", base,
                                  "The model breaks the ONNX spec or is not an ONNX model.");
  errors.unsupported = NewError(
      m, "UnsupportedError", py::make_tuple(base, builtins.attr("NotImplementedError")),
      "Valid ONNX that onnxi does not implement; the message lists every unsupported node.");
  errors.io = NewError(m, "FileError", py::make_tuple(base, builtins.attr("OSError")),
                       "A model file is missing or unreadable.");
  errors.internal = NewError(m, "InternalError", base, "A bug in onnxi.");
  errors.resource_exhausted =
      NewError(m, "ResourceExhaustedError", py::make_tuple(base, builtins.attr("MemoryError")),
               "A run needs more memory than Options::max_memory or the machine has.");
  errors.cancelled = NewError(m, "CancelledError", base, "The run was cancelled.");
  errors.deadline_exceeded =
      NewError(m, "DeadlineExceededError", py::make_tuple(base, builtins.attr("TimeoutError")),
               "The run took longer than its timeout.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      PyErr_SetString(ErrorClassFor(e.status.code()), e.status.message().c_str());
    }
  });
}

// ---- element types -----------------------------------------------------------------------

// The ONNX element type of a numpy dtype; kUndefined when there is none.
DataType FromNumpy(const py::dtype& dt) {
  const size_t size = dt.itemsize();
  switch (dt.kind()) {
    case 'f':
      return size == 2   ? DataType::kFloat16
             : size == 4 ? DataType::kFloat
             : size == 8 ? DataType::kDouble
                         : DataType::kUndefined;
    case 'i':
      return size == 1   ? DataType::kInt8
             : size == 2 ? DataType::kInt16
             : size == 4 ? DataType::kInt32
             : size == 8 ? DataType::kInt64
                         : DataType::kUndefined;
    case 'u':
      return size == 1   ? DataType::kUint8
             : size == 2 ? DataType::kUint16
             : size == 4 ? DataType::kUint32
             : size == 8 ? DataType::kUint64
                         : DataType::kUndefined;
    case 'b':
      return DataType::kBool;
    case 'c':
      return size == 8    ? DataType::kComplex64
             : size == 16 ? DataType::kComplex128
                          : DataType::kUndefined;
    case 'O':
    case 'U':
    case 'S':
      return DataType::kString;
    default:
      return DataType::kUndefined;
  }
}

// The numpy type character of an element type ('f' float32, ...), 0 when numpy has none
// (bfloat16 too: see the file comment).
char NumpyChar(DataType t) {
  switch (t) {
    case DataType::kFloat:
      return 'f';
    case DataType::kDouble:
      return 'd';
    case DataType::kFloat16:
      return 'e';
    case DataType::kInt8:
      return 'b';
    case DataType::kInt16:
      return 'h';
    case DataType::kInt32:
      return 'i';
    case DataType::kInt64:
      return 'q';
    case DataType::kUint8:
      return 'B';
    case DataType::kUint16:
      return 'H';
    case DataType::kUint32:
      return 'I';
    case DataType::kUint64:
      return 'Q';
    case DataType::kBool:
      return '?';
    case DataType::kComplex64:
      return 'F';
    case DataType::kComplex128:
      return 'D';
    case DataType::kString:
      return 'O';
    default:
      return 0;
  }
}

// numpy functions the conversions call, looked up once.
struct Numpy {
  py::object asarray, ascontiguousarray;
  static const Numpy& Get() {
    static const Numpy* np = [] {
      py::module_ m = py::module_::import("numpy");
      return new Numpy{m.attr("asarray"), m.attr("ascontiguousarray")};
    }();
    return *np;
  }
};

// ---- inputs ------------------------------------------------------------------------------

// Where a fed value is, for messages: "input 'x'", or "input 'x' item 2" in a sequence.
struct Where {
  const std::string& name;
  int item = -1;
};
std::ostream& operator<<(std::ostream& os, const Where& w) {
  os << "input '" << w.name << "'";
  if (w.item >= 0) os << " item " << w.item;
  return os;
}

Tensor StringTensor(const py::array& a, const Where& where) {
  Shape shape(a.shape(), a.shape() + a.ndim());
  Tensor t = Tensor::Allocate(DataType::kString, shape);
  // Read element by element through a flat object copy: any layout, str or bytes.
  py::array flat = Numpy::Get().ascontiguousarray(a, "dtype"_a = "O").attr("reshape")(-1);
  auto* items = static_cast<PyObject* const*>(flat.data());
  std::string* out = t.data<std::string>();
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    PyObject* item = items[i];
    if (PyUnicode_Check(item)) {
      Py_ssize_t n = 0;
      const char* s = PyUnicode_AsUTF8AndSize(item, &n);
      if (s == nullptr) throw py::error_already_set();
      out[i].assign(s, static_cast<size_t>(n));
    } else if (PyBytes_Check(item)) {
      out[i].assign(PyBytes_AS_STRING(item), static_cast<size_t>(PyBytes_GET_SIZE(item)));
    } else {
      ThrowInvalidArgument(
          StrCat(where, " element ", i, " is a ", Py_TYPE(item)->tp_name, ", not a str or bytes"));
    }
  }
  return t;
}

// A float array rounded to bfloat16, for a bfloat16 input (numpy has no bfloat16 type).
Tensor Bfloat16Tensor(const py::array& a) {
  py::array_t<float, py::array::c_style | py::array::forcecast> f(a);
  Shape shape(f.shape(), f.shape() + f.ndim());
  Tensor t = Tensor::Allocate(DataType::kBfloat16, shape);
  const float* in = f.data();
  BFloat16* out = t.data<BFloat16>();
  for (int64_t i = 0; i < t.num_elements(); ++i) out[i] = BFloat16(in[i]);
  return t;
}

// One tensor from a Python object. `declared` is the input's declared element type
// (kUndefined when not declared). Borrowed arrays are appended to `keep` so they outlive the
// run.
Tensor ToTensor(py::handle obj, DataType declared, const Where& where,
                std::vector<py::object>& keep) {
  const Numpy& np = Numpy::Get();
  py::array a;
  if (py::isinstance<py::array>(obj)) {
    a = py::reinterpret_borrow<py::array>(obj);
  } else {
    // A list or a scalar: read it as the declared type where numpy has it.
    char c = NumpyChar(declared);
    a = (c != 0 && declared != DataType::kString) ? np.asarray(obj, py::dtype(std::string(1, c)))
                                                  : np.asarray(obj);
  }
  DataType dtype = FromNumpy(a.dtype());
  if (dtype == DataType::kString) return StringTensor(a, where);
  if (declared == DataType::kBfloat16) {
    if (dtype == DataType::kFloat || dtype == DataType::kDouble) return Bfloat16Tensor(a);
    if (dtype == DataType::kUint16) dtype = DataType::kBfloat16;  // the bits
  }
  if (dtype == DataType::kUndefined) {
    ThrowInvalidArgument(StrCat(where, " has numpy dtype ", py::str(a.dtype()).cast<std::string>(),
                                ", which has no ONNX element type"));
  }
  using Api = py::detail::npy_api;
  const int flags = a.flags();
  const char order = a.dtype().byteorder();  // '=' native, '|' not applicable, '<' or '>'
  const bool native = order == '=' || order == '|' ||
                      order == (std::endian::native == std::endian::little ? '<' : '>');
  if (!(flags & Api::NPY_ARRAY_C_CONTIGUOUS_) || !(flags & Api::NPY_ARRAY_ALIGNED_) || !native) {
    a = np.ascontiguousarray(a, "dtype"_a = a.dtype().attr("newbyteorder")("="));
  }
  keep.push_back(a);
  Shape shape(a.shape(), a.shape() + a.ndim());
  // Ops never write their inputs, so a read-only array may be borrowed as well.
  return Tensor::Borrow(dtype, std::move(shape), const_cast<void*>(a.data()));
}

Value ToValue(py::handle obj, const ValueDesc& desc, std::vector<py::object>& keep) {
  using Kind = ValueDesc::Kind;
  if (obj.is_none()) {
    if (desc.kind == Kind::kOptional) return Value::None();
    ThrowInvalidArgument(
        StrCat(Where{desc.name}, " is None; the model declares ", desc.type_string));
  }
  const bool sequence =
      desc.kind == Kind::kSequence || (desc.kind == Kind::kOptional && desc.optional_of_sequence);
  if (!sequence) return ToTensor(obj, desc.dtype, Where{desc.name}, keep);
  if (!py::isinstance<py::list>(obj) && !py::isinstance<py::tuple>(obj)) {
    ThrowInvalidArgument(StrCat(Where{desc.name}, " is a ", Py_TYPE(obj.ptr())->tp_name,
                                "; the model declares ", desc.type_string,
                                ", fed as a list of arrays"));
  }
  std::vector<Tensor> items;
  DataType elem = desc.dtype;
  int i = 0;
  for (py::handle item : obj) {
    std::vector<py::object> item_keep;
    Tensor t = ToTensor(item, desc.dtype, Where{desc.name, i++}, item_keep);
    // The tensors of a sequence own their data (onnxi/value.h).
    items.push_back(t.owns_data() ? t : t.Clone());
    if (elem == DataType::kUndefined) elem = t.dtype();
  }
  return Value::Sequence(elem, std::move(items));
}

// ---- outputs -----------------------------------------------------------------------------

py::object ToPython(const Tensor& t_in) {
  const Shape& shape = t_in.shape();
  std::vector<py::ssize_t> dims(shape.begin(), shape.end());
  if (t_in.dtype() == DataType::kString) {
    py::array out(py::dtype("O"), dims);
    auto** items = static_cast<PyObject**>(out.mutable_data());
    const std::string* s = t_in.data<std::string>();
    for (int64_t i = 0; i < t_in.num_elements(); ++i) {
      PyObject* str = PyUnicode_DecodeUTF8(s[i].data(), static_cast<Py_ssize_t>(s[i].size()),
                                           "surrogateescape");
      if (str == nullptr) throw py::error_already_set();
      Py_XDECREF(items[i]);  // numpy fills a new object array with None
      items[i] = str;
    }
    return out;
  }
  const char c = t_in.dtype() == DataType::kBfloat16 ? 'H' : NumpyChar(t_in.dtype());
  if (c == 0) {
    Throw(Status::Unsupported(StrCat("an output has element type ", DataTypeName(t_in.dtype()),
                                     ", which numpy has no type for")));
  }
  // Graph outputs come back owning their buffers; anything else is copied so that the
  // array never points into memory the session reuses.
  auto* held = new Tensor(t_in.owns_data() ? t_in : t_in.Clone());
  py::capsule owner(held, [](void* p) { delete static_cast<Tensor*>(p); });
  return py::array(py::dtype(std::string(1, c)), dims, held->raw_data(), owner);
}

py::object ToPython(const Value& v) {
  if (v.is_none()) return py::none();
  if (v.is_tensor()) return ToPython(v.tensor());
  py::list items;
  for (const Tensor& t : v.sequence()) items.append(ToPython(t));
  return items;
}

// ---- the session -------------------------------------------------------------------------

KernelChoice ParseKernels(const std::string& k) {
  if (k == "simd") return KernelChoice::kSimd;
  if (k == "ref") return KernelChoice::kReference;
  if (k == "generic") return KernelChoice::kGeneric;
  if (k == "avx2") return KernelChoice::kAvx2;
  if (k == "avx512") return KernelChoice::kAvx512;
  ThrowInvalidArgument(StrCat("kernels expects simd, ref, generic, avx2 or avx512, got '", k, "'"));
}

const char* KindName(ValueDesc::Kind k) {
  switch (k) {
    case ValueDesc::Kind::kTensor:
      return "tensor";
    case ValueDesc::Kind::kSequence:
      return "sequence";
    case ValueDesc::Kind::kOptional:
      return "optional";
    default:
      return "other";
  }
}

py::dict Describe(const ValueDesc& d) {
  py::dict out;
  out["name"] = d.name;
  out["kind"] = KindName(d.kind);
  out["optional_of_sequence"] = d.optional_of_sequence;
  out["dtype"] = static_cast<int>(d.dtype);
  out["has_shape"] = d.has_shape;
  out["dims"] = d.dims;
  out["dim_names"] = d.dim_names;
  out["type_string"] = d.type_string;
  return out;
}

class PySession {
 public:
  static std::unique_ptr<PySession> Load(py::object model, bool from_bytes, int threads,
                                         const std::string& kernels, bool rewrite,
                                         std::vector<std::string> disabled_rewrites,
                                         bool memory_plan, bool check_input_shapes, bool profile,
                                         int64_t max_memory) {
    Options o;
    o.threads = threads;
    o.kernels = ParseKernels(kernels);
    o.rewrite = rewrite;
    o.disabled_rewrites = std::move(disabled_rewrites);
    o.memory_plan = memory_plan;
    o.check_input_shapes = check_input_shapes;
    o.profile = profile;
    o.max_memory = max_memory;
    if (Status s = CheckRewriteNames(o.disabled_rewrites); !s.ok()) Throw(s);
    const std::string source =
        from_bytes ? std::string(model.cast<py::bytes>()) : model.cast<std::string>();
    Result<std::unique_ptr<Session>> loaded = Status::Internal("the load did not start");
    {
      py::gil_scoped_release nogil;
      loaded = from_bytes ? Session::LoadFromMemory(source, o) : Session::Load(source, o);
    }
    if (!loaded.ok()) Throw(loaded.status());
    auto s = std::unique_ptr<PySession>(new PySession());
    s->session_ = std::move(loaded).value();
    for (const ValueDesc& d : s->session_->inputs()) s->input_index_[d.name] = &d;
    const auto& outs = s->session_->outputs();
    for (size_t k = 0; k < outs.size(); ++k) s->output_index_[outs[k].name] = static_cast<int>(k);
    return s;
  }

  py::list inputs() const {
    py::list l;
    for (const ValueDesc& d : session_->inputs()) l.append(Describe(d));
    return l;
  }
  py::list outputs() const {
    py::list l;
    for (const ValueDesc& d : session_->outputs()) l.append(Describe(d));
    return l;
  }

  py::dict metadata() const {
    const ModelMetadata& m = session_->metadata();
    py::dict d;
    d["producer_name"] = m.producer_name;
    d["producer_version"] = m.producer_version;
    d["domain"] = m.domain;
    d["description"] = m.description;
    d["version"] = m.model_version;
    d["graph_name"] = m.graph_name;
    d["graph_description"] = m.graph_description;
    py::dict props;  // a repeated key keeps its last value, as in ORT's custom_metadata_map
    for (const auto& [key, value] : m.metadata_props) props[py::str(key)] = value;
    d["custom_metadata_map"] = props;
    return d;
  }

  // output_names: None or [] for every output, else the ones to return, in that order.
  py::list Run(py::object output_names, py::dict feed) {
    std::vector<int> picked;
    if (!output_names.is_none()) {
      for (py::handle n : output_names) {
        std::string name = py::str(n);
        auto it = output_index_.find(name);
        if (it == output_index_.end()) {
          std::string known;
          for (const ValueDesc& d : session_->outputs())
            known += (known.empty() ? "" : ", ") + d.name;
          ThrowInvalidArgument(
              StrCat("the model has no output named '", name, "' (its outputs: ", known, ")"));
        }
        picked.push_back(it->second);
      }
    }
    std::map<std::string, Value> feeds;
    std::vector<py::object> keep;
    for (auto [key, value] : feed) {
      std::string name = py::str(key);
      auto it = input_index_.find(name);
      if (it != input_index_.end()) {
        feeds[name] = ToValue(value, *it->second, keep);
      } else {
        // Not a required input: an initializer the caller overrides, or a wrong name that
        // Session reports in its own words.
        ValueDesc any;
        any.name = name;
        feeds[name] = ToValue(value, any, keep);
      }
    }
    Result<std::vector<Value>> result = Status::Internal("the run did not start");
    {
      py::gil_scoped_release nogil;
      result = session_->RunValues(feeds);
    }
    if (!result.ok()) Throw(result.status());
    const std::vector<Value>& values = *result;
    py::list out;
    if (picked.empty()) {
      for (const Value& v : values) out.append(ToPython(v));
    } else {
      for (int k : picked) out.append(ToPython(values[k]));
    }
    return out;
  }

  std::string ProfileReport() const { return session_->ProfileReport(); }
  std::string PlanReport() const { return session_->PlanReport(); }
  std::string LastRunRandomNode() const { return session_->LastRunRandomNode(); }

 private:
  PySession() = default;
  std::unique_ptr<Session> session_;
  std::unordered_map<std::string, const ValueDesc*> input_index_;
  std::unordered_map<std::string, int> output_index_;
};

}  // namespace
}  // namespace onnxi

PYBIND11_MODULE(_onnxi, m) {
  using onnxi::PySession;
  m.doc() = "onnxi's C++ runtime; use the onnxi package, not this module.";
  onnxi::RegisterErrors(m);
  py::class_<PySession>(m, "Session")
      .def_static("load", &PySession::Load, "model"_a, "from_bytes"_a, "threads"_a, "kernels"_a,
                  "rewrite"_a, "disabled_rewrites"_a, "memory_plan"_a, "check_input_shapes"_a,
                  "profile"_a, "max_memory"_a)
      .def("inputs", &PySession::inputs)
      .def("outputs", &PySession::outputs)
      .def("metadata", &PySession::metadata)
      .def("run", &PySession::Run, "output_names"_a, "feed"_a)
      .def("profile_report", &PySession::ProfileReport)
      .def("plan_report", &PySession::PlanReport)
      .def("last_run_random_node", &PySession::LastRunRandomNode);
  m.def("list_rewrites", [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const onnxi::RewriteInfo& r : onnxi::ListRewrites())
      out.emplace_back(r.name, r.description);
    return out;
  });
}
