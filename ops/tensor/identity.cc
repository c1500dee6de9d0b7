// Identity (Y = X) and Dropout in inference (Y = X, optional mask all true).
//
// Identity: any tensor type; sequence and optional inputs (opset 14+, 16+) are not
// supported here (the runtime only passes tensors).
// Dropout: outputs (output, mask?). Opsets 1-6 read `is_test`, 1-11 the `ratio` attribute,
// 12+ the inputs (data, ratio?, training_mode?). Inference only: training_mode true with
// ratio > 0 is unsupported (it would need random numbers). The mask is bool from opset 10,
// the data type (all ones) before.
#include "kernels/tensor/copy.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class IdentityOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(RequireInputs(ctx, 1));
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override { return CopyTensorData(ctx.input(0), ctx.output(0)); }
};

class DropoutOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
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

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(RequireInputs(ctx, 1));
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
      if (training != 0 && ratio > 0) {
        return Status::Unsupported(
            StrCat("training_mode=true with ratio ", ratio, " (random dropout) is not supported"));
      }
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
  int version_ = 0;
  DataType mask_dtype_ = DataType::kBool;
  Tensor one_;
};

}  // namespace

std::unique_ptr<Op> NewIdentityOp() { return std::make_unique<IdentityOp>(); }
std::unique_ptr<Op> NewDropoutOp() { return std::make_unique<DropoutOp>(); }

}  // namespace onnxi
