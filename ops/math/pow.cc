// Pow: Z = X ^ Y elementwise with broadcasting; Z has X's type.
//
// Shapes: X, Y broadcast (numpy rules from opset 7; v1 uses the legacy broadcast/axis
// attributes, see broadcast.h) -> Z.
// Types: v1, v7: X and Y the same float16/float/double. v12: X int32/int64/float16/float/
// double, Y any number but bfloat16 (mixed types allowed). v13: X + bfloat16. v15: Y +
// bfloat16.
// Integer X with integer Y is exact (wrapping); a negative exponent truncates 1/x^|y| toward
// zero. Integer X with float Y computes in double and saturates into X's range. Float X
// computes in X's compute type (float for the 16-bit floats). See binary_functors.h.
//
// float32 fast path (non-reference Isa): X float, Y a float/double constant with one element
// whose value is 1 (copy), 2 (x * x) or 3 ((x * x) * x, within 1 ulp of pow), run with the
// vbinary SIMD rows over fixed 16K-element blocks. Other exponents run the general broadcast
// loop (0.5 too: sqrt differs from pow at -0 and -inf).
#include "kernels/cpu/parallel.h"
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "kernels/elementwise/vbinary.h"
#include "kernels/reduce/reduce.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

// The base types Pow ever accepts.
template <class F>
Status VisitPowBase(DataType t, F&& f) {
  switch (t) {
    case DataType::kFloat: f(Tag<float>{}); break;
    case DataType::kDouble: f(Tag<double>{}); break;
    case DataType::kFloat16: f(Tag<Float16>{}); break;
    case DataType::kBfloat16: f(Tag<BFloat16>{}); break;
    case DataType::kInt32: f(Tag<int32_t>{}); break;
    case DataType::kInt64: f(Tag<int64_t>{}); break;
    default:
      return Status::Unsupported(StrCat("Pow base type ", DataTypeName(t), " is not supported"));
  }
  return Status::Ok();
}

class PowOp : public BroadcastBinaryOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    if (since_version_ < 12) {
      ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, Types(kFloat3)));
    } else {
      std::vector<DataType> base = Types(kFloat3, {DataType::kInt32, DataType::kInt64});
      if (since_version_ >= 13) base.push_back(DataType::kBfloat16);
      std::vector<DataType> exponent = Types(kNumericTypes);
      if (since_version_ < 15) std::erase(exponent, DataType::kBfloat16);
      ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), base));
      ONNXI_RETURN_IF_ERROR(CheckTypeIn(1, ctx.input_dtype(1), exponent));
    }
    base_type_ = ctx.input_dtype(0);
    exponent_type_ = ctx.input_dtype(1);
    ctx.SetOutput(0, base_type_, out);
    ChooseFastPath(ctx);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& z = ctx.output(0);
    if (z.num_elements() == 0) return Status::Ok();
    const Tensor& x = ctx.input(0);
    const Tensor& y = ctx.input(1);
    if (fast_ != Fast::kNone) {
      RunFast(x.data<float>(), z.data<float>(), z.num_elements());
      return Status::Ok();
    }
    Status inner;
    Status s = VisitPowBase(base_type_, [&](auto base_tag) {
      using TB = typename decltype(base_tag)::type;
      inner = VisitNumeric(exponent_type_, [&](auto exp_tag) {
        using TE = typename decltype(exp_tag)::type;
        RunBinaryPlan(plan_, x.data<TB>(), y.data<TE>(), z.data<TB>(), kernels::PowFn());
      });
    });
    ONNXI_RETURN_IF_ERROR(s);
    return inner;
  }

 private:
  enum class Fast { kNone, kCopy, kSquare, kCube };

  void ChooseFastPath(PrepareContext& ctx) {
    fast_ = Fast::kNone;
    const Tensor* e = ctx.input_data(1);
    if (ctx.isa == kernels::Isa::kReference || base_type_ != DataType::kFloat || e == nullptr ||
        e->num_elements() != 1) {
      return;
    }
    double v;
    if (exponent_type_ == DataType::kFloat) {
      v = e->data<float>()[0];
    } else if (exponent_type_ == DataType::kDouble) {
      v = e->data<double>()[0];
    } else {
      return;
    }
    mul_ = kernels::GetVBinaryF32(kernels::BinaryOpF32::kMul, ctx.isa);
    if (v == 1.0) fast_ = Fast::kCopy;
    if (v == 2.0 && mul_ != nullptr) fast_ = Fast::kSquare;
    if (v == 3.0 && mul_ != nullptr) fast_ = Fast::kCube;
  }

  // z has x's element count (Y has one element); blocks of 16K elements.
  void RunFast(const float* x, float* z, int64_t n) {
    kernels::ParallelFor(n, 1 << 14, [&](int64_t lo, int64_t hi) {
      const float* xb = x + lo;
      float* zb = z + lo;
      const int64_t m = hi - lo;
      switch (fast_) {
        case Fast::kCopy: kernels::CopyBytes(xb, zb, sizeof(float) * m); break;
        case Fast::kSquare: mul_(xb, 1, xb, 1, zb, m); break;
        case Fast::kCube:
          mul_(xb, 1, xb, 1, zb, m);
          mul_(zb, 1, xb, 1, zb, m);
          break;
        case Fast::kNone: break;
      }
    });
  }

  Fast fast_ = Fast::kNone;
  kernels::VBinaryRowFn mul_ = nullptr;
  DataType base_type_ = DataType::kUndefined;
  DataType exponent_type_ = DataType::kUndefined;
};

}  // namespace

void RegisterPowOps(OpList& list) { list.Add("Pow", {1, 7, 12, 13, 15}, MakeOp<PowOp>); }

}  // namespace onnxi
