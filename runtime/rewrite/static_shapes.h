// Shapes known at load, before any input is fed: what graph rewrites need to prove that two
// tensors have the same shape (a residual Add) or that a tensor is 2-D (MatMul -> Gemm).
//
// Dims are either concrete (>= 0) or symbols (<= -2): a symbol stands for one unknown size,
// and two dims are known equal only when they carry the same symbol. Every symbolic or
// unknown dim of a graph input gets its own fresh symbol (onnxi does not hold equally named
// dims equal), and a dim this code cannot work out gets a fresh one too, so equal symbols
// are a proof of equal sizes, never a guess.
//
// Propagated through: initializers, Constant, elementwise unary ops, binary broadcasting
// ops, Conv / FusedConv, MaxPool / AveragePool (ceil_mode 0), BatchNormalization, Gemm /
// FusedGemm, GlobalAveragePool/GlobalMaxPool. Anything else: unknown (known = false).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace onnxi {

struct StaticShape {
  bool known = false;
  std::vector<int64_t> dims;
  bool operator==(const StaticShape& o) const { return known && o.known && dims == o.dims; }
};

// One entry per value of g. trust_inputs: declared input dims hold at run time.
std::vector<StaticShape> InferStaticShapes(const Graph& g, bool trust_inputs);

}  // namespace onnxi
