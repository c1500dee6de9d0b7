// The reference SGEMM with epilogue, the choice of kernel per instruction set, and the
// per-thread packing buffers of the SIMD kernels (sgemm_internal.h).
#include "kernels/gemm/sgemm.h"

#include <cstdlib>
#include <vector>

#include "kernels/gemm/sgemm_internal.h"

namespace onnxi::kernels {

void SgemmRef(const GemmParams& p, const float* a, const float* b, float* c,
              const SgemmEpilogue& ep) {
  GemmRef<float>(p, a, b, c);
  for (int64_t i = 0; i < p.m; ++i) {
    float* row = c + i * p.ldc;
    if (ep.bias != nullptr) {
      for (int64_t j = 0; j < p.n; ++j) row[j] += ep.bias_per_row ? ep.bias[i] : ep.bias[j];
    }
    if (ep.residual != nullptr) {
      const float* r = ep.residual + i * ep.ldr;
      for (int64_t j = 0; j < p.n; ++j) row[j] += r[j];
    }
    ActivationRef(ep.act, row, p.n);
  }
}

namespace {

const sgemm_detail::SgemmTable* Table(Isa isa) {
  switch (isa) {
    case Isa::kGeneric:
      return &sgemm_detail::SgemmTableGeneric();
    case Isa::kAvx2:
      return &sgemm_detail::SgemmTableAvx2();
    case Isa::kAvx512:
      return &sgemm_detail::SgemmTableAvx512();
    case Isa::kReference:
      break;
  }
  return nullptr;
}

// The calling thread's stack of packing buffers (sgemm_internal.h).
struct BufferStack {
  struct Buffer {
    float* data = nullptr;
    size_t floats = 0;
  };
  std::vector<Buffer> buffers;
  size_t depth = 0;
  ~BufferStack() {
    for (Buffer& b : buffers) std::free(b.data);
  }
};

thread_local BufferStack tls_buffers;

}  // namespace

namespace sgemm_detail {

ScratchLease::ScratchLease(size_t floats) {
  BufferStack& s = tls_buffers;
  if (s.depth == s.buffers.size()) s.buffers.emplace_back();
  BufferStack::Buffer& b = s.buffers[s.depth++];
  if (b.floats < floats) {
    std::free(b.data);
    const size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
    b.data = static_cast<float*>(std::aligned_alloc(64, bytes));
    b.floats = floats;
  }
  data_ = b.data;
}

ScratchLease::~ScratchLease() { --tls_buffers.depth; }

}  // namespace sgemm_detail

SgemmFn GetSgemm(Isa isa) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  return t == nullptr ? SgemmRef : t->sgemm;
}

int64_t SgemmPackedBSize(Isa isa, int64_t k, int64_t n) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  return t == nullptr ? 0 : t->packed_b_size(k, n);
}

void SgemmPackB(Isa isa, bool trans_b, const float* b, int64_t ldb, int64_t k, int64_t n,
                float* packed) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  if (t != nullptr) t->pack_b(trans_b, b, ldb, k, n, packed);
}

SgemmPackedBFn GetSgemmPackedB(Isa isa) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  return t == nullptr ? nullptr : t->sgemm_packed_b;
}

int64_t SgemmPackedASize(Isa isa, int64_t m, int64_t k) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  return t == nullptr ? 0 : t->packed_a_size(m, k);
}

void SgemmPackA(Isa isa, bool trans_a, const float* a, int64_t lda, int64_t m, int64_t k,
                float* packed) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  if (t != nullptr) t->pack_a(trans_a, a, lda, m, k, packed);
}

SgemmPackedAFn GetSgemmPackedA(Isa isa) {
  const sgemm_detail::SgemmTable* t = Table(isa);
  return t == nullptr ? nullptr : t->sgemm_packed_a;
}

}  // namespace onnxi::kernels
