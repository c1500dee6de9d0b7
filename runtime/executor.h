// infer, plan and run for one graph (the main graph or a subgraph).
//
// Prepare (per input-shape signature) walks the nodes in order and calls each op's Prepare
// with what is known: every input's type and shape, and its data where it is constant. A
// node whose inputs are all constant is run right there and its outputs become constants
// (constant folding; Shape/Size publish their value from shapes alone). A node whose output
// shape depends on data not yet known is deferred: it is prepared again at run time, and its
// outputs (and everything downstream of them) live outside the arena. Outputs an op makes
// itself in Run (sequences, If/Loop results) are treated the same way. The remaining
// intermediates are planned into one arena (runtime/planner.h).
//
// Run binds the fed values, then calls each non-folded node's Run in order.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/session.h"
#include "onnxi/value.h"
#include "kernels/cpu/isa.h"
#include "ir/graph.h"
#include "runtime/resolve.h"

namespace onnxi {

// The instruction set a KernelChoice stands for on this CPU (kSimd: the best one).
kernels::Isa SelectIsa(KernelChoice choice);

class Executor {
 public:
  Executor(Model model, std::vector<BoundNode> nodes, Options options);

  const Model& model() const { return model_; }
  const Graph& graph() const { return model_.graph; }
  // Values the caller must feed: declared inputs without an initializer, then (in a
  // subgraph) the captured outer values.
  std::vector<int> RequiredInputs() const;

  // fed: one entry per value id (nullptr = not fed). Checks types against declarations.
  Result<std::vector<Value>> Run(const std::vector<const Value*>& fed);

  // The first node that drew random numbers in the last Run, or "".
  const std::string& last_run_random_node() const { return random_node_; }
  PlanStats plan_stats() const;
  std::string PlanReport() const;
  std::string ProfileReport() const;

 private:
  // Where a value comes from during a run.
  // kReleased: an initializer freed after its only reader packed it
  // (PrepareContext::ReleaseConstantInput); its dtype and shape live on in released_.
  enum class Storage { kNone, kConstant, kFeed, kArena, kHeap, kDynamic, kReleased };
  enum class Mode { kFolded, kStatic, kDeferred };

  Status CheckFed(const std::vector<const Value*>& fed) const;
  Status Prepare(const std::vector<const Value*>& fed);
  Status FoldNode(int i, PrepareContext& ctx);
  void Release(int node, int input);
  Status PlanMemory();
  Status RunNode(int i, std::vector<Value>& slots);
  // Grows the shared scratch buffer to at least `bytes`; returns it (nullptr for 0 bytes).
  void* Scratch(size_t bytes);
  std::vector<const Value*> Reads(const std::vector<int>& ids, const std::vector<Value>& slots) const;
  std::string Context(int node) const;

  Model model_;
  std::vector<BoundNode> nodes_;
  Options options_;
  kernels::Isa isa_;  // chosen once from options_.kernels

  // The plan for the last input shapes.
  bool prepared_ = false;
  std::vector<Shape> signature_;      // per value: shape of the fed tensor
  std::vector<Value::Kind> fed_kind_;  // per value: kind of the fed value
  std::vector<Mode> mode_;             // per node
  std::vector<Storage> storage_;       // per value
  std::vector<Value::Kind> kind_;      // per value, where known at plan time
  std::vector<DataType> dtype_;        // per value (static ones)
  std::vector<Shape> shape_;           // per value (static ones)
  std::vector<Value> constant_;        // per value: initializer or folded result
  std::vector<int> first_use_;         // per value: producing step
  std::vector<int> last_use_;          // per value: last consuming step
  std::vector<int64_t> offset_;        // per value: arena offset or -1
  std::vector<std::vector<int>> release_after_;  // per node: heap values that die there
  std::vector<size_t> scratch_need_;   // per node: scratch bytes its Prepare requested
  int64_t arena_peak_ = 0;
  int64_t arena_total_ = 0;
  Tensor arena_;
  Tensor scratch_;  // shared working memory of all nodes (they run one at a time)
  std::string random_node_;
  std::map<int, std::pair<DataType, Shape>> released_;
  std::vector<double> node_ms_;  // with options_.profile: per node, summed over runs
  int profiled_runs_ = 0;
};

}  // namespace onnxi
