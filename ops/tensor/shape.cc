// Shape and Size: facts about the input's shape, as int64 tensors.
//
// Shape: 1-D int64 of the input's dims [start, end) (start/end from opset 15; negative
//   values count from the end, both clamped to [0, rank]; empty when start >= end).
// Size: int64 scalar, the number of elements.
// Both values are known from shapes alone, so Prepare publishes them (SetOutputValue) and
// downstream shape computations fold.
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

class ShapeOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    start_ = node.GetInt("start", 0);
    end_ = node.has("end") ? node.GetInt("end", 0) : INT64_MAX;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    const Shape& in = ctx.input_shape(0);
    const int64_t rank = static_cast<int64_t>(in.size());
    auto clamp = [rank](int64_t v) {
      if (v < 0) v += rank;
      return v < 0 ? 0 : (v > rank ? rank : v);
    };
    int64_t start = clamp(start_);
    int64_t end = clamp(end_ == INT64_MAX ? rank : end_);
    std::vector<int64_t> dims;
    for (int64_t i = start; i < end; ++i) dims.push_back(in[i]);
    value_ = Tensor::FromVector<int64_t>(DataType::kInt64, {static_cast<int64_t>(dims.size())},
                                         dims);
    ctx.SetOutputValue(0, value_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override { return CopyTensorData(value_, ctx.output(0)); }

 private:
  int64_t start_ = 0;
  int64_t end_ = INT64_MAX;
  Tensor value_;
};

class SizeOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(1));
    value_ = Tensor::FromVector<int64_t>(DataType::kInt64, {},
                                         {NumElements(ctx.input_shape(0))});
    ctx.SetOutputValue(0, value_);
    return Status::Ok();
  }
  Status Run(RunContext& ctx) override { return CopyTensorData(value_, ctx.output(0)); }

 private:
  Tensor value_;
};

}  // namespace

std::unique_ptr<Op> NewShapeOp() { return std::make_unique<ShapeOp>(); }
std::unique_ptr<Op> NewSizeOp() { return std::make_unique<SizeOp>(); }

}  // namespace onnxi
