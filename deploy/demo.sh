#!/usr/bin/env bash
# Sets everything up and starts the demo room.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/setup.sh build
exec ./deploy/demo-room.sh build
