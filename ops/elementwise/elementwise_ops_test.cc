// One-node tests of ops/elementwise/ through OpTester (load -> resolve -> run): version rules,
// optional inputs, and failure tests that check the error text.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

Tensor Strings(std::vector<std::string> v) {
  Tensor t = Tensor::Allocate(DataType::kString, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) t.data<std::string>()[i] = v[i];
  return t;
}

template <class T>
std::vector<T> Values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.num_elements());
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(ElementwiseOps, GeluRejectsUnknownApproximation) {
  OpTester t("Gelu", 20);
  t.Input("x", Floats({2}, {1, 2})).Output("y").Attr("approximate", std::string("fast"));
  ExpectError(t.Run(), "approximate is 'fast'; expected 'none' or 'tanh'");
}

TEST(ElementwiseOps, GeluTanh) {
  OpTester t("Gelu", 20);
  t.Input("x", Floats({1}, {1.0f})).Output("y").Attr("approximate", std::string("tanh"));
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r.value()[0].data<float>()[0], 0.841192f, 1e-5);
}

TEST(ElementwiseOps, TypeRulesFollowTheVersion) {
  Tensor ints = Tensor::FromVector<int32_t>(DataType::kInt32, {3}, {-2, 0, 5});
  OpTester old_relu("Relu", 13);
  old_relu.Input("x", ints).Output("y");
  ExpectError(old_relu.Run(), "input 0 has element type int32; expected one of");
  OpTester relu("Relu", 14);
  relu.Input("x", ints).Output("y");
  auto r = relu.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<int32_t>(r.value()[0]), (std::vector<int32_t>{0, 0, 5}));
}

TEST(ElementwiseOps, ClipWithOmittedMinAndConstantMax) {
  OpTester t("Clip", 13);
  t.Input("x", Floats({4}, {-1e30f, -1, 2, 9}))
      .NoInput()
      .ConstantInput("max", Floats({}, {3}))
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<float>(r.value()[0]), (std::vector<float>{-1e30f, -1, 2, 3}));
}

TEST(ElementwiseOps, ClipBoundMustBeScalar) {
  OpTester t("Clip", 13);
  t.Input("x", Floats({2}, {1, 2})).Input("min", Floats({2}, {0, 0})).Output("y");
  ExpectError(t.Run(), "input 1 (min) must be a scalar; its shape is [2]");
}

TEST(ElementwiseOps, ClipOpset6UsesAttributes) {
  OpTester t("Clip", 6);
  t.Input("x", Floats({3}, {-5, 0.5f, 5})).Output("y").Attr("min", -1.0f).Attr("max", 1.0f);
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<float>(r.value()[0]), (std::vector<float>{-1, 0.5f, 1}));
}

TEST(ElementwiseOps, CastStringThatIsNotANumberIsAnError) {
  OpTester t("Cast", 13);
  t.Input("x", Strings({"1.5", "abc"})).Output("y").Attr("to", int64_t{1});
  ExpectError(t.Run(), "string 'abc' at index 1 is not a number");
}

TEST(ElementwiseOps, CastToStringNeedsOpset9) {
  OpTester t("Cast", 8);
  t.Input("x", Floats({1}, {1})).Output("y").Attr("to", int64_t{8});
  ExpectError(t.Run(), "to has element type string, which Cast-6 does not allow");
}

TEST(ElementwiseOps, CastUnknownTypeNumber) {
  OpTester t("Cast", 13);
  t.Input("x", Floats({1}, {1})).Output("y").Attr("to", int64_t{99});
  ExpectError(t.Run(), "to is 99, which is no element type");
}

TEST(ElementwiseOps, Cast1TakesATypeName) {
  OpTester t("Cast", 1);
  t.Input("x", Floats({3}, {-1.7f, 0, 2.9f})).Output("y").Attr("to", std::string("INT32"));
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<int32_t>(r.value()[0]), (std::vector<int32_t>{-1, 0, 2}));
}

TEST(ElementwiseOps, CastFloatToFloat8AndBack) {
  OpTester t("Cast", 19);
  t.Input("x", Floats({3}, {0.3f, 500.0f, -1e-9f})).Output("y").Attr("to", int64_t{17});
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  // 0.3 -> 0.3125 = 1.25 * 2^-2 (0x2a), 500 saturates to 448 (0x7e), -1e-9 -> -0 (0x80).
  EXPECT_EQ(Values<uint8_t>(r.value()[0]), (std::vector<uint8_t>{0x2a, 0x7e, 0x80}));
}

TEST(ElementwiseOps, IsInfDetectsOneSide) {
  OpTester t("IsInf", 10);
  t.Input("x", Floats({3}, {INFINITY, -INFINITY, 1})).Output("y").Attr("detect_negative",
                                                                     int64_t{0});
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<bool>(r.value()[0]), (std::vector<bool>{true, false, false}));
}

TEST(ElementwiseOps, IsNanOnFloat8FromOpset20) {
  // e5m2 codes: 0x7c +inf, 0x7e NaN, 0x3c 1.0.
  Tensor x = Tensor::FromVector<uint8_t>(DataType::kFloat8e5m2, {3}, {0x7c, 0x7e, 0x3c});
  OpTester old_isnan("IsNaN", 13);
  old_isnan.Input("x", x).Output("y");
  ExpectError(old_isnan.Run(), "input 0 has element type float8e5m2");
  OpTester t("IsNaN", 20);
  t.Input("x", x).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Values<bool>(r.value()[0]), (std::vector<bool>{false, true, false}));
}

}  // namespace
}  // namespace onnxi
