// fuse-inverted-bottleneck and the InvertedBottleneck op it emits (ops/nn/
// inverted_bottleneck.cc): the structure after the pass, what it leaves alone, and outputs
// equal to the unfused convs with every kernel set (ref, generic, avx2, avx512), in one band
// (small maps) and in strips of several bands (E rows carried between bands), with
// bit-identical results for 1, 2 and 3 threads.
#include <gtest/gtest.h>

#include "kernels/cpu/isa.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

struct Block {
  int64_t c = 8, ce = 24, m = 8, h = 9, w = 7, batch = 1;
  int k = 3, stride = 1;
  std::vector<int64_t> pads = {1, 1, 1, 1};
  bool biases = true, clip = true, residual = true;
};

// X -> Conv 1x1 (+Clip) -> depthwise Conv (+Clip) -> Conv 1x1 (+ Add X), as torch exports
// MobileNetV2 (fuse-activation folds the Clips and the Add first).
TestGraph MakeBlock(const Block& b) {
  TestGraph t(13);
  t.Input("x", {b.batch, b.c, b.h, b.w});
  t.Initializer("we", RandomFloats({b.ce, b.c, 1, 1}, 1));
  t.Initializer("wd", RandomFloats({b.ce, 1, b.k, b.k}, 2));
  t.Initializer("wp", RandomFloats({b.m, b.ce, 1, 1}, 3));
  t.Initializer("be", RandomFloats({b.ce}, 4)).Initializer("bd", RandomFloats({b.ce}, 5));
  t.Initializer("bp", RandomFloats({b.m}, 6));
  t.Initializer("lo", Scalar(0)).Initializer("hi", Scalar(6));
  auto conv = [&](const std::string& in, const std::string& w, const std::string& bias,
                  const std::string& out, std::vector<onnx::AttributeProto> attrs) {
    std::vector<std::string> ins = {in, w};
    if (b.biases) ins.push_back(bias);
    const std::string raw = b.clip && out != "p" ? out + "_raw" : out;
    t.Node("Conv", ins, {raw}, attrs);
    if (raw != out) t.Node("Clip", {raw, "lo", "hi"}, {out});
  };
  conv("x", "we", "be", "e", {});
  conv("e", "wd", "bd", "d",
       {AttrI("group", b.ce), AttrInts("pads", b.pads), AttrInts("strides", {b.stride, b.stride}),
        AttrInts("kernel_shape", {b.k, b.k})});
  conv("d", "wp", "bp", "p", {});
  if (b.residual) {
    t.Node("Add", {"p", "x"}, {"y"}).Output("y");
  } else {
    t.Output("p");
  }
  return t;
}

std::vector<kernels::Isa> Isas() {
  std::vector<kernels::Isa> isas;
  for (kernels::Isa isa : {kernels::Isa::kReference, kernels::Isa::kGeneric, kernels::Isa::kAvx2,
                           kernels::Isa::kAvx512}) {
    if (kernels::CpuSupports(isa)) isas.push_back(isa);
  }
  return isas;
}

Options WithIsa(kernels::Isa isa) {
  Options o;
  o.kernels = isa == kernels::Isa::kReference ? KernelChoice::kReference
              : isa == kernels::Isa::kGeneric ? KernelChoice::kGeneric
              : isa == kernels::Isa::kAvx2    ? KernelChoice::kAvx2
                                              : KernelChoice::kAvx512;
  return o;
}

// Fused against unfused for every Isa, and the fused run bit-identical for 1, 2, 3 threads.
void ExpectMatches(const TestGraph& t) {
  for (kernels::Isa isa : Isas()) {
    EXPECT_LE(t.MaxDiffRewriteOnOff(1, WithIsa(isa)), 2e-4) << kernels::IsaName(isa);
  }
  std::vector<std::vector<float>> outs;
  for (int threads : {1, 2, 3}) {
    Options o;
    o.threads = threads;
    auto s = Session::LoadFromMemory(t.Serialize(), o);
    ASSERT_TRUE(s.ok()) << s.status().message();
    auto y = (*s)->Run(t.RandomFeeds(1));
    ASSERT_TRUE(y.ok()) << y.status().message();
    const Tensor& out = (*y)[0];
    outs.emplace_back(out.data<float>(), out.data<float>() + out.num_elements());
  }
  EXPECT_EQ(outs[0], outs[1]) << "1 vs 2 threads";
  EXPECT_EQ(outs[0], outs[2]) << "1 vs 3 threads";
}

TEST(RewriteInvertedBottleneck, FusesTheBlock) {
  const TestGraph t = MakeBlock({});
  const Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), std::vector<std::string>{"ai.onnxi.InvertedBottleneck"});
  ExpectMatches(t);
}

