// Identity (Y = X) and Dropout in inference (Y = X, optional mask all true).
//
// Identity: any tensor type; from opset 14 a sequence and from 16 an optional too, passed on
// as they are (sequences are immutable and shared).
// Dropout: outputs (output, mask?). Opsets 1-6 read `is_test`, 1-11 the `ratio` attribute,
// 12+ the inputs (data, ratio?, training_mode?). In inference Y = X and the mask is all
// ones. With training_mode true and ratio > 0 (opset 12+), Y = X * mask / (1 - ratio) with a
// random mask (kernels/random/dropout.h): seeded by the `seed` attribute when given, else
// fresh per run; the run then reports that it used randomness. The mask is bool from opset
// 10, the data type before.
#include <cstring>
#include <random>

#include "kernels/random/dropout.h"
#include "kernels/tensor/copy.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class IdentityOp : public Op {
 public:
  bool takes_values() const override { return true; }
  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty()) return false;
    for (StaticShape& o : out) o = in[0];  // every output has X's shape
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    pass_value_ = ctx.input_kind(0) != Value::Kind::kTensor;
    if (pass_value_) {  // a sequence or an empty optional: handed on by Run
      ctx.SetOutputByRun(0);
      return Status::Ok();
    }
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override {
    if (pass_value_) {
      ctx.output_value(0) = ctx.num_inputs() > 0 && ctx.has_input(0) ? ctx.input_value(0) : Value();
      return Status::Ok();
    }
    return CopyTensorData(ctx.input(0), ctx.output(0));
  }

 private:
  bool pass_value_ = false;
};

class DropoutOp : public Op {
 public:
  // With a training_mode input the output may be random: never fold it.
  bool deterministic() const override { return !maybe_random_; }

  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    maybe_random_ = version_ >= 12 && node.num_inputs() >= 3;
    has_seed_ = node.has("seed");
    if (has_seed_) key_ = kernels::RandomBits(static_cast<uint64_t>(node.GetInt("seed", 0)), 0xD80);
    if (version_ < 12) {
      float ratio = node.GetFloat("ratio", 0.5f);
      if (ratio < 0 || ratio >= 1) {
        node.Fail(Status::InvalidModel(StrCat("ratio ", ratio, " is outside [0, 1)")));
      }
    }
    if (version_ < 7 && node.GetInt("is_test", 0) == 0 && node.num_outputs() > 1) {
      // Training-mode Dropout-1/6 produces a random mask.
      node.Fail(Status::Unsupported("is_test=0 (training mode) with a mask output"));
    }
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty()) return false;
    for (StaticShape& o : out) o = in[0];  // every output has X's shape
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kFloatTypes));
    if (version_ >= 12 && ctx.has_input(2)) {
      const Tensor* mode = ctx.input_data(2);
      if (mode == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(double training, ScalarAsDouble(*mode, "training_mode"));
      double ratio = 0.5;
      if (ctx.has_input(1)) {
        const Tensor* r = ctx.input_data(1);
        if (r == nullptr) return Status::Deferred();
        ONNXI_ASSIGN_OR_RETURN(ratio, ScalarAsDouble(*r, "ratio"));
      }
      if (ratio < 0 || ratio >= 1) {
        return Status::InvalidModel(StrCat("ratio ", ratio, " is outside [0, 1)"));
      }
      train_ratio_ = training != 0 ? ratio : 0.0;
    }
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    if (ctx.num_outputs() > 1) {
      mask_dtype_ = version_ >= 10 ? DataType::kBool : ctx.input_dtype(0);
      ctx.SetOutput(1, mask_dtype_, ctx.input_shape(0));
      ONNXI_ASSIGN_OR_RETURN(one_, ScalarFromDouble(mask_dtype_, 1.0));
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    if (train_ratio_ > 0) return RunTraining(ctx);
    ONNXI_RETURN_IF_ERROR(CopyTensorData(ctx.input(0), ctx.output(0)));
    if (ctx.has_output(1)) {
      Tensor& mask = ctx.output(1);
      return VisitStorage(mask_dtype_, [&](auto tag) {
        using S = typename decltype(tag)::type;
        kernels::FillRef(mask.data<S>(), mask.num_elements(), one_.data<S>()[0]);
      });
    }
    return Status::Ok();
  }

 private:
  Status RunTraining(RunContext& ctx) {
    ctx.used_randomness = true;
    const uint64_t key = has_seed_ ? key_ : kernels::RandomBits(std::random_device{}(), 0xD80);
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    bool* mask = ctx.has_output(1) ? ctx.output(1).data<bool>() : nullptr;
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::DropoutTrainRef(key, train_ratio_, x.data<T>(), x.num_elements(), y.data<T>(), mask);
    });
  }

  int version_ = 0;
  DataType mask_dtype_ = DataType::kBool;
  Tensor one_;
  double train_ratio_ = 0;  // > 0: training mode drops at this rate
  bool maybe_random_ = false;
  bool has_seed_ = false;
  uint64_t key_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewIdentityOp() { return std::make_unique<IdentityOp>(); }
std::unique_ptr<Op> NewDropoutOp() { return std::make_unique<DropoutOp>(); }

}  // namespace onnxi
