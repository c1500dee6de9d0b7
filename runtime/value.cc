#include "onnxi/value.h"

namespace onnxi {

Value Value::Sequence(DataType elem_dtype, std::vector<Tensor> items) {
  Value v;
  v.kind_ = Kind::kSequence;
  v.seq_dtype_ = elem_dtype;
  v.seq_ = std::make_shared<const std::vector<Tensor>>(std::move(items));
  return v;
}

const std::vector<Tensor>& Value::sequence() const {
  static const std::vector<Tensor> kEmpty;
  return seq_ ? *seq_ : kEmpty;
}

std::string Value::TypeString() const {
  switch (kind_) {
    case Kind::kNone: return "none";
    case Kind::kTensor: return tensor_.TypeString();
    case Kind::kSequence:
      return StrCat("sequence<", DataTypeName(seq_dtype_), ">(", sequence().size(), ")");
  }
  return "?";
}

}  // namespace onnxi

// RunContext's tensor constructor lives here, beside Value, to keep ops/op.h declarative.
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
