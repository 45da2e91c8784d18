#!/usr/bin/env bash
# This file is the end-to-end test of the avro-confluent format through the
# dev broker and the test registry (tests/registry/registry_server.py):
#  (a) the seed's job with avro-confluent key and value
#      (tests/golden/pageviews_confluent.sql): every record is magic byte 0,
#      the id the registry gave the subject <topic>-key / <topic>-value, and a
#      datum that python3-avro decodes with the registered schema; EU's last
#      record is flink.md's worked example behind the header;
#  (b) a source (tests/golden/avro_confluent_source.sql) reading records that
#      python3-avro wrote with the table's schema and with different but
#      compatible writer schemas (an extra field, another field order, missing
#      nullable fields), which the job resolves; a bad magic byte and an incompatible writer schema
#      stop the job naming the record;
#  (c) with the registry down, the job stops at start naming the URL.
#
# usage: test_avro_confluent.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || { echo "e2e avro_confluent: SKIP (no python3-avro)"; exit 77; }
e2e_start_broker pageviews:1 pageviews_per_region:2 orders:1 orders_json:1

"$py" "$here/../registry/registry_server.py" --port-file "$T/registry.port" >/dev/null 2>"$T/registry.err" &
REGISTRY_PID=$!
E2E_BG_PIDS+=("$REGISTRY_PID")
for _ in $(seq 100); do [[ -s "$T/registry.port" ]] && break; sleep 0.1; done
[[ -s "$T/registry.port" ]] || e2e_fail "the test registry did not start: $(cat "$T/registry.err")"
REGISTRY=http://127.0.0.1:$(cat "$T/registry.port")

# ---- (a) sink ----
if e2e_build "$here/../golden/pageviews_confluent.sql" "$T/pv"; then
    printf '{"user_id":1,"user_region":"EU"}\x1e{"user_id":2,"user_region":"EU"}\x1e{"user_id":1,"user_region":"EU"}\x1e{"user_id":3,"user_region":"US"}\x1e{"user_id":7,"user_region":"Zürich"}' >"$T/in"
    e2e_produce_sep pageviews "$T/in" 0
    e2e_run "$T/pv" "$T/pv.out" "$T/pv.err" --set "pageviews_per_region.key.avro-confluent.url=$REGISTRY" \
        --set "pageviews_per_region.value.avro-confluent.url=$REGISTRY"
    e2e_check_eq "the avro-confluent sink job exits 0" 0 "$RC"
    [[ $RC == 0 ]] || sed 's/^/    | /' "$T/pv.err"
    e2e_dump pageviews_per_region "$T/out.dump"
    cat >"$T/check_sink.py" <<'PYEOF'
import io
import json
import sys
import urllib.request

import avro.io
import avro.schema

sys.path.insert(0, sys.argv[2])
from gen_pageviews import read_dump  # noqa: E402

registry = sys.argv[3]


def get(path):
    with urllib.request.urlopen(registry + path) as r:
        return json.load(r)


def subject_id(subject, schema_text):
    req = urllib.request.Request(registry + '/subjects/' + subject, data=json.dumps({'schema': schema_text}).encode(),
                                 headers={'Content-Type': 'application/vnd.schemaregistry.v1+json'})
    with urllib.request.urlopen(req) as r:
        return json.load(r)['id']


def split(data, subject):
    """The header (magic byte, id), checked against the registry; the datum decoded with the registered schema."""
    if data[0] != 0:
        raise ValueError('magic byte %d' % data[0])
    sid = int.from_bytes(data[1:5], 'big')
    text = get('/schemas/ids/%d' % sid)['schema']
    if subject_id(subject, text) != sid:
        raise ValueError('id %d is not the id of subject %s' % (sid, subject))
    schema = avro.schema.parse(text)
    return sid, text, avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(data[5:])))


subjects = get('/subjects')
print(('PASS' if subjects == ['pageviews_per_region-key', 'pageviews_per_region-value'] else 'FAIL') +
      ' the job registered the default subjects <topic>-key and <topic>-value: %s' % subjects)
ns = 'org.apache.flink.avro.generated'
want_key = {'type': 'record', 'name': 'record', 'namespace': ns, 'fields': [{'name': 'user_region', 'type': 'string'}]}
want_value = {'type': 'record', 'name': 'record', 'namespace': ns,
              'fields': [{'name': 'user_region', 'type': 'string'},
                         {'name': 'pv', 'type': ['null', 'long'], 'default': None},
                         {'name': 'uv', 'type': ['null', 'long'], 'default': None}]}
got, eu_last, schemas_ok, ids = [], None, True, set()
for _, _, k, v in read_dump(sys.argv[1]):
    kid, ktext, key = split(k, 'pageviews_per_region-key')
    vid, vtext, value = split(v, 'pageviews_per_region-value')
    schemas_ok = schemas_ok and json.loads(ktext) == want_key and json.loads(vtext) == want_value
    ids.add((kid, vid))
    got.append((key['user_region'], value['pv'], value['uv']))
    if key['user_region'] == 'EU':
        eu_last = (k, v, kid, vid)
