// InvertedBottleneck (domain ai.onnxi, version 1): onnxi's private op for MobileNet's block,
// emitted by the fuse-inverted-bottleneck rewrite (runtime/rewrite/fuse_inverted_bottleneck.cc):
//
//   E = act_e(conv1x1(X, We) + Be)          expand
//   D = act_d(depthwise(E, Wd) + Bd)        K x K, stride S, pads
//   Y = act_p(conv1x1(D, Wp) + Bp + Z)      project, Z optional (the residual)
//
// Inputs: X (N, C, H, W); We (Ce, C, 1, 1), Be (Ce); Wd (Ce, 1, K, K), Bd (Ce); Wp (M, Ce, 1,
// 1), Bp (M); Z (N, M, Ho, Wo). The biases and Z are optional. Attributes: the depthwise
// conv's window attributes as Conv has them (ops/nn/window.h; the rewrite writes strides and
// pads); per stage the fused activation (ops/common/fused_activation.h) with the prefix
// expand_, depthwise_ or project_.
// K is 3 or 5 and S 1 or 2 (what the depthwise kernels take). float32 only.
//
// Why: unfused, the expanded map E (6x the block's input) goes to memory and back between
// the convs, and the NCHW depthwise kernels vectorize along rows of 7 to 112 pixels. Fused,
// the output rows are computed in bands, and E and D are kept channels-last (pixel-major),
// where a vector holds 16 channels of one pixel whatever the map's width. Per band:
//   E rows it needs: E^T (pixels, Ce) = X^T (pixels, C) x We^T (C, Ce), the SGEMM reading X
//     transposed and We^T packed once as its B; rows the previous band computed move down
//     instead of being recomputed;
//   D rows: the channels-last depthwise kernel (kernels/conv/depthwise_hwc.h);
//   Y rows: Y (M, pixels) = Wp (M, Ce) x D^T, Wp packed once as A, written straight into Y
//     (NCHW) with Bp, Z and act_p in the epilogue.
// A band's E and D stay in the core's L2 cache. The bands are grouped into a fixed number of
// strips, one task each (each strip recomputes the E rows it shares with the strip above);
// inside a strip the kernels run serially (kernels::SerialScope). A small map is one band
// whose kernels each split over the threads (kWholeImageBytes). No element depends on the
// banding, so the bits are the same for every thread count (which the plan may follow).
// kReference runs the same schedule with SgemmRef and DepthwiseHwcF32Ref, the weights
// unpacked; so do weights that are not constant, with the Isa's SGEMM.
#include <algorithm>
#include <optional>
#include <vector>

#include "kernels/conv/depthwise_hwc.h"
#include "kernels/cpu/parallel.h"
#include "kernels/gemm/sgemm.h"
#include "ops/common/dispatch.h"
#include "ops/common/fused_activation.h"
#include "ops/nn/nn_ops.h"
#include "ops/nn/window.h"
#include "ops/op.h"

namespace onnxi {
namespace {

enum Input { kX = 0, kWe, kBe, kWd, kBd, kWp, kBp, kZ, kNumInputs };

// The E rows of one band (all Ce channels) take at most about this many bytes, so that a
// band's E and D fit a 1 MiB L2 with the weights beside them (MobileNetV2 on 2 threads, 4
// interleaved rounds: 200 KB 3.96 ms, 320 KB 3.77 ms, 480 KB 3.82 ms, 640 KB 3.90 ms).
constexpr int64_t kBandBytes = 320 << 10;
// At most this many strips (tasks) per image.
constexpr int64_t kMaxStrips = 4;
// Up to this much E (a whole image's), the block runs as one band: each kernel then splits
// its own work over the threads, as strips would be too few to keep them busy (MobileNetV2's
// 7x7 blocks, 188 KB: 7 rows). On one thread there is nothing to split, and one band skips
// the strips' recomputed edge rows. MobileNetV2, 5 interleaved rounds of 100 runs: 256 KB
// (its 14x14 blocks then run as 2 strips of 7 rows) 3.79 ms on 2 threads against 3.92 ms
// with 512 KB (one band); on 1 thread 6.68 against 6.41 ms.
constexpr int64_t kWholeImageBytes = 256 << 10;
constexpr int64_t kWholeImageBytesOneThread = 512 << 10;

class InvertedBottleneckOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    window_.Read(node);
    act_e_ = ReadFusedActivation(node, "expand_");
    act_d_ = ReadFusedActivation(node, "depthwise_");
    act_p_ = ReadFusedActivation(node, "project_");
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    // Y (N, M, H', W'): the depthwise Wd's window, the project Wp's output channels.
    if (in.size() <= kWp || out.empty() || !in[kWd].known || !in[kWp].known ||
        in[kWd].dims.size() < 3 || in[kWp].dims.empty()) {
      return false;
    }
    WindowAttrs attrs;
    attrs.Read(node);
    std::vector<int64_t> kernel(in[kWd].dims.begin() + 2, in[kWd].dims.end());
    return StaticWindowShape(attrs, in[kX], kernel, in[kWp].dims[0], symbols, &out[0]);
  }
  Status Prepare(PrepareContext& ctx) override;
  Status Run(RunContext& ctx) override;

