// Op-level tests of ops/text/ built from hand-made NodeViews and contexts: data-dependent
// shapes (deferral), the empty StringNormalizer output, and error texts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/text/text_ops.h"
#include "ops/common/op_test_util.h"

namespace onnxi {
namespace {

TEST(TextOpsTest, StringNormalizerAllDroppedGivesOneEmptyString) {
  TestNode node{"StringNormalizer", {StrsAttr("stopwords", {"Monday"})}};
  auto op = MakeStringNormalizerOp();
  ASSERT_TRUE(op->Init(node.View(10, 1, 1)).ok());
  Tensor x = Strings({1, 2}, {"monday", "MONDAY"});
  PrepareContext unknown({Fact(DataType::kString, {1, 2})}, 1);
  EXPECT_TRUE(op->Prepare(unknown).deferred());
  PrepareContext ctx({Fact(DataType::kString, {1, 2}, &x)}, 1);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{1, 1}));
  Tensor y = Strings({1, 1}, {"junk"});
  RunContext run({&x}, {&y});
  ASSERT_TRUE(op->Run(run).ok());
  EXPECT_EQ(y.data<std::string>()[0], "");
}

TEST(TextOpsTest, StringNormalizerRejectsBadActionAndShape) {
  TestNode bad{"StringNormalizer", {StrAttr("case_change_action", "TITLE")}};
  EXPECT_EQ(MakeStringNormalizerOp()->Init(bad.View(10, 1, 1)).message(),
            "case_change_action 'TITLE' is not one of LOWER, UPPER, NONE");
  TestNode node{"StringNormalizer", {}};
  auto op = MakeStringNormalizerOp();
  ASSERT_TRUE(op->Init(node.View(10, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kString, {2, 3})}, 1);
  EXPECT_EQ(op->Prepare(ctx).message(), "input must have shape (C) or (1, C), got [2, 3]");
}

TEST(TextOpsTest, StringSplitWidthFromData) {
  TestNode node{"StringSplit", {StrAttr("delimiter", ",")}};
  auto op = MakeStringSplitOp();
  ASSERT_TRUE(op->Init(node.View(20, 1, 2)).ok());
  Tensor x = Strings({2}, {"a,b,c", "d"});
  PrepareContext ctx({Fact(DataType::kString, {2}, &x)}, 2);
  ASSERT_TRUE(op->Prepare(ctx).ok());
  EXPECT_EQ(ctx.output_shape(0), (Shape{2, 3}));
  EXPECT_EQ(ctx.output_shape(1), (Shape{2}));
}

TEST(TextOpsTest, RegexThatDoesNotCompile) {
  TestNode node{"RegexFullMatch", {StrAttr("pattern", "(unclosed")}};
  const Status s = MakeRegexFullMatchOp()->Init(node.View(20, 1, 1));
  EXPECT_EQ(s.message().rfind("pattern '(unclosed' does not compile as an ECMAScript regex", 0),
            0u)
      << s.message();
}

TEST(TextOpsTest, TfIdfPoolLevelsMustDivide) {
  TestNode node{"TfIdfVectorizer",
            {IntAttr("max_gram_length", 2), IntAttr("min_gram_length", 1),
             IntAttr("max_skip_count", 0), StrAttr("mode", "TF"), IntsAttr("ngram_counts", {0, 2}),
             IntsAttr("ngram_indexes", {0, 1, 2}), IntsAttr("pool_int64s", {1, 2, 3, 4, 5})}};
  EXPECT_EQ(MakeTfIdfVectorizerOp()->Init(node.View(9, 1, 1)).message(),
            "ngram_counts 1 = 2 gives a level of 3 pool values for 2-grams (pool size 5)");
}

TEST(TextOpsTest, TfIdfInputTypeMustMatchPool) {
  TestNode node{"TfIdfVectorizer",
            {IntAttr("max_gram_length", 1), IntAttr("min_gram_length", 1),
             IntAttr("max_skip_count", 0), StrAttr("mode", "TF"), IntsAttr("ngram_counts", {0}),
             IntsAttr("ngram_indexes", {0, 1}), IntsAttr("pool_int64s", {7, 9})}};
  auto op = MakeTfIdfVectorizerOp();
  ASSERT_TRUE(op->Init(node.View(9, 1, 1)).ok());
  PrepareContext ctx({Fact(DataType::kString, {4})}, 1);
  EXPECT_FALSE(op->Prepare(ctx).ok());
  PrepareContext ok({Fact(DataType::kInt64, {3, 4})}, 1);
  ASSERT_TRUE(op->Prepare(ok).ok());
  EXPECT_EQ(ok.output_shape(0), (Shape{3, 2}));
}

}  // namespace
}  // namespace onnxi
