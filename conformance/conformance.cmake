# The conformance runner over the ONNX backend test data, as CTest tests. Each suite has a
# checked-in expectation file listing the cases expected to pass; a regression AND an
# unexpected pass both fail the test, so the file stays true. Every suite runs four ways:
# the scalar reference kernels and the SIMD kernels this CPU picks, on 1 and on 2 threads
# (test names end in _ref_t1, _simd_t1, _ref_t2, _simd_t2); all four hold the same file.
set(ONNXI_EXPECTED ${PROJECT_SOURCE_DIR}/conformance/expected)
set(ONNXI_NEW_DATA ${PROJECT_SOURCE_DIR}/../shared/onnx-backend-data)
if(NOT EXISTS ${ONNXI_NEW_DATA})
  message(STATUS "onnxi: ${ONNXI_NEW_DATA} not found; the onnx 1.23 conformance suite is skipped")
endif()

foreach(kernels ref simd)
  foreach(threads 1 2)
    set(how --kernels ${kernels} --threads ${threads})
    set(suffix ${kernels}_t${threads})
    # Debian's onnx 1.12 data (libonnx-testdata), present on every machine the README sets up.
    add_test(NAME conformance_onnx_1_12_${suffix}
      COMMAND onnxi conformance ${how} --failures-only --expect ${ONNXI_EXPECTED}/onnx-1.12.txt
              --errata ${ONNXI_EXPECTED}/onnx-1.12-errata.txt /usr/share/libonnx-testdata/data)
    # The bundled example models, checked against the outputs of the framework that made them.
    add_test(NAME conformance_examples_${suffix}
      COMMAND onnxi conformance ${how} --expect ${ONNXI_EXPECTED}/examples.txt
              ${PROJECT_SOURCE_DIR}/examples)
    # onnx 1.23 data (opsets to 28) lives beside the checkout when the team's shared folder
    # is there; it is never committed. Without it this suite is skipped, visibly.
    if(EXISTS ${ONNXI_NEW_DATA})
      add_test(NAME conformance_onnx_1_23_${suffix}
        COMMAND onnxi conformance ${how} --failures-only --expect ${ONNXI_EXPECTED}/onnx-1.23.txt
                ${ONNXI_NEW_DATA})
    endif()
  endforeach()
endforeach()

# The narrower instruction sets on the 1.12 data too, so a CPU without AVX-512 (or without
# AVX2) runs code that CI has checked.
set(ONNXI_EXTRA_ISAS generic)
if(EXISTS /proc/cpuinfo)
  file(READ /proc/cpuinfo ONNXI_CPUINFO)
  if(ONNXI_CPUINFO MATCHES " avx2 " AND ONNXI_CPUINFO MATCHES " avx512f ")
    list(APPEND ONNXI_EXTRA_ISAS avx2)  # simd already runs avx2 where avx512f is missing
  endif()
endif()
foreach(isa IN LISTS ONNXI_EXTRA_ISAS)
  add_test(NAME conformance_onnx_1_12_${isa}_t2
    COMMAND onnxi conformance --kernels ${isa} --threads 2 --failures-only
            --expect ${ONNXI_EXPECTED}/onnx-1.12.txt
            --errata ${ONNXI_EXPECTED}/onnx-1.12-errata.txt /usr/share/libonnx-testdata/data)
endforeach()
