// One-node tests of RNN/GRU/LSTM through OpTester: attribute and shape errors
// with their text, sequence_lens validation, float16 against float32, and
// layout 1 vs layout 0.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "runtime/op_tester.h"

namespace onnxi {
namespace {

Tensor Floats(Shape shape, std::mt19937 &rng) {
  std::uniform_real_distribution<float> d(-1, 1);
  Tensor t = Tensor::Allocate(DataType::kFloat, std::move(shape));
  for (int64_t i = 0; i < t.num_elements(); ++i) t.data<float>()[i] = d(rng);
  return t;
}

Tensor ToHalf(const Tensor &f) {
  Tensor t = Tensor::Allocate(DataType::kFloat16, f.shape());
  for (int64_t i = 0; i < f.num_elements(); ++i) t.data<Float16>()[i] = Float16(f.data<float>()[i]);
  return t;
}

void ExpectError(Result<std::vector<Tensor>> r, const std::string &fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
}

TEST(RnnOps, RejectsUnknownDirection) {
  std::mt19937 rng(1);
  OpTester t("RNN", 14);
  t.Input("X", Floats({1, 1, 2}, rng)).Input("W", Floats({1, 3, 2}, rng));
  t.Input("R", Floats({1, 3, 3}, rng)).Output("Y").Attr("direction", std::string("sideways"));
  ExpectError(t.Run(), "direction 'sideways' is not one of forward, reverse, bidirectional");
}

TEST(RnnOps, RejectsWShape) {
  std::mt19937 rng(1);
  OpTester t("GRU", 14);
  t.Input("X", Floats({1, 1, 2}, rng)).Input("W", Floats({1, 9, 3}, rng));
  t.Input("R", Floats({1, 9, 3}, rng)).Output("Y");
  ExpectError(t.Run(), "W has shape [1, 9, 3]; expected [1, 3 * hidden_size, 2]");
}

TEST(RnnOps, RejectsSequenceLengthOutOfRange) {
  std::mt19937 rng(1);
  OpTester t("RNN", 14);
  t.Input("X", Floats({2, 1, 1}, rng)).Input("W", Floats({1, 1, 1}, rng));
  t.Input("R", Floats({1, 1, 1}, rng)).NoInput();
  t.Input("sequence_lens", Tensor::FromVector<int32_t>(DataType::kInt32, {1}, {5}));
  t.Output("Y");
  ExpectError(t.Run(), "sequence_lens value 5 (batch 0) is out of range [0, 2]");
}

TEST(RnnOps, BidirectionalLstmFloat16MatchesFloat) {
  std::mt19937 rng(2);
  const Tensor x = Floats({3, 2, 4}, rng), w = Floats({2, 20, 4}, rng), r = Floats({2, 20, 5}, rng);
  const Tensor b = Floats({2, 40}, rng), p = Floats({2, 15}, rng);
  auto run = [&](bool half) {
    OpTester t("LSTM", 14);
    auto in = [&](const Tensor &v) { return half ? ToHalf(v) : v; };
    t.Input("X", in(x)).Input("W", in(w)).Input("R", in(r)).Input("B", in(b));
    t.NoInput().NoInput().NoInput().Input("P", in(p));
    t.Output("Y").Output("Y_h").Output("Y_c").Attr("direction", std::string("bidirectional"));
    return t.Run();
  };
  auto f = run(false), h = run(true);
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_TRUE(h.ok()) << h.status().message();
  ASSERT_EQ(f.value()[0].shape(), (Shape{3, 2, 2, 5}));
  ASSERT_EQ(h.value()[2].shape(), (Shape{2, 2, 5}));
  for (int o = 0; o < 3; ++o) {
    const Tensor &a = f.value()[o];
    const Tensor &c = h.value()[o];
    for (int64_t i = 0; i < a.num_elements(); ++i) {
      EXPECT_NEAR(a.data<float>()[i], static_cast<float>(c.data<Float16>()[i]), 1e-2);
    }
  }
}

TEST(RnnOps, Layout1IsTransposedLayout0) {
  std::mt19937 rng(3);
  const Tensor x = Floats({3, 2, 2}, rng), w = Floats({1, 4, 2}, rng), r = Floats({1, 4, 4}, rng);
  Tensor xb = Tensor::Allocate(DataType::kFloat, {2, 3, 2});  // (batch, seq, input)
  for (int s = 0; s < 3; ++s) {
    for (int b = 0; b < 2; ++b) {
      for (int i = 0; i < 2; ++i)
        xb.data<float>()[(b * 3 + s) * 2 + i] = x.data<float>()[(s * 2 + b) * 2 + i];
    }
  }
  OpTester t0("RNN", 14), t1("RNN", 14);
  t0.Input("X", x).Input("W", w).Input("R", r).Output("Y").Output("Y_h");
  t1.Input("X", xb).Input("W", w).Input("R", r).Output("Y").Output("Y_h").Attr("layout",
                                                                               int64_t{1});
  auto a = t0.Run(), c = t1.Run();
  ASSERT_TRUE(a.ok() && c.ok());
  ASSERT_EQ(c.value()[0].shape(), (Shape{2, 3, 1, 4}));
  for (int s = 0; s < 3; ++s) {
    for (int b = 0; b < 2; ++b) {
      for (int h = 0; h < 4; ++h) {
        EXPECT_EQ(a.value()[0].data<float>()[(s * 2 + b) * 4 + h],
                  c.value()[0].data<float>()[(b * 3 + s) * 4 + h]);
      }
    }
  }
}

}  // namespace
}  // namespace onnxi
