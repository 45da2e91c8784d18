"""The independent side of e2e/avro_timestamp_mapping (test_avro_timestamp_mapping.sh):
records of avro_timestamp_mapping.sql's source, written by python3-avro under
the schemas `sqlkc explain` derives with 'avro.timestamp_mapping.legacy' =
'false', and the checks of what the job wrote.

python3-avro 1.11 has timestamp-millis/-micros (from UTC datetimes) but no
local-timestamp-* or *-nanos: a local-timestamp-X is written as timestamp-X
from the date-time read as UTC (the same long), a *-nanos as the long of
nanoseconds computed here with integers. So the millis/micros arithmetic is
python3-avro's, not ours.

usage: avro_timestamp_mapping.py produce SCHEMAS OUTDIR   (SCHEMAS: the
           explain lines of src: key schema, then value schema) -> OUTDIR/batches
       avro_timestamp_mapping.py check SCHEMAS OUTDIR     reads OUTDIR/ts_out.dump,
           OUTDIR/ts_json.dump; prints PASS/FAIL lines
"""
import datetime
import io
import json
import os
import sys

import avro.io
import avro.schema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from format_matrix import write_batches  # noqa: E402
from gen_pageviews import read_dump  # noqa: E402

dt = datetime.datetime
UTC = datetime.timezone.utc
EPOCH = dt(1970, 1, 1)


