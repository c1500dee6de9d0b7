// Expansion of Gradient nodes into backward nodes; see autodiff.h.
#include "runtime/autodiff.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ops/training/gradient_ops.h"
#include "ops/training/gradient_rules.h"

namespace onnxi {
namespace {

constexpr const char* kTrainingDomain = "ai.onnx.preview.training";

bool IsGradientNode(const Node& n) {
  return n.domain == kTrainingDomain && n.op_type == "Gradient";
}

// Collects backward nodes; new values are named "<prefix>/<n>" with n counting up past any
// name already taken.
class GraphGradientBuilder : public GradientBuilder {
 public:
  GraphGradientBuilder(Graph& g, std::string prefix) : g_(g), prefix_(std::move(prefix)) {}

  std::string Emit(const std::string& domain, const std::string& op_type,
                   std::vector<std::string> inputs, std::vector<Attribute> attrs,
                   const std::string& output) override {
    Node node;
    node.op_type = op_type;
    node.domain = domain;
    for (const std::string& in : inputs) node.inputs.push_back(in.empty() ? -1 : g_.Intern(in));
    std::string out = output;
    while (out.empty() || (output.empty() && g_.Find(out) >= 0)) {
      out = StrCat(prefix_, "/", op_type, "_", next_++);
    }
    node.outputs.push_back(g_.Intern(out));
    node.attributes = std::move(attrs);
    nodes_.push_back(std::move(node));
    return out;
  }

  std::vector<Node>& nodes() { return nodes_; }

