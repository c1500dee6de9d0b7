// StringNormalizer (opset 10): drops stop words, then changes case.
//
//   X (C) or (1, C) string -> Y (K) or (1, K): the elements not in `stopwords` (compared
//   case-insensitively unless is_case_sensitive = 1), mapped by case_change_action
//   (LOWER, UPPER or NONE). If every element is dropped, Y is (1) or (1, 1) holding "".
//
// Not supported: `locale` is accepted but ignored; case mapping is onnxi's own UTF-8
// mapping (kernels/text/string_case.h: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic),
// independent of the locales installed on the machine.
#include <string>
#include <vector>

#include "kernels/text/string_ops.h"
#include "ops/common/dispatch.h"
#include "ops/text/text_ops.h"

namespace onnxi {
namespace {

class StringNormalizerOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    const std::string action = node.GetString("case_change_action", "NONE");
    if (action == "NONE") {
      p_.case_action = 0;
    } else if (action == "LOWER") {
      p_.case_action = 1;
    } else if (action == "UPPER") {
      p_.case_action = 2;
    } else {
      node.Fail(Status::InvalidModel(StrCat("case_change_action '", action,
                                            "' is not one of LOWER, UPPER, NONE")));
    }
    p_.case_sensitive = node.GetInt("is_case_sensitive", 0) != 0;
    stopwords_ = node.GetStrings("stopwords");
    if (!p_.case_sensitive) {
      for (std::string& s : stopwords_) s = kernels::ChangeCase(s, /*upper=*/false);
    }
    p_.stopwords = stopwords_.data();
    p_.num_stopwords = static_cast<int64_t>(stopwords_.size());
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kString}));
    const Shape& in = ctx.input_shape(0);
    if (!(in.size() == 1 || (in.size() == 2 && in[0] == 1))) {
      return Status::InvalidArgument(
          StrCat("input must have shape (C) or (1, C), got ", ShapeToString(in)));
    }
    int64_t kept = in.back();
    if (!stopwords_.empty()) {
      const Tensor* x = ctx.input_data(0);
      if (x == nullptr) return Status::Deferred();
      kept = kernels::StringNormalizerCount(x->data<std::string>(), x->num_elements(), p_);
    }
    empty_ = kept == 0;
    Shape out = in;
    out.back() = empty_ ? 1 : kept;
    ctx.SetOutput(0, DataType::kString, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    std::string* out = y.data<std::string>();
    if (empty_) {
      out[0].clear();
      return Status::Ok();
    }
    kernels::StringNormalizerRef(x.data<std::string>(), x.num_elements(), out, p_);
    return Status::Ok();
  }

 private:
  std::vector<std::string> stopwords_;
  kernels::StringNormalizerParams p_;
  bool empty_ = false;
};

}  // namespace

std::unique_ptr<Op> MakeStringNormalizerOp() { return std::make_unique<StringNormalizerOp>(); }

}  // namespace onnxi
