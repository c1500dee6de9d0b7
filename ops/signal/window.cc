// HannWindow, HammingWindow, BlackmanWindow and MelWeightMatrix (all opset 17).
//
//   *Window: size (int32/int64 scalar) -> y (size), generalized cosine window with the
//     coefficients of kernels/signal/window.h; periodic (default 1) or symmetric.
//   MelWeightMatrix: num_mel_bins, dft_length, sample_rate (int32/int64 scalars),
//     lower_edge_hertz, upper_edge_hertz (float scalars) -> y (dft_length / 2 + 1, num_mel_bins)
//     of triangular filters (kernels/signal/window.h).
// output_datatype (default 1 = float) may be any numeric type except bool. The output shape
// depends on input data, so Prepare defers until it is known.
#include "kernels/signal/window.h"
#include "ops/common/dispatch.h"
#include "ops/signal/signal_ops.h"

namespace onnxi {
namespace {

constexpr std::initializer_list<DataType> kWindowOutputTypes = {
    DataType::kUint8,  DataType::kUint16,  DataType::kUint32, DataType::kUint64,
    DataType::kInt8,   DataType::kInt16,   DataType::kInt32,  DataType::kInt64,
    DataType::kFloat16, DataType::kFloat,  DataType::kDouble, DataType::kBfloat16};

Status ReadOutputType(const NodeView& node, DataType* out) {
  const int64_t t = node.GetInt("output_datatype", 1);
  *out = static_cast<DataType>(t);
  if (!IsOneOf(*out, kWindowOutputTypes)) {
    return Status::InvalidModel(StrCat("output_datatype ", t, " is not a numeric type (",
                                       "bool, string and complex are not allowed)"));
  }
  return Status::Ok();
}

Status ReadIntScalar(const Tensor& t, int index, const char* name, int64_t* v) {
  ONNXI_RETURN_IF_ERROR(CheckInputType(index, t.dtype(), {DataType::kInt32, DataType::kInt64}));
  if (t.num_elements() != 1 || t.rank() > 1) {
    return Status::InvalidArgument(StrCat(name, " (input ", index, ") must be a scalar, got shape ",
                                          ShapeToString(t.shape())));
  }
  *v = t.IntAt(0);
  return Status::Ok();
}

Status ReadFloatScalar(const Tensor& t, int index, const char* name, double* v) {
  ONNXI_RETURN_IF_ERROR(CheckInputType(index, t.dtype(), kFloatTypes));
  if (t.num_elements() != 1 || t.rank() > 1) {
    return Status::InvalidArgument(StrCat(name, " (input ", index, ") must be a scalar, got shape ",
                                          ShapeToString(t.shape())));
  }
  return VisitFloatType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    *v = kernels::SignalToDouble(t.data<T>()[0]);
  });
}

class CosineWindowOp : public Op {
 public:
  CosineWindowOp(double a0, double a1, double a2) {
    p_.a0 = a0;
    p_.a1 = a1;
    p_.a2 = a2;
  }

  Status Init(const NodeView& node) override {
    p_.periodic = node.GetInt("periodic", 1) != 0;
    node.Fail(ReadOutputType(node, &out_type_));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(0, ctx.input_dtype(0), {DataType::kInt32, DataType::kInt64}));
    const Tensor* s = ctx.input_data(0);
    if (s == nullptr) return Status::Deferred();
    ONNXI_RETURN_IF_ERROR(ReadIntScalar(*s, 0, "size", &p_.size));
    if (p_.size < 0) return Status::InvalidArgument(StrCat("size must be >= 0, got ", p_.size));
    ctx.SetOutput(0, out_type_, {p_.size});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    return VisitType(out_type_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) kernels::CosineWindowRef<T>(y.data<T>(), p_);
    });
  }

 private:
  DataType out_type_ = DataType::kFloat;
  kernels::CosineWindowParams p_;
};

class MelWeightMatrixOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    node.Fail(ReadOutputType(node, &out_type_));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(5));
    for (int i = 0; i < 5; ++i) {
      if (ctx.input_data(i) == nullptr) return Status::Deferred();
    }
    ONNXI_RETURN_IF_ERROR(ReadIntScalar(*ctx.input_data(0), 0, "num_mel_bins", &p_.num_mel_bins));
    ONNXI_RETURN_IF_ERROR(ReadIntScalar(*ctx.input_data(1), 1, "dft_length", &p_.dft_length));
    ONNXI_RETURN_IF_ERROR(ReadIntScalar(*ctx.input_data(2), 2, "sample_rate", &p_.sample_rate));
    ONNXI_RETURN_IF_ERROR(
        ReadFloatScalar(*ctx.input_data(3), 3, "lower_edge_hertz", &p_.lower_hz));
    ONNXI_RETURN_IF_ERROR(
        ReadFloatScalar(*ctx.input_data(4), 4, "upper_edge_hertz", &p_.upper_hz));
    if (ctx.input_dtype(3) != ctx.input_dtype(4)) {
      return Status::InvalidArgument("lower_edge_hertz and upper_edge_hertz differ in type");
    }
    if (p_.num_mel_bins < 1 || p_.dft_length < 1 || p_.sample_rate < 1) {
      return Status::InvalidArgument(StrCat(
          "num_mel_bins, dft_length and sample_rate must be >= 1, got ", p_.num_mel_bins, ", ",
          p_.dft_length, ", ", p_.sample_rate));
    }
    if (!(p_.lower_hz >= 0 && p_.lower_hz <= p_.upper_hz)) {
      return Status::InvalidArgument(StrCat("need 0 <= lower_edge_hertz <= upper_edge_hertz, got ",
                                            p_.lower_hz, " and ", p_.upper_hz));
    }
    ctx.SetOutput(0, out_type_, {p_.dft_length / 2 + 1, p_.num_mel_bins});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    return VisitType(out_type_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) kernels::MelWeightMatrixRef<T>(y.data<T>(), p_);
    });
  }

 private:
  DataType out_type_ = DataType::kFloat;
  kernels::MelParams p_;
};

}  // namespace

std::unique_ptr<Op> MakeHannWindowOp() {
  return std::make_unique<CosineWindowOp>(0.5, 0.5, 0.0);
}
std::unique_ptr<Op> MakeHammingWindowOp() {
  return std::make_unique<CosineWindowOp>(25.0 / 46.0, 21.0 / 46.0, 0.0);
}
std::unique_ptr<Op> MakeBlackmanWindowOp() {
  return std::make_unique<CosineWindowOp>(0.42, 0.5, 0.08);
}
std::unique_ptr<Op> MakeMelWeightMatrixOp() { return std::make_unique<MelWeightMatrixOp>(); }

}  // namespace onnxi
