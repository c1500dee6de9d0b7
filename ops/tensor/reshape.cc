// Ops that change the shape and keep the data: Reshape, Flatten, Squeeze, Unsqueeze.
// The output is a plain copy of the input's elements in row-major order.
//
// Reshape: shape from the `shape` attribute (opset 1) or the int64 input `shape` (5+).
//   0 copies the input dim at that position unless allowzero=1 (14+); one -1 is inferred.
// Flatten: (d_0..d_{axis-1}, d_axis..d_{r-1}) -> (prod before axis, prod from axis);
//   axis in [-r, r] (negative from opset 11).
// Squeeze: removes the listed size-1 axes (attribute before 13, optional input from 13), or
//   every size-1 axis when none are listed.
// Unsqueeze: inserts size-1 axes at the listed positions of the OUTPUT (attribute before
//   13, input from 13).
// Shape inputs without data at Prepare defer to run time.
#include <algorithm>

#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

// Base: Run copies input 0 to output 0.
class CopyOp : public Op {
 public:
  Status Run(RunContext& ctx) override { return CopyTensorData(ctx.input(0), ctx.output(0)); }
};

class ReshapeOp : public CopyOp {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    allowzero_ = node.GetInt("allowzero", 0) != 0;
    if (version_ < 5) {
      if (!node.Require("shape")) return node.status();
      attr_shape_ = node.GetInts("shape");
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(version_ >= 5 ? 2 : 1));
    std::vector<int64_t> spec = attr_shape_;
    if (version_ >= 5) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
      const Tensor* t = ctx.input_data(1);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(spec, ReadInt64s(*t));
    }
    const Shape& in = ctx.input_shape(0);
    Shape out(spec.size());
    int infer = -1;
    int64_t known = 1;
    for (size_t i = 0; i < spec.size(); ++i) {
      int64_t v = spec[i];
      if (v == -1) {
        if (infer >= 0) {
          return Status::InvalidArgument(StrCat("shape ", ShapeToString(spec),
                                                " has more than one -1"));
        }
        infer = static_cast<int>(i);
        continue;
      }
      if (v < -1) {
        return Status::InvalidArgument(StrCat("shape ", ShapeToString(spec),
                                              " has the invalid dimension ", v));
      }
      if (v == 0 && !allowzero_) {
        if (i >= in.size()) {
          return Status::InvalidArgument(StrCat("shape ", ShapeToString(spec), " has 0 at position ",
                                                i, " but the input ", ShapeToString(in),
                                                " has no dimension there"));
        }
        v = in[i];
      }
      out[i] = v;
      known *= v;
    }
    const int64_t n = NumElements(in);
    if (infer >= 0) {
      if (known == 0 || n % known != 0) {
        return Status::InvalidArgument(StrCat("cannot reshape ", ShapeToString(in), " (", n,
                                              " elements) to ", ShapeToString(spec)));
      }
      out[infer] = n / known;
    }
    if (NumElements(out) != n) {
      return Status::InvalidArgument(StrCat("cannot reshape ", ShapeToString(in), " (", n,
                                            " elements) to ", ShapeToString(out), " (",
                                            NumElements(out), " elements)"));
    }
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

 private:
  int version_ = 0;
  bool allowzero_ = false;
  std::vector<int64_t> attr_shape_;
};

class FlattenOp : public CopyOp {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", 1);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    const int64_t rank = static_cast<int64_t>(in.size());
    int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    if (axis < 0 || axis > rank) {
      return Status::InvalidModel(
          StrCat("axis ", axis_, " is out of range [", -rank, ", ", rank, "]"));
    }
    Shape before(in.begin(), in.begin() + axis);
    Shape after(in.begin() + axis, in.end());
    ctx.SetOutput(0, ctx.input_dtype(0), {NumElements(before), NumElements(after)});
    return Status::Ok();
  }

 private:
  int64_t axis_ = 1;
};

// Reads the axes of Squeeze/Unsqueeze: attribute before opset 13, input 1 from 13.
// Sets *deferred when the input exists without data.
class AxesOp : public CopyOp {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    if (version_ < 13) {
      has_attr_ = node.has("axes");
      attr_axes_ = node.GetInts("axes");
    }
    return node.status();
  }

 protected:
  // Returns false in *present when no axes are given.
  Status ReadAxes(PrepareContext& ctx, std::vector<int64_t>* axes, bool* present) {
    if (version_ < 13) {
      *axes = attr_axes_;
      *present = has_attr_;
      return Status::Ok();
    }
    *present = ctx.has_input(1);
    if (!*present) return Status::Ok();
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    const Tensor* t = ctx.input_data(1);
    if (t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(*axes, ReadInt64s(*t));
    return Status::Ok();
  }

  // Normalizes axes against `rank` into a mask; errors on out-of-range and duplicates.
  static Result<std::vector<bool>> AxesMask(const std::vector<int64_t>& axes, int rank) {
    std::vector<bool> mask(rank, false);
    for (int64_t a : axes) {
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(a, rank));
      if (mask[axis]) {
        return Status::InvalidModel(StrCat("axes ", ShapeToString(axes), " repeat axis ", a));
      }
      mask[axis] = true;
    }
    return mask;
  }

 private:
  int version_ = 0;
  bool has_attr_ = false;
  std::vector<int64_t> attr_axes_;
};

class SqueezeOp : public AxesOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    std::vector<int64_t> axes;
    bool present = false;
    ONNXI_RETURN_IF_ERROR(ReadAxes(ctx, &axes, &present));
    const Shape& in = ctx.input_shape(0);
    Shape out;
    // An empty axes list (e.g. a [0]-shaped input) squeezes every size-1 axis too.
    if (!present || axes.empty()) {
      for (int64_t d : in) {
        if (d != 1) out.push_back(d);
      }
    } else {
      ONNXI_ASSIGN_OR_RETURN(std::vector<bool> mask, AxesMask(axes, ctx.input_rank(0)));
      for (size_t i = 0; i < in.size(); ++i) {
        if (!mask[i]) {
          out.push_back(in[i]);
        } else if (in[i] != 1) {
          return Status::InvalidArgument(StrCat("cannot squeeze axis ", i, " of shape ",
                                                ShapeToString(in), ": its size is ", in[i]));
        }
      }
    }
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }
};

class UnsqueezeOp : public AxesOp {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    std::vector<int64_t> axes;
    bool present = false;
    ONNXI_RETURN_IF_ERROR(ReadAxes(ctx, &axes, &present));
    if (!present) return Status::InvalidModel("axes are required");
    const Shape& in = ctx.input_shape(0);
    const int out_rank = static_cast<int>(in.size() + axes.size());
    ONNXI_ASSIGN_OR_RETURN(std::vector<bool> mask, AxesMask(axes, out_rank));
    Shape out(out_rank);
    size_t next = 0;
    for (int i = 0; i < out_rank; ++i) out[i] = mask[i] ? 1 : in[next++];
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Op> NewReshapeOp() { return std::make_unique<ReshapeOp>(); }
std::unique_ptr<Op> NewFlattenOp() { return std::make_unique<FlattenOp>(); }
std::unique_ptr<Op> NewSqueezeOp() { return std::make_unique<SqueezeOp>(); }
std::unique_ptr<Op> NewUnsqueezeOp() { return std::make_unique<UnsqueezeOp>(); }

}  // namespace onnxi
