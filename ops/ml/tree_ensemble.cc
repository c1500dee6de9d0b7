// TreeEnsemble (ai.onnx.ml 5): sums (or averages, mins, maxes) the leaf weights that each
// row reaches in a forest of decision trees.
//
//   X (N, F) float/double/float16 -> Y (N, n_targets) of X's type.
//   Attributes (parallel per node): nodes_featureids, nodes_modes (uint8 tensor:
//   0 <=, 1 <, 2 >=, 3 >, 4 ==, 5 !=, 6 member), nodes_splits (tensor of X's type),
//   nodes_truenodeids / nodes_trueleafs, nodes_falsenodeids / nodes_falseleafs,
//   nodes_missing_value_tracks_true (optional); per leaf: leaf_targetids, leaf_weights;
//   tree_roots; membership_values (NaN-separated sets, one per member node, in node order);
//   aggregate_function (0 average, 1 sum, 2 min, 3 max), post_transform (0 none,
//   1 softmax, 2 logistic, 3 softmax_zero, 4 probit). nodes_hitrates is ignored.
// Every id and feature index is range-checked when the node is loaded (features against F
// at Prepare); a walk that cycles is reported at run time.
#include <string>
#include <vector>

#include "kernels/ml/ml_kernels.h"
#include "ops/common/dispatch.h"
#include "ops/ml/ml_ops.h"

