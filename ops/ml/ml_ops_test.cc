// Op-level tests of ops/ml/ built from hand-made NodeViews and contexts: LabelEncoder
// versions and type checks, TreeEnsemble attribute validation, ArrayFeatureExtractor
// index checks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/ml/ml_ops.h"
#include "ops/common/op_test_util.h"

namespace onnxi {
namespace {

TEST(MlOpsTest, LabelEncoderV1BothDirections) {
  TestNode node{"LabelEncoder", {StrsAttr("classes_strings", {"x", "y"})}};
  auto op = MakeLabelEncoderOp();
  ASSERT_TRUE(op->Init(node.View(1, 1, 1)).ok());
  PrepareContext ints({Fact(DataType::kInt64, {3})}, 1);
  ASSERT_TRUE(op->Prepare(ints).ok());
  EXPECT_EQ(ints.output_dtype(0), DataType::kString);
  Tensor x = Tensor::FromVector<int64_t>(DataType::kInt64, {3}, {1, 5, 0});
  Tensor y = Tensor::Allocate(DataType::kString, {3});
  RunContext run({&x}, {&y});
  ASSERT_TRUE(op->Run(run).ok());
  EXPECT_EQ(y.data<std::string>()[0], "y");
  EXPECT_EQ(y.data<std::string>()[1], "_Unused");
  EXPECT_EQ(y.data<std::string>()[2], "x");
  PrepareContext strs({Fact(DataType::kString, {3})}, 1);
  ASSERT_TRUE(op->Prepare(strs).ok());
  EXPECT_EQ(strs.output_dtype(0), DataType::kInt64);
}

TEST(MlOpsTest, LabelEncoderKeyValueCountsAndInputType) {
  TestNode node{"LabelEncoder",
            {StrsAttr("keys_strings", {"a", "b"}), IntsAttr("values_int64s", {1})}};
  EXPECT_EQ(MakeLabelEncoderOp()->Init(node.View(2, 1, 1)).message(),
            "there are 2 keys but 1 values");
  TestNode ok{"LabelEncoder",
          {StrsAttr("keys_strings", {"a", "b"}), IntsAttr("values_int64s", {1, 2})}};
  auto op = MakeLabelEncoderOp();
  ASSERT_TRUE(op->Init(ok.View(2, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kInt64, {2})}, 1);
  EXPECT_EQ(op->Prepare(ctx).message(),
            "input has element type int64, which does not match the keys' type");
}

TEST(MlOpsTest, TreeEnsembleRejectsOutOfRangeIds) {
  TestNode node{"TreeEnsemble",
            {IntsAttr("nodes_featureids", {0}), IntsAttr("nodes_truenodeids", {0}),
             IntsAttr("nodes_falsenodeids", {3}), IntsAttr("nodes_trueleafs", {1}),
             IntsAttr("nodes_falseleafs", {1}), IntsAttr("leaf_targetids", {0, 0}),
             IntsAttr("tree_roots", {0}),
             TensorAttr("nodes_splits", Tensor::FromVector<float>(DataType::kFloat, {1}, {1})),
             TensorAttr("nodes_modes", Tensor::FromVector<uint8_t>(DataType::kUint8, {1}, {0})),
             TensorAttr("leaf_weights",
                        Tensor::FromVector<float>(DataType::kFloat, {2}, {1, 2}))}};
  EXPECT_EQ(MakeTreeEnsembleOp()->Init(node.View(5, 1, 1)).message(),
            "node 0: false id 3 is out of range [0, 2) of leaves");
}

TEST(MlOpsTest, ArrayFeatureExtractorIndexOutOfRange) {
  TestNode node{"ArrayFeatureExtractor", {}};
  auto op = MakeArrayFeatureExtractorOp();
  ASSERT_TRUE(op->Init(node.View(1, 2, 1)).ok());
  PrepareContext ctx({Fact(DataType::kFloat, {3}), Fact(DataType::kInt64, {2})}, 1);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{1, 2}));
  Tensor x = Tensor::FromVector<float>(DataType::kFloat, {3}, {1, 2, 3});
  Tensor i = Tensor::FromVector<int64_t>(DataType::kInt64, {2}, {2, -1});
  Tensor y = Tensor::Allocate(DataType::kFloat, {1, 2});
  RunContext run({&x, &i}, {&y});
  EXPECT_EQ(op->Run(run).message(), "index -1 (position 1) is out of range [0, 3)");
}

}  // namespace
}  // namespace onnxi
