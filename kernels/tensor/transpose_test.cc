// TransposeUnits against the reference StridedCopyRef: 2-D, 3-D and 4-D permutations
// (including BERT's (0, 2, 1, 3) and (0, 2, 3, 1)), sizes around the tile (15, 16, 17, 33),
// 1-element and empty dims, any unit split, guard after the output.
#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "kernels/tensor/copy.h"
#include "kernels/tensor/transpose.h"

namespace onnxi::kernels {
namespace {

void Check(const std::vector<int64_t>& in, const std::vector<int>& perm) {
  const int rank = static_cast<int>(in.size());
  std::vector<int64_t> in_strides(rank, 1);
  for (int k = rank - 2; k >= 0; --k) in_strides[k] = in_strides[k + 1] * in[k + 1];
  std::vector<int64_t> shape(rank), strides(rank), dense(rank, 1);
  for (int k = 0; k < rank; ++k) {
    shape[k] = in[perm[k]];
    strides[k] = in_strides[perm[k]];
  }
  for (int k = rank - 2; k >= 0; --k) dense[k] = dense[k + 1] * shape[k + 1];
  int64_t n = 1;
  for (int64_t d : in) n *= d;
  std::vector<uint32_t> src(n);
  std::iota(src.begin(), src.end(), 1u);
  std::vector<uint32_t> want(n + 1, 0), got(n + 1, 0);
  StridedCopyRef(src.data(), strides.data(), want.data(), dense.data(), shape.data(), rank);
  const int64_t units = TransposeUnitCount(shape.data(), rank);
  for (int64_t split : {int64_t{1}, int64_t{3}, units + 1}) {
    std::fill(got.begin(), got.end(), 0u);
    for (int64_t u = 0; u < units; u += split) {
      TransposeUnits(src.data(), strides.data(), got.data(), shape.data(), rank, u,
                     std::min(units, u + split));
    }
    ASSERT_EQ(got, want) << "rank " << rank << " split " << split;
  }
}

TEST(TransposeKernel, MatchesStridedCopy) {
  for (int64_t r : {1, 15, 16, 17, 33}) {
    for (int64_t c : {1, 7, 16, 17}) Check({r, c}, {1, 0});
  }
  Check({0, 5}, {1, 0});
  Check({2, 128, 12, 64}, {0, 2, 1, 3});
  Check({2, 17, 3, 19}, {0, 2, 3, 1});
  Check({3, 5, 7}, {2, 0, 1});
  Check({3, 5, 7}, {1, 2, 0});
  Check({4, 1, 6}, {2, 1, 0});
}

}  // namespace
}  // namespace onnxi::kernels
