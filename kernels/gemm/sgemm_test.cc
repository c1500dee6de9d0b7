// The packed SGEMM of every instruction set this CPU runs against SgemmRef: sizes 0 and 1,
// the tile sizes +-1 (MR 6/12, NR 8/16/32), K around the 256 block, odd shapes (M+3, N+7),
// all transpose combinations, padded strides, alpha/beta, each epilogue piece, prepacked B
// or A, and identical bits for 1 and 2 threads (GEMV, small N split by rows, large). Tolerance: |d| <= 1e-5 * K * max|a| * max|b|
// scale, relative to K since the summation orders differ. C and the packed B sit between
// guard values that must survive.
#include "kernels/gemm/sgemm.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;
constexpr int kPad = 16;  // guard floats before and after C

struct Problem {
  GemmParams p;
  std::vector<float> a, b, c0, bias, res;
};

Problem Make(int64_t m, int64_t n, int64_t k, bool ta, bool tb, double alpha, double beta,
             std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1, 1);
  Problem s;
  s.p.m = m;
  s.p.n = n;
  s.p.k = k;
  s.p.trans_a = ta;
  s.p.trans_b = tb;
  s.p.lda = (ta ? m : k) + 3;
  s.p.ldb = (tb ? k : n) + 1;
  s.p.ldc = n + 2;
  s.p.alpha = alpha;
  s.p.beta = beta;
  s.a.resize((ta ? k : m) * s.p.lda + 1);
  s.b.resize((tb ? n : k) * s.p.ldb + 1);
  s.c0.assign(m * s.p.ldc + 2 * kPad, kGuard);
  for (float& v : s.a) v = u(rng);
  for (float& v : s.b) v = u(rng);
  for (int64_t i = 0; i < m * s.p.ldc; ++i) s.c0[kPad + i] = u(rng);
  s.bias.resize(std::max(m, n) + 1);
  for (float& v : s.bias) v = u(rng);
  s.res.resize(m * (n + 5) + 1);
  for (float& v : s.res) v = u(rng);
  return s;
}

std::vector<Isa> SimdIsas() {
  std::vector<Isa> out;
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (CpuSupports(isa)) out.push_back(isa);
  }
  return out;
}

enum Pack { kNoPack, kPackB, kPackA };

// Runs one case on `isa` (optionally with prepacked B or A) and compares with SgemmRef.
void Check(const Problem& s, const SgemmEpilogue& ep, Isa isa, Pack pack) {
  std::vector<float> want = s.c0, got = s.c0;
  SgemmRef(s.p, s.a.data(), s.b.data(), want.data() + kPad, ep);
  if (pack == kPackA) {
    const int64_t size = SgemmPackedASize(isa, s.p.m, s.p.k);
    std::vector<float> packed(size + kPad, kGuard);
    SgemmPackA(isa, s.p.trans_a, s.a.data(), s.p.lda, s.p.m, s.p.k, packed.data());
    for (int i = 0; i < kPad; ++i) ASSERT_EQ(packed[size + i], kGuard) << "packed A overrun";
    GetSgemmPackedA(isa)(s.p, packed.data(), s.b.data(), got.data() + kPad, ep);
  } else if (pack == kPackB) {
    const int64_t size = SgemmPackedBSize(isa, s.p.k, s.p.n);
    std::vector<float> packed(size + kPad, kGuard);
    SgemmPackB(isa, s.p.trans_b, s.b.data(), s.p.ldb, s.p.k, s.p.n, packed.data());
    for (int i = 0; i < kPad; ++i) ASSERT_EQ(packed[size + i], kGuard) << "packed B overrun";
    GetSgemmPackedB(isa)(s.p, s.a.data(), packed.data(), got.data() + kPad, ep);
  } else {
    GetSgemm(isa)(s.p, s.a.data(), s.b.data(), got.data() + kPad, ep);
  }
  const float tol =
      2e-6f * static_cast<float>(s.p.k + 4) * static_cast<float>(std::fabs(s.p.alpha) + 2);
  for (size_t i = 0; i < got.size(); ++i) {
    const int64_t off = static_cast<int64_t>(i) - kPad;
    const bool in_c = off >= 0 && off < s.p.m * s.p.ldc && off % s.p.ldc < s.p.n;
    if (!in_c) {
      ASSERT_EQ(got[i], s.c0[i]) << "wrote outside C at " << i;
    } else {
      ASSERT_NEAR(got[i], want[i], tol) << IsaName(isa) << " M " << s.p.m << " N " << s.p.n << " K "
                                        << s.p.k << " ta " << s.p.trans_a << " tb " << s.p.trans_b
                                        << " at " << off / s.p.ldc << "," << off % s.p.ldc;
    }
  }
}

