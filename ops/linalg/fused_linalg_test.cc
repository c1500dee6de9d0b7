// One-node tests of onnxi's FusedGemm and FusedMatMul (domain ai.onnxi, version 1) against
// the unfused result: the plain Gemm / MatMul node's output plus Z, then the activation,
// computed here. Every kernel choice (reference and SIMD), 1 and 2 threads, constant and
// fed B; failure tests on the error text.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Random(Shape shape, int seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> v(NumElements(shape));
  for (float& x : v) x = u(rng);
  return Tensor::FromVector<float>(DataType::kFloat, std::move(shape), v);
}

std::vector<Options> AllOptions() {
  std::vector<Options> out;
  for (KernelChoice k : {KernelChoice::kReference, KernelChoice::kSimd, KernelChoice::kGeneric}) {
    for (int threads : {1, 2}) {
      Options o;
      o.threads = threads;
      o.kernels = k;
      o.rewrite = false;
      out.push_back(o);
    }
  }
  return out;
}

// y += z (if given), then the activation, in place.
void AddAndActivate(std::vector<float>& y, const Tensor* z, const std::string& act, float lo,
                    float hi) {
  for (size_t i = 0; i < y.size(); ++i) {
    float v = y[i] + (z != nullptr ? z->data<float>()[i] : 0.0f);
    if (act == "Relu") v = std::max(v, 0.0f);
    if (act == "Clip") v = std::clamp(v, lo, hi);
    if (act == "LeakyRelu") v = v < 0 ? lo * v : v;
    if (act == "Tanh") v = std::tanh(v);
    y[i] = v;
  }
}

void ExpectClose(const Tensor& got, const std::vector<float>& want) {
  ASSERT_EQ(static_cast<size_t>(got.num_elements()), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got.data<float>()[i], want[i], 1e-5) << i;
}

struct GemmCase {
  int64_t m, n, k;
  int trans_a, trans_b;
  float alpha, beta;
  Shape c;  // empty: no C
  bool z;
  std::string act;
  bool constant_b;
};

TEST(FusedGemmOp, MatchesGemmPlusZThenActivation) {
  const GemmCase cases[] = {
      {4, 5, 6, 0, 1, 0.5f, 2.0f, {5}, true, "Clip", true},               // C copied, beta 2
      {17, 40, 33, 1, 0, 1.0f, 1.0f, {17, 1}, true, "LeakyRelu", false},  // row bias
      {9, 35, 300, 0, 0, 1.5f, 1.0f, {1, 35}, false, "Relu", true},       // column bias
      {16, 33, 20, 1, 1, 1.0f, 1.0f, {16, 33}, false, "Tanh", true},      // C as residual
      {16, 33, 20, 0, 1, 1.0f, 1.0f, {16, 33}, true, "", false},          // C filled, Z
      {3, 7, 2, 0, 0, 1.0f, 1.0f, {}, true, "Relu", true},                // no C
  };
  int seed = 0;
  for (const GemmCase& cs : cases) {
    const Tensor a = Random(cs.trans_a ? Shape{cs.k, cs.m} : Shape{cs.m, cs.k}, ++seed);
    const Tensor b = Random(cs.trans_b ? Shape{cs.n, cs.k} : Shape{cs.k, cs.n}, ++seed);
    const Tensor c = Random(cs.c, ++seed);
    const Tensor z = Random({cs.m, cs.n}, ++seed);
    const float lo = cs.act == "Clip" ? -0.3f : 0.1f, hi = 0.4f;
    for (const Options& o : AllOptions()) {
      auto build = [&](OpTester& t) {
        t.Input("a", a);
        if (cs.constant_b) {
          t.ConstantInput("b", b);
        } else {
          t.Input("b", b);
        }
        if (!cs.c.empty()) t.Input("c", c);
        t.Attr("alpha", cs.alpha).Attr("beta", cs.beta);
        t.Attr("transA", int64_t{cs.trans_a}).Attr("transB", int64_t{cs.trans_b});
      };
      OpTester plain("Gemm", 13);
      build(plain);
      plain.Output("y");
      auto want_r = plain.Run(o);
      ASSERT_TRUE(want_r.ok()) << want_r.status().message();
      const Tensor& w = want_r.value()[0];
      std::vector<float> want(w.data<float>(), w.data<float>() + w.num_elements());
      AddAndActivate(want, cs.z ? &z : nullptr, cs.act, lo, hi);

      OpTester fused("FusedGemm", 1, "ai.onnxi");
      build(fused);
      if (cs.z) {
        if (cs.c.empty()) fused.NoInput();
        fused.Input("z", z);
      }
      if (!cs.act.empty()) {
        fused.Attr("activation", cs.act);
        if (cs.act != "Relu" && cs.act != "Tanh") fused.Attr("activation_alpha", lo);
        if (cs.act == "Clip") fused.Attr("activation_beta", hi);
      }
      fused.Output("y");
      auto got = fused.Run(o);
      ASSERT_TRUE(got.ok()) << got.status().message();
      SCOPED_TRACE(testing::Message()
                   << "M " << cs.m << " N " << cs.n << " K " << cs.k << " threads " << o.threads);
      ExpectClose(got.value()[0], want);
    }
  }
}

