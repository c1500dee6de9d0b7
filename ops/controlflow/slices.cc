#include "ops/controlflow/slices.h"

#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {

Result<Tensor> TakeSlice(const Tensor& t, int axis, int64_t index) {
  Shape shape = t.shape();
  std::vector<int64_t> strides = StridesOf(shape);
  int64_t offset = index * strides[axis];
  shape.erase(shape.begin() + axis);
  strides.erase(strides.begin() + axis);
  Tensor out = Tensor::Allocate(t.dtype(), shape);
  std::vector<int64_t> dst_strides = StridesOf(shape);
  ONNXI_RETURN_IF_ERROR(StridedCopy(t, offset, strides.data(), out, 0, dst_strides.data(),
                                    shape.data(), static_cast<int>(shape.size())));
  return out;
}

Result<Tensor> StackSlices(const std::vector<Tensor>& slices, int axis, bool reverse,
                           DataType dtype) {
  const int64_t n = static_cast<int64_t>(slices.size());
  Shape slice_shape = n > 0 ? slices[0].shape() : Shape{};
  for (const Tensor& s : slices) {
    if (s.shape() != slice_shape || s.dtype() != dtype) {
      return Status::InvalidModel(StrCat("scan output slices differ: ", s.TypeString(), " vs ",
                                         DataTypeName(dtype), ShapeToString(slice_shape)));
    }
  }
  Shape shape = slice_shape;
  shape.insert(shape.begin() + axis, n);
  Tensor out = Tensor::Allocate(dtype, shape);
  std::vector<int64_t> strides = StridesOf(shape);
  const int64_t step = strides[axis];
  strides.erase(strides.begin() + axis);
  std::vector<int64_t> src_strides = StridesOf(slice_shape);
  for (int64_t k = 0; k < n; ++k) {
    int64_t at = reverse ? n - 1 - k : k;
    ONNXI_RETURN_IF_ERROR(StridedCopy(slices[k], 0, src_strides.data(), out, at * step,
                                      strides.data(), slice_shape.data(),
                                      static_cast<int>(slice_shape.size())));
  }
  return out;
}

Result<Tensor> ConcatAlong(const std::vector<Tensor>& parts, int axis, DataType dtype) {
  if (parts.empty()) return Status::InvalidModel("nothing to concatenate");
  Shape shape = parts[0].shape();
  int64_t total = 0;
  for (const Tensor& p : parts) {
    Shape a = p.shape(), b = shape;
    if (p.dtype() != dtype || a.size() != b.size()) {
      return Status::InvalidModel(StrCat("cannot concatenate ", p.TypeString(), " with ",
                                         DataTypeName(dtype), ShapeToString(shape)));
    }
    a[axis] = b[axis] = 0;
    if (a != b) {
      return Status::InvalidModel(StrCat("cannot concatenate ", p.TypeString(), " with ",
                                         DataTypeName(dtype), ShapeToString(shape), " along axis ", axis));
    }
    total += p.dim(axis);
  }
  shape[axis] = total;
  Tensor out = Tensor::Allocate(dtype, shape);
  std::vector<int64_t> dst_strides = StridesOf(shape);
  int64_t offset = 0;
  for (const Tensor& p : parts) {
    std::vector<int64_t> src_strides = StridesOf(p.shape());
    ONNXI_RETURN_IF_ERROR(StridedCopy(p, 0, src_strides.data(), out, offset * dst_strides[axis],
                                      dst_strides.data(), p.shape().data(), p.rank()));
    offset += p.dim(axis);
  }
  return out;
}

}  // namespace onnxi
