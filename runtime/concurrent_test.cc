// Independent branches at once (runtime/plan.h, steps): with more than one thread the nodes
// of one level of the graph run concurrently. The plan must stay valid for that schedule
// (no node of a step reads what another node of the same step makes; no two values live in
// overlapping steps share bytes) and every output must keep its bits for any thread count.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "runtime/compile.h"
#include "runtime/infer.h"
#include "runtime/loader.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

// An inception-style block: four branches of different depth from x, concatenated.
std::string Inception() {
  TestGraph g(13);
  g.Input("x", {1, 8, 12, 12});
  auto conv = [&](const std::string& in, const std::string& out, int64_t c_in, int64_t m, int64_t k,
                  uint32_t seed) {
    g.Initializer(out + "_w", RandomFloats({m, c_in, k, k}, seed));
    g.Node("Conv", {in, out + "_w"}, {out + "_c"},
           {AttrInts("pads", {k / 2, k / 2, k / 2, k / 2})});
    g.Node("Relu", {out + "_c"}, {out});
  };
  conv("x", "b1", 8, 4, 1, 1);
  conv("x", "b2a", 8, 6, 1, 2);
  conv("b2a", "b2", 6, 4, 3, 3);
  conv("x", "b3a", 8, 6, 1, 4);
  conv("b3a", "b3b", 6, 6, 3, 5);
  conv("b3b", "b3", 6, 4, 3, 6);
  g.Node("MaxPool", {"x"}, {"b4a"},
         {AttrInts("kernel_shape", {3, 3}), AttrInts("pads", {1, 1, 1, 1})});
  conv("b4a", "b4", 8, 4, 1, 7);
  g.Node("Concat", {"b1", "b2", "b3", "b4"}, {"y"}, {AttrI("axis", 1)});
  g.Output("y");
  return g.Serialize();
}

// A random DAG of 80 elementwise nodes over float32[64, 33]: each reads one or two earlier
// values; a few of them are graph outputs.
std::string RandomDag(uint32_t seed) {
  std::mt19937 rng(seed);
  TestGraph g(13);
  g.Input("x0", {64, 33});
  g.Input("x1", {64, 33});
  std::vector<std::string> values = {"x0", "x1"};
  const char* unary[] = {"Relu", "Neg", "Tanh", "Sigmoid"};
  const char* binary[] = {"Add", "Mul", "Sub", "Max"};
  for (int i = 0; i < 80; ++i) {
    const std::string out = "v" + std::to_string(i);
    auto pick = [&] {
      // Mostly recent values, sometimes old ones, so that lifetimes vary.
      const size_t n = values.size();
      const size_t back = rng() % 4 == 0 ? rng() % n : rng() % std::min<size_t>(n, 6);
      return values[n - 1 - back];
    };
    if (rng() % 2) {
      g.Node(unary[rng() % 4], {pick()}, {out});
    } else {
      g.Node(binary[rng() % 4], {pick(), pick()}, {out});
    }
    values.push_back(out);
  }
  for (int i = 79; i >= 0; i -= 13) g.Output("v" + std::to_string(i));
  return g.Serialize();
}

std::vector<Tensor> RunWith(const std::string& model, int threads,
                            const std::map<std::string, Tensor>& feeds, PlanStats* stats) {
  Options o;
  o.threads = threads;
  auto s = Session::LoadFromMemory(model, o);
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return {};
  std::vector<Tensor> out;
  for (int run = 0; run < 3; ++run) {
    auto y = (*s)->Run(feeds);
    EXPECT_TRUE(y.ok()) << y.status().message();
    if (!y.ok()) return {};
    out = *y;
  }
  if (stats) *stats = (*s)->plan_stats();
  return out;
}

void ExpectSameBits(const std::vector<Tensor>& a, const std::vector<Tensor>& b, int threads) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    ASSERT_EQ(a[k].shape(), b[k].shape());
    EXPECT_EQ(std::memcmp(a[k].raw_data(), b[k].raw_data(), a[k].nbytes()), 0)
        << "output " << k << " differs with " << threads << " threads";
  }
}

TEST(Concurrent, InceptionBranchesRunAtOnceWithTheSameBits) {
  const std::string model = Inception();
  const std::map<std::string, Tensor> feeds = {{"x", RandomFloats({1, 8, 12, 12}, 9)}};
  PlanStats one, two;
  const std::vector<Tensor> want = RunWith(model, 1, feeds, &one);
  EXPECT_EQ(one.widest_step, 1);
  for (int threads : {2, 3, 4}) {
    const std::vector<Tensor> got = RunWith(model, threads, feeds, &two);
    EXPECT_GE(two.widest_step, 4) << threads << " threads";  // the four branch heads
    ExpectSameBits(want, got, threads);
  }
}

TEST(Concurrent, RandomGraphsPlanValidAndSameBits) {
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    const std::string model = RandomDag(seed);
    const std::map<std::string, Tensor> feeds = {{"x0", RandomFloats({64, 33}, seed)},
                                                 {"x1", RandomFloats({64, 33}, seed + 50)}};
    const std::vector<Tensor> want = RunWith(model, 1, feeds, nullptr);
    for (int threads : {2, 3})
      ExpectSameBits(want, RunWith(model, threads, feeds, nullptr), threads);

    // The plan's invariants for the concurrent schedule, checked directly.
    Options o;
    o.threads = 2;
    auto loaded = LoadModelFromBytes(model, "", "<test>");
    ASSERT_TRUE(loaded.ok());
    auto cg = CompileGraph(std::move(loaded).value(), o, false);
    ASSERT_TRUE(cg.ok()) << cg.status().message();
    const Graph& g = (*cg)->graph;
    std::vector<const Value*> fed(g.values.size(), nullptr);
    for (const auto& [name, t] : feeds) fed[g.Find(name)] = new Value(t);
    auto plan = InferPlan(**cg, fed, std::numeric_limits<int64_t>::max());
    ASSERT_TRUE(plan.ok()) << plan.status().message();
    const Plan& p = **plan;
    EXPECT_TRUE(p.concurrent);
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      for (int v : g.nodes[i].inputs) {
        const int producer = p.values[v].producer;
        if (producer >= 0) EXPECT_LT(p.nodes[producer].step, p.nodes[i].step) << "node " << i;
      }
    }
    for (size_t a = 0; a < p.values.size(); ++a) {
      for (size_t b = a + 1; b < p.values.size(); ++b) {
        const ValuePlan &x = p.values[a], &y = p.values[b];
        if (x.storage != Storage::kArena || y.storage != Storage::kArena) continue;
        const bool live_together = x.first_use <= y.last_use && y.first_use <= x.last_use;
        const bool share = x.offset < y.offset + y.bytes() && y.offset < x.offset + x.bytes();
        EXPECT_FALSE(live_together && share) << g.values[a].name << " and " << g.values[b].name;
      }
    }
    for (const Value* v : fed) delete v;
  }
}

}  // namespace
}  // namespace onnxi
