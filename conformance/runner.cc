#include "conformance/runner.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "onnxi/test_data.h"

namespace onnxi {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;  // "suite/case"
  std::string dir;
  std::string suite;
};

struct Outcome {
  std::string verdict = "ERROR";  // PASS, FAIL, ERROR, SKIP
  std::string why;
};

void FindCases(const fs::path& dir, std::vector<Case>* cases) {
  std::error_code ec;
  if (fs::exists(dir / "model.onnx", ec) || fs::exists(dir / "data.json", ec)) {
    fs::path abs = fs::absolute(dir);
    std::string suite = abs.parent_path().filename().string();
    cases->push_back({suite + "/" + abs.filename().string(), abs.string(), suite});
    return;
  }
  std::vector<fs::path> children;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_directory()) children.push_back(e.path());
  }
  std::sort(children.begin(), children.end());
  for (const auto& c : children) FindCases(c, cases);
}

std::string FirstLines(const std::string& s, size_t max_chars) {
  std::string out = s;
  std::replace(out.begin(), out.end(), '\n', ' ');
  if (out.size() > max_chars) out = out.substr(0, max_chars) + "...";
  return out;
}

// Whether every fed tensor has the rank and the fixed dims its declaration gives.
bool FollowDeclaredShapes(const std::vector<ValueDesc>& inputs,
                          const std::map<std::string, Value>& feeds) {
  for (const ValueDesc& d : inputs) {
    auto it = feeds.find(d.name);
    if (it == feeds.end() || !it->second.is_tensor() || !d.has_shape) continue;
    const Shape& shape = it->second.tensor().shape();
    if (shape.size() != d.dims.size()) return false;
    for (size_t i = 0; i < shape.size(); ++i) {
      if (d.dims[i] >= 0 && d.dims[i] != shape[i]) return false;
    }
  }
  return true;
}

// Runs one case in this process.
Outcome RunCase(const Case& c, const ConformanceOptions& opt) {
  fs::path dir(c.dir);
  if (!fs::exists(dir / "model.onnx")) {
    return {"SKIP", "no model.onnx: data.json points to a model that must be downloaded"};
  }
  // Declared input shapes are enforced where the case's inputs follow them, so that graph
  // rewrites which rely on them (residual fusion) are exercised; the ONNX backend runner does
  // not hold inputs to them, and for the few cases that feed other shapes the session is
  // loaded again without the check (see Options::check_input_shapes).
  Options options = opt.session;
  options.check_input_shapes = true;
  auto session = Session::Load((dir / "model.onnx").string(), options);
  if (!session.ok()) return {"ERROR", session.status().message()};
  std::vector<fs::path> sets;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory() && e.path().filename().string().rfind("test_data_set_", 0) == 0) {
      sets.push_back(e.path());
    }
  }
  std::sort(sets.begin(), sets.end());
  if (sets.empty()) return {"SKIP", "no test_data_set_N folder"};
  for (const fs::path& set : sets) {
    auto feeds = ReadInputDir(**session, set.string());
    if (!feeds.ok()) return {"ERROR", feeds.status().message()};
    if (options.check_input_shapes && !FollowDeclaredShapes((*session)->inputs(), *feeds)) {
      options.check_input_shapes = false;
      session = Session::Load((dir / "model.onnx").string(), options);
      if (!session.ok()) return {"ERROR", session.status().message()};
    }
    const auto& inputs = (*session)->inputs();
    const auto& outputs = (*session)->outputs();
    auto want = ReadOutputDir(**session, set.string());
    if (!want.ok()) return {"ERROR", want.status().message()};
    // numpy has no bfloat16, so onnx 1.12 wrote bfloat16 test tensors as uint16 bit patterns.
    for (const ValueDesc& d : inputs) {
      auto it = feeds->find(d.name);
      if (it != feeds->end() && d.dtype == DataType::kBfloat16 && it->second.is_tensor() &&
          it->second.tensor().dtype() == DataType::kUint16) {
        it->second = it->second.tensor().ReinterpretAs(DataType::kBfloat16);
      }
    }
    for (size_t k = 0; k < want->size() && k < outputs.size(); ++k) {
      Value& w = (*want)[k];
      if (outputs[k].dtype == DataType::kBfloat16 && w.is_tensor() &&
          w.tensor().dtype() == DataType::kUint16) {
        w = w.tensor().ReinterpretAs(DataType::kBfloat16);
      }
    }
    auto got = (*session)->RunValues(*feeds);
    if (!got.ok()) return {"ERROR", got.status().message()};
    // A seeded generator cannot reproduce numpy's draws; such ops are checked by unit tests
    // of their properties instead.
    std::string random_node = (*session)->LastRunRandomNode();
    if (!random_node.empty()) {
      return {"SKIP", StrCat("random values from ", random_node, " cannot match numpy's generator")};
    }
    if (want->size() != got->size()) {
      return {"FAIL", StrCat(set.filename().string(), ": ", got->size(), " outputs, reference has ",
                             want->size())};
    }
    for (size_t k = 0; k < want->size(); ++k) {
      std::string diff = CompareValues((*got)[k], (*want)[k], opt.tolerance);
      if (!diff.empty()) {
        return {"FAIL", StrCat(set.filename().string(), " output '", outputs[k].name, "': ", diff)};
      }
    }
  }
  return {"PASS", ""};
}