class TS:
    """A TIMESTAMP / TIMESTAMP_LTZ value: a date-time (read as UTC) plus the
    nanoseconds below its microsecond."""

    def __init__(self, d, sub_nanos=0):
        self.d, self.sub = d, sub_nanos

    def nanos(self):
        delta = self.d - EPOCH
        return ((delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds) * 1000 + self.sub

    def text(self, ltz):
        """Flink's JSON text (SQL_TIMESTAMP_FORMAT / ..._WITH_LOCAL_TIMEZONE: the
        fraction of nanos without trailing zeros, none if zero)."""
        frac = ('%09d' % (self.d.microsecond * 1000 + self.sub)).rstrip('0')
        return self.d.strftime('%Y-%m-%d %H:%M:%S').rjust(19, '0') + ('.' + frac if frac else '') + \
            ('Z' if ltz else '')


# the precision and kind of each timestamp in the schemas, by field path
PREC = {'k6': (6, False), 'kl': (3, True), 't3': (3, False), 't6': (6, False), 't9': (9, False), 'l3': (3, True),
        'l6': (6, True), 'l9': (9, True), 'r.a': (6, False), 'r.b': (3, True), 'r.c.d': (9, True),
        'arr[]': (3, False), 'm{}.e': (3, False)}

KEYS = ['k6', 'kl']
VALUES = ['t3', 't6', 't9', 'l3', 'l6', 'l9', 'r', 'arr', 'm']
ROWS = [
    dict(k6=TS(dt(1900, 1, 1, 0, 0, 0, 1)), kl=TS(dt(1969, 12, 31, 23, 59, 59, 999000)),
         t3=TS(dt(1969, 12, 31, 23, 59, 59, 999000)), t6=TS(dt(2024, 2, 29, 12, 34, 56, 123456)),
         t9=TS(dt(2024, 1, 2, 3, 4, 5, 123456), 789), l3=TS(dt(2038, 1, 19, 3, 14, 7, 999000)),
         l6=TS(dt(1969, 12, 31, 23, 59, 59, 999999)), l9=TS(dt(1960, 5, 6, 7, 8, 9), 1),
         r=dict(a=TS(dt(9999, 12, 31, 23, 59, 59, 999999)), b=TS(dt(1970, 1, 1)),
                c=dict(d=TS(dt(2262, 4, 11, 23, 47, 16, 854775), 807))),
         arr=[TS(dt(1970, 1, 1, 0, 0, 0, 1000)), None], m={'x': dict(e=TS(dt(2000, 2, 29, 23, 59, 59, 999000)))}),
    dict(k6=TS(dt(1970, 1, 1)), kl=None, t3=None, t6=None, t9=TS(dt(1969, 12, 31, 23, 59, 59, 999999), 999),
         l3=None, l6=TS(dt(1, 1, 1, 0, 0, 0, 1)), l9=None, r=None, arr=None, m=None),
    dict(k6=TS(dt(2023, 11, 14, 22, 13, 20, 123456)), kl=TS(dt(1582, 10, 4, 12, 0, 0, 1000)),
         t3=TS(dt(1, 1, 1)), t6=TS(dt(1969, 12, 31, 23, 59, 59, 1)), t9=TS(dt(1677, 9, 21, 0, 12, 43, 145224), 192),
         l3=TS(dt(1970, 1, 1, 0, 0, 0, 1000)), l6=TS(dt(9999, 12, 31, 23, 59, 59, 999999)),
         l9=TS(dt(1970, 1, 1), 1), r=dict(a=None, b=TS(dt(1969, 7, 20, 20, 17, 40, 500000)), c=None),
         arr=[], m={'y': None}),
]


def python_schema(t, path=''):
    """The derived schema with local-timestamp-* as timestamp-* and *-nanos as long."""
    if isinstance(t, list):
        return [python_schema(x, path) for x in t]
    if isinstance(t, dict):
        lt = t.get('logicalType', '')
        if lt.endswith('-nanos'):
            return 'long'
        if 'timestamp-' in lt:
            return {'type': 'long', 'logicalType': lt.replace('local-', '')}
        out = dict(t)
        if 'items' in out:
            out['items'] = python_schema(out['items'], path + '[]')
        if 'values' in out:
            out['values'] = python_schema(out['values'], path + '{}')
        if 'fields' in out:
            out['fields'] = [dict(f, type=python_schema(f['type'], (path + '.' if path else '') + f['name']))
                             for f in out['fields']]
        return out
    return t


def datum(v, path):
    """The python3-avro datum of a value at a field path."""
    if v is None:
        return None
    if isinstance(v, TS):
        p, _ = PREC[path]
        return v.nanos() if p > 6 else v.d.replace(tzinfo=UTC)
    if isinstance(v, list):
        return [datum(x, path + '[]') for x in v]
    if path in ('m',):
        return {k: datum(x, path + '{}') for k, x in v.items()}
    return {k: datum(x, (path + '.' if path else '') + k) for k, x in v.items()}


def json_of(v, path):
    if v is None:
        return None
    if isinstance(v, TS):
        return v.text(PREC[path][1])
    if isinstance(v, list):
        return [json_of(x, path + '[]') for x in v]
    if path == 'm':
        return {k: json_of(x, path + '{}') for k, x in v.items()}
    return {k: json_of(x, (path + '.' if path else '') + k) for k, x in v.items()}


def load_schemas(path):
    lines = [json.loads(line) for line in open(path)]
    return [avro.schema.parse(json.dumps(python_schema(s))) for s in lines]


def enc(schema, row, names):
    b = io.BytesIO()
    avro.io.DatumWriter(schema).write({n: datum(row[n], n) for n in names}, avro.io.BinaryEncoder(b))
    return b.getvalue()


def produce(schemas, outdir):
    key_s, value_s = load_schemas(schemas)
    recs = [(enc(key_s, r, KEYS), enc(value_s, r, VALUES)) for r in ROWS]
    with open(os.path.join(outdir, 'batches'), 'w') as fh:
        write_batches(outdir, 'ts_in', recs, fh)


def check(schemas, outdir):
    key_s, value_s = load_schemas(schemas)
    failed = [0]

    def report(ok, name, why=''):
        print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ': ' + why[:3000]))
        failed[0] += not ok

    out = read_dump(os.path.join(outdir, 'ts_out.dump'))
    report(len(out) == len(ROWS), 'avro sink: %d records' % len(ROWS), 'got %d' % len(out))
    for role, schema, names, idx in (('key', key_s, KEYS, 2), ('value', value_s, VALUES, 3)):
        bad_bytes, bad_vals = [], []
        for i, rec in enumerate(out[:len(ROWS)]):
            want = enc(schema, ROWS[i], names)
            if rec[idx] != want:
                bad_bytes.append('record %d: got %s want %s' % (i, rec[idx].hex() if rec[idx] else rec[idx],
                                                                  want.hex()))
            try:
                got = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(rec[idx])))
            except Exception as e:  # noqa: BLE001 - any decoder failure is a finding
                got = repr(e)
            exp = {n: datum(ROWS[i][n], n) for n in names}
            if got != exp:
                bad_vals.append('record %d: got %r want %r' % (i, got, exp))
        report(not bad_bytes, 'avro sink %s: bytes equal what python3-avro writes for the values' % role,
               '; '.join(bad_bytes))
        report(not bad_vals, 'avro sink %s: python3-avro reads the values back' % role, '; '.join(bad_vals))
    js = read_dump(os.path.join(outdir, 'ts_json.dump'))
    bad = []
    for i, rec in enumerate(js):
        want = json.dumps({n: json_of(ROWS[i][n], n) for n in KEYS + VALUES}, separators=(',', ':'))
        if i >= len(ROWS) or rec[3] != want.encode():
            bad.append('record %d: got %r want %r' % (i, rec[3], want))
    report(len(js) == len(ROWS) and not bad,
           "json sink: the values the avro decoder read, in Flink's JSON text", '; '.join(bad))
    return 1 if failed[0] else 0


if __name__ == '__main__':
    sys.exit({'produce': produce, 'check': check}[sys.argv[1]](sys.argv[2], sys.argv[3]) or 0)