namespace onnxi {
namespace {

constexpr std::initializer_list<DataType> kTreeTypes = {DataType::kFloat, DataType::kDouble,
                                                        DataType::kFloat16};

// Reads a float-type tensor attribute as doubles.
Status TensorAsDoubles(const Tensor& t, const char* name, std::vector<double>* out) {
  out->resize(t.num_elements());
  Status s = VisitFloatType(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    kernels::MlCopyAs(t.data<T>(), t.num_elements(), out->data());
  });
  if (!s.ok()) return Status::InvalidModel(StrCat(name, ": ", s.message()));
  return Status::Ok();
}

class TreeEnsembleOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    for (const char* name : {"nodes_splits", "nodes_featureids", "nodes_modes",
                             "nodes_truenodeids", "nodes_falsenodeids", "nodes_trueleafs",
                             "nodes_falseleafs", "leaf_targetids", "leaf_weights",
                             "tree_roots"}) {
      node.Require(name);
    }
    feature_ = node.GetInts("nodes_featureids");
    true_id_ = node.GetInts("nodes_truenodeids");
    false_id_ = node.GetInts("nodes_falsenodeids");
    true_leaf_ = node.GetInts("nodes_trueleafs");
    false_leaf_ = node.GetInts("nodes_falseleafs");
    leaf_target_ = node.GetInts("leaf_targetids");
    roots_ = node.GetInts("tree_roots");
    const int64_t n_targets = node.GetInt("n_targets", -1);
    p_.aggregate = static_cast<int>(node.GetInt("aggregate_function", 1));
    p_.post_transform = static_cast<int>(node.GetInt("post_transform", 0));
    const Tensor* splits = node.GetTensor("nodes_splits");
    const Tensor* modes = node.GetTensor("nodes_modes");
    const Tensor* weights = node.GetTensor("leaf_weights");
    const Tensor* members = node.GetTensor("membership_values");
    const std::vector<int64_t> missing = node.GetInts("nodes_missing_value_tracks_true");
    if (!node.status().ok()) return node.status();
    if (splits == nullptr || modes == nullptr || weights == nullptr) {
      return Status::InvalidModel("nodes_splits, nodes_modes and leaf_weights are required");
    }
    const int64_t nn = static_cast<int64_t>(feature_.size());
    if (modes->dtype() != DataType::kUint8) {
      return Status::InvalidModel(StrCat("nodes_modes must be a uint8 tensor, got ",
                                         modes->TypeString()));
    }
    if (splits->num_elements() != nn || modes->num_elements() != nn ||
        static_cast<int64_t>(true_id_.size()) != nn ||
        static_cast<int64_t>(false_id_.size()) != nn ||
        static_cast<int64_t>(true_leaf_.size()) != nn ||
        static_cast<int64_t>(false_leaf_.size()) != nn ||
        (!missing.empty() && static_cast<int64_t>(missing.size()) != nn)) {
      return Status::InvalidModel(StrCat("the nodes_* attributes must all have ", nn,
                                         " values (one per node)"));
    }
    const int64_t nl = static_cast<int64_t>(leaf_target_.size());
    if (weights->num_elements() != nl) {
      return Status::InvalidModel(StrCat("leaf_weights has ", weights->num_elements(),
                                         " values, leaf_targetids ", nl));
    }
    split_type_ = splits->dtype();
    ONNXI_RETURN_IF_ERROR(TensorAsDoubles(*splits, "nodes_splits", &split_));
    ONNXI_RETURN_IF_ERROR(TensorAsDoubles(*weights, "leaf_weights", &leaf_weight_));
    mode_.assign(modes->data<uint8_t>(), modes->data<uint8_t>() + nn);
    missing_.resize(missing.size());
    kernels::MlCopyAs(missing.data(), static_cast<int64_t>(missing.size()), missing_.data());
    if (members != nullptr) {
      ONNXI_RETURN_IF_ERROR(TensorAsDoubles(*members, "membership_values", &members_));
    }
    member_begin_.assign(nn, 0);
    member_end_.assign(nn, 0);
    if (!kernels::TreeEnsembleIndexMembers(mode_.data(), nn, members_.data(),
                                           static_cast<int64_t>(members_.size()),
                                           member_begin_.data(), member_end_.data())) {
      return Status::InvalidModel("membership_values holds fewer sets than there are member "
                                  "(mode 6) nodes");
    }
    ONNXI_RETURN_IF_ERROR(CheckIds(nn, nl));
    int64_t max_target = -1;
    for (int64_t t : leaf_target_) {
      if (t < 0) return Status::InvalidModel(StrCat("leaf_targetids value ", t, " is negative"));
      max_target = std::max(max_target, t);
    }
    p_.n_targets = n_targets >= 0 ? n_targets : max_target + 1;
    if (max_target >= p_.n_targets) {
      return Status::InvalidModel(StrCat("leaf_targetids value ", max_target,
                                         " is out of range for n_targets ", p_.n_targets));
    }
    if (p_.aggregate < 0 || p_.aggregate > 3 || p_.post_transform < 0 ||
        p_.post_transform > 4) {
      return Status::InvalidModel(StrCat("aggregate_function ", p_.aggregate,
                                         " or post_transform ", p_.post_transform,
                                         " is out of range ([0, 3] and [0, 4])"));
    }
    acc_.assign(p_.n_targets, 0.0);
    p_.num_nodes = nn;
    p_.split = split_.data();
    p_.feature = feature_.data();
    p_.mode = mode_.data();
    p_.true_id = true_id_.data();
    p_.false_id = false_id_.data();
    p_.true_leaf = true_leaf_.data();
    p_.false_leaf = false_leaf_.data();
    p_.missing_true = missing_.empty() ? nullptr : missing_.data();
    p_.members = members_.data();
    p_.member_begin = member_begin_.data();
    p_.member_end = member_end_.data();
    p_.leaf_target = leaf_target_.data();
    p_.leaf_weight = leaf_weight_.data();
    p_.roots = roots_.data();
    p_.num_trees = static_cast<int64_t>(roots_.size());
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kTreeTypes));
    if (ctx.input_rank(0) != 2) {
      return Status::InvalidArgument(
          StrCat("X must be 2-D (N, F), got shape ", ShapeToString(ctx.input_shape(0))));
    }
    if (split_type_ != dt) {
      return Status::InvalidArgument(StrCat("X has element type ", DataTypeName(dt),
                                            " but nodes_splits ", DataTypeName(split_type_)));
    }
    features_ = ctx.input_shape(0)[1];
    for (int64_t f : feature_) {
      if (f < 0 || f >= features_) {
        return Status::InvalidArgument(StrCat("nodes_featureids value ", f,
                                              " is out of range for ", features_, " features"));
      }
    }
    ctx.SetOutput(0, dt, {ctx.input_shape(0)[0], p_.n_targets});
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    bool ok = true;
    ONNXI_RETURN_IF_ERROR(VisitFloatType(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, BFloat16>) {
        ok = kernels::TreeEnsembleRef<T>(x.data<T>(), x.dim(0), features_, y.data<T>(), p_,
                                         acc_.data());
      }
    }));
    if (!ok) return Status::InvalidModel("a tree walk does not reach a leaf (the nodes cycle)");
    return Status::Ok();
  }

 private:
  Status CheckIds(int64_t nn, int64_t nl) const {
    for (int64_t i = 0; i < nn; ++i) {
      for (int side = 0; side < 2; ++side) {
        const int64_t id = side == 0 ? true_id_[i] : false_id_[i];
        const bool leaf = (side == 0 ? true_leaf_[i] : false_leaf_[i]) != 0;
        const int64_t limit = leaf ? nl : nn;
        if (id < 0 || id >= limit) {
          return Status::InvalidModel(StrCat("node ", i, ": ", side == 0 ? "true" : "false",
                                             " id ", id, " is out of range [0, ", limit, ") of ",
                                             leaf ? "leaves" : "nodes"));
        }
      }
      if (mode_[i] > 6) {
        return Status::InvalidModel(StrCat("node ", i, ": mode ", int(mode_[i]),
                                           " is out of range [0, 6]"));
      }
    }
    for (int64_t r : roots_) {
      if (r < 0 || r >= nn) {
        return Status::InvalidModel(StrCat("tree_roots value ", r, " is out of range [0, ", nn,
                                           ")"));
      }
    }
    return Status::Ok();
  }

  std::vector<int64_t> feature_, true_id_, false_id_, true_leaf_, false_leaf_, leaf_target_,
      roots_, member_begin_, member_end_;
  std::vector<uint8_t> mode_, missing_;
  std::vector<double> split_, leaf_weight_, members_, acc_;
  DataType split_type_ = DataType::kFloat;
  int64_t features_ = 0;
  kernels::TreeEnsembleParams p_;
};

}  // namespace

std::unique_ptr<Op> MakeTreeEnsembleOp() { return std::make_unique<TreeEnsembleOp>(); }

}  // namespace onnxi
