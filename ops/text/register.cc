// Registration list of the ops in ops/text/.
#include "ops/registry.h"
#include "ops/text/text_ops.h"

namespace onnxi {

void RegisterTextOps(OpList& list) {
  list.Add("RegexFullMatch", {20}, MakeRegexFullMatchOp);
  list.Add("StringConcat", {20}, MakeStringConcatOp);
  list.Add("StringNormalizer", {10}, MakeStringNormalizerOp);
  list.Add("StringSplit", {20}, MakeStringSplitOp);
  list.Add("TfIdfVectorizer", {9}, MakeTfIdfVectorizerOp);
}

}  // namespace onnxi
