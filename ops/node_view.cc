#include "ops/node_view.h"

#include "ops/subgraph.h"

namespace onnxi {

const Attribute* NodeView::Find(const std::string& name) const {
  if (attrs_ == nullptr) return nullptr;
  for (const Attribute& a : *attrs_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const Attribute* NodeView::Typed(const std::string& name, Attribute::Type want) const {
  const Attribute* a = Find(name);
  if (a == nullptr) return nullptr;
  if (a->type != want) {
    Fail(Status::InvalidModel(StrCat("attribute '", name, "' has type ",
                                     AttributeTypeName(a->type), "; expected ",
                                     AttributeTypeName(want))));
    return nullptr;
  }
  return a;
}

int64_t NodeView::GetInt(const std::string& name, int64_t def) const {
  const Attribute* a = Typed(name, Attribute::Type::kInt);
  return a ? a->i : def;
}

float NodeView::GetFloat(const std::string& name, float def) const {
  const Attribute* a = Typed(name, Attribute::Type::kFloat);
  return a ? a->f : def;
}

std::string NodeView::GetString(const std::string& name, const std::string& def) const {
  const Attribute* a = Typed(name, Attribute::Type::kString);
  return a ? a->s : def;
}

std::vector<int64_t> NodeView::GetInts(const std::string& name,
                                       std::vector<int64_t> def) const {
  const Attribute* a = Typed(name, Attribute::Type::kInts);
  return a ? a->ints : def;
}

std::vector<float> NodeView::GetFloats(const std::string& name, std::vector<float> def) const {
  const Attribute* a = Typed(name, Attribute::Type::kFloats);
  return a ? a->floats : def;
}

std::vector<std::string> NodeView::GetStrings(const std::string& name,
                                              std::vector<std::string> def) const {
  const Attribute* a = Typed(name, Attribute::Type::kStrings);
  return a ? a->strings : def;
}

const Tensor* NodeView::GetTensor(const std::string& name) const {
  const Attribute* a = Typed(name, Attribute::Type::kTensor);
  return a ? &a->t : nullptr;
}

std::shared_ptr<Graph> NodeView::GetGraph(const std::string& name) const {
  const Attribute* a = Typed(name, Attribute::Type::kGraph);
  return a ? a->g : nullptr;
}

Result<std::unique_ptr<SubgraphRunner>> NodeView::MakeSubgraph(const std::string& name) const {
  std::shared_ptr<Graph> g = GetGraph(name);
  if (g == nullptr) {
    return Status::InvalidModel(StrCat("graph attribute '", name, "' is required"));
  }
  if (maker_ == nullptr) return Status::Internal("no subgraph maker was given to this node");
  return (*maker_)(*g);
}

bool NodeView::Require(const std::string& name) const {
  if (has(name)) return true;
  Fail(Status::InvalidModel(StrCat("attribute '", name, "' is required")));
  return false;
}

}  // namespace onnxi
