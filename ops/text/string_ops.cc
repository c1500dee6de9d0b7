// StringConcat, StringSplit and RegexFullMatch (all opset 20).
//
//   StringConcat: X, Y string, numpy-broadcast -> Z = X + Y elementwise.
//   StringSplit: X (d...) string -> Y (d..., M) string, Z (d...) int64: Z = number of
//     pieces of each element (Python str.split with `delimiter`, or at whitespace runs when
//     the delimiter is absent or ""; at most `maxsplit` splits), Y the pieces padded with ""
//     to M = the largest count. M depends on the data: Prepare defers until X is known.
//   RegexFullMatch: X string -> Y bool, Y = the whole element matches `pattern`.
//
// Not supported: RegexFullMatch uses std::regex's ECMAScript grammar, not RE2; RE2-only
// syntax (named groups (?P<x>), \pL classes, inline flags such as (?i)) fails to compile,
// which is reported at load.
#include <regex>
#include <string>
#include <vector>

#include "kernels/text/string_ops.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/text/text_ops.h"

namespace onnxi {
namespace {

class StringConcatOp : public Op {
 public:
  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kString}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {DataType::kString}));
    ONNXI_ASSIGN_OR_RETURN(out_, BroadcastShapes(ctx.input_shape(0), ctx.input_shape(1)));
    a_strides_ = BroadcastStrides(ctx.input_shape(0), out_);
    b_strides_ = BroadcastStrides(ctx.input_shape(1), out_);
    index_.assign(out_.size(), 0);
    ctx.SetOutput(0, DataType::kString, out_);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    kernels::StringConcatRef(ctx.input(0).data<std::string>(), a_strides_.data(),
                             ctx.input(1).data<std::string>(), b_strides_.data(),
                             ctx.output(0).data<std::string>(), out_.data(),
                             static_cast<int>(out_.size()), index_.data());
    return Status::Ok();
  }

 private:
  Shape out_;
  std::vector<int64_t> a_strides_, b_strides_, index_;
};

class StringSplitOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    delimiter_ = node.GetString("delimiter", "");
    maxsplit_ = node.GetInt("maxsplit", -1);
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kString}));
    const Tensor* x = ctx.input_data(0);
    if (x == nullptr) return Status::Deferred();
    width_ = kernels::StringSplitMaxPieces(x->data<std::string>(), x->num_elements(), delimiter_,
                                           maxsplit_);
    lengths_.resize(static_cast<size_t>(x->num_elements()));
    Shape sub = ctx.input_shape(0);
    sub.push_back(width_);
    ctx.SetOutput(0, DataType::kString, sub);
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, DataType::kInt64, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    // An unnamed Z still needs somewhere to go: the scratch sized in Prepare.
    int64_t* lengths = ctx.has_output(1) ? ctx.output(1).data<int64_t>() : lengths_.data();
    std::string* pieces = ctx.has_output(0) ? ctx.output(0).data<std::string>() : nullptr;
    kernels::StringSplitRef(x.data<std::string>(), x.num_elements(), delimiter_, maxsplit_, width_,
                            pieces, lengths);
    return Status::Ok();
  }

 private:
  std::string delimiter_;
  int64_t maxsplit_ = -1;
  int64_t width_ = 0;
  std::vector<int64_t> lengths_;
};

class RegexFullMatchOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    node.Require("pattern");
    const std::string pattern = node.GetString("pattern", "");
    try {
      re_ = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      node.Fail(Status::Unsupported(StrCat("pattern '", pattern,
                                           "' does not compile as an ECMAScript regex: ",
                                           e.what())));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kString}));
    ctx.SetOutput(0, DataType::kBool, ctx.input_shape(0));
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    kernels::RegexFullMatchRef(x.data<std::string>(), x.num_elements(), re_,
                               ctx.output(0).data<bool>());
    return Status::Ok();
  }

 private:
  std::regex re_;
};

}  // namespace

std::unique_ptr<Op> MakeStringConcatOp() { return std::make_unique<StringConcatOp>(); }
std::unique_ptr<Op> MakeStringSplitOp() { return std::make_unique<StringSplitOp>(); }
std::unique_ptr<Op> MakeRegexFullMatchOp() { return std::make_unique<RegexFullMatchOp>(); }

}  // namespace onnxi
