// Float8 / float4 conversions; see float8.h for the rules.
#include "kernels/quantization/float8.h"

#include <cmath>

namespace onnxi::kernels {
namespace {

struct Format {
  int exp_bits, mant_bits, bias;
  bool fnuz;     // NaN is 0x80, no -0, no inf
  bool has_inf;  // IEEE-like top exponent (e5m2)
  bool has_nan;
  double max;
};

Format FormatOf(SmallFloat kind) {
  switch (kind) {
    case SmallFloat::kE4M3FN:
      return {4, 3, 7, false, false, true, 448.0};
    case SmallFloat::kE4M3FNUZ:
      return {4, 3, 8, true, false, true, 240.0};
    case SmallFloat::kE5M2:
      return {5, 2, 15, false, true, true, 57344.0};
    case SmallFloat::kE5M2FNUZ:
      return {5, 2, 16, true, false, true, 57344.0};
    case SmallFloat::kE2M1:
      return {2, 1, 1, false, false, false, 6.0};
  }
  return {4, 3, 7, false, false, true, 448.0};
}

uint8_t NanCode(const Format& f, uint8_t sign) {
  if (f.fnuz) return 0x80;
  if (f.has_inf) return static_cast<uint8_t>(sign | 0x7e);  // e5m2 quiet NaN
  return static_cast<uint8_t>(sign | 0x7f);                 // e4m3fn
}

// Code of a finite magnitude v that is already representable (v <= max).
uint8_t EncodeExact(const Format& f, double v) {
  const int emin = 1 - f.bias;  // exponent of the smallest normal
  const double min_normal = std::ldexp(1.0, emin);
  if (v < min_normal) {  // subnormal: v = m * 2^(emin - mant_bits)
    return static_cast<uint8_t>(std::ldexp(v, f.mant_bits - emin));
  }
  int e;
  std::frexp(v, &e);  // v = frac * 2^e, frac in [0.5, 1)
  --e;                // v = 1.m * 2^e
  const int mant = static_cast<int>(std::ldexp(v, f.mant_bits - e)) - (1 << f.mant_bits);
  return static_cast<uint8_t>(((e + f.bias) << f.mant_bits) | mant);
}

}  // namespace

uint8_t FloatToSmallFloat(float x, SmallFloat kind, bool saturate) {
  const Format f = FormatOf(kind);
  const int width = 1 + f.exp_bits + f.mant_bits;
  const uint8_t sign = std::signbit(x) ? static_cast<uint8_t>(1u << (width - 1)) : 0;
  const uint8_t max_code = EncodeExact(f, f.max);
  if (std::isnan(x)) return f.has_nan ? NanCode(f, sign) : static_cast<uint8_t>(max_code);
  double v = std::fabs(static_cast<double>(x));
  if (std::isinf(x)) {
    if (!f.has_nan) return static_cast<uint8_t>(sign | max_code);
    if (saturate) return f.fnuz ? NanCode(f, sign) : static_cast<uint8_t>(sign | max_code);
    if (f.has_inf) return static_cast<uint8_t>(sign | 0x7c);
    return NanCode(f, sign);
  }
  if (v == 0) return f.fnuz ? 0 : sign;
  // Round to the grid of v's binade (or the subnormal grid), ties to even.
  const int emin = 1 - f.bias;
  int e;
  std::frexp(v, &e);
  --e;
  if (e < emin) e = emin;
  const double quantum = std::ldexp(1.0, e - f.mant_bits);
  const double n = std::nearbyint(v / quantum);  // exact scaling; default mode is ties-to-even
  v = n * quantum;
  if (v > f.max) {
    if (saturate || !f.has_nan) return static_cast<uint8_t>(sign | max_code);
    if (f.has_inf) return static_cast<uint8_t>(sign | 0x7c);
    return NanCode(f, sign);
  }
  if (v == 0) return f.fnuz ? 0 : sign;  // underflow to zero
  return static_cast<uint8_t>(sign | EncodeExact(f, v));
}

float SmallFloatToFloat(uint8_t code, SmallFloat kind) {
  const Format f = FormatOf(kind);
  const int width = 1 + f.exp_bits + f.mant_bits;
  code = static_cast<uint8_t>(code & ((1u << width) - 1));
  const bool neg = (code >> (width - 1)) & 1;
  const int exp_field = (code >> f.mant_bits) & ((1 << f.exp_bits) - 1);
  const int mant = code & ((1 << f.mant_bits) - 1);
  if (f.fnuz && code == 0x80) return NAN;
  if (kind == SmallFloat::kE4M3FN && exp_field == 15 && mant == 7) return neg ? -NAN : NAN;
  if (f.has_inf && exp_field == 31) {
    if (mant == 0) return neg ? -INFINITY : INFINITY;
    return neg ? -NAN : NAN;
  }
  double v;
  if (exp_field == 0) {
    v = std::ldexp(static_cast<double>(mant), 1 - f.bias - f.mant_bits);
  } else {
    v = std::ldexp(static_cast<double>(mant + (1 << f.mant_bits)),
                   exp_field - f.bias - f.mant_bits);
  }
  return static_cast<float>(neg ? -v : v);
}

void FloatsToSmallFloats(const float* x, int64_t n, SmallFloat kind, bool saturate, uint8_t* y) {
  for (int64_t i = 0; i < n; ++i) y[i] = FloatToSmallFloat(x[i], kind, saturate);
}

void SmallFloatsToFloats(const uint8_t* x, int64_t n, SmallFloat kind, float* y) {
  for (int64_t i = 0; i < n; ++i) y[i] = SmallFloatToFloat(x[i], kind);
}

}  // namespace onnxi::kernels
