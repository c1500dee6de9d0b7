// Resize (opsets 10, 11, 13, 18, 19) and Upsample (7, 9): N-D nearest / linear / cubic
// resampling of X (D0, .., Dr-1) to Y (floor(Di * scale_i)) or Y (sizes_i).
//
// Inputs by version:
//   Upsample-7: X; attribute scales.     Upsample-9, Resize-10: X, scales.
//   Resize-11+: X, roi, scales, sizes (roi/scales optional from 13; an empty tensor counts as
//   absent). Exactly one of scales/sizes. axes (18+) lists the axes scales/sizes/roi refer to.
// Upsample and Resize-10 use the asymmetric transform (x_ori = x / scale) with nearest
// rounding down, which is Upsample's definition (nearest = repeat).
// sizes with keep_aspect_ratio_policy not_larger/not_smaller (18+) use one scale for the
// listed axes and round each size half up. Scales, sizes and roi must be known when the op
// is prepared, else Prepare defers to run time.
// Math and rounding follow kernels/image/resize.h (integers round to nearest).
// Not supported: rank above 8.
#include <cmath>
#include <string>

#include "kernels/image/resize.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

using kernels::ResizeCoordMode;
using kernels::ResizeMode;
using kernels::ResizeNearestMode;

class ResizeOp : public Op {
 public:
  explicit ResizeOp(bool upsample) : upsample_(upsample) {}

  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    const std::string mode = node.GetString("mode", "nearest");
    if (mode == "nearest") {
      params_.mode = ResizeMode::kNearest;
    } else if (mode == "linear" || (upsample_ && mode == "bilinear")) {
      params_.mode = ResizeMode::kLinear;
    } else if (mode == "cubic" && !upsample_ && since_ >= 11) {
      params_.mode = ResizeMode::kCubic;
    } else {
      node.Fail(Status::InvalidModel(StrCat("mode '", mode, "' is not supported")));
    }
    if (upsample_ || since_ == 10) {
      params_.coord = ResizeCoordMode::kAsymmetric;
      params_.nearest = ResizeNearestMode::kFloor;
      if (upsample_ && since_ == 7) {
        attr_scales_ = node.GetFloats("scales");
        node.Require("scales");
      }
      return node.status();
    }
    const std::string coord = node.GetString("coordinate_transformation_mode", "half_pixel");
    if (coord == "half_pixel") {
      params_.coord = ResizeCoordMode::kHalfPixel;
    } else if (coord == "half_pixel_symmetric" && since_ >= 19) {
      params_.coord = ResizeCoordMode::kHalfPixelSymmetric;
    } else if (coord == "pytorch_half_pixel") {
      params_.coord = ResizeCoordMode::kPytorchHalfPixel;
    } else if (coord == "align_corners") {
      params_.coord = ResizeCoordMode::kAlignCorners;
    } else if (coord == "asymmetric") {
      params_.coord = ResizeCoordMode::kAsymmetric;
    } else if (coord == "tf_half_pixel_for_nn" && since_ < 18) {
      params_.coord = ResizeCoordMode::kTfHalfPixelForNn;
    } else if (coord == "tf_crop_and_resize") {
      params_.coord = ResizeCoordMode::kTfCropAndResize;
    } else {
      node.Fail(Status::InvalidModel(
          StrCat("coordinate_transformation_mode '", coord, "' is not supported")));
    }
    const std::string nearest = node.GetString("nearest_mode", "round_prefer_floor");
    if (nearest == "round_prefer_floor") {
      params_.nearest = ResizeNearestMode::kRoundPreferFloor;
    } else if (nearest == "round_prefer_ceil") {
      params_.nearest = ResizeNearestMode::kRoundPreferCeil;
    } else if (nearest == "floor") {
      params_.nearest = ResizeNearestMode::kFloor;
    } else if (nearest == "ceil") {
      params_.nearest = ResizeNearestMode::kCeil;
    } else {
      node.Fail(Status::InvalidModel(StrCat("nearest_mode '", nearest, "' is not supported")));
    }
    params_.cubic_a = node.GetFloat("cubic_coeff_a", -0.75f);
    params_.exclude_outside = node.GetInt("exclude_outside", 0) != 0;
    extrapolation_value_ = node.GetFloat("extrapolation_value", 0.0f);
    if (since_ >= 18) {
      params_.antialias = node.GetInt("antialias", 0) != 0 && params_.mode != ResizeMode::kNearest;
      axes_attr_ = node.GetInts("axes");
      policy_ = node.GetString("keep_aspect_ratio_policy", "stretch");
      if (policy_ != "stretch" && policy_ != "not_larger" && policy_ != "not_smaller") {
        node.Fail(Status::InvalidModel(
            StrCat("keep_aspect_ratio_policy '", policy_, "' is not supported")));
      }
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    if (dtype == DataType::kString || DataTypeStorageBytes(dtype, 1) == 0) {
      return Status::Unsupported(StrCat("element type ", DataTypeName(dtype),
                                        " is not supported"));
    }
    const Shape& x = ctx.input_shape(0);
    const int rank = static_cast<int>(x.size());
    if (rank > kernels::kResizeMaxRank) {
      return Status::Unsupported(StrCat("X has rank ", rank, "; at most ",
                                        kernels::kResizeMaxRank, " is supported"));
    }
    // Which axes the scales/sizes/roi values refer to.
    std::vector<int> axes;
    if (axes_attr_.empty()) {
      for (int d = 0; d < rank; ++d) axes.push_back(d);
    } else {
      std::vector<bool> seen(rank, false);
      for (int64_t a : axes_attr_) {
        ONNXI_ASSIGN_OR_RETURN(int d, NormalizeAxis(a, rank));
        if (seen[d]) return Status::InvalidModel(StrCat("axes lists axis ", a, " twice"));
        seen[d] = true;
        axes.push_back(d);
      }
    }
    const int n = static_cast<int>(axes.size());

    // Locate the scales / sizes / roi inputs for this version.
    int scales_in = -1, sizes_in = -1, roi_in = -1;
    if (upsample_) {
      scales_in = since_ == 7 ? -1 : 1;
    } else if (since_ == 10) {
      scales_in = 1;
    } else {
      roi_in = 1;
      scales_in = 2;
      sizes_in = 3;
    }
    std::vector<double> scales;
    std::vector<int64_t> sizes;
    bool have_scales = false, have_sizes = false;
    if (upsample_ && since_ == 7) {
      scales.assign(attr_scales_.begin(), attr_scales_.end());
      have_scales = true;
    }
    auto present = [&](int i) {
      return i >= 0 && ctx.has_input(i) && NumElements(ctx.input_shape(i)) > 0;
    };
    if (present(scales_in)) {
      const Tensor* t = ctx.input_data(scales_in);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(scales, ReadDoubles(*t));
      have_scales = true;
    }
    if (present(sizes_in)) {
      const Tensor* t = ctx.input_data(sizes_in);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(sizes, ReadInt64s(*t));
      have_sizes = true;
    }
    std::vector<double> roi;
    if (params_.coord == ResizeCoordMode::kTfCropAndResize && present(roi_in)) {
      const Tensor* t = ctx.input_data(roi_in);
      if (t == nullptr) return Status::Deferred();
      ONNXI_ASSIGN_OR_RETURN(roi, ReadDoubles(*t));
      if (static_cast<int>(roi.size()) != 2 * n) {
        return Status::InvalidArgument(StrCat("roi has ", roi.size(), " values; expected ",
                                              2 * n, " (starts and ends of ", n, " axes)"));
      }
    }
    if (have_scales == have_sizes) {
      return Status::InvalidArgument(have_scales
                                         ? "both scales and sizes are given; expected one"
                                         : "neither scales nor sizes is given; expected one");
    }
    const size_t count = have_scales ? scales.size() : sizes.size();
    if (static_cast<int>(count) != n) {
      return Status::InvalidArgument(StrCat(have_scales ? "scales" : "sizes", " has ", count,
                                            " values; expected ", n, " for a rank-", rank,
                                            " X", axes_attr_.empty() ? "" : " and axes"));
    }

    // Per-axis scale and output size.
    std::vector<double> scale(rank, 1.0);
    Shape y = x;
    for (int i = 0; i < n; ++i) {
      const int d = axes[i];
      if (have_scales) {
        if (!(scales[i] > 0) || !std::isfinite(scales[i])) {
          return Status::InvalidArgument(
              StrCat("scales value ", scales[i], " for axis ", d, " must be positive"));
        }
        scale[d] = scales[i];
        y[d] = static_cast<int64_t>(std::floor(scales[i] * static_cast<double>(x[d])));
      } else {
        if (sizes[i] < 0) {
          return Status::InvalidArgument(
              StrCat("sizes value ", sizes[i], " for axis ", d, " is negative"));
        }
        if (x[d] == 0 && sizes[i] != 0) {
          return Status::InvalidArgument(
              StrCat("sizes value ", sizes[i], " for axis ", d, " resizes an empty axis"));
        }
        y[d] = sizes[i];
        scale[d] = x[d] == 0 ? 1.0 : static_cast<double>(sizes[i]) / static_cast<double>(x[d]);
      }
    }
    if (have_sizes && policy_ != "stretch" && n > 0) {
      double s = scale[axes[0]];
      for (int d : axes) s = policy_ == "not_larger" ? std::min(s, scale[d]) : std::max(s, scale[d]);
      for (int d : axes) {
        scale[d] = s;
        y[d] = static_cast<int64_t>(s * static_cast<double>(x[d]) + 0.5);
      }
    }

    // Per-axis tap tables for the kernel.
    tables_.assign(rank, {});
    axes_.assign(rank, {});
    in_shape_ = x;
    out_shape_ = y;
    for (int d = 0; d < rank; ++d) {
      kernels::ResizeAxisParams p = params_;
      p.in = x[d];
      p.out = y[d];
      p.scale = scale[d];
      for (int i = 0; i < n; ++i) {
        if (axes[i] == d && !roi.empty()) {
          p.roi_start = roi[i];
          p.roi_end = roi[n + i];
        }
      }
      AxisTable& t = tables_[d];
      const int64_t taps = kernels::ResizeAxisTaps(p);
      if (x[d] > 0) {
        t.index.resize(static_cast<size_t>(y[d] * taps));
        t.weight.resize(t.index.size());
        t.outside.resize(static_cast<size_t>(y[d]));
        kernels::ResizeAxisTable(p, t.index.data(), t.weight.data(), t.outside.data());
      }
      axes_[d] = {taps, t.index.data(), t.weight.data(), t.outside.data()};
    }
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::ResizeNd(x.data<T>(), in_shape_.data(), out_shape_.data(),
                        static_cast<int>(in_shape_.size()), axes_.data(), extrapolation_value_,
                        y.data<T>());
    });
  }

 private:
  struct AxisTable {
    std::vector<int64_t> index;
    std::vector<double> weight;
    std::vector<uint8_t> outside;
  };

  bool upsample_;
  int since_ = 0;
  kernels::ResizeAxisParams params_;
  double extrapolation_value_ = 0.0;
  std::vector<float> attr_scales_;
  std::vector<int64_t> axes_attr_;
  std::string policy_ = "stretch";
  std::vector<AxisTable> tables_;
  std::vector<kernels::ResizeAxis> axes_;
  Shape in_shape_, out_shape_;
};

}  // namespace

std::unique_ptr<Op> MakeResizeOp() { return std::make_unique<ResizeOp>(false); }
std::unique_ptr<Op> MakeUpsampleOp() { return std::make_unique<ResizeOp>(true); }

}  // namespace onnxi
