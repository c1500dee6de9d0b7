// Binarizer and ArrayFeatureExtractor (ai.onnx.ml 1).
//
//   Binarizer: X (any shape; float, double, int64, int32) -> Y = X > threshold ? 1 : 0.
//   ArrayFeatureExtractor: X (..., N) (float, double, int64, int32, string), Y int64
//     indices (k values; 1-D or (1, k)) -> Z (..., k) = X[..., Y]; a 1-D X gives Z (1, k).
//     Indices are checked against [0, N) at run time.
#include <string>
#include <vector>

#include "kernels/ml/ml_kernels.h"
#include "ops/common/dispatch.h"
#include "ops/ml/ml_ops.h"

namespace onnxi {
namespace {

class BinarizerOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    threshold_ = node.GetFloat("threshold", 0.0f);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0),
                                         {DataType::kFloat, DataType::kDouble, DataType::kInt64,
                                          DataType::kInt32}));
    ctx.SetOutput(0, ctx.input_dtype(0), ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::BinarizerRef<T>(x.data<T>(), x.num_elements(), threshold_, y.data<T>());
    });
  }

 private:
  double threshold_ = 0;
};

class ArrayFeatureExtractorOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt,
                                         {DataType::kFloat, DataType::kDouble, DataType::kInt64,
                                          DataType::kInt32, DataType::kString}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kInt64}));
    const Shape& in = ctx.input_shape(0);
    if (in.empty()) return Status::InvalidArgument("X must have rank >= 1, got a scalar");
    k_ = NumElements(ctx.input_shape(1));
    n_ = in.back();
    outer_ = NumElements(Shape(in.begin(), in.end() - 1));
    Shape out = in.size() == 1 ? Shape{1, k_} : in;
    out.back() = k_;
    ctx.SetOutput(0, dt, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    const Tensor& idx = ctx.input(1);
    const int64_t* ind = idx.data<int64_t>();
    const int64_t bad = kernels::FirstIndexOutOfRange(ind, k_, n_);
    if (bad >= 0) {
      return Status::InvalidArgument(StrCat("index ", ind[bad], " (position ", bad,
                                            ") is out of range [0, ", n_, ")"));
    }
    Tensor& y = ctx.output(0);
    if (x.dtype() == DataType::kString) {
      kernels::ArrayFeatureExtractorRef(x.data<std::string>(), outer_, n_, ind, k_,
                                        y.data<std::string>());
      return Status::Ok();
    }
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::ArrayFeatureExtractorRef(x.data<T>(), outer_, n_, ind, k_, y.data<T>());
    });
  }

 private:
  int64_t k_ = 0, n_ = 0, outer_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeBinarizerOp() { return std::make_unique<BinarizerOp>(); }
std::unique_ptr<Op> MakeArrayFeatureExtractorOp() {
  return std::make_unique<ArrayFeatureExtractorOp>();
}

}  // namespace onnxi
