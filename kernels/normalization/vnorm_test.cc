// vnorm.h's SIMD Softmax/LogSoftmax and LayerNorm/RMSNorm rows against the double-precision
// twins SoftmaxRef / LayerNormRef: row lengths 0, 1, width +-1, odd, BERT's 128 and 768,
// random data, guard values after the output, every instruction set this CPU runs.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/normalization/layer_norm.h"
#include "kernels/normalization/softmax.h"
#include "kernels/normalization/vnorm.h"

namespace onnxi::kernels {
namespace {

const Isa kSimdIsas[] = {Isa::kGeneric, Isa::kAvx2, Isa::kAvx512};
const int64_t kLengths[] = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 33, 128, 768, 1031};
constexpr float kGuard = -777.0f;

std::vector<float> Random(int64_t n, float scale, std::mt19937& rng) {
  std::normal_distribution<float> d(0, scale);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

TEST(VNorm, SoftmaxAndLogSoftmaxMatchTwin) {
  std::mt19937 rng(11);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    const VNormKernels* k = GetVNorm(isa);
    ASSERT_NE(k, nullptr);
    for (int64_t n : kLengths) {
      for (bool log : {false, true}) {
        const int64_t rows = 3;
        std::vector<float> x = Random(rows * n, 4.0f, rng);
        std::vector<float> want(rows * n), got(rows * n + 4, kGuard);
        SoftmaxParams p;
        p.outer = rows;
        p.n = n;
        p.kind = log ? SoftmaxKind::kLogSoftmax : SoftmaxKind::kSoftmax;
        SoftmaxRef<float>(x.data(), want.data(), p);
        k->softmax(x.data(), got.data(), 0, rows, n, log);
        for (int64_t i = 0; i < rows * n; ++i) {
          // LogSoftmax's x - max - ln(sum) cancels: allow a float ulp of |x - max| (~8).
          ASSERT_NEAR(got[i], want[i], 2e-6 * std::fabs(want[i]) + (log ? 1e-6 : 1e-7))
              << IsaName(isa) << " n " << n << " log " << log << " i " << i;
        }
        for (int64_t i = rows * n; i < rows * n + 4; ++i) ASSERT_EQ(got[i], kGuard);
        k->softmax(x.data(), x.data(), 1, rows, n, log);  // in place, a row range
        for (int64_t i = n; i < rows * n; ++i) ASSERT_EQ(x[i], got[i]);
      }
    }
  }
}

TEST(VNorm, LayerNormAndRmsNormMatchTwin) {
  std::mt19937 rng(5);
  for (Isa isa : kSimdIsas) {
    if (!CpuSupports(isa)) continue;
    const VNormKernels* k = GetVNorm(isa);
    for (int64_t n : kLengths) {
      for (int variant = 0; variant < 3; ++variant) {  // 0: bias, 1: no bias, 2: rms
        const bool rms = variant == 2;
        const int64_t rows = 4;
        std::vector<float> x = Random(rows * n, 3.0f, rng);
        for (float& v : x) v += 5.0f;  // a mean far from 0
        std::vector<float> scale = Random(n, 1.0f, rng), bias = Random(n, 1.0f, rng);
        const float* b = variant == 0 ? bias.data() : nullptr;
        std::vector<float> want(rows * n), got(rows * n + 4, kGuard);
        std::vector<float> wm(rows), wi(rows), gm(rows), gi(rows);
        LayerNormParams p;
        p.outer = rows;
        p.n = n;
        p.scale_n = std::max<int64_t>(n, 1);
        p.bias_n = std::max<int64_t>(n, 1);
        p.epsilon = 1e-5f;
        p.rms = rms;
        LayerNormRef<float, float, float>(x.data(), scale.data(), b, want.data(), wm.data(),
                                          wi.data(), p);
        k->layer_norm(x.data(), scale.data(), b, got.data(), gm.data(), gi.data(), 0, rows, n,
                      1e-5f, rms);
        for (int64_t i = 0; i < rows * n; ++i) {
          ASSERT_NEAR(got[i], want[i], 3e-6 * std::fabs(want[i]) + 3e-6)
              << IsaName(isa) << " n " << n << " variant " << variant << " i " << i;
        }
        ASSERT_EQ(got[rows * n], kGuard);
        for (int64_t r = 0; r < rows && n > 0 && !rms; ++r) {
          ASSERT_NEAR(gm[r], wm[r], 1e-5 * std::fabs(wm[r]) + 1e-6);
          ASSERT_NEAR(gi[r], wi[r], 1e-5 * std::fabs(wi[r]));
        }
      }
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
