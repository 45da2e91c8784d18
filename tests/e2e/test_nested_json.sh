#!/usr/bin/env bash
# This file is the end-to-end test of ARRAY, MAP, MULTISET and ROW columns in
# JSON (tests/golden/nested_json.sql): values pass through a filter into a
# JSON sink exactly as Flink writes them (maps in Flink's HashMap order, a
# repeated key's last value, rows in field order, NULL at every level), and
# an upsert-kafka source with an ARRAY column goes through ChangelogNormalize,
# which drops an update equal to the stored row and deletes with the stored
# row's value.
#
# usage: test_nested_json.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker events:1 profiles:1 out_events:1 out_profiles:1

if ! e2e_build "$here/../golden/nested_json.sql" "$T/nested"; then
    e2e_summary nested_json
fi

# records separated by 0x1e; map orders: java tests/tools/FlinkMapOrder.java <keys>
{
    printf '%s\x1e' '{"id":1,"tags":["a","b",null],"attrs":{"one":1,"two":2,"three":3,"four":4,"five":5,"x":null},"bag":{"apple":2,"pear":1},"pos":{"y":2.5,"x":1,"label":"p\"q","extra":{"n":[1]}},"hist":[{"k":"a","v":[1,2]},{"k":"b","v":null},null],"when":["2024-01-02 03:04:05.120",null]}'
    printf '%s\x1e' '{"id":2,"tags":[],"attrs":{},"bag":null,"pos":null,"hist":[],"when":[]}'
    printf '%s\x1e' '{"id":-1,"tags":["filtered"]}'
    printf '%s\x1e' '{"id":3}'
    printf '%s' '{"id":4,"attrs":{"k":1,"k":2,"j":3},"tags":["\u00e9\n"],"pos":{"x":1e300,"label":null}}'
} >"$T/events"
e2e_produce_sep events "$T/events"

# upsert source: key|value, a tombstone is an empty value produced as NULL (-Z)
printf '{"id":1}\t{"id":1,"tags":["x","y"],"score":5}\n{"id":2}\t{"id":2,"tags":null,"score":1}\n{"id":1}\t{"id":1,"tags":["x","y"],"score":5}\n{"id":1}\t{"id":1,"tags":["x","z"],"score":5}\n{"id":2}\t\n{"id":3}\t{"id":3,"tags":["q"],"score":-1}\n' >"$T/profiles"
e2e_produce profiles "$T/profiles"

e2e_run "$T/nested" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values out_events "$T/out_events"
e2e_check_eq "nested values written as Flink's json format writes them" \
'{"id":1,"tags":["a","b",null],"attrs":{"two":2,"x":null,"one":1,"three":3,"four":4,"five":5},"bag":{"apple":2,"pear":1},"pos":{"x":1.0,"y":2.5,"label":"p\"q"},"hist":[{"k":"a","v":[1,2]},{"k":"b","v":null},null],"when":["2024-01-02 03:04:05.12",null],"no_tags":false}
{"id":2,"tags":[],"attrs":{},"bag":null,"pos":null,"hist":[],"when":[],"no_tags":false}
{"id":3,"tags":null,"attrs":null,"bag":null,"pos":null,"hist":null,"when":null,"no_tags":true}
{"id":4,"tags":["é\n"],"attrs":{"j":3,"k":2},"bag":null,"pos":{"x":1.0E300,"y":null,"label":null},"hist":null,"when":null,"no_tags":false}' \
    "$(cat "$T/out_events")"

e2e_consume out_profiles "$T/out_profiles"
# ChangelogNormalize: +I 1, +I 2, (1 again: equal to the stored row, nothing),
# -U/+U 1 with z (the filter on a non-key column makes the planner ask for
# UPDATE_BEFORE, which the upsert sink writes as a tombstone), -D 2 (a
# tombstone), 3 is filtered out
e2e_check_eq "ChangelogNormalize compares and keeps rows with an ARRAY column" \
"0	{\"id\":1}	{\"id\":1,\"tags\":[\"x\",\"y\"],\"score\":5}
0	{\"id\":2}	{\"id\":2,\"tags\":null,\"score\":1}
0	{\"id\":1}	<null>
0	{\"id\":1}	{\"id\":1,\"tags\":[\"x\",\"z\"],\"score\":5}
0	{\"id\":2}	<null>" "$(cat "$T/out_profiles")"

# a value of the wrong shape fails the job, naming the record and the field
printf '{"id":9,"tags":{"not":"an array"}}' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t events || e2e_failed produce bad
e2e_run "$T/nested" "$T/job2.out" "$T/job2.err"
e2e_check_eq "a bad nested value fails the bounded job" 1 "$RC"
e2e_check_grep "with topic, partition, offset and the reason" 'topic=events partition=0 offset=5.*Illegal JSON array data' "$T/job2.err"
e2e_summary nested_json
