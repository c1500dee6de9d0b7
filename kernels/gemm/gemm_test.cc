// GemmRef against a naive triple loop in double: every transpose combination, sizes 0, 1,
// the 64-column block size +-1, odd shapes, padded leading dimensions, alpha/beta.
#include "kernels/gemm/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {

struct Case {
  int64_t m, n, k;
};

// Reference: C = alpha * op(A) op(B) + beta * C in double.
std::vector<double> Naive(const GemmParams& p, const std::vector<double>& a,
                          const std::vector<double>& b, const std::vector<double>& c) {
  std::vector<double> out(c);
  for (int64_t i = 0; i < p.m; ++i) {
    for (int64_t j = 0; j < p.n; ++j) {
      double s = 0;
      for (int64_t q = 0; q < p.k; ++q) {
        const double av = p.trans_a ? a[q * p.lda + i] : a[i * p.lda + q];
        const double bv = p.trans_b ? b[j * p.ldb + q] : b[q * p.ldb + j];
        s += av * bv;
      }
      out[i * p.ldc + j] = p.alpha * s + (p.beta != 0 ? p.beta * c[i * p.ldc + j] : 0.0);
    }
  }
  return out;
}

TEST(GemmRefTest, MatchesNaiveFloat) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1, 1);
  const Case cases[] = {{0, 3, 4},  {3, 0, 4},  {3, 4, 0},   {1, 1, 1},   {2, 63, 5},
                        {4, 64, 3}, {5, 65, 7}, {7, 3, 130}, {13, 17, 19}};
  for (const Case& cs : cases) {
    for (int ta = 0; ta < 2; ++ta) {
      for (int tb = 0; tb < 2; ++tb) {
        for (double beta : {0.0, 1.0, 0.5}) {
          GemmParams p;
          p.m = cs.m;
          p.n = cs.n;
          p.k = cs.k;
          p.trans_a = ta;
          p.trans_b = tb;
          p.lda = (ta ? cs.m : cs.k) + 2;  // padded rows
          p.ldb = (tb ? cs.k : cs.n) + 1;
          p.ldc = cs.n + 3;
          p.alpha = 1.5;
          p.beta = beta;
          const int64_t a_rows = ta ? cs.k : cs.m, b_rows = tb ? cs.n : cs.k;
          std::vector<float> a(a_rows * p.lda), b(b_rows * p.ldb), c(cs.m * p.ldc);
          for (float& v : a) v = dist(rng);
          for (float& v : b) v = dist(rng);
          for (float& v : c) v = dist(rng);
          std::vector<double> ad(a.begin(), a.end()), bd(b.begin(), b.end()),
              cd(c.begin(), c.end());
          if (beta == 0) {  // C is write-only: garbage must not leak into the result
            for (float& v : c) v = std::numeric_limits<float>::quiet_NaN();
          }
          const std::vector<double> want = Naive(p, ad, bd, cd);
          GemmRef(p, a.data(), b.data(), c.data());
          for (int64_t i = 0; i < cs.m; ++i) {
            for (int64_t j = 0; j < cs.n; ++j) {
              ASSERT_NEAR(c[i * p.ldc + j], want[i * p.ldc + j], 1e-4)
                  << "m=" << cs.m << " n=" << cs.n << " k=" << cs.k << " ta=" << ta << " tb=" << tb
                  << " beta=" << beta << " at " << i << "," << j;
            }
          }
        }
      }
    }
  }
}

TEST(GemmRefTest, Float16AccumulatesInFloat) {
  // 2048 products of 1 * 1: a float16 accumulator would stall at 2048 only after rounding;
  // use values whose float16 running sum loses precision (1 + 2048 * 2^-11 ...).
  const int64_t k = 3000;
  std::vector<Float16> a(k, Float16(1.0f)), b(k, Float16(1.0f));
  Float16 c;
  GemmParams p;
  p.m = 1;
  p.n = 1;
  p.k = k;
  p.lda = k;
  p.ldb = 1;
  p.ldc = 1;
  GemmRef(p, a.data(), b.data(), &c);
  // float16 has 11 significant bits: 3000 rounds to 3000 exactly (multiple of 2). A float16
  // accumulator would get stuck at 2048.
  EXPECT_EQ(static_cast<float>(c), 3000.0f);
}

TEST(GemmRefTest, IntegersWrapLikeFixedWidth) {
  std::vector<int32_t> a = {1 << 30, 1 << 30, 3, -4};
  std::vector<int32_t> b = {4, 1, 1, 2};
  std::vector<int32_t> c(4, 0);
  GemmParams p;
  p.m = 2;
  p.n = 2;
  p.k = 2;
  p.lda = 2;
  p.ldb = 2;
  p.ldc = 2;
  GemmRef(p, a.data(), b.data(), c.data());
  // Row 0: (2^30 * 4 + 2^30 * 1) mod 2^32 = 2^30 (as int32), (2^30 + 2^31) wraps negative.
  EXPECT_EQ(c[0], static_cast<int32_t>(static_cast<uint32_t>(5u << 30)));
  EXPECT_EQ(c[2], 3 * 4 - 4 * 1);
  EXPECT_EQ(c[3], 3 * 1 - 4 * 2);
}

TEST(GemmFillBiasTest, BroadcastsRowsAndColumns) {
  const float row[3] = {1, 2, 3};
  std::vector<float> y(6);
  GemmFillBias(row, 0, 1, 2, 3, y.data());
  EXPECT_EQ(y, (std::vector<float>{1, 2, 3, 1, 2, 3}));
  const float col[2] = {5, 6};
  GemmFillBias(col, 1, 0, 2, 3, y.data());
  EXPECT_EQ(y, (std::vector<float>{5, 5, 5, 6, 6, 6}));
  const float s = 9;
  GemmFillBias(&s, 0, 0, 2, 3, y.data());
  EXPECT_EQ(y, (std::vector<float>(6, 9)));
}

}  // namespace
}  // namespace onnxi::kernels
