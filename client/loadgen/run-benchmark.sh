#!/bin/sh
# The benchmark of issue 5 as measured for BENCHMARK.md: two runs of
# scrutin-loadgen against a fresh scrutin-server each (started by the load
# generator on 127.0.0.1 with a temporary data folder), 10,000 delegates:
#   1. a burst: every delegate votes at once;
#   2. a steady 1,000 votes a second.
# Each run measures its own floor (TLS echo over 10,000 connections, SQLite
# commit) first. Reports go to OUT/burst.{txt,json} and OUT/steady.{txt,json}.
# Usage: client/loadgen/run-benchmark.sh [BUILD_DIR] [OUT_DIR] [N]
set -eu
build=${1:-build}
out=${2:-/tmp/scrutin-benchmark}
n=${3:-10000}
mkdir -p "$out"
loadgen="$build/client/loadgen/scrutin-loadgen"
server="$build/server/scrutin-server"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"
status=0
"$loadgen" bench --spawn-server "$server" -n "$n" --pattern burst --timeout-s 180 \
  --json "$out/burst.json" > "$out/burst.txt" 2> "$out/burst.err" || status=1
"$loadgen" bench --spawn-server "$server" -n "$n" --rate 1000 --timeout-s 180 \
  --json "$out/steady.json" > "$out/steady.txt" 2> "$out/steady.err" || status=1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/burst.txt" "$out/steady.txt"
exit $status
