// Reduce* float32 through OpTester: every SIMD kernel choice the CPU runs against the
// reference kernels (within float-sum tolerance), and 1 vs 2 threads bit for bit, on the
// layouts with a fast path (innermost axes, outer axes above contiguous rows, a long
// reduce-all) and ones left to the reference loop; keepdims, negative axes,
// noop_with_empty_axes, axes as an input (opset 18) and as an attribute (opset 13).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/cpu/isa.h"
#include "runtime/op_tester.h"

namespace onnxi {
namespace {

struct Case {
  Shape shape;
  std::vector<int64_t> axes;
  int keepdims;
};

Tensor Random(const Shape& shape, std::mt19937& rng) {
  std::uniform_real_distribution<float> d(0.5f, 1.5f);
  std::vector<float> v(NumElements(shape));
  for (float& x : v) x = d(rng);
  return Tensor::FromVector<float>(DataType::kFloat, shape, v);
}

std::vector<float> RunReduce(const std::string& op, int opset, const Tensor& x, const Case& c,
                       KernelChoice kernels, int threads, int noop = 0) {
  OpTester t(op, opset);
  t.Input("x", x);
  if (opset >= 18) {
    t.ConstantInput("axes", Tensor::FromVector<int64_t>(
                                DataType::kInt64, {static_cast<int64_t>(c.axes.size())}, c.axes));
    t.Attr("noop_with_empty_axes", int64_t{noop});
  } else if (!c.axes.empty()) {
    t.Attr("axes", c.axes);
  }
  t.Attr("keepdims", int64_t{c.keepdims}).Output("y");
  Options o;
  o.kernels = kernels;
  o.threads = threads;
  auto r = t.Run(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return {};
  const Tensor& y = r.value()[0];
  return std::vector<float>(y.data<float>(), y.data<float>() + y.num_elements());
}

const struct {
  KernelChoice choice;
  kernels::Isa isa;
} kSimdChoices[] = {{KernelChoice::kSimd, kernels::Isa::kGeneric},
                    {KernelChoice::kGeneric, kernels::Isa::kGeneric},
                    {KernelChoice::kAvx2, kernels::Isa::kAvx2},
                    {KernelChoice::kAvx512, kernels::Isa::kAvx512}};

TEST(ReduceSimd, MatchesReferenceAndThreadCountKeepsBits) {
  std::mt19937 rng(4);
  const std::vector<Case> cases = {
      {{128, 768}, {-1}, 1},     {{1, 64, 56, 56}, {2, 3}, 1}, {{3, 17}, {1}, 0},
      {{5, 1}, {-1}, 1},         {{2, 33, 7, 9}, {1}, 1},      {{2, 33, 7, 9}, {0}, 0},
      {{300, 65}, {0}, 0},       {{3, 5, 4}, {0, 2}, 1},       {{70001}, {}, 0},
      {{4, 0, 3}, {1}, 1},       {{2, 3, 16}, {0, 1, 2}, 1},   {{0, 5}, {1}, 0},
  };
  for (const char* op : {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
                         "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
                         "ReduceSumSquare"}) {
    for (const Case& c : cases) {
      Tensor x = Random(c.shape, rng);
      for (int opset : {13, 18}) {
        if (opset == 13 && std::string(op) == "ReduceSum") continue;  // axes input from 13
        const std::string what = std::string(op) + " " + ShapeToString(c.shape) + " opset " +
                                 std::to_string(opset);
        std::vector<float> want = RunReduce(op, opset, x, c, KernelChoice::kReference, 1);
        for (const auto& s : kSimdChoices) {
          if (!kernels::CpuSupports(s.isa)) continue;
          std::vector<float> got = RunReduce(op, opset, x, c, s.choice, 1);
          ASSERT_EQ(got.size(), want.size()) << what;
          for (size_t i = 0; i < want.size(); ++i) {
            if (std::isnan(want[i])) {
              EXPECT_TRUE(std::isnan(got[i])) << what;
            } else if (std::isinf(want[i])) {
              EXPECT_EQ(want[i], got[i]) << what;
            } else {
              EXPECT_NEAR(want[i], got[i], 1e-5 * std::fabs(want[i])) << what << " at " << i;
            }
          }
          std::vector<float> two = RunReduce(op, opset, x, c, s.choice, 2);
          ASSERT_EQ(two.size(), got.size()) << what;
          for (size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(std::isnan(got[i]), std::isnan(two[i])) << what;
            if (!std::isnan(got[i])) {
              EXPECT_EQ(got[i], two[i]) << what << " differs at 2 threads, " << i;
            }
          }
        }
      }
    }
  }
}

TEST(ReduceSimd, NoopWithEmptyAxesCopies) {
  std::mt19937 rng(1);
  Tensor x = Random({3, 5}, rng);
  const Case c{{3, 5}, {}, 1};
  std::vector<float> in(x.data<float>(), x.data<float>() + 15);
  EXPECT_EQ(RunReduce("ReduceMean", 18, x, c, KernelChoice::kSimd, 2, 1), in);
  // Without noop, empty axes reduce everything.
  std::vector<float> all = RunReduce("ReduceMean", 18, x, c, KernelChoice::kSimd, 2, 0);
  ASSERT_EQ(all.size(), 1u);
  double s = 0;
  for (float v : in) s += v;
  EXPECT_NEAR(all[0], s / 15, 1e-6);
}

}  // namespace
}  // namespace onnxi
