// Where: Y = condition ? X : Y_else elementwise, all three broadcast multidirectionally.
//
// Shapes: condition, X, Y broadcast (numpy rules) -> output.
// Types: condition bool; X and Y the same: v9 every number but bfloat16, bool, string,
// complex64, complex128; v16: + bfloat16. Elements are copied, never converted.
#include <complex>

#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

class WhereOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    for (int i = 0; i < 3; ++i) {
      if (!ctx.has_input(i)) {
        return Status::InvalidModel(StrCat("expects 3 inputs, got ", ctx.num_inputs()));
      }
    }
    ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), {DataType::kBool}));
    std::vector<DataType> allowed = Types(kNumericTypes, {DataType::kBool, DataType::kString,
                                                          DataType::kComplex64,
                                                          DataType::kComplex128});
    if (since_version_ < 16) std::erase(allowed, DataType::kBfloat16);
    ONNXI_RETURN_IF_ERROR(CheckTypeIn(1, ctx.input_dtype(1), allowed));
    if (ctx.input_dtype(2) != ctx.input_dtype(1)) {
      return Status::InvalidModel(StrCat("input 2 has element type ",
                                         DataTypeName(ctx.input_dtype(2)), " but input 1 has ",
                                         DataTypeName(ctx.input_dtype(1)), "; they must match"));
    }
    std::vector<Shape> shapes = {ctx.input_shape(0), ctx.input_shape(1), ctx.input_shape(2)};
    ONNXI_ASSIGN_OR_RETURN(Shape out, BroadcastAll(shapes));
    plan_ = PlanLoop(out, shapes);
    dtype_ = ctx.input_dtype(1);
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& out = ctx.output(0);
    if (out.num_elements() == 0) return Status::Ok();
    auto select = [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::TernaryBroadcast(ctx.input(0).data<bool>(), plan_.strides[0].data(),
                                ctx.input(1).data<T>(), plan_.strides[1].data(),
                                ctx.input(2).data<T>(), plan_.strides[2].data(), out.data<T>(),
                                plan_.dims.data(), plan_.rank(), kernels::WhereFn());
    };
    switch (dtype_) {
      case DataType::kString: select(Tag<std::string>{}); return Status::Ok();
      case DataType::kComplex64: select(Tag<std::complex<float>>{}); return Status::Ok();
      case DataType::kComplex128: select(Tag<std::complex<double>>{}); return Status::Ok();
      default: return VisitType(dtype_, select);
    }
  }

 private:
  int since_version_ = 0;
  DataType dtype_ = DataType::kUndefined;
  LoopPlan plan_;
};

}  // namespace

void RegisterWhereOps(OpList& list) { list.Add("Where", {9, 16}, MakeOp<WhereOp>); }

}  // namespace onnxi
