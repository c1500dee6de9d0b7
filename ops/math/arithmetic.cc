// Add, Sub, Mul, Div, Mod: C = A op B with broadcasting.
//
// Shapes: A (a_0..a_m), B (b_0..b_n) -> C = broadcast(A, B) (numpy rules from opset 7;
// before that the legacy broadcast/axis attributes, see broadcast.h). C has A's type.
// Types: Add/Sub/Mul/Div v1: float16/float/double; v6, v7: + int32/int64/uint32/uint64;
// v13: + bfloat16; v14: + int8/int16/uint8/uint16. Mod v10: all numbers but bfloat16; v13:
// all numbers.
// Integer Div truncates toward zero; integer Mod with fmod=0 takes the divisor's sign, with
// fmod=1 the dividend's. An integer divisor of 0 is an InvalidArgument error (checked over
// the whole divisor before computing). Mod on floats requires fmod=1 (the spec's rule).
// Integer +, -, * wrap; float16/bfloat16 compute in float (binary_functors.h).
// float32 Add/Sub/Mul/Div whose coalesced plan has inner strides in {0, 1} (same shape, a
// scalar side, a bias along the last axis, channel-wise (N, C, H, W) + (C, 1, 1), ...) run the
// SIMD rows of kernels/elementwise/vbinary.h (same bits as the reference) when the Isa is not
// kReference: rows split over threads in fixed blocks, or one long row split in fixed chunks.
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "kernels/cpu/parallel.h"
#include "kernels/elementwise/vbinary.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

constexpr std::initializer_list<DataType> kInt32And64 = {DataType::kInt32, DataType::kInt64,
                                                         DataType::kUint32, DataType::kUint64};

std::vector<DataType> ArithmeticTypes(int since_version) {
  if (since_version < 6) return Types(kFloat3);
  std::vector<DataType> v = Types(kFloat3, kInt32And64);
  if (since_version >= 14) return Types(kNumericTypes);
  if (since_version >= 13) v.push_back(DataType::kBfloat16);
  return v;
}

// Fn is a binary_functors.h function object; kDivides marks Div (integer zero check).
template <class Fn, bool kDivides>
class ArithmeticOp : public BroadcastBinaryOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, ArithmeticTypes(since_version_)));
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, dtype_, out);
    fast_ = nullptr;
    const int r = plan_.rank();
    if (dtype_ == DataType::kFloat && r >= 1 && plan_.strides[0][r - 1] <= 1 &&
        plan_.strides[1][r - 1] <= 1) {
      fast_ = kernels::GetVBinaryF32(FastOp(), ctx.isa);
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& c = ctx.output(0);
    if (c.num_elements() == 0) return Status::Ok();
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    if (fast_ != nullptr) {
      RunFast(a.data<float>(), b.data<float>(), c.data<float>());
      return Status::Ok();
    }
    bool zero_divisor = false;
    Status s = VisitNumeric(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (kDivides && kernels::kIsInt<T>) {
        if (kernels::ContainsZero(b.data<T>(), b.num_elements())) {
          zero_divisor = true;
          return;
        }
      }
      RunBinaryPlan(plan_, a.data<T>(), b.data<T>(), c.data<T>(), Fn());
    });
    if (zero_divisor) {
      return Status::InvalidArgument(
          StrCat("integer division by zero: divisor B (", DataTypeName(dtype_), ") contains 0"));
    }
    return s;
  }

 private:
  static constexpr kernels::BinaryOpF32 FastOp() {
    if constexpr (std::is_same_v<Fn, kernels::AddFn>) return kernels::BinaryOpF32::kAdd;
    if constexpr (std::is_same_v<Fn, kernels::SubFn>) return kernels::BinaryOpF32::kSub;
    if constexpr (std::is_same_v<Fn, kernels::MulFn>) return kernels::BinaryOpF32::kMul;
    return kernels::BinaryOpF32::kDiv;
  }

  void RunFast(const float* a, const float* b, float* c) const {
    const int r = plan_.rank();
    const int64_t inner = plan_.dims[r - 1];
    const int64_t sa = plan_.strides[0][r - 1], sb = plan_.strides[1][r - 1];
    const int64_t rows = NumElements(plan_.dims) / std::max<int64_t>(inner, 1);
    if (rows == 1) {
      kernels::ParallelFor(inner, 1 << 14, [&](int64_t lo, int64_t hi) {
        fast_(a + lo * sa, sa, b + lo * sb, sb, c + lo, hi - lo);
      });
      return;
    }
    kernels::ParallelFor(rows, kernels::GrainFor(inner), [&](int64_t lo, int64_t hi) {
      kernels::BinaryBroadcastF32Rows(fast_, a, plan_.strides[0].data(), b,
                                      plan_.strides[1].data(), c, plan_.dims.data(), r, lo, hi);
    });
  }

  DataType dtype_ = DataType::kUndefined;
  kernels::VBinaryRowFn fast_ = nullptr;
};

using AddOp = ArithmeticOp<kernels::AddFn, false>;
using SubOp = ArithmeticOp<kernels::SubFn, false>;
using MulOp = ArithmeticOp<kernels::MulFn, false>;
using DivOp = ArithmeticOp<kernels::DivFn, true>;

class ModOp : public BroadcastBinaryOp {
 public:
  Status Init(const NodeView& node) override {
    ONNXI_RETURN_IF_ERROR(BroadcastBinaryOp::Init(node));
    const int64_t f = node.GetInt("fmod", 0);
    if (f != 0 && f != 1) node.Fail(Status::InvalidModel(StrCat("fmod must be 0 or 1, got ", f)));
    fmod_ = f == 1;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    std::vector<DataType> allowed = Types(kNumericTypes);
    if (since_version_ < 13) std::erase(allowed, DataType::kBfloat16);
    ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, allowed));
    dtype_ = ctx.input_dtype(0);
    if (!fmod_ && IsFloatingPoint(dtype_)) {
      return Status::InvalidModel(StrCat("fmod is 0 but the inputs are ", DataTypeName(dtype_),
                                         "; floating-point Mod requires fmod=1"));
    }
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& c = ctx.output(0);
    if (c.num_elements() == 0) return Status::Ok();
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    bool zero_divisor = false;
    Status s = VisitNumeric(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (kernels::kIsInt<T>) {
        if (kernels::ContainsZero(b.data<T>(), b.num_elements())) {
          zero_divisor = true;
          return;
        }
        if (!fmod_) {
          RunBinaryPlan(plan_, a.data<T>(), b.data<T>(), c.data<T>(), kernels::PyModFn());
          return;
        }
      }
      RunBinaryPlan(plan_, a.data<T>(), b.data<T>(), c.data<T>(), kernels::FmodFn());
    });
    if (zero_divisor) {
      return Status::InvalidArgument(
          StrCat("integer modulo by zero: divisor B (", DataTypeName(dtype_), ") contains 0"));
    }
    return s;
  }

 private:
  bool fmod_ = false;
  DataType dtype_ = DataType::kUndefined;
};

}  // namespace

void RegisterArithmeticOps(OpList& list) {
  list.Add("Add", {1, 6, 7, 13, 14}, MakeOp<AddOp>);
  list.Add("Div", {1, 6, 7, 13, 14}, MakeOp<DivOp>);
  list.Add("Mod", {10, 13}, MakeOp<ModOp>);
  list.Add("Mul", {1, 6, 7, 13, 14}, MakeOp<MulOp>);
  list.Add("Sub", {1, 6, 7, 13, 14}, MakeOp<SubOp>);
}

}  // namespace onnxi
