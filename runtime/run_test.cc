// A run as callers control and watch it: RunObserver before/after each node (and feeding a
// node other inputs), cancellation, deadlines, the memory limit, and runs from several
// threads on one session.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "onnxi/session.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

std::unique_ptr<Session> LoadOrDie(const std::string& bytes, const Options& o = {}) {
  auto s = Session::LoadFromMemory(bytes, o);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s).value() : nullptr;
}

// y = Neg(Relu(x)), x float32[4]
std::string ReluNeg() {
  TestGraph g(13);
  g.Input("x", {4});
  g.Node("Relu", {"x"}, {"r"});
  g.Node("Neg", {"r"}, {"y"});
  g.Output("y");
  return g.Serialize();
}

class Recorder : public RunObserver {
 public:
  void BeforeNode(const NodeInfo& node, std::vector<const Value*>& inputs) override {
    seen.push_back("before " + node.op_type + " " + node.output_names[0]);
    if (replace_input_of == node.op_type) inputs[0] = &replacement;
  }
  Status AfterNode(const NodeInfo& node, const std::vector<const Value*>& inputs,
                   const std::vector<const Value*>& outputs) override {
    seen.push_back("after " + node.op_type);
    last_output = outputs[0]->tensor().Clone();
    if (fail_after == node.op_type) return Status::InvalidArgument("stopped by the observer");
    return Status::Ok();
  }
  std::vector<std::string> seen;
  std::string replace_input_of, fail_after;
  Value replacement;
  Tensor last_output;
};

TEST(RunObserver, SeesEveryNodeInOrderWithItsValues) {
  auto s = LoadOrDie(ReluNeg());
  ASSERT_NE(s, nullptr);
  Recorder rec;
  RunOptions ro;
  ro.observer = &rec;
  auto y = s->Run({{"x", Floats({4}, {-1, 2, -3, 4})}}, ro);
  ASSERT_TRUE(y.ok()) << y.status().message();
  EXPECT_EQ(rec.seen,
            (std::vector<std::string>{"before Relu r", "after Relu", "before Neg y", "after Neg"}));
  EXPECT_EQ(rec.last_output.data<float>()[1], -2.0f);
}

TEST(RunObserver, CanFeedANodeOtherInputs) {
  auto s = LoadOrDie(ReluNeg());
  ASSERT_NE(s, nullptr);
  Recorder rec;
  rec.replace_input_of = "Neg";
  rec.replacement = Floats({4}, {10, 20, 30, 40});
  RunOptions ro;
  ro.observer = &rec;
  auto y = s->Run({{"x", Floats({4}, {-1, 2, -3, 4})}}, ro);
  ASSERT_TRUE(y.ok()) << y.status().message();
  EXPECT_EQ((*y)[0].data<float>()[0], -10.0f);  // Neg read the replacement, not Relu's output
  // Without the observer the same session computes from its own values again.
  auto plain = s->Run({{"x", Floats({4}, {-1, 2, -3, 4})}});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)[0].data<float>()[0], 0.0f);
}

TEST(RunObserver, AnErrorStopsTheRunWithTheNodeNamed) {
  auto s = LoadOrDie(ReluNeg());
  ASSERT_NE(s, nullptr);
  Recorder rec;
  rec.fail_after = "Relu";
  RunOptions ro;
  ro.observer = &rec;
  auto y = s->Run({{"x", Floats({4}, {1, 2, 3, 4})}}, ro);
  ASSERT_FALSE(y.ok());
  EXPECT_NE(y.status().message().find("Relu (node 'Relu_1', opset 13): stopped by the observer"),
            std::string::npos)
      << y.status().message();
  EXPECT_EQ(rec.seen.size(), 2u);  // Neg never ran
}

TEST(RunOptions, ACancelledRunStops) {
  auto s = LoadOrDie(ReluNeg());
  ASSERT_NE(s, nullptr);
  std::atomic<bool> cancel{true};
  RunOptions ro;
  ro.cancel = &cancel;
  auto y = s->Run({{"x", Floats({4}, {1, 2, 3, 4})}}, ro);
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kCancelled);
  cancel = false;
  EXPECT_TRUE(s->Run({{"x", Floats({4}, {1, 2, 3, 4})}}, ro).ok());
}

// A Loop with trip count M (fed) whose body adds 1 to a carried float32[n] and scans it out.
std::string CountingLoop(int64_t n) {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(13);
  onnx::GraphProto* g = m.mutable_graph();
  g->set_name("main");
  auto input = [](onnx::GraphProto* gp, const std::string& name, int type,
                  std::vector<int64_t> dims) {
    onnx::ValueInfoProto* v = gp->add_input();
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(type);
    for (int64_t d : dims) t->mutable_shape()->add_dim()->set_dim_value(d);
  };
  input(g, "M", onnx::TensorProto::INT64, {});
  input(g, "x0", onnx::TensorProto::FLOAT, {n});
  g->add_output()->set_name("x_final");
  g->add_output()->set_name("scanned");
  onnx::NodeProto* loop = g->add_node();
  loop->set_op_type("Loop");
  loop->set_name("loop");
  loop->add_input("M");
  loop->add_input("");
  loop->add_input("x0");
  loop->add_output("x_final");
  loop->add_output("scanned");
  onnx::AttributeProto* body_attr = loop->add_attribute();
  body_attr->set_name("body");
  body_attr->set_type(onnx::AttributeProto::GRAPH);
  onnx::GraphProto* body = body_attr->mutable_g();
  body->set_name("body");
  input(body, "i", onnx::TensorProto::INT64, {});
  input(body, "cond_in", onnx::TensorProto::BOOL, {});
  input(body, "x", onnx::TensorProto::FLOAT, {n});
  onnx::TensorProto* one = body->add_initializer();
  one->set_name("one");
  one->set_data_type(onnx::TensorProto::FLOAT);
  one->add_float_data(1.0f);
  onnx::NodeProto* add = body->add_node();
  add->set_op_type("Add");
  add->add_input("x");
  add->add_input("one");
  add->add_output("x_next");
  onnx::NodeProto* id = body->add_node();
  id->set_op_type("Identity");
  id->add_input("cond_in");
  id->add_output("cond_out");
  onnx::NodeProto* copy = body->add_node();
  copy->set_op_type("Identity");
  copy->add_input("x_next");
  copy->add_output("scan");
  body->add_output()->set_name("cond_out");
  body->add_output()->set_name("x_next");
  body->add_output()->set_name("scan");
  return m.SerializeAsString();
}

