// One-node tests of BitCast-26 through OpTester: values reinterpreted, shapes kept, packed
// 4-bit types, and failure tests on the error text (bit widths, strings, bad `to`).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(BitCastOp, FloatToInt32KeepsShapeAndBits) {
  OpTester t("BitCast", 26);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {2, 1}, {1.0f, -0.0f}))
      .Attr("to", int64_t{6})
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor& y = r.value()[0];
  EXPECT_EQ(y.dtype(), DataType::kInt32);
  EXPECT_EQ(y.shape(), (Shape{2, 1}));
  EXPECT_EQ(y.data<int32_t>()[0], 0x3f800000);
  EXPECT_EQ(static_cast<uint32_t>(y.data<int32_t>()[1]), 0x80000000u);
}

TEST(BitCastOp, Float16ToBfloat16) {
  OpTester t("BitCast", 26);
  t.Input("x", Tensor::FromVector<Float16>(DataType::kFloat16, {1}, {Float16(1.0f)}))
      .Attr("to", int64_t{16})
      .Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value()[0].data<BFloat16>()[0].bits, 0x3c00);
}

TEST(BitCastOp, PackedInt4ToUint4KeepsTheBytes) {
  Tensor x = Tensor::Allocate(DataType::kInt4, {3});  // two bytes: 0x21 and 0x0f (low nibble)
  static_cast<uint8_t*>(x.raw_data())[0] = 0x21;
  static_cast<uint8_t*>(x.raw_data())[1] = 0x0f;
  OpTester t("BitCast", 26);
  t.Input("x", x).Attr("to", int64_t{21}).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor& y = r.value()[0];
  EXPECT_EQ(y.dtype(), DataType::kUint4);
  EXPECT_EQ(y.shape(), (Shape{3}));
  EXPECT_EQ(static_cast<const uint8_t*>(y.raw_data())[0], 0x21);
  EXPECT_EQ(static_cast<const uint8_t*>(y.raw_data())[1] & 0x0f, 0x0f);
}

TEST(BitCastOp, DifferentBitWidthsFail) {
  OpTester t("BitCast", 26);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {2}, {1, 2}))
      .Attr("to", int64_t{7})
      .Output("y");
  ExpectError(t.Run(),
              "input 0 has element type float32 (32 bits) and to is int64 (64 bits); BitCast "
              "needs the same bit width");
}

TEST(BitCastOp, StringTargetFails) {
  OpTester t("BitCast", 26);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {1}, {1}))
      .Attr("to", int64_t{8})
      .Output("y");
  ExpectError(t.Run(), "to is string; BitCast takes only non-string types");
}

TEST(BitCastOp, UnknownTypeFails) {
  OpTester t("BitCast", 26);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {1}, {1}))
      .Attr("to", int64_t{99})
      .Output("y");
  ExpectError(t.Run(), "to is 99, which is no element type");
}

TEST(BitCastOp, NotBeforeOpset26) {
  OpTester t("BitCast", 25);
  t.Input("x", Tensor::FromVector<float>(DataType::kFloat, {1}, {1}))
      .Attr("to", int64_t{6})
      .Output("y");
  ExpectError(t.Run(), "onnxi implements it from opset 26");
}

}  // namespace
}  // namespace onnxi
