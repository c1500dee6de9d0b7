// What a model says about itself (ModelProto's descriptive fields), for Session::metadata()
// and the Python module's get_modelmeta(). None of it changes how the model runs.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace onnxi {

struct ModelMetadata {
  std::string producer_name;      // ModelProto.producer_name ("pytorch")
  std::string producer_version;   // ModelProto.producer_version ("1.13.0")
  std::string domain;             // ModelProto.domain
  std::string description;        // ModelProto.doc_string
  int64_t model_version = 0;      // ModelProto.model_version
  std::string graph_name;         // GraphProto.name
  std::string graph_description;  // GraphProto.doc_string
  // ModelProto.metadata_props in file order (keys are not required to be unique).
  std::vector<std::pair<std::string, std::string>> metadata_props;
};

}  // namespace onnxi
