// RoiAlign (opsets 10, 16): X (N, C, H, W), rois (R, 4), batch_indices (R) int64 ->
// Y (R, C, output_height, output_width). See kernels/image/roi_align.h for the math.
// Opset 10 has no coordinate_transformation_mode and behaves as output_half_pixel; 16
// defaults to half_pixel. batch_indices values are checked against N before use.
#include <string>

#include "kernels/image/roi_align.h"
#include "ops/common/dispatch.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

class RoiAlignOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    const std::string mode = node.GetString("mode", "avg");
    if (mode != "avg" && mode != "max") {
      node.Fail(Status::InvalidModel(StrCat("mode '", mode, "' is not supported")));
    }
    params_.max_mode = mode == "max";
    const std::string coord = node.since_version() >= 16
                                  ? node.GetString("coordinate_transformation_mode", "half_pixel")
                                  : "output_half_pixel";
    if (coord != "half_pixel" && coord != "output_half_pixel") {
      node.Fail(Status::InvalidModel(
          StrCat("coordinate_transformation_mode '", coord, "' is not supported")));
    }
    params_.half_pixel = coord == "half_pixel";
    params_.out_h = node.GetInt("output_height", 1);
    params_.out_w = node.GetInt("output_width", 1);
    params_.sampling_ratio = node.GetInt("sampling_ratio", 0);
    params_.spatial_scale = node.GetFloat("spatial_scale", 1.0f);
    if (params_.out_h < 1 || params_.out_w < 1) {
      node.Fail(Status::InvalidModel(StrCat("output_height ", params_.out_h, " and output_width ",
                                            params_.out_w, " must be positive")));
    }
    if (params_.sampling_ratio < 0) {
      node.Fail(Status::InvalidModel(
          StrCat("sampling_ratio ", params_.sampling_ratio, " must not be negative")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(0, dtype, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    if (ctx.input_dtype(1) != dtype) {
      return Status::InvalidArgument(StrCat("rois has element type ",
                                            DataTypeName(ctx.input_dtype(1)), "; expected ",
                                            DataTypeName(dtype), " as X"));
    }
    ONNXI_RETURN_IF_ERROR(CheckInputType(2, ctx.input_dtype(2), {DataType::kInt64}));
    const Shape& x = ctx.input_shape(0);
    const Shape& rois = ctx.input_shape(1);
    const Shape& bi = ctx.input_shape(2);
    if (x.size() != 4) {
      return Status::InvalidArgument(
          StrCat("X has shape ", ShapeToString(x), "; expected (N, C, H, W)"));
    }
    if (rois.size() != 2 || rois[1] != 4) {
      return Status::InvalidArgument(
          StrCat("rois has shape ", ShapeToString(rois), "; expected (num_rois, 4)"));
    }
    if (bi.size() != 1 || bi[0] != rois[0]) {
      return Status::InvalidArgument(StrCat("batch_indices has shape ", ShapeToString(bi),
                                            "; expected (", rois[0], ")"));
    }
    if (rois[0] > 0 && x[1] > 0 && (x[2] == 0 || x[3] == 0)) {
      return Status::InvalidArgument(
          StrCat("X ", ShapeToString(x), " has an empty image to pool from"));
    }
    batch_ = x[0];
    params_.channels = x[1];
    params_.height = x[2];
    params_.width = x[3];
    params_.num_rois = rois[0];
    ctx.SetOutput(0, dtype, {rois[0], x[1], params_.out_h, params_.out_w});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& bi = ctx.input(2);
    Tensor& y = ctx.output(0);
    const int64_t bad = kernels::FindOutOfRange(bi.data<int64_t>(), bi.num_elements(), 0, batch_);
    if (bad >= 0) {
      return Status::InvalidArgument(StrCat("batch_indices value ", bi.data<int64_t>()[bad],
                                            " at ", bad, " is out of range [0, ", batch_, ")"));
    }
    if (y.num_elements() == 0) return Status::Ok();
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::RoiAlign(x.data<T>(), ctx.input(1).data<T>(), bi.data<int64_t>(), params_,
                        y.data<T>());
    });
  }

 private:
  kernels::RoiAlignParams params_;
  int64_t batch_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeRoiAlignOp() { return std::make_unique<RoiAlignOp>(); }

}  // namespace onnxi
