#!/usr/bin/env bash
# This file is the end-to-end test of metadata columns (metadata.sql): topic,
# partition, offset, timestamp, timestamp-type and leader-epoch read from each
# record, checked against what kcat reports for the same records; and a sink's
# `timestamp` metadata column written as the record timestamp.
#
# usage: test_metadata.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker clicks:2 click_log:1 click_copy:1

if ! e2e_build "$here/metadata.sql" "$T/meta"; then
    e2e_summary metadata
fi
for p in 0 1; do
    printf '{"url":"/a%s"}\x1e{"url":"/b%s"}\x1e{"url":"/c%s"}' "$p" "$p" "$p" >"$T/in$p"
    "$E2E_KCAT" -b "$BOOTSTRAP" -P -t clicks -p "$p" -D '\x1e' <"$T/in$p" || e2e_failed produce "partition $p"
done
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t clicks -o beginning -e -q -f '%p %o %T %s\n' >"$T/kcat" || e2e_failed consume clicks
e2e_run "$T/meta" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values click_log "$T/out"
cat >"$T/check.py" <<'PYEOF'
import datetime
import json
import sys

want = {}
for line in open(sys.argv[1]):
    p, o, ts, value = line.rstrip('\n').split(' ', 3)
    if int(o) == 1:
        continue  # the query's WHERE `offset` <> 1
    t = datetime.datetime.fromtimestamp(int(ts) / 1000, datetime.timezone.utc)
    frac = ('%03d' % (int(ts) % 1000)).rstrip('0')
    text = t.strftime('%Y-%m-%d %H:%M:%S') + ('.' + frac if frac else '') + 'Z'
    url = json.loads(value)['url']
    want[url] = '{"url":"%s","t":"clicks","p":%s,"o":%s,"ts":"%s","tt":"CreateTime","e":null}' % (url, p, o, text)
got = {json.loads(l)['url']: l.rstrip('\n') for l in open(sys.argv[2])}
ok = got == want
print(('PASS' if ok else 'FAIL') + ' every record carries its topic, partition, offset, timestamp (UTC, '
      'TIMESTAMP_LTZ text) and timestamp type%s' % ('' if ok else ': got %s, want %s' % (got, want)))
PYEOF
e2e_py_checks python3 "$T/check.py" "$T/kcat" "$T/out"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t click_copy -o beginning -e -q -f '%T %s\n' >"$T/copy" || e2e_failed consume click_copy
cat >"$T/check_ts.py" <<'PYEOF'
import json
import sys

src = {json.loads(l.split(' ', 3)[3])['url']: int(l.split(' ', 3)[2]) for l in open(sys.argv[1])}
got = {json.loads(l.split(' ', 1)[1])['url']: int(l.split(' ', 1)[0]) for l in open(sys.argv[2])}
want = {u: ts - 3600000 for u, ts in src.items()}
ok = got == want
print(('PASS' if ok else 'FAIL') + ' a sink\'s timestamp metadata column sets the record timestamp%s' % (
    '' if ok else ': got %s, want %s' % (got, want)))
PYEOF
e2e_py_checks python3 "$T/check_ts.py" "$T/kcat" "$T/copy"
e2e_summary metadata
