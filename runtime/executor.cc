#include "runtime/executor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "runtime/planner.h"

namespace onnxi {

kernels::Isa SelectIsa(KernelChoice choice) {
  switch (choice) {
    case KernelChoice::kReference:
      return kernels::Isa::kReference;
    case KernelChoice::kGeneric:
      return kernels::Isa::kGeneric;
    case KernelChoice::kAvx2:
      return kernels::Isa::kAvx2;
    case KernelChoice::kAvx512:
      return kernels::Isa::kAvx512;
    case KernelChoice::kSimd:
      break;
  }
  return kernels::BestIsa();
}

Executor::Executor(Model model, std::vector<BoundNode> nodes, Options options)
    : model_(std::move(model)), nodes_(std::move(nodes)), options_(options),
      isa_(SelectIsa(options_.kernels)) {}

std::vector<int> Executor::RequiredInputs() const {
  std::vector<int> ids;
  for (int v : graph().inputs) {
    if (!graph().IsInitializer(v)) ids.push_back(v);
  }
  ids.insert(ids.end(), graph().captured.begin(), graph().captured.end());
  return ids;
}

std::string Executor::Context(int node) const {
  return NodeContext(graph(), node, nodes_[node].opset);
}

std::vector<const Value*> Executor::Reads(const std::vector<int>& ids,
                                          const std::vector<Value>& slots) const {
  std::vector<const Value*> reads;
  for (int v : ids) reads.push_back(v >= 0 ? &slots[v] : nullptr);
  return reads;
}

// The caller's values against the graph's declared inputs: kind, element type and shape.
Status Executor::CheckFed(const std::vector<const Value*>& fed) const {
  const Graph& g = graph();
  for (int v : RequiredInputs()) {
    if (fed[v] == nullptr) {
      return Status::InvalidArgument(StrCat("input '", g.values[v].name, "' (",
                                            DescribeValueType(g.values[v]), ") was not given"));
    }
  }
  for (int v : g.inputs) {
    const Value* value = fed[v];
    if (value == nullptr) continue;
    const ValueInfo& info = g.values[v];
    const std::string& name = info.name;
    bool want_tensor = info.kind == ValueKind::kTensor ||
                       (info.kind == ValueKind::kOptional && value->is_tensor());
    if (info.kind == ValueKind::kTensor && !value->is_tensor()) {
      return Status::InvalidArgument(StrCat("input '", name, "' is ", value->TypeString(),
                                            "; the model declares ", DescribeValueType(info)));
    }
    if (info.kind == ValueKind::kSequence && !value->is_sequence()) {
      return Status::InvalidArgument(StrCat("input '", name, "' is ", value->TypeString(),
                                            "; the model declares ", DescribeValueType(info)));
    }
    if (!want_tensor) continue;
    const Tensor& t = value->tensor();
    DataType declared = g.IsInitializer(v) ? g.initializers.at(v).dtype() : info.dtype;
    if (declared != DataType::kUndefined && declared != t.dtype()) {
      return Status::InvalidArgument(StrCat("input '", name, "' has element type ",
                                            DataTypeName(t.dtype()), "; the model declares ",
                                            DescribeValueType(info)));
    }
    if (info.has_shape && options_.check_input_shapes) {
      bool ok = info.dims.size() == t.shape().size();
      for (size_t d = 0; ok && d < info.dims.size(); ++d) {
        ok = info.dims[d] < 0 || info.dims[d] == t.shape()[d];
      }
      if (!ok) {
        return Status::InvalidArgument(StrCat("input '", name, "' has shape ",
                                              ShapeToString(t.shape()), "; the model declares ",
                                              DescribeValueType(info)));
      }
    }
  }
  return Status::Ok();
}

// Ops that only know tensors get a clear error rather than a misread sequence.
static Status CheckTensorInputs(const Op& op, const std::vector<const Value*>& ins) {
  if (op.takes_values()) return Status::Ok();
  for (size_t k = 0; k < ins.size(); ++k) {
    if (ins[k] != nullptr && ins[k]->is_sequence()) {
      return Status::InvalidModel(StrCat("input ", k, " is a ", ins[k]->TypeString(),
                                         "; this op takes tensors"));
    }
  }
  return Status::Ok();
}

// infer: types and shapes of every value for these inputs, folding constants.
Status Executor::Prepare(const std::vector<const Value*>& fed) {
  const Graph& g = graph();
  const size_t nv = g.values.size();
  const int nn = static_cast<int>(g.nodes.size());
  mode_.assign(nn, Mode::kStatic);
  scratch_need_.assign(nn, 0);
  storage_.assign(nv, Storage::kNone);
  kind_.assign(nv, Value::Kind::kTensor);
  dtype_.assign(nv, DataType::kUndefined);
  shape_.assign(nv, {});
  constant_.assign(nv, Value());
  signature_.assign(nv, {});
  fed_kind_.assign(nv, Value::Kind::kNone);

  for (const auto& [v, t] : g.initializers) {
    storage_[v] = Storage::kConstant;
    constant_[v] = t;
    dtype_[v] = t.dtype();
    shape_[v] = t.shape();
  }
  for (const auto& [v, meta] : released_) {
    storage_[v] = Storage::kReleased;
    dtype_[v] = meta.first;
    shape_[v] = meta.second;
  }
  for (size_t v = 0; v < nv; ++v) {
    if (fed[v] == nullptr) continue;
    const Value& value = *fed[v];
    storage_[v] = Storage::kFeed;
    constant_[v] = Value();
    kind_[v] = fed_kind_[v] = value.kind();
    if (value.is_tensor()) {
      dtype_[v] = value.tensor().dtype();
      shape_[v] = signature_[v] = value.tensor().shape();
    } else {
      dtype_[v] = value.is_sequence() ? value.sequence_dtype() : DataType::kUndefined;
      shape_[v].clear();
    }
  }

  for (int i = 0; i < nn; ++i) {
    const Node& node = g.nodes[i];
    Op& op = *nodes_[i].op;
    bool any_dynamic = false;
    bool all_constant = true;
    for (const std::vector<int>* list : {&node.inputs, &node.implicit_inputs}) {
      for (int v : *list) {
        if (v < 0) continue;
        if (storage_[v] == Storage::kDynamic) any_dynamic = true;
        if (storage_[v] != Storage::kConstant) all_constant = false;
      }
    }
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      int v = node.inputs[k];
      if (v < 0 || storage_[v] == Storage::kDynamic || kind_[v] == Value::Kind::kNone) continue;
      if (kind_[v] == Value::Kind::kSequence && !op.takes_values()) {
        return Status::InvalidModel(StrCat("input ", k, " ('", g.values[v].name,
                                           "') is a sequence; this op takes tensors"))
            .WithContext(Context(i));
      }
      // Only constants have data now: feeds change from run to run.
      const Value* known = storage_[v] == Storage::kConstant ? &constant_[v] : nullptr;
      facts[k] = {true, dtype_[v], shape_[v],
                  known && known->is_tensor() ? &known->tensor() : nullptr, kind_[v], known};
    }
    Status s = Status::Deferred();
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    ctx.isa = isa_;
    if (!any_dynamic) s = op.Prepare(ctx);
    if (s.deferred()) {
      mode_[i] = Mode::kDeferred;
      for (int v : node.outputs) {
        if (v >= 0) storage_[v] = Storage::kDynamic;
      }
      continue;
    }
    if (!s.ok()) return s.WithContext(Context(i));
    scratch_need_[i] = ctx.scratch_bytes();
    for (int k : ctx.released_inputs()) Release(i, k);

    bool values_given = true;
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      int v = node.outputs[k];
      if (v < 0) continue;
      if (ctx.output_value(k).empty()) values_given = false;
      if (ctx.output_by_run(k)) continue;
      dtype_[v] = ctx.output_dtype(k);
      shape_[v] = ctx.output_shape(k);
      for (int64_t d : shape_[v]) {
        if (d < 0) {
          return Status::Internal(StrCat(Context(i), ": output ", k, " has a negative dim in ",
                                         ShapeToString(shape_[v])));
        }
      }
    }
    if (values_given) {  // Shape, Size, Constant: the value is known from shapes alone
      mode_[i] = Mode::kFolded;
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        int v = node.outputs[k];
        if (v < 0) continue;
        storage_[v] = Storage::kConstant;
        constant_[v] = ctx.output_value(k);
      }
    } else if (all_constant && op.deterministic()) {
      ONNXI_RETURN_IF_ERROR(FoldNode(i, ctx));
    } else {
      mode_[i] = Mode::kStatic;
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        int v = node.outputs[k];
        if (v >= 0) storage_[v] = ctx.output_by_run(k) ? Storage::kDynamic : Storage::kArena;
      }
    }
  }
  return PlanMemory();
}

