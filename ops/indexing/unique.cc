// Unique-11: the distinct elements (or slices along `axis`) of X.
//
//   X (d0, ..., d_{r-1}) -> Y, indices (u), inverse_indices, counts (u), all int64 but Y.
//   Without axis X is flattened: Y (u), inverse_indices (numel). With axis a: Y is X with
//   d_a replaced by u; inverse_indices (d_a). Slices compare lexicographically (numpy's
//   unique with axis). sorted=1 (default) orders Y ascending; sorted=0 by first occurrence.
//   indices[g] is the first occurrence of Y's entry g; counts[g] how often it occurs.
// The output shapes depend on the data: Prepare defers until X is known and then counts.
// Not supported: complex elements.
#include <optional>
#include <vector>

#include "kernels/indexing/scatter.h"
#include "kernels/indexing/unique.h"
#include "ops/common/shape_util.h"
#include "ops/indexing/indexing_common.h"

namespace onnxi {
namespace {

class UniqueOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (node.has("axis")) axis_ = node.GetInt("axis", 0);
    sorted_ = node.GetInt("sorted", 1) != 0;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (X) is required");
    ONNXI_RETURN_IF_ERROR(VisitTypeOrString(ctx.input_dtype(0), [](auto) {}));
    const Shape& x = ctx.input_shape(0);
    Shape y;
    int a = 0;
    if (axis_) {
      ONNXI_ASSIGN_OR_RETURN(a, NormalizeAxis(*axis_, ctx.input_rank(0)));
      outer_ = NumElements(Shape(x.begin(), x.begin() + a));
      n_ = x[a];
      inner_ = NumElements(Shape(x.begin() + a + 1, x.end()));
      y = x;
    } else {
      outer_ = 1;
      n_ = NumElements(x);
      inner_ = 1;
    }
    const Tensor* data = ctx.input_data(0);
    if (data == nullptr) return Status::Deferred();
    for (auto* v : {&first_, &counts_, &inverse_, &perm_, &rank_}) {
      v->assign(static_cast<size_t>(n_), 0);
    }
    ONNXI_RETURN_IF_ERROR(Group(*data));
    if (axis_) {
      y[a] = u_;
    } else {
      y = {u_};
    }
    ctx.SetOutput(0, ctx.input_dtype(0), y);
    ctx.SetOutput(1, DataType::kInt64, {u_});
    ctx.SetOutput(2, DataType::kInt64, {n_});
    ctx.SetOutput(3, DataType::kInt64, {u_});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    ONNXI_RETURN_IF_ERROR(Group(x));
    ONNXI_RETURN_IF_ERROR(VisitTypeOrString(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::UniqueGatherRef(x.data<T>(), outer_, n_, inner_, first_.data(), u_,
                               ctx.output(0).data<T>());
    }));
    // The three int64 outputs are optional; each copies from the grouping.
    const std::vector<int64_t>* sources[] = {&first_, &inverse_, &counts_};
    const int64_t lengths[] = {u_, n_, u_};
    for (int i = 1; i <= 3; ++i) {
      if (!ctx.has_output(i)) continue;
      kernels::CopyElements(sources[i - 1]->data(), lengths[i - 1],
                            ctx.output(i).data<int64_t>());
    }
    return Status::Ok();
  }

 private:
  // Fills first_, counts_, inverse_ and u_ from x.
  Status Group(const Tensor& x) {
    return VisitTypeOrString(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      u_ = kernels::UniqueGroupsRef(x.data<T>(), outer_, n_, inner_, sorted_, first_.data(),
                                    counts_.data(), inverse_.data(), perm_.data(),
                                    rank_.data());
    });
  }

  std::optional<int64_t> axis_;
  bool sorted_ = true;
  int64_t outer_ = 1, n_ = 0, inner_ = 1, u_ = 0;
  std::vector<int64_t> first_, counts_, inverse_, perm_, rank_;
};

}  // namespace

std::unique_ptr<Op> NewUniqueOp() { return std::make_unique<UniqueOp>(); }

}  // namespace onnxi
