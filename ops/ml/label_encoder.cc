// LabelEncoder (ai.onnx.ml 1, 2, 4): maps each input element through a key -> value table.
//
//   X (any shape) -> Y (same shape); Y = values[j] where keys[j] == X, else the default.
//   v1: classes_strings; string X -> int64 (the class's position, default_int64 = -1),
//       int64 X -> string (classes_strings[X], default_string = "_Unused").
//   v2: keys_{strings,int64s,floats} and values_{strings,int64s,floats}; defaults
//       default_string "_Unused", default_int64 -1, default_float -0.0.
//   v4: also keys_tensor / values_tensor / default_tensor (string, int64, int32, int16,
//       float, double); NaN float keys match NaN inputs.
// Keys compare as int64 (integer keys), double (float keys) or bytes (strings).
#include <numeric>
#include <string>
#include <vector>

#include "kernels/ml/ml_kernels.h"
#include "ops/common/dispatch.h"
#include "ops/ml/ml_ops.h"

namespace onnxi {
namespace {

enum class Kind { kString, kInt, kFloat };

Kind KindOf(DataType t) {
  if (t == DataType::kString) return Kind::kString;
  if (t == DataType::kFloat || t == DataType::kDouble) return Kind::kFloat;
  return Kind::kInt;
}

constexpr std::initializer_list<DataType> kEncoderTypes = {
    DataType::kString, DataType::kInt64, DataType::kInt32,
    DataType::kInt16,  DataType::kFloat, DataType::kDouble};

// Calls f(Tag<T>) for the storage type of an encoder dtype.
template <class F>
void VisitEncoderType(DataType t, F&& f) {
  switch (t) {
    case DataType::kString: f(Tag<std::string>{}); break;
    case DataType::kInt64: f(Tag<int64_t>{}); break;
    case DataType::kInt32: f(Tag<int32_t>{}); break;
    case DataType::kInt16: f(Tag<int16_t>{}); break;
    case DataType::kFloat: f(Tag<float>{}); break;
    default: f(Tag<double>{}); break;
  }
}

class LabelEncoderOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (node.since_version() == 1) {
      InitV1(node);
      return node.status();
    }
    // Keys.
    int key_sources = 0;
    if (node.has("keys_strings")) {
      ++key_sources;
      SetStringKeys(node.GetStrings("keys_strings"));
    }
    if (node.has("keys_int64s")) {
      ++key_sources;
      SetKeys(Tensor::FromVector<int64_t>(DataType::kInt64, {0}, {}), node.GetInts("keys_int64s"));
    }
    if (node.has("keys_floats")) {
      ++key_sources;
      std::vector<float> f = node.GetFloats("keys_floats");
      key_kind_ = Kind::kFloat;
      key_type_ = DataType::kFloat;
      fkeys_.resize(f.size());
      kernels::MlCopyAs(f.data(), static_cast<int64_t>(f.size()), fkeys_.data());
      num_keys_ = static_cast<int64_t>(f.size());
    }
    if (const Tensor* t = node.GetTensor("keys_tensor")) {
      ++key_sources;
      if (!IsOneOf(t->dtype(), kEncoderTypes)) {
        return Status::InvalidModel(StrCat("keys_tensor has unsupported type ",
                                           DataTypeName(t->dtype())));
      }
      KeysFromTensor(*t);
    }
    // Values.
    int value_sources = 0;
    if (node.has("values_strings")) {
      ++value_sources;
      std::vector<std::string> v = node.GetStrings("values_strings");
      values_ = Tensor::Allocate(DataType::kString, {static_cast<int64_t>(v.size())});
      kernels::MlCopyAs(v.data(), static_cast<int64_t>(v.size()), values_.data<std::string>());
    }
    if (node.has("values_int64s")) {
      ++value_sources;
      std::vector<int64_t> v = node.GetInts("values_int64s");
      values_ = Tensor::FromVector<int64_t>(DataType::kInt64, {static_cast<int64_t>(v.size())}, v);
    }
    if (node.has("values_floats")) {
      ++value_sources;
      std::vector<float> v = node.GetFloats("values_floats");
      values_ = Tensor::FromVector<float>(DataType::kFloat, {static_cast<int64_t>(v.size())}, v);
    }
    if (const Tensor* t = node.GetTensor("values_tensor")) {
      ++value_sources;
      if (!IsOneOf(t->dtype(), kEncoderTypes)) {
        return Status::InvalidModel(StrCat("values_tensor has unsupported type ",
                                           DataTypeName(t->dtype())));
      }
      values_ = *t;
    }
    if (!node.status().ok()) return node.status();
    if (key_sources != 1 || value_sources != 1) {
      return Status::InvalidModel(StrCat("exactly one keys_* and one values_* attribute must be ",
                                         "set, got ", key_sources, " and ", value_sources));
    }
    if (values_.num_elements() != num_keys_) {
      return Status::InvalidModel(StrCat("there are ", num_keys_, " keys but ",
                                         values_.num_elements(), " values"));
    }
    // Default.
    const DataType vt = values_.dtype();
    if (const Tensor* d = node.GetTensor("default_tensor")) {
      if (d->dtype() != vt || d->num_elements() != 1) {
        return Status::InvalidModel(StrCat("default_tensor must hold one ", DataTypeName(vt),
                                           " value, got ", d->TypeString()));
      }
      default_ = *d;
    } else {
      default_ = Tensor::Allocate(vt, {1});
      const std::string ds = node.GetString("default_string", "_Unused");
      const int64_t di = node.GetInt("default_int64", -1);
      const float df = node.GetFloat("default_float", -0.0f);
      VisitEncoderType(vt, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_same_v<T, std::string>) {
          default_.data<T>()[0] = ds;
        } else if constexpr (std::is_floating_point_v<T>) {
          default_.data<T>()[0] = static_cast<T>(df);
        } else {
          default_.data<T>()[0] = static_cast<T>(di);
        }
      });
    }
    SortKeys();
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const DataType xt = ctx.input_dtype(0);
    if (v1_) {  // the input's type picks the direction
      if (xt != DataType::kString && xt != DataType::kInt64) {
        return Status::InvalidArgument(StrCat("input has element type ", DataTypeName(xt),
                                              "; expected string or int64"));
      }
      const bool from_string = xt == DataType::kString;
      key_kind_ = from_string ? Kind::kString : Kind::kInt;
      key_type_ = xt;
      values_ = from_string ? v1_ints_ : v1_strings_;
      default_ = from_string ? v1_default_int_ : v1_default_string_;
      order_ = from_string ? v1_string_order_ : v1_int_order_;
      num_sorted_ = num_keys_;
    }
    const bool ok = key_type_ == DataType::kUndefined
                        ? IsOneOf(xt, kEncoderTypes) && KindOf(xt) == key_kind_
                        : xt == key_type_;
    if (!ok) {
      return Status::InvalidArgument(StrCat("input has element type ", DataTypeName(xt),
                                            ", which does not match the keys' type"));
    }
    ctx.SetOutput(0, values_.dtype(), ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t n = x.num_elements();
    VisitEncoderType(x.dtype(), [&](auto xtag) {
      using X = typename decltype(xtag)::type;
      VisitEncoderType(values_.dtype(), [&](auto vtag) {
        using V = typename decltype(vtag)::type;
        const V* vals = values_.data<V>();
        const V& def = default_.data<V>()[0];
        if constexpr (std::is_same_v<X, std::string>) {
          kernels::LabelEncodeRef(x.data<X>(), n, skeys_.data(), order_.data(), num_sorted_,
                                  num_keys_, vals, def, y.data<V>());
        } else if constexpr (std::is_floating_point_v<X>) {
          kernels::LabelEncodeRef(x.data<X>(), n, fkeys_.data(), order_.data(), num_sorted_,
                                  num_keys_, vals, def, y.data<V>());
        } else {
          kernels::LabelEncodeRef(x.data<X>(), n, ikeys_.data(), order_.data(), num_sorted_,
                                  num_keys_, vals, def, y.data<V>());
        }
      });
    });
    return Status::Ok();
  }

 private:
  void InitV1(const NodeView& node) {
    const std::vector<std::string> classes = node.GetStrings("classes_strings");
    const int64_t n = static_cast<int64_t>(classes.size());
    std::vector<int64_t> positions(classes.size());
    std::iota(positions.begin(), positions.end(), int64_t{0});
    // Both directions are prepared; Prepare picks one by the input's type.
    SetStringKeys(classes);
    ikeys_ = positions;  // int64 -> string: the keys are the positions themselves
    v1_ints_ = Tensor::FromVector<int64_t>(DataType::kInt64, {n}, positions);
    v1_strings_ = Tensor::Allocate(DataType::kString, {n});
    kernels::MlCopyAs(classes.data(), n, v1_strings_.data<std::string>());
    v1_default_int_ = Tensor::FromVector<int64_t>(DataType::kInt64, {1},
                                                  {node.GetInt("default_int64", -1)});
    v1_default_string_ = Tensor::Allocate(DataType::kString, {1});
    v1_default_string_.data<std::string>()[0] = node.GetString("default_string", "_Unused");
    v1_ = true;
    v1_int_order_ = positions;  // already ascending
    SortKeys();
    v1_string_order_ = order_;
    values_ = v1_ints_;
    default_ = v1_default_int_;
  }

  void SetStringKeys(std::vector<std::string> keys) {
    key_kind_ = Kind::kString;
    key_type_ = DataType::kString;
    num_keys_ = static_cast<int64_t>(keys.size());
    skeys_ = std::move(keys);
  }

  void SetKeys(const Tensor&, std::vector<int64_t> keys) {
    key_kind_ = Kind::kInt;
    key_type_ = DataType::kInt64;
    num_keys_ = static_cast<int64_t>(keys.size());
    ikeys_ = std::move(keys);
  }

  void KeysFromTensor(const Tensor& t) {
    key_type_ = t.dtype();
    key_kind_ = KindOf(t.dtype());
    num_keys_ = t.num_elements();
    VisitEncoderType(t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, std::string>) {
        skeys_.assign(t.data<T>(), t.data<T>() + num_keys_);
      } else if constexpr (std::is_floating_point_v<T>) {
        fkeys_.resize(num_keys_);
        kernels::MlCopyAs(t.data<T>(), num_keys_, fkeys_.data());
      } else {
        ikeys_.resize(num_keys_);
        kernels::MlCopyAs(t.data<T>(), num_keys_, ikeys_.data());
      }
    });
  }

  void SortKeys() {
    order_.assign(num_keys_, 0);
    switch (key_kind_) {
      case Kind::kString:
        num_sorted_ = kernels::LabelEncoderSortKeys(skeys_.data(), num_keys_, order_.data());
        break;
      case Kind::kInt:
        num_sorted_ = kernels::LabelEncoderSortKeys(ikeys_.data(), num_keys_, order_.data());
        break;
      case Kind::kFloat:
        num_sorted_ = kernels::LabelEncoderSortKeys(fkeys_.data(), num_keys_, order_.data());
        break;
    }
  }

  Kind key_kind_ = Kind::kString;
  DataType key_type_ = DataType::kUndefined;  // exact input type required (v4 tensors)
  int64_t num_keys_ = 0;
  int64_t num_sorted_ = 0;
  std::vector<std::string> skeys_;
  std::vector<int64_t> ikeys_;
  std::vector<double> fkeys_;
  std::vector<int64_t> order_;
  Tensor values_, default_;
  bool v1_ = false;
  Tensor v1_ints_, v1_strings_, v1_default_int_, v1_default_string_;
  std::vector<int64_t> v1_int_order_, v1_string_order_;
};

}  // namespace

std::unique_ptr<Op> MakeLabelEncoderOp() { return std::make_unique<LabelEncoderOp>(); }

}  // namespace onnxi
