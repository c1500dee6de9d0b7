// The sequence ops: SequenceEmpty, SequenceConstruct, SequenceInsert, SequenceErase,
// SequenceAt, SequenceLength (all opset 11), SplitToSequence (11, 24), ConcatFromSequence (11)
// and SequenceMap (17).
//
// A sequence is an immutable list of tensors of one element type (include/onnxi/value.h).
// Positions are int32/int64 scalars; negative ones count from the back. Every output here
// is made by Run (its shape depends on what the sequence holds).
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/controlflow/slices.h"
#include "ops/sequence/sequence_ops.h"
#include "ops/subgraph.h"
#include "ops/tensor/tensor_common.h"

namespace onnxi {
namespace {

// A tensor a sequence may keep: arena views and borrowed feeds are copied.
Tensor Own(const Tensor& t) { return t.owns_data() ? t : t.Clone(); }

// Reads a position scalar and checks lo <= p <= hi (after adding n to a negative one).
Result<int64_t> ReadPosition(const Tensor& t, int64_t n, int64_t hi) {
  if ((t.dtype() != DataType::kInt64 && t.dtype() != DataType::kInt32) || t.num_elements() != 1) {
    return Status::InvalidModel(StrCat("position must be one int32/int64, got ", t.TypeString()));
  }
  int64_t p = t.IntAt(0);
  int64_t q = p < 0 ? p + n : p;
  if (q < 0 || q > hi) {
    return Status::InvalidArgument(StrCat("position ", p, " is out of range [", -n, ", ", hi, "] for a sequence of ", n));
  }
  return q;
}

class SequenceOpBase : public Op {
 public:
  bool takes_values() const override { return true; }
  Status Prepare(PrepareContext& ctx) override {
    for (int k = 0; k < ctx.num_outputs(); ++k) ctx.SetOutputByRun(k);
    return Status::Ok();
  }

 protected:
  static Result<const Value*> SequenceInput(RunContext& ctx, int i) {
    if (!ctx.has_input(i) || !ctx.input_value(i).is_sequence()) {
      return Status::InvalidModel(StrCat("input ", i, " must be a sequence, got ",
                                         ctx.has_input(i) ? ctx.input_value(i).TypeString() : "nothing"));
    }
    return &ctx.input_value(i);
  }
  static Status TensorInput(RunContext& ctx, int i) {
    if (!ctx.has_input(i) || !ctx.input_value(i).is_tensor()) {
      return Status::InvalidModel(StrCat("input ", i, " must be a tensor"));
    }
    return Status::Ok();
  }
};

class SequenceEmptyOp : public SequenceOpBase {
 public:
  Status Init(const NodeView& node) override {
    dtype_ = static_cast<DataType>(node.GetInt("dtype", static_cast<int64_t>(DataType::kFloat)));
    if (!IsKnownDataType(static_cast<int32_t>(dtype_))) {
      return Status::InvalidModel(StrCat("dtype ", static_cast<int>(dtype_), " is no element type"));
    }
    return node.status();
  }
  Status Run(RunContext& ctx) override {
    ctx.output_value(0) = Value::Sequence(dtype_, {});
    return Status::Ok();
  }

 private:
  DataType dtype_ = DataType::kFloat;
};

class SequenceConstructOp : public SequenceOpBase {
 public:
  Status Run(RunContext& ctx) override {
    std::vector<Tensor> items;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      ONNXI_RETURN_IF_ERROR(TensorInput(ctx, i));
      if (ctx.input(i).dtype() != ctx.input(0).dtype()) {
        return Status::InvalidModel(StrCat("input ", i, " is ", DataTypeName(ctx.input(i).dtype()),
                                           " but input 0 is ", DataTypeName(ctx.input(0).dtype())));
      }
      items.push_back(Own(ctx.input(i)));
    }
    if (items.empty()) return Status::InvalidModel("SequenceConstruct needs at least one input");
    const DataType dtype = items[0].dtype();
    ctx.output_value(0) = Value::Sequence(dtype, std::move(items));
    return Status::Ok();
  }
};

class SequenceInsertOp : public SequenceOpBase {
 public:
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    ONNXI_RETURN_IF_ERROR(TensorInput(ctx, 1));
    if (ctx.input(1).dtype() != seq->sequence_dtype()) {
      return Status::InvalidModel(StrCat("cannot insert ", DataTypeName(ctx.input(1).dtype()),
                                         " into a sequence of ", DataTypeName(seq->sequence_dtype())));
    }
    std::vector<Tensor> items = seq->sequence();
    int64_t n = static_cast<int64_t>(items.size());
    int64_t at = n;
    if (ctx.has_input(2)) {
      ONNXI_ASSIGN_OR_RETURN(at, ReadPosition(ctx.input(2), n, n));
    }
    items.insert(items.begin() + at, Own(ctx.input(1)));
    ctx.output_value(0) = Value::Sequence(seq->sequence_dtype(), std::move(items));
    return Status::Ok();
  }
};

