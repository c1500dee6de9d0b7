// Op-level tests of ops/signal/ built from hand-made NodeViews and contexts: version rules
// (DFT axis attribute vs input), deferral on data-dependent shapes, and error texts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/signal/signal_ops.h"
#include "ops/common/op_test_util.h"

namespace onnxi {
namespace {

TEST(SignalOpsTest, Dft17AxisOutOfRange) {
  TestNode node{"DFT", {IntAttr("axis", 3)}};
  auto op = MakeDftOp();
  ASSERT_TRUE(op->Init(node.View(17, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {1, 4, 1})}, 1);
  EXPECT_EQ(op->Prepare(ctx).message(),
            "axis 3 is out of range for a rank-3 input (accepted: [-3, -2] or [0, 1])");
}

TEST(SignalOpsTest, Dft20AxisInputDefersThenApplies) {
  TestNode node{"DFT", {IntAttr("onesided", 1)}};
  auto op = MakeDftOp();
  ASSERT_TRUE(op->Init(node.View(20, 3, 1)).ok());
  InputFact none;
  PrepareContext deferred({Fact(DataType::kFloat, {2, 8, 1}), none, Fact(DataType::kInt64, {})},
                          1);
  EXPECT_TRUE(op->Prepare(deferred).deferred());
  Tensor axis = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {-2});
  PrepareContext ctx({Fact(DataType::kFloat, {2, 8, 1}), none,
                      Fact(DataType::kInt64, {}, &axis)},
                     1);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{2, 5, 2}));
}

TEST(SignalOpsTest, DftRejectsBadLastDimAndLength) {
  TestNode node{"DFT", {}};
  auto op = MakeDftOp();
  ASSERT_TRUE(op->Init(node.View(17, 2, 1)).ok());
  PrepareContext bad({Fact(DataType::kFloat, {1, 4, 3})}, 1);
  EXPECT_EQ(op->Prepare(bad).message(),
            "input must have rank >= 2 and a last dimension of 1 (real) or 2 (complex), got "
            "shape [1, 4, 3]");
  Tensor zero = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {0});
  PrepareContext len({Fact(DataType::kFloat, {1, 4, 1}), Fact(DataType::kInt64, {}, &zero)}, 1);
  EXPECT_EQ(op->Prepare(len).message(), "dft_length must be >= 1, got 0");
}

TEST(SignalOpsTest, StftFrameLongerThanSignal) {
  TestNode node{"STFT", {}};
  auto op = MakeStftOp();
  ASSERT_TRUE(op->Init(node.View(17, 4, 1)).ok());
  Tensor step = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {2});
  Tensor len = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {32});
  InputFact none;
  PrepareContext ctx({Fact(DataType::kFloat, {1, 16, 1}), Fact(DataType::kInt64, {}, &step),
                      none, Fact(DataType::kInt64, {}, &len)},
                     1);
  EXPECT_EQ(op->Prepare(ctx).message(), "frame_length 32 must be in [1, signal_length = 16]");
}

TEST(SignalOpsTest, WindowOutputTypeAndNegativeSize) {
  TestNode node{"HannWindow", {IntAttr("output_datatype", 9)}};  // bool
  auto op = MakeHannWindowOp();
  EXPECT_EQ(op->Init(node.View(17, 1, 1)).message(),
            "output_datatype 9 is not a numeric type (bool, string and complex are not allowed)");
  TestNode ok{"HannWindow", {IntAttr("output_datatype", 11)}};
  auto op2 = MakeHannWindowOp();
  ASSERT_TRUE(op2->Init(ok.View(17, 1, 1)).ok());
  Tensor size = Tensor::FromVector<int32_t>(DataType::kInt32, {}, {-3});
  PrepareContext ctx({Fact(DataType::kInt32, {}, &size)}, 1);
  EXPECT_EQ(op2->Prepare(ctx).message(), "size must be >= 0, got -3");
}

}  // namespace
}  // namespace onnxi
