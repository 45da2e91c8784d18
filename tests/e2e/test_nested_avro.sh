#!/usr/bin/env bash
# This file is the end-to-end test of ARRAY, MAP, MULTISET and ROW columns in
# avro (tests/golden/nested_avro.sql), with Debian's python3-avro as the
# independent codec: the schema `sqlkc explain` derives parses as Avro;
# datums python writes under it are read by the job (written back as JSON,
# maps in the order Flink's readers leave them: java
# tests/tools/FlinkMapOrder.java U,F ...); JSON rows written as avro decode
# in python to the same values, maps in the order Flink's writer iterates
# (FlinkMapOrder.java F,S ...), and python re-encodes them to the same bytes.
#
# usage: test_nested_avro.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker items:1 items_json:1 events:1 events_avro:1

sql=$here/../golden/nested_avro.sql
if ! e2e_build "$sql" "$T/job"; then
    e2e_summary nested_avro
fi
"$SQLKC" explain "$sql" | sed -n 's/^  value avro schema: //p' >"$T/schemas"
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
cat >"$T/codec.py" <<'PYEOF'
import io
import json
import sys

import avro.io
import avro.schema


def physical(t):
    """The schema with logical types written as their physical types (same bytes)."""
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


schemas = [json.loads(line) for line in open(sys.argv[2])]
# the derived schemas must be valid Avro as written
for s in schemas:
    avro.schema.parse(json.dumps(s))
items = avro.schema.parse(json.dumps(physical(schemas[0])))
events = avro.schema.parse(json.dumps(physical(schemas[1])))


def enc(schema, datum):
    b = io.BytesIO()
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(b))
    return b.getvalue()


def dec(unscaled):
    n = max(1, (unscaled.bit_length() + 8) // 8)
    return unscaled.to_bytes(n, 'big', signed=True)


if sys.argv[1] == 'items':
    rows = [
        {'id': 1, 'tags': ['a', None, 'b'], 'attrs': {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5},
         'bag': {'apple': 2, 'pear': None}, 'pos': {'x': 1.5, 'label': 'L', 'sub': {'z': 7, 'd': dec(12345)}},
         'hist': [{'k': 'a', 'v': [1, 2]}, None, {'k': None, 'v': None}], 'when': {'t1': 1700000000123, 't0': None}},
        {'id': 2, 'tags': None, 'attrs': None, 'bag': None, 'pos': None, 'hist': None, 'when': None},
        {'id': 3, 'tags': [], 'attrs': {}, 'bag': {}, 'pos': {'x': None, 'label': '', 'sub': None}, 'hist': [],
         'when': {}},
    ]
    with open(sys.argv[3], 'wb') as out:
        for i, r in enumerate(rows):
            out.write((b'\x1e' if i else b'') + enc(items, r))
else:  # decode what the job wrote to events_avro: one hex datum per line
    for line in open(sys.argv[3]):
        raw = bytes.fromhex(line.strip())
        d = avro.io.DatumReader(events).read(avro.io.BinaryDecoder(io.BytesIO(raw)))
        again = enc(events, d)  # dicts keep the datum's order
        print(json.dumps(d, separators=(',', ':')), 'same-bytes' if again == raw else 'DIFFERENT:' + again.hex())
PYEOF
$py "$T/codec.py" items "$T/schemas" "$T/items.bin" || e2e_failed "python3-avro: encode items"
e2e_produce_sep items "$T/items.bin"
printf '{"id":1,"attrs":{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13},"pos":{"label":"p","x":2}}\x1e{"id":2,"attrs":{"z":null},"pos":null}\x1e{"id":null,"attrs":{}}' >"$T/events"
e2e_produce_sep events "$T/events"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values items_json "$T/items_json"
e2e_check_eq "avro written by python3-avro, read by the job" \
'{"id":1,"tags":["a",null,"b"],"attrs":{"two":2,"one":1,"three":3,"five":5,"four":4},"bag":{"apple":2,"pear":null},"pos":{"x":1.5,"label":"L","sub":{"z":7,"d":123.45}},"hist":[{"k":"a","v":[1,2]},null,{"k":null,"v":null}],"when":{"t0":null,"t1":"2023-11-14 22:13:20.123"}}
{"id":2,"tags":null,"attrs":null,"bag":null,"pos":null,"hist":null,"when":null}
{"id":3,"tags":[],"attrs":{},"bag":{},"pos":{"x":null,"label":"","sub":null},"hist":[],"when":{}}' "$(cat "$T/items_json")"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t events_avro -o beginning -e -q -D '' -f '%s' >"$T/events_avro.bin" || e2e_failed consume
# one hex line per record (kcat -f with %S gives the lengths to split on)
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t events_avro -o beginning -e -q -f '%S\n' >"$T/lens" || e2e_failed consume
$py - "$T/events_avro.bin" "$T/lens" >"$T/events_avro.hex" <<'PYEOF'
import sys
data = open(sys.argv[1], 'rb').read()
pos = 0
for n in open(sys.argv[2]):
    n = int(n)
    print(data[pos:pos + n].hex())
    pos += n
PYEOF
$py "$T/codec.py" events "$T/schemas" "$T/events_avro.hex" >"$T/events_decoded" || e2e_failed "python3-avro: decode events"
e2e_check_eq "JSON rows written as avro, decoded and re-encoded by python3-avro" \
'{"id":1,"attrs":{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k11":11,"k6":6,"k10":10,"k7":7,"k13":13,"k8":8,"k12":12,"k9":9},"pos":{"x":2.0,"label":"p"}} same-bytes
{"id":2,"attrs":{"z":null},"pos":null} same-bytes
{"id":null,"attrs":{},"pos":null} same-bytes' "$(cat "$T/events_decoded")"

# a datum cut inside a nested value stops the job, naming the record
printf '\x02\x02\x04\x02' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t items || e2e_failed produce bad
e2e_run "$T/job" "$T/job2.out" "$T/job2.err"
e2e_check_eq "a truncated nested value fails the bounded job" 1 "$RC"
e2e_check_grep "with topic, partition and offset" 'topic=items partition=0 offset=3.*Avro value' "$T/job2.err"
e2e_summary nested_avro
