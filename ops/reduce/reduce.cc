// The Reduce* family: ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceL1,
// ReduceL2, ReduceLogSum, ReduceLogSumExp, ReduceSumSquare.
//
//   data (d0, ..., d_{r-1}) reduced over `axes` -> reduced (same rank with 1s when keepdims,
//   else the reduced axes removed). Formulas and empty-set values: kernels/reduce/reduce.h.
//
// Versions: `axes` is an attribute up to ReduceSum-11 / the others' 13 and an optional int64
// input from ReduceSum-13 / the others' 18, which also brings noop_with_empty_axes (empty axes
// then mean identity instead of "reduce everything"). Element types follow each version's
// constraint: float16/float/double/int32/int64/uint32/uint64, bfloat16 from 13,
// int8/uint8 for ReduceMax/ReduceMin from 12, bool for ReduceMax/ReduceMin from 20.
// An axes input whose data is only known at run time defers shape inference to run time.
// Not supported: views needing more than kReduceMaxDims alternating axis groups.
//
// float32 with a SIMD Isa (kernels/reduce/vreduce.h), chosen in Prepare from the merged
// geometry: reduced innermost axes -> row kernel over fixed blocks of rows; reduced axes above
// contiguous kept rows ((outer, n, inner)) -> column kernel over fixed blocks of (outer,
// 256 columns); reduce-all of a long vector -> partials of fixed 32K-element chunks combined
// in chunk order. Every output's arithmetic is independent of the thread count. Other layouts
// and types run ReduceRef.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "kernels/cpu/parallel.h"
#include "kernels/reduce/reduce.h"
#include "kernels/reduce/vreduce.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/reduce/reduce_ops.h"

namespace onnxi {
namespace {

using kernels::ReduceKind;

bool KindFromName(const std::string& name, ReduceKind* kind) {
  static const struct {
    const char* name;
    ReduceKind kind;
  } kTable[] = {
      {"ReduceSum", ReduceKind::kSum},        {"ReduceMean", ReduceKind::kMean},
      {"ReduceMax", ReduceKind::kMax},        {"ReduceMin", ReduceKind::kMin},
      {"ReduceProd", ReduceKind::kProd},      {"ReduceL1", ReduceKind::kL1},
      {"ReduceL2", ReduceKind::kL2},          {"ReduceLogSum", ReduceKind::kLogSum},
      {"ReduceLogSumExp", ReduceKind::kLogSumExp}, {"ReduceSumSquare", ReduceKind::kSumSquare},
  };
  for (const auto& e : kTable) {
    if (name == e.name) {
      *kind = e.kind;
      return true;
    }
  }
  return false;
}

class ReduceOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (!KindFromName(node.op_type(), &kind_)) {
      return Status::Internal(StrCat("ReduceOp registered for ", node.op_type()));
    }
    const int v = node.since_version();
    const bool is_sum = kind_ == ReduceKind::kSum;
    const bool is_minmax = kind_ == ReduceKind::kMax || kind_ == ReduceKind::kMin;
    axes_as_input_ = is_sum ? v >= 13 : v >= 18;
    keepdims_ = node.GetInt("keepdims", 1) != 0;
    if (axes_as_input_) {
      noop_with_empty_axes_ = node.GetInt("noop_with_empty_axes", 0) != 0;
      if (node.has("axes")) {
        node.Fail(Status::InvalidModel(StrCat(
            "attribute 'axes' is not allowed from opset ", is_sum ? 13 : 18,
            " (axes is the second input)")));
      }
    } else {
      axes_attr_ = node.GetInts("axes");
    }
    types_ = {DataType::kFloat16, DataType::kFloat,  DataType::kDouble, DataType::kInt32,
              DataType::kInt64,   DataType::kUint32, DataType::kUint64};
    if (v >= 13) types_.push_back(DataType::kBfloat16);
    if (is_minmax && v >= 12) {
      types_.push_back(DataType::kInt8);
      types_.push_back(DataType::kUint8);
    }
    if (is_minmax && v >= 20) types_.push_back(DataType::kBool);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    bool allowed = false;
    for (DataType t : types_) allowed = allowed || t == dt;
    if (!allowed) {
      std::string names;
      for (DataType t : types_) names += (names.empty() ? "" : ", ") + DataTypeName(t);
      return Status::InvalidModel(StrCat("input 0 has element type ", DataTypeName(dt),
                                         "; expected one of ", names));
    }
    const Shape& in = ctx.input_shape(0);
    const int rank = static_cast<int>(in.size());

    std::vector<int64_t> axes = axes_attr_;
    if (axes_as_input_ && ctx.has_input(1)) {
      const Tensor* t = ctx.input_data(1);
      if (t == nullptr) return Status::Deferred();
      if (t->dtype() != DataType::kInt64) {
        return Status::InvalidModel(
            StrCat("axes (input 1) must be int64, got ", DataTypeName(t->dtype())));
      }
      ONNXI_ASSIGN_OR_RETURN(axes, ReadInt64s(*t));
    }

    std::vector<bool> reduced(rank, axes.empty());
    identity_ = axes.empty() && noop_with_empty_axes_;
    if (identity_) reduced.assign(rank, false);
    for (int64_t a : axes) {
      if (rank == 0) {  // NormalizeAxis accepts 0 and -1 for a scalar; a scalar has no axes
        return Status::InvalidModel(StrCat("axis ", a, " is out of range for a scalar input"));
      }
      ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(a, rank));
      if (reduced[axis]) {
        return Status::InvalidModel(StrCat("axes name axis ", axis, " twice (axis ", a,
                                           " for a rank-", rank, " input)"));
      }
      reduced[axis] = true;
    }

