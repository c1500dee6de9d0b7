// One-node tests of ops/indexing/: error texts for out-of-range data, deferral of
// data-dependent shapes, and a few results.
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

TEST(IndexingOps, ScatterElementsIndexOutOfRangeNamesValueAndRange) {
  OpTester t("ScatterElements", 18);
  t.Input("data", Floats({3}, {1, 2, 3}))
      .Input("indices", Int64s({2}, {0, 5}))
      .Input("updates", Floats({2}, {9, 9}))
      .Output("y");
  ExpectError(t.Run().status(), "indices value 5 is out of range [-3, 3)");
}

TEST(IndexingOps, ScatterReductionNeedsItsVersion) {
  OpTester t("ScatterElements", 13);
  t.Input("data", Floats({3}, {1, 2, 3}))
      .Input("indices", Int64s({1}, {0}))
      .Input("updates", Floats({1}, {9}))
      .Attr("reduction", std::string("add"))
      .Output("y");
  ExpectError(t.Run().status(), "reduction 'add' is not valid in version 13");
}

TEST(IndexingOps, ScatterNDBadIndexNamesAxis) {
  OpTester t("ScatterND", 18);
  t.Input("data", Floats({2, 2}, {1, 2, 3, 4}))
      .Input("indices", Int64s({1, 2}, {1, -3}))
      .Input("updates", Floats({1}, {9}))
      .Output("y");
  ExpectError(t.Run().status(), "indices value -3 is out of range [-2, 2) for axis 1");
}

TEST(IndexingOps, ScatterNDAddsDuplicates) {
  OpTester t("ScatterND", 16);
  t.Input("data", Floats({3}, {1, 2, 3}))
      .Input("indices", Int64s({2, 1}, {1, 1}))
      .Input("updates", Floats({2}, {10, 20}))
      .Attr("reduction", std::string("add"))
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).data<float>()[1], 32.0f);
}

TEST(IndexingOps, TensorScatterLinearOverflowIsAnError) {
  OpTester t("TensorScatter", 24);
  t.Input("past", Floats({1, 3, 1}, {0, 0, 0}))
      .Input("update", Floats({1, 2, 1}, {1, 2}))
      .Input("write_indices", Int64s({1}, {2}))
      .Attr("axis", int64_t{1})
      .Output("present");
  ExpectError(t.Run().status(), "write_indices value 2 is out of range [0, 1]");
}

TEST(IndexingOps, TopKWithRuntimeKAndBadK) {
  OpTester t("TopK", 11);
  t.Input("x", Floats({4}, {3, 1, 3, 2})).Input("k", Int64s({1}, {2}));
  t.Output("values").Output("indices");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(1).data<int64_t>()[0], 0);  // tie: lower index first
  EXPECT_EQ(r->at(1).data<int64_t>()[1], 2);
  OpTester u("TopK", 11);
  u.Input("x", Floats({4}, {3, 1, 3, 2})).Input("k", Int64s({1}, {5}));
  u.Output("values").Output("indices");
  ExpectError(u.Run().status(), "k = 5 is out of range [0, 4]");
}

TEST(IndexingOps, NonZeroDefersToRunTime) {
  OpTester t("NonZero", 13);
  t.Input("x", Floats({2, 2}, {0, 1, 1, 0})).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{2, 2}));
}

TEST(IndexingOps, ReverseSequenceBadLength) {
  OpTester t("ReverseSequence", 10);
  t.Input("x", Floats({2, 2}, {1, 2, 3, 4}))
      .Input("lens", Int64s({2}, {1, 3}))
      .Output("y");
  ExpectError(t.Run().status(), "sequence_lens value 3 is out of range [0, 2]");
}

TEST(IndexingOps, UniqueUnsortedOutputs) {
  OpTester t("Unique", 11);
  t.Input("x", Floats({5}, {2, 1, 2, 3, 1})).Attr("sorted", int64_t{0});
  t.Output("y").Output("indices").Output("inverse").Output("counts");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{3}));
  EXPECT_EQ(r->at(0).data<float>()[0], 2.0f);
  EXPECT_EQ(r->at(3).data<int64_t>()[1], 2);
}

TEST(LossOps, NllTargetOutOfRangeNamesValue) {
  OpTester t("NegativeLogLikelihoodLoss", 13);
  t.Input("x", Floats({1, 2}, {0.1f, 0.2f})).Input("t", Int64s({1}, {2})).Output("loss");
  ExpectError(t.Run().status(), "target value 2 is out of range [0, 2)");
}

TEST(LinalgOps, EinsumTermCountMismatch) {
  OpTester t("Einsum", 12);
  t.Input("a", Floats({2}, {1, 2})).Attr("equation", std::string("i,i->")).Output("y");
  ExpectError(t.Run().status(), "has 2 input terms but the node has 1 inputs");
}

TEST(LinalgOps, EinsumImplicitTrace) {
  OpTester t("Einsum", 12);
  t.Input("a", Floats({2, 2}, {1, 2, 3, 4})).Attr("equation", std::string("ii")).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{}));
  EXPECT_EQ(r->at(0).data<float>()[0], 5.0f);
}

TEST(LinalgOps, EinsumUnknownOutputLetterIsNamed) {
  OpTester t("Einsum", 12);
  t.Input("a", Floats({2}, {1, 2})).Attr("equation", std::string("i->j")).Output("y");
  ExpectError(t.Run().status(), "output label 'j' of 'i->j' appears in no input term");
}

TEST(LinalgOps, DetRejectsNonSquare) {
  OpTester t("Det", 11);
  t.Input("a", Floats({2, 3}, {1, 2, 3, 4, 5, 6})).Output("y");
  ExpectError(t.Run().status(), "square matrices (*, n, n), got [2, 3]");
}

}  // namespace
}  // namespace onnxi
