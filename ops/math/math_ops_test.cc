// One-node tests of the ops in ops/math/, driven through the registry and the Op interface
// (Init -> Prepare -> Run), including failure tests that check the error text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/node_view.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onnxi {
namespace {

struct Outcome {
  Status status;
  Tensor y;
};

// Runs one node of `op_type` at `opset` on `inputs`; attrs are the node's attributes.
Outcome RunNode(const std::string& op_type, int opset, const std::vector<Tensor>& inputs,
                const std::vector<Attribute>& attrs = {}) {
  static const std::string kDomain;
  const OpEntry* entry = OpRegistry::Default().Find("", op_type, opset);
  if (entry == nullptr) return {Status::Unsupported("no registry entry"), {}};
  std::unique_ptr<Op> op = entry->factory();
  NodeView node(op_type, kDomain, entry->since_version, opset, static_cast<int>(inputs.size()), 1,
                &attrs);
  Status s = op->Init(node);
  if (!s.ok()) return {s, {}};
  std::vector<InputFact> facts;
  std::vector<const Tensor*> ptrs;
  for (const Tensor& t : inputs) {
    facts.push_back({true, t.dtype(), t.shape(), &t});
    ptrs.push_back(&t);
  }
  PrepareContext pc(facts, 1);
  s = op->Prepare(pc);
  if (!s.ok()) return {s, {}};
  Tensor y = Tensor::Allocate(pc.output_dtype(0), pc.output_shape(0));
  RunContext rc(ptrs, {&y});
  s = op->Run(rc);
  return {s, y};
}

Attribute IntAttr(const std::string& name, int64_t v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kInt;
  a.i = v;
  return a;
}

template <class T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.num_elements());
}

TEST(MathOps, IntegerDivisionByZeroIsAnError) {
  Tensor a = Tensor::FromVector<int32_t>(DataType::kInt32, {3}, {1, 2, 3});
  Tensor b = Tensor::FromVector<int32_t>(DataType::kInt32, {3}, {1, 0, 3});
  Outcome r = RunNode("Div", 14, {a, b});
  EXPECT_EQ(r.status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status.message().find("division by zero"), std::string::npos) << r.status.message();
  Outcome m = RunNode("Mod", 13, {a, b});
  EXPECT_NE(m.status.message().find("modulo by zero"), std::string::npos) << m.status.message();
}

TEST(MathOps, ModFollowsDivisorSignUnlessFmod) {
  Tensor a = Tensor::FromVector<int64_t>(DataType::kInt64, {4}, {-4, 4, -4, 7});
  Tensor b = Tensor::FromVector<int64_t>(DataType::kInt64, {4}, {3, -3, -3, 7});
  Outcome r = RunNode("Mod", 13, {a, b});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<int64_t>(r.y), (std::vector<int64_t>{2, -2, -1, 0}));
  Outcome f = RunNode("Mod", 13, {a, b}, {IntAttr("fmod", 1)});
  ASSERT_TRUE(f.status.ok()) << f.status.message();
  EXPECT_EQ(Values<int64_t>(f.y), (std::vector<int64_t>{-1, 1, -1, 0}));
}

TEST(MathOps, TypeRulesFollowTheVersion) {
  Tensor a = Tensor::FromVector<int8_t>(DataType::kInt8, {2}, {1, 2});
  EXPECT_FALSE(RunNode("Add", 13, {a, a}).status.ok());
  Outcome r = RunNode("Add", 14, {a, a});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<int8_t>(r.y), (std::vector<int8_t>{2, 4}));
}

TEST(MathOps, LegacyBroadcastWithAxis) {
  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {0, 0, 0, 1, 1, 1});
  Tensor b = Tensor::FromVector<float>(DataType::kFloat, {2}, {10, 20});
  Outcome r = RunNode("Add", 6, {a, b}, {IntAttr("broadcast", 1), IntAttr("axis", 0)});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<float>(r.y), (std::vector<float>{10, 10, 10, 21, 21, 21}));
  Outcome bad = RunNode("Add", 6, {a, b});
  EXPECT_NE(bad.status.message().find("broadcast is 0"), std::string::npos)
      << bad.status.message();
}

