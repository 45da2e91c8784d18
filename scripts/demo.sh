#!/usr/bin/env bash
# This file is `make demo`: the seed's pv/uv job (examples/pageviews, the seed
# document's SQL as printed) end to end. It starts sqlkc-dev-broker with the two
# topics, produces sample.jsonl with kcat, compiles pageviews.sql with sqlkc,
# runs the job bounded (from the earliest offset to the end the topic had at
# start, given with --set: the SQL itself reads from the group's offsets and
# never ends, as a deployed job does), reads the upsert sink back with kcat,
# decodes its avro keys and values with python3-avro under the schemas Flink
# derives, and prints its final table (the last value per key; a tombstone
# deletes its key). It then checks that table against pv and uv counted from
# sample.jsonl by Python, and exits 1 when they differ. The broker is stopped on
# every exit. Expects a build: `make demo` builds first.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
example=$top/examples/pageviews
sqlkc=$build/compiler/sqlkc
broker=$build/runtime/sqlkc-dev-broker
job=$build/pageviews_job
source_topic=pageviews
sink_topic=pageviews_per_region
job_timeout=${DEMO_JOB_TIMEOUT:-60}

say() { printf '\n== %s\n' "$*"; }
die() {
    printf 'demo: %s\n' "$*" >&2
    exit 1
}

for f in "$sqlkc" "$broker"; do
    [ -x "$f" ] || die "$f is missing: run make first"
done
command -v kcat >/dev/null || die "kcat is missing: run scripts/install-deps.sh"
# python3-avro is a Debian package: the system interpreter has it
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || die "python3-avro is missing: run scripts/install-deps.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/sqlkc-demo.XXXXXX")
broker_pid=
job_pid=
cleanup() {
    local pid
    for pid in $job_pid $broker_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

broker_failed() {
    sed 's/^/  broker: /' "$work/broker.log" >&2
    die "$*"
}

say "starting sqlkc-dev-broker with topics $source_topic:2 and $sink_topic:4"
"$broker" "$source_topic:2" "$sink_topic:4" >"$work/broker.out" 2>"$work/broker.log" &
broker_pid=$!
# The broker prints its bootstrap address as the first line of stdout.
for _ in $(seq 100); do
    [ "$(wc -l <"$work/broker.out")" -ge 1 ] && break
    kill -0 "$broker_pid" 2>/dev/null || broker_failed "the broker exited"
    sleep 0.1
done
addr=$(head -n 1 "$work/broker.out")
[ -n "$addr" ] || broker_failed "the broker printed no bootstrap address within 10 s"
echo "bootstrap servers: $addr"

say "topics (kcat -L)"
for topic in "$source_topic" "$sink_topic"; do
    kcat -b "$addr" -L -t "$topic" >"$work/metadata" 2>&1 || true
    grep -q "topic \"$topic\" with" "$work/metadata" ||
        { cat "$work/metadata" >&2; die "the broker has no topic $topic"; }
    sed -n "s/^ *\(topic \"$topic\" with [0-9]* partitions\).*/\1/p" "$work/metadata"
done

say "producing $(wc -l <"$example/sample.jsonl") page views from examples/pageviews/sample.jsonl"
kcat -b "$addr" -P -t "$source_topic" <"$example/sample.jsonl"
head -n 3 "$example/sample.jsonl"
echo "..."

say "sqlkc build examples/pageviews/pageviews.sql -o ${job#"$top"/}"
"$sqlkc" build "$example/pageviews.sql" -o "$job"

say "running the job bounded: --set pageviews.scan.startup.mode=earliest-offset --set pageviews.scan.bounded.mode=latest-offset"
# In the background, so that a TERM sent to this script is handled at once.
(cd "$work" && exec timeout "$job_timeout" "$job" --bootstrap-servers "$addr" \
    --set pageviews.scan.startup.mode=earliest-offset --set pageviews.scan.bounded.mode=latest-offset) &
job_pid=$!
status=0
wait "$job_pid" || status=$?
job_pid=
[ "$status" -ne 124 ] || die "the job did not finish within ${job_timeout}s"
[ "$status" -eq 0 ] || die "the job exited with status $status"

# The schemas Flink's AvroSchemaConverter derives for the sink's key (its
# PRIMARY KEY, NOT NULL) and value (every column; pv and uv nullable).
ns=org.apache.flink.avro.generated
key_schema='{"type":"record","name":"record","namespace":"'$ns'","fields":[{"name":"user_region","type":"string"}]}'
value_schema='{"type":"record","name":"record","namespace":"'$ns'","fields":[{"name":"user_region","type":"string"},
  {"name":"pv","type":["null","long"],"default":null},{"name":"uv","type":["null","long"],"default":null}]}'

say "final table of $sink_topic (kcat, avro decoded, last value per key, tombstones delete)"
kcat -b "$addr" -C -t "$sink_topic" -o beginning -e -q -f '%p %o %K %S\n%k%s\n' >"$work/sink.dump"
echo "($(grep -ac '^[0-9]* [0-9]* -\?[0-9]* -\?[0-9]*$' "$work/sink.dump" || true) changelog records)"
"$py" "$top/scripts/upsert-table.py" --avro "$key_schema" "$value_schema" <"$work/sink.dump"

# The same table, counted from the input without sqlkc.
python3 - "$example/sample.jsonl" >"$work/expected" <<'EOF'
import json, sys
pv, users = {}, {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            view = json.loads(line)
            region = view["user_region"]
            pv[region] = pv.get(region, 0) + 1
            users.setdefault(region, set()).add(view["user_id"])
for region in pv:
    row = {"user_region": region, "pv": pv[region], "uv": len(users[region])}
    print(json.dumps(row, ensure_ascii=False, sort_keys=True))
EOF
"$py" "$top/scripts/upsert-table.py" --jsonl --avro "$key_schema" "$value_schema" <"$work/sink.dump" >"$work/actual"
if diff <(LC_ALL=C sort "$work/expected") <(LC_ALL=C sort "$work/actual") >"$work/diff"; then
    echo "OK: pv and uv match the counts taken from sample.jsonl directly"
else
    echo "MISMATCH against the counts taken from sample.jsonl directly (< expected, > sink):"
    cat "$work/diff"
    exit 1
fi
