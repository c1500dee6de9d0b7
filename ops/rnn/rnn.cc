// RNN, GRU, LSTM (ONNX opsets 1, 3 (GRU), 7, 14, 22): recurrent layers over a sequence.
//
// Inputs: X (S, N, I) [layout 1: (N, S, I)], W (D, G*H, I), R (D, G*H, H), B (D, 2*G*H)
// optional, sequence_lens (N) int32 optional, initial_h (D, N, H) [layout 1: (N, D, H)]
// optional; LSTM also initial_c (like initial_h) and P (D, 3*H) optional.
// Outputs (all optional): Y (S, D, N, H) [layout 1: (N, S, D, H)], Y_h (D, N, H)
// [layout 1: (N, D, H)], LSTM Y_c like Y_h. D = 2 for direction "bidirectional", else 1;
// G = 1 (RNN), 3 (GRU: z, r, h), 4 (LSTM: i, o, f, c). Equations: kernels/rnn/rnn.h.
// activations: per direction RNN [f] (default Tanh), GRU [f, g] (Sigmoid, Tanh), LSTM
// [f, g, h] (Sigmoid, Tanh, Tanh); activation_alpha/beta are consumed in order by the
// activations that take a parameter (ORT's reading). The opset-1 attribute output_sequence is
// accepted and ignored (Y is produced whenever it is named).
// Types: float, double, float16 (computed in float); bfloat16 from opset 22.
#include "kernels/rnn/rnn.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <type_traits>
#include <vector>

#include "ops/common/dispatch.h"
#include "ops/op.h"
#include "ops/rnn/rnn_ops.h"

namespace onnxi {
namespace {

using kernels::RnnActivation;
using kernels::RnnActivationKind;
using kernels::RnnKind;

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Maps an activation name to its kind, and says which parameters it takes (with defaults).
bool ParseActivation(const std::string& name, RnnActivation* a, bool* takes_alpha,
                     bool* takes_beta) {
  struct Entry {
    const char* name;
    RnnActivationKind kind;
    bool alpha, beta;
    float da, db;
  };
  static const Entry kEntries[] = {
      {"relu", RnnActivationKind::kRelu, false, false, 0, 0},
      {"tanh", RnnActivationKind::kTanh, false, false, 0, 0},
      {"sigmoid", RnnActivationKind::kSigmoid, false, false, 0, 0},
      {"affine", RnnActivationKind::kAffine, true, true, 1.0f, 0.0f},
      {"leakyrelu", RnnActivationKind::kLeakyRelu, true, false, 0.01f, 0},
      {"thresholdedrelu", RnnActivationKind::kThresholdedRelu, true, false, 1.0f, 0},
      {"scaledtanh", RnnActivationKind::kScaledTanh, true, true, 1.0f, 1.0f},
      {"hardsigmoid", RnnActivationKind::kHardSigmoid, true, true, 0.2f, 0.5f},
      {"elu", RnnActivationKind::kElu, true, false, 1.0f, 0},
      {"softsign", RnnActivationKind::kSoftsign, false, false, 0, 0},
      {"softplus", RnnActivationKind::kSoftplus, false, false, 0, 0},
  };
  const std::string l = Lower(name);
  for (const Entry& e : kEntries) {
    if (l == e.name) {
      a->kind = e.kind;
      a->alpha = e.da;
      a->beta = e.db;
      *takes_alpha = e.alpha;
      *takes_beta = e.beta;
      return true;
    }
  }
  return false;
}

class RecurrentOp : public Op {
 public:
  explicit RecurrentOp(RnnKind kind) : kind_(kind) {}

