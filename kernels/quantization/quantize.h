// Linear quantization kernels: QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear, and
// the integer products behind MatMulInteger / ConvInteger / QLinearMatMul / QLinearConv.
//
// Quantized element storage (QuantCode): 8/16/32-bit integers, the packed sub-byte integers
// (uint4/int4 two per byte, uint2/int2 four per byte, lowest bits first), the float8 codes
// and float4 e2m1 (packed two per byte), see float8.h.
//
// Granularity: x is viewed as (outer, axis_dim, inner); element (o, a, i) uses scale and zero
// point number o * s_outer + (a / block) * s_axis + i * s_inner. Per-tensor: all strides 0.
// Per-axis: block 1, s_axis 1. Blocked (opset 21): scale has x's shape with the axis dim
// ceil(axis_dim / block), so s_outer = ceil(axis_dim / block) * inner, s_axis = inner,
// s_inner = 1.
//
// Quantize:   y = saturate(rint(x / scale) + zero_point) for integer codes (ties to even),
//             y = float8(x / scale + zero_point) for float codes (saturate as in float8.h).
//             The quotient is computed in float and rounded to float16/bfloat16 when the
//             op asks for that precision.
// Dequantize: y = (float(x) - float(zero_point)) * scale, in float.
// Outputs are written in increasing element order; for packed codes a byte's first element
// assigns the whole byte (so unused high bits of the last byte end up zero).
#pragma once

#include <cstdint>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

enum class QuantCode {
  kUint8,
  kInt8,
  kUint16,
  kInt16,
  kInt32,
  kUint4,
  kInt4,
  kUint2,
  kInt2,
  kE4M3FN,
  kE4M3FNUZ,
  kE5M2,
  kE5M2FNUZ,
  kE2M1,
};

enum class QuantPrecision { kFloat, kFloat16, kBFloat16 };

struct QuantLayout {
  int64_t outer = 1, axis_dim = 0, inner = 1;
  int64_t block = 1;
  int64_t s_outer = 0, s_axis = 0, s_inner = 0;
};

// Element i of a quantized array, as a float (integers exactly).
float LoadQuant(const void* data, QuantCode code, int64_t i);

// X: float, Float16, BFloat16 or int32_t. S: float, Float16 or BFloat16. zero_point may be
// nullptr (zero); it has the same code as y.
template <class X, class S>
void QuantizeLinearRef(const X* x, const S* scale, const void* zero_point, QuantCode code,
                       const QuantLayout& l, bool saturate, QuantPrecision precision, void* y);

// S: float, Float16, BFloat16. Y: float, Float16, BFloat16.
template <class S, class Y>
void DequantizeLinearRef(const void* x, QuantCode code, const S* scale, const void* zero_point,
                         const QuantLayout& l, Y* y);

// DynamicQuantizeLinear over n floats (uint8):
//   lo = min(0, min x), hi = max(0, max x), scale = (hi - lo) / 255 (1/255 when hi == lo),
//   zero_point = rint(clamp(-lo / scale, 0, 255)), y = clamp(rint(x / scale) + zero_point).
// NaN inputs quantize to zero_point.
void DynamicQuantizeLinearRef(const float* x, int64_t n, uint8_t* y, float* scale,
                              uint8_t* zero_point);

// Y (m, n) int32 = sum_k (A[i, k] - a_zp[i * a_zp_stride]) * (B[k, j] - b_zp[j * b_zp_stride]),
// A (m, k) and B (k, n) dense row-major; zero points may be nullptr (zero); stride 0 means
// per-tensor, 1 per-row of A / per-column of B. Accumulates in int32 with wraparound.
// A, B: uint8_t or int8_t.
template <class A, class B>
void MatMulIntegerRef(const A* a, const B* b, int64_t m, int64_t k, int64_t n, const A* a_zp,
                      int64_t a_zp_stride, const B* b_zp, int64_t b_zp_stride, int32_t* y);

// Integer convolution geometry (up to 3 spatial dims; fewer are padded with size-1 dims).
struct IntConvParams {
  int64_t batch = 0, channels = 0, out_channels = 0, group = 1;
  int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1}, kernel[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1}, dilation[3] = {1, 1, 1}, pad_begin[3] = {0, 0, 0};
};

// Y (N, M, out...) int32 = sum over (C/group, kernel) of (X - x_zp) * (W - w_zp[m * stride]);
// positions in the padding contribute 0. X (N, C, in...), W (M, C/group, kernel...).
// X, W: uint8_t or int8_t.
template <class X, class W>
void ConvIntegerRef(const IntConvParams& p, const X* x, int32_t x_zp, const W* w, const W* w_zp,
                    int64_t w_zp_stride, int32_t* y);

// multiplier[c] = a_scale[c * sa] * b_scale[c * sb] / y_scale[c * sy], computed in S's
// precision (each product/quotient rounded to S, as numpy does), for c in [0, count).
template <class S>
void QLinearMultipliersRef(const S* a_scale, int64_t sa, const S* b_scale, int64_t sb,
                           const S* y_scale, int64_t sy, int64_t count, double* multiplier);

// y[o, c, i] = clamp(rint((acc[o, c, i] + bias[c]) * multiplier[c * sm] + y_zp[c * sz]))
// to Y's range (ties to even). acc (outer, channels, inner); bias may be nullptr; y_zp may
// be nullptr (zero). Y: uint8_t or int8_t.
template <class Y>
void RequantizeRef(const int32_t* acc, const int32_t* bias, int64_t outer, int64_t channels,
                   int64_t inner, const double* multiplier, int64_t sm, const Y* y_zp, int64_t sz,
                   Y* y);

}  // namespace onnxi::kernels
