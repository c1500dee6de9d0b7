// report: what a session can say about its plan and its runs, in numbers and as text.
#pragma once

#include <string>

#include "onnxi/session.h"
#include "runtime/executor.h"

namespace onnxi {

// The memory plan of the last run's signature (zeros before the first run).
PlanStats PlanStatsOf(const Executor& executor);
// Every planned value: offset, size, first and last use, type; then the peak and the sums.
std::string PlanReportOf(const Executor& executor);
// With Options::profile: time per op type and the ten slowest nodes, per run.
std::string ProfileReportOf(const Executor& executor);

}  // namespace onnxi
