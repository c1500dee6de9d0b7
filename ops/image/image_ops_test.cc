// One-node tests of ops/image/: error texts for bad inputs and data, and deferral.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}
Tensor Int64s(Shape shape, std::vector<int64_t> v) {
  return Tensor::FromVector<int64_t>(DataType::kInt64, std::move(shape), v);
}
void ExpectError(const Status& s, const std::string& text) {
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(text), std::string::npos) << s.message();
}

TEST(ImageOps, ResizeScalesFromRuntimeInputUpsamples) {
  OpTester t("Resize", 13);
  t.Input("x", Floats({1, 2}, {1, 2})).NoInput().Input("scales", Floats({2}, {1, 2}));
  t.Attr("mode", std::string("nearest")).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{1, 4}));
  EXPECT_EQ(r->at(0).data<float>()[1], 1.0f);
  EXPECT_EQ(r->at(0).data<float>()[2], 2.0f);
}

TEST(ImageOps, ResizeRejectsWrongScaleCountAndNonPositiveScale) {
  OpTester t("Resize", 13);
  t.Input("x", Floats({1, 2}, {1, 2})).NoInput().ConstantInput("scales", Floats({1}, {2}));
  t.Output("y");
  ExpectError(t.Run().status(), "scales has 1 values; expected 2");
  OpTester u("Resize", 13);
  u.Input("x", Floats({1, 2}, {1, 2})).NoInput().ConstantInput("scales", Floats({2}, {1, 0}));
  u.Output("y");
  ExpectError(u.Run().status(), "scales value 0 for axis 1 must be positive");
}

TEST(ImageOps, ResizeBadModeIsReported) {
  OpTester t("Resize", 13);
  t.Input("x", Floats({1, 2}, {1, 2})).NoInput().ConstantInput("scales", Floats({2}, {1, 2}));
  t.Attr("mode", std::string("lanczos")).Output("y");
  ExpectError(t.Run().status(), "mode 'lanczos' is not supported");
}

TEST(ImageOps, RoiAlignBatchIndexOutOfRangeNamesValue) {
  OpTester t("RoiAlign", 16);
  t.Input("x", Floats({1, 1, 2, 2}, {1, 2, 3, 4}))
      .Input("rois", Floats({1, 4}, {0, 0, 1, 1}))
      .Input("batch_indices", Int64s({1}, {3}))
      .Output("y");
  ExpectError(t.Run().status(), "batch_indices value 3 at 0 is out of range [0, 1)");
}

TEST(ImageOps, MaxUnpoolIndexOutOfRangeNamesValue) {
  OpTester t("MaxUnpool", 11);
  t.Input("x", Floats({1, 1, 1, 1}, {5})).Input("i", Int64s({1, 1, 1, 1}, {9}));
  t.Attr("kernel_shape", std::vector<int64_t>{2, 2}).Output("y");
  ExpectError(t.Run().status(), "I value 9 at 0 is out of range [0, 4)");
}

TEST(ImageOps, NmsWithRuntimeInputsSelectsBoxes) {
  OpTester t("NonMaxSuppression", 11);
  t.Input("boxes", Floats({1, 2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}))
      .Input("scores", Floats({1, 1, 2}, {0.5f, 0.7f}))
      .Input("max", Int64s({1}, {5}))
      .Input("iou", Floats({1}, {0.5f}))
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{1, 3}));
  EXPECT_EQ(r->at(0).data<int64_t>()[2], 1);
}

TEST(ImageOps, GridSampleGridShapeMismatch) {
  OpTester t("GridSample", 16);
  t.Input("x", Floats({1, 1, 2, 2}, {1, 2, 3, 4})).Input("grid", Floats({1, 1, 1, 3}, {0, 0, 0}));
  t.Output("y");
  ExpectError(t.Run().status(), "grid has shape [1, 1, 1, 3]");
}

TEST(ImageOps, Col2ImBlockCountMismatch) {
  OpTester t("Col2Im", 18);
  t.Input("x", Floats({1, 4, 3}, std::vector<float>(12, 1)))
      .ConstantInput("image", Int64s({2}, {3, 3}))
      .ConstantInput("block", Int64s({2}, {2, 2}))
      .Output("y");
  ExpectError(t.Run().status(), "input dim 2 is 3; expected 4 block positions");
}

}  // namespace
}  // namespace onnxi
