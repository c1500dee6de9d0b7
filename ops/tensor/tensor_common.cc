#include "ops/tensor/tensor_common.h"

#include <type_traits>

#include "kernels/tensor/copy.h"

namespace onnxi {

Result<const Tensor*> InputData(const PrepareContext& ctx, int i) {
  if (!ctx.has_input(i)) return Status::InvalidModel(StrCat("input ", i, " is required"));
  const Tensor* t = ctx.input_data(i);
  if (t == nullptr) return Status::Deferred();
  return t;
}

Status CopyTensorData(const Tensor& src, Tensor& dst) {
  if (src.num_elements() != dst.num_elements() || src.dtype() != dst.dtype()) {
    return Status::Internal(StrCat("copy from ", src.TypeString(), " to ", dst.TypeString()));
  }
  if (src.dtype() != DataType::kString) {
    // Any trivially copyable type, sub-byte packed ones included, moves as bytes.
    kernels::CopyRef(static_cast<const uint8_t*>(src.raw_data()),
                     static_cast<uint8_t*>(dst.raw_data()), static_cast<int64_t>(src.nbytes()));
    return Status::Ok();
  }
  return VisitStorage(src.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    kernels::CopyRef(src.data<S>(), dst.data<S>(), src.num_elements());
  });
}

Status StridedCopy(const Tensor& src, int64_t src_offset, const int64_t* src_strides, Tensor& dst,
                   int64_t dst_offset, const int64_t* dst_strides, const int64_t* shape, int rank) {
  return VisitStorage(src.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    kernels::StridedCopyRef(src.data<S>() + src_offset, src_strides, dst.data<S>() + dst_offset,
                            dst_strides, shape, rank);
  });
}

Result<Tensor> ScalarFromDouble(DataType dtype, double value) {
  Tensor t = Tensor::Allocate(dtype, {});
  Status s = VisitType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      t.data<T>()[0] = value != 0;
    } else if constexpr (std::is_integral_v<T>) {
      // NaN and values beyond int64 would make the conversion undefined: they become 0.
      double v = (value > -9.2e18 && value < 9.2e18) ? value : 0.0;
      t.data<T>()[0] = static_cast<T>(static_cast<int64_t>(v));
    } else {
      t.data<T>()[0] = T(static_cast<float>(value));
    }
  });
  if (dtype == DataType::kDouble) t.data<double>()[0] = value;
  ONNXI_RETURN_IF_ERROR(s);
  return t;
}

Result<double> ScalarAsDouble(const Tensor& t, const char* what) {
  if (t.num_elements() < 1) {
    return Status::InvalidArgument(StrCat(what, " is empty (shape ", ShapeToString(t.shape()),
                                          "); expected one value"));
  }
  double v = 0;
  Status s = VisitType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
      v = static_cast<float>(t.data<T>()[0]);
    } else {
      v = static_cast<double>(t.data<T>()[0]);
    }
  });
  ONNXI_RETURN_IF_ERROR(s);
  return v;
}

}  // namespace onnxi
