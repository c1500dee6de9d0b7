// Reference kernels of the ai.onnx.ml ops: LabelEncoder lookup, Binarizer,
// ArrayFeatureExtractor and TreeEnsemble evaluation.
//
// LabelEncodeRef: y[i] = values[order[p]] where keys[order[p]] == x[i] (keys sorted by
//   `order`, binary search; NaN keys match NaN inputs via nan_pos), else the default.
//   X compares as K (int64 for integers, double for floats, std::string).
// BinarizerRef: y = x > threshold ? 1 : 0 (NaN -> 0).
// ArrayFeatureExtractorRef: x (outer, n), indices (k) already checked in [0, n)
//   -> y (outer, k), y[o, j] = x[o, indices[j]].
// TreeEnsembleRef: x (rows, features) -> y (rows, n_targets); see TreeEnsembleParams.
//   Comparisons happen in double (exact for the float/double/float16 inputs and splits).
//
// Writing std::string values allocates their characters; nothing else allocates.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "onnxi/dtype.h"

namespace onnxi::kernels {

template <class T>
inline double MlToDouble(T v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return static_cast<double>(static_cast<float>(v));
  } else {
    return static_cast<double>(v);
  }
}

template <class T>
inline T MlFromDouble(double v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return T(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// Widening copies used when attributes are parsed (int16/int32/int64 -> int64,
// float/double/float16 -> double).
template <class T, class U>
void MlCopyAs(const T* x, int64_t n, U* y) {
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<U, double>) {
      y[i] = MlToDouble(x[i]);
    } else {
      y[i] = static_cast<U>(x[i]);
    }
  }
}

// ---- LabelEncoder -----------------------------------------------------------------------
template <class K>
inline bool KeyIsNan(const K& k) {
  if constexpr (std::is_same_v<K, double>) {
    return std::isnan(k);
  } else {
    return false;
  }
}

// order: 0..n-1 sorted by key, NaN keys last; returns the number of non-NaN keys.
template <class K>
int64_t LabelEncoderSortKeys(const K* keys, int64_t n, int64_t* order) {
  for (int64_t i = 0; i < n; ++i) order[i] = i;
  auto mid = std::stable_partition(order, order + n,
                                   [&](int64_t i) { return !KeyIsNan(keys[i]); });
  std::stable_sort(order, mid, [&](int64_t a, int64_t b) { return keys[a] < keys[b]; });
  return mid - order;
}

template <class X, class K, class V>
void LabelEncodeRef(const X* x, int64_t n, const K* keys, const int64_t* order,
                    int64_t num_sorted, int64_t num_keys, const V* values, const V& fallback,
                    V* y) {
  for (int64_t i = 0; i < n; ++i) {
    int64_t hit = -1;
    if constexpr (std::is_same_v<K, std::string>) {
      const std::string& key = x[i];
      int64_t lo = 0, hi = num_sorted;
      while (lo < hi) {
        const int64_t m = lo + (hi - lo) / 2;
        if (keys[order[m]] < key) {
          lo = m + 1;
        } else {
          hi = m;
        }
      }
      if (lo < num_sorted && keys[order[lo]] == key) hit = order[lo];
    } else {
      K key;
      if constexpr (std::is_same_v<K, double>) {
        key = MlToDouble(x[i]);
      } else {
        key = static_cast<K>(x[i]);
      }
      if (KeyIsNan(key)) {
        if (num_sorted < num_keys) hit = order[num_sorted];
      } else {
        const int64_t* p = std::lower_bound(order, order + num_sorted, key,
                                            [&](int64_t a, const K& k) { return keys[a] < k; });
        if (p != order + num_sorted && keys[*p] == key) hit = *p;
      }
    }
    y[i] = hit >= 0 ? values[hit] : fallback;
  }
}

// ---- Binarizer, ArrayFeatureExtractor ---------------------------------------------------
template <class T>
void BinarizerRef(const T* x, int64_t n, double threshold, T* y) {
  for (int64_t i = 0; i < n; ++i) {
    y[i] = MlToDouble(x[i]) > threshold ? MlFromDouble<T>(1.0) : MlFromDouble<T>(0.0);
  }
}

// Position of the first index outside [0, n), or -1.
inline int64_t FirstIndexOutOfRange(const int64_t* indices, int64_t k, int64_t n) {
  for (int64_t j = 0; j < k; ++j) {
    if (indices[j] < 0 || indices[j] >= n) return j;
  }
  return -1;
}

