#include "runtime/executor.h"

#include <algorithm>
#include <cstdio>

#include "runtime/planner.h"

namespace onnxi {

Executor::Executor(Model model, std::vector<BoundNode> nodes, Options options)
    : model_(std::move(model)), nodes_(std::move(nodes)), options_(options) {}

std::vector<int> Executor::RequiredInputs() const {
  std::vector<int> ids;
  for (int v : model_.graph.inputs) {
    if (!model_.graph.IsInitializer(v)) ids.push_back(v);
  }
  return ids;
}

std::string Executor::Context(int node) const {
  return NodeContext(model_.graph, node, nodes_[node].opset);
}

Status Executor::CheckFeeds(const std::map<std::string, Tensor>& feeds,
                            std::vector<const Tensor*>* by_value) const {
  const Graph& g = model_.graph;
  by_value->assign(g.values.size(), nullptr);
  for (const auto& [name, tensor] : feeds) {
    int v = g.Find(name);
    bool is_input = v >= 0 && std::find(g.inputs.begin(), g.inputs.end(), v) != g.inputs.end();
    if (!is_input) {
      std::string names;
      for (int r : RequiredInputs()) names += (names.empty() ? "" : ", ") + g.values[r].name;
      return Status::InvalidArgument(
          StrCat("the model has no input named '", name, "' (its inputs: ", names, ")"));
    }
    const ValueInfo& info = g.values[v];
    if (!g.IsInitializer(v) && info.dtype != tensor.dtype()) {
      return Status::InvalidArgument(StrCat("input '", name, "' has element type ",
                                            DataTypeName(tensor.dtype()), "; the model declares ",
                                            DescribeValueType(info)));
    }
    if (g.IsInitializer(v) && g.initializers.at(v).dtype() != tensor.dtype()) {
      return Status::InvalidArgument(StrCat("input '", name, "' has element type ",
                                            DataTypeName(tensor.dtype()), "; its default is ",
                                            g.initializers.at(v).TypeString()));
    }
    if (info.has_shape) {
      bool ok = info.dims.size() == tensor.shape().size();
      for (size_t d = 0; ok && d < info.dims.size(); ++d) {
        ok = info.dims[d] < 0 || info.dims[d] == tensor.shape()[d];
      }
      if (!ok) {
        return Status::InvalidArgument(StrCat("input '", name, "' has shape ",
                                              ShapeToString(tensor.shape()),
                                              "; the model declares ", DescribeValueType(info)));
      }
    }
    (*by_value)[v] = &tensor;
  }
  for (int v : RequiredInputs()) {
    if ((*by_value)[v] == nullptr) {
      return Status::InvalidArgument(StrCat("input '", g.values[v].name, "' (",
                                            DescribeValueType(g.values[v]), ") was not given"));
    }
  }
  return Status::Ok();
}

// infer: shapes and types of every value for these input shapes, folding constants.
Status Executor::Prepare(const std::vector<const Tensor*>& fed) {
  const Graph& g = model_.graph;
  const size_t nv = g.values.size();
  const int nn = static_cast<int>(g.nodes.size());
  mode_.assign(nn, Mode::kStatic);
  storage_.assign(nv, Storage::kNone);
  dtype_.assign(nv, DataType::kUndefined);
  shape_.assign(nv, {});
  constant_.assign(nv, Tensor());
  signature_.assign(nv, {});

  for (const auto& [v, t] : g.initializers) {
    storage_[v] = Storage::kConstant;
    constant_[v] = t;
  }
  for (size_t v = 0; v < nv; ++v) {
    if (fed[v] == nullptr) continue;
    storage_[v] = Storage::kFeed;
    constant_[v] = Tensor();
    signature_[v] = fed[v]->shape();
  }
  for (size_t v = 0; v < nv; ++v) {
    if (storage_[v] == Storage::kConstant) {
      dtype_[v] = constant_[v].dtype();
      shape_[v] = constant_[v].shape();
    } else if (storage_[v] == Storage::kFeed) {
      dtype_[v] = fed[v]->dtype();
      shape_[v] = fed[v]->shape();
    }
  }

  for (int i = 0; i < nn; ++i) {
    const Node& node = g.nodes[i];
    bool any_dynamic = false;
    bool all_constant = true;
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      int v = node.inputs[k];
      if (v < 0) continue;
      if (storage_[v] == Storage::kDynamic) any_dynamic = true;
      if (storage_[v] != Storage::kConstant) all_constant = false;
      facts[k] = {true, dtype_[v], shape_[v],
                  storage_[v] == Storage::kConstant ? &constant_[v] : nullptr};
    }
    Op& op = *nodes_[i].op;
    Status s = Status::Deferred();
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    if (!any_dynamic) s = op.Prepare(ctx);
    if (s.deferred()) {
      mode_[i] = Mode::kDeferred;
      for (int v : node.outputs) {
        if (v >= 0) storage_[v] = Storage::kDynamic;
      }
      continue;
    }
    if (!s.ok()) return s.WithContext(Context(i));

    bool values_given = true;
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      if (node.outputs[k] >= 0 && ctx.output_value(k).empty()) values_given = false;
    }
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      int v = node.outputs[k];
      if (v < 0) continue;
      dtype_[v] = ctx.output_dtype(k);
      shape_[v] = ctx.output_shape(k);
      for (int64_t d : shape_[v]) {
        if (d < 0) {
          return Status::Internal(StrCat(Context(i), ": output ", k, " has a negative dim in ",
                                         ShapeToString(shape_[v])));
        }
      }
    }
    if (values_given) {  // Shape, Size: the value is known from shapes alone
      mode_[i] = Mode::kFolded;
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        int v = node.outputs[k];
        if (v < 0) continue;
        storage_[v] = Storage::kConstant;
        constant_[v] = ctx.output_value(k);
      }
    } else if (all_constant && op.deterministic()) {  // constant folding: run it now
      std::vector<const Tensor*> ins;
      for (int v : node.inputs) ins.push_back(v >= 0 ? &constant_[v] : nullptr);
      std::vector<Tensor> outs(node.outputs.size());
      std::vector<Tensor*> out_ptrs;
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        if (node.outputs[k] >= 0) outs[k] = Tensor::Allocate(ctx.output_dtype(k), ctx.output_shape(k));
        out_ptrs.push_back(node.outputs[k] >= 0 ? &outs[k] : nullptr);
      }
      RunContext run_ctx(std::move(ins), std::move(out_ptrs));
      run_ctx.num_threads = options_.threads;
      Status rs = op.Run(run_ctx);
      if (!rs.ok()) return rs.WithContext(Context(i));
      mode_[i] = Mode::kFolded;
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        int v = node.outputs[k];
        if (v < 0) continue;
        storage_[v] = Storage::kConstant;
        constant_[v] = std::move(outs[k]);
      }
    } else {
      mode_[i] = Mode::kStatic;
      for (int v : node.outputs) {
        if (v >= 0) storage_[v] = Storage::kArena;
      }
    }
  }
  return PlanMemory();
}

