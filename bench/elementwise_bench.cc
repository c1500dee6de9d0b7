// Google Benchmark of the SIMD elementwise kernels, one thread, reporting elements/s
// (items_per_second) and bytes/s (read + written).
//   build/onnxi_bench --benchmark_filter='VUnary|Softmax|LayerNorm|Binary|Transpose'
// BM_VUnary/<kind>/<isa>: vunary.h kernels over 128 x 3072 floats (BERT-base's FFN
// activation), isa 0 = reference twin, 1 = generic (SSE2), 2 = AVX2, 3 = AVX-512.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "kernels/cpu/isa.h"
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/binary_functors.h"
#include "kernels/elementwise/vbinary.h"
#include "kernels/elementwise/vunary.h"
#include "kernels/normalization/layer_norm.h"
#include "kernels/normalization/softmax.h"
#include "kernels/normalization/vnorm.h"
#include "kernels/tensor/copy.h"
#include "kernels/tensor/transpose.h"

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

const char* KindName(UnaryKind k) {
  switch (k) {
    case UnaryKind::kRelu: return "Relu";
    case UnaryKind::kExp: return "Exp";
    case UnaryKind::kLog: return "Log";
    case UnaryKind::kTanh: return "Tanh";
    case UnaryKind::kSigmoid: return "Sigmoid";
    case UnaryKind::kErf: return "Erf";
    case UnaryKind::kGelu: return "Gelu";
    default: return "?";
  }
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
  state.SetLabel(std::string(KindName(kind)) + " " + onnxi::kernels::IsaName(isa));
}

void UnaryArgs(benchmark::internal::Benchmark* b) {
  for (UnaryKind k : {UnaryKind::kRelu, UnaryKind::kExp, UnaryKind::kLog, UnaryKind::kTanh,
                      UnaryKind::kSigmoid, UnaryKind::kErf, UnaryKind::kGelu}) {
    for (int isa = 0; isa <= 3; ++isa) b->Args({static_cast<int64_t>(k), isa});
  }
}
BENCHMARK(BM_VUnary)->Apply(UnaryArgs);

}  // namespace

// BM_Softmax/<isa>/<n>: vnorm.h softmax over 12 x 128 rows of n (BERT-base attention, 12 heads,
// 128 tokens); isa 0 = the double-precision twin SoftmaxRef.
void BM_Softmax(benchmark::State& state) {
  const auto isa = static_cast<Isa>(state.range(0));
  const int64_t n = state.range(1), rows = 12 * 128;
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this instruction set");
    return;
  }
  std::vector<float> x = RandomFloats(rows * n, -8, 8), y(rows * n);
  const onnxi::kernels::VNormKernels* k = onnxi::kernels::GetVNorm(isa);
  onnxi::kernels::SoftmaxParams p;
  p.outer = rows;
  p.n = n;
  for (auto _ : state) {
    if (k != nullptr) {
      k->softmax(x.data(), y.data(), 0, rows, n, false);
    } else {
      onnxi::kernels::SoftmaxRef<float>(x.data(), y.data(), p);
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * rows * n);
  state.SetBytesProcessed(state.iterations() * rows * n * 8);
}
BENCHMARK(BM_Softmax)->ArgsProduct({{0, 1, 2, 3}, {128}});

