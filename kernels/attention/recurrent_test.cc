// CausalConvWithStateRef, LinearAttentionRef and the FlexAttention kernels
// against naive loops written from the formulas: the convolution pads a copied
// row explicitly, the linear attention keeps per-query-head copies of the state
// and updates it with whole-vector steps, the flex attention repeats K/V heads
// first. Sizes 0, 1 and odd shapes, random data.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/attention/causal_conv.h"
#include "kernels/attention/flex_attention.h"
#include "kernels/attention/linear_attention.h"

namespace onnxi::kernels {
namespace {

std::vector<float> Random(int64_t n, std::mt19937 &rng, float lo = -1.0f,
                          float hi = 1.0f) {
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto &x : v)
    x = d(rng);
  return v;
}

void ExpectNear(const std::vector<float> &got,
                const std::vector<double> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-5 * (1.0 + std::fabs(want[i])))
        << "at " << i;
  }
}

struct ConvCase {
  int64_t b, c, l, k;
  bool bias, past, silu;
};

TEST(CausalConvRef, MatchesPaddedConvolution) {
  const ConvCase cases[] = {
      {0, 2, 3, 2, true, true, false}, {1, 1, 1, 1, false, false, false},
      {2, 3, 5, 4, true, true, true},  {1, 2, 2, 5, false, true, false},
      {3, 1, 7, 3, true, false, true}, {2, 2, 0, 3, false, true, false}};
  std::mt19937 rng(7);
  for (const auto &cs : cases) {
    const int64_t km1 = cs.k - 1;
    auto x = Random(cs.b * cs.c * cs.l, rng);
    auto w = Random(cs.c * cs.k, rng);
    auto bias = Random(cs.c, rng);
    auto past = Random(cs.b * cs.c * km1, rng);
    std::vector<double> want_y(x.size()), want_state(cs.b * cs.c * km1);
    for (int64_t b = 0; b < cs.b; ++b) {
      for (int64_t c = 0; c < cs.c; ++c) {
        std::vector<double> padded;
        for (int64_t j = 0; j < km1; ++j)
          padded.push_back(cs.past ? past[(b * cs.c + c) * km1 + j] : 0.0);
        for (int64_t t = 0; t < cs.l; ++t)
          padded.push_back(x[(b * cs.c + c) * cs.l + t]);
        for (int64_t t = 0; t < cs.l; ++t) {
          double v = cs.bias ? bias[c] : 0.0;
          for (int64_t k = 0; k < cs.k; ++k)
            v += w[c * cs.k + k] * padded[t + k];
          if (cs.silu)
            v *= 1.0 / (1.0 + std::exp(-v));
          want_y[(b * cs.c + c) * cs.l + t] = v;
        }
        for (int64_t j = 0; j < km1; ++j) {
          want_state[(b * cs.c + c) * km1 + j] =
              padded[padded.size() - km1 + j];
        }
      }
    }
    CausalConvParams p{cs.b, cs.c, cs.l, cs.k, cs.silu};
    std::vector<float> y(x.size(), -99.0f), state(want_state.size(), -99.0f);
    CausalConvWithStateRef<float>(
        p, x.data(), w.data(), cs.bias ? bias.data() : nullptr,
        cs.past ? past.data() : nullptr, y.data(), state.data());
    ExpectNear(y, want_y);
    ExpectNear(state, want_state);
  }
}

struct LinCase {
  int64_t b, t, hq, hkv, dk, dv;
  bool decay, delta, decay_per_head, beta_scalar, past;
};

