#!/usr/bin/env bash
# This file is the end-to-end test of the raw format (tests/golden/raw.sql): text values
# in (with an empty message, a null message and non-ASCII text), per word a
# count as a raw little-endian BIGINT under a raw text key, and per record
# CHAR_LENGTH as a raw big-endian DOUBLE, where a NULL is a null Kafka value.
# Every output record is compared byte for byte with a Python expectation.
#
# usage: test_raw.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker words:1 word_counts:1 lengths:1

if ! e2e_build "$here/../golden/raw.sql" "$T/raw"; then
    e2e_summary raw
fi

# keyed records (the source reads only values): kcat drops an empty record but
# not an empty value, and with -Z an empty value is a null message
printf 'k:apple\x1ek:banana\x1ek:apple\x1ek:\x1ek:Zürich 東京\x1ek:apple\x1ek:banana' >"$T/batch1"
printf 'k:\x1e' >"$T/batch2"
printf 'k:cherry' >"$T/batch3"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t words -p 0 -K: -D '\x1e' <"$T/batch1" || e2e_failed produce "batch 1"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t words -p 0 -K: -D '\x1e' -Z <"$T/batch2" || e2e_failed produce "batch 2"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t words -p 0 -K: -D '\x1e' <"$T/batch3" || e2e_failed produce "batch 3"

e2e_run "$T/raw" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_check_grep "summary counts 9 records" 'read words=9' "$T/job.err"
e2e_dump word_counts "$T/counts.dump"
e2e_dump lengths "$T/lengths.dump"

cat >"$T/check.py" <<'PYEOF'
import struct
import sys

sys.path.insert(0, sys.argv[3])
from gen_pageviews import read_dump  # noqa: E402

words = ['apple', 'banana', 'apple', '', 'Zürich 東京', 'apple', 'banana', None, 'cherry']
seen, want_counts, want_lengths = {}, [], []
for w in words:
    if w is not None:
        seen[w] = seen.get(w, 0) + 1
        want_counts.append((w.encode(), struct.pack('<q', seen[w])))
    want_lengths.append(None if w is None else struct.pack('>d', float(len(w))))
got_counts = [(k, v) for _, _, k, v in read_dump(sys.argv[1])]
got_lengths = [v for _, _, _, v in read_dump(sys.argv[2])]
print(('PASS' if got_counts == want_counts else 'FAIL') + ' word_counts: raw key, raw little-endian BIGINT: %s' % (
    got_counts if got_counts != want_counts else '%d records' % len(got_counts)))
print(('PASS' if got_lengths == want_lengths else 'FAIL') + ' lengths: raw big-endian DOUBLE, NULL as a null '
      'value: %s' % (got_lengths if got_lengths != want_lengths else '%d records' % len(got_lengths)))
PYEOF
e2e_py_checks python3 "$T/check.py" "$T/counts.dump" "$T/lengths.dump" "$here"

# a fixed-size raw value of the wrong size stops the job and names the record
cat >"$T/bad.sql" <<'SQL'
CREATE TABLE nums (n INT) WITH ('connector' = 'kafka', 'topic' = 'nums',
  'properties.bootstrap.servers' = 'localhost:9092', 'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset', 'format' = 'raw');
CREATE TABLE out_nums (n INT) WITH ('connector' = 'kafka', 'topic' = 'out_nums',
  'properties.bootstrap.servers' = 'localhost:9092', 'format' = 'json');
INSERT INTO out_nums SELECT n FROM nums;
SQL
if e2e_build "$T/bad.sql" "$T/bad"; then
    printf '\x00\x00\x30\x39\x1e\x01\x02\x1e' >"$T/nums"
    "$E2E_KCAT" -b "$BOOTSTRAP" -P -t nums -p 0 -D '\x1e' <"$T/nums" || e2e_failed produce nums
    e2e_run "$T/bad" "$T/bad.out" "$T/bad.err"
    e2e_check_eq "a 2-byte INT stops the job" 1 "$RC"
    e2e_check_grep "the error names the record and Flink's reason" \
        'topic=nums partition=0 offset=1: .*Size of data received for deserializing INT type is not 4\.' "$T/bad.err"
    e2e_dump_values out_nums "$T/out_nums"
    e2e_check_eq "the record before it was written" '{"n":12345}' "$(cat "$T/out_nums")"
fi
e2e_summary raw
