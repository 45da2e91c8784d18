"""The format matrix of issue 3: for every format x role (key, value) x scalar
type, records written by an independent encoder are copied by a job to a sink
of the same format (and json -> avro, avro -> json), and an independent decoder
reads the sink and compares every value with what was written, and every
textual field with the text Flink writes.

The independent codecs are Python's: json, csv, python3-avro (Debian's; the
schemas carry the physical types, which have the same bytes as Flink's logical
ones) and struct for raw. The expected texts follow reference/flink.md §4
(Double.toString / Float.toString, BigDecimal after stripTrailingZeros, Jackson's
string escaping and CSV quoting, SQL timestamp forms).

usage (test_format_matrix.sh drives it; PART is "formats" or "raw", two ctest
tests so that each dev broker starts with a moderate number of topics):
  format_matrix.py sql     OUTDIR REGISTRY_URL PART  the jobs' SQL, one file per case,
                                                     and OUTDIR/topics
  format_matrix.py produce OUTDIR REGISTRY_URL PART  the input batches for kcat
  format_matrix.py check   OUTDIR REGISTRY_URL PART  reads OUTDIR/<sink>.dump, prints
                                                     PASS/FAIL lines
"""
import base64
import datetime
import decimal
import io
import json
import math
import os
import struct
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_pageviews import java_double, jackson_string, read_dump  # noqa: E402

try:
    import avro.io
    import avro.schema
except ImportError:  # the shell script runs us with a python that has it
    avro = None

D = decimal.Decimal
CTX = decimal.Context(prec=200)
EPOCH = datetime.datetime(1970, 1, 1)


