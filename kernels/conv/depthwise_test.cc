// The depthwise SIMD kernels against ConvDepthwiseF32Ref for every Isa this CPU runs: K 3 and
// 5, stride 1 and 2, pads 0..3 (asymmetric), widths around the vector sizes (tile +-1),
// sizes 1, MobileNetV2 widths (28..113), pads wider than K, bias/residual/activation on and
// off. Guard floats after y catch overruns.
// Im2ColF32 against Im2Col<float> (bitwise) on random 1-D/2-D/3-D geometries.
#include "kernels/conv/depthwise.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/conv/im2col_f32.h"

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;

void CheckDepthwise(Isa isa, int k, int s, int64_t c, int64_t h, int64_t w, int64_t pt, int64_t pl,
                    int64_t pb, int64_t pr, bool bias, bool res, Activation::Kind act,
                    std::mt19937& rng) {
  DepthwiseParams p;
  p.channels = c;
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
  const int64_t scratch_floats = PrepareDepthwise(p, isa);
  std::uniform_real_distribution<float> dist(-1, 1);
  const int64_t out_size = c * p.out_h * p.out_w;
  std::vector<float> x(c * h * w), wt(c * k * k), b(c), r(out_size);
  for (float& v : x) v = dist(rng);
  for (float& v : wt) v = dist(rng);
  for (float& v : b) v = dist(rng);
  for (float& v : r) v = dist(rng);
  std::vector<float> want(out_size), got(out_size + 16, kGuard), scratch(scratch_floats);
  const float* bp = bias ? b.data() : nullptr;
  const float* rp = res ? r.data() : nullptr;
  ConvDepthwiseF32Ref(p, x.data(), wt.data(), bp, rp, want.data());
  GetConvDepthwiseF32(isa)(p, x.data(), wt.data(), bp, rp, got.data(), scratch.data());
  for (int64_t i = 0; i < out_size; ++i) {
    ASSERT_NEAR(got[i], want[i], 1e-5f + 1e-5f * std::fabs(want[i]))
        << IsaName(isa) << " k" << k << " s" << s << " c" << c << " " << h << "x" << w << " pads "
        << pt << pl << pb << pr << " at " << i;
  }
  for (int i = 0; i < 16; ++i) ASSERT_EQ(got[out_size + i], kGuard) << "overrun";
}

std::vector<Isa> SimdIsas() {
  std::vector<Isa> isas;
  for (Isa isa : {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (CpuSupports(isa)) isas.push_back(isa);
  }
  return isas;
}

TEST(ConvDepthwiseF32, MatchesReference) {
  std::mt19937 rng(7);
  using Kind = Activation::Kind;
  for (Isa isa : SimdIsas()) {
    for (int k : {3, 5}) {
      for (int s : {1, 2}) {
        for (int64_t w : {1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 33, 63, 65, 70}) {
          const int64_t h = 1 + w % 6;
          const int64_t p = w % 4;
          CheckDepthwise(isa, k, s, 3, h + k - 1, w, p, p, (p + 1) % 4, p / 2, w % 2, w % 3 == 0,
                         w % 2 ? Kind::kRelu : Kind::kNone, rng);
          CheckDepthwise(isa, k, s, 2, h + 2, w + k - 1, 0, 0, 0, 0, true, false, Kind::kClip, rng);
        }
        // MobileNetV2-like widths (the stride-2 split's vector loop and its edges), all pads.
        for (int64_t w : {28, 29, 56, 57, 111, 112, 113}) {
          for (int64_t p = 0; p < 4; ++p) {
            CheckDepthwise(isa, k, s, 2, 3 + p, w, p, p, 3 - p, (p + 1) % 4, true, p == 2,
                           Kind::kRelu, rng);
          }
        }
        // Wide rows over several heights: the 3x3 tiles of four (AVX-512) or two rows, and
        // the leftover rows of a channel (out_h % rows) one at a time.
        for (int64_t w : {33, 49, 56, 71, 113}) {
          for (int64_t h = k; h < k + 9; ++h) {
            CheckDepthwise(isa, k, s, 2, h * s, w, h % 2, 1, h % 3, 1, h % 2 == 0, h % 3 == 1,
                           h % 2 ? Kind::kRelu : Kind::kClip, rng);
          }
        }
        // Pads wider than the kernel: whole output rows/columns read only zeros.
        CheckDepthwise(isa, k, s, 2, 4, 9, 6, 7, 6, 5, true, true, Kind::kClip, rng);
        CheckDepthwise(isa, k, s, 5, 9, 12, 1, 2, 2, 1, true, true, Kind::kLeakyRelu, rng);
        CheckDepthwise(isa, k, s, 4, 10, 11, k / 2, k / 2, k / 2, k / 2, true, false,
                       Kind::kSigmoid, rng);
      }
    }
  }
}

TEST(ConvDepthwiseF32, ZeroChannelsWritesNothing) {
  for (Isa isa : SimdIsas()) {
    DepthwiseParams p;
    p.in_h = p.in_w = p.out_h = p.out_w = 4;
    p.pad_top = p.pad_left = 1;
    std::vector<float> scratch(PrepareDepthwise(p, isa));
    float y = kGuard;
    GetConvDepthwiseF32(isa)(p, nullptr, nullptr, nullptr, nullptr, &y, scratch.data());
    EXPECT_EQ(y, kGuard);
  }
  EXPECT_EQ(GetConvDepthwiseF32(Isa::kReference), nullptr);
}

TEST(Im2ColF32, MatchesIm2ColBitwise) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> small(1, 3), size(1, 9), pad(0, 2);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int iter = 0; iter < 200; ++iter) {
    ConvGeometry g;
    const int dims = 1 + iter % 3;
    for (int i = 3 - dims; i < 3; ++i) {
      g.kernel[i] = small(rng);
      g.stride[i] = small(rng);
      g.dilation[i] = small(rng);
      g.pad_begin[i] = pad(rng);
      const int64_t dk = (g.kernel[i] - 1) * g.dilation[i] + 1;
      g.in[i] = dk + size(rng) - 1;
      g.out[i] = (g.in[i] + g.pad_begin[i] + pad(rng) - dk) / g.stride[i] + 1;
    }
    const int64_t c = iter % 4;  // includes 0 channels
    std::vector<float> x(c * g.in_size());
    for (float& v : x) v = dist(rng);
    const size_t n = c * g.kernel_size() * g.out_size();
    std::vector<float> want(n), got(n + 8, kGuard);
    Im2Col(x.data(), c, g, want.data());
    Im2ColF32(x.data(), c, g, got.data());
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], want[i]) << "iter " << iter << " at " << i;
    for (int i = 0; i < 8; ++i) ASSERT_EQ(got[n + i], kGuard);
  }
}

}  // namespace
}  // namespace onnxi::kernels
