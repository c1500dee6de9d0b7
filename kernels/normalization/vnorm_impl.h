// The row loops of vnorm.h as `template <class A>` over xsimd batches, instantiated by
// vnorm_{generic,avx2,avx512}.cc. Contract: vnorm.h. A row's tail (n mod width) is loaded
// into a padded buffer; padding lanes hold a neutral value (-inf for the max, 0 for sums).
#pragma once

#include <xsimd/xsimd.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/elementwise/vmath_impl.h"
#include "kernels/normalization/vnorm.h"

namespace onnxi::kernels::vnorm {

template <class A>
using Bf = xsimd::batch<float, A>;

// The last partial batch of a row: count (< width) floats, the rest `fill`.
template <class A>
inline Bf<A> LoadTail(const float* p, int64_t count, float fill) {
  alignas(64) float buf[Bf<A>::size];
  for (size_t i = 0; i < Bf<A>::size; ++i) buf[i] = fill;
  std::memcpy(buf, p, sizeof(float) * count);
  return Bf<A>::load_aligned(buf);
}
template <class A>
inline void StoreTail(const Bf<A>& v, float* p, int64_t count) {
  alignas(64) float buf[Bf<A>::size];
  v.store_aligned(buf);
  std::memcpy(p, buf, sizeof(float) * count);
}

// Horizontal sum / max in lane order 0, 1, 2, ... (a fixed order for each Isa).
template <class A>
inline float HSum(const Bf<A>& v) {
  alignas(64) float buf[Bf<A>::size];
  v.store_aligned(buf);
  float s = 0;
  for (size_t i = 0; i < Bf<A>::size; ++i) s += buf[i];
  return s;
}
template <class A>
inline float HMax(const Bf<A>& v) {
  alignas(64) float buf[Bf<A>::size];
  v.store_aligned(buf);
  float m = buf[0];
  for (size_t i = 1; i < Bf<A>::size; ++i) m = buf[i] > m ? buf[i] : m;
  return m;
}

// Calls f(batch, offset, count) over a row: full batches, then the tail (count < width) filled.
template <class A, class F>
inline void ForRow(const float* x, int64_t n, float fill, F f) {
  constexpr int64_t kW = Bf<A>::size;
  int64_t j = 0;
  for (; j + kW <= n; j += kW) f(Bf<A>::load_unaligned(x + j), j, kW);
  if (j < n) f(LoadTail<A>(x + j, n - j, fill), j, n - j);
}

template <class A>
inline void Store(const Bf<A>& v, float* p, int64_t count) {
  if (count == static_cast<int64_t>(Bf<A>::size)) {
    v.store_unaligned(p);
  } else {
    StoreTail<A>(v, p, count);
  }
}

template <class A>
void SoftmaxRows(const float* x, float* y, int64_t row_begin, int64_t row_end, int64_t n,
                 bool log) {
  using B = Bf<A>;
  for (int64_t r = row_begin; r < row_end; ++r) {
    const float* xr = x + r * n;
    float* yr = y + r * n;
    if (n == 0) continue;
    B vmax(-INFINITY);
    ForRow<A>(xr, n, -INFINITY, [&](const B& v, int64_t, int64_t) { vmax = xsimd::max(vmax, v); });
    const B m(HMax<A>(vmax));
    B acc(0.0f);
    // Pass 2: e = exp(x - m), summed; softmax keeps e in y for pass 3.
    ForRow<A>(xr, n, -INFINITY, [&](const B& v, int64_t j, int64_t count) {
      const B e = vmath::Exp<A>(v - m);
      acc += e;
      if (!log) Store<A>(e, yr + j, count);
    });
    const float sum = HSum<A>(acc);
    if (log) {
      // (x - m) - ln(sum): rounds x - m first, as the twin's order does.
      const B ls = vmath::Log<A>(B(sum));
      ForRow<A>(xr, n, 0.0f, [&](const B& v, int64_t j, int64_t count) {
        Store<A>((v - m) - ls, yr + j, count);
      });
    } else {
      const B inv(1.0f / sum);
      ForRow<A>(yr, n, 0.0f, [&](const B& v, int64_t j, int64_t count) {
        Store<A>(v * inv, yr + j, count);
      });
    }
  }
}

template <class A>
void LayerNormRows(const float* x, const float* scale, const float* bias, float* y,
                   float* mean_out, float* inv_std_out, int64_t row_begin, int64_t row_end,
                   int64_t n, float epsilon, bool rms) {
  using B = Bf<A>;
  constexpr int64_t kW = B::size;
  const float count = static_cast<float>(n);
  for (int64_t r = row_begin; r < row_end; ++r) {
    const float* xr = x + r * n;
    float* yr = y + r * n;
    float mean = 0;
    if (!rms) {
      B acc(0.0f);
      ForRow<A>(xr, n, 0.0f, [&](const B& v, int64_t, int64_t) { acc += v; });
      mean = HSum<A>(acc) / count;
    }
    // Two passes (sum of squared deviations from the mean): no cancellation.
    const B vm(mean);
    B q(0.0f);
    ForRow<A>(xr, n, mean, [&](const B& v, int64_t, int64_t) {
      const B d = v - vm;
      q = vmath::Fma<A>::Do(d, d, q);
    });
    const float inv_std = 1.0f / std::sqrt(HSum<A>(q) / count + epsilon);
    const B vi(inv_std);
    int64_t j = 0;
    for (; j + kW <= n; j += kW) {
      const B d = (B::load_unaligned(xr + j) - vm) * vi;
      const B s = B::load_unaligned(scale + j);
      const B out = bias != nullptr ? vmath::Fma<A>::Do(d, s, B::load_unaligned(bias + j)) : d * s;
      out.store_unaligned(yr + j);
    }
    if (j < n) {
      const int64_t c = n - j;
      const B d = (LoadTail<A>(xr + j, c, 0.0f) - vm) * vi;
      const B s = LoadTail<A>(scale + j, c, 0.0f);
      const B out = bias != nullptr ? vmath::Fma<A>::Do(d, s, LoadTail<A>(bias + j, c, 0.0f))
                                    : d * s;
      StoreTail<A>(out, yr + j, c);
    }
    if (mean_out != nullptr) mean_out[r] = n == 0 ? NAN : mean;
    if (inv_std_out != nullptr) inv_std_out[r] = n == 0 ? NAN : inv_std;
  }
}

template <class A>
constexpr VNormKernels MakeKernels() {
  return VNormKernels{SoftmaxRows<A>, LayerNormRows<A>};
}

}  // namespace onnxi::kernels::vnorm
