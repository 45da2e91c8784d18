#!/usr/bin/env bash
# This file is the end-to-end test of reading avro (tests/golden/avro_source.sql):
# values encoded by Debian's python3-avro under the schema Flink derives, read
# by the job and written back as json, compared byte for byte (a string that
# is not UTF-8 read as Java reads it, with U+FFFD); a truncated datum stops
# the job naming the record.
#
# usage: test_avro_source.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker items:1 items_json:1

if ! e2e_build "$here/../golden/avro_source.sql" "$T/job"; then
    e2e_summary avro_source
fi
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
cat >"$T/gen.py" <<'PYEOF'
import io
import json
import sys

import avro.io
import avro.schema


def nullable(t):
    return {'type': ['null', t], 'default': None}


# Flink's derived schema, with the logical types written as their physical
# types (same bytes): decimal -> bytes, date -> int, timestamp-millis -> long
fields = [{'name': 'id', 'type': 'long'}]
for name, t in [('name', 'string'), ('price', 'bytes'), ('ratio', 'double'), ('day', 'int'),
                ('seen', 'long'), ('ok', 'boolean'), ('blob', 'bytes'), ('small', 'int')]:
    fields.append(dict(name=name, **nullable(t)))
schema = avro.schema.parse(json.dumps({'type': 'record', 'name': 'record',
                                       'namespace': 'org.apache.flink.avro.generated', 'fields': fields}))


def dec(unscaled):
    n = max(1, (unscaled.bit_length() + 8) // 8)
    return unscaled.to_bytes(n, 'big', signed=True)


rows = [
    {'id': 1, 'name': 'apple', 'price': dec(12345), 'ratio': 0.5, 'day': 19000, 'seen': 1700000000123,
     'ok': True, 'blob': b'\x6b\x03\x0b', 'small': -3},
    {'id': -2, 'name': None, 'price': dec(-5), 'ratio': None, 'day': None, 'seen': None, 'ok': False,
     'blob': None, 'small': None},
    {'id': 3, 'name': 'Zürich "q"', 'price': dec(0), 'ratio': 1e7, 'day': -1, 'seen': 0, 'ok': None,
     'blob': b'', 'small': 32767},
]
want = [
    '{"id":1,"name":"apple","price":123.45,"ratio":0.5,"day":"2022-01-08","seen":"2023-11-14 22:13:20.123",'
    '"ok":true,"blob":"awML","small":-3}',
    '{"id":-2,"name":null,"price":-0.05,"ratio":null,"day":null,"seen":null,"ok":false,"blob":null,"small":null}',
    '{"id":3,"name":"Zürich \\"q\\"","price":0,"ratio":1.0E7,"day":"1969-12-31","seen":"1970-01-01 00:00:00",'
    '"ok":null,"blob":"","small":32767}',
]
d = sys.argv[1]
for i, r in enumerate(rows):
    buf = io.BytesIO()
    avro.io.DatumWriter(schema).write(r, avro.io.BinaryEncoder(buf))
    open('%s/msg%d' % (d, i), 'wb').write(buf.getvalue())
    if i == 0:
        first = buf.getvalue()
# a string that is not UTF-8 (a stray 0xff, a sequence cut short): Avro's
# Utf8.toString() decodes it as Java does, each bad part one U+FFFD
open(d + '/msg3', 'wb').write(first.replace(b'apple', b'E\xffU\xe6\x9d'))
want.append(want[0].replace('"apple"', '"E\ufffdU\ufffd"'))
open(d + '/want', 'w', encoding='utf-8').write('\n'.join(want) + '\n')
open(d + '/bad', 'wb').write(buf.getvalue()[:-2])  # the last datum, cut short
PYEOF
"$py" "$T/gen.py" "$T" || e2e_failed generate "gen.py failed"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t items -p 0 "$T/msg0" "$T/msg1" "$T/msg2" "$T/msg3" || e2e_failed produce items
e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values items_json "$T/got"
e2e_check_files "every type read from avro, written as Flink's json" "$T/want" "$T/got"

"$E2E_KCAT" -b "$BOOTSTRAP" -P -t items -p 0 "$T/bad" || e2e_failed produce bad
e2e_run "$T/job" "$T/job2.out" "$T/job2.err" --set items.scan.startup.mode=specific-offsets \
    --set 'items.scan.startup.specific-offsets=partition:0,offset:4'
e2e_check_eq "a truncated datum stops the job" 1 "$RC"
e2e_check_grep "naming the record and the reason" \
    'topic=items partition=0 offset=4: Failed to deserialize the Avro value: the datum ends' "$T/job2.err"
e2e_summary avro_source