// Node i packed its constant input k: free it when nothing else can read it.
void Executor::Release(int i, int k) {
  Graph& g = model_.graph;
  const int v = g.nodes[i].inputs[k];
  if (v < 0 || !g.IsInitializer(v) || storage_[v] != Storage::kConstant) return;
  if (std::count(g.inputs.begin(), g.inputs.end(), v) ||
      std::count(g.outputs.begin(), g.outputs.end(), v)) {
    return;
  }
  for (size_t j = 0; j < g.nodes.size(); ++j) {
    const Node& other = g.nodes[j];
    const int reads = static_cast<int>(std::count(other.inputs.begin(), other.inputs.end(), v) +
                                       std::count(other.implicit_inputs.begin(),
                                                  other.implicit_inputs.end(), v));
    if (reads > (static_cast<int>(j) == i ? 1 : 0)) return;
  }
  released_[v] = {dtype_[v], shape_[v]};
  storage_[v] = Storage::kReleased;
  constant_[v] = Value();
  g.initializers.erase(v);
}

// Constant folding: every input is a constant, so run the node now, once.
Status Executor::FoldNode(int i, PrepareContext& ctx) {
  const Node& node = graph().nodes[i];
  std::vector<Value> outs(node.outputs.size());
  std::vector<Value*> out_ptrs;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    if (node.outputs[k] >= 0 && !ctx.output_by_run(k)) {
      outs[k] = Tensor::Allocate(ctx.output_dtype(k), ctx.output_shape(k));
    }
    out_ptrs.push_back(node.outputs[k] >= 0 ? &outs[k] : nullptr);
  }
  RunContext run_ctx(Reads(node.inputs, constant_), std::move(out_ptrs),
                     Reads(node.implicit_inputs, constant_));
  run_ctx.num_threads = options_.threads;
  run_ctx.isa = isa_;
  run_ctx.scratch = Scratch(ctx.scratch_bytes());
  Status rs = nodes_[i].op->Run(run_ctx);
  if (!rs.ok()) return rs.WithContext(Context(i));
  mode_[i] = Mode::kFolded;
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    int v = node.outputs[k];
    if (v < 0) continue;
    storage_[v] = Storage::kConstant;
    constant_[v] = std::move(outs[k]);
    kind_[v] = constant_[v].kind();
    if (constant_[v].is_tensor()) {
      dtype_[v] = constant_[v].tensor().dtype();
      shape_[v] = constant_[v].tensor().shape();
    } else if (constant_[v].is_sequence()) {
      dtype_[v] = constant_[v].sequence_dtype();
    }
  }
  return Status::Ok();
}

