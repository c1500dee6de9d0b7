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

#include <memory>
#include <string>
#include <vector>

#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "ops/attributes.h"

namespace onnxi {

// What Prepare sees of an input: its type and shape always, its data when known (an
// initializer, a graph constant, a folded value, or anything at run time).
struct InputFact {
  bool present = false;  // false for an omitted optional input
  DataType dtype = DataType::kUndefined;
  Shape shape;
  const Tensor* data = nullptr;
};

class PrepareContext {
 public:
  PrepareContext(std::vector<InputFact> inputs, int num_outputs)
      : inputs_(std::move(inputs)), output_dtypes_(num_outputs), output_shapes_(num_outputs),
        output_values_(num_outputs) {}

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i].present; }
  DataType input_dtype(int i) const { return inputs_[i].dtype; }
  const Shape& input_shape(int i) const { return inputs_[i].shape; }
  int input_rank(int i) const { return static_cast<int>(inputs_[i].shape.size()); }
  // nullptr when the data is not known at this point (only possible before run time).
  const Tensor* input_data(int i) const { return has_input(i) ? inputs_[i].data : nullptr; }

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

  DataType output_dtype(int i) const { return output_dtypes_[i]; }
  const Shape& output_shape(int i) const { return output_shapes_[i]; }
  const Tensor& output_value(int i) const { return output_values_[i]; }

 private:
  std::vector<InputFact> inputs_;
  std::vector<DataType> output_dtypes_;
  std::vector<Shape> output_shapes_;
  std::vector<Tensor> output_values_;
};

class RunContext {
 public:
  RunContext(std::vector<const Tensor*> inputs, std::vector<Tensor*> outputs)
      : inputs_(std::move(inputs)), outputs_(std::move(outputs)) {}

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] != nullptr; }
  const Tensor& input(int i) const { return *inputs_[i]; }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // nullptr-safe check for optional outputs the node did not name.
  bool has_output(int i) const { return i < num_outputs() && outputs_[i] != nullptr; }
  Tensor& output(int i) { return *outputs_[i]; }

  int num_threads = 1;

 private:
  std::vector<const Tensor*> inputs_;
  std::vector<Tensor*> outputs_;
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
};

using OpFactory = std::unique_ptr<Op> (*)();

// Helper for factories: `return MakeOp<AddOp>;` style entries.
template <class T>
std::unique_ptr<Op> MakeOp() {
  return std::make_unique<T>();
}

}  // namespace onnxi
