// Direct convolution for few input channels: the reference twin, plane layout and the choice
// per ISA (contract in direct.h).
#include "kernels/conv/direct.h"

#include "kernels/conv/window_sum.h"

namespace onnxi::kernels {

bool DirectConvSupported(int kernel, int stride) {
  return kernel >= 1 && kernel <= kDirectMaxK && (stride == 1 || stride == 2);
}

int64_t PrepareDirectConv(DirectConvParams& p, Isa isa) {
  p.act_fn = GetActivation(isa);
  // Vectors are at most 16 floats; a row's last vector reads up to (K - 1) / S past it.
  const int64_t rounded = (p.out_w + 15) / 16 * 16;
  p.phase_len = rounded + p.kernel;
  p.padded_rows = (p.out_h - 1) * p.stride + p.kernel;
  if (p.out_h <= 0 || p.out_w <= 0) {
    p.plane_size = 0;
    return 0;
  }
  p.plane_size = p.padded_rows * p.stride * p.phase_len;
  return p.channels * p.plane_size;
}

void ConvDirectF32Ref(const DirectConvParams& p, const float* x, const float* w,
                      const float* bias, const float* residual, float* y) {
  const int k = p.kernel;
  const int64_t out_size = p.out_h * p.out_w;
  for (int64_t m = 0; m < p.out_channels; ++m) {
    float* ym = y + m * out_size;
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow) {
        float acc = 0;
        for (int64_t c = 0; c < p.channels; ++c) {
          const float* xc = x + c * p.in_h * p.in_w;
          AddWindow(p, xc, w + (m * p.channels + c) * k * k, oh, ow, acc);
        }
        if (bias != nullptr) acc += bias[m];
        if (residual != nullptr) acc += residual[m * out_size + oh * p.out_w + ow];
        ym[oh * p.out_w + ow] = acc;
      }
    }
    ActivationRef(p.act, ym, out_size);
  }
}

ConvDirectF32Fns GetConvDirectF32(Isa isa) {
  switch (isa) {
    case Isa::kReference:
      return {nullptr, nullptr};
    case Isa::kGeneric:
      return ConvDirectF32FnsGeneric();
    case Isa::kAvx2:
      return ConvDirectF32FnsAvx2();
    case Isa::kAvx512:
      return ConvDirectF32FnsAvx512();
  }
  return {nullptr, nullptr};
}

}  // namespace onnxi::kernels