    Shape out;
    for (int i = 0; i < rank; ++i) {
      if (!reduced[i]) {
        out.push_back(in[i]);
      } else if (keepdims_) {
        out.push_back(1);
      }
    }
    ctx.SetOutput(0, dt, out);
    if (identity_) return Status::Ok();

    // std::vector<bool> has no bool* view; the kernel helper wants a plain array.
    std::unique_ptr<bool[]> flags(new bool[rank > 0 ? rank : 1]);
    for (int i = 0; i < rank; ++i) flags[i] = reduced[i];
    if (!kernels::MakeReduceGeometry(rank, in.data(), flags.get(), &geometry_)) {
      return Status::Unsupported(StrCat("reducing axes of a rank-", rank,
                                        " input needs more than ", kernels::kReduceMaxDims,
                                        " alternating axis groups"));
    }
    ChooseFastPath(ctx.isa, dt);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (identity_) {
      kernels::CopyBytes(x.raw_data(), y.raw_data(), x.nbytes());
      return Status::Ok();
    }
    if (path_ != Path::kReference) {
      RunF32(x.data<float>(), y.data<float>());
      return Status::Ok();
    }
    return VisitType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::ReduceRef<T>(kind_, x.data<T>(), y.data<T>(), geometry_);
    });
  }

 private:
  enum class Path { kReference, kRows, kCols, kAllChunks };
  static constexpr int64_t kColBlock = 256;     // columns per work item of the column path
  static constexpr int64_t kChunk = 1 << 15;    // elements per partial of a long reduce-all

  void ChooseFastPath(kernels::Isa isa, DataType dt) {
    path_ = Path::kReference;
    vk_ = kernels::GetVReduce(isa);
    const kernels::ReduceGeometry& g = geometry_;
    if (vk_ == nullptr || dt != DataType::kFloat || g.kept_count == 0 || g.reduced_count == 0 ||
        g.num_reduced != 1) {
      return;
    }
    n_ = g.reduced_dims[0];
    if (g.reduced_strides[0] == 1) {  // (kept..., n): merged groups leave at most one kept
      path_ = Path::kRows;
      ReduceKind partial, combine;
      if (g.kept_count == 1 && n_ >= 2 * kChunk &&
          kernels::ReducePartialKinds(kind_, &partial, &combine)) {
        path_ = Path::kAllChunks;
        partials_.assign(static_cast<size_t>((n_ + kChunk - 1) / kChunk), 0.0f);
      }
    } else if (g.num_kept >= 1 && g.num_kept <= 2 && g.kept_strides[g.num_kept - 1] == 1) {
      path_ = Path::kCols;  // (outer, n, inner)
      inner_ = g.kept_dims[g.num_kept - 1];
      outer_ = g.num_kept == 2 ? g.kept_dims[0] : 1;
    }
  }

  void RunF32(const float* x, float* y) {
    const kernels::VReduceKernels& vk = *vk_;
    const ReduceKind kind = kind_;
    const int64_t n = n_;
    switch (path_) {
      case Path::kRows:
        kernels::ParallelFor(geometry_.kept_count, kernels::GrainFor(n),
                             [&](int64_t lo, int64_t hi) { vk.rows(kind, x, y, lo, hi, n); });
        break;
      case Path::kCols: {
        const int64_t inner = inner_;
        const int64_t blocks = (inner + kColBlock - 1) / kColBlock;
        kernels::ParallelFor(outer_ * blocks, kernels::GrainFor(n * kColBlock),
                             [&](int64_t lo, int64_t hi) {
                               for (int64_t it = lo; it < hi; ++it) {
                                 const int64_t o = it / blocks, c = (it % blocks) * kColBlock;
                                 vk.cols(kind, x + o * n * inner, y + o * inner, n, inner, c,
                                         std::min(inner, c + kColBlock));
                               }
                             });
        break;
      }
      case Path::kAllChunks: {
        ReduceKind partial = kind, combine = kind;
        kernels::ReducePartialKinds(kind, &partial, &combine);
        const int64_t full = n / kChunk, rest = n % kChunk;
        float* parts = partials_.data();
        kernels::ParallelFor(full, 1, [&](int64_t lo, int64_t hi) {
          vk.rows(partial, x, parts, lo, hi, kChunk);
        });
        if (rest > 0) vk.rows(partial, x + full * kChunk, parts + full, 0, 1, rest);
        float acc = 0;
        vk.rows(combine, parts, &acc, 0, 1, static_cast<int64_t>(partials_.size()));
        y[0] = kernels::ReduceFinishF32(kind, acc, n);
        break;
      }
      case Path::kReference: break;
    }
  }

  Path path_ = Path::kReference;
  const kernels::VReduceKernels* vk_ = nullptr;
  int64_t n_ = 0, inner_ = 1, outer_ = 1;
  std::vector<float> partials_;
  ReduceKind kind_ = ReduceKind::kSum;
  bool axes_as_input_ = false;
  bool keepdims_ = true;
  bool noop_with_empty_axes_ = false;
  std::vector<int64_t> axes_attr_;
  std::vector<DataType> types_;
  bool identity_ = false;
  kernels::ReduceGeometry geometry_;
};

}  // namespace

std::unique_ptr<Op> MakeReduceOp() { return std::make_unique<ReduceOp>(); }

}  // namespace onnxi
