// fuse-gelu: the Gelu spelled out with Erf (runtime/rewrite/gelu_pattern.h) that did not
// fuse into a MatMul becomes ai.onnxi Gelu(x) (ONNX Gelu-20 semantics, approximate "none").
// x may have other readers; only the pattern's own intermediates must be single use.
// Constants of shape (1) are accepted only when x is known to have rank >= 1.
#include "runtime/rewrite/gelu_pattern.h"
#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

bool TryFuse(RewriteState& st, int e) {
  const Graph& g = st.graph();
  if (!Is(g.nodes[e], "Erf") || g.nodes[e].inputs.size() != 1) return false;
  const int d = st.Producer(g.nodes[e].inputs[0]);
  if (d < 0 || g.nodes[d].inputs.size() != 2) return false;
  GeluMatch m;
  int x = -1;
  for (int candidate : g.nodes[d].inputs) {  // Div(x, c), Mul(x, c) or Mul(c, x)
    if (candidate < 0) continue;
    const StaticShape& shape = st.Shape(candidate);
    const bool rank_known = shape.known && !shape.dims.empty();
    if (MatchGeluFrom(st, candidate, d, rank_known, &m)) {
      x = candidate;
      break;
    }
  }
  if (x < 0) return false;
  Node gelu;
  gelu.name = g.nodes[m.last].name;
  gelu.op_type = "Gelu";
  gelu.domain = kRewriteDomain;
  gelu.inputs = {x};
  gelu.outputs = {m.output};
  st.Replace(m.nodes, std::move(gelu), m.last);
  return true;
}

}  // namespace

Result<int> FuseGelu(RewriteState& st) { return RewriteEveryMatch(st, TryFuse); }

}  // namespace onnxi