class SequenceEraseOp : public SequenceOpBase {
 public:
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    std::vector<Tensor> items = seq->sequence();
    int64_t n = static_cast<int64_t>(items.size());
    if (n == 0) return Status::InvalidArgument("cannot erase from an empty sequence");
    int64_t at = n - 1;
    if (ctx.has_input(1)) {
      ONNXI_ASSIGN_OR_RETURN(at, ReadPosition(ctx.input(1), n, n - 1));
    }
    items.erase(items.begin() + at);
    ctx.output_value(0) = Value::Sequence(seq->sequence_dtype(), std::move(items));
    return Status::Ok();
  }
};

class SequenceAtOp : public SequenceOpBase {
 public:
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    int64_t n = static_cast<int64_t>(seq->sequence().size());
    ONNXI_RETURN_IF_ERROR(TensorInput(ctx, 1));
    ONNXI_ASSIGN_OR_RETURN(int64_t at, ReadPosition(ctx.input(1), n, n - 1));
    ctx.output_value(0) = seq->sequence()[at];
    return Status::Ok();
  }
};

class SequenceLengthOp : public SequenceOpBase {
 public:
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    int64_t n = static_cast<int64_t>(seq->sequence().size());
    ctx.output_value(0) = Tensor::FromVector<int64_t>(DataType::kInt64, {}, {n});
    return Status::Ok();
  }
};

class SplitToSequenceOp : public SequenceOpBase {
 public:
  Status Init(const NodeView& node) override {
    axis_ = node.GetInt("axis", 0);
    keepdims_ = node.GetInt("keepdims", 1) != 0;
    return node.status();
  }
  Status Run(RunContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(TensorInput(ctx, 0));
    const Tensor& x = ctx.input(0);
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, x.rank()));
    const int64_t dim = x.dim(axis);
    std::vector<int64_t> sizes;
    bool squeeze = false;
    if (!ctx.has_input(1)) {
      sizes.assign(dim, 1);
      squeeze = !keepdims_;
    } else {
      const Tensor& split = ctx.input(1);
      ONNXI_ASSIGN_OR_RETURN(std::vector<int64_t> v, ReadInt64s(split));
      if (split.rank() == 0) {
        if (v[0] <= 0) return Status::InvalidModel(StrCat("split ", v[0], " must be positive"));
        for (int64_t at = 0; at < dim; at += v[0]) sizes.push_back(std::min(v[0], dim - at));
      } else {
        int64_t sum = 0;
        for (int64_t s : v) {
          if (s < 0) return Status::InvalidModel(StrCat("split has a negative size ", s));
          sum += s;
        }
        if (sum != dim) {
          return Status::InvalidModel(StrCat("split sizes sum to ", sum, " but axis ", axis, " has ", dim));
        }
        sizes = v;
      }
    }
    std::vector<Tensor> items;
    std::vector<int64_t> strides = StridesOf(x.shape());
    int64_t start = 0;
    for (int64_t size : sizes) {
      Shape shape = x.shape();
      shape[axis] = size;
      Tensor piece = Tensor::Allocate(x.dtype(), shape);
      std::vector<int64_t> dst = StridesOf(shape);
      ONNXI_RETURN_IF_ERROR(StridedCopy(x, start * strides[axis], strides.data(), piece, 0,
                                        dst.data(), shape.data(), x.rank()));
      if (squeeze) {
        shape.erase(shape.begin() + axis);
        piece = piece.Reshaped(shape);
      }
      items.push_back(std::move(piece));
      start += size;
    }
    ctx.output_value(0) = Value::Sequence(x.dtype(), std::move(items));
    return Status::Ok();
  }

 private:
  int64_t axis_ = 0;
  bool keepdims_ = true;
};

