#!/usr/bin/env bash
# This file is the end-to-end test of the csv format on sources
# (tests/golden/csv_source.sql): lines written by Python's csv module and by
# hand (quoting, doubled quotes, escapes, the null literal, comments, every
# type) read as Flink's CsvRowDataDeserializationSchema reads them, checked
# through a JSON sink (which writes TIME without its fraction and DECIMAL
# without trailing zeros, as Flink's json format does); a lenient table (ignore-parse-errors); a csv key; a
# bad record stopping the job with topic, partition and offset; and the
# round trip of csv_sink.sql's output read back by the csv source.
#
# usage: test_csv_source.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker vals:1 csv_default:1 csv_semi:1 csv_plain:1 csv_hash:1 csv_bare:1 \
    csv_in:1 csv_lenient:1 csv_keyed:1 out_all:1 out_lenient:1 out_keyed:1 out_rt:1 bad_in:1

e2e_build "$here/../golden/csv_source.sql" "$T/job" || e2e_summary csv_source

# csv_in: an independent writer (Python's csv module, QUOTE_MINIMAL, '"'
# doubled) for the first rows, hand-written lines for the rest
python3 - "$T/in" <<'PY'
import csv, io, sys
rows = [
    ["plain", "12345678910", "true", "-128", "32767", "2147483647", "0.33333334", "0.33333333332",
     "1234.5675", "2018-10-12", "12:12:12.232", "12:12:12.9", "2018-10-12 12:12:12.123",
     "1970-01-01 00:02:03.456Z", "awML"],
    ['a "quoted", value\nwith a line break', " 7 ", "TRUE", " 1", "-2", "+3", "NaN", "-Infinity",
     "1E+2", "2021-02-31", "23:59", "00:00:01", "2021-01-01 24:00:00", "2000-02-29 23:59:59.999999Z",
     " AQID "],
    ["null", "null", "null", "null", "null", "null", "null", "null", "null", "null", "null", "null",
     "null", "null", "null"],
    ["", "0", "", "0", "0", "0", "1e10", "4.9E-324", "99999999", "2020-1-5", "24:00", "10:20:30.",
     " 2020-02-30 01:02:03 ", "2020-01-01 00:00:00Z", ""],
]
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
msgs = []
for r in rows:
    out.seek(0); out.truncate()
    w.writerow(r)
    msgs.append(out.getvalue())
# by hand: a comment line and blanks before the record (allow-comments), an
# escaped delimiter and quote, the null literal in quotes (still NULL), a
# trailing comma (Jackson's ALLOW_TRAILING_COMMA), CRLF and a second record
# that is not read
msgs.append('# a comment\n\n  esc\\,aped\\"x\\ty,1,false,1,1,1,1.5,2.5,0.001,1999-12-31,01:02:03,01:02:03,'
            '1999-12-31 23:59:59,1999-12-31 23:59:59Z,,\r\nignored,line')
msgs.append('"null",1,true,1,1,1,1,1,1,2000-01-01,00:00:00,00:00:00,2000-01-01 00:00:00,'
            '2000-01-01 00:00:00Z,AA==')
open(sys.argv[1], "w").write("\x1e".join(msgs))
PY
e2e_produce_sep csv_in "$T/in" 0
# csv_lenient (';' and '''): bad fields are NULL, missing trailing fields
# are NULL, a record with too many fields and an unterminated quote are
# skipped (kcat cannot produce an empty message; the unit tests cover it)
printf '%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%s' "'a;b''c';12;2020-02-29" 'x;notanint;2020-13-01' 'only' \
    'too;1;2020-01-01;many' "'open;1;2020-01-01" ';;' >"$T/len"
e2e_produce_sep csv_lenient "$T/len" 0
# csv_keyed: key 'k|42' with '|', value without quoting
printf 'k|42\t"v",1.5\n"a|b"|-1\tx,2\n' >"$T/keyed"
e2e_produce csv_keyed "$T/keyed" 0

# the round trip: csv_sink.sql's job writes csv_default from JSON input
e2e_build "$here/../golden/csv_sink.sql" "$T/sink_job" || e2e_summary csv_source
printf '%s\x1e%s\x1e%s' \
    '{"s":"This is a test.","b":12345678910,"bo":true,"ti":124,"i":1234567,"f":0.33333334,"d":0.33333333332,"dec":1234.0000000000000000000000001,"dt":"2018-10-12","tm0":"12:12:12","tm3":"12:12:12","ts":"2018-10-12 12:12:12","bytes":"awML"}' \
    '{}' \
    '{"s":"a;b\"c, d\\e","bo":false,"f":-1.0E-10,"bytes":"","ti":-1}' >"$T/vals"
e2e_produce_sep vals "$T/vals" 0
e2e_run "$T/sink_job" "$T/sink.out" "$T/sink.err"
e2e_check_eq "csv_sink job exits 0" 0 "$RC"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "csv_source job exits 0" 0 "$RC"

