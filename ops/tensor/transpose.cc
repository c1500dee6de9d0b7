// Axis permutations: Transpose, DepthToSpace, SpaceToDepth. Each becomes one strided copy
// (kernels/tensor/copy.h) that walks the dense output and reads the input with permuted
// strides.
//
// Transpose with a non-reference Isa coalesces the permutation (drops size-1 dims, merges dims
// that stay adjacent in the input) and runs kernels/tensor/transpose.h: contiguous row copies
// when the last axis stays last (BERT's (0, 2, 1, 3)), 16x16 tiles otherwise, in fixed blocks
// of units over the session's threads.
//
// Transpose: out dim i = in dim perm[i] (perm defaults to reversed axes).
// DepthToSpace (N, C, H, W) -> (N, C/b^2, H*b, W*b), blocksize b:
//   DCR (default): out[n, c, h*b+i, w*b+j] = in[n, (i*b + j)*C/b^2 + c, h, w]
//   CRD (opset 11+): out[n, c, h*b+i, w*b+j] = in[n, c*b^2 + i*b + j, h, w]
// SpaceToDepth (N, C, H, W) -> (N, C*b^2, H/b, W/b):
//   out[n, (i*b + j)*C + c, h, w] = in[n, c, h*b+i, w*b+j]
#include <algorithm>

#include "kernels/cpu/parallel.h"
#include "kernels/tensor/transpose.h"
#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

// Shared Run: copy `walk_shape_` with input strides `src_strides_` into a dense output.
class PermuteOp : public Op {
 public:
  Status Run(RunContext& ctx) override {
    return StridedCopy(ctx.input(0), 0, src_strides_.data(), ctx.output(0), 0, dst_strides_.data(),
                       walk_shape_.data(), static_cast<int>(walk_shape_.size()));
  }

 protected:
  Shape walk_shape_;
  std::vector<int64_t> src_strides_;
  std::vector<int64_t> dst_strides_;  // dense strides of walk_shape_
};

class TransposeOp : public PermuteOp {
 public:
  Status Init(const NodeView& node) override {
    has_perm_ = node.has("perm");
    perm_ = node.GetInts("perm");
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    std::vector<int64_t> perm = perm_;
    if (!has_perm_) {
      perm.resize(rank);
      for (int i = 0; i < rank; ++i) perm[i] = rank - 1 - i;
    }
    if (static_cast<int>(perm.size()) != rank) {
      return Status::InvalidModel(StrCat("perm ", ShapeToString(perm), " has ", perm.size(),
                                         " values for a rank-", rank, " input"));
    }
    std::vector<bool> seen(rank, false);
    for (int64_t p : perm) {
      if (p < 0 || p >= rank || seen[p]) {
        return Status::InvalidModel(
            StrCat("perm ", ShapeToString(perm), " is not a permutation of 0..", rank - 1));
      }
      seen[p] = true;
    }
    std::vector<int64_t> in_strides = StridesOf(in);
    walk_shape_.assign(rank, 0);
    src_strides_.assign(rank, 0);
    for (int i = 0; i < rank; ++i) {
      walk_shape_[i] = in[perm[i]];
      src_strides_[i] = in_strides[perm[i]];
    }
    dst_strides_ = StridesOf(walk_shape_);
    ctx.SetOutput(0, ctx.input_dtype(0), walk_shape_);
    blocked_ = ctx.isa != kernels::Isa::kReference && ctx.input_dtype(0) != DataType::kString;
    if (blocked_) Coalesce();
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    if (!blocked_) return PermuteOp::Run(ctx);
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    const int rank = static_cast<int>(plan_shape_.size());
    const int64_t units = kernels::TransposeUnitCount(plan_shape_.data(), rank);
    const int64_t unit_elems = kernels::kTransposeTile * plan_shape_[rank - 1];
    return VisitStorage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = x.data<S>();
      S* dst = y.data<S>();
      kernels::ParallelFor(units, kernels::GrainFor(unit_elems), [&](int64_t b, int64_t e) {
        kernels::TransposeUnits(src, plan_strides_.data(), dst, plan_shape_.data(), rank, b, e);
      });
    });
  }

 private:
  // plan_shape_ / plan_strides_: walk_shape_ without size-1 dims, adjacent dims merged when
  // the input holds them adjacent too (stride[k] == stride[k+1] * shape[k+1]), left-padded
  // with 1s to rank 2.
  void Coalesce() {
    plan_shape_.clear();
    plan_strides_.clear();
    for (size_t k = 0; k < walk_shape_.size(); ++k) {
      if (walk_shape_[k] == 1) continue;
      if (!plan_shape_.empty() &&
          plan_strides_.back() == src_strides_[k] * walk_shape_[k]) {
        plan_shape_.back() *= walk_shape_[k];
        plan_strides_.back() = src_strides_[k];
        continue;
      }
      plan_shape_.push_back(walk_shape_[k]);
      plan_strides_.push_back(src_strides_[k]);
    }
    while (plan_shape_.size() < 2) {
      plan_shape_.insert(plan_shape_.begin(), 1);
      plan_strides_.insert(plan_strides_.begin(), 0);
    }
  }

  bool blocked_ = false;
  Shape plan_shape_;
  std::vector<int64_t> plan_strides_;
  bool has_perm_ = false;
  std::vector<int64_t> perm_;
};

