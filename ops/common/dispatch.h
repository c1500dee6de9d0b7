// Element-type dispatch: one switch per op into a template (STYLE: no hand-copied loops
// per type). VisitType calls f(Tag<T>{}) with the C++ type that stores the ONNX dtype:
//
//   Status s = VisitType(dtype, [&](auto tag) {
//     using T = typename decltype(tag)::type;
//     kernels::AbsRef(x.data<T>(), y.data<T>(), n);
//   });
//
// Types without a C++ storage type here (string, complex, sub-byte, float8) are reported as
// unsupported; ops that take strings handle them before dispatching.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "onnxi/dtype.h"
#include "onnxi/status.h"

namespace onnxi {

template <class T>
struct Tag {
  using type = T;
};

// Restricted to float, double, float16 and bfloat16.
template <class F>
Status VisitFloatType(DataType t, F&& f) {
  switch (t) {
    case DataType::kFloat: f(Tag<float>{}); break;
    case DataType::kDouble: f(Tag<double>{}); break;
    case DataType::kFloat16: f(Tag<Float16>{}); break;
    case DataType::kBfloat16: f(Tag<BFloat16>{}); break;
    default:
      return Status::Unsupported(
          StrCat("element type ", DataTypeName(t), " is not supported (expected a float type)"));
  }
  return Status::Ok();
}

// Restricted to int8..int64 and uint8..uint64.
template <class F>
Status VisitInteger(DataType t, F&& f) {
  switch (t) {
    case DataType::kInt8: f(Tag<int8_t>{}); break;
    case DataType::kInt16: f(Tag<int16_t>{}); break;
    case DataType::kInt32: f(Tag<int32_t>{}); break;
    case DataType::kInt64: f(Tag<int64_t>{}); break;
    case DataType::kUint8: f(Tag<uint8_t>{}); break;
    case DataType::kUint16: f(Tag<uint16_t>{}); break;
    case DataType::kUint32: f(Tag<uint32_t>{}); break;
    case DataType::kUint64: f(Tag<uint64_t>{}); break;
    default:
      return Status::Unsupported(
          StrCat("element type ", DataTypeName(t), " is not supported (expected an integer)"));
  }
  return Status::Ok();
}

// The float and integer types (no bool), so that templates are not instantiated for element
// types an op never accepts.
template <class F>
Status VisitNumeric(DataType t, F&& f) {
  if (IsFloatingPoint(t)) return VisitFloatType(t, f);
  if (IsIntegerType(t)) return VisitInteger(t, f);
  return Status::Unsupported(
      StrCat("element type ", DataTypeName(t), " is not supported (expected a number)"));
}

// Every type with a C++ storage type: the numeric ones and bool.
template <class F>
Status VisitType(DataType t, F&& f) {
  if (t == DataType::kBool) {
    f(Tag<bool>{});
    return Status::Ok();
  }
  if (IsFloatingPoint(t) || IsIntegerType(t)) return VisitNumeric(t, f);
  return Status::Unsupported(StrCat("element type ", DataTypeName(t), " is not supported"));
}

// Arithmetic happens in this type: float for the 16-bit floats, T otherwise.
template <class T>
struct ComputeType {
  using type = T;
};
template <>
struct ComputeType<Float16> {
  using type = float;
};
template <>
struct ComputeType<BFloat16> {
  using type = float;
};

inline bool IsOneOf(DataType t, std::initializer_list<DataType> allowed) {
  for (DataType a : allowed) {
    if (a == t) return true;
  }
  return false;
}

// "input 0 has element type int8; expected one of float32, float64"
Status CheckInputType(int input_index, DataType got, std::initializer_list<DataType> allowed);

// Type sets that recur across the spec's type constraints.
inline constexpr std::initializer_list<DataType> kFloatTypes = {
    DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kBfloat16};
inline constexpr std::initializer_list<DataType> kNumericTypes = {
    DataType::kFloat,  DataType::kDouble, DataType::kFloat16, DataType::kBfloat16,
    DataType::kInt8,   DataType::kInt16,  DataType::kInt32,   DataType::kInt64,
    DataType::kUint8,  DataType::kUint16, DataType::kUint32,  DataType::kUint64};
inline constexpr std::initializer_list<DataType> kSignedNumericTypes = {
    DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kBfloat16,
    DataType::kInt8,  DataType::kInt16,  DataType::kInt32,   DataType::kInt64};
inline constexpr std::initializer_list<DataType> kIntegerTypes = {
    DataType::kInt8,  DataType::kInt16,  DataType::kInt32,  DataType::kInt64,
    DataType::kUint8, DataType::kUint16, DataType::kUint32, DataType::kUint64};

}  // namespace onnxi
