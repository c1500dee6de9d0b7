#include "runtime/tensor_proto.h"

#include <onnx/onnx-data_pb.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "onnxi/test_data.h"

namespace onnxi {
namespace {

// Copies a repeated proto field into the tensor, converting element by element.
template <class Dst, class Field>
void CopyField(const Field& field, Tensor& t) {
  Dst* out = t.data<Dst>();
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<Dst>(field.Get(i));
}

// int32_data carries the 16-bit float types as their bit patterns.
void CopyBits16(const google::protobuf::RepeatedField<int32_t>& field, Tensor& t) {
  uint16_t* out = t.data<uint16_t>();
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<uint16_t>(field.Get(i));
}

// A non-negative decimal integer, or -1 when the text is anything else.
int64_t ParseCount(const std::string& text) {
  if (text.empty() || text.size() > 18) return -1;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

Status ReadExternal(const onnx::TensorProto& proto, const std::string& base_dir,
                    std::string* bytes) {
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;
  for (const auto& kv : proto.external_data()) {
    if (kv.key() == "location") location = kv.value();
    if (kv.key() == "offset" || kv.key() == "length") {
      int64_t v = ParseCount(kv.value());
      if (v < 0) {
        return Status::InvalidModel(StrCat("tensor '", proto.name(), "': external data ", kv.key(),
                                           " '", kv.value(), "' is not a non-negative integer"));
      }
      (kv.key() == "offset" ? offset : length) = v;
    }
  }
  if (location.empty()) {
    return Status::InvalidModel(
        StrCat("tensor '", proto.name(), "' has external data without a location"));
  }
  // The data must stay beside the model: no absolute paths, no ".." components.
  bool climbs = location == ".." || location.rfind("../", 0) == 0 ||
                location.find("/../") != std::string::npos ||
                (location.size() >= 3 && location.compare(location.size() - 3, 3, "/..") == 0);
  if (climbs || location[0] == '/') {
    return Status::InvalidModel(StrCat("tensor '", proto.name(), "': external data location '",
                                       location, "' leaves the model's folder"));
  }
  std::string path = base_dir.empty() ? location : base_dir + "/" + location;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(StrCat("tensor '", proto.name(), "': cannot open external data file '",
                                  path, "'"));
  }
  in.seekg(0, std::ios::end);
  int64_t file_size = in.tellg();
  if (offset < 0 || offset > file_size) {
    return Status::InvalidModel(StrCat("tensor '", proto.name(), "': external data offset ",
                                       offset, " is beyond the end of '", path, "' (",
                                       file_size, " bytes)"));
  }
  if (length < 0) length = file_size - offset;
  if (offset + length > file_size) {
    return Status::InvalidModel(StrCat("tensor '", proto.name(), "': external data [", offset,
                                       ", ", offset + length, ") is beyond the end of '", path,
                                       "' (", file_size, " bytes)"));
  }
  bytes->resize(length);
  in.seekg(offset);
  in.read(bytes->data(), length);
  return Status::Ok();
}

}  // namespace

Result<Tensor> TensorFromProto(const onnx::TensorProto& proto, const std::string& base_dir) {
  const std::string label = proto.name().empty() ? "tensor" : "tensor '" + proto.name() + "'";
  if (!IsKnownDataType(proto.data_type())) {
    return Status::Unsupported(StrCat(label, " has unknown data_type ", proto.data_type()));
  }
  DataType dtype = static_cast<DataType>(proto.data_type());
  Shape shape(proto.dims().begin(), proto.dims().end());
  for (int64_t d : shape) {
    if (d < 0) {
      return Status::InvalidModel(StrCat(label, " has a negative dim in ", ShapeToString(shape)));
    }
  }
  if (proto.has_segment()) {
    return Status::Unsupported(StrCat(label, " is segmented; segments are not supported"));
  }
  int64_t n = NumElements(shape);
  Tensor t = Tensor::Allocate(dtype, shape);

  if (dtype == DataType::kString) {
    if (proto.string_data_size() != n) {
      return Status::InvalidModel(StrCat(label, " has ", proto.string_data_size(),
                                         " strings but dims ", ShapeToString(shape), " need ", n));
    }
    for (int64_t i = 0; i < n; ++i) t.data<std::string>()[i] = proto.string_data(i);
    return t;
  }

  const bool external = proto.data_location() == onnx::TensorProto::EXTERNAL;
  if (external || proto.has_raw_data()) {
    std::string external_bytes;
    if (external) ONNXI_RETURN_IF_ERROR(ReadExternal(proto, base_dir, &external_bytes));
    const std::string& raw = external ? external_bytes : proto.raw_data();
    if (raw.size() != t.nbytes()) {
      return Status::InvalidModel(StrCat(label, " has ", raw.size(), " bytes of data but ",
                                         DataTypeName(dtype), ShapeToString(shape), " needs ",
                                         t.nbytes()));
    }
    if (!raw.empty()) std::memcpy(t.raw_data(), raw.data(), raw.size());
    return t;
  }

  // Typed fields: which one holds the data depends on the element type.
  int64_t have = 0;
  switch (dtype) {
    case DataType::kFloat: have = proto.float_data_size(); break;
    case DataType::kComplex64: have = proto.float_data_size() / 2; break;
    case DataType::kDouble: have = proto.double_data_size(); break;
    case DataType::kComplex128: have = proto.double_data_size() / 2; break;
    case DataType::kInt64: have = proto.int64_data_size(); break;
    case DataType::kUint32: case DataType::kUint64: have = proto.uint64_data_size(); break;
    case DataType::kUint4: case DataType::kInt4: case DataType::kFloat4e2m1:
    case DataType::kUint2: case DataType::kInt2:
      // Each int32 entry holds one byte of packed values (2 of 4 bits, or 4 of 2 bits).
      have = static_cast<size_t>(proto.int32_data_size()) == t.nbytes() ? n : -1;
      break;
    default: have = proto.int32_data_size(); break;
  }
  if (have != n) {
    if (have < 0) {
      return Status::InvalidModel(StrCat(label, " holds ", proto.int32_data_size(),
                                         " packed bytes but ", DataTypeName(dtype),
                                         ShapeToString(shape), " needs ", t.nbytes()));
    }
    return Status::InvalidModel(StrCat(label, " holds ", have, " values but dims ",
                                       ShapeToString(shape), " need ", n));
  }
  switch (dtype) {
    case DataType::kFloat: CopyField<float>(proto.float_data(), t); break;
    case DataType::kComplex64: CopyField<float>(proto.float_data(), t); break;
    case DataType::kDouble: CopyField<double>(proto.double_data(), t); break;
    case DataType::kComplex128: CopyField<double>(proto.double_data(), t); break;
    case DataType::kInt64: CopyField<int64_t>(proto.int64_data(), t); break;
    case DataType::kUint32: CopyField<uint32_t>(proto.uint64_data(), t); break;
    case DataType::kUint64: CopyField<uint64_t>(proto.uint64_data(), t); break;
    case DataType::kInt32: CopyField<int32_t>(proto.int32_data(), t); break;
    case DataType::kInt16: CopyField<int16_t>(proto.int32_data(), t); break;
    case DataType::kUint16: CopyField<uint16_t>(proto.int32_data(), t); break;
    case DataType::kInt8: CopyField<int8_t>(proto.int32_data(), t); break;
    case DataType::kUint8: CopyField<uint8_t>(proto.int32_data(), t); break;
    case DataType::kBool: CopyField<bool>(proto.int32_data(), t); break;
    case DataType::kFloat16: case DataType::kBfloat16: CopyBits16(proto.int32_data(), t); break;
    case DataType::kUint4: case DataType::kInt4: case DataType::kFloat4e2m1:
    case DataType::kUint2: case DataType::kInt2: {
      uint8_t* out = t.data<uint8_t>();
      for (size_t i = 0; i < t.nbytes(); ++i) out[i] = static_cast<uint8_t>(proto.int32_data(i));
      break;
    }
    default:  // the float8 family: one byte pattern per int32 entry
      CopyField<uint8_t>(proto.int32_data(), t);
      break;
  }
  return t;
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(StrCat("cannot open '", path, "'"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<Tensor> ReadTensorFile(const std::string& path, std::string* name) {
  ONNXI_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path));
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) {
    return Status::InvalidArgument(StrCat("'", path, "' is not a serialized TensorProto"));
  }
  if (name) *name = proto.name();
  size_t slash = path.find_last_of('/');
  Result<Tensor> t = TensorFromProto(proto, slash == std::string::npos ? "" : path.substr(0, slash));
  if (!t.ok()) return t.status().WithContext(path);
  return t;
}

namespace {

Result<Value> SequenceFromProto(const onnx::SequenceProto& seq, DataType declared,
                                const std::string& dir) {
  if (seq.elem_type() != onnx::SequenceProto::TENSOR &&
      !(seq.elem_type() == onnx::SequenceProto::UNDEFINED && seq.tensor_values_size() == 0)) {
    return Status::Unsupported(StrCat("sequence '", seq.name(), "' holds elem_type ",
                                      seq.elem_type(), "; only sequences of tensors are supported"));
  }
  std::vector<Tensor> items;
  for (const auto& t : seq.tensor_values()) {
    ONNXI_ASSIGN_OR_RETURN(Tensor item, TensorFromProto(t, dir));
    items.push_back(std::move(item));
  }
  DataType dtype = items.empty() ? declared : items[0].dtype();
  return Value::Sequence(dtype, std::move(items));
}

}  // namespace

Result<Value> ReadValueFile(const std::string& path, const ValueDesc& desc, std::string* name) {
  if (desc.kind == ValueDesc::Kind::kTensor) {
    ONNXI_ASSIGN_OR_RETURN(Tensor t, ReadTensorFile(path, name));
    return Value(std::move(t));
  }
  ONNXI_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path));
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
  if (desc.kind == ValueDesc::Kind::kSequence) {
    onnx::SequenceProto seq;
    if (!seq.ParseFromString(bytes)) {
      return Status::InvalidArgument(StrCat("'", path, "' is not a serialized SequenceProto"));
    }
    if (name) *name = seq.name();
    return SequenceFromProto(seq, desc.dtype, dir);
  }
  if (desc.kind == ValueDesc::Kind::kOptional) {
    onnx::OptionalProto opt;
    if (!opt.ParseFromString(bytes)) {
      return Status::InvalidArgument(StrCat("'", path, "' is not a serialized OptionalProto"));
    }
    if (name) *name = opt.name();
    if (opt.has_tensor_value()) {
      ONNXI_ASSIGN_OR_RETURN(Tensor t, TensorFromProto(opt.tensor_value(), dir));
      return Value(std::move(t));
    }
    if (opt.has_sequence_value()) return SequenceFromProto(opt.sequence_value(), desc.dtype, dir);
    return Value::None();
  }
  return Status::Unsupported(StrCat("'", path, "' holds a ", desc.type_string, "; not supported"));
}

}  // namespace onnxi
