// The bits of every output are the same for any thread count and any SIMD instruction set
// pick, on a conv net and a transformer (examples/). Kernels split work into fixed blocks
// (kernels/cpu/parallel.h), so this must hold exactly, not within a tolerance.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "onnxi/session.h"
#include "onnxi/test_data.h"

namespace onnxi {
namespace {

std::vector<Tensor> RunExample(const std::string& name, const Options& options) {
  const std::string dir = std::string(ONNXI_SOURCE_DIR) + "/examples/" + name;
  auto session = Session::Load(dir + "/model.onnx", options);
  EXPECT_TRUE(session.ok()) << session.status().message();
  if (!session.ok()) return {};
  auto input = ReadTensorFile(dir + "/test_data_set_0/input_0.pb");
  EXPECT_TRUE(input.ok()) << input.status().message();
  if (!input.ok()) return {};
  auto out = (*session)->Run({{(*session)->inputs()[0].name, *input}});
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? *out : std::vector<Tensor>{};
}

void ExpectSameBits(const std::vector<Tensor>& a, const std::vector<Tensor>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    ASSERT_EQ(a[k].nbytes(), b[k].nbytes());
    EXPECT_EQ(std::memcmp(a[k].raw_data(), b[k].raw_data(), a[k].nbytes()), 0) << "output " << k;
  }
}

class SameBitsForAnyThreadCount : public testing::TestWithParam<const char*> {};

TEST_P(SameBitsForAnyThreadCount, OneTwoAndThreeThreads) {
  for (KernelChoice kernels : {KernelChoice::kReference, KernelChoice::kSimd}) {
    Options one;
    one.kernels = kernels;
    std::vector<Tensor> base = RunExample(GetParam(), one);
    ASSERT_FALSE(base.empty());
    for (int threads : {2, 3}) {
      Options many = one;
      many.threads = threads;
      SCOPED_TRACE(testing::Message() << "threads " << threads << " kernels "
                                      << (kernels == KernelChoice::kSimd ? "simd" : "ref"));
      ExpectSameBits(base, RunExample(GetParam(), many));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, SameBitsForAnyThreadCount,
                         testing::Values("resnet_mini", "transformer_mini"));

}  // namespace
}  // namespace onnxi
