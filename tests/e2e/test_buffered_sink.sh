#!/usr/bin/env bash
# This file is the end-to-end test of sink.buffer-flush.* (tests/golden/buffered_sink.sql):
# a kafka source aggregated into buffered upsert sinks, and an upsert pass-through
# into one. Within a flush window a key yields one message, its last change (an
# insert then a delete leaves only the tombstone); a flush happens when max-rows
# keys are held (the exact sequence is simulated here), at the end of input, and
# on the interval while the job runs.
#
# usage: test_buffered_sink.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker clicks:1 region_clicks:1 region_clicks_small:1 accounts:1 accounts_out:1

if ! e2e_build "$here/../golden/buffered_sink.sql" "$T/buffered"; then
    e2e_summary buffered_sink
fi

python3 - "$T" <<'PY'
import json, random, sys
d = sys.argv[1]
rnd = random.Random(3)
regions = ["EU", "US", "APAC", "LATAM", "MEA"]
rows = [(rnd.randrange(1, 50), rnd.choice(regions)) for _ in range(500)]
with open(d + "/clicks.in", "w") as f:
    for u, r in rows:
        f.write(json.dumps({"user_id": u, "region": r}, separators=(",", ":")) + "\n")
# expected: one message per region at the end, in first-arrival order
counts, order = {}, []
for _, r in rows:
    if r not in counts:
        order.append(r)
    counts[r] = counts.get(r, 0) + 1
enc = lambda o: json.dumps(o, separators=(",", ":"))
with open(d + "/region_clicks.exp", "w") as f:
    for r in order:
        f.write("0\t%s\t%s\n" % (enc({"region": r}), enc({"region": r, "n": counts[r]})))
# max-rows 3: every input row updates its region's count; the buffer holds the
# last value per region and is written when it holds 3 regions, and at the end
held, seq, c = {}, [], {}
for _, r in rows:
    c[r] = c.get(r, 0) + 1
    held[r] = c[r]  # dict keeps first-insertion order, like the buffer
    if len(held) >= 3:
        seq += list(held.items())
        held = {}
seq += list(held.items())
with open(d + "/region_clicks_small.exp", "w") as f:
    for r, n in seq:
        f.write("0\t%s\t%s\n" % (enc({"region": r}), enc({"region": r, "n": n})))
PY
e2e_produce_values clicks "$T/clicks.in"
# 1: a -> c; 2: b; 3: d then deleted; 4: deleted without ever existing
printf '{"id":1}\t{"id":1,"name":"a"}\n{"id":2}\t{"id":2,"name":"b"}\n{"id":1}\t{"id":1,"name":"c"}\n{"id":3}\t{"id":3,"name":"d"}\n{"id":3}\t\n{"id":4}\t\n' >"$T/accounts.in"
e2e_produce accounts "$T/accounts.in" 0

e2e_run "$T/buffered" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err"
for t in region_clicks region_clicks_small accounts_out; do
    e2e_consume "$t" "$T/$t"
done
e2e_check_files "one message per key, flushed at the end of input" "$T/region_clicks.exp" "$T/region_clicks"
e2e_check_files "flushed whenever 3 keys are held" "$T/region_clicks_small.exp" "$T/region_clicks_small"
e2e_check_eq "the last change per key; insert then delete leaves the tombstone" \
    "$(printf '0\t{"id":1}\t{"id":1,"name":"c"}\n0\t{"id":2}\t{"id":2,"name":"b"}\n0\t{"id":3}\t<null>\n0\t{"id":4}\t<null>')" \
    "$(cat "$T/accounts_out")"
e2e_check_grep "the summary counts written records, not buffered changes" \
    'wrote region_clicks=5 region_clicks_small=[0-9]+ accounts_out=4' "$T/job.err"

# The interval: an unbounded run with a 1 s interval writes before any commit
# (checkpointing is SET to 1 h) and before the end of input.
e2e_start_bg "$T/buffered" "$T/bg.out" "$T/bg.err" --set clicks.scan.bounded.mode=unbounded \
    --set accounts.scan.bounded.mode=unbounded --set 'region_clicks.sink.buffer-flush.interval=1 s' \
    --set clicks.properties.group.id=buffered-bg
sleep 1
printf '{"user_id":1,"region":"NEW"}\n' >"$T/more.in"
e2e_produce_values clicks "$T/more.in"
found=0
for _ in $(seq 1 50); do
    if "$E2E_KCAT" -b "$BOOTSTRAP" -C -t region_clicks -e -q -f '%s\n' | grep -q '"region":"NEW"'; then
        found=1
        break
    fi
    sleep 0.2
done
e2e_check_eq "a running job writes its buffer when the interval has passed" 1 "$found"
kill -TERM "$BG_PID" 2>/dev/null
wait "$BG_PID" 2>/dev/null
e2e_summary buffered_sink
