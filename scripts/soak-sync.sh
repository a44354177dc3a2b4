#!/usr/bin/env bash
# Long soak of sync under faults: 1,000 rounds (or $1) of work on two workstations with concurrent
# syncs, killing a workstation or the hub with SIGKILL at random moments, then checking that every
# event is present exactly once and all replicas agree (tests/sync/TestSyncFaults.cpp).
# Usage: scripts/soak-sync.sh [rounds] [seed]      (build first: cmake --build build)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${ONESEAL_BUILD_DIR:-$here/build}"
rounds="${1:-1000}"
export ONESEAL_SYNC_ROUNDS="$rounds"
# Qt Test stops a test function after 5 minutes by default; a soak runs longer.
export QTEST_FUNCTION_TIMEOUT="${QTEST_FUNCTION_TIMEOUT:-14400000}"
if [[ $# -ge 2 ]]; then export ONESEAL_SYNC_SEED="$2"; fi
test_bin="$build/tests/sync/test_sync_faults"
if [[ ! -x "$test_bin" ]]; then
    echo "soak-sync: $test_bin is missing; build with: cmake --build $build" >&2
    exit 2
fi
echo "soak-sync: $rounds rounds"
start=$(date +%s)
"$test_bin" -maxwarnings 0
echo "soak-sync: passed in $(( $(date +%s) - start )) s"
