// The part of a fused activation (activation.h) that the direct and depthwise conv kernels
// apply in registers as they store a vector: Relu, Clip and LeakyRelu. The other kinds
// (ActivatedInRegisters false) go through GetActivation(isa) over each finished row.
// A template over the xsimd Arch, so each instruction set's TU has its own copy.
#pragma once

#include <xsimd/xsimd.hpp>

#include "kernels/elementwise/activation.h"

namespace onnxi::kernels {

// v with act applied for None, Relu, Clip and LeakyRelu; v unchanged for the other kinds.
template <class Arch>
[[gnu::always_inline]] inline xsimd::batch<float, Arch> ActivateInRegisters(
    const Activation& act, xsimd::batch<float, Arch> v) {
  using B = xsimd::batch<float, Arch>;
  switch (act.kind) {
    case Activation::Kind::kRelu:  // max(0, v) keeps a NaN, as the reference does
      return xsimd::max(B(0.0f), v);
    case Activation::Kind::kClip:
      return xsimd::min(B(act.beta), xsimd::max(B(act.alpha), v));
    case Activation::Kind::kLeakyRelu:
      return xsimd::select(v < B(0.0f), v * B(act.alpha), v);
    default:
      return v;
  }
}

}  // namespace onnxi::kernels
