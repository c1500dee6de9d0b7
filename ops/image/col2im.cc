// Col2Im (opset 18): rearranges sliding-window columns back into an image, summing overlaps.
//
// input (N, C * prod(block_shape), L), image_shape (r int64), block_shape (r int64) ->
// Y (N, C, image_shape...). Attributes dilations, strides (r values, default 1) and pads
// (2r, default 0). L must equal the number of block positions, prod over d of
// (image_d + pad_begin_d + pad_end_d - dilation_d * (block_d - 1) - 1) / stride_d + 1.
// image_shape and block_shape must be known at Prepare (deferred to run time otherwise).
#include "kernels/image/unpool.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

class Col2ImOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    dilations_ = node.GetInts("dilations");
    pads_ = node.GetInts("pads");
    strides_ = node.GetInts("strides");
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kNumericTypes));
    const Tensor* image_t = ctx.input_data(1);
    const Tensor* block_t = ctx.input_data(2);
    if (image_t == nullptr || block_t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> image, ReadInt64s(*image_t));
    ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> block, ReadInt64s(*block_t));
    const int r = static_cast<int>(image.size());
    if (r < 1 || r > kernels::kCol2ImMaxRank || static_cast<int>(block.size()) != r) {
      return Status::InvalidArgument(StrCat("image_shape has ", image.size(),
                                            " values and block_shape ", block.size(),
                                            "; expected the same count in [1, ",
                                            kernels::kCol2ImMaxRank, "]"));
    }
    if ((!dilations_.empty() && static_cast<int>(dilations_.size()) != r) ||
        (!strides_.empty() && static_cast<int>(strides_.size()) != r) ||
        (!pads_.empty() && static_cast<int>(pads_.size()) != 2 * r)) {
      return Status::InvalidArgument(
          StrCat("dilations/strides/pads have ", dilations_.size(), "/", strides_.size(), "/",
                 pads_.size(), " values; expected ", r, "/", r, "/", 2 * r));
    }
    const Shape& x = ctx.input_shape(0);
    if (x.size() != 3) {
      return Status::InvalidArgument(
          StrCat("input has shape ", ShapeToString(x), "; expected (N, C * prod(block), L)"));
    }
    kernels::Col2ImParams p;
    p.rank = r;
    int64_t block_size = 1, num_blocks = 1;
    for (int d = 0; d < r; ++d) {
      p.image[d] = image[d];
      p.block[d] = block[d];
      p.stride[d] = strides_.empty() ? 1 : strides_[d];
      p.dilation[d] = dilations_.empty() ? 1 : dilations_[d];
      p.pad_begin[d] = pads_.empty() ? 0 : pads_[d];
      const int64_t pad_end = pads_.empty() ? 0 : pads_[d + r];
      if (image[d] < 0 || block[d] < 1 || p.stride[d] < 1 || p.dilation[d] < 1 ||
          p.pad_begin[d] < 0 || pad_end < 0) {
        return Status::InvalidArgument(StrCat(
            "axis ", d, ": image ", image[d], ", block ", block[d], ", stride ", p.stride[d],
            ", dilation ", p.dilation[d], ", pads ", p.pad_begin[d], "/", pad_end,
            "; expected image >= 0, block/stride/dilation >= 1, pads >= 0"));
      }
      const int64_t span = image[d] + p.pad_begin[d] + pad_end - p.dilation[d] * (block[d] - 1) - 1;
      p.blocks[d] = span < 0 ? 0 : span / p.stride[d] + 1;
      block_size *= block[d];
      num_blocks *= p.blocks[d];
    }
    if (x[1] % block_size != 0) {
      return Status::InvalidArgument(StrCat("input dim 1 is ", x[1],
                                            "; expected a multiple of prod(block_shape) = ",
                                            block_size));
    }
    if (x[2] != num_blocks) {
      return Status::InvalidArgument(StrCat("input dim 2 is ", x[2], "; expected ", num_blocks,
                                            " block positions"));
    }
    p.batch = x[0];
    p.channels = x[1] / block_size;
    params_ = p;
    Shape y = {x[0], p.channels};
    y.insert(y.end(), image.begin(), image.end());
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::Col2Im(x.data<T>(), params_, y.data<T>());
    });
  }

 private:
  std::vector<int64_t> dilations_, pads_, strides_;
  kernels::Col2ImParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeCol2ImOp() { return std::make_unique<Col2ImOp>(); }

}  // namespace onnxi