template <class T>
void ArrayFeatureExtractorRef(const T* x, int64_t outer, int64_t n, const int64_t* indices,
                              int64_t k, T* y) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < k; ++j) y[o * k + j] = x[o * n + indices[j]];
  }
}

// ---- TreeEnsemble -----------------------------------------------------------------------
// Node modes (ai.onnx.ml TreeEnsemble-5): 0 <=, 1 <, 2 >=, 3 >, 4 ==, 5 !=, 6 member.
// Node i sends x[feature[i]] to (true_id[i], true_leaf[i]) when the comparison with
// split[i] holds (or x is NaN and missing_true[i]), else to (false_id, false_leaf). A
// *_leaf flag of 1 makes the id an index into leaf_target/leaf_weight. Member nodes test
// membership in members[member_begin[i], member_end[i]).
struct TreeEnsembleParams {
  int64_t num_nodes = 0;
  const double* split = nullptr;
  const int64_t* feature = nullptr;
  const uint8_t* mode = nullptr;
  const int64_t* true_id = nullptr;
  const int64_t* false_id = nullptr;
  const int64_t* true_leaf = nullptr;
  const int64_t* false_leaf = nullptr;
  const uint8_t* missing_true = nullptr;  // may be nullptr: never
  const double* members = nullptr;
  const int64_t* member_begin = nullptr;
  const int64_t* member_end = nullptr;
  const int64_t* leaf_target = nullptr;
  const double* leaf_weight = nullptr;
  const int64_t* roots = nullptr;
  int64_t num_trees = 0;
  int64_t n_targets = 1;
  int aggregate = 1;       // 0 average, 1 sum, 2 min, 3 max
  int post_transform = 0;  // 0 none, 1 softmax, 2 logistic, 3 softmax_zero, 4 probit
};

// Assigns each member node its range in `members` (NaN-separated sets in node order).
// Returns false when there are fewer sets than member nodes.
inline bool TreeEnsembleIndexMembers(const uint8_t* mode, int64_t num_nodes,
                                     const double* members, int64_t num_members,
                                     int64_t* begin, int64_t* end) {
  int64_t pos = 0;
  for (int64_t i = 0; i < num_nodes; ++i) {
    begin[i] = end[i] = 0;
    if (mode[i] != 6) continue;
    if (pos >= num_members) return false;
    begin[i] = pos;
    while (pos < num_members && !std::isnan(members[pos])) ++pos;
    end[i] = pos;
    ++pos;  // skip the NaN separator
  }
  return true;
}

// Inverse error function: Giles' single-precision approximation refined by two Newton
// steps on erf (double accuracy in (-1, 1)); +-inf at +-1, NaN outside.
inline double ErfInv(double y) {
  if (!(y > -1.0 && y < 1.0)) {
    if (y == 1.0) return std::numeric_limits<double>::infinity();
    if (y == -1.0) return -std::numeric_limits<double>::infinity();
    return std::numeric_limits<double>::quiet_NaN();
  }
  double w = -std::log((1.0 - y) * (1.0 + y));
  double x;
  if (w < 5.0) {
    w -= 2.5;
    double q = 2.81022636e-08;
    q = 3.43273939e-07 + q * w;
    q = -3.5233877e-06 + q * w;
    q = -4.39150654e-06 + q * w;
    q = 0.00021858087 + q * w;
    q = -0.00125372503 + q * w;
    q = -0.00417768164 + q * w;
    q = 0.246640727 + q * w;
    q = 1.50140941 + q * w;
    x = q * y;
  } else {
    w = std::sqrt(w) - 3.0;
    double q = -0.000200214257;
    q = 0.000100950558 + q * w;
    q = 0.00134934322 + q * w;
    q = -0.00367342844 + q * w;
    q = 0.00573950773 + q * w;
    q = -0.0076224613 + q * w;
    q = 0.00943887047 + q * w;
    q = 1.00167406 + q * w;
    q = 2.83297682 + q * w;
    x = q * y;
  }
  constexpr double kTwoOverSqrtPi = 1.1283791670955126;
  for (int it = 0; it < 2; ++it) {
    x -= (std::erf(x) - y) / (kTwoOverSqrtPi * std::exp(-x * x));
  }
  return x;
}

