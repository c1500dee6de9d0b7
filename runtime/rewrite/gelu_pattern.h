// The exact Gelu as exporters spell it out, matched from its input x:
//   d = Div(x, sqrt(2))  or  Mul(x, 1/sqrt(2))      (the constant within 1e-6)
//   p = Add(Erf(d), 1)
//   y = Mul(Mul(x, p), 0.5)  or  Mul(Mul(x, 0.5), p)  or  Mul(x, Mul(p, 0.5))
// with operands of Add/Mul in either order and every constant a float32 scalar. y is
// x * Phi(x) = Gelu(x) (ONNX Gelu-20, approximate "none").
#pragma once

#include <vector>

#include "runtime/rewrite/rewrite_state.h"

namespace onnxi {

struct GeluMatch {
  std::vector<int> nodes;        // every node of the pattern
  std::vector<int> x_consumers;  // the two of them that read x
  int output = -1;               // y
  int last = -1;                 // the pattern node that comes last in the graph
};

// Finds the pattern whose Erf branch starts at node `d` (a reader of x). Intermediate
// values must be single use. x_rank_known: x has rank >= 1, so a constant of shape (1)
// does not change the result's shape; otherwise only rank-0 constants are accepted.
bool MatchGeluFrom(RewriteState& st, int x, int d, bool x_rank_known, GeluMatch* match);
// Tries every reader of x as `d`.
bool MatchGelu(RewriteState& st, int x, bool x_rank_known, GeluMatch* match);

}  // namespace onnxi