TEST(SgemmTest, MatchesReferenceShapesAndTransposes) {
  std::mt19937 rng(3);
  const int64_t sizes[][3] = {
      {0, 5, 4},  {5, 0, 4},     {4, 5, 0},     {1, 1, 1},     {5, 7, 1},     {6, 8, 3},
      {7, 9, 5},  {13, 15, 17},  {12, 32, 8},   {13, 33, 9},   {11, 31, 4},   {14, 32, 8},
      {5, 31, 7}, {17, 70, 255}, {29, 47, 257}, {3, 100, 512}, {67, 263, 40}, {131, 300, 20}};
  for (Isa isa : SimdIsas()) {
    for (const auto& sz : sizes) {
      for (int ta = 0; ta < 2; ++ta) {
        for (int tb = 0; tb < 2; ++tb) {
          const Problem s = Make(sz[0], sz[1], sz[2], ta, tb, 1.0, 0.0, rng);
          Check(s, {}, isa, kNoPack);
          Check(s, {}, isa, kPackB);
          Check(s, {}, isa, kPackA);
        }
      }
    }
  }
}

TEST(SgemmTest, AlphaBeta) {
  std::mt19937 rng(4);
  for (Isa isa : SimdIsas()) {
    for (double alpha : {1.0, 0.5, -2.0}) {
      for (double beta : {0.0, 1.0, 0.25}) {
        const Problem s = Make(17, 37, 300, false, true, alpha, beta, rng);
        Check(s, {}, isa, kNoPack);
        Check(s, {}, isa, kPackA);
        const Problem z = Make(9, 11, 0, false, false, alpha, beta, rng);  // K = 0
        Check(z, {}, isa, kNoPack);
      }
    }
  }
}

TEST(SgemmTest, EpiloguePieces) {
  using Kind = Activation::Kind;
  std::mt19937 rng(5);
  for (Isa isa : SimdIsas()) {
    for (int64_t m : {3, 17, 26, 30}) {  // 26 = 2 * 12 + 2: a 14-row AVX-512 tile
      const int64_t n = m + 7 + 32, k = 260;
      Problem s = Make(m, n, k, false, false, 1.0, 0.5, rng);
      SgemmEpilogue ep;
      ep.bias = s.bias.data();
      Check(s, ep, isa, kNoPack);  // bias per column
      ep.bias_per_row = true;
      Check(s, ep, isa, kPackB);  // bias per row
      Check(s, ep, isa, kPackA);
      ep = {};
      ep.residual = s.res.data();
      ep.ldr = n + 5;
      Check(s, ep, isa, kNoPack);
      Check(s, ep, isa, kPackA);
      for (Kind kind :
           {Kind::kRelu, Kind::kClip, Kind::kLeakyRelu, Kind::kSigmoid, Kind::kTanh, Kind::kGelu}) {
        ep.act = {kind, kind == Kind::kClip ? -0.5f : 0.1f, 0.5f};
        ep.bias = s.bias.data();
        Check(s, ep, isa, kNoPack);
        Check(s, ep, isa, kPackB);
        Check(s, ep, isa, kPackA);
      }
    }
  }
}

TEST(SgemmTest, NanPassesThroughRelu) {
  std::mt19937 rng(6);
  for (Isa isa : SimdIsas()) {
    Problem s = Make(20, 40, 10, false, false, 1.0, 0.0, rng);
    s.a[3] = std::nanf("");  // row 0 of C becomes NaN
    std::vector<float> c(s.c0);
    SgemmEpilogue ep;
    ep.act.kind = Activation::Kind::kRelu;
    GetSgemm(isa)(s.p, s.a.data(), s.b.data(), c.data() + kPad, ep);
    for (int64_t j = 0; j < s.p.n; ++j) EXPECT_TRUE(std::isnan(c[kPad + j])) << j;
  }
}

