// One-node tests of Attention and RotaryEmbedding through OpTester: failure texts and a small
// case checked by hand (numerics are covered by the backend cases and kernel tests).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape) {
  Tensor t = Tensor::Allocate(DataType::kFloat, shape);
  for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = 0.1f * (i % 7);
  return t;
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(AttentionOps, ThreeDNeedsHeadCounts) {
  OpTester t("Attention", 23);
  t.Input("Q", Floats({1, 2, 8})).Input("K", Floats({1, 3, 8})).Input("V", Floats({1, 3, 8}));
  t.Output("Y");
  ExpectError(t.Run(), "need the q_num_heads and kv_num_heads attributes");
}

TEST(AttentionOps, HeadsMustGroup) {
  OpTester t("Attention", 23);
  t.Input("Q", Floats({1, 3, 2, 4})).Input("K", Floats({1, 2, 2, 4}));
  t.Input("V", Floats({1, 2, 2, 4})).Output("Y");
  ExpectError(t.Run(), "q_num_heads 3 is not a multiple of kv_num_heads 2");
}

TEST(AttentionOps, MaskMustBroadcast) {
  OpTester t("Attention", 23);
  t.Input("Q", Floats({1, 2, 3, 4})).Input("K", Floats({1, 2, 5, 4}));
  t.Input("V", Floats({1, 2, 5, 4})).Input("attn_mask", Floats({4, 5})).Output("Y");
  ExpectError(t.Run(), "attn_mask [4, 5] does not broadcast to [1, 2, 3, 5]");
}

TEST(AttentionOps, FullyMaskedRowGivesZeros) {
  OpTester t("Attention", 24);
  t.Input("Q", Floats({1, 1, 1, 2})).Input("K", Floats({1, 1, 2, 2}));
  t.Input("V", Floats({1, 1, 2, 2}));
  t.Input("attn_mask", Tensor::Allocate(DataType::kBool, {1, 2})).Output("Y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value()[0].data<float>()[0], 0.0f);
  EXPECT_EQ(r.value()[0].data<float>()[1], 0.0f);
}

TEST(RotaryEmbeddingOps, PositionIdOutOfRange) {
  OpTester t("RotaryEmbedding", 23);
  t.Input("X", Floats({1, 1, 2, 4})).Input("cos", Floats({3, 2})).Input("sin", Floats({3, 2}));
  t.Input("pos", Tensor::FromVector<int64_t>(DataType::kInt64, {1, 2}, {0, 3})).Output("Y");
  ExpectError(t.Run(), "position_ids value 3 is out of range [0, 3)");
}

TEST(RotaryEmbeddingOps, CacheShapeChecked) {
  OpTester t("RotaryEmbedding", 23);
  t.Input("X", Floats({1, 2, 8})).Input("cos", Floats({1, 2, 3})).Input("sin", Floats({1, 2, 3}));
  t.Output("Y").Attr("num_heads", int64_t{2});
  ExpectError(t.Run(), "rotary_dim/2 = 2");
}

}  // namespace
}  // namespace onnxi
