#include "ops/common/shape_util.h"

#include <gtest/gtest.h>

namespace onnxi {
namespace {

TEST(BroadcastShapes, RightAligned) {
  auto r = BroadcastShapes({2, 1, 4}, {3, 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), (Shape{2, 3, 4}));
}

TEST(BroadcastShapes, ScalarAndEmptyDims) {
  EXPECT_EQ(BroadcastShapes({}, {0, 3}).value(), (Shape{0, 3}));
  EXPECT_EQ(BroadcastShapes({1}, {}).value(), (Shape{1}));
}

TEST(BroadcastShapes, IncompatibleNamesBothShapes) {
  auto r = BroadcastShapes({2, 3}, {4});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("[2, 3] and [4]"), std::string::npos);
}

TEST(NormalizeAxis, Range) {
  EXPECT_EQ(NormalizeAxis(-1, 4).value(), 3);
  EXPECT_EQ(NormalizeAxis(0, 4).value(), 0);
  EXPECT_FALSE(NormalizeAxis(4, 4).ok());
  EXPECT_FALSE(NormalizeAxis(-5, 4).ok());
}

TEST(BroadcastStrides, ZeroWhereBroadcast) {
  EXPECT_EQ(BroadcastStrides({3, 1}, {2, 3, 4}), (std::vector<int64_t>{0, 1, 0}));
}

}  // namespace
}  // namespace onnxi
