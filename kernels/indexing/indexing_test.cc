// Unit tests of the indexing kernels against naive loops written here: scatter family,
// compress/nonzero, reverse-sequence, cumprod, topk, unique. Sizes 0, 1 and odd shapes,
// random data, duplicate indices and ties.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/indexing/scatter.h"
#include "kernels/indexing/select.h"
#include "kernels/indexing/topk.h"
#include "kernels/indexing/unique.h"

namespace onnxi::kernels {
namespace {

TEST(ScatterKernelTest, ElementsMatchesNaiveWithReductions) {
  std::mt19937 rng(7);
  for (int axis = 0; axis < 2; ++axis) {
    for (auto r : {ScatterReduction::kNone, ScatterReduction::kAdd, ScatterReduction::kMul,
                   ScatterReduction::kMax, ScatterReduction::kMin}) {
      const int64_t data_shape[2] = {3, 5};
      const int64_t idx_shape[2] = {axis == 0 ? 4 : 2, axis == 0 ? 3 : 7};
      const int64_t strides[2] = {5, 1};
      std::vector<float> data(15), out(15), updates(idx_shape[0] * idx_shape[1]);
      std::vector<int64_t> idx(updates.size());
      for (auto& v : data) v = static_cast<float>(rng() % 9) - 4;
      for (auto& v : updates) v = static_cast<float>(rng() % 9) - 4;
      for (auto& v : idx) {
        const int64_t dim = data_shape[axis];
        v = static_cast<int64_t>(rng() % (2 * dim)) - dim;  // negative ones too
      }
      std::vector<float> want = data;
      for (int64_t i = 0; i < idx_shape[0]; ++i) {
        for (int64_t j = 0; j < idx_shape[1]; ++j) {
          int64_t k = idx[i * idx_shape[1] + j];
          if (k < 0) k += data_shape[axis];
          float& dst = axis == 0 ? want[k * 5 + j] : want[i * 5 + k];
          const float u = updates[i * idx_shape[1] + j];
          if (r == ScatterReduction::kNone) dst = u;
          if (r == ScatterReduction::kAdd) dst += u;
          if (r == ScatterReduction::kMul) dst *= u;
          if (r == ScatterReduction::kMax) dst = std::max(dst, u);
          if (r == ScatterReduction::kMin) dst = std::min(dst, u);
        }
      }
      CopyElements(data.data(), 15, out.data());
      ASSERT_EQ(FindOutOfRange(idx.data(), static_cast<int64_t>(idx.size()), data_shape[axis]),
                -1);
      ScatterElementsRef(out.data(), strides, idx.data(), updates.data(), idx_shape, 2, axis,
                         data_shape[axis], r);
      EXPECT_EQ(out, want) << "axis " << axis << " reduction " << static_cast<int>(r);
    }
  }
}

TEST(ScatterKernelTest, NDReportsFirstBadIndexAndAddsDuplicates) {
  // data (4, 2): tuples of depth 1 address rows.
  std::vector<int32_t> out = {1, 1, 2, 2, 3, 3, 4, 4};
  const int64_t dims[1] = {4}, strides[1] = {2};
  const std::vector<int64_t> idx = {1, -1, 1};
  const std::vector<int32_t> upd = {10, 20, 30, 40, 50, 60};
  EXPECT_EQ(ScatterNDRef(out.data(), idx.data(), 3, 1, dims, strides, upd.data(), 2,
                         ScatterReduction::kAdd),
            -1);
  EXPECT_EQ(out, (std::vector<int32_t>{1, 1, 62, 82, 3, 3, 34, 44}));
  const std::vector<int64_t> bad = {0, 4};
  EXPECT_EQ(ScatterNDRef(out.data(), bad.data(), 2, 1, dims, strides, upd.data(), 2,
                         ScatterReduction::kNone),
            1);
}

TEST(ScatterKernelTest, IntegerMulWrapsWithoutUB) {
  int8_t v = WrapMul<int8_t>(100, 3);
  EXPECT_EQ(v, static_cast<int8_t>(44));  // 300 mod 256
}

TEST(ScatterKernelTest, TensorScatterLinearAndCircular) {
  // cache (2, 4, 1) with axis 1, update (2, 2, 1).
  const std::vector<int> past = {0, 0, 0, 0, 0, 0, 0, 0};
  const std::vector<int> upd = {1, 2, 3, 4};
  const int64_t wi[2] = {1, 3};
  std::vector<int> out = past;
  TensorScatterRef(out.data(), upd.data(), wi, 2, 1, 4, 2, 1, /*circular=*/true);
  EXPECT_EQ(out, (std::vector<int>{0, 1, 2, 0, 4, 0, 0, 3}));
  out = past;
  const int64_t wi2[2] = {2, 0};
  TensorScatterRef(out.data(), upd.data(), wi2, 2, 1, 4, 2, 1, false);
  EXPECT_EQ(out, (std::vector<int>{0, 0, 1, 2, 3, 4, 0, 0}));
  EXPECT_EQ(FindOutsideClosed(wi, 2, 0, 2), 1);
}

TEST(SelectKernelTest, CompressNonZeroReverse) {
  const std::vector<int> x = {1, 2, 3, 4, 5, 6};  // (2, 3)
  const bool cond[2] = {false, true};
  std::vector<int> y(4);
  CompressRef(x.data(), 2, 3, 1, cond, 2, y.data());  // axis 1, keep column 1
  EXPECT_EQ(y[0], 2);
  EXPECT_EQ(y[1], 5);

  const std::vector<float> z = {0, 1.5f, 0, -2, 0, 0};  // (2, 3)
  const int64_t shape[2] = {2, 3};
  ASSERT_EQ(CountNonZero(z.data(), 6), 2);
  std::vector<int64_t> nz(4);
  NonZeroRef(z.data(), shape, 2, 2, nz.data());
  EXPECT_EQ(nz, (std::vector<int64_t>{0, 1, 1, 0}));
  EXPECT_EQ(CountNonZero(z.data(), 0), 0);

  // (time 3, batch 2): lens {3, 1}.
  const std::vector<int> s = {1, 10, 2, 20, 3, 30};
  const int64_t lens[2] = {3, 1};
  std::vector<int> r(6);
  ReverseSequenceRef(s.data(), 3, 2, 1, 0, lens, r.data());
  EXPECT_EQ(r, (std::vector<int>{3, 10, 2, 20, 1, 30}));
  EXPECT_EQ(FindBadLength(lens, 2, 2), 0);
}

TEST(SelectKernelTest, CumProdMatchesNaive) {
  std::mt19937 rng(3);
  for (int64_t n : {0, 1, 5}) {
    for (int flags = 0; flags < 4; ++flags) {
      const bool excl = flags & 1, rev = flags & 2;
      const int64_t outer = 2, inner = 3;
      std::vector<double> x(outer * n * inner), y(x.size()), want(x.size());
      for (auto& v : x) v = static_cast<double>(rng() % 5) - 2;
      for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
          for (int64_t j = 0; j < n; ++j) {
            double p = 1;
            for (int64_t k = 0; k < n; ++k) {
              const bool take = rev ? (excl ? k > j : k >= j) : (excl ? k < j : k <= j);
              if (take) p *= x[(o * n + k) * inner + i];
            }
            want[(o * n + j) * inner + i] = p;
          }
        }
      }
      CumProdRef(x.data(), y.data(), outer, n, inner, excl, rev);
      EXPECT_EQ(y, want) << "n " << n << " flags " << flags;
    }
  }
}

