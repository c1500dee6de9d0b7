// Google Benchmark of the GEMM kernels, reporting GFLOP/s (2*M*N*K per call).
//   build/onnxi_bench --benchmark_filter=Gemm
// Shapes: square 256..1024, and shapes ResNet-50's 1x1 and 3x3 convolutions and BERT-base's
// projections produce (M = output channels or tokens, N = pixels or hidden, K = reduction).
// Today only the scalar reference exists; SIMD variants get entries beside it.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "kernels/gemm/gemm.h"

namespace {

void BM_GemmRef(benchmark::State& state) {
  const int64_t m = state.range(0), n = state.range(1), k = state.range(2);
  std::vector<float> a(m * k), b(k * n), c(m * n);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  for (float& v : a) v = u(rng);
  for (float& v : b) v = u(rng);
  onnxi::kernels::GemmParams p;
  p.m = m;
  p.n = n;
  p.k = k;
  p.lda = k;
  p.ldb = n;
  p.ldc = n;
  for (auto _ : state) {
    onnxi::kernels::GemmRef<float>(p, a.data(), b.data(), c.data());
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * m * n * k * state.iterations(), benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

BENCHMARK(BM_GemmRef)
    ->Args({256, 256, 256})
    ->Args({512, 512, 512})
    ->Args({1024, 1024, 1024})
    ->Args({64, 3136, 576})    // ResNet-50 conv2_x 3x3 (im2col): 64 out, 56*56 pixels, 64*9
    ->Args({256, 3136, 64})    // ResNet-50 conv2_x 1x1 expand
    ->Args({128, 768, 768})    // BERT-base Q/K/V projection, seq 128
    ->Args({128, 3072, 768})   // BERT-base FFN up
    ->Unit(benchmark::kMillisecond);

}  // namespace
