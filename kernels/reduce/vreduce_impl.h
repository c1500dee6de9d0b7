// The loops of vreduce.h as `template <class A>` over xsimd batches, instantiated by
// vreduce_{generic,avx2,avx512}.cc. Contract: vreduce.h. Every function here is a template
// on the Arch (or in an unnamed namespace), so no AVX-compiled inline code is shared with
// ordinary translation units.
#pragma once

#include <xsimd/xsimd.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/elementwise/vmath_impl.h"
#include "kernels/reduce/vreduce.h"

namespace onnxi::kernels::vreduce {

template <class A>
using Bf = xsimd::batch<float, A>;

// count (< width) floats from p, the other lanes `fill`.
template <class A>
inline Bf<A> LoadPart(const float* p, int64_t count, float fill) {
  alignas(64) float buf[Bf<A>::size];
  for (size_t i = 0; i < Bf<A>::size; ++i) buf[i] = fill;
  std::memcpy(buf, p, sizeof(float) * count);
  return Bf<A>::load_aligned(buf);
}

// One combine step per kind, on batches and on scalars (the same arithmetic), with the
// identity that fills tails. Max/Min: once a lane is NaN it stays NaN (nothing compares
// greater than NaN, and isnan(v) picks a new NaN up; not `v != v`: xsimd 8.1's AVX/AVX-512
// operator!= is the ordered compare, false for NaN).
template <class A, ReduceKind K>
struct Step {
  using B = Bf<A>;
  static constexpr float Fill() {
    if constexpr (K == ReduceKind::kMax) return -INFINITY;
    if constexpr (K == ReduceKind::kMin) return INFINITY;
    if constexpr (K == ReduceKind::kProd) return 1.0f;
    return 0.0f;
  }
  static B Do(const B& acc, const B& v) {
    if constexpr (K == ReduceKind::kMax) return xsimd::select((v > acc) | xsimd::isnan(v), v, acc);
    if constexpr (K == ReduceKind::kMin) return xsimd::select((v < acc) | xsimd::isnan(v), v, acc);
    if constexpr (K == ReduceKind::kProd) return acc * v;
    if constexpr (K == ReduceKind::kL1) return acc + xsimd::abs(v);
    if constexpr (K == ReduceKind::kL2 || K == ReduceKind::kSumSquare) {
      return vmath::Fma<A>::Do(v, v, acc);
    }
    return acc + v;
  }
  // Combining two accumulators / lanes (already transformed: plain sum for L1, L2, SumSquare).
  static B Merge(const B& a, const B& b) {
    if constexpr (K == ReduceKind::kMax || K == ReduceKind::kMin || K == ReduceKind::kProd) {
      return Do(a, b);
    }
    return a + b;
  }
  static float MergeScalar(float a, float b) {
    if constexpr (K == ReduceKind::kMax) return (b > a || std::isnan(b)) ? b : a;
    if constexpr (K == ReduceKind::kMin) return (b < a || std::isnan(b)) ? b : a;
    if constexpr (K == ReduceKind::kProd) return a * b;
    return a + b;
  }
  static float Horizontal(const B& v) {
    alignas(64) float buf[B::size];
    v.store_aligned(buf);
    float s = buf[0];
    for (size_t i = 1; i < B::size; ++i) s = MergeScalar(s, buf[i]);
    return s;
  }
};

template <class A>
inline float Finish(ReduceKind kind, float acc, int64_t n) {
  if (kind == ReduceKind::kMean) return acc / static_cast<float>(n);
  if (kind == ReduceKind::kL2) return std::sqrt(acc);
  if (kind == ReduceKind::kLogSum) return std::log(acc);
  return acc;
}

// The accumulator of one contiguous row of n floats for kind K (before Finish).
template <class A, ReduceKind K>
inline float RowAccumulate(const float* x, int64_t n) {
  using B = Bf<A>;
  using S = Step<A, K>;
  constexpr int64_t kW = B::size;
  B a0(S::Fill()), a1(S::Fill()), a2(S::Fill()), a3(S::Fill());
  int64_t j = 0;
  for (; j + 4 * kW <= n; j += 4 * kW) {
    a0 = S::Do(a0, B::load_unaligned(x + j));
    a1 = S::Do(a1, B::load_unaligned(x + j + kW));
    a2 = S::Do(a2, B::load_unaligned(x + j + 2 * kW));
    a3 = S::Do(a3, B::load_unaligned(x + j + 3 * kW));
  }
  for (; j + kW <= n; j += kW) a0 = S::Do(a0, B::load_unaligned(x + j));
  if (j < n) a1 = S::Do(a1, LoadPart<A>(x + j, n - j, S::Fill()));
  return S::Horizontal(S::Merge(S::Merge(a0, a1), S::Merge(a2, a3)));
}

// LogSumExp of a row: m + log(sum e^(x - m)), m the max (twin: empty or all -inf gives -inf,
// a +inf max gives +inf, NaN propagates).
template <class A>
inline float RowLogSumExp(const float* x, int64_t n) {
  using B = Bf<A>;
  constexpr int64_t kW = B::size;
  const float m = RowAccumulate<A, ReduceKind::kMax>(x, n);
  if (std::isinf(m)) return m;
  const B vm(m);
  B a0(0.0f), a1(0.0f);
  int64_t j = 0;
  for (; j + 2 * kW <= n; j += 2 * kW) {
    a0 += vmath::Exp<A>(B::load_unaligned(x + j) - vm);
    a1 += vmath::Exp<A>(B::load_unaligned(x + j + kW) - vm);
  }
  for (; j + kW <= n; j += kW) a0 += vmath::Exp<A>(B::load_unaligned(x + j) - vm);
  if (j < n) a1 += vmath::Exp<A>(LoadPart<A>(x + j, n - j, -INFINITY) - vm);
  return m + std::log(Step<A, ReduceKind::kSum>::Horizontal(a0 + a1));
}

template <class A, ReduceKind K>
void RowsK(ReduceKind kind, const float* x, float* y, int64_t row_begin, int64_t row_end,
           int64_t n) {
  for (int64_t r = row_begin; r < row_end; ++r) {
    const float* xr = x + r * n;
    if constexpr (K == ReduceKind::kLogSumExp) {
      y[r] = RowLogSumExp<A>(xr, n);
    } else {
      y[r] = Finish<A>(kind, RowAccumulate<A, K>(xr, n), n);
    }
  }
}

// Columns [c, c + kV * width) (or the last `part` < width columns when kV == 1 and part > 0)
// of the (n, inner) slice, accumulated over j in order.
template <class A, ReduceKind K, int kV>
inline void ColBlock(ReduceKind kind, const float* x, float* y, int64_t n, int64_t inner,
                     int64_t c, int64_t part) {
  using B = Bf<A>;
  constexpr int64_t kW = B::size;
  constexpr ReduceKind kFirst = K == ReduceKind::kLogSumExp ? ReduceKind::kMax : K;
  using S1 = Step<A, kFirst>;
  auto load = [&](const float* p, float fill) {
    return part > 0 ? LoadPart<A>(p, part, fill) : B::load_unaligned(p);
  };
  B acc[kV];
  for (int v = 0; v < kV; ++v) acc[v] = B(S1::Fill());
  for (int64_t j = 0; j < n; ++j) {
    const float* row = x + j * inner + c;
    for (int v = 0; v < kV; ++v) acc[v] = S1::Do(acc[v], load(row + v * kW, S1::Fill()));
  }
  alignas(64) float out[kV * kW];
  if constexpr (K == ReduceKind::kLogSumExp) {
    // acc holds the column maxima; second pass: sum e^(x - m) with m = 0 where m is inf.
    B m[kV], s[kV];
    for (int v = 0; v < kV; ++v) {
      m[v] = acc[v];
      s[v] = B(0.0f);
    }
    for (int64_t j = 0; j < n; ++j) {
      const float* row = x + j * inner + c;
      for (int v = 0; v < kV; ++v) {
        const B safe_m = xsimd::select(xsimd::isinf(m[v]), B(0.0f), m[v]);
        s[v] += vmath::Exp<A>(load(row + v * kW, 0.0f) - safe_m);
      }
    }
    for (int v = 0; v < kV; ++v) {
      const B r = m[v] + vmath::Log<A>(s[v]);
      xsimd::select(xsimd::isinf(m[v]), m[v], r).store_aligned(out + v * kW);
    }
  } else {
    for (int v = 0; v < kV; ++v) acc[v].store_aligned(out + v * kW);
  }
  const int64_t count = part > 0 ? part : kV * kW;
  for (int64_t i = 0; i < count; ++i) {
    y[c + i] = K == ReduceKind::kLogSumExp ? out[i] : Finish<A>(kind, out[i], n);
  }
}

template <class A, ReduceKind K>
void ColsK(ReduceKind kind, const float* x, float* y, int64_t n, int64_t inner,
           int64_t col_begin, int64_t col_end) {
  constexpr int64_t kW = Bf<A>::size;
  int64_t c = col_begin;
  for (; c + 4 * kW <= col_end; c += 4 * kW) ColBlock<A, K, 4>(kind, x, y, n, inner, c, 0);
  for (; c + kW <= col_end; c += kW) ColBlock<A, K, 1>(kind, x, y, n, inner, c, 0);
  if (c < col_end) ColBlock<A, K, 1>(kind, x, y, n, inner, c, col_end - c);
}

template <class A>
void Rows(ReduceKind kind, const float* x, float* y, int64_t row_begin, int64_t row_end,
          int64_t n) {
  switch (kind) {
#define ONNXI_VREDUCE_CASE(K) \
  case K: return RowsK<A, K>(kind, x, y, row_begin, row_end, n);
    ONNXI_VREDUCE_CASE(ReduceKind::kSum)
    ONNXI_VREDUCE_CASE(ReduceKind::kMean)
    ONNXI_VREDUCE_CASE(ReduceKind::kMax)
    ONNXI_VREDUCE_CASE(ReduceKind::kMin)
    ONNXI_VREDUCE_CASE(ReduceKind::kProd)
    ONNXI_VREDUCE_CASE(ReduceKind::kL1)
    ONNXI_VREDUCE_CASE(ReduceKind::kL2)
    ONNXI_VREDUCE_CASE(ReduceKind::kLogSum)
    ONNXI_VREDUCE_CASE(ReduceKind::kLogSumExp)
    ONNXI_VREDUCE_CASE(ReduceKind::kSumSquare)
#undef ONNXI_VREDUCE_CASE
  }
}

template <class A>
void Cols(ReduceKind kind, const float* x, float* y, int64_t n, int64_t inner, int64_t col_begin,
          int64_t col_end) {
  switch (kind) {
#define ONNXI_VREDUCE_CASE(K) \
  case K: return ColsK<A, K>(kind, x, y, n, inner, col_begin, col_end);
    ONNXI_VREDUCE_CASE(ReduceKind::kSum)
    ONNXI_VREDUCE_CASE(ReduceKind::kMean)
    ONNXI_VREDUCE_CASE(ReduceKind::kMax)
    ONNXI_VREDUCE_CASE(ReduceKind::kMin)
    ONNXI_VREDUCE_CASE(ReduceKind::kProd)
    ONNXI_VREDUCE_CASE(ReduceKind::kL1)
    ONNXI_VREDUCE_CASE(ReduceKind::kL2)
    ONNXI_VREDUCE_CASE(ReduceKind::kLogSum)
    ONNXI_VREDUCE_CASE(ReduceKind::kLogSumExp)
    ONNXI_VREDUCE_CASE(ReduceKind::kSumSquare)
#undef ONNXI_VREDUCE_CASE
  }
}

template <class A>
constexpr VReduceKernels MakeKernels() {
  return VReduceKernels{Rows<A>, Cols<A>};
}

}  // namespace onnxi::kernels::vreduce
