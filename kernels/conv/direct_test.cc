// The direct-conv SIMD kernels (pad + compute) against ConvDirectF32Ref for every Isa this CPU
// runs: K 1..7, stride 1 and 2, asymmetric pads, widths around the vector sizes and the
// register blocks (tile +-1), output channels around the channel block (1, MB +- 1), split
// into two row ranges as a caller does; bias/residual/activation on and off. Guard floats
// after y catch overruns.
#include "kernels/conv/direct.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;

void CheckDirect(Isa isa, int k, int s, int64_t c, int64_t m, int64_t h, int64_t w, int64_t pt,
                 int64_t pl, int64_t pb, int64_t pr, bool bias, bool res, Activation::Kind act,
                 std::mt19937& rng) {
  DirectConvParams p;
  p.channels = c;
  p.out_channels = m;
  p.in_h = h;
  p.in_w = w;
  p.kernel = k;
  p.stride = s;
  p.pad_top = pt;
  p.pad_left = pl;
  p.out_h = (h + pt + pb - k) / s + 1;
  p.out_w = (w + pl + pr - k) / s + 1;
  if (p.out_h <= 0 || p.out_w <= 0) return;
  p.act.kind = act;
  p.act.alpha = act == Activation::Kind::kClip ? 0.0f : 0.1f;
  p.act.beta = 0.5f;
  std::vector<float> planes(PrepareDirectConv(p, isa));
  std::uniform_real_distribution<float> dist(-1, 1);
  const int64_t out_size = m * p.out_h * p.out_w;
  std::vector<float> x(c * h * w), wt(m * c * k * k), b(m), r(out_size);
  for (float& v : x) v = dist(rng);
  for (float& v : wt) v = dist(rng);
  for (float& v : b) v = dist(rng);
  for (float& v : r) v = dist(rng);
  std::vector<float> want(out_size), got(out_size + 16, kGuard);
  const float* bp = bias ? b.data() : nullptr;
  const float* rp = res ? r.data() : nullptr;
  ConvDirectF32Ref(p, x.data(), wt.data(), bp, rp, want.data());
  const ConvDirectF32Fns f = GetConvDirectF32(isa);
  f.pad(p, x.data(), 0, c / 2, planes.data());
  f.pad(p, x.data(), c / 2, c, planes.data());
  const int64_t split = p.out_h / 2;
  f.compute(p, planes.data(), wt.data(), bp, rp, got.data(), split, p.out_h);
  f.compute(p, planes.data(), wt.data(), bp, rp, got.data(), 0, split);
  for (int64_t i = 0; i < out_size; ++i) {
    ASSERT_NEAR(got[i], want[i], 1e-5f + 1e-5f * std::fabs(want[i]))
        << IsaName(isa) << " k" << k << " s" << s << " c" << c << " m" << m << " " << h << "x"
        << w << " pads " << pt << pl << pb << pr << " at " << i;
  }
  for (int i = 0; i < 16; ++i) ASSERT_EQ(got[out_size + i], kGuard) << "overrun";
}

TEST(ConvDirectF32, MatchesReference) {
  std::mt19937 rng(3);
  using Kind = Activation::Kind;
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (!CpuSupports(isa)) continue;
    for (int k = 1; k <= kDirectMaxK; ++k) {
      for (int s : {1, 2}) {
        for (int64_t w : {1, 3, 4, 7, 8, 9, 15, 16, 17, 47, 48, 49, 63, 97}) {
          const int64_t m = 1 + (w * 3 + k) % 10;  // 1..10: around MB 4 and 8
          const int64_t p = w % 4;
          CheckDirect(isa, k, s, 1 + w % 3, m, 2 + w % 5 + k, w, p, (p + 1) % 4, p / 2, p, w % 2,
                      w % 3 == 0, w % 2 ? Kind::kRelu : Kind::kNone, rng);
        }
        CheckDirect(isa, k, s, 3, 9, 12, 50, k / 2, k / 2, k / 2, k / 2, true, true,
                    Kind::kClip, rng);
        CheckDirect(isa, k, s, 2, 5, 9, 20, 1, 0, 0, 1, true, false, Kind::kSigmoid, rng);
      }
    }
  }
  EXPECT_EQ(GetConvDirectF32(Isa::kReference).compute, nullptr);
}

}  // namespace
}  // namespace onnxi::kernels
