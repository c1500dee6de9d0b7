// Gemm: Y = alpha * op(A) * op(B) + beta * C (ONNX Gemm, opsets 1, 6, 7, 9, 11, 13).
//
// Shapes: op(A) (M, K) is A (M, K) or, with transA, A (K, M); op(B) (K, N) likewise with
// transB; Y (M, N). C broadcasts unidirectionally to (M, N): a scalar, (N), (1, N), (M, 1) or
// (M, N). Versions: C is required before opset 11 and optional from it; before opset 7 the
// `broadcast` attribute must be 1 for C to broadcast (otherwise C is exactly (M, N)).
// Types: float16, float, double; int32, int64, uint32, uint64 from opset 9; bfloat16 from 13.
#include "kernels/gemm/gemm.h"
#include "ops/linalg/linalg_types.h"

namespace onnxi {

Status CheckGemmType(int input_index, DataType t, int since_version) {
  if (IsOneOf(t, {DataType::kFloat, DataType::kDouble, DataType::kFloat16})) return Status::Ok();
  if (since_version >= 9 &&
      IsOneOf(t, {DataType::kInt32, DataType::kInt64, DataType::kUint32, DataType::kUint64})) {
    return Status::Ok();
  }
  if (since_version >= 13 && t == DataType::kBfloat16) return Status::Ok();
  return Status::InvalidModel(StrCat("input ", input_index, " has element type ",
                                     DataTypeName(t), ", which opset ", since_version,
                                     " does not allow here"));
}

namespace {

class GemmOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    alpha_ = node.GetFloat("alpha", 1.0f);
    beta_ = node.GetFloat("beta", 1.0f);
    trans_a_ = node.GetInt("transA", 0) != 0;
    trans_b_ = node.GetInt("transB", 0) != 0;
    broadcast_ = since_version_ >= 7 || node.GetInt("broadcast", 0) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckGemmType(0, dtype, since_version_));
    for (int i = 1; i < 3; ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != dtype) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)),
                                           " but A has ", DataTypeName(dtype)));
      }
    }
    const Shape& a = ctx.input_shape(0);
    const Shape& b = ctx.input_shape(1);
    if (a.size() != 2 || b.size() != 2) {
      return Status::InvalidArgument(StrCat("A ", ShapeToString(a), " and B ", ShapeToString(b),
                                            " must both be 2-D"));
    }
    const int64_t m = trans_a_ ? a[1] : a[0], k = trans_a_ ? a[0] : a[1];
    const int64_t kb = trans_b_ ? b[1] : b[0], n = trans_b_ ? b[0] : b[1];
    if (k != kb) {
      return Status::InvalidArgument(StrCat(
          "A ", ShapeToString(a), " (transA ", trans_a_, ") and B ", ShapeToString(b),
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
        return Status::InvalidModel(
            StrCat("input C is required before opset 11 (this node uses opset ",
                   since_version_, ")"));
      }
    } else {
      const Shape& c = ctx.input_shape(2);
      const int64_t rows = c.size() == 2 ? c[0] : 1;
      const int64_t cols = c.empty() ? 1 : c.back();
      const bool exact = c.size() == 2 && rows == m && cols == n;
      if (c.size() > 2 || (rows != m && rows != 1) || (cols != n && cols != 1) ||
          (!broadcast_ && !exact)) {
        return Status::InvalidArgument(
            StrCat("C has shape ", ShapeToString(c), ", which does not broadcast to (M, N) = [",
                   m, ", ", n, "]", broadcast_ ? "" : " (broadcast is 0)"));
      }
      c_row_stride_ = rows == 1 ? 0 : cols;
      c_col_stride_ = cols == 1 ? 0 : 1;
      use_c_ = beta_ != 0.0f;
      params_.beta = use_c_ ? beta_ : 0.0;
    }
    ctx.SetOutput(0, dtype, {m, n});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    Tensor& y = ctx.output(0);
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
  int since_version_ = 0;
  float alpha_ = 1.0f, beta_ = 1.0f;
  bool trans_a_ = false, trans_b_ = false, broadcast_ = true;
  bool use_c_ = false;
  int64_t c_row_stride_ = 0, c_col_stride_ = 0;
  kernels::GemmParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeGemmOp() { return std::make_unique<GemmOp>(); }

}  // namespace onnxi
