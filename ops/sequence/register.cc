// Registration list of the ops in ops/sequence/.
#include "ops/registry.h"
#include "ops/sequence/sequence_ops.h"

namespace onnxi {

void RegisterSequenceOps(OpList& list) {
  list.Add("ConcatFromSequence", {11}, MakeConcatFromSequence);
  list.Add("Optional", {15}, MakeOptional);
  list.Add("OptionalGetElement", {15, 18}, MakeOptionalGetElement);
  list.Add("OptionalHasElement", {15, 18}, MakeOptionalHasElement);
  list.Add("SequenceAt", {11}, MakeSequenceAt);
  list.Add("SequenceConstruct", {11}, MakeSequenceConstruct);
  list.Add("SequenceEmpty", {11}, MakeSequenceEmpty);
  list.Add("SequenceErase", {11}, MakeSequenceErase);
  list.Add("SequenceInsert", {11}, MakeSequenceInsert);
  list.Add("SequenceLength", {11}, MakeSequenceLength);
  list.Add("SequenceMap", {17}, MakeSequenceMap);
  list.Add("SplitToSequence", {11, 24}, MakeSplitToSequence);
}

}  // namespace onnxi
