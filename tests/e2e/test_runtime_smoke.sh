#!/usr/bin/env bash
# This file is the runtime's end-to-end smoke test: a hand-written job
# (smoke_job.c: kafka source 'src' of "key=value" values, upsert-kafka sink
# 'dst' of key -> VALUE) against sqlkc-dev-broker, driven with kcat. It checks
# bounded reading, every record arriving, tombstones and empty values,
# murmur2 partitioning, --set overrides and their errors, commit on SIGTERM,
# the committed position after a failing record, and the benchmark mode.
#
# usage: test_runtime_smoke.sh SQLKC_DEV_BROKER SMOKE_JOB
set -euo pipefail
. "$(dirname "$0")/lib.sh"

e2e_init "$1"
JOB=$2
T=$E2E_TMP
# each run with an empty state directory: these runs resume from the group's offsets
RUNS=0
run_job() { RUNS=$((RUNS + 1)); timeout 60 "$JOB" --bootstrap-servers "$BOOTSTRAP" --state-dir "$T/state.$RUNS" "$@"; }

e2e_start_broker smoke_in:3 smoke_out:4 smoke_side:2 empty_side:3 other_in:2 other_out:4 \
    sig_in:3 sig_out:4 fail_in:1 fail_out:1 empty_in:2 empty_out:1 spec_in:2 spec_out:1

# ---- bounded latest-offset: the job stops by itself, everything arrives ----
# Records are keyed by their own key so that all updates of a key share an
# input partition (kcat's partitioner) and keep their order.
for i in $(seq 1 200); do printf 'k%s\tk%s=v%s\n' "$i" "$i" "$i"; done >"$T/in.txt"
printf 'k3\tk3\nk4\tk4=\n' >>"$T/in.txt" # a tombstone for k3, an empty value for k4
e2e_produce smoke_in "$T/in.txt"
# A second source table, read by its own consumer at the same time.
for i in $(seq 1 10); do printf 's%s\ts%s=w%s\n' "$i" "$i" "$i"; done >"$T/side.txt"
e2e_produce smoke_side "$T/side.txt"

rc=0
run_job --set side.topic=smoke_side 2>"$T/run1.err" || rc=$?
e2e_assert_eq "bounded run exit code" 0 "$rc"
e2e_assert_grep '^smoke: read src=202 side=10; wrote dst=213; ' "$T/run1.err"

e2e_consume smoke_out "$T/out1.txt"
e2e_assert_eq "records in smoke_out" 213 "$(wc -l <"$T/out1.txt")"
e2e_assert_eq "tombstones" 1 "$(awk -F'\t' '$2 == "k3" && $3 == "<null>"' "$T/out1.txt" | wc -l)"
e2e_murmur2_check "$T/out1.txt" 4

{
    for i in $(seq 1 200); do
        case $i in 3 | 4) ;; *) printf 'k%s\tV%s\n' "$i" "$i" ;; esac
    done
    for i in $(seq 1 10); do printf 's%s\tW%s\n' "$i" "$i"; done
    printf 'k4\t\n__count__\t202\n'
} | LC_ALL=C sort >"$T/want1.txt"
e2e_table smoke_out "$T/table1.txt"
diff -u "$T/want1.txt" "$T/table1.txt" || e2e_fail "final table of smoke_out"
echo "ok: final table of smoke_out"

# ---- --set overrides any runtime option ----
printf 'x=1\ny=2\nz=3\n' >"$T/other.txt"
e2e_produce_values other_in "$T/other.txt"
rc=0
run_job --set src.topic=other_in --set=dst.topic=other_out \
    --set 'src.properties.group.id=other' 2>"$T/run2.err" || rc=$?
e2e_assert_eq "--set run exit code" 0 "$rc"
e2e_table other_out "$T/table2.txt"
e2e_assert_eq "other_out table" "$(printf '__count__\t3\nx\t1\ny\t2\nz\t3')" \
    "$(cat "$T/table2.txt")"

# ---- command line errors: exit 1 with a message, before any Kafka ----
check_usage_error() {
    local re=$1
    shift
    local rc=0
    "$JOB" "$@" >"$T/usage.out" 2>"$T/usage.err" || rc=$?
    e2e_assert_eq "exit code of $*" 1 "$rc"
    e2e_assert_grep "$re" "$T/usage.err"
}
check_usage_error "unknown table 'nosuch' in --set; tables: src, dst" --set nosuch.topic=x
check_usage_error "option 'format' of table 'src' is compiled into the job; change the DDL and rebuild" \
    --set src.format=json
