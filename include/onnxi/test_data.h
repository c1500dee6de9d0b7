// Test data in the ONNX backend-test layout: TensorProto / SequenceProto / OptionalProto
// files (a case's test_data_set_N/input_K.pb and output_K.pb), a folder of them read as a
// Session's inputs or outputs, and inputs made up from a model's declared shapes. Used by
// `onnxi run`, `onnxi bench` and the conformance runner.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "onnxi/session.h"

namespace onnxi {

// Reads a serialized TensorProto file (a backend test case's input_0.pb); *name, when given,
// gets the proto's name field.
Result<Tensor> ReadTensorFile(const std::string& path, std::string* name = nullptr);
// Reads a test-data file holding what `desc` declares: a TensorProto, a SequenceProto of
// tensors, or an OptionalProto. *name gets the proto's name field.
Result<Value> ReadValueFile(const std::string& path, const ValueDesc& desc, std::string* name);

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