std::map<std::string, Tensor> LoopFeeds(int64_t trips, int64_t n) {
  return {{"M", Tensor::FromVector<int64_t>(DataType::kInt64, {}, {trips})},
          {"x0", Tensor::Allocate(DataType::kFloat, {n})}};
}

TEST(RunOptions, ADeadlineStopsAnEndlessLoop) {
  auto s = LoadOrDie(CountingLoop(4));
  ASSERT_NE(s, nullptr);
  auto ok = s->Run(LoopFeeds(3, 4));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ((*ok)[0].data<float>()[0], 3.0f);
  EXPECT_EQ((*ok)[1].shape(), (Shape{3, 4}));

  RunOptions ro;
  ro.timeout_seconds = 0.2;
  const auto start = std::chrono::steady_clock::now();
  auto y = s->Run(LoopFeeds(1'000'000'000'000, 4), ro);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kDeadlineExceeded) << y.status().message();
  EXPECT_LT(seconds, 10.0);  // a bound far above 0.2 s: the machine is shared
}

TEST(RunOptions, CancellingFromAnotherThreadStopsTheRun) {
  auto s = LoadOrDie(CountingLoop(4));
  ASSERT_NE(s, nullptr);
  std::atomic<bool> cancel{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  RunOptions ro;
  ro.cancel = &cancel;
  auto y = s->Run(LoopFeeds(1'000'000'000'000, 4), ro);
  stopper.join();
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kCancelled) << y.status().message();
  EXPECT_NE(y.status().message().find("Loop (node 'loop', opset 13)"), std::string::npos)
      << y.status().message();
}

TEST(MaxMemory, AGrowingScanOutputStopsAtTheLimit) {
  Options o;
  o.max_memory = 64 << 20;
  auto s = LoadOrDie(CountingLoop(1 << 18), o);  // 1 MiB per iteration
  ASSERT_NE(s, nullptr);
  auto y = s->Run(LoopFeeds(1'000'000'000'000, 1 << 18));
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kResourceExhausted) << y.status().message();
  EXPECT_NE(y.status().message().find("Loop (node 'loop', opset 13): the scan outputs after"),
            std::string::npos)
      << y.status().message();
}

TEST(MaxMemory, APlanAboveTheLimitNamesTheLargestValue) {
  TestGraph g(13);
  g.Input("x", {1024, 1024});  // 4 MiB
  g.Node("Relu", {"x"}, {"r"});
  g.Node("Neg", {"r"}, {"y"});
  g.Output("y");
  Options o;
  o.max_memory = 6 << 20;
  auto s = LoadOrDie(g.Serialize(), o);
  ASSERT_NE(s, nullptr);
  auto y = s->Run({{"x", Tensor::Allocate(DataType::kFloat, {1024, 1024})}});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(y.status().message().find("the memory plan needs 8.00 MiB"), std::string::npos)
      << y.status().message();
  o.max_memory = 16 << 20;
  s = LoadOrDie(g.Serialize(), o);
  EXPECT_TRUE(s->Run({{"x", Tensor::Allocate(DataType::kFloat, {1024, 1024})}}).ok());
}

TEST(MaxMemory, ADataDependentOutputIsCheckedBeforeItIsAllocated) {
  TestGraph g(13);
  g.Input("dims", {3});
  g.Node("Cast", {"dims"}, {"shape"}, {AttrI("to", onnx::TensorProto::INT64)});
  g.Node("ConstantOfShape", {"shape"}, {"y"});
  g.Output("y");
  Options o;
  o.max_memory = 64 << 20;
  auto s = LoadOrDie(g.Serialize(), o);
  ASSERT_NE(s, nullptr);
  // 2^38 floats = 1 TiB: checked and refused, never allocated.
  auto y = s->Run({{"dims", Floats({3}, {1 << 20, 1 << 10, 1 << 8})}});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(y.status().message().find("ConstantOfShape (node 'ConstantOfShape_2', opset 13)"),
            std::string::npos)
      << y.status().message();
  EXPECT_NE(y.status().message().find("float32[1048576, 1024, 256]"), std::string::npos)
      << y.status().message();
}

TEST(Session, RunsFromSeveralThreadsTakeTurnsAndStayRight) {
  auto s = LoadOrDie(ReluNeg());
  ASSERT_NE(s, nullptr);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < 200; ++r) {
        const float v = static_cast<float>(t * 1000 + r);
        auto y = s->Run({{"x", Floats({4}, {v, -v, v, -v})}});
        if (!y.ok() || (*y)[0].data<float>()[0] != -v || (*y)[0].data<float>()[1] != 0.0f) ++wrong;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace onnxi
