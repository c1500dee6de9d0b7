// Tensor and element-type helpers (include/onnxi/tensor.h, include/onnxi/dtype.h).
#include <cstdio>
#include <cstring>
#include <new>

#include "onnxi/tensor.h"

namespace onnxi {

size_t DataTypeSize(DataType t) {
  switch (t) {
    case DataType::kFloat: case DataType::kInt32: case DataType::kUint32: return 4;
    case DataType::kUint8: case DataType::kInt8: case DataType::kBool:
    case DataType::kFloat8e4m3fn: case DataType::kFloat8e4m3fnuz: case DataType::kFloat8e5m2:
    case DataType::kFloat8e5m2fnuz: case DataType::kFloat8e8m0: return 1;
    case DataType::kUint16: case DataType::kInt16: case DataType::kFloat16:
    case DataType::kBfloat16: return 2;
    case DataType::kInt64: case DataType::kDouble: case DataType::kUint64:
    case DataType::kComplex64: return 8;
    case DataType::kComplex128: return 16;
    case DataType::kString: return sizeof(std::string);
    default: return 0;
  }
}

size_t DataTypeStorageBytes(DataType t, int64_t n) {
  if (t == DataType::kUint4 || t == DataType::kInt4 || t == DataType::kFloat4e2m1) {
    return static_cast<size_t>((n + 1) / 2);
  }
  if (t == DataType::kUint2 || t == DataType::kInt2) return static_cast<size_t>((n + 3) / 4);
  return DataTypeSize(t) * static_cast<size_t>(n);
}

std::string DataTypeName(DataType t) {
  switch (t) {
    case DataType::kUndefined: return "undefined";
    case DataType::kFloat: return "float32";
    case DataType::kUint8: return "uint8";
    case DataType::kInt8: return "int8";
    case DataType::kUint16: return "uint16";
    case DataType::kInt16: return "int16";
    case DataType::kInt32: return "int32";
    case DataType::kInt64: return "int64";
    case DataType::kString: return "string";
    case DataType::kBool: return "bool";
    case DataType::kFloat16: return "float16";
    case DataType::kDouble: return "float64";
    case DataType::kUint32: return "uint32";
    case DataType::kUint64: return "uint64";
    case DataType::kComplex64: return "complex64";
    case DataType::kComplex128: return "complex128";
    case DataType::kBfloat16: return "bfloat16";
    case DataType::kFloat8e4m3fn: return "float8e4m3fn";
    case DataType::kFloat8e4m3fnuz: return "float8e4m3fnuz";
    case DataType::kFloat8e5m2: return "float8e5m2";
    case DataType::kFloat8e5m2fnuz: return "float8e5m2fnuz";
    case DataType::kUint4: return "uint4";
    case DataType::kInt4: return "int4";
    case DataType::kFloat4e2m1: return "float4e2m1";
    case DataType::kFloat8e8m0: return "float8e8m0";
    case DataType::kUint2: return "uint2";
    case DataType::kInt2: return "int2";
  }
  return "dtype(" + std::to_string(static_cast<int>(t)) + ")";
}

bool IsKnownDataType(int32_t t) { return t >= 1 && t <= 26; }

bool IsFloatingPoint(DataType t) {
  return t == DataType::kFloat || t == DataType::kDouble || t == DataType::kFloat16 ||
         t == DataType::kBfloat16;
}

bool IsIntegerType(DataType t) {
  switch (t) {
    case DataType::kInt8: case DataType::kInt16: case DataType::kInt32: case DataType::kInt64:
    case DataType::kUint8: case DataType::kUint16: case DataType::kUint32:
    case DataType::kUint64: return true;
    default: return false;
  }
}

int64_t NumElements(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string ShapeToString(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

Tensor Tensor::Allocate(DataType dtype, Shape shape) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  int64_t n = t.num_elements();
  if (dtype == DataType::kString) {
    auto strings = std::shared_ptr<std::string[]>(new std::string[n > 0 ? n : 1]);
    t.data_ = strings.get();
    t.owner_ = std::static_pointer_cast<void>(
        std::shared_ptr<std::string>(strings, strings.get()));
    return t;
  }
  // 64-byte alignment suits every SIMD width; at least one byte so data_ is never null.
  size_t bytes = (t.nbytes() + 63) / 64 * 64;
  if (bytes == 0) bytes = 64;
  void* p = ::operator new(bytes, std::align_val_t(64));
  std::memset(p, 0, bytes);
  t.data_ = p;
  t.owner_ = std::shared_ptr<void>(p, [](void* q) { ::operator delete(q, std::align_val_t(64)); });
  return t;
}

Tensor Tensor::Borrow(DataType dtype, Shape shape, void* data) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  t.data_ = data;
  return t;
}

Tensor Tensor::Reshaped(Shape shape) const {
  Tensor t = *this;
  t.shape_ = std::move(shape);
  return t;
}

Tensor Tensor::ReinterpretAs(DataType dtype) const {
  Tensor t = *this;
  if (DataTypeSize(dtype) == DataTypeSize(dtype_) && dtype != DataType::kString &&
      dtype_ != DataType::kString) {
    t.dtype_ = dtype;
  }
  return t;
}

Tensor Tensor::Clone() const {
  Tensor t = Allocate(dtype_, shape_);
  if (dtype_ == DataType::kString) {
    const std::string* src = data<std::string>();
    std::string* dst = t.data<std::string>();
    for (int64_t i = 0; i < num_elements(); ++i) dst[i] = src[i];
  } else if (nbytes() > 0) {
    std::memcpy(t.data_, data_, nbytes());
  }
  return t;
}

int64_t Tensor::IntAt(int64_t i) const {
  switch (dtype_) {
    case DataType::kInt8: return data<int8_t>()[i];
    case DataType::kInt16: return data<int16_t>()[i];
    case DataType::kInt32: return data<int32_t>()[i];
    case DataType::kInt64: return data<int64_t>()[i];
    case DataType::kUint8: return data<uint8_t>()[i];
    case DataType::kUint16: return data<uint16_t>()[i];
    case DataType::kUint32: return data<uint32_t>()[i];
    case DataType::kUint64: return static_cast<int64_t>(data<uint64_t>()[i]);
    case DataType::kBool: return data<bool>()[i];
    default: return 0;
  }
}

std::string Tensor::TypeString() const { return DataTypeName(dtype_) + ShapeToString(shape_); }

std::string BytesToString(int64_t bytes) {
  char buf[64];
  if (bytes >= (int64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.2f GiB", bytes / double(int64_t{1} << 30));
  } else if (bytes >= (1 << 20)) {
    std::snprintf(buf, sizeof buf, "%.2f MiB", bytes / double(1 << 20));
  } else if (bytes >= (1 << 10)) {
    std::snprintf(buf, sizeof buf, "%.2f KiB", bytes / double(1 << 10));
  } else {
    std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  }
  return buf;
}

}  // namespace onnxi
