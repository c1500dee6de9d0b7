// Node attributes as onnxi stores them after load: one struct for every AttributeProto type.
// A graph attribute (If/Loop/Scan bodies) holds an already converted Graph.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "onnxi/tensor.h"

namespace onnxi {

struct Graph;  // ir/graph.h

struct Attribute {
  // ONNX's AttributeProto.AttributeType numbers.
  enum class Type : int {
    kUndefined = 0,
    kFloat = 1,
    kInt = 2,
    kString = 3,
    kTensor = 4,
    kGraph = 5,
    kFloats = 6,
    kInts = 7,
    kStrings = 8,
    kTensors = 9,
    kGraphs = 10,
    kSparseTensor = 11,
    kSparseTensors = 12,
    kTypeProto = 13,
    kTypeProtos = 14,
  };
  std::string name;
  Type type = Type::kUndefined;
  float f = 0;
  int64_t i = 0;
  std::string s;
  Tensor t;
  std::shared_ptr<Graph> g;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
  std::vector<Tensor> tensors;
  std::vector<std::shared_ptr<Graph>> graphs;
};

const char* AttributeTypeName(Attribute::Type t);

}  // namespace onnxi
