// RunControl's checks and RunContext's tensor constructor (ops/op.h).
#include "ops/op.h"

namespace onnxi {

Status RunControl::CheckStop() const {
  if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
    return Status::Cancelled("the run was cancelled");
  }
  if (deadline != Clock::time_point::max() && Clock::now() > deadline) {
    return Status::DeadlineExceeded("the run passed its deadline (RunOptions::timeout_seconds)");
  }
  return Status::Ok();
}

Status RunControl::CheckMemory(int64_t bytes, const std::string& what) const {
  const int64_t held = planned_bytes + dynamic_bytes.load(std::memory_order_relaxed);
  if (bytes >= 0 && bytes <= memory_limit - held) return Status::Ok();
  return Status::ResourceExhausted(StrCat(what, " needs ", BytesToString(bytes),
                                          " but the run already holds ", BytesToString(held),
                                          " of its memory limit of ", BytesToString(memory_limit),
                                          " (Options::max_memory, --max-memory)"));
}

const RunControl& RunContext::kNoControl() {
  static const RunControl none;
  return none;
}

RunContext::RunContext(std::vector<const Tensor*> inputs, std::vector<Tensor*> outputs) {
  owned_.reserve(inputs.size() + outputs.size());
  for (const Tensor* t : inputs) owned_.push_back(t ? Value(*t) : Value());
  for (Tensor* t : outputs) owned_.push_back(t ? Value(*t) : Value());
  for (size_t i = 0; i < inputs.size(); ++i) inputs_.push_back(inputs[i] ? &owned_[i] : nullptr);
  for (size_t i = 0; i < outputs.size(); ++i) {
    outputs_.push_back(outputs[i] ? &owned_[inputs.size() + i] : nullptr);
  }
}

}  // namespace onnxi
