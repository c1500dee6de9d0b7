// Slice: out[.., j, ..] = in[.., start + j * step, ..] on each sliced axis.
//
// Opset 1: attributes starts, ends, axes (steps are 1). Opset 10+: inputs
// (data, starts, ends, axes?, steps?), int32 or int64, known at Prepare or deferred.
// Per axis of size D (spec's clamping): negative starts/ends get + D; then
//   step > 0: start, end clamped to [0, D];   count = max(0, ceil((end - start) / step))
//   step < 0: start clamped to [0, D-1], end to [-1, D-1]; count = max(0, ceil((start - end) / -step))
// One strided copy: input offset sum start_d * stride_d, input strides stride_d * step_d.
#include <algorithm>

#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class SliceOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    if (version_ < 10) {
      if (!node.Require("starts") || !node.Require("ends")) return node.status();
      starts_ = node.GetInts("starts");
      ends_ = node.GetInts("ends");
      has_axes_ = node.has("axes");
      axes_ = node.GetInts("axes");
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(version_ >= 10 ? 3 : 1));
    std::vector<int64_t> starts = starts_, ends = ends_, axes = axes_, steps;
    bool has_axes = has_axes_;
    if (version_ >= 10) {
      for (int i = 1; i <= 4; ++i) {
        if (ctx.has_input(i) && ctx.input_data(i) == nullptr) return Status::Deferred();
      }
      ONNXI_ASSIGN_OR_RETURN(starts, ReadInt64s(*ctx.input_data(1)));
      ONNXI_ASSIGN_OR_RETURN(ends, ReadInt64s(*ctx.input_data(2)));
      has_axes = ctx.has_input(3);
      if (has_axes) {
        ONNXI_ASSIGN_OR_RETURN(axes, ReadInt64s(*ctx.input_data(3)));
      }
      if (ctx.has_input(4)) {
        ONNXI_ASSIGN_OR_RETURN(steps, ReadInt64s(*ctx.input_data(4)));
      }
    }
    const size_t n = starts.size();
    const int rank = ctx.input_rank(0);
    if (!has_axes) {
      axes.resize(n);
      for (size_t i = 0; i < n; ++i) axes[i] = static_cast<int64_t>(i);
    }
    if (steps.empty()) steps.assign(n, 1);
    if (ends.size() != n || axes.size() != n || steps.size() != n) {
      return Status::InvalidModel(StrCat("starts, ends, axes and steps have ", n, ", ",
                                         ends.size(), ", ", axes.size(), " and ", steps.size(),
                                         " values; they must agree"));
    }
    const Shape& in = ctx.input_shape(0);
    std::vector<int64_t> in_strides = StridesOf(in);
    walk_shape_ = in;
    src_strides_ = in_strides;
    src_offset_ = 0;
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < n; ++i) {
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axes[i], rank));
      if (seen[axis]) {
        return Status::InvalidModel(StrCat("axes ", ShapeToString(axes), " repeat axis ",
                                           axes[i]));
      }
      seen[axis] = true;
      const int64_t dim = in[axis];
      const int64_t step = steps[i];
      if (step == 0) return Status::InvalidArgument(StrCat("step on axis ", axis, " is 0"));
      int64_t start = starts[i] < 0 ? starts[i] + dim : starts[i];
      int64_t end = ends[i] < 0 ? ends[i] + dim : ends[i];
      int64_t count = 0;
      if (dim == 0) {
        count = 0;
      } else if (step > 0) {
        start = std::clamp<int64_t>(start, 0, dim);
        end = std::clamp<int64_t>(end, 0, dim);
        count = end > start ? (end - start - 1) / step + 1 : 0;
      } else {
        start = std::clamp<int64_t>(start, 0, dim - 1);
        end = std::clamp<int64_t>(end, -1, dim - 1);
        // -step would overflow for INT64_MIN; any step below -dim takes one element anyway.
        const int64_t back = step < -dim ? dim + 1 : -step;
        count = start > end ? (start - end - 1) / back + 1 : 0;
      }
      walk_shape_[axis] = count;
      if (count > 0) src_offset_ += start * in_strides[axis];
      // With one element the stride is never used; skipping it avoids overflow for huge steps.
      src_strides_[axis] = count > 1 ? in_strides[axis] * step : 0;
    }
    dst_strides_ = StridesOf(walk_shape_);
    ctx.SetOutput(0, ctx.input_dtype(0), walk_shape_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    return StridedCopy(ctx.input(0), src_offset_, src_strides_.data(), ctx.output(0), 0,
                       dst_strides_.data(), walk_shape_.data(),
                       static_cast<int>(walk_shape_.size()));
  }

 private:
  int version_ = 0;
  std::vector<int64_t> starts_, ends_, axes_;
  bool has_axes_ = false;
  Shape walk_shape_;
  std::vector<int64_t> src_strides_, dst_strides_;
  int64_t src_offset_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewSliceOp() { return std::make_unique<SliceOp>(); }

}  // namespace onnxi
