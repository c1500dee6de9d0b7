// RunContext's tensor constructor (ops/op.h), kept out of the header.
#include "ops/op.h"

namespace onnxi {

RunContext::RunContext(std::vector<const Tensor*> inputs, std::vector<Tensor*> outputs) {
  owned_.reserve(inputs.size() + outputs.size());
  for (const Tensor* t : inputs) owned_.push_back(t ? Value(*t) : Value());
  for (Tensor* t : outputs) owned_.push_back(t ? Value(*t) : Value());
  for (size_t i = 0; i < inputs.size(); ++i) inputs_.push_back(inputs[i] ? &owned_[i] : nullptr);
  for (size_t i = 0; i < outputs.size(); ++i) {
    outputs_.push_back(outputs[i] ? &owned_[inputs.size() + i] : nullptr);
  }
}

}  // namespace onnxi
