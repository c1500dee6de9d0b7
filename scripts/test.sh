#!/usr/bin/env bash
# Builds and runs every test: GoogleTest unit tests and the conformance suites against their
# checked-in expectation files (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
