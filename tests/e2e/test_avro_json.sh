#!/usr/bin/env bash
# This file is the end-to-end test of 'avro.encoding' = 'json'
# (avro_json.sql; independent side: avro_json.py, Avro's JSON encoding written
# and read in Python from the specification and Avro Java's JsonEncoder):
# keys and values of every scalar type and nested values, some with fields out
# of order and an unknown field, are read by the job and copied to an avro
# JSON sink, whose text must be what JsonEncoder writes and decode to the
# values, and to a binary avro sink, which python3-avro decodes to the values
# the JSON decoder read. Then a value that is not Avro JSON fails the job,
# naming the record.
#
# usage: test_avro_json.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || { echo "e2e avro_json: SKIP (no python3-avro)"; exit 77; }
e2e_start_broker aj_in:1 aj_out:1 aj_bin:1

sql=$here/avro_json.sql
e2e_build "$sql" "$T/job" || e2e_summary avro_json
# the key and value schemas of src, snk and snk_bin, as explain prints them
"$SQLKC" explain "$sql" | sed -n 's/^  \(key\|value\) avro schema: //p' >"$T/schemas"
e2e_check_grep "the JSON sink's schema has local-timestamp-micros" '"local-timestamp-micros"' "$T/schemas"
"$py" -W ignore "$here/avro_json.py" produce "$T/schemas" "$T" || e2e_failed "python3-avro: produce"
while read -r topic file kd d z; do
    "$E2E_KCAT" -b "$BOOTSTRAP" -P -t "$topic" -p 0 -K "$kd" -D "$d" <"$file" || e2e_failed "produce $file"
done <"$T/batches"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err" | head -n 20
e2e_dump aj_out "$T/aj_out.dump"
e2e_dump aj_bin "$T/aj_bin.dump"
e2e_py_checks "$py" -W ignore "$here/avro_json.py" check "$T/schemas" "$T"

# a value whose NOT NULL field 'score' is missing
printf '{"id":9}|{"b":null}' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t aj_in -p 0 -K '|' || e2e_failed "produce a bad value"
e2e_run "$T/job" "$T/job2.out" "$T/job2.err"
e2e_check_eq "a value without a field fails the bounded job" 1 "$RC"
e2e_check_grep "with topic, partition, offset and JsonDecoder's words" \
    'topic=aj_in partition=0 offset=4.*Avro value.*Expected field name not found: ti' "$T/job2.err"
e2e_summary avro_json
