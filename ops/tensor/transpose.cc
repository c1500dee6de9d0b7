// Axis permutations: Transpose, DepthToSpace, SpaceToDepth. Each becomes one strided copy
// (kernels/tensor/copy.h) that walks the dense output and reads the input with permuted
// strides.
//
// Transpose: out dim i = in dim perm[i] (perm defaults to reversed axes).
// DepthToSpace (N, C, H, W) -> (N, C/b^2, H*b, W*b), blocksize b:
//   DCR (default): out[n, c, h*b+i, w*b+j] = in[n, (i*b + j)*C/b^2 + c, h, w]
//   CRD (opset 11+): out[n, c, h*b+i, w*b+j] = in[n, c*b^2 + i*b + j, h, w]
// SpaceToDepth (N, C, H, W) -> (N, C*b^2, H/b, W/b):
//   out[n, (i*b + j)*C + c, h, w] = in[n, c, h*b+i, w*b+j]
#include <algorithm>

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
    ONNXI_RETURN_IF_ERROR(RequireInputs(ctx, 1));
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
    return Status::Ok();
  }

 private:
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
    ONNXI_RETURN_IF_ERROR(RequireInputs(ctx, 1));
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
    ONNXI_RETURN_IF_ERROR(RequireInputs(ctx, 1));
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
