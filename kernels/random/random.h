// Counter-based random numbers for the random ops (RandomUniform, RandomNormal and their
// *Like forms, Bernoulli, Multinomial).
//
// Element i of an output draws from RandomBits(key, counter), a SplitMix64 finalizer applied
// to key + (counter + 1) * golden-gamma: the value depends only on (key, counter), never on
// the order of evaluation, so a given key gives the same tensor on every run and with any
// thread count (no generator state is carried between elements).
//   uniform:  u = (bits >> 11) * 2^-53 in [0, 1);  y = low + (high - low) * u
//   normal:   Box-Muller on counters (2i, 2i + 1): y = mean + scale * sqrt(-2 ln u1) cos(2 pi u2)
//             with u1 in (0, 1]
//   bernoulli: y = u < p ? 1 : 0 (p outside [0, 1] acts as clamped; NaN gives 0)
//   multinomial: per batch row, weights w_c = exp(x_c - max x); sample s is the first class
//             whose running sum of w exceeds u * sum(w) (the last class with w > 0 on ties at
//             the end); counter = row * samples + s.
// Values are computed in double and rounded at the store. These are not numpy's streams: the
// numbers differ from other runtimes' and only their distribution is specified.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/attention/element.h"

namespace onnxi::kernels {

inline uint64_t RandomBits(uint64_t key, uint64_t counter) {
  uint64_t z = key + (counter + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [0, 1) with 53 random bits.
inline double RandomUnit(uint64_t key, uint64_t counter) {
  return static_cast<double>(RandomBits(key, counter) >> 11) * 0x1.0p-53;
}

template <class T>
void RandomUniformRef(uint64_t key, double low, double high, int64_t n, T* y) {
  for (int64_t i = 0; i < n; ++i) {
    double v = low + (high - low) * RandomUnit(key, static_cast<uint64_t>(i));
    // Rounding to a narrow type can land on `high`; keep the interval half-open.
    T t = StoreFromDouble<T>(v);
    if (LoadAsDouble(t) >= high && high > low) t = StoreFromDouble<T>(low);
    y[i] = t;
  }
}

template <class T>
void RandomNormalRef(uint64_t key, double mean, double scale, int64_t n, T* y) {
  const double two_pi = 6.283185307179586476925286766559;
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t c = 2 * static_cast<uint64_t>(i);
    const double u1 = 1.0 - RandomUnit(key, c);  // (0, 1]: log stays finite
    const double u2 = RandomUnit(key, c + 1);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
    y[i] = StoreFromDouble<T>(mean + scale * z);
  }
}

template <class TIn, class TOut>
void BernoulliRef(uint64_t key, const TIn* p, int64_t n, TOut* y) {
  for (int64_t i = 0; i < n; ++i) {
    const bool one = RandomUnit(key, static_cast<uint64_t>(i)) < LoadAsDouble(p[i]);
    y[i] = StoreFromDouble<TOut>(one ? 1.0 : 0.0);
  }
}

// x (batch, classes) unnormalized log-probabilities; y (batch, samples) class indices;
// scratch holds `classes` doubles (the running sums). A row without any positive weight
// (all -inf or NaN) has no distribution; it yields class classes - 1 for every sample.
template <class TIn, class TOut>
void MultinomialRef(uint64_t key, const TIn* x, int64_t batch, int64_t classes,
                    int64_t samples, double* scratch, TOut* y) {
  for (int64_t b = 0; b < batch; ++b) {
    const TIn* xr = x + b * classes;
    double mx = -INFINITY;
    for (int64_t c = 0; c < classes; ++c) {
      const double v = LoadAsDouble(xr[c]);
      if (v > mx) mx = v;
    }
    double total = 0;
    int64_t last_positive = classes - 1;
    for (int64_t c = 0; c < classes; ++c) {
      const double w = std::isfinite(mx) ? std::exp(LoadAsDouble(xr[c]) - mx) : 0.0;
      const double wc = w > 0 ? w : 0.0;  // NaN weights count as 0
      if (wc > 0) last_positive = c;
      total += wc;
      scratch[c] = total;
    }
    for (int64_t s = 0; s < samples; ++s) {
      const double target = RandomUnit(key, static_cast<uint64_t>(b * samples + s)) * total;
      int64_t chosen = last_positive;
      for (int64_t c = 0; c < classes; ++c) {
        if (scratch[c] > target) {
          chosen = c;
          break;
        }
      }
      y[b * samples + s] = static_cast<TOut>(chosen);
    }
  }
}

}  // namespace onnxi::kernels
