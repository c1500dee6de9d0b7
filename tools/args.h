// A small command-line parser for the onnxi subcommands: positional arguments, and flags
// of the form --name VALUE or --name=VALUE. Unknown flags and bad numbers are errors that
// name the flag and the value.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "onnxi/status.h"

namespace onnxi {

class Args {
 public:
  // value_flags take a value; switch_flags do not.
  static Result<Args> Parse(int argc, char** argv, const std::set<std::string>& value_flags,
                            const std::set<std::string>& switch_flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& flag) const { return values_.count(flag) || switches_.count(flag); }
  std::string Get(const std::string& flag, const std::string& def) const;
  Result<int> GetInt(const std::string& flag, int def, int min_value) const;
  Result<double> GetDouble(const std::string& flag, double def) const;
  // A size in bytes: a whole number with an optional suffix K, M, G or T (powers of 1024).
  Result<int64_t> GetBytes(const std::string& flag, int64_t def) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::set<std::string> switches_;
};

}  // namespace onnxi
