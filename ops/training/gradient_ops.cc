// onnxi's private ops for gradient graphs (domain "ai.onnxi", version 1):
//
//   SumToShapeOf(g, like) -> y   y: like's shape, g's type (float, double, float16, bfloat16)
//       y = the sum of g over the dims along which like broadcasts to g's shape (the adjoint of
//       broadcasting; formula in kernels/training/sum_to_shape.h). like must broadcast to g's
//       shape exactly: BroadcastShapes(like, g) == g's shape. Only like's shape is read.
//   FillLike(x) -> y, float attribute `value` (default 0)
//       y: x's shape and type, every element value (converted to the type). Only x's shape
//       is read. Numeric and bool types.
//
// They are not ONNX ops: runtime/autodiff.cc emits them when it expands Gradient nodes
// (zero and all-ones gradients, and the reduction of broadcast operands' gradients).
#include "ops/training/gradient_ops.h"

#include <vector>

#include "kernels/training/fill.h"
#include "kernels/training/sum_to_shape.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"

namespace onnxi {
namespace {

class SumToShapeOfOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const DataType t = ctx.input_dtype(0);
    if (!IsOneOf(t,
                 {DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kBfloat16})) {
      return Status::Unsupported(StrCat("g has element type ", DataTypeName(t),
                                        "; expected float, double, float16 or bfloat16"));
    }
    const Shape& g = ctx.input_shape(0);
    const Shape& like = ctx.input_shape(1);
    Result<Shape> joint = BroadcastShapes(like, g);
    if (!joint.ok() || *joint != g) {
      return Status::InvalidArgument(StrCat("like's shape ", ShapeToString(like),
                                            " does not broadcast to g's shape ", ShapeToString(g)));
    }
    dims_ = g;
    g_strides_ = StridesOf(g);
    y_strides_ = BroadcastStrides(like, g);
    // Kept dims (those y has, or extent 1) first, then the summed ones.
    order_.clear();
    for (int d = 0; d < static_cast<int>(g.size()); ++d) {
      if (y_strides_[d] != 0 || g[d] == 1) order_.push_back(d);
    }
    kept_ = static_cast<int>(order_.size());
    for (int d = 0; d < static_cast<int>(g.size()); ++d) {
      if (y_strides_[d] == 0 && g[d] != 1) order_.push_back(d);
    }
    ctx.SetOutput(0, t, like);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    kernels::SumToShapeGeometry geo;
    geo.rank = static_cast<int>(dims_.size());
    geo.kept = kept_;
    geo.dims = dims_.data();
    geo.g_strides = g_strides_.data();
    geo.y_strides = y_strides_.data();
    geo.order = order_.data();
    const Tensor& g = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    return VisitFloatType(g.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::SumToShapeRef<T, double>(geo, g.data<T>(), y.data<T>());
    });
  }

 private:
  std::vector<int64_t> dims_, g_strides_, y_strides_;
  std::vector<int> order_;
  int kept_ = 0;
};

class FillLikeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    value_ = node.GetFloat("value", 0.0f);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType t = ctx.input_dtype(0);
    Status s = VisitType(t, [](auto) {});
    if (!s.ok()) return s;
    ctx.SetOutput(0, t, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    return VisitType(y.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::FillRef<T>(y.num_elements(), static_cast<T>(value_), y.data<T>());
    });
  }

 private:
  float value_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeSumToShapeOfOp() { return std::make_unique<SumToShapeOfOp>(); }
std::unique_ptr<Op> MakeFillLikeOp() { return std::make_unique<FillLikeOp>(); }

}  // namespace onnxi