// plan: lifetimes of static intermediates and their arena offsets.
Status Executor::PlanMemory() {
  const Graph& g = graph();
  const size_t nv = g.values.size();
  const int nn = static_cast<int>(g.nodes.size());
  first_use_.assign(nv, -1);
  last_use_.assign(nv, -1);
  offset_.assign(nv, -1);
  release_after_.assign(nn, {});
  for (int i = 0; i < nn; ++i) {
    if (mode_[i] == Mode::kFolded) continue;
    for (int v : g.nodes[i].outputs) {
      if (v >= 0) first_use_[v] = last_use_[v] = i;
    }
    for (const std::vector<int>* list : {&g.nodes[i].inputs, &g.nodes[i].implicit_inputs}) {
      for (int v : *list) {
        if (v >= 0) last_use_[v] = std::max(last_use_[v], i);
      }
    }
  }
  std::vector<bool> is_output(nv, false);
  for (int v : g.outputs) is_output[v] = true;

  std::vector<BufferRequest> requests;
  std::vector<int> planned;
  for (size_t v = 0; v < nv; ++v) {
    if (storage_[v] == Storage::kArena) {
      // Graph outputs are handed to the caller and strings own their heap memory.
      if (is_output[v] || dtype_[v] == DataType::kString || !options_.memory_plan) {
        storage_[v] = Storage::kHeap;
      } else {
        size_t bytes = DataTypeStorageBytes(dtype_[v], NumElements(shape_[v]));
        requests.push_back({static_cast<int64_t>(bytes), first_use_[v], last_use_[v]});
        planned.push_back(static_cast<int>(v));
      }
    }
    if ((storage_[v] == Storage::kHeap || storage_[v] == Storage::kDynamic) && !is_output[v] &&
        last_use_[v] >= 0) {
      release_after_[last_use_[v]].push_back(static_cast<int>(v));
    }
  }
  ArenaPlan plan = PlanArena(requests);
  for (size_t k = 0; k < planned.size(); ++k) offset_[planned[k]] = plan.offsets[k];
  arena_peak_ = plan.peak;
  arena_total_ = plan.total;
  if (arena_.nbytes() < static_cast<size_t>(arena_peak_)) {
    arena_ = Tensor::Allocate(DataType::kUint8, {arena_peak_});
  }
  size_t scratch = 0;
  for (int i = 0; i < nn; ++i) {
    if (mode_[i] == Mode::kStatic) scratch = std::max(scratch, scratch_need_[i]);
  }
  Scratch(scratch);
  prepared_ = true;
  return Status::Ok();
}

