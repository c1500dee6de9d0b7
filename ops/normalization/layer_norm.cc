// LayerNormalization (opset 17) and RMSNormalization (opset 23): normalization of each
// trailing block X[i0, ..., i_{axis-1}, :, ..., :] (the axes from `axis` on, default -1).
//
//   LayerNormalization: Y = (X - mean) / sqrt(var + epsilon) * Scale + B
//     inputs X (T), Scale (T), B (T, optional); outputs Y, Mean and InvStdDev (optional,
//     type stash_type, shape X.shape[:axis] + [1] * (rank - axis)).
//   RMSNormalization:   Y = X / sqrt(mean(X^2) + epsilon) * scale
//     inputs X (T), scale (V); output Y (V).
//
// Scale and B broadcast to the normalized block X.shape[axis:]. Supported: parameter shapes
// that, without leading 1s, equal a suffix of that block (the common (D_last) and full-block
// forms); others are reported as Unsupported. Statistics are computed in double whatever
// stash_type says; stash_type picks the type of the Mean/InvStdDev outputs.
// Not supported: RMSNormalization with V different from T.
// Also registered as onnxi's private ("ai.onnxi", 1) LayerNormalization, same contract, for
// the graph rewrite of the decomposed pattern in opset < 17 models.
// float32 X with float stash_type, Scale/B covering the whole normalized block and a SIMD Isa
// run kernels/normalization/vnorm.h (statistics in float SIMD lanes, fixed order), rows in
// fixed blocks over the session's threads; everything else runs LayerNormRef.
#include <string>

#include "kernels/cpu/parallel.h"
#include "kernels/normalization/layer_norm.h"
#include "kernels/normalization/vnorm.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/normalization/normalization_ops.h"

namespace onnxi {
namespace {

class LayerNormOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    params_.rms = node.op_type() == "RMSNormalization";
    axis_ = node.GetInt("axis", -1);
    params_.epsilon = node.GetFloat("epsilon", 1e-5f);
    const int64_t stash = node.GetInt("stash_type", 1);
    if (!IsKnownDataType(static_cast<int32_t>(stash)) ||
        !IsFloatingPoint(static_cast<DataType>(stash))) {
      node.Fail(Status::InvalidModel(
          StrCat("stash_type ", stash, " is not a floating-point element type")));
    }
    stash_type_ = static_cast<DataType>(stash);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    if (!ctx.has_input(1)) return Status::InvalidModel("input 1 (scale) is required");
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {dt}));
    const Shape& in = ctx.input_shape(0);
    const int rank = static_cast<int>(in.size());
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    Shape block(in.begin() + axis, in.end());
    params_.outer = 1;
    for (int i = 0; i < axis; ++i) params_.outer *= in[i];
    params_.n = NumElements(block);
    ONNXI_ASSIGN_OR_RETURN(params_.scale_n, ParamSize(ctx.input_shape(1), block, "scale"));
    has_bias_ = !params_.rms && ctx.has_input(2);
    if (has_bias_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(2, ctx.input_dtype(2), {dt}));
      ONNXI_ASSIGN_OR_RETURN(params_.bias_n, ParamSize(ctx.input_shape(2), block, "B"));
    }
    ctx.SetOutput(0, dt, in);
    Shape stat(in.begin(), in.begin() + axis);
    stat.resize(rank, 1);
    for (int i = 1; i < ctx.num_outputs() && i < 3 && !params_.rms; ++i) {
      ctx.SetOutput(i, stash_type_, stat);
    }
    const bool simd_shape = params_.scale_n == params_.n &&
                            (!has_bias_ || params_.bias_n == params_.n) &&
                            (params_.rms || stash_type_ == DataType::kFloat);
    simd_ = dt == DataType::kFloat && simd_shape ? kernels::GetVNorm(ctx.isa) : nullptr;
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& scale = ctx.input(1);
    const Tensor* bias = has_bias_ ? &ctx.input(2) : nullptr;
    Tensor* mean = !params_.rms && ctx.has_output(1) ? &ctx.output(1) : nullptr;
    Tensor* inv_std = !params_.rms && ctx.has_output(2) ? &ctx.output(2) : nullptr;
    Tensor& y = ctx.output(0);
    if (simd_ != nullptr) {
      const float* px = x.data<float>();
      const float* ps = scale.data<float>();
      const float* pb = bias ? bias->data<float>() : nullptr;
      float* py = y.data<float>();
      float* pm = mean ? mean->data<float>() : nullptr;
      float* pi = inv_std ? inv_std->data<float>() : nullptr;
      const int64_t n = params_.n;
      const float eps = static_cast<float>(params_.epsilon);
      kernels::ParallelFor(params_.outer, kernels::GrainFor(n * 8), [&](int64_t b, int64_t e) {
        simd_->layer_norm(px, ps, pb, py, pm, pi, b, e, n, eps, params_.rms);
      });
      return Status::Ok();
    }
    Status inner_status;
    ONNXI_RETURN_IF_ERROR(VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      inner_status = VisitFloatType(stash_type_, [&](auto utag) {
        using U = typename decltype(utag)::type;
        kernels::LayerNormRef<T, T, U>(x.data<T>(), scale.data<T>(),
                                       bias ? bias->data<T>() : nullptr, y.data<T>(),
                                       mean ? mean->data<U>() : nullptr,
                                       inv_std ? inv_std->data<U>() : nullptr, params_);
      });
    }));
    return inner_status;
  }

 private:
  // Elements of a parameter that broadcasts to `block` by repeating along leading axes.
  static Result<int64_t> ParamSize(const Shape& p, const Shape& block, const char* name) {
    size_t first = 0;
    while (first < p.size() && p[first] == 1) ++first;
    const size_t k = p.size() - first;
    bool suffix = k <= block.size() && p.size() <= block.size();
    for (size_t i = 0; suffix && i < k; ++i) {
      suffix = p[first + i] == block[block.size() - k + i];
    }
    if (!suffix) {
      return Status::Unsupported(StrCat(name, " of shape ", ShapeToString(p),
                                        " does not match the normalized shape ",
                                        ShapeToString(block), " or a suffix of it"));
    }
    return NumElements(p) == 0 ? int64_t{1} : NumElements(p);
  }

  int64_t axis_ = -1;
  DataType stash_type_ = DataType::kFloat;
  bool has_bias_ = false;
  kernels::LayerNormParams params_;
  const kernels::VNormKernels* simd_ = nullptr;
};

}  // namespace

std::unique_ptr<Op> MakeLayerNormOp() { return std::make_unique<LayerNormOp>(); }

}  // namespace onnxi
