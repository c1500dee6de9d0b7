// Element-type dispatch for the ops built on kernels::GemmRef (Gemm, MatMul): the float types
// and the 32/64-bit integers, which are exactly the types GemmRef is instantiated for.
#pragma once

#include <cstdint>
#include <memory>

#include "ops/common/dispatch.h"
#include "ops/op.h"

namespace onnxi {

template <class F>
Status VisitGemmType(DataType t, F&& f) {
  switch (t) {
    case DataType::kInt32: f(Tag<int32_t>{}); return Status::Ok();
    case DataType::kInt64: f(Tag<int64_t>{}); return Status::Ok();
    case DataType::kUint32: f(Tag<uint32_t>{}); return Status::Ok();
    case DataType::kUint64: f(Tag<uint64_t>{}); return Status::Ok();
    default: return VisitFloatType(t, f);
  }
}

// The element types the spec allows for Gemm/MatMul at a given since_version: float16, float
// and double always; int32, int64, uint32, uint64 from opset 9; bfloat16 from opset 13.
Status CheckGemmType(int input_index, DataType t, int since_version);

std::unique_ptr<Op> MakeGemmOp();
std::unique_ptr<Op> MakeMatMulOp();

}  // namespace onnxi
