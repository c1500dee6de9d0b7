// Transposed-Conv epilogue (contract in transpose_out.h).
#include "kernels/conv/transpose_out.h"

#include <algorithm>

namespace onnxi::kernels {

void ConvTransposeOutF32(const float* ct, int64_t ldct, int64_t n, int64_t m0, int64_t m1,
                         const float* z, const Activation& act, ActivationFn act_fn, float* y) {
  constexpr int64_t kBlock = 8;  // channels per pass: one 32-byte run of each ct row
  for (int64_t mb = m0; mb < m1; mb += kBlock) {
    const int64_t mw = std::min(kBlock, m1 - mb);
    if (mw == kBlock) {
      for (int64_t j = 0; j < n; ++j) {
        const float* src = ct + j * ldct + mb;
        for (int64_t i = 0; i < kBlock; ++i) y[(mb + i) * n + j] = src[i];
      }
    } else {
      for (int64_t j = 0; j < n; ++j) {
        const float* src = ct + j * ldct + mb;
        for (int64_t i = 0; i < mw; ++i) y[(mb + i) * n + j] = src[i];
      }
    }
    for (int64_t i = 0; i < mw; ++i) {
      float* row = y + (mb + i) * n;
      if (z != nullptr) {
        const float* zr = z + (mb + i) * n;
        for (int64_t j = 0; j < n; ++j) row[j] += zr[j];
      }
      if (act.kind != Activation::Kind::kNone) act_fn(act, row, n);
    }
  }
}

}  // namespace onnxi::kernels
