// ScatterElements (and the deprecated Scatter-9/11, same semantics), ScatterND, TensorScatter.
//
// ScatterElements (data rank r, axis a): indices and updates share one shape of rank r whose
//   dims other than a do not exceed data's. out = data, then for every position p of
//   indices: out[p with p_a := indices[p]] (reduction) = updates[p].
//   reduction: none (all versions), add/mul (from 16), max/min (from 18).
// ScatterND (data rank r, indices (..., k) with 1 <= k <= r): updates shape
//   indices.shape[:-1] + data.shape[k:]; out = data, then out[indices[t]] (reduction) =
//   updates[t] slice by slice, in order. Same reduction versions.
// TensorScatter-24 (KV cache): past_cache (B, ..., max_seq, ...), update with seq <= max_seq
//   on `axis` (default -2, must not be the batch axis 0), optional write_indices (B) int64.
//   Row s of update lands at write_indices[b] + s (mod max_seq when mode = "circular").
// Index values outside [-dim, dim) (write indices outside [0, max_seq - seq] in linear
// mode, negative in circular mode) are errors naming the value and the range.
// Not supported: complex64/complex128 elements; reductions on strings are rejected.
#include <string>
#include <vector>

#include "kernels/indexing/scatter.h"
#include "ops/common/shape_util.h"
#include "ops/indexing/indexing_common.h"

namespace onnxi {
namespace {

Result<kernels::ScatterReduction> ParseReduction(const NodeView& node) {
  const std::string r = node.GetString("reduction", "none");
  const int v = node.since_version();
  if (r == "none") return kernels::ScatterReduction::kNone;
  if (r == "add" && v >= 16) return kernels::ScatterReduction::kAdd;
  if (r == "mul" && v >= 16) return kernels::ScatterReduction::kMul;
  if (r == "max" && v >= 18) return kernels::ScatterReduction::kMax;
  if (r == "min" && v >= 18) return kernels::ScatterReduction::kMin;
  return Status::InvalidModel(StrCat("reduction '", r, "' is not valid in version ", v,
                                     " (none; add, mul from 16; max, min from 18)"));
}

Status CheckDataAndUpdates(const PrepareContext& ctx, kernels::ScatterReduction r) {
  for (int i = 0; i < 3; ++i) {
    if (!ctx.has_input(i)) {
      static const char* const kNames[] = {"data", "indices", "updates"};
      return Status::InvalidModel(StrCat("input ", i, " (", kNames[i], ") is required"));
    }
  }
  if (ctx.input_dtype(2) != ctx.input_dtype(0)) {
    return Status::InvalidModel(StrCat("updates have element type ",
                                       DataTypeName(ctx.input_dtype(2)), " but data has ",
                                       DataTypeName(ctx.input_dtype(0))));
  }
  if (ctx.input_dtype(0) == DataType::kString && r != kernels::ScatterReduction::kNone) {
    return Status::InvalidModel("a reduction cannot apply to string data");
  }
  return VisitIndexType(ctx.input_dtype(1), "indices", [](auto) {});
}

class ScatterElementsOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", 0);
    auto r = ParseReduction(node);
    if (!r.ok()) node.Fail(r.status());
    else reduction_ = r.value();
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckDataAndUpdates(ctx, reduction_));
    const Shape& data = ctx.input_shape(0);
    const Shape& idx = ctx.input_shape(1);
    const int rank = ctx.input_rank(0);
    if (rank < 1) return Status::InvalidArgument("data must have rank >= 1");
    ONNXI_ASSIGN_OR_RETURN(axis_norm_, NormalizeAxis(axis_, rank));
    if (ctx.input_rank(1) != rank) {
      return Status::InvalidArgument(StrCat("indices shape ", ShapeToString(idx),
                                            " must have the rank of data ", ShapeToString(data)));
    }
    if (ctx.input_shape(2) != idx) {
      return Status::InvalidArgument(StrCat("updates shape ", ShapeToString(ctx.input_shape(2)),
                                            " differs from indices shape ", ShapeToString(idx)));
    }
    ONNXI_RETURN_IF_ERROR(CheckIndicesWithinData(idx, data, axis_norm_));
    strides_ = StridesOf(data);
    dim_ = data[axis_norm_];
    ctx.SetOutput(0, ctx.input_dtype(0), data);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    const Tensor& updates = ctx.input(2);
    Tensor& out = ctx.output(0);
    Status index_status;
    ONNXI_RETURN_IF_ERROR(VisitIndexType(indices.dtype(), "indices", [&](auto itag) {
      using I = typename decltype(itag)::type;
      const int64_t bad =
          kernels::FindOutOfRange(indices.data<I>(), indices.num_elements(), dim_);
      if (bad >= 0) {
        index_status = Status::InvalidArgument(StrCat("indices value ", indices.IntAt(bad),
                                                      " is out of range [", -dim_, ", ", dim_,
                                                      ")"));
      }
    }));
    ONNXI_RETURN_IF_ERROR(index_status);
    return VisitTypeOrString(data.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::CopyElements(data.data<T>(), data.num_elements(), out.data<T>());
      (void)VisitIndexType(indices.dtype(), "indices", [&](auto itag) {
        using I = typename decltype(itag)::type;
        kernels::ScatterElementsRef(out.data<T>(), strides_.data(), indices.data<I>(),
                                    updates.data<T>(), indices.shape().data(), indices.rank(),
                                    axis_norm_, dim_, reduction_);
      });
    });
  }

 private:
  int64_t axis_ = 0;
  int axis_norm_ = 0;
  int64_t dim_ = 0;
  kernels::ScatterReduction reduction_ = kernels::ScatterReduction::kNone;
  std::vector<int64_t> strides_;
};

class ScatterNDOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    auto r = ParseReduction(node);
    if (!r.ok()) node.Fail(r.status());
    else reduction_ = r.value();
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckDataAndUpdates(ctx, reduction_));
    const Shape& data = ctx.input_shape(0);
    const Shape& idx = ctx.input_shape(1);
    const int r = ctx.input_rank(0);
    if (idx.empty()) return Status::InvalidArgument("indices must have rank >= 1");
    const int64_t k = idx.back();
    if (r < 1 || k < 1 || k > r) {
      return Status::InvalidArgument(StrCat("indices shape ", ShapeToString(idx),
                                            " has last dim ", k, "; expected 1..", r,
                                            " for data ", ShapeToString(data)));
    }
    Shape want(idx.begin(), idx.end() - 1);
    want.insert(want.end(), data.begin() + k, data.end());
    if (ctx.input_shape(2) != want) {
      return Status::InvalidArgument(StrCat("updates shape ", ShapeToString(ctx.input_shape(2)),
                                            " should be ", ShapeToString(want), " for data ",
                                            ShapeToString(data), " and indices ",
                                            ShapeToString(idx)));
    }
    const std::vector<int64_t> strides = StridesOf(data);
    depth_ = static_cast<int>(k);
    dims_.assign(data.begin(), data.begin() + k);
    index_strides_.assign(strides.begin(), strides.begin() + k);
    slice_size_ = NumElements(Shape(data.begin() + k, data.end()));
    n_tuples_ = NumElements(Shape(idx.begin(), idx.end() - 1));
    ctx.SetOutput(0, ctx.input_dtype(0), data);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    const Tensor& updates = ctx.input(2);
    Tensor& out = ctx.output(0);
    int64_t bad = -1;
    ONNXI_RETURN_IF_ERROR(VisitTypeOrString(data.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::CopyElements(data.data<T>(), data.num_elements(), out.data<T>());
      (void)VisitIndexType(indices.dtype(), "indices", [&](auto itag) {
        using I = typename decltype(itag)::type;
        bad = kernels::ScatterNDRef(out.data<T>(), indices.data<I>(), n_tuples_, depth_,
                                    dims_.data(), index_strides_.data(), updates.data<T>(),
                                    slice_size_, reduction_);
      });
    }));
    if (bad < 0) return Status::Ok();
    const int64_t dim = dims_[bad % depth_];
    return Status::InvalidArgument(StrCat("indices value ", indices.IntAt(bad),
                                          " is out of range [", -dim, ", ", dim, ") for axis ",
                                          bad % depth_));
  }

 private:
  kernels::ScatterReduction reduction_ = kernels::ScatterReduction::kNone;
  int depth_ = 0;
  int64_t slice_size_ = 0, n_tuples_ = 0;
  std::vector<int64_t> dims_, index_strides_;
};

class TensorScatterOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", -2);
    const std::string mode = node.GetString("mode", "linear");
    if (mode != "linear" && mode != "circular") {
      node.Fail(Status::InvalidModel(
          StrCat("mode '", mode, "' is not valid (expected linear or circular)")));
    }
    circular_ = mode == "circular";
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0) || !ctx.has_input(1)) {
      return Status::InvalidModel("inputs 0 (past_cache) and 1 (update) are required");
    }
    if (ctx.input_dtype(1) != ctx.input_dtype(0)) {
      return Status::InvalidModel(StrCat("update has element type ",
                                         DataTypeName(ctx.input_dtype(1)),
                                         " but past_cache has ", DataTypeName(ctx.input_dtype(0))));
    }
    const Shape& past = ctx.input_shape(0);
    const Shape& upd = ctx.input_shape(1);
    const int rank = ctx.input_rank(0);
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, rank));
    if (axis == 0) return Status::InvalidModel("axis must not be the batch axis 0");
    bool compatible = ctx.input_rank(1) == rank;
    for (int d = 0; compatible && d < rank; ++d) {
      compatible = d == axis ? upd[d] <= past[d] : upd[d] == past[d];
    }
    if (!compatible) {
      return Status::InvalidArgument(StrCat("update shape ", ShapeToString(upd),
                                            " must equal past_cache shape ", ShapeToString(past),
                                            " except on axis ", axis, ", where it may be smaller"));
    }
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != DataType::kInt64 || ctx.input_shape(2) != Shape{past[0]}) {
        return Status::InvalidArgument(StrCat("write_indices must be int64 of shape [", past[0],
                                              "], got ", DataTypeName(ctx.input_dtype(2)),
                                              ShapeToString(ctx.input_shape(2))));
      }
    }
    outer_ = NumElements(Shape(past.begin(), past.begin() + axis));
    per_batch_ = NumElements(Shape(past.begin() + 1, past.begin() + axis));
    max_seq_ = past[axis];
    seq_ = upd[axis];
    inner_ = NumElements(Shape(past.begin() + axis + 1, past.end()));
    ctx.SetOutput(0, ctx.input_dtype(0), past);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& past = ctx.input(0);
    const Tensor& upd = ctx.input(1);
    Tensor& out = ctx.output(0);
    const int64_t* wi = nullptr;
    if (ctx.has_input(2)) {
      const Tensor& w = ctx.input(2);
      wi = w.data<int64_t>();
      const int64_t hi = circular_ ? INT64_MAX : max_seq_ - seq_;
      const int64_t bad = kernels::FindOutsideClosed(wi, w.num_elements(), 0, hi);
      if (bad >= 0) {
        if (circular_) {
          return Status::InvalidArgument(
              StrCat("write_indices value ", wi[bad], " is negative"));
        }
        return Status::InvalidArgument(StrCat("write_indices value ", wi[bad],
                                              " is out of range [0, ", hi, "] for ", seq_,
                                              " rows into a sequence of ", max_seq_));
      }
    }
    return VisitTypeOrString(past.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::CopyElements(past.data<T>(), past.num_elements(), out.data<T>());
      kernels::TensorScatterRef(out.data<T>(), upd.data<T>(), wi, outer_, per_batch_, max_seq_,
                                seq_, inner_, circular_);
    });
  }

 private:
  int64_t axis_ = -2;
  bool circular_ = false;
  int64_t outer_ = 0, per_batch_ = 1, max_seq_ = 0, seq_ = 0, inner_ = 0;
};

}  // namespace

std::unique_ptr<Op> NewScatterElementsOp() { return std::make_unique<ScatterElementsOp>(); }
std::unique_ptr<Op> NewScatterNDOp() { return std::make_unique<ScatterNDOp>(); }
std::unique_ptr<Op> NewTensorScatterOp() { return std::make_unique<TensorScatterOp>(); }

}  // namespace onnxi