// plan: lifetimes of static intermediates and their arena offsets.
Status Executor::PlanMemory() {
  const Graph& g = model_.graph;
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
    for (int v : g.nodes[i].inputs) {
      if (v >= 0) last_use_[v] = std::max(last_use_[v], i);
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
  prepared_ = true;
  return Status::Ok();
}

Status Executor::RunNode(int i, std::vector<Tensor>& slots) {
  const Node& node = model_.graph.nodes[i];
  Op& op = *nodes_[i].op;
  std::vector<const Tensor*> ins;
  for (int v : node.inputs) ins.push_back(v >= 0 ? &slots[v] : nullptr);

  if (mode_[i] == Mode::kDeferred) {
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      if (ins[k]) facts[k] = {true, ins[k]->dtype(), ins[k]->shape(), ins[k]};
    }
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    Status s = op.Prepare(ctx);
    if (s.deferred()) {
      return Status::Internal(StrCat(Context(i), ": Prepare deferred although all data is known"));
    }
    if (!s.ok()) return s.WithContext(Context(i));
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      int v = node.outputs[k];
      if (v < 0) continue;
      if (!ctx.output_value(k).empty()) {
        slots[v] = ctx.output_value(k);
      } else {
        slots[v] = Tensor::Allocate(ctx.output_dtype(k), ctx.output_shape(k));
      }
    }
  } else {
    for (int v : node.outputs) {
      if (v >= 0 && storage_[v] == Storage::kHeap) slots[v] = Tensor::Allocate(dtype_[v], shape_[v]);
    }
  }
  std::vector<Tensor*> outs;
  for (int v : node.outputs) outs.push_back(v >= 0 ? &slots[v] : nullptr);
  RunContext ctx(std::move(ins), std::move(outs));
  ctx.num_threads = options_.threads;
  Status s = op.Run(ctx);
  if (!s.ok()) return s.WithContext(Context(i));
  for (int v : release_after_[i]) slots[v] = Tensor();
  return Status::Ok();
}

