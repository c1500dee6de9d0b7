// Google Benchmark of Conv through a real one-node session (the op's own kernel choice, the
// same path a model takes), reporting GFLOP/s (2 * multiply-adds per run).
//   build/onnxi_bench --benchmark_filter=Conv
// BM_Conv/<case>/<kernels: 0 ref, 1 simd>/<threads>. Cases are layers of ResNet-50 and
// MobileNetV2 (batch 1): 3x3 64->64 at 56x56, 1x1 256->64 at 56x56, the 7x7 stride-2 stem
// 3->64 at 224x224, depthwise 3x3 144 channels at 56x56 stride 1 and stride 2, layer4's 3x3
// 512ch at 7x7, MobileNetV2's last 1x1 320->1280 at 7x7 and its 3x3 stride-2 stem 3->32,
// ResNet-50's 3x3 128ch at 28x28 and 256ch at 14x14 (with 64ch at 56x56: the Winograd
// layers), and MobileNetV2's other depthwise 3x3 shapes (32ch 112x112 s1, 96ch 112x112 s2,
// 192ch 28x28 s1/s2, 576ch 14x14 s1/s2, 960ch 7x7 s1). Weights and bias are initializers, as
// in a model. Depthwise only: BM_Conv/<case>/1/<threads> with --benchmark_filter='BM_Conv/(3|4|1[0-6])/1/'.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "kernels/conv/depthwise.h"
#include "kernels/conv/depthwise_hwc.h"
#include "onnxi/session.h"
#include "runtime/op_tester.h"

