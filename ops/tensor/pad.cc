// Pad: out dim d = pads_begin[d] + in dim d + pads_end[d] (negative pads crop).
//
// Versions: opset 1 attribute `paddings`, opset 2 attribute `pads`, both with attribute
// `value` (float); opset 11+ inputs (data, pads int64, constant_value?), opset 18+ a 4th
// input `axes` (pads then has 2 values per listed axis). pads = [x1_begin, x2_begin, ...,
// x1_end, x2_end, ...].
// Modes, for output index j on an axis of input size D, i = j - pads_begin:
//   constant: i in [0, D) ? in[i] : value
//   edge:     in[clamp(i, 0, D-1)]
//   reflect:  mirror without repeating the edge (period 2(D-1)), as numpy's 'reflect'
//   wrap:     in[i mod D] (opset 19+)
// Each axis becomes an index table; kernels::IndexMapCopyRef walks the output.
//
// CenterCropPad (opset 18): input, shape (int32/int64, one size per listed axis; axes
// attribute, default all). Per axis of size D and target S: S < D crops the window starting
// at floor((D - S) / 2); S > D pads with zeros, floor((S - D) / 2) before and the rest after.
#include "kernels/tensor/copy.h"
#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class PadOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    version_ = node.since_version();
    std::string mode = node.GetString("mode", "constant");
    if (mode == "constant" || mode == "edge" || mode == "reflect" ||
        (mode == "wrap" && version_ >= 19)) {
      mode_ = mode;
    } else {
      return Status::InvalidModel(StrCat("mode '", mode, "' is not one of constant, edge, reflect",
                                         version_ >= 19 ? ", wrap" : ""));
    }
    if (version_ < 11) {
      const char* name = version_ < 2 ? "paddings" : "pads";
      if (!node.Require(name)) return node.status();
      attr_pads_ = node.GetInts(name);
      attr_value_ = node.GetFloat("value", 0.0f);
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    std::vector<int64_t> pads = attr_pads_;
    std::vector<int64_t> axes;
    bool has_axes = false;
    if (version_ >= 11) {
      ONNXI_ASSIGN_OR_RETURN(const Tensor* p, InputData(ctx, 1));
      ONNXI_ASSIGN_OR_RETURN(pads, ReadInt64s(*p));
      if (version_ >= 18 && ctx.has_input(3)) {
        const Tensor* a = ctx.input_data(3);
        if (a == nullptr) return Status::Deferred();
        ONNXI_ASSIGN_OR_RETURN(axes, ReadInt64s(*a));
        has_axes = true;
      }
    }
    if (!has_axes) {
      axes.resize(rank);
      for (int d = 0; d < rank; ++d) axes[d] = d;
    }
    const size_t n = axes.size();
    if (pads.size() != 2 * n) {
      return Status::InvalidArgument(StrCat("pads ", ShapeToString(pads), " has ", pads.size(),
                                            " values; expected ", 2 * n, " for ", n, " axes"));
    }
    std::vector<int64_t> begin(rank, 0), end(rank, 0);
    for (size_t i = 0; i < n; ++i) {
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axes[i], rank));
      begin[axis] = pads[i];
      end[axis] = pads[i + n];
    }
    Shape out(rank);
    maps_.assign(rank, {});
    map_ptrs_.assign(rank, nullptr);
    for (int d = 0; d < rank; ++d) {
      const int64_t dim = in[d];
      out[d] = dim + begin[d] + end[d];
      if (out[d] < 0) {
        return Status::InvalidArgument(StrCat("pads ", ShapeToString(pads), " crop axis ", d,
                                              " of ", ShapeToString(in), " below zero"));
      }
      if (dim == 0 && out[d] > 0 && mode_ != "constant") {
        return Status::InvalidArgument(StrCat("cannot ", mode_, "-pad the empty axis ", d,
                                              " of ", ShapeToString(in)));
      }
      std::vector<int64_t>& map = maps_[d];
      map.resize(out[d]);
      for (int64_t j = 0; j < out[d]; ++j) map[j] = SourceIndex(j - begin[d], dim);
      map_ptrs_[d] = map.data();
    }
    in_strides_ = StridesOf(in);
    out_shape_ = out;
    dtype_ = ctx.input_dtype(0);
    if (dtype_ == DataType::kString) {
      default_value_ = Tensor::Allocate(DataType::kString, {});
    } else {
      ONNXI_ASSIGN_OR_RETURN(default_value_,
                             ScalarFromDouble(dtype_, version_ < 11 ? attr_value_ : 0.0));
    }
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor* value = &default_value_;
    if (version_ >= 11 && ctx.has_input(2)) {
      value = &ctx.input(2);
      if (value->dtype() != dtype_ || value->num_elements() < 1) {
        return Status::InvalidArgument(StrCat("constant_value is ", value->TypeString(),
                                              "; expected one ", DataTypeName(dtype_)));
      }
    }
    const Tensor& in = ctx.input(0);
    Tensor& out = ctx.output(0);
    return VisitStorage(dtype_, [&](auto tag) {
      using S = typename decltype(tag)::type;
      kernels::IndexMapCopyRef(in.data<S>(), in_strides_.data(), map_ptrs_.data(),
                               out_shape_.data(), static_cast<int>(out_shape_.size()),
                               value->data<S>()[0], out.data<S>());
    });
  }

 private:
  // The input index that input position i (possibly outside [0, dim)) reads; -1 = value.
  int64_t SourceIndex(int64_t i, int64_t dim) const {
    if (i >= 0 && i < dim) return i;
    if (mode_ == "constant" || dim == 0) return -1;
    if (mode_ == "edge") return i < 0 ? 0 : dim - 1;
    if (mode_ == "wrap") return ((i % dim) + dim) % dim;
    if (dim == 1) return 0;  // reflect
    const int64_t period = 2 * (dim - 1);
    int64_t m = ((i % period) + period) % period;
    return m < dim ? m : period - m;
  }

  int version_ = 0;
  std::string mode_ = "constant";
  std::vector<int64_t> attr_pads_;
  float attr_value_ = 0;
  DataType dtype_ = DataType::kUndefined;
  Shape out_shape_;
  std::vector<int64_t> in_strides_;
  std::vector<std::vector<int64_t>> maps_;
  std::vector<const int64_t*> map_ptrs_;
  Tensor default_value_;
};

class CenterCropPadOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    has_axes_ = node.has("axes");
    axes_ = node.GetInts("axes");
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(2));
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(1, ctx.input_dtype(1), {DataType::kInt32, DataType::kInt64}));
    const Tensor* shape_t = ctx.input_data(1);
    if (shape_t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> target, ReadInt64s(*shape_t));
    const Shape& in = ctx.input_shape(0);
    const int rank = ctx.input_rank(0);
    std::vector<int64_t> axes = axes_;
    if (!has_axes_) {
      axes.resize(rank);
      for (int d = 0; d < rank; ++d) axes[d] = d;
    }
    if (target.size() != axes.size()) {
      return Status::InvalidArgument(StrCat("shape ", ShapeToString(target), " has ",
                                            target.size(), " values for ", axes.size(),
                                            " axes"));
    }
    Shape out = in;
    std::vector<int64_t> shift(rank, 0);  // input index = output index + shift
    for (size_t i = 0; i < axes.size(); ++i) {
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axes[i], rank));
      if (target[i] < 0) {
        return Status::InvalidArgument(StrCat("shape ", ShapeToString(target),
                                              " has a negative size"));
      }
      out[axis] = target[i];
      shift[axis] = target[i] < in[axis] ? (in[axis] - target[i]) / 2
                                         : -((target[i] - in[axis]) / 2);
    }
    maps_.assign(rank, {});
    map_ptrs_.assign(rank, nullptr);
    for (int d = 0; d < rank; ++d) {
      maps_[d].resize(out[d]);
      for (int64_t j = 0; j < out[d]; ++j) {
        int64_t k = j + shift[d];
        maps_[d][j] = k >= 0 && k < in[d] ? k : -1;
      }
      map_ptrs_[d] = maps_[d].data();
    }
    in_strides_ = StridesOf(in);
    out_shape_ = out;
    dtype_ = ctx.input_dtype(0);
    if (dtype_ == DataType::kString) {
      zero_ = Tensor::Allocate(DataType::kString, {});
    } else {
      ONNXI_ASSIGN_OR_RETURN(zero_, ScalarFromDouble(dtype_, 0.0));
    }
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& in = ctx.input(0);
    Tensor& out = ctx.output(0);
    return VisitStorage(dtype_, [&](auto tag) {
      using S = typename decltype(tag)::type;
      kernels::IndexMapCopyRef(in.data<S>(), in_strides_.data(), map_ptrs_.data(),
                               out_shape_.data(), static_cast<int>(out_shape_.size()),
                               zero_.data<S>()[0], out.data<S>());
    });
  }

 private:
  bool has_axes_ = false;
  std::vector<int64_t> axes_;
  DataType dtype_ = DataType::kUndefined;
  Shape out_shape_;
  std::vector<int64_t> in_strides_;
  std::vector<std::vector<int64_t>> maps_;
  std::vector<const int64_t*> map_ptrs_;
  Tensor zero_;
};

}  // namespace

std::unique_ptr<Op> NewCenterCropPadOp() { return std::make_unique<CenterCropPadOp>(); }
std::unique_ptr<Op> NewPadOp() { return std::make_unique<PadOp>(); }

}  // namespace onnxi
