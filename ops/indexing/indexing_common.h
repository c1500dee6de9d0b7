// Shared helpers of the indexing ops (ops/indexing/): index-type and element-type dispatch,
// and the factories that register.cc lists.
#pragma once

#include <memory>
#include <string>

#include "ops/common/dispatch.h"
#include "ops/op.h"

namespace onnxi {

// Calls f(Tag<I>{}) for int32/int64 index tensors; `what` names the input in the error.
template <class F>
Status VisitIndexType(DataType t, const char* what, F&& f) {
  if (t == DataType::kInt32) {
    f(Tag<int32_t>{});
  } else if (t == DataType::kInt64) {
    f(Tag<int64_t>{});
  } else {
    return Status::InvalidModel(
        StrCat(what, " have element type ", DataTypeName(t), "; expected int32 or int64"));
  }
  return Status::Ok();
}

// VisitType plus std::string for string tensors.
template <class F>
Status VisitTypeOrString(DataType t, F&& f) {
  if (t == DataType::kString) {
    f(Tag<std::string>{});
    return Status::Ok();
  }
  return VisitType(t, f);
}

std::unique_ptr<Op> NewScatterElementsOp();
std::unique_ptr<Op> NewScatterNDOp();
std::unique_ptr<Op> NewTensorScatterOp();
std::unique_ptr<Op> NewCompressOp();
std::unique_ptr<Op> NewNonZeroOp();
std::unique_ptr<Op> NewTopKOp();
std::unique_ptr<Op> NewUniqueOp();
std::unique_ptr<Op> NewReverseSequenceOp();
std::unique_ptr<Op> NewCumProdOp();

}  // namespace onnxi
