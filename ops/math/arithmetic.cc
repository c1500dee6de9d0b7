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
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
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
  DataType dtype_ = DataType::kUndefined;
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
