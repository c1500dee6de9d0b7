// Conv's float32 paths (1x1 GEMM, depthwise, im2col + GEMM) under every kernel choice and
// thread count against the reference session, and onnxi's FusedConv (ai.onnxi) against
// Conv followed by the residual add and activation computed here.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/cpu/isa.h"
#include "onnxi/session.h"
#include "runtime/op_tester.h"

namespace onnxi {
namespace {

struct ConvCase {
  std::string name;
  Shape x, w;
  int64_t group = 1;
  std::vector<int64_t> strides, pads;
};

std::vector<ConvCase> Cases() {
  return {
      {"pointwise", {1, 8, 5, 7}, {6, 8, 1, 1}, 1, {}, {}},
      {"pointwise_batch2_group2", {2, 4, 3, 3}, {6, 2, 1, 1}, 2, {}, {}},
      {"depthwise3_s1", {1, 5, 9, 19}, {5, 1, 3, 3}, 5, {1, 1}, {1, 1, 1, 1}},
      {"depthwise3_s2", {2, 4, 10, 17}, {4, 1, 3, 3}, 4, {2, 2}, {0, 1, 1, 0}},
      {"depthwise5_s2", {1, 3, 11, 12}, {3, 1, 5, 5}, 3, {2, 2}, {2, 2, 2, 2}},
      // Many channels (several parallel blocks), widths past two AVX-512 vectors.
      {"depthwise3_s2_wide", {1, 40, 21, 57}, {40, 1, 3, 3}, 40, {2, 2}, {1, 1, 1, 1}},
      {"depthwise3_s1_wide", {1, 36, 17, 70}, {36, 1, 3, 3}, 36, {1, 1}, {1, 1, 1, 1}},
      {"general3x3", {1, 3, 8, 9}, {4, 3, 3, 3}, 1, {1, 1}, {1, 1, 1, 1}},
      {"general7x7_s2", {1, 3, 15, 14}, {8, 3, 7, 7}, 1, {2, 2}, {3, 3, 3, 3}},
      {"grouped_s2", {1, 6, 7, 7}, {4, 3, 3, 3}, 2, {2, 2}, {1, 0, 0, 1}},
      {"resnet_3x3_64ch", {1, 64, 28, 28}, {64, 64, 3, 3}, 1, {1, 1}, {1, 1, 1, 1}},
      {"resnet_1x1_256to64", {1, 256, 14, 14}, {64, 256, 1, 1}, 1, {}, {}},
      {"resnet_stem", {1, 3, 56, 56}, {64, 3, 7, 7}, 1, {2, 2}, {3, 3, 3, 3}},
      {"conv1d", {1, 3, 11}, {2, 3, 4}, 1, {3}, {2, 1}},
      // Few output pixels: the transposed GEMM with W packed in Prepare.
      {"small_out_1x1", {1, 40, 7, 7}, {48, 40, 1, 1}, 1, {}, {}},
      {"small_out_3x3_batch2", {2, 20, 7, 6}, {37, 20, 3, 3}, 1, {1, 1}, {1, 1, 1, 1}},
      {"small_out_1x1_s2", {1, 24, 13, 13}, {40, 24, 1, 1}, 1, {2, 2}, {}},
      {"mobilenet_stem_s2", {1, 3, 30, 31}, {32, 3, 3, 3}, 1, {2, 2}, {1, 1, 1, 1}},
      // Winograd F(2x2, 3x3): odd H/W (edge tiles), C/M off the vector width, pads 0 and 1.
      {"winograd_odd_pad1", {1, 33, 17, 15}, {35, 33, 3, 3}, 1, {1, 1}, {1, 1, 1, 1}},
      {"winograd_batch2_pad0", {2, 40, 19, 18}, {32, 40, 3, 3}, 1, {1, 1}, {0, 0, 0, 0}},
      {"winograd_asym_pads", {1, 32, 16, 21}, {47, 32, 3, 3}, 1, {1, 1}, {0, 1, 1, 0}},
      // Stride-2 im2col + GEMM (> 256 outputs, C > 4): the stride-2 column loop.
      {"im2col_3x3_s2", {1, 9, 41, 38}, {13, 9, 3, 3}, 1, {2, 2}, {1, 0, 0, 1}},
      // <= 256 outputs with C*K < M and > 64 outputs: W packed as A, not transposed.
      {"small_out_expand_1x1", {1, 12, 9, 10}, {40, 12, 1, 1}, 1, {}, {}},
      // 65..256 outputs with C*K >= 512 and >= M: transposed.
      {"small_out_projection", {1, 520, 9, 9}, {24, 520, 1, 1}, 1, {}, {}},
      {"grouped_im2col_packed", {2, 8, 17, 17}, {12, 4, 3, 3}, 2, {1, 1}, {1, 1, 1, 1}},
  };
}

Tensor Random(const Shape& shape, std::mt19937& rng) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> v(n);
  for (float& f : v) f = dist(rng);
  return Tensor::FromVector<float>(DataType::kFloat, shape, v);
}

void SetAttrs(OpTester& t, const ConvCase& c) {
  t.Attr("group", c.group);
  if (!c.strides.empty()) t.Attr("strides", c.strides);
  if (!c.pads.empty()) t.Attr("pads", c.pads);
}

void ExpectNear(const Tensor& got, const std::vector<float>& want, const std::string& what) {
  ASSERT_EQ(static_cast<size_t>(got.num_elements()), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    // 3e-5 absolute: Winograd F(2x2, 3x3) sums of 576 products of magnitude ~8 carry a few
    // 1e-6 relative error of that magnitude (more without FMA), also near zero outputs.
    ASSERT_NEAR(got.data<float>()[i], want[i], 3e-5 + 1e-4 * std::fabs(want[i]))
        << what << " at " << i;
  }
}

std::vector<std::pair<KernelChoice, kernels::Isa>> Choices() {
  return {{KernelChoice::kReference, kernels::Isa::kReference},
          {KernelChoice::kGeneric, kernels::Isa::kGeneric},
          {KernelChoice::kAvx2, kernels::Isa::kAvx2},
          {KernelChoice::kAvx512, kernels::Isa::kAvx512}};
}

TEST(ConvFloat, EveryPathMatchesReference) {
  std::mt19937 rng(5);
  for (const ConvCase& c : Cases()) {
    const Tensor x = Random(c.x, rng), w = Random(c.w, rng), b = Random({c.w[0]}, rng);
    auto run = [&](KernelChoice k, int threads) {
      OpTester t("Conv", 13);
      t.Input("x", x).ConstantInput("w", w).ConstantInput("b", b).Output("y");
      SetAttrs(t, c);
      Options o;
      o.kernels = k;
      o.threads = threads;
      return t.Run(o);
    };
    auto want = run(KernelChoice::kReference, 1);
    ASSERT_TRUE(want.ok()) << c.name << ": " << want.status().message();
    const Tensor& wy = want->at(0);
    const std::vector<float> wv(wy.data<float>(), wy.data<float>() + wy.num_elements());
    for (auto [choice, isa] : Choices()) {
      if (!kernels::CpuSupports(isa)) continue;
      auto one = run(choice, 1);
      auto two = run(choice, 2);
      ASSERT_TRUE(one.ok() && two.ok()) << c.name;
      ExpectNear(one->at(0), wv, c.name + " " + kernels::IsaName(isa));
      ASSERT_EQ(one->at(0).shape(), wy.shape());
      // Bits identical for 1 and 2 threads.
      for (int64_t i = 0; i < wy.num_elements(); ++i) {
        ASSERT_EQ(one->at(0).data<float>()[i], two->at(0).data<float>()[i]) << c.name << " " << i;
      }
    }
  }
}

TEST(FusedConv, MatchesConvPlusResidualAndActivation) {
  std::mt19937 rng(9);
  struct Act {
    const char* name;
    float alpha, beta;
  };
  for (const ConvCase& c : Cases()) {
    for (const Act& act : {Act{"Relu", 0, 0}, Act{"Clip", 0, 6}, Act{"", 0, 0}}) {
      for (bool residual : {false, true}) {
        const Tensor x = Random(c.x, rng), w = Random(c.w, rng), b = Random({c.w[0]}, rng);
        OpTester plain("Conv", 13);
        plain.Input("x", x).ConstantInput("w", w).ConstantInput("b", b).Output("y");
        SetAttrs(plain, c);
        Options ref;
        ref.kernels = KernelChoice::kReference;
        auto conv = plain.Run(ref);
        ASSERT_TRUE(conv.ok()) << conv.status().message();
        const Tensor& cy = conv->at(0);
        const Tensor z = Random(cy.shape(), rng);
        std::vector<float> want(cy.data<float>(), cy.data<float>() + cy.num_elements());
        for (size_t i = 0; i < want.size(); ++i) {
          float v = want[i] + (residual ? z.data<float>()[i] * 3 : 0.0f);
          if (std::string(act.name) == "Relu") v = std::max(v, 0.0f);
          if (std::string(act.name) == "Clip") v = std::min(std::max(v, act.alpha), act.beta);
          want[i] = v;
        }
        // Z scaled by 3 so that the residual visibly matters against Relu's zeros.
        std::vector<float> z3(z.data<float>(), z.data<float>() + z.num_elements());
        for (float& v : z3) v *= 3;
        for (auto [choice, isa] : Choices()) {
          if (!kernels::CpuSupports(isa)) continue;
          OpTester t("FusedConv", 1, "ai.onnxi");
          t.Input("x", x).ConstantInput("w", w).ConstantInput("b", b);
          if (residual) {
            t.Input("z", Tensor::FromVector<float>(DataType::kFloat, cy.shape(), z3));
          }
          t.Output("y");
          SetAttrs(t, c);
          if (act.name[0] != '\0') t.Attr("activation", std::string(act.name));
          if (std::string(act.name) == "Clip") {
            t.Attr("activation_alpha", act.alpha).Attr("activation_beta", act.beta);
          }
          Options o;
          o.kernels = choice;
          o.threads = 2;
          auto got = t.Run(o);
          ASSERT_TRUE(got.ok()) << c.name << ": " << got.status().message();
          ExpectNear(got->at(0), want,
                     c.name + " " + act.name + (residual ? " +Z " : " ") + kernels::IsaName(isa));
        }
      }
    }
  }
}

// W packed in the first Prepare (as the transposed GEMM's B or the GEMM's A) and released:
// a later run with other spatial sizes, which alone would pick the other path, must keep
// using the pack. X's H and W are made symbolic so one session sees both shapes.
TEST(ConvFloat, PackedWeightServesNewInputShapes) {
  struct Step {
    Shape x, w;
    std::vector<int64_t> pads;
    std::vector<Shape> shapes;  // X shapes in run order
  };
  const Step steps[] = {
      // 5x5 = 25 outputs, transposed first; then 400 outputs (packed-A size).
      {{1, 16, 5, 5}, {24, 16, 1, 1}, {}, {{1, 16, 5, 5}, {1, 16, 20, 20}, {1, 16, 5, 5}}},
      // 400 outputs (packed A) first; then 9 outputs (transposed size).
      {{1, 8, 20, 20}, {24, 8, 1, 1}, {}, {{1, 8, 20, 20}, {1, 8, 3, 3}, {1, 8, 20, 20}}},
      {{1, 8, 20, 20}, {24, 8, 3, 3}, {1, 1, 1, 1}, {{1, 8, 20, 20}, {1, 8, 4, 5}}},
  };
  std::mt19937 rng(17);
  for (const Step& st : steps) {
    const Tensor w = Random(st.w, rng), b = Random({st.w[0]}, rng);
    OpTester t("Conv", 13);
    t.Input("x", Random(st.x, rng)).ConstantInput("w", w).ConstantInput("b", b).Output("y");
    if (!st.pads.empty()) t.Attr("pads", st.pads);
    onnx::ModelProto model;
    ASSERT_TRUE(model.ParseFromString(t.Serialize()));
    auto* dims = model.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()
                     ->mutable_shape()->mutable_dim();
    dims->Mutable(2)->set_dim_param("h");
    dims->Mutable(3)->set_dim_param("w");
    const std::string bytes = model.SerializeAsString();
    Options ref_options;
    ref_options.kernels = KernelChoice::kReference;
    auto ref = Session::LoadFromMemory(bytes, ref_options);
    ASSERT_TRUE(ref.ok()) << ref.status().message();
    for (auto [choice, isa] : Choices()) {
      if (!kernels::CpuSupports(isa) || isa == kernels::Isa::kReference) continue;
      Options o;
      o.kernels = choice;
      o.threads = 2;
      auto s = Session::LoadFromMemory(bytes, o);
      ASSERT_TRUE(s.ok()) << s.status().message();
      for (const Shape& shape : st.shapes) {
        const Tensor x = Random(shape, rng);
        auto want = (*ref)->Run({{"x", x}});
        auto got = (*s)->Run({{"x", x}});
        ASSERT_TRUE(want.ok() && got.ok()) << ShapeToString(shape);
        const Tensor& wy = want->at(0);
        ExpectNear(got->at(0),
                   std::vector<float>(wy.data<float>(), wy.data<float>() + wy.num_elements()),
                   ShapeToString(shape) + " " + kernels::IsaName(isa));
      }
    }
  }
}

TEST(FusedConv, RejectsZOfWrongShape) {
  OpTester t("FusedConv", 1, "ai.onnxi");
  std::mt19937 rng(1);
  t.Input("x", Random({1, 2, 4, 4}, rng)).ConstantInput("w", Random({3, 2, 1, 1}, rng));
  t.NoInput().Input("z", Random({1, 3, 4, 5}, rng)).Output("y");
  auto r = t.Run();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Z has shape [1, 3, 4, 5]"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace onnxi
