// Logic and bit ops with broadcasting:
//   And, Or, Xor (v1 legacy broadcast/axis attributes, v7 numpy rules): bool x bool -> bool.
//   BitShift (v11): uint8..uint64; attribute direction "LEFT" or "RIGHT" (required).
//     Shifting by the bit width or more gives 0 (C++ leaves it undefined).
//   BitwiseAnd, BitwiseOr, BitwiseXor (v18): int8..int64, uint8..uint64, same type -> same.
//   BitwiseNot (v18): Y = ~X, same shape and type.
// Not is elsewhere (ops/elementwise/).
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

template <class Fn>
class LogicalOp : public BroadcastBinaryOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, {DataType::kBool}));
    ctx.SetOutput(0, DataType::kBool, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& c = ctx.output(0);
    if (c.num_elements() == 0) return Status::Ok();
    RunBinaryPlan(plan_, ctx.input(0).data<bool>(), ctx.input(1).data<bool>(), c.data<bool>(),
                  Fn());
    return Status::Ok();
  }
};

using AndOp = LogicalOp<kernels::LogicalAndFn>;
using OrOp = LogicalOp<kernels::LogicalOrFn>;
using XorOp = LogicalOp<kernels::LogicalXorFn>;

// Integer ops T x T -> T: BitShift (unsigned only) and the Bitwise ops (all integers).
template <class Fn>
class IntegerBinaryOp : public BroadcastBinaryOp {
 public:
  explicit IntegerBinaryOp(std::vector<DataType> types) : types_(std::move(types)) {}

  Status Prepare(PrepareContext& ctx) override {
    Shape out;
    ONNXI_RETURN_IF_ERROR(PrepareBroadcast(ctx, &out));
    ONNXI_RETURN_IF_ERROR(CheckSameTypes(ctx, types_));
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& c = ctx.output(0);
    if (c.num_elements() == 0) return Status::Ok();
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    return VisitInteger(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      RunBinaryPlan(plan_, a.data<T>(), b.data<T>(), c.data<T>(), fn_);
    });
  }

 protected:
  Fn fn_;

 private:
  std::vector<DataType> types_;
  DataType dtype_ = DataType::kUndefined;
};

// The functor is chosen at Init from `direction`, so the op holds both.
struct ShiftFn {
  bool left = true;
  template <class T>
  T operator()(T a, T b) const {
    return left ? kernels::ShiftLeftFn()(a, b) : kernels::ShiftRightFn()(a, b);
  }
};

class BitShiftOp : public IntegerBinaryOp<ShiftFn> {
 public:
  BitShiftOp()
      : IntegerBinaryOp({DataType::kUint8, DataType::kUint16, DataType::kUint32,
                         DataType::kUint64}) {}

  Status Init(const NodeView& node) override {
    ONNXI_RETURN_IF_ERROR(BroadcastBinaryOp::Init(node));
    if (!node.Require("direction")) return node.status();
    const std::string direction = node.GetString("direction", "");
    if (direction != "LEFT" && direction != "RIGHT") {
      node.Fail(Status::InvalidModel(
          StrCat("direction must be \"LEFT\" or \"RIGHT\", got \"", direction, "\"")));
    }
    fn_.left = direction == "LEFT";
    return node.status();
  }
};

template <class Fn>
class BitwiseOp : public IntegerBinaryOp<Fn> {
 public:
  BitwiseOp() : IntegerBinaryOp<Fn>(Types(kIntegerTypes)) {}
};

using BitwiseAndOp = BitwiseOp<kernels::BitAndFn>;
using BitwiseOrOp = BitwiseOp<kernels::BitOrFn>;
using BitwiseXorOp = BitwiseOp<kernels::BitXorFn>;

class BitwiseNotOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("expects 1 input");
    ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), Types(kIntegerTypes)));
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, dtype_, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitInteger(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::MapContiguous(x.data<T>(), y.data<T>(), x.num_elements(), kernels::BitNotFn());
    });
  }

 private:
  DataType dtype_ = DataType::kUndefined;
};

}  // namespace

void RegisterLogicalOps(OpList& list) {
  list.Add("And", {1, 7}, MakeOp<AndOp>);
  list.Add("BitShift", {11}, MakeOp<BitShiftOp>);
  list.Add("BitwiseAnd", {18}, MakeOp<BitwiseAndOp>);
  list.Add("BitwiseNot", {18}, MakeOp<BitwiseNotOp>);
  list.Add("BitwiseOr", {18}, MakeOp<BitwiseOrOp>);
  list.Add("BitwiseXor", {18}, MakeOp<BitwiseXorOp>);
  list.Add("Or", {1, 7}, MakeOp<OrOp>);
  list.Add("Xor", {1, 7}, MakeOp<XorOp>);
}

}  // namespace onnxi
