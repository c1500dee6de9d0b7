// GlobalMaxPool, GlobalAveragePool, GlobalLpPool: one value per (n, c) over all spatial dims.
//
// Shapes: X (N, C, D1..Dr) -> Y (N, C, 1, .., 1) with r ones (r >= 0; a rank-2 X gives
// Y (N, C) and pools over a single element).
// Versions: GlobalMaxPool and GlobalAveragePool 1, 22; GlobalLpPool 1 (float p), 2 (int p),
// 22. bfloat16 from opset 22.
// float32 GlobalAveragePool runs the SIMD kernel of kernels/pool/pool2d_f32.h, parallel over
// N * C, unless the session's Isa is kReference.
#include "kernels/cpu/parallel.h"
#include "kernels/pool/pool.h"
#include "kernels/pool/pool2d_f32.h"
#include "ops/common/dispatch.h"
#include "ops/op.h"

namespace onnxi {
namespace {

class GlobalPoolOp : public Op {
 public:
  explicit GlobalPoolOp(kernels::GlobalPoolKind kind) : kind_(kind) {}

  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    if (kind_ == kernels::GlobalPoolKind::kLp) {
      p_ =
          since_version_ == 1 ? node.GetFloat("p", 2.0f) : static_cast<double>(node.GetInt("p", 2));
      if (!(p_ > 0)) node.Fail(Status::InvalidModel(StrCat("p ", p_, " must be positive")));
    }
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty() || !in[0].known || in[0].dims.size() < 2) return false;
    out[0] = in[0];  // (N, C, 1, 1, ...)
    for (size_t i = 2; i < out[0].dims.size(); ++i) out[0].dims[i] = 1;
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (since_version_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dtype, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    }
    const Shape& x = ctx.input_shape(0);
    if (x.size() < 2) {
      return Status::InvalidArgument(
          StrCat("X has shape ", ShapeToString(x), "; expected (N, C, spatial...)"));
    }
    channels_ = x[0] * x[1];
    inner_ = 1;
    Shape y = {x[0], x[1]};
    for (size_t i = 2; i < x.size(); ++i) {
      inner_ *= x[i];
      y.push_back(1);
    }
    ctx.SetOutput(0, dtype, y);
    fast_ = kind_ == kernels::GlobalPoolKind::kAverage && dtype == DataType::kFloat
                ? kernels::GetGlobalAveragePoolF32(ctx.isa)
                : nullptr;
    grain_ = kernels::GrainFor(inner_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (fast_ != nullptr) {
      const float* xf = x.data<float>();
      float* yf = y.data<float>();
      kernels::ParallelFor(channels_, grain_, [&](int64_t c0, int64_t c1) {
        fast_(xf + c0 * inner_, c1 - c0, inner_, yf + c0);
      });
      return Status::Ok();
    }
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::GlobalPool(x.data<T>(), channels_, inner_, kind_, p_, y.data<T>());
    });
  }

 private:
  kernels::GlobalPoolKind kind_;
  int since_version_ = 0;
  double p_ = 2.0;
  int64_t channels_ = 0, inner_ = 0;
  kernels::GlobalAveragePoolF32Fn fast_ = nullptr;
  int64_t grain_ = 1;
};

}  // namespace

std::unique_ptr<Op> MakeGlobalMaxPoolOp() {
  return std::make_unique<GlobalPoolOp>(kernels::GlobalPoolKind::kMax);
}
std::unique_ptr<Op> MakeGlobalAveragePoolOp() {
  return std::make_unique<GlobalPoolOp>(kernels::GlobalPoolKind::kAverage);
}
std::unique_ptr<Op> MakeGlobalLpPoolOp() {
  return std::make_unique<GlobalPoolOp>(kernels::GlobalPoolKind::kLp);
}

}  // namespace onnxi
