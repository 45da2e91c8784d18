#!/usr/bin/env bash
# This file is the end-to-end test of kafka sources with a key format
# (tests/golden/keyed_source.sql): key columns come from the key (prefix stripped inside the
# key format), the value's copy of a key column (value.fields-include ALL)
# overwrites the key's, a record with a null key gives no row (as Flink's
# json key format does) and is named and counted, and a raw key is read as is.
#
# usage: test_keyed_source.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker users:1 tags:1 out_users:1 out_tags:1

if ! e2e_build "$here/../golden/keyed_source.sql" "$T/keyed"; then
    e2e_summary keyed_source
fi

# users: key|value records, '|' separates them (kcat -K'|'); the third has a null key
printf '{"id":1,"region":"EU"}|{"name":"ann","score":5}\x1e{"region":"US","id":2}|{"score":7,"name":"bo","id":99}\x1e' >"$T/users1"
printf '{"id":4,"region":"EU"}|{"name":"dee"}' >"$T/users3"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t users -p 0 -K'|' -D '\x1e' <"$T/users1" || e2e_failed produce users1
printf '{"name":"nokey","score":1}' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t users -p 0 || e2e_failed produce users2
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t users -p 0 -K'|' <"$T/users3" || e2e_failed produce users3
# tags: a raw key; the value (ALL) carries tag too, and its copy wins, even when absent
printf 'red|{"tag":"RED","label":"warm"}\x1eblue|{"label":"cold"}' >"$T/tags"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t tags -p 0 -K'|' -D '\x1e' <"$T/tags" || e2e_failed produce tags

e2e_run "$T/keyed" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_check_grep "the null-key record is named" \
    'skipped a record of users topic=users partition=0 offset=2: the JSON key format yields no row for a null key' "$T/job.err"
e2e_check_grep "and counted" 'read users=4 \(1 skipped\)' "$T/job.err"
e2e_dump_values out_users "$T/out_users"
e2e_check_eq "key columns from the key, value columns from the value" \
    '{"id":1,"region":"EU","name":"ann","score":5}
{"id":2,"region":"US","name":"bo","score":7}
{"id":4,"region":"EU","name":"dee","score":null}' "$(cat "$T/out_users")"
e2e_dump_values out_tags "$T/out_tags"
e2e_check_eq "with ALL the value's copy of the key column wins, NULL when absent" \
    '{"tag":"RED","label":"warm"}
{"tag":null,"label":"cold"}' "$(cat "$T/out_tags")"
e2e_summary keyed_source
