#include "ops/static_shape.h"

#include <algorithm>

namespace onnxi {

std::vector<int64_t> BroadcastStatic(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                                     Symbols& symbols) {
  const size_t r = std::max(a.size(), b.size());
  std::vector<int64_t> out(r);
  for (size_t i = 0; i < r; ++i) {
    const int64_t x = i < r - a.size() ? 1 : a[i - (r - a.size())];
    const int64_t y = i < r - b.size() ? 1 : b[i - (r - b.size())];
    if (x == y || y == 1) {
      out[i] = x;
    } else if (x == 1) {
      out[i] = y;
    } else if (x >= 0 && y < 0) {
      out[i] = x;  // a valid run has y == x (or 1)
    } else if (y >= 0 && x < 0) {
      out[i] = y;
    } else {
      out[i] = symbols.Fresh();  // two different symbols, or a mismatch the run will report
    }
  }
  return out;
}

}  // namespace onnxi
