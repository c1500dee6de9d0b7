// report: the plan table and the profile; see report.h.
#include "runtime/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace onnxi {

PlanStats PlanStatsOf(const Executor& executor) {
  PlanStats s;
  const Plan* plan = executor.plan();
  if (plan == nullptr) return s;
  s.arena_bytes = plan->arena_bytes;
  s.scratch_bytes = plan->scratch_bytes;
  s.intermediate_bytes = plan->intermediate_bytes;
  s.num_planned = plan->num_planned;
  s.num_folded_nodes = plan->num_folded + executor.compiled().num_folded;
  s.num_deferred_nodes = plan->num_deferred;
  s.num_steps = static_cast<int>(plan->steps.size());
  for (const std::vector<int>& step : plan->steps) {
    s.widest_step = std::max(s.widest_step, static_cast<int>(step.size()));
  }
  return s;
}

std::string PlanReportOf(const Executor& executor) {
  const Plan* plan = executor.plan();
  if (plan == nullptr) return "no plan yet: the model has not run\n";
  const Graph& g = executor.graph();
  std::vector<int> planned;
  for (size_t v = 0; v < plan->values.size(); ++v) {
    if (plan->values[v].storage == Storage::kArena) planned.push_back(static_cast<int>(v));
  }
  std::sort(planned.begin(), planned.end(), [&](int a, int b) {
    const ValuePlan &x = plan->values[a], &y = plan->values[b];
    return std::tie(x.first_use, x.offset) < std::tie(y.first_use, y.offset);
  });
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-40s %12s %12s %6s %6s  %s\n", "value", "offset", "bytes",
                "first", "last", "type");
  out += line;
  for (int v : planned) {
    const ValuePlan& vp = plan->values[v];
    std::string name = g.values[v].name;
    if (name.size() > 40) name = name.substr(0, 37) + "...";
    std::snprintf(line, sizeof line, "%-40s %12lld %12lld %6d %6d  %s\n", name.c_str(),
                  static_cast<long long>(vp.offset), static_cast<long long>(vp.bytes()),
                  vp.first_use, vp.last_use,
                  (DataTypeName(vp.dtype) + ShapeToString(vp.shape)).c_str());
    out += line;
  }
  const PlanStats s = PlanStatsOf(executor);
  std::snprintf(line, sizeof line,
                "arena peak %lld bytes (%.2f MiB) for %d values; sum of intermediates %lld bytes "
                "(%.2f MiB); peak/sum %.3f; %d nodes folded, %d deferred to run time; "
                "largest scratch %.2f MiB; %d steps, up to %d nodes at once\n",
                static_cast<long long>(s.arena_bytes), s.arena_bytes / 1048576.0, s.num_planned,
                static_cast<long long>(s.intermediate_bytes), s.intermediate_bytes / 1048576.0,
                s.intermediate_bytes ? double(s.arena_bytes) / s.intermediate_bytes : 0.0,
                s.num_folded_nodes, s.num_deferred_nodes, s.scratch_bytes / 1048576.0, s.num_steps,
                s.widest_step);
  out += line;
  return out;
}

std::string ProfileReportOf(const Executor& executor) {
  const int runs = executor.profiled_runs();
  const Plan* plan = executor.plan();
  if (runs == 0 || plan == nullptr) {
    return "no profile: run with Options::profile (onnxi bench --profile)\n";
  }
  const Graph& g = executor.graph();
  const std::vector<double>& node_ms = executor.node_ms();
  double total = 0;
  std::map<std::string, std::pair<double, int>> by_type;  // op type -> (ms, nodes)
  for (size_t i = 0; i < node_ms.size(); ++i) {
    if (plan->nodes[i].mode == NodeMode::kFolded) continue;
    const Node& node = g.nodes[i];
    auto& entry = by_type[node.domain.empty() ? node.op_type : node.domain + "." + node.op_type];
    entry.first += node_ms[i];
    entry.second += 1;
    total += node_ms[i];
  }
  std::vector<std::pair<double, std::string>> types;
  for (const auto& [type, entry] : by_type) types.push_back({entry.first, type});
  std::sort(types.rbegin(), types.rend());
  std::string out = StrCat("time per run by op type (", runs, " runs; ms, share, nodes)\n");
  char line[160];
  for (const auto& [ms, type] : types) {
    std::snprintf(line, sizeof line, "  %-28s %9.3f  %5.1f%%  %d\n", type.c_str(), ms / runs,
                  total > 0 ? 100 * ms / total : 0.0, by_type.at(type).second);
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-28s %9.3f\n", "total", total / runs);
  out += line;
  std::vector<std::pair<double, int>> nodes;
  for (size_t i = 0; i < node_ms.size(); ++i) {
    if (plan->nodes[i].mode != NodeMode::kFolded)
      nodes.push_back({node_ms[i], static_cast<int>(i)});
  }
  std::sort(nodes.rbegin(), nodes.rend());
  out += "slowest nodes (ms per run)\n";
  for (size_t k = 0; k < nodes.size() && k < 10; ++k) {
    const int i = nodes[k].second;
    std::snprintf(line, sizeof line, "  %9.3f  %s (node '%s')\n", nodes[k].first / runs,
                  g.nodes[i].op_type.c_str(), NodeDisplayName(g, i).c_str());
    out += line;
  }
  return out;
}

}  // namespace onnxi
