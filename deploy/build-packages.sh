#!/usr/bin/env bash
# Builds the Debian packages scrutin-server, scrutin-clerk and scrutin-tablet
# from a configured and built tree (deploy/setup.sh), into BUILD/packages.
# Usage: deploy/build-packages.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=$(realpath "${1:-build}")
# The packaged programs (up to date after setup.sh: a quick check); the clerk's
# console when this tree has it.
targets=(scrutin-server scrutinctl scrutin-display scrutin-tablet)
if cmake --build "$BUILD_DIR" --target help 2> /dev/null | grep -qE '(^|\.\.\. )scrutin-clerk(:|$)'; then
  targets+=(scrutin-clerk)
fi
cmake --build "$BUILD_DIR" --target "${targets[@]}" > "$BUILD_DIR/packages-build.log" 2>&1 || {
  tail -n 30 "$BUILD_DIR/packages-build.log"
  exit 1
}
rm -rf "$BUILD_DIR/packages"
# dpkg-shlibdeps reads the libraries' own packages to write each Depends line.
cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$BUILD_DIR/packages" > "$BUILD_DIR/packages.log" 2>&1 || {
  cat "$BUILD_DIR/packages.log"
  exit 1
}
ls -1 "$BUILD_DIR"/packages/*.deb
