// CumSum: running sums along one axis.
//
//   x (d0, ..., d_{r-1}), axis (int32/int64 scalar input) -> y with x's shape;
//   exclusive=1 shifts the sums by one (y starts at 0), reverse=1 sums from the end.
//   Formula and accumulation rules: kernels/reduce/cumsum.h.
//
// Versions 11 (float, double, int32, int64, uint32, uint64) and 14 (adds float16, bfloat16).
// The axis is read at run time (the output shape does not depend on it).
#include <type_traits>
#include <vector>

#include "kernels/reduce/cumsum.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/reduce/reduce_ops.h"

namespace onnxi {
namespace {

class CumSumOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    params_.exclusive = node.GetInt("exclusive", 0) != 0;
    params_.reverse = node.GetInt("reverse", 0) != 0;
    half_ok_ = node.since_version() >= 14;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    if (half_ok_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(
          0, dt,
          {DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kBfloat16,
           DataType::kInt32, DataType::kInt64, DataType::kUint32, DataType::kUint64}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt,
                                           {DataType::kFloat, DataType::kDouble, DataType::kInt32,
                                            DataType::kInt64, DataType::kUint32,
                                            DataType::kUint64}));
    }
    if (!ctx.has_input(1)) return Status::InvalidModel("input 1 (axis) is required");
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(1, ctx.input_dtype(1), {DataType::kInt32, DataType::kInt64}));
    if (NumElements(ctx.input_shape(1)) != 1 || ctx.input_rank(1) > 1) {
      return Status::InvalidModel(StrCat("axis (input 1) must be a scalar, got shape ",
                                         ShapeToString(ctx.input_shape(1))));
    }
    shape_ = ctx.input_shape(0);
    if (const Tensor* a = ctx.input_data(1)) ONNXI_RETURN_IF_ERROR(SetAxis(a->IntAt(0)));
    ctx.SetOutput(0, dt, shape_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(SetAxis(ctx.input(1).IntAt(0)));
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) {
        kernels::CumSumRef<T>(x.data<T>(), y.data<T>(), params_);
      }
    });
  }

 private:
  Status SetAxis(int64_t axis) {
    const int rank = static_cast<int>(shape_.size());
    if (rank == 0) return Status::InvalidArgument("input 0 must have rank >= 1, got a scalar");
    ONNXI_ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, rank));
    params_.outer = 1;
    params_.inner = 1;
    for (int i = 0; i < a; ++i) params_.outer *= shape_[i];
    for (int i = a + 1; i < rank; ++i) params_.inner *= shape_[i];
    params_.n = shape_[a];
    return Status::Ok();
  }

  bool half_ok_ = false;
  Shape shape_;
  kernels::CumSumParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeCumSumOp() { return std::make_unique<CumSumOp>(); }

}  // namespace onnxi
