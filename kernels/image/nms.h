// Reference NonMaxSuppression (ONNX opsets 10, 11).
//
// boxes (B, N, 4), scores (B, C, N), float. Per (batch b, class c): the boxes whose score
// exceeds score_threshold (when has_score_threshold), in descending score order (ties: the
// lower box index first), are selected greedily; a box is dropped when its IoU with an
// already selected box of the same (b, c) exceeds iou_threshold. At most max_per_class boxes
// are selected per (b, c). Output rows (b, c, box index), in (b, c) order then selection
// order. Boxes: corners (y1, x1, y2, x2) in either order (center_point_box 0) or
// (x_center, y_center, width, height) (center_point_box 1). A box of zero area overlaps
// nothing (IoU 0). IoU is computed in float. NaN scores are never selected.
// Scratch: order and kept, num_boxes entries each. out has room for `capacity` rows;
// returns the number of rows written (never more than capacity).
#pragma once

#include <cstdint>

namespace onnxi::kernels {

struct NmsParams {
  int64_t batches = 0, classes = 0, num_boxes = 0;
  int64_t max_per_class = 0;
  float iou_threshold = 0;
  float score_threshold = 0;
  bool has_score_threshold = false;
  bool center_point_box = false;
};

int64_t NonMaxSuppression(const float* boxes, const float* scores, const NmsParams& p,
                          int64_t* order, int64_t* kept, int64_t* out, int64_t capacity);

}  // namespace onnxi::kernels
