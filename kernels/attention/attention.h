// Reference scaled dot-product attention (ONNX Attention-23/24), one query row at a time.
//
// Logical shapes (a 3-D Q/K/V of shape (B, S, H * D) is the same data seen through strides):
//   Q (B, Hq, S, D), K_new (B, Hkv, L, D), V_new (B, Hkv, L, Dv)
//   past_key (B, Hkv, P, D), past_value (B, Hkv, P, Dv): dense, nullable when P == 0
//   the keys/values attended to are the concatenation along the sequence: T = P + L rows
//   Y (B, Hq, S, Dv) through strides; qk_out (B, Hq, S, T) dense, nullable.
// Query head h reads key/value head h / (Hq / Hkv) (grouped-query attention; Hq % Hkv == 0).
//
// For query row i of batch b and key column j:
//   score  = scale * dot(Q[b, h, i], K[b, hk, j])                      -> qk mode 0
//   score  = softcap * tanh(score / softcap)            if softcap > 0   -> qk mode 1
//   bias   = mask[b, h, i, j] (bool: true -> 0, false -> -inf; a column past the mask's
//            last dim reads -inf) + (-inf if causal and j > i + offset_b)
//            + (-inf if nonpad and j >= nonpad[b])
//            offset_b = nonpad ? nonpad[b] - S : P  (the causal diagonal ends at the last key)
//   x      = score + bias                                             -> qk mode 2
//   p      = softmax_j(x), or all zeros when every bias of the row is -inf -> qk mode 3
//   Y[b, h, i] = sum_j p_j V[b, hk, j]
// Everything is computed in double and rounded once at each store.
// Aliasing: outputs must not overlap inputs. scratch holds 2 * T doubles.
#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/attention/element.h"

