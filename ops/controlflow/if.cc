// If: runs then_branch or else_branch by a boolean condition and returns its outputs.
//
// Inputs: cond (a one-element bool tensor). Outputs: the chosen branch's outputs, which may
// be tensors of different shapes per branch, sequences or optionals (opset 16+), so their
// shapes are settled by Run. Opsets 1, 11, 13, 16, 19, 21, 23, 24, 25 differ only in the types
// they allow; every version is handled the same way.
#include "ops/controlflow/controlflow_ops.h"
#include "ops/subgraph.h"

namespace onnxi {
namespace {

class IfOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    ONNXI_ASSIGN_OR_RETURN(then_, node.MakeSubgraph("then_branch"));
    ONNXI_ASSIGN_OR_RETURN(else_, node.MakeSubgraph("else_branch"));
    for (const auto* branch : {then_.get(), else_.get()}) {
      if (branch->num_outputs() != node.num_outputs()) {
        return Status::InvalidModel(StrCat("a branch has ", branch->num_outputs(),
                                           " outputs but the node has ", node.num_outputs()));
      }
    }
    return node.status();
  }

  bool takes_values() const override { return true; }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || ctx.input_kind(0) != Value::Kind::kTensor) {
      return Status::InvalidModel("input 0 (cond) must be a tensor");
    }
    if (ctx.input_dtype(0) != DataType::kBool || NumElements(ctx.input_shape(0)) != 1) {
      return Status::InvalidModel(StrCat("cond must be one bool, got ", DataTypeName(ctx.input_dtype(0)),
                                         ShapeToString(ctx.input_shape(0))));
    }
    for (int k = 0; k < ctx.num_outputs(); ++k) ctx.SetOutputByRun(k);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    SubgraphRunner& branch = ctx.input(0).data<bool>()[0] ? *then_ : *else_;
    ONNXI_ASSIGN_OR_RETURN(std::vector<Value> outs, branch.Run({}, ctx));
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      if (ctx.has_output(k)) ctx.output_value(k) = std::move(outs[k]);
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<SubgraphRunner> then_;
  std::unique_ptr<SubgraphRunner> else_;
};

}  // namespace

std::unique_ptr<Op> MakeIf() { return std::make_unique<IfOp>(); }

}  // namespace onnxi
