// How a Session is set up: threads, kernels, graph rewrites, memory planning, profiling.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onnxi/status.h"

namespace onnxi {

// Which kernels a session runs. kSimd picks the best instruction set of this CPU once, at
// session creation; the others force one (Load fails if the CPU lacks it).
enum class KernelChoice { kSimd, kReference, kGeneric, kAvx2, kAvx512 };

struct Options {
  int threads = 1;                          // threads of the session's task arena
  // With threads > 1, also run independent nodes of the graph at once (inception branches,
  // FPN levels, detection heads), not only the work inside each node. Outputs are the same
  // bits either way; false saves some memory (runtime/plan.h, steps).
  bool parallel_branches = true;
  KernelChoice kernels = KernelChoice::kSimd;  // kReference forces the scalar twins
  // Graph rewrites at load (runtime/rewrite/): false turns them all off; names listed in
  // disabled_rewrites turn single ones off (`onnxi run --help` lists them).
  bool rewrite = true;
  std::vector<std::string> disabled_rewrites;
  bool memory_plan = true;                  // false: every intermediate gets its own buffer
  // Inputs must match the dims the model declares. The ONNX backend test runner does not
  // hold inputs to them, and a few of its cases feed other shapes; the conformance runner
  // turns this off to judge those cases as ONNX does. Element types are always checked.
  bool check_input_shapes = true;
  // Time every node of every Run (a steady_clock read around each); see ProfileReport.
  bool profile = false;
  // Bytes of tensors a Run may hold (its memory plan, then what data-dependent outputs add);
  // a plan or an output that would go past it fails with kResourceExhausted naming the node,
  // the shape and the bytes. 0: this machine's physical memory.
  int64_t max_memory = 0;
};

// A graph rewrite that Options::disabled_rewrites can name.
struct RewriteInfo {
  std::string name;
  std::string description;  // one line
};
// Every graph rewrite, in the order they run.
std::vector<RewriteInfo> ListRewrites();
// InvalidArgument naming the unknown rewrite and the known ones, if any name is unknown.
Status CheckRewriteNames(const std::vector<std::string>& names);

}  // namespace onnxi
