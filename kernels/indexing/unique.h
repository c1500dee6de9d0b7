// Unique kernel (ONNX Unique-11): distinct slices of x along an axis.
//
// x is viewed as (outer, n, inner): slice j is the outer*inner elements x[o, j, i], compared
// lexicographically in (o, i) order (numpy.unique with axis; without an axis the caller
// passes outer = inner = 1, n = number of elements). Equal means every element compares
// equal (-0.0 == 0.0; NaNs order last and group together, like numpy's equal_nan).
//
// UniqueGroupsRef fills, for the u distinct slices it returns:
//   first[g]   index in x of the first occurrence of distinct slice g
//   counts[g]  how many slices equal it
//   inverse[j] which g slice j equals
// with g ordered by value (sorted) or by first occurrence (not sorted).
// Scratch (caller-owned, n int64 each): perm, rank. first/counts need room for n entries.
// UniqueGatherRef then copies the distinct slices into y (outer, u, inner).
#pragma once

#include <algorithm>
#include <cstdint>

#include "kernels/indexing/topk.h"

namespace onnxi::kernels {

// -1, 0, 1 comparison of slices a and b.
template <class T>
int CompareSlices(const T* x, int64_t outer, int64_t n, int64_t inner, int64_t a, int64_t b) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* base = x + o * n * inner;
    for (int64_t i = 0; i < inner; ++i) {
      const T va = base[a * inner + i], vb = base[b * inner + i];
      if (SortLess(va, vb)) return -1;
      if (SortLess(vb, va)) return 1;
    }
  }
  return 0;
}

template <class T>
int64_t UniqueGroupsRef(const T* x, int64_t outer, int64_t n, int64_t inner, bool sorted,
                        int64_t* first, int64_t* counts, int64_t* inverse, int64_t* perm,
                        int64_t* rank) {
  for (int64_t j = 0; j < n; ++j) perm[j] = j;
  std::stable_sort(perm, perm + n, [&](int64_t a, int64_t b) {
    return CompareSlices(x, outer, n, inner, a, b) < 0;
  });
  // Groups in sorted order; stability makes perm[start of group] the first occurrence.
  int64_t u = 0;
  for (int64_t k = 0; k < n; ++k) {
    if (k == 0 || CompareSlices(x, outer, n, inner, perm[k - 1], perm[k]) != 0) {
      first[u] = perm[k];
      counts[u] = 0;
      ++u;
    }
    ++counts[u - 1];
    inverse[perm[k]] = u - 1;
  }
  if (!sorted) {
    // Renumber the groups by first occurrence: rank[old] = new.
    for (int64_t g = 0; g < u; ++g) perm[g] = g;
    std::sort(perm, perm + u, [&](int64_t a, int64_t b) { return first[a] < first[b]; });
    for (int64_t g = 0; g < u; ++g) rank[perm[g]] = g;
    // Permute first and counts through the scratch (perm is free again after this copy).
    for (int64_t g = 0; g < u; ++g) perm[rank[g]] = first[g];
    for (int64_t g = 0; g < u; ++g) first[g] = perm[g];
    for (int64_t g = 0; g < u; ++g) perm[rank[g]] = counts[g];
    for (int64_t g = 0; g < u; ++g) counts[g] = perm[g];
    for (int64_t j = 0; j < n; ++j) inverse[j] = rank[inverse[j]];
  }
  return u;
}

// y[o, g, i] = x[o, first[g], i] for g < u.
template <class T>
void UniqueGatherRef(const T* x, int64_t outer, int64_t n, int64_t inner, const int64_t* first,
                     int64_t u, T* y) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t g = 0; g < u; ++g) {
      const T* src = x + (o * n + first[g]) * inner;
      T* dst = y + (o * u + g) * inner;
      for (int64_t i = 0; i < inner; ++i) dst[i] = src[i];
    }
  }
}

}  // namespace onnxi::kernels
