// Winograd F(2x2, 3x3) convolution transforms, float32, NCHW (Lavin & Gray 2016, "Fast
// Algorithms for Convolutional Neural Networks"). Each 2x2 output tile of output channel m is
//
//   Y = A^T [ sum_c (G g_mc G^T) .* (B^T d_c B) ] A
//
// with d_c the 4x4 input patch under the tile (rows 2*ty - pad_top .. +3, columns
// 2*tx - pad_left .. +3, zero outside the image), g_mc the 3x3 filter and
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1], G = [1 0 0; .5 .5 .5; .5 -.5 .5; 0 0 1],
//   A^T = [1 1 1 0; 0 1 -1 -1].
// The sum over c is 16 GEMMs, one per transformed element xi = 4 * i + j, which the caller
// runs (GetSgemm):  M[xi] (M, T) = U[xi] (M, C) x V[xi] (C, T).
// Layouts (dense): u [16][M][C], v [16][C][T], m [16][M][T]; tiles t = ty * tiles_w + tx,
// tiles_h = ceil(out_h / 2), tiles_w = ceil(out_w / 2); x (C, in_h, in_w), w (M, C, 3, 3),
// y / residual (M, out_h, out_w). Stride 1, dilation 1, group 1, any pads >= 0. Edge tiles of
// odd out_h / out_w compute a full tile and store only the valid outputs.
// The input transform first splits each zero-padded input row of a channel into its even and
// odd columns (a work plane), so that tile tx reads columns tx and tx + 1 of both halves with
// unit stride; it and the output transform are vectorized over tx (xsimd, generic/AVX2/AVX-512),
// the tails run the same additions in scalar code. Both transforms only add and subtract (no
// multiplies, no FMA), so SIMD and reference transforms give identical bits; the output adds
// bias, then residual, then applies the activation to each finished channel plane.
// Accuracy: like im2col + GEMM within a few ULP of the sums' magnitude (the weight transform
// halves and adds; the GEMM sums 16 products per channel instead of 9).
// Not supported here: other kernel sizes, strides, dilations, groups (the caller checks).
// The reference twin of the whole conv is im2col + SgemmRef; Winograd is never used for
// kReference. Callers split channels (input) and output channels (output) over threads; each
// block needs WinogradWorkSize floats of its own.
#pragma once

#include <cstdint>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/activation.h"

namespace onnxi::kernels {

struct WinogradParams {
  int64_t channels = 0, out_channels = 0;  // C, M
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t pad_top = 0, pad_left = 0;
  Activation act;
  ActivationFn act_fn = nullptr;  // the output transform's activation on each channel plane
  int64_t tiles_h() const { return (out_h + 1) / 2; }
  int64_t tiles_w() const { return (out_w + 1) / 2; }
  int64_t tiles() const { return tiles_h() * tiles_w(); }
  // Even/odd split padded row length: tile tx reads half-columns tx and tx + 1.
  int64_t half_len() const { return tiles_w() + 1; }
};

// Floats of work memory one call of the input or output transform needs.
int64_t WinogradWorkSize(const WinogradParams& p);

// u[xi][m][c] = (G w[m, c] G^T)[xi] for all M x C filters (done once, plain C++).
void WinogradF23TransformWeights(const float* w, int64_t out_channels, int64_t channels,
                                 float* u);
// One xi of it: u (M, C) = (G w[m, c] G^T)[xi], the same bits; lets a caller transform and
// pack one of the 16 matrices at a time (a temporary of M * C floats instead of 16 * M * C).
void WinogradF23TransformWeightsOne(const float* w, int64_t out_channels, int64_t channels,
                                    int xi, float* u);

// v[xi][c][t] = (B^T d_{c,t} B)[xi] for channels [c0, c1).
using WinogradInputFn = void (*)(const WinogradParams& p, const float* x, int64_t c0, int64_t c1,
                                 float* v, float* work);
// y[o] = act(A^T m[.][o][.] A + bias[o] + residual[o]) for output channels [o0, o1); bias (M)
// and residual may be nullptr.
using WinogradOutputFn = void (*)(const WinogradParams& p, const float* m, const float* bias,
                                  const float* residual, int64_t o0, int64_t o1, float* y,
                                  float* work);
struct WinogradF32Fns {
  WinogradInputFn input = nullptr;
  WinogradOutputFn output = nullptr;
};

// The scalar reference twins (ActivationRef for the activation; act_fn is ignored).
void WinogradF23InputRef(const WinogradParams& p, const float* x, int64_t c0, int64_t c1,
                         float* v, float* work);
void WinogradF23OutputRef(const WinogradParams& p, const float* m, const float* bias,
                          const float* residual, int64_t o0, int64_t o1, float* y, float* work);

// nullptr functions for kReference.
WinogradF32Fns GetWinogradF32(Isa isa);
WinogradF32Fns WinogradF32FnsGeneric();
WinogradF32Fns WinogradF32FnsAvx2();
WinogradF32Fns WinogradF32FnsAvx512();

}  // namespace onnxi::kernels
