// SIMD float32 reductions (the float fast paths of ReduceSum/Mean/Max/Min/Prod/L1/L2/LogSum/
// LogSumExp/SumSquare, same formulas and empty-set values as reduce.h's ReduceRef).
//
//   rows: x viewed as (rows, n), row-major, contiguous; y[r] = reduce(x[r, 0..n)) for r in
//         [row_begin, row_end). Covers reducing the innermost axes, and reduce-all (one row).
//   cols: x viewed as (n, inner), row-major (one outer slice of (outer, n, inner));
//         y[i] = reduce_j x[j, i] for i in [col_begin, col_end). Covers reducing outer axes
//         above contiguous kept rows (e.g. (N, C, H, W) over C).
//
// Rows sum in float in 4 vector accumulators (4 * width lanes), combined in a fixed order
// ((a0 + a1) + (a2 + a3), then lanes 0, 1, 2, ...): the order depends only on n and the Isa,
// never on the row split. Cols accumulate each column sequentially over j in float (the
// reference order, in float instead of double). Accuracy vs the double-accumulating twin:
// relative error ~ n * 2^-24 / (lanes) for sums of like-signed values; cancellation can lose
// more (as any float sum does). Max/Min propagate NaN like the twin. Finishing steps (mean
// divide, sqrt, log) are scalar std:: calls on the float accumulator; LogSumExp uses
// vmath_impl.h's Exp (1 ulp) around the float max.
// Tails (n or inner mod width) go through a small stack buffer: nothing outside the views is
// read or written. x and y must not overlap. No allocation; single-threaded (callers split
// rows / columns into fixed blocks).
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/cpu/isa.h"
#include "kernels/reduce/reduce.h"

namespace onnxi::kernels {

struct VReduceKernels {
  void (*rows)(ReduceKind kind, const float* x, float* y, int64_t row_begin, int64_t row_end,
               int64_t n);
  void (*cols)(ReduceKind kind, const float* x, float* y, int64_t n, int64_t inner,
               int64_t col_begin, int64_t col_end);
};

// nullptr for kReference (use ReduceRef).
const VReduceKernels* GetVReduce(Isa isa);

// The scalar last step of a sum-like / max-like accumulator `acc` over n elements (not for
// LogSumExp, which the kernels finish themselves).
inline float ReduceFinishF32(ReduceKind kind, float acc, int64_t n) {
  switch (kind) {
    case ReduceKind::kMean: return acc / static_cast<float>(n);  // 0 / 0 = NaN for n == 0
    case ReduceKind::kL2: return std::sqrt(acc);
    case ReduceKind::kLogSum: return std::log(acc);
    default: return acc;
  }
}

// How a reduce-all splits into fixed chunks: the kind each chunk's partial is computed with,
// and the kind that combines the partials before ReduceFinishF32. Returns false for kinds
// that do not split this way (LogSumExp).
inline bool ReducePartialKinds(ReduceKind kind, ReduceKind* partial, ReduceKind* combine) {
  switch (kind) {
    case ReduceKind::kSum:
    case ReduceKind::kMean:
    case ReduceKind::kLogSum: *partial = ReduceKind::kSum; *combine = ReduceKind::kSum; return true;
    case ReduceKind::kL1: *partial = ReduceKind::kL1; *combine = ReduceKind::kSum; return true;
    case ReduceKind::kL2:
    case ReduceKind::kSumSquare:
      *partial = ReduceKind::kSumSquare;
      *combine = ReduceKind::kSum;
      return true;
    case ReduceKind::kMax:
    case ReduceKind::kMin:
    case ReduceKind::kProd: *partial = kind; *combine = kind; return true;
    case ReduceKind::kLogSumExp: return false;
  }
  return false;
}

namespace vreduce {
extern const VReduceKernels kGeneric;
extern const VReduceKernels kAvx2;
extern const VReduceKernels kAvx512;
}  // namespace vreduce

}  // namespace onnxi::kernels
