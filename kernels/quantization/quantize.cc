// Linear quantization kernels; see quantize.h for the contract.
#include "kernels/quantization/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "kernels/quantization/float8.h"

namespace onnxi::kernels {
namespace {

bool IsSmallFloat(QuantCode c, SmallFloat* kind) {
  switch (c) {
    case QuantCode::kE4M3FN:
      *kind = SmallFloat::kE4M3FN;
      return true;
    case QuantCode::kE4M3FNUZ:
      *kind = SmallFloat::kE4M3FNUZ;
      return true;
    case QuantCode::kE5M2:
      *kind = SmallFloat::kE5M2;
      return true;
    case QuantCode::kE5M2FNUZ:
      *kind = SmallFloat::kE5M2FNUZ;
      return true;
    case QuantCode::kE2M1:
      *kind = SmallFloat::kE2M1;
      return true;
    default:
      return false;
  }
}

// Integer range of a code.
void RangeOf(QuantCode c, double* lo, double* hi) {
  switch (c) {
    case QuantCode::kUint8:
      *lo = 0;
      *hi = 255;
      return;
    case QuantCode::kInt8:
      *lo = -128;
      *hi = 127;
      return;
    case QuantCode::kUint16:
      *lo = 0;
      *hi = 65535;
      return;
    case QuantCode::kInt16:
      *lo = -32768;
      *hi = 32767;
      return;
    case QuantCode::kInt32:
      *lo = -2147483648.0;
      *hi = 2147483647.0;
      return;
    case QuantCode::kUint4:
      *lo = 0;
      *hi = 15;
      return;
    case QuantCode::kInt4:
      *lo = -8;
      *hi = 7;
      return;
    case QuantCode::kUint2:
      *lo = 0;
      *hi = 3;
      return;
    case QuantCode::kInt2:
      *lo = -2;
      *hi = 1;
      return;
    default:
      *lo = 0;
      *hi = 0;
      return;
  }
}

// Sub-byte codes: bits per element (0 for byte-or-wider codes).
int PackedBits(QuantCode c) {
  switch (c) {
    case QuantCode::kUint4:
    case QuantCode::kInt4:
    case QuantCode::kE2M1:
      return 4;
    case QuantCode::kUint2:
    case QuantCode::kInt2:
      return 2;
    default:
      return 0;
  }
}

// Writes the low `bits` of v as element i of a packed array (see the header's ordering rule).
void StorePacked(uint8_t* y, int64_t i, int bits, uint32_t v) {
  const int per_byte = 8 / bits;
  const int slot = static_cast<int>(i % per_byte);
  const uint8_t field = static_cast<uint8_t>((v & ((1u << bits) - 1)) << (slot * bits));
  if (slot == 0) {
    y[i / per_byte] = field;
  } else {
    y[i / per_byte] = static_cast<uint8_t>(y[i / per_byte] | field);
  }
}

// Stores an integer value already clamped to the code's range.
void StoreInt(void* y, QuantCode c, int64_t i, int32_t v) {
  switch (c) {
    case QuantCode::kUint8:
      static_cast<uint8_t*>(y)[i] = static_cast<uint8_t>(v);
      return;
    case QuantCode::kInt8:
      static_cast<int8_t*>(y)[i] = static_cast<int8_t>(v);
      return;
    case QuantCode::kUint16:
      static_cast<uint16_t*>(y)[i] = static_cast<uint16_t>(v);
      return;
    case QuantCode::kInt16:
      static_cast<int16_t*>(y)[i] = static_cast<int16_t>(v);
      return;
    case QuantCode::kInt32:
      static_cast<int32_t*>(y)[i] = v;
      return;
    default:
      StorePacked(static_cast<uint8_t*>(y), i, PackedBits(c), static_cast<uint32_t>(v));
      return;
  }
}

float RoundTo(float v, QuantPrecision p) {
  switch (p) {
    case QuantPrecision::kFloat16:
      return Float16::ToFloat(Float16::FromFloat(v));
    case QuantPrecision::kBFloat16:
      return BFloat16::ToFloat(BFloat16::FromFloat(v));
    default:
      return v;
  }
}

template <class T>
float ToF(T v) {
  return static_cast<float>(v);
}

}  // namespace

float LoadQuant(const void* data, QuantCode code, int64_t i) {
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  switch (code) {
    case QuantCode::kUint8:
      return bytes[i];
    case QuantCode::kInt8:
      return static_cast<const int8_t*>(data)[i];
    case QuantCode::kUint16:
      return static_cast<const uint16_t*>(data)[i];
    case QuantCode::kInt16:
      return static_cast<const int16_t*>(data)[i];
    case QuantCode::kInt32:
      return static_cast<float>(static_cast<const int32_t*>(data)[i]);
    default:
      break;
  }
  const int bits = PackedBits(code);
  uint32_t raw = bytes[i];
  if (bits != 0) {
    const int per_byte = 8 / bits;
    raw = (bytes[i / per_byte] >> ((i % per_byte) * bits)) & ((1u << bits) - 1);
  }
  SmallFloat kind;
  if (IsSmallFloat(code, &kind)) return SmallFloatToFloat(static_cast<uint8_t>(raw), kind);
  if (code == QuantCode::kInt4 || code == QuantCode::kInt2) {  // sign-extend
    const int32_t sv = static_cast<int32_t>(raw);
    return static_cast<float>(sv >= (1 << (bits - 1)) ? sv - (1 << bits) : sv);
  }
  return static_cast<float>(raw);
}

template <class X, class S>
void QuantizeLinearRef(const X* x, const S* scale, const void* zero_point, QuantCode code,
                       const QuantLayout& l, bool saturate, QuantPrecision precision, void* y) {
  SmallFloat kind;
  const bool small_float = IsSmallFloat(code, &kind);
  double lo = 0, hi = 0;
  RangeOf(code, &lo, &hi);
  int64_t idx = 0;
  for (int64_t o = 0; o < l.outer; ++o) {
    for (int64_t a = 0; a < l.axis_dim; ++a) {
      const int64_t s_base = o * l.s_outer + (a / l.block) * l.s_axis;
      for (int64_t i = 0; i < l.inner; ++i, ++idx) {
        const int64_t s = s_base + i * l.s_inner;
        const float zp = zero_point != nullptr ? LoadQuant(zero_point, code, s) : 0.0f;
        const float sv = RoundTo(ToF(scale[s]), precision);
        const float xv = RoundTo(ToF(x[idx]), precision);
        const float q = RoundTo(xv / sv, precision);
        if (small_float) {
          const uint8_t c = FloatToSmallFloat(q + zp, kind, saturate);
          if (PackedBits(code) != 0) {
            StorePacked(static_cast<uint8_t*>(y), idx, 4, c);
          } else {
            static_cast<uint8_t*>(y)[idx] = c;
          }
          continue;
        }
        double r = std::isnan(q) ? 0.0 : std::nearbyint(static_cast<double>(q));
        r += zp;
        r = std::min(hi, std::max(lo, r));
        StoreInt(y, code, idx, static_cast<int32_t>(r));
      }
    }
  }
}

template <class S, class Y>
void DequantizeLinearRef(const void* x, QuantCode code, const S* scale, const void* zero_point,
                         const QuantLayout& l, Y* y) {
  int64_t idx = 0;
  for (int64_t o = 0; o < l.outer; ++o) {
    for (int64_t a = 0; a < l.axis_dim; ++a) {
      const int64_t s_base = o * l.s_outer + (a / l.block) * l.s_axis;
      for (int64_t i = 0; i < l.inner; ++i, ++idx) {
        const int64_t s = s_base + i * l.s_inner;
        const float zp = zero_point != nullptr ? LoadQuant(zero_point, code, s) : 0.0f;
        const float v = (LoadQuant(x, code, idx) - zp) * ToF(scale[s]);
        y[idx] = static_cast<Y>(v);
      }
    }
  }
}

void DynamicQuantizeLinearRef(const float* x, int64_t n, uint8_t* y, float* scale,
                              uint8_t* zero_point) {
  float lo = 0, hi = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  const float s = (hi == lo ? 1.0f : hi - lo) / 255.0f;
  float zp = 0.0f - lo / s;
  zp = std::min(255.0f, std::max(0.0f, zp));
  const float zpi = std::nearbyint(zp);
  *scale = s;
  *zero_point = static_cast<uint8_t>(zpi);
  for (int64_t i = 0; i < n; ++i) {
    const float q = x[i] / s;
    float r = std::isnan(q) ? zpi : std::nearbyint(q) + zpi;
    r = std::min(255.0f, std::max(0.0f, r));
    y[i] = static_cast<uint8_t>(r);
  }
}

template <class A, class B>
void MatMulIntegerRef(const A* a, const B* b, int64_t m, int64_t k, int64_t n, const A* a_zp,
                      int64_t a_zp_stride, const B* b_zp, int64_t b_zp_stride, int32_t* y) {
  for (int64_t i = 0; i < m; ++i) {
    const int32_t za = a_zp != nullptr ? a_zp[i * a_zp_stride] : 0;
    for (int64_t j = 0; j < n; ++j) {
      const int32_t zb = b_zp != nullptr ? b_zp[j * b_zp_stride] : 0;
      uint32_t acc = 0;  // unsigned so that overflow wraps without UB
      for (int64_t q = 0; q < k; ++q) {
        const int32_t av = static_cast<int32_t>(a[i * k + q]) - za;
        const int32_t bv = static_cast<int32_t>(b[q * n + j]) - zb;
        acc += static_cast<uint32_t>(av * bv);
      }
      y[i * n + j] = static_cast<int32_t>(acc);
    }
  }
}

template <class X, class W>
void ConvIntegerRef(const IntConvParams& p, const X* x, int32_t x_zp, const W* w, const W* w_zp,
                    int64_t w_zp_stride, int32_t* y) {
  const int64_t cg = p.channels / p.group, mg = p.out_channels / p.group;
  const int64_t in_size = p.in[0] * p.in[1] * p.in[2];
  const int64_t out_size = p.out[0] * p.out[1] * p.out[2];
  const int64_t k_size = p.kernel[0] * p.kernel[1] * p.kernel[2];
  for (int64_t n = 0; n < p.batch; ++n) {
    for (int64_t m = 0; m < p.out_channels; ++m) {
      const int64_t g = m / mg;
      const int32_t zw = w_zp != nullptr ? w_zp[m * w_zp_stride] : 0;
      const W* wm = w + m * cg * k_size;  // (C/group, k0, k1, k2)
      int32_t* ym = y + (n * p.out_channels + m) * out_size;
      for (int64_t o0 = 0; o0 < p.out[0]; ++o0) {
        for (int64_t o1 = 0; o1 < p.out[1]; ++o1) {
          for (int64_t o2 = 0; o2 < p.out[2]; ++o2) {
            uint32_t acc = 0;
            for (int64_t c = 0; c < cg; ++c) {
              const X* xc = x + (n * p.channels + g * cg + c) * in_size;
              const W* wc = wm + c * k_size;
              for (int64_t k0 = 0; k0 < p.kernel[0]; ++k0) {
                const int64_t i0 = o0 * p.stride[0] - p.pad_begin[0] + k0 * p.dilation[0];
                if (i0 < 0 || i0 >= p.in[0]) continue;
                for (int64_t k1 = 0; k1 < p.kernel[1]; ++k1) {
                  const int64_t i1 = o1 * p.stride[1] - p.pad_begin[1] + k1 * p.dilation[1];
                  if (i1 < 0 || i1 >= p.in[1]) continue;
                  for (int64_t k2 = 0; k2 < p.kernel[2]; ++k2) {
                    const int64_t i2 = o2 * p.stride[2] - p.pad_begin[2] + k2 * p.dilation[2];
                    if (i2 < 0 || i2 >= p.in[2]) continue;
                    const int32_t xv =
                        static_cast<int32_t>(xc[(i0 * p.in[1] + i1) * p.in[2] + i2]) - x_zp;
                    const int32_t wv =
                        static_cast<int32_t>(wc[(k0 * p.kernel[1] + k1) * p.kernel[2] + k2]) - zw;
                    acc += static_cast<uint32_t>(xv * wv);
                  }
                }
              }
            }
            ym[(o0 * p.out[1] + o1) * p.out[2] + o2] = static_cast<int32_t>(acc);
          }
        }
      }
    }
  }
}

template <class S>
void QLinearMultipliersRef(const S* a_scale, int64_t sa, const S* b_scale, int64_t sb,
                           const S* y_scale, int64_t sy, int64_t count, double* multiplier) {
  for (int64_t c = 0; c < count; ++c) {
    const S ab = static_cast<S>(ToF(a_scale[c * sa]) * ToF(b_scale[c * sb]));
    const S q = static_cast<S>(ToF(ab) / ToF(y_scale[c * sy]));
    multiplier[c] = ToF(q);
  }
}

template <class Y>
void RequantizeRef(const int32_t* acc, const int32_t* bias, int64_t outer, int64_t channels,
                   int64_t inner, const double* multiplier, int64_t sm, const Y* y_zp, int64_t sz,
                   Y* y) {
  const double lo = std::is_signed_v<Y> ? -128.0 : 0.0;
  const double hi = std::is_signed_v<Y> ? 127.0 : 255.0;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t b = bias != nullptr ? bias[c] : 0;
      const double mult = multiplier[c * sm];
      const double zp = y_zp != nullptr ? static_cast<double>(y_zp[c * sz]) : 0.0;
      const int64_t base = (o * channels + c) * inner;
      for (int64_t i = 0; i < inner; ++i) {
        // numpy's int32 + int32 bias wraps; the sum is formed in int64 and wrapped likewise.
        const int32_t s = static_cast<int32_t>(static_cast<uint32_t>(acc[base + i] + b));
        double r = std::nearbyint(static_cast<double>(s) * mult + zp);
        if (std::isnan(r)) r = zp;
        y[base + i] = static_cast<Y>(std::min(hi, std::max(lo, r)));
      }
    }
  }
}

