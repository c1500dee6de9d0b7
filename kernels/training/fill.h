// FillLike's kernel: y[i] = value for i in [0, n). value is already of y's element type.
#pragma once

#include <cstdint>

namespace onnxi::kernels {

template <class T>
void FillRef(int64_t n, T value, T* y) {
  for (int64_t i = 0; i < n; ++i) y[i] = value;
}

}  // namespace onnxi::kernels
