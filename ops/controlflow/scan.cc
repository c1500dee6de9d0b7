// Scan: runs a body graph once per slice of its scan inputs, carrying state values.
//
// Scan-9+ (9, 11, 16, 19, 21, 23, 24, 25): inputs are N initial states then M scan inputs
// (num_scan_inputs = M). Each iteration t takes slice t of every scan input along
// scan_input_axes (from the end when scan_input_directions says 1); the body takes
// (state..., slice...) and returns (state..., scan_out_slice... (K)). Outputs: the final
// states, and each scan output's slices stacked along scan_output_axes (in reverse order
// when scan_output_directions says 1).
// Scan-8: a leading optional sequence_lens input and a batch axis 0 on every input and
// output; the scan axis is 1 and `directions` gives each scan input's direction. Each
// batch entry is scanned on its own. sequence_lens shorter than the scan axis is not
// supported (the spec leaves the padding undefined).
#include "ops/common/shape_util.h"
#include "ops/controlflow/controlflow_ops.h"
#include "ops/controlflow/slices.h"
#include "ops/subgraph.h"

namespace onnxi {
namespace {

class ScanOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    ONNXI_ASSIGN_OR_RETURN(body_, node.MakeSubgraph("body"));
    v8_ = node.since_version() < 9;
    if (!node.Require("num_scan_inputs")) return node.status();
    scan_inputs_ = static_cast<int>(node.GetInt("num_scan_inputs", 0));
    states_ = node.num_inputs() - (v8_ ? 1 : 0) - scan_inputs_;
    scan_outputs_ = body_->num_outputs() - states_;
    if (scan_inputs_ < 1 || states_ < 0 || scan_outputs_ < 0 ||
        body_->num_inputs() != states_ + scan_inputs_) {
      return Status::InvalidModel(StrCat("num_scan_inputs ", scan_inputs_, " with ", node.num_inputs(),
                                         " inputs does not fit a body of ", body_->num_inputs(),
                                         " inputs and ", body_->num_outputs(), " outputs"));
    }
    in_dirs_ = node.GetInts(v8_ ? "directions" : "scan_input_directions",
                            std::vector<int64_t>(scan_inputs_, 0));
    in_axes_ = node.GetInts("scan_input_axes", std::vector<int64_t>(scan_inputs_, 0));
    out_dirs_ = node.GetInts("scan_output_directions", std::vector<int64_t>(scan_outputs_, 0));
    out_axes_ = node.GetInts("scan_output_axes", std::vector<int64_t>(scan_outputs_, 0));
    if (static_cast<int>(in_dirs_.size()) != scan_inputs_ ||
        static_cast<int>(in_axes_.size()) != scan_inputs_ ||
        static_cast<int>(out_dirs_.size()) != scan_outputs_ ||
        static_cast<int>(out_axes_.size()) != scan_outputs_) {
      return Status::InvalidModel(StrCat("direction/axis attributes must have ", scan_inputs_,
                                         " values for the scan inputs and ", scan_outputs_,
                                         " for the scan outputs"));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    for (int k = 0; k < ctx.num_outputs(); ++k) ctx.SetOutputByRun(k);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const int first = v8_ ? 1 : 0;
    std::vector<Tensor> states, scans;
    for (int k = 0; k < states_; ++k) states.push_back(ctx.input(first + k));
    for (int k = 0; k < scan_inputs_; ++k) scans.push_back(ctx.input(first + states_ + k));
    if (!v8_) {
      ONNXI_ASSIGN_OR_RETURN(std::vector<Tensor> out, ScanOnce(states, scans, ctx));
      for (int k = 0; k < ctx.num_outputs(); ++k) {
        if (ctx.has_output(k)) ctx.output_value(k) = std::move(out[k]);
      }
      return Status::Ok();
    }
    // Scan-8: every input has a batch axis 0; scan each batch entry, then restack.
    const int64_t batch = scans[0].rank() > 0 ? scans[0].dim(0) : 0;
    std::vector<std::vector<Tensor>> per_output(states_ + scan_outputs_);
    for (int64_t b = 0; b < batch; ++b) {
      std::vector<Tensor> s_b, x_b;
      for (const Tensor& s : states) {
        ONNXI_ASSIGN_OR_RETURN(Tensor t, TakeSlice(s, 0, b));
        s_b.push_back(std::move(t));
      }
      for (const Tensor& x : scans) {
        if (x.rank() < 2 || x.dim(0) != batch) {
          return Status::InvalidModel(StrCat("scan input ", x.TypeString(), " must be [batch, sequence, ...]"));
        }
        ONNXI_ASSIGN_OR_RETURN(Tensor t, TakeSlice(x, 0, b));
        x_b.push_back(std::move(t));
      }
      if (ctx.has_input(0)) {
        const Tensor& lens = ctx.input(0);
        int64_t len = lens.num_elements() > b ? lens.IntAt(b) : -1;
        if (len != x_b[0].dim(0)) {
          return Status::Unsupported(StrCat("sequence_lens[", b, "] = ", len,
                                            " differs from the scan length ", x_b[0].dim(0)));
        }
      }
      ONNXI_ASSIGN_OR_RETURN(std::vector<Tensor> out, ScanOnce(s_b, x_b, ctx));
      for (size_t k = 0; k < out.size(); ++k) per_output[k].push_back(std::move(out[k]));
    }
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      if (!ctx.has_output(k)) continue;
      DataType dtype = per_output[k].empty() ? body_->output_dtype(k) : per_output[k][0].dtype();
      ONNXI_ASSIGN_OR_RETURN(Tensor t, StackSlices(per_output[k], 0, false, dtype));
      ctx.output_value(k) = std::move(t);
    }
    return Status::Ok();
  }

