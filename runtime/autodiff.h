// Load-time reverse-mode differentiation: expands every ai.onnx.preview.training Gradient node
// of the main graph into ordinary nodes computing the same gradients.
//
// Gradient(xs..., zs...) with attributes xs, zs (optional) and y outputs dy/dx for each x,
// where y is treated as L = sum(y) (the seed dL/dy is all ones of y's shape) and zs are held
// constant. The forward nodes on paths from xs to y are walked in reverse topological order;
// each one's derivative rule (ops/training/gradient_rules.h) emits backward nodes, several
// contributions to a value are added, and each requested output receives its x's total
// gradient (zeros of x's shape when y does not depend on x). The Gradient node is removed,
// domain "ai.onnxi" (the private helper ops) is imported at version 1, and the graph is put
// back in topological order.
//
// Not supported: Gradient inside subgraphs, forward ops without a rule (an error naming the op
// and node), gradients flowing through subgraph-carrying ops or through another Gradient.
#pragma once

#include "onnxi/status.h"
#include "ir/graph.h"

namespace onnxi {

Status ExpandGradients(Model& model);

}  // namespace onnxi
