#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang in a separate build folder (ONESEAL_FUZZ=ON,
# -fsanitize=fuzzer,address,undefined) and runs each for the given number of seconds (default 30)
# on its seed corpus (tests/fuzz/corpus/<target>). New inputs go to <build>/corpus/<target>, crashes
# to <build>/crashes/. Exits non-zero when a target finds a crash, a leak or undefined behaviour.
#   scripts/fuzz.sh [seconds] [target...]      (ONESEAL_FUZZ_DIR: the build folder, default build-fuzz;
#   ONESEAL_FUZZ_SEED: a fixed random seed, so that a run can be repeated — CI sets one)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
dir=${ONESEAL_FUZZ_DIR:-build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(frame messages bundle key_ring catalog certificate_payload holiday_calendar sam_protocol)
fi

if [ ! -f "$dir/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONESEAL_FUZZ=ON \
    -DONESEAL_BUILD_TESTS=OFF -DONESEAL_BUILD_BENCHMARKS=OFF >/dev/null
fi
cmake --build "$dir" --target fuzz_all -j"$(nproc)"

mkdir -p "$dir/crashes"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$dir/corpus/$t"
  echo "== fuzz_$t for ${seconds}s"
  # Leaks are reported too (detect_leaks), undefined behaviour stops the run (-fno-sanitize-recover).
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} QT_QPA_PLATFORM=offscreen \
      "$dir/tests/fuzz/fuzz_$t" ${ONESEAL_FUZZ_SEED:+-seed="$ONESEAL_FUZZ_SEED"} -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$dir/crashes/$t-" "$dir/corpus/$t" "tests/fuzz/corpus/$t" 2>"$dir/fuzz_$t.log"; then
    status=1
    echo "fuzz_$t FAILED; see $dir/fuzz_$t.log and $dir/crashes/"
    tail -40 "$dir/fuzz_$t.log"
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$dir/fuzz_$t.log" | tr '\n' ' '
  echo
done
exit $status
