// NegativeLogLikelihoodLoss (12, 13, 22) and SoftmaxCrossEntropyLoss (12, 13).
//
// Shapes: input/scores (N, C, d1, ..., dk), target/labels (N, d1, ..., dk) int32/int64,
// optional weight (C). Read as input (N, C, D), D = d1 * ... * dk.
//   NLL:  loss(n, d) = -input[n, target(n, d), d] * w(n, d), w = weight[target] (1 without
//         weight), 0 where target == ignore_index. reduction none: output (N, d1..dk);
//         sum: scalar sum; mean (default): sum(loss) / sum(w).
//   SCE:  the same applied to log_softmax(scores, axis 1); the optional second output is
//         that log_prob (N, C, d1..dk).
// Formulas in kernels/loss/loss.h. Types: float, double, float16; bfloat16 from NLL-22 (also
// accepted for SCE, whose later versions are functions). Targets outside [0, C) other than
// ignore_index are errors naming the value.
#include <optional>
#include <string>

#include "kernels/loss/loss.h"
#include "ops/common/dispatch.h"
#include "ops/loss/loss_ops.h"

namespace onnxi {
namespace {

class LossOp : public Op {
 public:
  explicit LossOp(bool softmax) : softmax_(softmax) {}

  Status Init(const NodeView& node) override {
    const std::string r = node.GetString("reduction", "mean");
    if (r == "none") {
      params_.reduction = kernels::LossReduction::kNone;
    } else if (r == "sum") {
      params_.reduction = kernels::LossReduction::kSum;
    } else if (r == "mean") {
      params_.reduction = kernels::LossReduction::kMean;
    } else {
      node.Fail(Status::InvalidModel(
          StrCat("reduction '", r, "' is not valid (expected none, sum or mean)")));
    }
    params_.has_ignore = node.has("ignore_index");
    params_.ignore_index = node.GetInt("ignore_index", 0);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel(softmax_ ? "inputs 0 (scores) and 1 (labels) are required"
                                           : "inputs 0 (input) and 1 (target) are required");
    }
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(1, ctx.input_dtype(1), {DataType::kInt32, DataType::kInt64}));
    const Shape& x = ctx.input_shape(0);
    const Shape& t = ctx.input_shape(1);
    bool ok = x.size() >= 2 && t.size() + 1 == x.size() && t[0] == x[0];
    for (size_t i = 1; ok && i < t.size(); ++i) ok = t[i] == x[i + 1];
    if (!ok) {
      return Status::InvalidArgument(StrCat("target shape ", ShapeToString(t),
                                            " does not match input shape ", ShapeToString(x),
                                            " (expected input (N, C, d1..dk), target (N, "
                                            "d1..dk))"));
    }
    params_.n = x[0];
    params_.c = x[1];
    params_.d = NumElements(Shape(x.begin() + 2, x.end()));
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != dt || ctx.input_shape(2) != Shape{params_.c}) {
        return Status::InvalidArgument(StrCat("weight must be ", DataTypeName(dt), "[",
                                              params_.c, "], got ",
                                              DataTypeName(ctx.input_dtype(2)),
                                              ShapeToString(ctx.input_shape(2))));
      }
    }
    ctx.SetOutput(0, dt, params_.reduction == kernels::LossReduction::kNone ? t : Shape{});
    if (softmax_) {
      if (ctx.num_outputs() > 1) ctx.SetOutput(1, dt, x);
      scratch_ = Tensor::Allocate(dt, x);
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& target = ctx.input(1);
    const Tensor* weight = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    int64_t bad = -1;
    auto find_bad = [&](auto itag) {
      using I = typename decltype(itag)::type;
      bad = kernels::FindBadTarget(target.data<I>(), target.num_elements(), params_.c,
                                   params_.has_ignore, params_.ignore_index);
    };
    if (target.dtype() == DataType::kInt32) find_bad(Tag<int32_t>{});
    else find_bad(Tag<int64_t>{});
    if (bad >= 0) {
      return Status::InvalidArgument(StrCat("target value ", target.IntAt(bad),
                                            " is out of range [0, ", params_.c, ")",
                                            params_.has_ignore ? " and is not ignore_index " : "",
                                            params_.has_ignore ? StrCat(params_.ignore_index)
                                                               : std::string()));
    }
    Tensor& out = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* input = x.data<T>();
      if (softmax_) {
        Tensor& log_prob = ctx.has_output(1) ? ctx.output(1) : scratch_;
        kernels::LogSoftmaxAxis1Ref(input, params_.n, params_.c, params_.d, log_prob.data<T>());
        input = log_prob.data<T>();
      }
      const T* w = weight ? weight->data<T>() : nullptr;
      if (target.dtype() == DataType::kInt32) {
        kernels::NllLossRef(input, target.data<int32_t>(), w, params_, out.data<T>());
      } else {
        kernels::NllLossRef(input, target.data<int64_t>(), w, params_, out.data<T>());
      }
    });
  }

 private:
  bool softmax_;
  kernels::NllLossParams params_;
  Tensor scratch_;  // log_prob when the node does not name that output
};

}  // namespace

std::unique_ptr<Op> NewNllLossOp() { return std::make_unique<LossOp>(false); }
std::unique_ptr<Op> NewSoftmaxCrossEntropyLossOp() { return std::make_unique<LossOp>(true); }

}  // namespace onnxi
