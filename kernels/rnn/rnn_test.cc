// Recurrent kernel tests: a hand-computed RNN step, activations, clipping, reverse direction
// as forward over a time-reversed input, sequence lengths (zero rows, final state), and the
// batch-major layout's strides giving the same numbers as the sequence-major one.
#include "kernels/rnn/rnn.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {

RnnParams Params(RnnKind kind, int64_t s, int64_t b, int64_t i, int64_t h) {
  RnnParams p;
  p.kind = kind;
  p.seq_len = s;
  p.batch = b;
  p.input_size = i;
  p.hidden_size = h;
  p.x_t = b * i;  // seq-major X (S, B, I)
  p.x_b = i;
  p.y_t = b * h;  // Y (S, B, H)
  p.y_b = h;
  p.state_b = h;
  if (kind != RnnKind::kRnn) p.f.kind = RnnActivationKind::kSigmoid;
  return p;
}

std::vector<float> Random(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

TEST(RnnKernelTest, OneRnnStepByHand) {
  RnnParams p = Params(RnnKind::kRnn, 2, 1, 1, 1);
  const float x[] = {0.5f, -1.0f}, w[] = {2.0f}, r[] = {0.5f}, b[] = {0.1f, 0.2f};
  float y[2], yh[1];
  std::vector<float> scratch(RnnScratchSize(p));
  RnnDirectionRef<float>(p, x, w, r, b, static_cast<const float*>(nullptr), nullptr, nullptr,
                         nullptr, y, yh, static_cast<float*>(nullptr), scratch.data());
  const float h1 = std::tanh(0.5f * 2 + 0.1f + 0.2f);
  const float h2 = std::tanh(-2.0f + 0.5f * h1 + 0.3f);
  EXPECT_NEAR(y[0], h1, 1e-6);
  EXPECT_NEAR(y[1], h2, 1e-6);
  EXPECT_NEAR(yh[0], h2, 1e-6);
}

TEST(RnnKernelTest, ClipAndActivations) {
  RnnParams p = Params(RnnKind::kRnn, 1, 1, 1, 1);
  p.f.kind = RnnActivationKind::kRelu;
  p.clip = 1.5f;
  const float x[] = {10.0f}, w[] = {1.0f}, r[] = {0.0f};
  float yh[1];
  std::vector<float> scratch(RnnScratchSize(p));
  RnnDirectionRef<float>(p, x, w, r, static_cast<const float*>(nullptr),
                         static_cast<const float*>(nullptr), nullptr, nullptr, nullptr,
                         static_cast<float*>(nullptr), yh, static_cast<float*>(nullptr),
                         scratch.data());
  EXPECT_FLOAT_EQ(yh[0], 1.5f);
  RnnActivation a;
  a.kind = RnnActivationKind::kHardSigmoid;
  a.alpha = 0.2f;
  a.beta = 0.5f;
  EXPECT_FLOAT_EQ(ApplyRnnActivation(a, 1.0f), 0.7f);
  a.kind = RnnActivationKind::kLeakyRelu;
  a.alpha = 0.1f;
  EXPECT_FLOAT_EQ(ApplyRnnActivation(a, -2.0f), -0.2f);
  a.kind = RnnActivationKind::kSoftsign;
  EXPECT_FLOAT_EQ(ApplyRnnActivation(a, 1.0f), 0.5f);
}

// Reverse over X equals forward over X reversed in time, for every kind.
TEST(RnnKernelTest, ReverseIsForwardOnReversedInput) {
  std::mt19937 rng(5);
  for (RnnKind kind : {RnnKind::kRnn, RnnKind::kGru, RnnKind::kLstm}) {
    for (bool lbr : {false, true}) {
      const int64_t s = 4, b = 3, in = 2, h = 5, g = RnnGateCount(kind);
      RnnParams p = Params(kind, s, b, in, h);
      p.linear_before_reset = lbr;
      auto x = Random(s * b * in, rng), w = Random(g * h * in, rng), r = Random(g * h * h, rng);
      auto bias = Random(2 * g * h, rng), peep = Random(3 * h, rng), h0 = Random(b * h, rng);
      auto c0 = Random(b * h, rng);
      std::vector<float> xr(x.size());
      for (int64_t t = 0; t < s; ++t) {
        for (int64_t j = 0; j < b * in; ++j) xr[t * b * in + j] = x[(s - 1 - t) * b * in + j];
      }
      std::vector<float> y1(s * b * h), yh1(b * h), yc1(b * h), y2(s * b * h), yh2(b * h),
          yc2(b * h), scratch(RnnScratchSize(p));
      const float* pp = kind == RnnKind::kLstm ? peep.data() : nullptr;
      p.reverse = true;
      RnnDirectionRef<float>(p, x.data(), w.data(), r.data(), bias.data(), pp, nullptr, h0.data(),
                             c0.data(), y1.data(), yh1.data(), yc1.data(), scratch.data());
      p.reverse = false;
      RnnDirectionRef<float>(p, xr.data(), w.data(), r.data(), bias.data(), pp, nullptr, h0.data(),
                             c0.data(), y2.data(), yh2.data(), yc2.data(), scratch.data());
      for (int64_t t = 0; t < s; ++t) {
        for (int64_t j = 0; j < b * h; ++j) {
          EXPECT_FLOAT_EQ(y1[t * b * h + j], y2[(s - 1 - t) * b * h + j]);
        }
      }
      EXPECT_EQ(yh1, yh2);
      EXPECT_EQ(yc1, yc2);
    }
  }
}

TEST(RnnKernelTest, SequenceLengthsZeroTailAndKeepLastState) {
  std::mt19937 rng(9);
  const int64_t s = 3, b = 2, in = 2, h = 3;
  RnnParams p = Params(RnnKind::kGru, s, b, in, h);
  auto x = Random(s * b * in, rng), w = Random(3 * h * in, rng), r = Random(3 * h * h, rng);
  const int32_t lens[] = {1, 3};
  std::vector<float> y(s * b * h, 42.0f), yh(b * h), scratch(RnnScratchSize(p));
  RnnDirectionRef<float>(p, x.data(), w.data(), r.data(), static_cast<const float*>(nullptr),
                         static_cast<const float*>(nullptr), lens, nullptr, nullptr, y.data(),
                         yh.data(), static_cast<float*>(nullptr), scratch.data());
  for (int64_t t = 1; t < s; ++t) {
    for (int64_t j = 0; j < h; ++j) EXPECT_EQ(y[t * b * h + j], 0.0f);  // batch 0 past len
  }
  for (int64_t j = 0; j < h; ++j) {
    EXPECT_EQ(yh[j], y[j]);                      // batch 0: state after step 0
    EXPECT_EQ(yh[h + j], y[2 * b * h + h + j]);  // batch 1: after the last step
  }
  // Batch row 1 alone with no lengths gives the same numbers (rows are independent).
  RnnParams q = Params(RnnKind::kGru, s, 1, in, h);
  q.x_t = b * in;
  q.y_t = b * h;
  std::vector<float> y1(s * b * h), yh1(h);
  RnnDirectionRef<float>(q, x.data() + in, w.data(), r.data(), static_cast<const float*>(nullptr),
                         static_cast<const float*>(nullptr), nullptr, nullptr, nullptr, y1.data(),
                         yh1.data(), static_cast<float*>(nullptr), scratch.data());
  for (int64_t j = 0; j < h; ++j) EXPECT_EQ(yh1[j], yh[h + j]);
}

TEST(RnnKernelTest, EmptyBatchWritesNothing) {
  RnnParams p = Params(RnnKind::kLstm, 2, 0, 1, 1);
  std::vector<float> scratch(RnnScratchSize(p));
  const float w[4] = {}, r[4] = {};
  RnnDirectionRef<float>(
      p, static_cast<const float*>(nullptr), w, r, static_cast<const float*>(nullptr),
      static_cast<const float*>(nullptr), nullptr, nullptr, nullptr, static_cast<float*>(nullptr),
      static_cast<float*>(nullptr), static_cast<float*>(nullptr), scratch.data());
  SUCCEED();
}

}  // namespace
}  // namespace onnxi::kernels
