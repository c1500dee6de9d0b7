// plan: lifetimes, arena offsets and the memory check; see plan.h.
#include "runtime/plan.h"

#include <algorithm>
#include <limits>

#include "runtime/planner.h"

namespace onnxi {
namespace {

// Bytes of dtype[shape], or -1 when the element count or the size does not fit in int64.
int64_t CheckedBytes(DataType dtype, const Shape& shape) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d > 0 && n > kMax / d)) return -1;
    n *= d;
  }
  const int64_t size = static_cast<int64_t>(DataTypeSize(dtype));
  if (size == 0) return static_cast<int64_t>(DataTypeStorageBytes(dtype, n));  // sub-byte: <= n
  return n > kMax / size ? -1 : n * size;
}

// Each node's step: its position (one thread), or its level in the graph (more threads).
void AssignSteps(const CompiledGraph& cg, Plan& plan) {
  const Graph& g = cg.graph;
  const int nn = static_cast<int>(g.nodes.size());
  const bool levels = cg.options.threads > 1 && cg.options.parallel_branches;
  int num_steps = 0;
  for (int i = 0; i < nn; ++i) {
    NodePlan& np = plan.nodes[i];
    if (np.mode == NodeMode::kFolded) continue;
    if (!levels) {
      np.step = num_steps;
    } else {
      np.step = 0;
      for (const std::vector<int>* list : {&g.nodes[i].inputs, &g.nodes[i].implicit_inputs}) {
        for (int v : *list) {
          const int p = v >= 0 ? plan.values[v].producer : -1;
          if (p >= 0 && plan.nodes[p].step >= 0)
            np.step = std::max(np.step, plan.nodes[p].step + 1);
        }
      }
    }
    num_steps = std::max(num_steps, np.step + 1);
  }
  plan.steps.assign(num_steps, {});
  plan.release_after.assign(num_steps, {});
  for (int i = 0; i < nn; ++i) {
    if (plan.nodes[i].step >= 0) plan.steps[plan.nodes[i].step].push_back(i);
  }
  plan.concurrent = false;
  for (const std::vector<int>& step : plan.steps)
    plan.concurrent = plan.concurrent || step.size() > 1;
}

}  // namespace

bool Plan::Matches(const std::vector<const Value*>& feeds) const {
  if (feeds.size() != fed.size()) return false;
  for (size_t v = 0; v < feeds.size(); ++v) {
    if ((feeds[v] != nullptr) != fed[v]) return false;
    if (!fed[v]) continue;
    if (feeds[v]->kind() != fed_kind[v]) return false;
    if (feeds[v]->is_tensor() && feeds[v]->tensor().shape() != fed_shape[v]) return false;
  }
  return true;
}

Status PlanMemory(const CompiledGraph& cg, int64_t memory_limit, Plan& plan) {
  const Graph& g = cg.graph;
  const int nn = static_cast<int>(g.nodes.size());
  AssignSteps(cg, plan);
  for (int i = 0; i < nn; ++i) {
    const int step = plan.nodes[i].step;
    if (step < 0) continue;
    const Node& node = g.nodes[i];
    for (int v : node.outputs) {
      if (v >= 0) plan.values[v].first_use = plan.values[v].last_use = step;
    }
    for (const std::vector<int>* list : {&node.inputs, &node.implicit_inputs}) {
      for (int v : *list) {
        if (v >= 0) plan.values[v].last_use = std::max(plan.values[v].last_use, step);
      }
    }
  }
  std::vector<bool> is_output(g.values.size(), false);
  for (int v : g.outputs) is_output[v] = true;

  std::vector<BufferRequest> requests;
  std::vector<int> planned;
  int largest = -1;
  for (size_t v = 0; v < plan.values.size(); ++v) {
    ValuePlan& vp = plan.values[v];
    if (vp.storage == Storage::kArena || vp.storage == Storage::kHeap) {
      const int64_t bytes = CheckedBytes(vp.dtype, vp.shape);
      if (bytes < 0 || bytes > memory_limit) {
        const std::string& name = g.values[v].name;
        const std::string what =
            StrCat("value '", name, "' (", DataTypeName(vp.dtype), ShapeToString(vp.shape), ")");
        std::string where = vp.producer >= 0 ? cg.NodeName(vp.producer) + ": " : "";
        if (bytes < 0)
          return Status::ResourceExhausted(StrCat(where, what, " is too large to address"));
        return Status::ResourceExhausted(
            StrCat(where, what, " needs ", BytesToString(bytes), ", more than the memory limit of ",
                   BytesToString(memory_limit), " (Options::max_memory)"));
      }
      if (largest < 0 || bytes > plan.values[largest].bytes()) largest = static_cast<int>(v);
      // Graph outputs go to the caller and strings own heap memory: never in the arena.
      if (vp.storage == Storage::kArena &&
          (is_output[v] || vp.dtype == DataType::kString || !cg.options.memory_plan)) {
        vp.storage = Storage::kHeap;
      }
      if (vp.storage == Storage::kArena) {
        requests.push_back({bytes, vp.first_use, vp.last_use});
        planned.push_back(static_cast<int>(v));
      } else {
        plan.heap_bytes += bytes;
      }
    }
    if ((vp.storage == Storage::kHeap || vp.storage == Storage::kDynamic) && !is_output[v] &&
        vp.last_use >= 0) {
      plan.release_after[vp.last_use].push_back(static_cast<int>(v));
    }
  }
  const size_t num_values = requests.size();
  // Each static node's scratch is a buffer of its own step (so concurrent nodes never share).
  std::vector<int> scratch_of;
  for (int i = 0; i < nn; ++i) {
    const NodePlan& np = plan.nodes[i];
    if (np.mode != NodeMode::kStatic || np.scratch_bytes == 0) continue;
    requests.push_back({static_cast<int64_t>(np.scratch_bytes), np.step, np.step});
    scratch_of.push_back(i);
    plan.scratch_bytes = std::max<int64_t>(plan.scratch_bytes, np.scratch_bytes);
  }
  ArenaPlan arena = PlanArena(requests);
  for (size_t k = 0; k < planned.size(); ++k) plan.values[planned[k]].offset = arena.offsets[k];
  for (size_t k = 0; k < scratch_of.size(); ++k) {
    plan.nodes[scratch_of[k]].scratch_offset = arena.offsets[num_values + k];
  }
  plan.arena_bytes = arena.peak;
  plan.intermediate_bytes = 0;
  for (size_t k = 0; k < num_values; ++k)
    plan.intermediate_bytes += (requests[k].size + 63) / 64 * 64;
  plan.num_planned = static_cast<int>(planned.size());
  if (plan.planned_bytes() > memory_limit) {
    std::string big;
    if (largest >= 0) {
      const ValuePlan& vp = plan.values[largest];
      big =
          StrCat("; the largest value is '", g.values[largest].name, "' (", DataTypeName(vp.dtype),
                 ShapeToString(vp.shape), ", ", BytesToString(vp.bytes()), ")");
    }
    return Status::ResourceExhausted(
        StrCat("the memory plan needs ", BytesToString(plan.planned_bytes()), " (arena ",
               BytesToString(plan.arena_bytes), " with the largest scratch ",
               BytesToString(plan.scratch_bytes), ", outputs ", BytesToString(plan.heap_bytes),
               "), more than the memory limit of ", BytesToString(memory_limit),
               " (Options::max_memory)", big));
  }
  return Status::Ok();
}

}  // namespace onnxi