check_usage_error "did you mean 'scan.startup.mode'" --set src.scan.startup.mod=latest-offset
check_usage_error "expects TABLE.OPTION=VALUE" --set src
check_usage_error "unknown option '--bogus'" --bogus
"$JOB" --help >"$T/help.txt"
e2e_assert_grep '^  src \(kafka, source\)' "$T/help.txt"
e2e_assert_grep '^  dst \(upsert-kafka, sink\)' "$T/help.txt"
e2e_assert_grep "^    topic = 'other'  \[command line\]" <("$JOB" --help --set src.topic=other)
"$JOB" --version >"$T/version.txt"
e2e_assert_grep '^librdkafka ' "$T/version.txt"

# ---- unbounded + SIGTERM: finish, flush, commit, exit 0 ----
e2e_produce sig_in "$T/in.txt"
SIG_OPTS=(--set src.topic=sig_in --set dst.topic=sig_out --set src.properties.group.id=g-sig
    --set src.scan.startup.mode=group-offsets --set src.properties.auto.offset.reset=earliest)
"$JOB" --bootstrap-servers "$BOOTSTRAP" --state-dir "$T/state.bg" "${SIG_OPTS[@]}" --set src.scan.bounded.mode=unbounded \
    2>"$T/sig.err" &
job_pid=$!
e2e_wait_count sig_out 202
kill -TERM "$job_pid"
rc=0
wait "$job_pid" || rc=$?
e2e_assert_eq "exit code after SIGTERM" 0 "$rc"
e2e_assert_grep '^smoke: read src=202 side=0; ' "$T/sig.err"
e2e_table sig_out "$T/table3.txt"
e2e_assert_eq "__count__ written by finish() on SIGTERM" 202 \
    "$(awk -F'\t' '$1 == "__count__" { print $2 }' "$T/table3.txt")"

# The offsets were committed: the same group reads nothing new ...
rc=0
run_job "${SIG_OPTS[@]}" --set src.scan.bounded.mode=latest-offset 2>"$T/sig2.err" || rc=$?
e2e_assert_eq "exit code of the group-offsets rerun" 0 "$rc"
e2e_assert_grep '^smoke: read src=0 side=0; ' "$T/sig2.err"
# ... and exactly what arrived since.
printf 'n1=a\nn2=b\n' >"$T/more.txt"
e2e_produce_values sig_in "$T/more.txt"
rc=0
run_job "${SIG_OPTS[@]}" --set src.scan.bounded.mode=latest-offset 2>"$T/sig3.err" || rc=$?
e2e_assert_eq "exit code of the second rerun" 0 "$rc"
e2e_assert_grep '^smoke: read src=2 side=0; ' "$T/sig3.err"

# Bounded by the group's committed offsets: stops where g-sig stopped (204),
# not at the 3 records produced since.
printf 'm1=a\nm2=b\nm3=c\n' >"$T/more2.txt"
e2e_produce_values sig_in "$T/more2.txt"
rc=0
run_job --set src.topic=sig_in --set dst.topic=sig_out --set src.properties.group.id=g-sig \
    --set src.scan.startup.mode=earliest-offset --set src.scan.bounded.mode=group-offsets \
    2>"$T/sig4.err" || rc=$?
e2e_assert_eq "exit code bounded by group offsets" 0 "$rc"
e2e_assert_grep '^smoke: read src=204 side=0; ' "$T/sig4.err"
# latest-offset start with a latest-offset stop reads nothing.
rc=0
run_job --set src.topic=sig_in --set dst.topic=sig_out --set src.scan.startup.mode=latest-offset \
    2>"$T/sig5.err" || rc=$?
e2e_assert_eq "exit code latest to latest" 0 "$rc"
e2e_assert_grep '^smoke: read src=0 side=0; ' "$T/sig5.err"

