#!/usr/bin/env bash
# This file is the end-to-end test of mini-batch ChangelogNormalize over rows
# with ARRAY and MAP columns (tests/golden/nested_minibatch.sql): each bundle
# of 3 rows keeps a deep copy of every key's last row after the records'
# memory is gone, compares it with the stored row (an equal one gives
# nothing) and emits one change per key, in the order keys came.
#
# usage: test_nested_minibatch.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker profiles:1 out_profiles:1

if ! e2e_build "$here/../golden/nested_minibatch.sql" "$T/job"; then
    e2e_summary nested_minibatch
fi
# key TAB value; an empty value is a tombstone (-Z)
cat >"$T/in" <<'IN'
{"id":1}	{"id":1,"tags":["a"],"score":1}
{"id":2}	{"id":2,"tags":["b"],"score":1}
{"id":1}	{"id":1,"tags":["a","x"],"score":1}
{"id":1}	{"id":1,"tags":["a","x"],"score":1}
{"id":2}	
{"id":3}	{"id":3,"tags":["q"],"attrs":{"k":"v","j":"w"},"score":1}
{"id":3}	{"id":3,"tags":["q"],"attrs":{"j":"w","k":"v"},"score":1}
{"id":1}	{"id":1,"tags":["a","x"],"attrs":{"k":"v"},"score":1}
IN
e2e_produce profiles "$T/in"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_consume out_profiles "$T/out"
# bundle 1 (rows 1-3): +I 1 [a,x], +I 2; bundle 2 (rows 4-6): 1 is equal to
# its stored row (nothing), -D 2, +I 3; bundle 3 (rows 7-8, ended by the end
# of input): 3 is equal (a map's order is Flink's HashMap order, whatever the
# document's), 1 changed: -U (a tombstone: the filter needs UPDATE_BEFORE) +U
e2e_check_eq "one change per key per bundle, from deep copies" \
'0	{"id":1}	{"id":1,"tags":["a","x"],"attrs":null,"score":1}
0	{"id":2}	{"id":2,"tags":["b"],"attrs":null,"score":1}
0	{"id":2}	<null>
0	{"id":3}	{"id":3,"tags":["q"],"attrs":{"j":"w","k":"v"},"score":1}
0	{"id":1}	<null>
0	{"id":1}	{"id":1,"tags":["a","x"],"attrs":{"k":"v"},"score":1}' "$(cat "$T/out")"
e2e_summary nested_minibatch
