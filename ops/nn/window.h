// Sliding-window attributes shared by Conv, ConvTranspose and the pools: kernel_shape,
// strides, dilations, pads, auto_pad, ceil_mode, and the output-shape rules of the spec.
//
// For each spatial dim i (input size in, dilated kernel dk = (k - 1) * d + 1, stride s):
//   NOTSET:     out = floor((in + pad_begin + pad_end - dk) / s) + 1   (ceil with ceil_mode;
//               with ceil_mode the last window must start inside the input or the begin pad,
//               else out is reduced by one, as in the ONNX reference and PyTorch)
//   VALID:      pads 0, out = floor((in - dk) / s) + 1  (ceil with ceil_mode)
//   SAME_UPPER: out = ceil(in / s), total pad = max(0, (out - 1) * s + dk - in), the odd unit
//               at the end; SAME_LOWER puts it at the beginning.
// Only up to 3 spatial dims are supported (the kernels' limit).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/conv/conv.h"
#include "kernels/pool/pool.h"
#include "onnxi/status.h"
#include "ops/node_view.h"
#include "ops/static_shape.h"

namespace onnxi {

enum class AutoPad { kNotSet, kSameUpper, kSameLower, kValid };

struct WindowAttrs {
  AutoPad auto_pad = AutoPad::kNotSet;
  std::vector<int64_t> kernel_shape;  // empty: taken from W (Conv) or required (pools)
  std::vector<int64_t> strides, dilations, pads;  // empty: defaults
  bool ceil_mode = false;

  // Reads the attributes present on the node (ceil_mode is read by the pools themselves).
  void Read(const NodeView& node);
};

// A resolved window for one input shape: everything a kernel geometry needs.
struct Window {
  std::vector<int64_t> in, out, kernel, stride, dilation, pad_begin, pad_end;
};

// Validates attribute lengths and values against the spatial rank and the kernel, and computes
// the output spatial shape. kernel comes from kernel_shape or W.
Result<Window> ResolveWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in_spatial,
                             const std::vector<int64_t>& kernel);

// The static output shape (N, M, O1, ...) of a window op (ops/static_shape.h) from X's static
// shape (N, C, D1, ...), the kernel's spatial dims and M (the output channels; C for pools):
// the same rules as ResolveWindow, a fresh symbol where an input spatial dim is a symbol.
// false when the attributes do not fit the shapes (the run will say why).
bool StaticWindowShape(const WindowAttrs& attrs, const StaticShape& x,
                       const std::vector<int64_t>& kernel, int64_t m, Symbols& symbols,
                       StaticShape* out);

// The geometries the kernels take, with dims prepended to 3.
kernels::ConvGeometry ToConvGeometry(const Window& w);
kernels::PoolGeometry ToPoolGeometry(const Window& w);

// Checks that a tensor of rank `rank` has 1 to 3 spatial dims after (N, C).
Status CheckSpatialRank(int rank, const char* what);

}  // namespace onnxi