def f32(x):
    """x rounded to a float (binary32), as a Python float (infinite beyond its range)."""
    try:
        return struct.unpack('<f', struct.pack('<f', x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def java_float(x):
    """Java's Float.toString (JDK 19+: the shortest decimal that rounds to the
    float; 2 digits considered when the shortest has 1)."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    neg, a = x < 0, abs(x)
    for n in range(1, 12):
        s = '%.*e' % (n - 1, a)
        if f32(float(s)) == a:
            break
    mant, e = s.split('e')
    digits, e = mant.replace('.', '').rstrip('0') or '0', int(e)
    if len(digits) == 1:
        exact = D(a)
        cands = [D(digits).scaleb(e)] + [D(k).scaleb(e - 1) for k in range(10, 100)
                                          if f32(float(D(k).scaleb(e - 1))) == a]
        best = min(cands, key=lambda c: (abs(c - exact), c.as_tuple().digits[-1] % 2))
        t = best.normalize(CTX).as_tuple()
        digits = ''.join(map(str, t.digits))
        e = len(digits) - 1 + t.exponent
    if 0 <= e < 7:
        s = (digits + '0' * 8)[:e + 1] + '.' + (digits[e + 1:] or '0')
    elif -3 <= e < 0:
        s = '0.' + '0' * (-e - 1) + digits
    else:
        s = digits[0] + '.' + (digits[1:] or '0') + 'E' + str(e)
    return ('-' if neg else '') + s


for _x, _want in [(f32(0.1), '0.1'), (f32(3.4028235e38), '3.4028235E38'), (f32(0.33333334), '0.33333334'),
                  (1.0, '1.0'), (f32(1e10), '1.0E10'), (f32(1.4e-45), '1.4E-45'), (f32(-1234.5), '-1234.5'),
                  (f32(1e-4), '1.0E-4'), (f32(33.333), '33.333')]:
    assert java_float(_x) == _want, (_x, java_float(_x), _want)


def java_decimal(d):
    """BigDecimal.stripTrailingZeros().toString(); Java has no negative zero."""
    d = d.normalize(CTX)
    if d == 0:
        return '0'
    return str(d)  # Python's to-scientific-string is Java's BigDecimal.toString


assert java_decimal(D('100.00')) == '1E+2' and java_decimal(D('0.000000027')) == '2.7E-8'
assert java_decimal(D('454621864049246170')) == '4.5462186404924617E+17' and java_decimal(D('12.50')) == '12.5'


# ---- the columns: name, SQL type, kind ----

COLS = [
    ('c_bool', 'BOOLEAN', 'bool'), ('c_ti', 'TINYINT', 'i8'), ('c_si', 'SMALLINT', 'i16'),
    ('c_i', 'INT', 'i32'), ('c_bi', 'BIGINT', 'i64'), ('c_f', 'FLOAT', 'f32'), ('c_d', 'DOUBLE', 'f64'),
    ('c_dec', 'DECIMAL(10, 3)', 'dec'), ('c_dec38', 'DECIMAL(38, 10)', 'dec'), ('c_s', 'STRING', 'str'),
    ('c_ch', 'CHAR(5)', 'str'), ('c_vb', 'BYTES', 'bytes'), ('c_date', 'DATE', 'date'),
    ('c_time', 'TIME(3)', 'time'), ('c_ts3', 'TIMESTAMP(3)', 'ts'), ('c_ts6', 'TIMESTAMP(6)', 'ts'),
    ('c_ltz', 'TIMESTAMP_LTZ(3)', 'ltz'),
]
KIND = {n: k for n, _, k in COLS}
SCALE = {'c_dec': 3, 'c_dec38': 10}
# Flink's avro format (legacy timestamp mapping, the default) derives no
# schema for TIMESTAMP(6) or TIMESTAMP_LTZ: those columns are json/csv only
AVRO_COLS = [c for c in COLS if c[0] not in ('c_ts6', 'c_ltz')]
# avro-nl is avro with 'avro.timestamp_mapping.legacy' = 'false' (Flink
# 1.19+): TIMESTAMP(p) as local-timestamp-millis/-micros, TIMESTAMP_LTZ(p) as
# timestamp-millis/-micros; it has every column, and TIMESTAMP_LTZ(6) too
NL_COLS = COLS + [('c_ltz6', 'TIMESTAMP_LTZ(6)', 'ltz')]
KIND['c_ltz6'] = 'ltz'
PRECISION = {n: int(t[t.index('(') + 1:t.index(')')]) for n, t, k in NL_COLS if k in ('ts', 'ltz')}
# avro-json is avro with 'avro.encoding' = 'json' (Avro's JSON encoding,
# written and read by avro_json.py's independent codec)
FORMAT_COLS = {'json': COLS, 'json-iso': COLS, 'csv': COLS, 'avro': AVRO_COLS, 'avro-confluent': AVRO_COLS,
               'avro-nl': NL_COLS, 'avro-json': AVRO_COLS}


def base(fmt):
    """json-iso is json with 'json.timestamp-format.standard' = 'ISO-8601';
    avro-nl is avro with the non-legacy timestamp mapping."""
    return {'json-iso': 'json', 'avro-nl': 'avro', 'avro-json': 'avro'}.get(fmt, fmt)

dt = datetime.datetime
NINES = '9' * 28 + '.' + '9' * 10
ROWS = [
    # every column NULL
    {n: None for n, _, _ in COLS},
    # minimum values, negative zero, empty texts, the first day, before 1970
    dict(c_bool=False, c_ti=-128, c_si=-32768, c_i=-2 ** 31, c_bi=-2 ** 63, c_f=f32(-3.4028235e38), c_d=-0.0,
         c_dec=D('-9999999.999'), c_dec38=D('-' + NINES), c_s='', c_ch='', c_vb=b'',
         c_date=datetime.date(1, 1, 1), c_time=0, c_ts3=dt(1969, 12, 31, 23, 59, 59, 999000),
         c_ts6=dt(1900, 1, 1, 0, 0, 0, 1), c_ltz=dt(1969, 7, 20, 20, 17, 40, 500000)),
    # maximum values, non-ASCII and control characters, a leap day
    dict(c_bool=True, c_ti=127, c_si=32767, c_i=2 ** 31 - 1, c_bi=2 ** 63 - 1, c_f=f32(3.4028235e38),
         c_d=1.7976931348623157e308, c_dec=D('9999999.999'), c_dec38=D(NINES),
         c_s='Zürich 東京 😀 "q" \n\t\x01', c_ch='äö€', c_vb=bytes(range(0, 256, 3)),
         c_date=datetime.date(2024, 2, 29), c_time=86399999, c_ts3=dt(2000, 2, 29, 23, 59, 59, 999000),
         c_ts6=dt(9999, 12, 31, 23, 59, 59, 999999), c_ltz=dt(2038, 1, 19, 3, 14, 7, 999000)),
    # NaN and infinities, tiny decimals, the epoch
    dict(c_bool=None, c_ti=0, c_si=0, c_i=0, c_bi=0, c_f=float('nan'), c_d=float('inf'),
         c_dec=D('0.001'), c_dec38=D('0.0000000001'), c_s='a,b;"c"', c_ch='x', c_vb=b'\x00',
         c_date=datetime.date(1970, 1, 1), c_time=12 * 3600000, c_ts3=dt(1970, 1, 1),
         c_ts6=dt(1970, 1, 1, 0, 0, 0, 100000), c_ltz=dt(1970, 1, 1)),
    # ordinary values with Java's number forms, trailing zeros, long text
    dict(c_bool=True, c_ti=-1, c_si=1, c_i=123456, c_bi=-1234567890123, c_f=float('-inf'), c_d=float('nan'),
         c_dec=D('12.500'), c_dec38=D('100.0000000000'), c_s='abcdefghijklmnopqrstuvwxyz0123', c_ch='ab c',
         c_vb=b'\xfb\xff', c_date=datetime.date(1969, 12, 31), c_time=1, c_ts3=dt(1582, 10, 4, 12, 0, 0, 1000),
         c_ts6=dt(2024, 2, 29, 12, 34, 56, 123456), c_ltz=dt(1900, 1, 1, 0, 0, 0, 1000)),
    dict(c_bool=False, c_ti=42, c_si=-300, c_i=-7, c_bi=1 << 53, c_f=f32(0.1), c_d=1e-4, c_dec=D('-0.5'),
         c_dec38=D('123456789012345678901234567.8'), c_s='plain', c_ch='a\\b', c_vb=b'\x6b\x03\x0b',
         c_date=datetime.date(9999, 12, 31), c_time=45296789, c_ts3=dt(2023, 11, 14, 22, 13, 20, 123000),
         c_ts6=dt(1969, 12, 31, 23, 59, 59, 999999), c_ltz=dt(2023, 11, 14, 22, 13, 20, 123000)),
    dict(c_bool=True, c_ti=None, c_si=None, c_i=None, c_bi=None, c_f=f32(1e10), c_d=1e7, c_dec=None,
         c_dec38=D('-0.0000000001'), c_s=None, c_ch=None, c_vb=None, c_date=None, c_time=None, c_ts3=None,
         c_ts6=None, c_ltz=None),
]
# TIMESTAMP_LTZ(6) (avro-nl only): before 1970 with micros, the far ends, the epoch
for _row, _v in zip(ROWS, [None, dt(1969, 12, 31, 23, 59, 59, 999999), dt(9999, 12, 31, 23, 59, 59, 999999),
                           dt(1970, 1, 1), dt(1, 1, 1, 0, 0, 0, 1), dt(2024, 2, 29, 12, 34, 56, 123456), None]):
    _row['c_ltz6'] = _v


def key_row(i):
    """The key of record i carries another row's values, so that a codec mixing
    up key and value cannot pass."""
    return ROWS[(i + 2) % len(ROWS)]


# ---- what a source format makes of a value (the job's internal value) ----

def read_as(fmt, name, v):
    if v is None:
        return None
    k = KIND[name]
    if base(fmt) == 'json' and k == 'time':
        return v // 1000 * 1000  # JsonToRowDataConverters.convertToTime keeps whole seconds
    return v


def written_as(fmt, name, v):
    """What a reader of the sink can get back: Flink's JSON writer drops the
    fraction of TIME (RowDataToJsonConverters: LocalTime.ofSecondOfDay)."""
    return read_as(fmt, name, v)


# ---- Flink's texts ----

def iso_fraction(micros):
    """ISO_LOCAL_TIME's fraction: nanos with trailing zeros removed, none if zero."""
    if micros == 0:
        return ''
    return '.' + ('%06d' % micros).rstrip('0')


def fmt_date(d):
    return '%04d-%02d-%02d' % (d.year, d.month, d.day)


def fmt_time(ms, fraction=True):
    s = '%02d:%02d:%02d' % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60)
    return s + (iso_fraction(ms % 1000 * 1000) if fraction else '')


def fmt_ts(t, iso=False):
    return fmt_date(t) + ('T' if iso else ' ') + '%02d:%02d:%02d' % (t.hour, t.minute, t.second) + \
        iso_fraction(t.microsecond)


def flink_text(name, v, fmt):
    """A non-null value as Flink's json (without JSON quoting) or csv writer prints it."""
    k = KIND[name]
    if k == 'bool':
        return 'true' if v else 'false'
    if k in ('i8', 'i16', 'i32', 'i64'):
        return str(v)
    if k == 'f32':
        return java_float(v)
    if k == 'f64':
        return java_double(v)
    if k == 'dec':
        return java_decimal(v)
    if k == 'str':
        return v
    if k == 'bytes':
        return base64.b64encode(v).decode()
    if k == 'date':
        return fmt_date(v)
    if k == 'time':
        return fmt_time(v, fraction=fmt == 'csv')  # json: SQL_TIME_FORMAT of whole seconds
    if k == 'ts':
        return fmt_ts(v, fmt == 'json-iso')
    if k == 'ltz':
        return fmt_ts(v, fmt == 'json-iso') + 'Z'
    raise ValueError(k)


def json_value(name, v, fmt='json'):
    """The JSON text of one field as Flink's JSON writer produces it."""
    if v is None:
        return 'null'
    k = KIND[name]
    t = flink_text(name, v, fmt)
    if k in ('bool', 'i8', 'i16', 'i32', 'i64', 'dec'):
        return t
    if k in ('f32', 'f64'):
        return t if math.isfinite(v) else '"%s"' % t  # Jackson writes NaN and infinities as strings
    return jackson_string(t).decode()


def json_record(cols, row, fmt='json'):
    return '{' + ','.join('"%s":%s' % (n, json_value(n, row[n], fmt)) for n in cols) + '}'


def csv_field(name, v, null='null'):
    """One field as Flink's csv writer (Jackson's CsvEncoder, ',' and '"') writes it."""
    if v is None:
        return null
    k = KIND[name]
    t = flink_text(name, v, 'csv')
    if k in ('bool', 'i8', 'i16', 'i32', 'i64', 'f32', 'f64'):
        return t  # written raw
    # text, and with Jackson <= 2.15 DECIMAL too, goes through the quoting heuristic
    units = len(t.encode('utf-16-le')) // 2
    # (a backslash too: Jackson's default control-character escape, flink.md §4.2)
    if t and (units > 24 or any(ord(c) < ord(',') + 1 or c in '"\\' for c in t)):
        return '"' + t.replace('"', '""') + '"'
    return t


# ---- avro (physical types; Flink's logical types have the same bytes) ----

AVRO_PHYS = {'bool': 'boolean', 'i8': 'int', 'i16': 'int', 'i32': 'int', 'i64': 'long', 'f32': 'float',
             'f64': 'double', 'dec': 'bytes', 'str': 'string', 'bytes': 'bytes', 'date': 'int', 'time': 'int',
             'ts': 'long'}


def avro_field_type(name, nl):
    """The python3-avro type of a column. Under the non-legacy mapping a
    timestamp is written by python3-avro's own timestamp-millis/-micros
    logical type from a datetime (it has no local-timestamp-*, whose bytes are
    the same for the date-time read as UTC), so the unit arithmetic is its own."""
    k = KIND[name]
    if nl and k in ('ts', 'ltz'):
        return {'type': 'long', 'logicalType': 'timestamp-millis' if PRECISION[name] <= 3 else 'timestamp-micros'}
    return AVRO_PHYS[k]


def avro_schema(cols, nl=False):
    fields = [{'name': n, 'type': ['null', avro_field_type(n, nl)], 'default': None} for n in cols]
    return avro.schema.parse(json.dumps({'type': 'record', 'name': 'record',
                                         'namespace': 'org.apache.flink.avro.generated', 'fields': fields}))


def avro_phys(name, v, nl=False):
    if v is None:
        return None
    k = KIND[name]
    if nl and k in ('ts', 'ltz'):
        return v.replace(tzinfo=datetime.timezone.utc)
    if k == 'dec':
        u = int(v.scaleb(SCALE[name], CTX))
        n = max(1, (u.bit_length() + 8) // 8)  # BigInteger.toByteArray: minimal two's complement
        return u.to_bytes(n, 'big', signed=True)
    if k == 'date':
        return (v - datetime.date(1970, 1, 1)).days
    if k == 'ts':  # epoch millis of the local date-time read as UTC
        delta = v - EPOCH
        return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    return v


def avro_bytes(cols, row, nl=False):
    buf = io.BytesIO()
    avro.io.DatumWriter(avro_schema(cols, nl)).write({n: avro_phys(n, row[n], nl) for n in cols},
                                                     avro.io.BinaryEncoder(buf))
    return buf.getvalue()


def avro_decode(cols, data, nl=False):
    return avro.io.DatumReader(avro_schema(cols, nl)).read(avro.io.BinaryDecoder(io.BytesIO(data)))


def avro_json_schema(cols):
    return {'type': 'record', 'name': 'record', 'namespace': 'org.apache.flink.avro.generated',
            'fields': [{'name': n, 'type': ['null', AVRO_PHYS[KIND[n]]], 'default': None} for n in cols]}


def avro_json_text(cols, row, first):
    """The record in Avro's JSON encoding as JsonEncoder writes it (avro_json.py),
    after a line separator unless it is the encoder's first."""
    import avro_json
    return (('' if first else '\n') + avro_json.enc(avro_json_schema(cols), {n: avro_phys(n, row[n]) for n in cols},
                                                    '')).encode()


def avro_json_decode(cols, data):
    import avro_json
    return avro_json.dec(avro_json_schema(cols), json.loads(data.decode()), '')


# ---- the independent encoders of the input ----

def json_in(cols, row, fmt='json'):
    """The record as Python's json module writes it, in forms Flink reads."""
    obj = {}
    for n in cols:
        v, k = row[n], KIND[n]
        if v is None:
            obj[n] = None
        elif k in ('f32', 'f64') and not math.isfinite(v):
            obj[n] = 'NaN' if v != v else ('Infinity' if v > 0 else '-Infinity')
        elif k == 'dec':
            obj[n] = '@DEC%s@' % v  # a bare JSON number with every digit, patched in below
        elif k in ('bytes', 'date', 'time', 'ts', 'ltz'):
            obj[n] = flink_text(n, v, fmt) if k != 'time' else fmt_time(v)
        else:
            obj[n] = v
    text = json.dumps(obj, ensure_ascii=False, separators=(', ', ': '))
    for n in cols:
        if KIND[n] == 'dec' and row[n] is not None:
            text = text.replace('"@DEC%s@"' % row[n], str(row[n]))
    return text.encode()


def csv_in(cols, row):
    """The record as Python's csv module writes it (minimal quoting), NULL as 'null'."""
    out = io.StringIO()
    import csv
    w = csv.writer(out, lineterminator='')
    fields = []
    for n in cols:
        v, k = row[n], KIND[n]
        if v is None:
            fields.append('null')
        elif k in ('f32', 'f64'):
            fields.append('NaN' if v != v else 'Infinity' if v == math.inf else '-Infinity' if v == -math.inf
                          else repr(v))
        elif k == 'dec':
            fields.append(str(v))
        else:
            fields.append(flink_text(n, v, 'csv'))
    w.writerow(fields)
    return out.getvalue().encode()


# ---- raw: one column, as key and as value ----

RAW = [  # (name, SQL type, struct code or None for text/bytes, values)
    ('bool', 'BOOLEAN', '?', [True, False, None]),
    ('ti', 'TINYINT', 'b', [-128, 127, 0, None]),
    ('si', 'SMALLINT', 'h', [-32768, 32767, -2, None]),
    ('i', 'INT', 'i', [-2 ** 31, 2 ** 31 - 1, 12345, None]),
    ('bi', 'BIGINT', 'q', [-2 ** 63, 2 ** 63 - 1, -1, None]),
    ('f', 'FLOAT', 'f', [f32(3.4028235e38), -0.0, float('nan'), float('-inf'), None]),
    ('d', 'DOUBLE', 'd', [1.7976931348623157e308, -0.0, float('nan'), 5e-324, None]),
    ('s', 'STRING', None, ['héllo 東京 😀', '', 'x', None]),
    ('vc', 'VARCHAR(10)', None, ['abc', '', 'Zürich', None]),
    ('vb', 'BYTES', None, [bytes(range(0, 256, 5)), b'', b'\x00', None]),
    ('ch', 'CHAR(5)', None, ['äöü', 'x', None, 'CHAR5']),
    ('vbn', 'VARBINARY(20)', None, [b'\xff\x00', None, b'\x01', b'']),
]


def raw_bytes(code, v, little):
    if v is None:
        return None
    if code is None:
        return v.encode() if isinstance(v, str) else v
    if code == '?':
        return b'\x01' if v else b'\x00'
    return struct.pack(('<' if little else '>') + code, v)


def raw_cases():
    """(name, SQL type, struct code, [(key bytes, value bytes)]): the key is
    big-endian, the value little-endian; the key of record i is value i+1."""
    out = []
    for name, sqltype, code, vals in (RAW if PART == 'raw' else []):
        recs = []
        for i, v in enumerate(vals):
            kv = vals[(i + 1) % len(vals)]
            recs.append((raw_bytes(code, kv, False), raw_bytes(code, v, True)))
        out.append((name, sqltype, code, recs))
    return out


def same_float(a, b):
    return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))


