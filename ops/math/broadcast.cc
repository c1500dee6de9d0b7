// Loop planning and legacy broadcasting for ops/math/ (see broadcast.h).
#include "ops/math/broadcast.h"

#include "ops/common/shape_util.h"

namespace onnxi {

LoopPlan PlanLoop(const Shape& out, const std::vector<Shape>& shapes) {
  const size_t n = shapes.size();
  std::vector<std::vector<int64_t>> full(n);
  for (size_t k = 0; k < n; ++k) full[k] = BroadcastStrides(shapes[k], out);

  LoopPlan plan;
  plan.strides.resize(n);
  for (size_t d = 0; d < out.size(); ++d) {
    if (out[d] == 1) continue;  // contributes nothing to any offset
    bool merge = !plan.dims.empty();
    // Dim d folds into the previous kept dim p when, for every operand, stepping p once is
    // the same as stepping d out[d] times: stride_p == stride_d * out[d].
    for (size_t k = 0; k < n && merge; ++k) {
      if (plan.strides[k].back() != full[k][d] * out[d]) merge = false;
    }
    if (merge) {
      plan.dims.back() *= out[d];
      for (size_t k = 0; k < n; ++k) plan.strides[k].back() = full[k][d];
    } else {
      plan.dims.push_back(out[d]);
      for (size_t k = 0; k < n; ++k) plan.strides[k].push_back(full[k][d]);
    }
  }
  return plan;
}

Result<Shape> BroadcastAll(const std::vector<Shape>& shapes) {
  Shape out = shapes.empty() ? Shape{} : shapes[0];
  for (size_t k = 1; k < shapes.size(); ++k) {
    auto r = BroadcastShapes(out, shapes[k]);
    if (!r.ok()) {
      std::string all;
      for (const Shape& s : shapes) all += (all.empty() ? "" : ", ") + ShapeToString(s);
      return Status::InvalidArgument(StrCat("input shapes ", all, " cannot be broadcast"));
    }
    out = std::move(r).value();
  }
  return out;
}

Result<Shape> LegacyBroadcastShape(const Shape& a, const Shape& b, bool has_axis, int64_t axis) {
  const int64_t ra = static_cast<int64_t>(a.size());
  const int64_t rb = static_cast<int64_t>(b.size());
  if (rb > ra) {
    return Status::InvalidArgument(StrCat("with broadcast=1, B ", ShapeToString(b),
                                          " has a higher rank than A ", ShapeToString(a)));
  }
  int64_t start = ra - rb;
  if (has_axis) {
    start = axis < 0 ? axis + ra : axis;
    if (start < 0 || start + rb > ra) {
      return Status::InvalidModel(StrCat("axis ", axis, " cannot place B ", ShapeToString(b),
                                         " inside A ", ShapeToString(a)));
    }
  }
  Shape padded(a.size(), 1);
  for (int64_t i = 0; i < rb; ++i) {
    if (b[i] != 1 && b[i] != a[start + i]) {
      return Status::InvalidArgument(StrCat("B ", ShapeToString(b), " does not match A ",
                                            ShapeToString(a), " at axis ", start,
                                            " (legacy broadcast)"));
    }
    padded[start + i] = b[i];
  }
  return padded;
}

Status CheckTypeIn(int input_index, DataType got, const std::vector<DataType>& allowed) {
  for (DataType t : allowed) {
    if (t == got) return Status::Ok();
  }
  std::string names;
  for (DataType t : allowed) names += (names.empty() ? "" : ", ") + DataTypeName(t);
  return Status::InvalidModel(StrCat("input ", input_index, " has element type ",
                                     DataTypeName(got), "; expected one of ", names));
}

std::vector<DataType> Types(std::initializer_list<DataType> a, std::initializer_list<DataType> b) {
  std::vector<DataType> v(a);
  v.insert(v.end(), b.begin(), b.end());
  return v;
}

Status BroadcastBinaryOp::Init(const NodeView& node) {
  since_version_ = node.since_version();
  legacy_ = since_version_ < 7;
  if (legacy_) {
    const int64_t b = node.GetInt("broadcast", 0);
    if (b != 0 && b != 1) node.Fail(Status::InvalidModel(StrCat("broadcast must be 0 or 1, got ", b)));
    legacy_broadcast_ = b == 1;
    has_axis_ = node.has("axis");
    axis_ = node.GetInt("axis", 0);
  }
  return node.status();
}

Status BroadcastBinaryOp::PrepareBroadcast(const PrepareContext& ctx, Shape* out_shape) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::InvalidModel(StrCat("expects 2 inputs, got ", ctx.num_inputs()));
  }
  const Shape& a = ctx.input_shape(0);
  const Shape& b = ctx.input_shape(1);
  if (legacy_) {
    if (!legacy_broadcast_) {
      if (a != b) {
        return Status::InvalidArgument(StrCat("input shapes ", ShapeToString(a), " and ",
                                              ShapeToString(b),
                                              " differ and attribute broadcast is 0"));
      }
      *out_shape = a;
    } else {
      ONNXI_ASSIGN_OR_RETURN(Shape padded, LegacyBroadcastShape(a, b, has_axis_, axis_));
      *out_shape = a;
      plan_ = PlanLoop(a, {a, padded});
      return Status::Ok();
    }
  } else {
    ONNXI_ASSIGN_OR_RETURN(*out_shape, BroadcastShapes(a, b));
  }
  plan_ = PlanLoop(*out_shape, {a, b});
  return Status::Ok();
}

Status BroadcastBinaryOp::CheckSameTypes(const PrepareContext& ctx,
                                         const std::vector<DataType>& allowed) {
  ONNXI_RETURN_IF_ERROR(CheckTypeIn(0, ctx.input_dtype(0), allowed));
  if (ctx.input_dtype(1) != ctx.input_dtype(0)) {
    return Status::InvalidModel(StrCat("input 1 has element type ", DataTypeName(ctx.input_dtype(1)),
                                       " but input 0 has ", DataTypeName(ctx.input_dtype(0)),
                                       "; they must match"));
  }
  return Status::Ok();
}

bool BroadcastBinaryOp::InferStaticShapes(const NodeView& node,
                                          const std::vector<StaticShape>& in,
                                          std::vector<StaticShape>& out, Symbols& symbols) const {
  // numpy rules only: the legacy broadcast/axis attributes before opset 7 are not followed.
  if (node.since_version() < 7 || in.size() != 2 || out.size() != 1) return false;
  if (!in[0].known || !in[1].known) return false;
  out[0] = {true, BroadcastStatic(in[0].dims, in[1].dims, symbols)};
  return true;
}

}  // namespace onnxi
