// MatMul: numpy matmul (ONNX MatMul, opsets 1, 9, 13), and onnxi's FusedMatMul (domain
// ai.onnxi, version 1): Y = act(matmul(A, B) + bias + Z), inputs A, B, optional bias (N) and
// optional Z of Y's shape, activation attributes as ops/common/fused_activation.h.
//
// Shapes: A (..., M, K) x B (..., K, N) -> Y (broadcast(...), M, N). A 1-D A (K) is read as
// (1, K) and a 1-D B (K) as (K, 1); the added dim is dropped from Y. Batch dims broadcast
// numpy-style. Each batch is one GEMM on contiguous (M, K) and (K, N) slices; Prepare
// precomputes every batch's slice offsets. float: kernels::GetSgemm(isa) (SgemmRef for
// kReference); when B has no batch dims its batches fold into one GEMM of M * batches rows,
// and a constant B is packed once in Prepare. Many small batches (attention heads) run in
// parallel, one GEMM per task. Other types: kernels::GemmRef, one batch after the other.
// Types: float16, float, double; int32, int64, uint32, uint64 from opset 9; bfloat16 from 13.
// FusedMatMul: float only. Rank-0 inputs are rejected, as in numpy.
#include <utility>
#include <vector>

#include "kernels/cpu/parallel.h"
#include "kernels/gemm/gemm.h"
#include "kernels/gemm/sgemm.h"
#include "ops/common/fused_activation.h"
#include "ops/common/shape_util.h"
#include "ops/linalg/linalg_types.h"

