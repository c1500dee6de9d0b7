// GridSample (opsets 16, 20, 22) and AffineGrid (20).
//
// GridSample: X (N, C, D1..Dr), grid (N, O1..Or, r) -> Y (N, C, O1..Or); see
// kernels/image/grid_sample.h for the math. Opset 16 is 2-D only (4-D X) with modes
// bilinear/nearest/bicubic; 20+ is N-D with linear/nearest/cubic.
// AffineGrid: theta (N, 2, 3) and size (N, C, H, W) -> grid (N, H, W, 2), or theta
// (N, 3, 4) and size (N, C, D, H, W) -> grid (N, D, H, W, 3). size must be known at
// Prepare (else deferred to run time).
// Not supported: more than 8 spatial dims.
#include <string>

#include "kernels/image/affine_grid.h"
#include "kernels/image/grid_sample.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

using kernels::GridMode;
using kernels::GridPadding;

class GridSampleOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    const std::string mode = node.GetString("mode", since_ >= 20 ? "linear" : "bilinear");
    const bool v16 = since_ < 20;
    if (mode == (v16 ? "bilinear" : "linear")) {
      params_.mode = GridMode::kLinear;
    } else if (mode == "nearest") {
      params_.mode = GridMode::kNearest;
    } else if (mode == (v16 ? "bicubic" : "cubic")) {
      params_.mode = GridMode::kCubic;
    } else {
      node.Fail(Status::InvalidModel(StrCat("mode '", mode, "' is not supported")));
    }
    const std::string pad = node.GetString("padding_mode", "zeros");
    if (pad == "zeros") {
      params_.padding = GridPadding::kZeros;
    } else if (pad == "border") {
      params_.padding = GridPadding::kBorder;
    } else if (pad == "reflection") {
      params_.padding = GridPadding::kReflection;
    } else {
      node.Fail(Status::InvalidModel(StrCat("padding_mode '", pad, "' is not supported")));
    }
    params_.align_corners = node.GetInt("align_corners", 0) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (since_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kNumericTypes));
    }
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), kFloatTypes));
    const Shape& x = ctx.input_shape(0);
    const Shape& g = ctx.input_shape(1);
    const int r = static_cast<int>(x.size()) - 2;
    if (r < 1 || (since_ < 20 && r != 2)) {
      return Status::InvalidArgument(StrCat("X has shape ", ShapeToString(x), "; expected ",
                                            since_ < 20 ? "(N, C, H, W)" : "(N, C, D1, ...)"));
    }
    if (r > kernels::kGridMaxRank) {
      return Status::Unsupported(StrCat("X has ", r, " spatial dims; at most ",
                                        kernels::kGridMaxRank, " are supported"));
    }
    if (static_cast<int>(g.size()) != r + 2 || g[0] != x[0] || g[r + 1] != r) {
      return Status::InvalidArgument(StrCat("grid has shape ", ShapeToString(g), "; expected (",
                                            x[0], ", O1..O", r, ", ", r, ") for X ",
                                            ShapeToString(x)));
    }
    Shape y = {x[0], x[1]};
    params_.batch = x[0];
    params_.channels = x[1];
    params_.rank = r;
    bool empty_in = false;
    for (int d = 0; d < r; ++d) {
      params_.in[d] = x[d + 2];
      params_.out[d] = g[d + 1];
      empty_in = empty_in || x[d + 2] == 0;
      y.push_back(g[d + 1]);
    }
    if (empty_in && NumElements(y) > 0) {
      return Status::InvalidArgument(
          StrCat("X ", ShapeToString(x), " has an empty spatial axis to sample from"));
    }
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& grid = ctx.input(1);
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    Status inner;
    Status s = VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      inner = VisitFloatType(grid.dtype(), [&](auto gtag) {
        using G = typename decltype(gtag)::type;
        kernels::GridSample(x.data<T>(), grid.data<G>(), params_, y.data<T>());
      });
    });
    ONNXI_RETURN_IF_ERROR(s);
    return inner;
  }

 private:
  int since_ = 0;
  kernels::GridSampleParams params_;
};

class AffineGridOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    align_corners_ = node.GetInt("align_corners", 0) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dtype, kFloatTypes));
    const Tensor* size_t_ = ctx.input_data(1);
    if (size_t_ == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> size, ReadInt64s(*size_t_));
    if (size.size() != 4 && size.size() != 5) {
      return Status::InvalidArgument(StrCat("size has ", size.size(),
                                            " values; expected 4 (N, C, H, W) or 5 (N, C, D, H, W)"));
    }
    for (int64_t v : size) {
      if (v < 0) return Status::InvalidArgument(StrCat("size value ", v, " is negative"));
    }
    spatial_ = static_cast<int>(size.size()) - 2;
    const Shape& theta = ctx.input_shape(0);
    if (theta != Shape{size[0], spatial_, spatial_ + 1}) {
      return Status::InvalidArgument(StrCat("theta has shape ", ShapeToString(theta),
                                            "; expected (", size[0], ", ", spatial_, ", ",
                                            spatial_ + 1, ")"));
    }
    batch_ = size[0];
    dims_[0] = spatial_ == 3 ? size[2] : 1;
    dims_[1] = size[size.size() - 2];
    dims_[2] = size[size.size() - 1];
    Shape y = {batch_};
    if (spatial_ == 3) y.push_back(dims_[0]);
    y.push_back(dims_[1]);
    y.push_back(dims_[2]);
    y.push_back(spatial_);
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& theta = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(theta.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::AffineGrid(theta.data<T>(), batch_, spatial_, dims_, align_corners_,
                          y.data<T>());
    });
  }

 private:
  bool align_corners_ = false;
  int spatial_ = 2;
  int64_t batch_ = 0;
  int64_t dims_[3] = {1, 1, 1};
};

}  // namespace

std::unique_ptr<Op> MakeGridSampleOp() { return std::make_unique<GridSampleOp>(); }
std::unique_ptr<Op> MakeAffineGridOp() { return std::make_unique<AffineGridOp>(); }

}  // namespace onnxi