# ---- the cases: source format -> sink format ----

CASES = [('json', 'json'), ('json-iso', 'json-iso'), ('csv', 'csv'), ('avro', 'avro'),
         ('avro-confluent', 'avro-confluent'), ('json', 'avro'), ('avro', 'json'),
         ('avro-nl', 'avro-nl'), ('json', 'avro-nl'), ('avro-nl', 'json'), ('avro-json', 'avro-json')]


def case_name(src, dst):
    return (src if src == dst else src + '_to_' + dst).replace('-', '_')


def case_cols(src, dst):
    names = {n for n, _, _ in FORMAT_COLS[dst]}
    return [c for c in FORMAT_COLS[src] if c[0] in names]


def fmt_options(fmt, role, registry, topic):
    p = role + '.'
    o = ["'%sformat' = '%s'" % (p, base(fmt))]
    if fmt == 'json-iso':
        o.append("'%sjson.timestamp-format.standard' = 'ISO-8601'" % p)
    if fmt == 'csv':
        o.append("'%scsv.null-literal' = 'null'" % p)
    if fmt == 'avro-confluent':
        o.append("'%savro-confluent.url' = '%s'" % (p, registry))
    if fmt == 'avro-nl':
        o.append("'%savro.timestamp_mapping.legacy' = 'false'" % p)
    if fmt == 'avro-json':
        o.append("'%savro.encoding' = 'json'" % p)
    return o


