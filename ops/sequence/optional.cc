// The optional ops: Optional (15), OptionalHasElement (15, 18), OptionalGetElement (15, 18).
//
// An optional is either empty (Value kind kNone) or holds a tensor or a sequence, which is
// then the value itself (include/onnxi/value.h). From opset 18 OptionalHasElement also
// takes an omitted input (false) and OptionalGetElement also takes a plain tensor or
// sequence (returned as is).
#include "ops/sequence/sequence_ops.h"

namespace onnxi {
namespace {

class OptionalOp : public Op {
 public:
  bool takes_values() const override { return true; }
  Status Prepare(PrepareContext& ctx) override {
    ctx.SetOutputByRun(0);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    ctx.output_value(0) = ctx.has_input(0) ? ctx.input_value(0) : Value::None();
    if (ctx.output_value(0).is_tensor() && !ctx.output_value(0).tensor().owns_data()) {
      ctx.output_value(0) = ctx.output_value(0).tensor().Clone();
    }
    return Status::Ok();
  }
};

class OptionalHasElementOp : public Op {
 public:
  bool takes_values() const override { return true; }
  Status Prepare(PrepareContext& ctx) override {
    ctx.SetOutput(0, DataType::kBool, {});
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    ctx.output(0).data<bool>()[0] = ctx.has_input(0);
    return Status::Ok();
  }
};

class OptionalGetElementOp : public Op {
 public:
  bool takes_values() const override { return true; }
  Status Prepare(PrepareContext& ctx) override {
    ctx.SetOutputByRun(0);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidArgument("the optional input is empty");
    const Value& v = ctx.input_value(0);
    ctx.output_value(0) = v.is_tensor() && !v.tensor().owns_data() ? Value(v.tensor().Clone()) : v;
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Op> MakeOptional() { return std::make_unique<OptionalOp>(); }
std::unique_ptr<Op> MakeOptionalHasElement() { return std::make_unique<OptionalHasElementOp>(); }
std::unique_ptr<Op> MakeOptionalGetElement() { return std::make_unique<OptionalGetElementOp>(); }

}  // namespace onnxi
