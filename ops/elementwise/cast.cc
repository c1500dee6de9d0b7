// Cast and CastLike: Y = X converted to another element type; Y has X's shape.
//
//   Cast(input)                       target type from the `to` attribute
//   CastLike(input, target_type)      target type is target_type's element type (its data is
//                                     not read)
// Conversion rules and the string forms: kernels/elementwise/unary_cast.h.
//
// Versions (types are allowed as both source and target):
//   Cast 1       `to` is a string ("FLOAT", "INT64", ...); numeric types and bool.
//   Cast 6       `to` is an int (TensorProto.DataType).    Cast 9: adds string.
//   Cast 13, CastLike 15   add bfloat16.
//   19           float8 types and the `saturate` attribute (which only affects float8).
//   21 int4/uint4, 23 float4e2m1, 24 float8e8m0, 25 int2/uint2.
// `saturate` (19+) and `round_mode` (24+, "up"/"down"/"nearest") steer the narrow types:
// kernels/elementwise/unary_cast_narrow.h.
// Not supported: strings to or from the narrow types (Unsupported names the types).
#include <algorithm>
#include <string>

#include "kernels/elementwise/unary_cast.h"
#include "kernels/elementwise/unary_cast_narrow.h"
#include "ops/common/dispatch.h"
#include "ops/elementwise/elementwise_ops.h"