 private:
  // One scan over `scans` (no batch axis); returns final states then stacked scan outputs.
  Result<std::vector<Tensor>> ScanOnce(std::vector<Tensor> states, const std::vector<Tensor>& scans,
                                       RunContext& ctx) {
    int64_t length = -1;
    std::vector<int> axes;
    for (int k = 0; k < scan_inputs_; ++k) {
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(in_axes_[k], scans[k].rank()));
      axes.push_back(axis);
      if (length >= 0 && scans[k].dim(axis) != length) {
        return Status::InvalidModel(StrCat("scan inputs have different lengths: ", length, " and ",
                                           scans[k].dim(axis)));
      }
      length = scans[k].dim(axis);
    }
    std::vector<std::vector<Tensor>> outs(scan_outputs_);
    std::vector<Value> body_in(states_ + scan_inputs_);
    for (int64_t t = 0; t < length; ++t) {
      for (int k = 0; k < states_; ++k) body_in[k] = states[k];
      for (int k = 0; k < scan_inputs_; ++k) {
        int64_t at = in_dirs_[k] ? length - 1 - t : t;
        ONNXI_ASSIGN_OR_RETURN(Tensor slice, TakeSlice(scans[k], axes[k], at));
        body_in[states_ + k] = std::move(slice);
      }
      ONNXI_ASSIGN_OR_RETURN(std::vector<Value> out, body_->Run(body_in, ctx));
      for (size_t k = 0; k < out.size(); ++k) {
        if (!out[k].is_tensor()) {
          return Status::InvalidModel(StrCat("body output ", k, " is ", out[k].TypeString()));
        }
      }
      for (int k = 0; k < states_; ++k) states[k] = out[k].tensor();
      for (int k = 0; k < scan_outputs_; ++k) outs[k].push_back(out[states_ + k].tensor());
    }
    std::vector<Tensor> result = states;
    for (int k = 0; k < scan_outputs_; ++k) {
      int rank = outs[k].empty() ? 1 : outs[k][0].rank() + 1;
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(out_axes_[k], rank));
      DataType dtype = outs[k].empty() ? body_->output_dtype(states_ + k) : outs[k][0].dtype();
      ONNXI_ASSIGN_OR_RETURN(Tensor t, StackSlices(outs[k], axis, out_dirs_[k] != 0, dtype));
      result.push_back(std::move(t));
    }
    return result;
  }

  std::unique_ptr<SubgraphRunner> body_;
  bool v8_ = false;
  int scan_inputs_ = 0;
  int states_ = 0;
  int scan_outputs_ = 0;
  std::vector<int64_t> in_dirs_, in_axes_, out_dirs_, out_axes_;
};

}  // namespace

std::unique_ptr<Op> MakeScan() { return std::make_unique<ScanOp>(); }

}  // namespace onnxi
