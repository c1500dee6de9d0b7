// Reference NonMaxSuppression; see nms.h for the contract.
#include "kernels/image/nms.h"

#include <algorithm>
#include <cmath>

namespace onnxi::kernels {
namespace {

struct Box {
  float y1, x1, y2, x2;  // y1 <= y2, x1 <= x2
};

Box ReadBox(const float* b, bool center_point_box) {
  if (center_point_box) {
    const float xc = b[0], yc = b[1], w = b[2], h = b[3];
    return {yc - h / 2, xc - w / 2, yc + h / 2, xc + w / 2};
  }
  return {std::min(b[0], b[2]), std::min(b[1], b[3]), std::max(b[0], b[2]),
          std::max(b[1], b[3])};
}

// True when the IoU of a and b exceeds threshold.
bool Suppresses(const Box& a, const Box& b, float threshold) {
  const float area_a = (a.y2 - a.y1) * (a.x2 - a.x1);
  const float area_b = (b.y2 - b.y1) * (b.x2 - b.x1);
  if (area_a <= 0 || area_b <= 0) return false;
  const float ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  const float iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  if (ih <= 0 || iw <= 0) return false;
  const float inter = ih * iw;
  const float uni = area_a + area_b - inter;
  if (uni <= 0) return false;
  return inter / uni > threshold;
}

}  // namespace

int64_t NonMaxSuppression(const float* boxes, const float* scores, const NmsParams& p,
                          int64_t* order, int64_t* kept, int64_t* out, int64_t capacity) {
  int64_t rows = 0;
  for (int64_t b = 0; b < p.batches; ++b) {
    const float* bx = boxes + b * p.num_boxes * 4;
    for (int64_t c = 0; c < p.classes; ++c) {
      const float* sc = scores + (b * p.classes + c) * p.num_boxes;
      int64_t candidates = 0;
      for (int64_t i = 0; i < p.num_boxes; ++i) {
        // NaN scores are never selected (and would break the sort order).
        if (std::isnan(sc[i])) continue;
        if (!p.has_score_threshold || sc[i] > p.score_threshold) order[candidates++] = i;
      }
      std::sort(order, order + candidates, [sc](int64_t l, int64_t r) {
        return sc[l] > sc[r] || (sc[l] == sc[r] && l < r);
      });
      int64_t num_kept = 0;
      for (int64_t k = 0; k < candidates && num_kept < p.max_per_class; ++k) {
        const int64_t i = order[k];
        const Box box = ReadBox(bx + i * 4, p.center_point_box);
        bool keep = true;
        for (int64_t j = 0; j < num_kept && keep; ++j) {
          keep = !Suppresses(ReadBox(bx + kept[j] * 4, p.center_point_box), box,
                             p.iou_threshold);
        }
        if (!keep) continue;
        kept[num_kept++] = i;
        if (rows < capacity) {
          out[rows * 3 + 0] = b;
          out[rows * 3 + 1] = c;
          out[rows * 3 + 2] = i;
          ++rows;
        }
      }
    }
  }
  return rows;
}

}  // namespace onnxi::kernels