TEST(TopKKernelTest, MatchesStableSortIncludingTies) {
  std::mt19937 rng(11);
  for (int64_t n : {1, 2, 7}) {
    for (int64_t k = 0; k <= n; ++k) {
      for (bool largest : {true, false}) {
        const int64_t outer = 2, inner = 3;
        std::vector<int> x(outer * n * inner);
        for (auto& v : x) v = static_cast<int>(rng() % 3);  // many ties
        std::vector<int> vals(outer * k * inner);
        std::vector<int64_t> idx(vals.size()), scratch(n);
        TopKRef(x.data(), outer, n, inner, k, largest, vals.data(), idx.data(), scratch.data());
        for (int64_t o = 0; o < outer; ++o) {
          for (int64_t i = 0; i < inner; ++i) {
            std::vector<int64_t> order(n);
            for (int64_t j = 0; j < n; ++j) order[j] = j;
            std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
              const int va = x[(o * n + a) * inner + i], vb = x[(o * n + b) * inner + i];
              return largest ? va > vb : va < vb;
            });
            for (int64_t j = 0; j < k; ++j) {
              EXPECT_EQ(idx[(o * k + j) * inner + i], order[j]);
              EXPECT_EQ(vals[(o * k + j) * inner + i], x[(o * n + order[j]) * inner + i]);
            }
          }
        }
      }
    }
  }
}

