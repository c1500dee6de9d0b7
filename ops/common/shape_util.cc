#include "ops/common/shape_util.h"

#include <algorithm>

#include "ops/common/dispatch.h"

namespace onnxi {

Status CheckInputType(int input_index, DataType got, std::initializer_list<DataType> allowed) {
  if (IsOneOf(got, allowed)) return Status::Ok();
  std::string names;
  for (DataType t : allowed) names += (names.empty() ? "" : ", ") + DataTypeName(t);
  return Status::InvalidModel(StrCat("input ", input_index, " has element type ",
                                     DataTypeName(got), "; expected one of ", names));
}

Result<int> NormalizeAxis(int64_t axis, int rank) {
  if (axis < -rank || axis >= rank || (rank == 0 && axis != 0 && axis != -1)) {
    return Status::InvalidModel(
        StrCat("axis ", axis, " is out of range for a rank-", rank, " input"));
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

Result<Shape> BroadcastShapes(const Shape& a, const Shape& b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Right-align: position i of out reads a[i - (rank - a.size())] when it exists.
    int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) {
      return Status::InvalidArgument(StrCat("shapes ", ShapeToString(a), " and ",
                                            ShapeToString(b), " cannot be broadcast"));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<int64_t> StridesOf(const Shape& shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t s = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

std::vector<int64_t> BroadcastStrides(const Shape& shape, const Shape& out) {
  std::vector<int64_t> own = StridesOf(shape);
  std::vector<int64_t> strides(out.size(), 0);
  size_t offset = out.size() - shape.size();
  for (size_t i = 0; i < shape.size(); ++i) {
    strides[i + offset] = shape[i] == 1 ? 0 : own[i];
  }
  return strides;
}

Status CheckIndicesWithinData(const Shape& indices, const Shape& data, int axis) {
  for (size_t d = 0; d < indices.size() && d < data.size(); ++d) {
    if (static_cast<int>(d) != axis && indices[d] > data[d]) {
      return Status::InvalidArgument(StrCat("indices shape ", ShapeToString(indices),
                                            " exceeds data shape ", ShapeToString(data),
                                            " on axis ", d));
    }
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> ReadInt64s(const Tensor& t) {
  if (t.dtype() != DataType::kInt64 && t.dtype() != DataType::kInt32) {
    return Status::InvalidModel(
        StrCat("expected an int64 tensor, got ", DataTypeName(t.dtype())));
  }
  if (t.rank() > 1) {
    return Status::InvalidModel(StrCat("expected a 1-D tensor, got shape ",
                                       ShapeToString(t.shape())));
  }
  std::vector<int64_t> v(t.num_elements());
  for (int64_t i = 0; i < t.num_elements(); ++i) v[i] = t.IntAt(i);
  return v;
}

}  // namespace onnxi
