// Inputs for a Session: read from a folder of TensorProto files, or made up from the
// model's declared shapes. Shared by `onnxi run`, `onnxi bench` and the conformance runner.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "onnxi/session.h"

namespace onnxi {

// Reads DIR/input_0.pb, input_1.pb, ... (or every *.pb, sorted). A file whose TensorProto
// name matches a model input feeds that input; unnamed files feed the inputs in order.
// Sequence and optional inputs are read as SequenceProto / OptionalProto files.
Result<std::map<std::string, Value>> ReadInputDir(const Session& session, const std::string& dir);
// Reads DIR/output_0.pb, ... in order, each as the model's output of that position declares.
Result<std::vector<Value>> ReadOutputDir(const Session& session, const std::string& dir);
// Deterministic inputs from declared shapes: symbolic dims become 1 (noted in *notes),
// floats uniform in [-1, 1), integers 0, bools false, strings empty.
Result<std::map<std::string, Value>> MakeInputs(const Session& session, std::string* notes);
// The numbered .pb files PREFIX_0.pb, PREFIX_1.pb, ... in DIR, by number.
std::vector<std::string> NumberedFiles(const std::string& dir, const std::string& prefix);

}  // namespace onnxi