// BM_LayerNorm/<isa>: vnorm.h layer norm over 128 x 768 (BERT-base hidden states) with scale
// and bias; isa 0 = the double-precision twin LayerNormRef.
void BM_LayerNorm(benchmark::State& state) {
  const auto isa = static_cast<Isa>(state.range(0));
  const int64_t rows = 128, n = 768;
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this instruction set");
    return;
  }
  std::vector<float> x = RandomFloats(rows * n, -3, 3), y(rows * n);
  std::vector<float> scale = RandomFloats(n, 0.5f, 1.5f), bias = RandomFloats(n, -1, 1);
  const onnxi::kernels::VNormKernels* k = onnxi::kernels::GetVNorm(isa);
  onnxi::kernels::LayerNormParams p;
  p.outer = rows;
  p.n = n;
  p.scale_n = n;
  p.bias_n = n;
  for (auto _ : state) {
    if (k != nullptr) {
      k->layer_norm(x.data(), scale.data(), bias.data(), y.data(), nullptr, nullptr, 0, rows, n,
                    1e-5f, false);
    } else {
      onnxi::kernels::LayerNormRef<float, float, float>(x.data(), scale.data(), bias.data(),
                                                        y.data(), nullptr, nullptr, p);
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * rows * n);
  state.SetBytesProcessed(state.iterations() * rows * n * 8);
}
BENCHMARK(BM_LayerNorm)->DenseRange(0, 3);

// BM_BinaryBias/<isa>: Add of a (128, 768) activation and a (768) bias through vbinary.h rows
// (BERT's projection bias); isa 0 = the scalar functor loop of binary.h.
void BM_BinaryBias(benchmark::State& state) {
  const auto isa = static_cast<Isa>(state.range(0));
  const int64_t rows = 128, n = 768;
  if (!onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("CPU lacks this instruction set");
    return;
  }
  std::vector<float> a = RandomFloats(rows * n, -1, 1), b = RandomFloats(n, -1, 1), c(rows * n);
  const int64_t shape[] = {rows, n}, as[] = {n, 1}, bs[] = {0, 1};
  auto row = onnxi::kernels::GetVBinaryF32(onnxi::kernels::BinaryOpF32::kAdd, isa);
  for (auto _ : state) {
    if (row != nullptr) {
      onnxi::kernels::BinaryBroadcastF32Rows(row, a.data(), as, b.data(), bs, c.data(), shape, 2,
                                             0, rows);
    } else {
      onnxi::kernels::BinaryBroadcast(a.data(), as, b.data(), bs, c.data(), shape, 2,
                                      onnxi::kernels::AddFn());
    }
    benchmark::DoNotOptimize(c.data());
  }
  state.SetItemsProcessed(state.iterations() * rows * n);
  state.SetBytesProcessed(state.iterations() * rows * n * 8);
}
BENCHMARK(BM_BinaryBias)->DenseRange(0, 3);

// BM_Transpose/<case>: kernels/tensor/transpose.h on BERT's head permutation (128, 12, 64) ->
// (12, 128, 64) (case 0, row copies) and a 768 x 768 float matrix (case 1, 16x16 tiles); the
// reference StridedCopyRef for cases 2 and 3. Bytes = read + written.
void BM_Transpose(benchmark::State& state) {
  const int64_t c = state.range(0);
  const bool heads = c % 2 == 0;
  const std::vector<int64_t> shape = heads ? std::vector<int64_t>{12, 128, 64}
                                           : std::vector<int64_t>{768, 768};
  const std::vector<int64_t> strides = heads ? std::vector<int64_t>{64, 768, 1}
                                             : std::vector<int64_t>{1, 768};
  const std::vector<int64_t> dense = heads ? std::vector<int64_t>{8192, 64, 1}
                                           : std::vector<int64_t>{768, 1};
  const int rank = static_cast<int>(shape.size());
  const int64_t n = heads ? 12 * 128 * 64 : 768 * 768;
  std::vector<uint32_t> src(n, 1), dst(n);
  const int64_t units = onnxi::kernels::TransposeUnitCount(shape.data(), rank);
  for (auto _ : state) {
    if (c < 2) {
      onnxi::kernels::TransposeUnits(src.data(), strides.data(), dst.data(), shape.data(), rank, 0,
                                     units);
    } else {
      onnxi::kernels::StridedCopyRef(src.data(), strides.data(), dst.data(), dense.data(),
                                     shape.data(), rank);
    }
    benchmark::DoNotOptimize(dst.data());
  }
  state.SetBytesProcessed(state.iterations() * n * 8);
}
BENCHMARK(BM_Transpose)->DenseRange(0, 3);
