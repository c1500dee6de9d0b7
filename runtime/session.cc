// Session: the public face of load -> resolve -> (infer -> plan -> run per input shapes).
#include "onnxi/session.h"

#include "ops/registry.h"
#include "runtime/executor.h"
#include "runtime/loader.h"
#include "runtime/resolve.h"

namespace onnxi {
namespace {

ValueDesc Describe(const ValueInfo& v) {
  ValueDesc d;
  d.name = v.name;
  d.dtype = v.dtype;
  d.has_shape = v.has_shape;
  d.dims = v.dims;
  d.dim_names = v.dim_names;
  d.type_string = DescribeValueType(v);
  return d;
}

// Only tensors flow through onnxi today; say so up front rather than misread a sequence.
Status CheckTensorOnly(const Graph& g, const std::vector<int>& ids, const char* what) {
  for (int v : ids) {
    ValueKind k = g.values[v].kind;
    if (k != ValueKind::kTensor && k != ValueKind::kUnknown) {
      return Status::Unsupported(StrCat(what, " '", g.values[v].name, "' is a ",
                                        DescribeValueType(g.values[v]),
                                        "; only tensor values are supported"));
    }
  }
  return Status::Ok();
}

}  // namespace

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
  ONNXI_RETURN_IF_ERROR(CheckTensorOnly(model.graph, model.graph.inputs, "graph input").WithContext(label));
  ONNXI_RETURN_IF_ERROR(CheckTensorOnly(model.graph, model.graph.outputs, "graph output").WithContext(label));
  Result<std::vector<BoundNode>> bound =
      ResolveGraph(model.graph, model.opsets, OpRegistry::Default());
  if (!bound.ok()) return bound.status().WithContext(label);

  std::unique_ptr<Session> session(new Session());
  session->executor_ =
      std::make_unique<Executor>(std::move(model), std::move(bound).value(), options);
  const Graph& g = session->executor_->model().graph;
  for (int v : session->executor_->RequiredInputs()) session->inputs_.push_back(Describe(g.values[v]));
  for (int v : g.outputs) session->outputs_.push_back(Describe(g.values[v]));
  return session;
}

Result<std::vector<Tensor>> Session::Run(const std::map<std::string, Tensor>& feeds) {
  return executor_->Run(feeds);
}

std::string Session::FirstRandomNode() const { return executor_->FirstRandomNode(); }

PlanStats Session::plan_stats() const { return executor_->plan_stats(); }

std::string Session::PlanReport() const { return executor_->PlanReport(); }

}  // namespace onnxi