Result<std::vector<Tensor>> Executor::Run(const std::map<std::string, Tensor>& feeds) {
  const Graph& g = model_.graph;
  std::vector<const Tensor*> fed;
  ONNXI_RETURN_IF_ERROR(CheckFeeds(feeds, &fed));

  bool same_shapes = prepared_;
  for (size_t v = 0; same_shapes && v < fed.size(); ++v) {
    bool was_fed = storage_[v] == Storage::kFeed;
    same_shapes = (fed[v] != nullptr) == was_fed && (!was_fed || fed[v]->shape() == signature_[v]);
  }
  // Deferred nodes may have folded constants downstream of fed data; only a plan with no
  // data-dependent folding can be reused, which Prepare guarantees: it folds only values
  // whose inputs are all constants.
  if (!same_shapes) ONNXI_RETURN_IF_ERROR(Prepare(fed));

  std::vector<Tensor> slots(g.values.size());
  for (size_t v = 0; v < slots.size(); ++v) {
    switch (storage_[v]) {
      case Storage::kConstant: slots[v] = constant_[v]; break;
      case Storage::kFeed:
        // Ops never write their inputs, so the caller's buffer is borrowed, not copied.
        slots[v] = Tensor::Borrow(fed[v]->dtype(), fed[v]->shape(),
                                  const_cast<void*>(fed[v]->raw_data()));
        if (fed[v]->dtype() == DataType::kString) slots[v] = *fed[v];
        break;
      case Storage::kArena:
        slots[v] = Tensor::Borrow(dtype_[v], shape_[v],
                                  static_cast<uint8_t*>(arena_.raw_data()) + offset_[v]);
        break;
      default: break;
    }
  }
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (mode_[i] == Mode::kFolded) continue;
    ONNXI_RETURN_IF_ERROR(RunNode(static_cast<int>(i), slots));
  }
  std::vector<Tensor> outputs;
  for (int v : g.outputs) {
    // Constants, feeds and repeated outputs must not hand out shared or borrowed memory.
    bool fresh = slots[v].owns_data() && storage_[v] != Storage::kConstant &&
                 std::count(g.outputs.begin(), g.outputs.end(), v) == 1;
    outputs.push_back(fresh ? slots[v] : slots[v].Clone());
  }
  return outputs;
}

std::string Executor::FirstRandomNode() const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (!nodes_[i].op->deterministic()) {
      return StrCat(model_.graph.nodes[i].op_type, " (node '",
                    NodeDisplayName(model_.graph, static_cast<int>(i)), "')");
    }
  }
  return "";
}

PlanStats Executor::plan_stats() const {
  PlanStats s;
  s.arena_bytes = arena_peak_;
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
                "(%.2f MiB); peak/sum %.3f; %d nodes folded, %d deferred to run time\n",
                static_cast<long long>(s.arena_bytes), s.arena_bytes / 1048576.0, s.num_planned,
                static_cast<long long>(s.intermediate_bytes), s.intermediate_bytes / 1048576.0,
                s.intermediate_bytes ? double(s.arena_bytes) / s.intermediate_bytes : 0.0,
                s.num_folded_nodes, s.num_deferred_nodes);
  out += line;
  return out;
}

}  // namespace onnxi
