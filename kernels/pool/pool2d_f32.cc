// 2-D float32 pooling: scratch size and the choice per Isa (contract in pool2d_f32.h).
#include "kernels/pool/pool2d_f32.h"

namespace onnxi::kernels {

int64_t Pool2dScratchFloats(const Pool2dParams& p) {
  // The row buffer spans padded columns [0, (out_w - 1) * sw + kw), plus one vector of slack.
  if (p.out_w <= 0) return 0;
  return (p.out_w - 1) * p.sw + p.kw + p.pad_left + p.in_w + 16;
}

Pool2dF32Fn GetMaxPool2dF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return nullptr;
    case Isa::kGeneric:
      return MaxPool2dF32Generic;
    case Isa::kAvx2:
      return MaxPool2dF32Avx2;
    case Isa::kAvx512:
      return MaxPool2dF32Avx512;
  }
  return nullptr;
}

Pool2dF32Fn GetAveragePool2dF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return nullptr;
    case Isa::kGeneric:
      return AveragePool2dF32Generic;
    case Isa::kAvx2:
      return AveragePool2dF32Avx2;
    case Isa::kAvx512:
      return AveragePool2dF32Avx512;
  }
  return nullptr;
}

GlobalAveragePoolF32Fn GetGlobalAveragePoolF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return nullptr;
    case Isa::kGeneric:
      return GlobalAveragePoolF32Generic;
    case Isa::kAvx2:
      return GlobalAveragePoolF32Avx2;
    case Isa::kAvx512:
      return GlobalAveragePoolF32Avx512;
  }
  return nullptr;
}

}  // namespace onnxi::kernels