struct Child {
  pid_t pid;
  int fd;
  size_t index;
};

// Runs the case in a forked child; its verdict comes back through a pipe as "VERDICT why".
Child StartChild(const Case& c, size_t index, const ConformanceOptions& opt) {
  int fds[2];
  if (pipe(fds) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    alarm(static_cast<unsigned>(opt.timeout_seconds));
    Outcome o = RunCase(c, opt);
    std::string line = o.verdict + " " + FirstLines(o.why, 1500);
    ssize_t unused = write(fds[1], line.data(), line.size());
    (void)unused;
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  return {pid, fds[0], index};
}

Outcome FinishChild(const Child& child, int wait_status, const ConformanceOptions& opt) {
  std::string text;
  char buf[4096];
  ssize_t got;
  while ((got = read(child.fd, buf, sizeof buf)) > 0) text.append(buf, got);
  close(child.fd);
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    if (sig == SIGALRM) return {"ERROR", StrCat("timed out after ", opt.timeout_seconds, " s")};
    return {"ERROR", StrCat("crashed with signal ", sig, " (", strsignal(sig), ")")};
  }
  size_t space = text.find(' ');
  if (space == std::string::npos) return {"ERROR", "the case process ended without a verdict"};
  return {text.substr(0, space), text.substr(space + 1)};
}

// "suite/case  reason" per line; '#' starts a comment.
std::map<std::string, std::string> ReadErrata(const std::string& path, bool* ok) {
  std::map<std::string, std::string> errata;
  std::ifstream in(path);
  *ok = static_cast<bool>(in);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find_first_of(" \t");
    if (space == std::string::npos) continue;
    size_t reason = line.find_first_not_of(" \t", space);
    errata[line.substr(0, space)] = reason == std::string::npos ? "" : line.substr(reason);
  }
  return errata;
}

std::set<std::string> ReadExpectations(const std::string& path, bool* ok) {
  std::set<std::string> names;
  std::ifstream in(path);
  *ok = static_cast<bool>(in);
  std::string line;
  while (std::getline(in, line)) {
    line.erase(std::find(line.begin(), line.end(), '#'), line.end());
    while (!line.empty() && isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (!line.empty()) names.insert(line);
  }
  return names;
}

}  // namespace

