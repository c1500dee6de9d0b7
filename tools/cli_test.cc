// The CLI as a user meets it: bad input exits non-zero with one line naming what is wrong.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace {

struct CliResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

CliResult RunCli(const std::string& args) {
  std::string cmd = std::string(ONNXI_BINARY_DIR) + "/onnxi " + args + " 2>&1";
  CliResult r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Example() { return std::string(ONNXI_SOURCE_DIR) + "/examples/resnet_mini/model.onnx"; }

std::string TempFile(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

void ExpectOneLineError(const CliResult& r, const std::string& part) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find(part), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << "expected one line: " << r.output;
}

TEST(Cli, MissingFile) { ExpectOneLineError(RunCli("run /no/such/model.onnx"), "cannot open '/no/such/model.onnx'"); }

TEST(Cli, NotProtobuf) {
  std::string path = TempFile("not_a_model.onnx", "hello, I am a text file\n\xff\xfe");
  ExpectOneLineError(RunCli("run " + path), "not an ONNX model");
}

TEST(Cli, TruncatedModel) {
  std::ifstream in(Example(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  std::string path = TempFile("truncated.onnx", bytes.substr(0, bytes.size() / 2));
  CliResult r = RunCli("run " + path);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find(path), std::string::npos) << r.output;
}

TEST(Cli, InputMissingFromInputsDir) {
  std::string dir = ::testing::TempDir() + "empty_inputs";
  std::string mk = "mkdir -p " + dir;
  ASSERT_EQ(system(mk.c_str()), 0);
  ExpectOneLineError(RunCli("run " + Example() + " --inputs " + dir), "input 'image' (float32[1, 3, 64, 64]) has no file");
}

TEST(Cli, RunPrintsOutputsTimingAndMemory) {
  CliResult r = RunCli("run " + Example());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("output probs: float32[1, 10]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("peak RSS"), std::string::npos);
}

TEST(Cli, BenchPrintsItsKeys) {
  CliResult r = RunCli("bench " + Example() + " --runs 2 --warmup 1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* key : {"median_ms=", "min_ms=", "peak_rss_mb=", "arena_mb="}) {
    EXPECT_NE(r.output.find(key), std::string::npos) << r.output;
  }
}

TEST(Cli, BadFlagValues) {
  ExpectOneLineError(RunCli("run " + Example() + " --threads zero"), "--threads expects a whole number");
}

TEST(Cli, HelpOnEverySubcommand) {
  for (const char* cmd : {"run", "bench", "conformance"}) {
    CliResult r = RunCli(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.output.find("usage: onnxi"), std::string::npos) << cmd;
  }
}

TEST(Cli, RewriteFlags) {
  CliResult help = RunCli("run --help");
  for (const char* name : {"--no-rewrite", "--disable-rewrite", "remove-identity", "fuse-activation",
                           "fuse-layernorm"}) {
    EXPECT_NE(help.output.find(name), std::string::npos) << name;
  }
  for (const char* cmd : {"bench", "conformance"}) {
    EXPECT_NE(RunCli(std::string(cmd) + " --help").output.find("--disable-rewrite"), std::string::npos);
  }
  EXPECT_EQ(RunCli("run " + Example() + " --no-rewrite").exit_code, 0);
  CliResult off = RunCli("run " + Example() + " --disable-rewrite fuse-activation,remove-identity");
  EXPECT_EQ(off.exit_code, 0) << off.output;
  ExpectOneLineError(RunCli("run " + Example() + " --disable-rewrite fuse-activation,fuse-all"),
                     "unknown graph rewrite 'fuse-all'");
}

}  // namespace