  Status Init(const NodeView& node) override {
    since_version_ = node.since_version();
    const int64_t hidden = node.GetInt("hidden_size", -1);
    if (node.has("hidden_size") && hidden <= 0) {
      node.Fail(Status::InvalidModel(StrCat("hidden_size ", hidden, " is not positive")));
    }
    hidden_size_ = hidden;
    const std::string dir = node.GetString("direction", "forward");
    if (dir == "forward") {
      num_dirs_ = 1;
    } else if (dir == "reverse") {
      num_dirs_ = 1;
      reverse_only_ = true;
    } else if (dir == "bidirectional") {
      num_dirs_ = 2;
    } else {
      node.Fail(Status::InvalidModel(
          StrCat("direction '", dir, "' is not one of forward, reverse, bidirectional")));
    }
    layout_ = since_version_ >= 14 ? node.GetInt("layout", 0) : 0;
    if (layout_ != 0 && layout_ != 1) {
      node.Fail(Status::InvalidModel(StrCat("layout ", layout_, " is not 0 or 1")));
    }
    clip_ = node.GetFloat("clip", 0.0f);
    if (node.has("clip") && !(clip_ > 0)) {
      node.Fail(Status::InvalidModel(StrCat("clip ", clip_, " is not positive")));
    }
    linear_before_reset_ = node.GetInt("linear_before_reset", 0) != 0;
    input_forget_ = node.GetInt("input_forget", 0) != 0;

    // Activations: per direction, in the order f[, g[, h]].
    const int per_dir = kind_ == RnnKind::kRnn ? 1 : (kind_ == RnnKind::kGru ? 2 : 3);
    std::vector<std::string> names = node.GetStrings("activations");
    if (names.empty()) {
      for (int d = 0; d < num_dirs_; ++d) {
        if (kind_ == RnnKind::kRnn) names.push_back("Tanh");
        if (kind_ == RnnKind::kGru) names.insert(names.end(), {"Sigmoid", "Tanh"});
        if (kind_ == RnnKind::kLstm) names.insert(names.end(), {"Sigmoid", "Tanh", "Tanh"});
      }
    } else if (names.size() == static_cast<size_t>(per_dir) && num_dirs_ == 2) {
      names.insert(names.end(), names.begin(), names.end());  // one list for both directions
    }
    if (names.size() != static_cast<size_t>(per_dir * num_dirs_)) {
      node.Fail(Status::InvalidModel(StrCat("activations has ", names.size(), " entries; expected ",
                                            per_dir * num_dirs_, " (", per_dir, " per direction, ",
                                            num_dirs_, " direction(s))")));
      return node.status();
    }
    const std::vector<float> alphas = node.GetFloats("activation_alpha");
    const std::vector<float> betas = node.GetFloats("activation_beta");
    size_t next_alpha = 0, next_beta = 0;
    acts_.assign(names.size(), RnnActivation{});
    for (size_t i = 0; i < names.size(); ++i) {
      bool ta = false, tb = false;
      if (!ParseActivation(names[i], &acts_[i], &ta, &tb)) {
        node.Fail(Status::Unsupported(StrCat("activation '", names[i], "' is not supported")));
        return node.status();
      }
      if (ta && next_alpha < alphas.size()) acts_[i].alpha = alphas[next_alpha++];
      if (tb && next_beta < betas.size()) acts_[i].beta = betas[next_beta++];
    }
    per_dir_ = per_dir;
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override;
  Status Run(RunContext& ctx) override;

 private:
  template <class T, class C>
  Status RunTyped(RunContext& ctx);

  RnnKind kind_;
  int since_version_ = 0;
  int64_t hidden_size_ = -1;
  int num_dirs_ = 1;
  bool reverse_only_ = false;
  int64_t layout_ = 0;
  float clip_ = 0;
  bool linear_before_reset_ = false, input_forget_ = false;
  int per_dir_ = 1;
  std::vector<RnnActivation> acts_;
  // Set by Prepare.
  int64_t seq_ = 0, batch_ = 0, input_ = 0, hidden_ = 0, gates_ = 0;
  std::vector<double> scratch_;  // kernel scratch + float copies for 16-bit types
};

// "W has shape [1, 12, 3]; expected [1, 12, 2]" style check of one input's shape.
Status CheckShape(const char* what, const Shape& got, const Shape& want) {
  if (got == want) return Status::Ok();
  return Status::InvalidArgument(
      StrCat(what, " has shape ", ShapeToString(got), "; expected ", ShapeToString(want)));
}

Status RecurrentOp::Prepare(PrepareContext& ctx) {
  const DataType dt = ctx.input_dtype(0);
  if (since_version_ >= 22) {
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
  } else {
    ONNXI_RETURN_IF_ERROR(
        CheckInputType(0, dt, {DataType::kFloat, DataType::kDouble, DataType::kFloat16}));
  }
  static const char* kNames[] = {"X",         "W",         "R", "B", "sequence_lens",
                                 "initial_h", "initial_c", "P"};
  const int max_inputs = kind_ == RnnKind::kLstm ? 8 : 6;
  for (int i = 1; i < std::min(ctx.num_inputs(), max_inputs); ++i) {
    if (!ctx.has_input(i)) continue;
    const DataType want = i == 4 ? DataType::kInt32 : dt;
    if (ctx.input_dtype(i) != want) {
      return Status::InvalidModel(StrCat(kNames[i], " has element type ",
                                         DataTypeName(ctx.input_dtype(i)), "; expected ",
                                         DataTypeName(want)));
    }
  }
  if (!ctx.has_input(1) || !ctx.has_input(2)) {
    return Status::InvalidModel("inputs W and R are required");
  }
  const Shape& x = ctx.input_shape(0);
  if (x.size() != 3) {
    return Status::InvalidArgument(
        StrCat("X has shape ", ShapeToString(x), "; expected rank 3 (layout ", layout_, ")"));
  }
  seq_ = layout_ == 0 ? x[0] : x[1];
  batch_ = layout_ == 0 ? x[1] : x[0];
  input_ = x[2];
  const Shape& w = ctx.input_shape(1);
  const int64_t g = kernels::RnnGateCount(kind_);
  if (w.size() != 3 || w[0] != num_dirs_ || w[2] != input_ || w[1] % g != 0) {
    return Status::InvalidArgument(StrCat("W has shape ", ShapeToString(w), "; expected [",
                                          num_dirs_, ", ", g, " * hidden_size, ", input_, "]"));
  }
  hidden_ = w[1] / g;
  if (hidden_size_ > 0 && hidden_size_ != hidden_) {
    return Status::InvalidArgument(StrCat("W has shape ", ShapeToString(w), " (hidden size ",
                                          hidden_, ") but hidden_size is ", hidden_size_));
  }
  gates_ = g * hidden_;
  const int64_t d = num_dirs_;
  ONNXI_RETURN_IF_ERROR(CheckShape("R", ctx.input_shape(2), {d, gates_, hidden_}));
  if (ctx.has_input(3)) ONNXI_RETURN_IF_ERROR(CheckShape("B", ctx.input_shape(3), {d, 2 * gates_}));
  if (ctx.has_input(4)) {
    ONNXI_RETURN_IF_ERROR(CheckShape("sequence_lens", ctx.input_shape(4), {batch_}));
  }
  const Shape state = layout_ == 0 ? Shape{d, batch_, hidden_} : Shape{batch_, d, hidden_};
  if (ctx.has_input(5)) ONNXI_RETURN_IF_ERROR(CheckShape("initial_h", ctx.input_shape(5), state));
  if (kind_ == RnnKind::kLstm) {
    if (ctx.has_input(6)) {
      ONNXI_RETURN_IF_ERROR(CheckShape("initial_c", ctx.input_shape(6), state));
    }
    if (ctx.has_input(7))
      ONNXI_RETURN_IF_ERROR(CheckShape("P", ctx.input_shape(7), {d, 3 * hidden_}));
  }
  const Shape y = layout_ == 0 ? Shape{seq_, d, batch_, hidden_} : Shape{batch_, seq_, d, hidden_};
  if (ctx.num_outputs() > 0) ctx.SetOutput(0, dt, y);
  if (ctx.num_outputs() > 1) ctx.SetOutput(1, dt, state);
  if (ctx.num_outputs() > 2 && kind_ == RnnKind::kLstm) ctx.SetOutput(2, dt, state);

  kernels::RnnParams p;
  p.kind = kind_;
  p.hidden_size = hidden_;
  int64_t need = kernels::RnnScratchSize(p);
  if (dt == DataType::kFloat16 || dt == DataType::kBfloat16) {
    // float copies of X, W, R, B, P, initial_h, initial_c, Y, Y_h, Y_c
    const int64_t st = NumElements(state);
    need += NumElements(x) + d * gates_ * (input_ + hidden_ + 2) + 3 * d * hidden_ + 4 * st +
            NumElements(y);
  }
  scratch_.assign(static_cast<size_t>(need), 0.0);
  return Status::Ok();
}

Status RecurrentOp::Run(RunContext& ctx) {
  if (ctx.has_input(4)) {
    const int32_t* lens = ctx.input(4).data<int32_t>();
    for (int64_t b = 0; b < batch_; ++b) {
      if (lens[b] < 0 || lens[b] > seq_) {
        return Status::InvalidArgument(StrCat("sequence_lens value ", lens[b], " (batch ", b,
                                              ") is out of range [0, ", seq_, "]"));
      }
    }
  }
  switch (ctx.input(0).dtype()) {
    case DataType::kFloat:
      return RunTyped<float, float>(ctx);
    case DataType::kDouble:
      return RunTyped<double, double>(ctx);
    case DataType::kFloat16:
      return RunTyped<Float16, float>(ctx);
    case DataType::kBfloat16:
      return RunTyped<BFloat16, float>(ctx);
    default:
      return Status::Unsupported("element type is not supported");
  }
}

// T: the tensors' element type; C: the kernel's (float for 16-bit floats).
template <class T, class C>
Status RecurrentOp::RunTyped(RunContext& ctx) {
  const bool lstm = kind_ == RnnKind::kLstm;
  auto in = [&](int i) -> const T* {
    return i < ctx.num_inputs() && ctx.has_input(i) ? ctx.input(i).template data<T>() : nullptr;
  };
  auto out = [&](int i) -> T* {
    return ctx.has_output(i) ? ctx.output(i).template data<T>() : nullptr;
  };
  const T* srcs[7] = {
      in(0), in(1), in(2), in(3), in(5), lstm ? in(6) : nullptr, lstm ? in(7) : nullptr};
  T* dsts[3] = {out(0), out(1), lstm ? out(2) : nullptr};
  const int64_t d = num_dirs_, state = d * batch_ * hidden_;
  const int64_t src_n[7] = {seq_ * batch_ * input_,
                            d * gates_ * input_,
                            d * gates_ * hidden_,
                            d * 2 * gates_,
                            state,
                            state,
                            d * 3 * hidden_};
  const int64_t dst_n[3] = {seq_ * state, state, state};
  C* scratch = reinterpret_cast<C*>(scratch_.data());
  kernels::RnnParams p;
  p.kind = kind_;
  p.hidden_size = hidden_;
  C* cursor = scratch + kernels::RnnScratchSize(p);
  const C* csrc[7];
  C* cdst[3];
  for (int i = 0; i < 7; ++i) {
    if constexpr (std::is_same_v<T, C>) {
      csrc[i] = srcs[i];
    } else {
      csrc[i] = nullptr;
      if (srcs[i] != nullptr) {
        kernels::RnnConvert(srcs[i], src_n[i], cursor);
        csrc[i] = cursor;
        cursor += src_n[i];
      }
    }
  }
  for (int i = 0; i < 3; ++i) {
    if constexpr (std::is_same_v<T, C>) {
      cdst[i] = dsts[i];
    } else {
      cdst[i] = dsts[i] != nullptr ? cursor : nullptr;
      cursor += dsts[i] != nullptr ? dst_n[i] : 0;
    }
  }
  const int32_t* lens = ctx.has_input(4) ? ctx.input(4).data<int32_t>() : nullptr;
  p.seq_len = seq_;
  p.batch = batch_;
  p.input_size = input_;
  p.clip = clip_;
  p.linear_before_reset = linear_before_reset_;
  p.input_forget = input_forget_;
  p.x_t = layout_ == 0 ? batch_ * input_ : input_;
  p.x_b = layout_ == 0 ? input_ : seq_ * input_;
  p.y_t = layout_ == 0 ? d * batch_ * hidden_ : d * hidden_;
  p.y_b = layout_ == 0 ? hidden_ : seq_ * d * hidden_;
  p.state_b = layout_ == 0 ? hidden_ : d * hidden_;
  const int64_t y_dir = layout_ == 0 ? batch_ * hidden_ : hidden_;  // Y / state offset of dir 1
  auto at = [](auto* ptr, int64_t off) { return ptr != nullptr ? ptr + off : nullptr; };
  for (int64_t dir = 0; dir < d; ++dir) {
    p.reverse = reverse_only_ || dir == 1;
    p.f = acts_[dir * per_dir_];
    if (per_dir_ > 1) p.g = acts_[dir * per_dir_ + 1];
    if (per_dir_ > 2) p.h = acts_[dir * per_dir_ + 2];
    kernels::RnnDirectionRef<C>(p, csrc[0], csrc[1] + dir * gates_ * input_,
                                csrc[2] + dir * gates_ * hidden_, at(csrc[3], dir * 2 * gates_),
                                at(csrc[6], dir * 3 * hidden_), lens, at(csrc[4], dir * y_dir),
                                at(csrc[5], dir * y_dir), at(cdst[0], dir * y_dir),
                                at(cdst[1], dir * y_dir), at(cdst[2], dir * y_dir), scratch);
  }
  if constexpr (!std::is_same_v<T, C>) {
    for (int i = 0; i < 3; ++i) {
      if (dsts[i] != nullptr) kernels::RnnConvert(cdst[i], dst_n[i], dsts[i]);
    }
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Op> MakeRnnOp() { return std::make_unique<RecurrentOp>(RnnKind::kRnn); }
std::unique_ptr<Op> MakeGruOp() { return std::make_unique<RecurrentOp>(RnnKind::kGru); }
std::unique_ptr<Op> MakeLstmOp() { return std::make_unique<RecurrentOp>(RnnKind::kLstm); }

}  // namespace onnxi
