// The soak test: 10,000 runs of a small model whose input shape changes from run to run,
// from four threads calling Run on one session at once. Every output must equal (bit for
// bit) what a single-threaded run computed for that shape, and memory must stay flat: the
// plans and arenas of changing shapes are replaced, never accumulated.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "onnxi/session.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

// Resident memory of this process in KiB (VmRSS), or -1.
long ResidentKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// y = Softmax(Relu(x W1 + b1) W2), x float32[N, 32] with N symbolic.
std::string Mlp() {
  TestGraph g(13);
  g.Input("x", {-1, 32});
  g.Initializer("w1", RandomFloats({32, 64}, 1));
  g.Initializer("b1", RandomFloats({64}, 2));
  g.Initializer("w2", RandomFloats({64, 16}, 3));
  g.Node("MatMul", {"x", "w1"}, {"h"});
  g.Node("Add", {"h", "b1"}, {"hb"});
  g.Node("Relu", {"hb"}, {"r"});
  g.Node("MatMul", {"r", "w2"}, {"z"});
  g.Node("Softmax", {"z"}, {"y"}, {AttrI("axis", 1)});
  g.Output("y");
  return g.Serialize();
}

TEST(Soak, TenThousandRunsOfChangingShapesFromFourThreads) {
  Options o;
  o.threads = 2;
  auto loaded = Session::LoadFromMemory(Mlp(), o);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Session& s = **loaded;
  constexpr int kShapes = 9;  // batch sizes 1..9
  std::vector<Tensor> inputs, expected;
  for (int n = 1; n <= kShapes; ++n) {
    inputs.push_back(RandomFloats({n, 32}, 100 + n));
    auto y = s.Run({{"x", inputs.back()}});
    ASSERT_TRUE(y.ok()) << y.status().message();
    expected.push_back((*y)[0]);
  }
  std::atomic<int> wrong{0}, runs{0};
  long rss_after_warmup = -1;
  auto work = [&](int t) {
    for (int r = 0; r < 2500; ++r) {
      const int k = (r * 7 + t * 3) % kShapes;  // every thread cycles through the shapes
      auto y = s.Run({{"x", inputs[k]}});
      if (!y.ok() || (*y)[0].shape() != expected[k].shape() ||
          std::memcmp((*y)[0].raw_data(), expected[k].raw_data(), expected[k].nbytes()) != 0) {
        ++wrong;
      }
      if (++runs == 1000) rss_after_warmup = ResidentKib();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(work, t);
  for (std::thread& th : threads) th.join();
  const long rss_end = ResidentKib();
  EXPECT_EQ(runs.load(), 10000);
  EXPECT_EQ(wrong.load(), 0);
  ASSERT_GT(rss_after_warmup, 0);
  // Flat: what 9,000 more runs may add is allocator noise, far below what leaking one
  // arena or output per run would (a float32[9, 64] alone is 2.3 KiB; 9,000 of them 20 MiB).
  EXPECT_LT(rss_end - rss_after_warmup, 4 * 1024)
      << "RSS grew from " << rss_after_warmup << " KiB to " << rss_end << " KiB";
}

}  // namespace
}  // namespace onnxi
