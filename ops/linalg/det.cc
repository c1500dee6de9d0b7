// Det (11, 22): determinants of square matrices.
//
//   X (*, n, n) -> Y (*): Y[b] = det(X[b]), by LU factorization with partial pivoting in
//   double (kernels/linalg/det.h). Types: float16, float, double; bfloat16 from 22.
#include <vector>

#include "kernels/linalg/det.h"
#include "ops/common/dispatch.h"
#include "ops/linalg/einsum_det.h"

namespace onnxi {
namespace {

class DetOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is required");
    const DataType dt = ctx.input_dtype(0);
    if (since_version_ >= 22) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, dt, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
    }
    const Shape& x = ctx.input_shape(0);
    const int r = ctx.input_rank(0);
    if (r < 2 || x[r - 1] != x[r - 2]) {
      return Status::InvalidArgument(
          StrCat("X must be a (batch of) square matrices (*, n, n), got ", ShapeToString(x)));
    }
    n_ = x[r - 1];
    Shape out(x.begin(), x.end() - 2);
    batch_ = NumElements(out);
    scratch_.assign(static_cast<size_t>(n_ * n_), 0.0);
    ctx.SetOutput(0, dt, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::DetRef(x.data<T>(), batch_, n_, scratch_.data(), y.data<T>());
    });
  }

 private:
  int since_version_ = 11;
  int64_t n_ = 0, batch_ = 0;
  std::vector<double> scratch_;
};

}  // namespace

std::unique_ptr<Op> MakeDetOp() { return std::make_unique<DetOp>(); }

}  // namespace onnxi
