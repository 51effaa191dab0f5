#!/usr/bin/env bash
# The packaged layout without systemd: the server runs as its own user with
# umask 027 on a 0750 folder (as scrutin-server.service sets it), and another
# account that is only in the server's group (the clerk's) talks to it with
# scrutinctl --data, backs the live folder up (read-only, the journal in WAL
# mode held by the server, its -shm not writable by the clerk) and verifies
# the journal. An account outside the group is refused with a sentence.
# Needs root to switch users (setpriv); skipped otherwise.
set -euo pipefail
server_bin=$1
ctl_bin=$2
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv > /dev/null; then
  echo "SKIPPED: needs root and setpriv to run the server and the clerk as two accounts"
  exit 0
fi
fail() { echo "FAILED: $*"; [ -f "$work/server.log" ] && cat "$work/server.log"; exit 1; }
server_uid=$((40000 + RANDOM % 10000))
clerk_uid=$((server_uid + 1))
other_uid=$((server_uid + 2))
work=$(mktemp -d)
chmod 755 "$work"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# The binaries may sit under a folder the other accounts cannot enter.
cp "$server_bin" "$ctl_bin" "$work/"
chmod 755 "$work/scrutin-server" "$work/scrutinctl"
mkdir "$work/data" "$work/stick" "$work/home"
chown "$server_uid:$server_uid" "$work/data"
chmod 750 "$work/data"
chown "$clerk_uid:$clerk_uid" "$work/stick" "$work/home"

(umask 027; exec setpriv --reuid="$server_uid" --regid="$server_uid" --clear-groups \
   "$work/scrutin-server" --data "$work/data" --listen 127.0.0.1 --port 0) > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -e "$work/data/endpoint" ] && break; sleep 0.05; done
[ -e "$work/data/endpoint" ] || fail "the server did not start"
[ "$(stat -c %a "$work/data/key.pem")" = 640 ] || fail "key.pem is $(stat -c %a "$work/data/key.pem"), not 640"
[ "$(stat -c %a "$work/data")" = 750 ] || fail "the data folder is $(stat -c %a "$work/data"), not 750"
passphrase=$(sed -n 's/^Clerk passphrase (shown once, write it down): //p' "$work/server.log")
[ -n "$passphrase" ] || fail "no passphrase printed"

clerk() {
  env -i PATH=/usr/bin:/bin HOME="$work/home" SCRUTIN_PASSPHRASE="$passphrase" \
    setpriv --reuid="$clerk_uid" --regid="$clerk_uid" --groups="$server_uid" "$work/scrutinctl" "$@"
}
clerk session configure --data "$work/data" --body "Conseil municipal" --date 2026-12-03 --seats 29 > /dev/null \
  || fail "scrutinctl --data as a member of the group"
out=$(clerk backup "$work/stick" --data "$work/data") || fail "backup as a member of the group: $out"
echo "$out"
grep -q "^verified: OK" <<< "$out" || fail "the backup did not verify"
copy=$(sed -n 's/^backup written to //p' <<< "$out")
[ "$(stat -c %u "$copy/key.pem")" = "$clerk_uid" ] || fail "the copy is not the clerk's"
[ "$(stat -c %a "$copy/key.pem")" = 600 ] || fail "the copied key is $(stat -c %a "$copy/key.pem"), not 600"
clerk verify --journal "$work/data/journal.sqlite" | grep -q "^OK" || fail "verify of the live journal as the clerk"
clerk backup --check "$copy" > /dev/null || fail "backup --check"

# The server killed (its -wal and -shm left behind), then stopped cleanly (they
# are gone, and the clerk may not create them): a backup still reads the folder.
kill -KILL "$pid"; wait "$pid" 2> /dev/null || true; pid=""
out=$(clerk backup "$work/stick" --data "$work/data") || fail "backup after the server was killed: $out"
grep -q "^verified: OK" <<< "$out" || fail "the backup after a kill did not verify"
rm -f "$work/data/endpoint"  # the killed server's
(umask 027; exec setpriv --reuid="$server_uid" --regid="$server_uid" --clear-groups \
   "$work/scrutin-server" --data "$work/data" --listen 127.0.0.1 --port 0) >> "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -e "$work/data/endpoint" ] && break; sleep 0.05; done
kill -TERM "$pid"; wait "$pid" || fail "the server did not stop cleanly"; pid=""
[ ! -e "$work/data/journal.sqlite-wal" ] || fail "a clean stop left the -wal file"
out=$(clerk backup "$work/stick" --data "$work/data") || fail "backup with the server stopped: $out"
grep -q "^verified: OK" <<< "$out" || fail "the backup with the server stopped did not verify"
echo "backups as the clerk: server running, killed, stopped: all verified"

# Outside the group: refused, with what to do.
set +e
refused=$(env -i PATH=/usr/bin:/bin setpriv --reuid="$other_uid" --regid="$other_uid" --clear-groups \
  "$work/scrutinctl" backup "$work/home" --data "$work/data" 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || fail "an account outside the group: exit $status ($refused)"
grep -q "group scrutin" <<< "$refused" || fail "the refusal does not say what to do: $refused"
echo "refused outside the group: $refused"
