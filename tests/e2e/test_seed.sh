#!/usr/bin/env bash
# This file is the end-to-end test of the seed document's own example, as
# printed: the SQL is taken from ../shared/seed/000_539cf50e9b499705.txt at test
# time (its second ```sql block), with only the broker address filled in, and
# must be examples/pageviews/pageviews.sql byte for byte. `sqlkc check` accepts
# it (exit 0) with the warning that Flink 1.13+ refuse its TIMESTAMP(6) rowtime;
# the job, run bounded through sqlkc-dev-broker (--set for the start and end, as
# the SQL reads from group offsets and never ends), writes one upsert per page
# view; python3-avro decodes every key and value under the schemas Flink's
# AvroSchemaConverter derives, and the final table must equal pv and uv counted
# from the input in Python. The input has microsecond viewtimes (TIMESTAMP(6)).
#
# usage: test_seed.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

seed=$here/../../../shared/seed/000_539cf50e9b499705.txt
if [[ ! -f "$seed" ]]; then
    echo "e2e seed: skipped: $seed is not there (../shared beside the checkout)"
    exit 77
fi
e2e_common_init "$1" "$2"
e2e_start_broker pageviews:3 pageviews_per_region:4

py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3

# ---- the SQL as the seed prints it ----
python3 - "$seed" "$T/seed.sql" <<'PYEOF' || e2e_fail "no sql block with the pv/uv job in the seed"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
job = [b for b in blocks if "INSERT INTO pageviews_per_region" in b]
open(sys.argv[2], "w", encoding="utf-8").write(job[0].replace("<yourKafkaBrokers>", "localhost:9092"))
PYEOF
e2e_check_files "examples/pageviews/pageviews.sql is the seed's text (broker address filled in)" \
    "$T/seed.sql" "$here/../../examples/pageviews/pageviews.sql"

rc=0
"$SQLKC" check "$T/seed.sql" >"$T/check.out" 2>"$T/check.err" || rc=$?
e2e_check_eq "sqlkc check accepts the seed (exit 0)" 0 "$rc"
e2e_check_grep "a warning names the TIMESTAMP(6) rowtime and the Flink versions" \
    "seed.sql:19:17: warning: the rowtime 'viewtime' is TIMESTAMP\(6\): Flink 1.12 accepts it .*Flink 1.13 and later refuse it.*TIMESTAMP\(3\) is portable" \
    "$T/check.err"
e2e_check_grep "the warning has a caret under viewtime" '^      |                 \^~~~~~~~$' "$T/check.err"
e2e_check_no_grep "no error" "error:" "$T/check.err"

e2e_build "$T/seed.sql" "$T/seed" || e2e_summary seed

# ---- input: the sample plus generated page views with microsecond times ----
python3 - "$here/../../examples/pageviews/sample.jsonl" "$T" <<'PYEOF'
import json, random, sys
rng = random.Random(20261208)
views = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
regions = ["EU", "US", "APAC", "Zürich", "東京", "Bad \"Quote\" \\ Land", "LATAM", "", "x" * 40]
for i in range(3000):
    views.append({"user_id": rng.randrange(500), "page_id": rng.randrange(1000),
                  "viewtime": "2026-12-08 %02d:%02d:%02d.%06d" % (rng.randrange(24), rng.randrange(60),
                                                                rng.randrange(60), rng.randrange(10**6)),
                  "user_region": rng.choice(regions)})
parts = [[], [], []]
for v in views:
    parts[rng.randrange(3)].append(json.dumps(v, ensure_ascii=False))
for p, lines in enumerate(parts):
    open("%s/in-%d.txt" % (sys.argv[2], p), "w", encoding="utf-8").write("\x1e".join(lines))
pv, users = {}, {}
for v in views:
    pv[v["user_region"]] = pv.get(v["user_region"], 0) + 1
    users.setdefault(v["user_region"], set()).add(v["user_id"])
with open(sys.argv[2] + "/expected.jsonl", "w", encoding="utf-8") as f:
    for r in sorted(pv):
        f.write(json.dumps({"pv": pv[r], "user_region": r, "uv": len(users[r])}, ensure_ascii=False,
                           sort_keys=True) + "\n")
open(sys.argv[2] + "/count", "w").write(str(len(views)))
PYEOF
for p in 0 1 2; do e2e_produce_sep pageviews "$T/in-$p.txt" "$p"; done

e2e_run "$T/seed" "$T/job.out" "$T/job.err" \
    --set pageviews.scan.startup.mode=earliest-offset --set pageviews.scan.bounded.mode=latest-offset
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err" | head -20
e2e_dump pageviews_per_region "$T/out.dump"

cat >"$T/check.py" <<'PYEOF'
import io, json, subprocess, sys

import avro.io
import avro.schema

sys.path.insert(0, sys.argv[2])
from gen_pageviews import read_dump  # noqa: E402

T = sys.argv[1]
ns = "org.apache.flink.avro.generated"
key_schema = {"type": "record", "name": "record", "namespace": ns,
              "fields": [{"name": "user_region", "type": "string"}]}
value_schema = {"type": "record", "name": "record", "namespace": ns,
                "fields": [{"name": "user_region", "type": "string"},
                           {"name": "pv", "type": ["null", "long"], "default": None},
                           {"name": "uv", "type": ["null", "long"], "default": None}]}
recs = read_dump(T + "/out.dump")
count = int(open(T + "/count").read())
print(("PASS" if len(recs) == count else "FAIL") +
      " one upsert per page view (%d records for %d views)" % (len(recs), count))
ok = True
for s, data in ((key_schema, [r[2] for r in recs]), (value_schema, [r[3] for r in recs])):
    reader = avro.io.DatumReader(avro.schema.parse(json.dumps(s)))
    for d in data:
        try:
            b = io.BytesIO(d)
            reader.read(avro.io.BinaryDecoder(b))
            ok = ok and b.tell() == len(d)
        except Exception:
            ok = False
print(("PASS" if ok else "FAIL") + " every key and value is one datum of Flink's derived schema")
table = subprocess.run([sys.executable, sys.argv[3], "--jsonl", "--avro", json.dumps(key_schema),
                        json.dumps(value_schema)], input=open(T + "/out.dump", "rb").read(),
                       capture_output=True, check=True).stdout.decode("utf-8")
want = "".join(sorted(open(T + "/expected.jsonl", encoding="utf-8").read().splitlines(True)))
got = "".join(sorted(table.splitlines(True)))
print(("PASS" if got == want else "FAIL") + " the final table equals pv and uv counted from the input in Python")
if got != want:
    print("want:\n" + want + "got:\n" + got)
PYEOF
e2e_py_checks "$py" "$T/check.py" "$T" "$here" "$here/../../scripts/upsert-table.py"
e2e_summary seed
