// Reference activations (see activation.h) and the choice of kernel per instruction set: the
// SIMD versions are vunary_impl.h's ActivationLoop (accuracy: vmath_impl.h).
#include "kernels/elementwise/activation.h"

#include <algorithm>
#include <cmath>

#include "kernels/elementwise/vunary.h"

namespace onnxi::kernels {

void ActivationRef(const Activation& act, float* x, int64_t n) {
  using Kind = Activation::Kind;
  const float a = act.alpha, b = act.beta;
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    switch (act.kind) {
      case Kind::kNone:
        return;
      case Kind::kRelu:
        x[i] = v < 0 ? 0.0f : v;
        break;
      case Kind::kLeakyRelu:
        x[i] = v < 0 ? a * v : v;
        break;
      case Kind::kClip:
        x[i] = v < a ? a : (v > b ? b : v);
        break;
      case Kind::kSigmoid:
        x[i] = 1.0f / (1.0f + std::exp(-v));
        break;
      case Kind::kHardSigmoid:
        x[i] = std::clamp(a * v + b, 0.0f, 1.0f);
        break;
      case Kind::kTanh:
        x[i] = std::tanh(v);
        break;
      case Kind::kSilu:
        x[i] = v / (1.0f + std::exp(-v));
        break;
      case Kind::kGelu:
        x[i] = 0.5f * v * (1.0f + std::erf(v * 0.70710678118654752f));
        break;
    }
  }
}

bool ActivatedInRegisters(const Activation& act) {
  using Kind = Activation::Kind;
  return act.kind == Kind::kNone || act.kind == Kind::kRelu || act.kind == Kind::kClip ||
         act.kind == Kind::kLeakyRelu;
}

ActivationFn GetActivation(Isa isa) {
  switch (isa) {
    case Isa::kReference: return ActivationRef;
    case Isa::kGeneric: return vunary::ActivationGeneric;
    case Isa::kAvx2: return vunary::ActivationAvx2;
    case Isa::kAvx512: return vunary::ActivationAvx512;
  }
  return ActivationRef;
}

}  // namespace onnxi::kernels
