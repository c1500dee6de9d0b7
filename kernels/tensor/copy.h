// Data movement kernels: dense copy, fill, strided copy (Transpose, Slice, Expand, Tile,
// Concat, Split, DepthToSpace, SpaceToDepth) and index-map copy (Pad).
//
// T is the storage type of one element. Ops pass uint8_t/uint16_t/uint32_t/uint64_t (or a
// 16-byte struct) chosen by element size, so every element type of that size shares one
// instantiation; string tensors pass std::string (not trivially copyable).
//
// Strides and offsets are in elements, not bytes. A stride may be 0 (broadcast) or
// negative (reverse). Source and destination must not overlap, except CopyRef's src == dst.
// No allocation, no error reporting: callers validate shapes and indices beforehand.
#pragma once

#include <cassert>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace onnxi::kernels {

// dst[i] = src[i] for i in [0, n).
template <class T>
void CopyRef(const T* src, T* dst, int64_t n) {
  if (src == dst || n <= 0) return;
  if constexpr (std::is_trivially_copyable_v<T>) {
    std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(T));
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

// dst[i] = value for i in [0, n).
template <class T>
void FillRef(T* dst, int64_t n, const T& value) {
  for (int64_t i = 0; i < n; ++i) dst[i] = value;
}

// For every index (i_0, ..., i_{rank-1}) in `shape`:
//   dst[sum_d i_d * dst_strides[d]] = src[sum_d i_d * src_strides[d]]
// rank 0 copies one element. Nothing is copied when any dim is 0. The pointers are the
// element (0, ..., 0) of each side; negative strides walk backwards from there.
template <class T>
void StridedCopyRef(const T* src, const int64_t* src_strides, T* dst, const int64_t* dst_strides,
                    const int64_t* shape, int rank) {
  for (int d = 0; d < rank; ++d) {
    if (shape[d] <= 0) return;
  }
  if (rank == 0) {
    dst[0] = src[0];
    return;
  }
  constexpr int kMaxRank = 64;
  assert(rank <= kMaxRank);
  int64_t index[kMaxRank] = {};
  const int last = rank - 1;
  const int64_t n_inner = shape[last];
  const int64_t s_inner = src_strides[last];
  const int64_t d_inner = dst_strides[last];
  int64_t src_off = 0;
  int64_t dst_off = 0;
  while (true) {
    // The innermost dimension as one run.
    const T* s = src + src_off;
    T* o = dst + dst_off;
    if (s_inner == 1 && d_inner == 1) {
      CopyRef(s, o, n_inner);
    } else {
      for (int64_t i = 0; i < n_inner; ++i) o[i * d_inner] = s[i * s_inner];
    }
    // Odometer over the outer dimensions, keeping the offsets in step.
    int d = last - 1;
    for (; d >= 0; --d) {
      ++index[d];
      src_off += src_strides[d];
      dst_off += dst_strides[d];
      if (index[d] < shape[d]) break;
      src_off -= index[d] * src_strides[d];
      dst_off -= index[d] * dst_strides[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

// Pad by index maps. The output is dense row-major with dims `out_shape`. For axis d,
// maps[d][j] (j in [0, out_shape[d])) is the input index along d that output index j reads,
// or -1 meaning "outside the input": the element is then `pad_value`.
//   dst[j_0, ..., j_{r-1}] = any maps[d][j_d] < 0 ? pad_value
//                                                : src[sum_d maps[d][j_d] * src_strides[d]]
template <class T>
void IndexMapCopyRef(const T* src, const int64_t* src_strides, const int64_t* const* maps,
                     const int64_t* out_shape, int rank, const T& pad_value, T* dst) {
  int64_t total = 1;
  for (int d = 0; d < rank; ++d) total *= out_shape[d];
  if (total <= 0) return;
  constexpr int kMaxRank = 64;
  assert(rank <= kMaxRank);
  int64_t index[kMaxRank] = {};
  for (int64_t o = 0; o < total; ++o) {
    int64_t off = 0;
    bool inside = true;
    for (int d = 0; d < rank; ++d) {
      int64_t m = maps[d][index[d]];
      if (m < 0) {
        inside = false;
        break;
      }
      off += m * src_strides[d];
    }
    dst[o] = inside ? src[off] : pad_value;
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < out_shape[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace onnxi::kernels
