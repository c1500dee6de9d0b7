// Adagrad, Adam and Momentum (domain ai.onnx.preview.training, version 1): one optimizer step
// over n tensors per node. The formulas are in kernels/training/optimizers.h.
//
//   Adagrad  inputs R, T, X1..Xn, G1..Gn, H1..Hn          outputs X1_new..Xn_new, H1_new..
//   Adam     inputs R, T, X1..Xn, G1..Gn, V1..Vn, H1..Hn  outputs X_new.., V_new.., H_new..
//   Momentum inputs R, T, X1..Xn, G1..Gn, V1..Vn          outputs X_new.., V_new..
// R is a float/double scalar (learning rate), T an int64 scalar (update count); every Xi, Gi,
// Vi, Hi has Xi's shape and one float/double type. Trailing outputs may be omitted.
// Gradient is expanded into ordinary nodes at load (runtime/autodiff.cc).
#include <string>
#include <type_traits>

#include "kernels/training/optimizers.h"
#include "ops/common/dispatch.h"
#include "ops/training/training_ops.h"

namespace onnxi {
namespace {

enum class Kind { kAdagrad, kAdam, kMomentum };

class OptimizerOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (node.op_type() == "Adagrad") {
      kind_ = Kind::kAdagrad;
      groups_ = 3;
      decay_factor_ = node.GetFloat("decay_factor", 0.0f);
      params_.epsilon = node.GetFloat("epsilon", 1e-6f);
      params_.norm_coefficient = node.GetFloat("norm_coefficient", 0.0f);
    } else if (node.op_type() == "Adam") {
      kind_ = Kind::kAdam;
      groups_ = 4;
      params_.alpha = node.GetFloat("alpha", 0.9f);
      params_.beta = node.GetFloat("beta", 0.999f);
      params_.epsilon = node.GetFloat("epsilon", 1e-6f);
      params_.norm_coefficient = node.GetFloat("norm_coefficient", 0.0f);
      params_.norm_coefficient_post = node.GetFloat("norm_coefficient_post", 0.0f);
    } else {
      kind_ = Kind::kMomentum;
      groups_ = 3;
      if (!node.Require("alpha") || !node.Require("beta") || !node.Require("mode") ||
          !node.Require("norm_coefficient")) {
        return node.status();
      }
      params_.alpha = node.GetFloat("alpha", 0.0f);
      params_.beta = node.GetFloat("beta", 0.0f);
      params_.norm_coefficient = node.GetFloat("norm_coefficient", 0.0f);
      const std::string mode = node.GetString("mode", "standard");
      if (mode != "standard" && mode != "nesterov") {
        node.Fail(Status::InvalidModel(
            StrCat("mode '", mode, "' is not 'standard' or 'nesterov'")));
      }
      params_.nesterov = mode == "nesterov";
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const int tensors = ctx.num_inputs() - 2;
    if (tensors <= 0 || tensors % groups_ != 0) {
      return Status::InvalidModel(StrCat(ctx.num_inputs(), " inputs do not make R, T and ",
                                         groups_, " groups of equally many tensors"));
    }
    n_ = tensors / groups_;
    const int max_outputs = (groups_ - 1) * n_;
    if (ctx.num_outputs() > max_outputs) {
      return Status::InvalidModel(StrCat(ctx.num_outputs(), " outputs for ", n_,
                                         " tensors; at most ", max_outputs, " are defined"));
    }
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(ctx.num_inputs()));
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(0, ctx.input_dtype(0), {DataType::kFloat, DataType::kDouble}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    if (NumElements(ctx.input_shape(0)) != 1 || NumElements(ctx.input_shape(1)) != 1) {
      return Status::InvalidArgument(StrCat("R ", ShapeToString(ctx.input_shape(0)), " and T ",
                                            ShapeToString(ctx.input_shape(1)),
                                            " must be scalars"));
    }
    dtype_ = ctx.input_dtype(2);
    ONNXI_RETURN_IF_ERROR(CheckInputType(2, dtype_, {DataType::kFloat, DataType::kDouble}));
    for (int t = 0; t < n_; ++t) {
      const Shape& xs = ctx.input_shape(2 + t);
      for (int g = 0; g < groups_; ++g) {
        const int idx = 2 + g * n_ + t;
        ONNXI_RETURN_IF_ERROR(CheckInputType(idx, ctx.input_dtype(idx), {dtype_}));
        if (ctx.input_shape(idx) != xs) {
          return Status::InvalidArgument(StrCat("input ", idx, " has shape ",
                                                ShapeToString(ctx.input_shape(idx)),
                                                "; expected X", t + 1, "'s ",
                                                ShapeToString(xs)));
        }
      }
    }
    for (int o = 0; o < ctx.num_outputs(); ++o) {
      ctx.SetOutput(o, dtype_, ctx.input_shape(2 + o % n_));
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& r_tensor = ctx.input(0);
    const double r = r_tensor.dtype() == DataType::kFloat ? r_tensor.data<float>()[0]
                                                          : r_tensor.data<double>()[0];
    const int64_t t = ctx.input(1).data<int64_t>()[0];
    kernels::OptimizerParams p = params_;
    switch (kind_) {
      case Kind::kAdagrad: p.rate = kernels::AdagradRate(r, t, decay_factor_); break;
      case Kind::kAdam: p.rate = kernels::AdamRate(r, t, p.alpha, p.beta); break;
      case Kind::kMomentum:
        p.rate = r;
        if (t <= 0) p.beta = 1.0;
        break;
    }
    return VisitFloatType(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        for (int i = 0; i < n_; ++i) {
          const T* in[4];
          for (int g = 0; g < groups_; ++g) in[g] = ctx.input(2 + g * n_ + i).data<T>();
          // The updated values of group g (X, then V/H) go to output g * n + i, if named.
          T* out[3];
          for (int g = 0; g < groups_ - 1; ++g) {
            const int o = g * n_ + i;
            out[g] = ctx.has_output(o) ? ctx.output(o).data<T>() : nullptr;
          }
          Update<T>(p, ctx.input(2 + i).num_elements(), in, out);
        }
      }
    });
  }

 private:
  template <class T>
  void Update(const kernels::OptimizerParams& p, int64_t n, const T* const* in, T* const* out) {
    switch (kind_) {
      case Kind::kAdagrad:
        kernels::AdagradRef<T>(p, n, in[0], in[1], in[2], out[0], out[1]);
        break;
      case Kind::kAdam:
        kernels::AdamRef<T>(p, n, in[0], in[1], in[2], in[3], out[0], out[1], out[2]);
        break;
      case Kind::kMomentum:
        kernels::MomentumRef<T>(p, n, in[0], in[1], in[2], out[0], out[1]);
        break;
    }
  }

  Kind kind_ = Kind::kAdagrad;
  int groups_ = 3;
  int n_ = 0;
  float decay_factor_ = 0.0f;
  DataType dtype_ = DataType::kFloat;
  kernels::OptimizerParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeOptimizerOp() { return std::make_unique<OptimizerOp>(); }

}  // namespace onnxi
