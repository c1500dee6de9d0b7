#include "runtime/loader.h"

#include <onnx/onnx_pb.h>

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <queue>

#include "runtime/autodiff.h"
#include "runtime/functions.h"
#include "runtime/tensor_proto.h"

namespace onnxi {
namespace {

std::string CanonicalDomain(const std::string& domain) {
  return domain == "ai.onnx" ? "" : domain;
}

void ReadTensorType(const onnx::TypeProto::Tensor& tensor, ValueInfo* v) {
  v->dtype = static_cast<DataType>(tensor.elem_type());
  if (tensor.has_shape()) {
    v->has_shape = true;
    for (const auto& d : tensor.shape().dim()) {
      v->dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
      v->dim_names.push_back(d.has_dim_param() ? d.dim_param() : "");
    }
  }
}

// Sequences and optionals record what they hold; their element type goes to v->dtype.
void ReadValueType(const onnx::TypeProto& type, ValueInfo* v) {
  switch (type.value_case()) {
    case onnx::TypeProto::kTensorType:
      v->kind = ValueKind::kTensor;
      ReadTensorType(type.tensor_type(), v);
      break;
    case onnx::TypeProto::kSequenceType: {
      v->kind = ValueKind::kSequence;
      const auto& elem = type.sequence_type().elem_type();
      v->inner_kind = elem.has_tensor_type() ? ValueKind::kTensor : ValueKind::kUnknown;
      if (elem.has_tensor_type()) v->dtype = static_cast<DataType>(elem.tensor_type().elem_type());
      break;
    }
    case onnx::TypeProto::kOptionalType: {
      v->kind = ValueKind::kOptional;
      const auto& elem = type.optional_type().elem_type();
      if (elem.has_tensor_type()) {
        v->inner_kind = ValueKind::kTensor;
        ReadTensorType(elem.tensor_type(), v);
      } else if (elem.has_sequence_type()) {
        v->inner_kind = ValueKind::kSequence;
        const auto& se = elem.sequence_type().elem_type();
        if (se.has_tensor_type()) v->dtype = static_cast<DataType>(se.tensor_type().elem_type());
      }
      break;
    }
    case onnx::TypeProto::kMapType: v->kind = ValueKind::kMap; break;
    case onnx::TypeProto::kSparseTensorType: v->kind = ValueKind::kSparseTensor; break;
    default: break;
  }
}

Result<Graph> ConvertGraph(const onnx::GraphProto& g, const std::string& base_dir,
                           onnx::GraphProto* owner = nullptr);

Status ConvertAttribute(const onnx::AttributeProto& a, const std::string& base_dir,
                        Attribute* out) {
  out->name = a.name();
  out->type = static_cast<Attribute::Type>(a.type());
  switch (a.type()) {
    case onnx::AttributeProto::FLOAT: out->f = a.f(); break;
    case onnx::AttributeProto::INT: out->i = a.i(); break;
    case onnx::AttributeProto::STRING: out->s = a.s(); break;
    case onnx::AttributeProto::TENSOR: {
      ONNXI_ASSIGN_OR_RETURN(out->t, TensorFromProto(a.t(), base_dir));
      break;
    }
    case onnx::AttributeProto::GRAPH: {
      ONNXI_ASSIGN_OR_RETURN(Graph sub, ConvertGraph(a.g(), base_dir));
      out->g = std::make_shared<Graph>(std::move(sub));
      break;
    }
    case onnx::AttributeProto::FLOATS: out->floats.assign(a.floats().begin(), a.floats().end()); break;
    case onnx::AttributeProto::INTS: out->ints.assign(a.ints().begin(), a.ints().end()); break;
    case onnx::AttributeProto::STRINGS:
      out->strings.assign(a.strings().begin(), a.strings().end());
      break;
    case onnx::AttributeProto::TENSORS:
      for (const auto& t : a.tensors()) {
        ONNXI_ASSIGN_OR_RETURN(Tensor tensor, TensorFromProto(t, base_dir));
        out->tensors.push_back(std::move(tensor));
      }
      break;
    case onnx::AttributeProto::GRAPHS:
      for (const auto& sg : a.graphs()) {
        ONNXI_ASSIGN_OR_RETURN(Graph sub, ConvertGraph(sg, base_dir));
        out->graphs.push_back(std::make_shared<Graph>(std::move(sub)));
      }
      break;
    default:
      break;  // sparse tensors and type protos are kept by type only; ops reject them
  }
  if (!a.ref_attr_name().empty()) {
    return Status::Unsupported(StrCat("attribute '", a.name(), "' refers to function attribute '",
                                      a.ref_attr_name(), "' outside a function"));
  }
  return Status::Ok();
}

// `owner`, when given, is `gp` itself, writable: each initializer's bytes are released as soon
// as they are copied into a Tensor, so loading peaks near one copy of the weights, not two.
Result<Graph> ConvertGraph(const onnx::GraphProto& gp, const std::string& base_dir,
                           onnx::GraphProto* owner) {
  Graph g;
  g.name = gp.name();
  for (int i = 0; i < gp.initializer_size(); ++i) {
    const onnx::TensorProto& init = gp.initializer(i);
    ONNXI_ASSIGN_OR_RETURN(Tensor t, TensorFromProto(init, base_dir));
    if (init.name().empty()) return Status::InvalidModel("an initializer has no name");
    if (owner != nullptr) {  // clear() would keep the capacity: swap the buffer away
      std::string().swap(*owner->mutable_initializer(i)->mutable_raw_data());
    }
    int v = g.Intern(init.name());
    ValueInfo& info = g.values[v];
    info.kind = ValueKind::kTensor;
    info.dtype = t.dtype();
    info.has_shape = true;
    info.dims = t.shape();
    info.dim_names.assign(t.shape().size(), "");
    g.initializers[v] = std::move(t);
  }
  if (gp.sparse_initializer_size() > 0) {
    return Status::Unsupported("sparse initializers are not supported");
  }
  for (const auto& in : gp.input()) {
    int v = g.Intern(in.name());
    if (!g.IsInitializer(v)) ReadValueType(in.type(), &g.values[v]);
    g.inputs.push_back(v);
  }
  for (const auto& out : gp.output()) {
    int v = g.Intern(out.name());
    ReadValueType(out.type(), &g.values[v]);
    g.outputs.push_back(v);
  }
  for (const auto& vi : gp.value_info()) ReadValueType(vi.type(), &g.values[g.Intern(vi.name())]);

  for (const auto& np : gp.node()) {
    Node node;
    node.name = np.name();
    node.op_type = np.op_type();
    node.domain = CanonicalDomain(np.domain());
    for (const auto& in : np.input()) node.inputs.push_back(in.empty() ? -1 : g.Intern(in));
    for (const auto& out : np.output()) node.outputs.push_back(out.empty() ? -1 : g.Intern(out));
    for (const auto& a : np.attribute()) {
      Attribute attr;
      Status s = ConvertAttribute(a, base_dir, &attr);
      if (!s.ok()) {
        return s.WithContext(StrCat(node.op_type, " (node '",
                                    node.name.empty() ? np.output(0) : node.name, "')"));
      }
      node.attributes.push_back(std::move(attr));
    }
    // What the node's subgraphs read from outside themselves becomes its implicit inputs.
    for (const Attribute& a : node.attributes) {
      std::vector<const Graph*> subs;
      if (a.g) subs.push_back(a.g.get());
      for (const auto& sg : a.graphs) subs.push_back(sg.get());
      for (const Graph* sub : subs) {
        for (int c : sub->captured) {
          int v = g.Intern(sub->values[c].name);
          if (std::find(node.implicit_inputs.begin(), node.implicit_inputs.end(), v) ==
              node.implicit_inputs.end()) {
            node.implicit_inputs.push_back(v);
          }
        }
      }
    }
    g.nodes.push_back(std::move(node));
  }
  // Values read but defined nowhere in this graph come from an enclosing one (or, in the
  // main graph, nowhere: CheckProduced reports them).
  std::vector<bool> defined(g.values.size(), false);
  for (int v : g.inputs) defined[v] = true;
  for (const auto& [v, t] : g.initializers) defined[v] = true;
  for (const Node& node : g.nodes) {
    for (int v : node.outputs) {
      if (v >= 0) defined[v] = true;
    }
  }
  for (const Node& node : g.nodes) {
    for (const std::vector<int>* list : {&node.inputs, &node.implicit_inputs}) {
      for (int v : *list) {
        if (v >= 0 && !defined[v]) {
          defined[v] = true;
          g.captured.push_back(v);
        }
      }
    }
  }
  for (int v : g.outputs) {  // a subgraph may return an outer value as it is
    if (!defined[v]) {
      defined[v] = true;
      g.captured.push_back(v);
    }
  }
  ONNXI_RETURN_IF_ERROR(SortNodesTopologically(g));
  return g;
}

// In the main graph every value a node reads must come from somewhere.
Status CheckProduced(const Graph& g) {
  std::vector<bool> defined(g.values.size(), false);
  for (int v : g.inputs) defined[v] = true;
  for (const auto& [v, t] : g.initializers) defined[v] = true;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    std::vector<int> reads = g.nodes[i].inputs;
    reads.insert(reads.end(), g.nodes[i].implicit_inputs.begin(), g.nodes[i].implicit_inputs.end());
    for (int v : reads) {
      if (v >= 0 && !defined[v]) {
        return Status::InvalidModel(StrCat(g.nodes[i].op_type, " (node '",
                                           NodeDisplayName(g, static_cast<int>(i)),
                                           "'): input '", g.values[v].name,
                                           "' is not a graph input, an initializer or any node's output"));
      }
    }
    for (int v : g.nodes[i].outputs) {
      if (v >= 0) defined[v] = true;
    }
  }
  for (int v : g.outputs) {
    if (!defined[v]) {
      return Status::InvalidModel(StrCat("graph output '", g.values[v].name,
                                         "' is not produced by any node"));
    }
  }
  return Status::Ok();
}

// The rest of load, once the bytes are parsed.
Result<Model> ConvertModel(onnx::ModelProto& proto, const std::string& base_dir,
                           const std::string& label) {
  if (!proto.has_graph() || proto.ir_version() <= 0) {
    return Status::InvalidModel(StrCat(label, ": not an ONNX model (",
                                       proto.has_graph() ? "no ir_version" : "no graph", ")"));
  }
  ONNXI_RETURN_IF_ERROR(InlineFunctions(&proto).WithContext(label));
  Model model;
  model.path = label;
  model.ir_version = proto.ir_version();
  model.metadata.producer_name = proto.producer_name();
  model.metadata.producer_version = proto.producer_version();
  model.metadata.domain = proto.domain();
  model.metadata.description = proto.doc_string();
  model.metadata.model_version = proto.model_version();
  model.metadata.graph_name = proto.graph().name();
  model.metadata.graph_description = proto.graph().doc_string();
  for (const auto& prop : proto.metadata_props()) {
    model.metadata.metadata_props.emplace_back(prop.key(), prop.value());
  }
  for (const auto& op : proto.opset_import()) {
    model.opsets[CanonicalDomain(op.domain())] = static_cast<int>(op.version());
  }
  // IR version 3 and later must import the default domain; older models imply opset 1.
  if (model.opsets.count("") == 0) model.opsets[""] = 1;

  Result<Graph> graph = ConvertGraph(proto.graph(), base_dir, proto.mutable_graph());
  if (!graph.ok()) return graph.status().WithContext(label);
  model.graph = std::move(graph).value();
  ONNXI_RETURN_IF_ERROR(ExpandGradients(model).WithContext(label));
  ONNXI_RETURN_IF_ERROR(CheckProduced(model.graph).WithContext(label));
  return model;
}

// glibc raises its mmap threshold each time a large mmapped block is freed, so after the
// first weights are copied out of the protobuf message, the freed message strings stay in
// the heap and a model costs about twice its size in resident memory (measured on the BERT
// encoder: 543 MiB for 325 MiB of weights; 345 MiB with a fixed threshold). A fixed 1 MiB
// threshold hands every large buffer back to the OS when it is freed.
void FixMmapThreshold() {
  static std::once_flag once;
  std::call_once(once, [] { mallopt(M_MMAP_THRESHOLD, 1 << 20); });
}

const char kNotOnnx[] = ": not an ONNX model (protobuf parsing failed; truncated or another format?)";

}  // namespace

Result<Model> LoadModelFromBytes(const std::string& bytes, const std::string& base_dir,
                                 const std::string& label) {
  if (bytes.empty()) return Status::InvalidModel(StrCat(label, ": the file is empty"));
  FixMmapThreshold();
  onnx::ModelProto proto;
  if (!proto.ParseFromString(bytes)) return Status::InvalidModel(label + kNotOnnx);
  return ConvertModel(proto, base_dir, label);
}

Result<Model> LoadModel(const std::string& path) {
  // Parsed straight from the file: no second copy of the bytes in memory.
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(StrCat("cannot open '", path, "'"));
  if (in.peek() == std::ifstream::traits_type::eof()) {
    return Status::InvalidModel(StrCat(path, ": the file is empty"));
  }
  FixMmapThreshold();
  onnx::ModelProto proto;
  if (!proto.ParseFromIstream(&in)) return Status::InvalidModel(path + kNotOnnx);
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  return ConvertModel(proto, dir, path);
}

}  // namespace onnxi
