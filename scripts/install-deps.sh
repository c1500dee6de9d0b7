#!/usr/bin/env bash
# Installs the Debian 12 packages onnxi needs, if any are missing. Idempotent and quiet when
# everything is there. Runs apt-get as root (through sudo when not root).
#   scripts/install-deps.sh          build, test and conformance-data packages, and the Python
#                                    module's (pybind11, python3-dev) with what its tests use
#                                    (numpy, onnx, pytest, torch, dask.distributed)
#   scripts/install-deps.sh --bench  also python3-torchvision for bench/ exports, and nodejs/npm
#                                    for the ONNX Runtime peer
set -euo pipefail

packages=(cmake g++ make git libprotobuf-dev protobuf-compiler libonnx-dev libonnx-testdata
          libxsimd-dev libtbb-dev libgtest-dev libbenchmark-dev
          pybind11-dev python3-dev python3-numpy python3-onnx python3-pytest python3-torch
          python3-distributed)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torchvision nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
