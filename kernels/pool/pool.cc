// Reference pooling (contract in pool.h). One generic window walk; the reduction differs.
#include "kernels/pool/pool.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace onnxi::kernels {
namespace {

template <class T>
struct PoolAcc {
  using type = float;
};
template <>
struct PoolAcc<double> {
  using type = double;
};

template <class T>
T Lowest() {
  if constexpr (std::is_arithmetic_v<T>) {
    return std::numeric_limits<T>::lowest();
  } else {
    return T(-std::numeric_limits<float>::infinity());
  }
}

// Calls visit(input_offset, spatial_index_a, b, c, in_bounds) for every window position of
// output (oa, ob, oc), and returns how many positions fell within the explicit pads.
template <class F>
int64_t ForEachWindowPosition(const PoolGeometry& g, int64_t oa, int64_t ob, int64_t oc,
                              F&& visit) {
  int64_t in_pads = 0;
  for (int64_t ka = 0; ka < g.kernel[0]; ++ka) {
    const int64_t ia = oa * g.stride[0] - g.pad_begin[0] + ka * g.dilation[0];
    if (ia >= g.in[0] + g.pad_end[0]) break;
    for (int64_t kb = 0; kb < g.kernel[1]; ++kb) {
      const int64_t ib = ob * g.stride[1] - g.pad_begin[1] + kb * g.dilation[1];
      if (ib >= g.in[1] + g.pad_end[1]) break;
      for (int64_t kc = 0; kc < g.kernel[2]; ++kc) {
        const int64_t ic = oc * g.stride[2] - g.pad_begin[2] + kc * g.dilation[2];
        if (ic >= g.in[2] + g.pad_end[2]) break;
        ++in_pads;
        const bool inside = ia >= 0 && ia < g.in[0] && ib >= 0 && ib < g.in[1] && ic >= 0 &&
                            ic < g.in[2];
        if (inside) visit((ia * g.in[1] + ib) * g.in[2] + ic, ia, ib, ic);
      }
    }
  }
  return in_pads;
}

}  // namespace

template <class T>
void MaxPool(const T* x, int64_t channels, const PoolGeometry& g, T* y, int64_t* indices,
             bool column_major) {
  const int64_t in_size = g.in[0] * g.in[1] * g.in[2];
  for (int64_t c = 0; c < channels; ++c) {
    const T* xc = x + c * in_size;
    for (int64_t oa = 0; oa < g.out[0]; ++oa) {
      for (int64_t ob = 0; ob < g.out[1]; ++ob) {
        for (int64_t oc = 0; oc < g.out[2]; ++oc) {
          T best = Lowest<T>();
          int64_t best_index = -1;
          ForEachWindowPosition(g, oa, ob, oc, [&](int64_t off, int64_t ia, int64_t ib,
                                                   int64_t ic) {
            const T v = xc[off];
            if (best_index < 0 || v > best) {
              best = v;
              best_index = column_major ? ia + ib * g.in[0] + ic * g.in[0] * g.in[1] : off;
            }
          });
          *y++ = best;
          if (indices != nullptr) *indices++ = c * in_size + (best_index < 0 ? 0 : best_index);
        }
      }
    }
  }
}

template <class T>
void AveragePool(const T* x, int64_t channels, const PoolGeometry& g, bool count_include_pad,
                 T* y) {
  using Acc = typename PoolAcc<T>::type;
  const int64_t in_size = g.in[0] * g.in[1] * g.in[2];
  for (int64_t c = 0; c < channels; ++c) {
    const T* xc = x + c * in_size;
    for (int64_t oa = 0; oa < g.out[0]; ++oa) {
      for (int64_t ob = 0; ob < g.out[1]; ++ob) {
        for (int64_t oc = 0; oc < g.out[2]; ++oc) {
          Acc sum = 0;
          int64_t count = 0;
          const int64_t in_pads = ForEachWindowPosition(
              g, oa, ob, oc, [&](int64_t off, int64_t, int64_t, int64_t) {
                sum += static_cast<Acc>(xc[off]);
                ++count;
              });
          const int64_t divisor = count_include_pad ? in_pads : count;
          *y++ = static_cast<T>(divisor > 0 ? sum / static_cast<Acc>(divisor) : Acc(0));
        }
      }
    }
  }
}

template <class T>
void LpPool(const T* x, int64_t channels, const PoolGeometry& g, double p, T* y) {
  using Acc = typename PoolAcc<T>::type;
  const int64_t in_size = g.in[0] * g.in[1] * g.in[2];
  const Acc pa = static_cast<Acc>(p);
  for (int64_t c = 0; c < channels; ++c) {
    const T* xc = x + c * in_size;
    for (int64_t oa = 0; oa < g.out[0]; ++oa) {
      for (int64_t ob = 0; ob < g.out[1]; ++ob) {
        for (int64_t oc = 0; oc < g.out[2]; ++oc) {
          Acc sum = 0;
          ForEachWindowPosition(g, oa, ob, oc, [&](int64_t off, int64_t, int64_t, int64_t) {
            sum += std::pow(std::abs(static_cast<Acc>(xc[off])), pa);
          });
          *y++ = static_cast<T>(std::pow(sum, Acc(1) / pa));
        }
      }
    }
  }
}

template <class T>
void GlobalPool(const T* x, int64_t channels, int64_t inner, GlobalPoolKind kind, double p,
                T* y) {
  using Acc = typename PoolAcc<T>::type;
  const Acc pa = static_cast<Acc>(p);
  for (int64_t c = 0; c < channels; ++c) {
    const T* xc = x + c * inner;
    if (kind == GlobalPoolKind::kMax) {
      T best = Lowest<T>();
      for (int64_t i = 0; i < inner; ++i) {
        if (i == 0 || xc[i] > best) best = xc[i];
      }
      y[c] = best;
    } else if (kind == GlobalPoolKind::kAverage) {
      Acc sum = 0;
      for (int64_t i = 0; i < inner; ++i) sum += static_cast<Acc>(xc[i]);
      y[c] = static_cast<T>(sum / static_cast<Acc>(inner));
    } else {
      Acc sum = 0;
      for (int64_t i = 0; i < inner; ++i) sum += std::pow(std::abs(static_cast<Acc>(xc[i])), pa);
      y[c] = static_cast<T>(std::pow(sum, Acc(1) / pa));
    }
  }
}

#define ONNXI_POOL_INSTANTIATE_FLOAT(T)                                                   \
  template void MaxPool<T>(const T*, int64_t, const PoolGeometry&, T*, int64_t*, bool);   \
  template void AveragePool<T>(const T*, int64_t, const PoolGeometry&, bool, T*);         \
  template void LpPool<T>(const T*, int64_t, const PoolGeometry&, double, T*);            \
  template void GlobalPool<T>(const T*, int64_t, int64_t, GlobalPoolKind, double, T*);
ONNXI_POOL_INSTANTIATE_FLOAT(float)
ONNXI_POOL_INSTANTIATE_FLOAT(double)
ONNXI_POOL_INSTANTIATE_FLOAT(Float16)
ONNXI_POOL_INSTANTIATE_FLOAT(BFloat16)
#undef ONNXI_POOL_INSTANTIATE_FLOAT
template void MaxPool<int8_t>(const int8_t*, int64_t, const PoolGeometry&, int8_t*, int64_t*,
                              bool);
template void MaxPool<uint8_t>(const uint8_t*, int64_t, const PoolGeometry&, uint8_t*,
                               int64_t*, bool);

}  // namespace onnxi::kernels
