#!/usr/bin/env bash
# This file is the end-to-end test of csv.escape-character on sinks
# (tests/golden/csv_escape.sql) and its round trip through the csv source:
# the strings of Flink's CsvRowDataSerDeSchemaTest written as that test
# expects them ('123''4**', 'a;b''c'), more cases computed by an independent
# Python model of Jackson's CsvEncoder (quote when longer than 24 characters,
# below max(delimiter, quote) + 1 or the escape character; double the quote
# and the escape character inside quotes), then a second job that reads the
# sink topic with the same options must give back every value.
#
# usage: test_csv_escape.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker vals:1 esc_out:1 back:1

if ! e2e_build "$here/../golden/csv_escape.sql" "$T/job"; then
    e2e_summary csv_escape
fi
cat >"$T/cases.py" <<'PYEOF'
# (key, value string or None, n or None)
CASES = [
    ('k1', "123'4*", 1),
    ('k2', "a;b'c", 2),
    ('k3', "12*3'4", None),
    ('a\\b', 'plain', 3),
    ('"q"', '', 4),
    ('long key with spaces and \\ and "', 'a value longer than 24 chars, with * and \'', 5),
    ('Zürich', 'Zürich*東京', 6),
    ('k8', None, 7),
    ('k9', 'tab\there', -8),
]
PYEOF
cat >"$T/produce.py" <<'PYEOF'
import json
import sys
sys.path.insert(0, sys.argv[1])
from cases import CASES  # noqa: E402
sys.stdout.write('\x1e'.join(json.dumps({'k': k, 's': s, 'n': n}, ensure_ascii=False) for k, s, n in CASES))
PYEOF
python3 "$T/produce.py" "$T" >"$T/in" || e2e_failed "write the input"
e2e_produce_sep vals "$T/in" 0
e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump esc_out "$T/esc_out.dump"

cat >"$T/check.py" <<'PYEOF'
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from cases import CASES  # noqa: E402
from gen_pageviews import read_dump  # noqa: E402


def jackson(text, delim, quote, esc):
    """CsvEncoder (2.12-2.15) with an escape character, loose quoting check."""
    units = len(text.encode('utf-16-le')) // 2
    if text and (units > 24 or any(ord(c) < max(ord(delim), ord(quote)) + 1 or c == esc for c in text)):
        return quote + ''.join(c + c if c in (quote, esc) else c for c in text) + quote
    return text


# the expectations of Flink's tests, spelled out
FLINK = {"123'4*": "'123''4**'", "a;b'c": "'a;b''c'", "12*3'4": "'12**3''4'"}
got = read_dump(sys.argv[3])
want = []
for k, s, n in CASES:
    v = 'null' if s is None else jackson(s, ';', "'", '*')
    if s in FLINK and v != FLINK[s]:
        print('FAIL the model disagrees with Flink on %r: %r' % (s, v))
    want.append((jackson(k, ',', '"', '\\').encode(), (v + ';' + ('null' if n is None else str(n))).encode()))
got = [(k, v) for _, _, k, v in got]
print(('PASS' if got == want else 'FAIL') + ' keys with escape \\ and values with quote \' escape * as Jackson '
      'writes them: %s' % ('%d records' % len(got) if got == want else 'got %r want %r' % (got, want)))
PYEOF
e2e_py_checks python3 "$T/check.py" "$T" "$here" "$T/esc_out.dump"

# the round trip: the csv source with the same options reads every value back
cat >"$T/back.sql" <<'SQL'
CREATE TABLE esc_in (k STRING, s STRING, n INT) WITH (
  'connector' = 'kafka', 'topic' = 'esc_out', 'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'key.format' = 'csv', 'key.fields' = 'k', 'key.csv.escape-character' = '\',
  'value.format' = 'csv', 'value.fields-include' = 'EXCEPT_KEY',
  'value.csv.field-delimiter' = ';', 'value.csv.quote-character' = '''',
  'value.csv.escape-character' = '*', 'value.csv.null-literal' = 'null');
CREATE TABLE back (k STRING, s STRING, n INT) WITH (
  'connector' = 'kafka', 'topic' = 'back', 'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json');
INSERT INTO back SELECT k, s, n FROM esc_in;
SQL
if e2e_build "$T/back.sql" "$T/back"; then
    e2e_run "$T/back" "$T/back.out" "$T/back.err"
    e2e_check_eq "the reading job exits 0" 0 "$RC"
    e2e_dump back "$T/back.dump"
    cat >"$T/check_back.py" <<'PYEOF'
import json
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from cases import CASES  # noqa: E402
from gen_pageviews import read_dump  # noqa: E402
got = [json.loads(v) for _, _, _, v in read_dump(sys.argv[3])]
want = [{'k': k, 's': s, 'n': n} for k, s, n in CASES]
print(('PASS' if got == want else 'FAIL') + ' the csv source reads back what the csv sink wrote: %s' % (
    '%d records' % len(got) if got == want else 'got %r want %r' % (got, want)))
PYEOF
    e2e_py_checks python3 "$T/check_back.py" "$T" "$here" "$T/back.dump"
fi
e2e_summary csv_escape
