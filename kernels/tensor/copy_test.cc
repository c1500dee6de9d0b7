// Tests of kernels/tensor/copy.h against naive loops: sizes 0 and 1, odd shapes, random
// data, negative and zero strides, strings.
#include "kernels/tensor/copy.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace onnxi::kernels {
namespace {

std::vector<uint32_t> RandomData(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint32_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

TEST(CopyRefTest, CopiesAndHandlesEmpty) {
  for (int64_t n : {0, 1, 7, 33}) {
    std::vector<uint32_t> src = RandomData(n, 1);
    std::vector<uint32_t> dst(n + 1, 0xdeadbeef);  // guard element at the end
    CopyRef(src.data(), dst.data(), n);
    for (int64_t i = 0; i < n; ++i) EXPECT_EQ(dst[i], src[i]);
    EXPECT_EQ(dst[n], 0xdeadbeefu);
  }
  std::vector<std::string> s = {"a", "bc", ""}, d(3);
  CopyRef(s.data(), d.data(), 3);
  EXPECT_EQ(d, s);
}

// Naive transpose of a (2..5)-D tensor via strided copy, compared with index arithmetic.
TEST(StridedCopyRefTest, TransposeMatchesNaive) {
  const std::vector<int64_t> shape = {3, 5, 2, 7};  // input (a, b, c, d)
  const std::vector<int> perm = {2, 0, 3, 1};
  std::vector<uint32_t> src = RandomData(3 * 5 * 2 * 7, 2);
  const int64_t in_strides[4] = {5 * 2 * 7, 2 * 7, 7, 1};
  int64_t walk[4], src_strides[4];
  for (int i = 0; i < 4; ++i) {
    walk[i] = shape[perm[i]];
    src_strides[i] = in_strides[perm[i]];
  }
  const int64_t dst_strides[4] = {walk[1] * walk[2] * walk[3], walk[2] * walk[3], walk[3], 1};
  std::vector<uint32_t> dst(src.size() + 1, 0xdeadbeef);
  StridedCopyRef(src.data(), src_strides, dst.data(), dst_strides, walk, 4);
  for (int64_t i0 = 0; i0 < walk[0]; ++i0)
    for (int64_t i1 = 0; i1 < walk[1]; ++i1)
      for (int64_t i2 = 0; i2 < walk[2]; ++i2)
        for (int64_t i3 = 0; i3 < walk[3]; ++i3) {
          // out[i0, i1, i2, i3] = in[a=i1, b=i3, c=i0, d=i2]
          int64_t in_index = i1 * in_strides[0] + i3 * in_strides[1] + i0 * in_strides[2] +
                             i2 * in_strides[3];
          int64_t out_index = ((i0 * walk[1] + i1) * walk[2] + i2) * walk[3] + i3;
          ASSERT_EQ(dst[out_index], src[in_index]);
        }
  EXPECT_EQ(dst.back(), 0xdeadbeefu);
}

TEST(StridedCopyRefTest, NegativeAndZeroStrides) {
  // Reverse a row of 5 and broadcast it over 3 rows.
  std::vector<uint16_t> src = {1, 2, 3, 4, 5};
  const int64_t walk[2] = {3, 5};
  const int64_t src_strides[2] = {0, -1};
  const int64_t dst_strides[2] = {5, 1};
  std::vector<uint16_t> dst(15);
  StridedCopyRef(src.data() + 4, src_strides, dst.data(), dst_strides, walk, 2);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 5; ++c) EXPECT_EQ(dst[r * 5 + c], 5 - c);
}

TEST(StridedCopyRefTest, RankZeroAndEmpty) {
  uint8_t src = 7, dst = 0;
  StridedCopyRef(&src, nullptr, &dst, nullptr, nullptr, 0);
  EXPECT_EQ(dst, 7);
  const int64_t walk[2] = {4, 0};
  const int64_t strides[2] = {1, 1};
  uint8_t guard = 9;
  StridedCopyRef(&src, strides, &guard, strides, walk, 2);
  EXPECT_EQ(guard, 9);
}

TEST(StridedCopyRefTest, Strings) {
  std::vector<std::string> src = {"a", "b", "c", "d", "e", "f"};  // (2, 3)
  const int64_t walk[2] = {3, 2};
  const int64_t src_strides[2] = {1, 3};
  const int64_t dst_strides[2] = {2, 1};
  std::vector<std::string> dst(6);
  StridedCopyRef(src.data(), src_strides, dst.data(), dst_strides, walk, 2);
  EXPECT_EQ(dst, (std::vector<std::string>{"a", "d", "b", "e", "c", "f"}));
}

TEST(IndexMapCopyRefTest, MatchesNaivePad) {
  // Input (3, 4); output (5, 7) with maps mixing constant (-1), edge and reflect.
  std::vector<uint32_t> src = RandomData(12, 3);
  const int64_t strides[2] = {4, 1};
  std::vector<int64_t> map0 = {-1, 0, 1, 2, -1};
  std::vector<int64_t> map1 = {2, 1, 0, 1, 2, 3, 2};
  const int64_t* maps[2] = {map0.data(), map1.data()};
  const int64_t out_shape[2] = {5, 7};
  std::vector<uint32_t> dst(36, 0xdeadbeef);
  IndexMapCopyRef(src.data(), strides, maps, out_shape, 2, 42u, dst.data());
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 7; ++j) {
      uint32_t want = map0[i] < 0 ? 42u : src[map0[i] * 4 + map1[j]];
      EXPECT_EQ(dst[i * 7 + j], want);
    }
  EXPECT_EQ(dst[35], 0xdeadbeefu);
}

TEST(FillRefTest, Fills) {
  std::vector<uint64_t> v(9, 0);
  FillRef(v.data(), 8, uint64_t{5});
  for (int i = 0; i < 8; ++i) EXPECT_EQ(v[i], 5u);
  EXPECT_EQ(v[8], 0u);
}

}  // namespace
}  // namespace onnxi::kernels
