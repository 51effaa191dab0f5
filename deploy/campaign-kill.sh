#!/usr/bin/env bash
# SIGKILL campaign: 40 delegate clients vote back to back (each changing its
# vote 10 times) while the server is killed with SIGKILL KILLS times (10) and
# restarted on the same data folder. Checks: every acknowledged vote is in the
# journal once, where its receipt says; the clients reconnect, resend and
# finish by themselves; the final tally is what they cast; `scrutin-server
# verify` passes on the journal. The test suite runs the short version (3
# kills, 6 changes: CrashRecovery in scrutin_client_tests).
#   deploy/campaign-kill.sh [build-dir]        KILLS=20 deploy/campaign-kill.sh
set -euo pipefail
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { sed -n '2,10p' "$0"; exit 0; }
build="${1:-build}"
out=$(SCRUTIN_CAMPAIGN_KILLS="${KILLS:-10}" SCRUTIN_CAMPAIGN_ROUNDS=10 \
      "$build/tests/scrutin_client_tests" --gtest_filter='CrashRecovery.*' 2>&1) || { echo "$out" | tail -40; echo "campaign-kill: FAILED"; exit 1; }
line=$(echo "$out" | grep '^crash test:')
echo "$line"
data=$(echo "$line" | sed 's/.*data //')
"$build/server/scrutin-server" verify "$data/journal.sqlite" && echo "campaign-kill: passed (load average $(cut -d' ' -f1-3 /proc/loadavg))"
