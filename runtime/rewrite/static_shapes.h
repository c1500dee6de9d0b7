// Shapes known at load, before any input is fed (ops/static_shape.h says what they are): the
// graph rewrites' proof that two tensors have the same shape or that a tensor is 2-D.
//
// Every symbolic or unknown dim of a graph input gets its own fresh symbol (onnxi does not
// hold equally named dims equal); initializers that are not graph inputs are known; every
// node's outputs are what its op's Op::InferStaticShapes says, found through the registry as
// resolve would find it. This file knows no op by name: the shape rules live with the ops
// (Conv's and the pools' in ops/nn/window.h, the same code their Prepare runs).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/static_shape.h"

namespace onnxi {

// One entry per value of g. trust_inputs: declared input dims hold at run time.
std::vector<StaticShape> InferStaticShapes(const Graph& g, const std::map<std::string, int>& opsets,
                                           bool trust_inputs);

}  // namespace onnxi
