// Google Benchmark of the GEMM kernels, reporting GFLOP/s (2*M*N*K per call).
//   build/onnxi_bench --benchmark_filter=Gemm
// BM_FmaPeak measures this core's FP32 FMA peak (16 independent AVX-512 FMA chains) as the
// yardstick. BM_Sgemm/<isa>/<threads> runs GetSgemm(isa) in a task_arena of that many
// threads; BM_SgemmPackedB the same with B prepacked (constant weights).
// Shapes: square 256..2048, and shapes ResNet-50's 1x1 and 3x3 convolutions and BERT-base's
// projections produce (M = output channels or tokens, N = pixels or hidden, K = reduction).
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <random>
#include <vector>

#include "kernels/cpu/isa.h"
#include "kernels/gemm/fma_peak.h"
#include "kernels/gemm/gemm.h"
#include "kernels/gemm/sgemm.h"

namespace {

using onnxi::kernels::Isa;

struct Problem {
  onnxi::kernels::GemmParams p;
  std::vector<float> a, b, c;
  explicit Problem(const benchmark::State& state) {
    p.m = state.range(0);
    p.n = state.range(1);
    p.k = state.range(2);
    p.lda = p.k;
    p.ldb = p.n;
    p.ldc = p.n;
    a.resize(p.m * p.k);
    b.resize(p.k * p.n);
    c.resize(p.m * p.n);
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1, 1);
    for (float& v : a) v = u(rng);
    for (float& v : b) v = u(rng);
  }
  void Report(benchmark::State& state) const {
    state.counters["GFLOP/s"] =
        benchmark::Counter(2.0 * p.m * p.n * p.k * state.iterations(), benchmark::Counter::kIsRate,
                           benchmark::Counter::kIs1000);
  }
};

void BM_FmaPeak(benchmark::State& state) {
  if (!onnxi::kernels::CpuSupports(Isa::kAvx512)) {
    state.SkipWithError("no AVX-512");
    return;
  }
  const int64_t iters = 1 << 20;
  for (auto _ : state) benchmark::DoNotOptimize(onnxi::kernels::FmaPeakAvx512(iters));
  state.counters["GFLOP/s"] = benchmark::Counter(
      512.0 * iters * state.iterations(), benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}
BENCHMARK(BM_FmaPeak);

void BM_GemmRef(benchmark::State& state) {
  Problem pr(state);
  for (auto _ : state) {
    onnxi::kernels::GemmRef<float>(pr.p, pr.a.data(), pr.b.data(), pr.c.data());
    benchmark::DoNotOptimize(pr.c.data());
  }
  pr.Report(state);
}

// range(3): Isa, range(4): threads, range(5): 1 = B prepacked, 2 = A prepacked.
void BM_Sgemm(benchmark::State& state) {
  const Isa isa = static_cast<Isa>(state.range(3));
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this Isa");
    return;
  }
  Problem pr(state);
  tbb::task_arena arena(static_cast<int>(state.range(4)));
  std::vector<float> packed;
  const int64_t mode = state.range(5);
  if (mode == 1) {
    packed.resize(onnxi::kernels::SgemmPackedBSize(isa, pr.p.k, pr.p.n));
    onnxi::kernels::SgemmPackB(isa, false, pr.b.data(), pr.p.ldb, pr.p.k, pr.p.n, packed.data());
  } else if (mode == 2) {
    packed.resize(onnxi::kernels::SgemmPackedASize(isa, pr.p.m, pr.p.k));
    onnxi::kernels::SgemmPackA(isa, false, pr.a.data(), pr.p.lda, pr.p.m, pr.p.k, packed.data());
  }
  const auto sgemm = onnxi::kernels::GetSgemm(isa);
  const auto sgemm_packed_b = onnxi::kernels::GetSgemmPackedB(isa);
  const auto sgemm_packed_a = onnxi::kernels::GetSgemmPackedA(isa);
  for (auto _ : state) {
    arena.execute([&] {
      if (mode == 1) {
        sgemm_packed_b(pr.p, pr.a.data(), packed.data(), pr.c.data(), {});
      } else if (mode == 2) {
        sgemm_packed_a(pr.p, packed.data(), pr.b.data(), pr.c.data(), {});
      } else {
        sgemm(pr.p, pr.a.data(), pr.b.data(), pr.c.data(), {});
      }
    });
    benchmark::DoNotOptimize(pr.c.data());
  }
  pr.Report(state);
}

// {M, N, K, prepacked}: 0 none, 1 B (constant weights of Gemm/MatMul), 2 A (Conv weights).
const std::vector<std::vector<int64_t>> kShapes = {
    {256, 256, 256, 0},    {512, 512, 512, 0}, {1024, 1024, 1024, 0},
    {2048, 2048, 2048, 0}, {64, 3136, 576, 0},  // ResNet-50 conv2_x 3x3 (im2col): 64 out,
                                                // 56*56 pixels, 64*9
    {256, 3136, 64, 0},                         // ResNet-50 conv2_x 1x1 expand
    {512, 196, 4608, 0},                        // ResNet-50 conv5_x 3x3 at 14x14 (stride 2)
    {512, 49, 4608, 2},                         // ResNet-50 conv5_x 3x3, 7x7 pixels, W packed
    {2048, 49, 512, 2},                         // ResNet-50 conv5_x 1x1 expand
    {512, 49, 2048, 2},                         // ResNet-50 conv5_x 1x1 reduce
    {96, 12544, 16, 2},                         // MobileNetV2 features.2 1x1 expand, 112x112
    {16, 12544, 32, 2},                         // MobileNetV2 features.1 1x1 project
    {144, 3136, 24, 2},                         // MobileNetV2 features.3 1x1 expand, 56x56
    {24, 3136, 144, 2},                         // MobileNetV2 features.3 1x1 project
    {24, 3136, 96, 2},                          // MobileNetV2 features.2 1x1 project
    {49, 512, 4608, 1},                         // the 3x3 transposed: pixels x W^T packed
    {128, 768, 768, 1},                         // BERT-base Q/K/V projection, seq 128
    {128, 3072, 768, 1},                        // BERT-base FFN up
    {128, 768, 3072, 1},                        // BERT-base FFN down
    {1, 1000, 2048, 1},                         // ResNet-50 classifier (GEMV)
    {1, 1000, 1280, 1},                         // MobileNetV2 classifier (GEMV)
};

void RefArgs(benchmark::internal::Benchmark* b) {
  for (const auto& s : kShapes) {
    if (s[0] * s[1] * s[2] <= (1 << 28)) b->Args({s[0], s[1], s[2]});
  }
}

void SimdArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"m", "n", "k", "isa", "threads", "packed"});
  for (Isa isa : {Isa::kAvx512, Isa::kAvx2, Isa::kGeneric}) {
    for (int threads : {1, 2}) {
      for (const auto& s : kShapes) {
        if (s[0] > 1) b->Args({s[0], s[1], s[2], static_cast<int64_t>(isa), threads, 0});
        if (s[3] != 0) b->Args({s[0], s[1], s[2], static_cast<int64_t>(isa), threads, s[3]});
      }
    }
  }
}

BENCHMARK(BM_GemmRef)->Apply(RefArgs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sgemm)
    ->Apply(SimdArgs)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
