#!/usr/bin/env bash
# This file is the end-to-end test of the avro format on a sink: the seed's
# own job (tests/golden/pageviews_avro.sql, avro key and value). The last
# record for EU must be the bytes of reference/flink.md's worked example
# (key 04 45 55, value 04 45 55 02 06 02 04), and every key and value must
# decode, with Debian's python3-avro, under the schema Flink derives.
#
# usage: test_avro_sink.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker pageviews:1 pageviews_per_region:2

if ! e2e_build "$here/../golden/pageviews_avro.sql" "$T/pv"; then
    e2e_summary avro_sink
fi
# the trace of reference/flink.md §5.2, then a region with non-ASCII text
printf '{"user_id":1,"user_region":"EU"}\x1e{"user_id":2,"user_region":"EU"}\x1e{"user_id":1,"user_region":"EU"}\x1e{"user_id":3,"user_region":"US"}\x1e{"user_id":7,"user_region":"Zürich"}' >"$T/in"
e2e_produce_sep pageviews "$T/in" 0
e2e_run "$T/pv" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump pageviews_per_region "$T/out.dump"

# python3-avro is a Debian package: use the system interpreter that has it
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
cat >"$T/check.py" <<'PYEOF'
import io
import json
import sys

import avro.io
import avro.schema

sys.path.insert(0, sys.argv[2])
from gen_pageviews import read_dump  # noqa: E402

ns = 'org.apache.flink.avro.generated'
key_schema = avro.schema.parse(json.dumps({'type': 'record', 'name': 'record', 'namespace': ns,
    'fields': [{'name': 'user_region', 'type': 'string'}]}))
value_schema = avro.schema.parse(json.dumps({'type': 'record', 'name': 'record', 'namespace': ns,
    'fields': [{'name': 'user_region', 'type': 'string'},
               {'name': 'pv', 'type': ['null', 'long'], 'default': None},
               {'name': 'uv', 'type': ['null', 'long'], 'default': None}]}))


def decode(schema, data):
    return avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(data)))


recs = read_dump(sys.argv[1])
by_key = {}
for _, _, k, v in recs:
    by_key.setdefault(k, []).append(v)
eu = by_key.get(b'\x04EU', [])
print(('PASS' if eu and eu[-1] == bytes.fromhex('04455502060204') else 'FAIL') +
      " EU's last record is flink.md's worked example (key 04 45 55, value 04 45 55 02 06 02 04): %s" %
      (eu[-1].hex() if eu else 'missing'))
want = [('EU', 1, 1), ('EU', 2, 2), ('EU', 3, 2), ('US', 1, 1), ('Zürich', 1, 1)]
got = []
for k, vals in by_key.items():
    region = decode(key_schema, k)['user_region']
    for v in vals:
        d = decode(value_schema, v)
        got.append((region, d['pv'], d['uv']))
        if d['user_region'] != region:
            print('FAIL key and value disagree: %r %r' % (region, d))
ok = sorted(got) == sorted(want)
print(('PASS' if ok else 'FAIL') + ' every key and value decodes with python3-avro under the derived '
      'schemas, to the expected changelog%s' % ('' if ok else ': got %s' % sorted(got)))
PYEOF
e2e_py_checks "$py" "$T/check.py" "$T/out.dump" "$here"
e2e_summary avro_sink
