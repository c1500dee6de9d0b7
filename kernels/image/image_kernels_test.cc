// Image kernels against naive loops written here: Resize (2-D linear/nearest/cubic vs a
// direct formula), GridSample (bilinear vs hand interpolation), NMS, MaxUnpool, Col2Im
// (vs a 1-D im2col round trip) on sizes 0, 1, odd shapes and random data.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <array>
#include <random>
#include <vector>

#include "kernels/image/grid_sample.h"
#include "kernels/image/nms.h"
#include "kernels/image/resize.h"
#include "kernels/image/unpool.h"

namespace onnxi::kernels {
namespace {

std::vector<float> Random(int64_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> d(-2, 2);
  std::vector<float> v(static_cast<size_t>(n));
  for (auto& e : v) e = d(gen);
  return v;
}

// Runs ResizeNd on a (H, W) plane with the same params per axis.
std::vector<float> Resize2d(const std::vector<float>& x, int64_t h, int64_t w, int64_t oh,
                            int64_t ow, ResizeAxisParams p) {
  std::vector<std::vector<int64_t>> idx(2);
  std::vector<std::vector<double>> wt(2);
  std::vector<std::vector<uint8_t>> out(2);
  ResizeAxis axes[2];
  const int64_t in[2] = {h, w}, o[2] = {oh, ow};
  for (int d = 0; d < 2; ++d) {
    p.in = in[d];
    p.out = o[d];
    p.scale = static_cast<double>(o[d]) / static_cast<double>(in[d]);
    const int64_t taps = ResizeAxisTaps(p);
    idx[d].resize(o[d] * taps);
    wt[d].resize(o[d] * taps);
    out[d].resize(o[d]);
    ResizeAxisTable(p, idx[d].data(), wt[d].data(), out[d].data());
    axes[d] = {taps, idx[d].data(), wt[d].data(), out[d].data()};
  }
  std::vector<float> y(static_cast<size_t>(oh * ow), -99.f);
  ResizeNd(x.data(), in, o, 2, axes, 0.0, y.data());
  return y;
}

TEST(ResizeKernel, LinearHalfPixelMatchesBilinearFormula) {
  for (auto [h, w, oh, ow] : std::vector<std::array<int64_t, 4>>{
           {1, 1, 1, 1}, {1, 1, 3, 2}, {3, 5, 7, 4}, {4, 4, 2, 9}, {2, 7, 5, 5}}) {
    const auto x = Random(h * w, static_cast<unsigned>(h * 100 + w));
    ResizeAxisParams p;
    p.mode = ResizeMode::kLinear;
    const auto y = Resize2d(x, h, w, oh, ow, p);
    for (int64_t i = 0; i < oh; ++i) {
      for (int64_t j = 0; j < ow; ++j) {
        // Source coordinates clamped to the image, then plain bilinear interpolation.
        double sy = std::clamp((i + 0.5) * h / oh - 0.5, 0.0, h - 1.0);
        double sx = std::clamp((j + 0.5) * w / ow - 0.5, 0.0, w - 1.0);
        const int64_t y0 = static_cast<int64_t>(sy), x0 = static_cast<int64_t>(sx);
        const int64_t y1 = std::min(y0 + 1, h - 1), x1 = std::min(x0 + 1, w - 1);
        const double fy = sy - y0, fx = sx - x0;
        const double want = (1 - fy) * ((1 - fx) * x[y0 * w + x0] + fx * x[y0 * w + x1]) +
                            fy * ((1 - fx) * x[y1 * w + x0] + fx * x[y1 * w + x1]);
        EXPECT_NEAR(y[i * ow + j], want, 1e-5) << h << "x" << w << " -> " << oh << "x" << ow;
      }
    }
  }
}

TEST(ResizeKernel, NearestAsymmetricFloorIsRepeat) {
  const auto x = Random(3 * 5, 7);
  ResizeAxisParams p;
  p.coord = ResizeCoordMode::kAsymmetric;
  p.nearest = ResizeNearestMode::kFloor;
  const auto y = Resize2d(x, 3, 5, 6, 15, p);
  for (int64_t i = 0; i < 6; ++i) {
    for (int64_t j = 0; j < 15; ++j) EXPECT_EQ(y[i * 15 + j], x[(i / 2) * 5 + j / 3]);
  }
}

TEST(ResizeKernel, CubicWeightsSumToOneAndKeepConstants) {
  std::vector<float> x(4 * 6, 3.25f);
  for (bool exclude : {false, true}) {
    for (bool aa : {false, true}) {
      ResizeAxisParams p;
      p.mode = ResizeMode::kCubic;
      p.exclude_outside = exclude;
      p.antialias = aa;
      for (float v : Resize2d(x, 4, 6, 3, 11, p)) EXPECT_NEAR(v, 3.25f, 1e-5);
    }
  }
}

TEST(ResizeKernel, EmptyOutputWritesNothing) {
  ResizeAxisParams p;
  const auto y = Resize2d({1, 2}, 1, 2, 0, 3, p);
  EXPECT_TRUE(y.empty());
}

TEST(GridSampleKernel, BilinearZerosMatchesHandInterpolation) {
  const int64_t h = 3, w = 4;
  const auto x = Random(h * w, 3);
  const auto g = Random(5 * 2, 4);  // 1 x 5 output points, some outside [-1, 1]
  GridSampleParams p;
  p.batch = 1;
  p.channels = 1;
  p.rank = 2;
  p.in[0] = h;
  p.in[1] = w;
  p.out[0] = 1;
  p.out[1] = 5;
  std::vector<float> y(5);
  GridSample(x.data(), g.data(), p, y.data());
  for (int k = 0; k < 5; ++k) {
    const double sx = ((g[2 * k] + 1) * w - 1) / 2, sy = ((g[2 * k + 1] + 1) * h - 1) / 2;
    const double fx = std::floor(sx), fy = std::floor(sy);
    double want = 0;
    for (int dy = 0; dy < 2; ++dy) {
      for (int dx = 0; dx < 2; ++dx) {
        const int64_t yy = static_cast<int64_t>(fy) + dy, xx = static_cast<int64_t>(fx) + dx;
        if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
        want += (dy ? sy - fy : 1 - (sy - fy)) * (dx ? sx - fx : 1 - (sx - fx)) * x[yy * w + xx];
      }
    }
    EXPECT_NEAR(y[k], want, 1e-5) << k;
  }
}

TEST(GridSampleKernel, ReflectFoldsIntoRange) {
  EXPECT_DOUBLE_EQ(GridReflect(-0.5, 0, 3), 0.5);
  EXPECT_DOUBLE_EQ(GridReflect(3.5, 0, 3), 2.5);
  EXPECT_DOUBLE_EQ(GridReflect(7.0, 0, 3), 1.0);
  EXPECT_DOUBLE_EQ(GridReflect(1.0, 0, 3), 1.0);
}

TEST(NmsKernel, SuppressesOverlapsKeepsOrderAndCapacity) {
  // Boxes 0 and 1 overlap (IoU 0.81), box 2 is apart, box 3 has zero area.
  const std::vector<float> boxes = {0, 0, 10, 10, 1, 1, 10, 10, 20, 20, 30, 30, 5, 5, 5, 5};
  const std::vector<float> scores = {0.9f, 0.95f, 0.5f, 0.99f};
  NmsParams p;
  p.batches = 1;
  p.classes = 1;
  p.num_boxes = 4;
  p.max_per_class = 10;
  p.iou_threshold = 0.5f;
  std::vector<int64_t> order(4), kept(4), out(12, -1);
  EXPECT_EQ(NonMaxSuppression(boxes.data(), scores.data(), p, order.data(), kept.data(),
                              out.data(), 4),
            3);
  EXPECT_EQ(out[2], 3);
  EXPECT_EQ(out[5], 1);
  EXPECT_EQ(out[8], 2);
  p.has_score_threshold = true;
  p.score_threshold = 0.95f;  // strictly greater: only box 3
  EXPECT_EQ(NonMaxSuppression(boxes.data(), scores.data(), p, order.data(), kept.data(),
                              out.data(), 4),
            1);
  p.max_per_class = 0;
  EXPECT_EQ(NonMaxSuppression(boxes.data(), scores.data(), p, order.data(), kept.data(),
                              out.data(), 0),
            0);
}

TEST(UnpoolKernel, MaxUnpoolScattersAndReportsBadIndex) {
  const std::vector<float> x = {5, 6};
  const std::vector<int64_t> ok = {1, 3}, bad = {1, 4};
  const int64_t dims[3] = {1, 1, 4}, out[3] = {1, 1, 5};
  std::vector<float> y(5, -1);
  EXPECT_EQ(MaxUnpool(x.data(), ok.data(), 2, 3, dims, out, y.data()), -1);
  EXPECT_EQ(y, (std::vector<float>{0, 5, 0, 6, 0}));
  EXPECT_EQ(MaxUnpool(x.data(), bad.data(), 2, 3, dims, out, y.data()), 1);
}

TEST(UnpoolKernel, Col2ImSumsOverlappingColumns1d) {
  // image 7, block 3, stride 2, dilation 1, pads 1/1 -> blocks (7 + 2 - 3) / 2 + 1 = 4.
  Col2ImParams p;
  p.batch = 1;
  p.channels = 2;
  p.rank = 1;
  p.image[0] = 7;
  p.block[0] = 3;
  p.blocks[0] = 4;
  p.stride[0] = 2;
  p.dilation[0] = 1;
  p.pad_begin[0] = 1;
  const auto x = Random(2 * 3 * 4, 11);
  std::vector<float> y(14, -1);
  Col2Im(x.data(), p, y.data());
  std::vector<double> want(14, 0);
  for (int c = 0; c < 2; ++c) {
    for (int k = 0; k < 3; ++k) {
      for (int l = 0; l < 4; ++l) {
        const int pos = l * 2 - 1 + k;
        if (pos >= 0 && pos < 7) want[c * 7 + pos] += x[(c * 3 + k) * 4 + l];
      }
    }
  }
  for (int i = 0; i < 14; ++i) EXPECT_NEAR(y[i], want[i], 1e-5) << i;
}

}  // namespace
}  // namespace onnxi::kernels
