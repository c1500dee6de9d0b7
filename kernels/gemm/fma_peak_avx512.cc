// The FMA peak loop of fma_peak.h: 16 independent zmm accumulators, each updated by
// acc = acc * x + y once per round, so two FMA ports with 4-cycle latency stay busy.
#include <immintrin.h>

#include "kernels/gemm/fma_peak.h"

namespace onnxi::kernels {

float FmaPeakAvx512(int64_t iterations) {
  __m512 acc[16];
  for (int i = 0; i < 16; ++i) acc[i] = _mm512_set1_ps(0.001f * static_cast<float>(i));
  const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it) {
#pragma GCC unroll 16
    for (int i = 0; i < 16; ++i) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < 16; ++i) sum = _mm512_add_ps(sum, acc[i]);
  return _mm512_reduce_add_ps(sum);
}

}  // namespace onnxi::kernels
