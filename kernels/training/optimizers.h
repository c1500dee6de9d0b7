// Reference optimizer updates of ai.onnx.preview.training (Adagrad, Adam, Momentum), one
// tensor of n elements at a time; all arrays are dense and of the same length n. The step
// scalars (learning rate r, update count t) are folded into the params by the caller's
// AdjustXxx helper below so that the per-element loops stay plain. Computed in double, rounded
// at the store. Outputs may alias their own inputs (x_new with x, ...), element by element;
// an output pointer may be null (the node did not ask for it).
//
//   Adagrad:  g' = norm_coefficient * x + g;  h_new = h + g'^2
//             x_new = x - r' * g' / (sqrt(h_new) + epsilon),  r' = r / (1 + t * decay_factor)
//   Adam:     g' = norm_coefficient * x + g
//             v_new = alpha * v + (1 - alpha) * g';  h_new = beta * h + (1 - beta) * g'^2
//             r' = t > 0 ? r * sqrt(1 - beta^t) / (1 - alpha^t) : r
//             x_new = (1 - norm_coefficient_post) * (x - r' * v_new / (sqrt(h_new) + epsilon))
//   Momentum: g' = norm_coefficient * x + g;  beta' = t > 0 ? beta : 1
//             v_new = alpha * v + beta' * g'
//             standard: x_new = x - r * v_new;  nesterov: x_new = x - r * (g' + alpha * v_new)
#pragma once

#include <cmath>
#include <cstdint>

namespace onnxi::kernels {

struct OptimizerParams {
  double rate = 0;  // r' (Adagrad, Adam) or r (Momentum)
  double alpha = 0, beta = 0, epsilon = 0;
  double norm_coefficient = 0, norm_coefficient_post = 0;
  bool nesterov = false;
};

inline double AdagradRate(double r, int64_t t, double decay_factor) {
  return r / (1.0 + static_cast<double>(t) * decay_factor);
}

inline double AdamRate(double r, int64_t t, double alpha, double beta) {
  if (t <= 0) return r;
  const double td = static_cast<double>(t);
  return r * std::sqrt(1.0 - std::pow(beta, td)) / (1.0 - std::pow(alpha, td));
}

template <class T>
void AdagradRef(const OptimizerParams& p, int64_t n, const T* x, const T* g, const T* h,
                T* x_new, T* h_new) {
  for (int64_t i = 0; i < n; ++i) {
    const double xi = x[i];
    const double gr = p.norm_coefficient * xi + static_cast<double>(g[i]);
    const double hn = static_cast<double>(h[i]) + gr * gr;
    if (h_new != nullptr) h_new[i] = static_cast<T>(hn);
    if (x_new != nullptr) x_new[i] = static_cast<T>(xi - p.rate * gr / (std::sqrt(hn) + p.epsilon));
  }
}

template <class T>
void AdamRef(const OptimizerParams& p, int64_t n, const T* x, const T* g, const T* v,
             const T* h, T* x_new, T* v_new, T* h_new) {
  for (int64_t i = 0; i < n; ++i) {
    const double xi = x[i];
    const double gr = p.norm_coefficient * xi + static_cast<double>(g[i]);
    const double vn = p.alpha * static_cast<double>(v[i]) + (1.0 - p.alpha) * gr;
    const double hn = p.beta * static_cast<double>(h[i]) + (1.0 - p.beta) * gr * gr;
    if (v_new != nullptr) v_new[i] = static_cast<T>(vn);
    if (h_new != nullptr) h_new[i] = static_cast<T>(hn);
    const double xn = xi - p.rate * vn / (std::sqrt(hn) + p.epsilon);
    if (x_new != nullptr) x_new[i] = static_cast<T>((1.0 - p.norm_coefficient_post) * xn);
  }
}

// p.beta must already be beta' (1 when t == 0).
template <class T>
void MomentumRef(const OptimizerParams& p, int64_t n, const T* x, const T* g, const T* v,
                 T* x_new, T* v_new) {
  for (int64_t i = 0; i < n; ++i) {
    const double xi = x[i];
    const double gr = p.norm_coefficient * xi + static_cast<double>(g[i]);
    const double vn = p.alpha * static_cast<double>(v[i]) + p.beta * gr;
    if (v_new != nullptr) v_new[i] = static_cast<T>(vn);
    if (x_new != nullptr) x_new[i] = static_cast<T>(p.nesterov ? xi - p.rate * (gr + p.alpha * vn)
                                         : xi - p.rate * vn);
  }
}

}  // namespace onnxi::kernels
