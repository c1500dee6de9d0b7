// Shared machinery of the broadcasting ops in ops/math/: loop plans for the kernels in
// kernels/elementwise/binary.h, legacy (opset < 7) broadcasting, per-version type sets, and
// restricted type visitors.
//
// Multidirectional (numpy) broadcasting: shapes are right-aligned, each dim pair must be equal
// or one of them 1; the output takes the larger.
// Legacy broadcasting (Add/Sub/Mul/Div/Pow/And/Or/Xor/Equal/Less/Greater before opset 7):
// attribute broadcast=0 requires equal shapes; broadcast=1 lets B's shape match a contiguous
// run of A's dims starting at `axis` (default: the trailing dims, suffix match); a B dim of 1
// broadcasts (Caffe2's singleton broadcast). The output has A's shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/elementwise/binary.h"
#include "onnxi/dtype.h"
#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "ops/common/dispatch.h"
#include "ops/op.h"

namespace onnxi {

// How a kernel loop walks a dense output and its operands: coalesced dims and, per operand,
// element strides (0 where broadcast). dims may be empty (a single element).
struct LoopPlan {
  Shape dims;
  std::vector<std::vector<int64_t>> strides;
  int rank() const { return static_cast<int>(dims.size()); }
};

// Plans the loop for a dense `out` whose operands have `shapes`, each of which must broadcast
// to `out` (right-aligned). Size-1 dims are dropped and adjacent dims merged wherever every
// operand allows it.
LoopPlan PlanLoop(const Shape& out, const std::vector<Shape>& shapes);

// Multidirectional broadcast of all shapes; the error lists them.
Result<Shape> BroadcastAll(const std::vector<Shape>& shapes);

// Legacy broadcast: B's shape padded with 1s to A's rank, placed at `axis` (or suffix-
// aligned when !has_axis). Errors name both shapes and the axis.
Result<Shape> LegacyBroadcastShape(const Shape& a, const Shape& b, bool has_axis, int64_t axis);

// "input 1 has element type int8; expected one of float32, float64"
Status CheckTypeIn(int input_index, DataType got, const std::vector<DataType>& allowed);

// Type-set builders for the version rules.
std::vector<DataType> Types(std::initializer_list<DataType> a,
                            std::initializer_list<DataType> b = {});
inline constexpr std::initializer_list<DataType> kFloat3 = {DataType::kFloat16, DataType::kFloat,
                                                             DataType::kDouble};
inline constexpr std::initializer_list<DataType> kBf16 = {DataType::kBfloat16};

// Runs out = f(a, b) over a two-operand plan.
template <class TA, class TB, class TO, class F>
void RunBinaryPlan(const LoopPlan& p, const TA* a, const TB* b, TO* out, F f) {
  kernels::BinaryBroadcast(a, p.strides[0].data(), b, p.strides[1].data(), out, p.dims.data(),
                           p.rank(), f);
}

// Base of the two-input broadcasting ops. Init reads the legacy attributes (broadcast, axis;
// consumed_inputs is ignored) when since_version < 7; PrepareBroadcast computes the output
// shape and plan_ from inputs 0 and 1.
class BroadcastBinaryOp : public Op {
 public:
  Status Init(const NodeView& node) override;
  bool InferStaticShapes(const NodeView& node, const std::vector<StaticShape>& in,
                         std::vector<StaticShape>& out, Symbols& symbols) const override;

 protected:
  Status PrepareBroadcast(const PrepareContext& ctx, Shape* out_shape);
  // Input 0 has an allowed type and input 1 the same one.
  static Status CheckSameTypes(const PrepareContext& ctx, const std::vector<DataType>& allowed);

  int since_version_ = 0;
  bool legacy_ = false;          // since_version < 7
  bool legacy_broadcast_ = false;
  bool has_axis_ = false;
  int64_t axis_ = 0;
  LoopPlan plan_;
};

}  // namespace onnxi
