// Choice of the vbinary.h row kernels per instruction set.
#include "kernels/elementwise/vbinary.h"

namespace onnxi::kernels {

VBinaryRowFn GetVBinaryF32(BinaryOpF32 op, Isa isa) {
  switch (isa) {
    case Isa::kReference: return nullptr;
    case Isa::kGeneric: return vbinary::Generic(op);
    case Isa::kAvx2: return vbinary::Avx2(op);
    case Isa::kAvx512: return vbinary::Avx512(op);
  }
  return nullptr;
}

}  // namespace onnxi::kernels
