// Scatter family kernels (ONNX ScatterElements / Scatter-9, ScatterND, TensorScatter).
//
// All of them write into `out`, which the caller has already filled with a copy of `data`
// (kernels::CopyElements). T is the element type (numeric, bool, Float16/BFloat16 or
// std::string; strings only with ScatterReduction::kNone). I is int32_t or int64_t.
// Indices may be negative (counted from the end of their axis). The Find* functions report
// the first index out of range; the caller checks before scattering, so the scatter loops
// never write outside `out`. Duplicate indices are applied in order of their position in
// `indices` (later ones win for kNone), as the ONNX reference does.
#pragma once

#include <cstdint>

#include "kernels/indexing/arith.h"

namespace onnxi::kernels {

template <class T>
void CopyElements(const T* src, int64_t n, T* dst) {
  if (src == dst) return;
  for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
}

// Position of the first index outside [-dim, dim), or -1.
template <class I>
int64_t FindOutOfRange(const I* indices, int64_t n, int64_t dim) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t v = static_cast<int64_t>(indices[i]);
    if (v < -dim || v >= dim) return i;
  }
  return -1;
}

// Position of the first value outside [lo, hi], or -1 (TensorScatter's write_indices).
inline int64_t FindOutsideClosed(const int64_t* values, int64_t n, int64_t lo, int64_t hi) {
  for (int64_t i = 0; i < n; ++i) {
    if (values[i] < lo || values[i] > hi) return i;
  }
  return -1;
}

// ScatterElements: indices and updates share `shape` (rank dims, dense). For every position
// p of indices: out[p with p_axis := idx(p)] = Combine(r, that value, updates[p]),
// where out_strides are out's row-major strides and idx(p) = indices[p] (+ axis_dim if < 0).
template <class T, class I>
void ScatterElementsRef(T* out, const int64_t* out_strides, const I* indices, const T* updates,
                        const int64_t* shape, int rank, int axis, int64_t axis_dim,
                        ScatterReduction r) {
  int64_t total = 1;
  for (int d = 0; d < rank; ++d) total *= shape[d];
  if (total <= 0) return;
  constexpr int kMaxRank = 64;
  int64_t pos[kMaxRank] = {};
  int64_t base = 0;  // sum over d != axis of pos[d] * out_strides[d]
  for (int64_t e = 0; e < total; ++e) {
    int64_t k = static_cast<int64_t>(indices[e]);
    if (k < 0) k += axis_dim;
    T& dst = out[base + k * out_strides[axis]];
    dst = Combine(r, dst, updates[e]);
    for (int d = rank - 1; d >= 0; --d) {  // odometer step over `shape`
      ++pos[d];
      if (d != axis) base += out_strides[d];
      if (pos[d] < shape[d]) break;
      if (d != axis) base -= pos[d] * out_strides[d];
      pos[d] = 0;
    }
  }
}

// ScatterND. indices is (n_tuples, depth); tuple t addresses the slice of out starting at
// sum_c idx(t, c) * index_strides[c] with slice_size elements; updates is (n_tuples,
// slice_size). idx(t, c) is taken modulo-free: negative values add index_dims[c].
// Returns -1, or the flat position in `indices` of the first value outside
// [-index_dims[c], index_dims[c]) (nothing is written from that tuple on).
template <class T, class I>
int64_t ScatterNDRef(T* out, const I* indices, int64_t n_tuples, int depth,
                     const int64_t* index_dims, const int64_t* index_strides, const T* updates,
                     int64_t slice_size, ScatterReduction r) {
  for (int64_t t = 0; t < n_tuples; ++t) {
    int64_t offset = 0;
    for (int c = 0; c < depth; ++c) {
      int64_t v = static_cast<int64_t>(indices[t * depth + c]);
      if (v < -index_dims[c] || v >= index_dims[c]) return t * depth + c;
      if (v < 0) v += index_dims[c];
      offset += v * index_strides[c];
    }
    T* dst = out + offset;
    const T* src = updates + t * slice_size;
    for (int64_t i = 0; i < slice_size; ++i) dst[i] = Combine(r, dst[i], src[i]);
  }
  return -1;
}

// TensorScatter (KV-cache update). out (= a copy of past_cache) is viewed as
// (outer, max_seq, inner) around the sequence axis and update as (outer, seq, inner); the
// batch of prefix o is o / per_batch (per_batch = product of the dims between batch and
// axis). Row s of update goes to row w = write_indices[batch] + s of out, taken modulo
// max_seq when circular. The caller checked every w is in [0, max_seq) (linear mode).
template <class T>
void TensorScatterRef(T* out, const T* update, const int64_t* write_indices, int64_t outer,
                      int64_t per_batch, int64_t max_seq, int64_t seq, int64_t inner,
                      bool circular) {
  for (int64_t o = 0; o < outer; ++o) {
    const int64_t start = write_indices ? write_indices[o / per_batch] : 0;
    for (int64_t s = 0; s < seq; ++s) {
      int64_t w = start + s;
      if (circular) w = ((w % max_seq) + max_seq) % max_seq;
      CopyElements(update + (o * seq + s) * inner, inner, out + (o * max_seq + w) * inner);
    }
  }
}

}  // namespace onnxi::kernels
