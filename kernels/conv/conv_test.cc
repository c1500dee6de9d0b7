// Im2Col + GemmRef against a naive direct convolution on random 1-3-D geometries with pads,
// strides and dilations; Col2ImAdd against Im2Col through the adjoint identity
// <Im2Col(x), c> == <x, Col2ImAdd(c)>.
#include "kernels/conv/conv.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/gemm/gemm.h"

namespace onnxi::kernels {
namespace {

ConvGeometry RandomGeometry(std::mt19937& rng) {
  ConvGeometry g;
  std::uniform_int_distribution<int> small(1, 3), size(1, 7), pad(0, 2);
  const int dims = small(rng);
  for (int i = 3 - dims; i < 3; ++i) {
    g.kernel[i] = small(rng);
    g.stride[i] = small(rng);
    g.dilation[i] = small(rng);
    g.pad_begin[i] = pad(rng);
    const int64_t dk = (g.kernel[i] - 1) * g.dilation[i] + 1;
    g.in[i] = dk + size(rng) - 1;  // at least one window without end pads
    g.out[i] = (g.in[i] + g.pad_begin[i] + pad(rng) - dk) / g.stride[i] + 1;
  }
  return g;
}

TEST(ConvTest, Im2ColGemmMatchesDirect) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int iter = 0; iter < 50; ++iter) {
    const ConvGeometry g = RandomGeometry(rng);
    const int64_t c = 1 + iter % 3, m = 1 + iter % 4;
    std::vector<float> x(c * g.in_size()), w(m * c * g.kernel_size()), y(m * g.out_size());
    for (float& v : x) v = dist(rng);
    for (float& v : w) v = dist(rng);
    std::vector<float> col(c * g.kernel_size() * g.out_size());
    Im2Col(x.data(), c, g, col.data());
    GemmParams p;
    p.m = m;
    p.n = g.out_size();
    p.k = c * g.kernel_size();
    p.lda = p.k;
    p.ldb = p.n;
    p.ldc = p.n;
    GemmRef(p, w.data(), col.data(), y.data());
    // Direct loops.
    for (int64_t oc = 0; oc < m; ++oc) {
      for (int64_t o0 = 0; o0 < g.out[0]; ++o0) {
        for (int64_t o1 = 0; o1 < g.out[1]; ++o1) {
          for (int64_t o2 = 0; o2 < g.out[2]; ++o2) {
            double s = 0;
            for (int64_t ic = 0; ic < c; ++ic) {
              for (int64_t k0 = 0; k0 < g.kernel[0]; ++k0) {
                for (int64_t k1 = 0; k1 < g.kernel[1]; ++k1) {
                  for (int64_t k2 = 0; k2 < g.kernel[2]; ++k2) {
                    const int64_t i0 = o0 * g.stride[0] - g.pad_begin[0] + k0 * g.dilation[0];
                    const int64_t i1 = o1 * g.stride[1] - g.pad_begin[1] + k1 * g.dilation[1];
                    const int64_t i2 = o2 * g.stride[2] - g.pad_begin[2] + k2 * g.dilation[2];
                    if (i0 < 0 || i0 >= g.in[0] || i1 < 0 || i1 >= g.in[1] || i2 < 0 ||
                        i2 >= g.in[2]) {
                      continue;
                    }
                    const double xv = x[((ic * g.in[0] + i0) * g.in[1] + i1) * g.in[2] + i2];
                    const double wv =
                        w[(((oc * c + ic) * g.kernel[0] + k0) * g.kernel[1] + k1) *
                              g.kernel[2] +
                          k2];
                    s += xv * wv;
                  }
                }
              }
            }
            const float got = y[((oc * g.out[0] + o0) * g.out[1] + o1) * g.out[2] + o2];
            ASSERT_NEAR(got, s, 1e-4) << "iter " << iter;
          }
        }
      }
    }
  }
}

TEST(ConvTest, Col2ImIsAdjointOfIm2Col) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> dist(-1, 1);
  for (int iter = 0; iter < 50; ++iter) {
    const ConvGeometry g = RandomGeometry(rng);
    const int64_t c = 1 + iter % 3;
    std::vector<double> x(c * g.in_size()), cv(c * g.kernel_size() * g.out_size());
    for (double& v : x) v = dist(rng);
    for (double& v : cv) v = dist(rng);
    std::vector<double> col(cv.size());
    Im2Col(x.data(), c, g, col.data());
    std::vector<double> back(x.size(), 0.0);
    Col2ImAdd(cv.data(), c, g, back.data());
    double lhs = 0, rhs = 0;
    for (size_t i = 0; i < col.size(); ++i) lhs += col[i] * cv[i];
    for (size_t i = 0; i < x.size(); ++i) rhs += x[i] * back[i];
    ASSERT_NEAR(lhs, rhs, 1e-9) << "iter " << iter;
  }
}

TEST(ConvTest, FillChannelBias) {
  const float bias[2] = {1, 2};
  std::vector<float> y(2 * 2 * 3, -1);
  FillChannelBias(bias, 2, 2, 3, y.data());
  EXPECT_EQ(y, (std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
  FillChannelBias<float>(nullptr, 2, 2, 3, y.data());
  EXPECT_EQ(y, std::vector<float>(12, 0));
}

}  // namespace
}  // namespace onnxi::kernels