 private:
  Graph& g_;
  std::string prefix_;
  int next_ = 0;
  std::vector<Node> nodes_;
};

std::vector<int> AllInputs(const Node& n) {
  std::vector<int> reads = n.inputs;
  reads.insert(reads.end(), n.implicit_inputs.begin(), n.implicit_inputs.end());
  return reads;
}


const Attribute* FindAttr(const Node& n, const char* name) {
  for (const Attribute& a : n.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Expands g.nodes[gi] (removing it) and appends its backward nodes at the end of g.nodes.
Status ExpandOne(Graph& g, int gi) {
  const std::string display = NodeDisplayName(g, gi);
  const std::string where = StrCat("Gradient (node '", display, "')");
  const Node grad_node = g.nodes[gi];
  const Attribute* xs_attr = FindAttr(grad_node, "xs");
  const Attribute* zs_attr = FindAttr(grad_node, "zs");
  const Attribute* y_attr = FindAttr(grad_node, "y");
  if (xs_attr == nullptr || xs_attr->type != Attribute::Type::kStrings ||
      xs_attr->strings.empty() || y_attr == nullptr || y_attr->type != Attribute::Type::kString) {
    return Status::InvalidModel(
        StrCat(where, ": needs attributes xs (a non-empty list of strings) and y (a string)"));
  }
  if (zs_attr != nullptr && zs_attr->type != Attribute::Type::kStrings) {
    return Status::InvalidModel(StrCat(where, ": attribute zs must be a list of strings"));
  }
  if (grad_node.outputs.size() != xs_attr->strings.size()) {
    return Status::InvalidModel(StrCat(where, ": has ", grad_node.outputs.size(), " outputs for ",
                                       xs_attr->strings.size(), " xs"));
  }
  auto lookup = [&](const std::string& name, const char* what, int* id) -> Status {
    *id = g.Find(name);
    if (*id < 0) {
      return Status::InvalidModel(
          StrCat(where, ": ", what, " '", name, "' is not a value of the graph"));
    }
    return Status::Ok();
  };
  int y = -1;
  ONNXI_RETURN_IF_ERROR(lookup(y_attr->s, "y", &y));
  std::vector<int> xs;
  for (const std::string& name : xs_attr->strings) {
    int v = -1;
    ONNXI_RETURN_IF_ERROR(lookup(name, "x", &v));
    xs.push_back(v);
  }
  g.nodes.erase(g.nodes.begin() + gi);

  // depends[v]: v varies with some x (zs are held constant); reaches[v]: y depends on v.
  const size_t num_values = g.values.size();
  std::vector<bool> depends(num_values, false), cut(num_values, false), reaches(num_values, false);
  if (zs_attr != nullptr) {
    for (const std::string& name : zs_attr->strings) {
      int v = -1;
      ONNXI_RETURN_IF_ERROR(lookup(name, "z", &v));
      cut[v] = true;
    }
  }
  for (int x : xs) depends[x] = true;
  for (const Node& n : g.nodes) {
    bool any = false;
    for (int v : AllInputs(n)) any = any || (v >= 0 && depends[v]);
    if (!any) continue;
    for (int v : n.outputs) {
      if (v >= 0 && !cut[v]) depends[v] = true;
    }
  }
  reaches[y] = true;
  std::vector<int> path;  // indices of the nodes to differentiate, in reverse order
  for (int i = static_cast<int>(g.nodes.size()) - 1; i >= 0; --i) {
    const Node& n = g.nodes[i];
    bool out_reaches = false;
    for (int v : n.outputs) out_reaches = out_reaches || (v >= 0 && reaches[v]);
    if (!out_reaches) continue;
    bool in_depends = false;
    for (int v : AllInputs(n)) {
      if (v < 0) continue;
      reaches[v] = true;
      in_depends = in_depends || depends[v];
    }
    if (in_depends) path.push_back(i);
  }

  GraphGradientBuilder b(g, StrCat("gradient.", display));
  std::unordered_map<int, std::vector<std::string>> contributions;
  auto total = [&](int v) -> std::string {
    auto it = contributions.find(v);
    if (it == contributions.end() || it->second.empty()) return "";
    std::string sum = it->second[0];
    for (size_t k = 1; k < it->second.size(); ++k) sum = EmitGradientSum(b, sum, it->second[k]);
    it->second = {sum};
    return sum;
  };
  if (depends[y]) contributions[y].push_back(EmitOnesLike(b, y_attr->s));

  for (int i : path) {
    // Copy what the rule needs: the builder interns values, which may grow g.values.
    const Node n = g.nodes[i];
    const GradientRule* rule = FindGradientRule(n.domain, n.op_type);
    if (rule == nullptr) {
      return Status::Unsupported(StrCat(where, ": no derivative rule for ",
                                        n.domain.empty() ? "" : n.domain + ".", n.op_type,
                                        " (node '", NodeDisplayName(g, i), "')"));
    }
    ForwardNode fwd;
    fwd.name = NodeDisplayName(g, i);
    fwd.op_type = n.op_type;
    fwd.domain = n.domain;
    fwd.attributes = &n.attributes;
    bool any_grad = false;
    for (int v : n.outputs) {
      fwd.outputs.push_back(v < 0 ? "" : g.values[v].name);
      fwd.output_grads.push_back(v < 0 ? "" : total(v));
      any_grad = any_grad || !fwd.output_grads.back().empty();
    }
    if (!any_grad) continue;
    for (int v : n.inputs) {
      fwd.inputs.push_back(v < 0 ? "" : g.values[v].name);
      fwd.needs_grad.push_back(v >= 0 && depends[v]);
    }
    std::vector<std::string> input_grads;
    ONNXI_RETURN_IF_ERROR(rule->fn(fwd, b, &input_grads).WithContext(where));
    for (size_t k = 0; k < input_grads.size() && k < n.inputs.size(); ++k) {
      if (!input_grads[k].empty() && n.inputs[k] >= 0 && depends[n.inputs[k]]) {
        contributions[n.inputs[k]].push_back(input_grads[k]);
      }
    }
  }
  for (size_t k = 0; k < xs.size(); ++k) {
    const int out = grad_node.outputs[k];
    if (out < 0) continue;
    std::string t = total(xs[k]);
    if (t.empty()) t = EmitZerosLike(b, xs_attr->strings[k]);
    EmitGradientOutput(b, t, g.values[out].name);
  }
  for (Node& n : b.nodes()) g.nodes.push_back(std::move(n));
  return Status::Ok();
}

}  // namespace

Status ExpandGradients(Model& model) {
  Graph& g = model.graph;
  bool expanded = false;
  for (;;) {
    auto it = std::find_if(g.nodes.begin(), g.nodes.end(), IsGradientNode);
    if (it == g.nodes.end()) break;
    ONNXI_RETURN_IF_ERROR(ExpandOne(g, static_cast<int>(it - g.nodes.begin())));
    ONNXI_RETURN_IF_ERROR(SortNodesTopologically(g));  // the next expansion relies on the order
    expanded = true;
  }
  if (!expanded) return Status::Ok();
  model.opsets.emplace(kOnnxiDomain, 1);
  return Status::Ok();
}

}  // namespace onnxi