TEST(RewriteInvertedBottleneck, Stride2Kernel5AsymmetricPadsBatch2) {
  Block b;
  b.k = 5;
  b.stride = 2;
  b.pads = {2, 1, 1, 2};
  b.batch = 2;
  b.biases = false;
  b.clip = false;
  b.residual = false;
  b.h = 11;
  b.w = 6;
  const TestGraph t = MakeBlock(b);
  ASSERT_EQ(OpTypes(t.Rewritten()), std::vector<std::string>{"ai.onnxi.InvertedBottleneck"});
  ExpectMatches(t);
}

TEST(RewriteInvertedBottleneck, TinyImages) {
  for (int64_t hw : {1, 2, 3}) {
    for (int stride : {1, 2}) {
      Block b;
      b.h = hw;
      b.w = hw + 1;
      b.stride = stride;
      b.residual = false;
      ExpectMatches(MakeBlock(b));
    }
  }
}

// Pads wider than the kernel: some output rows and columns read nothing but padding.
TEST(RewriteInvertedBottleneck, PadsWiderThanTheKernel) {
  for (int stride : {1, 2}) {
    Block b;
    b.pads = {3, 2, 4, 1};
    b.stride = stride;
    b.residual = false;
    ExpectMatches(MakeBlock(b));
  }
}

// Maps big enough for strips of several bands (E of 64x61x100 floats is 1.6 MB), so E rows
// are carried from band to band and recomputed at strip edges; stride 1 and 2. Channel
// counts off the vector widths (the depthwise kernel's masked channel tail, GEMM edges).
TEST(RewriteInvertedBottleneck, BandsAndStrips) {
  for (int stride : {1, 2}) {
    Block b;
    b.c = 13;
    b.ce = 100;
    b.m = 13;
    b.h = 64;
    b.w = 61;
    b.stride = stride;
    b.residual = stride == 1;
    const TestGraph t = MakeBlock(b);
    ASSERT_EQ(OpTypes(t.Rewritten()), std::vector<std::string>{"ai.onnxi.InvertedBottleneck"});
    ExpectMatches(t);
  }
}

// E of 28x28x96 floats (301 KB) is one band on 1 thread and two strips on more
// (ops/nn/inverted_bottleneck.cc, kWholeImageBytes): the same bits either way.
TEST(RewriteInvertedBottleneck, PlanFollowsThreads) {
  Block b;
  b.c = 16;
  b.ce = 96;
  b.m = 16;
  b.h = b.w = 28;
  ExpectMatches(MakeBlock(b));
}

TEST(RewriteInvertedBottleneck, LeftAlone) {
  {  // the depthwise output is also a graph output
    TestGraph t = MakeBlock({});
    t.Output("d");
    EXPECT_EQ(CountOp(t.Rewritten(), "ai.onnxi.InvertedBottleneck"), 0);
  }
  {  // no expand conv: the block's input is the graph input
    Block b;
    TestGraph t(13);
    t.Input("x", {1, 8, 5, 5}).Initializer("wd", RandomFloats({8, 1, 3, 3}, 1));
    t.Initializer("wp", RandomFloats({4, 8, 1, 1}, 2));
    t.Node("Conv", {"x", "wd"}, {"d"}, {AttrI("group", 8), AttrInts("pads", {1, 1, 1, 1})});
    t.Node("Conv", {"d", "wp"}, {"y"}).Output("y");
    EXPECT_EQ(CountOp(t.Rewritten(), "ai.onnxi.InvertedBottleneck"), 0);
  }
  {  // dilated depthwise
    TestGraph t(13);
    t.Input("x", {1, 4, 9, 9}).Initializer("we", RandomFloats({8, 4, 1, 1}, 1));
    t.Initializer("wd", RandomFloats({8, 1, 3, 3}, 2))
        .Initializer("wp", RandomFloats({4, 8, 1, 1}, 3));
    t.Node("Conv", {"x", "we"}, {"e"});
    t.Node("Conv", {"e", "wd"}, {"d"}, {AttrI("group", 8), AttrInts("dilations", {2, 2})});
    t.Node("Conv", {"d", "wp"}, {"y"}).Output("y");
    EXPECT_EQ(CountOp(t.Rewritten(), "ai.onnxi.InvertedBottleneck"), 0);
  }
  {  // a fed (not constant) project weight
    TestGraph t(13);
    t.Input("x", {1, 4, 5, 5}).Input("wp", {4, 8, 1, 1});
    t.Initializer("we", RandomFloats({8, 4, 1, 1}, 1))
        .Initializer("wd", RandomFloats({8, 1, 3, 3}, 2));
    t.Node("Conv", {"x", "we"}, {"e"});
    t.Node("Conv", {"e", "wd"}, {"d"}, {AttrI("group", 8), AttrInts("pads", {1, 1, 1, 1})});
    t.Node("Conv", {"d", "wp"}, {"y"}).Output("y");
    EXPECT_EQ(CountOp(t.Rewritten(), "ai.onnxi.InvertedBottleneck"), 0);
  }
  {  // turned off by name
    Options o;
    o.disabled_rewrites = {"fuse-inverted-bottleneck"};
    EXPECT_EQ(CountOp(MakeBlock({}).Rewritten(o), "ai.onnxi.InvertedBottleneck"), 0);
  }
}

