// Einsum reference kernel: a sum of products over labelled axes.
//
// The op assigns every distinct label (letters and broadcast ellipsis dims) an id in
// [0, n_labels): the n_out output labels first, in output order, then the summed labels.
// For output position (l_0 .. l_{n_out-1}):
//   out[l] = sum over summed labels of prod_k operand_k[sum_j idx_j * strides[k][j]]
// operands[k] points at operand k's elements, of type T.
// strides[k * n_labels + j] is operand k's element stride for label j: 0 when the label is
// absent or broadcast (size-1 dim), and the sum of the strides of every axis carrying the
// label when it repeats within one operand (which reads the diagonal). out is dense
// row-major over the output labels. Floats accumulate in float (double for double);
// integers wrap modulo 2^bits. An empty summed range gives 0.
#pragma once

#include <cstdint>
#include <type_traits>

#include "kernels/indexing/arith.h"

namespace onnxi::kernels {

inline constexpr int kEinsumMaxLabels = 128;

struct EinsumParams {
  int n_labels = 0;
  int n_out = 0;
  int n_operands = 0;
  const int64_t* sizes = nullptr;    // n_labels
  const int64_t* strides = nullptr;  // n_operands * n_labels
};

template <class T>
void EinsumRef(const void* const* operands, const EinsumParams& p, T* out) {
  using Acc = std::conditional_t<kIsFloating<T>, FloatAcc<T>, T>;
  int64_t total_out = 1, total_sum = 1;
  for (int j = 0; j < p.n_out; ++j) total_out *= p.sizes[j];
  for (int j = p.n_out; j < p.n_labels; ++j) total_sum *= p.sizes[j];
  int64_t idx[kEinsumMaxLabels] = {};
  for (int64_t e = 0; e < total_out; ++e) {
    Acc acc = Acc(0);
    for (int j = p.n_out; j < p.n_labels; ++j) idx[j] = 0;
    for (int64_t s = 0; s < total_sum; ++s) {
      Acc prod = Acc(1);
      for (int k = 0; k < p.n_operands; ++k) {
        const int64_t* st = p.strides + k * p.n_labels;
        int64_t off = 0;
        for (int j = 0; j < p.n_labels; ++j) off += idx[j] * st[j];
        prod = WrapMul(prod, static_cast<Acc>(static_cast<const T*>(operands[k])[off]));
      }
      acc = WrapAdd(acc, prod);
      for (int j = p.n_labels - 1; j >= p.n_out; --j) {  // step the summed labels
        if (++idx[j] < p.sizes[j]) break;
        idx[j] = 0;
      }
    }
    out[e] = T(acc);
    for (int j = p.n_out - 1; j >= 0; --j) {  // step the output labels
      if (++idx[j] < p.sizes[j]) break;
      idx[j] = 0;
    }
  }
}

}  // namespace onnxi::kernels
