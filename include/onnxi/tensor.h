// Tensor: an element type, a shape and a buffer that is either owned (shared, refcounted)
// or borrowed (an arena slice, a caller's array). Copying a Tensor copies the handle, not
// the data; Clone() copies the data.
//
// Layout is always dense row-major (C order). A rank-0 tensor (shape {}) holds one element.
// String tensors own an array of std::string and are never borrowed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/dtype.h"
#include "onnxi/status.h"

namespace onnxi {

using Shape = std::vector<int64_t>;

// Product of dims (1 for a scalar). Dims are assumed non-negative.
int64_t NumElements(const Shape& shape);
// "[1, 3, 224, 224]"
std::string ShapeToString(const Shape& shape);
// "512 bytes", "3.25 MiB", "1.50 GiB"
std::string BytesToString(int64_t bytes);

class Tensor {
 public:
  Tensor() = default;

  // A new zero-filled buffer (strings: empty strings).
  static Tensor Allocate(DataType dtype, Shape shape);
  // A view of memory someone else owns; it must outlive every copy of this Tensor.
  static Tensor Borrow(DataType dtype, Shape shape, void* data);
  // An owning rank-0 or rank-1 tensor from values, for tests and small constants.
  template <class T>
  static Tensor FromVector(DataType dtype, Shape shape, const std::vector<T>& values);

  bool empty() const { return dtype_ == DataType::kUndefined; }
  DataType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int i) const { return shape_[i]; }
  int64_t num_elements() const { return NumElements(shape_); }
  size_t nbytes() const { return DataTypeStorageBytes(dtype_, num_elements()); }
  bool owns_data() const { return owner_ != nullptr; }

  void* raw_data() { return data_; }
  const void* raw_data() const { return data_; }
  template <class T>
  T* data() {
    return static_cast<T*>(data_);
  }
  template <class T>
  const T* data() const {
    return static_cast<const T*>(data_);
  }

  // Same buffer, new shape (element counts must match; checked by the caller).
  Tensor Reshaped(Shape shape) const;
  // Same buffer, read as another element type of the same size (e.g. uint16 bits as bfloat16).
  Tensor ReinterpretAs(DataType dtype) const;
  // A deep copy into a new owned buffer.
  Tensor Clone() const;
  // Reads element i of an integer tensor (int8..uint64) as int64; for shape-like inputs.
  int64_t IntAt(int64_t i) const;
  // "float32[1, 3, 224, 224]"
  std::string TypeString() const;

 private:
  DataType dtype_ = DataType::kUndefined;
  Shape shape_;
  void* data_ = nullptr;
  std::shared_ptr<void> owner_;
};

template <class T>
Tensor Tensor::FromVector(DataType dtype, Shape shape, const std::vector<T>& values) {
  Tensor t = Allocate(dtype, std::move(shape));
  T* out = t.data<T>();
  for (size_t i = 0; i < values.size() && static_cast<int64_t>(i) < t.num_elements(); ++i) {
    out[i] = values[i];
  }
  return t;
}


}  // namespace onnxi
