// Reference GEMM (see gemm.h for the contract).
//
// Loop order: for each row i of C, a block of up to kBlock columns is accumulated in a stack
// array over p = 0..K-1 (i-p-j order), so B is read along rows when it is not transposed and
// the accumulator keeps float precision even when T is float16.
#include "kernels/gemm/gemm.h"

#include <type_traits>

namespace onnxi::kernels {
namespace {

template <class T>
struct GemmAcc {
  using type = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
};
template <>
struct GemmAcc<float> {
  using type = float;
};
template <>
struct GemmAcc<double> {
  using type = double;
};
template <>
struct GemmAcc<Float16> {
  using type = float;
};
template <>
struct GemmAcc<BFloat16> {
  using type = float;
};

template <class T, class Acc>
T Epilogue(Acc acc, const T* c_old, double alpha, double beta) {
  if constexpr (std::is_floating_point_v<Acc>) {
    Acc v = alpha == 1.0 ? acc : static_cast<Acc>(alpha) * acc;
    if (beta != 0.0) v += static_cast<Acc>(beta) * static_cast<Acc>(*c_old);
    return static_cast<T>(v);
  } else {
    if (alpha == 1.0 && beta == 0.0) return static_cast<T>(acc);
    if (alpha == 1.0 && beta == 1.0) return static_cast<T>(acc + static_cast<Acc>(*c_old));
    double v = alpha * static_cast<double>(acc);
    if (beta != 0.0) v += beta * static_cast<double>(*c_old);
    return static_cast<T>(v);
  }
}

}  // namespace

template <class T>
void GemmRef(const GemmParams& p, const T* a, const T* b, T* c) {
  using Acc = typename GemmAcc<T>::type;
  constexpr int64_t kBlock = 64;
  // Element strides of op(A)(i, q) and op(B)(q, j).
  const int64_t a_si = p.trans_a ? 1 : p.lda, a_sq = p.trans_a ? p.lda : 1;
  const int64_t b_sq = p.trans_b ? 1 : p.ldb, b_sj = p.trans_b ? p.ldb : 1;
  Acc acc[kBlock];
  for (int64_t i = 0; i < p.m; ++i) {
    const T* a_row = a + i * a_si;
    T* c_row = c + i * p.ldc;
    for (int64_t j0 = 0; j0 < p.n; j0 += kBlock) {
      const int64_t nb = p.n - j0 < kBlock ? p.n - j0 : kBlock;
      for (int64_t jj = 0; jj < nb; ++jj) acc[jj] = Acc(0);
      if (p.trans_b) {
        // B rows are contiguous along K: one dot product per output.
        for (int64_t jj = 0; jj < nb; ++jj) {
          const T* b_col = b + (j0 + jj) * b_sj;
          Acc s = Acc(0);
          for (int64_t q = 0; q < p.k; ++q) {
            s += static_cast<Acc>(a_row[q * a_sq]) * static_cast<Acc>(b_col[q]);
          }
          acc[jj] = s;
        }
      } else {
        for (int64_t q = 0; q < p.k; ++q) {
          const Acc av = static_cast<Acc>(a_row[q * a_sq]);
          const T* b_row = b + q * b_sq + j0;
          for (int64_t jj = 0; jj < nb; ++jj) acc[jj] += av * static_cast<Acc>(b_row[jj]);
        }
      }
      for (int64_t jj = 0; jj < nb; ++jj) {
        c_row[j0 + jj] = Epilogue<T, Acc>(acc[jj], &c_row[j0 + jj], p.alpha, p.beta);
      }
    }
  }
}

template <class T>
void GemmFillBias(const T* c, int64_t row_stride, int64_t col_stride, int64_t m, int64_t n, T* y) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) y[i * n + j] = c[i * row_stride + j * col_stride];
  }
}

#define ONNXI_GEMM_INSTANTIATE(T)                                      \
  template void GemmRef<T>(const GemmParams&, const T*, const T*, T*); \
  template void GemmFillBias<T>(const T*, int64_t, int64_t, int64_t, int64_t, T*);
ONNXI_GEMM_INSTANTIATE(float)
ONNXI_GEMM_INSTANTIATE(double)
ONNXI_GEMM_INSTANTIATE(Float16)
ONNXI_GEMM_INSTANTIATE(BFloat16)
ONNXI_GEMM_INSTANTIATE(int32_t)
ONNXI_GEMM_INSTANTIATE(int64_t)
ONNXI_GEMM_INSTANTIATE(uint32_t)
ONNXI_GEMM_INSTANTIATE(uint64_t)
#undef ONNXI_GEMM_INSTANTIATE

}  // namespace onnxi::kernels
