// Weights an op packed and released (PrepareContext::ReleaseConstantInput) stay usable: runs
// after the first, runs with other input shapes, and nodes prepared again on every run
// (deferred: their input's shape depends on data) all see the weight's dtype and shape.
#include <gtest/gtest.h>

#include "onnxi/session.h"
#include "runtime/compile.h"
#include "runtime/infer.h"
#include "runtime/loader.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::vector<float> v) {
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

// y = MatMul(X', W): W (3, 2) is an initializer the MatMul packs and releases.
// deferred == true: X' = Resize(X, scales) with scales fed, so the MatMul is prepared at run
// time on every run; otherwise X' = X.
std::unique_ptr<Session> Load(bool deferred) {
  TestGraph g(13);
  g.Input("x", {-1, 3});
  g.Initializer("w", Floats({3, 2}, {1, 2, 3, 4, 5, 6}));
  if (deferred) {
    g.Input("scales", {2});
    g.Node("Resize", {"x", "", "scales"}, {"xs"});
    g.Node("MatMul", {"xs", "w"}, {"y"});
  } else {
    g.Node("MatMul", {"x", "w"}, {"y"});
  }
  g.Output("y");
  auto s = Session::LoadFromMemory(g.Serialize(), Options{});
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s).value() : nullptr;
}

void ExpectRow(const Tensor& y, int64_t row, float a, float b) {
  EXPECT_EQ(y.data<float>()[row * 2], a);
  EXPECT_EQ(y.data<float>()[row * 2 + 1], b);
}

TEST(ReleasedWeights, SurviveRunsAndNewInputShapes) {
  std::unique_ptr<Session> s = Load(false);
  ASSERT_NE(s, nullptr);
  for (int64_t rows : {1, 1, 3, 1}) {
    std::vector<float> x(rows * 3, 0.0f);
    x[0] = 1;  // row 0 = (1, 0, 0) -> W's first row
    auto y = s->Run({{"x", Floats({rows, 3}, x)}});
    ASSERT_TRUE(y.ok()) << y.status().message();
    ASSERT_EQ((*y)[0].shape(), (Shape{rows, 2}));
    ExpectRow((*y)[0], 0, 1, 2);
  }
}

TEST(ReleasedWeights, NodesPreparedOnEveryRunStillSeeThem) {
  std::unique_ptr<Session> s = Load(true);
  ASSERT_NE(s, nullptr);
  for (int run = 0; run < 3; ++run) {
    auto y = s->Run({{"x", Floats({1, 3}, {0, 1, 0})}, {"scales", Floats({2}, {1, 1})}});
    ASSERT_TRUE(y.ok()) << "run " << run << ": " << y.status().message();
    ExpectRow((*y)[0], 0, 3, 4);  // W's second row
  }
}

// The weight is gone from memory, not only from the graph: neither the compiled graph nor the
// plan keeps a handle to it (a plan that did held every packed weight twice).
TEST(ReleasedWeights, NoHandleIsLeftToTheOriginal) {
  TestGraph g(13);
  g.Input("x", {-1, 3});
  g.Initializer("w", Floats({3, 2}, {1, 2, 3, 4, 5, 6}));
  g.Node("MatMul", {"x", "w"}, {"y"});
  g.Output("y");
  auto model = LoadModelFromBytes(g.Serialize(), "", "<test>");
  ASSERT_TRUE(model.ok());
  auto cg = CompileGraph(std::move(model).value(), Options{}, false);
  ASSERT_TRUE(cg.ok()) << cg.status().message();
  const int x = (*cg)->graph.Find("x"), w = (*cg)->graph.Find("w");
  std::vector<const Value*> fed((*cg)->graph.values.size(), nullptr);
  Value xv = Floats({1, 3}, {1, 0, 0});
  fed[x] = &xv;
  auto plan = InferPlan(**cg, fed, std::numeric_limits<int64_t>::max());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE((*cg)->released[w]);
  EXPECT_TRUE((*cg)->constants[w].is_none());
  EXPECT_EQ((*plan)->values[w].storage, Storage::kReleased);
  EXPECT_TRUE((*plan)->values[w].constant.is_none());
}

}  // namespace
}  // namespace onnxi
