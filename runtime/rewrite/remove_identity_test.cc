// remove-identity: structure after the pass, and equal outputs with rewrites on and off.
#include <gtest/gtest.h>

#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

using Ops = std::vector<std::string>;

Tensor Bool(bool v) { return Tensor::FromVector<bool>(DataType::kBool, {}, {v}); }

TEST(RewriteRemoveIdentity, InnerIdentityIsBypassed) {
  TestGraph t(13);
  t.Input("x", {2, 3}).Node("Relu", {"x"}, {"r"}).Node("Identity", {"r"}, {"i"});
  t.Node("Sigmoid", {"i"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Relu", "Sigmoid"}));
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteRemoveIdentity, GraphOutputKeepsItsName) {
  TestGraph t(13);
  t.Input("x", {4}).Node("Relu", {"x"}, {"r"}).Node("Identity", {"r"}, {"y"}).Output("y");
  Model m = t.Rewritten();
  ASSERT_EQ(OpTypes(m), (Ops{"Relu"}));
  EXPECT_EQ(m.graph.values[m.graph.nodes[0].outputs[0]].name, "y");
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteRemoveIdentity, GraphOutputAlsoReadInside) {
  TestGraph t(13);
  t.Input("x", {4}).Node("Relu", {"x"}, {"r"}).Node("Identity", {"r"}, {"y"});
  t.Node("Neg", {"r"}, {"z"}).Output("y").Output("z");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Relu", "Neg"}));
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteRemoveIdentity, InputToOutputStays) {
  TestGraph t(13);
  t.Input("x", {4}).Node("Identity", {"x"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Identity"}));
}

TEST(RewriteRemoveIdentity, InferenceDropoutGoesTrainingStays) {
  TestGraph t(13);
  t.Input("x", {3, 5}).Const("ratio", Scalar(0.5f)).Const("off", Bool(false));
  t.Const("on", Bool(true));
  t.Node("Dropout", {"x", "ratio", "off"}, {"a", "mask_a"});  // mask unread
  t.Node("Dropout", {"a", "ratio", "on"}, {"b"});             // training: random
  t.Node("Dropout", {"b"}, {"c"});                            // no training_mode: inference
  t.Node("Dropout", {"c", "ratio", "off"}, {"y", "mask_y"});  // mask is an output
  t.Output("y").Output("mask_y");
  Model m = t.Rewritten();
  EXPECT_EQ(CountOp(m, "Dropout"), 2);
  EXPECT_EQ(m.graph.nodes.back().op_type, "Dropout");
}

TEST(RewriteRemoveIdentity, TrainingDropoutWithZeroRatioGoes) {
  TestGraph t(13);
  t.Input("x", {3, 5}).Const("zero", Scalar(0)).Const("on", Bool(true));
  t.Node("Dropout", {"x", "zero", "on"}, {"a", "mask"}).Node("Relu", {"a"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Relu"}));
  EXPECT_LE(t.MaxDiffRewriteOnOff(), 1e-5);
}

TEST(RewriteRemoveIdentity, OldDropoutNeedsIsTest) {
  TestGraph t(6);
  t.Input("x", {3}).Node("Dropout", {"x"}, {"a"}, {AttrI("is_test", 1)});
  t.Node("Dropout", {"a"}, {"b"}).Node("Relu", {"b"}, {"y"}).Output("y");
  EXPECT_EQ(OpTypes(t.Rewritten()), (Ops{"Dropout", "Relu"}));
}

TEST(RewriteRemoveIdentity, SwitchedOffByName) {
  TestGraph t(13);
  t.Input("x", {2}).Node("Identity", {"x"}, {"i"}).Node("Relu", {"i"}, {"y"}).Output("y");
  Options o;
  o.disabled_rewrites = {"remove-identity"};
  EXPECT_EQ(OpTypes(t.Rewritten(o)), (Ops{"Identity", "Relu"}));
  o.disabled_rewrites = {};
  o.rewrite = false;
  EXPECT_EQ(OpTypes(t.Rewritten(o)), (Ops{"Identity", "Relu"}));
}

}  // namespace
}  // namespace onnxi
