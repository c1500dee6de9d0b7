// A one-node model builder for op tests (ONNX Runtime's OpTester): declares inputs,
// attributes and outputs, serializes a real ModelProto and runs it through Session, so a
// test exercises the same load -> resolve -> infer -> plan -> run path as a user's model.
//
//   OpTester t("Gather", 13);
//   t.Input("data", Tensor::FromVector<float>(DataType::kFloat, {3}, {1, 2, 3}));
//   t.Input("indices", Tensor::FromVector<int64_t>(DataType::kInt64, {1}, {7}));
//   t.Output("y");
//   auto r = t.Run();   // r.status().message() names the node and the bad index
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "onnxi/session.h"

namespace onnxi {

class OpTester {
 public:
  OpTester(std::string op_type, int opset, std::string domain = "");
  ~OpTester();

  // A graph input fed at run time (its shape known only then).
  OpTester& Input(const std::string& name, Tensor value);
  // An initializer: its data is known when the op is prepared.
  OpTester& ConstantInput(const std::string& name, Tensor value);
  // An omitted optional input ("" in the node).
  OpTester& NoInput();
  OpTester& Output(const std::string& name);

  OpTester& Attr(const std::string& name, int64_t v);
  OpTester& Attr(const std::string& name, float v);
  OpTester& Attr(const std::string& name, const std::string& v);
  OpTester& Attr(const std::string& name, const std::vector<int64_t>& v);
  OpTester& Attr(const std::string& name, const std::vector<float>& v);

  // The serialized model, for tests of the loader itself.
  std::string Serialize() const;
  Result<std::vector<Tensor>> Run(const Options& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onnxi
