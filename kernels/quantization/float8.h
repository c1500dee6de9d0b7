// Conversions between float and the small floating-point formats of ONNX: the four float8
// types (FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ) and FLOAT4E2M1.
//
// Encoding (sign | exponent | mantissa, bias b):
//   e4m3fn   1|4|3 b=7   no inf; NaN = S.1111.111;          max 448;  -0 exists
//   e4m3fnuz 1|4|3 b=8   no inf; NaN = 0x80 (the "-0" code); max 240;  no -0
//   e5m2     1|5|2 b=15  IEEE-like: inf = S.11111.00, NaN = S.11111.xx; max 57344
//   e5m2fnuz 1|5|2 b=16  no inf; NaN = 0x80;                 max 57344; no -0
//   e2m1     1|2|1 b=1   no inf, no NaN;                     max 6 (4-bit code)
// float -> small: round to nearest, ties to even, with subnormals. Values whose rounded
// magnitude exceeds the max follow the ONNX Cast table:
//   saturate:  |x| > max -> +-max; +-inf -> +-max (e4m3fn, e5m2) or NaN (the fnuz types)
//   !saturate: |x| > max and +-inf -> +-inf (e5m2) or NaN (the others)
// NaN -> NaN. For the fnuz types -0 encodes as +0. e2m1 always saturates (inf -> +-6) and
// maps NaN to +6 (it has no NaN) -- the ONNX reference's choice is not specified.
// Small -> float is exact.
#pragma once

#include <cstdint>

namespace onnxi::kernels {

enum class SmallFloat { kE4M3FN, kE4M3FNUZ, kE5M2, kE5M2FNUZ, kE2M1 };

uint8_t FloatToSmallFloat(float f, SmallFloat kind, bool saturate);
float SmallFloatToFloat(uint8_t code, SmallFloat kind);

// Array forms (y may not alias x).
void FloatsToSmallFloats(const float* x, int64_t n, SmallFloat kind, bool saturate, uint8_t* y);
void SmallFloatsToFloats(const uint8_t* x, int64_t n, SmallFloat kind, float* y);

}  // namespace onnxi::kernels
