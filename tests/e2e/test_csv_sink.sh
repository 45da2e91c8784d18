#!/usr/bin/env bash
# This file is the end-to-end test of the csv format on sinks
# (tests/golden/csv_sink.sql): the values of Flink's CsvRowDataSerDeSchemaTest
# and CsvFormatFactoryTest, written byte for byte as those tests expect them
# (reference/flink.md §4.2), and a row of NULLs as the null literal. The one
# exception is TIME(3): the values come from a JSON source, which keeps whole
# seconds as Flink's JsonToRowDataConverters does, so 12:12:12.232 arrives as
# 12:12:12 (the csv writer's fraction is checked by test_format_matrix.sh).
#
# usage: test_csv_sink.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker vals:1 csv_default:1 csv_semi:1 csv_plain:1 csv_hash:1 csv_bare:1

if ! e2e_build "$here/../golden/csv_sink.sql" "$T/job"; then
    e2e_summary csv_sink
fi
printf '%s\x1e%s\x1e%s' \
    '{"s":"This is a test.","b":12345678910,"bo":true,"ti":124,"i":1234567,"f":0.33333334,"d":0.33333333332,"dec":1234.0000000000000000000000001,"dt":"2018-10-12","tm0":"12:12:12","tm3":"12:12:12.232","ts":"2018-10-12 12:12:12","bytes":"awML","dec2":100000,"ts2":"2019-12-26 12:12:12"}' \
    '{}' \
    '{"s":"a;b'"'"'c","dec2":0.5,"ts2":"2019-12-26 12:12:12","bo":false,"s2":1}' >"$T/in"
e2e_produce_sep vals "$T/in" 0
e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values csv_default "$T/default"
e2e_check_eq "Flink's CsvRowDataSerDeSchemaTest values, and NULLs as the null literal" \
    '"This is a test.",12345678910,true,124,1234567,0.33333334,0.33333333332,"1234.0000000000000000000000001",2018-10-12,12:12:12,12:12:12,"2018-10-12 12:12:12",awML
null,null,null,null,null,null,null,null,null,null,null,null,null
"a;b'"'"'c",null,false,null,null,null,null,null,null,null,null,null,null' "$(cat "$T/default")"
e2e_dump_values csv_semi "$T/semi"
e2e_check_eq "';' and ''': digits, spaces and dots are below '<' so quoted, the quote character doubled, an empty field for NULL" \
    "'This is a test.';'1E+5'
;
'a;b''c';'0.5'" "$(cat "$T/semi")"
e2e_dump_values csv_plain "$T/plain"
e2e_check_eq "write-bigdecimal-in-scientific-notation = false" "'100000'

'0.5'" "$(cat "$T/plain")"
e2e_dump_values csv_hash "$T/hash"
e2e_check_eq "quote character '#'" "#2019-12-26 12:12:12#

#2019-12-26 12:12:12#" "$(cat "$T/hash")"
e2e_dump_values csv_bare "$T/bare"
e2e_check_eq "quoting disabled" "2019-12-26 12:12:12,This is a test.
,
2019-12-26 12:12:12,a;b'c" "$(cat "$T/bare")"
e2e_summary csv_sink
