#include "onnxi/test_data.h"

#include <algorithm>
#include <filesystem>
#include <random>

#include "runtime/tensor_proto.h"

namespace onnxi {

namespace fs = std::filesystem;

std::vector<std::string> NumberedFiles(const std::string& dir, const std::string& prefix) {
  std::vector<std::pair<long, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix + "_", 0) != 0 || entry.path().extension() != ".pb") continue;
    std::string number = name.substr(prefix.size() + 1, name.size() - prefix.size() - 4);
    if (number.empty() || number.size() > 9 || !std::all_of(number.begin(), number.end(), ::isdigit)) {
      continue;  // not input_N.pb with a number std::stol can hold
    }
    found.emplace_back(std::stol(number), entry.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& f : found) paths.push_back(f.second);
  return paths;
}

Result<std::map<std::string, Value>> ReadInputDir(const Session& session, const std::string& dir) {
  if (!fs::is_directory(dir)) return Status::IoError(StrCat("'", dir, "' is not a folder"));
  std::vector<std::string> files = NumberedFiles(dir, "input");
  if (files.empty()) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string file = entry.path().filename().string();
      if (entry.path().extension() == ".pb" && file.rfind("output_", 0) != 0) {
        files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
  }
  const auto& inputs = session.inputs();
  std::map<std::string, Value> feeds;
  size_t next = 0;  // the next input an unnamed file feeds
  for (const std::string& path : files) {
    // The k-th file feeds the k-th input unless its proto names another input.
    while (next < inputs.size() && feeds.count(inputs[next].name)) ++next;
    if (next >= inputs.size()) {
      return Status::InvalidArgument(StrCat("'", path, "' has no model input left to feed (the model has ",
                                            inputs.size(), " inputs)"));
    }
    std::string name;
    ONNXI_ASSIGN_OR_RETURN(Value value, ReadValueFile(path, inputs[next], &name));
    auto named = std::find_if(inputs.begin(), inputs.end(),
                              [&](const ValueDesc& d) { return d.name == name; });
    if (named == inputs.end() || feeds.count(name)) {
      name = inputs[next++].name;
    } else if (named->kind != inputs[next].kind) {
      ONNXI_ASSIGN_OR_RETURN(value, ReadValueFile(path, *named, nullptr));
    }
    feeds[name] = std::move(value);
  }
  for (const ValueDesc& d : inputs) {
    if (!feeds.count(d.name)) {
      return Status::InvalidArgument(StrCat("input '", d.name, "' (", d.type_string,
                                            ") has no file in '", dir, "'"));
    }
  }
  return feeds;
}

Result<std::vector<Value>> ReadOutputDir(const Session& session, const std::string& dir) {
  std::vector<Value> outputs;
  std::vector<std::string> files = NumberedFiles(dir, "output");
  const auto& descs = session.outputs();
  for (size_t k = 0; k < files.size(); ++k) {
    if (k >= descs.size()) {
      return Status::InvalidArgument(StrCat("'", files[k], "' has no model output (the model has ",
                                            descs.size(), ")"));
    }
    ONNXI_ASSIGN_OR_RETURN(Value v, ReadValueFile(files[k], descs[k], nullptr));
    outputs.push_back(std::move(v));
  }
  return outputs;
}

Result<std::map<std::string, Value>> MakeInputs(const Session& session, std::string* notes) {
  std::map<std::string, Value> feeds;
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (const ValueDesc& d : session.inputs()) {
    if (d.kind != ValueDesc::Kind::kTensor || !d.has_shape) {
      return Status::InvalidArgument(StrCat("input '", d.name, "' is ", d.type_string,
                                            " with no shape to make it from; pass --inputs DIR"));
    }
    Shape shape;
    for (size_t i = 0; i < d.dims.size(); ++i) {
      if (d.dims[i] >= 0) {
        shape.push_back(d.dims[i]);
        continue;
      }
      shape.push_back(1);
      if (notes) *notes += StrCat("input '", d.name, "': dim ", i, " (", d.dim_names[i].empty() ? "?" : d.dim_names[i], ") set to 1\n");
    }
    Tensor t = Tensor::Allocate(d.dtype, shape);
    const int64_t n = t.num_elements();
    switch (d.dtype) {
      case DataType::kFloat:
        for (int64_t i = 0; i < n; ++i) t.data<float>()[i] = uniform(rng);
        break;
      case DataType::kDouble:
        for (int64_t i = 0; i < n; ++i) t.data<double>()[i] = uniform(rng);
        break;
      case DataType::kFloat16:
        for (int64_t i = 0; i < n; ++i) t.data<Float16>()[i] = Float16(uniform(rng));
        break;
      case DataType::kBfloat16:
        for (int64_t i = 0; i < n; ++i) t.data<BFloat16>()[i] = BFloat16(uniform(rng));
        break;
      default:
        break;  // integers 0 (a safe index), bools false, strings empty
    }
    feeds[d.name] = std::move(t);
  }
  return feeds;
}

}  // namespace onnxi
