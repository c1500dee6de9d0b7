// TfIdfVectorizer (opset 9): n-gram counts of each row against a pool of n-grams.
//
//   X (C) or (N, C), int32/int64 (with pool_int64s) or string (with pool_strings)
//   -> Y (W) or (N, W) float32, W = max(ngram_indexes) + 1. Counting and the TF / IDF /
//   TFIDF weighting: kernels/text/tfidf.h.
//   Pool layout: ngram_counts[n - 1] is the pool offset of the first n-gram of length n;
//   ngram_indexes[j] is the output column of the j-th pool n-gram; weights[j] its weight.
#include <algorithm>
#include <string>
#include <vector>

#include "kernels/text/tfidf.h"
#include "ops/common/dispatch.h"
#include "ops/text/text_ops.h"

namespace onnxi {
namespace {

class TfIdfVectorizerOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    for (const char* name : {"max_gram_length", "min_gram_length", "max_skip_count", "mode",
                             "ngram_counts", "ngram_indexes"}) {
      node.Require(name);
    }
    const int64_t max_gram = node.GetInt("max_gram_length", 1);
    const int64_t min_gram = node.GetInt("min_gram_length", 1);
    const int64_t max_skip = node.GetInt("max_skip_count", 0);
    const std::string mode = node.GetString("mode", "TF");
    counts_ = node.GetInts("ngram_counts");
    indexes_ = node.GetInts("ngram_indexes");
    weights_ = node.GetFloats("weights");
    strings_ = node.has("pool_strings");
    pool_strings_ = node.GetStrings("pool_strings");
    pool_ints_ = node.GetInts("pool_int64s");
    if (!node.status().ok()) return node.status();
    if (strings_ == node.has("pool_int64s")) {
      return Status::InvalidModel("exactly one of pool_strings and pool_int64s must be set");
    }
    if (min_gram < 1 || max_gram < min_gram || max_skip < 0) {
      return Status::InvalidModel(StrCat("need 1 <= min_gram_length <= max_gram_length and ",
                                         "max_skip_count >= 0, got ", min_gram, ", ", max_gram,
                                         ", ", max_skip));
    }
    if (mode == "TF") {
      pool_.mode = 0;
    } else if (mode == "IDF") {
      pool_.mode = 1;
    } else if (mode == "TFIDF") {
      pool_.mode = 2;
    } else {
      return Status::InvalidModel(StrCat("mode '", mode, "' is not one of TF, IDF, TFIDF"));
    }
    if (!weights_.empty() && weights_.size() != indexes_.size()) {
      return Status::InvalidModel(StrCat("weights has ", weights_.size(), " values, ",
                                         "ngram_indexes ", indexes_.size()));
    }
    const int64_t pool_size =
        static_cast<int64_t>(strings_ ? pool_strings_.size() : pool_ints_.size());
    const int64_t levels = std::max<int64_t>(max_gram, static_cast<int64_t>(counts_.size()));
    start_.assign(levels + 1, 0);
    count_.assign(levels + 1, 0);
    first_id_.assign(levels + 1, 0);
    int64_t ids = 0;
    for (int64_t n = 1; n <= static_cast<int64_t>(counts_.size()); ++n) {
      const int64_t b = counts_[n - 1];
      const int64_t e = n < static_cast<int64_t>(counts_.size()) ? counts_[n] : pool_size;
      if (b < 0 || e < b || e > pool_size || (e - b) % n != 0) {
        return Status::InvalidModel(StrCat("ngram_counts ", n - 1, " = ", b,
                                           " gives a level of ", e - b, " pool values for ",
                                           n, "-grams (pool size ", pool_size, ")"));
      }
      start_[n] = b;
      count_[n] = (e - b) / n;
      first_id_[n] = ids;
      ids += count_[n];
    }
    for (int64_t n = static_cast<int64_t>(counts_.size()) + 1; n <= levels; ++n) {
      first_id_[n] = ids;
    }
    if (ids != static_cast<int64_t>(indexes_.size())) {
      return Status::InvalidModel(StrCat("the pool holds ", ids, " n-grams but ngram_indexes has ",
                                         indexes_.size(), " values"));
    }
    width_ = 0;
    for (int64_t v : indexes_) {
      if (v < 0) return Status::InvalidModel(StrCat("ngram_indexes value ", v, " is negative"));
      width_ = std::max(width_, v + 1);
    }
    order_.assign(static_cast<size_t>(ids), 0);
    for (int64_t n = 1; n <= static_cast<int64_t>(counts_.size()); ++n) {
      if (strings_) {
        kernels::TfIdfSortLevel(pool_strings_.data(), start_[n], n, count_[n],
                                order_.data() + first_id_[n]);
      } else {
        kernels::TfIdfSortLevel(pool_ints_.data(), start_[n], n, count_[n],
                                order_.data() + first_id_[n]);
      }
    }
    pool_.level_start = start_.data();
    pool_.level_count = count_.data();
    pool_.level_first_id = first_id_.data();
    pool_.order = order_.data();
    pool_.ngram_indexes = indexes_.data();
    pool_.weights = weights_.empty() ? nullptr : weights_.data();
    pool_.num_ngrams = ids;
    pool_.min_gram = min_gram;
    pool_.max_gram = max_gram;
    pool_.max_skip = max_skip;
    return Status::Ok();
  }

