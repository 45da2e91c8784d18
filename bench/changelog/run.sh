#!/usr/bin/env bash
# This file is the updating-input benchmark (bench/README.md): an upsert-kafka
# source with 1M changes over 100k keys (changelog.sql: ChangelogNormalize, then
# GroupAggregate by another column with retraction: COUNT, SUM, MIN, MAX,
# COUNT DISTINCT), next to the insert-only pv/uv job of bench/pageviews, both
# measured in the same run without a broker (--bench-input, --bench-null-sink,
# one thread: records/s per core), with the state each job holds at the end.
#
# usage: bench/changelog/run.sh
# environment: BUILD_DIR (default build-bench, Release), RECORDS (1000000),
#   KEYS (100000), RUNS (3, the best counts), WORK_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/build-bench}
records=${RECORDS:-1000000}
keys=${KEYS:-100000}
runs=${RUNS:-3}
work=${WORK_DIR:-$build/bench/changelog/run}

die() {
    printf 'bench/changelog: %s\n' "$*" >&2
    exit 1
}
say() { printf '== %s\n' "$*" >&2; }

if [[ -f $build/CMakeCache.txt ]]; then
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
    [[ $type == Release ]] || die "$build is a '$type' build; use a Release one"
else
    say "configuring $build (Release)"
    cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
say "building sqlkc and the runtime"
cmake --build "$build" -j"$(nproc)" --target sqlkc >/dev/null
sqlkc=$build/compiler/sqlkc
mkdir -p "$work"
"$sqlkc" build "$here/changelog.sql" -o "$work/changelog_job"
"$sqlkc" build "$top/bench/pageviews/pageviews.sql" -o "$work/pageviews_job"

updates=$work/updates-$records-$keys.tsv
if [[ ! -s $updates ]]; then
    say "generating $records changes over $keys keys"
    python3 "$here/gen_updates.py" "$records" "$keys" "$updates.tmp"
    mv "$updates.tmp" "$updates"
fi
views=$work/pageviews-$records.jsonl
if [[ ! -s $views ]]; then
    say "generating $records page views"
    python3 "$top/bench/pageviews/gen_pageviews.py" "$records" "$views.tmp"
    mv "$views.tmp" "$views"
fi

field() { sed -n "s/.*[ :]$1=\([^ ]*\).*/\1/p" "$2" | tail -n 1; }
declare -A best_rate best_cpu best_state_keys best_state_bytes
measure() { # measure KEY JOB TABLE FILE
    local key=$1 job=$2 table=$3 file=$4 t user sys cpu rate
    local TIMEFORMAT='%R %U %S'
    t=$({ time "$job" --bench-input "$table=$file" --bench-null-sink >"$work/$key.out" 2>"$work/$key.err"; } 2>&1) ||
        { cat "$work/$key.err" >&2; die "$key failed"; }
    read -r _ user sys <<<"$t"
    [[ $(field records "$work/$key.out") == "$records" ]] || die "$key counted $(field records "$work/$key.out") records"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
    rate=$(awk -v n="$records" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? n / c : 0) }')
    if [[ -z ${best_rate[$key]:-} ]] || ((rate > best_rate[$key])); then
        best_rate[$key]=$rate
        best_cpu[$key]=$cpu
        best_state_keys[$key]=$(field state_keys "$work/$key.out")
        best_state_bytes[$key]=$(field state_bytes "$work/$key.out")
        cp "$work/$key.err" "$work/$key.best.err"
    fi
}
for ((r = 1; r <= runs; r++)); do
    say "run $r/$runs: updating input (upsert-kafka -> ChangelogNormalize -> GroupAggregate)"
    measure changelog "$work/changelog_job" users "$updates"
    say "run $r/$runs: insert-only pv/uv"
    measure pageviews "$work/pageviews_job" pageviews "$views"
done

echo
echo "bench/changelog: $records records per job, no broker, sink discarded, best of $runs runs;" \
    "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %10s %8s %12s %12s\n' "job" "records" "cpu s" "rec/cpu-s" "state bytes"
printf '%-58s %10d %8.2f %12d %12d\n' "updating: $keys keys, grouped by region (retraction)" "$records" \
    "${best_cpu[changelog]}" "${best_rate[changelog]}" "${best_state_bytes[changelog]}"
printf '%-58s %10d %8.2f %12d %12d\n' "insert-only: pv/uv by region (bench/pageviews)" "$records" \
    "${best_cpu[pageviews]}" "${best_rate[pageviews]}" "${best_state_bytes[pageviews]}"
echo
echo "state of the updating job per source key ($keys keys, $(grep -c . <(sed -n 's/.*state of \(.*\): .*/\1/p' "$work/changelog.best.err")) operators):" \
    "$(awk -v b="${best_state_bytes[changelog]}" -v k="$keys" 'BEGIN { printf "%.1f bytes", b / k }')"
sed -n 's/^[^:]*: state of /  /p' "$work/changelog.best.err"
echo "state of the insert-only job:"
sed -n 's/^[^:]*: state of /  /p' "$work/pageviews.best.err"
echo "updating vs insert-only, records per CPU second: $(awk -v a="${best_rate[changelog]}" \
    -v b="${best_rate[pageviews]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
