// MatMulInteger (opset 10) and QLinearMatMul (opsets 10, 21): numpy-broadcast matmul of
// 8-bit integers.
//
// MatMulInteger: Y (..., M, N) int32 = (A - a_zero_point) x (B - b_zero_point),
//   A (..., M, K) uint8/int8, B (..., K, N) uint8/int8; a_zero_point per-tensor or per-row
//   (1-D of M), b_zero_point per-tensor or per-column (1-D of N).
// QLinearMatMul: Y = saturate(rint(((A - a_zp) x (B - b_zp)) * a_scale * b_scale / y_scale)
//   + y_zp), Y of y_zero_point's type. a_scale/a_zp per-tensor; b_scale/b_zp and
//   y_scale/y_zp per-tensor or per-column (N). Scales float (float16/bfloat16 from opset 21;
//   the multiplier is formed in the scale type as numpy does). Per-row a scales, batched
//   (N-D) zero points and the float8 inputs of opset 21 are not supported.
#include <vector>

#include "kernels/quantization/quantize.h"
#include "ops/common/dispatch.h"
#include "ops/op.h"
#include "ops/quantization/quant_ops.h"
#include "ops/quantization/quant_util.h"

namespace onnxi {
namespace {

constexpr std::initializer_list<DataType> kInt8Types = {DataType::kUint8, DataType::kInt8};

// Stride (0 per-tensor, 1 per-vector) of a zero point / scale with `count` allowed entries.
Result<int64_t> VectorStride(const Shape& s, int64_t count, const char* name) {
  const int64_t n = NumElements(s);
  if (n == 1 && s.size() <= 1) return int64_t{0};
  if (s.size() == 1 && s[0] == count) return int64_t{1};
  return Status::Unsupported(
      StrCat(name, " has shape ", ShapeToString(s), "; supported: a scalar, [1] or [", count, "]"));
}

template <class F>
void VisitInt8Pair(DataType a, DataType b, F&& f) {
  if (a == DataType::kUint8 && b == DataType::kUint8) f(Tag<uint8_t>{}, Tag<uint8_t>{});
  if (a == DataType::kUint8 && b == DataType::kInt8) f(Tag<uint8_t>{}, Tag<int8_t>{});
  if (a == DataType::kInt8 && b == DataType::kUint8) f(Tag<int8_t>{}, Tag<uint8_t>{});
  if (a == DataType::kInt8 && b == DataType::kInt8) f(Tag<int8_t>{}, Tag<int8_t>{});
}

class MatMulIntegerBase : public Op {
 protected:
  // a, b: input indices of A and B; azp, bzp: of their zero points (-1: none).
  Status PrepareProduct(PrepareContext& ctx, int a, int b, int azp, int bzp) {
    ONNXI_RETURN_IF_ERROR(CheckInputType(a, ctx.input_dtype(a), kInt8Types));
    ONNXI_RETURN_IF_ERROR(CheckInputType(b, ctx.input_dtype(b), kInt8Types));
    ONNXI_ASSIGN_OR_RETURN(plan_, PlanMatMul(ctx.input_shape(a), ctx.input_shape(b)));
    a_zp_stride_ = b_zp_stride_ = 0;
    if (ctx.has_input(azp)) {
      if (ctx.input_dtype(azp) != ctx.input_dtype(a)) {
        return Status::InvalidModel("a_zero_point's element type differs from A's");
      }
      ONNXI_ASSIGN_OR_RETURN(a_zp_stride_,
                             VectorStride(ctx.input_shape(azp), plan_.m, "a_zero_point"));
    }
    if (ctx.has_input(bzp)) {
      if (ctx.input_dtype(bzp) != ctx.input_dtype(b)) {
        return Status::InvalidModel("b_zero_point's element type differs from B's");
      }
      ONNXI_ASSIGN_OR_RETURN(b_zp_stride_,
                             VectorStride(ctx.input_shape(bzp), plan_.n, "b_zero_point"));
    }
    return Status::Ok();
  }

  void RunProduct(RunContext& ctx, int a, int b, int azp, int bzp, int32_t* y) {
    const Tensor& ta = ctx.input(a);
    const Tensor& tb = ctx.input(b);
    VisitInt8Pair(ta.dtype(), tb.dtype(), [&](auto atag, auto btag) {
      using A = typename decltype(atag)::type;
      using B = typename decltype(btag)::type;
      const A* za = ctx.has_input(azp) ? ctx.input(azp).data<A>() : nullptr;
      const B* zb = ctx.has_input(bzp) ? ctx.input(bzp).data<B>() : nullptr;
      const int64_t mn = plan_.m * plan_.n;
      for (size_t i = 0; i < plan_.a_offsets.size(); ++i) {
        kernels::MatMulIntegerRef(ta.data<A>() + plan_.a_offsets[i],
                                  tb.data<B>() + plan_.b_offsets[i], plan_.m, plan_.k, plan_.n, za,
                                  a_zp_stride_, zb, b_zp_stride_, y + static_cast<int64_t>(i) * mn);
      }
    });
  }

