// Reference kernels for the Swish family (ONNX Swish-24, SwiGLU-28):
//
//   Swish:  y[i] = x[i] * sigmoid(alpha * x[i])
//   SwiGLU: y[i] = a[i] * sigmoid(alpha * a[i]) * b[i]     (a = gate, b = value)
//
//   x, a, b, y: n contiguous elements of the same floating type T (float, double, Float16,
//   BFloat16); no broadcasting. y may alias x, a or b exactly (in place).
//   float16/bfloat16 are computed in float and rounded once when stored; float in float,
//   double in double. sigmoid uses e^v/(1+e^v) for negative v so that e^-v never overflows;
//   for huge |alpha*x| the result is x*0 or x*1 exactly, never NaN from inf/inf.
// Accuracy: the C library's exp in the compute type; no approximations.
#pragma once

#include <cmath>
#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

// The type arithmetic happens in: float for the 16-bit floats, T otherwise.
template <class T>
struct SwishComputeType {
  using type = T;
};
template <>
struct SwishComputeType<Float16> {
  using type = float;
};
template <>
struct SwishComputeType<BFloat16> {
  using type = float;
};

template <class C>
inline C SwishSigmoid(C v) {
  if (v >= C(0)) return C(1) / (C(1) + std::exp(-v));
  const C e = std::exp(v);
  return e / (C(1) + e);
}

template <class T>
void SwishRef(const T* x, T* y, int64_t n, float alpha) {
  using C = typename SwishComputeType<T>::type;
  const C a = static_cast<C>(alpha);
  for (int64_t i = 0; i < n; ++i) {
    const C v = static_cast<C>(x[i]);
    y[i] = static_cast<T>(v * SwishSigmoid(a * v));
  }
}

template <class T>
void SwiGluRef(const T* gate, const T* value, T* y, int64_t n, float alpha) {
  using C = typename SwishComputeType<T>::type;
  const C a = static_cast<C>(alpha);
  for (int64_t i = 0; i < n; ++i) {
    const C g = static_cast<C>(gate[i]);
    y[i] = static_cast<T>(g * SwishSigmoid(a * g) * static_cast<C>(value[i]));
  }
}

}  // namespace onnxi::kernels
