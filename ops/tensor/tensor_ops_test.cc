// Op-level tests of ops/tensor/ without a graph: each builds a NodeView and contexts by
// hand, and checks shapes, deferral and the error texts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/tensor/tensor_common.h"
#include "ops/common/op_test_util.h"

namespace onnxi {
namespace {

TEST(TensorOpsTest, ReshapeCountMismatchNamesBothShapes) {
  TestNode node{"Reshape", {}};
  auto op = NewReshapeOp();
  ASSERT_TRUE(op->Init(node.View(14, 2, 1)).ok());
  Tensor shape = Tensor::FromVector<int64_t>(DataType::kInt64, {2}, {4, 2});
  PrepareContext ctx({Fact(DataType::kFloat, {2, 3}), Fact(DataType::kInt64, {2}, &shape)}, 1);
  Status s = op->Prepare(ctx);
  EXPECT_EQ(s.message(), "cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)");
}

TEST(TensorOpsTest, ReshapeDefersWithoutShapeData) {
  TestNode node{"Reshape", {}};
  auto op = NewReshapeOp();
  ASSERT_TRUE(op->Init(node.View(14, 2, 1)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {2, 3}), Fact(DataType::kInt64, {2})}, 1);
  EXPECT_TRUE(op->Prepare(ctx).deferred());
}

TEST(TensorOpsTest, ReshapeZeroAndMinusOne) {
  TestNode node{"Reshape", {}};
  auto op = NewReshapeOp();
  ASSERT_TRUE(op->Init(node.View(14, 2, 1)).ok());
  Tensor shape = Tensor::FromVector<int64_t>(DataType::kInt64, {3}, {0, -1, 2});
  PrepareContext ctx({Fact(DataType::kFloat, {2, 3, 4}), Fact(DataType::kInt64, {3}, &shape)},
                     1);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{2, 6, 2}));
}

TEST(TensorOpsTest, GatherOutOfRangeIndexNamesValueAndRange) {
  TestNode node{"Gather", {}};
  auto op = NewGatherOp();
  ASSERT_TRUE(op->Init(node.View(13, 2, 1)).ok());
  Tensor data = Tensor::FromVector<float>(DataType::kFloat, {3}, {1, 2, 3});
  Tensor idx = Tensor::FromVector<int64_t>(DataType::kInt64, {2}, {-3, 7});
  PrepareContext pctx({Fact(DataType::kFloat, {3}), Fact(DataType::kInt64, {2})}, 1);
  ASSERT_TRUE(op->Prepare(pctx).ok());
  Tensor out = Tensor::Allocate(DataType::kFloat, pctx.output_shape(0));
  RunContext rctx({&data, &idx}, {&out});
  EXPECT_EQ(op->Run(rctx).message(), "indices value 7 is out of range [-3, 3)");
}

TEST(TensorOpsTest, SliceNegativeStepAndClamping) {
  TestNode node{"Slice", {}};
  auto op = NewSliceOp();
  ASSERT_TRUE(op->Init(node.View(13, 5, 1)).ok());
  Tensor data = Tensor::FromVector<int32_t>(DataType::kInt32, {5}, {0, 1, 2, 3, 4});
  Tensor starts = Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {100});
  Tensor ends = Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {INT64_MIN});
  Tensor axes = Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {0});
  Tensor steps = Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {-2});
  PrepareContext pctx({Fact(DataType::kInt32, {5}), Fact(DataType::kInt64, {1}, &starts),
                       Fact(DataType::kInt64, {1}, &ends), Fact(DataType::kInt64, {1}, &axes),
                       Fact(DataType::kInt64, {1}, &steps)},
                      1);
  ASSERT_TRUE(op->Prepare(pctx).ok());
  ASSERT_EQ(pctx.output_shape(0), (Shape{3}));
  Tensor out = Tensor::Allocate(DataType::kInt32, {3});
  RunContext rctx({&data, &starts, &ends, &axes, &steps}, {&out});
  ASSERT_TRUE(op->Run(rctx).ok());
  EXPECT_EQ(out.data<int32_t>()[0], 4);
  EXPECT_EQ(out.data<int32_t>()[1], 2);
  EXPECT_EQ(out.data<int32_t>()[2], 0);
}

