// SIMD float32 unary kernels: y[i] = f(x[i]) over n contiguous floats, f from the math of
// vmath_impl.h (accuracy bounds stated there) or exact elementwise operations.
//
//   x, y: n floats each; y may alias x exactly (in place); no alignment required. The tail
//   (n mod vector width) runs through a small stack buffer, so no byte outside [0, n) is read
//   or written. Single-threaded: callers split n into fixed blocks for ParallelFor.
//
// Kinds with a SIMD version: Abs Neg Exp Log Sqrt Reciprocal Relu LeakyRelu Sigmoid HardSigmoid
// HardSwish Tanh Erf Gelu GeluTanh. Exact ones (Abs Neg Sqrt Reciprocal Relu LeakyRelu; the
// clamp of Clip) give the reference's bits. HardSigmoid/HardSwish/GeluTanh may round
// differently from the reference by a few ulp (fused multiply-add). Relu/Clip keep NaN as NaN.
// The scalar twins are UnaryRef<float> / ClipRef<float> (unary.h) and ActivationRef.
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/activation.h"
#include "kernels/elementwise/unary.h"

namespace onnxi::kernels {

using VUnaryFn = void (*)(const float* x, float* y, int64_t n, const UnaryParams& p);
using VClipFn = void (*)(const float* x, float* y, int64_t n, float lo, float hi);

// The SIMD kernel of `kind` for `isa`; nullptr for kReference or a kind without one.
VUnaryFn GetVUnaryF32(UnaryKind kind, Isa isa);
// Clip's kernel for `isa` (kReference: nullptr; use ClipRef).
VClipFn GetVClipF32(Isa isa);

// Per instruction set (vunary_{generic,avx2,avx512}.cc); use the getters above.
namespace vunary {
VUnaryFn UnaryGeneric(UnaryKind kind);
VUnaryFn UnaryAvx2(UnaryKind kind);
VUnaryFn UnaryAvx512(UnaryKind kind);
void ClipGeneric(const float* x, float* y, int64_t n, float lo, float hi);
void ClipAvx2(const float* x, float* y, int64_t n, float lo, float hi);
void ClipAvx512(const float* x, float* y, int64_t n, float lo, float hi);
void ActivationGeneric(const Activation& act, float* x, int64_t n);
void ActivationAvx2(const Activation& act, float* x, int64_t n);
void ActivationAvx512(const Activation& act, float* x, int64_t n);
}  // namespace vunary

}  // namespace onnxi::kernels