def table_sql(name, topic, cols, src_fmt, sink_fmt, registry, source):
    cdefs = ['  k_%s %s' % (n, t) for n, t, _ in cols] + ['  %s %s' % (n, t) for n, t, _ in cols]
    opts = ["'connector' = 'kafka'", "'topic' = '%s'" % topic,
            "'properties.bootstrap.servers' = 'localhost:9092'",
            "'key.fields' = '%s'" % ';'.join('k_' + n for n, _, _ in cols), "'key.fields-prefix' = 'k_'",
            "'value.fields-include' = 'EXCEPT_KEY'"]
    if source:
        opts += ["'scan.startup.mode' = 'earliest-offset'", "'scan.bounded.mode' = 'latest-offset'"]
    fmt = src_fmt if source else sink_fmt
    opts += fmt_options(fmt, 'key', registry, topic) + fmt_options(fmt, 'value', registry, topic)
    return 'CREATE TABLE %s (\n%s\n) WITH (\n  %s\n);\n' % (name, ',\n'.join(cdefs), ',\n  '.join(opts))


PART = 'formats'


def cases():
    return CASES if PART == 'formats' else []


def cmd_sql(outdir, registry):
    for src, dst in cases():
        c = case_name(src, dst)
        cols = case_cols(src, dst)
        sql = '-- format matrix: %s -> %s, every scalar type as key and as value\n' % (src, dst)
        sql += table_sql('src', 'in_' + c, cols, src, dst, registry, True)
        sql += table_sql('snk', 'out_' + c, cols, src, dst, registry, False)
        sql += 'INSERT INTO snk SELECT * FROM src;\n'
        open(os.path.join(outdir, c + '.sql'), 'w').write(sql)
    if PART == 'raw':
        raw_sql(outdir)
    with open(os.path.join(outdir, 'topics'), 'w') as f:
        for s, d in cases():
            f.write('in_%s out_%s\n' % (case_name(s, d), case_name(s, d)))
        for name, _, _, _ in raw_cases():
            f.write('in_raw_%s out_raw_%s\n' % (name, name))
    print(' '.join([case_name(s, d) for s, d in cases()] + (['raw'] if PART == 'raw' else [])))