void* Executor::Scratch(size_t bytes) {
  if (bytes == 0) return nullptr;
  if (scratch_.nbytes() < bytes) {
    scratch_ = Tensor::Allocate(DataType::kUint8, {static_cast<int64_t>(bytes)});
  }
  return scratch_.raw_data();
}

Status Executor::RunNode(int i, std::vector<Value>& slots) {
  const Node& node = graph().nodes[i];
  Op& op = *nodes_[i].op;
  std::vector<const Value*> ins = Reads(node.inputs, slots);
  std::vector<bool> by_run(node.outputs.size(), false);

  if (mode_[i] == Mode::kDeferred) {
    Status check = CheckTensorInputs(op, ins);
    if (!check.ok()) return check.WithContext(Context(i));
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      const Value* in = ins[k];
      const int v = node.inputs[k];
      if (v >= 0 && storage_[v] == Storage::kReleased) {  // packed by this op earlier
        facts[k] = {true, dtype_[v], shape_[v], nullptr, Value::Kind::kTensor, nullptr};
        continue;
      }
      if (in == nullptr || in->is_none()) {
        facts[k].value = in;
        continue;
      }
      bool tensor = in->is_tensor();
      facts[k] = {true, tensor ? in->tensor().dtype() : in->sequence_dtype(),
                  tensor ? in->tensor().shape() : Shape{}, tensor ? &in->tensor() : nullptr,
                  in->kind(), in};
    }
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    ctx.isa = isa_;
    Status s = op.Prepare(ctx);
    if (s.deferred()) {
      return Status::Internal(StrCat(Context(i), ": Prepare deferred although all data is known"));
    }
    if (!s.ok()) return s.WithContext(Context(i));
    scratch_need_[i] = ctx.scratch_bytes();
    // No ReleaseConstantInput here: a deferred node is prepared again on every run.
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      int v = node.outputs[k];
      if (v < 0) continue;
      by_run[k] = ctx.output_by_run(k);
      if (!ctx.output_value(k).empty()) {
        slots[v] = ctx.output_value(k);
      } else if (by_run[k]) {
        slots[v] = Value();
      } else {
        slots[v] = Tensor::Allocate(ctx.output_dtype(k), ctx.output_shape(k));
      }
    }
  } else {
    for (int v : node.outputs) {
      if (v < 0) continue;
      if (storage_[v] == Storage::kHeap) slots[v] = Tensor::Allocate(dtype_[v], shape_[v]);
      if (storage_[v] == Storage::kDynamic) slots[v] = Value();
    }
  }
  std::vector<Value*> outs;
  for (int v : node.outputs) outs.push_back(v >= 0 ? &slots[v] : nullptr);
  RunContext ctx(std::move(ins), std::move(outs), Reads(node.implicit_inputs, slots));
  ctx.num_threads = options_.threads;
  ctx.isa = isa_;
  ctx.scratch = Scratch(scratch_need_[i]);
  Status s = op.Run(ctx);
  if (!s.ok()) return s.WithContext(Context(i));
  if (ctx.used_randomness && random_node_.empty()) {
    random_node_ = StrCat(node.op_type, " (node '", NodeDisplayName(graph(), i), "')");
  }
  for (int v : release_after_[i]) slots[v] = Value();
  return Status::Ok();
}

