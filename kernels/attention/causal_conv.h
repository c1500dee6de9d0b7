// Reference CausalConvWithState (ONNX opset 27): stateful causal depthwise 1-D
// convolution.
//
// Shapes (all dense, row-major): x (B, C, L), weight (C, 1, K), bias (C) or
// null, past (B, C, K-1) or null (zeros), y (B, C, L), present (B, C, K-1) or
// null. Per row (b, c), with seq = concat(past[b, c, :], x[b, c, :]) of length
// K-1+L:
//   y[b, c, t]       = act(bias[c] + sum_{k<K} w[c, k] * seq[t + k])
//   present[b, c, j] = seq[L + j]            (the last K-1 values of seq)
// act is the identity, or silu(v) = v * sigmoid(v) (ONNX also calls it
// 'swish'). Computed in double, rounded once at each store. Outputs must not
// overlap inputs.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/attention/element.h"

namespace onnxi::kernels {

struct CausalConvParams {
  int64_t batch = 0, channels = 0, length = 0, kernel = 1;
  bool silu = false;
};

template <class T>
void CausalConvWithStateRef(const CausalConvParams &p, const T *x, const T *w,
                            const T *bias, const T *past, T *y, T *present) {
  const int64_t km1 = p.kernel - 1;
  for (int64_t b = 0; b < p.batch; ++b) {
    for (int64_t c = 0; c < p.channels; ++c) {
      const int64_t row = b * p.channels + c;
      const T *xr = x + row * p.length;
      const T *pr = past != nullptr ? past + row * km1 : nullptr;
      const T *wr = w + c * p.kernel;
      // Element i of seq: past (or zero) for i < K-1, then x.
      auto seq = [&](int64_t i) -> double {
        if (i >= km1)
          return LoadAsDouble(xr[i - km1]);
        return pr != nullptr ? LoadAsDouble(pr[i]) : 0.0;
      };
      for (int64_t t = 0; t < p.length; ++t) {
        double acc = bias != nullptr ? LoadAsDouble(bias[c]) : 0.0;
        for (int64_t k = 0; k < p.kernel; ++k)
          acc += LoadAsDouble(wr[k]) * seq(t + k);
        if (p.silu)
          acc = acc / (1.0 + std::exp(-acc));
        y[row * p.length + t] = StoreFromDouble<T>(acc);
      }
      if (present != nullptr) {
        for (int64_t j = 0; j < km1; ++j)
          present[row * km1 + j] = StoreFromDouble<T>(seq(p.length + j));
      }
    }
  }
}

} // namespace onnxi::kernels