namespace onnxi {
namespace {

class MatMulOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    fused_ = node.domain() == kOnnxiDomain;
    if (fused_) {
      since_version_ = 13;  // the types of MatMul-13
      epilogue_.act = ReadFusedActivation(node);
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dtype = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckGemmType(0, dtype, since_version_));
    for (int i = 1; i < 4; ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != dtype) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), " but A has ",
                                           DataTypeName(dtype)));
      }
    }
    if (fused_ && dtype != DataType::kFloat) {
      return Status::InvalidModel(
          StrCat("FusedMatMul supports float only, A has ", DataTypeName(dtype)));
    }
    Shape a = ctx.input_shape(0);
    Shape b = ctx.input_shape(1);
    if (a.empty() || b.empty()) {
      return Status::InvalidArgument(
          StrCat("A ", ShapeToString(a), " and B ", ShapeToString(b), " must both have rank >= 1"));
    }
    const bool a_vec = a.size() == 1, b_vec = b.size() == 1;
    if (a_vec) a.insert(a.begin(), 1);
    if (b_vec) b.push_back(1);
    const int64_t m = a[a.size() - 2], k = a.back(), kb = b[b.size() - 2], n = b.back();
    if (k != kb) {
      return Status::InvalidArgument(StrCat("A ", ShapeToString(ctx.input_shape(0)), " and B ",
                                            ShapeToString(ctx.input_shape(1)), " have inner dims ",
                                            k, " and ", kb, ", which differ"));
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
    if (fused_) ONNXI_RETURN_IF_ERROR(CheckFusedInputs(ctx, y, n));
    ctx.SetOutput(0, dtype, y);
    if (dtype == DataType::kFloat) PrepareFloat(ctx, b_batch.empty());
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& a = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (a.dtype() == DataType::kFloat) {
      // B is gone when Prepare packed it (ReleaseConstantInput).
      const float* b_data = ctx.has_input(1) ? ctx.input(1).data<float>() : nullptr;
      RunFloat(ctx, a.data<float>(), b_data, y.data<float>());
      return Status::Ok();
    }
    const Tensor& b = ctx.input(1);
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
  static Status CheckFusedInputs(const PrepareContext& ctx, const Shape& y, int64_t n) {
    if (ctx.has_input(2) && (ctx.input_rank(2) != 1 || ctx.input_shape(2)[0] != n)) {
      return Status::InvalidArgument(StrCat("bias has shape ", ShapeToString(ctx.input_shape(2)),
                                            "; FusedMatMul needs [", n, "]"));
    }
    if (ctx.has_input(3) && ctx.input_shape(3) != y) {
      return Status::InvalidArgument(StrCat("Z has shape ", ShapeToString(ctx.input_shape(3)),
                                            "; FusedMatMul needs Y's shape ", ShapeToString(y)));
    }
    return Status::Ok();
  }

  // Chooses the SGEMM, folds batches when B has none, packs a constant B.
  void PrepareFloat(PrepareContext& ctx, bool b_has_no_batch) {
    sgemm_ = kernels::GetSgemm(ctx.isa);
    fold_ = b_has_no_batch && a_offsets_.size() > 1;
    gemm_ = params_;
    if (fold_) gemm_.m = params_.m * static_cast<int64_t>(a_offsets_.size());
    const int64_t batches = fold_ ? 1 : static_cast<int64_t>(a_offsets_.size());
    // A constant B is packed once and the original freed (ReleaseConstantInput); a later
    // Prepare for other input shapes then sees no data for B and keeps the pack, whose layout
    // depends only on B's shape and the instruction set.
    const Tensor* b = ctx.input_data(1);
    const bool keep = b == nullptr && !packed_b_.empty() &&
                      packed_kn_ == std::pair<int64_t, int64_t>(gemm_.k, gemm_.n);
    if (!keep) {
      sgemm_packed_ = nullptr;
      packed_b_.clear();
    }
    if (b != nullptr && b_has_no_batch && kernels::GetSgemmPackedB(ctx.isa) != nullptr) {
      packed_b_.resize(kernels::SgemmPackedBSize(ctx.isa, gemm_.k, gemm_.n));
      kernels::SgemmPackB(ctx.isa, false, b->data<float>(), gemm_.ldb, gemm_.k, gemm_.n,
                          packed_b_.data());
      sgemm_packed_ = kernels::GetSgemmPackedB(ctx.isa);
      packed_kn_ = {gemm_.k, gemm_.n};
      ctx.ReleaseConstantInput(1);
    }
    // Small matrices (attention heads): one GEMM per task rather than splitting each.
    batch_parallel_ = batches > 1 && gemm_.m * gemm_.n * gemm_.k <= (int64_t{1} << 22);
  }

  void RunFloat(RunContext& ctx, const float* a, const float* b, float* y) const {
    kernels::SgemmEpilogue ep = epilogue_;
    if (ctx.has_input(2)) ep.bias = ctx.input(2).data<float>();
    const float* z = ctx.has_input(3) ? ctx.input(3).data<float>() : nullptr;
    ep.ldr = gemm_.n;
    const int64_t y_step = gemm_.m * gemm_.n;
    auto one = [&](int64_t i) {
      kernels::SgemmEpilogue e = ep;
      if (z != nullptr) e.residual = z + i * y_step;
      if (sgemm_packed_ != nullptr) {
        sgemm_packed_(gemm_, a + a_offsets_[i], packed_b_.data(), y + i * y_step, e);
      } else {
        sgemm_(gemm_, a + a_offsets_[i], b + b_offsets_[i], y + i * y_step, e);
      }
    };
    const int64_t batches = fold_ ? 1 : static_cast<int64_t>(a_offsets_.size());
    if (batch_parallel_) {
      kernels::ParallelFor(batches, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) one(i);
      });
    } else {
      for (int64_t i = 0; i < batches; ++i) one(i);
    }
  }

  int since_version_ = 0;
  bool fused_ = false;
  kernels::GemmParams params_;
  std::vector<int64_t> a_offsets_, b_offsets_;  // element offsets of each batch's matrices
  // float
  kernels::SgemmEpilogue epilogue_;  // the fused activation; bias and Z are set per Run
  kernels::GemmParams gemm_;         // params_, with M * batches rows when folded
  bool fold_ = false, batch_parallel_ = false;
  kernels::SgemmFn sgemm_ = nullptr;
  kernels::SgemmPackedBFn sgemm_packed_ = nullptr;
  std::vector<float> packed_b_;  // a constant B packed for sgemm_packed_
  std::pair<int64_t, int64_t> packed_kn_;  // the (K, N) packed_b_ was packed for
};

}  // namespace

std::unique_ptr<Op> MakeMatMulOp() { return std::make_unique<MatMulOp>(); }

}  // namespace onnxi
