// Encoding and decoding of the narrow float and int types (see unary_cast_narrow.h).
//
// A minifloat with E exponent bits, M mantissa bits and bias B holds
//   exponent field 0:  mant * 2^(1-B-M)            (subnormal)
//   otherwise:         (2^M + mant) * 2^(exp-B-M)
// with format-specific NaN/inf codes. Encoding rounds |x| on the grid of its binade
// (quantum 2^(max(e, 1-B) - M)), which is exact in float and gives round-to-nearest-even.
#include "kernels/elementwise/unary_cast_narrow.h"

#include <algorithm>
#include <cstring>

namespace onnxi::kernels {
namespace {

struct MiniFloat {
  int ebits;
  int mbits;
  int bias;
  float max;  // largest finite value
};

MiniFloat Format(NarrowType t) {
  switch (t) {
    case NarrowType::kFloat8E4M3FN: return {4, 3, 7, 448.0f};
    case NarrowType::kFloat8E4M3FNUZ: return {4, 3, 8, 240.0f};
    case NarrowType::kFloat8E5M2: return {5, 2, 15, 57344.0f};
    case NarrowType::kFloat8E5M2FNUZ: return {5, 2, 16, 57344.0f};
    default: return {2, 1, 1, 6.0f};  // float4e2m1
  }
}

bool IsFnuz(NarrowType t) {
  return t == NarrowType::kFloat8E4M3FNUZ || t == NarrowType::kFloat8E5M2FNUZ;
}

uint8_t NanCode(NarrowType t) {
  switch (t) {
    case NarrowType::kFloat8E4M3FN: return 0x7f;
    case NarrowType::kFloat8E5M2: return 0x7e;
    case NarrowType::kFloat4E2M1: return 0x8;
    default: return 0x80;  // fnuz
  }
}

uint8_t E8M0FromFloat(const NarrowParams& p, float v) {
  if (std::isnan(v)) return 0xff;
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  uint32_t e = (bits >> 23) & 0xff;  // float's bias is 127, like e8m0's
  uint32_t mant = bits & 0x7fffff;
  if (e == 0xff) return p.saturate ? 0xfe : 0xff;  // inf
  if (e == 0) {
    // Zero and float subnormals: e8m0 code 0 is 2^-127 (mant 0x400000), code 1 is 2^-126.
    if (mant == 0) return 0;
    switch (p.rounding) {
      case E8M0Rounding::kUp: return mant > 0x400000 ? 1 : 0;
      case E8M0Rounding::kDown: return 0;
      case E8M0Rounding::kNearest: return mant >= 0x600000 ? 1 : 0;
    }
  }
  switch (p.rounding) {
    case E8M0Rounding::kUp: e += mant != 0 ? 1 : 0; break;
    case E8M0Rounding::kDown: break;
    case E8M0Rounding::kNearest: e += mant >= 0x400000 ? 1 : 0; break;
  }
  if (e >= 0xff) return p.saturate ? 0xfe : 0xff;
  return static_cast<uint8_t>(e);
}

}  // namespace

float NarrowToFloat(NarrowType t, uint8_t code) {
  switch (t) {
    case NarrowType::kInt4: return static_cast<float>((code & 0x8) ? int(code & 0xf) - 16 : code & 0xf);
    case NarrowType::kUint4: return static_cast<float>(code & 0xf);
    case NarrowType::kInt2: return static_cast<float>((code & 0x2) ? int(code & 0x3) - 4 : code & 0x3);
    case NarrowType::kUint2: return static_cast<float>(code & 0x3);
    case NarrowType::kFloat8E8M0: {
      if (code == 0xff) return std::nanf("");
      return std::ldexp(1.0f, int(code) - 127);
    }
    default: break;
  }
  const MiniFloat f = Format(t);
  const int nbits = f.ebits + f.mbits;
  const bool negative = (code >> nbits) & 1;
  const int exp = (code >> f.mbits) & ((1 << f.ebits) - 1);
  const int mant = code & ((1 << f.mbits) - 1);
  if (IsFnuz(t) && code == 0x80) return std::nanf("");
  if (t == NarrowType::kFloat8E4M3FN && (code & 0x7f) == 0x7f) return std::nanf("");
  if (t == NarrowType::kFloat8E5M2 && exp == 31) {
    if (mant != 0) return std::nanf("");
    return negative ? -INFINITY : INFINITY;
  }
  float v = exp == 0 ? std::ldexp(static_cast<float>(mant), 1 - f.bias - f.mbits)
                     : std::ldexp(static_cast<float>((1 << f.mbits) + mant), exp - f.bias - f.mbits);
  return negative ? -v : v;
}

uint8_t NarrowFromFloat(const NarrowParams& p, float v) {
  const NarrowType t = p.type;
  if (t == NarrowType::kFloat8E8M0) return E8M0FromFloat(p, v);
  const MiniFloat f = Format(t);
  const int nbits = f.ebits + f.mbits;
  if (std::isnan(v)) return NanCode(t);
  const uint8_t sign = std::signbit(v) ? static_cast<uint8_t>(1 << nbits) : 0;
  const float a = std::fabs(v);
  const bool saturate = p.saturate || t == NarrowType::kFloat4E2M1;
  auto overflow = [&]() -> uint8_t {
    if (saturate) return static_cast<uint8_t>(sign | NarrowFromFloat({t, true}, f.max));
    if (t == NarrowType::kFloat8E5M2) return static_cast<uint8_t>(sign | 0x7c);  // inf
    if (t == NarrowType::kFloat8E4M3FN) return static_cast<uint8_t>(sign | 0x7f);
    return 0x80;  // fnuz NaN
  };
  if (std::isinf(a)) return overflow();
  const int emin = 1 - f.bias;
  int e2;
  std::frexp(a, &e2);  // a = m * 2^e2, m in [0.5, 1)
  int e = a == 0 ? emin : std::max(e2 - 1, emin);
  float quantum = std::ldexp(1.0f, e - f.mbits);
  float r = std::nearbyint(a / quantum) * quantum;
  if (r > f.max) return overflow();
  if (r == 0) return IsFnuz(t) ? 0 : sign;
  std::frexp(r, &e2);
  int er = e2 - 1;
  uint32_t exp_field, mant;
  if (er < emin) {
    exp_field = 0;
    mant = static_cast<uint32_t>(std::ldexp(r, f.mbits - emin));
  } else {
    exp_field = static_cast<uint32_t>(er + f.bias);
    mant = static_cast<uint32_t>(std::ldexp(r, f.mbits - er)) - (1u << f.mbits);
  }
  return static_cast<uint8_t>(sign | exp_field << f.mbits | mant);
}

}  // namespace onnxi::kernels
