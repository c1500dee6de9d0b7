// What an op sees of its node when it is created (Op::Init), and the reader ops use to parse
// its attributes.
//
// The reader never fails loudly: a missing attribute yields the default, and a present one
// of the wrong type records an error that resolve reports for the node after Init returns.
// Ops therefore read attributes with plain calls and cannot forget a type check.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ir/attributes.h"
#include "ir/graph.h"
#include "onnxi/status.h"
#include "onnxi/tensor.h"

namespace onnxi {

class SubgraphRunner;  // ops/subgraph.h

// Made by the runtime: turns a subgraph attribute into something that runs.
using SubgraphMaker =
    std::function<Result<std::unique_ptr<SubgraphRunner>>(const Graph& subgraph)>;

// What an op sees of its node when it is created (Op::Init).
class NodeView {
 public:
  NodeView(const std::string& op_type, const std::string& domain, int since_version,
           int opset, int num_inputs, int num_outputs, const std::vector<Attribute>* attrs)
      : op_type_(op_type), domain_(domain), since_version_(since_version), opset_(opset),
        num_inputs_(num_inputs), num_outputs_(num_outputs), attrs_(attrs) {}

  const std::string& op_type() const { return op_type_; }
  const std::string& domain() const { return domain_; }
  // The registry entry's since_version that this node resolved to.
  int since_version() const { return since_version_; }
  // The model's opset for this node's domain.
  int opset() const { return opset_; }
  // Inputs/outputs as written in the node, including empty ("" = omitted optional) ones.
  int num_inputs() const { return num_inputs_; }
  int num_outputs() const { return num_outputs_; }

  bool has(const std::string& name) const { return Find(name) != nullptr; }
  const Attribute* Find(const std::string& name) const;

  int64_t GetInt(const std::string& name, int64_t def) const;
  float GetFloat(const std::string& name, float def) const;
  std::string GetString(const std::string& name, const std::string& def) const;
  std::vector<int64_t> GetInts(const std::string& name, std::vector<int64_t> def = {}) const;
  std::vector<float> GetFloats(const std::string& name, std::vector<float> def = {}) const;
  std::vector<std::string> GetStrings(const std::string& name,
                                      std::vector<std::string> def = {}) const;
  // nullptr when absent (or of the wrong type, which is recorded).
  const Tensor* GetTensor(const std::string& name) const;
  std::shared_ptr<Graph> GetGraph(const std::string& name) const;
  // A runner for the graph attribute `name`; records an error if it is absent.
  Result<std::unique_ptr<SubgraphRunner>> MakeSubgraph(const std::string& name) const;
  void set_subgraph_maker(const SubgraphMaker* maker) { maker_ = maker; }

  // Records "attribute 'name' is required" unless present.
  bool Require(const std::string& name) const;
  // Records an error for resolve to report (first one wins).
  void Fail(Status s) const {
    if (status_.ok()) status_ = std::move(s);
  }
  const Status& status() const { return status_; }

 private:
  const Attribute* Typed(const std::string& name, Attribute::Type want) const;

  const std::string& op_type_;
  const std::string& domain_;
  int since_version_;
  int opset_;
  int num_inputs_;
  int num_outputs_;
  const std::vector<Attribute>* attrs_;
  const SubgraphMaker* maker_ = nullptr;
  mutable Status status_;
};

}  // namespace onnxi
