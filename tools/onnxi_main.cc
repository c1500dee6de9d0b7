// build/onnxi: the command-line face of onnxi.
//   onnxi run MODEL [--inputs DIR] [--threads N] [--kernels K] [--plan]
//       [--no-rewrite] [--disable-rewrite NAME[,NAME]]   (also for conformance and bench)
//   onnxi conformance [--rtol R] [--atol A] [--threads N] [--kernels K] PATH...
//   onnxi bench MODEL [--threads N] [--runs R] [--warmup W] [--inputs DIR] [--profile]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "conformance/runner.h"
#include "onnxi/session.h"
#include "tools/args.h"
#include "onnxi/test_data.h"

namespace onnxi {
namespace {

const char kMainHelp[] =
    "onnxi: an ONNX inference runtime\n"
    "\n"
    "usage: onnxi COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run MODEL          run a model once and print its outputs, time and peak memory\n"
    "  conformance PATH.. run ONNX backend test cases and compare with their references\n"
    "  bench MODEL        time repeated runs of a model\n"
    "\n"
    "'onnxi COMMAND --help' describes a command's options.\n";

const char kRunHelp[] =
    "usage: onnxi run MODEL [--inputs DIR] [--threads N] [--kernels K] [--plan]\n"
    "                 [--timeout S] [--max-memory SIZE] [--no-parallel-branches]\n"
    "                 [--no-rewrite] [--disable-rewrite NAME[,NAME]]\n"
    "\n"
    "Runs MODEL once and prints each output's name, type, shape and a summary of its values,\n"
    "then the run time and the process's peak memory.\n"
    "\n"
    "  --inputs DIR      read inputs from DIR/input_0.pb, input_1.pb, ... (TensorProto files,\n"
    "                    matched by name, else by order). Without it, inputs are made from the\n"
    "                    model's declared shapes (symbolic dims = 1, floats uniform in [-1, 1)).\n"
    "  --threads N       threads (default 1): work inside a node is split over them, and\n"
    "                    independent nodes run at once (--no-parallel-branches: only the first)\n"
    "  --kernels K       simd (default: the best this CPU runs), ref (the scalar reference\n"
    "                    kernels), or one instruction set: generic, avx2, avx512\n"
    "  --plan            print the memory plan: every planned value's offset, size, first and\n"
    "                    last use, the arena peak and the sum of all intermediates\n"
    "  --timeout S       stop a run that takes longer than S seconds (default: no limit)\n"
    "  --max-memory SIZE the most memory a run may hold in tensors, e.g. 512M or 8G; a plan or\n"
    "                    an output that needs more is an error (default: the machine's memory)\n"
    "  --no-rewrite      run the graph as loaded: no graph rewrites at load\n"
    "  --disable-rewrite NAME[,NAME]  turn single graph rewrites off; they run in this order:\n";

const char kConformanceHelp[] =
    "usage: onnxi conformance [options] PATH...\n"
    "\n"
    "PATH is one backend test case (a folder with model.onnx and test_data_set_N/) or a\n"
    "folder of them (searched recursively). Prints one line per case,\n"
    "  PASS|FAIL|ERROR|SKIP suite/case [why, worst error]\n"
    "then counts per suite and the closing line 'N passed, M failed, K skipped'.\n"
    "Each case runs in its own process: a crash or hang is that case's ERROR.\n"
    "\n"
    "  --rtol R          relative tolerance (default 1e-3)\n"
    "  --atol A          absolute tolerance (default 1e-7)\n"
    "  --threads N       threads per case (default 1), as for 'onnxi run'\n"
    "  --kernels K       simd (default), ref, generic, avx2 or avx512\n"
    "  --jobs J          cases run at once (default: number of CPUs)\n"
    "  --timeout S       seconds per case before it is an ERROR (default 120)\n"
    "  --expect FILE     FILE lists the cases expected to PASS; exit 1 on a regression or an\n"
    "                    unexpected pass (cases not under PATH are ignored)\n"
    "  --write-expect F  write the list of passing cases to F\n"
    "  --errata FILE     FILE lists 'suite/case  reason' for cases whose reference data is\n"
    "                    known to be wrong: they are not run and SKIP with that reason\n"
    "  --failures-only   print only the cases that did not pass\n"
    "  --max-memory SIZE the most memory a case's run may hold in tensors (default: the\n"
    "                    machine's memory)\n"
    "  --no-rewrite      run the graph as loaded: no graph rewrites at load\n"
    "  --disable-rewrite NAME[,NAME]  turn single graph rewrites off ('onnxi run --help'\n"
    "                    lists them)\n";

const char kBenchHelp[] =
    "usage: onnxi bench MODEL [--threads N] [--runs R] [--warmup W] [--inputs DIR] [--profile]\n"
    "                   [--timeout S] [--max-memory SIZE] [--no-parallel-branches]\n"
    "\n"
    "Times R runs after W warm-up runs and prints\n"
    "  median_ms= min_ms= peak_rss_mb= arena_mb=\n"
    "\n"
    "  --threads N       threads (default 1): work inside a node is split over them, and\n"
    "                    independent nodes run at once (--no-parallel-branches: only the first)\n"
    "  --runs R          timed runs (default 10)\n"
    "  --warmup W        untimed runs first (default 2)\n"
    "  --inputs DIR      inputs as for 'onnxi run' (default: made from declared shapes)\n"
    "  --kernels K       simd (default), ref, generic, avx2 or avx512\n"
    "  --profile         after the timings, time per op type and the 10 slowest nodes\n"
    "  --timeout S       stop a run that takes longer than S seconds (default: no limit)\n"
    "  --max-memory SIZE the most memory a run may hold in tensors (default: the machine's)\n"
    "  --no-rewrite      run the graph as loaded: no graph rewrites at load\n"
    "  --disable-rewrite NAME[,NAME]  turn single graph rewrites off ('onnxi run --help'\n"
    "                    lists them)\n";

// "    name                      description" per graph rewrite, for the help texts.
std::string RewriteHelp() {
  std::string s;
  for (const RewriteInfo& r : ListRewrites()) {
    s += "    " + r.name + std::string(r.name.size() < 26 ? 26 - r.name.size() : 1, ' ') +
         r.description + "\n";
  }
  return s;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "onnxi: %s\n", message.c_str());
  return 1;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
}

Result<Options> SessionOptions(const Args& args) {
  Options o;
  ONNXI_ASSIGN_OR_RETURN(o.threads, args.GetInt("threads", 1, 1));
  ONNXI_ASSIGN_OR_RETURN(o.max_memory, args.GetBytes("max-memory", 0));
  const std::string k = args.Get("kernels", "simd");
  if (k == "ref") {
    o.kernels = KernelChoice::kReference;
  } else if (k == "generic") {
    o.kernels = KernelChoice::kGeneric;
  } else if (k == "avx2") {
    o.kernels = KernelChoice::kAvx2;
  } else if (k == "avx512") {
    o.kernels = KernelChoice::kAvx512;
  } else if (k != "simd") {
    return Status::InvalidArgument(StrCat(
        "--kernels expects simd, ref, generic, avx2 or avx512, got '", k, "'"));
  }
  o.rewrite = !args.has("no-rewrite");
  o.parallel_branches = !args.has("no-parallel-branches");
  const std::string off = args.Get("disable-rewrite", "");
  for (size_t start = 0; start < off.size();) {
    size_t comma = off.find(',', start);
    if (comma == std::string::npos) comma = off.size();
    if (comma > start) o.disabled_rewrites.push_back(off.substr(start, comma - start));
    start = comma + 1;
  }
  if (Status s = CheckRewriteNames(o.disabled_rewrites); !s.ok()) {
    return Status::InvalidArgument(StrCat("--disable-rewrite: ", s.message()));
  }
  return o;
}

Result<RunOptions> GetRunOptions(const Args& args) {
  RunOptions r;
  ONNXI_ASSIGN_OR_RETURN(r.timeout_seconds, args.GetDouble("timeout", 0));
  return r;
}

Result<std::map<std::string, Value>> GetInputs(const Session& session, const Args& args) {
  if (args.has("inputs")) return ReadInputDir(session, args.Get("inputs", ""));
  return MakeInputs(session, nullptr);
}

// "min -0.98 max 0.97 mean 0.012 | 0.1 0.5 -0.3 ..."
std::string Summarize(const Value& v) {
  if (!v.is_tensor()) return "";
  const Tensor& t = v.tensor();
  const int64_t n = t.num_elements();
  if (n == 0) return "(empty)";
  std::string first;
  if (t.dtype() == DataType::kString) {
    for (int64_t i = 0; i < std::min<int64_t>(n, 4); ++i) first += " \"" + t.data<std::string>()[i] + "\"";
    return "values" + first + (n > 4 ? " ..." : "");
  }
  auto at = [&](int64_t i) -> double {
    switch (t.dtype()) {
      case DataType::kFloat: return t.data<float>()[i];
      case DataType::kDouble: return t.data<double>()[i];
      case DataType::kFloat16: return static_cast<float>(t.data<Float16>()[i]);
      case DataType::kBfloat16: return static_cast<float>(t.data<BFloat16>()[i]);
      default: return static_cast<double>(t.IntAt(i));
    }
  };
  if (!IsFloatingPoint(t.dtype()) && !IsIntegerType(t.dtype()) && t.dtype() != DataType::kBool) {
    return "(values of type " + DataTypeName(t.dtype()) + " not summarized)";
  }
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    double v = at(i);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  char buf[128];
  std::snprintf(buf, sizeof buf, "min %.6g max %.6g mean %.6g |", lo, hi, sum / n);
  std::string s = buf;
  for (int64_t i = 0; i < std::min<int64_t>(n, 6); ++i) {
    std::snprintf(buf, sizeof buf, " %.6g", at(i));
    s += buf;
  }
  return s + (n > 6 ? " ..." : "");
}

int RunCommand(int argc, char** argv) {
  auto args = Args::Parse(argc, argv,
                          {"inputs", "threads", "kernels", "disable-rewrite", "max-memory", "timeout"},
                          {"plan", "help", "no-rewrite", "no-parallel-branches"});
  if (!args.ok()) return Fail(args.status().message() + "\n" + kRunHelp);
  if (args->has("help")) return std::printf("%s%s", kRunHelp, RewriteHelp().c_str()), 0;
  if (args->positional().size() != 1) return Fail(std::string("run needs one MODEL\n") + kRunHelp);
  auto options = SessionOptions(*args);
  if (!options.ok()) return Fail(options.status().message());
  auto run_options = GetRunOptions(*args);
  if (!run_options.ok()) return Fail(run_options.status().message());
  const std::string& path = args->positional()[0];

  auto t0 = std::chrono::steady_clock::now();
  auto session = Session::Load(path, *options);
  if (!session.ok()) return Fail(session.status().message());
  auto t1 = std::chrono::steady_clock::now();
  std::string notes;
  auto feeds = args->has("inputs") ? ReadInputDir(**session, args->Get("inputs", ""))
                                   : MakeInputs(**session, &notes);
  if (!feeds.ok()) return Fail(feeds.status().message());
  std::printf("model %s\n%s", path.c_str(), notes.c_str());
  for (const ValueDesc& d : (*session)->inputs()) {
    std::printf("  input  %s: %s  %s\n", d.name.c_str(), d.type_string.c_str(),
                Summarize(feeds->at(d.name)).c_str());
  }

  auto t2 = std::chrono::steady_clock::now();
  auto outputs = (*session)->RunValues(*feeds, *run_options);
  auto t3 = std::chrono::steady_clock::now();
  if (!outputs.ok()) return Fail(outputs.status().message());
  // A second run shows the steady state: shapes inferred and memory planned already.
  auto again = (*session)->RunValues(*feeds, *run_options);
  auto t4 = std::chrono::steady_clock::now();
  if (!again.ok()) return Fail(again.status().message());

  const auto& descs = (*session)->outputs();
  for (size_t k = 0; k < outputs->size(); ++k) {
    const Value& v = (*outputs)[k];
    std::printf("  output %s: %s  %s\n", descs[k].name.c_str(), v.TypeString().c_str(), Summarize(v).c_str());
  }
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  PlanStats stats = (*session)->plan_stats();
  std::printf("load %.2f ms, first run %.2f ms (infers shapes and plans memory), second run %.2f ms, %d thread%s\n",
              ms(t0, t1), ms(t2, t3), ms(t3, t4), options->threads, options->threads == 1 ? "" : "s");
  std::printf("arena %.2f MiB (sum of intermediates %.2f MiB), scratch %.2f MiB, peak RSS %.1f MiB\n",
              stats.arena_bytes / 1048576.0, stats.intermediate_bytes / 1048576.0,
              stats.scratch_bytes / 1048576.0, PeakRssMb());
  if (args->has("plan")) std::printf("\nmemory plan:\n%s", (*session)->PlanReport().c_str());
  return 0;
}

int BenchCommand(int argc, char** argv) {
  auto args = Args::Parse(argc, argv,
                          {"inputs", "threads", "kernels", "runs", "warmup", "disable-rewrite",
                           "max-memory", "timeout"},
                          {"help", "profile", "no-rewrite", "no-parallel-branches"});
  if (!args.ok()) return Fail(args.status().message() + "\n" + kBenchHelp);
  if (args->has("help")) return std::printf("%s", kBenchHelp), 0;
  if (args->positional().size() != 1) return Fail(std::string("bench needs one MODEL\n") + kBenchHelp);
  auto options = SessionOptions(*args);
  if (!options.ok()) return Fail(options.status().message());
  options->profile = args->has("profile");
  auto run_options = GetRunOptions(*args);
  if (!run_options.ok()) return Fail(run_options.status().message());
  auto runs = args->GetInt("runs", 10, 1);
  auto warmup = args->GetInt("warmup", 2, 0);
  if (!runs.ok()) return Fail(runs.status().message());
  if (!warmup.ok()) return Fail(warmup.status().message());

  auto session = Session::Load(args->positional()[0], *options);
  if (!session.ok()) return Fail(session.status().message());
  auto feeds = GetInputs(**session, *args);
  if (!feeds.ok()) return Fail(feeds.status().message());
  for (int i = 0; i < *warmup; ++i) {
    auto out = (*session)->RunValues(*feeds, *run_options);
    if (!out.ok()) return Fail(out.status().message());
  }
  std::vector<double> times;
  for (int i = 0; i < *runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    auto out = (*session)->RunValues(*feeds, *run_options);
    auto b = std::chrono::steady_clock::now();
    if (!out.ok()) return Fail(out.status().message());
    times.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(times.begin(), times.end());
  double median = times.size() % 2 ? times[times.size() / 2]
                                   : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  std::printf("median_ms=%.3f min_ms=%.3f peak_rss_mb=%.1f arena_mb=%.2f runs=%d threads=%d\n",
              median, times.front(), PeakRssMb(), (*session)->plan_stats().arena_bytes / 1048576.0,
              *runs, options->threads);
  if (options->profile) std::printf("%s", (*session)->ProfileReport().c_str());
  return 0;
}

int ConformanceCommand(int argc, char** argv) {
  auto args = Args::Parse(argc, argv,
                          {"rtol", "atol", "threads", "kernels", "jobs", "timeout", "expect",
                           "write-expect", "errata", "disable-rewrite", "max-memory"},
                          {"help", "failures-only", "no-rewrite", "no-parallel-branches"});
  if (!args.ok()) return Fail(args.status().message() + "\n" + kConformanceHelp);
  if (args->has("help")) return std::printf("%s", kConformanceHelp), 0;
  if (args->positional().empty()) return Fail(std::string("conformance needs a PATH\n") + kConformanceHelp);
  ConformanceOptions opt;
  auto session = SessionOptions(*args);
  if (!session.ok()) return Fail(session.status().message());
  opt.session = *session;
  auto rtol = args->GetDouble("rtol", 1e-3);
  auto atol = args->GetDouble("atol", 1e-7);
  auto timeout = args->GetDouble("timeout", 120);
  auto jobs = args->GetInt("jobs", 0, 0);
  for (const Status& s : {rtol.status(), atol.status(), timeout.status(), jobs.status()}) {
    if (!s.ok()) return Fail(s.message());
  }
  opt.tolerance = {*rtol, *atol};
  opt.timeout_seconds = std::max(1.0, *timeout);
  opt.jobs = *jobs;
  opt.expect_file = args->Get("expect", "");
  opt.write_expect = args->Get("write-expect", "");
  opt.errata_file = args->Get("errata", "");
  opt.verbose = !args->has("failures-only");
  return RunConformance(args->positional(), opt);
}

}  // namespace
}  // namespace onnxi

int main(int argc, char** argv) {
  using namespace onnxi;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    std::printf("%s", kMainHelp);
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  if (command == "run") return RunCommand(argc - 2, argv + 2);
  if (command == "bench") return BenchCommand(argc - 2, argv + 2);
  if (command == "conformance") return ConformanceCommand(argc - 2, argv + 2);
  std::fprintf(stderr, "onnxi: unknown command '%s'\n\n%s", command.c_str(), kMainHelp);
  return 2;
}
