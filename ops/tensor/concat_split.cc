// Concat and Split along one axis.
//
// Concat: inputs agree on every dim but `axis`; out[.., a, ..] takes input k's slab at
//   a - (sum of earlier inputs' axis dims). axis is required from opset 4 (default 1 in
//   opset 1); negative axes count from the end.
// Split: input (.., D, ..) -> outputs with axis dims `split` (sum = D). `split` is an
//   attribute in opsets 1-11 (opset 1 also accepts it as input 1) and input 1 from 13.
//   Without it: equal parts (D must divide evenly), or from opset 18 the attribute
//   num_outputs: parts of ceil(D / n), the last one smaller.
// Both view each tensor as (outer, axis_dim * inner) rows and copy rows with a strided copy.
#include <numeric>

#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class ConcatOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (node.since_version() >= 4 && !node.Require("axis")) return node.status();
    axis_ = node.GetInt("axis", 1);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const int n = ctx.num_inputs();
    if (n < 1) return Status::InvalidModel("Concat needs at least one input");
    const Shape& first = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    Shape out = first;
    out[axis] = 0;
    for (int i = 0; i < n; ++i) {
      if (ctx.input_dtype(i) != ctx.input_dtype(0)) {
        return Status::InvalidModel(StrCat("input ", i, " is ", DataTypeName(ctx.input_dtype(i)),
                                           " but input 0 is ", DataTypeName(ctx.input_dtype(0))));
      }
      const Shape& s = ctx.input_shape(i);
      bool same = ctx.input_rank(i) == rank;
      for (int d = 0; same && d < rank; ++d) same = d == axis || s[d] == first[d];
      if (!same) {
        return Status::InvalidArgument(StrCat("input ", i, " has shape ", ShapeToString(s),
                                              ", incompatible with input 0's ",
                                              ShapeToString(first), " on axis ", axis));
      }
      out[axis] += s[axis];
    }
    axis_norm_ = axis;
    outer_ = NumElements(Shape(first.begin(), first.begin() + axis));
    inner_ = NumElements(Shape(first.begin() + axis + 1, first.end()));
    out_row_ = out[axis] * inner_;
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    int64_t offset = 0;  // elements into each output row
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const Tensor& in = ctx.input(i);
      const int64_t row = in.dim(axis_norm_) * inner_;
      const int64_t src_strides[2] = {row, 1};
      const int64_t dst_strides[2] = {out_row_, 1};
      const int64_t walk[2] = {outer_, row};
      ONNXI_RETURN_IF_ERROR(
          StridedCopy(in, 0, src_strides, ctx.output(0), offset, dst_strides, walk, 2));
      offset += row;
    }
    return Status::Ok();
  }

 private:
  int64_t axis_ = 1;
  int axis_norm_ = 0;
  int64_t outer_ = 0;
  int64_t inner_ = 0;
  int64_t out_row_ = 0;
};

class SplitOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    axis_ = node.GetInt("axis", 0);
    if (version_ < 13) {
      has_attr_ = node.has("split");
      attr_split_ = node.GetInts("split");
    }
    if (version_ >= 18 && node.has("num_outputs")) {
      num_outputs_ = node.GetInt("num_outputs", 0);
      if (num_outputs_ < 1) {
        return Status::InvalidModel(StrCat("num_outputs ", num_outputs_, " must be positive"));
      }
      if (num_outputs_ != node.num_outputs()) {
        return Status::InvalidModel(StrCat("num_outputs is ", num_outputs_, " but the node has ",
                                           node.num_outputs(), " outputs"));
      }
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    const int64_t dim = in[axis];
    const int n_out = ctx.num_outputs();
    std::vector<int64_t> split = attr_split_;
    bool have = has_attr_;
    if ((version_ >= 13 || (version_ == 1 && !has_attr_)) && ctx.has_input(1)) {
      const Tensor* t = ctx.input_data(1);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(split, ReadInt64s(*t));
      have = !split.empty();  // an empty split input means "not given"
    }
    if (have) {
      if (static_cast<int>(split.size()) != n_out) {
        return Status::InvalidModel(StrCat("split ", ShapeToString(split), " has ", split.size(),
                                           " values for ", n_out, " outputs"));
      }
      int64_t sum = 0;
      for (int64_t s : split) {
        if (s < 0) {
          return Status::InvalidArgument(StrCat("split ", ShapeToString(split),
                                                " has a negative size"));
        }
        sum += s;
      }
      if (sum != dim) {
        return Status::InvalidArgument(StrCat("split ", ShapeToString(split), " sums to ", sum,
                                              " but axis ", axis, " of ", ShapeToString(in),
                                              " has size ", dim));
      }
    } else if (num_outputs_ > 0) {
      const int64_t chunk = (dim + num_outputs_ - 1) / num_outputs_;
      split.assign(n_out, 0);
      int64_t left = dim;
      for (int i = 0; i < n_out; ++i) {
        split[i] = std::min(chunk, left);
        left -= split[i];
      }
    } else {
      if (dim % n_out != 0) {
        return Status::InvalidArgument(StrCat("axis ", axis, " of ", ShapeToString(in),
                                              " (size ", dim, ") cannot be split into ", n_out,
                                              " equal parts"));
      }
      split.assign(n_out, dim / n_out);
    }
    outer_ = NumElements(Shape(in.begin(), in.begin() + axis));
    inner_ = NumElements(Shape(in.begin() + axis + 1, in.end()));
    in_row_ = dim * inner_;
    split_ = split;
    for (int i = 0; i < n_out; ++i) {
      Shape s = in;
      s[axis] = split[i];
      ctx.SetOutput(i, ctx.input_dtype(0), s);
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    int64_t offset = 0;  // elements into each input row
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      const int64_t row = split_[i] * inner_;
      if (ctx.has_output(i)) {
        const int64_t src_strides[2] = {in_row_, 1};
        const int64_t dst_strides[2] = {row, 1};
        const int64_t walk[2] = {outer_, row};
        ONNXI_RETURN_IF_ERROR(StridedCopy(ctx.input(0), offset, src_strides, ctx.output(i), 0,
                                          dst_strides, walk, 2));
      }
      offset += row;
    }
    return Status::Ok();
  }

 private:
  int version_ = 0;
  int64_t axis_ = 0;
  bool has_attr_ = false;
  std::vector<int64_t> attr_split_;
  int64_t num_outputs_ = 0;
  std::vector<int64_t> split_;
  int64_t outer_ = 0;
  int64_t inner_ = 0;
  int64_t in_row_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewConcatOp() { return std::make_unique<ConcatOp>(); }
std::unique_ptr<Op> NewSplitOp() { return std::make_unique<SplitOp>(); }

}  // namespace onnxi
