// infer, plan and run for one graph.
//
// Prepare (per input-shape signature) walks the nodes in order and calls each op's Prepare
// with what is known: every input's dtype and shape, and data where it is constant. A node
// whose inputs are all constant is run right there and its outputs become constants
// (constant folding; Shape/Size produce their value from shapes alone). A node whose output
// shape depends on data not yet known is deferred: it is prepared again at run time, and
// its outputs (and everything downstream of them) live outside the arena. The remaining
// intermediates are planned into one arena (runtime/planner.h).
//
// Run feeds the inputs, then calls each non-folded node's Run in order.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/session.h"
#include "runtime/graph.h"
#include "runtime/resolve.h"

namespace onnxi {

class Executor {
 public:
  Executor(Model model, std::vector<BoundNode> nodes, Options options);

  const Model& model() const { return model_; }
  // Graph inputs the caller must feed: declared inputs without an initializer.
  std::vector<int> RequiredInputs() const;

  Result<std::vector<Tensor>> Run(const std::map<std::string, Tensor>& feeds);

  std::string FirstRandomNode() const;
  PlanStats plan_stats() const;
  std::string PlanReport() const;

 private:
  // Where a value's tensor comes from during a run.
  enum class Storage { kNone, kConstant, kFeed, kArena, kHeap, kDynamic };
  enum class Mode { kFolded, kStatic, kDeferred };

  Status CheckFeeds(const std::map<std::string, Tensor>& feeds,
                    std::vector<const Tensor*>* by_value) const;
  Status Prepare(const std::vector<const Tensor*>& fed);
  Status PlanMemory();
  Status RunNode(int i, std::vector<Tensor>& slots);
  std::string Context(int node) const;

  Model model_;
  std::vector<BoundNode> nodes_;
  Options options_;

  // The plan for the last input shapes.
  bool prepared_ = false;
  std::vector<Shape> signature_;  // shapes of the fed values, by value id
  std::vector<Mode> mode_;        // per node
  std::vector<Storage> storage_;  // per value
  std::vector<DataType> dtype_;   // per value (static ones)
  std::vector<Shape> shape_;      // per value (static ones)
  std::vector<Tensor> constant_;  // per value: initializer or folded result
  std::vector<int> first_use_;    // per value: producing step
  std::vector<int> last_use_;     // per value: last consuming step
  std::vector<int64_t> offset_;   // per value: arena offset or -1
  std::vector<std::vector<int>> release_after_;  // per node: heap values that die there
  int64_t arena_peak_ = 0;
  int64_t arena_total_ = 0;
  Tensor arena_;
};

}  // namespace onnxi
