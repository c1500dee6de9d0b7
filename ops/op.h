// The operator interface: how one ONNX node is prepared and run.
//
// Life of an op (TFLM's Prepare/Eval split):
//   Init(node)      once, at resolve: parse and validate attributes, remember opset quirks.
//   Prepare(ctx)    once per input-shape signature: check input dtypes/shapes, compute output
//                   dtypes/shapes, cache whatever Run needs. May fail. If an output shape
//                   depends on input *data* that is not known yet, return Status::Deferred();
//                   the runtime then calls Prepare again at run time with all data present.
//   Run(ctx)        every inference: compute outputs into buffers the runtime allocated with
//                   the shapes Prepare set. No allocation, no string formatting except errors.
//
// Errors returned by Prepare/Run carry only the op's own words ("axis 5 is out of range for
// rank 4"); the runtime prefixes "Op (node 'name', opset N)".
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "onnxi/value.h"
#include "kernels/cpu/isa.h"
#include "ops/node_view.h"
#include "ops/static_shape.h"

namespace onnxi {

// The domain of onnxi's private operators, version 1: the fused ops the graph rewrites emit
// (FusedConv, FusedGemm, FusedMatMul, LayerNormalization, Gelu) and the gradient helpers.
inline constexpr const char* kOnnxiDomain = "ai.onnxi";

// What Prepare sees of an input: its type and shape always, its data when known (an
// initializer, a graph constant, a folded value, or anything at run time).
// For a sequence, dtype is the element type and shape is empty; `value` holds it when known.
struct InputFact {
  bool present = false;  // false for an omitted optional input or an empty optional
  DataType dtype = DataType::kUndefined;
  Shape shape;
  const Tensor* data = nullptr;
  Value::Kind kind = Value::Kind::kTensor;
  const Value* value = nullptr;
};

class PrepareContext {
 public:
  PrepareContext(std::vector<InputFact> inputs, int num_outputs)
      : inputs_(std::move(inputs)), output_dtypes_(num_outputs), output_shapes_(num_outputs),
        output_values_(num_outputs), output_by_run_(num_outputs, false) {}

  // The session's instruction set: choose the kernels (function pointers) for it here and
  // pack constant weights in the layout they want. kReference: the scalar twins.
  kernels::Isa isa = kernels::Isa::kReference;

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i].present; }
  // "input 1 is required" unless inputs 0..n-1 are all present.
  Status RequireInputs(int n) const {
    for (int i = 0; i < n; ++i) {
      if (!has_input(i)) return Status::InvalidModel(StrCat("input ", i, " is required"));
    }
    return Status::Ok();
  }
  DataType input_dtype(int i) const { return inputs_[i].dtype; }
  const Shape& input_shape(int i) const { return inputs_[i].shape; }
  int input_rank(int i) const { return static_cast<int>(inputs_[i].shape.size()); }
  // nullptr when the data is not known at this point (only possible before run time).
  const Tensor* input_data(int i) const { return has_input(i) ? inputs_[i].data : nullptr; }
  // Tensor or sequence; kNone for an omitted input or an empty optional.
  Value::Kind input_kind(int i) const {
    return has_input(i) ? inputs_[i].kind : Value::Kind::kNone;
  }
  // The whole value when known (sequences, optionals); nullptr otherwise.
  const Value* input_value(int i) const { return i < num_inputs() ? inputs_[i].value : nullptr; }

  int num_outputs() const { return static_cast<int>(output_dtypes_.size()); }
  void SetOutput(int i, DataType dtype, Shape shape) {
    output_dtypes_[i] = dtype;
    output_shapes_[i] = std::move(shape);
  }
  // For ops whose output is known from shapes alone (Shape, Size): the value itself.
  void SetOutputValue(int i, Tensor value) {
    output_dtypes_[i] = value.dtype();
    output_shapes_[i] = value.shape();
    output_values_[i] = std::move(value);
  }

  // Working memory Run needs (im2col columns, ...): the runtime provides one shared,
  // 64-byte aligned buffer of at least this many bytes as RunContext::scratch, so that no
  // op keeps its own and nothing is allocated in Run. Its contents do not survive a Run.
  void RequestScratch(size_t bytes) { scratch_bytes_ = bytes; }
  size_t scratch_bytes() const { return scratch_bytes_; }

  // For ops that repack constant weights (GEMM panels, Winograd transforms): Prepare has
  // copied what it needs of constant input i and Run will not read it, so the runtime may
  // free it (it does when the input is an initializer no other node reads and callers cannot
  // feed). A later Prepare (other input shapes) then sees that input's dtype and shape with
  // input_data(i) == nullptr, and the op keeps what it packed. Run sees no input i.
  void ReleaseConstantInput(int i) { released_.push_back(i); }
  const std::vector<int>& released_inputs() const { return released_; }

  // For outputs whose kind or shape only Run can know (sequences, optionals, the outputs
  // of If/Loop/Scan): Run assigns ctx.output_value(i) itself, and consumers are prepared
  // at run time.
  void SetOutputByRun(int i) { output_by_run_[i] = true; }

  DataType output_dtype(int i) const { return output_dtypes_[i]; }
  bool output_by_run(int i) const { return output_by_run_[i]; }
  const Shape& output_shape(int i) const { return output_shapes_[i]; }
  const Tensor& output_value(int i) const { return output_values_[i]; }

 private:
  std::vector<InputFact> inputs_;
  std::vector<DataType> output_dtypes_;
  std::vector<Shape> output_shapes_;
  std::vector<Tensor> output_values_;
  std::vector<bool> output_by_run_;
  size_t scratch_bytes_ = 0;
  std::vector<int> released_;
};

