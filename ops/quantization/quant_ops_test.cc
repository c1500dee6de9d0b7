// One-node tests of the quantization ops through OpTester: granularity/shape
// errors with their text, version rules for block_size, output_dtype checks,
// int4 output, int matmul errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string &fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(QuantOps, PerAxisScaleMustMatchAxis) {
  OpTester t("QuantizeLinear", 13);
  t.Input("x", Floats({2, 3}, {1, 2, 3, 4, 5, 6})).Input("s", Floats({2}, {1, 1})).Output("y");
  ExpectError(t.Run(),
              "scale has shape [2]; per-axis quantization along axis "
              "1 of x [2, 3] needs [3]");
}

TEST(QuantOps, BlockSizeNeedsOpset21) {
  OpTester t("DequantizeLinear", 19);
  t.Input("x", Tensor::FromVector<uint8_t>(DataType::kUint8, {2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}));
  t.Input("s", Floats({2, 2}, {1, 1, 1, 1})).Output("y").Attr("block_size", int64_t{2});
  ExpectError(t.Run(), "block_size needs opset 21 or later");
}

TEST(QuantOps, OutputDtypeMustMatchZeroPoint) {
  OpTester t("QuantizeLinear", 21);
  t.Input("x", Floats({2}, {1, 2})).Input("s", Floats({}, {1}));
  t.Input("zp", Tensor::FromVector<uint8_t>(DataType::kUint8, {}, {0}));
  t.Output("y").Attr("output_dtype", int64_t{3});
  ExpectError(t.Run(), "output_dtype int8 differs from y_zero_point's type uint8");
}

TEST(QuantOps, BlockedInt4ViaOutputDtype) {
  OpTester t("QuantizeLinear", 21);
  t.Input("x", Floats({1, 4}, {2, -4, 30, -30})).Input("s", Floats({1, 2}, {2, 10}));
  t.Output("y")
      .Attr("axis", int64_t{1})
      .Attr("block_size", int64_t{2})
      .Attr("output_dtype", int64_t{22});
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Tensor &y = r.value()[0];
  EXPECT_EQ(y.dtype(), DataType::kInt4);
  // 1, -2, 3, -3 -> nibbles 0x1, 0xE, 0x3, 0xD
  EXPECT_EQ(y.data<uint8_t>()[0], 0xE1);
  EXPECT_EQ(y.data<uint8_t>()[1], 0xD3);
}

TEST(QuantOps, MatMulIntegerInnerDimsMustAgree) {
  OpTester t("MatMulInteger", 10);
  t.Input("A", Tensor::FromVector<uint8_t>(DataType::kUint8, {2, 3}, {1, 2, 3, 4, 5, 6}));
  t.Input("B", Tensor::FromVector<uint8_t>(DataType::kUint8, {2, 2}, {1, 2, 3, 4})).Output("Y");
  ExpectError(t.Run(), "inner dims 3 and 2 differ");
}

TEST(QuantOps, MatMulIntegerBroadcastsBatch) {
  OpTester t("MatMulInteger", 10);
  t.Input("A", Tensor::FromVector<int8_t>(DataType::kInt8, {2, 1, 2}, {1, 2, 3, 4}));
  t.Input("B", Tensor::FromVector<int8_t>(DataType::kInt8, {2, 1}, {10, -1}));
  t.Input("a_zp", Tensor::FromVector<int8_t>(DataType::kInt8, {}, {1})).Output("Y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value()[0].shape(), (Shape{2, 1, 1}));
  EXPECT_EQ(r.value()[0].data<int32_t>()[0], -1);  // (0)*10 + (1)*-1
  EXPECT_EQ(r.value()[0].data<int32_t>()[1], 17);  // 2*10 + 3*-1
}

TEST(QuantOps, QLinearConvBiasShape) {
  OpTester t("QLinearConv", 10);
  auto u8 = [](Shape s, std::vector<uint8_t> v) {
    return Tensor::FromVector<uint8_t>(DataType::kUint8, s, v);
  };
  t.Input("x", u8({1, 1, 2, 2}, {1, 2, 3, 4}))
      .Input("xs", Floats({}, {1}))
      .Input("xz", u8({}, {0}));
  t.Input("w", u8({2, 1, 1, 1}, {1, 1})).Input("ws", Floats({}, {1})).Input("wz", u8({}, {0}));
  t.Input("ys", Floats({}, {1})).Input("yz", u8({}, {0}));
  t.Input("B", Tensor::FromVector<int32_t>(DataType::kInt32, {3}, {0, 0, 0})).Output("y");
  ExpectError(t.Run(), "B has shape [3]; expected [2]");
}

}  // namespace
}  // namespace onnxi
