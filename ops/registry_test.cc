#include "ops/registry.h"

#include <gtest/gtest.h>

#include <tuple>

namespace onnxi {
namespace {

class NopOp : public Op {
 public:
  Status Prepare(PrepareContext&) override { return Status::Ok(); }
  Status Run(RunContext&) override { return Status::Ok(); }
};

OpRegistry Small() {
  OpList list;
  list.Add("Relu", {14, 1, 6, 13}, MakeOp<NopOp>);  // order of registration does not matter
  list.AddInDomain("ai.onnx.ml", "Binarizer", {1}, MakeOp<NopOp>);
  return OpRegistry(std::move(list.entries()));
}

TEST(OpRegistry, NewestSinceVersionNotAboveTheOpsetWins) {
  OpRegistry r = Small();
  EXPECT_EQ(r.Find("", "Relu", 1)->since_version, 1);
  EXPECT_EQ(r.Find("", "Relu", 5)->since_version, 1);
  EXPECT_EQ(r.Find("", "Relu", 6)->since_version, 6);
  EXPECT_EQ(r.Find("", "Relu", 13)->since_version, 13);
  EXPECT_EQ(r.Find("", "Relu", 28)->since_version, 14);
}

TEST(OpRegistry, UnknownOpsDomainsAndTooOldOpsets) {
  OpRegistry r = Small();
  EXPECT_EQ(r.Find("", "Relu", 0), nullptr);
  EXPECT_EQ(r.Find("", "Frobnicate", 13), nullptr);
  EXPECT_EQ(r.Find("ai.onnx.ml", "Relu", 13), nullptr);
  EXPECT_EQ(r.Find("", "Binarizer", 13), nullptr);
  EXPECT_EQ(r.Find("ai.onnx.ml", "Binarizer", 3)->since_version, 1);
  EXPECT_EQ(r.OldestVersion("", "Relu"), 1);
  EXPECT_EQ(r.OldestVersion("", "Frobnicate"), 0);
}

TEST(OpRegistry, DefaultRegistryCoversTheFirstSliceOps) {
  const OpRegistry& r = OpRegistry::Default();
  for (const char* op : {"Conv", "Gemm", "MatMul", "Relu", "Add", "Reshape", "Softmax",
                         "BatchNormalization", "MaxPool", "Gather", "Cast", "ReduceMean"}) {
    EXPECT_NE(r.Find("", op, 13), nullptr) << op;
  }
  // Entries are sorted by (domain, op_type, since_version): Find relies on it.
  const auto& e = r.entries();
  for (size_t i = 1; i < e.size(); ++i) {
    EXPECT_TRUE(std::tie(e[i - 1].domain, e[i - 1].op_type, e[i - 1].since_version) <
                std::tie(e[i].domain, e[i].op_type, e[i].since_version));
  }
}

}  // namespace
}  // namespace onnxi
