// Recurrent layers (ONNX RNN, GRU, LSTM): one direction of one layer over a whole sequence.
//
// Gates for batch row b at step t (X_t row (input_size), H = previous hidden (hidden_size)):
//   RNN:  H' = f(X_t W^T + H R^T + Wb + Rb)                                  (1 gate)
//   GRU:  z = f(X_t Wz^T + H Rz^T + Wbz + Rbz), r = f(... Wr, Rr, Wbr, Rbr)   (gates z, r, h)
//         h = g(X_t Wh^T + (r . H) Rh^T + Rbh + Wbh)        linear_before_reset == 0
//         h = g(X_t Wh^T + r . (H Rh^T + Rbh) + Wbh)        linear_before_reset != 0
//         H' = (1 - z) . h + z . H
//   LSTM: i = f(X_t Wi^T + H Ri^T + Pi . C + Wbi + Rbi)                    (gates i, o, f, c)
//         f = f(... Wf, Rf, Pf . C ...)  (f = 1 - i with input_forget)
//         c = g(X_t Wc^T + H Rc^T + Wbc + Rbc), C' = f . C + i . c
//         o = f(X_t Wo^T + H Ro^T + Po . C' + Wbo + Rbo), H' = o . h(C')
// With clip > 0 every gate's pre-activation is clamped to [-clip, clip] first.
//
// Shapes for one direction (G = gate count): W (G*H, I), R (G*H, H), B (2*G*H) = [Wb, Rb] or
// nullptr, P (3*H) = [Pi, Po, Pf] or nullptr. X element (t, b, i) is at t*x_t + b*x_b + i.
// Y element (t, b, h) at t*y_t + b*y_b + h (y may be nullptr); Y_h/Y_c and the initial
// states (b, h) at b*state_b + h (nullptr: absent / zero).
// seq_lens (batch) or nullptr: row b runs steps [0, len_b) only (reverse: from len_b - 1 down
// to 0); Y rows past len_b are zero, and Y_h/Y_c hold the state after the last step.
// Lengths must be in [0, seq_len] (the op checks). scratch holds scratch_size(...) elements.
// T: float or double (16-bit floats are converted by the op).
#pragma once

#include <cstdint>

namespace onnxi::kernels {

enum class RnnKind { kRnn, kGru, kLstm };

enum class RnnActivationKind {
  kRelu,
  kTanh,
  kSigmoid,
  kAffine,
  kLeakyRelu,
  kThresholdedRelu,
  kScaledTanh,
  kHardSigmoid,
  kElu,
  kSoftsign,
  kSoftplus,
};

struct RnnActivation {
  RnnActivationKind kind = RnnActivationKind::kTanh;
  float alpha = 0, beta = 0;
};

template <class T>
T ApplyRnnActivation(const RnnActivation& a, T x);

struct RnnParams {
  RnnKind kind = RnnKind::kRnn;
  int64_t seq_len = 0, batch = 0, input_size = 0, hidden_size = 0;
  bool reverse = false;
  float clip = 0;                    // <= 0: no clipping
  RnnActivation f, g, h;             // RNN uses f; GRU f, g; LSTM f, g, h
  bool linear_before_reset = false;  // GRU
  bool input_forget = false;         // LSTM
  int64_t x_t = 0, x_b = 0;          // X strides
  int64_t y_t = 0, y_b = 0;          // Y strides
  int64_t state_b = 0;               // Y_h / Y_c / initial state row stride
};

int64_t RnnGateCount(RnnKind kind);
// Elements of scratch the direction needs.
int64_t RnnScratchSize(const RnnParams& p);

template <class T>
void RnnDirectionRef(const RnnParams& p, const T* x, const T* w, const T* r, const T* b,
                     const T* peep, const int32_t* seq_lens, const T* init_h, const T* init_c, T* y,
                     T* y_h, T* y_c, T* scratch);

// d[i] = D(s[i]) for i < n: moves 16-bit float tensors to and from float for the kernel.
template <class S, class D>
void RnnConvert(const S* s, int64_t n, D* d) {
  for (int64_t i = 0; i < n; ++i) d[i] = static_cast<D>(static_cast<float>(s[i]));
}

}  // namespace onnxi::kernels
