// Add/Sub/Mul/Div float32 through OpTester with SIMD kernels against the reference kernels,
// bit for bit, on the broadcast forms the fast path takes (same shape, scalar on either side,
// bias along the last axis, channel-wise (N, C, H, W) + (C, 1, 1)) and one it leaves to the
// general loop (a strided inner operand), at 1 and 2 threads.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Random(Shape shape, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(0.5f, 3);
  std::vector<float> v(NumElements(shape));
  for (float& x : v) x = d(rng);
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

std::vector<float> RunOp(const std::string& op, const Tensor& a, const Tensor& b,
                         KernelChoice kernels, int threads) {
  OpTester t(op, 14);
  t.Input("a", a).Input("b", b).Output("c");
  Options o;
  o.kernels = kernels;
  o.threads = threads;
  auto r = t.Run(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return {};
  const Tensor& c = r.value()[0];
  return std::vector<float>(c.data<float>(), c.data<float>() + c.num_elements());
}

TEST(ArithmeticSimd, BroadcastFormsMatchReferenceBits) {
  std::mt19937 rng(2);
  const std::vector<std::pair<Shape, Shape>> shapes = {
      {{70000}, {70000}},        {{3, 37}, {1}},          {{1}, {5, 33}},
      {{128, 768}, {768}},       {{2, 8, 5, 7}, {8, 1, 1}}, {{4, 3}, {4, 1}},
      {{6, 1, 9}, {1, 5, 1}},    {{2, 3}, {3, 2, 3}},
  };
  for (const char* op : {"Add", "Sub", "Mul", "Div"}) {
    for (const auto& [sa, sb] : shapes) {
      Tensor a = Random(sa, rng), b = Random(sb, rng);
      std::vector<float> want = RunOp(op, a, b, KernelChoice::kReference, 1);
      for (int threads : {1, 2}) {
        std::vector<float> got = RunOp(op, a, b, KernelChoice::kSimd, threads);
        ASSERT_EQ(got, want) << op << " " << ShapeToString(sa) << " " << ShapeToString(sb);
      }
    }
  }
}

}  // namespace
}  // namespace onnxi
