// Gemm: Y = alpha * op(A) * op(B) + beta * C (ONNX Gemm, opsets 1, 6, 7, 9, 11, 13).
//
// Shapes: op(A) (M, K) is A (M, K) or, with transA, A (K, M); op(B) (K, N) likewise with
// transB; Y (M, N). C broadcasts unidirectionally to (M, N): a scalar, (N), (1, N), (M, 1) or
// (M, N). Versions: C is required before opset 11 and optional from it; before opset 7 the
// `broadcast` attribute must be 1 for C to broadcast (otherwise C is exactly (M, N)).
// Types: float16, float, double; int32, int64, uint32, uint64 from opset 9; bfloat16 from 13.
// float runs kernels::GetSgemm(isa) (SgemmRef for kReference), with a constant B packed once
// in Prepare; with beta == 1 a row (1, N) / (N) C becomes the epilogue's column bias, an
// (M, 1) C the row bias and an (M, N) C the residual; any other C is copied into Y first and
// scaled by beta in the GEMM. Other types: GemmRef after the same copy.
//
// onnxi's FusedGemm (domain ai.onnxi, version 1): Y = act(alpha * op(A) op(B) + beta * C + Z)
// with Gemm's inputs and attributes plus an optional input Z of Y's shape (M, N) and the
// activation attributes of ops/common/fused_activation.h. float only; C broadcasts as above.
#include "kernels/gemm/gemm.h"

#include <utility>
#include <vector>

#include "kernels/gemm/sgemm.h"
#include "ops/common/fused_activation.h"
#include "ops/linalg/linalg_types.h"

