// im2col / col2im / bias fill for the reference convolution (contract in conv.h).
#include "kernels/conv/conv.h"

#include <type_traits>

namespace onnxi::kernels {
namespace {

// float and double add natively; the 16-bit floats add in float and round once.
template <class T>
void AddInto(T& dst, T v) {
  if constexpr (std::is_arithmetic_v<T>) {
    dst += v;
  } else {
    dst = T(static_cast<float>(dst) + static_cast<float>(v));
  }
}

}  // namespace

template <class T>
void Im2Col(const T* image, int64_t channels, const ConvGeometry& g, T* col) {
  const int64_t in_size = g.in_size();
  for (int64_t c = 0; c < channels; ++c) {
    const T* img = image + c * in_size;
    for (int64_t ka = 0; ka < g.kernel[0]; ++ka) {
      for (int64_t kb = 0; kb < g.kernel[1]; ++kb) {
        for (int64_t kc = 0; kc < g.kernel[2]; ++kc) {
          for (int64_t oa = 0; oa < g.out[0]; ++oa) {
            const int64_t ia = oa * g.stride[0] - g.pad_begin[0] + ka * g.dilation[0];
            for (int64_t ob = 0; ob < g.out[1]; ++ob) {
              const int64_t ib = ob * g.stride[1] - g.pad_begin[1] + kb * g.dilation[1];
              const bool row_ok = ia >= 0 && ia < g.in[0] && ib >= 0 && ib < g.in[1];
              const T* img_row = img + (ia * g.in[1] + ib) * g.in[2];
              for (int64_t oc = 0; oc < g.out[2]; ++oc) {
                const int64_t ic = oc * g.stride[2] - g.pad_begin[2] + kc * g.dilation[2];
                *col++ = (row_ok && ic >= 0 && ic < g.in[2]) ? img_row[ic] : T(0.0f);
              }
            }
          }
        }
      }
    }
  }
}

template <class T>
void Col2ImAdd(const T* col, int64_t channels, const ConvGeometry& g, T* image) {
  const int64_t in_size = g.in_size();
  for (int64_t c = 0; c < channels; ++c) {
    T* img = image + c * in_size;
    for (int64_t ka = 0; ka < g.kernel[0]; ++ka) {
      for (int64_t kb = 0; kb < g.kernel[1]; ++kb) {
        for (int64_t kc = 0; kc < g.kernel[2]; ++kc) {
          for (int64_t oa = 0; oa < g.out[0]; ++oa) {
            const int64_t ia = oa * g.stride[0] - g.pad_begin[0] + ka * g.dilation[0];
            for (int64_t ob = 0; ob < g.out[1]; ++ob) {
              const int64_t ib = ob * g.stride[1] - g.pad_begin[1] + kb * g.dilation[1];
              const bool row_ok = ia >= 0 && ia < g.in[0] && ib >= 0 && ib < g.in[1];
              T* img_row = img + (ia * g.in[1] + ib) * g.in[2];
              for (int64_t oc = 0; oc < g.out[2]; ++oc, ++col) {
                const int64_t ic = oc * g.stride[2] - g.pad_begin[2] + kc * g.dilation[2];
                if (row_ok && ic >= 0 && ic < g.in[2]) {
                  AddInto(img_row[ic], *col);
                }
              }
            }
          }
        }
      }
    }
  }
}

template <class T>
void FillChannelBias(const T* bias, int64_t batch, int64_t channels, int64_t inner, T* y) {
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      const T v = bias != nullptr ? bias[c] : T(0.0f);
      T* row = y + (n * channels + c) * inner;
      for (int64_t i = 0; i < inner; ++i) row[i] = v;
    }
  }
}

#define ONNXI_CONV_INSTANTIATE(T)                                                   \
  template void Im2Col<T>(const T*, int64_t, const ConvGeometry&, T*);              \
  template void Col2ImAdd<T>(const T*, int64_t, const ConvGeometry&, T*);           \
  template void FillChannelBias<T>(const T*, int64_t, int64_t, int64_t, T*);
ONNXI_CONV_INSTANTIATE(float)
ONNXI_CONV_INSTANTIATE(double)
ONNXI_CONV_INSTANTIATE(Float16)
ONNXI_CONV_INSTANTIATE(BFloat16)
#undef ONNXI_CONV_INSTANTIATE
}  // namespace onnxi::kernels
