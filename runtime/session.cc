// Session: the public face of load -> resolve -> (infer -> plan -> run per input shapes).
#include "onnxi/session.h"

#include <tbb/task_arena.h>

#include <algorithm>

#include "ops/registry.h"
#include "runtime/executor.h"
#include "runtime/fold_constants.h"
#include "runtime/loader.h"
#include "runtime/resolve.h"
#include "runtime/rewrite/rewrite.h"

namespace onnxi {
namespace {

ValueDesc Describe(const ValueInfo& v) {
  ValueDesc d;
  d.name = v.name;
  switch (v.kind) {
    case ValueKind::kTensor: case ValueKind::kUnknown: d.kind = ValueDesc::Kind::kTensor; break;
    case ValueKind::kSequence: d.kind = ValueDesc::Kind::kSequence; break;
    case ValueKind::kOptional: d.kind = ValueDesc::Kind::kOptional; break;
    default: d.kind = ValueDesc::Kind::kOther; break;
  }
  d.optional_of_sequence = v.kind == ValueKind::kOptional && v.inner_kind == ValueKind::kSequence;
  d.dtype = v.dtype;
  d.has_shape = v.has_shape;
  d.dims = v.dims;
  d.dim_names = v.dim_names;
  d.type_string = DescribeValueType(v);
  return d;
}

// Tensors, sequences of tensors and optionals flow through onnxi; maps and sparse tensors
// do not yet. Say so up front rather than misread them.
Status CheckSupportedKinds(const Graph& g, const std::vector<int>& ids, const char* what) {
  for (int v : ids) {
    ValueKind k = g.values[v].kind;
    if (k == ValueKind::kMap || k == ValueKind::kSparseTensor) {
      return Status::Unsupported(StrCat(what, " '", g.values[v].name, "' is a ",
                                        DescribeValueType(g.values[v]),
                                        "; maps and sparse tensors are not supported"));
    }
  }
  return Status::Ok();
}

}  // namespace

// Every op of a session runs inside this arena, so the kernels' parallel_for calls use
// exactly Options::threads threads (the calling thread included).
struct Session::Threads {
  explicit Threads(int n) : arena(n) {}
  tbb::task_arena arena;
};

Session::~Session() = default;

Result<std::unique_ptr<Session>> Session::Load(const std::string& path, const Options& options) {
  return Create(LoadModel(path), options);
}

Result<std::unique_ptr<Session>> Session::LoadFromMemory(const std::string& bytes,
                                                         const Options& options) {
  return Create(LoadModelFromBytes(bytes, "", "<memory>"), options);
}

Result<std::unique_ptr<Session>> Session::Create(Result<Model> loaded, const Options& options) {
  if (!loaded.ok()) return loaded.status();
  Model model = std::move(loaded).value();
  const std::string& label = model.path;
  if (options.threads < 1) {
    return Status::InvalidArgument(StrCat("threads must be at least 1, got ", options.threads));
  }
  const kernels::Isa isa = SelectIsa(options.kernels);
  if (!kernels::CpuSupports(isa)) {
    return Status::Unsupported(StrCat("kernels '", kernels::IsaName(isa),
                                      "' need instructions this CPU lacks (it runs '",
                                      kernels::IsaName(kernels::BestIsa()), "')"));
  }
  ONNXI_RETURN_IF_ERROR(
      CheckSupportedKinds(model.graph, model.graph.inputs, "graph input").WithContext(label));
  ONNXI_RETURN_IF_ERROR(
      CheckSupportedKinds(model.graph, model.graph.outputs, "graph output").WithContext(label));
  if (options.rewrite) ONNXI_RETURN_IF_ERROR(RewriteGraph(model, options).WithContext(label));
  Result<std::vector<BoundNode>> bound =
      ResolveGraph(model.graph, model.opsets, OpRegistry::Default(), options);
  if (!bound.ok()) return bound.status().WithContext(label);

  std::unique_ptr<Session> session(new Session());
  session->threads_ = std::make_unique<Threads>(options.threads);
  std::vector<BoundNode> nodes = std::move(bound).value();
  if (options.rewrite && std::find(options.disabled_rewrites.begin(),
                                   options.disabled_rewrites.end(),
                                   "fold-constants") == options.disabled_rewrites.end()) {
    session->threads_->arena.execute([&] { FoldConstants(model, nodes, isa); });
  }
  session->executor_ = std::make_unique<Executor>(std::move(model), std::move(nodes), options);
  const Graph& g = session->executor_->model().graph;
  for (int v : session->executor_->RequiredInputs()) session->inputs_.push_back(Describe(g.values[v]));
  for (int v : g.outputs) session->outputs_.push_back(Describe(g.values[v]));
  session->metadata_ = session->executor_->model().metadata;
  return session;
}

Result<std::vector<Value>> Session::RunValues(const std::map<std::string, Value>& feeds) {
  const Graph& g = executor_->graph();
  std::vector<const Value*> fed(g.values.size(), nullptr);
  for (const auto& [name, value] : feeds) {
    int v = g.Find(name);
    if (v < 0 || std::find(g.inputs.begin(), g.inputs.end(), v) == g.inputs.end()) {
      std::string names;
      for (const ValueDesc& d : inputs_) names += (names.empty() ? "" : ", ") + d.name;
      return Status::InvalidArgument(
          StrCat("the model has no input named '", name, "' (its inputs: ", names, ")"));
    }
    fed[v] = &value;
  }
  Result<std::vector<Value>> result = Status::Internal("the run did not start");
  threads_->arena.execute([&] { result = executor_->Run(fed); });
  return result;
}

Result<std::vector<Tensor>> Session::Run(const std::map<std::string, Tensor>& feeds) {
  std::map<std::string, Value> values(feeds.begin(), feeds.end());
  ONNXI_ASSIGN_OR_RETURN(std::vector<Value> outputs, RunValues(values));
  std::vector<Tensor> tensors;
  for (size_t k = 0; k < outputs.size(); ++k) {
    if (!outputs[k].is_tensor()) {
      return Status::InvalidArgument(StrCat("output '", outputs_[k].name, "' is ",
                                            outputs[k].TypeString(), "; use RunValues"));
    }
    tensors.push_back(std::move(outputs[k].mutable_tensor()));
  }
  return tensors;
}

std::string Session::LastRunRandomNode() const { return executor_->last_run_random_node(); }

PlanStats Session::plan_stats() const { return executor_->plan_stats(); }

std::string Session::ProfileReport() const { return executor_->ProfileReport(); }

std::string Session::PlanReport() const { return executor_->PlanReport(); }

}  // namespace onnxi
