// Session-level tests: the whole path on one-node models, and the errors users meet.
#include "onnxi/session.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}
Tensor Int64s(Shape shape, std::vector<int64_t> v) {
  return Tensor::FromVector<int64_t>(DataType::kInt64, std::move(shape), v);
}

void ExpectErrorContains(const Status& s, const std::string& part) {
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(part), std::string::npos) << "message: " << s.message();
}

TEST(Session, RunsOneNode) {
  OpTester t("Add", 14);
  t.Input("a", Floats({2}, {1, 2})).Input("b", Floats({2}, {10, 20})).Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).data<float>()[1], 22.0f);
}

TEST(Session, UnknownOpsAreAllReportedWithNameAndOpset) {
  OpTester t("FrobnicateTensor", 13);
  t.Input("x", Floats({1}, {1})).Output("y");
  auto r = t.Run();
  ExpectErrorContains(r.status(), "1 node is not supported");
  ExpectErrorContains(r.status(), "FrobnicateTensor (node 'node0', opset 13)");
}

TEST(Session, GatherIndexOutOfRangeNamesNodeAndValue) {
  OpTester t("Gather", 13);
  t.Input("data", Floats({3}, {1, 2, 3})).Input("indices", Int64s({1}, {7})).Output("y");
  auto r = t.Run();
  ExpectErrorContains(r.status(), "Gather (node 'node0', opset 13)");
  ExpectErrorContains(r.status(), "7");
}

TEST(Session, ReshapeElementCountMismatch) {
  OpTester t("Reshape", 14);
  t.Input("x", Floats({2, 3}, {1, 2, 3, 4, 5, 6})).ConstantInput("shape", Int64s({2}, {4, 2}));
  t.Output("y");
  auto r = t.Run();
  ExpectErrorContains(r.status(), "Reshape (node 'node0', opset 14)");
  ExpectErrorContains(r.status(), "[2, 3]");
}

TEST(Session, ReshapeWithShapeKnownOnlyAtRunTime) {
  // The shape comes in as a fed input: Prepare defers, the run settles it.
  OpTester t("Reshape", 14);
  t.Input("x", Floats({2, 3}, {1, 2, 3, 4, 5, 6})).Input("shape", Int64s({2}, {3, 2}));
  t.Output("y");
  auto r = t.Run();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).shape(), (Shape{3, 2}));
}

class SessionInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    OpTester t("Relu", 14);
    t.Input("x", Floats({2, 2}, {1, -1, 2, -2})).Output("y");
    auto s = Session::LoadFromMemory(t.Serialize(), {});
    ASSERT_TRUE(s.ok()) << s.status().message();
    session_ = std::move(s).value();
  }
  std::unique_ptr<Session> session_;
};

TEST_F(SessionInputs, MissingInput) {
  ExpectErrorContains(session_->Run({}).status(), "input 'x' (float32[2, 2]) was not given");
}

TEST_F(SessionInputs, WrongDtype) {
  auto r = session_->Run({{"x", Int64s({2, 2}, {1, 2, 3, 4})}});
  ExpectErrorContains(r.status(), "input 'x' has element type int64; the model declares float32[2, 2]");
}

TEST_F(SessionInputs, WrongRank) {
  auto r = session_->Run({{"x", Floats({4}, {1, 2, 3, 4})}});
  ExpectErrorContains(r.status(), "input 'x' has shape [4]; the model declares float32[2, 2]");
}

TEST_F(SessionInputs, UnknownInputName) {
  auto r = session_->Run({{"x", Floats({2, 2}, {1, 2, 3, 4})}, {"z", Floats({1}, {0})}});
  ExpectErrorContains(r.status(), "no input named 'z'");
}

TEST_F(SessionInputs, RunsManyTimesAndReplansOnNewShape) {
  for (int i = 0; i < 3; ++i) {
    auto r = session_->Run({{"x", Floats({2, 2}, {1, -1, 2, -2})}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->at(0).data<float>()[1], 0.0f);
  }
}

TEST(Session, InitializerRawDataSizeMismatch) {
  OpTester t("Add", 14);
  t.Input("a", Floats({2}, {1, 2})).ConstantInput("b", Floats({2}, {10, 20})).Output("y");
  onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromString(t.Serialize()));
  model.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(5, '\0'));
  auto s = Session::LoadFromMemory(model.SerializeAsString(), {});
  ExpectErrorContains(s.status(), "tensor 'b' has 5 bytes of data but float32[2] needs 8");
}

