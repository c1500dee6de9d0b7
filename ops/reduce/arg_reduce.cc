// ArgMax and ArgMin: the index of the largest / smallest element along one axis.
//
//   data (d0, ..., d_{r-1}), axis a -> reduced int64: d_a replaced by 1 (keepdims, default)
//   or removed. Ties pick the first index, or the last with select_last_index (from 12).
//
// Versions 1, 11 (negative axis), 12 (select_last_index), 13 (bfloat16). Element types: all
// numeric types. An empty axis with a non-empty output has no answer and is an error.
#include <type_traits>
#include <vector>

#include "kernels/reduce/arg_reduce.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/reduce/reduce_ops.h"

namespace onnxi {
namespace {

class ArgReduceOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    params_.is_max = node.op_type() == "ArgMax";
    axis_ = node.GetInt("axis", 0);
    keepdims_ = node.GetInt("keepdims", 1) != 0;
    params_.select_last = node.since_version() >= 12 && node.GetInt("select_last_index", 0) != 0;
    bfloat16_ok_ = node.since_version() >= 13;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    if (dt == DataType::kBfloat16 && !bfloat16_ok_) {
      return Status::InvalidModel("bfloat16 input needs opset 13 or later");
    }
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kNumericTypes));
    const Shape& in = ctx.input_shape(0);
    const int rank = static_cast<int>(in.size());
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    params_.outer = 1;
    params_.inner = 1;
    for (int i = 0; i < axis; ++i) params_.outer *= in[i];
    for (int i = axis + 1; i < rank; ++i) params_.inner *= in[i];
    params_.n = rank == 0 ? 1 : in[axis];
    if (params_.n == 0 && params_.outer * params_.inner > 0) {
      return Status::InvalidArgument(StrCat("axis ", axis_, " of input shape ",
                                            ShapeToString(in), " is empty: no index to return"));
    }
    Shape out;
    for (int i = 0; i < rank; ++i) {
      if (i != axis) {
        out.push_back(in[i]);
      } else if (keepdims_) {
        out.push_back(1);
      }
    }
    ctx.SetOutput(0, DataType::kInt64, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    int64_t* y = ctx.output(0).data<int64_t>();
    if (params_.n == 0) return Status::Ok();
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) kernels::ArgReduceRef<T>(x.data<T>(), y, params_);
    });
  }

 private:
  int64_t axis_ = 0;
  bool keepdims_ = true;
  bool bfloat16_ok_ = false;
  kernels::ArgReduceParams params_;
};

}  // namespace

std::unique_ptr<Op> MakeArgReduceOp() { return std::make_unique<ArgReduceOp>(); }

}  // namespace onnxi
