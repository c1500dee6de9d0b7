// Session: the public face of load -> compile (rewrite -> resolve -> fold) -> per input
// shapes infer -> plan -> run.
#include "onnxi/session.h"

#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "runtime/compile.h"
#include "runtime/executor.h"
#include "runtime/loader.h"
#include "runtime/report.h"

namespace onnxi {
namespace {

ValueDesc Describe(const ValueInfo& v) {
  ValueDesc d;
  d.name = v.name;
  switch (v.kind) {
    case ValueKind::kTensor:
    case ValueKind::kUnknown:
      d.kind = ValueDesc::Kind::kTensor;
      break;
    case ValueKind::kSequence:
      d.kind = ValueDesc::Kind::kSequence;
      break;
    case ValueKind::kOptional:
      d.kind = ValueDesc::Kind::kOptional;
      break;
    default:
      d.kind = ValueDesc::Kind::kOther;
      break;
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

// The default memory limit: all of this machine's physical memory.
int64_t PhysicalMemory() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(pages) * page;
}

}  // namespace

// Every op of a session runs inside this arena, so the kernels' parallel_for calls use
// exactly Options::threads threads (the calling thread included). Runs take turns on `lock`:
// one plan and one arena per session.
struct Session::Threads {
  explicit Threads(int n) : arena(n) {}
  tbb::task_arena arena;
  std::mutex lock;
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
  const std::string label = model.path;
  if (options.threads < 1) {
    return Status::InvalidArgument(StrCat("threads must be at least 1, got ", options.threads));
  }
  if (options.max_memory < 0) {
    return Status::InvalidArgument(
        StrCat("max_memory must be 0 (this machine's memory) or a number of bytes, got ",
               options.max_memory));
  }
  const kernels::Isa isa = SelectIsa(options.kernels);
  if (!kernels::CpuSupports(isa)) {
    return Status::Unsupported(StrCat("kernels '", kernels::IsaName(isa),
                                      "' need instructions this CPU lacks (it runs '",
                                      kernels::IsaName(kernels::BestIsa()), "')"));
  }
  ONNXI_RETURN_IF_ERROR(CheckRewriteNames(options.disabled_rewrites));
  ONNXI_RETURN_IF_ERROR(
      CheckSupportedKinds(model.graph, model.graph.inputs, "graph input").WithContext(label));
  ONNXI_RETURN_IF_ERROR(
      CheckSupportedKinds(model.graph, model.graph.outputs, "graph output").WithContext(label));

  std::unique_ptr<Session> session(new Session());
  session->threads_ = std::make_unique<Threads>(options.threads);
  session->memory_limit_ = options.max_memory > 0 ? options.max_memory : PhysicalMemory();
  session->metadata_ = model.metadata;  // before the model moves into the compiled graph
  Result<std::unique_ptr<CompiledGraph>> compiled = Status::Internal("compile did not start");
  session->threads_->arena.execute(
      [&] { compiled = CompileGraph(std::move(model), options, /*is_subgraph=*/false); });
  if (!compiled.ok()) return compiled.status().WithContext(label);
  session->executor_ = std::make_unique<Executor>(std::move(compiled).value());
  const Graph& g = session->executor_->graph();
  for (int v : session->executor_->RequiredInputs()) {
    session->inputs_.push_back(Describe(g.values[v]));
  }
  for (int v : g.outputs) session->outputs_.push_back(Describe(g.values[v]));
  return session;
}

Result<std::vector<Value>> Session::RunValues(const std::map<std::string, Value>& feeds,
                                              const RunOptions& run_options) {
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
  if (run_options.timeout_seconds < 0) {
    return Status::InvalidArgument(
        StrCat("timeout_seconds must be 0 (none) or positive, got ", run_options.timeout_seconds));
  }
  RunControl control;
  control.cancel = run_options.cancel;
  control.memory_limit = memory_limit_;
  std::lock_guard<std::mutex> turn(threads_->lock);
  if (run_options.timeout_seconds > 0) {  // the clock starts when the run does
    control.deadline =
        RunControl::Clock::now() + std::chrono::duration_cast<RunControl::Clock::duration>(
                                       std::chrono::duration<double>(run_options.timeout_seconds));
  }
  Result<std::vector<Value>> result = Status::Internal("the run did not start");
  threads_->arena.execute([&] { result = executor_->Run(fed, control, run_options.observer); });
  return result;
}

Result<std::vector<Tensor>> Session::Run(const std::map<std::string, Tensor>& feeds,
                                         const RunOptions& run_options) {
  std::map<std::string, Value> values(feeds.begin(), feeds.end());
  ONNXI_ASSIGN_OR_RETURN(std::vector<Value> outputs, RunValues(values, run_options));
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

PlanStats Session::plan_stats() const { return PlanStatsOf(*executor_); }

std::string Session::ProfileReport() const { return ProfileReportOf(*executor_); }

std::string Session::PlanReport() const { return PlanReportOf(*executor_); }

}  // namespace onnxi
