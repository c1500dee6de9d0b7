// SumToShapeRef against a naive loop: every element of g added into the element of y it was
// broadcast from, for shapes with broadcast dims first, last, in the middle, missing (lower
// rank), of extent 0, and for a scalar.
#include "kernels/training/sum_to_shape.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/training/fill.h"

namespace onnxi::kernels {
namespace {

// g_shape: g's dims; like: y's dims, right-aligned, each 1 or equal to g's.
void Check(const std::vector<int64_t>& g_shape, const std::vector<int64_t>& like) {
  const int rank = static_cast<int>(g_shape.size());
  std::vector<int64_t> padded(rank - like.size(), 1);
  padded.insert(padded.end(), like.begin(), like.end());
  int64_t gn = 1, yn = 1;
  for (int64_t d : g_shape) gn *= d;
  for (int64_t d : padded) yn *= d;
  std::vector<int64_t> g_strides(rank), y_strides(rank);
  int64_t gs = 1, ys = 1;
  for (int d = rank - 1; d >= 0; --d) {
    g_strides[d] = gs;
    gs *= g_shape[d];
    y_strides[d] = padded[d] == 1 ? 0 : ys;
    ys *= padded[d];
  }
  std::vector<int> order;
  for (int d = 0; d < rank; ++d) {
    if (y_strides[d] != 0 || g_shape[d] == 1) order.push_back(d);
  }
  const int kept = static_cast<int>(order.size());
  for (int d = 0; d < rank; ++d) {
    if (y_strides[d] == 0 && g_shape[d] != 1) order.push_back(d);
  }
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> g(gn);
  for (float& v : g) v = dist(rng);

  // Naive: walk g's flat index, decompose, and add into y's flat index.
  std::vector<double> want(yn, 0.0);
  for (int64_t i = 0; i < gn; ++i) {
    int64_t rest = i, yi = 0;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t idx = rest % g_shape[d];
      rest /= g_shape[d];
      yi += idx * y_strides[d];
    }
    want[yi] += g[i];
  }
  std::vector<float> y(yn + 1);
  FillRef<float>(yn + 1, 12345.0f, y.data());  // guard element after the end
  SumToShapeGeometry geo;
  geo.rank = rank;
  geo.kept = kept;
  geo.dims = g_shape.data();
  geo.g_strides = g_strides.data();
  geo.y_strides = y_strides.data();
  geo.order = order.data();
  SumToShapeRef<float, double>(geo, g.data(), y.data());
  for (int64_t j = 0; j < yn; ++j) EXPECT_NEAR(y[j], want[j], 1e-5) << "element " << j;
  EXPECT_EQ(y[yn], 12345.0f);
}

TEST(SumToShapeKernel, MatchesNaiveLoop) {
  Check({}, {});  // scalar
  Check({1}, {1});
  Check({5}, {});  // to a scalar
  Check({5}, {1});
  Check({3, 7}, {7});           // leading dim summed
  Check({3, 7}, {3, 1});        // trailing dim summed
  Check({3, 7}, {3, 7});        // nothing summed
  Check({2, 5, 3}, {2, 1, 3});  // middle
  Check({2, 5, 3}, {5, 1});     // outer and inner
  Check({4, 1, 3, 2}, {1, 1, 3, 1});
  Check({3, 0, 2}, {3, 1, 2});  // summed extent 0: zeros
  Check({0, 4}, {4});
}

}  // namespace
}  // namespace onnxi::kernels
