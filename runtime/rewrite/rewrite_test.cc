// The rewrite driver: the pass table, names, switching off; and what the passes do to the
// real models in bench/models (printed, for the record).
#include "runtime/rewrite/rewrite.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "runtime/loader.h"
#include "runtime/rewrite/rewrite_test_util.h"

namespace onnxi {
namespace {

TEST(Rewrite, PassesInOrder) {
  std::vector<std::string> names;
  for (const RewriteInfo& p : ListRewrites()) {
    names.push_back(p.name);
    EXPECT_FALSE(p.description.empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"remove-identity", "fold-batchnorm",
                                             "matmul-add-to-gemm", "fuse-activation",
                                             "fuse-layernorm", "fuse-gelu",
                                             "fuse-inverted-bottleneck", "fold-constants"}));
}

TEST(Rewrite, UnknownNameIsAnError) {
  EXPECT_TRUE(CheckRewriteNames({"fuse-gelu", "fold-constants"}).ok());
  Status s = CheckRewriteNames({"fuse-gelu", "fuse-everything"});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("unknown graph rewrite 'fuse-everything'"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("remove-identity"), std::string::npos) << s.message();
  TestGraph t(13);
  t.Input("x", {2}).Node("Relu", {"x"}, {"y"}).Output("y");
  Options o;
  o.disabled_rewrites = {"nope"};
  auto session = Session::LoadFromMemory(t.Serialize(), o);
  ASSERT_FALSE(session.ok());
  EXPECT_NE(session.status().message().find("'nope'"), std::string::npos);
}

TEST(Rewrite, StatsPerPass) {
  TestGraph t(13);
  t.Input("x", {2}).Node("Identity", {"x"}, {"i"}).Node("Relu", {"i"}, {"y"}).Output("y");
  std::vector<RewriteStats> stats;
  t.Rewritten({}, &stats);
  ASSERT_EQ(stats.size(), 7u);  // every pass but fold-constants (it runs after resolve)
  EXPECT_EQ(stats[0].pass, "remove-identity");
  EXPECT_EQ(stats[0].rewrites, 1);
  EXPECT_EQ(stats[0].nodes_before, 2);
  EXPECT_EQ(stats[0].nodes_after, 1);
}

// Not a check: prints what each pass does to the benchmark models, when they are present.
TEST(Rewrite, RealModelReport) {
  for (const char* name : {"resnet50", "mobilenet_v2", "bert_encoder"}) {
    const std::string path =
        std::string(ONNXI_SOURCE_DIR) + "/bench/models/" + name + "/model.onnx";
    if (!std::ifstream(path).good()) continue;
    Result<Model> m = LoadModel(path);
    ASSERT_TRUE(m.ok()) << m.status().message();
    std::vector<RewriteStats> stats;
    ASSERT_TRUE(RewriteGraph(*m, {}, true, &stats).ok());
    std::printf("%s:", name);
    for (const RewriteStats& s : stats) {
      std::printf(" %s %d (%d -> %d nodes);", s.pass.c_str(), s.rewrites, s.nodes_before,
                  s.nodes_after);
    }
    std::printf("\n");
  }
}

}  // namespace
}  // namespace onnxi
