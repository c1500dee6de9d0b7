// SumToShapeOf and FillLike as one-node models (domain ai.onnxi), including the shape error.
#include <gtest/gtest.h>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

TEST(SumToShapeOf, SumsBroadcastDims) {
  OpTester t("SumToShapeOf", 1, "ai.onnxi");
  t.Input("g", Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {1, 2, 3, 4, 5, 6}));
  t.Input("like", Tensor::FromVector<float>(DataType::kFloat, {2, 1}, {0, 0}));
  t.Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->at(0).shape(), (Shape{2, 1}));
  EXPECT_FLOAT_EQ(r->at(0).data<float>()[0], 6.0f);
  EXPECT_FLOAT_EQ(r->at(0).data<float>()[1], 15.0f);
}

TEST(SumToShapeOf, LikeMustBroadcastToG) {
  OpTester t("SumToShapeOf", 1, "ai.onnxi");
  t.Input("g", Tensor::FromVector<float>(DataType::kFloat, {3}, {1, 2, 3}));
  t.Input("like", Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {0, 0, 0, 0, 0, 0}));
  t.Output("y");
  auto r = t.Run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("like's shape [2, 3] does not broadcast to g's shape [3]"),
            std::string::npos)
      << r.status().message();
}

TEST(FillLike, FillsShapeAndType) {
  OpTester t("FillLike", 1, "ai.onnxi");
  t.Input("x", Tensor::FromVector<double>(DataType::kDouble, {2, 2}, {7, 8, 9, 10}));
  t.Attr("value", 1.5f);
  t.Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->at(0).dtype(), DataType::kDouble);
  ASSERT_EQ(r->at(0).shape(), (Shape{2, 2}));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(r->at(0).data<double>()[i], 1.5);
}

}  // namespace
}  // namespace onnxi
