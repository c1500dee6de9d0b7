// PRelu: Y = X < 0 ? slope * X : X elementwise; Y has X's shape and type.
//
// Shapes: X (N, C, ...). From opset 7 slope broadcasts unidirectionally to X (numpy rules,
// slope never grows the output). Before (v1, v6) slope has 1 element (shared) or is (C) and
// applies per channel along axis 1 - the older spec's rule, which numpy alignment would not
// give for X of rank > 2 - and any other shape must broadcast to X as above.
// Types (X and slope the same): v1..v7 float16/float/double; v9: + int32/int64/uint32/uint64;
// v16: + bfloat16. consumed_inputs (v1) is ignored.
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "ops/common/shape_util.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

class PReluOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel(StrCat("expects 2 inputs, got ", ctx.num_inputs()));
    }
    std::vector<DataType> allowed = Types(kFloat3);
    if (since_version_ >= 9) {
      allowed.insert(allowed.end(),
                     {DataType::kInt32, DataType::kInt64, DataType::kUint32, DataType::kUint64});
    }
    if (since_version_ >= 16) allowed.push_back(DataType::kBfloat16);
    ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), allowed));
    if (ctx.input_dtype(1) != ctx.input_dtype(0)) {
      return Status::InvalidModel(StrCat("slope has element type ",
                                         DataTypeName(ctx.input_dtype(1)), " but X has ",
                                         DataTypeName(ctx.input_dtype(0)), "; they must match"));
    }
    const Shape& x = ctx.input_shape(0);
    Shape slope = ctx.input_shape(1);
    if (since_version_ < 7 && x.size() >= 2) {
      if (NumElements(slope) == 1) {
        slope = Shape(x.size(), 1);
      } else if (slope.size() == 1 && slope[0] == x[1]) {
        slope = Shape(x.size(), 1);
        slope[1] = x[1];
      }
    }
    auto out = BroadcastShapes(x, slope);
    if (!out.ok() || *out != x) {
      return Status::InvalidArgument(StrCat("slope ", ShapeToString(ctx.input_shape(1)),
                                            " cannot broadcast to X ", ShapeToString(x)));
    }
    plan_ = PlanLoop(x, {x, slope});
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, dtype_, x);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    const Tensor& x = ctx.input(0);
    const Tensor& slope = ctx.input(1);
    return VisitNumeric(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      RunBinaryPlan(plan_, x.data<T>(), slope.data<T>(), y.data<T>(), kernels::PReluFn());
    });
  }

 private:
  int since_version_ = 0;
  DataType dtype_ = DataType::kUndefined;
  LoopPlan plan_;
};

}  // namespace

void RegisterPReluOps(OpList& list) { list.Add("PRelu", {1, 6, 7, 9, 16}, MakeOp<PReluOp>); }

}  // namespace onnxi
