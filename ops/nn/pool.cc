// MaxPool, AveragePool and LpPool over 1 to 3 spatial dims.
//
// Shapes: X (N, C, D1..Dr) -> Y (N, C, O1..Or), Oi from window.h (kernel_shape required, pads,
// auto_pad, strides, dilations, ceil_mode). MaxPool's optional Indices output (int64, shape
// of Y) holds flat indices into X, row-major or, with storage_order 1, column-major within
// the spatial dims.
// Versions:
//   MaxPool     1, 8 (storage_order, Indices), 10 (ceil_mode, dilations), 11, 12 (int8,
//               uint8), 22 (bfloat16)
//   AveragePool 1, 7 (count_include_pad), 10 (ceil_mode), 11, 19 (dilations), 22 (bfloat16)
//   LpPool      1 (float p), 2 (int p), 11, 18 (ceil_mode, dilations), 22 (bfloat16)
// Attributes absent in an old version are simply absent from its nodes, so one reader serves
// all versions; only LpPool-1's float p differs.
// float32 2-D MaxPool (without Indices) and AveragePool with dilation 1 and begin pads below
// the kernel run the SIMD kernels of kernels/pool/pool2d_f32.h, parallel over N * C, unless
// the session's Isa is kReference; everything else runs the reference kernels of pool.h.
// More than 3 spatial dims is not supported.
#include "kernels/pool/pool.h"

#include <vector>

#include "kernels/cpu/parallel.h"
#include "kernels/pool/pool2d_f32.h"
#include "ops/common/dispatch.h"
#include "ops/nn/window.h"
#include "ops/op.h"

