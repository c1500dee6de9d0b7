// Internals shared by the per-instruction-set SGEMM translation units (sgemm_avx512.cc,
// sgemm_avx2.cc, sgemm_generic.cc) and the dispatch in sgemm.cc: the table of entry points
// each one exports, and the per-thread packing buffers.
//
// Why the kernel owns buffers: the SgemmFn contract (sgemm.h) has no workspace argument and is
// called from ops that cannot know the packing sizes, and the packing blocks are per task of a
// ParallelFor, i.e. per thread. Each thread keeps a small stack of 64-byte aligned buffers,
// allocated on first use and grown when a larger GEMM comes; steady-state inference does not
// allocate. The stack (not a single buffer) makes nesting safe: a thread that waits inside a
// ParallelFor may run another task (TBB work stealing) that calls Sgemm again.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/gemm/sgemm.h"

namespace onnxi::kernels::sgemm_detail {

// A buffer of at least `floats` floats from the calling thread's stack; released (popped)
// when it goes out of scope. Leases must be released in reverse order (scoped use only).
class ScratchLease {
 public:
  explicit ScratchLease(size_t floats);
  ~ScratchLease();
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  float* data() const { return data_; }

 private:
  float* data_;
};

struct SgemmTable {
  SgemmFn sgemm;
  SgemmPackedBFn sgemm_packed_b;
  int64_t (*packed_b_size)(int64_t k, int64_t n);
  void (*pack_b)(bool trans_b, const float* b, int64_t ldb, int64_t k, int64_t n, float* out);
  SgemmPackedAFn sgemm_packed_a;
  int64_t (*packed_a_size)(int64_t m, int64_t k);
  void (*pack_a)(bool trans_a, const float* a, int64_t lda, int64_t m, int64_t k, float* out);
};

const SgemmTable& SgemmTableGeneric();
const SgemmTable& SgemmTableAvx2();
const SgemmTable& SgemmTableAvx512();

}  // namespace onnxi::kernels::sgemm_detail
