// Softmax, LogSoftmax, Hardmax along an axis.
//
//   input (d0, ..., d_{r-1}) -> output of the same shape; formulas in kernels/normalization/
//   softmax.h (stable: the max is subtracted before exp).
//
// Versions 1 and 11 coerce the input to 2-D at `axis` (default 1): the op normalizes over
// the flattened block (d_axis * ... * d_{r-1}) of each of the d0 * ... * d_{axis-1} rows.
// From 13 the op works along the single axis `axis` (default -1) and accepts bfloat16.
// float32 Softmax/LogSoftmax over contiguous rows (inner == 1: the last axis, or any coerced
// 2-D view) with a SIMD Isa run kernels/normalization/vnorm.h, rows split in fixed blocks
// over the session's threads (each row computed whole by one block: same bits for any
// thread count). Everything else runs the double-precision reference SoftmaxRef.
#include <string>

#include "kernels/cpu/parallel.h"
#include "kernels/normalization/softmax.h"
#include "kernels/normalization/vnorm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class SoftmaxOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    const std::string& name = node.op_type();
    params_.kind = name == "Softmax"      ? kernels::SoftmaxKind::kSoftmax
                   : name == "LogSoftmax" ? kernels::SoftmaxKind::kLogSoftmax
                                          : kernels::SoftmaxKind::kHardmax;
    coerce_2d_ = node.since_version() < 13;
    axis_ = node.GetInt("axis", coerce_2d_ ? 1 : -1);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    if (coerce_2d_) {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat16, DataType::kFloat, DataType::kDouble}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    }
    const Shape& in = ctx.input_shape(0);
    const int rank = static_cast<int>(in.size());
    int axis = 0;
    if (coerce_2d_) {
      // Here axis may equal rank (all dims go to the rows, the row length is 1).
      if (axis_ < -rank || axis_ > rank) {
        return Status::InvalidModel(
            StrCat("axis ", axis_, " is out of range for a rank-", rank, " input"));
      }
      axis = static_cast<int>(axis_ < 0 ? axis_ + rank : axis_);
    } else {
      ONNXI_ASSIGN_OR_RETURN(axis, NormalizeAxis(axis_, rank));
    }
    params_.outer = 1;
    params_.n = 1;
    params_.inner = 1;
    for (int i = 0; i < rank; ++i) {
      if (i < axis) {
        params_.outer *= in[i];
      } else if (i == axis || coerce_2d_) {
        params_.n *= in[i];
      } else {
        params_.inner *= in[i];
      }
    }
    ctx.SetOutput(0, dt, in);
    simd_ = dt == DataType::kFloat && params_.inner == 1 &&
                    params_.kind != kernels::SoftmaxKind::kHardmax
                ? kernels::GetVNorm(ctx.isa)
                : nullptr;
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (simd_ != nullptr) {
      const float* px = x.data<float>();
      float* py = y.data<float>();
      const int64_t n = params_.n;
      const bool log = params_.kind == kernels::SoftmaxKind::kLogSoftmax;
      kernels::ParallelFor(params_.outer, kernels::GrainFor(n * 16), [&](int64_t b, int64_t e) {
        simd_->softmax(px, py, b, e, n, log);
      });
      return Status::Ok();
    }
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::SoftmaxRef<T>(x.data<T>(), y.data<T>(), params_);
    });
  }

 private:
  bool coerce_2d_ = false;
  int64_t axis_ = -1;
  kernels::SoftmaxParams params_;
  const kernels::VNormKernels* simd_ = nullptr;
};

}  // namespace

std::unique_ptr<Op> MakeSoftmaxOp() { return std::make_unique<SoftmaxOp>(); }

}  // namespace onnxi
