// AttentionRef and RotaryEmbeddingRef against naive loops written from the formulas: the
// reference concatenates past and new keys, repeats K/V heads for GQA and builds the whole
// bias matrix first; sizes 0, 1 and odd shapes, random data, 3-D strides.
#include "kernels/attention/attention.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernels/attention/rotary_embedding.h"

namespace onnxi::kernels {
namespace {

std::vector<float> Random(int64_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

struct Case {
  int64_t b, hq, hkv, s, l, past, d, dv;
  bool causal, mask, three_d;
  double softcap;
  int qk_mode;
};

void RunCase(const Case& c, uint32_t seed) {
  std::mt19937 rng(seed);
  const int64_t t_len = c.past + c.l;
  auto q = Random(c.b * c.hq * c.s * c.d, rng);
  auto k = Random(c.b * c.hkv * c.l * c.d, rng);
  auto v = Random(c.b * c.hkv * c.l * c.dv, rng);
  auto pk = Random(c.b * c.hkv * c.past * c.d, rng);
  auto pv = Random(c.b * c.hkv * c.past * c.dv, rng);
  // A (S, T) bool mask broadcast over batch and heads; row 0 fully masked to test that path.
  std::vector<char> mask_c(c.s * t_len);
  for (auto& m : mask_c) m = rng() % 3 != 0;
  for (int64_t j = 0; j < t_len && c.s > 0; ++j) mask_c[j] = 0;
  bool* mask = reinterpret_cast<bool*>(mask_c.data());

  AttentionParams p;
  p.batch = c.b, p.q_heads = c.hq, p.kv_heads = c.hkv, p.q_len = c.s, p.new_len = c.l;
  p.past_len = c.past, p.head_size = c.d, p.v_head_size = c.dv;
  // 4-D strides, or the 3-D (B, S, H*D) view of the same logical tensor.
  auto strides = [&](int64_t h, int64_t s, int64_t d) {
    return c.three_d ? BhsStrides{s * h * d, d, h * d} : BhsStrides{h * s * d, s * d, d};
  };
  p.q = strides(c.hq, c.s, c.d);
  p.k = strides(c.hkv, c.l, c.d);
  p.v = strides(c.hkv, c.l, c.dv);
  p.y = strides(c.hq, c.s, c.dv);
  p.scale = 0.7;
  p.softcap = c.softcap;
  p.causal = c.causal;
  p.qk_mode = c.qk_mode;
  if (c.mask) {
    p.mask = {0, 0, t_len};
    p.mask_len = t_len;
  }
  std::vector<float> y(c.b * c.hq * c.s * c.dv + 1, 123.0f), qk(c.b * c.hq * c.s * t_len + 1);
  std::vector<double> scratch(2 * t_len + 1);
  AttentionRef<float, bool>(p, q.data(), pk.data(), k.data(), pv.data(), v.data(),
                            c.mask ? mask : nullptr, nullptr, y.data(), qk.data(),
                            scratch.data());
  EXPECT_EQ(y.back(), 123.0f) << "overrun";

  auto at = [&](const std::vector<float>& a, BhsStrides st, int64_t b, int64_t h, int64_t s,
                int64_t d) { return a[b * st.b + h * st.h + s * st.s + d]; };
  const double inf = std::numeric_limits<double>::infinity();
  for (int64_t b = 0; b < c.b; ++b) {
    for (int64_t h = 0; h < c.hq; ++h) {
      const int64_t hk = h * c.hkv / c.hq;
      for (int64_t i = 0; i < c.s; ++i) {
        std::vector<double> x(t_len), bias(t_len), stage(t_len);
        for (int64_t j = 0; j < t_len; ++j) {
          double dot = 0;
          for (int64_t d = 0; d < c.d; ++d) {
            const double kv = j < c.past ? pk[((b * c.hkv + hk) * c.past + j) * c.d + d]
                                         : at(k, p.k, b, hk, j - c.past, d);
            dot += at(q, p.q, b, h, i, d) * kv;
          }
          double s = dot * 0.7;
          if (c.qk_mode == 0) stage[j] = s;
          if (c.softcap > 0) s = c.softcap * std::tanh(s / c.softcap);
          if (c.qk_mode == 1) stage[j] = s;
          bias[j] = (c.mask && !mask_c[i * t_len + j]) || (c.causal && j > i + c.past) ? -inf : 0;
          x[j] = s + bias[j];
          if (c.qk_mode == 2) stage[j] = x[j];
        }
        bool any = false;
        for (double bj : bias) any |= bj == 0;
        double mx = -inf, sum = 0;
        for (double xj : x) mx = std::max(mx, xj);
        for (auto& xj : x) sum += (xj = any ? std::exp(xj - mx) : 0.0);
        for (auto& xj : x) xj = any ? xj / sum : 0.0;
        if (c.qk_mode == 3) stage = x;
        for (int64_t j = 0; j < t_len; ++j) {
          const double got = qk[((b * c.hq + h) * c.s + i) * t_len + j];
          if (std::isinf(stage[j])) {
            EXPECT_EQ(got, stage[j]);
          } else {
            EXPECT_NEAR(got, stage[j], 1e-5);
          }
        }
        for (int64_t d = 0; d < c.dv; ++d) {
          double acc = 0;
          for (int64_t j = 0; j < t_len; ++j) {
            const double vv = j < c.past ? pv[((b * c.hkv + hk) * c.past + j) * c.dv + d]
                                         : at(v, p.v, b, hk, j - c.past, d);
            acc += x[j] * vv;
          }
          EXPECT_NEAR(at(y, p.y, b, h, i, d), acc, 1e-5) << b << " " << h << " " << i << " " << d;
        }
      }
    }
  }
}

TEST(AttentionRef, MatchesNaive) {
  const Case cases[] = {
      {1, 1, 1, 1, 1, 0, 1, 1, false, false, false, 0, 0},
      {2, 3, 3, 4, 5, 0, 7, 3, false, true, false, 0, 2},
      {2, 4, 2, 3, 3, 2, 5, 6, true, false, false, 0, 0},
      {1, 6, 1, 5, 2, 4, 3, 3, true, true, true, 1.5, 1},
      {3, 2, 2, 2, 7, 1, 4, 4, false, true, true, 0, 3},
      {1, 2, 1, 0, 3, 0, 4, 4, false, false, false, 0, 0},  // no queries
      {2, 2, 2, 3, 0, 0, 4, 2, false, false, false, 0, 3},  // no keys: rows fully masked
  };
  uint32_t seed = 1;
  for (const Case& c : cases) RunCase(c, seed++);
}

TEST(AttentionConcatKv, PastThenNew) {
  const float past[] = {1, 2, 3, 4};       // (1, 2, 1, 2)
  const float cur[] = {5, 6, 7, 8};        // (1, 2, 1, 2)
  float out[8];
  AttentionConcatKv<float>(1, 2, 1, 1, 2, past, cur, {4, 2, 2}, out);
  const float want[] = {1, 2, 5, 6, 3, 4, 7, 8};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], want[i]);
}

TEST(RotaryEmbeddingRef, MatchesNaive) {
  std::mt19937 rng(7);
  for (bool interleaved : {false, true}) {
    const int64_t b = 2, s = 3, h = 2, d = 6, r = 4, max_pos = 5;
    auto x = Random(b * s * h * d, rng);
    auto cs = Random(max_pos * r / 2, rng);
    auto sn = Random(max_pos * r / 2, rng);
    std::vector<int64_t> pos = {0, 4, 2, 1, 1, 3};
    RotaryParams p;
    p.batch = b, p.seq = s, p.heads = h, p.head_size = d, p.rotary_dim = r;
    p.interleaved = interleaved;
    p.x = p.y = {s * h * d, d, h * d};  // (B, S, H*D)
    std::vector<float> y(x.size());
    RotaryEmbeddingRef<float>(p, x.data(), cs.data(), sn.data(), pos.data(), y.data());
    for (int64_t bi = 0; bi < b; ++bi) {
      for (int64_t si = 0; si < s; ++si) {
        const float* c = &cs[pos[bi * s + si] * r / 2];
        const float* sv = &sn[pos[bi * s + si] * r / 2];
        for (int64_t hi = 0; hi < h; ++hi) {
          const float* xr = &x[(bi * s + si) * h * d + hi * d];
          const float* yr = &y[(bi * s + si) * h * d + hi * d];
          for (int64_t i = 0; i < r / 2; ++i) {
            const int64_t a = interleaved ? 2 * i : i, bb = interleaved ? 2 * i + 1 : i + r / 2;
            EXPECT_NEAR(yr[a], c[i] * xr[a] - sv[i] * xr[bb], 1e-6);
            EXPECT_NEAR(yr[bb], sv[i] * xr[a] + c[i] * xr[bb], 1e-6);
          }
          for (int64_t i = r; i < d; ++i) EXPECT_EQ(yr[i], xr[i]);
        }
      }
    }
  }
  std::vector<int64_t> ids = {0, 3, 5};
  EXPECT_EQ(FindBadPositionId(ids.data(), 3, 5), 2);
  EXPECT_EQ(FindBadPositionId(ids.data(), 2, 5), -1);
}

}  // namespace
}  // namespace onnxi::kernels