// Shapes that split by columns (large), by rows with B packed once (N = 49), and a GEMV.
TEST(SgemmTest, SameBitsForOneAndTwoThreads) {
  std::mt19937 rng(7);
  const int64_t sizes[][3] = {{300, 520, 700}, {400, 49, 900}, {1, 1000, 600}, {49, 300, 800}};
  for (Isa isa : SimdIsas()) {
    for (const auto& sz : sizes) {
      const Problem s = Make(sz[0], sz[1], sz[2], false, false, 1.0, 0.0, rng);
      std::vector<float> c1(s.c0), c2(s.c0);
      tbb::task_arena one(1), two(2);
      one.execute([&] { GetSgemm(isa)(s.p, s.a.data(), s.b.data(), c1.data() + kPad, {}); });
      two.execute([&] { GetSgemm(isa)(s.p, s.a.data(), s.b.data(), c2.data() + kPad, {}); });
      EXPECT_EQ(c1, c2) << IsaName(isa) << " M " << sz[0] << " N " << sz[1];
      Check(s, {}, isa, kNoPack);
    }
  }
}

// Prepacked A with K <= 64, M <= 64 and B not transposed reads B in place (sgemm_impl.h,
// kDirectBMaxK): K 1..80 (both sides of the limit), M around the panel heights and past 64,
// N odd and around the panel widths (a partial last panel is packed), every epilogue piece,
// and identical bits for 1 and 2 threads.
TEST(SgemmTest, PackedASmallKReadsBInPlace) {
  using Kind = Activation::Kind;
  std::mt19937 rng(8);
  const int64_t ms[] = {1, 5, 7, 13, 16, 25, 63, 64, 65, 70};
  const int64_t ns[] = {1, 9, 31, 33, 65, 127, 301};
  for (Isa isa : SimdIsas()) {
    for (int64_t k = 1; k <= 80; k += (k < 20 ? 1 : 7)) {
      const int64_t m = ms[k % 10], n = ns[k % 7];
      const Problem s = Make(m, n, k, k % 3 == 0, false, 1.0, k % 4 == 0 ? 0.5 : 0.0, rng);
      SgemmEpilogue ep;
      Check(s, ep, isa, kPackA);
      ep.bias = s.bias.data();
      ep.bias_per_row = k % 2 == 0;
      ep.residual = s.res.data();
      ep.ldr = n + 5;
      ep.act = {k % 5 == 0 ? Kind::kSigmoid : (k % 5 == 1 ? Kind::kClip : Kind::kRelu), 0.0f, 6.0f};
      Check(s, ep, isa, kPackA);
    }
  }
}

TEST(SgemmTest, PackedASmallKSameBitsForOneAndTwoThreads) {
  std::mt19937 rng(9);
  // 16 x 12544 x 32 and 64 x 3136 x 64 (MobileNetV2's 1x1 convolutions, in place), 96 x 3137 x
  // 24 (packed B path), 50 x 3000 x 7.
  const int64_t sizes[][3] = {{16, 12544, 32}, {64, 3136, 64}, {96, 3137, 24}, {50, 3000, 7}};
  for (Isa isa : SimdIsas()) {
    for (const auto& sz : sizes) {
      const Problem s = Make(sz[0], sz[1], sz[2], false, false, 1.0, 0.0, rng);
      std::vector<float> packed(SgemmPackedASize(isa, s.p.m, s.p.k));
      SgemmPackA(isa, false, s.a.data(), s.p.lda, s.p.m, s.p.k, packed.data());
      SgemmEpilogue ep;
      ep.bias = s.bias.data();
      ep.bias_per_row = true;
      ep.act.kind = Activation::Kind::kSigmoid;
      std::vector<float> c1(s.c0), c2(s.c0);
      tbb::task_arena one(1), two(2);
      const SgemmPackedAFn f = GetSgemmPackedA(isa);
      one.execute([&] { f(s.p, packed.data(), s.b.data(), c1.data() + kPad, ep); });
      two.execute([&] { f(s.p, packed.data(), s.b.data(), c2.data() + kPad, ep); });
      EXPECT_EQ(c1, c2) << IsaName(isa) << " M " << sz[0] << " N " << sz[1];
      Check(s, ep, isa, kPackA);
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
