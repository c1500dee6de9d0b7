// Gather, GatherElements, GatherND: indexed reads (kernels/tensor/gather.h).
//
// Gather (axis a, data rank r, indices rank q): out shape data[:a] + indices + data[a+1:],
//   out[.., j.., ..] = data[.., indices[j..], ..].
// GatherElements: indices has data's rank; out shape = indices shape,
//   out[p] = data[p with p_axis replaced by indices[p]]. Indices dims other than `axis` must
//   not exceed data's.
// GatherND (batch_dims b, k = indices.shape[-1], 1 <= k <= r - b):
//   out shape indices[:-1] + data[b+k:]; out[B, t] = data[B, indices[B, t, 0..k)].
//   batch_dims from opset 12.
// Indices are int32 or int64; negative ones count from the end; any value outside
// [-dim, dim) is an error naming the value and the range.
#include "kernels/tensor/gather.h"
#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

// Calls f(Tag<I>{}) for int32/int64 index tensors.
template <class F>
Status VisitIndexType(DataType t, F&& f) {
  if (t == DataType::kInt32) {
    f(Tag<int32_t>{});
  } else if (t == DataType::kInt64) {
    f(Tag<int64_t>{});
  } else {
    return Status::InvalidModel(
        StrCat("indices have element type ", DataTypeName(t), "; expected int32 or int64"));
  }
  return Status::Ok();
}

// Error for the first out-of-range index of `indices`, or Ok.
Status CheckIndices(const Tensor& indices, int64_t dim) {
  int64_t bad = -1;
  ONNXI_RETURN_IF_ERROR(VisitIndexType(indices.dtype(), [&](auto tag) {
    using I = typename decltype(tag)::type;
    bad = kernels::FindIndexOutOfRange(indices.data<I>(), indices.num_elements(), dim);
  }));
  if (bad < 0) return Status::Ok();
  return Status::InvalidArgument(StrCat("indices value ", indices.IntAt(bad),
                                        " is out of range [", -dim, ", ", dim, ")"));
}

class GatherOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", 0);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    ONNXI_RETURN_IF_ERROR(VisitIndexType(ctx.input_dtype(1), [](auto) {}));
    const Shape& data = ctx.input_shape(0);
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, ctx.input_rank(0)));
    if (data.empty()) return Status::InvalidArgument("data must have rank >= 1");
    Shape out(data.begin(), data.begin() + axis);
    const Shape& idx = ctx.input_shape(1);
    out.insert(out.end(), idx.begin(), idx.end());
    out.insert(out.end(), data.begin() + axis + 1, data.end());
    outer_ = NumElements(Shape(data.begin(), data.begin() + axis));
    inner_ = NumElements(Shape(data.begin() + axis + 1, data.end()));
    dim_ = data[axis];
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    ONNXI_RETURN_IF_ERROR(CheckIndices(indices, dim_));
    Tensor& out = ctx.output(0);
    return VisitStorage(data.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      (void)VisitIndexType(indices.dtype(), [&](auto itag) {
        using I = typename decltype(itag)::type;
        kernels::GatherRef(data.data<S>(), outer_, dim_, inner_, indices.data<I>(),
                           indices.num_elements(), out.data<S>());
      });
    });
  }

 private:
  int64_t axis_ = 0;
  int64_t outer_ = 0, inner_ = 0, dim_ = 0;
};

class GatherElementsOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", 0);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    ONNXI_RETURN_IF_ERROR(VisitIndexType(ctx.input_dtype(1), [](auto) {}));
    const Shape& data = ctx.input_shape(0);
    const Shape& idx = ctx.input_shape(1);
    const int rank = ctx.input_rank(0);
    if (rank < 1) return Status::InvalidArgument("data must have rank >= 1");
    ONNXI_ASSIGN_OR_RETURN(axis_norm_, NormalizeAxis(axis_, rank));
    if (ctx.input_rank(1) != rank) {
      return Status::InvalidArgument(StrCat("indices shape ", ShapeToString(idx),
                                            " must have the rank of data ",
                                            ShapeToString(data)));
    }
    ONNXI_RETURN_IF_ERROR(CheckIndicesWithinData(idx, data, axis_norm_));
    data_strides_ = StridesOf(data);
    dim_ = data[axis_norm_];
    ctx.SetOutput(0, ctx.input_dtype(0), idx);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    ONNXI_RETURN_IF_ERROR(CheckIndices(indices, dim_));
    Tensor& out = ctx.output(0);
    return VisitStorage(data.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      (void)VisitIndexType(indices.dtype(), [&](auto itag) {
        using I = typename decltype(itag)::type;
        kernels::GatherElementsRef(data.data<S>(), data_strides_.data(), indices.data<I>(),
                                   indices.shape().data(), indices.rank(), axis_norm_, dim_,
                                   out.data<S>());
      });
    });
  }

 private:
  int64_t axis_ = 0;
  int axis_norm_ = 0;
  int64_t dim_ = 0;
  std::vector<int64_t> data_strides_;
};

class GatherNDOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    batch_dims_ = node.GetInt("batch_dims", 0);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    if (ctx.input_dtype(1) != DataType::kInt64) {
      return Status::InvalidModel(StrCat("indices have element type ",
                                         DataTypeName(ctx.input_dtype(1)), "; expected int64"));
    }
    const Shape& data = ctx.input_shape(0);
    const Shape& idx = ctx.input_shape(1);
    const int64_t r = static_cast<int64_t>(data.size());
    const int64_t q = static_cast<int64_t>(idx.size());
    const int64_t b = batch_dims_;
    if (r < 1 || q < 1) {
      return Status::InvalidArgument(StrCat("data ", ShapeToString(data), " and indices ",
                                            ShapeToString(idx), " must have rank >= 1"));
    }
    if (b < 0 || b >= std::min(r, q)) {
      return Status::InvalidModel(StrCat("batch_dims ", b, " must be in [0, ", std::min(r, q),
                                         ") for data rank ", r, " and indices rank ", q));
    }
    const int64_t k = idx[q - 1];
    if (k < 1 || k > r - b) {
      return Status::InvalidArgument(StrCat("indices shape ", ShapeToString(idx),
                                            " ends in ", k, "; expected 1..", r - b,
                                            " for data ", ShapeToString(data),
                                            " and batch_dims ", b));
    }
    for (int64_t d = 0; d < b; ++d) {
      if (data[d] != idx[d]) {
        return Status::InvalidArgument(StrCat("batch dim ", d, " differs: data ",
                                              ShapeToString(data), ", indices ",
                                              ShapeToString(idx)));
      }
    }
    Shape out(idx.begin(), idx.end() - 1);
    out.insert(out.end(), data.begin() + b + k, data.end());
    batch_ = NumElements(Shape(data.begin(), data.begin() + b));
    src_batch_size_ = NumElements(Shape(data.begin() + b, data.end()));
    n_tuples_ = NumElements(Shape(idx.begin() + b, idx.end() - 1));
    depth_ = static_cast<int>(k);
    slice_size_ = NumElements(Shape(data.begin() + b + k, data.end()));
    std::vector<int64_t> strides = StridesOf(data);
    index_dims_.assign(data.begin() + b, data.begin() + b + k);
    index_strides_.assign(strides.begin() + b, strides.begin() + b + k);
    ctx.SetOutput(0, ctx.input_dtype(0), out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    Tensor& out = ctx.output(0);
    int64_t bad = -1;
    ONNXI_RETURN_IF_ERROR(VisitStorage(data.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      bad = kernels::GatherNDRef(data.data<S>(), batch_, src_batch_size_,
                                 indices.data<int64_t>(), n_tuples_, depth_, index_dims_.data(),
                                 index_strides_.data(), slice_size_, out.data<S>());
    }));
    if (bad >= 0) {
      const int64_t dim = index_dims_[bad % depth_];
      return Status::InvalidArgument(StrCat("indices value ", indices.IntAt(bad),
                                            " is out of range [", -dim, ", ", dim, ")"));
    }
    return Status::Ok();
  }

 private:
  int64_t batch_dims_ = 0;
  int64_t batch_ = 0, src_batch_size_ = 0, n_tuples_ = 0, slice_size_ = 0;
  int depth_ = 0;
  std::vector<int64_t> index_dims_, index_strides_;
};

}  // namespace

std::unique_ptr<Op> NewGatherOp() { return std::make_unique<GatherOp>(); }
std::unique_ptr<Op> NewGatherElementsOp() { return std::make_unique<GatherElementsOp>(); }
std::unique_ptr<Op> NewGatherNDOp() { return std::make_unique<GatherNDOp>(); }

}  // namespace onnxi
