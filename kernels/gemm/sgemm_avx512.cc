// The packed SGEMM of sgemm_impl.h for AVX-512F: a 12-row x 32-column microkernel (24 zmm
// accumulators). 12 rows pad M = 64/128/256 less than 14 do, at the same measured speed.
#include "kernels/gemm/sgemm_impl.h"

namespace onnxi::kernels::sgemm_detail {

const SgemmTable& SgemmTableAvx512() {
  return MakeSgemmTable<SgemmImpl<xsimd::avx512f, 12, 2, Isa::kAvx512>>();
}

}  // namespace onnxi::kernels::sgemm_detail
