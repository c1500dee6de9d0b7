// Load-time shape propagation; see static_shapes.h.
#include "runtime/rewrite/static_shapes.h"

#include <string>

#include "runtime/rewrite/rewrite_state.h"

namespace onnxi {
namespace {

class Inferer {
 public:
  Inferer(const Graph& g, bool trust) : g_(g), shapes_(g.values.size()) {
    for (int v : g.inputs) {
      const ValueInfo& info = g.values[v];
      if (g.IsInitializer(v) || !info.has_shape) continue;
      StaticShape& s = shapes_[v];
      s.known = true;
      for (int64_t d : info.dims) s.dims.push_back(trust && d >= 0 ? d : Fresh());
    }
    for (const auto& [v, t] : g.initializers) {
      if (IsInput(v)) continue;  // a feed may replace it, with another shape
      shapes_[v] = {true, t.shape()};
    }
  }

  std::vector<StaticShape> Run() {
    for (const Node& n : g_.nodes) Visit(n);
    return std::move(shapes_);
  }

 private:
  int64_t Fresh() { return next_symbol_--; }
  bool IsInput(int v) const {
    for (int i : g_.inputs)
      if (i == v) return true;
    return false;
  }
  const StaticShape* In(const Node& n, size_t k) const {
    if (k >= n.inputs.size() || n.inputs[k] < 0 || !shapes_[n.inputs[k]].known) return nullptr;
    return &shapes_[n.inputs[k]];
  }
  void Set(const Node& n, std::vector<int64_t> dims) {
    if (!n.outputs.empty() && n.outputs[0] >= 0) shapes_[n.outputs[0]] = {true, std::move(dims)};
  }

  void Visit(const Node& n) {
    const std::string& op = n.op_type;
    const bool onnx = n.domain.empty(), onnxi = n.domain == "ai.onnxi";
    if (onnx && op == "Constant") {
      for (const Attribute& a : n.attributes) {
        if (a.name == "value" && a.type == Attribute::Type::kTensor) Set(n, a.t.shape());
      }
      return;
    }
    if (onnx && (op == "Relu" || op == "LeakyRelu" || op == "Sigmoid" || op == "Tanh" ||
                 op == "HardSigmoid" || op == "Identity" || op == "Erf" || op == "Sqrt" ||
                 op == "Neg" || op == "Abs" || op == "Exp" || op == "Clip" ||
                 op == "BatchNormalization" || op == "Dropout")) {
      if (const StaticShape* x = In(n, 0)) Set(n, x->dims);
      return;
    }
    if (onnx && (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")) {
      const StaticShape *a = In(n, 0), *b = In(n, 1);
      if (a && b && n.inputs.size() == 2) Set(n, Broadcast(a->dims, b->dims));
      return;
    }
    if ((onnx && (op == "Conv" || op == "MaxPool" || op == "AveragePool")) ||
        (onnxi && op == "FusedConv")) {
      Window(n, op == "Conv" || op == "FusedConv");
      return;
    }
    if (onnxi && op == "InvertedBottleneck") {
      Window(n, true, /*w_input=*/3, /*m_input=*/5);  // Wd's window, Wp's channels
      return;
    }
    if (onnx && (op == "GlobalAveragePool" || op == "GlobalMaxPool")) {
      const StaticShape* x = In(n, 0);
      if (!x || x->dims.size() < 2) return;
      std::vector<int64_t> d = x->dims;
      for (size_t i = 2; i < d.size(); ++i) d[i] = 1;
      Set(n, d);
      return;
    }
    if ((onnx && op == "Gemm") || (onnxi && op == "FusedGemm")) {
      const StaticShape *a = In(n, 0), *b = In(n, 1);
      if (!a || !b || a->dims.size() != 2 || b->dims.size() != 2) return;
      Set(n, {a->dims[AttrInt(n, "transA", 0) ? 1 : 0], b->dims[AttrInt(n, "transB", 0) ? 0 : 1]});
      return;
    }
  }

  std::vector<int64_t> Broadcast(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
    const size_t r = std::max(a.size(), b.size());
    std::vector<int64_t> out(r);
    for (size_t i = 0; i < r; ++i) {
      const int64_t x = i < r - a.size() ? 1 : a[i - (r - a.size())];
      const int64_t y = i < r - b.size() ? 1 : b[i - (r - b.size())];
      if (x == y || y == 1) {
        out[i] = x;
      } else if (x == 1) {
        out[i] = y;
      } else if (x >= 0 && y < 0) {
        out[i] = x;  // a valid run has y == x (or 1)
      } else if (y >= 0 && x < 0) {
        out[i] = y;
      } else {
        out[i] = Fresh();  // two different symbols, or a mismatch the run will report
      }
    }
    return out;
  }

  // Conv / pooling: (N, C, D1, ...) -> (N, M, O1, ...), the window from W (input w_input),
  // M from input m_input's first dim.
  void Window(const Node& n, bool conv, size_t w_input = 1, size_t m_input = 1) {
    const StaticShape* x = In(n, 0);
    if (!x || x->dims.size() < 3) return;
    const size_t spatial = x->dims.size() - 2;
    std::vector<int64_t> kernel = AttrInts(n, "kernel_shape");
    int64_t channels = x->dims[1];
    if (conv) {
      const StaticShape* w = In(n, w_input);
      const StaticShape* m = In(n, m_input);
      if (!w || !m || w->dims.size() != x->dims.size() || m->dims.empty()) return;
      channels = m->dims[0];
      if (kernel.empty()) kernel.assign(w->dims.begin() + 2, w->dims.end());
    } else if (AttrInt(n, "ceil_mode", 0) != 0 || n.outputs.size() > 1) {
      return;
    }
    if (kernel.size() != spatial) return;
    std::vector<int64_t> strides = AttrInts(n, "strides"), dilations = AttrInts(n, "dilations"),
                         pads = AttrInts(n, "pads");
    if (strides.empty()) strides.assign(spatial, 1);
    if (dilations.empty()) dilations.assign(spatial, 1);
    if (pads.empty()) pads.assign(2 * spatial, 0);
    if (strides.size() != spatial || dilations.size() != spatial || pads.size() != 2 * spatial) {
      return;
    }
    const std::string auto_pad = AttrString(n, "auto_pad", "NOTSET");
    std::vector<int64_t> out = {x->dims[0], channels};
    for (size_t i = 0; i < spatial; ++i) {
      const int64_t in = x->dims[2 + i], s = strides[i];
      const int64_t extent = (kernel[i] - 1) * dilations[i] + 1;
      if (in < 0 || s < 1 || kernel[i] < 1 || dilations[i] < 1) {
        out.push_back(Fresh());
      } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
        out.push_back((in + s - 1) / s);
      } else if (auto_pad == "VALID") {
        out.push_back(in >= extent ? (in - extent) / s + 1 : Fresh());
      } else if (auto_pad == "NOTSET") {
        const int64_t padded = in + pads[i] + pads[spatial + i];
        out.push_back(padded >= extent ? (padded - extent) / s + 1 : Fresh());
      } else {
        out.push_back(Fresh());
      }
    }
    Set(n, out);
  }

  const Graph& g_;
  std::vector<StaticShape> shapes_;
  int64_t next_symbol_ = -2;
};

}  // namespace

std::vector<StaticShape> InferStaticShapes(const Graph& g, bool trust_inputs) {
  return Inferer(g, trust_inputs).Run();
}

}  // namespace onnxi