int RunConformance(const std::vector<std::string>& paths, const ConformanceOptions& opt) {
  std::vector<Case> cases;
  for (const std::string& p : paths) {
    if (!fs::is_directory(p)) {
      std::fprintf(stderr, "onnxi conformance: '%s' is not a folder\n", p.c_str());
      return 2;
    }
    FindCases(p, &cases);
  }
  if (cases.empty()) {
    std::fprintf(stderr, "onnxi conformance: no test cases (folders with model.onnx) found\n");
    return 2;
  }
  std::set<std::string> expected;
  if (!opt.expect_file.empty()) {
    bool ok;
    expected = ReadExpectations(opt.expect_file, &ok);
    if (!ok) {
      std::fprintf(stderr, "onnxi conformance: cannot read expectation file '%s'\n",
                   opt.expect_file.c_str());
      return 2;
    }
  }

  std::map<std::string, std::string> errata;
  if (!opt.errata_file.empty()) {
    bool ok;
    errata = ReadErrata(opt.errata_file, &ok);
    if (!ok) {
      std::fprintf(stderr, "onnxi conformance: cannot read errata file '%s'\n", opt.errata_file.c_str());
      return 2;
    }
  }

  const auto start = std::chrono::steady_clock::now();
  int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Outcome> outcomes(cases.size());
  std::vector<bool> done(cases.size(), false);
  std::map<pid_t, Child> running;
  size_t next_start = 0;
  size_t next_print = 0;
  while (next_print < cases.size()) {
    // Start what may start; errata cases are settled without running.
    while (next_start < cases.size() &&
           (running.size() < static_cast<size_t>(jobs) || errata.count(cases[next_start].name))) {
      auto e = errata.find(cases[next_start].name);
      if (e != errata.end()) {
        outcomes[next_start] = {"SKIP", "errata: " + e->second};
        done[next_start] = true;
      } else {
        Child c = StartChild(cases[next_start], next_start, opt);
        running[c.pid] = c;
      }
      ++next_start;
    }
    if (!running.empty()) {
      int status = 0;
      pid_t pid = waitpid(-1, &status, 0);
      if (pid < 0) {
        std::perror("onnxi conformance: waitpid");
        return 2;
      }
      auto it = running.find(pid);
      if (it != running.end()) {
        outcomes[it->second.index] = FinishChild(it->second, status, opt);
        done[it->second.index] = true;
        running.erase(it);
      }
    }
    // Print in case order as soon as the next case in order is done.
    while (next_print < cases.size() && done[next_print]) {
      const Outcome& o = outcomes[next_print];
      if (opt.verbose || o.verdict != "PASS") {
        std::printf("%-5s %s%s%s\n", o.verdict.c_str(), cases[next_print].name.c_str(),
                    o.why.empty() ? "" : "  ", o.why.c_str());
        std::fflush(stdout);
      }
      ++next_print;
    }
  }

  std::map<std::string, std::map<std::string, int>> per_suite;
  std::map<std::string, int> total;
  std::vector<std::string> passing;
  for (size_t i = 0; i < cases.size(); ++i) {
    ++per_suite[cases[i].suite][outcomes[i].verdict];
    ++total[outcomes[i].verdict];
    if (outcomes[i].verdict == "PASS") passing.push_back(cases[i].name);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n%-20s %6s %6s %6s %6s\n", "suite", "pass", "fail", "error", "skip");
  for (auto& [suite, counts] : per_suite) {
    std::printf("%-20s %6d %6d %6d %6d\n", suite.c_str(), counts["PASS"], counts["FAIL"],
                counts["ERROR"], counts["SKIP"]);
  }
  std::printf("%zu cases in %.1f s with %d parallel jobs\n", cases.size(), seconds, jobs);

  int exit_code = (total["FAIL"] + total["ERROR"]) == 0 ? 0 : 1;
  if (!opt.expect_file.empty()) {
    std::set<std::string> discovered;
    for (const Case& c : cases) discovered.insert(c.name);
    int regressions = 0;
    int unexpected = 0;
    for (size_t i = 0; i < cases.size(); ++i) {
      bool want_pass = expected.count(cases[i].name) > 0;
      bool passed = outcomes[i].verdict == "PASS";
      if (want_pass && !passed) {
        std::printf("REGRESSION %s (now %s)\n", cases[i].name.c_str(), outcomes[i].verdict.c_str());
        ++regressions;
      } else if (!want_pass && passed) {
        std::printf("UNEXPECTED PASS %s (add it to %s)\n", cases[i].name.c_str(),
                    opt.expect_file.c_str());
        ++unexpected;
      }
    }
    std::printf("expectations %s: %d regressions, %d unexpected passes\n", opt.expect_file.c_str(),
                regressions, unexpected);
    exit_code = (regressions + unexpected) == 0 ? 0 : 1;
  }
  if (!opt.write_expect.empty()) {
    std::ofstream out(opt.write_expect);
    out << "# Cases expected to PASS (onnxi conformance --write-expect). One suite/case per line.\n";
    for (const std::string& name : passing) out << name << "\n";
    std::printf("wrote %zu passing cases to %s\n", passing.size(), opt.write_expect.c_str());
  }
  std::printf("%d passed, %d failed, %d skipped\n", total["PASS"], total["FAIL"] + total["ERROR"],
              total["SKIP"]);
  return exit_code;
}

}  // namespace onnxi
