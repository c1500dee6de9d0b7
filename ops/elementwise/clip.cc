// Clip: Y = min(max(X, min), max) elementwise; Y has X's shape and type.
//
// Versions:
//   1, 6   min/max are float attributes (defaults: the float range); v1 also had
//          consumed_inputs (ignored). T: float16, float, double.
//   11     min/max are optional scalar inputs 1 and 2 of X's type; an omitted or empty-named
//          input means no bound (the type's lowest/max). T: float16, float, double.
//   12     T adds every integer type.   13: T adds bfloat16.
// min > max gives max everywhere (numpy.clip's order: max applied last). NaN stays NaN.
// A bound input must hold exactly one element (rank 0, or any shape of one element, which
// other runtimes accept too). float32 with a SIMD Isa: vunary.h's clip (same bits as ClipRef)
// in fixed blocks over the session's threads.
#include <limits>
#include <vector>

#include "kernels/cpu/parallel.h"
#include "kernels/elementwise/unary.h"
#include "kernels/elementwise/vunary.h"
#include "ops/common/dispatch.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

class ClipOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    if (since_version_ < 11) {
      attr_min_ = node.GetFloat("min", std::numeric_limits<float>::lowest());
      attr_max_ = node.GetFloat("max", std::numeric_limits<float>::max());
    }
    return node.status();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    if (in.empty() || out.empty()) return false;
    for (StaticShape& o : out) o = in[0];  // every output has X's shape
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (input) is missing");
    DataType t = ctx.input_dtype(0);
    if (since_version_ < 12) {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, t, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    } else if (since_version_ < 13) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(
          0, t,
          {DataType::kFloat, DataType::kDouble, DataType::kFloat16, DataType::kInt8,
           DataType::kInt16, DataType::kInt32, DataType::kInt64, DataType::kUint8,
           DataType::kUint16, DataType::kUint32, DataType::kUint64}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, kNumericTypes));
    }
    if (since_version_ >= 11) {
      for (int i = 1; i <= 2 && i < ctx.num_inputs(); ++i) {
        if (!ctx.has_input(i)) continue;
        const char* name = i == 1 ? "min" : "max";
        if (ctx.input_dtype(i) != t) {
          return Status::InvalidModel(StrCat("input ", i, " (", name, ") has element type ",
                                             DataTypeName(ctx.input_dtype(i)),
                                             "; expected the input's ", DataTypeName(t)));
        }
        if (NumElements(ctx.input_shape(i)) != 1) {
          return Status::InvalidModel(StrCat("input ", i, " (", name,
                                             ") must be a scalar; its shape is ",
                                             ShapeToString(ctx.input_shape(i))));
        }
      }
    }
    ctx.SetOutput(0, t, ctx.input_shape(0));
    simd_ = t == DataType::kFloat ? kernels::GetVClipF32(ctx.isa) : nullptr;
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const bool has_min = since_version_ >= 11 && ctx.has_input(1);
    const bool has_max = since_version_ >= 11 && ctx.has_input(2);
    if (has_min && ctx.input(1).num_elements() != 1) {
      return Status::InvalidArgument("input 1 (min) must hold one element");
    }
    if (has_max && ctx.input(2).num_elements() != 1) {
      return Status::InvalidArgument("input 2 (max) must hold one element");
    }
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) {  // Prepare admits no bool
        T lo, hi;
        if (since_version_ < 11) {
          lo = static_cast<T>(attr_min_);
          hi = static_cast<T>(attr_max_);
        } else {
          using C = typename ComputeType<T>::type;
          lo = has_min ? ctx.input(1).data<T>()[0]
                       : static_cast<T>(std::numeric_limits<C>::has_infinity
                                            ? -std::numeric_limits<C>::infinity()
                                            : std::numeric_limits<C>::lowest());
          hi = has_max ? ctx.input(2).data<T>()[0]
                       : static_cast<T>(std::numeric_limits<C>::has_infinity
                                            ? std::numeric_limits<C>::infinity()
                                            : std::numeric_limits<C>::max());
        }
        if constexpr (std::is_same_v<T, float>) {
          if (simd_ != nullptr) {
            const float* px = x.data<float>();
            float* py = y.data<float>();
            kernels::ParallelFor(x.num_elements(), 16384, [&](int64_t b, int64_t e) {
              simd_(px + b, py + b, e - b, lo, hi);
            });
            return;
          }
        }
        kernels::ClipRef<T>(x.data<T>(), y.data<T>(), x.num_elements(), lo, hi);
      }
    });
  }

 private:
  int since_version_ = 0;
  float attr_min_ = 0;
  float attr_max_ = 0;
  kernels::VClipFn simd_ = nullptr;
};

}  // namespace

std::unique_ptr<Op> MakeClipOp() { return std::make_unique<ClipOp>(); }

}  // namespace onnxi
