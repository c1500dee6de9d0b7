// The random ops: RandomUniform, RandomNormal (1, 22), RandomUniformLike, RandomNormalLike
// (1, 22), Bernoulli (15, 22), Multinomial (7, 22).
//
//   RandomUniform/RandomNormal   no inputs; output of attribute `shape`, type `dtype` (float)
//   RandomUniformLike/NormalLike input X (any type); output of X's shape, type `dtype` or X's
//   Bernoulli                    input p (float types); output of p's shape, type `dtype` or
//                                p's (any numeric or bool), values 0/1 drawn with P(1) = p
//   Multinomial                  input (B, C) unnormalized log-probabilities; output
//                                (B, sample_size) int32/int64 (dtype, default int32)
// Numbers come from the counter-based generator in kernels/random/random.h. With a `seed`
// attribute the output is the same on every run; without one each Run draws a fresh key.
// Output types: float16, float, double and (opset 22) bfloat16 for the float-valued ops.
// Not numpy's streams: backend cases of these ops are skipped by the conformance runner.
#include <atomic>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/random/random.h"
#include "ops/common/dispatch.h"
#include "ops/random/random_ops.h"

namespace onnxi {
namespace {

enum class Kind { kUniform, kNormal, kBernoulli, kMultinomial };

// A fresh key per call for seedless nodes: a process-wide counter started from the OS.
uint64_t FreshKey() {
  static std::atomic<uint64_t> next{(static_cast<uint64_t>(std::random_device{}()) << 32) ^
                                    std::random_device{}()};
  return kernels::RandomBits(next.fetch_add(1), 0);
}

class RandomOp : public Op {
 public:
  bool deterministic() const override { return false; }

