// Equal, Less, Greater, LessOrEqual, GreaterOrEqual: C = A cmp B with broadcasting; C is bool.
//
// Shapes: A, B broadcast (numpy rules from opset 7; v1 uses the legacy broadcast/axis
// attributes, see broadcast.h) -> C.
// Types (A and B the same):
//   Equal v1, v7: bool/int32/int64; v11: + every number but bfloat16; v13: + bfloat16;
//         v19: + string.
//   Less, Greater v1, v7: float16/float/double; v9: every number but bfloat16; v13: + bfloat16.
//   LessOrEqual, GreaterOrEqual v12: every number but bfloat16; v16: + bfloat16.
// float16/bfloat16 compare as float; NaN compares false (unequal to itself).
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

enum class CompareKind { kEqual, kLessGreater, kOrEqual };

std::vector<DataType> NumbersSince(int since_version, int bf16_version) {
  std::vector<DataType> v = Types(kNumericTypes);
  if (since_version < bf16_version) std::erase(v, DataType::kBfloat16);
  return v;
}

std::vector<DataType> CompareTypes(CompareKind kind, int since_version) {
  switch (kind) {
    case CompareKind::kEqual: {
      if (since_version < 11) return {DataType::kBool, DataType::kInt32, DataType::kInt64};
      std::vector<DataType> v = NumbersSince(since_version, 13);
      v.push_back(DataType::kBool);
      if (since_version >= 19) v.push_back(DataType::kString);
      return v;
    }
    case CompareKind::kLessGreater:
      if (since_version < 9) return Types(kFloat3);
      return NumbersSince(since_version, 13);
    case CompareKind::kOrEqual:
      return NumbersSince(since_version, 16);
  }
  return {};
}

template <class Fn, CompareKind kKind>
class CompareOp : public BroadcastBinaryOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, CompareTypes(kKind, since_version_)));
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, DataType::kBool, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& c = ctx.output(0);
    if (c.num_elements() == 0) return Status::Ok();
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    bool* out = c.data<bool>();
    if constexpr (kKind == CompareKind::kEqual) {
      if (dtype_ == DataType::kBool) {
        RunBinaryPlan(plan_, a.data<bool>(), b.data<bool>(), out, Fn());
        return Status::Ok();
      }
      if (dtype_ == DataType::kString) {
        RunBinaryPlan(plan_, a.data<std::string>(), b.data<std::string>(), out, Fn());
        return Status::Ok();
      }
    }
    return VisitNumeric(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      RunBinaryPlan(plan_, a.data<T>(), b.data<T>(), out, Fn());
    });
  }

 private:
  DataType dtype_ = DataType::kUndefined;
};

using EqualOp = CompareOp<kernels::EqualFn, CompareKind::kEqual>;
using LessOp = CompareOp<kernels::LessFn, CompareKind::kLessGreater>;
using GreaterOp = CompareOp<kernels::GreaterFn, CompareKind::kLessGreater>;
using LessOrEqualOp = CompareOp<kernels::LessEqualFn, CompareKind::kOrEqual>;
using GreaterOrEqualOp = CompareOp<kernels::GreaterEqualFn, CompareKind::kOrEqual>;

}  // namespace

void RegisterCompareOps(OpList& list) {
  list.Add("Equal", {1, 7, 11, 13, 19}, MakeOp<EqualOp>);
  list.Add("Greater", {1, 7, 9, 13}, MakeOp<GreaterOp>);
  list.Add("GreaterOrEqual", {12, 16}, MakeOp<GreaterOrEqualOp>);
  list.Add("Less", {1, 7, 9, 13}, MakeOp<LessOp>);
  list.Add("LessOrEqual", {12, 16}, MakeOp<LessOrEqualOp>);
}

}  // namespace onnxi
