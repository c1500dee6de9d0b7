// QuantizeLinear, DequantizeLinear (opsets 10, 13, 19, 21, 23, 24, 25) and
// DynamicQuantizeLinear (11).
//
// QuantizeLinear:   y = saturate(rint(x / y_scale) + y_zero_point); y has x's shape and the
//                   zero point's type (else output_dtype, else uint8).
// DequantizeLinear: y = (x - x_zero_point) * x_scale; y has x's shape and x_scale's type
//                   (else output_dtype from opset 23).
// Granularity by the scale's shape: per-tensor (scalar / one element), per-axis (1-D along
// `axis`, opset 13+), blocked (x's rank, opset 21+, block_size); the zero point has the
// scale's shape. Quantized types: uint8/int8, uint16/int16 (21+), int32 (dequantize only),
// uint4/int4 (21+), uint2/int2 (25), the float8 types (19+; `saturate` applies) and float4e2m1
// (23+). The quotient x / scale is computed in float, rounded to float16/bfloat16 when
// `precision` (or both x and scale) say so. float8e8m0 and the float6 types are not supported.
// DynamicQuantizeLinear: x float32 -> y uint8, y_scale float32 scalar, y_zero_point uint8
// scalar (formula in kernels/quantization/quantize.h).
#include "kernels/quantization/quantize.h"
#include "ops/common/dispatch.h"
#include "ops/op.h"
#include "ops/quantization/quant_ops.h"
#include "ops/quantization/quant_util.h"

namespace onnxi {
namespace {

using kernels::QuantCode;

constexpr std::initializer_list<DataType> kScaleTypes = {DataType::kFloat, DataType::kFloat16,
                                                         DataType::kBfloat16};

Status CheckZeroPoint(const PrepareContext& ctx, DataType want_dtype, const char* name) {
  if (!ctx.has_input(2)) return Status::Ok();
  const Shape& zs = ctx.input_shape(2);
  const Shape& ss = ctx.input_shape(1);
  const bool both_single = NumElements(zs) == 1 && NumElements(ss) == 1 && zs.size() <= 1 &&
                           ss.size() <= 1;  // [] and [1] both mean per-tensor
  if (zs != ss && !both_single) {
    return Status::InvalidArgument(StrCat(name, " has shape ", ShapeToString(ctx.input_shape(2)),
                                          " but the scale has shape ",
                                          ShapeToString(ctx.input_shape(1))));
  }
  if (ctx.input_dtype(2) != want_dtype) {
    return Status::InvalidModel(StrCat(name, " has element type ", DataTypeName(ctx.input_dtype(2)),
                                       "; expected ", DataTypeName(want_dtype)));
  }
  return Status::Ok();
}

class QuantizeLinearOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    axis_ = node.GetInt("axis", 1);
    saturate_ = node.GetInt("saturate", 1) != 0;
    block_size_ = node.GetInt("block_size", 0);
    output_dtype_ = static_cast<DataType>(node.GetInt("output_dtype", 0));
    precision_ = static_cast<DataType>(node.GetInt("precision", 0));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType xt = ctx.input_dtype(0), st = ctx.input_dtype(1);
    ONNXI_RETURN_IF_ERROR(CheckInputType(
        0, xt, {DataType::kFloat, DataType::kFloat16, DataType::kBfloat16, DataType::kInt32}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, st, kScaleTypes));
    DataType yt = output_dtype_ != DataType::kUndefined ? output_dtype_ : DataType::kUint8;
    if (ctx.has_input(2)) {
      if (output_dtype_ != DataType::kUndefined && output_dtype_ != ctx.input_dtype(2)) {
        return Status::InvalidModel(StrCat("output_dtype ", DataTypeName(output_dtype_),
                                           " differs from y_zero_point's type ",
                                           DataTypeName(ctx.input_dtype(2))));
      }
      yt = ctx.input_dtype(2);
    }
    if (yt == DataType::kInt32) {
      return Status::Unsupported("quantizing to int32 is not defined by QuantizeLinear");
    }
    ONNXI_ASSIGN_OR_RETURN(code_, QuantCodeOf(yt));
    ONNXI_RETURN_IF_ERROR(CheckZeroPoint(ctx, yt, "y_zero_point"));
    ONNXI_ASSIGN_OR_RETURN(layout_, ResolveQuantLayout(ctx.input_shape(0), ctx.input_shape(1),
                                                       axis_, block_size_, since_ >= 21));
    precision_kind_ = kernels::QuantPrecision::kFloat;
    DataType p = precision_;
    if (p == DataType::kUndefined && xt == st) p = st;
    if (p == DataType::kFloat16) precision_kind_ = kernels::QuantPrecision::kFloat16;
    if (p == DataType::kBfloat16) precision_kind_ = kernels::QuantPrecision::kBFloat16;
    ctx.SetOutput(0, yt, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& s = ctx.input(1);
    const void* zp = ctx.has_input(2) ? ctx.input(2).raw_data() : nullptr;
    void* y = ctx.output(0).raw_data();
    Status st = Status::Ok();
    auto with_scale = [&](auto xtag) {
      using X = typename decltype(xtag)::type;
      st = VisitFloatType(s.dtype(), [&](auto stag) {
        using S = typename decltype(stag)::type;
        if constexpr (!std::is_same_v<S, double>) {
          kernels::QuantizeLinearRef<X, S>(x.data<X>(), s.data<S>(), zp, code_, layout_, saturate_,
                                           precision_kind_, y);
        }
      });
    };
    switch (x.dtype()) {
      case DataType::kFloat:
        with_scale(Tag<float>{});
        break;
      case DataType::kFloat16:
        with_scale(Tag<Float16>{});
        break;
      case DataType::kBfloat16:
        with_scale(Tag<BFloat16>{});
        break;
      case DataType::kInt32:
        with_scale(Tag<int32_t>{});
        break;
      default:
        return Status::Unsupported("x element type is not supported");
    }
    return st;
  }

