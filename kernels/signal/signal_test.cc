// Tests of the signal kernels against naive std::complex loops written here: DFT forward,
// inverse, one-sided, zero-padded/truncated and hermitian (irfft) on odd shapes and sizes
// 0/1; STFT against per-frame DFTs; windows and the mel matrix against their formulas.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/signal/dft.h"
#include "kernels/signal/window.h"

namespace onnxi::kernels {
namespace {

using Cd = std::complex<double>;
const double kPi = std::acos(-1.0);

// Naive DFT of one line (already zero-padded/truncated to n).
std::vector<Cd> NaiveDft(const std::vector<Cd>& x, bool inverse) {
  const int64_t n = static_cast<int64_t>(x.size());
  std::vector<Cd> y(n);
  for (int64_t k = 0; k < n; ++k) {
    Cd s = 0;
    for (int64_t t = 0; t < n; ++t) {
      s += x[t] * std::polar(1.0, (inverse ? 2 : -2) * kPi * k * t / n);
    }
    y[k] = inverse ? s / static_cast<double>(n) : s;
  }
  return y;
}

struct DftCase {
  int64_t outer, len, inner, comp, n;
  bool inverse, onesided;
};

TEST(DftRef, MatchesNaiveOnOddShapes) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-1, 1);
  const DftCase cases[] = {{1, 1, 1, 1, 1, false, false}, {2, 5, 3, 1, 5, false, false},
                           {3, 7, 2, 2, 7, false, false}, {1, 6, 1, 2, 6, true, false},
                           {2, 9, 1, 1, 9, false, true},  {1, 4, 3, 1, 7, false, false},
                           {1, 8, 1, 2, 5, true, false},  {0, 3, 2, 1, 3, false, false}};
  for (const DftCase& c : cases) {
    std::vector<double> x(c.outer * c.len * c.inner * c.comp);
    for (double& v : x) v = u(rng);
    DftParams p;
    p.outer = c.outer;
    p.inner = c.inner;
    p.in_len = c.len;
    p.in_comp = c.comp;
    p.dft_length = c.n;
    p.out_len = c.onesided ? c.n / 2 + 1 : c.n;
    p.inverse = c.inverse;
    std::vector<double> y(c.outer * p.out_len * c.inner * 2, -99);
    DftRef<double>(x.data(), y.data(), p);
    for (int64_t o = 0; o < c.outer; ++o) {
      for (int64_t i = 0; i < c.inner; ++i) {
        std::vector<Cd> line(c.n, 0.0);
        for (int64_t t = 0; t < std::min(c.len, c.n); ++t) {
          const double* e = &x[((o * c.len + t) * c.inner + i) * c.comp];
          line[t] = Cd(e[0], c.comp == 2 ? e[1] : 0.0);
        }
        const std::vector<Cd> want = NaiveDft(line, c.inverse);
        for (int64_t k = 0; k < p.out_len; ++k) {
          const double* g = &y[((o * p.out_len + k) * c.inner + i) * 2];
          EXPECT_NEAR(g[0], want[k].real(), 1e-9);
          EXPECT_NEAR(g[1], want[k].imag(), 1e-9);
        }
      }
    }
  }
}

TEST(DftRef, HermitianInverseRecoversRealSignal) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-1, 1);
  for (int64_t n : {1, 2, 7, 10}) {
    std::vector<float> x(n);
    for (float& v : x) v = u(rng);
    // One-sided spectrum of x.
    DftParams f;
    f.in_len = n;
    f.dft_length = n;
    f.out_len = n / 2 + 1;
    std::vector<float> spec(f.out_len * 2);
    DftRef<float>(x.data(), spec.data(), f);
    DftParams b;
    b.in_len = f.out_len;
    b.in_comp = 2;
    b.dft_length = n;
    b.out_len = n;
    b.out_comp = 1;
    b.inverse = true;
    b.hermitian = true;
    std::vector<float> back(n, -99);
    DftRef<float>(spec.data(), back.data(), b);
    for (int64_t t = 0; t < n; ++t) EXPECT_NEAR(back[t], x[t], 1e-5) << "n=" << n;
  }
}

TEST(StftRef, EqualsWindowedFrameDfts) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-1, 1);
  StftParams p;
  p.batch = 2;
  p.signal_len = 23;
  p.step = 4;
  p.frame_len = 7;
  p.frames = 1 + (p.signal_len - p.frame_len) / p.step;
  p.out_bins = p.frame_len / 2 + 1;
  std::vector<double> s(p.batch * p.signal_len), w(p.frame_len);
  for (double& v : s) v = u(rng);
  for (double& v : w) v = u(rng);
  std::vector<double> y(p.batch * p.frames * p.out_bins * 2);
  StftRef<double>(s.data(), w.data(), y.data(), p);
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t f = 0; f < p.frames; ++f) {
      std::vector<Cd> line(p.frame_len);
      for (int64_t t = 0; t < p.frame_len; ++t) {
        line[t] = s[b * p.signal_len + f * p.step + t] * w[t];
      }
      const std::vector<Cd> want = NaiveDft(line, false);
      for (int64_t k = 0; k < p.out_bins; ++k) {
        const double* g = &y[((b * p.frames + f) * p.out_bins + k) * 2];
        EXPECT_NEAR(g[0], want[k].real(), 1e-9);
        EXPECT_NEAR(g[1], want[k].imag(), 1e-9);
      }
    }
  }
}

TEST(CosineWindowRef, HannPeriodicAndSymmetric) {
  for (bool periodic : {true, false}) {
    CosineWindowParams p;
    p.size = 9;
    p.periodic = periodic;
    std::vector<float> y(9);
    CosineWindowRef<float>(y.data(), p);
    const double n = periodic ? 9 : 8;
    for (int i = 0; i < 9; ++i) {
      EXPECT_NEAR(y[i], 0.5 - 0.5 * std::cos(2 * kPi * i / n), 1e-6);
    }
  }
  CosineWindowParams empty;
  empty.size = 0;
  CosineWindowRef<float>(nullptr, empty);  // writes nothing
}

TEST(MelWeightMatrixRef, TrianglesPeakAtOneAndStayInRange) {
  MelParams p;
  p.num_mel_bins = 8;
  p.dft_length = 16;
  p.sample_rate = 8192;
  p.lower_hz = 0;
  p.upper_hz = 4096;
  std::vector<float> y(9 * 8, -1);
  MelWeightMatrixRef<float>(y.data(), p);
  for (int m = 0; m < 8; ++m) {
    float peak = 0;
    for (int r = 0; r < 9; ++r) {
      EXPECT_GE(y[r * 8 + m], 0.0f);
      EXPECT_LE(y[r * 8 + m], 1.0f);
      peak = std::max(peak, y[r * 8 + m]);
    }
    EXPECT_EQ(peak, 1.0f) << "band " << m;
  }
  // An upper edge far above Nyquist must not write outside the matrix.
  p.upper_hz = 1e6;
  std::vector<float> z(9 * 8 + 4, -5);
  MelWeightMatrixRef<float>(z.data(), p);
  for (int i = 72; i < 76; ++i) EXPECT_EQ(z[i], -5.0f);
}

}  // namespace
}  // namespace onnxi::kernels
