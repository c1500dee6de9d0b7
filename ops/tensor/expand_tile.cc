// Expand and Tile: repeat the input by reading it with zero strides.
//
// Expand: out shape = numpy broadcast of the input shape and the int64 `shape` input;
//   out[p] = in[p with broadcast dims at 0].
// Tile (opset 6+): repeats (int64, one value >= 0 per axis): out dim d = in dim d * repeats[d],
//   out[p] = in[p_d mod in_d]. Walked as (repeats_0, in_0, repeats_1, in_1, ...) with stride 0
//   on the repeat axes. Tile-1 (inputs tiles, axis) is not supported.
// Shape/repeats without data at Prepare defer to run time.
#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class StridedReadOp : public Op {
 public:
  Status Run(RunContext& ctx) override {
    return StridedCopy(ctx.input(0), 0, src_strides_.data(), ctx.output(0), 0,
                       dst_strides_.data(), walk_shape_.data(),
                       static_cast<int>(walk_shape_.size()));
  }

 protected:
  Shape walk_shape_;
  std::vector<int64_t> src_strides_, dst_strides_;
};

class ExpandOp : public StridedReadOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    const Tensor* t = ctx.input_data(1);
    if (t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(Shape shape, ReadInt64s(*t));
    for (int64_t d : shape) {
      if (d < 0) {
        return Status::InvalidArgument(StrCat("shape ", ShapeToString(shape),
                                              " has a negative dimension"));
      }
    }
    ONNXI_ASSIGN_OR_RETURN(Shape out, BroadcastShapes(ctx.input_shape(0), shape));
    walk_shape_ = out;
    src_strides_ = BroadcastStrides(ctx.input_shape(0), out);
    dst_strides_ = StridesOf(out);
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }
};

class TileOp : public StridedReadOp {
 public:
  Status Init(const NodeView& node) override {
    if (node.since_version() < 6) {
      return Status::Unsupported("Tile-1 (inputs tiles and axis) is not supported");
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    const Tensor* t = ctx.input_data(1);
    if (t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> repeats, ReadInt64s(*t));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    if (static_cast<int>(repeats.size()) != rank) {
      return Status::InvalidArgument(StrCat("repeats ", ShapeToString(repeats), " has ",
                                            repeats.size(), " values for a rank-", rank,
                                            " input"));
    }
    std::vector<int64_t> in_strides = StridesOf(in);
    Shape out(rank);
    walk_shape_.assign(2 * rank, 0);
    src_strides_.assign(2 * rank, 0);
    for (int d = 0; d < rank; ++d) {
      if (repeats[d] < 0) {
        return Status::InvalidArgument(StrCat("repeats ", ShapeToString(repeats),
                                              " has a negative value"));
      }
      out[d] = in[d] * repeats[d];
      walk_shape_[2 * d] = repeats[d];
      walk_shape_[2 * d + 1] = in[d];
      src_strides_[2 * d + 1] = in_strides[d];
    }
    dst_strides_ = StridesOf(walk_shape_);
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Op> NewExpandOp() { return std::make_unique<ExpandOp>(); }
std::unique_ptr<Op> NewTileOp() { return std::make_unique<TileOp>(); }

}  // namespace onnxi
