// The rewrite pass table and driver; see rewrite.h.
#include "runtime/rewrite/rewrite.h"

#include <algorithm>

#include "runtime/rewrite/passes.h"

namespace onnxi {
namespace {

struct Pass {
  const char* name;
  const char* description;
  Result<int> (*run)(RewriteState&);
};

// In order: identities go first so the later patterns see through them; MatMul+Add becomes
// FusedMatMul before an activation fuses into it; a Gelu left over is fused on its own;
// the inverted bottleneck takes the convs once their activations are fused.
constexpr Pass kPasses[] = {
    {"remove-identity", "drop Identity and inference-mode Dropout nodes", RemoveIdentity},
    {"fold-batchnorm", "fold BatchNormalization into the Conv before it", FoldBatchNorm},
    {"matmul-add-to-gemm", "MatMul + constant bias Add -> Gemm (2-D) or FusedMatMul (N-D)",
     MatMulAddToGemm},
    {"fuse-activation",
     "activations (Relu, Clip, Silu, Gelu, ...) and residual Adds into Conv/Gemm/MatMul",
     FuseActivation},
    {"fuse-layernorm", "ReduceMean/Sub/Pow/Sqrt/Div/Mul/Add -> LayerNormalization", FuseLayerNorm},
    {"fuse-gelu", "x * 0.5 * (1 + Erf(x / sqrt(2))) -> Gelu", FuseGelu},
    {"fuse-inverted-bottleneck",
     "1x1 -> depthwise -> 1x1 conv (MobileNet's block) -> one op in row bands",
     FuseInvertedBottleneck},
    // Compile's fold step after resolve (runtime/compile.cc); listed here so that its name is
    // known and shown with the others.
    {"fold-constants", "run nodes whose inputs are all constant once, at load", nullptr},
};

}  // namespace

std::vector<RewriteInfo> ListRewrites() {
  std::vector<RewriteInfo> list;
  for (const Pass& p : kPasses) list.push_back({p.name, p.description});
  return list;
}

int RewriteEveryMatch(RewriteState& state, bool (*rule)(RewriteState& state, int node)) {
  int count = 0;
  for (int i = 0; i < static_cast<int>(state.graph().nodes.size()); ++i) {
    if (rule(state, i)) {
      ++count;
      i = -1;
    }
  }
  return count;
}

Status CheckRewriteNames(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    bool known = false;
    for (const Pass& p : kPasses) known = known || name == p.name;
    if (known) continue;
    std::string all;
    for (const Pass& p : kPasses) all += StrCat(all.empty() ? "" : ", ", p.name);
    return Status::InvalidArgument(
        StrCat("unknown graph rewrite '", name, "' (the rewrites: ", all, ")"));
  }
  return Status::Ok();
}

Status RewriteGraph(Model& model, const Options& options, bool trust_input_shapes,
                    std::vector<RewriteStats>* stats) {
  ONNXI_RETURN_IF_ERROR(CheckRewriteNames(options.disabled_rewrites));
  if (!options.rewrite) return Status::Ok();
  const auto& off = options.disabled_rewrites;
  bool ran = false;
  for (const Pass& p : kPasses) {
    if (p.run == nullptr || std::find(off.begin(), off.end(), p.name) != off.end()) continue;
    RewriteState state(model, trust_input_shapes);
    RewriteStats s;
    s.pass = p.name;
    s.nodes_before = static_cast<int>(model.graph.nodes.size());
    Result<int> n = p.run(state);
    if (!n.ok()) return n.status().WithContext(StrCat("graph rewrite ", p.name));
    if (*n > 0) {
      ONNXI_RETURN_IF_ERROR(state.Finish().WithContext(StrCat("graph rewrite ", p.name)));
    }
    s.rewrites = *n;
    s.nodes_after = static_cast<int>(model.graph.nodes.size());
    ran = ran || s.rewrites > 0;
    if (stats) stats->push_back(s);
  }
  if (ran) {
    for (const Node& n : model.graph.nodes) {
      if (n.domain == kRewriteDomain) {
        model.opsets.emplace(kRewriteDomain, 1);
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace onnxi
