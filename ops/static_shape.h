// Shapes known before any input is fed: what the graph rewrites need to prove that two
// tensors have the same shape (a residual Add) or that a tensor is 2-D (MatMul -> Gemm).
// Ops tell them through Op::InferStaticShapes (ops/op.h); runtime/rewrite/static_shapes.cc
// walks a graph asking each node's op.
//
// Dims are either concrete (>= 0) or symbols (<= -2): a symbol stands for one unknown size,
// and two dims are known equal only when they carry the same symbol. A dim that cannot be
// worked out gets a fresh symbol, so equal symbols are a proof of equal sizes, never a guess.
#pragma once

#include <cstdint>
#include <vector>

namespace onnxi {

struct StaticShape {
  bool known = false;
  std::vector<int64_t> dims;
  bool operator==(const StaticShape& o) const { return known && o.known && dims == o.dims; }
};

// Hands out fresh symbols -2, -3, ... for one graph.
class Symbols {
 public:
  int64_t Fresh() { return next_--; }

 private:
  int64_t next_ = -2;
};

// numpy broadcasting of two static shapes; a pair of different symbols (or a mismatch that a
// run would report) gives a fresh symbol.
std::vector<int64_t> BroadcastStatic(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                                     Symbols& symbols);

}  // namespace onnxi
