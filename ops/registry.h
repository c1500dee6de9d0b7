// The operator registry: (domain, op_type, since_version) -> factory.
//
// One explicit list, built by calling each family's Register*Ops function in ops/registry.cc
// (tract's register_all_ops). No static-initializer self-registration: static libraries
// drop it silently. An op registers every since_version the spec defines for it, so that
// resolve picks the newest since_version not above the model's opset (tinygrad's
// _select_op) and the op learns which version's rules apply.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "ops/op.h"

namespace onnxi {

struct OpEntry {
  std::string domain;  // "" is the default ONNX domain ("ai.onnx" is folded into it)
  std::string op_type;
  int since_version;
  OpFactory factory;
};

class OpList {
 public:
  // Registers one factory for several since_versions of an op in the default domain.
  void Add(const char* op_type, std::initializer_list<int> since_versions, OpFactory factory) {
    AddInDomain("", op_type, since_versions, factory);
  }
  void AddInDomain(const char* domain, const char* op_type,
                   std::initializer_list<int> since_versions, OpFactory factory) {
    for (int v : since_versions) entries_.push_back({domain, op_type, v, factory});
  }
  std::vector<OpEntry>& entries() { return entries_; }

 private:
  std::vector<OpEntry> entries_;
};

class OpRegistry {
 public:
  // The registry of all built-in ops, built once.
  static const OpRegistry& Default();

  explicit OpRegistry(std::vector<OpEntry> entries);

  // The entry with the newest since_version <= opset, or nullptr.
  const OpEntry* Find(const std::string& domain, const std::string& op_type, int opset) const;
  // The oldest since_version registered for (domain, op_type), or 0 if the op is unknown.
  int OldestVersion(const std::string& domain, const std::string& op_type) const;
  const std::vector<OpEntry>& entries() const { return entries_; }

 private:
  std::vector<OpEntry> entries_;  // sorted by (domain, op_type, since_version)
};

// Family registration functions, one per folder of ops/ (see ops/registry.cc).
void RegisterAttentionOps(OpList& list);
void RegisterControlFlowOps(OpList& list);
void RegisterElementwiseOps(OpList& list);
void RegisterImageOps(OpList& list);
void RegisterIndexingOps(OpList& list);
void RegisterLinalgOps(OpList& list);
void RegisterLossOps(OpList& list);
void RegisterMathOps(OpList& list);
void RegisterMlOps(OpList& list);
void RegisterNnOps(OpList& list);
void RegisterNormalizationOps(OpList& list);
void RegisterQuantizationOps(OpList& list);
void RegisterRandomOps(OpList& list);
void RegisterReduceOps(OpList& list);
void RegisterRnnOps(OpList& list);
void RegisterSequenceOps(OpList& list);
void RegisterSignalOps(OpList& list);
void RegisterTensorOps(OpList& list);
void RegisterTextOps(OpList& list);
void RegisterTrainingOps(OpList& list);

}  // namespace onnxi