TEST(UniqueKernelTest, SortedAndUnsortedFlat) {
  const std::vector<float> x = {2, 1, 1, 3, 4, 3};
  const int64_t n = 6;
  std::vector<int64_t> first(n), counts(n), inverse(n), perm(n), rank(n);
  int64_t u = UniqueGroupsRef(x.data(), 1, n, 1, true, first.data(), counts.data(),
                              inverse.data(), perm.data(), rank.data());
  ASSERT_EQ(u, 4);
  EXPECT_EQ(std::vector<int64_t>(first.begin(), first.begin() + u),
            (std::vector<int64_t>{1, 0, 3, 4}));
  EXPECT_EQ(std::vector<int64_t>(counts.begin(), counts.begin() + u),
            (std::vector<int64_t>{2, 1, 2, 1}));
  EXPECT_EQ(inverse, (std::vector<int64_t>{1, 0, 0, 2, 3, 2}));
  u = UniqueGroupsRef(x.data(), 1, n, 1, false, first.data(), counts.data(), inverse.data(),
                      perm.data(), rank.data());
  ASSERT_EQ(u, 4);
  EXPECT_EQ(std::vector<int64_t>(first.begin(), first.begin() + u),
            (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(std::vector<int64_t>(counts.begin(), counts.begin() + u),
            (std::vector<int64_t>{1, 2, 2, 1}));
  EXPECT_EQ(inverse, (std::vector<int64_t>{0, 1, 1, 2, 3, 2}));
  std::vector<float> y(u);
  UniqueGatherRef(x.data(), 1, n, 1, first.data(), u, y.data());
  EXPECT_EQ(y, (std::vector<float>{2, 1, 3, 4}));
  EXPECT_EQ(UniqueGroupsRef(x.data(), 1, 0, 1, true, first.data(), counts.data(),
                            inverse.data(), perm.data(), rank.data()),
            0);
}

TEST(UniqueKernelTest, RowsAlongAxis0) {
  // (3, 2): rows {1, 0}, {0, 5}, {1, 0} -> unique rows sorted {0, 5}, {1, 0}.
  const std::vector<int> x = {1, 0, 0, 5, 1, 0};
  std::vector<int64_t> first(3), counts(3), inverse(3), perm(3), rank(3);
  const int64_t u = UniqueGroupsRef(x.data(), 1, 3, 2, true, first.data(), counts.data(),
                                    inverse.data(), perm.data(), rank.data());
  ASSERT_EQ(u, 2);
  std::vector<int> y(4);
  UniqueGatherRef(x.data(), 1, 3, 2, first.data(), u, y.data());
  EXPECT_EQ(y, (std::vector<int>{0, 5, 1, 0}));
  EXPECT_EQ(inverse, (std::vector<int64_t>{1, 0, 1}));
}

}  // namespace
}  // namespace onnxi::kernels
