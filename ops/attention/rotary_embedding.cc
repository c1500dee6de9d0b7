// RotaryEmbedding (opset 23): rotary position embedding of the first rotary_embedding_dim
// (R, default the head size D) channels of every head.
//
// Inputs:  X (B, H, S, D) or (B, S, H*D) (3-D needs num_heads); cos_cache, sin_cache
//          (max_pos, R/2) with position_ids (B, S) int64, or (B, S, R/2) without them.
// Output:  Y, same shape and type as X. The formula is in kernels/attention/rotary_embedding.h.
// Position ids are checked against [0, max_pos) at run time.
#include "kernels/attention/rotary_embedding.h"
#include "ops/attention/attention_ops.h"
#include "ops/common/dispatch.h"

namespace onnxi {
namespace {

class RotaryEmbeddingOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    params_.interleaved = node.GetInt("interleaved", 0) != 0;
    rotary_dim_ = node.GetInt("rotary_embedding_dim", 0);
    num_heads_ = node.GetInt("num_heads", 0);
    if (rotary_dim_ < 0 || num_heads_ < 0) {
      node.Fail(Status::InvalidModel(StrCat("rotary_embedding_dim ", rotary_dim_,
                                            " and num_heads ", num_heads_,
                                            " must not be negative")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {dt}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(2, ctx.input_dtype(2), {dt}));
    const Shape& xs = ctx.input_shape(0);
    auto& p = params_;
    if (xs.size() == 4) {
      p.batch = xs[0];
      p.heads = xs[1];
      p.seq = xs[2];
      p.head_size = xs[3];
      // (b, s, h) strides of a (B, H, S, D) tensor.
      p.x = {p.heads * p.seq * p.head_size, p.seq * p.head_size, p.head_size};
    } else if (xs.size() == 3) {
      if (num_heads_ <= 0) {
        return Status::InvalidModel("a 3-D input needs the num_heads attribute");
      }
      if (xs[2] % num_heads_ != 0) {
        return Status::InvalidArgument(StrCat("hidden size ", xs[2],
                                              " is not a multiple of num_heads ", num_heads_));
      }
      p.batch = xs[0];
      p.seq = xs[1];
      p.heads = num_heads_;
      p.head_size = xs[2] / num_heads_;
      p.x = {p.seq * xs[2], p.head_size, xs[2]};
    } else {
      return Status::InvalidArgument(
          StrCat("input must be 3-D or 4-D; got ", ShapeToString(xs)));
    }
    p.y = p.x;
    p.rotary_dim = rotary_dim_ == 0 ? p.head_size : rotary_dim_;
    if (p.rotary_dim > p.head_size || p.rotary_dim % 2 != 0) {
      return Status::InvalidArgument(StrCat("rotary_embedding_dim ", p.rotary_dim,
                                            " must be even and at most the head size ",
                                            p.head_size));
    }
    const Shape& cs = ctx.input_shape(1);
    has_positions_ = ctx.has_input(3);
    Shape want;
    if (has_positions_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(3, ctx.input_dtype(3), {DataType::kInt64}));
      if (ctx.input_shape(3) != Shape{p.batch, p.seq}) {
        return Status::InvalidArgument(StrCat("position_ids has shape ",
                                              ShapeToString(ctx.input_shape(3)),
                                              "; expected [", p.batch, ", ", p.seq, "]"));
      }
      max_pos_ = cs.size() == 2 ? cs[0] : -1;
      want = {max_pos_, p.rotary_dim / 2};
    } else {
      want = {p.batch, p.seq, p.rotary_dim / 2};
    }
    if (cs != want || ctx.input_shape(2) != want) {
      return Status::InvalidArgument(
          StrCat("cos_cache ", ShapeToString(cs), " / sin_cache ",
                 ShapeToString(ctx.input_shape(2)), " must both have shape ",
                 has_positions_ ? "(max_position_id_plus_1, " : "(B, S, ", "rotary_dim/2 = ",
                 p.rotary_dim / 2, ")"));
    }
    ctx.SetOutput(0, dt, xs);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const int64_t* ids = nullptr;
    if (has_positions_) {
      const Tensor& pos = ctx.input(3);
      ids = pos.data<int64_t>();
      const int64_t bad = kernels::FindBadPositionId(ids, pos.num_elements(), max_pos_);
      if (bad >= 0) {
        return Status::InvalidArgument(StrCat("position_ids value ", ids[bad],
                                              " is out of range [0, ", max_pos_, ")"));
      }
    }
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::RotaryEmbeddingRef<T>(params_, x.data<T>(), ctx.input(1).data<T>(),
                                     ctx.input(2).data<T>(), ids, ctx.output(0).data<T>());
    });
  }

 private:
  int64_t rotary_dim_ = 0, num_heads_ = 0, max_pos_ = 0;
  bool has_positions_ = false;
  kernels::RotaryParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeRotaryEmbeddingOp() { return std::make_unique<RotaryEmbeddingOp>(); }

}  // namespace onnxi