#define ONNXI_QUANT_X_S(X, S)                                                       \
  template void QuantizeLinearRef<X, S>(const X*, const S*, const void*, QuantCode, \
                                        const QuantLayout&, bool, QuantPrecision, void*);
#define ONNXI_QUANT_S(S)                                                                          \
  ONNXI_QUANT_X_S(float, S)                                                                       \
  ONNXI_QUANT_X_S(Float16, S)                                                                     \
  ONNXI_QUANT_X_S(BFloat16, S)                                                                    \
  ONNXI_QUANT_X_S(int32_t, S)                                                                     \
  template void QLinearMultipliersRef<S>(const S*, int64_t, const S*, int64_t, const S*, int64_t, \
                                         int64_t, double*);
ONNXI_QUANT_S(float)
ONNXI_QUANT_S(Float16)
ONNXI_QUANT_S(BFloat16)

#define ONNXI_DEQUANT(S, Y)                                                              \
  template void DequantizeLinearRef<S, Y>(const void*, QuantCode, const S*, const void*, \
                                          const QuantLayout&, Y*);
ONNXI_DEQUANT(float, float)
ONNXI_DEQUANT(float, Float16)
ONNXI_DEQUANT(float, BFloat16)
ONNXI_DEQUANT(Float16, float)
ONNXI_DEQUANT(Float16, Float16)
ONNXI_DEQUANT(Float16, BFloat16)
ONNXI_DEQUANT(BFloat16, float)
ONNXI_DEQUANT(BFloat16, Float16)
ONNXI_DEQUANT(BFloat16, BFloat16)

#define ONNXI_INT_AB(A, B)                                                                        \
  template void MatMulIntegerRef<A, B>(const A*, const B*, int64_t, int64_t, int64_t, const A*,   \
                                       int64_t, const B*, int64_t, int32_t*);                     \
  template void ConvIntegerRef<A, B>(const IntConvParams&, const A*, int32_t, const B*, const B*, \
                                     int64_t, int32_t*);
ONNXI_INT_AB(uint8_t, uint8_t)
ONNXI_INT_AB(uint8_t, int8_t)
ONNXI_INT_AB(int8_t, uint8_t)
ONNXI_INT_AB(int8_t, int8_t)

template void RequantizeRef<uint8_t>(const int32_t*, const int32_t*, int64_t, int64_t, int64_t,
                                     const double*, int64_t, const uint8_t*, int64_t, uint8_t*);
template void RequantizeRef<int8_t>(const int32_t*, const int32_t*, int64_t, int64_t, int64_t,
                                    const double*, int64_t, const int8_t*, int64_t, int8_t*);

}  // namespace onnxi::kernels
