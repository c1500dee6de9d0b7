// BitCast (since opset 26): Y = the bits of X read as element type `to`; Y has X's shape.
//
//   input (T1, any shape) -> output (T2 = to, same shape). No value conversion: float 1.0
//   becomes int32 1065353216. T1 and T2 range over every non-string tensor type: the bool,
//   integer, floating, float8, complex, 4-bit (int4/uint4/float4e2m1) and 2-bit (int2/uint2)
//   types. The two types must have the same bit width (8/16/32/64/128, or 4 or 2 for the
//   packed types, whose byte layout is then identical).
// Errors: `to` missing or no element type, string on either side, different bit widths.
// Target bool takes (byte != 0) rather than the raw byte (see kernels/elementwise/
// unary_bitcast.h): a bool holding 2 cannot be represented.
#include <string>

#include "kernels/elementwise/unary_bitcast.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

// Bits per element; 0 for string and undefined.
int BitWidth(DataType t) {
  switch (t) {
    case DataType::kUint4:
    case DataType::kInt4:
    case DataType::kFloat4e2m1: return 4;
    case DataType::kUint2:
    case DataType::kInt2: return 2;
    case DataType::kString:
    case DataType::kUndefined: return 0;
    default: return static_cast<int>(DataTypeSize(t)) * 8;
  }
}

class BitCastOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (!node.Require("to")) return node.status();
    const int64_t to = node.GetInt("to", 0);
    if (to == 0 || to != static_cast<int32_t>(to) || !IsKnownDataType(static_cast<int32_t>(to))) {
      node.Fail(Status::InvalidModel(StrCat("to is ", to, ", which is no element type")));
      return node.status();
    }
    to_ = static_cast<DataType>(to);
    if (to_ == DataType::kString) {
      node.Fail(Status::InvalidModel("to is string; BitCast takes only non-string types"));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (input) is missing");
    const DataType from = ctx.input_dtype(0);
    if (from == DataType::kString || BitWidth(from) == 0) {
      return Status::InvalidModel(StrCat("input 0 has element type ", DataTypeName(from),
                                         "; BitCast takes only non-string types"));
    }
    if (BitWidth(from) != BitWidth(to_)) {
      return Status::InvalidModel(StrCat("input 0 has element type ", DataTypeName(from), " (",
                                         BitWidth(from), " bits) and to is ", DataTypeName(to_),
                                         " (", BitWidth(to_),
                                         " bits); BitCast needs the same bit width"));
    }
    ctx.SetOutput(0, to_, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (to_ == DataType::kBool) {
      // Same width, so the input has one-byte elements.
      kernels::BitCastToBool(static_cast<const uint8_t*>(x.raw_data()), y.data<bool>(),
                             x.num_elements());
    } else {
      kernels::BitCastBytes(x.raw_data(), y.raw_data(), x.nbytes());
    }
    return Status::Ok();
  }

 private:
  DataType to_ = DataType::kUndefined;
};

}  // namespace

std::unique_ptr<Op> MakeBitCastOp() { return std::make_unique<BitCastOp>(); }

}  // namespace onnxi
