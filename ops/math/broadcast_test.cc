// Tests of loop planning (dim coalescing) and legacy broadcasting in ops/math/broadcast.h.
#include "ops/math/broadcast.h"

#include <gtest/gtest.h>

namespace onnxi {
namespace {

using V = std::vector<int64_t>;

TEST(PlanLoop, SameShapesCoalesceToOneDim) {
  LoopPlan p = PlanLoop({2, 3, 4}, {{2, 3, 4}, {2, 3, 4}});
  EXPECT_EQ(p.dims, (V{24}));
  EXPECT_EQ(p.strides[0], (V{1}));
  EXPECT_EQ(p.strides[1], (V{1}));
}

TEST(PlanLoop, ScalarOperandHasZeroStride) {
  LoopPlan p = PlanLoop({2, 3, 4}, {{2, 3, 4}, {}});
  EXPECT_EQ(p.dims, (V{24}));
  EXPECT_EQ(p.strides[1], (V{0}));
}

TEST(PlanLoop, ChannelBroadcastKeepsThreeDims) {
  // (N, C, H, W) + (C, 1, 1): N stays apart, H*W merge.
  LoopPlan p = PlanLoop({2, 3, 4, 5}, {{2, 3, 4, 5}, {3, 1, 1}});
  EXPECT_EQ(p.dims, (V{2, 3, 20}));
  EXPECT_EQ(p.strides[0], (V{60, 20, 1}));
  EXPECT_EQ(p.strides[1], (V{0, 1, 0}));
}

TEST(PlanLoop, DropsSizeOneDimsAndHandlesRankZero) {
  LoopPlan p = PlanLoop({1, 5, 1}, {{1, 5, 1}, {5, 1}});
  EXPECT_EQ(p.dims, (V{5}));
  EXPECT_EQ(p.strides[1], (V{1}));
  LoopPlan s = PlanLoop({}, {{}, {}});
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.strides.size(), 2u);
}

TEST(BroadcastAll, ReportsAllShapes) {
  auto ok = BroadcastAll({{2, 1}, {3}, {1, 1, 3}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (V{1, 2, 3}));
  auto bad = BroadcastAll({{2, 3}, {4}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("[2, 3], [4]"), std::string::npos)
      << bad.status().message();
}

TEST(LegacyBroadcastShape, AxisAndSuffix) {
  auto a = LegacyBroadcastShape({2, 3, 4, 5}, {3, 4}, true, 1);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, (V{1, 3, 4, 1}));
  auto s = LegacyBroadcastShape({2, 3, 4, 5}, {4, 5}, false, 0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (V{1, 1, 4, 5}));
  auto singleton = LegacyBroadcastShape({2, 3}, {1, 3}, true, 0);
  ASSERT_TRUE(singleton.ok());
  EXPECT_EQ(*singleton, (V{1, 3}));
  EXPECT_FALSE(LegacyBroadcastShape({2, 3}, {2}, false, 0).ok());
  EXPECT_FALSE(LegacyBroadcastShape({2, 3}, {3}, true, 2).ok());
  EXPECT_FALSE(LegacyBroadcastShape({3}, {2, 3}, false, 0).ok());
}

}  // namespace
}  // namespace onnxi
