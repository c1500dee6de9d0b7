// fuse-gelu: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

using Ops = std::vector<std::string>;

// x = Neg(input) (so x has another reader too), then one spelling of Gelu(x).
TestGraph Spelled(int variant, float divisor = 1.4142135f) {
  TestGraph t(13);
  t.Input("in", {3, 7}).Node("Neg", {"in"}, {"x"});
  t.Const("c", Scalar(variant == 1 ? 1 / divisor : divisor)).Const("one", Scalar(1));
  t.Const("half", Scalar(0.5f));
  if (variant == 1) {
    t.Node("Mul", {"c", "x"}, {"d"});
  } else {
    t.Node("Div", {"x", "c"}, {"d"});
  }
  t.Node("Erf", {"d"}, {"e"}).Node("Add", {"one", "e"}, {"p"});
  if (variant == 2) {  // x * (p * 0.5)
    t.Node("Mul", {"p", "half"}, {"q"}).Node("Mul", {"q", "x"}, {"y"});
  } else if (variant == 3) {  // (x * 0.5) * p
    t.Node("Mul", {"x", "half"}, {"h"}).Node("Mul", {"h", "p"}, {"y"});
  } else {  // (x * p) * 0.5
    t.Node("Mul", {"x", "p"}, {"q"}).Node("Mul", {"half", "q"}, {"y"});
  }
  t.Node("Sigmoid", {"x"}, {"z"}).Output("y").Output("z");
  return t;
}

TEST(RewriteFuseGelu, EverySpelling) {
  for (int variant = 0; variant < 4; ++variant) {
    SCOPED_TRACE(variant);
    TestGraph t = Spelled(variant);
    EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Neg", "ai.onnxi.Gelu", "Sigmoid"}));
    EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
  }
}

TEST(RewriteFuseGelu, OtherConstantStays) {
  EXPECT_EQ(CountOp(Spelled(0, 1.5f).Rewritten(), "Erf"), 1);
}

TEST(RewriteFuseGelu, SwitchedOff) {
  Options o;
  o.disabled_rewrites = {"fuse-gelu"};
  EXPECT_EQ(CountOp(Spelled(0).Rewritten(o), "Erf"), 1);
}

}  // namespace
}  // namespace onnxi
