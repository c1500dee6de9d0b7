#include "runtime/subgraph.h"

#include "ops/op.h"
#include "runtime/compile.h"
#include "runtime/executor.h"

namespace onnxi {
namespace {

class ExecutorRunner : public SubgraphRunner {
 public:
  ExecutorRunner(std::unique_ptr<Executor> executor, std::vector<int> captured_index)
      : executor_(std::move(executor)), captured_index_(std::move(captured_index)) {}

  int num_inputs() const override { return static_cast<int>(executor_->graph().inputs.size()); }
  int num_outputs() const override { return static_cast<int>(executor_->graph().outputs.size()); }
  DataType output_dtype(int k) const override {
    const Graph& g = executor_->graph();
    return g.values[g.outputs[k]].dtype;
  }

  Result<std::vector<Value>> Run(const std::vector<Value>& inputs,
                                 const RunContext& parent) override {
    const Graph& g = executor_->graph();
    if (inputs.size() != g.inputs.size()) {
      return Status::InvalidModel(StrCat("subgraph '", g.name, "' declares ", g.inputs.size(),
                                         " inputs but is given ", inputs.size()));
    }
    const std::vector<const Value*>& captured = parent.captured();
    std::vector<const Value*> fed(g.values.size(), nullptr);
    for (size_t k = 0; k < inputs.size(); ++k) fed[g.inputs[k]] = &inputs[k];
    for (size_t k = 0; k < g.captured.size(); ++k) {
      const int index = captured_index_[k];
      if (index < 0 || index >= static_cast<int>(captured.size()) || !captured[index]) {
        return Status::Internal(StrCat("subgraph '", g.name, "': outer value '",
                                       g.values[g.captured[k]].name, "' was not passed in"));
      }
      fed[g.captured[k]] = captured[index];
    }
    Result<std::vector<Value>> out = executor_->Run(fed, parent.control(), nullptr);
    if (!out.ok()) return out.status().WithContext(StrCat("in subgraph '", g.name, "'"));
    return out;
  }

 private:
  std::unique_ptr<Executor> executor_;
  std::vector<int>
      captured_index_;  // per captured value of the subgraph: index in the parent's list
};

}  // namespace

Result<std::unique_ptr<SubgraphRunner>> MakeSubgraphRunner(
    const Graph& subgraph, const std::map<std::string, int>& opsets,
    const std::vector<std::string>& parent_captured, const Options& options) {
  std::vector<int> index;
  for (int c : subgraph.captured) {
    const std::string& name = subgraph.values[c].name;
    int found = -1;
    for (size_t k = 0; k < parent_captured.size(); ++k) {
      if (parent_captured[k] == name) found = static_cast<int>(k);
    }
    index.push_back(found);
  }
  Model model;
  model.graph = subgraph;
  model.opsets = opsets;
  model.path = StrCat("subgraph '", subgraph.name, "'");
  ONNXI_ASSIGN_OR_RETURN(std::unique_ptr<CompiledGraph> compiled,
                         CompileGraph(std::move(model), options, /*is_subgraph=*/true));
  auto executor = std::make_unique<Executor>(std::move(compiled));
  return std::unique_ptr<SubgraphRunner>(new ExecutorRunner(std::move(executor), std::move(index)));
}

}  // namespace onnxi
