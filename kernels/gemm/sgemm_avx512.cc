// The packed SGEMM of sgemm_impl.h for AVX-512F: a 14-row x 32-column microkernel (28 zmm
// accumulators).
#include "kernels/gemm/sgemm_impl.h"

namespace onnxi::kernels::sgemm_detail {

const SgemmTable& SgemmTableAvx512() {
  return MakeSgemmTable<SgemmImpl<xsimd::avx512f, 14, 2, Isa::kAvx512>>();
}

}  // namespace onnxi::kernels::sgemm_detail
