// Status and Result<T>: how onnxi reports errors that a model or a caller can cause.
//
// Aborts are reserved for bugs in onnxi itself. Everything else travels up as a value,
// gaining context on the way ("Conv (node 'conv1', opset 13): kernel_shape has 3 values").
#pragma once

#include <sstream>
#include <string>
#include <utility>
#include <variant>

namespace onnxi {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // a caller's input is wrong (dtype, shape, missing input)
    kInvalidModel,     // the model breaks the ONNX spec (bad attribute, bad graph)
    kUnsupported,      // valid ONNX that onnxi does not implement
    kIoError,          // a file is missing or unreadable
    kDeferred,         // prepare needs tensor data that is only known at run time
    kInternal,         // a bug in onnxi
    kResourceExhausted,  // more memory than Options::max_memory (or than the machine has)
    kCancelled,          // RunOptions::cancel was set
    kDeadlineExceeded,   // the run passed RunOptions::timeout_seconds
  };

  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status InvalidModel(std::string m) { return {Code::kInvalidModel, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status Deferred() { return {Code::kDeferred, "output shape depends on data"}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status ResourceExhausted(std::string m) {
    return {Code::kResourceExhausted, std::move(m)};
  }
  static Status Cancelled(std::string m) { return {Code::kCancelled, std::move(m)}; }
  static Status DeadlineExceeded(std::string m) { return {Code::kDeadlineExceeded, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  bool deferred() const { return code_ == Code::kDeferred; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message reads "<prefix>: <message>".
  Status WithContext(const std::string& prefix) const {
    if (ok()) return *this;
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Concatenates anything streamable: StrCat("axis ", axis, " is out of range").
template <class... Args>
std::string StrCat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}

}  // namespace onnxi

#define ONNXI_CONCAT_INNER_(a, b) a##b
#define ONNXI_CONCAT_(a, b) ONNXI_CONCAT_INNER_(a, b)

#define ONNXI_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::onnxi::Status onnxi_status_ = (expr);  \
    if (!onnxi_status_.ok()) return onnxi_status_; \
  } while (0)

#define ONNXI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

// Declares-or-assigns lhs from a Result, returning its Status on error. It expands to several
// statements: put it inside braces, never as the bare body of an if or a loop.
#define ONNXI_ASSIGN_OR_RETURN(lhs, expr) \
  ONNXI_ASSIGN_OR_RETURN_IMPL_(ONNXI_CONCAT_(onnxi_result_, __LINE__), lhs, expr)
