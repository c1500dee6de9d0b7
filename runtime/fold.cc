// PrepareNode, RunNodeOnce and the folds built on them; see fold.h.
#include "runtime/fold.h"

#include <new>
#include <stdexcept>

namespace onnxi {

InputFact FactOf(const Value& v, bool constant) {
  InputFact f;
  if (v.is_none()) return f;
  f.present = true;
  f.kind = v.kind();
  if (v.is_tensor()) {
    f.dtype = v.tensor().dtype();
    f.shape = v.tensor().shape();
    f.data = constant ? &v.tensor() : nullptr;
  } else {
    f.dtype = v.sequence_dtype();
  }
  f.value = constant ? &v : nullptr;
  return f;
}

Status PrepareNode(Op& op, PrepareContext& ctx) {
  Status s;
  try {
    s = op.Prepare(ctx);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory while preparing the node");
  } catch (const std::length_error&) {
    return Status::ResourceExhausted("a size too large to allocate while preparing the node");
  }
  if (!s.ok()) return s;
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    if (ctx.output_by_run(k)) continue;
    for (int64_t d : ctx.output_shape(k)) {
      if (d < 0) {
        return Status::Internal(
            StrCat("output ", k, " has a negative dim in ", ShapeToString(ctx.output_shape(k))));
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<Value>> RunNodeOnce(Op& op, const Node& node, const PrepareContext& prepared,
                                       std::vector<const Value*> inputs,
                                       std::vector<const Value*> captured, kernels::Isa isa,
                                       int threads, const RunControl* control) {
  const size_t n = node.outputs.size();
  std::vector<Value> outs(n);
  bool values_given = n > 0;
  for (size_t k = 0; k < n; ++k) {
    if (node.outputs[k] >= 0 && prepared.output_value(k).empty()) values_given = false;
  }
  if (values_given) {  // Shape, Size, Constant: Prepare knew the values from shapes alone
    for (size_t k = 0; k < n; ++k) {
      if (node.outputs[k] >= 0) outs[k] = prepared.output_value(k);
    }
    return outs;
  }
  std::vector<Value*> out_ptrs(n, nullptr);
  Tensor scratch;
  try {
    for (size_t k = 0; k < n; ++k) {
      if (node.outputs[k] < 0) continue;
      if (!prepared.output_by_run(k)) {
        outs[k] = Tensor::Allocate(prepared.output_dtype(k), prepared.output_shape(k));
      }
      out_ptrs[k] = &outs[k];
    }
    if (prepared.scratch_bytes() > 0) {
      scratch =
          Tensor::Allocate(DataType::kUint8, {static_cast<int64_t>(prepared.scratch_bytes())});
    }
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory allocating the node's outputs");
  }
  RunContext ctx(std::move(inputs), std::move(out_ptrs), std::move(captured));
  ctx.num_threads = threads;
  ctx.isa = isa;
  ctx.scratch = scratch.empty() ? nullptr : scratch.raw_data();
  ctx.set_control(control);
  Status s;
  try {
    s = op.Run(ctx);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory while running the node");
  }
  if (!s.ok()) return s;
  if (ctx.used_randomness) return Status::Internal("a random op was folded");
  return outs;
}

Result<std::vector<Value>> FoldNode(Op& op, const Node& node,
                                    const std::vector<const Value*>& inputs, kernels::Isa isa) {
  if (!op.deterministic()) return Status::Internal("a random op cannot be folded");
  std::vector<InputFact> facts(inputs.size());
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (inputs[k] != nullptr) facts[k] = FactOf(*inputs[k], true);
  }
  PrepareContext prepared(std::move(facts), static_cast<int>(node.outputs.size()));
  prepared.isa = isa;
  ONNXI_RETURN_IF_ERROR(PrepareNode(op, prepared));
  return RunNodeOnce(op, node, prepared, inputs, {}, isa, 1, nullptr);
}

Result<std::vector<Value>> FoldUnboundNode(const Node& node,
                                           const std::map<std::string, int>& opsets,
                                           const std::vector<const Value*>& inputs) {
  auto opset = opsets.find(node.domain);
  if (opset == opsets.end()) return Status::Unsupported("domain not imported");
  const OpEntry* entry = OpRegistry::Default().Find(node.domain, node.op_type, opset->second);
  if (entry == nullptr) return Status::Unsupported("no op");
  std::unique_ptr<Op> op = entry->factory();
  NodeView view(node.op_type, node.domain, entry->since_version, opset->second,
                static_cast<int>(node.inputs.size()), static_cast<int>(node.outputs.size()),
                &node.attributes);
  Status s = op->Init(view);  // no subgraph maker: a node with subgraphs fails here
  if (s.ok()) s = view.status();
  ONNXI_RETURN_IF_ERROR(s);
  return FoldNode(*op, node, inputs, kernels::Isa::kReference);
}

}  // namespace onnxi
