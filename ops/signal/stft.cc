// STFT (opset 17): short-time Fourier transform.
//
//   signal (batch, signal_length, c) with c = 1 (real) or 2 (complex), frame_step (scalar),
//   window (frame_length) optional, frame_length (scalar) optional
//   -> output (batch, frames, bins, 2),
//   frames = 1 + (signal_length - frame_length) / frame_step,
//   bins = frame_length / 2 + 1 when onesided (default 1), else frame_length.
//   Frame f is signal[f * frame_step, f * frame_step + frame_length) times the window
//   (ones when absent), transformed by a frame_length-point DFT (kernels/signal/dft.h).
//   frame_length defaults to the window's length, else to signal_length.
// Types: float, double, float16, bfloat16 (computed in double); frame_step and frame_length
// int32/int64. The output shape needs frame_step/frame_length data (deferred otherwise).
#include "kernels/signal/dft.h"
#include "ops/common/dispatch.h"
#include "ops/signal/signal_ops.h"

namespace onnxi {
namespace {

Status ReadScalarInt(const Tensor& t, int index, const char* name, int64_t* out) {
  ONNXI_RETURN_IF_ERROR(CheckInputType(index, t.dtype(), {DataType::kInt32, DataType::kInt64}));
  if (t.num_elements() != 1 || t.rank() > 1) {
    return Status::InvalidArgument(StrCat(name, " (input ", index, ") must be a scalar, got shape ",
                                          ShapeToString(t.shape())));
  }
  *out = t.IntAt(0);
  return Status::Ok();
}

class StftOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    onesided_ = node.GetInt("onesided", 1) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    const Shape& in = ctx.input_shape(0);
    if (in.size() != 3 || (in[2] != 1 && in[2] != 2)) {
      return Status::InvalidArgument(StrCat(
          "signal must have shape (batch, signal_length, 1 or 2), got ", ShapeToString(in)));
    }
    if (!ctx.has_input(1)) return Status::InvalidModel("input 1 (frame_step) is required");
    int64_t window_len = -1;
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != dt) {
        return Status::InvalidArgument(StrCat("window has element type ",
                                              DataTypeName(ctx.input_dtype(2)),
                                              ", the signal ", DataTypeName(dt)));
      }
      if (ctx.input_rank(2) != 1) {
        return Status::InvalidArgument(
            StrCat("window must be 1-D, got shape ", ShapeToString(ctx.input_shape(2))));
      }
      window_len = ctx.input_shape(2)[0];
    }
    const Tensor* step_t = ctx.input_data(1);
    if (step_t == nullptr) return Status::Deferred();
    int64_t step = 0;
    ONNXI_RETURN_IF_ERROR(ReadScalarInt(*step_t, 1, "frame_step", &step));
    int64_t frame_len = window_len >= 0 ? window_len : in[1];
    if (ctx.has_input(3)) {
      const Tensor* fl = ctx.input_data(3);
      if (fl == nullptr) return Status::Deferred();
      ONNXI_RETURN_IF_ERROR(ReadScalarInt(*fl, 3, "frame_length", &frame_len));
      if (window_len >= 0 && frame_len != window_len) {
        return Status::InvalidArgument(StrCat("frame_length ", frame_len,
                                              " differs from the window's length ", window_len));
      }
    }
    if (step < 1) return Status::InvalidArgument(StrCat("frame_step must be >= 1, got ", step));
    if (frame_len < 1 || frame_len > in[1]) {
      return Status::InvalidArgument(StrCat("frame_length ", frame_len,
                                            " must be in [1, signal_length = ", in[1], "]"));
    }
    p_.batch = in[0];
    p_.signal_len = in[1];
    p_.in_comp = in[2];
    p_.step = step;
    p_.frame_len = frame_len;
    p_.frames = 1 + (in[1] - frame_len) / step;
    p_.out_bins = onesided_ ? frame_len / 2 + 1 : frame_len;
    ctx.SetOutput(0, dt, {p_.batch, p_.frames, p_.out_bins, 2});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor* w = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::StftRef<T>(x.data<T>(), w != nullptr ? w->data<T>() : nullptr, y.data<T>(), p_);
    });
  }

 private:
  bool onesided_ = true;
  kernels::StftParams p_;
};

}  // namespace

std::unique_ptr<Op> MakeStftOp() { return std::make_unique<StftOp>(); }

}  // namespace onnxi
