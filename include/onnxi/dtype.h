// Element types. The numbers are ONNX's TensorProto.DataType values, so a dtype read from a
// model needs no translation. float16 and bfloat16 are stored as their bit patterns and
// converted to float for arithmetic.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace onnxi {

enum class DataType : int32_t {
  kUndefined = 0,
  kFloat = 1,
  kUint8 = 2,
  kInt8 = 3,
  kUint16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
  kUint32 = 12,
  kUint64 = 13,
  kComplex64 = 14,
  kComplex128 = 15,
  kBfloat16 = 16,
  kFloat8e4m3fn = 17,
  kFloat8e4m3fnuz = 18,
  kFloat8e5m2 = 19,
  kFloat8e5m2fnuz = 20,
  kUint4 = 21,
  kInt4 = 22,
  kFloat4e2m1 = 23,
  kFloat8e8m0 = 24,
  kUint2 = 25,
  kInt2 = 26,
};

// Bytes per element; 0 for kUndefined and for sub-byte types (int4/uint4/float4/int2/uint2), whose
// storage is handled by DataTypeStorageBytes.
size_t DataTypeSize(DataType t);
// Bytes needed to store n elements (4-bit types two to a byte, 2-bit types four).
size_t DataTypeStorageBytes(DataType t, int64_t n);
// ONNX's lowercase spelling: "float32", "int64", "bfloat16", ...
std::string DataTypeName(DataType t);
bool IsFloatingPoint(DataType t);  // float16, bfloat16, float, double
bool IsIntegerType(DataType t);    // int8..int64, uint8..uint64
bool IsKnownDataType(int32_t t);

// IEEE 754 half precision, stored as bits.
struct Float16 {
  uint16_t bits = 0;
  Float16() = default;
  explicit Float16(float f) : bits(FromFloat(f)) {}
  operator float() const { return ToFloat(bits); }  // NOLINT: arithmetic converts freely

  static float ToFloat(uint16_t h) {
    uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
      if (mant == 0) {
        bits = sign;
      } else {  // subnormal: renormalize
        int e = -1;
        do {
          ++e;
          mant <<= 1;
        } while ((mant & 0x400) == 0);
        bits = sign | static_cast<uint32_t>(127 - 15 - e) << 23 | (mant & 0x3ff) << 13;
      }
    } else if (exp == 31) {
      bits = sign | 0x7f800000u | mant << 13;
    } else {
      bits = sign | (exp + 127 - 15) << 23 | mant << 13;
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }

  // Round to nearest even, overflow to infinity, NaN stays NaN.
  static uint16_t FromFloat(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000;
    uint32_t absx = x & 0x7fffffff;
    if (absx >= 0x7f800000) {  // inf or NaN
      return static_cast<uint16_t>(sign | 0x7c00 | (absx > 0x7f800000 ? 0x200 : 0));
    }
    if (absx >= 0x477ff000) return static_cast<uint16_t>(sign | 0x7c00);  // rounds to inf
    if (absx < 0x38800000) {  // result is subnormal or zero
      if (absx < 0x33000000) return static_cast<uint16_t>(sign);
      // value = mant * 2^(e - 150) and the half subnormal unit is 2^-24, so the result is
      // mant >> (126 - e), rounded to nearest even. Here 14 <= 126 - e <= 24.
      uint32_t e = absx >> 23;
      uint32_t mant = (absx & 0x7fffff) | 0x800000;
      uint32_t shift = 126 - e;
      uint32_t res = mant >> shift;
      uint32_t rem = mant & ((1u << shift) - 1);
      uint32_t half = 1u << (shift - 1);
      if (rem > half || (rem == half && (res & 1))) ++res;
      return static_cast<uint16_t>(sign | res);
    }
    uint32_t res = ((absx >> 13) - (112u << 10));
    uint32_t rem = absx & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (res & 1))) ++res;
    return static_cast<uint16_t>(sign | res);
  }
};

// bfloat16: the top 16 bits of a float.
struct BFloat16 {
  uint16_t bits = 0;
  BFloat16() = default;
  explicit BFloat16(float f) : bits(FromFloat(f)) {}
  operator float() const { return ToFloat(bits); }  // NOLINT

  static float ToFloat(uint16_t b) {
    uint32_t x = static_cast<uint32_t>(b) << 16;
    float f;
    std::memcpy(&f, &x, 4);
    return f;
  }
  // Round to nearest even; NaN stays NaN.
  static uint16_t FromFloat(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffff) > 0x7f800000) return static_cast<uint16_t>((x >> 16) | 0x40);
    uint32_t rounding = 0x7fff + ((x >> 16) & 1);
    return static_cast<uint16_t>((x + rounding) >> 16);
  }
};

}  // namespace onnxi
