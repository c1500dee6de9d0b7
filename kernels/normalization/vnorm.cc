// Choice of the vnorm.h kernels per instruction set.
#include "kernels/normalization/vnorm.h"

namespace onnxi::kernels {

const VNormKernels* GetVNorm(Isa isa) {
  switch (isa) {
    case Isa::kReference: return nullptr;
    case Isa::kGeneric: return &vnorm::kGeneric;
    case Isa::kAvx2: return &vnorm::kAvx2;
    case Isa::kAvx512: return &vnorm::kAvx512;
  }
  return nullptr;
}

}  // namespace onnxi::kernels