  Status Init(const NodeView& node) override {
    const std::string& t = node.op_type();
    kind_ = t == "RandomUniform" || t == "RandomUniformLike" ? Kind::kUniform
            : t == "RandomNormal" || t == "RandomNormalLike" ? Kind::kNormal
            : t == "Bernoulli"                               ? Kind::kBernoulli
                                                             : Kind::kMultinomial;
    like_ = t == "RandomUniformLike" || t == "RandomNormalLike";
    from_attr_shape_ = t == "RandomUniform" || t == "RandomNormal";
    has_seed_ = node.has("seed");
    if (has_seed_) {
      const float seed = node.GetFloat("seed", 0.0f);
      uint32_t bits;
      std::memcpy(&bits, &seed, sizeof(bits));
      key_ = kernels::RandomBits(bits, 0x5EED);
    }
    if (kind_ == Kind::kUniform) {
      a_ = node.GetFloat("low", 0.0f);
      b_ = node.GetFloat("high", 1.0f);
    } else if (kind_ == Kind::kNormal) {
      a_ = node.GetFloat("mean", 0.0f);
      b_ = node.GetFloat("scale", 1.0f);
    }
    has_dtype_ = node.has("dtype");
    int64_t dtype = node.GetInt("dtype", kind_ == Kind::kMultinomial ? 6 : 1);
    if (!IsKnownDataType(static_cast<int32_t>(dtype))) {
      node.Fail(Status::InvalidModel(StrCat("dtype ", dtype, " is not an element type")));
      return node.status();
    }
    dtype_ = static_cast<DataType>(dtype);
    if (has_dtype_ || from_attr_shape_) {
      ONNXI_RETURN_IF_ERROR(CheckDtype(node, dtype_));
    }
    if (from_attr_shape_ && node.Require("shape")) {
      shape_ = node.GetInts("shape");
      for (int64_t d : shape_) {
        if (d < 0) {
          node.Fail(Status::InvalidModel(
              StrCat("shape ", ShapeToString(shape_), " has a negative dimension")));
        }
      }
    }
    if (kind_ == Kind::kMultinomial) {
      samples_ = node.GetInt("sample_size", 1);
      if (samples_ < 1) {
        node.Fail(Status::InvalidModel(StrCat("sample_size ", samples_, " must be positive")));
      }
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (from_attr_shape_) {
      ctx.SetOutput(0, dtype_, shape_);
      return Status::Ok();
    }
    if (!ctx.has_input(0)) return Status::InvalidModel("input 0 is required");
    const DataType in = ctx.input_dtype(0);
    if (kind_ == Kind::kBernoulli || kind_ == Kind::kMultinomial) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, in, kFloatTypes));
    }
    out_dtype_ = has_dtype_ ? dtype_ : (kind_ == Kind::kMultinomial ? DataType::kInt32 : in);
    if (like_ && !has_dtype_ && !IsFloatingPoint(in)) {
      return Status::InvalidModel(StrCat("input type ", DataTypeName(in),
                                         " is not a float type and no dtype is given"));
    }
    if (kind_ == Kind::kMultinomial) {
      const Shape& s = ctx.input_shape(0);
      if (s.size() != 2) {
        return Status::InvalidArgument(StrCat("input must be 2-D (batch_size, class_size); got ",
                                              ShapeToString(s)));
      }
      scratch_.assign(static_cast<size_t>(s[1]), 0.0);
      ctx.SetOutput(0, out_dtype_, {s[0], samples_});
      return Status::Ok();
    }
    ctx.SetOutput(0, out_dtype_, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    ctx.used_randomness = true;
    const uint64_t key = has_seed_ ? key_ : FreshKey();
    Tensor& y = ctx.output(0);
    const int64_t n = y.num_elements();
    const DataType out = from_attr_shape_ ? dtype_ : out_dtype_;
    if (kind_ == Kind::kUniform || kind_ == Kind::kNormal) {
      return VisitFloatType(out, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if (kind_ == Kind::kUniform) {
          kernels::RandomUniformRef<T>(key, a_, b_, n, y.data<T>());
        } else {
          kernels::RandomNormalRef<T>(key, a_, b_, n, y.data<T>());
        }
      });
    }
    const Tensor& x = ctx.input(0);
    Status inner;
    ONNXI_RETURN_IF_ERROR(VisitFloatType(x.dtype(), [&](auto tag) {
      using TIn = typename decltype(tag)::type;
      inner = VisitType(out, [&](auto otag) {
        using TOut = typename decltype(otag)::type;
        if (kind_ == Kind::kBernoulli) {
          kernels::BernoulliRef<TIn, TOut>(key, x.data<TIn>(), n, y.data<TOut>());
        } else if constexpr (std::is_same_v<TOut, int32_t> || std::is_same_v<TOut, int64_t>) {
          kernels::MultinomialRef<TIn, TOut>(key, x.data<TIn>(), x.dim(0), x.dim(1), samples_,
                                             scratch_.data(), y.data<TOut>());
        }
      });
    }));
    return inner;
  }

 private:
  Status CheckDtype(const NodeView& node, DataType t) {
    const bool ok = kind_ == Kind::kMultinomial ? IsOneOf(t, {DataType::kInt32, DataType::kInt64})
                    : kind_ == Kind::kBernoulli
                        ? IsOneOf(t, kNumericTypes) || t == DataType::kBool
                        : IsFloatingPoint(t);
    if (!ok) {
      node.Fail(Status::InvalidModel(
          StrCat("dtype ", DataTypeName(t), " is not allowed for ", node.op_type())));
    }
    if (ok && t == DataType::kBfloat16 && node.since_version() < 22 &&
        kind_ != Kind::kBernoulli) {
      node.Fail(Status::InvalidModel(
          StrCat("dtype bfloat16 needs opset 22; this node is version ", node.since_version())));
    }
    return node.status();
  }

  Kind kind_ = Kind::kUniform;
  bool like_ = false, from_attr_shape_ = false;
  bool has_seed_ = false, has_dtype_ = false;
  uint64_t key_ = 0;
  double a_ = 0, b_ = 1;
  DataType dtype_ = DataType::kFloat, out_dtype_ = DataType::kFloat;
  Shape shape_;
  int64_t samples_ = 1;
  std::vector<double> scratch_;
};

}  // namespace

std::unique_ptr<Op> MakeRandomOp() { return std::make_unique<RandomOp>(); }

}  // namespace onnxi
