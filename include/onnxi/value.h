// Value: what flows along a graph edge. Almost always a tensor; ONNX also has sequences of
// tensors (SequenceConstruct, SplitToSequence, Loop scan state) and optionals, which are
// either empty or hold a tensor or a sequence.
//
// An optional holding something is represented by what it holds; an empty optional (and an
// absent value) is kind kNone. Sequences are immutable once made and share their storage
// on copy; the tensors in a sequence own their data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "onnxi/tensor.h"

namespace onnxi {

class Value {
 public:
  enum class Kind { kNone, kTensor, kSequence };

  Value() = default;
  Value(Tensor t) : kind_(Kind::kTensor), tensor_(std::move(t)) {}  // NOLINT: implicit
  static Value Sequence(DataType elem_dtype, std::vector<Tensor> items);
  // An empty optional whose element type is known (for printing and checks).
  static Value None() { return Value(); }

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::kNone; }
  bool is_tensor() const { return kind_ == Kind::kTensor; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }

  const Tensor& tensor() const { return tensor_; }
  Tensor& mutable_tensor() { return tensor_; }
  DataType sequence_dtype() const { return seq_dtype_; }
  const std::vector<Tensor>& sequence() const;

  // "float32[2, 3]", "sequence<float32>(3)", "none"
  std::string TypeString() const;

 private:
  Kind kind_ = Kind::kNone;
  Tensor tensor_;
  DataType seq_dtype_ = DataType::kUndefined;
  std::shared_ptr<const std::vector<Tensor>> seq_;
};

}  // namespace onnxi
