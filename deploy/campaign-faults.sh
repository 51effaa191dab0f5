#!/usr/bin/env bash
# Fault campaign against the real server: another program holding the journal's
# lock, a full disk (small tmpfs), a read-only file system, and the WAL's last
# transaction cut after a SIGKILL (a torn tail). For each: nothing acknowledged
# is lost, or the loss is said (log, clerk's status) instead of silent. The
# file-system cases need root to mount a tmpfs (they say so when skipped).
# These are the suite's tests themselves (journal_fault_test.cpp,
# journal_integrity_test.cpp), run here on their own with their times.
#   deploy/campaign-faults.sh [build-dir]
set -uo pipefail
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { sed -n '2,9p' "$0"; exit 0; }
build="${1:-build}"
"$build/tests/scrutin_server_tests" \
  --gtest_filter='JournalFaultTest.*:JournalIntegrityTest.ACutWalTail*:SecrecyTest.AnAcknowledgedSecretVoteSurvivesSigkill' 2>&1 \
  | grep -E '^\[ +(OK|FAILED|SKIPPED) +\]|^\[  PASSED|^\[  FAILED|skipped|Skipped'
status=${PIPESTATUS[0]}
echo "campaign-faults: $([[ $status == 0 ]] && echo passed || echo FAILED) (load average $(cut -d' ' -f1-3 /proc/loadavg))"
exit "$status"
