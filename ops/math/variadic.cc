// Max, Min, Sum, Mean over 1..N inputs: Y = fold(op, X_0, ..., X_{N-1}) elementwise.
//
// Shapes: from opset 8 the inputs broadcast multidirectionally to Y; before (v1, v6) they
// must all have the same shape. consumed_inputs (v1) is ignored.
// Types (all inputs the same): Max, Min v1, v6, v8: float16/float/double; v12: every number
// but bfloat16; v13: + bfloat16. Sum, Mean v1..v8: float16/float/double; v13: + bfloat16.
// Order: Y = op(X_0, X_1), then Y = op(Y, X_i) for i = 2..N-1, in place in Y; Mean divides
// the sum by N at the end. float16/bfloat16 round to their type after every step (a long
// float16 Sum accumulates that rounding). Max/Min propagate NaN like numpy.
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "ops/math/broadcast.h"
#include "ops/math/math_ops.h"

namespace onnxi {
namespace {

enum class FoldKind { kMax, kMin, kSum, kMean };

template <class Fn, FoldKind kKind>
class VariadicOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    const int n = ctx.num_inputs();
    if (n < 1) return Status::InvalidModel("expects at least 1 input, got 0");
    constexpr bool kMaxMin = kKind == FoldKind::kMax || kKind == FoldKind::kMin;
    std::vector<DataType> allowed =
        kMaxMin && since_version_ >= 12 ? Types(kNumericTypes) : Types(kFloat3, kBf16);
    if (since_version_ < 13) std::erase(allowed, DataType::kBfloat16);
    std::vector<Shape> shapes;
    for (int i = 0; i < n; ++i) {
      if (!ctx.has_input(i)) return Status::InvalidModel(StrCat("input ", i, " is missing"));
      if (i == 0) {
        ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), allowed));
      } else if (ctx.input_dtype(i) != ctx.input_dtype(0)) {
        return Status::InvalidModel(StrCat("input ", i, " has element type ",
                                           DataTypeName(ctx.input_dtype(i)), " but input 0 has ",
                                           DataTypeName(ctx.input_dtype(0)), "; they must match"));
      }
      if (since_version_ < 8 && ctx.input_shape(i) != ctx.input_shape(0)) {
        return Status::InvalidArgument(StrCat(
            "input ", i, " has shape ", ShapeToString(ctx.input_shape(i)), " but input 0 has ",
            ShapeToString(ctx.input_shape(0)), "; before opset 8 all shapes must be equal"));
      }
      shapes.push_back(ctx.input_shape(i));
    }
    ONNXI_ASSIGN_OR_RETURN(Shape out, BroadcastAll(shapes));
    plans_.clear();
    for (int i = 1; i < n; ++i) {
      // Step 1 reads X_0 and X_1; later steps read Y itself (dense, in place) and X_i.
      plans_.push_back(PlanLoop(out, {i == 1 ? shapes[0] : out, shapes[i]}));
    }
    dtype_ = ctx.input_dtype(0);
    ctx.SetOutput(0, dtype_, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& y = ctx.output(0);
    if (y.num_elements() == 0) return Status::Ok();
    auto fold = [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* out = y.data<T>();
      if (plans_.empty()) {
        // One input: Y = X_0 (same shape).
        kernels::MapContiguous(ctx.input(0).data<T>(), out, y.num_elements(), kernels::IdentityFn());
      }
      for (size_t i = 0; i < plans_.size(); ++i) {
        const T* a = i == 0 ? ctx.input(0).data<T>() : out;
        RunBinaryPlan(plans_[i], a, ctx.input(static_cast<int>(i) + 1).data<T>(), out, Fn());
      }
      if constexpr (kKind == FoldKind::kMean) {
        kernels::MapContiguous(out, out, y.num_elements(),
                               kernels::DivideByCountFn{static_cast<int64_t>(plans_.size()) + 1});
      }
    };
    if constexpr (kKind == FoldKind::kSum || kKind == FoldKind::kMean) {
      return VisitFloatType(dtype_, fold);
    } else {
      return VisitNumeric(dtype_, fold);
    }
  }

 private:
  int since_version_ = 0;
  DataType dtype_ = DataType::kUndefined;
  std::vector<LoopPlan> plans_;
};

using MaxOp = VariadicOp<kernels::MaxFn, FoldKind::kMax>;
using MinOp = VariadicOp<kernels::MinFn, FoldKind::kMin>;
using SumOp = VariadicOp<kernels::AddFn, FoldKind::kSum>;
using MeanOp = VariadicOp<kernels::AddFn, FoldKind::kMean>;

}  // namespace

void RegisterVariadicOps(OpList& list) {
  list.Add("Max", {1, 6, 8, 12, 13}, MakeOp<MaxOp>);
  list.Add("Mean", {1, 6, 8, 13}, MakeOp<MeanOp>);
  list.Add("Min", {1, 6, 8, 12, 13}, MakeOp<MinOp>);
  list.Add("Sum", {1, 6, 8, 13}, MakeOp<SumOp>);
}

}  // namespace onnxi