namespace onnxi::kernels {

// Element strides of a (B, H, S, inner) view whose inner dimension is contiguous.
struct BhsStrides {
  int64_t b = 0, h = 0, s = 0;
};

struct AttentionParams {
  int64_t batch = 0, q_heads = 1, kv_heads = 1;
  int64_t q_len = 0;     // S
  int64_t new_len = 0;   // L
  int64_t past_len = 0;  // P
  int64_t head_size = 0, v_head_size = 0;
  BhsStrides q, k, v, y;
  double scale = 1.0;
  double softcap = 0.0;
  bool causal = false;
  // The mask broadcast to (B, Hq, S, mask_len) by these strides; its last dim is contiguous.
  BhsStrides mask;
  int64_t mask_len = 0;
  int qk_mode = 0;  // which intermediate qk_out receives (see above)
};

template <class T>
inline double MaskBias(const T* m) {
  return LoadAsDouble(*m);
}
template <>
inline double MaskBias<bool>(const bool* m) {
  return *m ? 0.0 : -std::numeric_limits<double>::infinity();
}

// M is the mask element type (bool or a float type); mask and nonpad are nullable.
template <class T, class M>
void AttentionRef(const AttentionParams& p, const T* q, const T* past_k, const T* k,
                  const T* past_v, const T* v, const M* mask, const int64_t* nonpad, T* y,
                  T* qk_out, double* scratch) {
  constexpr double kNegInf = -std::numeric_limits<double>::infinity();
  const int64_t total = p.past_len + p.new_len;
  const int64_t group = p.q_heads / p.kv_heads;
  double* score = scratch;
  double* bias = scratch + total;
  for (int64_t b = 0; b < p.batch; ++b) {
    const int64_t offset = nonpad != nullptr ? nonpad[b] - p.q_len : p.past_len;
    for (int64_t h = 0; h < p.q_heads; ++h) {
      const int64_t hk = h / group;
      // Row j of the concatenated keys/values (past rows first).
      auto key_row = [&](int64_t j) {
        return j < p.past_len ? past_k + ((b * p.kv_heads + hk) * p.past_len + j) * p.head_size
                              : k + b * p.k.b + hk * p.k.h + (j - p.past_len) * p.k.s;
      };
      auto value_row = [&](int64_t j) {
        return j < p.past_len
                   ? past_v + ((b * p.kv_heads + hk) * p.past_len + j) * p.v_head_size
                   : v + b * p.v.b + hk * p.v.h + (j - p.past_len) * p.v.s;
      };
      for (int64_t i = 0; i < p.q_len; ++i) {
        const T* qr = q + b * p.q.b + h * p.q.h + i * p.q.s;
        T* qk_row = qk_out != nullptr ? qk_out + ((b * p.q_heads + h) * p.q_len + i) * total
                                      : nullptr;
        const M* mask_row =
            mask != nullptr ? mask + b * p.mask.b + h * p.mask.h + i * p.mask.s : nullptr;
        double bias_max = kNegInf;
        for (int64_t j = 0; j < total; ++j) {
          const T* kr = key_row(j);
          double dot = 0;
          for (int64_t d = 0; d < p.head_size; ++d) dot += LoadAsDouble(qr[d]) * LoadAsDouble(kr[d]);
          double s = dot * p.scale;
          if (qk_row != nullptr && p.qk_mode == 0) qk_row[j] = StoreFromDouble<T>(s);
          if (p.softcap > 0) s = p.softcap * std::tanh(s / p.softcap);
          if (qk_row != nullptr && p.qk_mode == 1) qk_row[j] = StoreFromDouble<T>(s);
          double bj = 0;
          if (mask_row != nullptr) bj += j < p.mask_len ? MaskBias(mask_row + j) : kNegInf;
          if (p.causal && j > i + offset) bj = kNegInf;
          if (nonpad != nullptr && j >= nonpad[b]) bj = kNegInf;
          score[j] = s + bj;
          bias[j] = bj;
          if (bj > bias_max) bias_max = bj;
          if (qk_row != nullptr && p.qk_mode == 2) qk_row[j] = StoreFromDouble<T>(score[j]);
        }
        // Softmax over the row; a row whose bias is -inf everywhere attends to nothing.
        const bool all_masked = !(bias_max > kNegInf);
        double row_max = kNegInf;
        for (int64_t j = 0; j < total; ++j) row_max = score[j] > row_max ? score[j] : row_max;
        double sum = 0;
        for (int64_t j = 0; j < total; ++j) {
          score[j] = all_masked ? 0.0 : std::exp(score[j] - row_max);
          sum += score[j];
        }
        for (int64_t j = 0; j < total; ++j) {
          if (!all_masked) score[j] /= sum;
          if (qk_row != nullptr && p.qk_mode == 3) qk_row[j] = StoreFromDouble<T>(score[j]);
        }
        T* yr = y + b * p.y.b + h * p.y.h + i * p.y.s;
        for (int64_t d = 0; d < p.v_head_size; ++d) {
          double acc = 0;
          for (int64_t j = 0; j < total; ++j) acc += score[j] * LoadAsDouble(value_row(j)[d]);
          yr[d] = StoreFromDouble<T>(acc);
        }
      }
    }
  }
}

// present (B, H, P + L, D) dense = concat(past (B, H, P, D) dense, new (B, H, L, D) through
// strides) along the sequence axis. past may be null when P == 0.
template <class T>
void AttentionConcatKv(int64_t batch, int64_t heads, int64_t past_len, int64_t new_len,
                       int64_t dim, const T* past, const T* cur, const BhsStrides& cur_strides,
                       T* present) {
  const int64_t total = past_len + new_len;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t h = 0; h < heads; ++h) {
      T* out = present + (b * heads + h) * total * dim;
      const T* pr = past != nullptr ? past + (b * heads + h) * past_len * dim : nullptr;
      for (int64_t t = 0; t < past_len * dim; ++t) out[t] = pr[t];
      out += past_len * dim;
      for (int64_t s = 0; s < new_len; ++s) {
        const T* src = cur + b * cur_strides.b + h * cur_strides.h + s * cur_strides.s;
        for (int64_t d = 0; d < dim; ++d) out[s * dim + d] = src[d];
      }
    }
  }
}

}  // namespace onnxi::kernels
