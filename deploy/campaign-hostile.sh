#!/usr/bin/env bash
# Hostile-client campaign: the load generator (1,000 simulated tablets voting
# at 250 votes/s) alone, then beside each attack of issue 12 run by
# scrutin-hostile from other loopback addresses (PIN guessing, clerk passphrase
# guessing, display-token guessing, 480 slow connections). Each run gets a
# fresh server. Prints, per attack, the honest ack p99 and login p99 and their
# ratio to the run without attack (target: within 2x), and what the attacker
# got. The machine is shared: run it when others' builds are quiet, or read
# the figures with the load average printed beside them.
#   deploy/campaign-hostile.sh [build-dir] [delegates] [seconds-of-attack] [attacks]
# (attacks: a list such as "passphrase token"; all four by default)
set -euo pipefail
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { sed -n '2,12p' "$0"; exit 0; }
build="${1:-build}"
n="${2:-1000}"
attack_s="${3:-40}"
attacks="${4:-pins passphrase token slow}"
server="$build/server/scrutin-server"
loadgen="$build/client/loadgen/scrutin-loadgen"
hostile="$build/tests/scrutin-hostile"
work=$(mktemp -d /tmp/scrutin-hostile-XXXXXX)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

field() {  # file section key
  grep -o "\"$2\": {[^}]*}" "$1" | grep -o "\"$3\": [0-9.]*" | grep -o '[0-9.]*$'
}

declare -A ack login
for attack in none $attacks; do
  data="$work/$attack"
  mkdir -p "$data"
  echo "campaign-hostile-passphrase-$RANDOM-$RANDOM" >"$data.pass"
  # The honest tablets all come from 127.0.0.1, as a room behind one NAT'd router does:
  # the cap per address is raised for them (the attackers use other addresses).
  "$server" --data "$data" --listen 127.0.0.1 --port 0 --clerk-passphrase-file "$data.pass" \
    --max-connections-per-address $((n + 100)) >"$data.log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do [[ -s "$data/endpoint" ]] && break; sleep 0.1; done
  attacker=""
  if [[ "$attack" != none ]]; then
    "$hostile" "$attack" --data "$data" --seconds "$attack_s" >"$data.hostile" 2>&1 &
    attacker=$!
    sleep 2  # the attack is under way before the first honest login
  fi
  "$loadgen" bench --data "$data" --passphrase-file "$data.pass" -n "$n" --rate 250 --no-floor --timeout-s 120 \
    --quiet --json "$data.json" >"$data.loadgen" 2>&1 || echo "campaign-hostile: the load generator failed under '$attack' (see $data.loadgen)"
  [[ -n "$attacker" ]] && wait "$attacker"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  ack[$attack]=$(field "$data.json" ack_ms p99)
  login[$attack]=$(field "$data.json" login p99_ms)
  # The load generator's own clerk login (from the server's log: its Hello to its login).
  clerk_ms=$(grep -E "hello from 'scrutin-loadgen'|logged in as CLERK" "$data.log" | head -2 |
    sed -E 's/^\[[0-9-]+ ([0-9:.]+)\].*/\1/' | awk -F: '{t=$1*3600+$2*60+$3} NR==1{a=t} NR==2{printf "%.0f", (t-a)*1000}' || true)
  printf '%-11s ack p99 %8s ms (x%s)  login p99 %8s ms (x%s)  clerk login %s ms  %s\n' "$attack" "${ack[$attack]}" \
    "$(awk -v a="${ack[$attack]}" -v b="${ack[none]}" 'BEGIN{printf "%.2f", a/b}')" "${login[$attack]}" \
    "$(awk -v a="${login[$attack]}" -v b="${login[none]}" 'BEGIN{printf "%.2f", a/b}')" "${clerk_ms:-?}" \
    "$( [[ "$attack" != none ]] && cat "$data.hostile" | tail -1 | sed 's/^hostile [a-z]*: //')"
done
echo "campaign-hostile: $n delegates at 250 votes/s, load average $(cut -d' ' -f1-3 /proc/loadavg), work in $work"