# ---- a client setting librdkafka does not know is an error, not ignored ----
rc=0
run_job --set src.properties.no.such.setting=1 2>"$T/prop.err" || rc=$?
e2e_assert_eq "exit code with a bad client setting" 1 "$rc"
e2e_assert_grep "option 'properties.no.such.setting' is not a valid librdkafka setting" "$T/prop.err"

# ---- a failing record: earlier output flushed, offsets committed up to it ----
printf 'a=1\nb=2\nFAIL\nc=3\n' >"$T/fail.txt"
e2e_produce_values fail_in "$T/fail.txt"
FAIL_OPTS=(--set src.topic=fail_in --set dst.topic=fail_out --set src.properties.group.id=g-fail)
rc=0
run_job "${FAIL_OPTS[@]}" 2>"$T/fail.err" || rc=$?
e2e_assert_eq "exit code after a failing record" 1 "$rc"
e2e_assert_grep "^smoke: error: src topic=fail_in partition=0 offset=2: bad record 'FAIL'$" "$T/fail.err"
e2e_table fail_out "$T/table4.txt"
e2e_assert_eq "fail_out table" "$(printf 'a\t1\nb\t2')" "$(cat "$T/table4.txt")"
rc=0
run_job "${FAIL_OPTS[@]}" --set src.scan.startup.mode=group-offsets 2>"$T/fail2.err" || rc=$?
e2e_assert_eq "exit code of the rerun" 1 "$rc"
e2e_assert_grep "offset=2: bad record 'FAIL'$" "$T/fail2.err"
e2e_assert_grep '^smoke: read src=0 side=0; ' "$T/fail2.err"

# ---- an empty bounded source ends at once ----
rc=0
run_job --set src.topic=empty_in --set dst.topic=empty_out 2>"$T/empty.err" || rc=$?
e2e_assert_eq "exit code on an empty topic" 0 "$rc"
e2e_assert_grep '^smoke: read src=0 side=0; wrote dst=1; ' "$T/empty.err"

# ---- specific start and stop offsets; unlisted partitions start at the
# ---- group's committed offset, else the earliest (Flink's SpecifiedOffsetsInitializer)
for i in 0 1 2 3 4; do printf 'a%s\ta%s=%s\n' "$i" "$i" "$i"; done >"$T/spec0.txt"
for i in 0 1 2 3 4; do printf 'b%s\tb%s=%s\n' "$i" "$i" "$i"; done >"$T/spec1.txt"
e2e_produce spec_in "$T/spec0.txt" 0
e2e_produce spec_in "$T/spec1.txt" 1
rc=0
run_job --set src.topic=spec_in --set dst.topic=spec_out --set src.properties.group.id=g-spec \
    --set src.scan.startup.mode=specific-offsets \
    --set 'src.scan.startup.specific-offsets=partition:0,offset:2' \
    --set src.scan.bounded.mode=specific-offsets \
    --set 'src.scan.bounded.specific-offsets=partition:0,offset:4;partition:1,offset:3' \
    2>"$T/spec.err" || rc=$?
e2e_assert_eq "specific offsets exit code" 0 "$rc"
e2e_table spec_out "$T/table5.txt"
e2e_assert_eq "records between the specific offsets" \
    "$(printf '__count__\t5\na2\t2\na3\t3\nb0\t0\nb1\t1\nb2\t2')" "$(cat "$T/table5.txt")"

# ---- group-offsets without committed offsets fails like Flink ----
rc=0
run_job --set src.scan.startup.mode=group-offsets --set src.properties.group.id=never 2>"$T/never.err" || rc=$?
e2e_assert_eq "exit code without committed offsets" 1 "$rc"
e2e_assert_grep "group 'never' has no committed offset" "$T/never.err"

# ---- benchmark mode: no Kafka at all ----
rc=0
timeout 60 "$JOB" --bootstrap-servers 127.0.0.1:1 --bench-input src="$T/in.txt" --bench-repeat 3 \
    --bench-input side="$T/side.txt" --bench-null-sink >"$T/bench.out" 2>"$T/bench.err" || rc=$?
e2e_assert_eq "bench exit code" 0 "$rc"
e2e_assert_grep '^bench: records=636 seconds=[0-9.]+ records_per_s=[0-9]+ bytes_out=[0-9]+ state_keys=[0-9]+ state_bytes=[0-9]+$' "$T/bench.out"

echo "PASS: runtime smoke"