print(('PASS' if schemas_ok and len(ids) == 1 else 'FAIL') +
      ' every record carries the ids of the schemas Flink derives (explain prints them): %s' % sorted(ids))
want = [('EU', 1, 1), ('EU', 2, 2), ('EU', 3, 2), ('US', 1, 1), ('Zürich', 1, 1)]
print(('PASS' if sorted(got) == sorted(want) else 'FAIL') +
      ' every key and value decodes with python3-avro to the expected changelog: %s' % sorted(got))
ok = False
if eu_last:
    k, v, kid, vid = eu_last
    ok = (k == b'\x00' + kid.to_bytes(4, 'big') + bytes.fromhex('044555') and
          v == b'\x00' + vid.to_bytes(4, 'big') + bytes.fromhex('04455502060204'))
print(('PASS' if ok else 'FAIL') + " EU's last record is flink.md's worked example behind the 5-byte header: %s" %
      ((eu_last[0].hex() + ' / ' + eu_last[1].hex()) if eu_last else 'missing'))
PYEOF
    e2e_py_checks "$py" "$T/check_sink.py" "$T/out.dump" "$here" "$REGISTRY"
fi

# ---- (b) source ----
if e2e_build "$here/../golden/avro_confluent_source.sql" "$T/src"; then
    cat >"$T/gen_src.py" <<'PYEOF'
import datetime
import decimal
import io
import json
import sys
import urllib.request

import avro.io
import avro.schema

registry, d = sys.argv[1], sys.argv[2]
dec = {'type': 'bytes', 'logicalType': 'decimal', 'precision': 10, 'scale': 2}
ts = {'type': 'long', 'logicalType': 'timestamp-millis'}
# the table's schema ('avro-confluent.schema' of the source table)
same = {'type': 'record', 'name': 'Order', 'namespace': 'shop', 'fields': [
    {'name': 'id', 'type': 'long'},
    {'name': 'item', 'type': ['null', 'string'], 'default': None},
    {'name': 'amount', 'type': ['null', dec], 'default': None},
    {'name': 'placed', 'type': ['null', ts], 'default': None}]}
# a newer writer: an extra field and another field order
evolved = {'type': 'record', 'name': 'Order', 'namespace': 'shop', 'fields': [
    {'name': 'placed', 'type': ['null', ts], 'default': None},
    {'name': 'note', 'type': 'string'},
    {'name': 'amount', 'type': ['null', dec], 'default': None},
    {'name': 'id', 'type': 'long'},
    {'name': 'item', 'type': ['null', 'string'], 'default': None}]}
# an older writer without the nullable 'item' and 'placed': read as their default, null
older = {'type': 'record', 'name': 'Order', 'namespace': 'shop', 'fields': [
    {'name': 'amount', 'type': ['null', dec], 'default': None},
    {'name': 'id', 'type': 'long'}]}
# id as a string: no resolution to the table's long
incompatible = {'type': 'record', 'name': 'Order', 'namespace': 'shop', 'fields': [
    {'name': 'id', 'type': 'string'}]}


def register(schema):
    req = urllib.request.Request(registry + '/subjects/orders-value/versions',
                                 data=json.dumps({'schema': json.dumps(schema)}).encode(),
                                 headers={'Content-Type': 'application/vnd.schemaregistry.v1+json'})
    with urllib.request.urlopen(req) as r:
        return json.load(r)['id']


def record(schema, sid, row):
    buf = io.BytesIO()
    avro.io.DatumWriter(avro.schema.parse(json.dumps(schema))).write(row, avro.io.BinaryEncoder(buf))
    return b'\x00' + sid.to_bytes(4, 'big') + buf.getvalue()


def amount(text):  # python3-avro writes logical types from Python values
    return decimal.Decimal(text)


def placed(millis):
    return datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=millis)


ids = [register(same), register(evolved), register(incompatible), register(older)]
msgs = [
    record(same, ids[0], {'id': 1, 'item': 'apple', 'amount': amount('12.34'), 'placed': placed(1700000000123)}),
    record(evolved, ids[1], {'placed': None, 'note': 'gift', 'amount': amount('-0.05'), 'id': 2, 'item': 'pear'}),
    record(same, ids[0], {'id': 3, 'item': None, 'amount': None, 'placed': placed(0)}),
    record(evolved, ids[1], {'placed': placed(86400000), 'note': '', 'amount': amount('1.00'), 'id': 4, 'item': 'Zürich'}),
    record(older, ids[3], {'amount': amount('2.50'), 'id': 5}),
]
for i, m in enumerate(msgs):
    open('%s/order%d' % (d, i), 'wb').write(m)