class DepthToSpaceOp : public PermuteOp {
 public:
  Status Init(const NodeView& node) override {
    if (!node.Require("blocksize")) return node.status();
    b_ = node.GetInt("blocksize", 0);
    std::string mode = node.GetString("mode", "DCR");
    if (b_ <= 0) return Status::InvalidModel(StrCat("blocksize ", b_, " must be positive"));
    if (mode != "DCR" && mode != "CRD") {
      return Status::InvalidModel(StrCat("mode '", mode, "' is not DCR or CRD"));
    }
    crd_ = mode == "CRD";
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    if (in.size() != 4) {
      return Status::InvalidArgument(StrCat("input must be 4-D (N, C, H, W), got ",
                                            ShapeToString(in)));
    }
    const int64_t n = in[0], c = in[1], h = in[2], w = in[3], b = b_;
    if (c % (b * b) != 0) {
      return Status::InvalidArgument(
          StrCat("channels ", c, " are not divisible by blocksize^2 = ", b * b));
    }
    const int64_t oc = c / (b * b);
    const int64_t hw = h * w;
    // Walk the output as (n, oc, h, i, w, j).
    walk_shape_ = {n, oc, h, b, w, b};
    if (crd_) {
      src_strides_ = {c * hw, b * b * hw, w, b * hw, 1, hw};
    } else {
      src_strides_ = {c * hw, hw, w, b * oc * hw, 1, oc * hw};
    }
    dst_strides_ = StridesOf(walk_shape_);
    ctx.SetOutput(0, ctx.input_dtype(0), {n, oc, h * b, w * b});
    return Status::Ok();
  }

 private:
  int64_t b_ = 0;
  bool crd_ = false;
};

class SpaceToDepthOp : public PermuteOp {
 public:
  Status Init(const NodeView& node) override {
    if (!node.Require("blocksize")) return node.status();
    b_ = node.GetInt("blocksize", 0);
    if (b_ <= 0) return Status::InvalidModel(StrCat("blocksize ", b_, " must be positive"));
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    if (in.size() != 4) {
      return Status::InvalidArgument(StrCat("input must be 4-D (N, C, H, W), got ",
                                            ShapeToString(in)));
    }
    const int64_t n = in[0], c = in[1], h = in[2], w = in[3], b = b_;
    if (h % b != 0 || w % b != 0) {
      return Status::InvalidArgument(StrCat("spatial dims ", h, "x", w,
                                            " are not divisible by blocksize ", b));
    }
    // Walk the output as (n, i, j, c, h/b, w/b).
    walk_shape_ = {n, b, b, c, h / b, w / b};
    src_strides_ = {c * h * w, w, 1, h * w, b * w, b};
    dst_strides_ = StridesOf(walk_shape_);
    ctx.SetOutput(0, ctx.input_dtype(0), {n, c * b * b, h / b, w / b});
    return Status::Ok();
  }

 private:
  int64_t b_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewTransposeOp() { return std::make_unique<TransposeOp>(); }
std::unique_ptr<Op> NewDepthToSpaceOp() { return std::make_unique<DepthToSpaceOp>(); }
std::unique_ptr<Op> NewSpaceToDepthOp() { return std::make_unique<SpaceToDepthOp>(); }

}  // namespace onnxi
