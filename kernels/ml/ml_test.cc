// Tests of the ai.onnx.ml kernels: LabelEncoder lookups (strings, ints, floats with NaN
// keys), Binarizer, ArrayFeatureExtractor, and TreeEnsemble walks/aggregation/membership
// checked against hand-computed results.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernels/ml/ml_kernels.h"

namespace onnxi::kernels {
namespace {

TEST(LabelEncodeRef, StringIntAndNanKeys) {
  const std::vector<std::string> keys = {"c", "a", "b"};
  std::vector<int64_t> order(3);
  ASSERT_EQ(LabelEncoderSortKeys(keys.data(), 3, order.data()), 3);
  const std::vector<int64_t> vals = {2, 0, 1};
  const std::vector<std::string> x = {"a", "b", "d", "c", ""};
  std::vector<int64_t> y(5);
  LabelEncodeRef(x.data(), 5, keys.data(), order.data(), 3, 3, vals.data(), int64_t{-1},
                 y.data());
  EXPECT_EQ(y, (std::vector<int64_t>{0, 1, -1, 2, -1}));

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> fkeys = {2.5, nan, -1.0};
  ASSERT_EQ(LabelEncoderSortKeys(fkeys.data(), 3, order.data()), 2);
  const std::vector<std::string> svals = {"two", "nan", "minus"};
  const std::vector<float> fx = {-1.0f, std::nanf(""), 2.5f, 7.0f};
  std::vector<std::string> sy(4);
  LabelEncodeRef(fx.data(), 4, fkeys.data(), order.data(), 2, 3, svals.data(),
                 std::string("_Unused"), sy.data());
  EXPECT_EQ(sy, (std::vector<std::string>{"minus", "nan", "two", "_Unused"}));
}

TEST(BinarizerAndFeatureExtractor, Basics) {
  const std::vector<float> x = {-1, 0.5f, 1, 2, std::nanf("")};
  std::vector<float> y(5);
  BinarizerRef(x.data(), 5, 0.75, y.data());
  EXPECT_EQ(y, (std::vector<float>{0, 0, 1, 1, 0}));
  const std::vector<int32_t> m = {0, 1, 2, 3, 4, 5};  // (2, 3)
  const int64_t ind[] = {2, 0};
  EXPECT_EQ(FirstIndexOutOfRange(ind, 2, 3), -1);
  const int64_t bad[] = {1, 3};
  EXPECT_EQ(FirstIndexOutOfRange(bad, 2, 3), 1);
  std::vector<int32_t> z(4);
  ArrayFeatureExtractorRef(m.data(), 2, 3, ind, 2, z.data());
  EXPECT_EQ(z, (std::vector<int32_t>{2, 0, 5, 3}));
}

TEST(TreeEnsembleRef, SingleTreeSumAverageAndCycle) {
  // Node 0: x0 <= 3.14 ? node 1 : node 2; node 1: x0 <= 1.2 ? leaf 0 : leaf 1;
  // node 2: x0 <= 4.2 ? leaf 2 : leaf 3. Leaves: (target, weight).
  const std::vector<double> split = {3.14, 1.2, 4.2}, weight = {5.23, 12.12, -12.23, 7.21};
  const std::vector<int64_t> feature = {0, 0, 0}, tid = {1, 0, 2}, fid = {2, 1, 3},
                             tleaf = {0, 1, 1}, fleaf = {0, 1, 1}, target = {0, 1, 0, 1},
                             roots = {0}, mb = {0, 0, 0}, me = {0, 0, 0};
  const std::vector<uint8_t> mode = {0, 0, 0};
  TreeEnsembleParams p;
  p.num_nodes = 3;
  p.split = split.data();
  p.feature = feature.data();
  p.mode = mode.data();
  p.true_id = tid.data();
  p.false_id = fid.data();
  p.true_leaf = tleaf.data();
  p.false_leaf = fleaf.data();
  p.member_begin = mb.data();
  p.member_end = me.data();
  p.leaf_target = target.data();
  p.leaf_weight = weight.data();
  p.roots = roots.data();
  p.num_trees = 1;
  p.n_targets = 2;
  const std::vector<double> x = {1.0, 2.0, 4.0, 9.0};
  std::vector<double> y(8), acc(2);
  ASSERT_TRUE(TreeEnsembleRef(x.data(), 4, 1, y.data(), p, acc.data()));
  EXPECT_EQ(y, (std::vector<double>{5.23, 0, 0, 12.12, -12.23, 0, 0, 7.21}));
  // A cycle (node 0 -> node 0) is reported, not looped forever.
  const std::vector<int64_t> self = {0, 0, 0}, noleaf = {0, 0, 0};
  p.true_id = self.data();
  p.false_id = self.data();
  p.true_leaf = noleaf.data();
  p.false_leaf = noleaf.data();
  EXPECT_FALSE(TreeEnsembleRef(x.data(), 1, 1, y.data(), p, acc.data()));
}

TEST(TreeEnsembleIndexMembers, NanSeparatedSets) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<uint8_t> mode = {0, 6, 6};
  const std::vector<double> members = {1.2, 3.7, nan, 12, 7, nan};
  int64_t b[3], e[3];
  ASSERT_TRUE(TreeEnsembleIndexMembers(mode.data(), 3, members.data(), 6, b, e));
  EXPECT_EQ(b[1], 0);
  EXPECT_EQ(e[1], 2);
  EXPECT_EQ(b[2], 3);
  EXPECT_EQ(e[2], 5);
  EXPECT_FALSE(TreeEnsembleIndexMembers(mode.data(), 3, members.data(), 3, b, e));
}

TEST(ErfInv, InvertsErf) {
  for (double v : {-0.999, -0.5, 0.0, 0.3, 0.9, 0.99999}) {
    EXPECT_NEAR(std::erf(ErfInv(v)), v, 1e-12);
  }
}

}  // namespace
}  // namespace onnxi::kernels