// The private op written by hand (x 1x4x5x5, Wd 8x1x3x3, Wp 4x8x1x1): the error of loading
// and running it, "" when both work.
std::string HandWrittenError(const Tensor& we, std::vector<onnx::AttributeProto> attrs) {
  TestGraph t(13);
  t.Input("x", {1, 4, 5, 5}).Initializer("we", we);
  t.Initializer("wd", RandomFloats({8, 1, 3, 3}, 2))
      .Initializer("wp", RandomFloats({4, 8, 1, 1}, 3));
  t.Node("InvertedBottleneck", {"x", "we", "", "wd", "", "wp"}, {"y"}, attrs, "ai.onnxi");
  t.Output("y");
  auto s = Session::LoadFromMemory(t.Serialize(), {});
  if (!s.ok()) return s.status().message();
  auto y = (*s)->Run(t.RandomFeeds(1));
  return y.ok() ? "" : y.status().message();
}

// Bad weight shapes and window attributes: a clear error naming the op, no crash.
TEST(InvertedBottleneckOp, BadWeightShapeIsAnError) {
  const std::string message =
      HandWrittenError(RandomFloats({8, 3, 1, 1}, 1), {AttrInts("pads", {1, 1, 1, 1})});
  EXPECT_NE(message.find("We has shape [8, 3, 1, 1]; expected [8, 4, 1, 1]"), std::string::npos)
      << message;
  EXPECT_NE(message.find("InvertedBottleneck"), std::string::npos) << message;
}

TEST(InvertedBottleneckOp, DilationIsAnError) {
  const std::string message =
      HandWrittenError(RandomFloats({8, 4, 1, 1}, 1),
                       {AttrInts("pads", {2, 2, 2, 2}), AttrInts("dilations", {2, 2})});
  EXPECT_NE(message.find("dilations [2, 2]: expected strides [1, 1] or [2, 2], dilations [1, 1]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("InvertedBottleneck"), std::string::npos) << message;
}

// A fed Wd is repacked on every run, a constant one once: the same output.
TEST(InvertedBottleneckOp, FedDepthwiseWeight) {
  auto graph = [](bool fed_wd, const Tensor& wd) {
    TestGraph t(13);
    t.Input("x", {1, 4, 6, 5}).Initializer("we", RandomFloats({8, 4, 1, 1}, 1));
    if (fed_wd) {
      t.Input("wd", {8, 1, 3, 3});
    } else {
      t.Initializer("wd", wd);
    }
    t.Initializer("wp", RandomFloats({4, 8, 1, 1}, 3));
    t.Node("InvertedBottleneck", {"x", "we", "", "wd", "", "wp"}, {"y"},
           {AttrInts("pads", {1, 1, 1, 1})}, "ai.onnxi");
    t.Output("y");
    return t;
  };
  const Tensor wd = RandomFloats({8, 1, 3, 3}, 2);
  std::vector<std::vector<float>> outs;
  for (bool fed : {true, false}) {
    const TestGraph t = graph(fed, wd);
    auto s = Session::LoadFromMemory(t.Serialize(), {});
    ASSERT_TRUE(s.ok()) << s.status().message();
    std::map<std::string, Tensor> feeds = {{"x", RandomFloats({1, 4, 6, 5}, 4)}};
    if (fed) feeds["wd"] = wd;
    for (int run = 0; run < 2; ++run) {  // the second run reuses what the first prepared
      auto y = (*s)->Run(feeds);
      ASSERT_TRUE(y.ok()) << y.status().message();
      const Tensor& out = (*y)[0];
      outs.emplace_back(out.data<float>(), out.data<float>() + out.num_elements());
    }
  }
  EXPECT_EQ(outs[0], outs[1]);
  EXPECT_EQ(outs[0], outs[2]);
  EXPECT_EQ(outs[0], outs[3]);
}

}  // namespace
}  // namespace onnxi
