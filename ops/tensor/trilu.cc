// Trilu (opset 14): input (..., N, M), optional int64 scalar k (default 0), attribute
// upper (default 1). upper keeps elements with col - row >= k, lower those with
// col - row <= k; the rest are zero (the empty string for strings).
#include "kernels/tensor/generate.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class TriluOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    upper_ = node.GetInt("upper", 1) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    if (in.size() < 2) {
      return Status::InvalidArgument(StrCat("input must have rank >= 2, got ",
                                            ShapeToString(in)));
    }
    if (ctx.has_input(1)) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    }
    ONNXI_RETURN_IF_ERROR(VisitStorage(ctx.input_dtype(0), [](auto) {}));
    rows_ = in[in.size() - 2];
    cols_ = in[in.size() - 1];
    ctx.SetOutput(0, ctx.input_dtype(0), in);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    int64_t k = 0;
    if (ctx.has_input(1)) {
      const Tensor& kt = ctx.input(1);
      if (kt.num_elements() != 1) {
        return Status::InvalidArgument(StrCat("k must be a scalar, got shape ",
                                              ShapeToString(kt.shape())));
      }
      k = kt.IntAt(0);
    }
    // Offsets beyond the matrix select all or nothing; clamping keeps j - i - k in range.
    const int64_t bound = rows_ + cols_ + 1;
    k = k > bound ? bound : (k < -bound ? -bound : k);
    const Tensor& in = ctx.input(0);
    Tensor& out = ctx.output(0);
    const int64_t plane = rows_ * cols_;
    const int64_t batch = plane == 0 ? 0 : in.num_elements() / plane;
    return VisitStorage(in.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      kernels::TriluRef(in.data<S>(), batch, rows_, cols_, k, upper_, S{}, out.data<S>());
    });
  }

 private:
  bool upper_ = true;
  int64_t rows_ = 0, cols_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewTriluOp() { return std::make_unique<TriluOp>(); }

}  // namespace onnxi
