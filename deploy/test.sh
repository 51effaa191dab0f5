#!/usr/bin/env bash
# Sets everything up (packages, build) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh build
# The libFuzzer targets, when clang-16 is installed (deploy/setup.sh --fuzz): fuzz.short runs them.
if command -v clang++-16 >/dev/null; then ./deploy/fuzz.sh --build-only || echo "test: the fuzz targets did not build"; fi
cd build
# GUI tests need an X server; everything else runs without one.
ctest --output-on-failure --timeout 600 -j2 "$@"