 private:
  int since_ = 0;
  int64_t axis_ = 1, block_size_ = 0;
  bool saturate_ = true;
  DataType output_dtype_ = DataType::kUndefined, precision_ = DataType::kUndefined;
  QuantCode code_ = QuantCode::kUint8;
  kernels::QuantLayout layout_;
  kernels::QuantPrecision precision_kind_ = kernels::QuantPrecision::kFloat;
};

class DequantizeLinearOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_ = node.since_version();
    axis_ = node.GetInt("axis", 1);
    block_size_ = node.GetInt("block_size", 0);
    output_dtype_ = static_cast<DataType>(node.GetInt("output_dtype", 0));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType xt = ctx.input_dtype(0), st = ctx.input_dtype(1);
    ONNXI_ASSIGN_OR_RETURN(code_, QuantCodeOf(xt));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, st, kScaleTypes));
    ONNXI_RETURN_IF_ERROR(CheckZeroPoint(ctx, xt, "x_zero_point"));
    const DataType yt = output_dtype_ != DataType::kUndefined ? output_dtype_ : st;
    if (!IsOneOf(yt, kScaleTypes)) {
      return Status::InvalidModel(
          StrCat("output_dtype ", DataTypeName(yt), " is not float, float16 or bfloat16"));
    }
    ONNXI_ASSIGN_OR_RETURN(layout_, ResolveQuantLayout(ctx.input_shape(0), ctx.input_shape(1),
                                                       axis_, block_size_, since_ >= 21));
    ctx.SetOutput(0, yt, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& s = ctx.input(1);
    const void* x = ctx.input(0).raw_data();
    const void* zp = ctx.has_input(2) ? ctx.input(2).raw_data() : nullptr;
    Tensor& y = ctx.output(0);
    Status inner = Status::Ok();
    Status outer = VisitFloatType(s.dtype(), [&](auto stag) {
      using S = typename decltype(stag)::type;
      inner = VisitFloatType(y.dtype(), [&](auto ytag) {
        using Y = typename decltype(ytag)::type;
        if constexpr (!std::is_same_v<S, double> && !std::is_same_v<Y, double>) {
          kernels::DequantizeLinearRef<S, Y>(x, code_, s.data<S>(), zp, layout_, y.data<Y>());
        }
      });
    });
    ONNXI_RETURN_IF_ERROR(outer);
    return inner;
  }

 private:
  int since_ = 0;
  int64_t axis_ = 1, block_size_ = 0;
  DataType output_dtype_ = DataType::kUndefined;
  QuantCode code_ = QuantCode::kUint8;
  kernels::QuantLayout layout_;
};

class DynamicQuantizeLinearOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kFloat}));
    ctx.SetOutput(0, DataType::kUint8, ctx.input_shape(0));
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, DataType::kFloat, {});
    if (ctx.num_outputs() > 2) ctx.SetOutput(2, DataType::kUint8, {});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    float scale = 0;
    uint8_t zp = 0;
    kernels::DynamicQuantizeLinearRef(x.data<float>(), x.num_elements(),
                                      ctx.output(0).data<uint8_t>(), &scale, &zp);
    if (ctx.has_output(1)) *ctx.output(1).data<float>() = scale;
    if (ctx.has_output(2)) *ctx.output(2).data<uint8_t>() = zp;
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Op> MakeQuantizeLinearOp() { return std::make_unique<QuantizeLinearOp>(); }
std::unique_ptr<Op> MakeDequantizeLinearOp() { return std::make_unique<DequantizeLinearOp>(); }
std::unique_ptr<Op> MakeDynamicQuantizeLinearOp() {
  return std::make_unique<DynamicQuantizeLinearOp>();
}

}  // namespace onnxi
