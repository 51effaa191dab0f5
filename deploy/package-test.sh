#!/usr/bin/env bash
# The Debian packages: built (deploy/build-packages.sh), their control fields
# checked (dependencies from dpkg-shlibdeps, Recommends avahi-daemon, the
# maintainer scripts), unpacked with dpkg -x into a staging root, the programs
# run from there (--help), the desktop entries validated and the systemd unit
# checked with `systemd-analyze verify`. Run by ctest (deploy_packages).
# Usage: deploy/package-test.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=$(realpath "${1:-build}")
fail() { echo "FAILED: $*"; exit 1; }

./deploy/build-packages.sh "$BUILD_DIR"
stage=$(mktemp -d /tmp/scrutin-stage-XXXXXX)
trap 'rm -rf "$stage"' EXIT

declare -A deb
for name in scrutin-server scrutin-clerk scrutin-tablet; do
  f=$(ls "$BUILD_DIR"/packages/${name}_*.deb 2>/dev/null | head -n1)
  [ -n "$f" ] || fail "no package $name in $BUILD_DIR/packages"
  deb[$name]=$f
  echo "== $(basename "$f") ($(du -k "$f" | cut -f1) KiB)"
  dpkg-deb -f "$f" Package Version Architecture Depends Recommends
  dpkg-deb -x "$f" "$stage"
done

field() { dpkg-deb -f "${deb[$1]}" "$2"; }
needs() {  # package, field, word
  field "$1" "$2" | tr ',' '\n' | grep -q "^ *$3\b" || fail "$1 $2 lacks $3: $(field "$1" "$2")"
}
# Dependencies found by dpkg-shlibdeps from what the programs link.
for lib in libc6 libstdc++6 libssl3 libsqlite3-0 'libprotobuf[0-9]*' 'libfmt[0-9]*'; do needs scrutin-server Depends "$lib"; done
needs scrutin-server Depends adduser
# Once the server links libavahi-client (it announces itself), its package must say so.
if ldd "$BUILD_DIR/server/scrutin-server" | grep -q libavahi-client; then needs scrutin-server Depends libavahi-client3; fi
needs scrutin-server Recommends avahi-daemon
for lib in libc6 'libcairo2' 'libpango-1.0-0' 'libglfw3' fonts-dejavu-core; do needs scrutin-clerk Depends "$lib"; done
for lib in libc6 'libglfw3' fonts-dejavu-core; do needs scrutin-tablet Depends "$lib"; done

# Files where the system looks for them.
for f in usr/bin/scrutin-server usr/sbin/scrutin-restore usr/lib/systemd/system/scrutin-server.service \
         usr/bin/scrutinctl usr/bin/scrutin-display usr/share/applications/scrutin-display.desktop \
         usr/bin/scrutin-tablet usr/bin/scrutin-tablet-kiosk usr/share/applications/scrutin-tablet.desktop \
         etc/xdg/autostart/scrutin-tablet-kiosk.desktop etc/scrutin/tablet.conf \
         usr/share/doc/scrutin-clerk/guide-fr.md usr/share/doc/scrutin-clerk/guide-en.md; do
  [ -e "$stage/$f" ] || fail "$f is not in the packages"
done
if [ -e "$BUILD_DIR/client/clerk/scrutin-clerk" ]; then
  [ -x "$stage/usr/bin/scrutin-clerk" ] || fail "scrutin-clerk was built but is not packaged"
fi
# No static Avahi announcement: the server announces itself through libavahi-client.
[ ! -e "$stage/etc/avahi/services" ] || fail "a static Avahi .service file is packaged"

# Maintainer scripts and conffiles.
ctl=$(mktemp -d)
dpkg-deb -e "${deb[scrutin-server]}" "$ctl/server"
dpkg-deb -e "${deb[scrutin-clerk]}" "$ctl/clerk"
dpkg-deb -e "${deb[scrutin-tablet]}" "$ctl/tablet"
for s in server/postinst server/prerm server/postrm clerk/postinst; do
  [ -x "$ctl/$s" ] || fail "$s missing or not executable"
  sh -n "$ctl/$s" || fail "$s: syntax"
done
grep -q "adduser --system" "$ctl/server/postinst" || fail "postinst does not create the user scrutin"
grep -qx /etc/scrutin/tablet.conf "$ctl/tablet/conffiles" || fail "tablet.conf is not a conffile"
rm -rf "$ctl"

# The programs run from the staging root.
for p in scrutin-server scrutinctl scrutin-display scrutin-tablet scrutin-tablet-kiosk; do
  "$stage/usr/bin/$p" --help > /dev/null || fail "$p --help"
done
"$stage/usr/sbin/scrutin-restore" --help > /dev/null || fail "scrutin-restore --help"

# Desktop entries.
if command -v desktop-file-validate > /dev/null; then
  for d in "$stage"/usr/share/applications/*.desktop "$stage"/etc/xdg/autostart/*.desktop; do
    desktop-file-validate "$d" || fail "$(basename "$d") does not validate"
  done
  echo "desktop entries: valid"
else
  echo "desktop entries: not validated (desktop-file-validate is not installed)"
fi

# The systemd unit: ExecStart names the installed binary; systemd-analyze
# checks it against the staging root (the binary, the directives).
unit=$stage/usr/lib/systemd/system/scrutin-server.service
grep -qx "ExecStart=/usr/bin/scrutin-server --data /var/lib/scrutin" "$unit" || fail "ExecStart: $(grep ExecStart "$unit")"
for d in User=scrutin StateDirectory=scrutin Restart=on-failure ProtectSystem=strict NoNewPrivileges=yes \
         PrivateTmp=yes ProtectHome=yes; do
  grep -qx "$d" "$unit" || fail "the unit lacks $d"
done
if command -v systemd-analyze > /dev/null; then
  # The units the unit names (sysinit.target, network-online.target...) come
  # from this machine's systemd; ours is never overwritten.
  for d in /usr/lib/systemd/system /lib/systemd/system; do
    [ -d "$d" ] && cp -rn "$d/." "$stage/usr/lib/systemd/system/" 2> /dev/null || true
  done
  out=$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --root="$stage" "$unit" 2>&1) || fail "systemd-analyze verify: $out"
  # Warnings are failures too, except about the host's own units.
  if echo "$out" | grep -v "^$" | grep -i "scrutin" ; then fail "systemd-analyze verify warns about the unit"; fi
  echo "systemd-analyze verify: clean${out:+ (about other units: $(echo "$out" | wc -l) lines)}"
  # The hardening, as systemd rates it (0 best, 10 worst); it must not slip.
  level=$(systemd-analyze security --offline=true --root="$stage" "$unit" 2>&1 | sed -n 's/.*Overall exposure level for scrutin-server.service: \([0-9.]*\).*/\1/p')
  [ -n "$level" ] || fail "systemd-analyze security gave no exposure level"
  awk -v l="$level" 'BEGIN { exit !(l <= 2.5) }' || fail "exposure level $level (above 2.5): the unit lost hardening"
  echo "systemd-analyze security: exposure $level"
else
  fail "systemd-analyze is not installed (package systemd)"
fi
echo "packages: built, unpacked into a staging root and checked"
