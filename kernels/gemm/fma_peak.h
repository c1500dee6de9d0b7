// A measuring stick for the SGEMM benchmarks (bench/gemm_bench.cc): the FP32 FMA peak of one
// core, from a loop of 16 independent AVX-512 FMA chains held in registers (no memory
// traffic). Returns the sum of the lanes so the work cannot be optimized away. Only call it
// when CpuSupports(Isa::kAvx512).
#pragma once

#include <cstdint>

namespace onnxi::kernels {

// Runs `iterations` rounds of 16 x 16-lane FMAs (512 flops per round).
float FmaPeakAvx512(int64_t iterations);

}  // namespace onnxi::kernels
