// Helpers shared by the quantization ops; see quant_util.h.
#include "ops/quantization/quant_util.h"

#include "ops/common/shape_util.h"

namespace onnxi {

using kernels::QuantCode;

Result<QuantCode> QuantCodeOf(DataType t) {
  switch (t) {
    case DataType::kUint8:
      return QuantCode::kUint8;
    case DataType::kInt8:
      return QuantCode::kInt8;
    case DataType::kUint16:
      return QuantCode::kUint16;
    case DataType::kInt16:
      return QuantCode::kInt16;
    case DataType::kInt32:
      return QuantCode::kInt32;
    case DataType::kUint4:
      return QuantCode::kUint4;
    case DataType::kInt4:
      return QuantCode::kInt4;
    case DataType::kUint2:
      return QuantCode::kUint2;
    case DataType::kInt2:
      return QuantCode::kInt2;
    case DataType::kFloat8e4m3fn:
      return QuantCode::kE4M3FN;
    case DataType::kFloat8e4m3fnuz:
      return QuantCode::kE4M3FNUZ;
    case DataType::kFloat8e5m2:
      return QuantCode::kE5M2;
    case DataType::kFloat8e5m2fnuz:
      return QuantCode::kE5M2FNUZ;
    case DataType::kFloat4e2m1:
      return QuantCode::kE2M1;
    default:
      return Status::Unsupported(
          StrCat("quantized element type ", DataTypeName(t), " is not supported"));
  }
}

Result<kernels::QuantLayout> ResolveQuantLayout(const Shape& x, const Shape& s, int64_t axis,
                                                int64_t block_size, bool allow_blocked) {
  kernels::QuantLayout l;
  const int64_t n = NumElements(x);
  if (block_size < 0) {
    return Status::InvalidModel(StrCat("block_size ", block_size, " is negative"));
  }
  if (block_size == 0 && (s.empty() || (s.size() == 1 && s[0] == 1))) {
    l.axis_dim = n;  // per-tensor: every stride 0
    return l;
  }
  ONNXI_ASSIGN_OR_RETURN(int ax, NormalizeAxis(axis, static_cast<int>(x.size())));
  l.axis_dim = x[ax];
  for (int i = 0; i < ax; ++i) l.outer *= x[i];
  for (size_t i = ax + 1; i < x.size(); ++i) l.inner *= x[i];
  if (block_size == 0) {
    if (s.size() != 1 || s[0] != x[ax]) {
      return Status::InvalidArgument(StrCat("scale has shape ", ShapeToString(s),
                                            "; per-axis quantization along axis ", ax, " of x ",
                                            ShapeToString(x), " needs [", x[ax], "]"));
    }
    l.s_axis = 1;
    return l;
  }
  if (!allow_blocked) {
    return Status::InvalidModel("block_size needs opset 21 or later");
  }
  Shape want = x;
  want[ax] = (x[ax] + block_size - 1) / block_size;
  if (s != want) {
    return Status::InvalidArgument(StrCat(
        "scale has shape ", ShapeToString(s), "; blocked quantization of x ", ShapeToString(x),
        " with block_size ", block_size, " along axis ", ax, " needs ", ShapeToString(want)));
  }
  l.block = block_size;
  l.s_outer = want[ax] * l.inner;
  l.s_axis = l.inner;
  l.s_inner = 1;
  return l;
}

Result<MatMulPlan> PlanMatMul(const Shape& a_in, const Shape& b_in) {
  if (a_in.empty() || b_in.empty()) {
    return Status::InvalidArgument("matmul operands must have rank 1 or more");
  }
  Shape a = a_in, b = b_in;
  if (a.size() == 1) a.insert(a.begin(), 1);
  if (b.size() == 1) b.push_back(1);
  MatMulPlan p;
  p.m = a[a.size() - 2];
  p.k = a.back();
  p.n = b.back();
  if (b[b.size() - 2] != p.k) {
    return Status::InvalidArgument(StrCat("A has shape ", ShapeToString(a_in), " and B has shape ",
                                          ShapeToString(b_in), ": inner dims ", p.k, " and ",
                                          b[b.size() - 2], " differ"));
  }
  const Shape a_batch(a.begin(), a.end() - 2), b_batch(b.begin(), b.end() - 2);
  ONNXI_ASSIGN_OR_RETURN(Shape batch, BroadcastShapes(a_batch, b_batch));
  const std::vector<int64_t> sa = BroadcastStrides(a_batch, batch);
  const std::vector<int64_t> sb = BroadcastStrides(b_batch, batch);
  const int64_t count = NumElements(batch);
  std::vector<int64_t> idx(batch.size(), 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t oa = 0, ob = 0;
    for (size_t d = 0; d < batch.size(); ++d) {
      oa += idx[d] * sa[d];
      ob += idx[d] * sb[d];
    }
    p.a_offsets.push_back(oa * p.m * p.k);
    p.b_offsets.push_back(ob * p.k * p.n);
    for (int d = static_cast<int>(batch.size()) - 1; d >= 0; --d) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  p.out = batch;
  if (a_in.size() > 1) p.out.push_back(p.m);
  if (b_in.size() > 1) p.out.push_back(p.n);
  return p;
}

}  // namespace onnxi
