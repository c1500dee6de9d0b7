// Constant, ConstantOfShape and EyeLike: outputs made from attributes and shapes.
//
// Constant: exactly one of value (tensor), value_float, value_floats, value_int, value_ints,
//   value_string, value_strings (opset 12+); sparse_value is unsupported. The value is
//   published at Prepare (SetOutputValue) so that consumers can fold it.
// ConstantOfShape: input shape (int64, 1-D, known at Prepare or deferred), attribute value
//   (a one-element tensor, default float32 0): output `shape` filled with the value.
// EyeLike: input (rows, cols), attributes dtype (default the input's), k (diagonal offset):
//   ones where col - row == k, zeros elsewhere.
#include "kernels/tensor/copy.h"
#include "kernels/tensor/generate.h"
#include "ops/common/shape_util.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class ConstantOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    int count = 0;
    if (const Tensor* t = node.GetTensor("value")) {
      value_ = *t;
      ++count;
    }
    if (node.has("sparse_value")) {
      return Status::Unsupported("sparse_value (a sparse tensor constant) is not supported");
    }
    if (node.has("value_float")) {
      value_ = Tensor::FromVector<float>(DataType::kFloat, {}, {node.GetFloat("value_float", 0)});
      ++count;
    }
    if (node.has("value_floats")) {
      std::vector<float> v = node.GetFloats("value_floats");
      value_ = Tensor::FromVector<float>(DataType::kFloat, {static_cast<int64_t>(v.size())}, v);
      ++count;
    }
    if (node.has("value_int")) {
      value_ = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {node.GetInt("value_int", 0)});
      ++count;
    }
    if (node.has("value_ints")) {
      std::vector<int64_t> v = node.GetInts("value_ints");
      value_ = Tensor::FromVector<int64_t>(DataType::kInt64, {static_cast<int64_t>(v.size())}, v);
      ++count;
    }
    if (node.has("value_string")) {
      value_ = Tensor::FromVector<std::string>(DataType::kString, {},
                                               {node.GetString("value_string", "")});
      ++count;
    }
    if (node.has("value_strings")) {
      std::vector<std::string> v = node.GetStrings("value_strings");
      value_ = Tensor::FromVector<std::string>(DataType::kString,
                                               {static_cast<int64_t>(v.size())}, v);
      ++count;
    }
    if (!node.status().ok()) return node.status();
    if (count != 1) {
      return Status::InvalidModel(
          StrCat("exactly one value attribute must be given, found ", count));
    }
    return Status::Ok();
  }

  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override {
    ConstantOp decoded;  // the same attribute rules as the node's own op
    if (out.size() != 1 || !decoded.Init(node).ok()) return false;
    out[0] = {true, decoded.value_.shape()};
    return true;
  }

  Status Prepare(PrepareContext& ctx) override {
    ctx.SetOutputValue(0, value_);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override { return CopyTensorData(value_, ctx.output(0)); }

 private:
  Tensor value_;
};

class ConstantOfShapeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (const Tensor* t = node.GetTensor("value")) {
      if (t->num_elements() != 1) {
        return Status::InvalidModel(StrCat("value must hold one element, it has shape ",
                                           ShapeToString(t->shape())));
      }
      value_ = *t;
    } else {
      value_ = Tensor::FromVector<float>(DataType::kFloat, {}, {0.0f});
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kInt64}));
    const Tensor* shape_t = ctx.input_data(0);
    if (shape_t == nullptr) return Status::Deferred();
    ONNXI_ASSIGN_OR_RETURN(Shape shape, ReadInt64s(*shape_t));
    for (int64_t d : shape) {
      if (d < 0) {
        return Status::InvalidArgument(
            StrCat("shape ", ShapeToString(shape), " has a negative dimension"));
      }
    }
    ctx.SetOutput(0, value_.dtype(), shape);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& out = ctx.output(0);
    return VisitStorage(value_.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      kernels::FillRef(out.data<S>(), out.num_elements(), value_.data<S>()[0]);
    });
  }

 private:
  Tensor value_;
};

class EyeLikeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    k_ = node.GetInt("k", 0);
    if (node.has("dtype")) {
      int64_t d = node.GetInt("dtype", 0);
      if (!IsKnownDataType(static_cast<int32_t>(d))) {
        return Status::InvalidModel(StrCat("dtype ", d, " is not a known element type"));
      }
      dtype_ = static_cast<DataType>(d);
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    if (ctx.input_rank(0) != 2) {
      return Status::InvalidArgument(StrCat("input must be 2-D, got shape ",
                                            ShapeToString(ctx.input_shape(0))));
    }
    out_dtype_ = dtype_ == DataType::kUndefined ? ctx.input_dtype(0) : dtype_;
    ONNXI_RETURN_IF_ERROR(VisitType(out_dtype_, [](auto) {}));
    ctx.SetOutput(0, out_dtype_, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& out = ctx.output(0);
    return VisitType(out_dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::EyeRef<T>(out.dim(0), out.dim(1), k_, T(0), T(1), out.data<T>());
    });
  }

 private:
  int64_t k_ = 0;
  DataType dtype_ = DataType::kUndefined;
  DataType out_dtype_ = DataType::kUndefined;
};

}  // namespace

std::unique_ptr<Op> NewConstantOp() { return std::make_unique<ConstantOp>(); }
std::unique_ptr<Op> NewConstantOfShapeOp() { return std::make_unique<ConstantOfShapeOp>(); }
std::unique_ptr<Op> NewEyeLikeOp() { return std::make_unique<EyeLikeOp>(); }

}  // namespace onnxi