TEST(TensorOpsTest, SplitNumOutputsUnevenLastChunk) {
  TestNode node{"Split", {IntAttr("num_outputs", 3)}};
  auto op = NewSplitOp();
  ASSERT_TRUE(op->Init(node.View(18, 1, 3)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {7, 2})}, 3);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{3, 2}));
  EXPECT_EQ(ctx.output_shape(1), (Shape{3, 2}));
  EXPECT_EQ(ctx.output_shape(2), (Shape{1, 2}));
}

TEST(TensorOpsTest, ShapeStartEndPublishesValue) {
  TestNode node{"Shape", {IntAttr("start", 1), IntAttr("end", -1)}};
  auto op = NewShapeOp();
  ASSERT_TRUE(op->Init(node.View(15, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {2, 3, 4, 5})}, 1);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  const Tensor& v = ctx.output_value(0);
  ASSERT_EQ(v.shape(), (Shape{2}));
  EXPECT_EQ(v.data<int64_t>()[0], 3);
  EXPECT_EQ(v.data<int64_t>()[1], 4);
}

TEST(TensorOpsTest, TransposeRejectsNonPermutation) {
  Attribute perm;
  perm.name = "perm";
  perm.type = Attribute::Type::kInts;
  perm.ints = {0, 0};
  TestNode node{"Transpose", {perm}};
  auto op = NewTransposeOp();
  ASSERT_TRUE(op->Init(node.View(13, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {2, 3})}, 1);
  EXPECT_EQ(op->Prepare(ctx).message(), "perm [0, 0] is not a permutation of 0..1");
}

TEST(TensorOpsTest, TransposeAndGatherMoveStrings) {
  TestNode tnode{"Transpose", {}};
  auto transpose = NewTransposeOp();
  ASSERT_TRUE(transpose->Init(tnode.View(13, 1, 1)).ok());
  Tensor x = Tensor::FromVector<std::string>(DataType::kString, {6},
                                             {"a", "b", "c", "d", "e", "f"})
                 .Reshaped({2, 3});
  PrepareContext pctx({Fact(DataType::kString, {2, 3})}, 1);
  ASSERT_TRUE(transpose->Prepare(pctx).ok());
  Tensor y = Tensor::Allocate(DataType::kString, pctx.output_shape(0));
  RunContext rctx({&x}, {&y});
  ASSERT_TRUE(transpose->Run(rctx).ok());
  const std::string* v = y.data<std::string>();
  EXPECT_EQ(std::vector<std::string>(v, v + 6),
            (std::vector<std::string>{"a", "d", "b", "e", "c", "f"}));

  TestNode gnode{"Gather", {IntAttr("axis", 1)}};
  auto gather = NewGatherOp();
  ASSERT_TRUE(gather->Init(gnode.View(13, 2, 1)).ok());
  Tensor idx = Tensor::FromVector<int32_t>(DataType::kInt32, {1}, {-1});
  PrepareContext gp({Fact(DataType::kString, {2, 3}), Fact(DataType::kInt32, {1})}, 1);
  ASSERT_TRUE(gather->Prepare(gp).ok());
  ASSERT_EQ(gp.output_shape(0), (Shape{2, 1}));
  Tensor g = Tensor::Allocate(DataType::kString, {2, 1});
  RunContext gr({&x, &idx}, {&g});
  ASSERT_TRUE(gather->Run(gr).ok());
  EXPECT_EQ(g.data<std::string>()[0], "c");
  EXPECT_EQ(g.data<std::string>()[1], "f");
}

}  // namespace
}  // namespace onnxi
