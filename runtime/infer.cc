// infer: prepare every node for one signature, folding what is constant; see infer.h.
#include "runtime/infer.h"

#include "runtime/fold.h"

namespace onnxi {
namespace {

// The sources of a plan: feeds, constants (incl. defaults of inputs not fed), released ones.
void PlanSources(const CompiledGraph& cg, const std::vector<const Value*>& feeds, Plan& plan) {
  const size_t nv = cg.graph.values.size();
  plan.values.assign(nv, ValuePlan());
  plan.fed.assign(nv, false);
  plan.fed_kind.assign(nv, Value::Kind::kNone);
  plan.fed_shape.assign(nv, {});
  for (size_t v = 0; v < nv; ++v) {
    ValuePlan& vp = plan.values[v];
    if (feeds[v] != nullptr) {
      const Value& value = *feeds[v];
      plan.fed[v] = true;
      plan.fed_kind[v] = vp.kind = value.kind();
      vp.storage = Storage::kFeed;
      if (value.is_tensor()) {
        vp.dtype = value.tensor().dtype();
        vp.shape = plan.fed_shape[v] = value.tensor().shape();
      } else if (value.is_sequence()) {
        vp.dtype = value.sequence_dtype();
      }
    } else if (cg.released[v]) {
      vp.storage = Storage::kReleased;
      vp.dtype = cg.released_dtype[v];
      vp.shape = cg.released_shape[v];
    } else if (cg.is_constant[v] || cg.has_default[v]) {
      const Value& c = cg.constants[v];
      if (c.is_none()) continue;  // freed at compile time: nothing reads it
      vp.storage = Storage::kConstant;
      vp.constant = c;
      vp.kind = c.kind();
      if (c.is_tensor()) {
        vp.dtype = c.tensor().dtype();
        vp.shape = c.tensor().shape();
      } else if (c.is_sequence()) {
        vp.dtype = c.sequence_dtype();
      }
    }
  }
}

// Records the outputs of a node run here (folded) as constants.
void SetConstantOutputs(const Node& node, std::vector<Value>& outs, Plan& plan) {
  for (size_t k = 0; k < node.outputs.size(); ++k) {
    const int v = node.outputs[k];
    if (v < 0) continue;
    ValuePlan& vp = plan.values[v];
    vp.storage = Storage::kConstant;
    vp.constant = std::move(outs[k]);
    vp.kind = vp.constant.kind();
    if (vp.constant.is_tensor()) {
      vp.dtype = vp.constant.tensor().dtype();
      vp.shape = vp.constant.tensor().shape();
    } else if (vp.constant.is_sequence()) {
      vp.dtype = vp.constant.sequence_dtype();
    }
  }
}

}  // namespace

Result<std::unique_ptr<Plan>> InferPlan(CompiledGraph& cg, const std::vector<const Value*>& feeds,
                                        int64_t memory_limit) {
  const Graph& g = cg.graph;
  const int nn = static_cast<int>(g.nodes.size());
  auto plan = std::make_unique<Plan>();
  PlanSources(cg, feeds, *plan);
  plan->nodes.assign(nn, NodePlan());

  for (int i = 0; i < nn; ++i) {
    const Node& node = g.nodes[i];
    Op& op = *cg.nodes[i].op;
    NodePlan& np = plan->nodes[i];
    for (int v : node.outputs) {
      if (v >= 0) plan->values[v].producer = i;
    }
    bool any_dynamic = false;
    bool all_constant = true;
    for (const std::vector<int>* list : {&node.inputs, &node.implicit_inputs}) {
      for (int v : *list) {
        if (v < 0) continue;
        any_dynamic = any_dynamic || plan->values[v].storage == Storage::kDynamic;
        all_constant = all_constant && plan->values[v].storage == Storage::kConstant;
      }
    }
    if (any_dynamic) {  // sizes depend on data produced at run time
      np.mode = NodeMode::kDeferred;
      for (int v : node.outputs) {
        if (v >= 0) plan->values[v].storage = Storage::kDynamic;
      }
      continue;
    }
    std::vector<InputFact> facts(node.inputs.size());
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      const int v = node.inputs[k];
      if (v < 0) continue;
      const ValuePlan& in = plan->values[v];
      if (in.kind == Value::Kind::kNone || in.storage == Storage::kNone) continue;
      if (in.kind == Value::Kind::kSequence && !op.takes_values()) {
        return Status::InvalidModel(StrCat("input ", k, " ('", g.values[v].name,
                                           "') is a sequence; this op takes tensors"))
            .WithContext(cg.NodeName(i));
      }
      // Only constants have data now: feeds change from run to run.
      const bool constant = in.storage == Storage::kConstant;
      facts[k].present = true;
      facts[k].kind = in.kind;
      facts[k].dtype = in.dtype;
      facts[k].shape = in.shape;
      facts[k].value = constant ? &in.constant : nullptr;
      facts[k].data = constant && in.constant.is_tensor() ? &in.constant.tensor() : nullptr;
    }
    PrepareContext ctx(std::move(facts), static_cast<int>(node.outputs.size()));
    ctx.isa = cg.isa;
    Status s = PrepareNode(op, ctx);
    if (s.deferred()) {
      np.mode = NodeMode::kDeferred;
      for (int v : node.outputs) {
        if (v >= 0) plan->values[v].storage = Storage::kDynamic;
      }
      continue;
    }
    if (!s.ok()) return s.WithContext(cg.NodeName(i));
    np.scratch_bytes = ctx.scratch_bytes();
    for (int k : ctx.released_inputs()) {
      const int v = node.inputs[k];
      cg.Release(v, i);
      if (v >= 0 && cg.released[v]) {  // the plan lets go of its handle too, or nothing is freed
        ValuePlan& vp = plan->values[v];
        vp.storage = Storage::kReleased;
        vp.constant = Value();
      }
    }

    bool values_given = !node.outputs.empty();
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      const int v = node.outputs[k];
      if (v < 0) continue;
      if (ctx.output_value(k).empty()) values_given = false;
      if (ctx.output_by_run(k)) continue;
      plan->values[v].dtype = ctx.output_dtype(k);
      plan->values[v].shape = ctx.output_shape(k);
    }
    if (values_given || (all_constant && op.deterministic())) {
      // Constant for this signature: run it now, once (runtime/fold.h).
      std::vector<const Value*> ins, captured;
      for (int v : node.inputs) ins.push_back(v >= 0 ? &plan->values[v].constant : nullptr);
      for (int v : node.implicit_inputs) captured.push_back(&plan->values[v].constant);
      Result<std::vector<Value>> outs =
          RunNodeOnce(op, node, ctx, ins, captured, cg.isa, cg.options.threads, nullptr);
      if (!outs.ok()) return outs.status().WithContext(cg.NodeName(i));
      np.mode = NodeMode::kFolded;
      ++plan->num_folded;
      SetConstantOutputs(node, *outs, *plan);
      continue;
    }
    np.mode = NodeMode::kStatic;
    for (size_t k = 0; k < node.outputs.size(); ++k) {
      const int v = node.outputs[k];
      if (v >= 0)
        plan->values[v].storage = ctx.output_by_run(k) ? Storage::kDynamic : Storage::kArena;
    }
  }
  for (const NodePlan& np : plan->nodes) plan->num_deferred += np.mode == NodeMode::kDeferred;
  ONNXI_RETURN_IF_ERROR(PlanMemory(cg, memory_limit, *plan));
  return plan;
}

}  // namespace onnxi