namespace onnxi {
namespace {

// Cast-1 spelled `to` as a TensorProto.DataType name.
DataType TypeFromName(const std::string& s) {
  static const struct {
    const char* name;
    DataType type;
  } kNames[] = {
      {"FLOAT", DataType::kFloat},   {"UINT8", DataType::kUint8},
      {"INT8", DataType::kInt8},     {"UINT16", DataType::kUint16},
      {"INT16", DataType::kInt16},   {"INT32", DataType::kInt32},
      {"INT64", DataType::kInt64},   {"STRING", DataType::kString},
      {"BOOL", DataType::kBool},     {"FLOAT16", DataType::kFloat16},
      {"DOUBLE", DataType::kDouble}, {"UINT32", DataType::kUint32},
      {"UINT64", DataType::kUint64}, {"COMPLEX64", DataType::kComplex64},
      {"COMPLEX128", DataType::kComplex128}, {"BFLOAT16", DataType::kBfloat16},
  };
  for (const auto& e : kNames) {
    if (s == e.name) return e.type;
  }
  return DataType::kUndefined;
}

// The first registry version of Cast whose type constraint includes t (CastLike: the same,
// but never below its own 15); 0 when no version does.
int FirstVersionWith(DataType t) {
  switch (t) {
    case DataType::kFloat: case DataType::kDouble: case DataType::kFloat16:
    case DataType::kInt8: case DataType::kInt16: case DataType::kInt32: case DataType::kInt64:
    case DataType::kUint8: case DataType::kUint16: case DataType::kUint32:
    case DataType::kUint64: case DataType::kBool:
      return 1;
    case DataType::kString: return 9;
    case DataType::kBfloat16: return 13;
    case DataType::kFloat8e4m3fn: case DataType::kFloat8e4m3fnuz:
    case DataType::kFloat8e5m2: case DataType::kFloat8e5m2fnuz:
      return 19;
    case DataType::kUint4: case DataType::kInt4: return 21;
    case DataType::kFloat4e2m1: return 23;
    case DataType::kFloat8e8m0: return 24;
    case DataType::kUint2: case DataType::kInt2: return 25;
    default: return 0;
  }
}

// The narrow types (float8, float4, int4) are cast by the kernels of unary_cast_narrow.h.
bool NarrowTypeOf(DataType t, kernels::NarrowType* out) {
  using kernels::NarrowType;
  switch (t) {
    case DataType::kFloat8e4m3fn: *out = NarrowType::kFloat8E4M3FN; return true;
    case DataType::kFloat8e4m3fnuz: *out = NarrowType::kFloat8E4M3FNUZ; return true;
    case DataType::kFloat8e5m2: *out = NarrowType::kFloat8E5M2; return true;
    case DataType::kFloat8e5m2fnuz: *out = NarrowType::kFloat8E5M2FNUZ; return true;
    case DataType::kFloat8e8m0: *out = NarrowType::kFloat8E8M0; return true;
    case DataType::kFloat4e2m1: *out = NarrowType::kFloat4E2M1; return true;
    case DataType::kInt4: *out = NarrowType::kInt4; return true;
    case DataType::kUint4: *out = NarrowType::kUint4; return true;
    case DataType::kInt2: *out = NarrowType::kInt2; return true;
    case DataType::kUint2: *out = NarrowType::kUint2; return true;
    default: return false;
  }
}

bool IsNarrow(DataType t) {
  kernels::NarrowType n;
  return NarrowTypeOf(t, &n);
}

class CastOp : public Op {
 public:
  explicit CastOp(bool like) : like_(like) {}

  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    if (since_version_ >= 19) narrow_.saturate = node.GetInt("saturate", 1) != 0;
    if (since_version_ >= 24) {
      std::string mode = node.GetString("round_mode", "up");
      if (mode == "up") {
        narrow_.rounding = kernels::E8M0Rounding::kUp;
      } else if (mode == "down") {
        narrow_.rounding = kernels::E8M0Rounding::kDown;
      } else if (mode == "nearest") {
        narrow_.rounding = kernels::E8M0Rounding::kNearest;
      } else {
        node.Fail(Status::InvalidModel(
            StrCat("round_mode is '", mode, "'; expected 'up', 'down' or 'nearest'")));
      }
    }
    if (like_) return node.status();
    if (!node.Require("to")) return node.status();
    const Attribute* a = node.Find("to");
    if (a->type == Attribute::Type::kString) {
      to_ = TypeFromName(a->s);
      if (to_ == DataType::kUndefined) {
        return Status::InvalidModel(StrCat("to is '", a->s, "', which names no element type"));
      }
    } else {
      int64_t to = node.GetInt("to", 0);
      if (!IsKnownDataType(static_cast<int32_t>(to)) || to == 0 || to != int32_t(to)) {
        node.Fail(Status::InvalidModel(StrCat("to is ", to, ", which is no element type")));
      }
      to_ = static_cast<DataType>(to);
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 (input) is missing");
    if (like_ && !ctx.has_input(1)) return Status::InvalidModel("input 1 (target_type) is missing");
    const DataType src = ctx.input_dtype(0);
    const DataType dst = like_ ? ctx.input_dtype(1) : to_;
    ONNXI_RETURN_IF_ERROR(CheckType("input 0", src));
    ONNXI_RETURN_IF_ERROR(CheckType(like_ ? "input 1 (target_type)" : "to", dst));
    if ((IsNarrow(src) && dst == DataType::kString) ||
        (src == DataType::kString && IsNarrow(dst))) {
      return Status::Unsupported(StrCat("casting ", DataTypeName(src), " to ", DataTypeName(dst),
                                        " is not implemented"));
    }
    ctx.SetOutput(0, dst, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t n = x.num_elements();
    const DataType src = x.dtype();
    const DataType dst = y.dtype();
    kernels::NarrowType narrow_src, narrow_dst;
    const bool src_narrow = NarrowTypeOf(src, &narrow_src);
    const bool dst_narrow = NarrowTypeOf(dst, &narrow_dst);
    if (src_narrow || dst_narrow) {
      kernels::NarrowParams to = narrow_;
      to.type = narrow_dst;
      const uint8_t* xb = x.data<uint8_t>();
      uint8_t* yb = y.data<uint8_t>();
      if (src_narrow && dst_narrow) {
        kernels::CastNarrowToNarrowRef(xb, narrow_src, yb, n, to);
        return Status::Ok();
      }
      if (src_narrow) {
        return VisitType(dst, [&](auto tag) {
          using D = typename decltype(tag)::type;
          kernels::CastFromNarrowRef(xb, narrow_src, y.data<D>(), n);
        });
      }
      return VisitType(src, [&](auto tag) {
        using S = typename decltype(tag)::type;
        kernels::CastToNarrowRef(x.data<S>(), yb, n, to);
      });
    }
    if (src == DataType::kString && dst == DataType::kString) {
      kernels::CastRef(x.data<std::string>(), y.data<std::string>(), n);
      return Status::Ok();
    }
    if (src == DataType::kString) {
      int64_t bad = -1;
      ONNXI_RETURN_IF_ERROR(VisitType(dst, [&](auto tag) {
        using D = typename decltype(tag)::type;
        bad = kernels::CastFromStringRef(x.data<std::string>(), y.data<D>(), n);
      }));
      if (bad >= 0) {
        return Status::InvalidArgument(StrCat("string '", x.data<std::string>()[bad],
                                              "' at index ", bad, " is not a number"));
      }
      return Status::Ok();
    }
    if (dst == DataType::kString) {
      return VisitType(src, [&](auto tag) {
        using S = typename decltype(tag)::type;
        kernels::CastToStringRef(x.data<S>(), y.data<std::string>(), n);
      });
    }
    return VisitType(src, [&](auto src_tag) {
      using S = typename decltype(src_tag)::type;
      // dst was checked in Prepare, so this inner visit cannot fail.
      (void)VisitType(dst, [&](auto dst_tag) {
        using D = typename decltype(dst_tag)::type;
        kernels::CastRef(x.data<S>(), y.data<D>(), n);
      });
    });
  }

 private:
  // `what` has element type t, which this version allows.
  Status CheckType(const char* what, DataType t) const {
    int first = FirstVersionWith(t);
    int floor = like_ ? 15 : 1;
    if (first == 0 || std::max(first, floor) > since_version_) {
      return Status::InvalidModel(StrCat(what, " has element type ", DataTypeName(t), ", which ",
                                         like_ ? "CastLike" : "Cast", "-", since_version_,
                                         " does not allow"));
    }
    return Status::Ok();
  }

  bool like_;
  int since_version_ = 0;
  DataType to_ = DataType::kUndefined;
  kernels::NarrowParams narrow_;  // saturate and round_mode; the type is set per Run
};

}  // namespace

std::unique_ptr<Op> MakeCastOp() { return std::make_unique<CastOp>(false); }
std::unique_ptr<Op> MakeCastLikeOp() { return std::make_unique<CastOp>(true); }

}  // namespace onnxi
