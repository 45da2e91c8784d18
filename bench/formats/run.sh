#!/usr/bin/env bash
# This file is the per-format codec benchmark (bench/README.md): for each
# format the compiler supports, the decoders and sink encoders `sqlkc gen`
# emits for three tables (pageviews.sql, wide.sql, nested.sql) called
# directly on one thread, next to baselines measured in the same run: jansson
# for JSON (json_loadb + json_object_get into C values, walking arrays and
# objects for nested columns; json_object + json_dumpb) and avro-c's generic
# value API for Avro (avro_value_read / avro_value_write, values reused). No
# broker: the records are in memory.
#
# Before measuring, each program checks that every decoder, generated and
# baseline, reads the same values (a checksum over the decoded fields equals
# the checksum of the random rows the inputs were written from) and that the
# baselines' output reads back to them too.
#
# Targets (the issue's), per core: generated JSON >= 10x jansson, generated
# Avro >= 5x avro-c generic, each direction. A missed target prints MISSED,
# but the exit status stays 0: this is a benchmark, not a test. It exits 1
# only when something does not work (build, a check).
#
# usage: bench/formats/run.sh
# environment:
#   BUILD_DIR    build tree, configured Release if new (default: build-bench)
#   RECORDS      records per table (default 300000)
#   RUNS         measurements of each codec, the best counts (default 3)
#   MIN_SECONDS  CPU seconds each measurement repeats its pass for (default 0.5)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/build-bench}
records=${RECORDS:-300000}
runs=${RUNS:-3}
min_seconds=${MIN_SECONDS:-0.5}

die() {
    printf 'bench/formats: %s\n' "$*" >&2
    exit 1
}
say() { printf '== %s\n' "$*" >&2; }

if [[ -f $build/CMakeCache.txt ]]; then
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
    [[ $type == Release ]] ||
        die "$build is a '$type' build; use a Release one (the default BUILD_DIR is build-bench)"
else
    say "configuring $build (Release)"
    cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
say "building the generated jobs of bench/formats/*.sql and the bench programs"
cmake --build "$build" -j"$(nproc)" --target bench_formats_pageviews bench_formats_wide \
    bench_formats_nested >/dev/null ||
    die "the build failed (bench/formats needs libavro-dev: scripts/install-deps.sh)"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for table in pageviews wide nested; do
    say "$table: $records records, best of $runs runs of >= $min_seconds CPU s each"
    "$build/bench/formats/bench_formats_$table" --records "$records" --runs "$runs" \
        --min-seconds "$min_seconds" >>"$out" || die "bench_formats_$table failed"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "bench/formats: generated codecs vs jansson and avro-c generic, one thread, no broker"
echo "$(nproc) CPUs, load average $load_start at start, $load_end at end;" \
    "jansson $(pkg-config --modversion jansson 2>/dev/null || echo '?')," \
    "avro-c $(pkg-config --modversion avro-c 2>/dev/null || echo '?'), cc -O2"
grep '^input:' "$out"
echo
grep '^check:' "$out" | sed 's/^check: /checked: /'
echo
grep -m1 '^table' "$out"
grep -E '^(pageviews|wide|nested) ' "$out"
echo
echo "rec/cpu-s and MB/cpu-s: per CPU second of the process (single-threaded: per core);"
echo "  MB are the encoded bytes read (decode) or written (encode). rec/wall-s is the wall"
echo "  clock rate of the same run, for reference on a busy machine."
echo
grep '^ratio:' "$out" | sed 's/^ratio: //'
