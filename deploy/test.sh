#!/usr/bin/env bash
# Sets everything up (packages, build) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# --fuzz: clang-16 and libFuzzer too, so that fuzz.short runs each target 15 s.
./deploy/setup.sh --fuzz build
./deploy/fuzz.sh --build-only
cd build
# GUI tests need an X server; everything else runs without one.
ctest --output-on-failure --timeout 600 -j2 "$@"
