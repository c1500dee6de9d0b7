// TopK: the k largest (or smallest) elements along an axis, and their int64 indices.
//
//   X (d0, ..., d_{r-1}), axis a (default -1) -> Values, Indices (d0, .., k, .., d_{r-1}).
// Version 1: k is an attribute. From 10: k is input 1 (int64, one element); from 11:
//   `largest` and `sorted` attributes and every numeric type (1/10: float types only);
//   24 adds bfloat16. Ties keep the lower index first; NaN orders above every number.
//   sorted=0 still returns sorted results (the spec leaves the order open).
// The output shape depends on k, so Prepare defers when input 1's data is unknown.
// Errors: k < 0 or k > d_a, naming both.
#include <vector>

#include "kernels/indexing/topk.h"
#include "ops/common/shape_util.h"
#include "ops/indexing/indexing_common.h"

namespace onnxi {
namespace {

class TopKOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    axis_ = node.GetInt("axis", -1);
    largest_ = node.GetInt("largest", 1) != 0;
    if (version_ < 10) {
      node.Require("k");
      k_attr_ = node.GetInt("k", 0);
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is required");
    const DataType dt = ctx.input_dtype(0);
    if (version_ < 11) {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    } else if (version_ < 24) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(
          0, dt,
          {DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kInt8,
           DataType::kInt16, DataType::kInt32, DataType::kInt64, DataType::kUint8,
           DataType::kUint16, DataType::kUint32, DataType::kUint64}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kNumericTypes));
    }
    const Shape& x = ctx.input_shape(0);
    ONNXI_ASSIGN_OR_RETURN(int a, NormalizeAxis(axis_, ctx.input_rank(0)));
    int64_t k = k_attr_;
    if (version_ >= 10) {
      if (!ctx.has_input(1)) return Status::InvalidModel("input 1 (K) is required");
      if (ctx.input_dtype(1) != DataType::kInt64 || NumElements(ctx.input_shape(1)) != 1) {
        return Status::InvalidArgument(StrCat("K must be one int64 value, got ",
                                              DataTypeName(ctx.input_dtype(1)),
                                              ShapeToString(ctx.input_shape(1))));
      }
      const Tensor* kt = ctx.input_data(1);
      if (kt == nullptr) return Status::Deferred();
      k = kt->IntAt(0);
    }
    if (k < 0 || k > x[a]) {
      return Status::InvalidArgument(
          StrCat("k = ", k, " is out of range [0, ", x[a], "] for axis ", a, " of ",
                 ShapeToString(x)));
    }
    outer_ = NumElements(Shape(x.begin(), x.begin() + a));
    n_ = x[a];
    inner_ = NumElements(Shape(x.begin() + a + 1, x.end()));
    k_ = k;
    scratch_.assign(static_cast<size_t>(n_), 0);
    Shape out = x;
    out[a] = k;
    ctx.SetOutput(0, dt, out);
    ctx.SetOutput(1, DataType::kInt64, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& values = ctx.output(0);
    Tensor& indices = ctx.output(1);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::TopKRef(x.data<T>(), outer_, n_, inner_, k_, largest_, values.data<T>(),
                       indices.data<int64_t>(), scratch_.data());
    });
  }

 private:
  int version_ = 11;
  int64_t axis_ = -1;
  bool largest_ = true;
  int64_t k_attr_ = 0;
  int64_t outer_ = 0, n_ = 0, inner_ = 0, k_ = 0;
  std::vector<int64_t> scratch_;
};

}  // namespace

std::unique_ptr<Op> NewTopKOp() { return std::make_unique<TopKOp>(); }

}  // namespace onnxi
