// SumToShapeOf's kernel: the adjoint of broadcasting. y (like's shape) receives, at each of its
// elements, the sum of the elements of g that broadcasting y to g's shape would have copied
// it to:  y[j] = sum over { i : broadcast index of i is j } of g[i].
//
// Geometry, in g's index space of `rank` dims (rank 0 = a scalar: y[0] = g[0]):
//   dims[d]      g's extent along d
//   g_strides[d] g's strides (any, usually row-major)
//   y_strides[d] y's strides read as if broadcast to g's shape (0 where y has extent 1 and g
//                does not): ops/common/shape_util.h BroadcastStrides
//   order        a permutation of 0..rank-1 listing first the `kept` dims (y_strides[d] != 0,
//                or extent 1) and then the summed dims (y_strides[d] == 0), so that every
//                element of y is written once, with its whole sum.
// Accumulates in Acc (double for the float types), rounds once at the store. g and y must not
// overlap. A summed extent of 0 writes zeros.
#pragma once

#include <cstdint>

namespace onnxi::kernels {

struct SumToShapeGeometry {
  int rank = 0;
  int kept = 0;  // how many leading entries of order are kept dims
  const int64_t* dims = nullptr;
  const int64_t* g_strides = nullptr;
  const int64_t* y_strides = nullptr;
  const int* order = nullptr;
};

namespace detail {

template <class T, class Acc>
Acc SumLevels(const SumToShapeGeometry& geo, int level, const T* g) {
  if (level == geo.rank) return static_cast<Acc>(*g);
  const int d = geo.order[level];
  Acc sum = 0;
  for (int64_t i = 0; i < geo.dims[d]; ++i) {
    sum += SumLevels<T, Acc>(geo, level + 1, g + i * geo.g_strides[d]);
  }
  return sum;
}

template <class T, class Acc>
void KeptLevels(const SumToShapeGeometry& geo, int level, const T* g, T* y) {
  if (level == geo.kept) {
    *y = static_cast<T>(SumLevels<T, Acc>(geo, level, g));
    return;
  }
  const int d = geo.order[level];
  for (int64_t i = 0; i < geo.dims[d]; ++i) {
    KeptLevels<T, Acc>(geo, level + 1, g + i * geo.g_strides[d], y + i * geo.y_strides[d]);
  }
}

}  // namespace detail

template <class T, class Acc>
void SumToShapeRef(const SumToShapeGeometry& geo, const T* g, T* y) {
  detail::KeptLevels<T, Acc>(geo, 0, g, y);
}

}  // namespace onnxi::kernels
