// Tests of the reference reduction kernels against naive loops written here: every axis
// subset of small odd shapes (including zero-size axes), random data, all reduce kinds, and
// the arg-reductions and CumSum on (outer, n, inner) views.
#include "kernels/reduce/reduce.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/reduce/arg_reduce.h"
#include "kernels/reduce/cumsum.h"

namespace onnxi::kernels {
namespace {

using Dims = std::vector<int64_t>;

const ReduceKind kAllKinds[] = {
    ReduceKind::kSum, ReduceKind::kMean,   ReduceKind::kMax,    ReduceKind::kMin,
    ReduceKind::kProd, ReduceKind::kL1,    ReduceKind::kL2,     ReduceKind::kLogSum,
    ReduceKind::kLogSumExp, ReduceKind::kSumSquare};

// Naive reduction: walk every input index, find its output index, combine in double.
std::vector<double> NaiveReduce(ReduceKind kind, const std::vector<double>& x, const Dims& dims,
                                const std::vector<bool>& reduced) {
  const int rank = static_cast<int>(dims.size());
  int64_t out_count = 1, red_count = 1;
  for (int i = 0; i < rank; ++i) (reduced[i] ? red_count : out_count) *= dims[i];
  const double inf = std::numeric_limits<double>::infinity();
  double init = 0;
  if (kind == ReduceKind::kMax || kind == ReduceKind::kLogSumExp) init = -inf;
  if (kind == ReduceKind::kMin) init = inf;
  if (kind == ReduceKind::kProd) init = 1;
  std::vector<double> acc(out_count, init), m(out_count, -inf);
  // LogSumExp needs each output's max first.
  std::vector<int64_t> idx(rank, 0);
  auto out_index = [&]() {
    int64_t o = 0;
    for (int i = 0; i < rank; ++i) {
      if (!reduced[i]) o = o * dims[i] + idx[i];
    }
    return o;
  };
  auto next = [&]() {
    for (int i = rank - 1; i >= 0; --i) {
      if (++idx[i] < dims[i]) return;
      idx[i] = 0;
    }
  };
  const int64_t n = static_cast<int64_t>(x.size());
  for (int64_t k = 0; k < n; ++k, next()) m[out_index()] = std::max(m[out_index()], x[k]);
  std::fill(idx.begin(), idx.end(), 0);
  for (int64_t k = 0; k < n; ++k, next()) {
    double& a = acc[out_index()];
    const double v = x[k];
    switch (kind) {
      case ReduceKind::kSum:
      case ReduceKind::kMean:
      case ReduceKind::kLogSum: a += v; break;
      case ReduceKind::kMax: a = std::max(a, v); break;
      case ReduceKind::kMin: a = std::min(a, v); break;
      case ReduceKind::kProd: a *= v; break;
      case ReduceKind::kL1: a += std::fabs(v); break;
      case ReduceKind::kL2:
      case ReduceKind::kSumSquare: a += v * v; break;
      case ReduceKind::kLogSumExp:
        a = (a == -inf ? 0 : a) + std::exp(v - m[out_index()]);
        break;
    }
  }
  for (int64_t o = 0; o < out_count; ++o) {
    double& a = acc[o];
    if (kind == ReduceKind::kMean) a /= static_cast<double>(red_count);
    if (kind == ReduceKind::kL2) a = std::sqrt(a);
    if (kind == ReduceKind::kLogSum) a = std::log(a);
    if (kind == ReduceKind::kLogSumExp && red_count > 0) a = m[o] + std::log(a);
  }
  return acc;
}

void ExpectClose(double want, double got, const char* what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what;
  } else if (std::isinf(want)) {
    EXPECT_EQ(want, got) << what;
  } else {
    EXPECT_NEAR(want, got, 1e-4 * (1 + std::fabs(want))) << what;
  }
}

TEST(ReduceRefTest, EveryAxisSubsetMatchesNaiveLoop) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(0.5f, 1.5f);  // positive: LogSum is defined
  const std::vector<Dims> shapes = {{}, {1}, {5}, {3, 1, 4}, {2, 3, 5, 7}, {3, 0, 2}, {1, 6, 1, 3}};
  for (const Dims& dims : shapes) {
    const int rank = static_cast<int>(dims.size());
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    std::vector<float> x(n);
    std::vector<double> xd(n);
    for (int64_t i = 0; i < n; ++i) xd[i] = x[i] = dist(rng);
    for (int mask = 0; mask < (1 << rank) || (rank == 0 && mask == 0); ++mask) {
      std::vector<bool> reduced(rank);
      bool flags[8] = {};
      for (int i = 0; i < rank; ++i) flags[i] = reduced[i] = (mask >> i) & 1;
      ReduceGeometry g;
      ASSERT_TRUE(MakeReduceGeometry(rank, dims.data(), flags, &g));
      for (ReduceKind kind : kAllKinds) {
        std::vector<double> want = NaiveReduce(kind, xd, dims, reduced);
        ASSERT_EQ(static_cast<int64_t>(want.size()), g.kept_count);
        std::vector<float> y(want.size() + 1, -12345.f);  // one guard element
        ReduceRef<float>(kind, x.data(), y.data(), g);
        for (size_t i = 0; i < want.size(); ++i) {
          ExpectClose(want[i], y[i], "float reduce");
        }
        EXPECT_EQ(y.back(), -12345.f) << "wrote past the output";
      }
    }
  }
}

