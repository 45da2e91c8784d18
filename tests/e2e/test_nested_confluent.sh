#!/usr/bin/env bash
# This file is the end-to-end test of ARRAY, MAP and ROW columns in
# avro-confluent (tests/golden/nested_confluent.sql) through the dev broker
# and the test registry: python3-avro writes records with the table's schema
# and with an evolved writer schema (reordered fields, an extra field in the
# nested record), the job resolves them and writes them back under the
# schema it registers, which must be the one `sqlkc explain` derives; python
# decodes the output, maps in the order Flink's readers and writer leave them
# (java tests/tools/FlinkMapOrder.java U,F,S ...).
#
# usage: test_nested_confluent.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || { echo "e2e nested_confluent: SKIP (no python3-avro)"; exit 77; }
e2e_start_broker things:1 things_out:1

"$py" "$here/../registry/registry_server.py" --port-file "$T/registry.port" >/dev/null 2>"$T/registry.err" &
E2E_BG_PIDS+=("$!")
for _ in $(seq 100); do [[ -s "$T/registry.port" ]] && break; sleep 0.1; done
[[ -s "$T/registry.port" ]] || e2e_fail "the test registry did not start: $(cat "$T/registry.err")"
REGISTRY=http://127.0.0.1:$(cat "$T/registry.port")

sql=$here/../golden/nested_confluent.sql
if ! e2e_build "$sql" "$T/job"; then
    e2e_summary nested_confluent
fi
"$SQLKC" explain "$sql" | sed -n 's/^  value avro schema: //p' | head -n 1 >"$T/schema"
cat >"$T/codec.py" <<'PYEOF'
import io
import json
import sys
import urllib.request

import avro.io
import avro.schema

mode, registry, d = sys.argv[1], sys.argv[2], sys.argv[3]
derived = json.load(open(d + '/schema'))


def call(path, body=None):
    req = urllib.request.Request(registry + path, data=json.dumps(body).encode() if body else None,
                                 headers={'Content-Type': 'application/vnd.schemaregistry.v1+json'})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def record(schema, sid, row):
    buf = io.BytesIO()
    avro.io.DatumWriter(avro.schema.parse(json.dumps(schema))).write(row, avro.io.BinaryEncoder(buf))
    return b'\x00' + sid.to_bytes(4, 'big') + buf.getvalue()


if mode == 'produce':
    evolved = {'type': 'record', 'name': 'record', 'namespace': 'org.apache.flink.avro.generated', 'fields': [
        {'name': 'pos', 'type': ['null', {'type': 'record', 'name': 'record_pos', 'fields': [
            {'name': 'label', 'type': ['null', 'string'], 'default': None},
            {'name': 'z', 'type': 'int'},
            {'name': 'x', 'type': ['null', 'double'], 'default': None}]}], 'default': None},
        {'name': 'attrs', 'type': ['null', {'type': 'map', 'values': ['null', 'int']}], 'default': None},
        {'name': 'id', 'type': 'long'},
        {'name': 'tags', 'type': ['null', {'type': 'array', 'items': ['null', 'string']}], 'default': None}]}
    same = call('/subjects/things-value/versions', {'schema': json.dumps(derived)})['id']
    newer = call('/subjects/things-value/versions', {'schema': json.dumps(evolved)})['id']
    rows = [
        record(derived, same, {'id': 1, 'tags': ['a', None], 'attrs': {'one': 1, 'two': 2, 'three': 3, 'four': 4,
               'five': 5}, 'pos': {'x': 1.5, 'label': 'p'}}),
        record(evolved, newer, {'pos': {'label': 'q', 'z': 9, 'x': None}, 'attrs': {'b': None, 'a': 7}, 'id': 2,
               'tags': []}),
        record(derived, same, {'id': 3, 'tags': None, 'attrs': None, 'pos': None}),
    ]
    for i, r in enumerate(rows):
        open('%s/thing%d' % (d, i), 'wb').write(r)
else:  # check: the job's records, one hex line each
    subjects = call('/subjects')
    print(('PASS' if 'things_out-value' in subjects else 'FAIL') + ' the sink registered things_out-value: %s' % json.dumps(subjects, separators=(',', ':')))
    for line in open(d + '/out.hex'):
        data = bytes.fromhex(line.strip())
        sid = int.from_bytes(data[1:5], 'big')
        text = call('/schemas/ids/%d' % sid)['schema']
        ok = data[0] == 0 and json.loads(text) == derived
        value = avro.io.DatumReader(avro.schema.parse(text)).read(avro.io.BinaryDecoder(io.BytesIO(data[5:])))
        print(('PASS' if ok else 'FAIL') + ' ' + json.dumps(value, separators=(',', ':')))
PYEOF
"$py" "$T/codec.py" produce "$REGISTRY" "$T" || e2e_failed "python3-avro: produce"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t things -p 0 "$T/thing0" "$T/thing1" "$T/thing2" || e2e_failed produce things

e2e_run "$T/job" "$T/job.out" "$T/job.err" --set "things.avro-confluent.url=$REGISTRY" \
    --set "things_out.avro-confluent.url=$REGISTRY"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t things_out -o beginning -e -q -D '' -f '%s' >"$T/out.bin" || e2e_failed consume
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t things_out -o beginning -e -q -f '%S\n' >"$T/out.lens" || e2e_failed consume
"$py" -c '
import sys
data = open(sys.argv[1], "rb").read()
pos = 0
for n in open(sys.argv[2]):
    print(data[pos:pos + int(n)].hex()); pos += int(n)' "$T/out.bin" "$T/out.lens" >"$T/out.hex"
"$py" "$T/codec.py" check "$REGISTRY" "$T" >"$T/check" || e2e_failed "python3-avro: check"
e2e_check_eq "records resolved from both writer schemas, written under the derived schema" \
'PASS the sink registered things_out-value: ["things-value","things_out-value"]
PASS {"id":1,"tags":["a",null],"attrs":{"two":2,"three":3,"five":5,"four":4,"one":1},"pos":{"x":1.5,"label":"p"}}
PASS {"id":2,"tags":[],"attrs":{"a":7,"b":null},"pos":{"x":null,"label":"q"}}
PASS {"id":3,"tags":null,"attrs":null,"pos":null}' "$(cat "$T/check")"
e2e_summary nested_confluent
