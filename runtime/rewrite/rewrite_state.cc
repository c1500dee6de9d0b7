// The index and edits graph rewrites share; see rewrite_state.h.
#include "runtime/rewrite/rewrite_state.h"

#include <algorithm>

#include "runtime/fold.h"

namespace onnxi {

const Attribute* FindAttribute(const Node& n, const std::string& name) {
  for (const Attribute& a : n.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

int64_t AttrInt(const Node& n, const std::string& name, int64_t def) {
  const Attribute* a = FindAttribute(n, name);
  return a && a->type == Attribute::Type::kInt ? a->i : def;
}

float AttrFloat(const Node& n, const std::string& name, float def) {
  const Attribute* a = FindAttribute(n, name);
  return a && a->type == Attribute::Type::kFloat ? a->f : def;
}

std::string AttrString(const Node& n, const std::string& name, const std::string& def) {
  const Attribute* a = FindAttribute(n, name);
  return a && a->type == Attribute::Type::kString ? a->s : def;
}

std::vector<int64_t> AttrInts(const Node& n, const std::string& name) {
  const Attribute* a = FindAttribute(n, name);
  return a && a->type == Attribute::Type::kInts ? a->ints : std::vector<int64_t>{};
}

Attribute MakeAttr(const std::string& name, float v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kFloat;
  a.f = v;
  return a;
}

Attribute MakeAttr(const std::string& name, int64_t v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kInt;
  a.i = v;
  return a;
}

Attribute MakeAttr(const std::string& name, const std::string& v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kString;
  a.s = v;
  return a;
}

Attribute MakeAttr(const std::string& name, std::vector<int64_t> v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kInts;
  a.ints = std::move(v);
  return a;
}

RewriteState::RewriteState(Model& model, bool trust_input_shapes)
    : model_(model), trust_input_shapes_(trust_input_shapes) {
  Rebuild();
}

int RewriteState::Opset(const std::string& domain) const {
  auto it = model_.opsets.find(domain);
  return it == model_.opsets.end() ? 0 : it->second;
}

void RewriteState::Rebuild() {
  const Graph& g = graph();
  const size_t nv = g.values.size();
  producer_.assign(nv, -1);
  consumers_.assign(nv, {});
  is_output_.assign(nv, false);
  is_input_.assign(nv, false);
  implicit_use_.assign(nv, false);
  for (int v : g.outputs) is_output_[v] = true;
  for (int v : g.inputs) is_input_[v] = true;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    for (int v : n.outputs) {
      if (v >= 0) producer_[v] = static_cast<int>(i);
    }
    for (int v : n.inputs) {
      if (v >= 0) consumers_[v].push_back(static_cast<int>(i));
    }
    for (int v : n.implicit_inputs) {
      if (v >= 0) implicit_use_[v] = true;
    }
  }
  shapes_ = InferStaticShapes(g, model_.opsets, trust_input_shapes_);
}

int RewriteState::OnlyConsumer(int v) const {
  if (v < 0 || is_output_[v] || implicit_use_[v] || consumers_[v].size() != 1) return -1;
  return consumers_[v][0];
}

bool RewriteState::ConsumedExactlyBy(int v, std::vector<int> nodes) const {
  if (v < 0 || is_output_[v] || implicit_use_[v]) return false;
  std::vector<int> have = consumers_[v];
  std::sort(have.begin(), have.end());
  std::sort(nodes.begin(), nodes.end());
  return have == nodes && std::adjacent_find(have.begin(), have.end()) == have.end();
}

const Tensor* RewriteState::Constant(int v) {
  if (v < 0) return nullptr;
  const Graph& g = graph();
  if (g.IsInitializer(v)) return is_input_[v] ? nullptr : &g.initializers.at(v);
  const int p = producer_[v];
  if (p < 0 || !Is(g.nodes[p], "Constant") || g.nodes[p].outputs.size() != 1) return nullptr;
  // The Constant op itself decodes its attribute (value, value_float, value_ints, ...),
  // through the same fold as every other constant node (runtime/fold.h).
  Result<std::vector<Value>> folded = FoldUnboundNode(g.nodes[p], model_.opsets, {});
  if (!folded.ok() || !(*folded)[0].is_tensor()) return nullptr;
  made_.push_back((*folded)[0].tensor());
  return &made_.back();
}

bool RewriteState::ConstantFloat(int v, bool allow_rank1, float* value) {
  const Tensor* t = Constant(v);
  if (!t || t->dtype() != DataType::kFloat || t->num_elements() != 1) return false;
  if (t->rank() > 1 || (t->rank() == 1 && !allow_rank1)) return false;
  *value = t->data<float>()[0];
  return true;
}

void RewriteState::Replace(std::vector<int> remove, Node fused, int at) {
  Graph& g = graph();
  g.nodes[at] = std::move(fused);
  std::sort(remove.begin(), remove.end());
  remove.erase(std::unique(remove.begin(), remove.end()), remove.end());
  for (auto it = remove.rbegin(); it != remove.rend(); ++it) {
    if (*it != at) g.nodes.erase(g.nodes.begin() + *it);
  }
  Rebuild();
}

void RewriteState::Remove(int i) {
  graph().nodes.erase(graph().nodes.begin() + i);
  Rebuild();
}

int RewriteState::AddInitializer(const std::string& base, Tensor t) {
  Graph& g = graph();
  std::string name;
  do {
    name = StrCat(base, "/rewritten_", next_name_++);
  } while (g.Find(name) >= 0);
  const int v = g.Intern(name);
  ValueInfo& info = g.values[v];
  info.kind = ValueKind::kTensor;
  info.dtype = t.dtype();
  info.has_shape = true;
  info.dims = t.shape();
  g.initializers[v] = std::move(t);
  Rebuild();
  return v;
}

void RewriteState::DropIfUnread(int v) {
  if (v >= 0 && consumers_[v].empty() && !is_output_[v] && !is_input_[v] && !implicit_use_[v]) {
    graph().initializers.erase(v);
  }
}

Status RewriteState::Finish() {
  Graph& g = graph();
  Rebuild();
  // Constant nodes whose readers were fused away.
  for (int i = static_cast<int>(g.nodes.size()) - 1; i >= 0; --i) {
    const Node& n = g.nodes[i];
    if (!Is(n, "Constant") || n.outputs.size() != 1 || n.outputs[0] < 0) continue;
    const int v = n.outputs[0];
    if (consumers_[v].empty() && !is_output_[v] && !implicit_use_[v]) {
      g.nodes.erase(g.nodes.begin() + i);
    }
  }
  Rebuild();
  // Initializers replaced by rewritten ones (folded weights) or read by nothing.
  for (auto it = g.initializers.begin(); it != g.initializers.end();) {
    const int v = it->first;
    if (consumers_[v].empty() && !is_output_[v] && !is_input_[v] && !implicit_use_[v]) {
      it = g.initializers.erase(it);
    } else {
      ++it;
    }
  }
  ONNXI_RETURN_IF_ERROR(SortNodesTopologically(g));
  Rebuild();
  return Status::Ok();
}

}  // namespace onnxi