e2e_dump_values out_all "$T/all"
e2e_check_eq "every type, quoting, escapes, the null literal, comments" \
'{"s":"plain","b":12345678910,"bo":true,"ti":-128,"si":32767,"i":2147483647,"f":0.33333334,"d":0.33333333332,"dec":1234.568,"dt":"2018-10-12","tm":"12:12:12","tm0":"12:12:12","ts":"2018-10-12 12:12:12.123","ltz":"1970-01-01 00:02:03.456Z","bin":"awML"}
{"s":"a \"quoted\", value\nwith a line break","b":7,"bo":true,"ti":1,"si":-2,"i":3,"f":"NaN","d":"-Infinity","dec":1E+2,"dt":"2021-03-03","tm":"23:59:00","tm0":"00:00:01","ts":"2021-01-02 00:00:00","ltz":"2000-02-29 23:59:59.999999Z","bin":"AQID"}
{"s":null,"b":null,"bo":null,"ti":null,"si":null,"i":null,"f":null,"d":null,"dec":null,"dt":null,"tm":null,"tm0":null,"ts":null,"ltz":null,"bin":null}
{"s":"","b":0,"bo":false,"ti":0,"si":0,"i":0,"f":1.0E10,"d":4.9E-324,"dec":null,"dt":"2020-01-05","tm":"00:00:00","tm0":"10:20:30","ts":"2020-02-29 01:02:03","ltz":"2020-01-01 00:00:00Z","bin":""}
{"s":"esc,aped\"x\ty","b":1,"bo":false,"ti":1,"si":1,"i":1,"f":1.5,"d":2.5,"dec":0.001,"dt":"1999-12-31","tm":"01:02:03","tm0":"01:02:03","ts":"1999-12-31 23:59:59","ltz":"1999-12-31 23:59:59Z","bin":""}
{"s":null,"b":1,"bo":true,"ti":1,"si":1,"i":1,"f":1.0,"d":1.0,"dec":1,"dt":"2000-01-01","tm":"00:00:00","tm0":"00:00:00","ts":"2000-01-01 00:00:00","ltz":"2000-01-01 00:00:00Z","bin":"AA=="}' \
    "$(cat "$T/all")"
e2e_dump_values out_lenient "$T/lenient"
e2e_check_eq "ignore-parse-errors: bad fields NULL, short records padded, bad records skipped" \
'{"s":"a;b'"'"'c","i":12,"dt":"2020-02-29"}
{"s":"x","i":null,"dt":null}
{"s":"only","i":null,"dt":null}
{"s":"","i":null,"dt":null}' "$(cat "$T/lenient")"
e2e_check_grep "the skipped records are named" "Too many entries" "$T/job.err"
e2e_check_grep "the unterminated quote is named" "Missing closing quote" "$T/job.err"
e2e_dump_values out_keyed "$T/keyed"
e2e_check_eq "a csv key ('|') and a csv value without quoting" \
'{"k1":"k","k2":42,"v":"\"v\"","n":1.5}
{"k1":"a|b","k2":-1,"v":"x","n":2.0}' "$(cat "$T/keyed")"
e2e_dump_values out_rt "$T/rt"
e2e_check_eq "csv_sink's output read back by the csv source" \
'{"s":"This is a test.","b":12345678910,"bo":true,"ti":124,"i":1234567,"f":0.33333334,"d":0.33333333332,"dec":1234.0000000000000000000000001,"dt":"2018-10-12","tm0":"12:12:12","tm3":"12:12:12","ts":"2018-10-12 12:12:12","bytes":"awML"}
{"s":null,"b":null,"bo":null,"ti":null,"i":null,"f":null,"d":null,"dec":null,"dt":null,"tm0":null,"tm3":null,"ts":null,"bytes":null}
{"s":"a;b\"c, d\\e","b":null,"bo":false,"ti":-1,"i":null,"f":-1.0E-10,"d":null,"dec":null,"dt":null,"tm0":null,"tm3":null,"ts":null,"bytes":""}' \
    "$(cat "$T/rt")"

# a bad record stops the job, naming topic, partition, offset and the field
cat >"$T/bad.sql" <<'SQL'
CREATE TABLE bad_in (s STRING, i INT) WITH (
  'connector' = 'kafka', 'topic' = 'bad_in', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'csv');
CREATE TABLE bad_out (s STRING, i INT) WITH (
  'connector' = 'kafka', 'topic' = 'out_lenient', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
INSERT INTO bad_out SELECT * FROM bad_in;
SQL
e2e_build "$T/bad.sql" "$T/bad_job" || e2e_summary csv_source
printf '%s\x1e%s' 'ok,1' 'x,12a' >"$T/bad"
e2e_produce_sep bad_in "$T/bad" 0
e2e_run "$T/bad_job" "$T/bad.out" "$T/bad.err"
e2e_check_eq "a bad field fails the job" 1 "$((RC != 0))"
e2e_check_grep "the failure names the record and the field" \
    "bad_in.*0.*1.*Failed to deserialize CSV row 'x,12a': Fail to deserialize at field: i" "$T/bad.err"
e2e_summary csv_source
