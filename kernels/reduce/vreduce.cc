// Choice of the vreduce.h kernels per instruction set.
#include "kernels/reduce/vreduce.h"

namespace onnxi::kernels {

const VReduceKernels* GetVReduce(Isa isa) {
  switch (isa) {
    case Isa::kReference: return nullptr;
    case Isa::kGeneric: return &vreduce::kGeneric;
    case Isa::kAvx2: return &vreduce::kAvx2;
    case Isa::kAvx512: return &vreduce::kAvx512;
  }
  return nullptr;
}

}  // namespace onnxi::kernels
