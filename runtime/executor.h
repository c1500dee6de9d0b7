// run: executes a compiled graph (the main graph or a subgraph) with given feeds.
//
// A run checks the feeds against the declared inputs, makes a plan when the feeds' signature
// (which values, what kind, what shape) differs from the last one (runtime/infer.h), binds
// the feeds (borrowed), the constants and the arena slices, then runs the plan's steps in
// order (runtime/plan.h: one node each, or with more threads the independent nodes of one
// level of the graph at once): a deferred node is prepared first, with all its data now
// known. Before each node it checks the RunControl (deadline, cancellation); a RunObserver,
// if any, is told before and after each node, one node at a time.
// Data-dependent outputs are counted against the memory limit before they are allocated.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "onnxi/session.h"
#include "runtime/compile.h"
#include "runtime/plan.h"

namespace onnxi {

class Executor {
 public:
  explicit Executor(std::unique_ptr<CompiledGraph> compiled);

  const CompiledGraph& compiled() const { return *cg_; }
  const Graph& graph() const { return cg_->graph; }
  // Values the caller must feed (CompiledGraph::required_inputs).
  const std::vector<int>& RequiredInputs() const { return cg_->required_inputs; }

  // feeds: one entry per value id (nullptr = not fed). Returns the graph outputs, owning
  // their memory. control is shared with every subgraph run inside this one.
  Result<std::vector<Value>> Run(const std::vector<const Value*>& feeds, const RunControl& control,
                                 RunObserver* observer);

  // The plan of the last run's signature, or nullptr before the first run.
  const Plan* plan() const { return plan_.get(); }
  // The first node that drew random numbers in the last run, or "".
  const std::string& last_run_random_node() const { return random_node_; }
  // With Options::profile: milliseconds per node, summed over profiled_runs() runs.
  const std::vector<double>& node_ms() const { return node_ms_; }
  int profiled_runs() const { return profiled_runs_; }

 private:
  Status CheckFeeds(const std::vector<const Value*>& feeds) const;
  // Runs the nodes of one plan step (at once when there are several and no observer), then
  // frees the values whose last reader was in it.
  Status RunStep(int step, std::vector<Value>& slots, const RunControl& control,
                 RunObserver* observer);
  // concurrent: other nodes run at the same time (a deferred node then allocates its own
  // scratch).
  Status RunNode(int i, std::vector<Value>& slots, const RunControl& control,
                 RunObserver* observer, bool concurrent);
  NodeInfo Describe(int i) const;
  // The scratch of a deferred node (prepared at run time); grows as needed.
  void* Scratch(size_t bytes);

  std::unique_ptr<CompiledGraph> cg_;
  std::unique_ptr<Plan> plan_;
  Tensor arena_;             // the plan's arena: its values and its nodes' scratch
  Tensor deferred_scratch_;  // for nodes prepared at run time (one at a time)
  std::vector<int64_t> counted_;  // per value: bytes counted in RunControl::dynamic_bytes
  std::string random_node_;
  std::vector<char> used_randomness_;  // per node, in the last run
  std::vector<double> node_ms_;
  int profiled_runs_ = 0;
};

}  // namespace onnxi