TEST(MathOps, PReluPerChannelBeforeOpset7) {
  Tensor x = Tensor::FromVector<float>(DataType::kFloat, {1, 2, 2}, {-1, 1, -2, 2});
  Tensor slope = Tensor::FromVector<float>(DataType::kFloat, {2}, {0.5f, 0.25f});
  Outcome r = RunNode("PRelu", 6, {x, slope});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<float>(r.y), (std::vector<float>{-0.5f, 1, -0.5f, 2}));
  // From opset 7 numpy alignment applies: slope (2) matches the last dim.
  Outcome v7 = RunNode("PRelu", 7, {x, slope});
  ASSERT_TRUE(v7.status.ok()) << v7.status.message();
  EXPECT_EQ(Values<float>(v7.y), (std::vector<float>{-0.5f, 1, -1, 2}));
}

TEST(MathOps, PowIntegerBaseFloatExponent) {
  Tensor x = Tensor::FromVector<int32_t>(DataType::kInt32, {3}, {4, 2, 10});
  Tensor y = Tensor::FromVector<float>(DataType::kFloat, {3}, {0.5f, 3.f, 12.f});
  Outcome r = RunNode("Pow", 15, {x, y});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.y.dtype(), DataType::kInt32);
  EXPECT_EQ(Values<int32_t>(r.y), (std::vector<int32_t>{2, 8, 2147483647}));
  EXPECT_FALSE(RunNode("Pow", 7, {x, y}).status.ok());
}

TEST(MathOps, WhereAndVariadicBroadcast) {
  Tensor c = Tensor::FromVector<bool>(DataType::kBool, {2, 1}, {true, false});
  Tensor x = Tensor::FromVector<int64_t>(DataType::kInt64, {2}, {1, 2});
  Tensor y = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {9});
  Outcome w = RunNode("Where", 16, {c, x, y});
  ASSERT_TRUE(w.status.ok()) << w.status.message();
  EXPECT_EQ(w.y.shape(), (Shape{2, 2}));
  EXPECT_EQ(Values<int64_t>(w.y), (std::vector<int64_t>{1, 2, 9, 9}));

  Tensor a = Tensor::FromVector<float>(DataType::kFloat, {2, 1}, {1, 2});
  Tensor b = Tensor::FromVector<float>(DataType::kFloat, {3}, {0, 1, 5});
  Tensor d = Tensor::FromVector<float>(DataType::kFloat, {}, {3});
  Outcome mx = RunNode("Max", 13, {a, b, d});
  ASSERT_TRUE(mx.status.ok()) << mx.status.message();
  EXPECT_EQ(Values<float>(mx.y), (std::vector<float>{3, 3, 5, 3, 3, 5}));
  Outcome mean = RunNode("Mean", 13, {a, b});
  ASSERT_TRUE(mean.status.ok()) << mean.status.message();
  EXPECT_EQ(Values<float>(mean.y), (std::vector<float>{0.5f, 1, 3, 1, 1.5f, 3.5f}));
  EXPECT_FALSE(RunNode("Max", 6, {a, b}).status.ok());
}

TEST(MathOps, EqualOnStringsFromOpset19) {
  Tensor a = Tensor::Allocate(DataType::kString, {2});
  Tensor b = Tensor::Allocate(DataType::kString, {});
  a.data<std::string>()[0] = "x";
  a.data<std::string>()[1] = "y";
  b.data<std::string>()[0] = "y";
  EXPECT_FALSE(RunNode("Equal", 13, {a, b}).status.ok());
  Outcome r = RunNode("Equal", 19, {a, b});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(Values<bool>(r.y), (std::vector<bool>{false, true}));
}

}  // namespace
}  // namespace onnxi