TEST(ReduceRefTest, EmptySetGivesTheIdentity) {
  const Dims dims = {2, 0};
  bool flags[2] = {false, true};
  ReduceGeometry g;
  ASSERT_TRUE(MakeReduceGeometry(2, dims.data(), flags, &g));
  ASSERT_EQ(g.kept_count, 2);
  ASSERT_EQ(g.reduced_count, 0);
  const float* none = nullptr;
  const float inf = std::numeric_limits<float>::infinity();
  auto run = [&](ReduceKind k) {
    float y[2] = {7, 7};
    ReduceRef<float>(k, none, y, g);
    if (!std::isnan(y[0])) {
      EXPECT_EQ(y[0], y[1]);
    }
    return y[0];
  };
  EXPECT_EQ(run(ReduceKind::kSum), 0);
  EXPECT_EQ(run(ReduceKind::kProd), 1);
  EXPECT_EQ(run(ReduceKind::kMax), -inf);
  EXPECT_EQ(run(ReduceKind::kMin), inf);
  EXPECT_EQ(run(ReduceKind::kLogSum), -inf);
  EXPECT_EQ(run(ReduceKind::kLogSumExp), -inf);
  EXPECT_EQ(run(ReduceKind::kL2), 0);
  EXPECT_TRUE(std::isnan(run(ReduceKind::kMean)));

  int32_t yi[2];
  const int32_t* nonei = nullptr;
  ReduceRef<int32_t>(ReduceKind::kMax, nonei, yi, g);
  EXPECT_EQ(yi[0], std::numeric_limits<int32_t>::lowest());
  ReduceRef<int32_t>(ReduceKind::kLogSum, nonei, yi, g);  // -inf saturates, no UB
  EXPECT_EQ(yi[0], std::numeric_limits<int32_t>::lowest());
}

