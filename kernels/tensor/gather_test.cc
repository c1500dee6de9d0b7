// Tests of kernels/tensor/gather.h and generate.h against naive loops.
#include "kernels/tensor/gather.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/tensor/generate.h"

namespace onnxi::kernels {
namespace {

TEST(FindIndexOutOfRangeTest, FindsFirstBad) {
  std::vector<int64_t> idx = {0, -3, 2, 3, -4};
  EXPECT_EQ(FindIndexOutOfRange(idx.data(), 3, int64_t{3}), -1);
  EXPECT_EQ(FindIndexOutOfRange(idx.data(), 5, int64_t{3}), 3);
  EXPECT_EQ(FindIndexOutOfRange(idx.data(), 0, int64_t{0}), -1);
  std::vector<int32_t> one = {0};
  EXPECT_EQ(FindIndexOutOfRange(one.data(), 1, int64_t{0}), 0);
}

TEST(GatherRefTest, MatchesNaive) {
  std::mt19937 rng(5);
  for (auto [outer, dim, inner] : std::vector<std::array<int64_t, 3>>{
           {1, 1, 1}, {3, 5, 7}, {2, 4, 1}, {0, 3, 2}}) {
    std::vector<float> src(outer * dim * inner);
    for (auto& x : src) x = static_cast<float>(rng() % 1000);
    std::vector<int32_t> idx = {static_cast<int32_t>(dim - 1), 0, static_cast<int32_t>(-dim)};
    std::vector<float> dst(outer * 3 * inner + 1, -1.0f);
    GatherRef(src.data(), outer, dim, inner, idx.data(), 3, dst.data());
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < 3; ++j)
        for (int64_t i = 0; i < inner; ++i) {
          int64_t k = idx[j] < 0 ? idx[j] + dim : idx[j];
          ASSERT_EQ(dst[(o * 3 + j) * inner + i], src[(o * dim + k) * inner + i]);
        }
    EXPECT_EQ(dst.back(), -1.0f);
  }
}

TEST(GatherElementsRefTest, MatchesNaiveAxis1) {
  // data (2, 3), indices (2, 2) on axis 1.
  std::vector<int> data = {1, 2, 3, 4, 5, 6};
  std::vector<int64_t> idx = {0, -1, 2, 1};
  const int64_t strides[2] = {3, 1};
  const int64_t shape[2] = {2, 2};
  std::vector<int> out(4);
  GatherElementsRef(data.data(), strides, idx.data(), shape, 2, 1, 3, out.data());
  EXPECT_EQ(out, (std::vector<int>{1, 3, 6, 5}));
}

TEST(GatherNDRefTest, BatchAndErrors) {
  // data (2, 2, 2), batch_dims 1, indices (2, 1) -> out (2, 2).
  std::vector<int> data = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<int64_t> idx = {1, 0};
  const int64_t dims[1] = {2};
  const int64_t strides[1] = {2};
  std::vector<int> out(4);
  EXPECT_EQ(GatherNDRef(data.data(), 2, 4, idx.data(), 1, 1, dims, strides, 2, out.data()), -1);
  EXPECT_EQ(out, (std::vector<int>{2, 3, 4, 5}));
  std::vector<int64_t> bad = {1, 2};
  EXPECT_EQ(GatherNDRef(data.data(), 2, 4, bad.data(), 1, 1, dims, strides, 2, out.data()), 1);
}

TEST(GenerateTest, RangeEyeTriluOneHot) {
  std::vector<int32_t> r(4);
  RangeRef<int32_t, int64_t>(10, -3, 4, r.data());
  EXPECT_EQ(r, (std::vector<int32_t>{10, 7, 4, 1}));

  std::vector<int> eye(6);
  EyeRef(2, 3, 1, 0, 1, eye.data());
  EXPECT_EQ(eye, (std::vector<int>{0, 1, 0, 0, 0, 1}));

  std::vector<int> m = {1, 2, 3, 4, 5, 6, 7, 8, 9}, t(9);
  TriluRef(m.data(), 1, 3, 3, 0, true, 0, t.data());
  EXPECT_EQ(t, (std::vector<int>{1, 2, 3, 0, 5, 6, 0, 0, 9}));
  TriluRef(m.data(), 1, 3, 3, -1, false, 0, t.data());
  EXPECT_EQ(t, (std::vector<int>{0, 0, 0, 4, 0, 0, 7, 8, 0}));

  // indices (2,) with depth 3 at axis 1 (outer 2, inner 1); -1 -> 2; 5 -> all off.
  std::vector<float> ids = {-1.0f, 5.0f};
  std::vector<int> oh(6);
  OneHotRef(ids.data(), 2, 1, 3, 0, 1, oh.data());
  EXPECT_EQ(oh, (std::vector<int>{0, 0, 1, 0, 0, 0}));
}

}  // namespace
}  // namespace onnxi::kernels
