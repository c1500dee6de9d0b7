// Range (opsets 11, 27): scalars start, limit, delta of one type (float, double, int16,
// int32, int64; float16 and bfloat16 from opset 27, computed in float32 as its default
// stash_type says; other stash types are not supported) -> 1-D output of max(ceil((limit - start) / delta), 0) elements,
// out[i] = start + i * delta. The inputs must be known at Prepare (else deferred); delta 0
// is an error.
#include <cmath>

#include "kernels/tensor/generate.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

// Ranges longer than this are almost surely a model error; refuse rather than allocate.
constexpr int64_t kMaxRangeElements = int64_t{1} << 32;

class RangeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    int64_t stash = node.GetInt("stash_type", 1);
    if (stash != 1) {
      return Status::Unsupported(StrCat("stash_type ", stash, " (only 1, float32, is supported)"));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    const DataType t = ctx.input_dtype(0);
    if (version_ >= 27) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, {DataType::kFloat, DataType::kDouble,
                                                  DataType::kFloat16, DataType::kBfloat16,
                                                  DataType::kInt16, DataType::kInt32,
                                                  DataType::kInt64}));
    } else {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, t, {DataType::kFloat, DataType::kDouble,
                                                  DataType::kInt16, DataType::kInt32,
                                                  DataType::kInt64}));
    }
    for (int i = 0; i < 3; ++i) {
      if (ctx.input_dtype(i) != t) {
        return Status::InvalidModel(StrCat("input ", i, " is ", DataTypeName(ctx.input_dtype(i)),
                                           " but start is ", DataTypeName(t)));
      }
      if (ctx.input_data(i) == nullptr) return Status::Deferred();
      if (ctx.input_data(i)->num_elements() != 1) {
        return Status::InvalidArgument(StrCat("input ", i, " must be a scalar, got shape ",
                                              ShapeToString(ctx.input_shape(i))));
      }
    }
    int64_t count = 0;
    if (IsIntegerType(t)) {
      const __int128 start = ctx.input_data(0)->IntAt(0);
      const __int128 limit = ctx.input_data(1)->IntAt(0);
      const __int128 delta = ctx.input_data(2)->IntAt(0);
      if (delta == 0) return Status::InvalidArgument("delta is 0");
      __int128 n = 0;
      if (delta > 0 && limit > start) n = (limit - start - 1) / delta + 1;
      if (delta < 0 && limit < start) n = (start - limit - 1) / (-delta) + 1;
      if (n > kMaxRangeElements) return TooLong(static_cast<double>(n));
      count = static_cast<int64_t>(n);
      istart_ = static_cast<int64_t>(start);
      idelta_ = static_cast<int64_t>(delta);
    } else {
      ONNXI_ASSIGN_OR_RETURN(fstart_, ScalarAsDouble(*ctx.input_data(0), "start"));
      ONNXI_ASSIGN_OR_RETURN(double limit, ScalarAsDouble(*ctx.input_data(1), "limit"));
      ONNXI_ASSIGN_OR_RETURN(fdelta_, ScalarAsDouble(*ctx.input_data(2), "delta"));
      if (fdelta_ == 0) return Status::InvalidArgument("delta is 0");
      double n = std::ceil((limit - fstart_) / fdelta_);
      if (std::isnan(n)) {
        return Status::InvalidArgument(StrCat("range(", fstart_, ", ", limit, ", ", fdelta_,
                                              ") has no defined length"));
      }
      if (n > static_cast<double>(kMaxRangeElements)) return TooLong(n);
      count = n > 0 ? static_cast<int64_t>(n) : 0;
    }
    ctx.SetOutput(0, t, {count});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& out = ctx.output(0);
    const int64_t n = out.num_elements();
    switch (out.dtype()) {
      case DataType::kFloat:
        kernels::RangeRef<float, float>(static_cast<float>(fstart_), static_cast<float>(fdelta_),
                                        n, out.data<float>());
        break;
      case DataType::kFloat16:
        kernels::RangeRef<Float16, float>(static_cast<float>(fstart_),
                                          static_cast<float>(fdelta_), n, out.data<Float16>());
        break;
      case DataType::kBfloat16:
        kernels::RangeRef<BFloat16, float>(static_cast<float>(fstart_),
                                           static_cast<float>(fdelta_), n, out.data<BFloat16>());
        break;
      case DataType::kDouble:
        kernels::RangeRef<double, double>(fstart_, fdelta_, n, out.data<double>());
        break;
      case DataType::kInt16:
        kernels::RangeRef<int16_t, int64_t>(istart_, idelta_, n, out.data<int16_t>());
        break;
      case DataType::kInt32:
        kernels::RangeRef<int32_t, int64_t>(istart_, idelta_, n, out.data<int32_t>());
        break;
      default:
        kernels::RangeRef<int64_t, int64_t>(istart_, idelta_, n, out.data<int64_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  static Status TooLong(double n) {
    return Status::InvalidArgument(StrCat("range would have ", n, " elements (limit ",
                                          kMaxRangeElements, ")"));
  }

  int version_ = 0;
  double fstart_ = 0, fdelta_ = 1;
  int64_t istart_ = 0, idelta_ = 1;
};

}  // namespace

std::unique_ptr<Op> NewRangeOp() { return std::make_unique<RangeOp>(); }

}  // namespace onnxi
