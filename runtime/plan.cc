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
  for (int i = 0; i < nn; ++i) {
    if (plan.nodes[i].mode == NodeMode::kFolded) continue;
    const Node& node = g.nodes[i];
    for (int v : node.outputs) {
      if (v >= 0) plan.values[v].first_use = plan.values[v].last_use = i;
    }
    for (const std::vector<int>* list : {&node.inputs, &node.implicit_inputs}) {
      for (int v : *list) {
        if (v >= 0) plan.values[v].last_use = std::max(plan.values[v].last_use, i);
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
      plan.nodes[vp.last_use].release_after.push_back(static_cast<int>(v));
    }
  }
  ArenaPlan arena = PlanArena(requests);
  for (size_t k = 0; k < planned.size(); ++k) plan.values[planned[k]].offset = arena.offsets[k];
  plan.arena_bytes = arena.peak;
  plan.intermediate_bytes = arena.total;
  plan.num_planned = static_cast<int>(planned.size());
  for (int i = 0; i < nn; ++i) {
    if (plan.nodes[i].mode != NodeMode::kStatic) continue;
    plan.scratch_bytes = std::max<int64_t>(plan.scratch_bytes, plan.nodes[i].scratch_bytes);
  }
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
               BytesToString(plan.arena_bytes), ", outputs ", BytesToString(plan.heap_bytes),
               ", scratch ", BytesToString(plan.scratch_bytes), "), more than the memory limit of ",
               BytesToString(memory_limit), " (Options::max_memory)", big));
  }
  return Status::Ok();
}

}  // namespace onnxi
