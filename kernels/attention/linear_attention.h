// Reference LinearAttention (ONNX opset 27): recurrent linear attention over
// packed heads.
//
// Shapes (dense, row-major; heads packed in the last dim):
//   q (B, T, Hq*dk), k (B, T, Hkv*dk), v (B, T, Hkv*dv), y (B, T, Hq*dv)
//   decay (B, T, Hkv*dd) with dd = dk (per key channel) or 1 (per head); null
//   when unused beta (B, T, Hb) with Hb = Hkv or 1 (shared by all heads); null
//   when unused past, present (B, Hkv, dk, dv); past null = zeros; present
//   nullable.
// Per batch b and kv head hk the state S (dk, dv) evolves over t = 0..T-1:
//   decay:  S[i, :] *= exp(decay[b, t, hk, i or 0])                 (gated,
//   gated_delta) delta:  r = S^T k_t; S += k_t (x) (beta_t * (v_t - r)) (delta,
//   gated_delta) else:   S += k_t (x) v_t (linear, gated) y[b, t, h] = scale *
//   q_t[h]^T S   for each query head h with h / (Hq / Hkv) == hk.
// The state lives in `state` (B*Hkv*dk*dv doubles, caller's scratch);
// everything is computed in double and rounded once at each store.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/attention/element.h"

namespace onnxi::kernels {

struct LinearAttentionParams {
  int64_t batch = 0, seq = 0, q_heads = 1, kv_heads = 1, dk = 0, dv = 0;
  double scale = 1.0;
  bool use_decay = false, use_delta = false;
  int64_t decay_width = 1; // dd: dk or 1
  int64_t beta_heads = 1;  // Hb: Hkv or 1
};

template <class T>
void LinearAttentionRef(const LinearAttentionParams &p, const T *q, const T *k,
                        const T *v, const T *past, const T *decay,
                        const T *beta, T *y, T *present, double *state) {
  const int64_t dk = p.dk, dv = p.dv, hkv = p.kv_heads;
  const int64_t group = p.q_heads / hkv;
  const int64_t state_size = dk * dv;
  for (int64_t i = 0; i < p.batch * hkv * state_size; ++i) {
    state[i] = past != nullptr ? LoadAsDouble(past[i]) : 0.0;
  }
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t t = 0; t < p.seq; ++t) {
      const int64_t bt = b * p.seq + t; // row of every (B, T, ...) tensor
      for (int64_t hk = 0; hk < hkv; ++hk) {
        double *s = state + (b * hkv + hk) * state_size; // (dk, dv)
        const T *kt = k + bt * hkv * dk + hk * dk;
        const T *vt = v + bt * hkv * dv + hk * dv;
        if (p.use_decay) {
          const T *g = decay + (bt * hkv + hk) * p.decay_width;
          for (int64_t i = 0; i < dk; ++i) {
            const double f =
                std::exp(LoadAsDouble(g[p.decay_width == 1 ? 0 : i]));
            for (int64_t j = 0; j < dv; ++j)
              s[i * dv + j] *= f;
          }
        }
        const double bv =
            p.use_delta
                ? LoadAsDouble(
                      beta[bt * p.beta_heads + (p.beta_heads == 1 ? 0 : hk)])
                : 1.0;
        // Column j of S only depends on its own retrieval r_j, so update column
        // by column.
        for (int64_t j = 0; j < dv; ++j) {
          double w = LoadAsDouble(vt[j]);
          if (p.use_delta) {
            double r = 0.0;
            for (int64_t i = 0; i < dk; ++i)
              r += s[i * dv + j] * LoadAsDouble(kt[i]);
            w = bv * (w - r);
          }
          for (int64_t i = 0; i < dk; ++i)
            s[i * dv + j] += LoadAsDouble(kt[i]) * w;
        }
        for (int64_t g = 0; g < group; ++g) {
          const int64_t h = hk * group + g;
          const T *qt = q + bt * p.q_heads * dk + h * dk;
          T *yt = y + bt * p.q_heads * dv + h * dv;
          for (int64_t j = 0; j < dv; ++j) {
            double acc = 0.0;
            for (int64_t i = 0; i < dk; ++i)
              acc += LoadAsDouble(qt[i]) * s[i * dv + j];
            yt[j] = StoreFromDouble<T>(p.scale * acc);
          }
        }
      }
    }
  }
  if (present != nullptr) {
    for (int64_t i = 0; i < p.batch * hkv * state_size; ++i) {
      present[i] = StoreFromDouble<T>(state[i]);
    }
  }
}

} // namespace onnxi::kernels
