// Google Benchmark of the float32 reductions (kernels/reduce/vreduce.h), one thread,
// reporting bytes read per second.
//   build/onnxi_bench --benchmark_filter='Reduce'
// BM_ReduceMeanRows/<isa>: (128, 768) over the last axis (the decomposed LayerNorm's
// ReduceMean in opset-13 BERT). BM_ReduceMeanSpatial/<isa>: (1, 64, 56, 56) over H, W (rows
// of 3136). BM_ReduceSumCols/<isa>: (64, 3136) over axis 0 (column kernel).
// isa 0 = reference twin ReduceRef, 1 = generic (SSE2), 2 = AVX2, 3 = AVX-512.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "kernels/cpu/isa.h"
#include "kernels/reduce/reduce.h"
#include "kernels/reduce/vreduce.h"

namespace {

using onnxi::kernels::Isa;
using onnxi::kernels::ReduceKind;

// x of (outer, n, inner) reduced over n with the reference or the vreduce kernel of `isa`.
void RunReduce(benchmark::State& state, ReduceKind kind, int64_t outer, int64_t n,
               int64_t inner) {
  const auto isa = static_cast<Isa>(state.range(0));
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this instruction set");
    return;
  }
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> x(outer * n * inner);
  for (float& v : x) v = u(rng);
  std::vector<float> y(outer * inner);
  const int64_t dims[3] = {outer, n, inner};
  const bool flags[3] = {false, true, false};
  onnxi::kernels::ReduceGeometry g;
  onnxi::kernels::MakeReduceGeometry(3, dims, flags, &g);
  const onnxi::kernels::VReduceKernels* vk = onnxi::kernels::GetVReduce(isa);
  for (auto _ : state) {
    if (vk == nullptr) {
      onnxi::kernels::ReduceRef<float>(kind, x.data(), y.data(), g);
    } else if (inner == 1) {
      vk->rows(kind, x.data(), y.data(), 0, outer, n);
    } else {
      for (int64_t o = 0; o < outer; ++o) {
        vk->cols(kind, x.data() + o * n * inner, y.data() + o * inner, n, inner, 0, inner);
      }
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(x.size() * sizeof(float)));
}

void BM_ReduceMeanRows(benchmark::State& state) {
  RunReduce(state, ReduceKind::kMean, 128, 768, 1);
}
void BM_ReduceMeanSpatial(benchmark::State& state) {
  RunReduce(state, ReduceKind::kMean, 64, 56 * 56, 1);
}
void BM_ReduceSumCols(benchmark::State& state) {
  RunReduce(state, ReduceKind::kSum, 1, 64, 3136);
}

BENCHMARK(BM_ReduceMeanRows)->DenseRange(0, 3);
BENCHMARK(BM_ReduceMeanSpatial)->DenseRange(0, 3);
BENCHMARK(BM_ReduceSumCols)->DenseRange(0, 3);

}  // namespace
