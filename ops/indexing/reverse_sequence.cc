// ReverseSequence-10 and CumProd-26.
//
// ReverseSequence: input (max_len, batch, ...) with time_axis 0 / batch_axis 1 (or the
//   swap), sequence_lens (batch) int64. For batch b the first sequence_lens[b] time steps
//   are reversed, the rest copied. Lengths outside [0, max_len] are errors.
// CumProd: running products along `axis` (a scalar int32/int64 input), exclusive/reverse
//   as CumSum; numeric types. Integers wrap modulo 2^bits.
// Not supported: complex elements.
#include <type_traits>
#include <vector>

#include "kernels/indexing/select.h"
#include "ops/common/shape_util.h"
#include "ops/indexing/indexing_common.h"

namespace onnxi {
namespace {

class ReverseSequenceOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    time_axis_ = node.GetInt("time_axis", 0);
    const int64_t batch_axis = node.GetInt("batch_axis", 1);
    if (!((time_axis_ == 0 && batch_axis == 1) || (time_axis_ == 1 && batch_axis == 0))) {
      node.Fail(Status::InvalidModel(StrCat("time_axis ", time_axis_, " and batch_axis ",
                                            batch_axis, " must be 0 and 1 in some order")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel("inputs 0 (input) and 1 (sequence_lens) are required");
    }
    ONNXI_RETURN_IF_ERROR(VisitTypeOrString(ctx.input_dtype(0), [](auto) {}));
    const Shape& x = ctx.input_shape(0);
    if (x.size() < 2) {
      return Status::InvalidArgument(
          StrCat("input must have rank >= 2, got ", ShapeToString(x)));
    }
    const int64_t batch = x[time_axis_ == 0 ? 1 : 0];
    if (ctx.input_dtype(1) != DataType::kInt64 || ctx.input_shape(1) != Shape{batch}) {
      return Status::InvalidArgument(StrCat("sequence_lens must be int64 of shape [", batch,
                                            "], got ", DataTypeName(ctx.input_dtype(1)),
                                            ShapeToString(ctx.input_shape(1))));
    }
    d0_ = x[0];
    d1_ = x[1];
    inner_ = NumElements(Shape(x.begin() + 2, x.end()));
    ctx.SetOutput(0, ctx.input_dtype(0), x);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& lens = ctx.input(1);
    const int64_t max_len = time_axis_ == 0 ? d0_ : d1_;
    const int64_t bad = kernels::FindBadLength(lens.data<int64_t>(), lens.num_elements(), max_len);
    if (bad >= 0) {
      return Status::InvalidArgument(StrCat("sequence_lens value ", lens.data<int64_t>()[bad],
                                            " is out of range [0, ", max_len, "]"));
    }
    Tensor& out = ctx.output(0);
    return VisitTypeOrString(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::ReverseSequenceRef(x.data<T>(), d0_, d1_, inner_, static_cast<int>(time_axis_),
                                  lens.data<int64_t>(), out.data<T>());
    });
  }

 private:
  int64_t time_axis_ = 0;
  int64_t d0_ = 0, d1_ = 0, inner_ = 1;
};

class CumProdOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    exclusive_ = node.GetInt("exclusive", 0) != 0;
    reverse_ = node.GetInt("reverse", 0) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel("inputs 0 (x) and 1 (axis) are required");
    }
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), kNumericTypes));
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(1, ctx.input_dtype(1), {DataType::kInt32, DataType::kInt64}));
    if (ctx.input_rank(1) > 1 || NumElements(ctx.input_shape(1)) != 1) {
      return Status::InvalidArgument(StrCat("axis (input 1) must be a scalar, got shape ",
                                            ShapeToString(ctx.input_shape(1))));
    }
    shape_ = ctx.input_shape(0);
    if (shape_.empty()) return Status::InvalidArgument("input 0 must have rank >= 1");
    if (const Tensor* a = ctx.input_data(1)) ONNXI_RETURN_IF_ERROR(SetAxis(a->IntAt(0)));
    ctx.SetOutput(0, ctx.input_dtype(0), shape_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(SetAxis(ctx.input(1).IntAt(0)));
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::CumProdRef(x.data<T>(), y.data<T>(), outer_, n_, inner_, exclusive_, reverse_);
    });
  }

 private:
  Status SetAxis(int64_t axis) {
    ONNXI_ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, static_cast<int>(shape_.size())));
    outer_ = NumElements(Shape(shape_.begin(), shape_.begin() + a));
    n_ = shape_[a];
    inner_ = NumElements(Shape(shape_.begin() + a + 1, shape_.end()));
    return Status::Ok();
  }

  bool exclusive_ = false, reverse_ = false;
  Shape shape_;
  int64_t outer_ = 1, n_ = 0, inner_ = 1;
};

}  // namespace

std::unique_ptr<Op> NewReverseSequenceOp() { return std::make_unique<ReverseSequenceOp>(); }
std::unique_ptr<Op> NewCumProdOp() { return std::make_unique<CumProdOp>(); }

}  // namespace onnxi