 private:
  Status CheckShapes(PrepareContext& ctx);
  // Packs We^T as the expand SGEMM's B and Wp as the project SGEMM's A once, and releases
  // them; false when a weight is not constant or the Isa has no packed SGEMM.
  bool PackWeights(PrepareContext& ctx);
  void PlanBands();
  void RunStrip(const float* x, const float* we, const float* be, const float* taps,
                const float* bd, const float* wp, const float* bp, const float* z, float* y,
                int64_t strip, float* scratch) const;

  WindowAttrs window_;  // the depthwise conv's
  kernels::Activation act_e_, act_d_, act_p_;
  kernels::Isa isa_ = kernels::Isa::kReference;
  // Shapes of the current Prepare.
  int64_t n_ = 0, c_ = 0, ce_ = 0, m_ = 0, h_ = 0, w_ = 0, k_ = 3, ho_ = 0, wo_ = 0;
  int64_t stride_ = 1, pad_top_ = 0, pad_left_ = 0;
  kernels::DepthwiseParams dw_;
  kernels::DepthwiseHwcF32Fn depthwise_ = nullptr;
  // Packed weights (empty: the SGEMM reads We and Wp as they are).
  std::vector<float> packed_e_, packed_p_;
  std::vector<float> taps_;  // a constant Wd as (K*K, Ce); empty: repacked per Run
  int64_t packed_c_ = 0, packed_ce_ = 0, packed_m_ = 0;
  kernels::SgemmPackedBFn expand_packed_ = nullptr;
  kernels::SgemmPackedAFn project_packed_ = nullptr;
  kernels::SgemmFn gemm_ = nullptr;
  // Bands: output rows per band, E rows one band holds ((band_rows_ - 1) * S + K), strips.
  int64_t band_rows_ = 0, rows_cap_ = 0;
  int64_t strips_ = 0, bands_per_strip_ = 0, strip_floats_ = 0;
  int64_t dw_grain_ = 1;
};

