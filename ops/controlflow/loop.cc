// Loop: a while/for loop over a body graph with loop-carried values and scan outputs.
//
// Inputs: M (optional int64 max trip count), cond (optional bool), v_initial... (N values:
// tensors, sequences or optionals). The body takes (iteration_num int64, cond bool,
// v...) and returns (cond, v..., scan_out... (K tensors)). Outputs: the final v... and each
// scan output stacked along a new first axis. As in the spec's pseudo-code, the loop runs
// while i < M (when given) and the condition holds; after every iteration the condition is
// the body's cond output. Opsets 1, 11, 13, 16, 19, 21, 23, 24, 25 differ in allowed types only.
#include <limits>

#include "ops/controlflow/controlflow_ops.h"
#include "ops/controlflow/slices.h"
#include "ops/subgraph.h"

namespace onnxi {
namespace {

Result<bool> ReadBool(const Value& v, const char* what) {
  if (!v.is_tensor() || v.tensor().dtype() != DataType::kBool || v.tensor().num_elements() != 1) {
    return Status::InvalidModel(StrCat(what, " must be one bool, got ", v.TypeString()));
  }
  return v.tensor().data<bool>()[0];
}

class LoopOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    ONNXI_ASSIGN_OR_RETURN(body_, node.MakeSubgraph("body"));
    carried_ = node.num_inputs() - 2;
    if (carried_ < 0) return Status::InvalidModel("Loop needs inputs M and cond (either may be empty)");
    scans_ = body_->num_outputs() - 1 - carried_;
    if (body_->num_inputs() != 2 + carried_ || scans_ < 0) {
      return Status::InvalidModel(StrCat("the body takes ", body_->num_inputs(), " inputs and returns ",
                                         body_->num_outputs(), " outputs; with ", carried_,
                                         " loop-carried values it must take ", 2 + carried_,
                                         " and return at least ", 1 + carried_));
    }
    if (node.num_outputs() > carried_ + scans_) {
      return Status::InvalidModel(StrCat("the node has ", node.num_outputs(), " outputs; the body makes ",
                                         carried_, " loop-carried and ", scans_, " scan outputs"));
    }
    return node.status();
  }

  bool takes_values() const override { return true; }

  Status Prepare(PrepareContext& ctx) override {
    for (int k = 0; k < ctx.num_outputs(); ++k) ctx.SetOutputByRun(k);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    int64_t max_trips = std::numeric_limits<int64_t>::max();
    if (ctx.has_input(0)) {
      const Tensor& m = ctx.input(0);
      if (m.dtype() != DataType::kInt64 || m.num_elements() != 1) {
        return Status::InvalidModel(StrCat("M must be one int64, got ", m.TypeString()));
      }
      max_trips = m.data<int64_t>()[0];
    }
    bool cond = true;
    if (ctx.has_input(1)) {
      ONNXI_ASSIGN_OR_RETURN(cond, ReadBool(ctx.input_value(1), "cond"));
    }
    std::vector<Value> body_in(2 + carried_);
    for (int k = 0; k < carried_; ++k) {
      body_in[2 + k] = ctx.num_inputs() > 2 + k && ctx.input_value(2 + k).kind() != Value::Kind::kNone
                           ? ctx.input_value(2 + k)
                           : Value();
    }
    std::vector<std::vector<Tensor>> scanned(scans_);
    int64_t scanned_bytes = 0;  // held until the scan outputs are stacked (twice, then)
    for (int64_t i = 0; i < max_trips && cond; ++i) {
      // The body's run checks the deadline and cancellation between its nodes; an empty
      // body has none, so check here too.
      ONNXI_RETURN_IF_ERROR(ctx.CheckStop());
      body_in[0] = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {i});
      body_in[1] = Tensor::FromVector<bool>(DataType::kBool, {}, {cond});
      ONNXI_ASSIGN_OR_RETURN(std::vector<Value> out, body_->Run(body_in, ctx));
      ONNXI_ASSIGN_OR_RETURN(cond, ReadBool(out[0], "the body's cond output"));
      for (int k = 0; k < carried_; ++k) body_in[2 + k] = std::move(out[1 + k]);
      for (int k = 0; k < scans_; ++k) {
        const Value& v = out[1 + carried_ + k];
        if (!v.is_tensor()) {
          return Status::InvalidModel(StrCat("scan output ", k, " is ", v.TypeString(), "; it must be a tensor"));
        }
        scanned_bytes += static_cast<int64_t>(v.tensor().nbytes());
        scanned[k].push_back(v.tensor());
      }
      if (scans_ > 0) {
        ONNXI_RETURN_IF_ERROR(ctx.control().CheckMemory(
            2 * scanned_bytes, StrCat("the scan outputs after ", i + 1, " iterations")));
      }
    }
    for (int k = 0; k < carried_ && k < ctx.num_outputs(); ++k) {
      if (ctx.has_output(k)) ctx.output_value(k) = body_in[2 + k];
    }
    for (int k = 0; k < scans_ && carried_ + k < ctx.num_outputs(); ++k) {
      if (!ctx.has_output(carried_ + k)) continue;
      DataType dtype = scanned[k].empty() ? body_->output_dtype(1 + carried_ + k)
                                          : scanned[k][0].dtype();
      ONNXI_ASSIGN_OR_RETURN(Tensor stacked, StackSlices(scanned[k], 0, false, dtype));
      ctx.output_value(carried_ + k) = std::move(stacked);
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<SubgraphRunner> body_;
  int carried_ = 0;
  int scans_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeLoop() { return std::make_unique<LoopOp>(); }

}  // namespace onnxi
