// Shared helpers of the tensor-manipulation ops (ops/tensor/): element-size dispatch for
// kernels that only move data, whole-tensor copies, and reading scalar inputs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ops/common/dispatch.h"
#include "ops/op.h"

namespace onnxi {

// 16 bytes moved as one element (complex128).
struct Bytes16 {
  uint64_t lo;
  uint64_t hi;
};

// Calls f(Tag<S>{}) with a storage type S of the element's size: uint8_t, uint16_t,
// uint32_t, uint64_t, Bytes16, or std::string for strings. For ops that move elements
// without looking at them. Sub-byte types (int4, uint4, float4) are unsupported.
template <class F>
Status VisitStorage(DataType t, F&& f) {
  if (t == DataType::kString) {
    f(Tag<std::string>{});
    return Status::Ok();
  }
  switch (DataTypeSize(t)) {
    case 1: f(Tag<uint8_t>{}); break;
    case 2: f(Tag<uint16_t>{}); break;
    case 4: f(Tag<uint32_t>{}); break;
    case 8: f(Tag<uint64_t>{}); break;
    case 16: f(Tag<Bytes16>{}); break;
    default:
      return Status::Unsupported(
          StrCat("element type ", DataTypeName(t), " is not supported by this op"));
  }
  return Status::Ok();
}

// The data of input i: Deferred when unknown at Prepare (the input must be present).
Result<const Tensor*> InputData(const PrepareContext& ctx, int i);

// Copies all elements of src into dst (same dtype and element count).
Status CopyTensorData(const Tensor& src, Tensor& dst);

// dst[dst_offset + sum i_d * dst_strides[d]] = src[src_offset + sum i_d * src_strides[d]]
// over `shape` (offsets and strides in elements).
// Arrays hold `rank` values; no allocation (usable in Run).
Status StridedCopy(const Tensor& src, int64_t src_offset, const int64_t* src_strides, Tensor& dst,
                   int64_t dst_offset, const int64_t* dst_strides, const int64_t* shape, int rank);

// A scalar of `dtype` holding `value` (numeric and bool types).
Result<Tensor> ScalarFromDouble(DataType dtype, double value);
// Element 0 of a numeric or bool tensor as double; error when it has no elements.
Result<double> ScalarAsDouble(const Tensor& t, const char* what);

// Factories of the ops in this folder (register.cc lists them).
std::unique_ptr<Op> NewIdentityOp();
std::unique_ptr<Op> NewConstantOp();
std::unique_ptr<Op> NewConstantOfShapeOp();
std::unique_ptr<Op> NewEyeLikeOp();
std::unique_ptr<Op> NewReshapeOp();
std::unique_ptr<Op> NewFlattenOp();
std::unique_ptr<Op> NewSqueezeOp();
std::unique_ptr<Op> NewUnsqueezeOp();
std::unique_ptr<Op> NewTransposeOp();
std::unique_ptr<Op> NewDepthToSpaceOp();
std::unique_ptr<Op> NewSpaceToDepthOp();
std::unique_ptr<Op> NewConcatOp();
std::unique_ptr<Op> NewSplitOp();
std::unique_ptr<Op> NewSliceOp();
std::unique_ptr<Op> NewGatherOp();
std::unique_ptr<Op> NewGatherElementsOp();
std::unique_ptr<Op> NewGatherNDOp();
std::unique_ptr<Op> NewShapeOp();
std::unique_ptr<Op> NewSizeOp();
std::unique_ptr<Op> NewExpandOp();
std::unique_ptr<Op> NewTileOp();
std::unique_ptr<Op> NewPadOp();
std::unique_ptr<Op> NewCenterCropPadOp();
std::unique_ptr<Op> NewRangeOp();
std::unique_ptr<Op> NewDropoutOp();
std::unique_ptr<Op> NewTriluOp();
std::unique_ptr<Op> NewOneHotOp();

}  // namespace onnxi
