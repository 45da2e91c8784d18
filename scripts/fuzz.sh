#!/usr/bin/env bash
# This file runs the fuzzers: it configures a separate clang build (build-fuzz,
# -DSQLKC_FUZZ=ON: libFuzzer with ASan and UBSan, see tests/fuzz/CMakeLists.txt),
# builds fuzz_check and fuzz_json, runs each for SECONDS (default 60) from its
# checked-in corpus, then merges the inputs that found new coverage into
# tests/fuzz/corpus_*/ (libFuzzer -merge=1 keeps only those). Crashes, leaks and
# hangs are left as build-fuzz/artifacts/NAME-crash-SHA1 and the script exits 1;
# rename one into the corpus with a name that says why once it is understood.
#   scripts/fuzz.sh [SECONDS] [check|json]...
# Environment: BUILD_DIR (default build-fuzz), CC (default clang), JOBS (build
# parallelism, default 2), FUZZ_ARGS (extra libFuzzer flags, e.g. -max_len=8192),
# KEEP_GOING=1 (fork mode: keep fuzzing after a crash, leak or timeout),
# NO_MERGE=1 (leave the checked-in corpora alone).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-fuzz}
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check json)
case $secs in ''|*[!0-9]*) echo "usage: $0 [SECONDS] [check|json]..." >&2; exit 2 ;; esac

if ! command -v "${CC:-clang}" >/dev/null; then
  echo "fuzz.sh: ${CC:-clang} not found (apt-get install clang libclang-rt-dev)" >&2
  exit 2
fi
cmake -S "$top" -B "$build" -DCMAKE_C_COMPILER="${CC:-clang}" -DSQLKC_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]/#/fuzz_}"

mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
  corpus=$top/tests/fuzz/corpus_$t
  work=$build/corpus_$t # new inputs land here first
  log=$build/fuzz-$t.log
  mkdir -p "$work"
  case $t in
    check) maxlen=(-max_len=8192 -dict="$top/tests/fuzz/sql.dict") ;;
    *) maxlen=(-max_len=4096) ;;
  esac
  args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build/artifacts/$t-" "${maxlen[@]}")
  if [ "${KEEP_GOING:-}" = 1 ]; then
    args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  echo "== fuzz_$t for ${secs}s (log: $log)"
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  if ! "$build/tests/fuzz/fuzz_$t" "${args[@]}" ${FUZZ_ARGS:-} "$work" "$corpus" >"$log" 2>&1
  then
    echo "fuzz_$t: found a problem:"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz_)' "$log" | head -20
    status=1
  fi
  grep -E '^#[0-9]+' "$log" | tail -1 || true # executions, coverage, corpus size
  grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" || true
  if [ "${NO_MERGE:-}" != 1 ]; then
    before=$(find "$corpus" -type f | wc -l)
    if ! "$build/tests/fuzz/fuzz_$t" -merge=1 -timeout=10 -rss_limit_mb=2048 "${maxlen[@]}" \
         "$corpus" "$work" >"$build/merge-$t.log" 2>&1; then
      echo "fuzz_$t: merge failed, see $build/merge-$t.log"
      status=1
    fi
    echo "fuzz_$t: corpus $before -> $(find "$corpus" -type f | wc -l) inputs"
  fi
done
if ls "$build"/artifacts/* 2>/dev/null; then
  echo "reproduce: $build/tests/fuzz/fuzz_NAME FILE (replay: ctest -R fuzz/)"
fi
exit $status
