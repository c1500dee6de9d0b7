// Compares a computed tensor with a reference the way the ONNX backend tests do
// (numpy.testing.assert_allclose): |got - want| <= atol + rtol * |want| for floats, NaN
// matches NaN, infinities must be equal; integers, bools and strings exactly.
#pragma once

#include <string>

#include "onnxi/tensor.h"
#include "onnxi/value.h"

namespace onnxi {

struct Tolerance {
  double rtol = 1e-3;
  double atol = 1e-7;
};

// "" when they match; otherwise what differs, with the worst element and its values.
std::string CompareTensors(const Tensor& got, const Tensor& want, const Tolerance& tol);
// The same for values: kinds must agree; sequences compare item by item.
std::string CompareValues(const Value& got, const Value& want, const Tolerance& tol);

}  // namespace onnxi
