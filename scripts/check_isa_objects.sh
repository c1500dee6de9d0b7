#!/usr/bin/env bash
# Guards the runtime choice of instruction set: an inline function or template that both an
# AVX2/AVX-512 translation unit (*_avx2.cc, *_avx512.cc) and ordinary code use is emitted
# twice as a weak symbol, and the linker keeps ONE copy for the whole program. If it keeps the
# copy compiled with -mavx512f, a CPU without AVX-512 crashes in ordinary code. This check
# fails when such a shared weak function of an ISA object uses ymm/zmm registers.
#   scripts/check_isa_objects.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check_isa_objects.sh BUILD_DIR}
mapfile -t isa_objs < <(find "$build" -path '*onnxi_kernels.dir*' \( -name '*_avx2.cc.o' -o -name '*_avx512.cc.o' \))
mapfile -t other_objs < <(find "$build" -path '*onnxi_kernels.dir*' -name '*.o' ! -name '*_avx2.cc.o' ! -name '*_avx512.cc.o')
[[ ${#isa_objs[@]} -gt 0 ]] || { echo "check_isa_objects: no ISA objects under $build"; exit 1; }
others=$(for o in "${other_objs[@]}"; do nm "$o" 2>/dev/null | awk '{print $NF}'; done | sort -u)
bad=0
for obj in "${isa_objs[@]}"; do
  for sym in $(nm "$obj" | awk '$2 == "W" {print $3}'); do
    grep -qxF "$sym" <<<"$others" || continue
    if objdump -d --no-show-raw-insn "$obj" --disassemble="$sym" | grep -qE '%[yz]mm'; then
      echo "check_isa_objects: $(c++filt "$sym") in $(basename "$obj") is shared with ordinary code and uses AVX registers"
      bad=1
    fi
  done
done
[[ $bad == 0 ]] && echo "check_isa_objects: ${#isa_objs[@]} ISA objects, no shared AVX code"
exit $bad
