// Winograd F(2x2, 3x3) input/output transforms as one template over the xsimd arch (contract
// in winograd.h). Instantiated in winograd_{generic,avx2,avx512}.cc; the reference twin in
// winograd.cc uses the same helpers with Arch = void (scalar loops only).
#pragma once

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <type_traits>

#include "kernels/conv/winograd.h"

namespace onnxi::kernels::winograd_impl {
// Internal linkage: each ISA's translation unit keeps its own copies of these helpers (built
// with its own flags), so the linker cannot merge an AVX-512 build into the generic path.
namespace {

// Splits the zero-padded rows of one channel into even (e) and odd (o) columns: padded row
// pr (input row pr - pad_top), half-column k holds padded columns 2k and 2k + 1.
// e and o are (2 * tiles_h + 2, half_len).
inline void SplitPlane(const WinogradParams& p, const float* xc, float* e, float* o) {
  const int64_t len = p.half_len(), rows = 2 * p.tiles_h() + 2, pl = p.pad_left;
  // Half-columns [ka, kb) have both columns inside the row; the rest test each column.
  const int64_t ka = std::min(len, (pl + 1) / 2);
  const int64_t kb = std::max(ka, std::min(len, (p.in_w + pl) / 2));
  for (int64_t pr = 0; pr < rows; ++pr) {
    float* er = e + pr * len;
    float* od = o + pr * len;
    const int64_t ih = pr - p.pad_top;
    if (ih < 0 || ih >= p.in_h) {
      std::fill(er, er + len, 0.0f);
      std::fill(od, od + len, 0.0f);
      continue;
    }
    const float* row = xc + ih * p.in_w;
    auto edge = [&](int64_t k) {
      const int64_t iw = 2 * k - pl;
      er[k] = iw >= 0 && iw < p.in_w ? row[iw] : 0.0f;
      od[k] = iw + 1 >= 0 && iw + 1 < p.in_w ? row[iw + 1] : 0.0f;
    };
    for (int64_t k = 0; k < ka; ++k) edge(k);
    const float* src = row + 2 * ka - pl;  // unit-stride pairs from here
    for (int64_t k = ka; k < kb; ++k) {
      er[k] = src[2 * (k - ka)];
      od[k] = src[2 * (k - ka) + 1];
    }
    for (int64_t k = kb; k < len; ++k) edge(k);
  }
}

// The tile transform of tiles [tx0, tx1) of one tile row: rows e[r], o[r] (r = 0..3) of the
// split plane; writes dst[xi * stride + tx].
template <class T, class Load, class Store>
inline void InputTiles(const float* const* e, const float* const* o, int64_t tx, int64_t stride,
                       float* dst, Load load, Store store) {
  T q[4][4];  // d B: the column transform of each of the 4 input rows
  for (int r = 0; r < 4; ++r) {
    const T e0 = load(e[r] + tx), e1 = load(e[r] + tx + 1);
    const T o0 = load(o[r] + tx), o1 = load(o[r] + tx + 1);
    q[r][0] = e0 - e1;
    q[r][1] = o0 + e1;
    q[r][2] = e1 - o0;
    q[r][3] = o0 - o1;
  }
  for (int j = 0; j < 4; ++j) {  // B^T (d B)
    store(dst + (0 + j) * stride + tx, q[0][j] - q[2][j]);
    store(dst + (4 + j) * stride + tx, q[1][j] + q[2][j]);
    store(dst + (8 + j) * stride + tx, q[2][j] - q[1][j]);
    store(dst + (12 + j) * stride + tx, q[1][j] - q[3][j]);
  }
}

// The output transform of tiles at offset tx: src[xi * stride + tx] -> rows out[0..3] (even
// and odd columns of output rows 2ty and 2ty + 1) at tx.
template <class T, class Load, class Store>
inline void OutputTiles(const float* src, int64_t tx, int64_t stride, float* const* out,
                        Load load, Store store) {
  T r[2][4];  // A^T S
  for (int j = 0; j < 4; ++j) {
    const T s0 = load(src + (0 + j) * stride + tx), s1 = load(src + (4 + j) * stride + tx);
    const T s2 = load(src + (8 + j) * stride + tx), s3 = load(src + (12 + j) * stride + tx);
    r[0][j] = s0 + s1 + s2;
    r[1][j] = s1 - s2 - s3;
  }
  for (int i = 0; i < 2; ++i) {  // (A^T S) A
    store(out[2 * i] + tx, r[i][0] + r[i][1] + r[i][2]);
    store(out[2 * i + 1] + tx, r[i][1] - r[i][2] - r[i][3]);
  }
}

// Partial vectors for the last tiles of a row (n < lanes): Partial<Arch>::kHas says whether
// the ISA's translation unit supplies masked Load(p, n) / Store(p, v, n) (AVX2, AVX-512: the
// specializations live in winograd_avx2.cc / winograd_avx512.cc, the only files built with
// those instructions); otherwise the tail runs the scalar code.
template <class Arch>
struct Partial {
  static constexpr bool kHas = false;
};

inline float LoadScalar(const float* p) { return *p; }
inline void StoreScalar(float* p, float v) { *p = v; }

// Arch = void: scalar only (the reference twin).
template <class Arch>
void Input(const WinogradParams& p, const float* x, int64_t c0, int64_t c1, float* v,
           float* work) {
  const int64_t tw = p.tiles_w(), th = p.tiles_h(), tiles = p.tiles(), len = p.half_len();
  const int64_t stride = p.channels * tiles;  // between xi matrices
  float* e = work;
  float* o = work + (2 * th + 2) * len;
  int64_t vec_end = 0;
  if constexpr (!std::is_void_v<Arch>) vec_end = tw / xsimd::batch<float, Arch>::size *
                                                 xsimd::batch<float, Arch>::size;
  for (int64_t c = c0; c < c1; ++c) {
    SplitPlane(p, x + c * p.in_h * p.in_w, e, o);
    for (int64_t ty = 0; ty < th; ++ty) {
      const float* er[4];
      const float* od[4];
      for (int r = 0; r < 4; ++r) {
        er[r] = e + (2 * ty + r) * len;
        od[r] = o + (2 * ty + r) * len;
      }
      float* dst = v + c * tiles + ty * tw;
      int64_t tx = 0;
      if constexpr (!std::is_void_v<Arch>) {
        using B = xsimd::batch<float, Arch>;
        for (; tx < vec_end; tx += B::size) {
          InputTiles<B>(er, od, tx, stride, dst,
                        [](const float* a) { return B::load_unaligned(a); },
                        [](float* a, const B& b) { b.store_unaligned(a); });
        }
        if constexpr (Partial<Arch>::kHas) {
          const int n = static_cast<int>(tw - tx);
          if (n > 0) {
            InputTiles<B>(er, od, tx, stride, dst,
                          [n](const float* a) { return Partial<Arch>::Load(a, n); },
                          [n](float* a, const B& b) { Partial<Arch>::Store(a, b, n); });
            tx = tw;
          }
        }
      }
      for (; tx < tw; ++tx) InputTiles<float>(er, od, tx, stride, dst, LoadScalar, StoreScalar);
    }
  }
}

// Adds bias (and the residual row z) to the even/odd halves of one output row.
inline void FinishRow(const float* ev, const float* od, float b, const float* z, int64_t width,
                      float* yr) {
  const int64_t half = width / 2;
  if (z != nullptr) {
    for (int64_t k = 0; k < half; ++k) {
      yr[2 * k] = ev[k] + b + z[2 * k];
      yr[2 * k + 1] = od[k] + b + z[2 * k + 1];
    }
    if (width % 2 != 0) yr[2 * half] = ev[half] + b + z[2 * half];
  } else {
    for (int64_t k = 0; k < half; ++k) {
      yr[2 * k] = ev[k] + b;
      yr[2 * k + 1] = od[k] + b;
    }
    if (width % 2 != 0) yr[2 * half] = ev[half] + b;
  }
}

template <class Arch>
void Output(const WinogradParams& p, const float* m, const float* bias, const float* residual,
            int64_t o0, int64_t o1, float* y, float* work) {
  const int64_t tw = p.tiles_w(), th = p.tiles_h(), tiles = p.tiles();
  const int64_t stride = p.out_channels * tiles, out_size = p.out_h * p.out_w;
  int64_t vec_end = 0;
  if constexpr (!std::is_void_v<Arch>) vec_end = tw / xsimd::batch<float, Arch>::size *
                                                 xsimd::batch<float, Arch>::size;
  // out[0], out[1]: even/odd columns of output row 2ty; out[2], out[3]: of row 2ty + 1.
  float* out[4];
  for (int k = 0; k < 4; ++k) out[k] = work + k * tw;
  for (int64_t oc = o0; oc < o1; ++oc) {
    float* yo = y + oc * out_size;
    const float* zo = residual != nullptr ? residual + oc * out_size : nullptr;
    const float b = bias != nullptr ? bias[oc] : 0.0f;
    for (int64_t ty = 0; ty < th; ++ty) {
      const float* src = m + oc * tiles + ty * tw;
      int64_t tx = 0;
      if constexpr (!std::is_void_v<Arch>) {
        using B = xsimd::batch<float, Arch>;
        for (; tx < vec_end; tx += B::size) {
          OutputTiles<B>(src, tx, stride, out,
                         [](const float* a) { return B::load_unaligned(a); },
                         [](float* a, const B& v) { v.store_unaligned(a); });
        }
        if constexpr (Partial<Arch>::kHas) {
          const int n = static_cast<int>(tw - tx);
          if (n > 0) {
            OutputTiles<B>(src, tx, stride, out,
                           [n](const float* a) { return Partial<Arch>::Load(a, n); },
                           [n](float* a, const B& v) { Partial<Arch>::Store(a, v, n); });
            tx = tw;
          }
        }
      }
      for (; tx < tw; ++tx) OutputTiles<float>(src, tx, stride, out, LoadScalar, StoreScalar);
      for (int i = 0; i < 2 && 2 * ty + i < p.out_h; ++i) {
        const int64_t at = (2 * ty + i) * p.out_w;
        FinishRow(out[2 * i], out[2 * i + 1], b, zo != nullptr ? zo + at : nullptr, p.out_w,
                  yo + at);
      }
    }
    if (p.act.kind == Activation::Kind::kNone) continue;
    if constexpr (std::is_void_v<Arch>) {
      ActivationRef(p.act, yo, out_size);
    } else {
      p.act_fn(p.act, yo, out_size);
    }
  }
}

template <class Arch>
WinogradF32Fns Fns() {
  return {&Input<Arch>, &Output<Arch>};
}

}  // namespace
}  // namespace onnxi::kernels::winograd_impl