Status InvertedBottleneckOp::CheckShapes(PrepareContext& ctx) {
  for (int i : {kX, kWe, kWd, kWp}) {
    if (!ctx.has_input(i)) return Status::InvalidArgument(StrCat("input ", i, " is required"));
  }
  for (int i = 0; i < kNumInputs; ++i) {
    if (ctx.has_input(i)) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(i, ctx.input_dtype(i), {DataType::kFloat}));
    }
  }
  const Shape& x = ctx.input_shape(kX);
  const Shape& wd = ctx.input_shape(kWd);
  const Shape& wp = ctx.input_shape(kWp);
  if (x.size() != 4) {
    return Status::InvalidArgument(
        StrCat("X has shape ", ShapeToString(x), "; expected (N, C, H, W)"));
  }
  n_ = x[0];
  c_ = x[1];
  h_ = x[2];
  w_ = x[3];
  if (wd.size() != 4 || wd[1] != 1 || wd[2] != wd[3] || (wd[2] != 3 && wd[2] != 5)) {
    return Status::InvalidArgument(
        StrCat("Wd has shape ", ShapeToString(wd), "; expected (Ce, 1, K, K) with K 3 or 5"));
  }
  ce_ = wd[0];
  k_ = wd[2];
  const Shape& we = ctx.input_shape(kWe);
  if (we != Shape{ce_, c_, 1, 1}) {
    return Status::InvalidArgument(StrCat("We has shape ", ShapeToString(we), "; expected [", ce_,
                                          ", ", c_, ", 1, 1] (X has ", c_, " channels, Wd ", ce_,
                                          ")"));
  }
  if (wp.size() != 4 || wp[1] != ce_ || wp[2] != 1 || wp[3] != 1) {
    return Status::InvalidArgument(
        StrCat("Wp has shape ", ShapeToString(wp), "; expected [M, ", ce_, ", 1, 1]"));
  }
  m_ = wp[0];
  const std::pair<int, int64_t> biases[] = {{kBe, ce_}, {kBd, ce_}, {kBp, m_}};
  for (const auto& [i, len] : biases) {
    if (ctx.has_input(i) && ctx.input_shape(i) != Shape{len}) {
      return Status::InvalidArgument(StrCat("input ", i, " (a bias) has shape ",
                                            ShapeToString(ctx.input_shape(i)), "; expected [", len,
                                            "]"));
    }
  }
  ONNXI_ASSIGN_OR_RETURN(const Window win, ResolveWindow(window_, {h_, w_}, {k_, k_}));
  if (win.stride[0] != win.stride[1] || (win.stride[0] != 1 && win.stride[0] != 2) ||
      win.dilation[0] != 1 || win.dilation[1] != 1) {
    return Status::Unsupported(StrCat("strides ", ShapeToString(win.stride), " and dilations ",
                                      ShapeToString(win.dilation),
                                      ": expected strides [1, 1] or [2, 2], dilations [1, 1]"));
  }
  stride_ = win.stride[0];
  pad_top_ = win.pad_begin[0];
  pad_left_ = win.pad_begin[1];
  ho_ = win.out[0];
  wo_ = win.out[1];
  const Shape y = {n_, m_, ho_, wo_};
  if (ctx.has_input(kZ) && ctx.input_shape(kZ) != y) {
    return Status::InvalidArgument(StrCat("Z has shape ", ShapeToString(ctx.input_shape(kZ)),
                                          "; expected Y's ", ShapeToString(y)));
  }
  ctx.SetOutput(0, DataType::kFloat, y);
  return Status::Ok();
}

bool InvertedBottleneckOp::PackWeights(PrepareContext& ctx) {
  if (!packed_p_.empty()) return true;  // by an earlier Prepare (shapes of W are fixed)
  const Tensor* wp = ctx.input_data(kWp);
  const Tensor* we = ctx.input_data(kWe);
  if (kernels::GetSgemmPackedA(isa_) == nullptr || wp == nullptr || we == nullptr) return false;
  // We (Ce, C) is We^T stored transposed.
  packed_e_.resize(kernels::SgemmPackedBSize(isa_, c_, ce_));
  kernels::SgemmPackB(isa_, true, we->data<float>(), c_, c_, ce_, packed_e_.data());
  ctx.ReleaseConstantInput(kWe);
  packed_p_.resize(kernels::SgemmPackedASize(isa_, m_, ce_));
  kernels::SgemmPackA(isa_, false, wp->data<float>(), ce_, m_, ce_, packed_p_.data());
  ctx.ReleaseConstantInput(kWp);
  packed_c_ = c_;
  packed_ce_ = ce_;
  packed_m_ = m_;
  return true;
}

