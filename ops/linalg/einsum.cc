// Einsum-12: numpy.einsum over any number of operands.
//
// Equation "term,term,...->out" (spaces ignored) or implicit "term,term,...". A term is
// letters (a-z, A-Z) and at most one "...", which stands for the leading/middle dims not
// named by letters; ellipsis dims of all operands broadcast right-aligned, like numpy.
//   Explicit output: exactly the listed labels (an ellipsis in the output keeps the
//   broadcast dims there; without it they are summed).
//   Implicit output: the broadcast ellipsis dims, then the letters used exactly once, in
//   alphabetical (ASCII) order.
//   A letter repeated within one operand reads its diagonal; labels not in the output are
//   summed. A dim of size 1 broadcasts against the label's size elsewhere.
// Types: every numeric type of the spec (float16 computes in float). Computed by the naive
// strided sum of products in kernels/linalg/einsum.h (no contraction-order optimization).
#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "kernels/linalg/einsum.h"
#include "ops/common/dispatch.h"
#include "ops/common/shape_util.h"
#include "ops/linalg/einsum_det.h"

namespace onnxi {
namespace {

constexpr int kLetters = 52;  // label ids 0..51 are letters, 52.. are ellipsis dims

int LetterId(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;  // ASCII order: uppercase first
  if (c >= 'A' && c <= 'Z') return c - 'A';
  return -1;
}

// One parsed term: label ids per letter, and where the ellipsis sits (-1 when absent).
struct Term {
  std::vector<int> letters;
  int ellipsis_at = -1;  // number of letters before "..."
};

Result<Term> ParseTerm(const std::string& s, const std::string& equation) {
  Term t;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "...") == 0) {
      if (t.ellipsis_at >= 0) {
        return Status::InvalidModel(StrCat("equation '", equation, "' has two ellipses in '",
                                           s, "'"));
      }
      t.ellipsis_at = static_cast<int>(t.letters.size());
      i += 2;
      continue;
    }
    const int id = LetterId(s[i]);
    if (id < 0) {
      return Status::InvalidModel(StrCat("equation '", equation, "' has the character '", s[i],
                                         "', which is not a letter, ',', '->' or '...'"));
    }
    t.letters.push_back(id);
  }
  return t;
}

class EinsumOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    if (!node.Require("equation")) return node.status();
    for (char c : node.GetString("equation", "")) {
      if (c != ' ') equation_ += c;
    }
    const size_t arrow = equation_.find("->");
    explicit_ = arrow != std::string::npos;
    std::string lhs = explicit_ ? equation_.substr(0, arrow) : equation_;
    size_t start = 0;
    while (true) {
      const size_t comma = lhs.find(',', start);
      auto term = ParseTerm(lhs.substr(start, comma - start), equation_);
      if (!term.ok()) {
        node.Fail(term.status());
        return node.status();
      }
      inputs_.push_back(term.value());
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (explicit_) {
      auto term = ParseTerm(equation_.substr(arrow + 2), equation_);
      if (!term.ok()) {
        node.Fail(term.status());
        return node.status();
      }
      output_ = term.value();
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    const int n_ops = ctx.num_inputs();
    if (n_ops != static_cast<int>(inputs_.size())) {
      return Status::InvalidModel(StrCat("equation '", equation_, "' has ", inputs_.size(),
                                         " input terms but the node has ", n_ops, " inputs"));
    }
    const DataType dt = ctx.input_dtype(0);
    for (int k = 0; k < n_ops; ++k) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(k, ctx.input_dtype(k), kNumericTypes));
      if (ctx.input_dtype(k) != dt) {
        return Status::InvalidModel(StrCat("input ", k, " has element type ",
                                           DataTypeName(ctx.input_dtype(k)), " but input 0 has ",
                                           DataTypeName(dt)));
      }
    }
    // Ellipsis rank of each operand, and the broadcast ellipsis rank.
    std::vector<int> ell_rank(n_ops, 0);
    int max_ell = 0;
    for (int k = 0; k < n_ops; ++k) {
      const int named = static_cast<int>(inputs_[k].letters.size());
      const int rank = ctx.input_rank(k);
      const bool has_ell = inputs_[k].ellipsis_at >= 0;
      if (rank < named || (!has_ell && rank != named)) {
        return Status::InvalidArgument(StrCat("input ", k, " has shape ",
                                              ShapeToString(ctx.input_shape(k)), " but its term in '",
                                              equation_, "' names ", named, " dims",
                                              has_ell ? " plus an ellipsis" : ""));
      }
      ell_rank[k] = rank - named;
      max_ell = std::max(max_ell, ell_rank[k]);
    }
    const int n_ids = kLetters + max_ell;
    if (n_ids > kernels::kEinsumMaxLabels) {
      return Status::Unsupported(StrCat("ellipsis covers ", max_ell, " dims; at most ",
                                        kernels::kEinsumMaxLabels - kLetters, " are supported"));
    }
    // Label id of every axis of every operand, sizes and use counts per id.
    std::vector<std::vector<int>> axis_ids(n_ops);
    std::vector<int64_t> size(n_ids, -1);
    std::vector<int> uses(n_ids, 0);
    for (int k = 0; k < n_ops; ++k) {
      const Term& t = inputs_[k];
      for (int i = 0; i <= static_cast<int>(t.letters.size()); ++i) {
        if (i == t.ellipsis_at) {
          for (int e = 0; e < ell_rank[k]; ++e) {
            axis_ids[k].push_back(kLetters + max_ell - ell_rank[k] + e);
          }
        }
        if (i < static_cast<int>(t.letters.size())) axis_ids[k].push_back(t.letters[i]);
      }
      const Shape& s = ctx.input_shape(k);
      for (int a = 0; a < ctx.input_rank(k); ++a) {
        const int id = axis_ids[k][a];
        ++uses[id];
        if (size[id] < 0 || size[id] == 1) {
          size[id] = s[a];
        } else if (s[a] != size[id] && s[a] != 1) {
          return Status::InvalidArgument(StrCat("label of axis ", a, " of input ", k,
                                                " has size ", s[a], " but size ", size[id],
                                                " elsewhere in '", equation_, "'"));
        }
      }
    }
    // Output labels.
    std::vector<int> out_ids;
    if (explicit_) {
      for (int i = 0; i <= static_cast<int>(output_.letters.size()); ++i) {
        if (i == output_.ellipsis_at) {
          for (int e = 0; e < max_ell; ++e) out_ids.push_back(kLetters + e);
        }
        if (i < static_cast<int>(output_.letters.size())) {
          const int id = output_.letters[i];
          if (uses[id] == 0) {
            const char letter = id < 26 ? static_cast<char>('A' + id)
                                        : static_cast<char>('a' + id - 26);
            return Status::InvalidModel(StrCat("output label '", letter, "' of '", equation_,
                                               "' appears in no input term"));
          }
          for (int o : out_ids) {
            if (o == id) {
              return Status::InvalidModel(
                  StrCat("equation '", equation_, "' repeats a label in its output"));
            }
          }
          out_ids.push_back(id);
        }
      }
    } else {
      for (int e = 0; e < max_ell; ++e) out_ids.push_back(kLetters + e);
      for (int id = 0; id < kLetters; ++id) {
        if (uses[id] == 1) out_ids.push_back(id);
      }
    }
    // Label order: output labels, then every other used label (summed).
    std::vector<int> order = out_ids;
    std::vector<bool> in_out(n_ids, false);
    for (int id : out_ids) in_out[id] = true;
    for (int id = 0; id < n_ids; ++id) {
      if (uses[id] > 0 && !in_out[id]) order.push_back(id);
    }
    const int n_labels = static_cast<int>(order.size());
    std::vector<int> pos_of(n_ids, -1);
    for (int j = 0; j < n_labels; ++j) pos_of[order[j]] = j;
    sizes_.assign(n_labels, 0);
    for (int j = 0; j < n_labels; ++j) sizes_[j] = size[order[j]];
    strides_.assign(static_cast<size_t>(n_ops) * n_labels, 0);
    for (int k = 0; k < n_ops; ++k) {
      const std::vector<int64_t> st = StridesOf(ctx.input_shape(k));
      for (int a = 0; a < ctx.input_rank(k); ++a) {
        const int j = pos_of[axis_ids[k][a]];
        if (ctx.input_shape(k)[a] == 1 && sizes_[j] != 1) continue;  // broadcast
        strides_[static_cast<size_t>(k) * n_labels + j] += st[a];
      }
    }
    params_.n_labels = n_labels;
    params_.n_out = static_cast<int>(out_ids.size());
    params_.n_operands = n_ops;
    Shape out(sizes_.begin(), sizes_.begin() + params_.n_out);
    operands_.assign(n_ops, nullptr);
    ctx.SetOutput(0, dt, out);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    Tensor& out = ctx.output(0);
    params_.sizes = sizes_.data();
    params_.strides = strides_.data();
    return VisitType(out.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, bool>) {
        for (int k = 0; k < params_.n_operands; ++k) {
          operands_[k] = ctx.input(k).raw_data();
        }
        kernels::EinsumRef(operands_.data(), params_, out.data<T>());
      }
    });
  }

 private:
  std::string equation_;
  bool explicit_ = false;
  std::vector<Term> inputs_;
  Term output_;
  kernels::EinsumParams params_;
  std::vector<int64_t> sizes_, strides_;
  std::vector<const void*> operands_;
};

}  // namespace

std::unique_ptr<Op> MakeEinsumOp() { return std::make_unique<EinsumOp>(); }

}  // namespace onnxi