inline bool TreeNodeTrue(const TreeEnsembleParams& p, int64_t i, double v) {
  if (std::isnan(v) && p.missing_true != nullptr && p.missing_true[i] != 0) return true;
  const double s = p.split[i];
  switch (p.mode[i]) {
    case 0: return v <= s;
    case 1: return v < s;
    case 2: return v >= s;
    case 3: return v > s;
    case 4: return v == s;
    case 5: return v != s;
    default:
      for (int64_t m = p.member_begin[i]; m < p.member_end[i]; ++m) {
        if (p.members[m] == v) return true;
      }
      return false;
  }
}

// The leaf a row reaches from root r, or -1 if the walk does not end within num_nodes steps
// (a cycle). Ids were range-checked when the attributes were parsed.
template <class T>
int64_t TreeFindLeaf(const TreeEnsembleParams& p, const T* row, int64_t r) {
  if (p.true_leaf[r] != 0 && p.false_leaf[r] != 0 && p.true_id[r] == p.false_id[r]) {
    return p.true_id[r];
  }
  int64_t i = r;
  for (int64_t steps = 0; steps <= p.num_nodes; ++steps) {
    const bool t = TreeNodeTrue(p, i, MlToDouble(row[p.feature[i]]));
    const int64_t next = t ? p.true_id[i] : p.false_id[i];
    if ((t ? p.true_leaf[i] : p.false_leaf[i]) != 0) return next;
    i = next;
  }
  return -1;
}

// Returns false if some walk cycles (y is then unspecified).
template <class T>
bool TreeEnsembleRef(const T* x, int64_t rows, int64_t features, T* y,
                     const TreeEnsembleParams& p, double* acc) {
  const int64_t nt = p.n_targets;
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = x + r * features;
    double init = 0;
    if (p.aggregate == 2) init = std::numeric_limits<double>::infinity();
    if (p.aggregate == 3) init = -std::numeric_limits<double>::infinity();
    for (int64_t t = 0; t < nt; ++t) acc[t] = init;
    for (int64_t k = 0; k < p.num_trees; ++k) {
      const int64_t leaf = TreeFindLeaf(p, row, p.roots[k]);
      if (leaf < 0) return false;
      const int64_t t = p.leaf_target[leaf];
      const double w = p.leaf_weight[leaf];
      switch (p.aggregate) {
        case 2: acc[t] = std::min(acc[t], w); break;
        case 3: acc[t] = std::max(acc[t], w); break;
        default: acc[t] += w; break;
      }
    }
    if (p.aggregate == 0 && p.num_trees > 0) {
      for (int64_t t = 0; t < nt; ++t) acc[t] /= static_cast<double>(p.num_trees);
    }
    if (p.aggregate >= 2) {  // targets no leaf reached keep the type's extreme value
      for (int64_t t = 0; t < nt; ++t) {
        if (std::isinf(acc[t])) {
          double most;
          if constexpr (std::is_same_v<T, Float16>) {
            most = 65504.0;
          } else {
            most = static_cast<double>(std::numeric_limits<T>::max());
          }
          acc[t] = (acc[t] > 0 ? 1 : -1) * most;
        }
      }
    }
    switch (p.post_transform) {
      case 1:
      case 3: {
        double mx = -std::numeric_limits<double>::infinity();
        for (int64_t t = 0; t < nt; ++t) mx = std::max(mx, acc[t]);
        double sum = 0;
        for (int64_t t = 0; t < nt; ++t) {
          const bool zero = p.post_transform == 3 && acc[t] == 0;
          acc[t] = zero ? 0 : std::exp(acc[t] - mx);
          sum += acc[t];
        }
        for (int64_t t = 0; t < nt; ++t) acc[t] = sum > 0 ? acc[t] / sum : 0;
        break;
      }
      case 2:
        for (int64_t t = 0; t < nt; ++t) acc[t] = 1.0 / (1.0 + std::exp(-acc[t]));
        break;
      case 4:
        for (int64_t t = 0; t < nt; ++t) {
          acc[t] = std::sqrt(2.0) * ErfInv(2.0 * acc[t] - 1.0);
        }
        break;
      default: break;
    }
    for (int64_t t = 0; t < nt; ++t) y[r * nt + t] = MlFromDouble<T>(acc[t]);
  }
  return true;
}

}  // namespace onnxi::kernels
