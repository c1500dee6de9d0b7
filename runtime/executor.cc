// run: bind, run each node, hand out the outputs; see executor.h.
#include "runtime/executor.h"

#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <new>

#include "runtime/fold.h"
#include "runtime/infer.h"

namespace onnxi {
namespace {

std::vector<const Value*> Reads(const std::vector<int>& ids, const std::vector<Value>& slots) {
  std::vector<const Value*> reads;
  reads.reserve(ids.size());
  for (int v : ids) reads.push_back(v >= 0 ? &slots[v] : nullptr);
  return reads;
}

int64_t BytesOf(const Value& v) {
  if (v.is_tensor()) return static_cast<int64_t>(v.tensor().nbytes());
  int64_t n = 0;
  if (v.is_sequence()) {
    for (const Tensor& t : v.sequence()) n += static_cast<int64_t>(t.nbytes());
  }
  return n;
}

}  // namespace

Executor::Executor(std::unique_ptr<CompiledGraph> compiled) : cg_(std::move(compiled)) {}

// The caller's values against the graph's declared inputs: kind, element type and shape.
Status Executor::CheckFeeds(const std::vector<const Value*>& feeds) const {
  const Graph& g = graph();
  for (int v : RequiredInputs()) {
    if (feeds[v] == nullptr) {
      return Status::InvalidArgument(StrCat("input '", g.values[v].name, "' (",
                                            DescribeValueType(g.values[v]), ") was not given"));
    }
  }
  for (int v : g.inputs) {
    const Value* value = feeds[v];
    if (value == nullptr) continue;
    const ValueInfo& info = g.values[v];
    const std::string& name = info.name;
    const bool want_tensor = info.kind == ValueKind::kTensor ||
                             (info.kind == ValueKind::kOptional && value->is_tensor());
    if ((info.kind == ValueKind::kTensor && !value->is_tensor()) ||
        (info.kind == ValueKind::kSequence && !value->is_sequence())) {
      return Status::InvalidArgument(StrCat("input '", name, "' is ", value->TypeString(),
                                            "; the model declares ", DescribeValueType(info)));
    }
    if (!want_tensor) continue;
    const Tensor& t = value->tensor();
    const Value& default_value = cg_->constants[v];
    const DataType declared = cg_->has_default[v] && default_value.is_tensor()
                                  ? default_value.tensor().dtype()
                                  : info.dtype;
    if (declared != DataType::kUndefined && declared != t.dtype()) {
      return Status::InvalidArgument(StrCat("input '", name, "' has element type ",
                                            DataTypeName(t.dtype()), "; the model declares ",
                                            DescribeValueType(info)));
    }
    if (info.has_shape && cg_->options.check_input_shapes) {
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

NodeInfo Executor::Describe(int i) const {
  const Graph& g = graph();
  const Node& node = g.nodes[i];
  NodeInfo info;
  info.index = i;
  info.name = NodeDisplayName(g, i);
  info.op_type = node.op_type;
  info.domain = node.domain;
  info.opset = cg_->nodes[i].opset;
  for (int v : node.inputs) info.input_names.push_back(v >= 0 ? g.values[v].name : "");
  for (int v : node.outputs) info.output_names.push_back(v >= 0 ? g.values[v].name : "");
  return info;
}

void* Executor::Scratch(size_t bytes) {
  if (bytes == 0) return nullptr;
  if (deferred_scratch_.nbytes() < bytes) {
    deferred_scratch_ = Tensor::Allocate(DataType::kUint8, {static_cast<int64_t>(bytes)});
  }
  return deferred_scratch_.raw_data();
}

Status Executor::RunNode(int i, std::vector<Value>& slots, const RunControl& control,
                         RunObserver* observer, bool concurrent) {
  const Node& node = graph().nodes[i];
  Op& op = *cg_->nodes[i].op;
  const NodePlan& np = plan_->nodes[i];
  std::vector<const Value*> ins = Reads(node.inputs, slots);
  NodeInfo info;
  if (observer != nullptr) {
    info = Describe(i);
    observer->BeforeNode(info, ins);
  }
  void* scratch = nullptr;
  Tensor own_scratch;
  if (np.mode == NodeMode::kDeferred) {
    // Prepared now, with all its data known. It never releases an input: it is prepared
    // again on every run.
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      const int v = node.inputs[k];
      if (v >= 0 && plan_->values[v].storage == Storage::kReleased) {  // packed by this op
        const ValuePlan& vp = plan_->values[v];
        facts[k] = {true, vp.dtype, vp.shape, nullptr, Value::Kind::kTensor, nullptr};
      } else if (ins[k] != nullptr) {
        if (ins[k]->is_sequence() && !op.takes_values()) {
          return Status::InvalidModel(
              StrCat("input ", k, " is a ", ins[k]->TypeString(), "; this op takes tensors"));
        }
        facts[k] = FactOf(*ins[k], true);
        if (ins[k]->is_none()) facts[k].value = ins[k];
      }
    }
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    ctx.isa = cg_->isa;
    Status s = PrepareNode(op, ctx);
    if (s.deferred()) return Status::Internal("Prepare deferred although all data is known");
    ONNXI_RETURN_IF_ERROR(s);
    // Nodes of a concurrent step cannot share the executor's buffer: each gets its own.
    if (concurrent && ctx.scratch_bytes() > 0) {
      own_scratch = Tensor::Allocate(DataType::kUint8, {static_cast<int64_t>(ctx.scratch_bytes())});
      scratch = own_scratch.raw_data();
    } else {
      scratch = Scratch(ctx.scratch_bytes());
    }
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      const int v = node.outputs[k];
      if (v < 0) continue;
      if (!ctx.output_value(k).empty()) {
        slots[v] = ctx.output_value(k);
      } else if (ctx.output_by_run(k)) {
        slots[v] = Value();
      } else {
        const int64_t bytes = static_cast<int64_t>(
            DataTypeStorageBytes(ctx.output_dtype(k), NumElements(ctx.output_shape(k))));
        ONNXI_RETURN_IF_ERROR(control.CheckMemory(
            bytes,
            StrCat("output ", k, " ('", graph().values[v].name, "', ",
                   DataTypeName(ctx.output_dtype(k)), ShapeToString(ctx.output_shape(k)), ")")));
        slots[v] = Tensor::Allocate(ctx.output_dtype(k), ctx.output_shape(k));
        counted_[v] = bytes;
        control.dynamic_bytes += bytes;
      }
    }
  } else {
    for (int v : node.outputs) {
      if (v < 0) continue;
      const ValuePlan& vp = plan_->values[v];
      if (vp.storage == Storage::kHeap) slots[v] = Tensor::Allocate(vp.dtype, vp.shape);
      if (vp.storage == Storage::kDynamic) slots[v] = Value();
    }
    if (np.scratch_offset >= 0)
      scratch = static_cast<uint8_t*>(arena_.raw_data()) + np.scratch_offset;
  }
  std::vector<Value*> outs;
  for (int v : node.outputs) outs.push_back(v >= 0 ? &slots[v] : nullptr);
  RunContext ctx(ins, std::move(outs), Reads(node.implicit_inputs, slots));
  ctx.num_threads = cg_->options.threads;
  ctx.isa = cg_->isa;
  ctx.scratch = scratch;
  ctx.set_control(&control);
  ONNXI_RETURN_IF_ERROR(op.Run(ctx));
  used_randomness_[i] = ctx.used_randomness;
  for (int v : node.outputs) {  // what the op made itself (sequences, Loop results)
    if (v >= 0 && plan_->values[v].storage == Storage::kDynamic && counted_[v] == 0) {
      counted_[v] = BytesOf(slots[v]);
      control.dynamic_bytes += counted_[v];
    }
  }
  if (observer != nullptr) {
    std::vector<const Value*> out_reads = Reads(node.outputs, slots);
    ONNXI_RETURN_IF_ERROR(observer->AfterNode(info, ins, out_reads));
  }
  return Status::Ok();
}

Status Executor::RunStep(int step, std::vector<Value>& slots, const RunControl& control,
                         RunObserver* observer) {
  const std::vector<int>& nodes = plan_->steps[step];
  const bool profile = cg_->options.profile;
  auto run_one = [&](int i, bool concurrent) {
    ONNXI_RETURN_IF_ERROR(control.CheckStop());
    const auto start =
        profile ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    Status s;
    try {
      s = RunNode(i, slots, control, observer, concurrent);
    } catch (const std::bad_alloc&) {
      s = Status::ResourceExhausted("out of memory while running the node");
    }
    if (profile) {
      node_ms_[i] +=
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
    }
    return s.ok() ? s : s.WithContext(cg_->NodeName(i));
  };
  // An observer sees the nodes one at a time, in graph order.
  if (nodes.size() == 1 || observer != nullptr) {
    for (int i : nodes) ONNXI_RETURN_IF_ERROR(run_one(i, false));
  } else {
    // The nodes of a step are independent: run them at once. Each writes only its own
    // outputs, counters and profile slot; the first failure in graph order is reported.
    std::vector<Status> statuses(nodes.size());
    tbb::task_group group;
    for (size_t k = 0; k < nodes.size(); ++k) {
      group.run([&, k] { statuses[k] = run_one(nodes[k], true); });
    }
    group.wait();
    for (const Status& s : statuses) ONNXI_RETURN_IF_ERROR(s);
  }
  for (int v : plan_->release_after[step]) {
    slots[v] = Value();
    control.dynamic_bytes -= counted_[v];
    counted_[v] = 0;
  }
  return Status::Ok();
}

Result<std::vector<Value>> Executor::Run(const std::vector<const Value*>& feeds,
                                         const RunControl& control, RunObserver* observer) {
  const Graph& g = graph();
  ONNXI_RETURN_IF_ERROR(control.CheckStop());
  ONNXI_RETURN_IF_ERROR(CheckFeeds(feeds));
  if (plan_ == nullptr || !plan_->Matches(feeds)) {
    plan_.reset();
    const int64_t room =
        control.memory_limit - control.planned_bytes - control.dynamic_bytes.load();
    ONNXI_ASSIGN_OR_RETURN(plan_, InferPlan(*cg_, feeds, room));
    const int64_t bytes = plan_->arena_bytes;
    if (arena_.nbytes() < static_cast<size_t>(bytes)) {
      arena_ = Tensor();
      try {
        arena_ = Tensor::Allocate(DataType::kUint8, {bytes});
      } catch (const std::bad_alloc&) {
        plan_.reset();
        return Status::ResourceExhausted(
            StrCat("out of memory allocating the arena of ", bytes, " bytes"));
      }
    }
  }
  random_node_.clear();
  counted_.assign(g.values.size(), 0);
  std::vector<Value> slots(g.values.size());
  for (size_t v = 0; v < slots.size(); ++v) {
    const ValuePlan& vp = plan_->values[v];
    switch (vp.storage) {
      case Storage::kConstant:
        slots[v] = vp.constant;
        break;
      case Storage::kFeed:
        if (feeds[v]->is_tensor() && feeds[v]->tensor().dtype() != DataType::kString) {
          // Ops never write their inputs, so the caller's buffer is borrowed, not copied.
          const Tensor& t = feeds[v]->tensor();
          slots[v] = Tensor::Borrow(t.dtype(), t.shape(), const_cast<void*>(t.raw_data()));
        } else {
          slots[v] = *feeds[v];
        }
        break;
      case Storage::kArena:
        slots[v] = Tensor::Borrow(vp.dtype, vp.shape,
                                  static_cast<uint8_t*>(arena_.raw_data()) + vp.offset);
        break;
      default:
        break;
    }
  }
  if (cg_->options.profile) {
    node_ms_.resize(g.nodes.size(), 0.0);
    ++profiled_runs_;
  }
  used_randomness_.assign(g.nodes.size(), 0);
  Status status;
  for (size_t step = 0; step < plan_->steps.size() && status.ok(); ++step) {
    status = RunStep(static_cast<int>(step), slots, control, observer);
  }
  for (size_t i = 0; i < used_randomness_.size() && random_node_.empty(); ++i) {
    if (used_randomness_[i]) {
      random_node_ =
          StrCat(g.nodes[i].op_type, " (node '", NodeDisplayName(g, static_cast<int>(i)), "')");
    }
  }
  // Whatever is still counted leaves the run: outputs go to the caller, the rest is freed.
  for (int64_t& bytes : counted_) {
    control.dynamic_bytes -= bytes;
    bytes = 0;
  }
  if (!status.ok()) return status;
  std::vector<Value> outputs;
  outputs.reserve(g.outputs.size());
  for (int v : g.outputs) {
    Value& out = slots[v];
    // Constants, feeds, arena views and repeated outputs must not hand out shared memory.
    const bool fresh = !out.is_tensor() || (out.tensor().owns_data() &&
                                            plan_->values[v].storage != Storage::kConstant &&
                                            std::count(g.outputs.begin(), g.outputs.end(), v) == 1);
    outputs.push_back(fresh ? out : Value(out.tensor().Clone()));
  }
  return outputs;
}

}  // namespace onnxi
