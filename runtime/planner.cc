#include "runtime/planner.h"

#include <algorithm>
#include <numeric>

namespace onnxi {

ArenaPlan PlanArena(const std::vector<BufferRequest>& requests, int64_t alignment) {
  const size_t n = requests.size();
  ArenaPlan plan;
  plan.offsets.assign(n, 0);
  std::vector<int64_t> sizes(n);
  for (size_t i = 0; i < n; ++i) {
    sizes[i] = (requests[i].size + alignment - 1) / alignment * alignment;
    plan.total += sizes[i];
  }
  std::vector<size_t> by_size(n);
  std::iota(by_size.begin(), by_size.end(), 0);
  std::stable_sort(by_size.begin(), by_size.end(), [&](size_t a, size_t b) {
    if (sizes[a] != sizes[b]) return sizes[a] > sizes[b];
    return requests[a].first < requests[b].first;
  });

  std::vector<size_t> placed;
  std::vector<std::pair<int64_t, int64_t>> busy;  // [offset, end) of overlapping buffers
  for (size_t r : by_size) {
    if (sizes[r] == 0) continue;
    busy.clear();
    for (size_t p : placed) {
      bool overlap = requests[p].first <= requests[r].last && requests[r].first <= requests[p].last;
      if (overlap) busy.emplace_back(plan.offsets[p], plan.offsets[p] + sizes[p]);
    }
    std::sort(busy.begin(), busy.end());
    // Scan the gaps between busy ranges; keep the smallest that fits.
    int64_t best = -1;
    int64_t best_gap = 0;
    int64_t cursor = 0;
    for (const auto& [begin, end] : busy) {
      int64_t gap = begin - cursor;
      if (gap >= sizes[r] && (best < 0 || gap < best_gap)) {
        best = cursor;
        best_gap = gap;
      }
      cursor = std::max(cursor, end);
    }
    plan.offsets[r] = best >= 0 ? best : cursor;
    plan.peak = std::max(plan.peak, plan.offsets[r] + sizes[r]);
    placed.push_back(r);
  }
  return plan;
}

}  // namespace onnxi
