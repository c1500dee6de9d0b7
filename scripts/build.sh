#!/usr/bin/env bash
# Installs what is missing and builds onnxi into build/ (Release). The CLI is build/onnxi.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
