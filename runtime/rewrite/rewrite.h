// Graph rewrites: small, exactly semantics-preserving passes, the first step of compiling a
// graph (runtime/compile.h: rewrite -> resolve -> fold), each switchable off by name (Options::rewrite,
// Options::disabled_rewrites; `onnxi run --no-rewrite`, `--disable-rewrite NAME[,NAME]`).
// They fold and fuse what exporters spell out node by node into fewer, larger nodes, some
// of them onnxi's private ops in domain "ai.onnxi" (version 1), which a rewritten model then
// imports. Subgraphs (If/Loop/Scan bodies) are compiled, and so rewritten, like the main graph.
//
// Passes run in this order (the table in rewrite.cc):
//   remove-identity, fold-batchnorm, matmul-add-to-gemm, fuse-activation, fuse-layernorm,
//   fuse-gelu, fuse-inverted-bottleneck; then fold-constants, which is compile's fold step
//   after resolve (runtime/compile.cc) and is listed here so that its name is known.
#pragma once

#include <string>
#include <vector>

#include "onnxi/session.h"
#include "onnxi/status.h"
#include "ir/graph.h"

namespace onnxi {

// What one pass did to a model.
struct RewriteStats {
  std::string pass;
  int rewrites = 0;      // matches rewritten
  int nodes_before = 0;  // the graph's node count before and after the pass
  int nodes_after = 0;
};

// ListRewrites() and CheckRewriteNames() (onnxi/options.h) describe the passes.

// Runs the passes Options enable (all of them unless options.rewrite is false or their name
// is in options.disabled_rewrites). stats, when given, receives one entry per pass run.
// trust_input_shapes: fed inputs are held to their declared dims (the main graph with
// Options::check_input_shapes), so shapes derived from them are facts; false in subgraphs.
Status RewriteGraph(Model& model, const Options& options, bool trust_input_shapes,
                    std::vector<RewriteStats>* stats = nullptr);

}  // namespace onnxi
