// Text <-> number conversions for the Cast kernels (see unary_cast.h for the accepted forms).
#include "kernels/elementwise/unary_cast.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cctype>
#include <strings.h>

namespace onnxi::kernels {
namespace {

// Special values first, in the spelling the ONNX spec reserves; nullptr for finite values.
template <class F>
const char* SpecialText(F v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "INF" : "-INF";
  return nullptr;
}

template <class F>
std::string ShortestText(F v) {
  if (const char* s = SpecialText(v)) return s;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);  // shortest round-trip form
  return std::string(buf, r.ptr);
}

// Shortest %g text whose value, rounded to the 16-bit type H, has the same bits.
template <class H>
std::string ShortestHalfText(H h) {
  const float v = static_cast<float>(h);
  if (const char* s = SpecialText(v)) return s;
  char buf[64];
  for (int precision = 1; precision <= 9; ++precision) {
    auto r = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::general, precision);
    std::string text(buf, r.ptr);
    float back = std::strtof(text.c_str(), nullptr);
    if (H(back).bits == h.bits) return text;
  }
  return ShortestText(v);
}

// s without leading and trailing spaces.
std::string Trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// strtod-like parse of the whole string t (no partial matches). Hex floats are refused.
template <class F>
bool ParseWhole(const std::string& s, F* out, F (*parse)(const char*, char**)) {
  std::string t = Trimmed(s);
  if (t.empty()) return false;
  if (t.find('x') != std::string::npos || t.find('X') != std::string::npos) return false;
  char* end = nullptr;
  errno = 0;
  F v = parse(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return false;
  *out = v;  // on ERANGE strtod already returns +-HUGE_VAL or a denormal/zero
  return true;
}

float StrToF(const char* s, char** e) { return std::strtof(s, e); }
double StrToD(const char* s, char** e) { return std::strtod(s, e); }

}  // namespace

std::string FormatFloat(float v) { return ShortestText(v); }
std::string FormatDouble(double v) { return ShortestText(v); }
std::string FormatFloat16(Float16 v) { return ShortestHalfText(v); }
std::string FormatBFloat16(BFloat16 v) { return ShortestHalfText(v); }

bool ParseFloat(const std::string& s, float* out) { return ParseWhole(s, out, StrToF); }
bool ParseDouble(const std::string& s, double* out) { return ParseWhole(s, out, StrToD); }

namespace {

// An integer in plain decimal (an optional '+'), else a floating-point text converted as Cast
// converts a double (truncated toward zero, saturated).
template <class I>
bool ParseInteger(const std::string& s, I* out) {
  std::string t = Trimmed(s);
  const char* b = t.c_str();
  if (*b == '+') ++b;
  I v;
  auto r = std::from_chars(b, t.c_str() + t.size(), v);
  if (r.ec == std::errc() && r.ptr == t.c_str() + t.size()) {
    *out = v;
    return true;
  }
  double d;
  if (!ParseDouble(s, &d)) return false;
  *out = StoreAs<I>(d);
  return true;
}

}  // namespace

bool ParseInt64(const std::string& s, int64_t* out) { return ParseInteger(s, out); }
bool ParseUint64(const std::string& s, uint64_t* out) { return ParseInteger(s, out); }

bool ParseBool(const std::string& s, bool* out) {
  std::string t = Trimmed(s);
  if (strcasecmp(t.c_str(), "true") == 0) {
    *out = true;
    return true;
  }
  if (strcasecmp(t.c_str(), "false") == 0) {
    *out = false;
    return true;
  }
  double d;
  if (!ParseDouble(t, &d)) return false;
  *out = d != 0;
  return true;
}

}  // namespace onnxi::kernels