TEST(FusedMatMulOp, MatchesMatMulPlusBiasAndZThenActivation) {
  struct Case {
    Shape a, b;
    bool bias, z, constant_b;
    std::string act;
  };
  const Case cases[] = {
      {{2, 3, 20}, {20, 37}, true, true, true, "Relu"},        // batches fold into one GEMM
      {{12, 8, 16}, {12, 16, 8}, true, false, false, "Tanh"},  // per-batch GEMMs
      {{5, 300}, {300, 7}, false, true, true, "Clip"},
      {{300}, {300, 9}, true, false, true, ""},  // 1-D A
  };
  int seed = 100;
  for (const Case& cs : cases) {
    const Tensor a = Random(cs.a, ++seed);
    const Tensor b = Random(cs.b, ++seed);
    const int64_t n = cs.b.back();
    const Tensor bias = Random({n}, ++seed);
    for (const Options& o : AllOptions()) {
      OpTester plain("MatMul", 13);
      plain.Input("a", a).Input("b", b).Output("y");
      auto want_r = plain.Run(o);
      ASSERT_TRUE(want_r.ok()) << want_r.status().message();
      const Tensor& w = want_r.value()[0];
      std::vector<float> want(w.data<float>(), w.data<float>() + w.num_elements());
      if (cs.bias) {
        for (size_t i = 0; i < want.size(); ++i) want[i] += bias.data<float>()[i % n];
      }
      const Tensor z = Random(w.shape(), ++seed);
      AddAndActivate(want, cs.z ? &z : nullptr, cs.act, -0.2f, 0.3f);

      OpTester fused("FusedMatMul", 1, "ai.onnxi");
      fused.Input("a", a);
      if (cs.constant_b) {
        fused.ConstantInput("b", b);
      } else {
        fused.Input("b", b);
      }
      if (cs.bias) {
        fused.Input("bias", bias);
      } else if (cs.z) {
        fused.NoInput();
      }
      if (cs.z) fused.Input("z", z);
      if (!cs.act.empty()) fused.Attr("activation", cs.act);
      if (cs.act == "Clip") fused.Attr("activation_alpha", -0.2f).Attr("activation_beta", 0.3f);
      fused.Output("y");
      auto got = fused.Run(o);
      ASSERT_TRUE(got.ok()) << got.status().message();
      ExpectClose(got.value()[0], want);
    }
  }
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(FusedMatMulOp, RejectsBadBiasAndZ) {
  OpTester t("FusedMatMul", 1, "ai.onnxi");
  t.Input("a", Random({2, 3}, 1)).Input("b", Random({3, 4}, 2)).Input("bias", Random({3}, 3));
  t.Output("y");
  ExpectError(t.Run(), "bias has shape [3]; FusedMatMul needs [4]");
  OpTester u("FusedGemm", 1, "ai.onnxi");
  u.Input("a", Random({2, 3}, 1)).Input("b", Random({3, 4}, 2)).NoInput();
  u.Input("z", Random({2, 5}, 3)).Output("y");
  ExpectError(u.Run(), "Z has shape [2, 5]; FusedGemm needs (M, N) = [2, 4]");
  OpTester v("FusedGemm", 1, "ai.onnxi");
  v.Input("a", Random({2, 3}, 1)).Input("b", Random({3, 4}, 2)).Attr("activation", "Foo");
  v.Output("y");
  ExpectError(v.Run(), "unknown fused activation 'Foo'");
}

}  // namespace
}  // namespace onnxi
