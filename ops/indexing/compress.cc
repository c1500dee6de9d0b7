// Compress and NonZero: selections whose output shape depends on input data.
//
// Compress (versions 9, 11; negative axis from 11): input (d0, ..., d_{r-1}), condition 1-D
//   bool of length L. With `axis` a: out has d_a replaced by the number of true entries
//   among the first min(L, d_a) (L > d_a is an error); without axis the input is flattened
//   first and out is 1-D.
// NonZero (versions 9, 13): x (d0..d_{r-1}) -> int64 (r, nnz), column k holding the
//   coordinates of the k-th nonzero in row-major order.
// Both defer Prepare until the data is known (their output shape depends on it).
// Not supported: complex elements.
#include <optional>
#include <vector>

#include "kernels/indexing/select.h"
#include "ops/common/shape_util.h"
#include "ops/indexing/indexing_common.h"

namespace onnxi {
namespace {

class CompressOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (node.has("axis")) axis_ = node.GetInt("axis", 0);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel("inputs 0 (input) and 1 (condition) are required");
    }
    if (ctx.input_dtype(1) != DataType::kBool || ctx.input_rank(1) != 1) {
      return Status::InvalidArgument(StrCat("condition must be a 1-D bool tensor, got ",
                                            DataTypeName(ctx.input_dtype(1)),
                                            ShapeToString(ctx.input_shape(1))));
    }
    const Shape& in = ctx.input_shape(0);
    const int64_t len = ctx.input_shape(1)[0];
    Shape out;
    if (axis_) {
      ONNXI_ASSIGN_OR_RETURN(int a, NormalizeAxis(*axis_, ctx.input_rank(0)));
      outer_ = NumElements(Shape(in.begin(), in.begin() + a));
      dim_ = in[a];
      inner_ = NumElements(Shape(in.begin() + a + 1, in.end()));
      out = in;
    } else {
      outer_ = 1;
      dim_ = NumElements(in);
      inner_ = 1;
    }
    if (len > dim_) {
      return Status::InvalidArgument(StrCat("condition has ", len, " entries but the ",
                                            axis_ ? "axis" : "flattened input", " has ", dim_));
    }
    const Tensor* cond = ctx.input_data(1);
    if (cond == nullptr) return Status::Deferred();
    const int64_t selected = kernels::CountNonZero(cond->data<bool>(), len);
    if (axis_) {
      ONNXI_ASSIGN_OR_RETURN(int a, NormalizeAxis(*axis_, ctx.input_rank(0)));
      out[a] = selected;
    } else {
      out = {selected};
    }
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& in = ctx.input(0);
    const Tensor& cond = ctx.input(1);
    Tensor& out = ctx.output(0);
    return VisitTypeOrString(in.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::CompressRef(in.data<T>(), outer_, dim_, inner_, cond.data<bool>(),
                           cond.num_elements(), out.data<T>());
    });
  }

 private:
  std::optional<int64_t> axis_;
  int64_t outer_ = 1, dim_ = 0, inner_ = 1;
};

class NonZeroOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is required");
    const Tensor* x = ctx.input_data(0);
    ONNXI_RETURN_IF_ERROR(VisitType(ctx.input_dtype(0), [](auto) {}));
    if (x == nullptr) return Status::Deferred();
    int64_t nnz = 0;
    ONNXI_RETURN_IF_ERROR(VisitType(x->dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      nnz = kernels::CountNonZero(x->data<T>(), x->num_elements());
    }));
    nnz_ = nnz;
    ctx.SetOutput(0, DataType::kInt64, {static_cast<int64_t>(x->rank()), nnz});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& out = ctx.output(0);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::NonZeroRef(x.data<T>(), x.shape().data(), x.rank(), nnz_, out.data<int64_t>());
    });
  }

 private:
  int64_t nnz_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewCompressOp() { return std::make_unique<CompressOp>(); }
std::unique_ptr<Op> NewNonZeroOp() { return std::make_unique<NonZeroOp>(); }

}  // namespace onnxi
