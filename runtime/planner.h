// plan: where each intermediate tensor lives in one arena.
//
// Each request is a buffer of `size` bytes live from step `first` to step `last`
// (inclusive; steps are node positions in execution order). Two requests whose lifetimes
// overlap must not share bytes. Greedy best-fit, largest first (as TFLite's arena planner
// and ONNX Runtime's mem pattern do): take requests by decreasing size; place each in the
// smallest gap between already placed, time-overlapping buffers that fits it, else on top.
// The result is a peak well below the plain sum for chains of layers, where a value dies
// soon after the next one is born.
#pragma once

#include <cstdint>
#include <vector>

namespace onnxi {

struct BufferRequest {
  int64_t size = 0;
  int first = 0;
  int last = 0;
};

struct ArenaPlan {
  std::vector<int64_t> offsets;  // one per request, aligned
  int64_t peak = 0;              // arena bytes needed
  int64_t total = 0;             // sum of aligned request sizes (what no reuse would need)
};

ArenaPlan PlanArena(const std::vector<BufferRequest>& requests, int64_t alignment = 64);

}  // namespace onnxi
