// The float32 fast paths of Conv/FusedConv (ops/nn/conv.cc), chosen once per Prepare:
//   depthwise 2-D (group == C == M, 3x3 or 5x5, stride 1 or 2, dilation 1): the direct
//     kernels of kernels/conv/depthwise.h, parallel over channel blocks;
//   few input channels (C <= 4, group 1: the stems), square K <= 7, stride 1 or 2, dilation 1:
//     the direct kernels of kernels/conv/direct.h (pad planes, then rows in parallel);
//   Winograd F(2x2, 3x3) (group 1, 3x3, stride 1, dilation 1, constant W, shapes where it
//     measured faster: see kWinograd* in conv_f32.cc): W transformed once in Prepare to
//     U (16, M, C), packed as the GEMMs' A (SgemmPackA), and released; per image the input
//     transform (parallel over channel blocks), 16 GEMMs M[xi] = U[xi] x V[xi]
//     (GetSgemmPackedA), and the output transform adding
//     bias, residual and activation (parallel over output-channel blocks)
//     (kernels/conv/winograd.h);
//   few output pixels (group 1, constant W, O <= kSmallOut): the GEMM transposed,
//     Y^T (O, M) = col^T (O, C*K) x W^T (C*K, M), with W packed once in Prepare as the
//     SGEMM's B (the original W is released) and the bias per GEMM column; the transpose back
//     to (M, O) adds the residual and activation (kernels/conv/transpose_out.h). This skips
//     packing the whole weight on every run, which dominates layers like ResNet-50's layer4
//     (M = 512, K = 4608, O = 49);
//   1x1, unit strides, no pads: SGEMM straight on X;
//   otherwise: im2col (Im2ColF32, parallel over channels) + SGEMM.
//   These two pack a constant W once in Prepare as the GEMM's A (SgemmPackA, per group) and
//   release it; a W that is not constant is packed by the SGEMM on every run.
// kReference: Im2Col + SgemmRef only. Bias, residual Z and activation ride in the GEMM
// epilogue or the direct kernel. Each output element is computed by one block with the same
// arithmetic for every thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/conv/conv.h"
#include "kernels/conv/depthwise.h"
#include "kernels/conv/direct.h"
#include "kernels/conv/winograd.h"
#include "kernels/gemm/sgemm.h"
#include "ops/nn/window.h"
#include "ops/op.h"

namespace onnxi {

class ConvF32 {
 public:
  struct Shape {
    int64_t batch = 0, channels = 0, out_channels = 0, group = 1;
  };
  // Chooses the path and requests its scratch. W (input 1) may be released here.
  void Prepare(const Window& win, const kernels::ConvGeometry& geom, const Shape& s,
               const kernels::Activation& act, PrepareContext& ctx);
  // w is ignored (may be nullptr) when Prepare packed it.
  void Run(const float* x, const float* w, const float* b, const float* z, float* y,
           float* scratch) const;
  bool weight_packed() const { return !packed_w_.empty(); }
  bool weight_packed_a() const { return !packed_a_.empty(); }

 private:
  bool ChooseDepthwise(const Window& win, PrepareContext& ctx);
  bool ChooseTransposed(PrepareContext& ctx);
  bool ChooseDirect(const Window& win, PrepareContext& ctx);
  bool ChooseWinograd(const Window& win, PrepareContext& ctx);
  void ChoosePackedA(PrepareContext& ctx);
  void RunWinograd(const float* x, const float* b, const float* z, float* y,
                   float* scratch) const;
  void RunTransposed(const float* x, const float* b, const float* z, float* y,
                     float* scratch) const;

  kernels::ConvGeometry geom_;
  Shape s_;
  kernels::Activation act_;
  kernels::Isa isa_ = kernels::Isa::kReference;
  bool direct_ = false;  // 1x1, unit stride, no pads: col is X itself
  kernels::SgemmFn sgemm_ = nullptr;
  kernels::ConvDepthwiseF32Fn depthwise_ = nullptr;
  kernels::DepthwiseParams dw_;
  int64_t dw_plane_ = 0, dw_grain_ = 1;
  kernels::ConvDirectF32Fns direct_fns_{};  // compute set: the direct path
  kernels::DirectConvParams dc_;
  int64_t dc_grain_ = 1;
  kernels::SgemmPackedBFn sgemm_packed_ = nullptr;  // set: the transposed path
  kernels::ActivationFn act_fn_ = nullptr;
  std::vector<float> packed_w_;  // W^T packed as the SGEMM's B, kept across Prepares
  int64_t packed_k_ = 0, packed_m_ = 0;
  kernels::SgemmPackedAFn sgemm_pa_ = nullptr;  // set: 1x1 / im2col with W packed as A
  std::vector<float> packed_a_;  // W packed per group as the SGEMM's A, kept across Prepares
  int64_t packed_a_size_ = 0, packed_a_k_ = 0, packed_a_m_ = 0;
  kernels::WinogradF32Fns wino_{};  // input set: the Winograd path
  kernels::WinogradParams wp_;
  kernels::SgemmPackedAFn wino_gemm_ = nullptr;
  std::vector<float> wino_u_;  // 16 packed U[xi] (M, C), kept once W is released
  int64_t wino_c_ = 0, wino_m_ = 0, wino_packed_ = 0;
  int64_t wino_c_grain_ = 1, wino_m_grain_ = 1, wino_work_ = 0;
};

}  // namespace onnxi
