#include "conformance/compare.h"

#include <cmath>
#include <sstream>

namespace onnxi {
namespace {

// Element i as a double, for every numeric storage type.
double AsDouble(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DataType::kFloat: return t.data<float>()[i];
    case DataType::kDouble: return t.data<double>()[i];
    case DataType::kFloat16: return static_cast<float>(t.data<Float16>()[i]);
    case DataType::kBfloat16: return static_cast<float>(t.data<BFloat16>()[i]);
    default: return static_cast<double>(t.IntAt(i));
  }
}

std::string IndexString(const Shape& shape, int64_t flat) {
  Shape idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    idx[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  return ShapeToString(idx);
}

std::string Num(double v) {
  std::ostringstream os;
  os.precision(9);
  os << v;
  return os.str();
}

}  // namespace

std::string CompareTensors(const Tensor& got, const Tensor& want, const Tolerance& tol) {
  if (got.dtype() != want.dtype()) {
    return StrCat("element type ", DataTypeName(got.dtype()), ", expected ",
                  DataTypeName(want.dtype()));
  }
  if (got.shape() != want.shape()) {
    return StrCat("shape ", ShapeToString(got.shape()), ", expected ", ShapeToString(want.shape()));
  }
  const int64_t n = want.num_elements();
  if (want.dtype() == DataType::kString) {
    for (int64_t i = 0; i < n; ++i) {
      if (got.data<std::string>()[i] != want.data<std::string>()[i]) {
        return StrCat("at ", IndexString(want.shape(), i), ": got \"", got.data<std::string>()[i],
                      "\", expected \"", want.data<std::string>()[i], "\"");
      }
    }
    return "";
  }
  const bool exact = !IsFloatingPoint(want.dtype());
  if (want.dtype() == DataType::kUint64) {  // beyond int64: compare bits
    for (int64_t i = 0; i < n; ++i) {
      if (got.data<uint64_t>()[i] != want.data<uint64_t>()[i]) {
        return StrCat("at ", IndexString(want.shape(), i), ": got ", got.data<uint64_t>()[i],
                      ", expected ", want.data<uint64_t>()[i]);
      }
    }
    return "";
  }
  int64_t bad = 0;
  int64_t worst = -1;
  double worst_excess = 0;
  for (int64_t i = 0; i < n; ++i) {
    double g = AsDouble(got, i);
    double w = AsDouble(want, i);
    bool ok;
    double excess = 0;
    if (exact) {
      ok = got.IntAt(i) == want.IntAt(i);
      excess = std::fabs(g - w);
    } else if (std::isnan(w) || std::isnan(g)) {
      ok = std::isnan(w) && std::isnan(g);
      excess = INFINITY;
    } else if (std::isinf(w) || std::isinf(g)) {
      ok = g == w;
      excess = INFINITY;
    } else {
      double diff = std::fabs(g - w);
      double allowed = tol.atol + tol.rtol * std::fabs(w);
      ok = diff <= allowed;
      excess = diff - allowed;
    }
    if (!ok) {
      ++bad;
      if (worst < 0 || excess > worst_excess) {
        worst = i;
        worst_excess = excess;
      }
    }
  }
  if (bad == 0) return "";
  double g = AsDouble(got, worst);
  double w = AsDouble(want, worst);
  return StrCat(bad, " of ", n, " values differ; worst at ", IndexString(want.shape(), worst),
                ": got ", Num(g), ", expected ", Num(w), " (|diff| ", Num(std::fabs(g - w)), ")");
}

std::string CompareValues(const Value& got, const Value& want, const Tolerance& tol) {
  if (got.kind() != want.kind()) return StrCat("got ", got.TypeString(), ", expected ", want.TypeString());
  if (want.is_tensor()) return CompareTensors(got.tensor(), want.tensor(), tol);
  if (want.is_sequence()) {
    if (got.sequence().size() != want.sequence().size()) {
      return StrCat("got ", got.TypeString(), ", expected ", want.TypeString());
    }
    for (size_t i = 0; i < want.sequence().size(); ++i) {
      std::string diff = CompareTensors(got.sequence()[i], want.sequence()[i], tol);
      if (!diff.empty()) return StrCat("item ", i, ": ", diff);
    }
  }
  return "";
}

}  // namespace onnxi