  MatMulPlan plan_;
  int64_t a_zp_stride_ = 0, b_zp_stride_ = 0;
};

class MatMulIntegerOp : public MatMulIntegerBase {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(PrepareProduct(ctx, 0, 1, 2, 3));
    ctx.SetOutput(0, DataType::kInt32, plan_.out);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    RunProduct(ctx, 0, 1, 2, 3, ctx.output(0).data<int32_t>());
    return Status::Ok();
  }
};

// Inputs: a 0, a_scale 1, a_zero_point 2, b 3, b_scale 4, b_zero_point 5, y_scale 6,
// y_zero_point 7.
class QLinearMatMulOp : public MatMulIntegerBase {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(PrepareProduct(ctx, 0, 3, 2, 5));
    const DataType st = ctx.input_dtype(1);
    if (since_ >= 21) {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(1, st, {DataType::kFloat, DataType::kFloat16, DataType::kBfloat16}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(1, st, {DataType::kFloat}));
    }
    for (int i : {4, 6}) {
      if (ctx.input_dtype(i) != st) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), " but a_scale has ",
                                           DataTypeName(st)));
      }
    }
    ONNXI_ASSIGN_OR_RETURN(int64_t sa, VectorStride(ctx.input_shape(1), 1, "a_scale"));
    (void)sa;
    if (a_zp_stride_ != 0) return Status::Unsupported("per-row a_zero_point is not supported");
    ONNXI_ASSIGN_OR_RETURN(b_scale_stride_, VectorStride(ctx.input_shape(4), plan_.n, "b_scale"));
    ONNXI_ASSIGN_OR_RETURN(y_scale_stride_, VectorStride(ctx.input_shape(6), plan_.n, "y_scale"));
    const DataType yt = ctx.has_input(7) ? ctx.input_dtype(7) : ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(7, yt, kInt8Types));
    y_zp_stride_ = 0;
    if (ctx.has_input(7)) {
      ONNXI_ASSIGN_OR_RETURN(y_zp_stride_,
                             VectorStride(ctx.input_shape(7), plan_.n, "y_zero_point"));
    }
    acc_.assign(static_cast<size_t>(NumElements(plan_.out)), 0);
    multiplier_.assign(static_cast<size_t>(plan_.n), 0.0);
    ctx.SetOutput(0, yt, plan_.out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    RunProduct(ctx, 0, 3, 2, 5, acc_.data());
    const Tensor& as = ctx.input(1);
    Status st = VisitFloatType(as.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<S, double>) {
        kernels::QLinearMultipliersRef(as.data<S>(), 0, ctx.input(4).data<S>(), b_scale_stride_,
                                       ctx.input(6).data<S>(), y_scale_stride_, plan_.n,
                                       multiplier_.data());
      }
    });
    ONNXI_RETURN_IF_ERROR(st);
    Tensor& y = ctx.output(0);
    const int64_t rows = plan_.n == 0 ? 0 : static_cast<int64_t>(acc_.size()) / plan_.n;
    const bool has_zp = ctx.has_input(7);
    if (y.dtype() == DataType::kUint8) {
      kernels::RequantizeRef<uint8_t>(acc_.data(), nullptr, rows, plan_.n, 1, multiplier_.data(), 1,
                                      has_zp ? ctx.input(7).data<uint8_t>() : nullptr, y_zp_stride_,
                                      y.data<uint8_t>());
    } else {
      kernels::RequantizeRef<int8_t>(acc_.data(), nullptr, rows, plan_.n, 1, multiplier_.data(), 1,
                                     has_zp ? ctx.input(7).data<int8_t>() : nullptr, y_zp_stride_,
                                     y.data<int8_t>());
    }
    return Status::Ok();
  }

 private:
  int since_ = 0;
  int64_t b_scale_stride_ = 0, y_scale_stride_ = 0, y_zp_stride_ = 0;
  std::vector<int32_t> acc_;
  std::vector<double> multiplier_;
};

}  // namespace

std::unique_ptr<Op> MakeMatMulIntegerOp() { return std::make_unique<MatMulIntegerOp>(); }
std::unique_ptr<Op> MakeQLinearMatMulOp() { return std::make_unique<QLinearMatMulOp>(); }

}  // namespace onnxi
