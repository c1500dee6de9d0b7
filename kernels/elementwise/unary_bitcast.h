// Reference kernels for BitCast (ONNX BitCast-26): the output's storage is the input's storage,
// byte for byte, read as another element type of the same bit width.
//
//   x, y: nbytes bytes each (Tensor::nbytes(); for the packed sub-byte types the padding bits
//   of the last byte are copied too, which keeps the two-per-byte / four-per-byte layouts
//   identical). y may alias x exactly (then nothing moves); partial overlap is allowed
//   (memmove).
//   ONNX says the bytes are little endian; onnxi stores tensors in host order and builds only
//   for little-endian hosts (static_assert below), so host order is the spec's order.
//   Target bool: a C++ bool holding any byte other than 0 or 1 is undefined behaviour, so
//   BitCastToBool stores (byte != 0) instead of the raw byte. Every byte that is 0 or 1 (all a
//   bool or a uint8 view of a bool can hold) keeps its exact bits.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace onnxi::kernels {

static_assert(std::endian::native == std::endian::little,
              "BitCast assumes the host stores tensors little endian, as ONNX specifies");

inline void BitCastBytes(const void* x, void* y, size_t nbytes) {
  if (x == y || nbytes == 0) return;
  std::memmove(y, x, nbytes);
}

// n one-byte elements into bools.
inline void BitCastToBool(const uint8_t* x, bool* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] != 0;
}

}  // namespace onnxi::kernels