def raw_sql(outdir):
    sql = '-- format matrix: raw, every raw type as a big-endian key and a little-endian value\n'
    ins = []
    for name, sqltype, _, _ in RAW:
        for role in ('in', 'out'):
            sql += ("CREATE TABLE %s_%s (k %s, v %s) WITH ('connector' = 'kafka', 'topic' = '%s_raw_%s', "
                    "'properties.bootstrap.servers' = 'localhost:9092', %s'key.format' = 'raw', "
                    "'key.fields' = 'k', 'value.format' = 'raw', 'value.raw.endianness' = 'little-endian', "
                    "'value.fields-include' = 'EXCEPT_KEY');\n") % (
                role, name, sqltype, sqltype, role, name,
                "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', "
                if role == 'in' else '')
        ins.append('  INSERT INTO out_%s SELECT k, v FROM in_%s;' % (name, name))
    sql += 'EXECUTE STATEMENT SET BEGIN\n%s\nEND;\n' % '\n'.join(ins)
    open(os.path.join(outdir, 'raw.sql'), 'w').write(sql)


# ---- producing: batches for kcat ----

def register(registry, subject, cols):
    body = json.dumps({'schema': str(avro_schema(cols))}).encode()
    req = urllib.request.Request(registry + '/subjects/%s/versions' % subject, data=body,
                                 headers={'Content-Type': 'application/vnd.schemaregistry.v1+json'})
    with urllib.request.urlopen(req) as r:
        return json.load(r)['id']


