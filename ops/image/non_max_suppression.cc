// NonMaxSuppression (opsets 10, 11): greedy per-class box selection by IoU.
//
// Inputs: boxes (B, N, 4) float, scores (B, C, N) float, and optional scalars
// max_output_boxes_per_class (int64, default 0 = select nothing), iou_threshold (float,
// default 0, in [0, 1]) and score_threshold (float; absent = no score filter).
// Output: selected_indices (num_selected, 3) int64 rows (batch, class, box); see
// kernels/image/nms.h. The row count depends on the data, so the selection runs in Prepare
// once every input's data is known (deferred to run time otherwise) and Run copies it.
#include <algorithm>
#include <cstring>

#include "kernels/image/nms.h"
#include "ops/common/dispatch.h"
#include "ops/image/image_ops.h"

namespace onnxi {
namespace {

class NonMaxSuppressionOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    const int64_t cpb = node.GetInt("center_point_box", 0);
    if (cpb != 0 && cpb != 1) {
      node.Fail(Status::InvalidModel(StrCat("center_point_box ", cpb, " must be 0 or 1")));
    }
    params_.center_point_box = cpb == 1;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kFloat}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kFloat}));
    const Shape& boxes = ctx.input_shape(0);
    const Shape& scores = ctx.input_shape(1);
    if (boxes.size() != 3 || boxes[2] != 4) {
      return Status::InvalidArgument(StrCat("boxes has shape ", ShapeToString(boxes),
                                            "; expected (num_batches, spatial_dimension, 4)"));
    }
    if (scores.size() != 3 || scores[0] != boxes[0] || scores[2] != boxes[1]) {
      return Status::InvalidArgument(StrCat("scores has shape ", ShapeToString(scores),
                                            "; expected (", boxes[0], ", num_classes, ",
                                            boxes[1], ") for boxes ", ShapeToString(boxes)));
    }
    for (int i = 0; i < 5; ++i) {
      if (ctx.has_input(i) && ctx.input_data(i) == nullptr) return Status::Deferred();
    }
    params_.batches = boxes[0];
    params_.num_boxes = boxes[1];
    params_.classes = scores[1];
    params_.max_per_class = 0;
    params_.iou_threshold = 0;
    params_.has_score_threshold = false;
    if (ctx.has_input(2)) {
      const Tensor& t = *ctx.input_data(2);
      ONNXI_RETURN_IF_ERROR(CheckInputType(2, t.dtype(), {DataType::kInt64}));
      if (t.num_elements() != 1) {
        return Status::InvalidArgument(StrCat("max_output_boxes_per_class has ",
                                              t.num_elements(), " values; expected 1"));
      }
      params_.max_per_class = std::max<int64_t>(0, t.data<int64_t>()[0]);
    }
    if (ctx.has_input(3)) {
      const Tensor& t = *ctx.input_data(3);
      ONNXI_RETURN_IF_ERROR(CheckInputType(3, t.dtype(), {DataType::kFloat}));
      if (t.num_elements() != 1) {
        return Status::InvalidArgument(
            StrCat("iou_threshold has ", t.num_elements(), " values; expected 1"));
      }
      params_.iou_threshold = t.data<float>()[0];
      if (!(params_.iou_threshold >= 0 && params_.iou_threshold <= 1)) {
        return Status::InvalidArgument(
            StrCat("iou_threshold ", params_.iou_threshold, " is outside [0, 1]"));
      }
    }
    if (ctx.has_input(4)) {
      const Tensor& t = *ctx.input_data(4);
      ONNXI_RETURN_IF_ERROR(CheckInputType(4, t.dtype(), {DataType::kFloat}));
      if (t.num_elements() != 1) {
        return Status::InvalidArgument(
            StrCat("score_threshold has ", t.num_elements(), " values; expected 1"));
      }
      params_.score_threshold = t.data<float>()[0];
      params_.has_score_threshold = true;
    }
    const int64_t per_class = std::min(params_.max_per_class, params_.num_boxes);
    const int64_t capacity = params_.batches * params_.classes * per_class;
    selected_.resize(static_cast<size_t>(capacity * 3));
    order_.resize(static_cast<size_t>(params_.num_boxes));
    kept_.resize(static_cast<size_t>(params_.num_boxes));
    rows_ = kernels::NonMaxSuppression(ctx.input_data(0)->data<float>(),
                                       ctx.input_data(1)->data<float>(), params_,
                                       order_.data(), kept_.data(), selected_.data(), capacity);
    ctx.SetOutput(0, DataType::kInt64, {rows_, 3});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    if (rows_ > 0) {
      std::memcpy(ctx.output(0).raw_data(), selected_.data(),
                  static_cast<size_t>(rows_ * 3) * sizeof(int64_t));
    }
    return Status::Ok();
  }

 private:
  kernels::NmsParams params_;
  std::vector<int64_t> order_, kept_, selected_;
  int64_t rows_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeNonMaxSuppressionOp() {
  return std::make_unique<NonMaxSuppressionOp>();
}

}  // namespace onnxi
