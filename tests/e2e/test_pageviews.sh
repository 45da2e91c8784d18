#!/usr/bin/env bash
# This file is the end-to-end test of the seed job with a json sink: tests/e2e/pageviews_json.sql,
# unchanged, compiled by sqlkc and run against sqlkc-dev-broker with the bootstrap
# servers given by --bootstrap-servers. gen_pageviews.py writes 50 000 page views
# (about 200 regions with non-ASCII text, JSON escapes and control characters in
# the grouping key, numbers as strings, unknown fields, any field order, JSON
# whitespace) spread over 4 input partitions; the sink topic has 3. The checker
# compares the sink byte for byte with pv/uv counted independently in Python:
# key and value bytes (Jackson escaping), one upsert per input row (flink.md
# §5.2), murmur2 partitioning, pv = 1,2,3,... per key in topic order. Small extra
# inputs check the NOT NULL enforcer on the primary key (user_region null or
# missing fails the job) and numbers in strings with surrounding spaces.
#
# usage: test_pageviews.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
COUNT=${E2E_PAGEVIEWS_COUNT:-50000}
SINK_PARTS=3
IN_PARTS=4

e2e_start_broker pageviews:$IN_PARTS pageviews_per_region:$SINK_PARTS \
    nulls_in:2 nulls_out:3 missing_in:2 missing_out:3 trim_in:1 trim_out:1

cp "$here/pageviews_json.sql" "$T/pageviews.sql"
if ! e2e_build "$T/pageviews.sql" "$T/pageviews"; then
    e2e_summary pageviews
fi
JOB=$T/pageviews

# ---- the big run ----
mkdir -p "$T/gen"
python3 "$here/gen_pageviews.py" gen "$T/gen" --count "$COUNT" --seed 20240611 --partitions $IN_PARTS ||
    e2e_fail "gen_pageviews.py gen"
for p in $(seq 0 $((IN_PARTS - 1))); do
    e2e_produce_sep pageviews "$T/gen/in-$p.txt" "$p"
done
e2e_check_eq "records in the input topic" "$COUNT" "$(e2e_count pageviews)"

e2e_run "$JOB" "$T/run.out" "$T/run.err"
e2e_check_eq "bounded run exit code" 0 "$RC"
e2e_check_no_grep "no error on stderr" 'error' "$T/run.err"
e2e_dump pageviews_per_region "$T/sink.dump"
e2e_py_checks python3 "$here/gen_pageviews.py" check "$T/gen" "$T/sink.dump" $SINK_PARTS "$COUNT"

# ---- NOT NULL enforcer: user_region is the sink's primary key ----
# Flink: "Column 'user_region' is NOT NULL, however, a null value is being
# written into it. You can set job configuration
# 'table.exec.sink.not-null-enforcer'='DROP' ..." and the job fails.
for kind in nulls missing; do
    python3 "$here/gen_pageviews.py" "$kind" "$T/$kind.txt" || e2e_fail "gen_pageviews.py $kind"
    e2e_produce_sep "${kind}_in" "$T/$kind.txt" 0
    e2e_run "$JOB" "$T/$kind.out" "$T/$kind.err" \
        --set "pageviews.topic=${kind}_in" --set "pageviews_per_region.topic=${kind}_out" \
        --set "pageviews.properties.group.id=g-$kind"
    e2e_check_eq "user_region $kind: exit code" 1 "$RC"
    e2e_check_grep "user_region $kind: NOT NULL enforcer message" \
        "Column 'user_region' is NOT NULL, however, a null value is being written into it" "$T/$kind.err"
    e2e_check_grep "user_region $kind: the error names topic, partition and offset" \
        "topic=${kind}_in partition=0 offset=2\b" "$T/$kind.err"
    # the two rows before the bad one were written before the failure
    e2e_dump_values "${kind}_out" "$T/$kind.sink"
    e2e_check_eq "user_region $kind: rows before the bad record reached the sink" \
        "$(printf '%s\n' '{"user_region":"EU","pv":1,"uv":1}' '{"user_region":"US","pv":1,"uv":1}' | sort)" \
        "$(sort "$T/$kind.sink")"
done

# ---- BIGINT from strings with spaces: Flink parses Long.parseLong(text.trim()) ----
printf '%s\x1e' \
    '{"user_id":" 42 ","page_id":"\t7\n","viewtime":"2024-01-01 00:00:00","user_region":"T"}' \
    '{"user_id":"42","page_id":7,"viewtime":"2024-01-01 00:00:01","user_region":"T"}' \
    '{"user_id":"-9223372036854775808","page_id":7,"viewtime":"2024-01-01 00:00:02","user_region":"T"}' \
    '{"user_id":-9223372036854775808,"page_id":7,"viewtime":"2024-01-01 00:00:02","user_region":"T"}' \
    >"$T/trim.txt"
e2e_produce_sep trim_in "$T/trim.txt" 0
e2e_run "$JOB" "$T/trim.out" "$T/trim.err" \
    --set pageviews.topic=trim_in --set pageviews_per_region.topic=trim_out
e2e_check_eq "numbers in strings with spaces: exit code" 0 "$RC"
e2e_dump_values trim_out "$T/trim.sink"
e2e_check_eq "numbers in strings with spaces: uv counts \" 42 \" as 42" \
    '{"user_region":"T","pv":4,"uv":2}' "$(tail -n 1 "$T/trim.sink")"

e2e_summary pageviews
