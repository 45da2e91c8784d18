#!/usr/bin/env bash
# This file is the end-to-end test of ARRAY and ROW columns in csv
# (tests/golden/nested_csv.sql): a field's elements split at
# csv.array-element-delimiter (an empty field is an empty ARRAY and a NULL
# ROW, an element equal to the null literal is NULL, and so is a whole array
# field equal to it, read as one element, as Jackson's parser does), and
# written joined by the delimiter, NULL elements as nothing, DECIMAL as
# BigDecimal.toString, the field quoted by Jackson's heuristic; a ROW of the
# wrong length fails the job naming the record.
#
# usage: test_nested_csv.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker csv_in:1 json_out:1 json_in:1 csv_out:1

if ! e2e_build "$here/../golden/nested_csv.sql" "$T/job"; then
    e2e_summary nested_csv
fi
printf '1,a;b;c,1;2;3,Hello;42;false,1.50;2\x1e2,,,,\x1e3,null,null;4,x;null;true,null\x1e4,"a,b;c d", 5 ,q;1;TRUE,' >"$T/csv_in"
e2e_produce_sep csv_in "$T/csv_in"
printf '%s\x1e%s' '{"id":1,"tags":["a","b c",null],"r":{"s":"Hello","i":42,"b":false},"d":[1.50,100,-0.5],"bs":["awML"],"ts":["2024-01-02 03:04:05.120"]}' \
    '{"id":2,"tags":[],"r":null,"d":null,"bs":[],"ts":[null]}' >"$T/json_in"
e2e_produce_sep json_in "$T/json_in"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values json_out "$T/json_out"
e2e_check_eq "csv ARRAY and ROW fields read as Flink reads them" \
'{"id":1,"tags":["a","b","c"],"nums":[1,2,3],"r":{"s":"Hello","i":42,"b":false},"d":[1.5,2]}
{"id":2,"tags":[],"nums":[],"r":null,"d":[]}
{"id":3,"tags":[null],"nums":[null,4],"r":{"s":"x","i":null,"b":true},"d":[null]}
{"id":4,"tags":["a,b","c d"],"nums":[5],"r":{"s":"q","i":1,"b":true},"d":[]}' "$(cat "$T/json_out")"
e2e_dump_values csv_out "$T/csv_out"
e2e_check_eq "ARRAY and ROW values written as one csv field each" \
'1,"a|b c|",Hello|42|false,"1.5|1E+2|-0.5",awML,"2024-01-02 03:04:05.12"
2,,,,,' "$(cat "$T/csv_out")"

printf '5,a,1,too;few,' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t csv_in || e2e_failed produce bad
e2e_run "$T/job" "$T/job2.out" "$T/job2.err"
e2e_check_eq "a ROW of the wrong length fails the bounded job" 1 "$RC"
e2e_check_grep "naming the record and the field" \
    'topic=csv_in partition=0 offset=4.*Fail to deserialize at field: r. Row length mismatch. 3 fields expected but was 2.' "$T/job2.err"
e2e_summary nested_csv