open(d + '/bad_magic', 'wb').write(b'\x01' + msgs[0][1:])
open(d + '/incompatible', 'wb').write(record(incompatible, ids[2], {'id': 'x'}))
# the evolved writer's id, then 'placed' null and a 'note' of length -1 (zig-zag 0x01):
# avro-c 1.11 would write before its buffer; the job must refuse the record
open(d + '/negative_length', 'wb').write(b'\x00' + ids[1].to_bytes(4, 'big') + b'\x00\x01')
open(d + '/want', 'w').write('\n'.join([
    '{"id":1,"item":"apple","amount":12.34,"placed":"2023-11-14 22:13:20.123"}',
    '{"id":2,"item":"pear","amount":-0.05,"placed":null}',
    '{"id":3,"item":null,"amount":null,"placed":"1970-01-01 00:00:00"}',
    '{"id":4,"item":"Zürich","amount":1,"placed":"1970-01-02 00:00:00"}',
    '{"id":5,"item":null,"amount":2.5,"placed":null}']) + '\n')
PYEOF
    if "$py" "$T/gen_src.py" "$REGISTRY" "$T"; then
        "$E2E_KCAT" -b "$BOOTSTRAP" -P -t orders -p 0 "$T/order0" "$T/order1" "$T/order2" "$T/order3" "$T/order4" ||
            e2e_failed produce orders
        e2e_run "$T/src" "$T/src.out" "$T/src.err" --set "orders.avro-confluent.url=$REGISTRY"
        e2e_check_eq "the avro-confluent source job exits 0" 0 "$RC"
        [[ $RC == 0 ]] || sed 's/^/    | /' "$T/src.err"
        e2e_dump_values orders_json "$T/got"
        e2e_check_files "records of the table's schema and of compatible writer schemas (extra field, other order, missing nullable fields) read as Flink does" \
            "$T/want" "$T/got"

        "$E2E_KCAT" -b "$BOOTSTRAP" -P -t orders -p 0 "$T/bad_magic" || e2e_failed produce bad_magic
        e2e_run "$T/src" "$T/src2.out" "$T/src2.err" --set "orders.avro-confluent.url=$REGISTRY" \
            --set orders.scan.startup.mode=specific-offsets --set 'orders.scan.startup.specific-offsets=partition:0,offset:5'
        e2e_check_eq "a bad magic byte stops the job" 1 "$RC"
        e2e_check_grep "naming the record and Flink's reason" \
            'topic=orders partition=0 offset=5: Failed to deserialize the Avro value: Unknown data format. Magic number does not match' \
            "$T/src2.err"

        "$E2E_KCAT" -b "$BOOTSTRAP" -P -t orders -p 0 "$T/incompatible" || e2e_failed produce incompatible
        e2e_run "$T/src" "$T/src3.out" "$T/src3.err" --set "orders.avro-confluent.url=$REGISTRY" \
            --set orders.scan.startup.mode=specific-offsets --set 'orders.scan.startup.specific-offsets=partition:0,offset:6'
        e2e_check_eq "an incompatible writer schema stops the job" 1 "$RC"
        e2e_check_grep "naming the record and the schema id" \
            'topic=orders partition=0 offset=6: Failed to deserialize the Avro value: the writer schema with id [0-9]+ cannot be read as the table.s schema \(Avro schema resolution: Field id isn.t compatible' \
            "$T/src3.err"

        "$E2E_KCAT" -b "$BOOTSTRAP" -P -t orders -p 0 "$T/negative_length" || e2e_failed produce negative_length
        e2e_run "$T/src" "$T/src4.out" "$T/src4.err" --set "orders.avro-confluent.url=$REGISTRY" \
            --set orders.scan.startup.mode=specific-offsets --set 'orders.scan.startup.specific-offsets=partition:0,offset:7'
        e2e_check_eq "a datum whose length runs past the record stops the job (no crash)" 1 "$RC"
        e2e_check_grep "naming the record" \
            'topic=orders partition=0 offset=7: Failed to deserialize the Avro value: the datum does not match its writer schema id' \
            "$T/src4.err"
    else
        e2e_failed "generate the source's records" "gen_src.py failed"
    fi
fi

# ---- (c) the registry is down ----
kill "$REGISTRY_PID" 2>/dev/null
wait "$REGISTRY_PID" 2>/dev/null
if [[ -x "$T/pv" ]]; then
    e2e_run "$T/pv" "$T/down.out" "$T/down.err" --set "pageviews_per_region.key.avro-confluent.url=$REGISTRY" \
        --set "pageviews_per_region.value.avro-confluent.url=$REGISTRY"
    e2e_check_eq "with the registry down the job stops at start" 1 "$RC"
    e2e_check_grep "naming the table, the subject and the URL" \
        "table 'pageviews_per_region': cannot register the key schema under subject 'pageviews_per_region-key': cannot reach the schema registry at $REGISTRY" \
        "$T/down.err"
fi
e2e_summary avro_confluent
