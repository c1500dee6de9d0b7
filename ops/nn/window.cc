// Sliding-window attribute parsing and output shapes (rules in window.h).
#include "ops/nn/window.h"

#include <algorithm>

namespace onnxi {
namespace {

std::string ListToString(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }
int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

void WindowAttrs::Read(const NodeView& node) {
  std::string ap = node.GetString("auto_pad", "NOTSET");
  if (ap == "NOTSET" || ap.empty()) {
    auto_pad = AutoPad::kNotSet;
  } else if (ap == "SAME_UPPER") {
    auto_pad = AutoPad::kSameUpper;
  } else if (ap == "SAME_LOWER") {
    auto_pad = AutoPad::kSameLower;
  } else if (ap == "VALID") {
    auto_pad = AutoPad::kValid;
  } else {
    node.Fail(Status::InvalidModel(StrCat(
        "auto_pad '", ap, "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID")));
  }
  kernel_shape = node.GetInts("kernel_shape");
  strides = node.GetInts("strides");
  dilations = node.GetInts("dilations");
  pads = node.GetInts("pads");
  if (auto_pad != AutoPad::kNotSet && !pads.empty()) {
    // The spec says pads "cannot be used simultaneously with auto_pad"; exporters still emit
    // zero pads next to auto_pad, so only nonzero pads are rejected.
    for (int64_t p : pads) {
      if (p != 0) {
        node.Fail(Status::InvalidModel(
            StrCat("pads ", ListToString(pads), " cannot be used together with auto_pad '", ap,
                   "'")));
        break;
      }
    }
  }
}

Status CheckSpatialRank(int rank, const char* what) {
  if (rank < 3) {
    return Status::InvalidArgument(StrCat(what, " has rank ", rank,
                                          "; expected (N, C, spatial...) with at least one "
                                          "spatial dim"));
  }
  if (rank > 5) {
    return Status::Unsupported(
        StrCat(what, " has ", rank - 2, " spatial dims; at most 3 are supported"));
  }
  return Status::Ok();
}

Result<Window> ResolveWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in_spatial,
                             const std::vector<int64_t>& kernel) {
  const size_t r = in_spatial.size();
  Window w;
  w.in = in_spatial;
  w.kernel = kernel;
  if (kernel.size() != r) {
    return Status::InvalidModel(StrCat("kernel_shape ", ListToString(kernel), " has ",
                                       kernel.size(), " values but the input has ", r,
                                       " spatial dims ", ListToString(in_spatial)));
  }
  w.stride = attrs.strides.empty() ? std::vector<int64_t>(r, 1) : attrs.strides;
  w.dilation = attrs.dilations.empty() ? std::vector<int64_t>(r, 1) : attrs.dilations;
  if (w.stride.size() != r) {
    return Status::InvalidModel(StrCat("strides ", ListToString(w.stride), " has ",
                                       w.stride.size(), " values for ", r, " spatial dims"));
  }
  if (w.dilation.size() != r) {
    return Status::InvalidModel(StrCat("dilations ", ListToString(w.dilation), " has ",
                                       w.dilation.size(), " values for ", r, " spatial dims"));
  }
  if (!attrs.pads.empty() && attrs.pads.size() != 2 * r) {
    return Status::InvalidModel(StrCat("pads ", ListToString(attrs.pads), " has ",
                                       attrs.pads.size(), " values; expected ", 2 * r,
                                       " (begin and end for ", r, " spatial dims)"));
  }
  w.out.resize(r);
  w.pad_begin.assign(r, 0);
  w.pad_end.assign(r, 0);
  for (size_t i = 0; i < r; ++i) {
    if (kernel[i] < 1) {
      return Status::InvalidModel(
          StrCat("kernel_shape ", ListToString(kernel), " has a value below 1"));
    }
    if (w.stride[i] < 1) {
      return Status::InvalidModel(
          StrCat("strides ", ListToString(w.stride), " has a value below 1"));
    }
    if (w.dilation[i] < 1) {
      return Status::InvalidModel(
          StrCat("dilations ", ListToString(w.dilation), " has a value below 1"));
    }
    const int64_t in = in_spatial[i], s = w.stride[i];
    const int64_t dk = (kernel[i] - 1) * w.dilation[i] + 1;
    switch (attrs.auto_pad) {
      case AutoPad::kSameUpper:
      case AutoPad::kSameLower: {
        w.out[i] = CeilDiv(in, s);
        const int64_t total = std::max<int64_t>(0, (w.out[i] - 1) * s + dk - in);
        const int64_t small = total / 2, big = total - total / 2;
        w.pad_begin[i] = attrs.auto_pad == AutoPad::kSameUpper ? small : big;
        w.pad_end[i] = attrs.auto_pad == AutoPad::kSameUpper ? big : small;
        break;
      }
      case AutoPad::kValid:
      case AutoPad::kNotSet: {
        if (attrs.auto_pad == AutoPad::kNotSet && !attrs.pads.empty()) {
          w.pad_begin[i] = attrs.pads[i];
          w.pad_end[i] = attrs.pads[i + r];
          if (w.pad_begin[i] < 0 || w.pad_end[i] < 0) {
            return Status::InvalidModel(
                StrCat("pads ", ListToString(attrs.pads), " has a negative value"));
          }
        }
        const int64_t span = in + w.pad_begin[i] + w.pad_end[i] - dk;
        if (span < 0) {
          return Status::InvalidArgument(StrCat(
              "spatial dim ", i, " of size ", in, " with pads ", w.pad_begin[i], "+",
              w.pad_end[i], " is smaller than the dilated kernel size ", dk));
        }
        if (attrs.ceil_mode) {
          w.out[i] = CeilDiv(span, s) + 1;
          // The last window must start inside the input or the begin pad.
          if ((w.out[i] - 1) * s >= in + w.pad_begin[i]) --w.out[i];
        } else {
          w.out[i] = FloorDiv(span, s) + 1;
        }
        break;
      }
    }
  }
  return w;
}

namespace {

template <class G>
G ToGeometry(const Window& w) {
  G g;
  const size_t off = 3 - w.in.size();  // prepend dims of size 1
  for (size_t i = 0; i < w.in.size(); ++i) {
    g.in[off + i] = w.in[i];
    g.out[off + i] = w.out[i];
    g.kernel[off + i] = w.kernel[i];
    g.stride[off + i] = w.stride[i];
    g.dilation[off + i] = w.dilation[i];
    g.pad_begin[off + i] = w.pad_begin[i];
  }
  return g;
}

}  // namespace

kernels::ConvGeometry ToConvGeometry(const Window& w) {
  return ToGeometry<kernels::ConvGeometry>(w);
}

kernels::PoolGeometry ToPoolGeometry(const Window& w) {
  kernels::PoolGeometry g = ToGeometry<kernels::PoolGeometry>(w);
  const size_t off = 3 - w.in.size();
  for (size_t i = 0; i < w.in.size(); ++i) g.pad_end[off + i] = w.pad_end[i];
  return g;
}

bool StaticWindowShape(const WindowAttrs& attrs, const StaticShape& x,
                       const std::vector<int64_t>& kernel, int64_t m, Symbols& symbols,
                       StaticShape* out) {
  if (!x.known || x.dims.size() < 3 || x.dims.size() > 5 || kernel.size() != x.dims.size() - 2) {
    return false;
  }
  // A symbolic spatial dim is replaced by a size every window fits, so that ResolveWindow
  // checks the attributes; its output dim then becomes a fresh symbol.
  std::vector<int64_t> in(x.dims.begin() + 2, x.dims.end());
  int64_t fits = 1;
  for (size_t i = 0; i < kernel.size(); ++i) {
    const int64_t d = i < attrs.dilations.size() ? std::max<int64_t>(attrs.dilations[i], 1) : 1;
    fits = std::max(fits, kernel[i] * d + 1);
  }
  for (int64_t& d : in) {
    if (d < 0) d = fits;
  }
  Result<Window> w = ResolveWindow(attrs, in, kernel);
  if (!w.ok()) return false;
  out->known = true;
  out->dims = {x.dims[0], m};
  for (size_t i = 0; i < w->out.size(); ++i) {
    out->dims.push_back(x.dims[2 + i] < 0 ? symbols.Fresh() : w->out[i]);
  }
  return true;
}

}  // namespace onnxi
