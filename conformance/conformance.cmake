# The conformance runner over the ONNX backend test data, as CTest tests. Each suite has a
# checked-in expectation file listing the cases expected to pass; a regression AND an
# unexpected pass both fail the test, so the file stays true.
set(ONNXI_EXPECTED ${PROJECT_SOURCE_DIR}/conformance/expected)

# Debian's onnx 1.12 data (libonnx-testdata), present on every machine the README sets up.
add_test(NAME conformance_onnx_1_12
  COMMAND onnxi conformance --failures-only --expect ${ONNXI_EXPECTED}/onnx-1.12.txt
          --errata ${ONNXI_EXPECTED}/onnx-1.12-errata.txt /usr/share/libonnx-testdata/data)

# The bundled example models, checked against the outputs of the framework that made them.
add_test(NAME conformance_examples
  COMMAND onnxi conformance --expect ${ONNXI_EXPECTED}/examples.txt ${PROJECT_SOURCE_DIR}/examples)

# onnx 1.23 data (opsets to 28) lives beside the checkout when the team's shared folder is
# there; it is never committed. Without it this suite is skipped, visibly.
set(ONNXI_NEW_DATA ${PROJECT_SOURCE_DIR}/../shared/onnx-backend-data)
if(EXISTS ${ONNXI_NEW_DATA})
  add_test(NAME conformance_onnx_1_23
    COMMAND onnxi conformance --failures-only --expect ${ONNXI_EXPECTED}/onnx-1.23.txt ${ONNXI_NEW_DATA})
else()
  message(STATUS "onnxi: ${ONNXI_NEW_DATA} not found; the onnx 1.23 conformance suite is skipped")
endif()
