#!/usr/bin/env bash
# The demo room, once built. For now: the seed session of 22 March 2022
# replayed through the domain library, its record printed.
set -euo pipefail
BUILD=${1:-build}
exec "$BUILD/tests/scrutin-seed-replay"
