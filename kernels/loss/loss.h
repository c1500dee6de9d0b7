// Loss kernels: NegativeLogLikelihoodLoss and the log-softmax of SoftmaxCrossEntropyLoss.
//
// Layout: input (N, C, D) (D = product of the dims after C, 1 when none), target (N, D),
// weight (C) or nullptr.
//   w(n, d)    = 0 if target == ignore_index (when has_ignore), else weight[target] (1 without
//                weight)
//   loss(n, d) = -input[n, target(n, d), d] * w(n, d)
//   reduction none: out (N, D) = loss; sum: out[0] = sum loss; mean: out[0] = sum loss / sum w
//   (NaN when every target is ignored, as in the ONNX reference).
// Floats accumulate in float (double for double) in row-major order. Callers check targets
// first with FindBadTarget so the kernels never read outside input or weight.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/indexing/arith.h"

namespace onnxi::kernels {

enum class LossReduction { kNone, kSum, kMean };

struct NllLossParams {
  int64_t n = 0;
  int64_t c = 0;
  int64_t d = 1;
  bool has_ignore = false;
  int64_t ignore_index = 0;
  LossReduction reduction = LossReduction::kMean;
};

// Position of the first target outside [0, c) that is not the ignore_index, or -1.
template <class I>
int64_t FindBadTarget(const I* target, int64_t count, int64_t c, bool has_ignore,
                      int64_t ignore_index) {
  for (int64_t i = 0; i < count; ++i) {
    const int64_t t = static_cast<int64_t>(target[i]);
    if (has_ignore && t == ignore_index) continue;
    if (t < 0 || t >= c) return i;
  }
  return -1;
}

template <class T, class I>
void NllLossRef(const T* input, const I* target, const T* weight, const NllLossParams& p,
                T* out) {
  using Acc = FloatAcc<T>;
  Acc loss_sum = 0, weight_sum = 0;
  for (int64_t n = 0; n < p.n; ++n) {
    for (int64_t d = 0; d < p.d; ++d) {
      const int64_t t = static_cast<int64_t>(target[n * p.d + d]);
      Acc loss = 0, w = 0;
      if (!(p.has_ignore && t == p.ignore_index)) {
        w = weight ? static_cast<Acc>(weight[t]) : Acc(1);
        loss = -static_cast<Acc>(input[(n * p.c + t) * p.d + d]) * w;
      }
      if (p.reduction == LossReduction::kNone) {
        out[n * p.d + d] = T(loss);
      } else {
        loss_sum += loss;
        weight_sum += w;
      }
    }
  }
  if (p.reduction == LossReduction::kSum) out[0] = T(loss_sum);
  if (p.reduction == LossReduction::kMean) out[0] = T(loss_sum / weight_sum);
}

// log_softmax over axis 1 of x (N, C, D) into y (same shape):
//   y[n, c, d] = x[n, c, d] - max_c x - log(sum_c exp(x[n, c, d] - max_c x))
// computed in float (double for double). y may not alias x.
template <class T>
void LogSoftmaxAxis1Ref(const T* x, int64_t n_count, int64_t c_count, int64_t d_count, T* y) {
  using Acc = FloatAcc<T>;
  if (c_count <= 0) return;
  for (int64_t n = 0; n < n_count; ++n) {
    const T* xs = x + n * c_count * d_count;
    T* ys = y + n * c_count * d_count;
    for (int64_t d = 0; d < d_count; ++d) {
      Acc max = static_cast<Acc>(xs[d]);
      for (int64_t c = 1; c < c_count; ++c) {
        const Acc v = static_cast<Acc>(xs[c * d_count + d]);
        if (v > max) max = v;
      }
      Acc sum = 0;
      for (int64_t c = 0; c < c_count; ++c) {
        sum += std::exp(static_cast<Acc>(xs[c * d_count + d]) - max);
      }
      const Acc log_sum = std::log(sum);
      for (int64_t c = 0; c < c_count; ++c) {
        ys[c * d_count + d] = T(static_cast<Acc>(xs[c * d_count + d]) - max - log_sum);
      }
    }
  }
}

}  // namespace onnxi::kernels
