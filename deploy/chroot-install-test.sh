#!/usr/bin/env bash
# A town's install, for real: a fresh Debian 12 chroot made with debootstrap
# from the Debian archive this machine's apt uses, then
#   apt-get install ./scrutin-server_*.deb ./scrutin-clerk_*.deb ./scrutin-tablet_*.deb
# with every dependency fetched by apt (nothing else installed by hand). Then,
# inside the chroot: the user and group scrutin exist, /var/lib/scrutin is
# 0750 scrutin:scrutin, the account that ran `sudo apt install` is in the group
# scrutin; the server runs as scrutin (umask 027, as the unit sets) on the
# loopback, the clerk's account talks to it with scrutinctl --data and makes a
# backup of the live data folder (group read, WAL held by the server), and a
# server started on that backup has the same fingerprint.
#
# Needs root, debootstrap and the network to the archive; takes several
# minutes, so it is not part of deploy/test.sh. Usage:
#   deploy/chroot-install-test.sh [build-dir]      (packages from deploy/build-packages.sh)
# SCRUTIN_DEBIAN_MIRROR overrides the archive read from /etc/apt.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=$(realpath "${1:-build}")
fail() { echo "FAILED: $*"; exit 1; }
step() { echo "== $(date +%T) $*"; }

[ "$(id -u)" -eq 0 ] || { echo "SKIPPED: needs root (debootstrap, chroot)"; exit 0; }
command -v debootstrap > /dev/null || { echo "installing debootstrap"; apt-get install -y -q debootstrap > /dev/null; }

mirror=${SCRUTIN_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # The first archive of the main suite in this machine's apt sources.
  mirror=$(awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ {print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$mirror" ] || fail "no Debian archive in /etc/apt; set SCRUTIN_DEBIAN_MIRROR"

ls "$BUILD_DIR"/packages/scrutin-server_*.deb > /dev/null 2>&1 || ./deploy/build-packages.sh "$BUILD_DIR"

root=$(mktemp -d /var/tmp/scrutin-chroot-XXXXXX)
chmod 755 "$root"  # the chroot's /: every account walks through it
mounted=()
cleanup() {
  set +e
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}"; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
start=$(date +%s)

step "debootstrap bookworm (minbase) from the archive of /etc/apt into $root"
cache=/var/cache/scrutin-debootstrap
mkdir -p "$cache"
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 \
  || { tail -n 20 "$root.debootstrap.log"; fail "debootstrap"; }
rm -f "$root.debootstrap.log"
# The same suites as this machine (updates, security): the packages were built against them.
if ls /etc/apt/sources.list.d/*.sources > /dev/null 2>&1; then
  rm -f "$root/etc/apt/sources.list"  # debootstrap's, the same archive as a one-line list
  cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/"
fi
if [ -f /etc/apt/sources.list ]; then cp /etc/apt/sources.list "$root/etc/apt/sources.list"; fi
rm -f "$root"/etc/apt/sources.list.d/*.disabled*
for m in proc sys dev; do
  mount --rbind "/$m" "$root/$m" && mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "a clerk's account, as on the laptop"
in_root useradd --create-home --shell /bin/bash clerk

step "apt-get install the three packages (dependencies from the archive)"
mkdir -p "$root/tmp/debs"
cp "$BUILD_DIR"/packages/*.deb "$root/tmp/debs/"
in_root apt-get update -q > /dev/null
debs=()
for f in "$root"/tmp/debs/scrutin-{server,clerk,tablet}_*.deb; do debs+=("/tmp/debs/$(basename "$f")"); done
in_root env DEBIAN_FRONTEND=noninteractive SUDO_USER=clerk apt-get install -y -q "${debs[@]}" \
  > "$BUILD_DIR/chroot-apt.log" 2>&1 || { tail -n 30 "$BUILD_DIR/chroot-apt.log"; fail "apt-get install"; }
grep -E "^(Setting up|scrutin)" "$BUILD_DIR/chroot-apt.log" | grep -i scrutin || true
echo "installed packages in the chroot: $(in_root dpkg-query -W | wc -l)"

step "what the packages set up"
in_root getent passwd scrutin > /dev/null || fail "no user scrutin"
[ "$(in_root stat -c '%U:%G %a' /var/lib/scrutin)" = "scrutin:scrutin 750" ] \
  || fail "/var/lib/scrutin is $(in_root stat -c '%U:%G %a' /var/lib/scrutin)"
in_root id -nG clerk | tr ' ' '\n' | grep -qx scrutin || fail "the clerk's account is not in the group scrutin"
in_root dpkg-query -W -f '${Status}\n' avahi-daemon | grep -q "install ok installed" || fail "avahi-daemon (Recommends) not installed"
for p in scrutin-server scrutinctl scrutin-display scrutin-tablet scrutin-tablet-kiosk; do
  in_root "$p" --help > /dev/null || fail "$p --help in the chroot"
done

step "the server as user scrutin (umask 027, as the unit), the clerk's account beside it"
(chroot "$root" /bin/sh -c 'umask 027; exec runuser -u scrutin -- /usr/bin/scrutin-server --data /var/lib/scrutin --listen 127.0.0.1 --port 0' \
  > "$root/tmp/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 200); do [ -e "$root/var/lib/scrutin/endpoint" ] && break; sleep 0.1; done
[ -e "$root/var/lib/scrutin/endpoint" ] || { cat "$root/tmp/server.log"; fail "the server did not start"; }
passphrase=$(sed -n 's/^Clerk passphrase (shown once, write it down): //p' "$root/tmp/server.log")
fingerprint=$(sed -n 's/^Certificate fingerprint (SHA-256): //p' "$root/tmp/server.log")
[ -n "$passphrase" ] && [ -n "$fingerprint" ] || fail "the first start did not print the passphrase and fingerprint"
as_clerk() { in_root runuser -u clerk -- env SCRUTIN_PASSPHRASE="$passphrase" HOME=/home/clerk "$@"; }
as_clerk scrutinctl session configure --data /var/lib/scrutin --body "Conseil municipal" --date 2026-12-03 \
  --place "Salle du conseil" --seats 29 > /dev/null || fail "scrutinctl session configure as the clerk"
as_clerk scrutinctl status --data /var/lib/scrutin | head -n 3
out=$(as_clerk scrutinctl backup /home/clerk/stick) || fail "scrutinctl backup as the clerk: $out"
echo "$out"
echo "$out" | grep -q "^verified: OK" || fail "the backup did not verify"
copy=$(echo "$out" | sed -n 's/^backup written to //p')
kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=""

step "a server started on the backup keeps the certificate"
as_clerk cp -r "$copy" /home/clerk/restored
(in_root runuser -u clerk -- scrutin-server --data /home/clerk/restored --listen 127.0.0.1 --port 0 > "$root/tmp/restored.log" 2>&1) &
server_pid=$!
for _ in $(seq 200); do [ -e "$root/home/clerk/restored/endpoint" ] && break; sleep 0.1; done
grep -q "Certificate fingerprint (SHA-256): $fingerprint" "$root/tmp/restored.log" \
  || { cat "$root/tmp/restored.log"; fail "the restored server has another fingerprint"; }
as_clerk scrutinctl status --data /home/clerk/restored > /dev/null || fail "the passphrase does not open the restored server"
kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=""

echo "chroot install: OK in $(($(date +%s) - start)) s"
