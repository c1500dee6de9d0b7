#include "runtime/planner.h"

#include <gtest/gtest.h>

#include <random>

namespace onnxi {
namespace {

// No two buffers that are alive at the same step may share a byte.
void ExpectNoOverlap(const std::vector<BufferRequest>& req, const ArenaPlan& plan) {
  for (size_t a = 0; a < req.size(); ++a) {
    EXPECT_EQ(plan.offsets[a] % 64, 0);
    EXPECT_LE(plan.offsets[a] + req[a].size, plan.peak);
    for (size_t b = a + 1; b < req.size(); ++b) {
      bool live_together = req[a].first <= req[b].last && req[b].first <= req[a].last;
      bool share_bytes = plan.offsets[a] < plan.offsets[b] + req[b].size &&
                         plan.offsets[b] < plan.offsets[a] + req[a].size;
      if (req[a].size > 0 && req[b].size > 0) {
        EXPECT_FALSE(live_together && share_bytes) << "buffers " << a << " and " << b;
      }
    }
  }
}

TEST(PlanArena, ChainReusesMemory) {
  // A chain x0 -> x1 -> ... where each value dies at the next step: two buffers suffice.
  std::vector<BufferRequest> req;
  for (int i = 0; i < 10; ++i) req.push_back({1000, i, i + 1});
  ArenaPlan plan = PlanArena(req);
  ExpectNoOverlap(req, plan);
  EXPECT_EQ(plan.peak, 2 * 1024);
  EXPECT_EQ(plan.total, 10 * 1024);
}

TEST(PlanArena, AllLiveNeedTheSum) {
  std::vector<BufferRequest> req = {{100, 0, 5}, {200, 1, 5}, {300, 2, 5}};
  ArenaPlan plan = PlanArena(req);
  ExpectNoOverlap(req, plan);
  EXPECT_EQ(plan.peak, plan.total);
}

TEST(PlanArena, EmptyAndZeroSized) {
  EXPECT_EQ(PlanArena({}).peak, 0);
  ArenaPlan plan = PlanArena({{0, 0, 1}});
  EXPECT_EQ(plan.peak, 0);
}

TEST(PlanArena, RandomLifetimesNeverOverlapAndPeakBelowSum) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<BufferRequest> req;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      int first = static_cast<int>(rng() % 30);
      int last = first + static_cast<int>(rng() % 6);
      req.push_back({static_cast<int64_t>(rng() % 5000), first, last});
    }
    ArenaPlan plan = PlanArena(req);
    ExpectNoOverlap(req, plan);
    EXPECT_LE(plan.peak, plan.total);
  }
}

}  // namespace
}  // namespace onnxi
