#include "runtime/functions.h"

#include <google/protobuf/unknown_field_set.h>
#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace onnxi {
namespace {

constexpr int kMaxDepth = 32;

using FunctionKey = std::pair<std::string, std::string>;  // (domain, name)

std::string Domain(const std::string& d) { return d == "ai.onnx" ? "" : d; }

// FunctionProto.attribute_proto (field 11: attributes with default values) is newer than
// Debian's onnx 1.12 classes, so it arrives as unknown fields; read it from there.
std::vector<onnx::AttributeProto> AttributeDefaults(const onnx::FunctionProto& f) {
  constexpr int kAttributeProtoField = 11;
  std::vector<onnx::AttributeProto> defaults;
  const auto& unknown = f.GetReflection()->GetUnknownFields(f);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const auto& field = unknown.field(i);
    if (field.number() != kAttributeProtoField ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    onnx::AttributeProto a;
    if (a.ParseFromString(field.length_delimited())) defaults.push_back(std::move(a));
  }
  return defaults;
}

class Inliner {
 public:
  explicit Inliner(const onnx::ModelProto& model) {
    for (const auto& f : model.functions()) functions_[{Domain(f.domain()), f.name()}] = &f;
  }

  Status InlineGraph(onnx::GraphProto* graph, int depth) {
    if (depth > kMaxDepth) {
      return Status::InvalidModel(StrCat("functions call each other more than ", kMaxDepth,
                                         " levels deep (recursion?)"));
    }
    google::protobuf::RepeatedPtrField<onnx::NodeProto> out;
    for (onnx::NodeProto& node : *graph->mutable_node()) {
      ONNXI_RETURN_IF_ERROR(InlineSubgraphs(&node, depth));
      auto it = functions_.find({Domain(node.domain()), node.op_type()});
      if (it == functions_.end()) {
        *out.Add() = node;
        continue;
      }
      ONNXI_RETURN_IF_ERROR(Expand(node, *it->second, depth, &out));
    }
    graph->mutable_node()->Swap(&out);
    return Status::Ok();
  }

 private:
  Status InlineSubgraphs(onnx::NodeProto* node, int depth) {
    for (auto& a : *node->mutable_attribute()) {
      if (a.has_g()) ONNXI_RETURN_IF_ERROR(InlineGraph(a.mutable_g(), depth));
      for (auto& g : *a.mutable_graphs()) ONNXI_RETURN_IF_ERROR(InlineGraph(&g, depth));
    }
    return Status::Ok();
  }

  // Appends the body of `f`, called by `call`, to `out`.
  Status Expand(const onnx::NodeProto& call, const onnx::FunctionProto& f, int depth,
                google::protobuf::RepeatedPtrField<onnx::NodeProto>* out) {
    if (call.input_size() > f.input_size() || call.output_size() > f.output_size()) {
      return Status::InvalidModel(StrCat("call of function '", f.name(), "' (node '", call.name(),
                                         "') has ", call.input_size(), " inputs and ",
                                         call.output_size(), " outputs; the function declares ",
                                         f.input_size(), " and ", f.output_size()));
    }
    std::map<std::string, std::string> rename;
    for (int i = 0; i < f.input_size(); ++i) rename[f.input(i)] = i < call.input_size() ? call.input(i) : "";
    for (int i = 0; i < f.output_size(); ++i) rename[f.output(i)] = i < call.output_size() ? call.output(i) : "";
    const std::string prefix = StrCat("_fn", ++calls_, "_", f.name(), "/");
    auto name_of = [&](const std::string& n) {
      if (n.empty()) return n;
      auto r = rename.find(n);
      return r != rename.end() ? r->second : prefix + n;
    };
    std::map<std::string, const onnx::AttributeProto*> bound;
    std::vector<onnx::AttributeProto> defaults = AttributeDefaults(f);
    for (const auto& a : defaults) bound[a.name()] = &a;
    for (const auto& a : call.attribute()) bound[a.name()] = &a;

    google::protobuf::RepeatedPtrField<onnx::NodeProto> body;
    for (const onnx::NodeProto& src : f.node()) {
      onnx::NodeProto node = src;
      node.set_name(prefix + src.name());
      for (auto& in : *node.mutable_input()) in = name_of(in);
      for (auto& o : *node.mutable_output()) o = name_of(o);
      google::protobuf::RepeatedPtrField<onnx::AttributeProto> attrs;
      for (const auto& a : src.attribute()) {
        if (a.ref_attr_name().empty()) {
          *attrs.Add() = a;
          continue;
        }
        auto b = bound.find(a.ref_attr_name());
        if (b == bound.end()) continue;  // unbound and without default: the attribute is absent
        onnx::AttributeProto* copy = attrs.Add();
        *copy = *b->second;
        copy->set_name(a.name());
      }
      node.mutable_attribute()->Swap(&attrs);
      *body.Add() = std::move(node);
    }
    // The body may itself call functions.
    onnx::GraphProto holder;
    holder.mutable_node()->Swap(&body);
    ONNXI_RETURN_IF_ERROR(InlineGraph(&holder, depth + 1));
    for (auto& n : *holder.mutable_node()) *out->Add() = std::move(n);
    return Status::Ok();
  }

  std::map<FunctionKey, const onnx::FunctionProto*> functions_;
  int calls_ = 0;
};

}  // namespace

Status InlineFunctions(onnx::ModelProto* model) {
  if (model->functions_size() == 0) return Status::Ok();
  // Domains the bodies import become the model's too (a conflicting version is an error).
  std::map<std::string, int64_t> opsets;
  for (const auto& op : model->opset_import()) opsets[Domain(op.domain())] = op.version();
  for (const auto& f : model->functions()) {
    for (const auto& op : f.opset_import()) {
      auto it = opsets.find(Domain(op.domain()));
      if (it == opsets.end()) {
        opsets[Domain(op.domain())] = op.version();
        auto* added = model->add_opset_import();
        added->set_domain(op.domain());
        added->set_version(op.version());
      } else if (it->second != op.version()) {
        return Status::Unsupported(StrCat("function '", f.name(), "' imports domain '", op.domain(),
                                          "' at version ", op.version(), " but the model uses ",
                                          it->second));
      }
    }
  }
  Inliner inliner(*model);
  ONNXI_RETURN_IF_ERROR(inliner.InlineGraph(model->mutable_graph(), 0));
  model->clear_functions();
  return Status::Ok();
}

}  // namespace onnxi