TEST(LinearAttentionRef, MatchesVectorRecurrence) {
  const LinCase cases[] = {
      {0, 2, 2, 1, 3, 2, true, true, false, false, true},
      {1, 1, 1, 1, 1, 1, false, false, false, false, false},
      {2, 3, 4, 2, 3, 5, true, true, false, false, true},
      {1, 4, 3, 3, 2, 3, true, false, true, false, false},
      {2, 2, 6, 1, 4, 3, false, true, false, true, true},
      {1, 5, 2, 2, 3, 2, false, false, false, false, true}};
  std::mt19937 rng(11);
  for (const auto &cs : cases) {
    const int64_t g = cs.hq / cs.hkv, dd = cs.decay_per_head ? 1 : cs.dk;
    const int64_t hb = cs.beta_scalar ? 1 : cs.hkv;
    auto q = Random(cs.b * cs.t * cs.hq * cs.dk, rng);
    auto k = Random(cs.b * cs.t * cs.hkv * cs.dk, rng);
    auto v = Random(cs.b * cs.t * cs.hkv * cs.dv, rng);
    auto decay = Random(cs.b * cs.t * cs.hkv * dd, rng, -0.5f, 0.0f);
    auto beta = Random(cs.b * cs.t * hb, rng, 0.0f, 1.0f);
    auto past = Random(cs.b * cs.hkv * cs.dk * cs.dv, rng);
    const double scale = 0.7;
    std::vector<double> want_y(cs.b * cs.t * cs.hq * cs.dv),
        want_state(past.size());
    for (int64_t b = 0; b < cs.b; ++b) {
      for (int64_t hk = 0; hk < cs.hkv; ++hk) {
        // S[i][j], the state of this (b, hk).
        std::vector<std::vector<double>> s(cs.dk,
                                           std::vector<double>(cs.dv, 0.0));
        for (int64_t i = 0; i < cs.dk; ++i) {
          for (int64_t j = 0; j < cs.dv; ++j) {
            if (cs.past)
              s[i][j] = past[((b * cs.hkv + hk) * cs.dk + i) * cs.dv + j];
          }
        }
        for (int64_t t = 0; t < cs.t; ++t) {
          const int64_t bt = b * cs.t + t;
          std::vector<double> kt(cs.dk), vt(cs.dv);
          for (int64_t i = 0; i < cs.dk; ++i)
            kt[i] = k[(bt * cs.hkv + hk) * cs.dk + i];
          for (int64_t j = 0; j < cs.dv; ++j)
            vt[j] = v[(bt * cs.hkv + hk) * cs.dv + j];
          if (cs.decay) {
            for (int64_t i = 0; i < cs.dk; ++i) {
              const double e =
                  std::exp(decay[(bt * cs.hkv + hk) * dd + (dd == 1 ? 0 : i)]);
              for (auto &x : s[i])
                x *= e;
            }
          }
          std::vector<double> write = vt;
          if (cs.delta) {
            const double bv = beta[bt * hb + (hb == 1 ? 0 : hk)];
            for (int64_t j = 0; j < cs.dv; ++j) {
              double r = 0.0;
              for (int64_t i = 0; i < cs.dk; ++i)
                r += s[i][j] * kt[i];
              write[j] = bv * (vt[j] - r);
            }
          }
          for (int64_t i = 0; i < cs.dk; ++i) {
            for (int64_t j = 0; j < cs.dv; ++j)
              s[i][j] += kt[i] * write[j];
          }
          for (int64_t h = hk * g; h < (hk + 1) * g; ++h) {
            for (int64_t j = 0; j < cs.dv; ++j) {
              double acc = 0.0;
              for (int64_t i = 0; i < cs.dk; ++i)
                acc += q[(bt * cs.hq + h) * cs.dk + i] * s[i][j];
              want_y[(bt * cs.hq + h) * cs.dv + j] = scale * acc;
            }
          }
        }
        for (int64_t i = 0; i < cs.dk; ++i) {
          for (int64_t j = 0; j < cs.dv; ++j) {
            want_state[((b * cs.hkv + hk) * cs.dk + i) * cs.dv + j] = s[i][j];
          }
        }
      }
    }
    LinearAttentionParams p;
    p.batch = cs.b, p.seq = cs.t, p.q_heads = cs.hq, p.kv_heads = cs.hkv;
    p.dk = cs.dk, p.dv = cs.dv, p.scale = scale;
    p.use_decay = cs.decay, p.use_delta = cs.delta, p.decay_width = dd,
    p.beta_heads = hb;
    std::vector<float> y(want_y.size(), -99.0f),
        state(want_state.size(), -99.0f);
    std::vector<double> scratch(want_state.size() + 1);
    LinearAttentionRef<float>(
        p, q.data(), k.data(), v.data(), cs.past ? past.data() : nullptr,
        decay.data(), beta.data(), y.data(), state.data(), scratch.data());
    ExpectNear(y, want_y);
    ExpectNear(state, want_state);
  }
}

