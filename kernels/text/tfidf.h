// Reference TfIdfVectorizer: counts pool n-grams (with skips) in each row of x.
//
//   x (rows, cols) of E (int64 pool: any integer type read as int64; string pool: string)
//   -> y (rows, width) float32, fully written.
//   For n in [min_gram, max_gram], skip s in [0, max_skip] (only s = 0 for n = 1), and each
//   start i with i + (n - 1)(s + 1) < cols, the n-gram (x[i], x[i + s + 1], ...) is looked
//   up among the pool's n-grams of length n; a match with pool n-gram j adds 1 to
//   y[row, ngram_indexes[j]]. Then per pool n-gram j: mode 1 (IDF) y = weight[j] if y > 0,
//   mode 2 (TFIDF) y *= weight[j]; mode 0 (TF) keeps counts.
//
// Pool layout (the attribute's): level n (1-based) holds pool elements
// [level_start[n], level_end[n]), i.e. (end - start) / n n-grams whose global n-gram ids
// start at level_first_id[n]. `order` lists, per level, the local n-gram numbers sorted
// lexicographically (TfIdfSortLevel), so that lookups are binary searches.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>

namespace onnxi::kernels {

template <class P>
struct TfIdfPool {
  const P* pool = nullptr;
  const int64_t* level_start = nullptr;     // [max_gram + 1], index 0 unused
  const int64_t* level_count = nullptr;     // n-grams per level
  const int64_t* level_first_id = nullptr;  // global id of the level's first n-gram
  const int64_t* order = nullptr;           // per level at level_first_id: sorted local ids
  const int64_t* ngram_indexes = nullptr;   // global id -> output column
  const float* weights = nullptr;           // global id -> weight (nullptr: all 1)
  int64_t num_ngrams = 0;
  int64_t min_gram = 1;
  int64_t max_gram = 1;
  int64_t max_skip = 0;
  int mode = 0;  // 0 TF, 1 IDF, 2 TFIDF
};

// Sorts the local ids 0..count-1 of one level's n-grams (pool elements from `start`, n each).
template <class P>
void TfIdfSortLevel(const P* pool, int64_t start, int64_t n, int64_t count, int64_t* order) {
  for (int64_t i = 0; i < count; ++i) order[i] = i;
  std::sort(order, order + count, [&](int64_t a, int64_t b) {
    return std::lexicographical_compare(pool + start + a * n, pool + start + (a + 1) * n,
                                        pool + start + b * n, pool + start + (b + 1) * n);
  });
}

template <class E, class P>
int CompareGram(const E* x, int64_t stride, const P* g, int64_t n) {
  for (int64_t m = 0; m < n; ++m) {
    if constexpr (std::is_same_v<E, P>) {  // strings: compare in place, no copy
      const int c = x[m * stride] < g[m] ? -1 : (g[m] < x[m * stride] ? 1 : 0);
      if (c != 0) return c;
    } else {
      const P v = static_cast<P>(x[m * stride]);
      if (v < g[m]) return -1;
      if (g[m] < v) return 1;
    }
  }
  return 0;
}

template <class E, class P>
void TfIdfRef(const E* x, int64_t rows, int64_t cols, float* y, int64_t width,
              const TfIdfPool<P>& p) {
  for (int64_t i = 0; i < rows * width; ++i) y[i] = 0.0f;
  for (int64_t r = 0; r < rows; ++r) {
    const E* row = x + r * cols;
    float* out = y + r * width;
    for (int64_t n = p.min_gram; n <= p.max_gram; ++n) {
      const int64_t count = p.level_count[n];
      if (count == 0) continue;
      const P* level = p.pool + p.level_start[n];
      const int64_t* order = p.order + p.level_first_id[n];
      const int64_t skips = n == 1 ? 0 : p.max_skip;
      for (int64_t s = 0; s <= skips; ++s) {
        const int64_t stride = s + 1;
        for (int64_t i = 0; i + (n - 1) * stride < cols; ++i) {
          int64_t lo = 0, hi = count;  // binary search over the sorted n-grams
          while (lo < hi) {
            const int64_t mid = lo + (hi - lo) / 2;
            const int c = CompareGram(row + i, stride, level + order[mid] * n, n);
            if (c == 0) {
              out[p.ngram_indexes[p.level_first_id[n] + order[mid]]] += 1.0f;
              break;
            }
            if (c < 0) {
              hi = mid;
            } else {
              lo = mid + 1;
            }
          }
        }
      }
    }
    if (p.mode != 0) {
      for (int64_t j = 0; j < p.num_ngrams; ++j) {
        float& v = out[p.ngram_indexes[j]];
        const float w = p.weights != nullptr ? p.weights[j] : 1.0f;
        if (p.mode == 1) {
          v = v > 0 ? w : 0.0f;
        } else {
          v *= w;
        }
      }
    }
  }
}

}  // namespace onnxi::kernels
