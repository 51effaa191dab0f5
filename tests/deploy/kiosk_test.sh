#!/usr/bin/env bash
# The tablet's kiosk loop (deploy/packaging/tablet/scrutin-tablet-kiosk) with a
# stand-in tablet: restarted after a crash and after a normal exit, with the
# settings of the configuration file; nothing at all when KIOSK is not yes;
# SIGTERM (the session ends) stops the loop and the running tablet.
set -euo pipefail
kiosk=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

# A tablet that records its arguments, then crashes (odd runs) or exits (even).
cat > "$work/tablet" <<'FAKE'
#!/usr/bin/env bash
echo "$*" >> "$RUNS"
n=$(wc -l < "$RUNS")
if [ $((n % 2)) -eq 1 ]; then kill -SEGV $$; fi
exit 0
FAKE
chmod +x "$work/tablet"
export RUNS=$work/runs SCRUTIN_TABLET_BIN=$work/tablet SCRUTIN_TABLET_CONF=$work/tablet.conf

# Not a kiosk: the autostart does nothing.
printf 'KIOSK=no\nSCRUTIN_TABLET_ARGS="--server 127.0.0.1:7443"\n' > "$work/tablet.conf"
"$kiosk" --max-runs 3
[ ! -e "$RUNS" ] || fail "KIOSK=no started the tablet"

# A kiosk: three runs (crash, exit, crash), each with the configured arguments.
printf 'KIOSK=yes\nSCRUTIN_TABLET_ARGS="--server 127.0.0.1:7443 --english"\n' > "$work/tablet.conf"
start=$(date +%s)
"$kiosk" --max-runs 3 2> "$work/err"
[ "$(wc -l < "$RUNS")" -eq 3 ] || fail "expected 3 runs, got $(wc -l < "$RUNS")"
while read -r line; do
  [ "$line" = "--fullscreen --server 127.0.0.1:7443 --english" ] || fail "arguments: $line"
done < "$RUNS"
grep -q "exit status 139" "$work/err" || fail "the crash is not reported: $(cat "$work/err")"
grep -q "exit status 0" "$work/err" || fail "the normal exit is not reported: $(cat "$work/err")"
[ $(($(date +%s) - start)) -le 10 ] || fail "restarts took longer than 10 s"

# --once (the menu entry): one run, whatever KIOSK says.
rm -f "$RUNS"
printf 'KIOSK=no\n' > "$work/tablet.conf"
{ "$kiosk" --once; } 2>/dev/null || true  # the stand-in crashes on this run
[ "$(wc -l < "$RUNS")" -eq 1 ] || fail "--once ran $(wc -l < "$RUNS") times"

# SIGTERM stops the loop and the tablet with it.
cat > "$work/tablet" <<'FAKE'
#!/usr/bin/env bash
echo $$ > "$RUNS.pid"
exec sleep 30
FAKE
printf 'KIOSK=yes\n' > "$work/tablet.conf"
"$kiosk" &
loop=$!
for _ in $(seq 100); do [ -s "$RUNS.pid" ] && break; sleep 0.05; done
[ -s "$RUNS.pid" ] || fail "the tablet did not start"
child=$(cat "$RUNS.pid")
kill -TERM "$loop"
wait "$loop" || true
for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$child" 2>/dev/null || fail "the tablet still runs after the kiosk stopped"
echo "kiosk: 3 restarts with the configured arguments, nothing when KIOSK=no, SIGTERM stops the tablet"
