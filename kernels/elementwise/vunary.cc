// Choice of the vunary.h kernels per instruction set.
#include "kernels/elementwise/vunary.h"

namespace onnxi::kernels {

VUnaryFn GetVUnaryF32(UnaryKind kind, Isa isa) {
  switch (isa) {
    case Isa::kReference: return nullptr;
    case Isa::kGeneric: return vunary::UnaryGeneric(kind);
    case Isa::kAvx2: return vunary::UnaryAvx2(kind);
    case Isa::kAvx512: return vunary::UnaryAvx512(kind);
  }
  return nullptr;
}

VClipFn GetVClipF32(Isa isa) {
  switch (isa) {
    case Isa::kReference: return nullptr;
    case Isa::kGeneric: return vunary::ClipGeneric;
    case Isa::kAvx2: return vunary::ClipAvx2;
    case Isa::kAvx512: return vunary::ClipAvx512;
  }
  return nullptr;
}

}  // namespace onnxi::kernels
