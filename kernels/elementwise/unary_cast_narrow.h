// Cast kernels for the narrow types: float8 (e4m3fn, e4m3fnuz, e5m2, e5m2fnuz, e8m0),
// float4e2m1, int4/uint4 and int2/uint2. Every conversion goes through float (exact for all
// of them), except integer -> int4/int2, which takes the integer's low bits directly.
//
// Storage: float8 is one byte per element. The 4-bit types pack two elements per byte and the
//   2-bit types four, the element with the lowest index in the lowest bits (ONNX's layout);
//   unused high bits of the last byte are written 0.
// float -> float8/float4 (ONNX Cast-19/23 tables): round to nearest even on the value; a
//   result beyond the largest finite value, and +-inf, become +-max when saturate, else:
//   e4m3fn NaN (0x7f|sign), e5m2 +-inf, the fnuz types NaN (0x80). float4 always saturates.
//   NaN -> 0x7f (e4m3fn), 0x7e (e5m2), 0x80 (fnuz), 0x8 (float4, which has no NaN: the code
//   the ONNX reference data uses). fnuz types have no -0: negative values rounding to 0 give 0.
// float -> e8m0 (Cast-24 round_mode): |x| = m * 2^e, m in [1,2); "up" gives 2^(e+1) unless m
//   is 1, "down" 2^e, "nearest" 2^(e+1) when m >= 1.5. The sign is dropped; 0 becomes 2^-127.
//   NaN -> 0xff; inf or a result past 2^127 -> 0xfe when saturate, else 0xff.
// number -> int4/uint4 (int2/uint2): the value is made an integer (truncated, saturated to
//   int64) and then wraps modulo 16 (4), as the ONNX reference data does (-9 -> 7 in int4).
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "kernels/elementwise/unary_cast.h"

namespace onnxi::kernels {

enum class NarrowType {
  kFloat8E4M3FN, kFloat8E4M3FNUZ, kFloat8E5M2, kFloat8E5M2FNUZ, kFloat8E8M0, kFloat4E2M1,
  kInt4, kUint4, kInt2, kUint2,
};
enum class E8M0Rounding { kUp, kDown, kNearest };

struct NarrowParams {
  NarrowType type = NarrowType::kFloat8E4M3FN;
  bool saturate = true;
  E8M0Rounding rounding = E8M0Rounding::kUp;
};

// Bits per element: 8, 4 or 2.
inline int BitsOf(NarrowType t) {
  switch (t) {
    case NarrowType::kFloat4E2M1: case NarrowType::kInt4: case NarrowType::kUint4: return 4;
    case NarrowType::kInt2: case NarrowType::kUint2: return 2;
    default: return 8;
  }
}

inline bool IsNarrowInt(NarrowType t) {
  return t == NarrowType::kInt4 || t == NarrowType::kUint4 || t == NarrowType::kInt2 ||
         t == NarrowType::kUint2;
}

// Decodes one element code (a byte, or a nibble for the 4-bit types) to float.
float NarrowToFloat(NarrowType t, uint8_t code);
// Encodes a float (the integer types: see NarrowFromInt).
uint8_t NarrowFromFloat(const NarrowParams& p, float v);
// int4/uint4/int2/uint2 from an integer: its low `bits` bits.
inline uint8_t NarrowFromInt(int64_t v, int bits) {
  return static_cast<uint8_t>(static_cast<uint64_t>(v) & ((1u << bits) - 1));
}

inline uint8_t LoadCode(const uint8_t* x, int bits, int64_t i) {
  if (bits == 8) return x[i];
  const int per_byte = 8 / bits;
  const int shift = static_cast<int>(i % per_byte) * bits;
  return static_cast<uint8_t>((x[i / per_byte] >> shift) & ((1u << bits) - 1));
}

// Elements must be stored in index order: the first element of a byte clears the byte.
inline void StoreCode(uint8_t* y, int bits, int64_t i, uint8_t code) {
  if (bits == 8) {
    y[i] = code;
    return;
  }
  const int per_byte = 8 / bits;
  const int shift = static_cast<int>(i % per_byte) * bits;
  const uint8_t v = static_cast<uint8_t>((code & ((1u << bits) - 1)) << shift);
  y[i / per_byte] = shift == 0 ? v : static_cast<uint8_t>(y[i / per_byte] | v);
}

// y (narrow, p.type) = x (any type CastValue handles, except string).
template <class S>
void CastToNarrowRef(const S* x, uint8_t* y, int64_t n, const NarrowParams& p) {
  const int bits = BitsOf(p.type);
  const bool is_int = IsNarrowInt(p.type);
  for (int64_t i = 0; i < n; ++i) {
    uint8_t code;
    if (is_int) {
      if constexpr (std::is_integral_v<S>) {
        code = NarrowFromInt(static_cast<int64_t>(x[i]), bits);
      } else {
        code = NarrowFromInt(CastValue<int64_t>(x[i]), bits);
      }
    } else {
      code = NarrowFromFloat(p, CastValue<float>(x[i]));
    }
    StoreCode(y, bits, i, code);
  }
}

// y (any type) = x (narrow, type t).
template <class D>
void CastFromNarrowRef(const uint8_t* x, NarrowType t, D* y, int64_t n) {
  const int bits = BitsOf(t);
  for (int64_t i = 0; i < n; ++i) y[i] = CastValue<D>(NarrowToFloat(t, LoadCode(x, bits, i)));
}

// Narrow to narrow, through float (int4 -> uint4 keeps the low 4 bits).
inline void CastNarrowToNarrowRef(const uint8_t* x, NarrowType from, uint8_t* y, int64_t n,
                                  const NarrowParams& to) {
  const int in_bits = BitsOf(from);
  const int out_bits = BitsOf(to.type);
  const bool out_int = IsNarrowInt(to.type);
  for (int64_t i = 0; i < n; ++i) {
    float v = NarrowToFloat(from, LoadCode(x, in_bits, i));
    uint8_t code = out_int ? NarrowFromInt(CastValue<int64_t>(v), out_bits) : NarrowFromFloat(to, v);
    StoreCode(y, out_bits, i, code);
  }
}

// IsNaN / IsInf over float8 codes (one byte each), for IsNaN-20 and IsInf-20.
inline void NarrowIsNanRef(const uint8_t* x, NarrowType t, bool* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = std::isnan(NarrowToFloat(t, x[i]));
}
inline void NarrowIsInfRef(const uint8_t* x, NarrowType t, bool* y, int64_t n,
                           bool detect_positive, bool detect_negative) {
  for (int64_t i = 0; i < n; ++i) {
    float v = NarrowToFloat(t, x[i]);
    y[i] = std::isinf(v) && ((v > 0 && detect_positive) || (v < 0 && detect_negative));
  }
}

}  // namespace onnxi::kernels
