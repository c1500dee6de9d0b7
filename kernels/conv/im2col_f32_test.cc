// Im2ColF32 against its reference twin Im2Col<float>: bitwise (it only copies) over 2-D
// geometries with strides 1..3 (the unit-stride memcpy, the stride-2 loop and the general
// strided loop), dilations 1..2, pads 0..2 on each side, widths 1..40 and kernels 1..5, with
// a guard value after the column buffer; and a 3-D geometry (the fallback).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/conv/conv.h"
#include "kernels/conv/im2col_f32.h"

namespace onnxi::kernels {
namespace {

constexpr float kGuard = 1234.5f;

void Check(const ConvGeometry& g, int64_t channels, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> image(channels * g.in_size());
  for (float& f : image) f = dist(rng);
  const size_t n = static_cast<size_t>(channels * g.kernel_size() * g.out_size());
  std::vector<float> got(n + 1, kGuard), want(n + 1, kGuard);
  Im2ColF32(image.data(), channels, g, got.data());
  Im2Col<float>(image.data(), channels, g, want.data());
  ASSERT_EQ(got, want) << "in " << g.in[1] << "x" << g.in[2] << " k " << g.kernel[1] << "x"
                       << g.kernel[2] << " s " << g.stride[1] << "," << g.stride[2];
}

TEST(Im2ColF32, MatchesReferenceBitwise) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int64_t> small(1, 3), pad(0, 2), width(1, 40), kern(1, 5);
  for (int iter = 0; iter < 400; ++iter) {
    ConvGeometry g;
    for (int i = 1; i < 3; ++i) {
      g.in[i] = width(rng);
      g.kernel[i] = kern(rng);
      g.stride[i] = small(rng);
      g.dilation[i] = iter % 3 == 0 ? 2 : 1;
      g.pad_begin[i] = pad(rng);
      const int64_t span = (g.kernel[i] - 1) * g.dilation[i] + 1;
      const int64_t padded = g.in[i] + g.pad_begin[i] + pad(rng);
      if (padded < span) g.in[i] += span - padded;
      // The end pad: outputs reading past in[i] see zeros (Im2Col's contract).
      g.out[i] = (padded + (padded < span ? span - padded : 0) - span) / g.stride[i] + 1;
    }
    Check(g, 1 + iter % 3, rng);
  }
  // ResNet-50's stride-2 3x3 (pad 1) and 1x1 stride-2 shapes.
  for (int64_t k : {1, 3}) {
    ConvGeometry g;
    g.in[1] = g.in[2] = 56;
    g.kernel[1] = g.kernel[2] = k;
    g.stride[1] = g.stride[2] = 2;
    g.pad_begin[1] = g.pad_begin[2] = k / 2;
    g.out[1] = g.out[2] = 28;
    Check(g, 2, rng);
  }
  ConvGeometry g3;  // 3-D: the fallback
  g3.in[0] = 4;
  g3.in[1] = g3.in[2] = 5;
  g3.kernel[0] = g3.kernel[1] = g3.kernel[2] = 2;
  g3.out[0] = 3;
  g3.out[1] = g3.out[2] = 4;
  Check(g3, 2, rng);
}

}  // namespace
}  // namespace onnxi::kernels
