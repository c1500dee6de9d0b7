// Registration list of the ops in ops/elementwise/: every since_version the ONNX spec defines
// for each op up to opset 25 (versions whose only change is a new element type included, so
// that the op knows which type rules apply), plus the newer BitCast-26 and SwiGLU-28.
// Sorted by op name.
#include "ops/elementwise/elementwise_ops.h"
#include "ops/registry.h"

namespace onnxi {
namespace {

using kernels::UnaryKind;

template <UnaryKind K>
std::unique_ptr<Op> Unary() {
  return MakeUnaryOp(K);
}

}  // namespace

void RegisterElementwiseOps(OpList& list) {
  list.Add("Abs", {1, 6, 13}, Unary<UnaryKind::kAbs>);
  list.Add("Acos", {7, 22}, Unary<UnaryKind::kAcos>);
  list.Add("Acosh", {9, 22}, Unary<UnaryKind::kAcosh>);
  list.Add("Asin", {7, 22}, Unary<UnaryKind::kAsin>);
  list.Add("Asinh", {9, 22}, Unary<UnaryKind::kAsinh>);
  list.Add("Atan", {7, 22}, Unary<UnaryKind::kAtan>);
  list.Add("Atanh", {9, 22}, Unary<UnaryKind::kAtanh>);
  list.Add("BitCast", {26}, MakeBitCastOp);
  list.Add("Cast", {1, 6, 9, 13, 19, 21, 23, 24, 25}, MakeCastOp);
  list.Add("CastLike", {15, 19, 21, 23, 24, 25}, MakeCastLikeOp);
  list.Add("Ceil", {1, 6, 13}, Unary<UnaryKind::kCeil>);
  list.Add("Celu", {12}, Unary<UnaryKind::kCelu>);
  list.Add("Clip", {1, 6, 11, 12, 13}, MakeClipOp);
  list.Add("Cos", {7, 22}, Unary<UnaryKind::kCos>);
  list.Add("Cosh", {9, 22}, Unary<UnaryKind::kCosh>);
  list.Add("Elu", {1, 6, 22}, Unary<UnaryKind::kElu>);
  list.Add("Erf", {9, 13}, Unary<UnaryKind::kErf>);
  list.Add("Exp", {1, 6, 13}, Unary<UnaryKind::kExp>);
  list.Add("Floor", {1, 6, 13}, Unary<UnaryKind::kFloor>);
  list.Add("Gelu", {20}, Unary<UnaryKind::kGelu>);
  list.Add("HardSigmoid", {1, 6, 22}, Unary<UnaryKind::kHardSigmoid>);
  list.Add("HardSwish", {14, 22}, Unary<UnaryKind::kHardSwish>);
  list.Add("IsInf", {10, 20}, MakeIsInfOp);
  list.Add("IsNaN", {9, 13, 20}, MakeIsNanOp);
  list.Add("LeakyRelu", {1, 6, 16}, Unary<UnaryKind::kLeakyRelu>);
  list.Add("Log", {1, 6, 13}, Unary<UnaryKind::kLog>);
  list.Add("Mish", {18, 22}, Unary<UnaryKind::kMish>);
  list.Add("Neg", {1, 6, 13}, Unary<UnaryKind::kNeg>);
  list.Add("Not", {1}, MakeNotOp);
  list.Add("Reciprocal", {1, 6, 13}, Unary<UnaryKind::kReciprocal>);
  list.Add("Relu", {1, 6, 13, 14}, Unary<UnaryKind::kRelu>);
  list.Add("Round", {11, 22}, Unary<UnaryKind::kRound>);
  list.Add("Selu", {1, 6, 22}, Unary<UnaryKind::kSelu>);
  list.Add("Shrink", {9}, Unary<UnaryKind::kShrink>);
  list.Add("Sigmoid", {1, 6, 13}, Unary<UnaryKind::kSigmoid>);
  list.Add("Sign", {9, 13}, Unary<UnaryKind::kSign>);
  list.Add("Sin", {7, 22}, Unary<UnaryKind::kSin>);
  list.Add("Sinh", {9, 22}, Unary<UnaryKind::kSinh>);
  list.Add("Softplus", {1, 22}, Unary<UnaryKind::kSoftplus>);
  list.Add("Softsign", {1, 22}, Unary<UnaryKind::kSoftsign>);
  list.Add("Sqrt", {1, 6, 13}, Unary<UnaryKind::kSqrt>);
  list.Add("SwiGLU", {28}, MakeSwiGluOp);
  list.Add("Swish", {24}, MakeSwishOp);
  list.Add("Tan", {7, 22}, Unary<UnaryKind::kTan>);
  list.Add("Tanh", {1, 6, 13}, Unary<UnaryKind::kTanh>);
  list.Add("ThresholdedRelu", {10, 22}, Unary<UnaryKind::kThresholdedRelu>);
  // Private ops: Gelu with Gelu-20's semantics (approximate "none" | "tanh"), the target of
  // the graph rewrite of the decomposed erf form.
  list.AddInDomain(kOnnxiDomain, "Gelu", {1}, Unary<UnaryKind::kGelu>);
}

}  // namespace onnxi