// What may stop a run early, shared by a run and every subgraph run inside it: the caller's
// deadline and cancel flag (RunOptions) and the session's memory limit (Options::max_memory).
// The executor checks it between nodes; ops that loop or grow data in Run (Loop, Scan,
// sequence ops) check it too.
class RunControl {
 public:
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline = Clock::time_point::max();
  const std::atomic<bool>* cancel = nullptr;
  int64_t memory_limit = std::numeric_limits<int64_t>::max();  // bytes a run may hold
  // Bytes the run holds beyond its plan (data-dependent outputs), kept by the executors.
  mutable std::atomic<int64_t> dynamic_bytes{0};
  int64_t planned_bytes = 0;  // the main plan's arena, scratch and outputs

  // Cancelled or past the deadline: an error saying which; Ok otherwise.
  Status CheckStop() const;
  // Whether `bytes` more fit under the memory limit; the error names `what` and the sizes.
  Status CheckMemory(int64_t bytes, const std::string& what) const;
};

class RunContext {
 public:
  // inputs: the node's inputs (nullptr = omitted); captured: outer-scope values that the
  // node's subgraphs read (If/Loop/Scan), in the order of NodeView::captured_names().
  RunContext(std::vector<const Value*> inputs, std::vector<Value*> outputs,
             std::vector<const Value*> captured = {})
      : inputs_(std::move(inputs)), outputs_(std::move(outputs)), captured_(std::move(captured)) {}
  // For kernel-level tests: tensors in, tensors out (outputs share the callers' buffers).
  RunContext(std::vector<const Tensor*> inputs, std::vector<Tensor*> outputs);

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const {
    return i < num_inputs() && inputs_[i] != nullptr && !inputs_[i]->is_none();
  }
  const Tensor& input(int i) const { return inputs_[i]->tensor(); }
  const Value& input_value(int i) const { return *inputs_[i]; }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // false for optional outputs the node did not name.
  bool has_output(int i) const { return i < num_outputs() && outputs_[i] != nullptr; }
  Tensor& output(int i) { return outputs_[i]->mutable_tensor(); }
  Value& output_value(int i) { return *outputs_[i]; }
  const std::vector<const Value*>& captured() const { return captured_; }

  int num_threads = 1;
  // The same instruction set Prepare saw.
  kernels::Isa isa = kernels::Isa::kReference;
  // The scratch buffer requested in Prepare (PrepareContext::RequestScratch), or nullptr.
  void* scratch = nullptr;
  // Deadline, cancellation and memory limit of the run (never null inside a session run;
  // kernel-level tests that build a RunContext by hand get a default that never stops).
  const RunControl& control() const { return control_ ? *control_ : kNoControl(); }
  void set_control(const RunControl* c) { control_ = c; }
  Status CheckStop() const { return control().CheckStop(); }

  // Set by an op that drew random numbers in this Run (Random*, Bernoulli, training
  // Dropout), so that callers can tell a reproducible result from a random one.
  bool used_randomness = false;

 private:
  std::vector<const Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<const Value*> captured_;
  std::vector<Value> owned_;  // backing store of the tensor constructor
  const RunControl* control_ = nullptr;
  static const RunControl& kNoControl();
};

class Op {
 public:
  virtual ~Op() = default;
  virtual Status Init(const NodeView& node) {
    (void)node;
    return Status::Ok();
  }
  virtual Status Prepare(PrepareContext& ctx) = 0;
  virtual Status Run(RunContext& ctx) = 0;
  // Random ops return false so that they are never constant-folded.
  virtual bool deterministic() const { return true; }
  // Output shapes from input shapes known before anything runs, for the graph rewrites
  // (ops/static_shape.h): `in` has one entry per node input (known = false where unknown),
  // `out` one per node output. Called on an op that was created but not initialized, so it
  // reads its attributes from `node`. The default knows nothing (returns false).
  virtual bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                                 std::vector<StaticShape>& out, Symbols& symbols) const {
    return false;
  }
  // Ops that accept sequences or optionals as inputs return true; for all others the
  // runtime rejects a non-tensor input before Prepare.
  virtual bool takes_values() const { return false; }
};

using OpFactory = std::unique_ptr<Op> (*)();

// Helper for factories: `return MakeOp<AddOp>;` style entries.
template <class T>
std::unique_ptr<Op> MakeOp() {
  return std::make_unique<T>();
}

}  // namespace onnxi