def encode_input(src, cols, registry, topic):
    names = [n for n, _, _ in cols]
    if src == 'avro-confluent':
        kid, vid = register(registry, topic + '-key', names), register(registry, topic + '-value', names)
    recs = []
    for i, row in enumerate(ROWS):
        krow = {n: read_as(src, n, key_row(i)[n]) for n in names}
        if base(src) == 'json':
            recs.append((json_in(names, key_row(i), src), json_in(names, row, src)))
        elif src == 'csv':
            recs.append((csv_in(names, key_row(i)), csv_in(names, row)))
        elif src == 'avro-json':
            recs.append((avro_json_text(names, krow, i == 0), avro_json_text(names, row, i == 0)))
        elif base(src) == 'avro':
            nl = src == 'avro-nl'
            recs.append((avro_bytes(names, krow, nl), avro_bytes(names, row, nl)))
        else:
            recs.append((b'\x00' + struct.pack('>i', kid) + avro_bytes(names, krow),
                         b'\x00' + struct.pack('>i', vid) + avro_bytes(names, row)))
    return recs


def write_batches(outdir, topic, recs, fh):
    """kcat takes a one-byte key delimiter (-K) and a message delimiter (-D);
    -Z makes an empty value null. Records are cut into batches so that each
    has a key delimiter byte no key of the batch contains, and null and empty
    values are not in the same batch."""
    import random
    rng = random.Random(topic)
    allb = b''.join((k or b'') + (v or b'') for k, v in recs)
    while True:
        delim = bytes(rng.randrange(1, 256) for _ in range(8))  # kcat reads it as a C string
        if delim not in allb:
            break
    batches, cur, used, z = [], [], set(), None
    for k, v in recs:
        need_z = v is None
        assert not (need_z and k in (None, b'')), 'kcat cannot send an empty or null key with a null value'
        assert not (k is None and v == b''), 'kcat drops a record with a null key and an empty value'
        kb = set(k or b'')
        if cur and (need_z != z or len(used | kb) == 256):
            batches.append((cur, used, z))
            cur, used = [], set()
        cur.append((k, v))
        used |= kb
        z = need_z
    if cur:
        batches.append((cur, used, z))
    for bi, (batch, used, z) in enumerate(batches):
        kd = next(b for b in range(1, 256) if b not in used)
        path = os.path.join(outdir, '%s.%d' % (topic, bi))
        with open(path, 'wb') as f:
            f.write(delim.join((b'' if k is None else k + bytes([kd])) + (v or b'') for k, v in batch))
        fh.write('%s %s \\x%02x %s %s\n' % (topic, path, kd, ''.join('\\x%02x' % c for c in delim),
                                           '-Z' if z else '-'))