void InvertedBottleneckOp::PlanBands() {
  // The plan may follow the thread count: no element depends on the banding, so the bits
  // do not (fuse_inverted_bottleneck_test compares 1, 2 and 3 threads).
  const int64_t whole = kernels::NumThreads() == 1 ? kWholeImageBytesOneThread : kWholeImageBytes;
  const int64_t row_bytes = ce_ * w_ * static_cast<int64_t>(sizeof(float));
  if (row_bytes * h_ <= whole) {
    // Small maps: one band, each kernel split over the threads by itself.
    band_rows_ = ho_;
    strips_ = 1;
    bands_per_strip_ = 1;
  } else {
    // Output rows per band: as many as keep the band's E rows within kBandBytes.
    const int64_t fit_rows = std::max<int64_t>(kBandBytes / row_bytes, k_);
    band_rows_ = std::clamp<int64_t>((fit_rows - k_) / stride_ + 1, 1, ho_);
    int64_t bands = (ho_ + band_rows_ - 1) / band_rows_;
    band_rows_ = (ho_ + bands - 1) / bands;  // as even as the rows allow
    bands = (ho_ + band_rows_ - 1) / band_rows_;
    strips_ = std::min(bands, kMaxStrips);
    bands_per_strip_ = (bands + strips_ - 1) / strips_;
    strips_ = (bands + bands_per_strip_ - 1) / bands_per_strip_;
  }
  rows_cap_ = (band_rows_ - 1) * stride_ + k_;
  strip_floats_ = ce_ * (rows_cap_ * w_ + band_rows_ * wo_);  // E rows, D rows
  // Depthwise rows per task when the kernels split themselves (~32K multiply-adds).
  dw_grain_ = kernels::GrainFor(wo_ * ce_ * k_ * k_, 1 << 15);
}

Status InvertedBottleneckOp::Prepare(PrepareContext& ctx) {
  ONNXI_RETURN_IF_ERROR(CheckShapes(ctx));
  isa_ = ctx.isa;
  if (!packed_p_.empty() && (packed_c_ != c_ || packed_ce_ != ce_ || packed_m_ != m_)) {
    return Status::Internal("weights packed for other shapes were released");
  }
  dw_ = kernels::DepthwiseParams();
  dw_.channels = ce_;
  dw_.in_w = w_;
  dw_.out_w = wo_;
  dw_.kernel = static_cast<int>(k_);
  dw_.stride = static_cast<int>(stride_);
  dw_.pad_left = pad_left_;
  dw_.act = act_d_;
  dw_.act_fn = kernels::GetActivation(isa_);
  depthwise_ = kernels::GetDepthwiseHwcF32(isa_);
  const bool packed = PackWeights(ctx);
  expand_packed_ = packed ? kernels::GetSgemmPackedB(isa_) : nullptr;
  project_packed_ = packed ? kernels::GetSgemmPackedA(isa_) : nullptr;
  gemm_ = kernels::GetSgemm(isa_);
  PlanBands();
  // The depthwise weights in taps-major order: a constant Wd once here (then released),
  // otherwise at the start of the scratch on every Run.
  if (const Tensor* wd = ctx.input_data(kWd)) {
    taps_.resize(k_ * k_ * ce_);
    kernels::RepackDepthwiseWeights(wd->data<float>(), ce_, static_cast<int>(k_), taps_.data());
    ctx.ReleaseConstantInput(kWd);
  }
  const int64_t taps_floats = taps_.empty() ? k_ * k_ * ce_ : 0;
  ctx.RequestScratch(static_cast<size_t>(taps_floats + strips_ * strip_floats_) * sizeof(float));
  return Status::Ok();
}

Status InvertedBottleneckOp::Run(RunContext& ctx) {
  auto in = [&](int i) { return ctx.has_input(i) ? ctx.input(i).data<float>() : nullptr; };
  float* y = ctx.output(0).data<float>();
  float* strips = static_cast<float*>(ctx.scratch);
  const float* taps = taps_.data();
  if (taps_.empty()) {
    kernels::RepackDepthwiseWeights(in(kWd), ce_, static_cast<int>(k_), strips);
    taps = strips;
    strips += k_ * k_ * ce_;
  }
  const int64_t x_image = c_ * h_ * w_, y_image = m_ * ho_ * wo_;
  const float* z = in(kZ);
  for (int64_t n = 0; n < n_; ++n) {
    kernels::ParallelFor(strips_, 1, [&](int64_t s0, int64_t s1) {
      std::optional<kernels::SerialScope> serial;
      if (strips_ > 1) serial.emplace();  // one strip: its kernels split over the threads
      for (int64_t s = s0; s < s1; ++s) {
        RunStrip(in(kX) + n * x_image, in(kWe), in(kBe), taps, in(kBd), in(kWp), in(kBp),
                 z ? z + n * y_image : nullptr, y + n * y_image, s, strips + s * strip_floats_);
      }
    });
  }
  return Status::Ok();
}

