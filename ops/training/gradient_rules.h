// Derivative rules for reverse-mode differentiation of a graph (used by runtime/autodiff.cc to
// expand ai.onnx.preview.training Gradient nodes at load).
//
// A rule sees one forward node by value names (inputs, outputs, attributes) together with
// the names of dL/d(output) for its outputs, and emits the backward nodes computing
// dL/d(input) through a GradientBuilder. It returns one name per forward input: the value
// holding that input's gradient contribution, or "" when none is needed or exists.
// Contributions to an input that the forward op broadcast are summed back to its shape with
// onnxi's private op SumToShapeOf (ops/training/gradient_ops.h), so every returned gradient
// has its input's shape.
//
// Rules exist for Add, Sub, Mul, Div, Neg and Identity (default domain, every opset from 7,
// where broadcasting is numpy style). Other ops have none: FindGradientRule returns nullptr.
#pragma once

#include <string>
#include <vector>

#include "onnxi/status.h"
#include "ops/node_view.h"

namespace onnxi {

// Where the backward nodes go. Emit adds one node with a single output and returns that
// output's (new, unique) value name; when `output` is given the node writes that name instead.
class GradientBuilder {
 public:
  virtual ~GradientBuilder() = default;
  virtual std::string Emit(const std::string& domain, const std::string& op_type,
                           std::vector<std::string> inputs, std::vector<Attribute> attrs,
                           const std::string& output = "") = 0;
};

// One forward node as a rule sees it.
struct ForwardNode {
  std::string name;  // for messages
  std::string op_type;
  std::string domain;
  std::vector<std::string> inputs;  // "" = omitted optional input
  std::vector<std::string> outputs;
  const std::vector<Attribute>* attributes = nullptr;
  std::vector<std::string> output_grads;  // dL/d(outputs[i]), "" when none flows back
  std::vector<bool> needs_grad;           // per input: whether its gradient is wanted
};

using GradientFn = Status (*)(const ForwardNode& node, GradientBuilder& b,
                              std::vector<std::string>* input_grads);

struct GradientRule {
  const char* domain;
  const char* op_type;
  GradientFn fn;
};

// The rule for (domain, op_type), or nullptr.
const GradientRule* FindGradientRule(const std::string& domain, const std::string& op_type);

// Helpers so that the differentiation driver needs no op names of its own:
// the seed dL/dy = ones of y's shape (L = sum(y)),
std::string EmitOnesLike(GradientBuilder& b, const std::string& like);
// a zero gradient of x's shape (y does not depend on x),
std::string EmitZerosLike(GradientBuilder& b, const std::string& like);
// the sum of two gradient contributions of the same shape,
std::string EmitGradientSum(GradientBuilder& b, const std::string& a, const std::string& c);
// and a copy of a gradient into a requested output name.
void EmitGradientOutput(GradientBuilder& b, const std::string& grad, const std::string& output);

}  // namespace onnxi
