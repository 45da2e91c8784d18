#!/usr/bin/env bash
# This file is the end-to-end test of 'avro.timestamp_mapping.legacy' =
# 'false' (avro_timestamp_mapping.sql; independent side:
# avro_timestamp_mapping.py): python3-avro writes keys and values with
# TIMESTAMP / TIMESTAMP_LTZ of precision 3, 6 and 9, also in ROW, ARRAY and
# MAP values, under the schemas `sqlkc explain` derives; the job copies them to
# an avro sink of the same schemas, whose bytes must equal python3-avro's for
# the same values and decode to them, and to a JSON sink, whose text shows the
# values the job's decoder read. Then a datum cut inside a micros long fails
# the job, naming the record.
#
# usage: test_avro_timestamp_mapping.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || { echo "e2e avro_timestamp_mapping: SKIP (no python3-avro)"; exit 77; }
e2e_start_broker ts_in:1 ts_out:1 ts_json:1

sql=$here/avro_timestamp_mapping.sql
e2e_build "$sql" "$T/job" || e2e_summary avro_timestamp_mapping
# the source's key and value schemas, as explain prints them
"$SQLKC" explain "$sql" | sed -n 's/^  \(key\|value\) avro schema: //p' | head -n 2 >"$T/schemas"
e2e_check_grep "the derived value schema has local-timestamp-micros" '"local-timestamp-micros"' "$T/schemas"
"$py" -W ignore "$here/avro_timestamp_mapping.py" produce "$T/schemas" "$T" || e2e_failed "python3-avro: produce"
while read -r topic file kd d z; do
    "$E2E_KCAT" -b "$BOOTSTRAP" -P -t "$topic" -p 0 -K "$kd" -D "$d" <"$file" || e2e_failed "produce $file"
done <"$T/batches"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err" | head -n 20
e2e_dump ts_out "$T/ts_out.dump"
e2e_dump ts_json "$T/ts_json.dump"
e2e_py_checks "$py" -W ignore "$here/avro_timestamp_mapping.py" check "$T/schemas" "$T"

# key k6 (a NOT NULL micros long) cut after its first byte
printf 'ok\x80' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t ts_in -p 0 -K o || e2e_failed "produce a bad key"
e2e_run "$T/job" "$T/job2.out" "$T/job2.err"
e2e_check_eq "a truncated timestamp fails the bounded job" 1 "$RC"
e2e_check_grep "with topic, partition and offset" 'topic=ts_in partition=0 offset=3.*Avro key' "$T/job2.err"
e2e_summary avro_timestamp_mapping
