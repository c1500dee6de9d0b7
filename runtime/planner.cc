#include "runtime/planner.h"

#include <algorithm>
#include <cstdint>
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

  // The buffers already placed, indexed by time: bucket t / kBucket lists every placed
  // buffer live at some step in it, so a request looks only at buffers near its lifetime
  // and the plan stays linear in the number of values for chains (a 200,000-node graph).
  constexpr int kBucket = 32;
  int last_step = 0;
  for (const BufferRequest& r : requests) last_step = std::max(last_step, r.last);
  std::vector<std::vector<size_t>> buckets(static_cast<size_t>(last_step) / kBucket + 1);
  std::vector<size_t> seen_by(n, SIZE_MAX);       // the request that last looked at a buffer
  std::vector<std::pair<int64_t, int64_t>> busy;  // [offset, end) of overlapping buffers
  for (size_t r : by_size) {
    if (sizes[r] == 0) continue;
    const int first = std::max(requests[r].first, 0), last = std::max(requests[r].last, first);
    busy.clear();
    for (int b = first / kBucket; b <= last / kBucket; ++b) {
      for (size_t p : buckets[b]) {
        if (seen_by[p] == r) continue;
        seen_by[p] = r;
        bool overlap =
            requests[p].first <= requests[r].last && requests[r].first <= requests[p].last;
        if (overlap) busy.emplace_back(plan.offsets[p], plan.offsets[p] + sizes[p]);
      }
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
    for (int b = first / kBucket; b <= last / kBucket; ++b) buckets[b].push_back(r);
  }
  return plan;
}

}  // namespace onnxi
