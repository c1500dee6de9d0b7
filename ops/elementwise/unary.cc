// Elementwise unary math and activations: Y = f(X), Y has X's shape and element type.
//
//   Abs Neg Exp Log Sqrt Reciprocal Floor Ceil Round Sign Erf, the trigonometric and
//   hyperbolic functions, and the activations Relu LeakyRelu Elu Selu Celu Sigmoid HardSigmoid
//   HardSwish Tanh Softplus Softsign ThresholdedRelu Shrink Mish Gelu. Formulas: see
//   kernels/elementwise/unary.h.
//
// Version rules (type constraints per since_version, from the ONNX operator changelog):
//   v1 ops carried `consumed_inputs` (ignored). bfloat16 arrives at 13 for the v13 ops, at 16
//   for LeakyRelu, at 22 for Round, the trigonometric/hyperbolic functions and the
//   activations updated in opset 22. Integer types: Abs/Neg from 6, Sign/Erf/Shrink always,
//   Relu from 14 (signed only).
//   Celu-12 allows float only; later data (opset 28) runs it on float16/bfloat16, so it
//   accepts all float types here.
// Gelu: approximate "none" or "tanh"; anything else is an invalid model. Gelu is also onnxi's
// private op ("ai.onnxi", 1) with Gelu-20's contract, which a graph rewrite puts in place of
// the decomposed x * 0.5 * (1 + Erf(x / sqrt 2)) of older models.
// float32 with a SIMD Isa runs the kernels of kernels/elementwise/vunary.h (accuracy stated
// in vmath_impl.h) in fixed blocks of kBlock elements over the session's threads; every other
// case, and Isa kReference, runs the reference UnaryRef.
#include <string>
#include <vector>

#include "kernels/cpu/parallel.h"
#include "kernels/elementwise/unary.h"
#include "kernels/elementwise/vunary.h"
#include "ops/common/dispatch.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

using kernels::UnaryKind;

// Elements per parallel block: fixed, so each output is computed by the same code whatever the
// thread count (not that it matters for elementwise math, but the rule is simple to keep).
constexpr int64_t kBlock = 16384;

const std::vector<DataType> kF3 = {DataType::kFloat, DataType::kDouble, DataType::kFloat16};
const std::vector<DataType> kF4 = {DataType::kFloat, DataType::kDouble, DataType::kFloat16,
                                   DataType::kBfloat16};
const std::vector<DataType> kSignedInts = {DataType::kInt8, DataType::kInt16, DataType::kInt32,
                                           DataType::kInt64};
const std::vector<DataType> kUnsignedInts = {DataType::kUint8, DataType::kUint16,
                                             DataType::kUint32, DataType::kUint64};

std::vector<DataType> Join(std::vector<DataType> a, const std::vector<DataType>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The element types the spec allows for `kind` at registry version `v`.
std::vector<DataType> AllowedTypes(UnaryKind kind, int v) {
  switch (kind) {
    case UnaryKind::kAbs:
      if (v < 6) return kF3;
      return Join(Join(v < 13 ? kF3 : kF4, kSignedInts), kUnsignedInts);
    case UnaryKind::kNeg:
      if (v < 6) return kF3;
      return Join(v < 13 ? kF3 : kF4, kSignedInts);
    case UnaryKind::kSign:
    case UnaryKind::kErf:
      return Join(Join(v < 13 ? kF3 : kF4, kSignedInts), kUnsignedInts);
    case UnaryKind::kShrink:
      return Join(Join(kF3, kSignedInts), kUnsignedInts);
    case UnaryKind::kRelu:
      if (v < 13) return kF3;
      return v < 14 ? kF4 : Join(kF4, kSignedInts);
    case UnaryKind::kExp:
    case UnaryKind::kLog:
    case UnaryKind::kSqrt:
    case UnaryKind::kReciprocal:
    case UnaryKind::kFloor:
    case UnaryKind::kCeil:
    case UnaryKind::kSigmoid:
    case UnaryKind::kTanh:
      return v < 13 ? kF3 : kF4;
    case UnaryKind::kLeakyRelu:
      return v < 16 ? kF3 : kF4;
    case UnaryKind::kCelu:
    case UnaryKind::kGelu:
    case UnaryKind::kGeluTanh:
      return kF4;
    default:  // Round, trigonometric, hyperbolic and the opset-22 activations
      return v < 22 ? kF3 : kF4;
  }
}

std::string TypeList(const std::vector<DataType>& types) {
  std::string s;
  for (DataType t : types) s += (s.empty() ? "" : ", ") + DataTypeName(t);
  return s;
}

class UnaryOp : public Op {
 public:
  explicit UnaryOp(UnaryKind kind) : kind_(kind) {}

  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    switch (kind_) {
      case UnaryKind::kLeakyRelu: params_.alpha = node.GetFloat("alpha", 0.01f); break;
      case UnaryKind::kElu:
      case UnaryKind::kCelu:
      case UnaryKind::kThresholdedRelu: params_.alpha = node.GetFloat("alpha", 1.0f); break;
      case UnaryKind::kSelu:
        params_.alpha = node.GetFloat("alpha", 1.67326319217681884765625f);
        params_.gamma = node.GetFloat("gamma", 1.05070102214813232421875f);
        break;
      case UnaryKind::kHardSigmoid:
        params_.alpha = node.GetFloat("alpha", 0.2f);
        params_.beta = node.GetFloat("beta", 0.5f);
        break;
      case UnaryKind::kShrink:
        params_.bias = node.GetFloat("bias", 0.0f);
        params_.lambd = node.GetFloat("lambd", 0.5f);
        break;
      case UnaryKind::kGelu: {
        std::string approximate = node.GetString("approximate", "none");
        if (approximate == "tanh") {
          kind_ = UnaryKind::kGeluTanh;
        } else if (approximate != "none") {
          node.Fail(Status::InvalidModel(StrCat("approximate is '", approximate,
                                                "'; expected 'none' or 'tanh'")));
        }
        break;
      }
      default: break;
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
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is missing");
    DataType t = ctx.input_dtype(0);
    std::vector<DataType> allowed = AllowedTypes(kind_, since_version_);
    bool ok = false;
    for (DataType a : allowed) ok = ok || a == t;
    if (!ok) {
      return Status::InvalidModel(StrCat("input 0 has element type ", DataTypeName(t),
                                         "; expected one of ", TypeList(allowed)));
    }
    ctx.SetOutput(0, t, ctx.input_shape(0));
    simd_ = t == DataType::kFloat ? kernels::GetVUnaryF32(kind_, ctx.isa) : nullptr;
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t n = x.num_elements();
    if (simd_ != nullptr && x.dtype() == DataType::kFloat) {
      const float* px = x.data<float>();
      float* py = y.data<float>();
      kernels::ParallelFor(n, kBlock, [&](int64_t b, int64_t e) {
        simd_(px + b, py + b, e - b, params_);
      });
      return Status::Ok();
    }
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) {  // Prepare admits no bool
        kernels::UnaryRef<T>(kind_, params_, x.data<T>(), y.data<T>(), n);
      }
    });
  }

 private:
  UnaryKind kind_;
  int since_version_ = 0;
  kernels::UnaryParams params_;
  kernels::VUnaryFn simd_ = nullptr;
};

}  // namespace

std::unique_ptr<Op> MakeUnaryOp(UnaryKind kind) { return std::make_unique<UnaryOp>(kind); }

}  // namespace onnxi
