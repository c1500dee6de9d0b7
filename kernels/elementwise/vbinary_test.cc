// vbinary.h's SIMD rows against the scalar functors (binary_functors.h): bit-identical
// results for every stride mode, sizes 0, 1, width +-1, odd sizes, guard after the output,
// every instruction set this CPU runs.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/elementwise/binary_functors.h"
#include "kernels/elementwise/vbinary.h"

namespace onnxi::kernels {
namespace {

template <class Fn>
void CheckOp(BinaryOpF32 op, Fn fn) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> d(-4, 4);
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (!CpuSupports(isa)) continue;
    VBinaryRowFn row = GetVBinaryF32(op, isa);
    ASSERT_NE(row, nullptr);
    for (int64_t n : {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 100}) {
      std::vector<float> a(n + 1), b(n + 1);
      for (float& v : a) v = d(rng);
      for (float& v : b) v = d(rng);
      for (int64_t sa : {0, 1}) {
        for (int64_t sb : {0, 1}) {
          std::vector<float> out(n + 3, 99.0f);
          row(a.data(), sa, b.data(), sb, out.data(), n);
          for (int64_t i = 0; i < n; ++i) {
            ASSERT_EQ(out[i], fn(a[i * sa], b[i * sb]))
                << IsaName(isa) << " op " << static_cast<int>(op) << " n " << n;
          }
          ASSERT_EQ(out[n], 99.0f);
        }
      }
    }
  }
}

TEST(VBinary, RowsMatchScalarFunctorsBitForBit) {
  CheckOp(BinaryOpF32::kAdd, AddFn());
  CheckOp(BinaryOpF32::kSub, SubFn());
  CheckOp(BinaryOpF32::kMul, MulFn());
  CheckOp(BinaryOpF32::kDiv, DivFn());
  EXPECT_EQ(GetVBinaryF32(BinaryOpF32::kAdd, Isa::kReference), nullptr);
}

TEST(VBinary, BroadcastRowsWalkTheChannelPlan) {
  // (N=2, C=3, HW=5) + (C, 1): plan dims (2, 3, 5), b strides (0, 1, 0).
  const int64_t shape[] = {2, 3, 5}, as[] = {15, 5, 1}, bs[] = {0, 1, 0};
  std::vector<float> a(30), b = {10, 20, 30}, out(30);
  for (int i = 0; i < 30; ++i) a[i] = static_cast<float>(i);
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (!CpuSupports(isa)) continue;
    BinaryBroadcastF32Rows(GetVBinaryF32(BinaryOpF32::kAdd, isa), a.data(), as, b.data(), bs,
                           out.data(), shape, 3, 0, 6);
    for (int i = 0; i < 30; ++i) ASSERT_EQ(out[i], a[i] + b[(i / 5) % 3]) << i;
  }
}

}  // namespace
}  // namespace onnxi::kernels