// One strip of one image: its bands top to bottom. we / wp are read only when not packed.
void InvertedBottleneckOp::RunStrip(const float* x, const float* we, const float* be,
                                    const float* taps, const float* bd, const float* wp,
                                    const float* bp, const float* z, float* y, int64_t strip,
                                    float* scratch) const {
  const int64_t row = w_ * ce_;    // one image row of E, channels-last
  float* e = scratch;              // (rows_cap_, W, Ce)
  float* d = e + rows_cap_ * row;  // (band rows, Wo, Ce)
  const int64_t pt = pad_top_;
  int64_t have_lo = 0, have_hi = 0;  // image rows [have_lo, have_hi) are e's rows 0..
  const int64_t first = strip * bands_per_strip_ * band_rows_;
  const int64_t last = std::min(ho_, (strip + 1) * bands_per_strip_ * band_rows_);
  for (int64_t oh0 = first; oh0 < last; oh0 += band_rows_) {
    const int64_t oh1 = std::min(last, oh0 + band_rows_);
    const int64_t lo = std::max<int64_t>(0, oh0 * stride_ - pt);
    const int64_t hi = std::min(h_, (oh1 - 1) * stride_ - pt + k_);
    // Rows the previous band computed and this one needs move to the top.
    const int64_t kept = have_hi > lo && lo >= have_lo ? have_hi - lo : 0;
    if (kept > 0) std::copy(e + (lo - have_lo) * row, e + (have_hi - have_lo) * row, e);
    const int64_t new_lo = lo + kept;
    if (hi > new_lo) {
      kernels::GemmParams p;
      p.m = (hi - new_lo) * w_;  // pixels
      p.n = ce_;
      p.k = c_;
      p.trans_a = true;  // X's rows: (C, pixels), H*W apart
      p.lda = h_ * w_;
      p.trans_b = true;  // We: (Ce, C)
      p.ldb = c_;
      p.ldc = ce_;
      kernels::SgemmEpilogue ep;
      ep.bias = be;
      ep.bias_per_row = false;
      ep.act = act_e_;
      const float* xr = x + new_lo * w_;
      float* er = e + kept * row;
      if (expand_packed_ != nullptr) {
        expand_packed_(p, xr, packed_e_.data(), er, ep);
      } else {
        gemm_(p, xr, we, er, ep);
      }
    }
    have_lo = lo;
    have_hi = hi;
    kernels::DepthwiseParams p = dw_;
    p.in_h = std::max<int64_t>(0, hi - lo);  // 0: the band's rows all read padding
    p.out_h = oh1 - oh0;
    p.pad_top = pt + lo - oh0 * stride_;
    kernels::ParallelFor(oh1 - oh0, dw_grain_,
                         [&](int64_t r0, int64_t r1) { depthwise_(p, e, taps, bd, d, r0, r1); });
    kernels::GemmParams g;
    g.m = m_;
    g.n = (oh1 - oh0) * wo_;
    g.k = ce_;
    g.lda = ce_;
    g.trans_b = true;
    g.ldb = ce_;
    g.ldc = ho_ * wo_;
    kernels::SgemmEpilogue ep;
    ep.bias = bp;
    ep.bias_per_row = true;
    ep.residual = z ? z + oh0 * wo_ : nullptr;
    ep.ldr = ho_ * wo_;
    ep.act = act_p_;
    if (project_packed_ != nullptr) {
      project_packed_(g, packed_p_.data(), d, y + oh0 * wo_, ep);
    } else {
      gemm_(g, wp, d, y + oh0 * wo_, ep);
    }
  }
}

}  // namespace

std::unique_ptr<Op> MakeInvertedBottleneckOp() { return std::make_unique<InvertedBottleneckOp>(); }

}  // namespace onnxi
