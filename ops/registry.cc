// Builds the default registry from every family's list and answers opset queries.
#include "ops/registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace onnxi {
namespace {

bool EntryLess(const OpEntry& a, const OpEntry& b) {
  return std::tie(a.domain, a.op_type, a.since_version) <
         std::tie(b.domain, b.op_type, b.since_version);
}

}  // namespace

const OpRegistry& OpRegistry::Default() {
  static const OpRegistry registry = [] {
    OpList list;
    RegisterAttentionOps(list);
    RegisterControlFlowOps(list);
    RegisterElementwiseOps(list);
    RegisterImageOps(list);
    RegisterIndexingOps(list);
    RegisterLinalgOps(list);
    RegisterLossOps(list);
    RegisterMathOps(list);
    RegisterMlOps(list);
    RegisterNnOps(list);
    RegisterNormalizationOps(list);
    RegisterQuantizationOps(list);
    RegisterRandomOps(list);
    RegisterReduceOps(list);
    RegisterRnnOps(list);
    RegisterSequenceOps(list);
    RegisterSignalOps(list);
    RegisterTensorOps(list);
    RegisterTextOps(list);
    RegisterTrainingOps(list);
    return OpRegistry(std::move(list.entries()));
  }();
  return registry;
}

OpRegistry::OpRegistry(std::vector<OpEntry> entries) : entries_(std::move(entries)) {
  std::sort(entries_.begin(), entries_.end(), EntryLess);
  for (size_t i = 1; i < entries_.size(); ++i) {
    const OpEntry& a = entries_[i - 1];
    const OpEntry& b = entries_[i];
    if (a.domain == b.domain && a.op_type == b.op_type && a.since_version == b.since_version) {
      // Two registrations of one version is a bug in onnxi's own tables.
      std::fprintf(stderr, "onnxi: op %s version %d is registered twice\n", a.op_type.c_str(),
                   a.since_version);
      std::abort();
    }
  }
}

const OpEntry* OpRegistry::Find(const std::string& domain, const std::string& op_type,
                                int opset) const {
  // Entries of one op are contiguous and ascending by version: the last one <= opset wins.
  OpEntry key{domain, op_type, opset, nullptr};
  auto it = std::upper_bound(entries_.begin(), entries_.end(), key, EntryLess);
  if (it == entries_.begin()) return nullptr;
  --it;
  if (it->domain != domain || it->op_type != op_type) return nullptr;
  return &*it;
}

int OpRegistry::OldestVersion(const std::string& domain, const std::string& op_type) const {
  OpEntry key{domain, op_type, 0, nullptr};
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key, EntryLess);
  if (it == entries_.end() || it->domain != domain || it->op_type != op_type) return 0;
  return it->since_version;
}

}  // namespace onnxi
