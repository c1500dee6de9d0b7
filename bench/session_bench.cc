// Google Benchmark of Session::Run's fixed cost: a one-node model, Add of two float32[1, 16]
// inputs (opset 14), so the time is the runtime's per-run work (feed checks, binding, one
// tiny kernel, the owning output), not arithmetic. bench/python_overhead.py times the same
// model through the Python module and subtracts this figure.
//   build/onnxi_bench --benchmark_filter=SessionRunOneNode
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>

#include "onnxi/session.h"
#include "runtime/op_tester.h"

namespace {

void BM_SessionRunOneNode(benchmark::State& state) {
  using onnxi::DataType;
  using onnxi::Tensor;
  Tensor a = Tensor::Allocate(DataType::kFloat, {1, 16});
  Tensor b = Tensor::Allocate(DataType::kFloat, {1, 16});
  onnxi::OpTester t("Add", 14);
  t.Input("a", a).Input("b", b).Output("y");
  auto session = onnxi::Session::LoadFromMemory(t.Serialize(), onnxi::Options{});
  if (!session.ok()) {
    state.SkipWithError(session.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    // As a caller would: the feed map is built for every run.
    auto out = (*session)->Run({{"a", a}, {"b", b}});
    if (!out.ok()) std::abort();
    benchmark::DoNotOptimize(out->front().raw_data());
  }
}
BENCHMARK(BM_SessionRunOneNode);

}  // namespace
