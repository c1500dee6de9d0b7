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
