// MeanVarianceNormalization: Y = (X - E[X]) / sqrt(E[(X - E[X])^2] + 1e-9) over `axes`
// (default [0, 2, 3]: per channel of an (N, C, H, W) input).
//
// The epsilon 1e-9 comes from the op's function body in the ONNX spec. Versions 9 and 13
// (adds bfloat16). Not supported: views needing more than kReduceMaxDims axis groups.
#include <memory>
#include <vector>

#include "kernels/normalization/mean_variance_norm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

constexpr double kEpsilon = 1e-9;

class MeanVarianceNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axes_ = node.GetInts("axes", {0, 2, 3});
    bfloat16_ok_ = node.since_version() >= 13;
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
    std::unique_ptr<bool[]> reduced(new bool[rank > 0 ? rank : 1]());
    for (int64_t a : axes_) {
      if (rank == 0) {
        return Status::InvalidModel(StrCat("axis ", a, " is out of range for a scalar input"));
      }
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(a, rank));
      if (reduced[axis]) {
        return Status::InvalidModel(StrCat("axes name axis ", axis, " twice (axis ", a,
                                           " for a rank-", rank, " input)"));
      }
      reduced[axis] = true;
    }
    if (!kernels::MakeReduceGeometry(rank, in.data(), reduced.get(), &geometry_)) {
      return Status::Unsupported(StrCat("normalizing over axes of a rank-", rank,
                                        " input needs more than ", kernels::kReduceMaxDims,
                                        " alternating axis groups"));
    }
    ctx.SetOutput(0, dt, in);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::MeanVarianceNormRef<T>(x.data<T>(), y.data<T>(), geometry_, kEpsilon);
    });
  }

 private:
  std::vector<int64_t> axes_;
  bool bfloat16_ok_ = false;
  kernels::ReduceGeometry geometry_;
};

}  // namespace

std::unique_ptr<Op> MakeMeanVarianceNormOp() { return std::make_unique<MeanVarianceNormOp>(); }

}  // namespace onnxi
