#!/usr/bin/env bash
# This file is the end-to-end test of GroupAggregate over insert-only input:
# aggregates.sql (COUNT(*), COUNT(x), SUM, MIN, MAX, AVG of BIGINT and DOUBLE,
# COUNT(*) FILTER, GROUP BY two columns, key prefix with EXCEPT_KEY, HAVING).
# About 3 000 readings with NULLs go through one input partition, so the order
# of the changes is fixed; a Python simulation of Flink's operators computes
# the exact changelog: per input row the aggregate's -U(old)/+U(new), the HAVING
# filter applied to each, UPDATE_BEFORE written as a tombstone. The sink topic
# must hold exactly that sequence of keys and values, byte for byte.
#
# usage: test_aggregates.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker readings:1 stats:2

if ! e2e_build "$here/aggregates.sql" "$T/aggregates"; then
    e2e_summary aggregates
fi

cat >"$T/agg.py" <<'PYEOF'
"""aggregates.sql's input and its exact changelog.

  agg.py gen DIR            DIR/in.txt (records separated by \x1e), DIR/expected.json
  agg.py check DIR DUMP     compares the dumped sink topic with the expectation
"""
import json
import random
import struct
import sys

sys.path.insert(0, sys.argv[-1])
from gen_pageviews import jackson_string, java_double, kafka_partition, read_dump  # noqa: E402


def java_float(x):
    """Float.toString for the values used here: multiples of 1/4 below 2^20 are
    exact floats whose shortest form is their decimal expansion."""
    assert struct.unpack('f', struct.pack('f', x))[0] == x
    return java_double(x)


def avg_long(s, c):
    q = abs(s) // c
    return q if s >= 0 else -q  # Java long division truncates toward zero


def gen(d):
    rng = random.Random(20261125)
    sensors = ['s%d' % i for i in range(40)] + ['ümlaut', 'quo"te', 'back\\slash']
    rows = []
    for i in range(3000):
        row = {'sensor': rng.choice(sensors), 'site': rng.randint(1, 3)}
        if rng.random() < 0.85:
            row['temp'] = rng.randint(-80, 400) / 8.0
        elif rng.random() < 0.5:
            row['temp'] = None
        if rng.random() < 0.9:
            row['hum'] = rng.randint(0, 400) / 4.0
        if rng.random() < 0.9:
            row['level'] = rng.randint(-1000, 100000)
        rows.append(row)
    with open(d + '/in.txt', 'wb') as f:
        f.write(b'\x1e'.join(json.dumps(r, ensure_ascii=False).encode() for r in rows))
    # Flink's GroupAggFunction, then Calc(HAVING) on each change, then the upsert sink
    state, out = {}, []
    for r in rows:
        k = (r['sensor'], r['site'])
        st = state.get(k)
        old = result(st) if st else None
        if st is None:
            st = state[k] = {'n': 0, 'nt': 0, 'sl': 0, 'sln': 0, 'mint': None, 'maxh': None, 'st': 0.0, 'hot': 0}
        st['n'] += 1
        t, h, lv = r.get('temp'), r.get('hum'), r.get('level')
        if t is not None:
            st['nt'] += 1
            st['st'] += t
            st['mint'] = t if st['mint'] is None or t < st['mint'] else st['mint']
            if t > 30:
                st['hot'] += 1
        if lv is not None:
            st['sl'] += lv
            st['sln'] += 1
        if h is not None:
            st['maxh'] = h if st['maxh'] is None or h > st['maxh'] else st['maxh']
        new = result(st)
        key = '{"sensor":%s,"site":%d}' % (jackson_string(k[0]).decode(), k[1])
        if old is not None and old[0] > 1:
            out.append([key, None])  # -U passes HAVING: a tombstone
        if new[0] > 1:
            out.append([key, value(new)])
    json.dump(out, open(d + '/expected.json', 'w'))


def result(st):
    return (st['n'], st['nt'], st['sl'] if st['sln'] else None, st['mint'], st['maxh'],
            avg_long(st['sl'], st['sln']) if st['sln'] else None,
            st['st'] / st['nt'] if st['nt'] else None, st['hot'])


def value(r):
    def num(v, f=str):
        return 'null' if v is None else f(v)
    return ('{"n":%d,"n_temp":%d,"sum_level":%s,"min_temp":%s,"max_hum":%s,"avg_level":%s,'
            '"avg_temp":%s,"hot":%d}' % (r[0], r[1], num(r[2]), num(r[3], java_double), num(r[4], java_float),
                                        num(r[5]), num(r[6], java_double), r[7]))


def check(d, dump):
    want = json.load(open(d + '/expected.json'))
    recs = read_dump(dump)
    # per key, in the order the job wrote them (keys are spread over 2 partitions)
    got_by_key, want_by_key = {}, {}
    for part, _off, k, v in recs:
        ks = k.decode()
        got_by_key.setdefault(ks, []).append(None if v is None else v.decode())
        if kafka_partition(k, 2) != part:
            print('FAIL partition of %s: %d, murmur2 says %d' % (ks, part, kafka_partition(k, 2)))
            return
    for k, v in want:
        want_by_key.setdefault(k, []).append(v)
    print(('PASS' if len(recs) == len(want) else 'FAIL') + ' record count: %d, expected %d' % (len(recs), len(want)))
    bad = [k for k in want_by_key if got_by_key.get(k) != want_by_key[k]]
    extra = [k for k in got_by_key if k not in want_by_key]
    if bad or extra:
        k = (bad or extra)[0]
        print('FAIL changelog per key: %d keys differ, e.g. %s: got %s, want %s' % (
            len(bad) + len(extra), k, got_by_key.get(k, [])[:4], want_by_key.get(k, [])[:4]))
    else:
        print('PASS changelog per key: %d keys, %d changes, tombstones where HAVING held before' % (
            len(want_by_key), len(want)))
    tomb = sum(1 for _, v in want if v is None)
    print(('PASS' if tomb > 0 else 'FAIL') + ' the input exercises UPDATE_BEFORE tombstones (%d)' % tomb)


if __name__ == '__main__':
    if sys.argv[1] == 'gen':
        gen(sys.argv[2])
    else:
        check(sys.argv[2], sys.argv[3])
PYEOF

python3 "$T/agg.py" gen "$T" "$here" || e2e_failed generate "agg.py gen failed"
e2e_produce_sep readings "$T/in.txt" 0
e2e_run "$T/aggregates" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_check_grep "summary counts the input" 'read readings=3000' "$T/job.err"
e2e_dump stats "$T/stats.dump"
e2e_py_checks python3 "$T/agg.py" check "$T" "$T/stats.dump" "$here"
e2e_summary aggregates
