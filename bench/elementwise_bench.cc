// Google Benchmark of the SIMD elementwise kernels, one thread, reporting elements/s
// (items_per_second) and bytes/s (read + written).
//   build/onnxi_bench --benchmark_filter=VUnary
// BM_VUnary/<kind>/<isa>: vunary.h kernels over 128 x 3072 floats (BERT-base's FFN
// activation), isa 0 = reference twin, 1 = generic (SSE2), 2 = AVX2, 3 = AVX-512.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/vunary.h"

namespace {

using onnxi::kernels::Isa;
using onnxi::kernels::UnaryKind;

constexpr int64_t kN = 128 * 3072;

std::vector<float> RandomFloats(int64_t n, float lo, float hi) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

void BM_VUnary(benchmark::State& state) {
  const auto kind = static_cast<UnaryKind>(state.range(0));
  const auto isa = static_cast<Isa>(state.range(1));
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this instruction set");
    return;
  }
  std::vector<float> x = RandomFloats(kN, kind == UnaryKind::kLog ? 0.01f : -6.0f, 6.0f);
  std::vector<float> y(kN);
  onnxi::kernels::UnaryParams p;
  auto fn = onnxi::kernels::GetVUnaryF32(kind, isa);
  for (auto _ : state) {
    if (fn != nullptr) {
      fn(x.data(), y.data(), kN, p);
    } else {
      onnxi::kernels::UnaryRef<float>(kind, p, x.data(), y.data(), kN);
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * kN);
  state.SetBytesProcessed(state.iterations() * kN * 8);
}

void UnaryArgs(benchmark::internal::Benchmark* b) {
  for (UnaryKind k : {UnaryKind::kRelu, UnaryKind::kExp, UnaryKind::kLog, UnaryKind::kTanh,
                      UnaryKind::kSigmoid, UnaryKind::kErf, UnaryKind::kGelu}) {
    for (int isa = 0; isa <= 3; ++isa) b->Args({static_cast<int64_t>(k), isa});
  }
}
BENCHMARK(BM_VUnary)->Apply(UnaryArgs);

}  // namespace
