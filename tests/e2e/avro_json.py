"""The independent side of e2e/avro_json (test_avro_json.sh): Avro's JSON
encoding written and read here from the Avro specification and the way Avro
Java's JsonEncoder writes it through Jackson (no spaces; a union as null or
{"<branch name>": value}, a record branch by its full name; bytes as the
string of their ISO-8859-1 code points; Java's Float/Double.toString, the
non-finite ones quoted; Jackson's string escapes; a line separator before
every record but the first of an encoder), over the schemas `sqlkc explain`
derives for avro_json.sql. python3-avro (binary) decodes the binary sink.

usage: avro_json.py produce SCHEMAS OUTDIR  -> OUTDIR/batches (the source records)
       avro_json.py check SCHEMAS OUTDIR    reads OUTDIR/aj_out.dump, OUTDIR/aj_bin.dump;
                                            prints PASS/FAIL lines
"""
import decimal
import io
import json
import os
import struct
import sys

import avro.io
import avro.schema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from format_matrix import java_float, write_batches  # noqa: E402
from gen_pageviews import java_double, jackson_string, read_dump  # noqa: E402

D = decimal.Decimal


def f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]


def unscaled(d, scale):
    u = int(d.scaleb(scale))
    return u.to_bytes(max(1, (u.bit_length() + 8) // 8), 'big', signed=True)


KEY = ['id']
VALUE = ['b', 'ti', 'i', 'name', 'price', 'raw', 'ratio', 'score', 'day', 'tm', 'ts', 'tags', 'attrs', 'bag', 'pos',
         'pts']
# values in the form of the Avro datum (DECIMAL as its bytes, DATE as days,
# TIME and TIMESTAMP(3) as millis); map keys chosen so that every HashMap on
# the way iterates them in this order (single letters in their own buckets)
ROWS = [
    dict(id=1, b=True, ti=-128, i=2 ** 31 - 1, name='Zürich "q" \\ \n\t\x01\x7f 東京 😀', price=unscaled(D('-12.34'), 2),
         raw=bytes([0, 1, 0x1f, 0x22, 0x5c, 0x7f, 0x80, 0xe9, 0xff]), ratio=f32(0.1), score=1e-4, day=19782,
         tm=45296789, ts=1700000000123, tags=['a', None, ''], attrs={'a': 1, 'b': 2, 'c': 3},
         bag={'x': 2, 'y': 1}, pos={'x': 1.5, 'sub': {'z': 7}}, pts=[{'a': 5}, None]),
    dict(id=2, b=None, ti=None, i=None, name=None, price=None, raw=None, ratio=float('-inf'), score=float('nan'),
         day=None, tm=None, ts=None, tags=None, attrs=None, bag=None, pos=None, pts=None),
    dict(id=-3, b=False, ti=127, i=-1, name='', price=unscaled(D('0.00'), 2), raw=b'', ratio=f32(3.4028235e38),
         score=-0.0, day=-719162, tm=0, ts=-1, tags=[], attrs={}, bag={}, pos={'x': None, 'sub': None}, pts=[]),
    dict(id=4, b=True, ti=0, i=0, name='x', price=unscaled(D('99999999.99'), 2), raw=b'\x00', ratio=f32(-1.5),
         score=1.7976931348623157e308, day=0, tm=86399999, ts=253402300799999, tags=[None],
         attrs={'c': -5}, bag={'y': 3}, pos={'x': float('inf'), 'sub': {'z': None}}, pts=[{'a': None}]),
]


def full_name(t, ns):
    name = t['name']
    return name if '.' in name else (t.get('namespace', ns) + '.' + name)


def label(t, ns):
    if isinstance(t, str):
        return t
    if t['type'] == 'record':
        return full_name(t, ns)
    return t['type']


def enc(t, v, ns):
    """The JSON text of datum v of schema t (namespace ns in scope)."""
    if isinstance(t, list):  # ["null", T]
        if v is None:
            return 'null'
        other = [x for x in t if x != 'null'][0]
        return '{' + jackson_string(label(other, ns)).decode() + ':' + enc(other, v, ns) + '}'
    if isinstance(t, dict) and t['type'] == 'record':
        ns2 = full_name(t, ns).rsplit('.', 1)[0]
        return '{' + ','.join(jackson_string(f['name']).decode() + ':' + enc(f['type'], v[f['name']], ns2)
                              for f in t['fields']) + '}'
    if isinstance(t, dict) and t['type'] == 'array':
        return '[' + ','.join(enc(t['items'], x, ns) for x in v) + ']'
    if isinstance(t, dict) and t['type'] == 'map':
        return '{' + ','.join(jackson_string(k).decode() + ':' + enc(t['values'], x, ns) for k, x in v.items()) + '}'
    prim = t if isinstance(t, str) else t['type']
    if prim == 'boolean':
        return 'true' if v else 'false'
    if prim in ('int', 'long'):
        return str(v)
    if prim in ('float', 'double'):
        s = java_float(v) if prim == 'float' else java_double(v)
        return s if v == v and abs(v) != float('inf') else '"' + s + '"'
    if prim == 'string':
        return jackson_string(v).decode()
    if prim == 'bytes':
        return jackson_string(v.decode('latin-1')).decode()
    raise ValueError(t)


def dec(t, j, ns):
    """The datum of JSON value j under schema t."""
    if isinstance(t, list):
        if j is None:
            return None
        other = [x for x in t if x != 'null'][0]
        (k, v), = j.items()
        if k != label(other, ns):
            raise ValueError('union branch %r, expected %r' % (k, label(other, ns)))
        return dec(other, v, ns)
    if isinstance(t, dict) and t['type'] == 'record':
        ns2 = full_name(t, ns).rsplit('.', 1)[0]
        return {f['name']: dec(f['type'], j[f['name']], ns2) for f in t['fields']}
    if isinstance(t, dict) and t['type'] == 'array':
        return [dec(t['items'], x, ns) for x in j]
    if isinstance(t, dict) and t['type'] == 'map':
        return {k: dec(t['values'], x, ns) for k, x in j.items()}
    prim = t if isinstance(t, str) else t['type']
    if prim == 'float':  # Float.parseFloat of the text: the nearest float
        return f32(float(j))
    if prim == 'double':
        return float(j)
    if prim == 'bytes':
        return j.encode('latin-1')
    return j


def record_text(schema, row, names, first):
    return ('' if first else '\n') + enc(schema, {n: row[n] for n in names}, '')


def sink_row(row):
    """The values the JSON sink holds: TIMESTAMP(6) as micros (non-legacy)."""
    out = dict(row)
    if out['ts'] is not None:
        out['ts'] = out['ts'] * 1000
    return out


def load(path):
    return [json.loads(line) for line in open(path)]


def produce(schemas, outdir):
    s = load(schemas)
    recs = []
    for i, r in enumerate(ROWS):
        key = record_text(s[0], r, KEY, i == 0)
        value = record_text(s[1], r, VALUE, i == 0)
        if i == 2:  # JsonDecoder takes fields in any order and skips unknown ones
            obj = json.loads(value)
            value = json.dumps(dict([('extra', {'ignored': [1]})] + list(reversed(list(obj.items())))),
                               ensure_ascii=False)
        recs.append((key.encode(), value.encode()))
    with open(os.path.join(outdir, 'batches'), 'w') as fh:
        write_batches(outdir, 'aj_in', recs, fh)


def physical(t):
    if isinstance(t, list):
        return [physical(x) for x in t]
    if isinstance(t, dict):
        if 'logicalType' in t:
            return t['type']
        out = dict(t)
        for k in ('items', 'values'):
            if k in out:
                out[k] = physical(out[k])
        if 'fields' in out:
            out['fields'] = [dict(f, type=physical(f['type'])) for f in out['fields']]
        return out
    return t


def same(a, b):
    """Equality with NaN equal to itself and -0.0 apart from 0.0."""
    if isinstance(a, float) and isinstance(b, float):
        return (a != a and b != b) or (a == b and str(a) == str(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b and type(a) == type(b)


def check(schemas, outdir):
    s = load(schemas)
    failed = [0]

    def report(ok, name, why=''):
        print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ': ' + why[:3000]))
        failed[0] += not ok

    out = read_dump(os.path.join(outdir, 'aj_out.dump'))
    report(len(out) == len(ROWS), 'avro JSON sink: %d records' % len(ROWS), 'got %d' % len(out))
    for role, schema, names, idx in (('key', s[2], KEY, 2), ('value', s[3], VALUE, 3)):
        bad_text, bad_vals = [], []
        for i, rec in enumerate(out[:len(ROWS)]):
            want_row = sink_row(ROWS[i])
            want = record_text(schema, want_row, names, i == 0).encode()
            if rec[idx] != want:
                bad_text.append('record %d: got %r want %r' % (i, rec[idx], want))
            try:
                got = dec(schema, json.loads(rec[idx].decode()), '')
            except Exception as e:  # noqa: BLE001 - any decoder failure is a finding
                got = repr(e)
            exp = {n: want_row[n] for n in names}
            if not same(got, exp):
                bad_vals.append('record %d: got %r want %r' % (i, got, exp))
        report(not bad_text, "avro JSON sink %s: the text Avro's JsonEncoder writes" % role, '; '.join(bad_text))
        report(not bad_vals, 'avro JSON sink %s: the independent decoder reads every value back' % role,
               '; '.join(bad_vals))
    binary = avro.schema.parse(json.dumps(physical(s[4])))
    bad = []
    got_bin = read_dump(os.path.join(outdir, 'aj_bin.dump'))
    for i, rec in enumerate(got_bin):
        d = avro.io.DatumReader(binary).read(avro.io.BinaryDecoder(io.BytesIO(rec[3])))
        exp = {n: ROWS[i][n] for n in KEY + VALUE} if i < len(ROWS) else None
        if exp is None or not same({k: (f32(v) if k == 'ratio' and v is not None else v) for k, v in d.items()},
                                   exp):
            bad.append('record %d: got %r want %r' % (i, d, exp))
    report(len(got_bin) == len(ROWS) and not bad, 'binary avro sink: the values the JSON decoder read',
           '; '.join(bad))
    return 1 if failed[0] else 0


if __name__ == '__main__':
    sys.exit({'produce': produce, 'check': check}[sys.argv[1]](sys.argv[2], sys.argv[3]) or 0)
