// Fast float32 im2col for the Conv GEMM path: the same contract and output as Im2Col<float>
// (conv.h), bit for bit (it only copies). 1-D and 2-D geometries (in[0] == out[0] ==
// kernel[0] == 1) copy whole valid runs of each column row with memcpy (unit stride) or a
// strided loop, and zero-fill the padding runs, instead of testing every element; 3-D
// geometries (and a padded leading dim) fall back to Im2Col<float>.
// The reference twin is Im2Col<float>. A caller may split the channels over threads: channel
// c writes only col rows [c * kernel_size, (c + 1) * kernel_size).
#pragma once

#include <cstdint>

#include "kernels/conv/conv.h"

namespace onnxi::kernels {

// col (channels * kernel_size, out_size) <- patches of image (channels, in...).
void Im2ColF32(const float* image, int64_t channels, const ConvGeometry& g, float* col);

}  // namespace onnxi::kernels
