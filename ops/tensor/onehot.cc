// OneHot (opsets 9, 11): indices (any numeric type, rank r), depth (numeric scalar or
// one-element tensor, known at Prepare or deferred), values [off, on] (any type).
// Output rank r + 1 with a new axis of size depth at `axis` (default -1, range [-r-1, r]):
//   out[.., d, ..] = (idx == d) ? on : off, idx = indices (+ depth when negative);
// indices outside [-depth, depth) give all `off`. Non-integer indices/depth are truncated.
#include <cmath>

#include "kernels/tensor/generate.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class OneHotOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", -1);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kNumericTypes));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), kNumericTypes));
    if (NumElements(ctx.input_shape(2)) != 2 || ctx.input_rank(2) != 1) {
      return Status::InvalidArgument(StrCat("values must have shape [2], got ",
                                            ShapeToString(ctx.input_shape(2))));
    }
    ONNXI_RETURN_IF_ERROR(VisitStorage(ctx.input_dtype(2), [](auto) {}));
    const Tensor* depth_t = ctx.input_data(1);
    if (depth_t == nullptr) return Status::Deferred();
    if (depth_t->num_elements() != 1) {
      return Status::InvalidArgument(StrCat("depth must hold one value, got shape ",
                                            ShapeToString(depth_t->shape())));
    }
    ONNXI_ASSIGN_OR_RETURN(double depth, ScalarAsDouble(*depth_t, "depth"));
    if (!(depth >= 1 && depth < 2147483648.0)) {
      return Status::InvalidArgument(StrCat("depth ", depth, " must be in [1, 2^31)"));
    }
    depth_ = static_cast<int64_t>(depth);
    const Shape& idx = ctx.input_shape(0);
    const int64_t r = static_cast<int64_t>(idx.size());
    int64_t axis = axis_ < 0 ? axis_ + r + 1 : axis_;
    if (axis < 0 || axis > r) {
      return Status::InvalidModel(StrCat("axis ", axis_, " is out of range [", -r - 1, ", ", r,
                                         "] for rank-", r, " indices"));
    }
    outer_ = NumElements(Shape(idx.begin(), idx.begin() + axis));
    inner_ = NumElements(Shape(idx.begin() + axis, idx.end()));
    Shape out(idx.begin(), idx.begin() + axis);
    out.push_back(depth_);
    out.insert(out.end(), idx.begin() + axis, idx.end());
    ctx.SetOutput(0, ctx.input_dtype(2), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& indices = ctx.input(0);
    const Tensor& values = ctx.input(2);
    Tensor& out = ctx.output(0);
    Status inner_status;
    Status s = VisitStorage(values.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* v = values.data<S>();
      inner_status = VisitType(indices.dtype(), [&](auto itag) {
        using I = typename decltype(itag)::type;
        kernels::OneHotRef(indices.data<I>(), outer_, inner_, depth_, v[0], v[1],
                           out.data<S>());
      });
    });
    ONNXI_RETURN_IF_ERROR(s);
    return inner_status;
  }

 private:
  int64_t axis_ = -1;
  int64_t depth_ = 0, outer_ = 0, inner_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewOneHotOp() { return std::make_unique<OneHotOp>(); }

}  // namespace onnxi
