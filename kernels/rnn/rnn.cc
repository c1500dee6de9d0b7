// Recurrent layer reference kernel; see rnn.h for the equations and the layout.
#include "kernels/rnn/rnn.h"

#include <algorithm>
#include <cmath>

namespace onnxi::kernels {

template <class T>
T ApplyRnnActivation(const RnnActivation& a, T x) {
  const T alpha = static_cast<T>(a.alpha), beta = static_cast<T>(a.beta);
  switch (a.kind) {
    case RnnActivationKind::kRelu:
      return x > 0 ? x : T(0);
    case RnnActivationKind::kTanh:
      return std::tanh(x);
    case RnnActivationKind::kSigmoid:
      return T(1) / (T(1) + std::exp(-x));
    case RnnActivationKind::kAffine:
      return alpha * x + beta;
    case RnnActivationKind::kLeakyRelu:
      return x >= 0 ? x : alpha * x;
    case RnnActivationKind::kThresholdedRelu:
      return x > alpha ? x : T(0);
    case RnnActivationKind::kScaledTanh:
      return alpha * std::tanh(beta * x);
    case RnnActivationKind::kHardSigmoid:
      return std::max(T(0), std::min(T(1), alpha * x + beta));
    case RnnActivationKind::kElu:
      return x >= 0 ? x : alpha * (std::exp(x) - T(1));
    case RnnActivationKind::kSoftsign:
      return x / (T(1) + std::fabs(x));
    case RnnActivationKind::kSoftplus:
      return std::log1p(std::exp(x));
  }
  return x;
}

int64_t RnnGateCount(RnnKind kind) {
  switch (kind) {
    case RnnKind::kRnn:
      return 1;
    case RnnKind::kGru:
      return 3;
    case RnnKind::kLstm:
      return 4;
  }
  return 1;
}

int64_t RnnScratchSize(const RnnParams& p) {
  // h, c, tmp (hidden_size each), gates_x and gates_h (G * hidden_size each)
  return 3 * p.hidden_size + 2 * RnnGateCount(p.kind) * p.hidden_size;
}

namespace {

template <class T>
T Dot(const T* a, const T* b, int64_t n) {
  T s = 0;
  for (int64_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

template <class T>
T Clip(T v, float clip) {
  if (clip <= 0) return v;
  const T c = static_cast<T>(clip);
  return std::min(c, std::max(-c, v));
}

}  // namespace

template <class T>
void RnnDirectionRef(const RnnParams& p, const T* x, const T* w, const T* r, const T* b,
                     const T* peep, const int32_t* seq_lens, const T* init_h, const T* init_c, T* y,
                     T* y_h, T* y_c, T* scratch) {
  const int64_t hs = p.hidden_size, in = p.input_size, gates = RnnGateCount(p.kind) * hs;
  T* h = scratch;
  T* c = h + hs;
  T* tmp = c + hs;
  T* gx = tmp + hs;    // X_t W^T + Wb, all gates
  T* gh = gx + gates;  // H R^T + Rb, all gates
  const T* wb = b;
  const T* rb = b != nullptr ? b + gates : nullptr;
  for (int64_t bi = 0; bi < p.batch; ++bi) {
    const int64_t len = seq_lens != nullptr ? seq_lens[bi] : p.seq_len;
    for (int64_t j = 0; j < hs; ++j) {
      h[j] = init_h != nullptr ? init_h[bi * p.state_b + j] : T(0);
      c[j] = init_c != nullptr ? init_c[bi * p.state_b + j] : T(0);
    }
    for (int64_t s = 0; s < len; ++s) {
      const int64_t t = p.reverse ? len - 1 - s : s;
      const T* xt = x + t * p.x_t + bi * p.x_b;
      for (int64_t j = 0; j < gates; ++j) {
        gx[j] = Dot(xt, w + j * in, in) + (wb != nullptr ? wb[j] : T(0));
        gh[j] = Dot(h, r + j * hs, hs) + (rb != nullptr ? rb[j] : T(0));
      }
      if (p.kind == RnnKind::kRnn) {
        for (int64_t j = 0; j < hs; ++j) {
          h[j] = ApplyRnnActivation(p.f, Clip(gx[j] + gh[j], p.clip));
        }
      } else if (p.kind == RnnKind::kGru) {
        // gates z (0), r (1), h (2)
        T* z = tmp;
        for (int64_t j = 0; j < hs; ++j) {
          z[j] = ApplyRnnActivation(p.f, Clip(gx[j] + gh[j], p.clip));
          gx[hs + j] = ApplyRnnActivation(p.f, Clip(gx[hs + j] + gh[hs + j], p.clip));  // r
        }
        const T* rt = gx + hs;
        if (p.linear_before_reset) {
          for (int64_t j = 0; j < hs; ++j) gh[2 * hs + j] = rt[j] * gh[2 * hs + j];
        } else {
          // (r . H) Rh^T + Rbh; gh's r slot (already consumed) holds r . H
          T* rh = gh + hs;
          for (int64_t j = 0; j < hs; ++j) rh[j] = rt[j] * h[j];
          for (int64_t j = 0; j < hs; ++j) {
            gh[2 * hs + j] =
                Dot(rh, r + (2 * hs + j) * hs, hs) + (rb != nullptr ? rb[2 * hs + j] : T(0));
          }
        }
        for (int64_t j = 0; j < hs; ++j) {
          const T ht = ApplyRnnActivation(p.g, Clip(gx[2 * hs + j] + gh[2 * hs + j], p.clip));
          h[j] = (T(1) - z[j]) * ht + z[j] * h[j];
        }
      } else {
        // gates i (0), o (1), f (2), c (3); peepholes [Pi, Po, Pf]
        for (int64_t j = 0; j < hs; ++j) {
          const T pi = peep != nullptr ? peep[j] * c[j] : T(0);
          const T pf = peep != nullptr ? peep[2 * hs + j] * c[j] : T(0);
          const T it = ApplyRnnActivation(p.f, Clip(gx[j] + gh[j] + pi, p.clip));
          const T ft =
              p.input_forget
                  ? T(1) - it
                  : ApplyRnnActivation(p.f, Clip(gx[2 * hs + j] + gh[2 * hs + j] + pf, p.clip));
          const T ct = ApplyRnnActivation(p.g, Clip(gx[3 * hs + j] + gh[3 * hs + j], p.clip));
          c[j] = ft * c[j] + it * ct;
          const T po = peep != nullptr ? peep[hs + j] * c[j] : T(0);
          const T ot = ApplyRnnActivation(p.f, Clip(gx[hs + j] + gh[hs + j] + po, p.clip));
          h[j] = ot * ApplyRnnActivation(p.h, c[j]);
        }
      }
      if (y != nullptr) {
        T* yt = y + t * p.y_t + bi * p.y_b;
        for (int64_t j = 0; j < hs; ++j) yt[j] = h[j];
      }
    }
    if (y != nullptr) {
      for (int64_t t = std::max<int64_t>(len, 0); t < p.seq_len; ++t) {
        T* yt = y + t * p.y_t + bi * p.y_b;
        for (int64_t j = 0; j < hs; ++j) yt[j] = T(0);
      }
    }
    for (int64_t j = 0; j < hs; ++j) {
      if (y_h != nullptr) y_h[bi * p.state_b + j] = h[j];
      if (y_c != nullptr) y_c[bi * p.state_b + j] = c[j];
    }
  }
}

template float ApplyRnnActivation<float>(const RnnActivation&, float);
template double ApplyRnnActivation<double>(const RnnActivation&, double);
template void RnnDirectionRef<float>(const RnnParams&, const float*, const float*, const float*,
                                     const float*, const float*, const int32_t*, const float*,
                                     const float*, float*, float*, float*, float*);
template void RnnDirectionRef<double>(const RnnParams&, const double*, const double*, const double*,
                                      const double*, const double*, const int32_t*, const double*,
                                      const double*, double*, double*, double*, double*);

}  // namespace onnxi::kernels
