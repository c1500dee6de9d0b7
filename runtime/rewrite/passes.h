// The graph rewrite passes, one file each. Every pass rewrites every match it finds and
// returns how many it rewrote; it only rewrites where all preconditions are proven, so a
// graph it does not understand is left exactly as it was.
#pragma once

#include "onnxi/status.h"
#include "runtime/rewrite/rewrite_state.h"

namespace onnxi {

// Tries `rule` at every node until no node matches; returns how many times it rewrote. Each
// rewrite removes nodes, so this ends; after one, the scan starts over because node indices
// have moved.
int RewriteEveryMatch(RewriteState& state, bool (*rule)(RewriteState& state, int node));

Result<int> RemoveIdentity(RewriteState& state);
Result<int> FoldBatchNorm(RewriteState& state);
Result<int> MatMulAddToGemm(RewriteState& state);
Result<int> FuseActivation(RewriteState& state);
Result<int> FuseLayerNorm(RewriteState& state);
Result<int> FuseGelu(RewriteState& state);
Result<int> FuseInvertedBottleneck(RewriteState& state);

}  // namespace onnxi
