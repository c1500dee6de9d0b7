// One-node tests of the random ops through OpTester: shape and dtype, value sets, a seed
// reproducing its output across sessions, seedless nodes differing between runs, errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

std::vector<double> RunUniform(bool seeded) {
  OpTester t("RandomUniform", 22);
  t.Output("y").Attr("shape", std::vector<int64_t>{3, 5}).Attr("dtype", int64_t{11});
  t.Attr("low", -1.0f).Attr("high", 2.0f);
  if (seeded) t.Attr("seed", 7.0f);
  auto r = t.Run();
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return {};
  const Tensor& y = r.value()[0];
  EXPECT_EQ(y.dtype(), DataType::kDouble);
  EXPECT_EQ(y.shape(), (Shape{3, 5}));
  return std::vector<double>(y.data<double>(), y.data<double>() + y.num_elements());
}

TEST(RandomOps, SeedReproducesAndRangeHolds) {
  const auto a = RunUniform(true), b = RunUniform(true);
  EXPECT_EQ(a, b);
  for (double v : a) EXPECT_TRUE(v >= -1.0 && v < 2.0) << v;
  EXPECT_NE(RunUniform(false), RunUniform(false));
}

TEST(RandomOps, NormalLikeTakesShapeAndDtype) {
  OpTester t("RandomNormalLike", 22);
  t.Input("x", Tensor::Allocate(DataType::kInt32, {2, 4})).Output("y");
  t.Attr("dtype", int64_t{10}).Attr("seed", 1.0f);
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value()[0].dtype(), DataType::kFloat16);
  EXPECT_EQ(r.value()[0].shape(), (Shape{2, 4}));
}

TEST(RandomOps, LikeWithIntegerInputNeedsDtype) {
  OpTester t("RandomUniformLike", 22);
  t.Input("x", Tensor::Allocate(DataType::kInt32, {2})).Output("y");
  ExpectError(t.Run(), "is not a float type and no dtype is given");
}

TEST(RandomOps, BernoulliGivesZerosAndOnes) {
  OpTester t("Bernoulli", 22);
  t.Input("p", Tensor::FromVector<float>(DataType::kFloat, {4}, {0.0f, 1.0f, 0.5f, 1.0f}));
  t.Output("y").Attr("dtype", int64_t{9}).Attr("seed", 3.0f);
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor& y = r.value()[0];
  ASSERT_EQ(y.dtype(), DataType::kBool);
  EXPECT_FALSE(y.data<bool>()[0]);
  EXPECT_TRUE(y.data<bool>()[1]);
  EXPECT_TRUE(y.data<bool>()[3]);
}

TEST(RandomOps, MultinomialShapeAndRange) {
  OpTester t("Multinomial", 22);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {2, 3}, {0, 0, 0, 1, 2, 3}));
  t.Output("y").Attr("sample_size", int64_t{6}).Attr("dtype", int64_t{7});
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor& y = r.value()[0];
  ASSERT_EQ(y.shape(), (Shape{2, 6}));
  for (int64_t i = 0; i < 12; ++i) EXPECT_TRUE(y.data<int64_t>()[i] >= 0 && y.data<int64_t>()[i] < 3);
}

TEST(RandomOps, Errors) {
  OpTester a("Multinomial", 22);
  a.Input("x", Tensor::Allocate(DataType::kFloat, {2, 3})).Output("y").Attr("dtype", int64_t{1});
  ExpectError(a.Run(), "dtype float32 is not allowed for Multinomial");
  OpTester b("RandomUniform", 1);
  b.Output("y").Attr("shape", std::vector<int64_t>{2}).Attr("dtype", int64_t{16});
  ExpectError(b.Run(), "dtype bfloat16 needs opset 22");
  OpTester c("RandomNormal", 22);
  c.Output("y");
  ExpectError(c.Run(), "shape");
}

}  // namespace
}  // namespace onnxi
