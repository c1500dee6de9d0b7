// Splitting a kernel's work over the threads of the session's tbb::task_arena.
//
// The session runs every op inside its own task_arena sized by Options::threads, so a kernel
// only says how its work splits; TBB finds the threads. The split is by a fixed block size
// that never depends on the thread count, and each output element must be written by exactly
// one block with the same arithmetic whichever thread runs it: that is what makes the bits of
// every output identical for 1 or N threads. Reductions across blocks are not allowed here;
// a kernel that needs one writes per-block partial results and combines them in block order.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>

namespace onnxi::kernels {

// While a SerialScope lives on a thread, ParallelFor calls made on that thread run their
// blocks in order on it. For work that is already split into tasks and calls other kernels
// inside each one (ops/nn/inverted_bottleneck.cc runs three kernels per band of rows), so
// that the inner kernels' data stays in that thread's cache. The blocks, and so the bits of
// the results, are the same either way.
class SerialScope {
 public:
  SerialScope() { ++Depth(); }
  ~SerialScope() { --Depth(); }
  SerialScope(const SerialScope&) = delete;
  SerialScope& operator=(const SerialScope&) = delete;
  static bool Active() { return Depth() > 0; }

 private:
  static int& Depth() {
    static thread_local int depth = 0;
    return depth;
  }
};

// Calls fn(begin, end) for the blocks [0, grain), [grain, 2 * grain), ... of [0, n), possibly
// concurrently. With one thread (or one block, or inside a SerialScope) it is a plain loop
// on the calling thread.
template <class F>
void ParallelFor(int64_t n, int64_t grain, F&& fn) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  const int64_t blocks = (n + grain - 1) / grain;
  if (blocks == 1 || SerialScope::Active() || tbb::this_task_arena::max_concurrency() == 1) {
    for (int64_t b = 0; b < blocks; ++b) fn(b * grain, std::min(n, (b + 1) * grain));
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<int64_t>(0, blocks, 1),
      [&](const tbb::blocked_range<int64_t>& r) {
        for (int64_t b = r.begin(); b != r.end(); ++b) fn(b * grain, std::min(n, (b + 1) * grain));
      },
      tbb::simple_partitioner());
}

// The number of threads of the calling arena (outside any arena: the machine's cores).
inline int NumThreads() { return tbb::this_task_arena::max_concurrency(); }

// A block size for n items of `cost` work units each (roughly scalar operations) so that
// one block is worth scheduling: at least `min_work` units, the same for every thread count.
inline int64_t GrainFor(int64_t cost_per_item, int64_t min_work = 1 << 14) {
  return std::max<int64_t>(1, min_work / std::max<int64_t>(cost_per_item, 1));
}

}  // namespace onnxi::kernels
