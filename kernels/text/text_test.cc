// Tests of the string kernels against expectations written out by hand: UTF-8 case mapping,
// StringNormalizer stop words, StringConcat broadcasting, StringSplit (Python str.split
// semantics), RegexFullMatch, and TfIdfVectorizer counts against a naive n-gram scan.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "kernels/text/string_ops.h"
#include "kernels/text/tfidf.h"

namespace onnxi::kernels {
namespace {

TEST(ChangeCase, AsciiLatinGreekCyrillicAndInvalidBytes) {
  EXPECT_EQ(ChangeCase("Hello, World 1", true), "HELLO, WORLD 1");
  EXPECT_EQ(ChangeCase("ÄÖÜ Straße", false), "äöü straße");
  EXPECT_EQ(ChangeCase("äöü", true), "ÄÖÜ");
  EXPECT_EQ(ChangeCase("ΑΒΓ", false), "αβγ");
  EXPECT_EQ(ChangeCase("привет", true), "ПРИВЕТ");
  EXPECT_EQ(ChangeCase("中文", true), "中文");
  const std::string bad = "a\xC3";  // truncated sequence: copied as is
  EXPECT_EQ(ChangeCase(bad, true), "A\xC3");
  EXPECT_EQ(ChangeCase("", true), "");
}

TEST(StringNormalizerRef, CaseInsensitiveStopwords) {
  const std::vector<std::string> stop = {"monday"};
  StringNormalizerParams p;
  p.stopwords = stop.data();
  p.num_stopwords = 1;
  p.case_action = 2;
  const std::vector<std::string> x = {"Monday", "tuesday", "MONDAY", "wed"};
  ASSERT_EQ(StringNormalizerCount(x.data(), 4, p), 2);
  std::vector<std::string> y(2);
  StringNormalizerRef(x.data(), 4, y.data(), p);
  EXPECT_EQ(y[0], "TUESDAY");
  EXPECT_EQ(y[1], "WED");
  p.case_sensitive = true;
  EXPECT_EQ(StringNormalizerCount(x.data(), 4, p), 4);
  EXPECT_EQ(StringNormalizerCount(x.data(), 0, p), 0);
}

TEST(StringConcatRef, BroadcastsRowAgainstColumn) {
  const std::vector<std::string> a = {"a", "b"};       // (2, 1)
  const std::vector<std::string> b = {"x", "y", "z"};  // (1, 3)
  const int64_t dims[] = {2, 3}, as[] = {1, 0}, bs[] = {0, 1};
  int64_t scratch[2];
  std::vector<std::string> y(6);
  StringConcatRef(a.data(), as, b.data(), bs, y.data(), dims, 2, scratch);
  EXPECT_EQ(y, (std::vector<std::string>{"ax", "ay", "az", "bx", "by", "bz"}));
  std::string one;
  StringConcatRef(a.data(), nullptr, b.data(), nullptr, &one, nullptr, 0, scratch);
  EXPECT_EQ(one, "ax");
}

std::vector<std::string> Split(const std::string& s, const std::string& d, int64_t maxsplit) {
  std::vector<std::string> out;
  SplitOne(s, d, maxsplit, [&](size_t b, size_t n) { out.push_back(s.substr(b, n)); });
  return out;
}

TEST(StringSplit, PythonSemantics) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Split("o-n--x-", "-", -1), (V{"o", "n", "", "x", ""}));
  EXPECT_EQ(Split("", "-", -1), (V{""}));
  EXPECT_EQ(Split("  hello   world ! ", "", -1), (V{"hello", "world", "!"}));
  EXPECT_EQ(Split("   ", "", -1), V{});
  EXPECT_EQ(Split("the quick brown fox", "", 2), (V{"the", "quick", "brown fox"}));
  EXPECT_EQ(Split("  a b  c  ", "", 1), (V{"a", "b  c"}));
  EXPECT_EQ(Split("a::b::c", "::", 1), (V{"a", "b::c"}));
  const std::vector<std::string> x = {"a.b.c", "d", ""};
  EXPECT_EQ(StringSplitMaxPieces(x.data(), 3, ".", -1), 3);
  std::vector<std::string> pieces(9, "junk");
  std::vector<int64_t> lengths(3);
  StringSplitRef(x.data(), 3, ".", -1, 3, pieces.data(), lengths.data());
  EXPECT_EQ(pieces, (V{"a", "b", "c", "d", "", "", "", "", ""}));
  EXPECT_EQ(lengths, (std::vector<int64_t>{3, 1, 1}));
}

TEST(RegexFullMatchRef, WholeStringOnly) {
  const std::regex re("www\\.[\\w.-]+\\.\\bcom\\b", std::regex::ECMAScript);
  const std::vector<std::string> x = {"www.google.com", "www.bbc.co.uk", "xwww.a.com"};
  bool y[3];
  RegexFullMatchRef(x.data(), 3, re, y);
  EXPECT_TRUE(y[0]);
  EXPECT_FALSE(y[1]);
  EXPECT_FALSE(y[2]);
}

TEST(TfIdfRef, MatchesNaiveScanWithSkips) {
  // Pool: unigrams {2, 3, 5, 4}, bigrams {(5, 6), (7, 8), (6, 7)}.
  const std::vector<int64_t> pool = {2, 3, 5, 4, 5, 6, 7, 8, 6, 7};
  const std::vector<int64_t> idx = {0, 1, 2, 3, 4, 5, 6};
  std::vector<int64_t> start = {0, 0, 4}, count = {0, 4, 3}, first = {0, 0, 4}, order(7);
  TfIdfSortLevel(pool.data(), 0, 1, 4, order.data());
  TfIdfSortLevel(pool.data(), 4, 2, 3, order.data() + 4);
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> u(1, 8);
  for (int64_t skip : {0, 2, 5}) {
    TfIdfPool<int64_t> p;
    p.pool = pool.data();
    p.level_start = start.data();
    p.level_count = count.data();
    p.level_first_id = first.data();
    p.order = order.data();
    p.ngram_indexes = idx.data();
    p.num_ngrams = 7;
    p.min_gram = 1;
    p.max_gram = 2;
    p.max_skip = skip;
    const int64_t rows = 3, cols = 11;
    std::vector<int32_t> x(rows * cols);
    for (int32_t& v : x) v = u(rng);
    std::vector<float> y(rows * 7, -1);
    TfIdfRef(x.data(), rows, cols, y.data(), 7, p);
    for (int64_t r = 0; r < rows; ++r) {
      std::vector<float> want(7, 0);
      const int32_t* row = &x[r * cols];
      for (int64_t i = 0; i < cols; ++i) {
        for (int j = 0; j < 4; ++j) want[j] += row[i] == pool[j];
        for (int64_t s = 0; s <= skip; ++s) {
          if (i + s + 1 >= cols) continue;
          for (int j = 0; j < 3; ++j) {
            want[4 + j] += row[i] == pool[4 + 2 * j] && row[i + s + 1] == pool[5 + 2 * j];
          }
        }
      }
      for (int j = 0; j < 7; ++j) EXPECT_EQ(y[r * 7 + j], want[j]) << "skip " << skip;
    }
  }
}

}  // namespace
}  // namespace onnxi::kernels
