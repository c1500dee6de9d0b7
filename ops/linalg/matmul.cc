// MatMul: numpy matmul (ONNX MatMul, opsets 1, 9, 13).
//
// Shapes: A (..., M, K) x B (..., K, N) -> Y (broadcast(...), M, N). A 1-D A (K) is read as
// (1, K) and a 1-D B (K) as (K, 1); the added dim is dropped from Y. Batch dims broadcast
// numpy-style. Each batch is one call of kernels::GemmRef on contiguous (M, K) and (K, N)
// slices; Prepare precomputes every batch's slice offsets.
// Types: float16, float, double; int32, int64, uint32, uint64 from opset 9; bfloat16 from 13.
// Rank-0 inputs are rejected, as in numpy.
#include <vector>

#include "kernels/gemm/gemm.h"
#include "ops/common/shape_util.h"
#include "ops/linalg/linalg_types.h"

namespace onnxi {
namespace {

class MatMulOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckGemmType(0, dtype, since_version_));
    if (ctx.input_dtype(1) != dtype) {
      return Status::InvalidModel(StrCat("B has element type ", DataTypeName(ctx.input_dtype(1)),
                                         " but A has ", DataTypeName(dtype)));
    }
    Shape a = ctx.input_shape(0);
    Shape b = ctx.input_shape(1);
    if (a.empty() || b.empty()) {
      return Status::InvalidArgument(StrCat("A ", ShapeToString(a), " and B ", ShapeToString(b),
                                            " must both have rank >= 1"));
    }
    const bool a_vec = a.size() == 1, b_vec = b.size() == 1;
    if (a_vec) a.insert(a.begin(), 1);
    if (b_vec) b.push_back(1);
    const int64_t m = a[a.size() - 2], k = a.back(), kb = b[b.size() - 2], n = b.back();
    if (k != kb) {
      return Status::InvalidArgument(StrCat("A ", ShapeToString(ctx.input_shape(0)), " and B ",
                                            ShapeToString(ctx.input_shape(1)),
                                            " have inner dims ", k, " and ", kb,
                                            ", which differ"));
    }
    Shape a_batch(a.begin(), a.end() - 2), b_batch(b.begin(), b.end() - 2);
    auto batch = BroadcastShapes(a_batch, b_batch);
    if (!batch.ok()) {
      return Status::InvalidArgument(StrCat("batch dims of A ", ShapeToString(ctx.input_shape(0)),
                                            " and B ", ShapeToString(ctx.input_shape(1)),
                                            " do not broadcast"));
    }
    const Shape& out_batch = batch.value();
    // Strides in units of whole matrices; 0 where a batch dim is broadcast.
    const std::vector<int64_t> a_str = BroadcastStrides(a_batch, out_batch);
    const std::vector<int64_t> b_str = BroadcastStrides(b_batch, out_batch);
    const int64_t count = NumElements(out_batch);
    a_offsets_.assign(static_cast<size_t>(count), 0);
    b_offsets_.assign(static_cast<size_t>(count), 0);
    std::vector<int64_t> idx(out_batch.size(), 0);
    for (int64_t i = 0; i < count; ++i) {
      int64_t ao = 0, bo = 0;
      for (size_t d = 0; d < idx.size(); ++d) {
        ao += idx[d] * a_str[d];
        bo += idx[d] * b_str[d];
      }
      a_offsets_[i] = ao * m * k;
      b_offsets_[i] = bo * k * n;
      for (size_t d = idx.size(); d-- > 0;) {  // odometer increment
        if (++idx[d] < out_batch[d]) break;
        idx[d] = 0;
      }
    }
    params_ = kernels::GemmParams{};
    params_.m = m;
    params_.n = n;
    params_.k = k;
    params_.lda = k;
    params_.ldb = n;
    params_.ldc = n;
    Shape y = out_batch;
    if (!a_vec) y.push_back(m);
    if (!b_vec) y.push_back(n);
    ctx.SetOutput(0, dtype, y);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    Tensor& y = ctx.output(0);
    return VisitGemmType(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const int64_t y_step = params_.m * params_.n;
      for (size_t i = 0; i < a_offsets_.size(); ++i) {
        kernels::GemmRef(params_, a.data<T>() + a_offsets_[i], b.data<T>() + b_offsets_[i],
                         y.data<T>() + static_cast<int64_t>(i) * y_step);
      }
    });
  }

 private:
  int since_version_ = 0;
  kernels::GemmParams params_;
  std::vector<int64_t> a_offsets_, b_offsets_;  // element offsets of each batch's matrices
};

}  // namespace

std::unique_ptr<Op> MakeMatMulOp() { return std::make_unique<MatMulOp>(); }

}  // namespace onnxi
