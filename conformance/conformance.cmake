# The conformance runner over the ONNX backend test data, as CTest tests. Each suite has a
# checked-in expectation file listing the cases expected to pass; a regression AND an
# unexpected pass both fail the test, so the file stays true.
set(ONNXI_DEBIAN_DATA /usr/share/libonnx-testdata/data)
add_test(NAME conformance_onnx_1_12
  COMMAND onnxi conformance --expect ${PROJECT_SOURCE_DIR}/conformance/expected/onnx-1.12.txt
          ${ONNXI_DEBIAN_DATA})