struct FlexCase {
  int64_t b, hq, hkv, l, s, e, ev;
};

TEST(FlexAttentionRef, MatchesRepeatedHeadsAttention) {
  const FlexCase cases[] = {{0, 2, 1, 3, 3, 2, 2},
                            {1, 1, 1, 1, 1, 1, 1},
                            {2, 4, 2, 3, 5, 3, 7},
                            {1, 3, 1, 4, 2, 5, 2}};
  std::mt19937 rng(3);
  for (const auto &cs : cases) {
    auto q = Random(cs.b * cs.hq * cs.l * cs.e, rng);
    auto k = Random(cs.b * cs.hkv * cs.s * cs.e, rng);
    auto v = Random(cs.b * cs.hkv * cs.s * cs.ev, rng);
    const double scale = 0.4;
    // Repeat each K/V head Hq / Hkv times, then plain attention per (b, h).
    const int64_t g = cs.hq / cs.hkv;
    std::vector<double> want_scores(cs.b * cs.hq * cs.l * cs.s),
        want_probs(want_scores.size());
    std::vector<double> want_y(cs.b * cs.hq * cs.l * cs.ev);
    for (int64_t b = 0; b < cs.b; ++b) {
      for (int64_t h = 0; h < cs.hq; ++h) {
        const int64_t kvh = b * cs.hkv + h / g;
        for (int64_t i = 0; i < cs.l; ++i) {
          const int64_t row = ((b * cs.hq + h) * cs.l + i) * cs.s;
          double total = 0.0;
          for (int64_t j = 0; j < cs.s; ++j) {
            double d = 0.0;
            for (int64_t e = 0; e < cs.e; ++e) {
              d += q[((b * cs.hq + h) * cs.l + i) * cs.e + e] *
                   k[(kvh * cs.s + j) * cs.e + e];
            }
            want_scores[row + j] = static_cast<float>(scale * d);
            total += std::exp(want_scores[row + j]);
          }
          for (int64_t j = 0; j < cs.s; ++j)
            want_probs[row + j] = std::exp(want_scores[row + j]) / total;
          for (int64_t e = 0; e < cs.ev; ++e) {
            double acc = 0.0;
            for (int64_t j = 0; j < cs.s; ++j)
              acc += want_probs[row + j] * v[(kvh * cs.s + j) * cs.ev + e];
            want_y[((b * cs.hq + h) * cs.l + i) * cs.ev + e] = acc;
          }
        }
      }
    }
    FlexParams p{cs.b, cs.hq, cs.hkv, cs.l, cs.s, cs.e, cs.ev, scale};
    std::vector<float> scores(want_scores.size()), probs(want_scores.size()),
        y(want_y.size());
    FlexScoresRef<float, float>(p, q.data(), k.data(), scores.data());
    ExpectNear(scores, want_scores);
    SoftmaxRowsRef<float>(scores.data(), cs.b * cs.hq * cs.l, cs.s,
                          probs.data());
    ExpectNear(probs, want_probs);
    FlexOutputRef<float, float>(p, probs.data(), v.data(), y.data());
    ExpectNear(y, want_y);
  }
}

} // namespace
} // namespace onnxi::kernels