namespace {

using onnxi::DataType;
using onnxi::Tensor;

struct ConvCase {
  const char* name;
  int64_t c, hw, m, k, stride, group;
};

const ConvCase kCases[] = {
    {"resnet_3x3_64ch_56", 64, 56, 64, 3, 1, 1},
    {"resnet_1x1_256to64_56", 256, 56, 64, 1, 1, 1},
    {"resnet_stem_7x7_s2", 3, 224, 64, 7, 2, 1},
    {"mobilenet_dw3x3_144ch_56_s1", 144, 56, 144, 3, 1, 144},
    {"mobilenet_dw3x3_144ch_56_s2", 144, 56, 144, 3, 2, 144},
    {"resnet_3x3_512ch_7", 512, 7, 512, 3, 1, 1},
    {"mobilenet_1x1_320to1280_7", 320, 7, 1280, 1, 1, 1},
    {"mobilenet_stem_3x3_s2", 3, 224, 32, 3, 2, 1},
    {"resnet_3x3_128ch_28", 128, 28, 128, 3, 1, 1},
    {"resnet_3x3_256ch_14", 256, 14, 256, 3, 1, 1},
    {"mobilenet_dw3x3_32ch_112_s1", 32, 112, 32, 3, 1, 32},
    {"mobilenet_dw3x3_96ch_112_s2", 96, 112, 96, 3, 2, 96},
    {"mobilenet_dw3x3_192ch_28_s1", 192, 28, 192, 3, 1, 192},
    {"mobilenet_dw3x3_192ch_28_s2", 192, 28, 192, 3, 2, 192},
    {"mobilenet_dw3x3_576ch_14_s1", 576, 14, 576, 3, 1, 576},
    {"mobilenet_dw3x3_576ch_14_s2", 576, 14, 576, 3, 2, 576},
    {"mobilenet_dw3x3_960ch_7_s1", 960, 7, 960, 3, 1, 960},
    // ResNet-50's stride-2 3x3 layers (layer2/3/4 .0.conv2: 56->28, 28->14, 14->7).
    {"resnet_3x3_128ch_56_s2", 128, 56, 128, 3, 2, 1},
    {"resnet_3x3_256ch_28_s2", 256, 28, 256, 3, 2, 1},
    {"resnet_3x3_512ch_14_s2", 512, 14, 512, 3, 2, 1},
    // L2-resident depthwise (x + y ~0.8 MB): the kernel's compute rate without the L3 stream.
    {"dw3x3_32ch_56_s1_l2", 32, 56, 32, 3, 1, 32},
    {"dw3x3_8ch_112_s1_l2", 8, 112, 8, 3, 1, 8},
};

Tensor Random(const onnxi::Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> v(n);
  for (float& f : v) f = u(rng);
  return Tensor::FromVector<float>(DataType::kFloat, shape, v);
}

void BM_Conv(benchmark::State& state) {
  const ConvCase& cc = kCases[state.range(0)];
  const int64_t pad = cc.k / 2;
  onnxi::OpTester t("Conv", 13);
  t.Input("x", Random({1, cc.c, cc.hw, cc.hw}))
      .ConstantInput("w", Random({cc.m, cc.c / cc.group, cc.k, cc.k}))
      .ConstantInput("b", Random({cc.m}))
      .Output("y")
      .Attr("group", cc.group)
      .Attr("strides", std::vector<int64_t>{cc.stride, cc.stride})
      .Attr("pads", std::vector<int64_t>{pad, pad, pad, pad});
  onnxi::Options options;
  options.kernels =
      state.range(1) == 0 ? onnxi::KernelChoice::kReference : onnxi::KernelChoice::kSimd;
  options.threads = static_cast<int>(state.range(2));
  auto session = onnxi::Session::LoadFromMemory(t.Serialize(), options);
  if (!session.ok()) {
    state.SkipWithError(session.status().message().c_str());
    return;
  }
  const std::map<std::string, Tensor> feeds = {{"x", Random({1, cc.c, cc.hw, cc.hw})}};
  const int64_t out = (cc.hw + 2 * pad - cc.k) / cc.stride + 1;
  for (auto _ : state) {
    auto r = (*session)->Run(feeds);
    benchmark::DoNotOptimize(r);
  }
  const double flops = 2.0 * cc.m * (cc.c / cc.group) * cc.k * cc.k * out * out;
  state.SetLabel(cc.name);
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * state.iterations(), benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

void ConvArgs(benchmark::internal::Benchmark* b) {
  for (int64_t i = 0; i < static_cast<int64_t>(std::size(kCases)); ++i) {
    b->Args({i, 0, 1});
    b->Args({i, 1, 1});
    b->Args({i, 1, 2});
  }
}
BENCHMARK(BM_Conv)->Apply(ConvArgs)->Unit(benchmark::kMillisecond);

// The depthwise kernel alone (no session: BM_Conv's figures include the output allocation's
// page faults), one thread, every channel in one call:
// BM_ConvDepthwise/<case>/<isa: 1 generic, 2 avx2, 3 avx512>/<layout: 0 NCHW (depthwise.h),
// 1 channels-last (depthwise_hwc.h, InvertedBottleneck's)>, pads K/2 and bias + Relu as in
// MobileNetV2.
void BM_ConvDepthwise(benchmark::State& state) {
  const ConvCase& cc = kCases[state.range(0)];
  const auto isa = static_cast<onnxi::kernels::Isa>(state.range(1));
  const bool channels_last = state.range(2) == 1;
  if (cc.group != cc.c || !onnxi::kernels::CpuSupports(isa)) {
    state.SkipWithError("not a depthwise case or ISA not supported");
    return;
  }
  onnxi::kernels::DepthwiseParams p;
  p.channels = cc.c;
  p.in_h = p.in_w = cc.hw;
  p.kernel = static_cast<int>(cc.k);
  p.stride = static_cast<int>(cc.stride);
  p.pad_top = p.pad_left = cc.k / 2;
  p.out_h = p.out_w = (cc.hw + 2 * (cc.k / 2) - cc.k) / cc.stride + 1;
  p.act.kind = onnxi::kernels::Activation::Kind::kRelu;
  std::vector<float> scratch(onnxi::kernels::PrepareDepthwise(p, isa));
  const Tensor x = Random({cc.c, cc.hw, cc.hw}), w = Random({cc.c, cc.k, cc.k}), b = Random({cc.c});
  std::vector<float> y(cc.c * p.out_h * p.out_w);
  const auto fn = onnxi::kernels::GetConvDepthwiseF32(isa);
  const auto fn_hwc = onnxi::kernels::GetDepthwiseHwcF32(isa);
  for (auto _ : state) {
    if (channels_last) {  // w as taps: same floats, another order; the time is the same
      fn_hwc(p, x.data<float>(), w.data<float>(), b.data<float>(), y.data(), 0, p.out_h);
    } else {
      fn(p, x.data<float>(), w.data<float>(), b.data<float>(), nullptr, y.data(), scratch.data());
    }
    benchmark::DoNotOptimize(y.data());
  }
  const double flops = 2.0 * cc.c * cc.k * cc.k * p.out_h * p.out_w;
  state.SetLabel(cc.name);
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * state.iterations(), benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

void DepthwiseArgs(benchmark::internal::Benchmark* b) {
  for (int64_t i = 0; i < static_cast<int64_t>(std::size(kCases)); ++i) {
    if (kCases[i].group == 1) continue;
    for (int64_t isa = 1; isa <= 3; ++isa) {
      for (int64_t layout : {0, 1}) b->Args({i, isa, layout});
    }
  }
}
BENCHMARK(BM_ConvDepthwise)->Apply(DepthwiseArgs)->Unit(benchmark::kMicrosecond);

}  // namespace
