#!/usr/bin/env bash
# The demo room, once built: the session server on a fresh data folder, the
# seed deliberation of 22 March 2022 run by the clerk with scrutinctl, the
# clerk's console (scrutin-clerk), the projector and two tablets when a display
# is available, and the official record exported at the end.
#   deploy/demo-room.sh [BUILD_DIR]
# Headless (no $DISPLAY): every delegate votes through scrutinctl, the
# projector is rendered once under Xvfb to demo-data/export/display.png, and
# the record is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DATA=${SCRUTIN_DEMO_DATA:-$PWD/demo-data}
rm -rf "$DATA"
mkdir -p "$DATA"
PASS="$DATA.passphrase"
echo "demo-passphrase-$(date +%s)" > "$PASS"
chmod 600 "$PASS"

"$BUILD/server/scrutin-server" --data "$DATA" --listen 127.0.0.1 --port 0 --clerk-passphrase-file "$PASS" \
  > "$DATA.server.log" 2>&1 &
SERVER=$!
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  kill -TERM "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do [ -s "$DATA/endpoint" ] && break; sleep 0.1; done
[ -s "$DATA/endpoint" ] || { echo "the server did not start:"; cat "$DATA.server.log"; exit 1; }
echo "== server: $(head -1 "$DATA.server.log")"
echo "== clerk passphrase in $PASS; data folder $DATA"

echo "== the clerk prepares the session (scrutinctl)"
./deploy/seed-session.sh "$BUILD" "$DATA" "$PASS" setup

if [ -n "${DISPLAY:-}" ]; then
  pin() { awk -F, -v id="$1" '$1 == id { print $NF }' "$DATA/pins.csv"; }
  "$BUILD/client/display/scrutin-display" --data "$DATA" --windowed & PIDS+=($!)
  "$BUILD/client/clerk/scrutin-clerk" --data "$DATA" --passphrase-file "$PASS" --tab ballot & PIDS+=($!)
  "$BUILD/client/tablet/scrutin-tablet" --data "$DATA" --member T02 --pin "$(pin T02)" & PIDS+=($!)
  "$BUILD/client/tablet/scrutin-tablet" --data "$DATA" --member T05 --pin "$(pin T05)" & PIDS+=($!)
  echo "== the clerk's console, the projector and two tablets are open (Olivier CHAMBON holds two proxies;"
  echo "   Tony BERNARD presides). Every other delegate votes pour now; vote on the tablets and watch the"
  echo "   console's board, then close the ballot there (or press Enter here to close it with scrutinctl)."
fi
./deploy/seed-session.sh "$BUILD" "$DATA" "$PASS" vote
if [ -n "${DISPLAY:-}" ]; then
  read -r _
elif command -v xvfb-run > /dev/null; then
  # What Olivier CHAMBON's tablet shows before the close: his vote and his two proxies, recorded.
  mkdir -p "$DATA/export"
  pin() { awk -F, -v id="$1" '$1 == id { print $NF }' "$DATA/pins.csv"; }
  timeout 30 xvfb-run -a -s "-screen 0 1280x800x24" "$BUILD/client/tablet/scrutin-tablet" --data "$DATA" \
    --member T02 --pin "$(pin T02)" --scale 1.2 --frames 90 --screenshot "$DATA/export/tablet.png" > /dev/null 2>&1 || true
  # The clerk's console during the ballot: the board of voices, and the attendance.
  for tab in ballot attendance; do
    timeout 30 xvfb-run -a -s "-screen 0 1366x768x24" "$BUILD/client/clerk/scrutin-clerk" --data "$DATA" \
      --passphrase-file "$PASS" --tab "$tab" --test-taps until:online --frames 10 \
      --screenshot "$DATA/export/clerk-$tab.png" > /dev/null 2>&1 || true
  done
fi

echo "== the clerk closes the ballot and exports the record"
./deploy/seed-session.sh "$BUILD" "$DATA" "$PASS" close
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run > /dev/null; then
  # What the projector shows, rendered once off-screen.
  "$BUILD/client/ctl/scrutinctl" status --json --data "$DATA" --passphrase-file "$PASS" > "$DATA/export/status.json" || true
  timeout 30 xvfb-run -a -s "-screen 0 1280x800x24" "$BUILD/client/display/scrutin-display" --data "$DATA" \
    --windowed --scale 1 --frames 90 --screenshot "$DATA/export/display.png" > /dev/null 2>&1 || true
fi
echo
cat "$DATA/export/extract.txt"
echo
echo "== the record: $(ls "$DATA/export" | tr '\n' ' ')in $DATA/export"
