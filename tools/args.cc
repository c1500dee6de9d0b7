#include "tools/args.h"

#include <cstdlib>

namespace onnxi {

Result<Args> Args::Parse(int argc, char** argv, const std::set<std::string>& value_flags,
                         const std::set<std::string>& switch_flags) {
  Args args;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      args.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::string value;
    bool inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (switch_flags.count(name)) {
      if (inline_value) return Status::InvalidArgument(StrCat("--", name, " takes no value"));
      args.switches_.insert(name);
    } else if (value_flags.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) return Status::InvalidArgument(StrCat("--", name, " needs a value"));
        value = argv[++i];
      }
      args.values_[name] = value;
    } else {
      return Status::InvalidArgument(StrCat("unknown option --", name));
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag, const std::string& def) const {
  auto it = values_.find(flag);
  return it == values_.end() ? def : it->second;
}

Result<int> Args::GetInt(const std::string& flag, int def, int min_value) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return def;
  char* end = nullptr;
  long v = std::strtol(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || v < min_value || v > 1000000) {
    return Status::InvalidArgument(
        StrCat("--", flag, " expects a whole number >= ", min_value, ", got '", it->second, "'"));
  }
  return static_cast<int>(v);
}

Result<double> Args::GetDouble(const std::string& flag, double def) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return def;
  char* end = nullptr;
  double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || !(v >= 0)) {
    return Status::InvalidArgument(
        StrCat("--", flag, " expects a non-negative number, got '", it->second, "'"));
  }
  return v;
}

Result<int64_t> Args::GetBytes(const std::string& flag, int64_t def) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return def;
  const std::string& text = it->second;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  int shift = 0;
  if (*end != '\0' && end[1] == '\0') {
    switch (*end) {
      case 'K':
      case 'k':
        shift = 10;
        break;
      case 'M':
      case 'm':
        shift = 20;
        break;
      case 'G':
      case 'g':
        shift = 30;
        break;
      case 'T':
      case 't':
        shift = 40;
        break;
      default:
        shift = -1;
    }
    if (shift > 0) ++end;
  }
  if (text.empty() || end == text.c_str() || *end != '\0' || shift < 0 || v <= 0 ||
      v > (INT64_MAX >> shift)) {
    return Status::InvalidArgument(
        StrCat("--", flag, " expects a size in bytes such as 512M or 8G, got '", text, "'"));
  }
  return static_cast<int64_t>(v) << shift;
}

}  // namespace onnxi