class ConcatFromSequenceOp : public SequenceOpBase {
 public:
  Status Init(const NodeView& node) override {
    if (!node.Require("axis")) return node.status();
    axis_ = node.GetInt("axis", 0);
    new_axis_ = node.GetInt("new_axis", 0) != 0;
    return node.status();
  }
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    const std::vector<Tensor>& items = seq->sequence();
    if (items.empty()) return Status::InvalidArgument("cannot concatenate an empty sequence");
    const int rank = items[0].rank();
    ONNXI_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_, new_axis_ ? rank + 1 : rank));
    Tensor out;
    if (new_axis_) {
      ONNXI_ASSIGN_OR_RETURN(out, StackSlices(items, axis, false, seq->sequence_dtype()));
    } else {
      ONNXI_ASSIGN_OR_RETURN(out, ConcatAlong(items, axis, seq->sequence_dtype()));
    }
    ctx.output_value(0) = std::move(out);
    return Status::Ok();
  }

 private:
  int64_t axis_ = 0;
  bool new_axis_ = false;
};

// SequenceMap: runs `body` once per position of the input sequence. Additional inputs that
// are sequences are read at the same position; tensors are passed whole every time.
class SequenceMapOp : public SequenceOpBase {
 public:
  Status Init(const NodeView& node) override {
    ONNXI_ASSIGN_OR_RETURN(body_, node.MakeSubgraph("body"));
    if (body_->num_inputs() != node.num_inputs() || body_->num_outputs() != node.num_outputs()) {
      return Status::InvalidModel(StrCat("the body takes ", body_->num_inputs(), " inputs and makes ",
                                         body_->num_outputs(), " outputs; the node has ",
                                         node.num_inputs(), " and ", node.num_outputs()));
    }
    return node.status();
  }
  Status Run(RunContext& ctx) override {
    ONNXI_ASSIGN_OR_RETURN(const Value* seq, SequenceInput(ctx, 0));
    const size_t n = seq->sequence().size();
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      if (ctx.input_value(i).is_sequence() && ctx.input_value(i).sequence().size() != n) {
        return Status::InvalidArgument(StrCat("input ", i, " has ", ctx.input_value(i).sequence().size(),
                                              " items but input 0 has ", n));
      }
    }
    std::vector<std::vector<Tensor>> outs(ctx.num_outputs());
    std::vector<Value> body_in(ctx.num_inputs());
    for (size_t pos = 0; pos < n; ++pos) {
      for (int i = 0; i < ctx.num_inputs(); ++i) {
        const Value& v = ctx.input_value(i);
        body_in[i] = v.is_sequence() ? Value(v.sequence()[pos]) : v;
      }
      ONNXI_ASSIGN_OR_RETURN(std::vector<Value> out, body_->Run(body_in, ctx));
      for (size_t k = 0; k < out.size(); ++k) {
        if (!out[k].is_tensor()) {
          return Status::InvalidModel(StrCat("body output ", k, " is ", out[k].TypeString()));
        }
        outs[k].push_back(Own(out[k].tensor()));
      }
    }
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      DataType dtype = outs[k].empty() ? body_->output_dtype(k) : outs[k][0].dtype();
      if (ctx.has_output(k)) ctx.output_value(k) = Value::Sequence(dtype, std::move(outs[k]));
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<SubgraphRunner> body_;
};

}  // namespace

std::unique_ptr<Op> MakeSequenceEmpty() { return std::make_unique<SequenceEmptyOp>(); }
std::unique_ptr<Op> MakeSequenceConstruct() { return std::make_unique<SequenceConstructOp>(); }
std::unique_ptr<Op> MakeSequenceInsert() { return std::make_unique<SequenceInsertOp>(); }
std::unique_ptr<Op> MakeSequenceErase() { return std::make_unique<SequenceEraseOp>(); }
std::unique_ptr<Op> MakeSequenceAt() { return std::make_unique<SequenceAtOp>(); }
std::unique_ptr<Op> MakeSequenceLength() { return std::make_unique<SequenceLengthOp>(); }
std::unique_ptr<Op> MakeSplitToSequence() { return std::make_unique<SplitToSequenceOp>(); }
std::unique_ptr<Op> MakeConcatFromSequence() { return std::make_unique<ConcatFromSequenceOp>(); }
std::unique_ptr<Op> MakeSequenceMap() { return std::make_unique<SequenceMapOp>(); }

}  // namespace onnxi
