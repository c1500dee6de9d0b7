// The channels-last depthwise kernels: the reference twin against the NCHW reference
// (ConvDepthwiseF32Ref on transposed data), and every SIMD Isa this CPU runs against the twin
// over K 3/5, stride 1/2, asymmetric pads (wider than K too), sizes 1 and around the pixel
// blocks, channel counts off the vector size (the masked channel tail), bias and activations
// on and off; rows computed in two calls equal one call bit for bit. Guard floats after y
// catch overruns.
#include "kernels/conv/depthwise_hwc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/conv/depthwise.h"

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 12345.0f;
using Kind = Activation::Kind;

struct Case {
  int k = 3, s = 1;
  int64_t c = 1, h = 1, w = 1, pt = 0, pl = 0, pb = 0, pr = 0;
  bool bias = true;
  Kind act = Kind::kNone;
};

void Check(Isa isa, const Case& t, std::mt19937& rng) {
  DepthwiseParams p;
  p.channels = t.c;
  p.in_h = t.h;
  p.in_w = t.w;
  p.kernel = t.k;
  p.stride = t.s;
  p.pad_top = t.pt;
  p.pad_left = t.pl;
  p.out_h = (t.h + t.pt + t.pb - t.k) / t.s + 1;
  p.out_w = (t.w + t.pl + t.pr - t.k) / t.s + 1;
  if (t.h + t.pt + t.pb < t.k || t.w + t.pl + t.pr < t.k) return;
  p.act.kind = t.act;
  p.act.alpha = t.act == Kind::kClip ? 0.0f : 0.1f;
  p.act.beta = 0.5f;
  p.act_fn = GetActivation(isa);
  std::uniform_real_distribution<float> dist(-1, 1);
  const int64_t kk = t.k * t.k, out = p.out_h * p.out_w * t.c;
  std::vector<float> x(t.h * t.w * t.c), w(t.c * kk), taps(kk * t.c), b(t.c);
  for (float& v : x) v = dist(rng);
  for (float& v : w) v = dist(rng);
  for (float& v : b) v = dist(rng);
  RepackDepthwiseWeights(w.data(), t.c, t.k, taps.data());
  const float* bp = t.bias ? b.data() : nullptr;
  std::vector<float> want(out);
  DepthwiseHwcF32Ref(p, x.data(), taps.data(), bp, want.data(), 0, p.out_h);

  // The twin against the NCHW reference.
  std::vector<float> x_chw(x.size()), y_chw(out);
  const int64_t in_px = t.h * t.w, out_px = p.out_h * p.out_w;
  for (int64_t i = 0; i < in_px; ++i) {
    for (int64_t c = 0; c < t.c; ++c) x_chw[c * in_px + i] = x[i * t.c + c];
  }
  ConvDepthwiseF32Ref(p, x_chw.data(), w.data(), bp, nullptr, y_chw.data());
  for (int64_t i = 0; i < out_px; ++i) {
    for (int64_t c = 0; c < t.c; ++c) {
      ASSERT_NEAR(want[i * t.c + c], y_chw[c * out_px + i],
                  1e-6f + 1e-6f * std::fabs(want[i * t.c + c]))
          << "twin vs NCHW at " << i;  // the twin starts from the bias, the NCHW one ends with it
    }
  }

  if (isa == Isa::kReference) return;
  const DepthwiseHwcF32Fn fn = GetDepthwiseHwcF32(isa);
  std::vector<float> got(out + 16, kGuard), split(out + 16, kGuard);
  fn(p, x.data(), taps.data(), bp, got.data(), 0, p.out_h);
  const int64_t mid = p.out_h / 2;
  fn(p, x.data(), taps.data(), bp, split.data(), 0, mid);
  fn(p, x.data(), taps.data(), bp, split.data(), mid, p.out_h);
  for (int64_t i = 0; i < out; ++i) {
    ASSERT_NEAR(got[i], want[i], 1e-5f + 1e-5f * std::fabs(want[i]))
        << IsaName(isa) << " k" << t.k << " s" << t.s << " c" << t.c << " " << t.h << "x" << t.w
        << " pads " << t.pt << t.pl << t.pb << t.pr << " at " << i;
    ASSERT_EQ(got[i], split[i]) << "rows in two calls differ at " << i;
  }
  for (int i = 0; i < 16; ++i) ASSERT_EQ(got[out + i], kGuard) << "overrun";
}

TEST(DepthwiseHwcF32, MatchesReference) {
  std::mt19937 rng(11);
  const Kind acts[] = {Kind::kNone, Kind::kClip, Kind::kRelu, Kind::kSigmoid};
  for (Isa isa : {Isa::kReference, Isa::kGeneric, Isa::kAvx2, Isa::kAvx512}) {
    if (!CpuSupports(isa)) continue;
    int n = 0;
    for (int k : {3, 5}) {
      for (int s : {1, 2}) {
        for (int64_t c : {1, 4, 16, 17, 32, 40, 96}) {
          for (int64_t w : {1, 2, 3, 7, 8, 9, 14, 17, 28}) {
            ++n;
            Case t;
            t.k = k;
            t.s = s;
            t.c = c;
            t.w = w;
            t.h = 1 + (w + c) % 7;
            t.pt = n % 3;
            t.pl = (n / 3) % 3;
            t.pb = (n / 2) % 3;
            t.pr = n % 2 + (k == 5 && w == 1 ? 4 : 0);  // pads wider than the image
            t.bias = n % 4 != 0;
            t.act = acts[n % 4];
            Check(isa, t, rng);
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