def cmd_produce(outdir, registry):
    with open(os.path.join(outdir, 'batches'), 'w') as fh:
        for src, dst in cases():
            c = case_name(src, dst)
            write_batches(outdir, 'in_' + c, encode_input(src, case_cols(src, dst), registry, 'in_' + c), fh)
        for name, _, _, recs in raw_cases():
            write_batches(outdir, 'in_raw_' + name, recs, fh)


# ---- checking the sinks ----

def parse_json_field(name, j):
    """A field of the sink's JSON read back into a value (the independent decoder's view)."""
    if j is None:
        return None
    k = KIND[name]
    if k in ('f32', 'f64'):
        return float(j)  # a Decimal from the parser, or "NaN" / "Infinity"
    if k == 'dec':
        return D(j)
    if k == 'bytes':
        return base64.b64decode(j)
    if k == 'date':
        return datetime.date.fromisoformat(j)
    if k == 'time':
        h, m, s = j.split(':')
        return (int(h) * 3600 + int(m) * 60) * 1000 + round(float(s) * 1000)
    if k in ('ts', 'ltz'):
        j = j.rstrip('Z').replace('T', ' ')
        whole, _, frac = j.partition('.')
        t = dt.strptime(whole, '%Y-%m-%d %H:%M:%S') if int(whole[:4]) > 0 else None
        return t.replace(microsecond=int((frac + '000000')[:6])) if t else None
    return j


def values_equal(name, a, b):
    if a is None or b is None:
        return a is None and b is None
    if KIND[name] == 'f32':
        return same_float(f32(a), f32(b))
    if KIND[name] == 'f64':
        return same_float(a, b)
    return a == b


