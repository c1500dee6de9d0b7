// Gather family kernels (ONNX Gather, GatherElements, GatherND).
//
// T is the storage type of one element (chosen by element size; std::string for strings).
// I is the index type (int32_t or int64_t). Indices may be negative (counted from the end of
// their axis); callers check ranges first with FindIndexOutOfRange, or read GatherNDRef's
// return value, so the copying loops never read outside `src`.
#pragma once

#include <cstdint>

#include "kernels/tensor/copy.h"

namespace onnxi::kernels {

// Position of the first index outside [-dim, dim), or -1 when all are in range.
template <class I>
int64_t FindIndexOutOfRange(const I* indices, int64_t n, int64_t dim) {
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = static_cast<int64_t>(indices[i]);
    if (v < -dim || v >= dim) return i;
  }
  return -1;
}

// Gather along one axis. src is (outer, axis_dim, inner); dst is (outer, n_indices, inner):
//   dst[o, j, i] = src[o, idx_j, i], idx_j = indices[j] (+ axis_dim when negative).
template <class T, class I>
void GatherRef(const T* src, int64_t outer, int64_t axis_dim, int64_t inner, const I* indices,
               int64_t n_indices, T* dst) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* block = src + o * axis_dim * inner;
    for (int64_t j = 0; j < n_indices; ++j) {
      int64_t k = static_cast<int64_t>(indices[j]);
      if (k < 0) k += axis_dim;
      CopyRef(block + k * inner, dst, inner);
      dst += inner;
    }
  }
}

// GatherElements: dst has the shape of indices (`shape`, rank dims, dense). For every
// output position p = (p_0, ..., p_{r-1}):
//   dst[p] = src[sum_{d != axis} p_d * src_strides[d] + idx(p) * src_strides[axis]]
// where idx(p) = indices[p] (+ axis_dim when negative).
template <class T, class I>
void GatherElementsRef(const T* src, const int64_t* src_strides, const I* indices,
                       const int64_t* shape, int rank, int axis, int64_t axis_dim, T* dst) {
  int64_t total = 1;
  for (int d = 0; d < rank; ++d) total *= shape[d];
  if (total <= 0) return;
  constexpr int kMaxRank = 64;
  int64_t index[kMaxRank] = {};
  int64_t base = 0;  // sum over d != axis of p_d * src_strides[d]
  for (int64_t o = 0; o < total; ++o) {
    int64_t k = static_cast<int64_t>(indices[o]);
    if (k < 0) k += axis_dim;
    dst[o] = src[base + k * src_strides[axis]];
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      if (d != axis) base += src_strides[d];
      if (index[d] < shape[d]) break;
      if (d != axis) base -= index[d] * src_strides[d];
      index[d] = 0;
    }
  }
}

// GatherND with batch dims. Layout:
//   src      (batch, src_batch_size) where the first `depth` dims after the batch dims are
//            indexed: their sizes are index_dims[0..depth) and strides index_strides[..)
//            (in elements, within one batch), and each gathered slice has slice_size elements.
//   indices  (batch, n_tuples, depth)
//   dst      (batch, n_tuples, slice_size)
// Returns -1, or the flat position in `indices` of the first index outside
// [-index_dims[c], index_dims[c]) (the copy stops there).
template <class T, class I>
int64_t GatherNDRef(const T* src, int64_t batch, int64_t src_batch_size, const I* indices,
                    int64_t n_tuples, int depth, const int64_t* index_dims,
                    const int64_t* index_strides, int64_t slice_size, T* dst) {
  for (int64_t b = 0; b < batch; ++b) {
    const T* src_b = src + b * src_batch_size;
    for (int64_t t = 0; t < n_tuples; ++t) {
      const I* tuple = indices + (b * n_tuples + t) * depth;
      int64_t off = 0;
      for (int c = 0; c < depth; ++c) {
        int64_t k = static_cast<int64_t>(tuple[c]);
        if (k < -index_dims[c] || k >= index_dims[c]) {
          return (b * n_tuples + t) * depth + c;
        }
        if (k < 0) k += index_dims[c];
        off += k * index_strides[c];
      }
      CopyRef(src_b + off, dst, slice_size);
      dst += slice_size;
    }
  }
  return -1;
}

}  // namespace onnxi::kernels
