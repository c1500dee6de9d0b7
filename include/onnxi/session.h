// The C++ entry point: load a model once, run it many times.
//
//   auto session = onnxi::Session::Load("model.onnx", {});
//   if (!session.ok()) { puts(session.status().message().c_str()); return 1; }
//   auto outputs = (*session)->Run({{"x", x}});
//
// Load parses, resolves every node to a kernel (reporting all unsupported nodes at once)
// and initializes ops. The first Run for a set of input shapes infers every value's shape,
// folds what is constant and plans the arena; later Runs with the same shapes reuse both.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/model_metadata.h"
#include "onnxi/options.h"
#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "onnxi/value.h"

namespace onnxi {

// A declared graph input or output.
struct ValueDesc {
  enum class Kind { kTensor, kSequence, kOptional, kOther };
  std::string name;
  Kind kind = Kind::kTensor;
  bool optional_of_sequence = false;  // kOptional holding a sequence rather than a tensor
  DataType dtype = DataType::kUndefined;
  bool has_shape = false;
  std::vector<int64_t> dims;           // -1 where symbolic or unknown
  std::vector<std::string> dim_names;  // symbol names where given
  std::string type_string;             // "float32[N, 3, 224, 224]"
};

struct PlanStats {
  int64_t arena_bytes = 0;          // the arena's peak
  int64_t intermediate_bytes = 0;   // sum of all planned intermediates
  int64_t scratch_bytes = 0;        // the shared working memory of the ops (im2col, ...)
  int num_planned = 0;
  int num_folded_nodes = 0;
  int num_deferred_nodes = 0;
  int num_steps = 0;    // a run's steps: one per node, or with threads > 1 one per graph level
  int widest_step = 0;  // the most nodes one step runs at once
};

// What a RunObserver is told about the node it is called for.
struct NodeInfo {
  int index = 0;         // position in the order the session runs (after graph rewrites)
  std::string name;      // the node's name, else its first output's name, else "#index"
  std::string op_type;
  std::string domain;    // "" for the default ONNX domain
  int opset = 0;         // the model's opset for the domain
  std::vector<std::string> input_names;   // "" for an omitted optional input
  std::vector<std::string> output_names;  // "" for an output the node does not name
};

// A per-node hook: told before and after each node of a run, with the node's inputs and
// outputs (compare, dumps, traces). A run without one pays nothing for it.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // Before the node runs. The observer may point entries of `inputs` at values of its own
  // (of the same type and shape) that the node then reads instead: that is how a node is
  // judged on reference inputs. They must stay alive until AfterNode returns.
  virtual void BeforeNode(const NodeInfo& node, std::vector<const Value*>& inputs) {}
  // After the node ran. Outputs are valid until this returns (the plan reuses their memory
  // later): copy what you keep. A non-OK status stops the run and is returned by Run.
  virtual Status AfterNode(const NodeInfo& node, const std::vector<const Value*>& inputs,
                           const std::vector<const Value*>& outputs) {
    return Status::Ok();
  }
};

// How one Run may be stopped or watched.
struct RunOptions {
  // Stop with kDeadlineExceeded when the run takes longer (checked between nodes and at
  // every Loop iteration); 0: no deadline.
  double timeout_seconds = 0;
  // Stop with kCancelled as soon as this becomes true (set it from another thread).
  const std::atomic<bool>* cancel = nullptr;
  RunObserver* observer = nullptr;
};

class Executor;
struct Model;

class Session {
 public:
  static Result<std::unique_ptr<Session>> Load(const std::string& path, const Options& options);
  // The same from a serialized ModelProto in memory; external data is not available.
  static Result<std::unique_ptr<Session>> LoadFromMemory(const std::string& bytes,
                                                         const Options& options);
  ~Session();

  const std::vector<ValueDesc>& inputs() const { return inputs_; }    // the ones to feed
  const std::vector<ValueDesc>& outputs() const { return outputs_; }
  // Producer, graph name, description, version and metadata_props, as the model states them.
  const ModelMetadata& metadata() const { return metadata_; }

  // Runs with named inputs; returns the graph outputs in declared order. They own their
  // memory. Run may be called from several threads at once; the runs of one session take
  // turns (one plan, one arena): for runs in parallel, use one session per thread.
  Result<std::vector<Tensor>> Run(const std::map<std::string, Tensor>& feeds,
                                  const RunOptions& run_options = {});
  // The same for models whose inputs or outputs are sequences or optionals.
  Result<std::vector<Value>> RunValues(const std::map<std::string, Value>& feeds,
                                       const RunOptions& run_options = {});

  // After a Run: the first node that drew random numbers in it (RandomNormal, Bernoulli,
  // Dropout in training mode), as "op_type (node 'name')"; "" when the run was reproducible.
  std::string LastRunRandomNode() const;

  // After a Run: the memory plan of the last input shapes.
  PlanStats plan_stats() const;
  // A table of every planned value: offset, size, first and last use; then the peak.
  std::string PlanReport() const;
  // With Options::profile: time per op type and the slowest nodes, summed over all Runs.
  std::string ProfileReport() const;

 private:
  Session() = default;
  static Result<std::unique_ptr<Session>> Create(Result<Model> model, const Options& options);
  struct Threads;  // the session's tbb::task_arena and the lock runs take turns on
  std::unique_ptr<Threads> threads_;
  int64_t memory_limit_ = 0;
  std::unique_ptr<Executor> executor_;
  std::vector<ValueDesc> inputs_;
  std::vector<ValueDesc> outputs_;
  ModelMetadata metadata_;
};

}  // namespace onnxi
