// `onnxi conformance`: runs ONNX backend test cases (model.onnx + test_data_set_N/ with
// input_K.pb and output_K.pb) and reports one line per case:
//   PASS|FAIL|ERROR|SKIP suite/case [why, worst error]
// then per-suite counts and the closing line "N passed, M failed, K skipped" (M counts FAIL
// and ERROR). Each case runs in a child process, several at once, so a crash or a hang in
// one case is reported as that case's ERROR and never stops the run.
//
// With --expect FILE (one "suite/case" per line that must PASS), a case that regresses and a
// case that passes without being listed both fail the run, so the file stays true.
// With --errata FILE ("suite/case  reason" per line), the listed cases, whose reference data
// is known to be wrong, are not run and SKIP with that reason.
#pragma once

#include <string>
#include <vector>

#include "conformance/compare.h"
#include "onnxi/session.h"

namespace onnxi {

struct ConformanceOptions {
  Tolerance tolerance;
  Options session;
  int jobs = 0;                  // parallel cases; 0 = number of CPUs
  double timeout_seconds = 120;  // per case
  std::string expect_file;       // check results against this list of passing cases
  std::string errata_file;       // "suite/case reason" lines: known-bad test data, SKIP
  std::string write_expect;      // write the passing cases here
  bool verbose = true;           // print every case (else only non-passing ones)
};

// Returns the process exit code: 0 when every case passed (or, with expect_file, when the
// results match it exactly), 1 otherwise, 2 for usage errors.
int RunConformance(const std::vector<std::string>& paths, const ConformanceOptions& options);

}  // namespace onnxi