TEST(ReduceRefTest, IntegersWrapAndBoolIsAnyAll) {
  const Dims dims = {3};
  bool flags[1] = {true};
  ReduceGeometry g;
  ASSERT_TRUE(MakeReduceGeometry(1, dims.data(), flags, &g));
  // 64-bit accumulation, then narrowing modulo 2^32 like numpy: max + 1 + 1 -> min + 1.
  const int32_t x[3] = {std::numeric_limits<int32_t>::max(), 1, 1};
  int32_t y = 0;
  ReduceRef<int32_t>(ReduceKind::kSum, x, &y, g);
  EXPECT_EQ(y, std::numeric_limits<int32_t>::min() + 1);
  const int32_t neg[3] = {-3, 4, -5};
  ReduceRef<int32_t>(ReduceKind::kMin, neg, &y, g);
  EXPECT_EQ(y, -5);
  ReduceRef<int32_t>(ReduceKind::kL1, neg, &y, g);
  EXPECT_EQ(y, 12);
  ReduceRef<int32_t>(ReduceKind::kMean, neg, &y, g);  // -4 / 3 truncates toward 0
  EXPECT_EQ(y, -1);
  const int64_t big[3] = {std::numeric_limits<int64_t>::min(), 2, 3};
  int64_t yl = 1;
  ReduceRef<int64_t>(ReduceKind::kProd, big, &yl, g);  // overflow wraps (defined): 0
  EXPECT_EQ(yl, 0);
  const bool b[3] = {false, true, false};
  bool yb = false;
  ReduceRef<bool>(ReduceKind::kMax, b, &yb, g);
  EXPECT_TRUE(yb);
  ReduceRef<bool>(ReduceKind::kMin, b, &yb, g);
  EXPECT_FALSE(yb);
}

TEST(ArgReduceRefTest, MatchesNaiveLoopWithTies) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> dist(0, 3);  // small range: many ties
  for (int64_t outer : {1, 2, 3}) {
    for (int64_t n : {1, 4, 7}) {
      for (int64_t inner : {1, 5}) {
        std::vector<int32_t> x(outer * n * inner);
        for (auto& v : x) v = dist(rng);
        for (bool is_max : {true, false}) {
          for (bool last : {false, true}) {
            ArgReduceParams p{outer, n, inner, is_max, last};
            std::vector<int64_t> y(outer * inner, -1);
            ArgReduceRef<int32_t>(x.data(), y.data(), p);
            for (int64_t o = 0; o < outer; ++o) {
              for (int64_t i = 0; i < inner; ++i) {
                int64_t best = 0;
                for (int64_t j = 1; j < n; ++j) {
                  int32_t v = x[(o * n + j) * inner + i], b = x[(o * n + best) * inner + i];
                  bool better = is_max ? v > b : v < b;
                  if (better || (last && v == b)) best = j;
                }
                EXPECT_EQ(y[o * inner + i], best);
              }
            }
          }
        }
      }
    }
  }
}

TEST(CumSumRefTest, AllModesMatchNaiveLoop) {
  for (int64_t n : {0, 1, 6}) {
    const int64_t outer = 2, inner = 3;
    std::vector<int64_t> x(outer * n * inner);
    for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int64_t>(i * 7 % 11) - 5;
    for (bool exclusive : {false, true}) {
      for (bool reverse : {false, true}) {
        CumSumParams p{outer, n, inner, exclusive, reverse};
        std::vector<int64_t> y(x.size() + 1, 99);
        CumSumRef<int64_t>(x.data(), y.data(), p);
        for (int64_t o = 0; o < outer; ++o) {
          for (int64_t j = 0; j < n; ++j) {
            for (int64_t i = 0; i < inner; ++i) {
              int64_t want = 0;
              for (int64_t k = 0; k < n; ++k) {
                bool in = reverse ? (exclusive ? k > j : k >= j) : (exclusive ? k < j : k <= j);
                if (in) want += x[(o * n + k) * inner + i];
              }
              EXPECT_EQ(y[(o * n + j) * inner + i], want);
            }
          }
        }
        EXPECT_EQ(y.back(), 99);
      }
    }
  }
}

TEST(ReduceGeometryTest, MergesNeighbouringAxes) {
  const Dims dims = {2, 3, 4, 5};
  bool flags[4] = {false, false, true, true};
  ReduceGeometry g;
  ASSERT_TRUE(MakeReduceGeometry(4, dims.data(), flags, &g));
  EXPECT_EQ(g.num_kept, 1);
  EXPECT_EQ(g.kept_dims[0], 6);
  EXPECT_EQ(g.kept_strides[0], 20);
  EXPECT_EQ(g.num_reduced, 1);
  EXPECT_EQ(g.reduced_dims[0], 20);
  EXPECT_EQ(g.reduced_strides[0], 1);
}

}  // namespace
}  // namespace onnxi::kernels
