// TensorProto -> Tensor, for initializers, Constant attributes and test-data files
// (onnxi/test_data.h).
//
// Handles raw_data (little-endian) and every typed field (float_data, int32_data for the
// small ints, bool, float16/bfloat16 and float8 bit patterns, int64_data, double_data,
// uint64_data, string_data) and external data files relative to the model's folder.
// The element count implied by dims is checked against what the proto holds.
#pragma once

#include <string>

#include "onnxi/session.h"
#include "onnxi/status.h"
#include "onnxi/tensor.h"
#include "onnxi/value.h"

namespace onnx {
class TensorProto;
}

namespace onnxi {

// base_dir: the folder external data paths are relative to ("" when there is none).
Result<Tensor> TensorFromProto(const onnx::TensorProto& proto, const std::string& base_dir);
// ReadTensorFile and ReadValueFile (onnxi/test_data.h) are implemented beside it.
// Reads a whole file; IoError naming the path when it cannot.
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace onnxi
