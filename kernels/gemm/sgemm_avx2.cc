// The packed SGEMM of sgemm_impl.h for AVX2 + FMA: 6 rows x 16 columns (12 ymm accumulators).
#include "kernels/gemm/sgemm_impl.h"

namespace onnxi::kernels::sgemm_detail {

const SgemmTable& SgemmTableAvx2() {
  return MakeSgemmTable<SgemmImpl<xsimd::fma3<xsimd::avx2>, 6, 2, Isa::kAvx2>>();
}

}  // namespace onnxi::kernels::sgemm_detail
