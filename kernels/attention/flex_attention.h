// Reference FlexAttention pieces (ai.onnx.preview FlexAttention-1), run around
// the op's optional score_mod / prob_mod subgraphs:
//   FlexScoresRef:   scores[b, h, i, j] = scale * dot(Q[b, h, i], K[b, h / G,
//   j])
//                    rounded to T (the spec's Q.K^T is a T-typed product) and
//                    then to P
//   SoftmaxRowsRef:  probs = softmax over the last dim of (rows, cols); a row
//   whose values
//                    are all -inf gives NaN, as numpy/ONNX Softmax does
//   FlexOutputRef:   Y[b, h, i] = sum_j probs[b, h, i, j] * V[b, h / G, j]
// Shapes (dense): Q (B, Hq, L, E), K (B, Hkv, S, E), V (B, Hkv, S, Ev),
// scores/probs (B, Hq, L, S), Y (B, Hq, L, Ev); G = Hq / Hkv.
// T is the tensor type, P the softmax precision type (float or double).
// Sums are taken in double and rounded once at each store.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/attention/element.h"

namespace onnxi::kernels {

struct FlexParams {
  int64_t batch = 0, q_heads = 1, kv_heads = 1, q_len = 0, kv_len = 0;
  int64_t head_size = 0, v_head_size = 0;
  double scale = 1.0;
};

template <class T, class P>
void FlexScoresRef(const FlexParams &p, const T *q, const T *k, P *scores) {
  const int64_t group = p.q_heads / p.kv_heads;
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t h = 0; h < p.q_heads; ++h) {
      const T *qh = q + (b * p.q_heads + h) * p.q_len * p.head_size;
      const T *kh = k + (b * p.kv_heads + h / group) * p.kv_len * p.head_size;
      P *sh = scores + (b * p.q_heads + h) * p.q_len * p.kv_len;
      for (int64_t i = 0; i < p.q_len; ++i) {
        for (int64_t j = 0; j < p.kv_len; ++j) {
          double acc = 0.0;
          for (int64_t e = 0; e < p.head_size; ++e) {
            acc += LoadAsDouble(qh[i * p.head_size + e]) *
                   LoadAsDouble(kh[j * p.head_size + e]);
          }
          const T rounded = StoreFromDouble<T>(p.scale * acc);
          sh[i * p.kv_len + j] = static_cast<P>(LoadAsDouble(rounded));
        }
      }
    }
  }
}

template <class P>
void SoftmaxRowsRef(const P *in, int64_t rows, int64_t cols, P *out) {
  for (int64_t r = 0; r < rows; ++r) {
    const P *x = in + r * cols;
    P *y = out + r * cols;
    double mx = -std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < cols; ++j)
      mx = std::fmax(mx, static_cast<double>(x[j]));
    double sum = 0.0;
    for (int64_t j = 0; j < cols; ++j)
      sum += std::exp(static_cast<double>(x[j]) - mx);
    for (int64_t j = 0; j < cols; ++j) {
      y[j] = static_cast<P>(std::exp(static_cast<double>(x[j]) - mx) / sum);
    }
  }
}

template <class P, class T>
void FlexOutputRef(const FlexParams &p, const P *probs, const T *v, T *y) {
  const int64_t group = p.q_heads / p.kv_heads;
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t h = 0; h < p.q_heads; ++h) {
      const P *ph = probs + (b * p.q_heads + h) * p.q_len * p.kv_len;
      const T *vh = v + (b * p.kv_heads + h / group) * p.kv_len * p.v_head_size;
      T *yh = y + (b * p.q_heads + h) * p.q_len * p.v_head_size;
      for (int64_t i = 0; i < p.q_len; ++i) {
        for (int64_t e = 0; e < p.v_head_size; ++e) {
          double acc = 0.0;
          for (int64_t j = 0; j < p.kv_len; ++j) {
            acc += static_cast<double>(ph[i * p.kv_len + j]) *
                   LoadAsDouble(vh[j * p.v_head_size + e]);
          }
          yh[i * p.v_head_size + e] = StoreFromDouble<T>(acc);
        }
      }
    }
  }
}

} // namespace onnxi::kernels
