#!/usr/bin/env bash
# This file is the checkpoint benchmark (bench/README.md): the pv/uv job of
# bench/pageviews with 100k and with 1M distinct users (two page views each,
# every user in one of 1000 regions, so the state is 1000 groups and one
# distinct (region, user) pair per user), without a broker. For each size it
# measures, best of RUNS:
#   - processing the whole input from empty state (--bench-input, sink
#     discarded): the time a restart without a checkpoint needs at least to
#     rebuild the state, before any Kafka fetch (re-reading it from a broker
#     is slower);
#   - the final checkpoint that run writes: bytes, and seconds to write it
#     (serialize, write, fsync, rename, fsync the directory);
#   - a restart from that checkpoint (an empty input): seconds to load,
#     verify (CRC-32C) and restore the state, as the job prints it.
#
# usage: bench/checkpoint/run.sh
# environment: BUILD_DIR (default build-bench, Release), USERS ("100000
#   1000000"), RUNS (3), WORK_DIR (the state directories are written there:
#   put it on the disk you deploy on)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/build-bench}
sizes=${USERS:-100000 1000000}
runs=${RUNS:-3}
work=${WORK_DIR:-$build/bench/checkpoint/run}

die() {
    printf 'bench/checkpoint: %s\n' "$*" >&2
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
"$sqlkc" build "$top/bench/pageviews/pageviews.sql" -o "$work/pageviews_job"
job=$work/pageviews_job
: >"$work/empty.jsonl"

gen() { # USERS FILE: two views per user, users spread over 1000 regions
    python3 - "$1" "$2" <<'EOF'
import sys
users, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(2 * users):
        u = i % users
        r = (u * 2654435761) % 1000
        f.write('{"user_id":%d,"page_id":%d,"viewtime":"2024-05-01 12:%02d:%02d.000","user_region":"region-%03d"}\n'
                % (u, i % 5000, i // 60 % 60, i % 60, r))
EOF
}

# "NAME: ... the last B bytes in S s" / "restored ... B bytes of state in S s"
ckpt_bytes() { sed -n 's/.*checkpoints\{0,1\}, the last \([0-9]*\) bytes in \([0-9.]*\) s.*/\1/p' "$1" | tail -n 1; }
ckpt_secs() { sed -n 's/.*checkpoints\{0,1\}, the last \([0-9]*\) bytes in \([0-9.]*\) s.*/\2/p' "$1" | tail -n 1; }
restore_secs() { sed -n 's/.*restored checkpoint .* bytes of state in \([0-9.]*\) s.*/\1/p' "$1" | tail -n 1; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }

declare -A proc write bytes restore keys sbytes
for u in $sizes; do
    input=$work/views-$u.jsonl
    if [[ ! -s $input ]]; then
        say "generating $((2 * u)) page views of $u users"
        gen "$u" "$input.tmp"
        mv "$input.tmp" "$input"
    fi
    for ((r = 1; r <= runs; r++)); do
        say "users=$u run $r/$runs: from empty state, then a restart from its checkpoint"
        state=$work/state-$u
        rm -rf "$state"
        TIMEFORMAT='%R'
        t=$({ time "$job" --bench-input "pageviews=$input" --bench-null-sink --state-dir "$state" \
            >"$work/full-$u.out" 2>"$work/full-$u.err"; } 2>&1) || { cat "$work/full-$u.err" >&2; die "the run failed"; }
        proc[$u]=$(min "${proc[$u]:-}" "$t")
        write[$u]=$(min "${write[$u]:-}" "$(ckpt_secs "$work/full-$u.err")")
        bytes[$u]=$(ckpt_bytes "$work/full-$u.err")
        keys[$u]=$(sed -n 's/.*state_keys=\([0-9]*\).*/\1/p' "$work/full-$u.out")
        sbytes[$u]=$(sed -n 's/.*state_bytes=\([0-9]*\).*/\1/p' "$work/full-$u.out")
        [[ -n ${bytes[$u]} ]] || { cat "$work/full-$u.err" >&2; die "no checkpoint was written"; }
        "$job" --bench-input "pageviews=$work/empty.jsonl" --bench-null-sink --state-dir "$state" \
            >"$work/restore-$u.out" 2>"$work/restore-$u.err" || { cat "$work/restore-$u.err" >&2; die "the restore failed"; }
        rs=$(restore_secs "$work/restore-$u.err")
        [[ -n $rs ]] || { cat "$work/restore-$u.err" >&2; die "nothing was restored"; }
        restore[$u]=$(min "${restore[$u]:-}" "$rs")
    done
done

echo
echo "bench/checkpoint: the pv/uv job, 2 views per user, 1000 regions, no broker, best of $runs runs;" \
    "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); state directory on" \
    "$(df -P "$work" | awk 'NR == 2 { print $1 }')"
printf '%10s %10s %12s %14s %12s %10s %12s %16s\n' users records "state keys" "state bytes" "ckpt bytes" \
    "write s" "restore s" "reprocess s"
for u in $sizes; do
    printf '%10d %10d %12s %14s %12s %10s %12s %16s\n' "$u" $((2 * u)) "${keys[$u]}" "${sbytes[$u]}" \
        "${bytes[$u]}" "${write[$u]}" "${restore[$u]}" "${proc[$u]}"
done
echo "(reprocess s: the whole run from empty state, decode and aggregate only, the least a restart"
echo " without a checkpoint costs; restore s: loading, checking and restoring the checkpoint)"