TEST(Session, Metadata) {
  OpTester t("Relu", 14);
  t.Input("x", Floats({2}, {1, -1})).Output("y");
  onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromString(t.Serialize()));
  model.set_producer_name("maker");
  model.set_producer_version("2.1");
  model.set_domain("org.example");
  model.set_doc_string("a relu");
  model.set_model_version(7);
  model.mutable_graph()->set_name("g");
  model.mutable_graph()->set_doc_string("the graph");
  for (const char* key : {"b", "a"}) {
    auto* prop = model.add_metadata_props();
    prop->set_key(key);
    prop->set_value(std::string(key) + "!");
  }
  auto s = Session::LoadFromMemory(model.SerializeAsString(), {});
  ASSERT_TRUE(s.ok()) << s.status().message();
  const ModelMetadata& m = (*s)->metadata();
  EXPECT_EQ(m.producer_name, "maker");
  EXPECT_EQ(m.producer_version, "2.1");
  EXPECT_EQ(m.domain, "org.example");
  EXPECT_EQ(m.description, "a relu");
  EXPECT_EQ(m.model_version, 7);
  EXPECT_EQ(m.graph_name, "g");
  EXPECT_EQ(m.graph_description, "the graph");
  using Prop = std::pair<std::string, std::string>;
  EXPECT_EQ(m.metadata_props, (std::vector<Prop>{{"b", "b!"}, {"a", "a!"}}));
}

TEST(Session, NotProtobuf) {
  auto s = Session::LoadFromMemory("this is plainly not a protobuf \xff\xff\xff", {});
  ExpectErrorContains(s.status(), "not an ONNX model");
}

TEST(Session, TruncatedModel) {
  OpTester t("Add", 14);
  t.Input("a", Floats({2}, {1, 2})).ConstantInput("b", Floats({2}, {10, 20})).Output("y");
  std::string bytes = t.Serialize();
  for (size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 3}) {
    auto s = Session::LoadFromMemory(bytes.substr(0, cut), {});
    EXPECT_FALSE(s.ok()) << "cut at " << cut;
  }
}

TEST(Session, MissingFile) {
  auto s = Session::Load("/nonexistent/model.onnx", {});
  ExpectErrorContains(s.status(), "cannot open '/nonexistent/model.onnx'");
}

TEST(Session, UndefinedValueIsAnError) {
  OpTester t("Add", 14);
  t.Input("a", Floats({2}, {1, 2})).Output("y");
  onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromString(t.Serialize()));
  model.mutable_graph()->mutable_node(0)->add_input("ghost");
  auto s = Session::LoadFromMemory(model.SerializeAsString(), {});
  ExpectErrorContains(s.status(), "input 'ghost' is not a graph input, an initializer or any node's output");
}

TEST(Session, ConstantSubgraphIsFolded) {
  // Both inputs are initializers: the node runs once at plan time.
  OpTester t("Mul", 14);
  t.ConstantInput("a", Floats({2}, {3, 4})).ConstantInput("b", Floats({2}, {2, 2})).Output("y");
  auto s = Session::LoadFromMemory(t.Serialize(), {});
  ASSERT_TRUE(s.ok());
  auto r = (*s)->Run({});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).data<float>()[1], 8.0f);
  EXPECT_EQ((*s)->plan_stats().num_folded_nodes, 1);
}

}  // namespace
}  // namespace onnxi

namespace onnxi {
namespace {

TEST(Session, ExternalDataBesideTheModel) {
  OpTester t("Add", 14);
  t.Input("a", Floats({2}, {1, 2})).ConstantInput("b", Floats({2}, {10, 20})).Output("y");
  onnx::ModelProto model;
  ASSERT_TRUE(model.ParseFromString(t.Serialize()));
  onnx::TensorProto* b = model.mutable_graph()->mutable_initializer(0);
  std::string bytes = b->raw_data();
  b->clear_raw_data();
  b->set_data_location(onnx::TensorProto::EXTERNAL);
  auto add_kv = [&](const char* k, const std::string& v) {
    auto* kv = b->add_external_data();
    kv->set_key(k);
    kv->set_value(v);
  };
  add_kv("location", "weights.bin");
  add_kv("offset", "4");
  add_kv("length", "8");
  std::string dir = ::testing::TempDir() + "onnxi_external";
  ASSERT_EQ(system(("mkdir -p " + dir).c_str()), 0);
  std::ofstream(dir + "/weights.bin", std::ios::binary) << std::string(4, 'x') << bytes;
  std::ofstream(dir + "/model.onnx", std::ios::binary) << model.SerializeAsString();

  auto s = Session::Load(dir + "/model.onnx", {});
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto r = (*s)->Run({{"a", Floats({2}, {1, 2})}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at(0).data<float>()[1], 22.0f);

  add_kv("length", "800");  // the last key wins: now past the end of the file
  std::ofstream(dir + "/model.onnx", std::ios::binary) << model.SerializeAsString();
  auto bad = Session::Load(dir + "/model.onnx", {});
  ExpectErrorContains(bad.status(), "beyond the end of");

  add_kv("offset", "4x");  // not a number: an error, not an exception
  std::ofstream(dir + "/model.onnx", std::ios::binary) << model.SerializeAsString();
  ExpectErrorContains(Session::Load(dir + "/model.onnx", {}).status(),
                      "external data offset '4x' is not a non-negative integer");

  b->clear_external_data();
  add_kv("location", "../weights.bin");
  std::ofstream(dir + "/model.onnx", std::ios::binary) << model.SerializeAsString();
  ExpectErrorContains(Session::Load(dir + "/model.onnx", {}).status(), "leaves the model's folder");
}

}  // namespace
}  // namespace onnxi
