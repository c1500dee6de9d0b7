// load: ONNX ModelProto (protobuf) -> onnxi's Model (runtime/graph.h).
//
// Reads opset imports per domain, initializers (with external data beside the model),
// graph inputs/outputs with their declared types, nodes with attributes (subgraphs
// recursively), and checks that every node input is produced somewhere. Nodes are put in
// topological order. Nothing after this touches protobuf.
#pragma once

#include <string>

#include "onnxi/status.h"
#include "ir/graph.h"

namespace onnxi {

Result<Model> LoadModel(const std::string& path);
// The same from bytes already in memory; base_dir resolves external data.
Result<Model> LoadModelFromBytes(const std::string& bytes, const std::string& base_dir,
                                 const std::string& label);

}  // namespace onnxi
