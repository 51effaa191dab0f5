#!/usr/bin/env bash
# scrutin-restore (the server package's restore of a backup into the service's
# data folder), on a temporary folder instead of /var/lib/scrutin: a real
# backup made by scrutinctl from a running server is checked, put in place for
# the service's account (0750/0640), what was there is kept aside, and a server
# started on the result has the same fingerprint. A backup with a missing file
# or a broken chain is refused and changes nothing. Needs root (chown).
set -euo pipefail
restore=$1
server_bin=$2
ctl_bin=$3
if [ "$(id -u)" -ne 0 ]; then echo "SKIPPED: needs root (chown to the service's account)"; exit 0; fi
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
wait_endpoint() { for _ in $(seq 200); do [ -e "$1/endpoint" ] && return 0; sleep 0.05; done; return 1; }

# A first laptop: a server, a session, a backup.
"$server_bin" --data "$work/first" --listen 127.0.0.1 --port 0 > "$work/first.log" 2>&1 &
pid=$!
wait_endpoint "$work/first" || fail "the first server did not start"
passphrase=$(sed -n 's/^Clerk passphrase (shown once, write it down): //p' "$work/first.log")
fingerprint=$(sed -n 's/^Certificate fingerprint (SHA-256): //p' "$work/first.log")
SCRUTIN_PASSPHRASE=$passphrase "$ctl_bin" session configure --data "$work/first" --body "Conseil municipal" \
  --date 2026-12-03 --seats 19 > /dev/null
out=$("$ctl_bin" backup "$work/stick" --data "$work/first")
backup=$(sed -n 's/^backup written to //p' <<< "$out")
kill "$pid"; wait "$pid" || true; pid=""

# The second laptop's service folder, with what a fresh install left there.
export SCRUTIN_STATE_DIRECTORY=$work/state SCRUTIN_SERVER_BIN=$server_bin SCRUTIN_SERVICE_USER=nobody
mkdir "$work/state"
echo "old" > "$work/state/journal.sqlite"

# Refused: not a whole backup; a broken chain. Nothing changes.
mkdir "$work/half"
cp "$backup/journal.sqlite" "$backup/cert.pem" "$work/half/"
if "$restore" "$work/half" 2> "$work/err"; then fail "a backup without key.pem was restored"; fi
grep -q "key.pem is missing" "$work/err" || fail "refusal: $(cat "$work/err")"
cp -r "$backup" "$work/broken"
sqlite3 "$work/broken/journal.sqlite" "UPDATE events SET event = x'00' WHERE seq = 1"
if "$restore" "$work/broken" 2> "$work/err"; then fail "a broken journal was restored"; fi
grep -q "does not verify" "$work/err" || fail "refusal: $(cat "$work/err")"
[ "$(cat "$work/state/journal.sqlite")" = old ] || fail "a refused restore changed the folder"

# Restored.
out=$("$restore" "$backup") || fail "scrutin-restore: $out"
echo "$out"
ls -d "$work"/state.before-restore-* > /dev/null || fail "what was there is not kept aside"
[ "$(stat -c '%U %a' "$work/state")" = "nobody 750" ] || fail "folder: $(stat -c '%U %a' "$work/state")"
[ "$(stat -c '%U %a' "$work/state/key.pem")" = "nobody 640" ] || fail "key: $(stat -c '%U %a' "$work/state/key.pem")"
if command -v openssl > /dev/null; then
  grep -q "fingerprint $fingerprint" <<< "$out" || fail "the printed fingerprint is not the first server's"
fi
"$server_bin" --data "$work/state" --listen 127.0.0.1 --port 0 > "$work/second.log" 2>&1 &
pid=$!
wait_endpoint "$work/state" || fail "no server on the restored folder: $(cat "$work/second.log")"
grep -q "Certificate fingerprint (SHA-256): $fingerprint" "$work/second.log" || fail "another fingerprint"
SCRUTIN_PASSPHRASE=$passphrase "$ctl_bin" status --data "$work/state" | grep -q "Conseil municipal" \
  || fail "the restored server does not have the session, or not the passphrase"
echo "restore: checked, kept aside, same fingerprint and passphrase"
