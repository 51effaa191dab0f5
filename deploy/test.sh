#!/usr/bin/env bash
# Sets everything up (packages, build) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh build
cd build
# GUI tests need an X server; everything else runs without one.
ctest --output-on-failure --timeout 600 -j2 "$@"
