// Reference string kernels: StringNormalizer, StringConcat, StringSplit, RegexFullMatch.
//
// Strings are std::string elements of dense row-major tensors. Writing a string allocates
// its characters (the one exception to "kernels never allocate"); the tensors themselves
// are preallocated by the caller with the shapes these kernels' Count functions imply.
#pragma once

#include <cstdint>
#include <regex>
#include <string>

#include "kernels/text/string_case.h"

namespace onnxi::kernels {

// ---- StringNormalizer -------------------------------------------------------------------
// x (n) -> y (kept): drops elements found among stopwords[0, num_stopwords) (compared after
// lowering both sides when !case_sensitive; the caller passes lowered stopwords then), and
// maps the rest to upper/lower case (case_action: 0 none, 1 lower, 2 upper).
struct StringNormalizerParams {
  const std::string* stopwords = nullptr;
  int64_t num_stopwords = 0;
  bool case_sensitive = false;
  int case_action = 0;
};

inline bool IsStopword(const std::string& s, const StringNormalizerParams& p) {
  if (p.num_stopwords == 0) return false;
  const std::string key = p.case_sensitive ? s : ChangeCase(s, /*upper=*/false);
  for (int64_t i = 0; i < p.num_stopwords; ++i) {
    if (p.stopwords[i] == key) return true;
  }
  return false;
}

inline int64_t StringNormalizerCount(const std::string* x, int64_t n,
                                     const StringNormalizerParams& p) {
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) kept += IsStopword(x[i], p) ? 0 : 1;
  return kept;
}

// y holds StringNormalizerCount(...) elements.
inline void StringNormalizerRef(const std::string* x, int64_t n, std::string* y,
                                const StringNormalizerParams& p) {
  int64_t k = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (IsStopword(x[i], p)) continue;
    y[k++] = p.case_action == 0 ? x[i] : ChangeCase(x[i], p.case_action == 2);
  }
}

// ---- StringConcat -----------------------------------------------------------------------
// y[idx] = a[idx . a_strides] + b[idx . b_strides] over the output shape dims[0, rank)
// (broadcast strides are 0). rank <= 8 is not required: the index walk has no fixed bound.
inline void StringConcatRef(const std::string* a, const int64_t* a_strides, const std::string* b,
                            const int64_t* b_strides, std::string* y, const int64_t* dims,
                            int rank, int64_t* index_scratch) {
  int64_t total = 1;
  for (int d = 0; d < rank; ++d) total *= dims[d];
  for (int d = 0; d < rank; ++d) index_scratch[d] = 0;
  int64_t ao = 0, bo = 0;
  for (int64_t i = 0; i < total; ++i) {
    y[i] = a[ao] + b[bo];
    for (int d = rank - 1; d >= 0; --d) {  // odometer increment
      ++index_scratch[d];
      ao += a_strides[d];
      bo += b_strides[d];
      if (index_scratch[d] < dims[d]) break;
      ao -= a_strides[d] * dims[d];
      bo -= b_strides[d] * dims[d];
      index_scratch[d] = 0;
    }
  }
}

// ---- StringSplit ------------------------------------------------------------------------
// Python's str.split: with a non-empty delimiter, splits at each occurrence (empty pieces
// kept); with an empty delimiter, splits at runs of ASCII whitespace and drops leading and
// trailing whitespace. At most maxsplit splits (maxsplit < 0: unlimited).
inline bool IsSplitSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

// Calls emit(begin, length) for each piece; returns the number of pieces.
template <class Emit>
int64_t SplitOne(const std::string& s, const std::string& delim, int64_t maxsplit, Emit emit) {
  int64_t pieces = 0;
  if (!delim.empty()) {
    size_t start = 0;
    while (true) {
      const size_t at = (maxsplit >= 0 && pieces >= maxsplit) ? std::string::npos
                                                              : s.find(delim, start);
      if (at == std::string::npos) {
        emit(start, s.size() - start);
        return pieces + 1;
      }
      emit(start, at - start);
      ++pieces;
      start = at + delim.size();
    }
  }
  size_t i = 0;
  while (true) {
    while (i < s.size() && IsSplitSpace(s[i])) ++i;
    if (i == s.size()) return pieces;
    if (maxsplit >= 0 && pieces >= maxsplit) {
      size_t end = s.size();
      while (end > i && IsSplitSpace(s[end - 1])) --end;
      emit(i, end - i);
      return pieces + 1;
    }
    size_t j = i;
    while (j < s.size() && !IsSplitSpace(s[j])) ++j;
    emit(i, j - i);
    ++pieces;
    i = j;
  }
}

// The largest number of pieces over x[0, n) (0 when n == 0).
inline int64_t StringSplitMaxPieces(const std::string* x, int64_t n, const std::string& delim,
                                    int64_t maxsplit) {
  int64_t most = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = SplitOne(x[i], delim, maxsplit, [](size_t, size_t) {});
    if (c > most) most = c;
  }
  return most;
}

// substrings (n, width) padded with "" (may be nullptr: lengths only), lengths (n).
inline void StringSplitRef(const std::string* x, int64_t n, const std::string& delim,
                           int64_t maxsplit, int64_t width, std::string* substrings,
                           int64_t* lengths) {
  for (int64_t i = 0; i < n; ++i) {
    std::string* row = substrings != nullptr ? substrings + i * width : nullptr;
    int64_t k = 0;
    const std::string& s = x[i];
    lengths[i] = SplitOne(s, delim, maxsplit, [&](size_t b, size_t len) {
      if (row != nullptr && k < width) row[k].assign(s, b, len);
      ++k;
    });
    for (; row != nullptr && k < width; ++k) row[k].clear();
  }
}

// ---- RegexFullMatch ---------------------------------------------------------------------
// y[i] = the whole of x[i] matches re.
inline void RegexFullMatchRef(const std::string* x, int64_t n, const std::regex& re, bool* y) {
  for (int64_t i = 0; i < n; ++i) y[i] = std::regex_match(x[i], re);
}

}  // namespace onnxi::kernels
