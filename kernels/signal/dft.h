// Reference discrete Fourier transforms (O(n^2), any length), accumulated in double.
//
// DftRef: x is viewed as (outer, in_len, inner, in_comp) with in_comp = 1 (real) or 2
// (real, imag); y as (outer, out_len, inner, out_comp). With n = dft_length:
//   forward:  Y[k] = sum_{t < min(in_len, n)} X[t] e^{-2 pi i k t / n},  k < out_len
//   inverse:  Y[t] = 1/n sum_{k < min(in_len, n)} X[k] e^{+2 pi i k t / n}
//   hermitian (inverse of a one-sided spectrum, numpy's irfft): the first n/2 + 1 bins of
//             X (zero beyond in_len) are extended by X[n - k] = conj(X[k]); the real part of
//             the inverse is written (out_comp = 1, out_len = n).
// out_len = n, or n/2 + 1 for one-sided forward output (the reference slices the full
// spectrum the same way). Angles use (k * t) mod n so that long transforms stay accurate.
//
// StftRef: signal (batch, signal_len, in_comp), window (frame_len) or nullptr for ones,
// y (batch, frames, out_bins, 2): frame f is signal[f * step, f * step + frame_len) times
// the window, transformed with n = frame_len. The caller checks every frame fits.
//
// x and y must not alias. No allocation.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/signal/signal_cast.h"

namespace onnxi::kernels {

struct DftParams {
  int64_t outer = 1;
  int64_t inner = 1;
  int64_t in_len = 1;
  int64_t in_comp = 1;
  int64_t dft_length = 1;
  int64_t out_len = 1;
  int64_t out_comp = 2;
  bool inverse = false;
  bool hermitian = false;  // irfft: one-sided complex in, real out
};

inline double DftAngle(int64_t k, int64_t t, int64_t n) {
  constexpr double kTwoPi = 6.283185307179586476925286766559;
  // k, t < n; their product fits in int64 for any n below 3e9.
  return kTwoPi * static_cast<double>((k * t) % n) / static_cast<double>(n);
}

template <class T>
void DftRef(const T* x, T* y, const DftParams& p) {
  const int64_t n = p.dft_length;
  const int64_t used = p.in_len < n ? p.in_len : n;
  const double sign = p.inverse ? 1.0 : -1.0;
  const double scale = p.inverse ? 1.0 / static_cast<double>(n) : 1.0;
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int64_t i = 0; i < p.inner; ++i) {
      // Element t of this line (real, imag) lives at x[((o * in_len + t) * inner + i) * in_comp].
      auto at = [&](int64_t t, double* re, double* im) {
        const T* e = x + ((o * p.in_len + t) * p.inner + i) * p.in_comp;
        *re = SignalToDouble(e[0]);
        *im = p.in_comp == 2 ? SignalToDouble(e[1]) : 0.0;
      };
      for (int64_t k = 0; k < p.out_len; ++k) {
        double sr = 0, si = 0;
        if (p.hermitian) {
          const int64_t half = n / 2 + 1;
          const int64_t avail = p.in_len < half ? p.in_len : half;
          for (int64_t j = 0; j < n; ++j) {
            double re = 0, im = 0;
            if (j < avail) {
              at(j, &re, &im);
            } else if (n - j < avail) {
              at(n - j, &re, &im);
              im = -im;
            }
            const double a = DftAngle(j, k, n);
            sr += re * std::cos(a) - im * std::sin(a);
          }
        } else {
          for (int64_t t = 0; t < used; ++t) {
            double re, im;
            at(t, &re, &im);
            const double a = sign * DftAngle(k, t, n);
            const double c = std::cos(a), s = std::sin(a);
            sr += re * c - im * s;
            si += re * s + im * c;
          }
        }
        T* out = y + ((o * p.out_len + k) * p.inner + i) * p.out_comp;
        out[0] = SignalFromDouble<T>(sr * scale);
        if (p.out_comp == 2) out[1] = SignalFromDouble<T>(si * scale);
      }
    }
  }
}

struct StftParams {
  int64_t batch = 1;
  int64_t signal_len = 0;
  int64_t in_comp = 1;
  int64_t frames = 0;
  int64_t step = 1;
  int64_t frame_len = 1;
  int64_t out_bins = 1;
};

template <class T>
void StftRef(const T* signal, const T* window, T* y, const StftParams& p) {
  const int64_t n = p.frame_len;
  for (int64_t b = 0; b < p.batch; ++b) {
    const T* s = signal + b * p.signal_len * p.in_comp;
    for (int64_t f = 0; f < p.frames; ++f) {
      const int64_t start = f * p.step;
      for (int64_t k = 0; k < p.out_bins; ++k) {
        double sr = 0, si = 0;
        for (int64_t t = 0; t < n; ++t) {
          const double w = window != nullptr ? SignalToDouble(window[t]) : 1.0;
          const double re = SignalToDouble(s[(start + t) * p.in_comp]) * w;
          const double im = p.in_comp == 2 ? SignalToDouble(s[(start + t) * p.in_comp + 1]) * w
                                           : 0.0;
          const double a = -DftAngle(k, t, n);
          const double c = std::cos(a), sn = std::sin(a);
          sr += re * c - im * sn;
          si += re * sn + im * c;
        }
        T* out = y + ((b * p.frames + f) * p.out_bins + k) * 2;
        out[0] = SignalFromDouble<T>(sr);
        out[1] = SignalFromDouble<T>(si);
      }
    }
  }
}

}  // namespace onnxi::kernels