namespace onnxi {

Status CheckGemmType(int input_index, DataType t, int since_version) {
  if (IsOneOf(t, {DataType::kFloat, DataType::kDouble, DataType::kFloat16})) return Status::Ok();
  if (since_version >= 9 &&
      IsOneOf(t, {DataType::kInt32, DataType::kInt64, DataType::kUint32, DataType::kUint64})) {
    return Status::Ok();
  }
  if (since_version >= 13 && t == DataType::kBfloat16) return Status::Ok();
  return Status::InvalidModel(StrCat("input ", input_index, " has element type ", DataTypeName(t),
                                     ", which opset ", since_version, " does not allow here"));
}

namespace {

class GemmOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    fused_ = node.domain() == kOnnxiDomain;
    // FusedGemm follows Gemm-13 (types, optional C, broadcasting).
    since_version_ = fused_ ? 13 : node.since_version();
    if (fused_) act_ = ReadFusedActivation(node);
    alpha_ = node.GetFloat("alpha", 1.0f);
    beta_ = node.GetFloat("beta", 1.0f);
    trans_a_ = node.GetInt("transA", 0) != 0;
    trans_b_ = node.GetInt("transB", 0) != 0;
    broadcast_ = since_version_ >= 7 || node.GetInt("broadcast", 0) != 0;
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.size() < 2 || out.empty() || !in[0].known || !in[1].known ||
        in[0].dims.size() != 2 || in[1].dims.size() != 2) {
      return false;
    }
    const bool ta = node.GetInt("transA", 0) != 0, tb = node.GetInt("transB", 0) != 0;
    out[0] = {true, {in[0].dims[ta ? 1 : 0], in[1].dims[tb ? 0 : 1]}};  // (M, N)
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckGemmType(0, dtype, since_version_));
    if (fused_ && dtype != DataType::kFloat) {
      return Status::InvalidModel(
          StrCat("FusedGemm supports float only, A has ", DataTypeName(dtype)));
    }
    for (int i = 1; i < 4; ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != dtype) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), " but A has ",
                                           DataTypeName(dtype)));
      }
    }
    const Shape& a = ctx.input_shape(0);
    const Shape& b = ctx.input_shape(1);
    if (a.size() != 2 || b.size() != 2) {
      return Status::InvalidArgument(
          StrCat("A ", ShapeToString(a), " and B ", ShapeToString(b), " must both be 2-D"));
    }
    const int64_t m = trans_a_ ? a[1] : a[0], k = trans_a_ ? a[0] : a[1];
    const int64_t kb = trans_b_ ? b[1] : b[0], n = trans_b_ ? b[0] : b[1];
    if (k != kb) {
      return Status::InvalidArgument(
          StrCat("A ", ShapeToString(a), " (transA ", trans_a_, ") and B ", ShapeToString(b),
                 " (transB ", trans_b_, ") have inner dims ", k, " and ", kb, ", which differ"));
    }
    params_ = kernels::GemmParams{};
    params_.m = m;
    params_.n = n;
    params_.k = k;
    params_.trans_a = trans_a_;
    params_.trans_b = trans_b_;
    params_.lda = a[1];
    params_.ldb = b[1];
    params_.ldc = n;
    params_.alpha = alpha_;
    params_.beta = 0.0;
    use_c_ = false;
    if (!ctx.has_input(2)) {
      if (since_version_ < 11) {
        return Status::InvalidModel(StrCat(
            "input C is required before opset 11 (this node uses opset ", since_version_, ")"));
      }
    } else {
      const Shape& c = ctx.input_shape(2);
      const int64_t rows = c.size() == 2 ? c[0] : 1;
      const int64_t cols = c.empty() ? 1 : c.back();
      const bool exact = c.size() == 2 && rows == m && cols == n;
      if (c.size() > 2 || (rows != m && rows != 1) || (cols != n && cols != 1) ||
          (!broadcast_ && !exact)) {
        return Status::InvalidArgument(StrCat("C has shape ", ShapeToString(c),
                                              ", which does not broadcast to (M, N) = [", m, ", ",
                                              n, "]", broadcast_ ? "" : " (broadcast is 0)"));
      }
      c_row_stride_ = rows == 1 ? 0 : cols;
      c_col_stride_ = cols == 1 ? 0 : 1;
      use_c_ = beta_ != 0.0f;
      params_.beta = use_c_ ? beta_ : 0.0;
    }
    if (fused_ && ctx.has_input(3) && ctx.input_shape(3) != Shape{m, n}) {
      return Status::InvalidArgument(StrCat("Z has shape ", ShapeToString(ctx.input_shape(3)),
                                            "; FusedGemm needs (M, N) = [", m, ", ", n, "]"));
    }
    ctx.SetOutput(0, dtype, {m, n});
    if (dtype == DataType::kFloat) PrepareFloat(ctx);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& a = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (a.dtype() == DataType::kFloat) {
      // B is gone when Prepare packed it (ReleaseConstantInput).
      const float* b_data = ctx.has_input(1) ? ctx.input(1).data<float>() : nullptr;
      RunFloat(ctx, a.data<float>(), b_data, y.data<float>());
      return Status::Ok();
    }
    const Tensor& b = ctx.input(1);
    return VisitGemmType(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if (use_c_) {
        kernels::GemmFillBias(ctx.input(2).data<T>(), c_row_stride_, c_col_stride_, params_.m,
                              params_.n, y.data<T>());
      }
      kernels::GemmRef(params_, a.data<T>(), b.data<T>(), y.data<T>());
    });
  }

 private:
  // Where C goes (the epilogue when beta == 1 and it is a row, column or full matrix, else
  // copied into Y), and a constant B packed once.
  void PrepareFloat(PrepareContext& ctx) {
    sgemm_ = kernels::GetSgemm(ctx.isa);
    c_mode_ = CMode::kNone;
    if (use_c_) {
      const bool row = c_row_stride_ == 0 && c_col_stride_ == 1;
      const bool col = c_row_stride_ == 1 && c_col_stride_ == 0;
      const bool full = c_row_stride_ == params_.n && c_col_stride_ == 1;
      c_mode_ = CMode::kFill;
      if (beta_ == 1.0f && params_.n > 1 && row) c_mode_ = CMode::kColumnBias;
      if (beta_ == 1.0f && params_.m > 1 && col) c_mode_ = CMode::kRowBias;
      if (beta_ == 1.0f && full && !(fused_ && ctx.has_input(3))) c_mode_ = CMode::kResidual;
    }
    sgemm_params_ = params_;
    sgemm_params_.beta = c_mode_ == CMode::kFill ? params_.beta : 0.0;
    // A constant B is packed once and the original freed (ReleaseConstantInput); a later
    // Prepare for other input shapes then sees no data for B and keeps the pack, whose layout
    // depends only on B's shape and the instruction set.
    const Tensor* b = ctx.input_data(1);
    const bool keep = b == nullptr && !packed_b_.empty() &&
                      packed_kn_ == std::pair<int64_t, int64_t>(params_.k, params_.n);
    if (!keep) {
      sgemm_packed_ = nullptr;
      packed_b_.clear();
    }
    if (b != nullptr && kernels::GetSgemmPackedB(ctx.isa) != nullptr) {
      packed_b_.resize(kernels::SgemmPackedBSize(ctx.isa, params_.k, params_.n));
      kernels::SgemmPackB(ctx.isa, trans_b_, b->data<float>(), params_.ldb, params_.k, params_.n,
                          packed_b_.data());
      sgemm_packed_ = kernels::GetSgemmPackedB(ctx.isa);
      packed_kn_ = {params_.k, params_.n};
      ctx.ReleaseConstantInput(1);
    }
  }

  void RunFloat(RunContext& ctx, const float* a, const float* b, float* y) const {
    kernels::SgemmEpilogue ep;
    ep.act = act_;
    const float* c = use_c_ ? ctx.input(2).data<float>() : nullptr;
    switch (c_mode_) {
      case CMode::kNone:
        break;
      case CMode::kFill:
        kernels::GemmFillBias(c, c_row_stride_, c_col_stride_, params_.m, params_.n, y);
        break;
      case CMode::kColumnBias:
        ep.bias = c;
        break;
      case CMode::kRowBias:
        ep.bias = c;
        ep.bias_per_row = true;
        break;
      case CMode::kResidual:
        ep.residual = c;
        ep.ldr = params_.n;
        break;
    }
    if (fused_ && ctx.has_input(3)) {
      ep.residual = ctx.input(3).data<float>();
      ep.ldr = params_.n;
    }
    if (sgemm_packed_ != nullptr) {
      sgemm_packed_(sgemm_params_, a, packed_b_.data(), y, ep);
    } else {
      sgemm_(sgemm_params_, a, b, y, ep);
    }
  }

  enum class CMode { kNone, kFill, kColumnBias, kRowBias, kResidual };

  int since_version_ = 0;
  float alpha_ = 1.0f, beta_ = 1.0f;
  bool trans_a_ = false, trans_b_ = false, broadcast_ = true, fused_ = false;
  bool use_c_ = false;
  kernels::Activation act_;
  // float
  CMode c_mode_ = CMode::kNone;
  kernels::GemmParams sgemm_params_;  // params_ with beta 0 unless C was copied into Y
  kernels::SgemmFn sgemm_ = nullptr;
  kernels::SgemmPackedBFn sgemm_packed_ = nullptr;
  std::vector<float> packed_b_;  // a constant B packed for sgemm_packed_
  std::pair<int64_t, int64_t> packed_kn_;  // the (K, N) packed_b_ was packed for
  int64_t c_row_stride_ = 0, c_col_stride_ = 0;
  kernels::GemmParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeGemmOp() { return std::make_unique<GemmOp>(); }

}  // namespace onnxi
