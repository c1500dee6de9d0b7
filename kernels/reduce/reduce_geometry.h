// How a reduction walks its input: the kept axes and the reduced axes of a dense row-major
// tensor, each as (dims, strides) in elements, after dropping size-1 axes and merging
// neighbouring axes of the same kind.
//
// Example: x of shape (N, C, H, W) reduced over {2, 3} becomes kept = (N*C) with stride H*W
// and reduced = (H*W) with stride 1; reduced over {0, 2} it stays 4 groups.
//
// Output element k (in row-major order of the kept axes) is the reduction of the input
// elements at offsets base(k) + sum_i r_i * reduced_strides[i], 0 <= r_i < reduced_dims[i].
// A kept axis of size 0 means no outputs; a reduced axis of size 0 means every output is a
// reduction over the empty set.
#pragma once

#include <cassert>
#include <cstdint>

namespace onnxi::kernels {

inline constexpr int kReduceMaxDims = 16;

struct ReduceGeometry {
  int num_kept = 0;
  int64_t kept_dims[kReduceMaxDims] = {};
  int64_t kept_strides[kReduceMaxDims] = {};
  int num_reduced = 0;
  int64_t reduced_dims[kReduceMaxDims] = {};
  int64_t reduced_strides[kReduceMaxDims] = {};
  int64_t kept_count = 1;     // number of outputs
  int64_t reduced_count = 1;  // elements per output
};

// Fills `g` for an input of `rank` dims where reduced[i] says whether axis i is reduced.
// Returns false when the merged view needs more than kReduceMaxDims groups of either kind
// (only possible for inputs of rank > 2 * kReduceMaxDims with alternating axes).
inline bool MakeReduceGeometry(int rank, const int64_t* dims, const bool* reduced,
                               ReduceGeometry* g) {
  *g = ReduceGeometry();
  int64_t stride = 1;
  // Walk from the innermost axis out so that strides are known; groups are built innermost
  // first and reversed at the end.
  int last_kind = -1;  // 0 kept, 1 reduced, -1 none yet
  int64_t kd[kReduceMaxDims], ks[kReduceMaxDims], rd[kReduceMaxDims], rs[kReduceMaxDims];
  int nk = 0, nr = 0;
  for (int i = rank - 1; i >= 0; --i) {
    int64_t d = dims[i];
    int kind = reduced[i] ? 1 : 0;
    if (kind == 0) {
      g->kept_count *= d;
    } else {
      g->reduced_count *= d;
    }
    if (d != 1) {
      if (kind == last_kind) {
        // Merge into the group just started (it is the next-inner axis of the same kind).
        if (kind == 0) {
          kd[nk - 1] *= d;
        } else {
          rd[nr - 1] *= d;
        }
      } else {
        if ((kind == 0 ? nk : nr) == kReduceMaxDims) return false;
        if (kind == 0) {
          kd[nk] = d;
          ks[nk++] = stride;
        } else {
          rd[nr] = d;
          rs[nr++] = stride;
        }
        last_kind = kind;
      }
    }
    stride *= d;
  }
  g->num_kept = nk;
  g->num_reduced = nr;
  for (int i = 0; i < nk; ++i) {
    g->kept_dims[i] = kd[nk - 1 - i];
    g->kept_strides[i] = ks[nk - 1 - i];
  }
  for (int i = 0; i < nr; ++i) {
    g->reduced_dims[i] = rd[nr - 1 - i];
    g->reduced_strides[i] = rs[nr - 1 - i];
  }
  return true;
}

// Calls f(offset) for base + every offset of the (dims, strides) grid, row-major order.
// n == 0 visits base once. A zero dim visits nothing.
template <class F>
inline void ForEachOffset(const int64_t* dims, const int64_t* strides, int n, int64_t base,
                          F&& f) {
  if (n == 0) {
    f(base);
    return;
  }
  int64_t outer_count = 1;
  for (int i = 0; i < n - 1; ++i) outer_count *= dims[i];
  const int64_t inner = dims[n - 1];
  const int64_t inner_stride = strides[n - 1];
  if (inner == 0 || outer_count == 0) return;
  int64_t idx[kReduceMaxDims] = {};
  int64_t off = base;
  for (int64_t o = 0; o < outer_count; ++o) {
    for (int64_t i = 0; i < inner; ++i) f(off + i * inner_stride);
    // Advance the odometer over dims[0 .. n-2].
    for (int d = n - 2; d >= 0; --d) {
      off += strides[d];
      if (++idx[d] < dims[d]) break;
      off -= strides[d] * dims[d];
      idx[d] = 0;
    }
  }
}

}  // namespace onnxi::kernels
