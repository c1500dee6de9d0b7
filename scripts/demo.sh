#!/usr/bin/env bash
# The main job on bundled defaults: build, run the bundled example model (outputs, timing,
# memory plan), then the conformance summary over Debian's ONNX backend test data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
echo
echo "== onnxi run examples/resnet_mini/model.onnx --plan"
build/onnxi run examples/resnet_mini/model.onnx --plan
echo
echo "== onnxi conformance /usr/share/libonnx-testdata/data  (cases that do not pass, then the summary)"
build/onnxi conformance --failures-only --expect conformance/expected/onnx-1.12.txt \
  --errata conformance/expected/onnx-1.12-errata.txt /usr/share/libonnx-testdata/data
