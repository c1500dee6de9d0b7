// Not, IsNaN, IsInf: elementwise tests; Y has X's shape, element type bool.
//
//   Not(X: bool)             Y = !X                                         (v1)
//   IsNaN(X)                 Y = isnan(X)     T: float16/float/double (v9), +bfloat16 (v13)
//   IsInf(X)                 Y = X == +inf && detect_positive || X == -inf && detect_negative
//                            T: float/double (v10), +float16/bfloat16 (v20)
//   v20 (IsNaN and IsInf): + float8e4m3fn/e4m3fnuz/e5m2/e5m2fnuz, decoded through float
#include "kernels/elementwise/unary.h"
#include "kernels/elementwise/unary_cast_narrow.h"
#include "ops/common/dispatch.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

bool Float8TypeOf(DataType t, kernels::NarrowType* out) {
  using kernels::NarrowType;
  switch (t) {
    case DataType::kFloat8e4m3fn: *out = NarrowType::kFloat8E4M3FN; return true;
    case DataType::kFloat8e4m3fnuz: *out = NarrowType::kFloat8E4M3FNUZ; return true;
    case DataType::kFloat8e5m2: *out = NarrowType::kFloat8E5M2; return true;
    case DataType::kFloat8e5m2fnuz: *out = NarrowType::kFloat8E5M2FNUZ; return true;
    default: return false;
  }
}

class PredicateOp : public Op {
 public:
  enum class Kind { kNot, kIsNan, kIsInf };
  explicit PredicateOp(Kind kind) : kind_(kind) {}

  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    if (kind_ == Kind::kIsInf) {
      detect_positive_ = node.GetInt("detect_positive", 1) != 0;
      detect_negative_ = node.GetInt("detect_negative", 1) != 0;
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is missing");
    DataType t = ctx.input_dtype(0);
    kernels::NarrowType f8;
    if (kind_ != Kind::kNot && since_version_ >= 20 && Float8TypeOf(t, &f8)) {
      ctx.SetOutput(0, DataType::kBool, ctx.input_shape(0));
      return Status::Ok();
    }
    switch (kind_) {
      case Kind::kNot:
        ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, {DataType::kBool}));
        break;
      case Kind::kIsNan:
        if (since_version_ < 13) {
          ONNXI_RETURN_IF_ERROR(
              CheckInputType(0, t, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
        } else {
          ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, kFloatTypes));
        }
        break;
      case Kind::kIsInf:
        if (since_version_ < 20) {
          ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, {DataType::kFloat, DataType::kDouble}));
        } else {
          ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, kFloatTypes));
        }
        break;
    }
    ctx.SetOutput(0, DataType::kBool, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    bool* y = ctx.output(0).data<bool>();
    const int64_t n = x.num_elements();
    if (kind_ == Kind::kNot) {
      kernels::NotRef(x.data<bool>(), y, n);
      return Status::Ok();
    }
    kernels::NarrowType f8;
    if (Float8TypeOf(x.dtype(), &f8)) {
      if (kind_ == Kind::kIsNan) {
        kernels::NarrowIsNanRef(x.data<uint8_t>(), f8, y, n);
      } else {
        kernels::NarrowIsInfRef(x.data<uint8_t>(), f8, y, n, detect_positive_, detect_negative_);
      }
      return Status::Ok();
    }
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if (kind_ == Kind::kIsNan) {
        kernels::IsNanRef(x.data<T>(), y, n);
      } else {
        kernels::IsInfRef(x.data<T>(), y, n, detect_positive_, detect_negative_);
      }
    });
  }

 private:
  Kind kind_;
  int since_version_ = 0;
  bool detect_positive_ = true;
  bool detect_negative_ = true;
};

}  // namespace

std::unique_ptr<Op> MakeNotOp() { return std::make_unique<PredicateOp>(PredicateOp::Kind::kNot); }
std::unique_ptr<Op> MakeIsNanOp() {
  return std::make_unique<PredicateOp>(PredicateOp::Kind::kIsNan);
}
std::unique_ptr<Op> MakeIsInfOp() {
  return std::make_unique<PredicateOp>(PredicateOp::Kind::kIsInf);
}

}  // namespace onnxi