Result<std::vector<Value>> Executor::Run(const std::vector<const Value*>& fed) {
  const Graph& g = graph();
  ONNXI_RETURN_IF_ERROR(CheckFed(fed));

  // The plan holds while the same values are fed with the same shapes and kinds.
  bool same = prepared_;
  for (size_t v = 0; same && v < fed.size(); ++v) {
    bool was_fed = storage_[v] == Storage::kFeed;
    same = (fed[v] != nullptr) == was_fed;
    if (same && was_fed) {
      same = fed[v]->kind() == fed_kind_[v] &&
             (!fed[v]->is_tensor() || fed[v]->tensor().shape() == signature_[v]);
    }
  }
  if (!same) ONNXI_RETURN_IF_ERROR(Prepare(fed));

  random_node_.clear();
  std::vector<Value> slots(g.values.size());
  for (size_t v = 0; v < slots.size(); ++v) {
    switch (storage_[v]) {
      case Storage::kConstant: slots[v] = constant_[v]; break;
      case Storage::kFeed:
        if (fed[v]->is_tensor() && fed[v]->tensor().dtype() != DataType::kString) {
          // Ops never write their inputs, so the caller's buffer is borrowed, not copied.
          const Tensor& t = fed[v]->tensor();
          slots[v] = Tensor::Borrow(t.dtype(), t.shape(), const_cast<void*>(t.raw_data()));
        } else {
          slots[v] = *fed[v];
        }
        break;
      case Storage::kArena:
        slots[v] = Tensor::Borrow(dtype_[v], shape_[v],
                                  static_cast<uint8_t*>(arena_.raw_data()) + offset_[v]);
        break;
      default: break;
    }
  }
  if (options_.profile) {
    node_ms_.resize(g.nodes.size(), 0.0);
    ++profiled_runs_;
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (mode_[i] == Mode::kFolded) continue;
    if (!options_.profile) {
      ONNXI_RETURN_IF_ERROR(RunNode(static_cast<int>(i), slots));
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    ONNXI_RETURN_IF_ERROR(RunNode(static_cast<int>(i), slots));
    node_ms_[i] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start).count();
  }
  std::vector<Value> outputs;
  for (int v : g.outputs) {
    Value& out = slots[v];
    // Constants, feeds, arena views and repeated outputs must not hand out shared memory.
    bool fresh = !out.is_tensor() ||
                 (out.tensor().owns_data() && storage_[v] != Storage::kConstant &&
                  std::count(g.outputs.begin(), g.outputs.end(), v) == 1);
    outputs.push_back(fresh ? out : Value(out.tensor().Clone()));
  }
  return outputs;
}

PlanStats Executor::plan_stats() const {
  PlanStats s;
  s.arena_bytes = arena_peak_;
  s.scratch_bytes = static_cast<int64_t>(scratch_.nbytes());
  s.intermediate_bytes = arena_total_;
  for (int64_t o : offset_) s.num_planned += o >= 0;
  for (Mode m : mode_) {
    s.num_folded_nodes += m == Mode::kFolded;
    s.num_deferred_nodes += m == Mode::kDeferred;
  }
  return s;
}

