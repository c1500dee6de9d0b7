// The SIMD reductions (vreduce.h) against their twin ReduceRef on the same views, for every
// Isa the CPU runs: rows of n = 0, 1, width +- 1, 4 * width +- 1 and odd lengths; columns of
// odd heights and widths around the vector and 4-vector tiles; every reduce kind; NaN
// propagation; guard elements around each output.
#include "kernels/reduce/vreduce.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace onnxi::kernels {
namespace {

const Isa kSimdIsas[] = {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512};
const ReduceKind kAllKinds[] = {
    ReduceKind::kSum, ReduceKind::kMean,   ReduceKind::kMax,    ReduceKind::kMin,
    ReduceKind::kProd, ReduceKind::kL1,    ReduceKind::kL2,     ReduceKind::kLogSum,
    ReduceKind::kLogSumExp, ReduceKind::kSumSquare};

std::vector<float> RandomData(int64_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(0.5f, 1.5f);  // positive: LogSum is defined
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

// Reference of a (outer, n, inner) view reduced over n.
std::vector<float> Ref(ReduceKind kind, const std::vector<float>& x, int64_t outer, int64_t n,
                       int64_t inner) {
  const int64_t dims[3] = {outer, n, inner};
  const bool flags[3] = {false, true, false};
  ReduceGeometry g;
  EXPECT_TRUE(MakeReduceGeometry(3, dims, flags, &g));
  std::vector<float> y(outer * inner);
  ReduceRef<float>(kind, x.data(), y.data(), g);
  return y;
}

void ExpectNear(float want, float got, const char* what) {
  if (std::isnan(want) || std::isinf(want)) {
    EXPECT_EQ(std::isnan(want), std::isnan(got)) << what << " want " << want << " got " << got;
    if (std::isinf(want)) {
      EXPECT_EQ(want, got) << what;
    }
    return;
  }
  EXPECT_NEAR(want, got, 2e-5 * std::fabs(want) + 1e-30) << what;
}

TEST(VReduce, RowsMatchTwin) {
  std::mt19937 rng(11);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    const VReduceKernels* vk = GetVReduce(isa);
    ASSERT_NE(vk, nullptr);
    for (int64_t n : {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 67, 768,
                      1031}) {
      const int64_t rows = 3;
      std::vector<float> x = RandomData(rows * n, rng);
      for (ReduceKind kind : kAllKinds) {
        std::vector<float> want = Ref(kind, x, rows, n, 1);
        std::vector<float> y(rows + 2, -7.f);  // guards at y[0] and y[rows + 1]
        vk->rows(kind, x.data(), y.data() + 1, 0, rows, n);
        EXPECT_EQ(y[0], -7.f);
        EXPECT_EQ(y[rows + 1], -7.f);
        for (int64_t r = 0; r < rows; ++r) {
          ExpectNear(want[r], y[r + 1], IsaName(isa));
          if (kind == ReduceKind::kMax || kind == ReduceKind::kMin) {
            EXPECT_EQ(want[r], y[r + 1]);
          }
        }
      }
    }
  }
}

TEST(VReduce, ColsMatchTwin) {
  std::mt19937 rng(5);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    const VReduceKernels* vk = GetVReduce(isa);
    for (int64_t n : {0, 1, 2, 5, 33}) {
      for (int64_t inner : {1, 3, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 67, 300}) {
        std::vector<float> x = RandomData(n * inner, rng);
        for (ReduceKind kind : kAllKinds) {
          std::vector<float> want = Ref(kind, x, 1, n, inner);
          std::vector<float> y(inner + 2, -7.f);
          // Two column ranges, split at an odd point, as the op's blocks would.
          const int64_t mid = inner / 3;
          vk->cols(kind, x.data(), y.data() + 1, n, inner, 0, mid);
          vk->cols(kind, x.data(), y.data() + 1, n, inner, mid, inner);
          EXPECT_EQ(y[0], -7.f);
          EXPECT_EQ(y[inner + 1], -7.f);
          for (int64_t i = 0; i < inner; ++i) ExpectNear(want[i], y[i + 1], IsaName(isa));
        }
      }
    }
  }
}

TEST(VReduce, NanAndInfinityFollowTheTwin) {
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    const VReduceKernels* vk = GetVReduce(isa);
    for (int64_t n : {1, 9, 40}) {
      for (int64_t at : {int64_t{0}, n - 1}) {
        for (float special : {NAN, INFINITY, -INFINITY}) {
          std::vector<float> x(n, 1.0f);
          x[at] = special;
          for (ReduceKind kind : kAllKinds) {
            std::vector<float> want = Ref(kind, x, 1, n, 1);
            float y = 0;
            vk->rows(kind, x.data(), &y, 0, 1, n);
            ExpectNear(want[0], y, (std::string("rows kind ") + std::to_string(int(kind))).c_str());
            // The same data as one column per element... transposed: n rows of 1 column.
            vk->cols(kind, x.data(), &y, n, 1, 0, 1);
            ExpectNear(want[0], y, "cols");
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