namespace onnxi {
namespace {

enum class PoolKind { kMax, kAverage, kLp };

template <PoolKind kKind>
class PoolOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    node.Require("kernel_shape");
    attrs_.Read(node);
    attrs_.ceil_mode = node.GetInt("ceil_mode", 0) != 0;
    count_include_pad_ = node.GetInt("count_include_pad", 0) != 0;
    storage_order_ = node.GetInt("storage_order", 0);
    if (storage_order_ != 0 && storage_order_ != 1) {
      node.Fail(Status::InvalidModel(
          StrCat("storage_order ", storage_order_, " is not 0 (row major) or 1 (column major)")));
    }
    if (kKind == PoolKind::kLp) {
      p_ =
          since_version_ == 1 ? node.GetFloat("p", 2.0f) : static_cast<double>(node.GetInt("p", 2));
      if (!(p_ > 0)) node.Fail(Status::InvalidModel(StrCat("p ", p_, " must be positive")));
    }
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty() || !in[0].known || in[0].dims.size() < 3) return false;
    WindowAttrs attrs;
    attrs.Read(node);
    attrs.ceil_mode = node.GetInt("ceil_mode", 0) != 0;
    if (!StaticWindowShape(attrs, in[0], attrs.kernel_shape, in[0].dims[1], symbols, &out[0])) {
      return false;
    }
    for (size_t k = 1; k < out.size(); ++k) out[k] = out[0];  // MaxPool's Indices
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    std::vector<DataType> allowed = {DataType::kFloat, DataType::kDouble, DataType::kFloat16};
    if (since_version_ >= 22) allowed.push_back(DataType::kBfloat16);
    if (kKind == PoolKind::kMax && since_version_ >= 12) {
      allowed.push_back(DataType::kInt8);
      allowed.push_back(DataType::kUint8);
    }
    bool ok = false;
    std::string names;
    for (DataType t : allowed) {
      ok = ok || t == dtype;
      names += (names.empty() ? "" : ", ") + DataTypeName(t);
    }
    if (!ok) {
      return Status::InvalidModel(
          StrCat("input 0 has element type ", DataTypeName(dtype), "; expected one of ", names));
    }
    const Shape& x = ctx.input_shape(0);
    ONNXI_RETURN_IF_ERROR(CheckSpatialRank(static_cast<int>(x.size()), "X"));
    std::vector<int64_t> in(x.begin() + 2, x.end());
    ONNXI_ASSIGN_OR_RETURN(Window win, ResolveWindow(attrs_, in, attrs_.kernel_shape));
    geom_ = ToPoolGeometry(win);
    channels_ = x[0] * x[1];
    Shape y = {x[0], x[1]};
    y.insert(y.end(), win.out.begin(), win.out.end());
    ctx.SetOutput(0, dtype, y);
    if (kKind == PoolKind::kMax && ctx.num_outputs() > 1) {
      ctx.SetOutput(1, DataType::kInt64, y);
    }
    ChooseFast(ctx, win);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (fast_ != nullptr) {
      const float* xf = x.data<float>();
      float* yf = y.data<float>();
      float* scratch = static_cast<float*>(ctx.scratch);
      const int64_t in_size = fast_params_.in_h * fast_params_.in_w;
      const int64_t out_size = fast_params_.out_h * fast_params_.out_w;
      kernels::ParallelFor(channels_, grain_, [&](int64_t c0, int64_t c1) {
        kernels::Pool2dParams p = fast_params_;
        p.channels = c1 - c0;
        fast_(p, xf + c0 * in_size, yf + c0 * out_size, scratch + (c0 / grain_) * block_scratch_);
      });
      return Status::Ok();
    }
    if constexpr (kKind == PoolKind::kMax) {
      int64_t* indices = ctx.has_output(1) ? ctx.output(1).data<int64_t>() : nullptr;
      auto run = [&](auto tag) {
        using T = typename decltype(tag)::type;
        kernels::MaxPool(x.data<T>(), channels_, geom_, y.data<T>(), indices, storage_order_ == 1);
      };
      if (x.dtype() == DataType::kInt8) {
        run(Tag<int8_t>{});
        return Status::Ok();
      }
      if (x.dtype() == DataType::kUint8) {
        run(Tag<uint8_t>{});
        return Status::Ok();
      }
      return VisitFloatType(x.dtype(), run);
    } else {
      return VisitFloatType(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (kKind == PoolKind::kAverage) {
          kernels::AveragePool(x.data<T>(), channels_, geom_, count_include_pad_, y.data<T>());
        } else {
          kernels::LpPool(x.data<T>(), channels_, geom_, p_, y.data<T>());
        }
      });
    }
  }

 private:
  // The SIMD kernels when the geometry and the session allow them (contract in pool2d_f32.h).
  void ChooseFast(PrepareContext& ctx, const Window& win) {
    fast_ = nullptr;
    if (kKind == PoolKind::kLp || ctx.input_dtype(0) != DataType::kFloat || win.in.size() != 2 ||
        (kKind == PoolKind::kMax && ctx.num_outputs() > 1)) {
      return;
    }
    for (size_t i = 0; i < 2; ++i) {
      if (win.dilation[i] != 1 || win.pad_begin[i] >= win.kernel[i]) return;
    }
    fast_ = kKind == PoolKind::kMax ? kernels::GetMaxPool2dF32(ctx.isa)
                                    : kernels::GetAveragePool2dF32(ctx.isa);
    if (fast_ == nullptr) return;
    kernels::Pool2dParams& p = fast_params_;
    p.in_h = win.in[0];
    p.in_w = win.in[1];
    p.out_h = win.out[0];
    p.out_w = win.out[1];
    p.kh = win.kernel[0];
    p.kw = win.kernel[1];
    p.sh = win.stride[0];
    p.sw = win.stride[1];
    p.pad_top = win.pad_begin[0];
    p.pad_left = win.pad_begin[1];
    p.pad_bottom = win.pad_end[0];
    p.pad_right = win.pad_end[1];
    p.count_include_pad = count_include_pad_;
    grain_ = kernels::GrainFor(p.out_h * p.out_w * p.kh * p.kw);
    block_scratch_ = kernels::Pool2dScratchFloats(p);
    const int64_t blocks = (channels_ + grain_ - 1) / grain_;
    ctx.RequestScratch(static_cast<size_t>(blocks * block_scratch_) * sizeof(float));
  }

  int since_version_ = 0;
  WindowAttrs attrs_;
  bool count_include_pad_ = false;
  int64_t storage_order_ = 0;
  double p_ = 2.0;
  kernels::PoolGeometry geom_;
  int64_t channels_ = 0;  // N * C
  kernels::Pool2dF32Fn fast_ = nullptr;
  kernels::Pool2dParams fast_params_;
  int64_t grain_ = 1, block_scratch_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeMaxPoolOp() { return std::make_unique<PoolOp<PoolKind::kMax>>(); }
std::unique_ptr<Op> MakeAveragePoolOp() { return std::make_unique<PoolOp<PoolKind::kAverage>>(); }
std::unique_ptr<Op> MakeLpPoolOp() { return std::make_unique<PoolOp<PoolKind::kLp>>(); }

}  // namespace onnxi
