// Instruction sets onnxi has kernels for, and which one this CPU runs.
//
// A session picks one Isa when it is created (Options::kernels) and hands it to every op's
// Prepare and Run (PrepareContext::isa, RunContext::isa). Each kernel family maps the Isa to
// its function pointers once, in Prepare; kernels never test the CPU themselves.
//   kReference  the scalar reference twins (conformance runs, debugging)
//   kGeneric    the SIMD code compiled for baseline x86-64 (SSE2), runs anywhere
//   kAvx2       AVX2 + FMA + F16C (Haswell, Zen 1 and later)
//   kAvx512     AVX-512 F/BW/DQ/VL (Skylake-SP, Ice Lake, Zen 4 and later)
#pragma once

namespace onnxi::kernels {

enum class Isa { kReference, kGeneric, kAvx2, kAvx512 };

// The best Isa this CPU supports (never kReference).
Isa BestIsa();
// Whether this CPU can run kernels built for `isa` (kReference and kGeneric: always).
bool CpuSupports(Isa isa);
// "ref", "generic", "avx2", "avx512".
const char* IsaName(Isa isa);

}  // namespace onnxi::kernels
