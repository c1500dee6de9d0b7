// The packed SGEMM of sgemm_impl.h for baseline x86-64 (SSE2, no FMA): 6 rows x 8 columns.
#include "kernels/gemm/sgemm_impl.h"

namespace onnxi::kernels::sgemm_detail {

const SgemmTable& SgemmTableGeneric() {
  return MakeSgemmTable<SgemmImpl<xsimd::sse2, 6, 2, Isa::kGeneric>>();
}

}  // namespace onnxi::kernels::sgemm_detail
