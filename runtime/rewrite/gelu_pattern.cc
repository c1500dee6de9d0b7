// Matching of the spelled-out Gelu; see gelu_pattern.h.
#include "runtime/rewrite/gelu_pattern.h"

#include <algorithm>
#include <cmath>

namespace onnxi {
namespace {

// Node n is a binary `op` reading `v` and a scalar constant; returns the constant.
bool BinaryWithConstant(RewriteState& st, const Node& n, const char* op, int v, bool rank1,
                        float* c, bool v_first = false) {
  if (!Is(n, op) || n.inputs.size() != 2 || n.outputs.size() != 1) return false;
  if (n.inputs[0] == v) return st.ConstantFloat(n.inputs[1], rank1, c);
  if (!v_first && n.inputs[1] == v) return st.ConstantFloat(n.inputs[0], rank1, c);
  return false;
}

// n is Mul(a, b) in either order.
bool IsMulOf(const Node& n, int a, int b) {
  if (!Is(n, "Mul") || n.inputs.size() != 2 || n.outputs.size() != 1) return false;
  return (n.inputs[0] == a && n.inputs[1] == b) || (n.inputs[0] == b && n.inputs[1] == a);
}

bool Near(float c, double want) { return std::fabs(c - want) <= 1e-6 * want; }

}  // namespace

bool MatchGeluFrom(RewriteState& st, int x, int d, bool rank1, GeluMatch* m) {
  const Graph& g = st.graph();
  float c = 0;
  const Node& dn = g.nodes[d];
  const bool div =
      BinaryWithConstant(st, dn, "Div", x, rank1, &c, /*v_first=*/true) && Near(c, std::sqrt(2.0));
  const bool mul =
      !div && BinaryWithConstant(st, dn, "Mul", x, rank1, &c) && Near(c, std::sqrt(0.5));
  if (!div && !mul) return false;
  const int e = st.OnlyConsumer(dn.outputs[0]);
  if (e < 0 || !Is(g.nodes[e], "Erf") || g.nodes[e].outputs.size() != 1) return false;
  const int p = st.OnlyConsumer(g.nodes[e].outputs[0]);
  if (p < 0 || !BinaryWithConstant(st, g.nodes[p], "Add", g.nodes[e].outputs[0], rank1, &c) ||
      c != 1.0f) {
    return false;
  }
  const int pv = g.nodes[p].outputs[0];
  const int q = st.OnlyConsumer(pv);
  if (q < 0) return false;
  const Node& qn = g.nodes[q];
  int h = -1, out = -1;
  std::vector<int> x_readers;
  if (IsMulOf(qn, x, pv)) {  // Mul(Mul(x, p), 0.5)
    out = st.OnlyConsumer(qn.outputs[0]);
    if (out < 0 || !BinaryWithConstant(st, g.nodes[out], "Mul", qn.outputs[0], rank1, &c) ||
        c != 0.5f) {
      return false;
    }
    x_readers = {d, q};
  } else if (BinaryWithConstant(st, qn, "Mul", pv, rank1, &c) && c == 0.5f) {  // x * (p * 0.5)
    out = st.OnlyConsumer(qn.outputs[0]);
    if (out < 0 || !IsMulOf(g.nodes[out], x, qn.outputs[0])) return false;
    x_readers = {d, out};
  } else {  // Mul(Mul(x, 0.5), p)
    if (!Is(qn, "Mul") || qn.inputs.size() != 2) return false;
    const int hv = qn.inputs[0] == pv ? qn.inputs[1] : qn.inputs[0];
    h = st.Producer(hv);
    if (h < 0 || st.OnlyConsumer(hv) != q ||
        !BinaryWithConstant(st, g.nodes[h], "Mul", x, rank1, &c) || c != 0.5f) {
      return false;
    }
    out = q;
    x_readers = {d, h};
  }
  m->nodes = {d, e, p, q, out};
  if (h >= 0) m->nodes.push_back(h);
  std::sort(m->nodes.begin(), m->nodes.end());
  m->nodes.erase(std::unique(m->nodes.begin(), m->nodes.end()), m->nodes.end());
  m->x_consumers = x_readers;
  m->output = g.nodes[out].outputs[0];
  m->last = m->nodes.back();
  return m->nodes.size() == 5 && m->output >= 0;
}

bool MatchGelu(RewriteState& st, int x, bool rank1, GeluMatch* m) {
  const std::vector<int> readers = st.Consumers(x);
  for (int d : readers) {
    if (MatchGeluFrom(st, x, d, rank1, m)) return true;
  }
  return false;
}

}  // namespace onnxi
