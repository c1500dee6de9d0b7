// LpNormalization: X divided by its p-norm along `axis` (default -1), p = 1 or 2 (default).
//
//   Y[..., j, ...] = X[..., j, ...] / (sum_j |X_j|^p)^(1/p)
//
// Versions 1 and 22 (adds bfloat16). A zero norm gives 0 (not NaN), as the ONNX reference does.
#include "kernels/normalization/lp_norm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class LpNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", -1);
    const int64_t p = node.GetInt("p", 2);
    if (p != 1 && p != 2) {
      node.Fail(Status::InvalidModel(StrCat("p ", p, " is not supported; ONNX allows 1 or 2")));
    }
    params_.p = static_cast<int>(p);
    bfloat16_ok_ = node.since_version() >= 22;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    if (bfloat16_ok_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat16, DataType::kFloat, DataType::kDouble}));
    }
    const Shape& in = ctx.input_shape(0);
    const int rank = static_cast<int>(in.size());
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    params_.outer = 1;
    params_.inner = 1;
    for (int i = 0; i < axis; ++i) params_.outer *= in[i];
    for (int i = axis + 1; i < rank; ++i) params_.inner *= in[i];
    params_.n = rank == 0 ? 1 : in[axis];
    ctx.SetOutput(0, dt, in);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::LpNormRef<T>(x.data<T>(), y.data<T>(), params_);
    });
  }

 private:
  int64_t axis_ = -1;
  bool bfloat16_ok_ = false;
  kernels::LpNormParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeLpNormOp() { return std::make_unique<LpNormOp>(); }

}  // namespace onnxi