  Status Prepare(PrepareContext& ctx) override {
    if (strings_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(0, ctx.input_dtype(0), {DataType::kString}));
    } else {
      ONNXI_RETURN_IF_ERROR(
          CheckInputType(0, ctx.input_dtype(0), {DataType::kInt32, DataType::kInt64}));
    }
    const Shape& in = ctx.input_shape(0);
    if (in.size() == 1) {
      rows_ = 1;
      cols_ = in[0];
      ctx.SetOutput(0, DataType::kFloat, {width_});
    } else if (in.size() == 2) {
      rows_ = in[0];
      cols_ = in[1];
      ctx.SetOutput(0, DataType::kFloat, {rows_, width_});
    } else {
      return Status::InvalidArgument(
          StrCat("input must be 1-D or 2-D, got shape ", ShapeToString(in)));
    }
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& x = ctx.input(0);
    float* y = ctx.output(0).data<float>();
    if (strings_) {
      kernels::TfIdfPool<std::string> p = AsPool(pool_strings_.data());
      kernels::TfIdfRef(x.data<std::string>(), rows_, cols_, y, width_, p);
    } else if (x.dtype() == DataType::kInt32) {
      kernels::TfIdfRef(x.data<int32_t>(), rows_, cols_, y, width_, AsPool(pool_ints_.data()));
    } else {
      kernels::TfIdfRef(x.data<int64_t>(), rows_, cols_, y, width_, AsPool(pool_ints_.data()));
    }
    return Status::Ok();
  }

 private:
  template <class P>
  kernels::TfIdfPool<P> AsPool(const P* data) const {
    kernels::TfIdfPool<P> p;
    p.pool = data;
    p.level_start = pool_.level_start;
    p.level_count = pool_.level_count;
    p.level_first_id = pool_.level_first_id;
    p.order = pool_.order;
    p.ngram_indexes = pool_.ngram_indexes;
    p.weights = pool_.weights;
    p.num_ngrams = pool_.num_ngrams;
    p.min_gram = pool_.min_gram;
    p.max_gram = pool_.max_gram;
    p.max_skip = pool_.max_skip;
    p.mode = pool_.mode;
    return p;
  }

  bool strings_ = false;
  std::vector<int64_t> counts_, indexes_, start_, count_, first_id_, order_, pool_ints_;
  std::vector<float> weights_;
  std::vector<std::string> pool_strings_;
  kernels::TfIdfPool<int64_t> pool_;  // layout shared by both pool kinds (pool pointer unused)
  int64_t width_ = 0, rows_ = 1, cols_ = 0;
};

}  // namespace

std::unique_ptr<Op> MakeTfIdfVectorizerOp() { return std::make_unique<TfIdfVectorizerOp>(); }

}  // namespace onnxi