def check_case(outdir, src, dst, registry, report):
    c = case_name(src, dst)
    cols = case_cols(src, dst)
    names = [n for n, _, _ in cols]
    recs = read_dump(os.path.join(outdir, 'out_%s.dump' % c))
    report(len(recs) == len(ROWS), '%s: %d records written' % (c, len(ROWS)),
           'got %d records' % len(recs))
    for role in ('key', 'value'):
        bad_text, bad_value = [], []
        for i, rec in enumerate(recs[:len(ROWS)]):
            data = rec[2] if role == 'key' else rec[3]
            row = {n: read_as(src, n, (key_row(i) if role == 'key' else ROWS[i])[n]) for n in names}
            if base(dst) == 'json':
                want = json_record(names, row, dst).encode()
                try:
                    got_obj = json.loads(data, parse_float=D, parse_int=int)
                    got = {n: parse_json_field(n, got_obj.get(n)) for n in names}
                    row = {n: written_as('json', n, row[n]) for n in names}
                except (ValueError, TypeError) as e:
                    got = {'<undecodable>': repr(e)}
            elif dst == 'csv':
                import csv
                want = ','.join(csv_field(n, row[n]) for n in names).encode()
                try:
                    fields = next(csv.reader([data.decode()]))
                    got = {n: fields[j] for j, n in enumerate(names)}
                    row = {n: 'null' if row[n] is None else flink_text(n, row[n], 'csv') for n in names}
                except (ValueError, IndexError, StopIteration) as e:
                    got = {'<undecodable>': repr(e)}
            elif dst == 'avro-json':
                want = avro_json_text(names, row, i == 0)
                try:
                    d = avro_json_decode(names, data)
                    got = {n: d[n] for n in names}
                    row = {n: avro_phys(n, row[n]) for n in names}
                except Exception as e:  # noqa: BLE001 - any decoder failure is a finding
                    got = {'<undecodable>': repr(e)}
            else:
                body = data
                if dst == 'avro-confluent':
                    body = data[5:]
                    if data[:1] != b'\x00':
                        bad_text.append('record %d: magic byte %r' % (i, data[:1]))
                nl = dst == 'avro-nl'
                want = avro_bytes(names, row, nl)
                try:
                    d = avro_decode(names, body, nl)
                    got = {n: d[n] for n in names}
                    row = {n: avro_phys(n, row[n], nl) for n in names}
                except Exception as e:  # noqa: BLE001 - any decoder failure is a finding
                    got = {'<undecodable>': repr(e)}
                data = body
            if data != want:
                bad_text.append('record %d: got %r want %r' % (i, data, want))
            diffs = [n for n in names if n not in got or not (values_equal(n, got[n], row[n])
                                                                if dst != 'csv' else got[n] == row[n])]
            if '<undecodable>' in got:
                diffs = [got['<undecodable>']]
            if diffs:
                bad_value.append('record %d: %s' % (i, ', '.join(
                    '%s got %r want %r' % (n, got.get(n), row.get(n)) if n in row else n for n in diffs)))
        what = {'json': "Flink's JSON text", 'json-iso': "Flink's JSON text (ISO-8601 timestamps)", 'csv': "Flink's CSV text", 'avro': 'the avro datum python3-avro writes',
                'avro-confluent': 'magic byte, id, and the datum python3-avro writes',
                'avro-nl': 'the avro datum python3-avro writes (timestamp-millis/-micros)',
                'avro-json': "the text Avro's JsonEncoder writes (avro_json.py)"}[dst]
        report(not bad_text, '%s %s: bytes equal %s' % (c, role, what), '; '.join(bad_text))
        report(not bad_value, '%s %s: the independent decoder reads every value back' % (c, role),
               '; '.join(bad_value))


def check_raw(outdir, report):
    for name, sqltype, code, recs in raw_cases():
        got = [(k, v) for _, _, k, v in read_dump(os.path.join(outdir, 'out_raw_%s.dump' % name))]
        report(got == recs, 'raw %s: big-endian key and little-endian value bytes as written' % sqltype,
               'got %r want %r' % (got, recs))
        bad = []
        for i, (k, v) in enumerate(got):
            for data, little, j in ((k, False, (i + 1)), (v, True, i)):
                want = [vals for n, _, _, vals in RAW if n == name][0][j % len(recs)]
                if data is None or want is None:
                    ok = data is None and want is None
                elif code is None:
                    ok = (data.decode() if isinstance(want, str) else data) == want
                elif code == '?':
                    ok = (data != b'\x00') == want and len(data) == 1
                else:
                    val = struct.unpack(('<' if little else '>') + code, data)[0]
                    ok = same_float(val, want) if code in 'fd' else val == want
                if not ok:
                    bad.append('record %d: %r is not %r' % (i, data, want))
        report(not bad, 'raw %s: struct reads every value back' % sqltype, '; '.join(bad))


def cmd_check(outdir, registry):
    failed = [0]

    def report(ok, name, why):
        print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ': ' + why[:3000]))
        failed[0] += not ok
    for src, dst in cases():
        if os.path.exists(os.path.join(outdir, 'out_%s.dump' % case_name(src, dst))):
            check_case(outdir, src, dst, registry, report)
        else:
            report(False, case_name(src, dst), 'no sink dump (the job was not built or did not run)')
    check_raw(outdir, report)
    return 1 if failed[0] else 0


if __name__ == '__main__':
    cmd, outdir, registry, PART = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    sys.exit({'sql': cmd_sql, 'produce': cmd_produce, 'check': cmd_check}[cmd](outdir, registry) or 0)
