#!/bin/sh
# The benchmark as measured for BENCHMARK.md: two runs of scrutin-loadgen
# against a fresh scrutin-server each (started by the load generator on
# 127.0.0.1 with a temporary data folder), 10,000 delegates, each ending with
# every tablet dropped and logged in again with its resume token:
#   1. a burst: every delegate votes at once;
#   2. a steady 5,000 votes a second;
# then the memory of one server connection, part by part (cost).
# Each run measures its own floor (TLS echo over 10,000 connections on the
# server's TLS layer and on Asio's ssl::stream, SQLite commit) first. Reports go
# to OUT/burst.{txt,json}, OUT/steady.{txt,json} and OUT/cost.txt.
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
"$loadgen" bench --spawn-server "$server" -n "$n" --rate 5000 --timeout-s 180 \
  --json "$out/steady.json" > "$out/steady.txt" 2> "$out/steady.err" || status=1
"$loadgen" cost -n 5000 > "$out/cost.txt" 2>&1 || status=1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/burst.txt" "$out/steady.txt" "$out/cost.txt"
exit $status
