#!/usr/bin/env bash
# Installs every Debian package Scrutin needs, then configures and builds it.
# Idempotent: packages already present are skipped, and the build is incremental.
# Usage: deploy/setup.sh [--fuzz] [build-dir]   (default: build)
#   --fuzz: also clang-16 and libclang-rt-16-dev, for deploy/fuzz.sh (libFuzzer)
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ=0
if [ "${1:-}" = "--fuzz" ]; then FUZZ=1; shift; fi

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev                                   # Asio (header-only)
  libprotobuf-dev protobuf-compiler
  libsqlite3-dev sqlite3 libssl-dev openssl
  libspdlog-dev libfmt-dev libcli11-dev          # CLI11: every binary's command line
  libavahi-client-dev                            # DNS-SD: the server announces itself, tablets find it
  libgtest-dev libgmock-dev googletest
  libimgui-dev libstb-dev libglfw3-dev libgl-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libqrencode-dev
  xvfb xauth libgl1-mesa-dri poppler-utils      # GUI tests under Xvfb; pdftotext for the record tests
  dpkg-dev systemd desktop-file-utils           # the Debian packages: dpkg-shlibdeps, systemd-analyze verify
)

# The fuzz targets need clang 16: clang 14 cannot compile std::expected with libstdc++ 12.
[ "$FUZZ" = 1 ] && PACKAGES+=(clang-16 libclang-rt-16-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

BUILD_DIR=${1:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${SCRUTIN_BUILD_TYPE:-RelWithDebInfo}
cmake --build "$BUILD_DIR" -j"$(nproc)"
