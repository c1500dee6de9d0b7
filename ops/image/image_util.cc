// Helpers shared by the ops in ops/image/ (see image_ops.h).
#include "onnxi/dtype.h"
#include "ops/image/image_ops.h"

namespace onnxi {

Result<std::vector<double>> ReadDoubles(const Tensor& t) {
  if (t.rank() > 1) {
    return Status::InvalidArgument(
        StrCat("expected a 1-D tensor, got shape ", ShapeToString(t.shape())));
  }
  const int64_t n = t.num_elements();
  std::vector<double> v(static_cast<size_t>(n));
  // A handful of parameters (scales, roi), not tensor data: read here, not in a kernel.
  for (int64_t i = 0; i < n; ++i) {
    switch (t.dtype()) {
      case DataType::kFloat: v[i] = t.data<float>()[i]; break;
      case DataType::kDouble: v[i] = t.data<double>()[i]; break;
      case DataType::kFloat16: v[i] = static_cast<float>(t.data<Float16>()[i]); break;
      case DataType::kBfloat16: v[i] = static_cast<float>(t.data<BFloat16>()[i]); break;
      default:
        return Status::InvalidArgument(StrCat("expected a float tensor, got element type ",
                                              DataTypeName(t.dtype())));
    }
  }
  return v;
}

}  // namespace onnxi
