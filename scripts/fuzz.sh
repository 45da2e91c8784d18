#!/usr/bin/env bash
# This file runs the fuzzers: it configures a separate clang build (build-fuzz,
# -DSQLKC_FUZZ=ON: libFuzzer with ASan and UBSan, see tests/fuzz/CMakeLists.txt),
# builds fuzz_check and fuzz_json, runs each for SECONDS (default 60) from its
# checked-in corpus, then merges the inputs that found new coverage into
# tests/fuzz/corpus_*/ (libFuzzer -merge=1 keeps only those). Crashes, leaks and
# hangs are left as build-fuzz/artifacts/NAME-crash-SHA1 and the script exits 1;
# rename one into the corpus with a name that says why once it is understood.
# The target genc instead compiles the C that sqlkc generates for every input
# of corpus_check it accepts, with -Wall -Wextra -Werror (an oracle the fuzzer
# itself does not run); failures are kept in build-fuzz/genc/.
#   scripts/fuzz.sh [SECONDS] [check|json|binary|csv|genc]...
# Environment: BUILD_DIR (default build-fuzz), CC (default clang), JOBS (build
# parallelism, default 2), FUZZ_ARGS (extra libFuzzer flags, e.g. -max_len=8192),
# KEEP_GOING=1 (fork mode: keep fuzzing after a crash, leak or timeout),
# NO_MERGE=1 (leave the checked-in corpora alone), SNAPSHOT=1 (build the
# committed HEAD, exported to BUILD_DIR-src, rather than a working tree that
# others may be editing; the corpora stay those of this checkout), GENC_CC
# (compiler for genc, default cc).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-fuzz}
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check json)
case $secs in ''|*[!0-9]*) echo "usage: $0 [SECONDS] [check|json|binary|csv|genc]..." >&2; exit 2 ;; esac

if ! command -v "${CC:-clang}" >/dev/null; then
  echo "fuzz.sh: ${CC:-clang} not found (apt-get install clang libclang-rt-dev)" >&2
  exit 2
fi
src=$top
if [ "${SNAPSHOT:-}" = 1 ]; then
  src=$build-src
  rm -rf "$src" && mkdir -p "$src"
  git -C "$top" archive HEAD | tar -x -C "$src"
  echo "fuzz.sh: building $(git -C "$top" rev-parse --short HEAD) from $src"
fi
# a build dir configured from the other source tree starts over
if [ -f "$build/CMakeCache.txt" ] &&
   ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$build/CMakeCache.txt"; then
  rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
fi
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER="${CC:-clang}" -DSQLKC_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fuzzers=()
for t in "${targets[@]}"; do
  case $t in genc) fuzzers+=(fuzz_check) ;; *) fuzzers+=("fuzz_$t") ;; esac
done
cmake --build "$build" -j"${JOBS:-2}" --target "${fuzzers[@]}"

# Compiles the generated C of each accepted input of corpus_check.
genc() {
  local out=$build/genc n=0 ok=0 bad=0
  rm -rf "$out" && mkdir -p "$out"
  for f in "$top"/tests/fuzz/corpus_check/* "$build"/corpus_check/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    rm -f "$out/job.c"
    FUZZ_GEN_OUT=$out/job.c "$build/tests/fuzz/fuzz_check" "$f" >/dev/null 2>&1 || true
    [ -s "$out/job.c" ] || continue
    ok=$((ok + 1))
    if ! "${GENC_CC:-cc}" -std=gnu11 -fsyntax-only -Wall -Wextra -Werror \
         -I"$src/runtime/include" "$out/job.c" 2>"$out/cc.log"; then
      bad=$((bad + 1))
      cp "$f" "$out/fail-$bad.sql"
      cp "$out/job.c" "$out/fail-$bad.c"
      cp "$out/cc.log" "$out/fail-$bad.log"
      echo "genc: $f: $(grep -m1 'error' "$out/cc.log")"
    fi
  done
  echo "genc: $n inputs, $ok accepted, $bad whose C does not compile (see $out)"
  [ $bad = 0 ]
}

mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
  if [ "$t" = genc ]; then
    genc || status=1
    continue
  fi
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
