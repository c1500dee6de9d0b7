// The activation a graph rewrite (runtime/rewrite/) fused into onnxi's private ops
// FusedConv, FusedGemm and FusedMatMul (domain "ai.onnxi", version 1). Attributes:
//   activation        "Relu" | "LeakyRelu" | "Clip" | "Sigmoid" | "HardSigmoid" | "Tanh" |
//                     "Silu" | "Gelu"; absent or "" = none
//   activation_alpha  LeakyRelu's alpha, Clip's lower bound, HardSigmoid's alpha
//   activation_beta   Clip's upper bound, HardSigmoid's beta
// Defaults follow the ONNX ops the rewrite took them from (LeakyRelu 0.01, HardSigmoid 0.2 /
// 0.5, Clip -inf / +inf). An op with several fused stages names each stage's three
// attributes with a prefix (InvertedBottleneck: "expand_activation", ...).
#pragma once

#include <limits>
#include <string>

#include "kernels/elementwise/activation.h"
#include "ops/node_view.h"

namespace onnxi {

inline kernels::Activation ReadFusedActivation(const NodeView& node,
                                               const std::string& prefix = "") {
  using Kind = kernels::Activation::Kind;
  kernels::Activation act;
  const std::string name = node.GetString(prefix + "activation", "");
  float alpha = 0, beta = 0;
  if (name.empty()) {
    act.kind = Kind::kNone;
  } else if (name == "Relu") {
    act.kind = Kind::kRelu;
  } else if (name == "LeakyRelu") {
    act.kind = Kind::kLeakyRelu;
    alpha = 0.01f;
  } else if (name == "Clip") {
    act.kind = Kind::kClip;
    alpha = -std::numeric_limits<float>::infinity();
    beta = std::numeric_limits<float>::infinity();
  } else if (name == "Sigmoid") {
    act.kind = Kind::kSigmoid;
  } else if (name == "HardSigmoid") {
    act.kind = Kind::kHardSigmoid;
    alpha = 0.2f;
    beta = 0.5f;
  } else if (name == "Tanh") {
    act.kind = Kind::kTanh;
  } else if (name == "Silu") {
    act.kind = Kind::kSilu;
  } else if (name == "Gelu") {
    act.kind = Kind::kGelu;
  } else {
    node.Fail(Status::InvalidModel(StrCat("unknown fused activation '", name, "' in ", prefix,
                                          "activation")));
  }
  act.alpha = node.GetFloat(prefix + "activation_alpha", alpha);
  act.beta = node.GetFloat(prefix + "activation_beta", beta);
  return act;
}

}  // namespace onnxi
