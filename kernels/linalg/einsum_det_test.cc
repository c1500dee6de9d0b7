// Unit tests of the Einsum and Det kernels against naive loops written here.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/linalg/det.h"
#include "kernels/linalg/einsum.h"

namespace onnxi::kernels {
namespace {

TEST(EinsumKernelTest, MatmulAsEinsumMatchesNaive) {
  std::mt19937 rng(1);
  for (int64_t m : {0, 1, 3}) {
    const int64_t k = 5, n = 4;
    std::vector<float> a(m * k), b(k * n), c(m * n, -1), want(m * n, 0);
    for (auto& v : a) v = static_cast<float>(rng() % 7) - 3;
    for (auto& v : b) v = static_cast<float>(rng() % 7) - 3;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        for (int64_t l = 0; l < k; ++l) want[i * n + j] += a[i * k + l] * b[l * n + j];
    // Labels: i, j (output), l (summed). "il,lj->ij".
    const int64_t sizes[3] = {m, n, k};
    const int64_t strides[6] = {k, 0, 1, /* b: */ 0, 1, n};
    const void* ops[2] = {a.data(), b.data()};
    EinsumParams p;
    p.n_labels = 3;
    p.n_out = 2;
    p.n_operands = 2;
    p.sizes = sizes;
    p.strides = strides;
    EinsumRef(ops, p, c.data());
    EXPECT_EQ(c, want);
  }
}

TEST(EinsumKernelTest, TraceReadsDiagonal) {
  const std::vector<int32_t> a = {1, 2, 3, 4, 5, 6, 7, 8, 9};  // "ii->" label i stride 3+1
  const int64_t sizes[1] = {3};
  const int64_t strides[1] = {4};
  const void* ops[1] = {a.data()};
  EinsumParams p;
  p.n_labels = 1;
  p.n_out = 0;
  p.n_operands = 1;
  p.sizes = sizes;
  p.strides = strides;
  int32_t out = 0;
  EinsumRef(ops, p, &out);
  EXPECT_EQ(out, 15);
}

TEST(DetKernelTest, MatchesCofactorExpansionAndSingular) {
  std::mt19937 rng(9);
  std::vector<double> a(2 * 9), scratch(9);
  for (auto& v : a) v = static_cast<double>(rng() % 11) - 5;
  std::vector<double> out(2);
  DetRef(a.data(), 2, 3, scratch.data(), out.data());
  for (int b = 0; b < 2; ++b) {
    const double* m = a.data() + 9 * b;
    const double want = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                        m[2] * (m[3] * m[7] - m[4] * m[6]);
    EXPECT_NEAR(out[b], want, 1e-9);
  }
  const std::vector<float> singular = {1, 2, 2, 4};
  float d = -1;
  DetRef(singular.data(), 1, 2, scratch.data(), &d);
  EXPECT_EQ(d, 0.0f);
  float empty = 0;
  DetRef(singular.data(), 1, 0, scratch.data(), &empty);
  EXPECT_EQ(empty, 1.0f);
}

}  // namespace
}  // namespace onnxi::kernels