std::string Executor::PlanReport() const {
  if (!prepared_) return "no plan yet: the model has not run\n";
  const Graph& g = model_.graph;
  std::vector<int> planned;
  for (size_t v = 0; v < offset_.size(); ++v) {
    if (offset_[v] >= 0) planned.push_back(static_cast<int>(v));
  }
  std::sort(planned.begin(), planned.end(), [&](int a, int b) {
    return std::tie(first_use_[a], offset_[a]) < std::tie(first_use_[b], offset_[b]);
  });
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-40s %12s %12s %6s %6s  %s\n", "value", "offset", "bytes",
                "first", "last", "type");
  out += line;
  for (int v : planned) {
    std::string name = g.values[v].name;
    if (name.size() > 40) name = name.substr(0, 37) + "...";
    std::snprintf(line, sizeof line, "%-40s %12lld %12zu %6d %6d  %s\n", name.c_str(),
                  static_cast<long long>(offset_[v]),
                  DataTypeStorageBytes(dtype_[v], NumElements(shape_[v])), first_use_[v],
                  last_use_[v], (DataTypeName(dtype_[v]) + ShapeToString(shape_[v])).c_str());
    out += line;
  }
  PlanStats s = plan_stats();
  std::snprintf(line, sizeof line,
                "arena peak %lld bytes (%.2f MiB) for %d values; sum of intermediates %lld bytes "
                "(%.2f MiB); peak/sum %.3f; %d nodes folded, %d deferred to run time; "
                "shared scratch %.2f MiB\n",
                static_cast<long long>(s.arena_bytes), s.arena_bytes / 1048576.0, s.num_planned,
                static_cast<long long>(s.intermediate_bytes), s.intermediate_bytes / 1048576.0,
                s.intermediate_bytes ? double(s.arena_bytes) / s.intermediate_bytes : 0.0,
                s.num_folded_nodes, s.num_deferred_nodes, s.scratch_bytes / 1048576.0);
  out += line;
  return out;
}

}  // namespace onnxi

namespace onnxi {

std::string Executor::ProfileReport() const {
  if (profiled_runs_ == 0) return "no profile: run with Options::profile (onnxi bench --profile)\n";
  const Graph& g = graph();
  double total = 0;
  std::map<std::string, std::pair<double, int>> by_type;  // op type -> (ms, nodes)
  for (size_t i = 0; i < node_ms_.size(); ++i) {
    if (mode_[i] == Mode::kFolded) continue;
    const Node& node = g.nodes[i];
    auto& entry = by_type[node.domain.empty() ? node.op_type : node.domain + "." + node.op_type];
    entry.first += node_ms_[i];
    entry.second += 1;
    total += node_ms_[i];
  }
  std::vector<std::pair<double, std::string>> types;
  for (const auto& [type, entry] : by_type) types.push_back({entry.first, type});
  std::sort(types.rbegin(), types.rend());
  const double runs = profiled_runs_;
  std::string out = StrCat("time per run by op type (", profiled_runs_, " runs; ms, share, nodes)\n");
  char line[160];
  for (const auto& [ms, type] : types) {
    std::snprintf(line, sizeof line, "  %-28s %9.3f  %5.1f%%  %d\n", type.c_str(), ms / runs,
                  total > 0 ? 100 * ms / total : 0.0, by_type.at(type).second);
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-28s %9.3f\n", "total", total / runs);
  out += line;
  std::vector<std::pair<double, int>> nodes;
  for (size_t i = 0; i < node_ms_.size(); ++i) {
    if (mode_[i] != Mode::kFolded) nodes.push_back({node_ms_[i], static_cast<int>(i)});
  }
  std::sort(nodes.rbegin(), nodes.rend());
  out += "slowest nodes (ms per run)\n";
  for (size_t k = 0; k < nodes.size() && k < 10; ++k) {
    const int i = nodes[k].second;
    std::snprintf(line, sizeof line, "  %9.3f  %s (node '%s')\n", nodes[k].first / runs,
                  g.nodes[i].op_type.c_str(), NodeDisplayName(g, i).c_str());
    out += line;
  }
  return out;
}

}  // namespace onnxi
