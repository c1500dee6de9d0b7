// Conv's float32 fast paths (see conv_f32.h).
#include "ops/nn/conv_f32.h"

#include "kernels/conv/im2col_f32.h"
#include "kernels/conv/transpose_out.h"
#include "kernels/cpu/parallel.h"

namespace onnxi {
namespace {

// When the transposed GEMM beats the GEMM on W packed once as A (both skip packing W per
// run): output pixels O <= kSmallOut and either O <= kTinyOut (7x7: 49 pixels as GEMM
// columns leave a thin last column panel; ResNet-50's layer4 gains ~0.1-0.7 ms a conv) or
// C*K >= max(M, kTransposedMinK) (ResNet-50's layer3 1024 -> 256, MobileNetV2's 576 -> 96).
// Per-node profiles, 1 and 2 threads: 14x14 expansions (64 -> 384, 96 -> 576, 256 -> 1024)
// run 0.04-0.12 ms faster with packed A, and so do the thinner projections (192/384 -> 64,
// 384 -> 96: 0.073 -> 0.058 ms at 2 threads; the transposed GEMM packs col^T serially and
// the transpose back is one block for M <= 80), while 576 -> 96 keeps 0.01 ms with the
// transposed GEMM.
constexpr int64_t kSmallOut = 256;
constexpr int64_t kTinyOut = 64;
constexpr int64_t kTransposedMinK = 512;

// Winograd F(2x2, 3x3) is chosen when both channel counts and the output are at least these
// (bench/conv_bench.cc, ResNet-50's 3x3 layers; below them the GEMMs get too thin).
// Not at 7x7: ResNet-50's layer4 3x3 512ch wins in conv_bench (hot weights, ~2.0 vs 2.5 ms)
// but not in the model (3 interleaved pairs of 20 runs, 1 thread: 65.4-70.0 vs 64.9-67.4 ms
// median), where its 16 packed U (16 MB, 16/9 of W) stream from memory for 16-tile GEMMs,
// and costs +14 MB peak RSS (157 vs 143 MB).
constexpr int64_t kWinogradMinChannels = 32;
constexpr int64_t kWinogradMinOut = 14 * 14;

}  // namespace

void ConvF32::Prepare(const Window& win, const kernels::ConvGeometry& geom, const Shape& s,
                      const kernels::Activation& act, PrepareContext& ctx) {
  geom_ = geom;
  s_ = s;
  act_ = act;
  isa_ = ctx.isa;
  direct_ = true;
  for (size_t i = 0; i < win.in.size(); ++i) {
    if (win.kernel[i] != 1 || win.stride[i] != 1 || win.pad_begin[i] != 0 ||
        win.pad_end[i] != 0) {
      direct_ = false;
    }
  }
  sgemm_ = kernels::GetSgemm(isa_);
  act_fn_ = kernels::GetActivation(isa_);
  depthwise_ = nullptr;
  sgemm_packed_ = nullptr;
  direct_fns_ = {};
  wino_ = {};
  sgemm_pa_ = nullptr;
  if (weight_packed_a() && ctx.input_data(1) == nullptr) {
    // W was packed as A and released by an earlier Prepare: that path for every shape.
    ChoosePackedA(ctx);
  } else {
    packed_a_.clear();
    packed_a_.shrink_to_fit();
  }
  if (sgemm_pa_ == nullptr) {
    if (ChooseWinograd(win, ctx)) return;
    if (ChooseDirect(win, ctx)) return;
    if (ChooseTransposed(ctx)) return;
    if (ChooseDepthwise(win, ctx)) return;
    ChoosePackedA(ctx);
  }
  const int64_t col = direct_ ? 0 : (s.channels / s.group) * geom_.kernel_size() * geom_.out_size();
  ctx.RequestScratch(static_cast<size_t>(col) * sizeof(float));
}

// Packs a constant W once per group as the SGEMM's A (M/group, C/group * K) and releases it,
// so Run skips packing it (up to 4.7 MB at ResNet-50's 1x1 2048 -> 512 layers). Leaves
// sgemm_pa_ null (W read at run, packed by the SGEMM) when W is not constant or for
// kReference.
void ConvF32::ChoosePackedA(PrepareContext& ctx) {
  const int64_t mg = s_.out_channels / s_.group;
  const int64_t ck = (s_.channels / s_.group) * geom_.kernel_size();
  const Tensor* w = ctx.input_data(1);
  if (weight_packed_a()) {
    if (packed_a_m_ != mg || packed_a_k_ != ck) return;  // cannot happen: W's shape is fixed
    sgemm_pa_ = kernels::GetSgemmPackedA(isa_);
    return;
  }
  if (w == nullptr || kernels::GetSgemmPackedA(isa_) == nullptr) return;
  packed_a_size_ = kernels::SgemmPackedASize(isa_, mg, ck);
  packed_a_.resize(s_.group * packed_a_size_);
  for (int64_t g = 0; g < s_.group; ++g) {
    kernels::SgemmPackA(isa_, false, w->data<float>() + g * mg * ck, ck, mg, ck,
                        packed_a_.data() + g * packed_a_size_);
  }
  packed_a_m_ = mg;
  packed_a_k_ = ck;
  sgemm_pa_ = kernels::GetSgemmPackedA(isa_);
  ctx.ReleaseConstantInput(1);
}

bool ConvF32::ChooseTransposed(PrepareContext& ctx) {
  const int64_t ck = s_.channels * geom_.kernel_size(), out = geom_.out_size();
  const Tensor* w = ctx.input_data(1);
  // Once W is packed and released, every later shape must take this path.
  const bool keep = weight_packed() && w == nullptr && packed_k_ == ck &&
                    packed_m_ == s_.out_channels;
  if (!keep) {
    packed_w_.clear();
    const bool shape_fits =
        out <= kSmallOut && (out <= kTinyOut || ck >= std::max(s_.out_channels, kTransposedMinK));
    const bool fits = s_.group == 1 && w != nullptr && shape_fits &&
                      kernels::GetSgemmPackedB(isa_) != nullptr;
    if (!fits) return false;
    packed_w_.resize(kernels::SgemmPackedBSize(isa_, ck, s_.out_channels));
    // W is stored (M, C*K): as B = W^T it is "transposed" with row stride C*K.
    kernels::SgemmPackB(isa_, true, w->data<float>(), ck, ck, s_.out_channels, packed_w_.data());
    packed_k_ = ck;
    packed_m_ = s_.out_channels;
    ctx.ReleaseConstantInput(1);
  }
  sgemm_packed_ = kernels::GetSgemmPackedB(isa_);
  const int64_t col = direct_ ? 0 : ck * out;
  ctx.RequestScratch(static_cast<size_t>(col + out * s_.out_channels) * sizeof(float));
  return true;
}

bool ConvF32::ChooseWinograd(const Window& win, PrepareContext& ctx) {
  const Tensor* w = ctx.input_data(1);
  // Once U is made and W released, every later shape must take this path.
  const bool keep = !wino_u_.empty() && w == nullptr && wino_c_ == s_.channels &&
                    wino_m_ == s_.out_channels;
  if (!keep) {
    wino_u_.clear();
    wino_u_.shrink_to_fit();
    const kernels::WinogradF32Fns fns = kernels::GetWinogradF32(isa_);
    bool fits = fns.input != nullptr && kernels::GetSgemmPackedA(isa_) != nullptr && w != nullptr && win.in.size() == 2 && s_.group == 1 &&
                s_.channels >= kWinogradMinChannels &&
                s_.out_channels >= kWinogradMinChannels &&
                geom_.out_size() >= kWinogradMinOut;
    for (size_t i = 0; fits && i < 2; ++i) {
      fits = win.kernel[i] == 3 && win.stride[i] == 1 && win.dilation[i] == 1;
    }
    if (!fits) return false;
    // U[xi] is each GEMM's constant A: packed once here, so Run skips packing it. One xi at
    // a time, so the temporary is M * C floats (1 MB at 512 channels), not 16 of them.
    std::vector<float> u(s_.out_channels * s_.channels);
    wino_packed_ = kernels::SgemmPackedASize(isa_, s_.out_channels, s_.channels);
    wino_u_.resize(16 * wino_packed_);
    for (int xi = 0; xi < 16; ++xi) {
      kernels::WinogradF23TransformWeightsOne(w->data<float>(), s_.out_channels, s_.channels,
                                              xi, u.data());
      kernels::SgemmPackA(isa_, false, u.data(), s_.channels, s_.out_channels, s_.channels,
                          wino_u_.data() + xi * wino_packed_);
    }
    wino_c_ = s_.channels;
    wino_m_ = s_.out_channels;
    ctx.ReleaseConstantInput(1);
  }
  wino_ = kernels::GetWinogradF32(isa_);
  wino_gemm_ = kernels::GetSgemmPackedA(isa_);
  wp_ = kernels::WinogradParams();
  wp_.channels = s_.channels;
  wp_.out_channels = s_.out_channels;
  wp_.in_h = win.in[0];
  wp_.in_w = win.in[1];
  wp_.out_h = win.out[0];
  wp_.out_w = win.out[1];
  wp_.pad_top = win.pad_begin[0];
  wp_.pad_left = win.pad_begin[1];
  wp_.act = act_;
  wp_.act_fn = act_fn_;
  const int64_t tiles = wp_.tiles();
  // Blocks of channels worth ~64K transformed values each; every block has its own work rows.
  wino_c_grain_ = kernels::GrainFor(16 * tiles, 1 << 16);
  wino_m_grain_ = kernels::GrainFor(16 * tiles, 1 << 16);
  wino_work_ = kernels::WinogradWorkSize(wp_);
  const int64_t blocks = std::max((s_.channels + wino_c_grain_ - 1) / wino_c_grain_,
                                  (s_.out_channels + wino_m_grain_ - 1) / wino_m_grain_);
  const int64_t floats = 16 * (s_.channels + s_.out_channels) * tiles + blocks * wino_work_;
  ctx.RequestScratch(static_cast<size_t>(floats) * sizeof(float));
  return true;
}

void ConvF32::RunWinograd(const float* x, const float* b, const float* z, float* y,
                          float* scratch) const {
  const int64_t c = s_.channels, m = s_.out_channels, tiles = wp_.tiles();
  const int64_t in_size = geom_.in_size(), out_size = geom_.out_size();
  float* v = scratch;                 // (16, C, T)
  float* mm = v + 16 * c * tiles;     // (16, M, T)
  float* work = mm + 16 * m * tiles;  // one WinogradWorkSize per block
  kernels::GemmParams p;
  p.m = m;
  p.n = tiles;
  p.k = c;
  p.lda = c;
  p.ldb = tiles;
  p.ldc = tiles;
  const kernels::SgemmEpilogue ep;
  for (int64_t n = 0; n < s_.batch; ++n) {
    const float* xn = x + n * c * in_size;
    kernels::ParallelFor(c, wino_c_grain_, [&](int64_t c0, int64_t c1) {
      wino_.input(wp_, xn, c0, c1, v, work + (c0 / wino_c_grain_) * wino_work_);
    });
    // The 16 GEMMs are independent: one task each (each GEMM splits the same way whatever
    // the thread count, so the bits do not change). Thin GEMMs (64 channels) alone give
    // too little work per task for a second thread.
    kernels::ParallelFor(16, 1, [&](int64_t x0, int64_t x1) {
      for (int64_t xi = x0; xi < x1; ++xi) {
        wino_gemm_(p, wino_u_.data() + xi * wino_packed_, v + xi * c * tiles,
                   mm + xi * m * tiles, ep);
      }
    });
    const int64_t yoff = n * m * out_size;
    kernels::ParallelFor(m, wino_m_grain_, [&](int64_t m0, int64_t m1) {
      wino_.output(wp_, mm, b, z ? z + yoff : nullptr, m0, m1, y + yoff,
                   work + (m0 / wino_m_grain_) * wino_work_);
    });
  }
}

bool ConvF32::ChooseDirect(const Window& win, PrepareContext& ctx) {
  const kernels::ConvDirectF32Fns fns = kernels::GetConvDirectF32(isa_);
  const bool fits = fns.compute != nullptr && win.in.size() == 2 && s_.group == 1 &&
                    s_.channels <= 4 && win.kernel[0] == win.kernel[1] &&
                    win.stride[0] == win.stride[1] && win.dilation[0] == 1 &&
                    win.dilation[1] == 1 &&
                    kernels::DirectConvSupported(static_cast<int>(win.kernel[0]),
                                                 static_cast<int>(win.stride[0]));
  if (!fits) return false;
  direct_fns_ = fns;
  dc_ = kernels::DirectConvParams();
  dc_.channels = s_.channels;
  dc_.out_channels = s_.out_channels;
  dc_.in_h = win.in[0];
  dc_.in_w = win.in[1];
  dc_.out_h = win.out[0];
  dc_.out_w = win.out[1];
  dc_.kernel = static_cast<int>(win.kernel[0]);
  dc_.stride = static_cast<int>(win.stride[0]);
  dc_.pad_top = win.pad_begin[0];
  dc_.pad_left = win.pad_begin[1];
  dc_.act = act_;
  const int64_t planes = kernels::PrepareDirectConv(dc_, isa_);
  // A block of output rows is worth ~128K multiply-adds.
  dc_grain_ = kernels::GrainFor(s_.out_channels * dc_.out_w * s_.channels * dc_.kernel *
                                    dc_.kernel, 1 << 17);
  ctx.RequestScratch(static_cast<size_t>(planes) * sizeof(float));
  return true;
}

// Chooses the direct depthwise kernel when the geometry suits it; false otherwise.
bool ConvF32::ChooseDepthwise(const Window& win, PrepareContext& ctx) {
  depthwise_ = kernels::GetConvDepthwiseF32(isa_);
  const bool fits = depthwise_ != nullptr && win.in.size() == 2 && s_.group == s_.channels &&
                    s_.out_channels == s_.channels && win.kernel[0] == win.kernel[1] &&
                    win.stride[0] == win.stride[1] && win.dilation[0] == 1 &&
                    win.dilation[1] == 1 &&
                    kernels::DepthwiseSupported(static_cast<int>(win.kernel[0]),
                                                static_cast<int>(win.stride[0]));
  if (!fits) {
    depthwise_ = nullptr;
    return false;
  }
  dw_ = kernels::DepthwiseParams();
  dw_.in_h = win.in[0];
  dw_.in_w = win.in[1];
  dw_.out_h = win.out[0];
  dw_.out_w = win.out[1];
  dw_.kernel = static_cast<int>(win.kernel[0]);
  dw_.stride = static_cast<int>(win.stride[0]);
  dw_.pad_top = win.pad_begin[0];
  dw_.pad_left = win.pad_begin[1];
  dw_.act = act_;
  dw_plane_ = kernels::PrepareDepthwise(dw_, isa_);
  // A block of channels is worth ~64K multiply-adds; each block gets its own padded plane.
  dw_grain_ = kernels::GrainFor(dw_.out_h * dw_.out_w * dw_.kernel * dw_.kernel, 1 << 16);
  const int64_t blocks = (s_.channels + dw_grain_ - 1) / dw_grain_;
  ctx.RequestScratch(static_cast<size_t>(blocks * dw_plane_) * sizeof(float));
  return true;
}

void ConvF32::RunTransposed(const float* x, const float* b, const float* z, float* y,
                            float* scratch) const {
  const int64_t c = s_.channels, m = s_.out_channels;
  const int64_t in_size = geom_.in_size(), out = geom_.out_size();
  const int64_t k_size = geom_.kernel_size(), ck = c * k_size;
  float* ct = scratch;             // (out, m): Y^T of one image
  float* col = scratch + out * m;  // (ck, out), when not direct
  kernels::GemmParams p;
  p.m = out;
  p.n = m;
  p.k = ck;
  p.trans_a = true;  // col is stored (ck, out)
  p.lda = out;
  p.ldc = m;
  kernels::SgemmEpilogue ep;
  ep.bias = b;
  ep.bias_per_row = false;
  const int64_t col_grain = kernels::GrainFor(k_size * out);
  const int64_t out_grain = std::max<int64_t>(8, kernels::GrainFor(out) / 8 * 8);
  for (int64_t n = 0; n < s_.batch; ++n) {
    const float* xn = x + n * c * in_size;
    if (!direct_) {
      kernels::ParallelFor(c, col_grain, [&](int64_t c0, int64_t c1) {
        kernels::Im2ColF32(xn + c0 * in_size, c1 - c0, geom_, col + c0 * k_size * out);
      });
    }
    sgemm_packed_(p, direct_ ? xn : col, packed_w_.data(), ct, ep);
    const int64_t yoff = n * m * out;
    kernels::ParallelFor(m, out_grain, [&](int64_t m0, int64_t m1) {
      kernels::ConvTransposeOutF32(ct, m, out, m0, m1, z ? z + yoff : nullptr, act_, act_fn_,
                                   y + yoff);
    });
  }
}

void ConvF32::Run(const float* x, const float* w, const float* b, const float* z, float* y,
                  float* scratch) const {
  const int64_t cg = s_.channels / s_.group, mg = s_.out_channels / s_.group;
  const int64_t in_size = geom_.in_size(), out_size = geom_.out_size();
  if (wino_.input != nullptr) return RunWinograd(x, b, z, y, scratch);
  if (sgemm_packed_ != nullptr) return RunTransposed(x, b, z, y, scratch);
  if (direct_fns_.compute != nullptr) {
    for (int64_t n = 0; n < s_.batch; ++n) {
      const float* xn = x + n * s_.channels * in_size;
      const int64_t yn = n * s_.out_channels * out_size;
      kernels::ParallelFor(s_.channels, 1, [&](int64_t c0, int64_t c1) {
        direct_fns_.pad(dc_, xn, c0, c1, scratch);
      });
      kernels::ParallelFor(dc_.out_h, dc_grain_, [&](int64_t r0, int64_t r1) {
        direct_fns_.compute(dc_, scratch, w, b, z ? z + yn : nullptr, y + yn, r0, r1);
      });
    }
    return;
  }
  if (depthwise_ != nullptr) {
    for (int64_t n = 0; n < s_.batch; ++n) {
      const float* xn = x + n * s_.channels * in_size;
      const int64_t yn = n * s_.channels * out_size;
      kernels::ParallelFor(s_.channels, dw_grain_, [&](int64_t c0, int64_t c1) {
        kernels::DepthwiseParams p = dw_;
        p.channels = c1 - c0;
        depthwise_(p, xn + c0 * in_size, w + c0 * dw_.kernel * dw_.kernel, b ? b + c0 : nullptr,
                   z ? z + yn + c0 * out_size : nullptr, y + yn + c0 * out_size,
                   scratch + (c0 / dw_grain_) * dw_plane_);
      });
    }
    return;
  }
  const int64_t k_size = geom_.kernel_size(), ck = cg * k_size;
  kernels::GemmParams p;
  p.m = mg;
  p.n = out_size;
  p.k = ck;
  p.lda = ck;
  p.ldb = out_size;
  p.ldc = out_size;
  const int64_t col_grain = kernels::GrainFor(k_size * out_size);
  for (int64_t n = 0; n < s_.batch; ++n) {
    for (int64_t g = 0; g < s_.group; ++g) {
      const float* xg = x + (n * s_.channels + g * cg) * in_size;
      if (!direct_ && isa_ == kernels::Isa::kReference) {
        kernels::Im2Col(xg, cg, geom_, scratch);
      } else if (!direct_) {
        kernels::ParallelFor(cg, col_grain, [&](int64_t c0, int64_t c1) {
          kernels::Im2ColF32(xg + c0 * in_size, c1 - c0, geom_, scratch + c0 * k_size * out_size);
        });
      }
      const int64_t yoff = (n * s_.out_channels + g * mg) * out_size;
      kernels::SgemmEpilogue ep;
      ep.bias = b ? b + g * mg : nullptr;
      ep.bias_per_row = true;
      ep.residual = z ? z + yoff : nullptr;
      ep.ldr = out_size;
      ep.act = act_;
      if (sgemm_pa_ != nullptr) {
        sgemm_pa_(p, packed_a_.data() + g * packed_a_size_, direct_ ? xg : scratch, y + yoff, ep);
      } else {
        sgemm_(p, w + g * mg * ck, direct_ ? xg : scratch, y + yoff, ep);
      }
    }
  }
}

}  // namespace onnxi
