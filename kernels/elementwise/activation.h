// Activations that ride in another kernel's epilogue (GEMM, Conv) after a graph rewrite fused
// them (runtime/rewrite/), applied in place to a contiguous row of floats:
//   kRelu max(0, x)            kLeakyRelu x < 0 ? alpha * x : x
//   kClip min(max(x, alpha), beta)   (alpha = lower bound, beta = upper bound)
//   kSigmoid 1 / (1 + e^-x)    kHardSigmoid clamp(alpha * x + beta, 0, 1)
//   kTanh tanh(x)              kSilu x * sigmoid(x)
//   kGelu x / 2 * (1 + erf(x / sqrt 2))
// NaN passes through kRelu/kClip as NaN (ONNX's Relu and Clip do the same via max/min on NaN
// following numpy). Accuracy: the reference uses the C library; the SIMD versions are those of
// kernels/elementwise (their ULP bounds are stated and tested there).
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"

namespace onnxi::kernels {

struct Activation {
  enum class Kind { kNone, kRelu, kLeakyRelu, kClip, kSigmoid, kHardSigmoid, kTanh, kSilu, kGelu };
  Kind kind = Kind::kNone;
  float alpha = 0;
  float beta = 0;
};

void ActivationRef(const Activation& act, float* x, int64_t n);

// Whether kernels apply act in registers as they store (None, Relu, Clip, LeakyRelu:
// activation_in_registers.h) rather than per finished row through GetActivation.
bool ActivatedInRegisters(const Activation& act);

using ActivationFn = void (*)(const Activation& act, float* x, int64_t n);
// The kernel for `isa` (kReference: ActivationRef).
ActivationFn GetActivation(Isa isa);

}  // namespace onnxi::kernels
