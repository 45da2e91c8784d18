#!/usr/bin/env bash
# This file is the end-to-end test of checkpoints and restores, through
# sqlkc-dev-broker, with the seed's pv/uv job (json sink,
# tests/e2e/pageviews_json.sql, checkpoints every 200 ms):
#  - a job stopped at the end of its input and started again on more input
#    resumes: it reads only the new records and writes exactly one upsert per
#    input row in all (pv goes 1, 2, 3, ... per key across the two runs);
#  - a job killed with SIGKILL again and again while its input is being
#    written, each time restarted from its checkpoints, loses no input row
#    and ends with the byte-exact table (at-least-once: what the killed run
#    wrote after its last checkpoint is written again);
#  - a damaged newest checkpoint is reported and the one before it restored;
#    a checkpoint file cut off while being written is removed;
#  - two runs cannot share a state directory;
#  - SQL that changes what an operator keeps is refused before anything is
#    read, naming the operator; --from-scratch starts over; an operator added
#    to the job starts empty, one removed needs --allow-non-restored-state.
# The expected tables are counted by gen_pageviews.py from the input bytes.
#
# usage: test_restore.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
IN_PARTS=4
SINK_PARTS=3
e2e_start_broker pageviews:$IN_PARTS pageviews_per_region:$SINK_PARTS kin:$IN_PARTS kout:$SINK_PARTS \
    other_out:1 scratch_out:1

{
    echo "SET 'execution.checkpointing.interval' = '200ms';"
    cat "$here/pageviews_json.sql"
} >"$T/pageviews.sql"
e2e_build "$T/pageviews.sql" "$T/pageviews" || e2e_summary restore
JOB=$T/pageviews

# ---- a bounded run, more input, a second bounded run ----
mkdir -p "$T/gen"
python3 "$here/gen_pageviews.py" gen "$T/gen" --count 20000 --seed 7 --partitions $IN_PARTS ||
    e2e_fail "gen_pageviews.py gen"
python3 "$here/gen_pageviews.py" chunks "$T/gen" 2 || e2e_fail "gen_pageviews.py chunks"
for p in $(seq 0 $((IN_PARTS - 1))); do e2e_produce_sep pageviews "$T/gen/in-$p.1.txt" "$p"; done
first=$(e2e_count pageviews)
E2E_STATE_DIR=$T/state1
e2e_run "$JOB" "$T/a1.out" "$T/a1.err"
e2e_check_eq "first run: exit code" 0 "$RC"
e2e_check_grep "first run: starts empty" 'no checkpoint in .*state1: starting with empty state' "$T/a1.err"
e2e_check_grep "first run: reads the first half" "read pageviews=$first\\b" "$T/a1.err"
n=$(find "$T/state1" -name 'chk-*.ckpt' | wc -l)
e2e_check_eq "first run: one or two checkpoints retained (sqlkc keeps 2 by default)" 1 "$((n >= 1 && n <= 2))"

for p in $(seq 0 $((IN_PARTS - 1))); do e2e_produce_sep pageviews "$T/gen/in-$p.2.txt" "$p"; done
e2e_run "$JOB" "$T/a2.out" "$T/a2.err"
e2e_check_eq "second run: exit code" 0 "$RC"
e2e_check_grep "second run: restores the last checkpoint" 'restored checkpoint [0-9]+ from' "$T/a2.err"
e2e_check_grep "second run: reads only the new records" "read pageviews=$((20000 - first))\\b" "$T/a2.err"
e2e_dump pageviews_per_region "$T/a.dump"
e2e_py_checks python3 "$here/gen_pageviews.py" check "$T/gen" "$T/a.dump" $SINK_PARTS 20000

# ---- SIGKILL while the input is being written, restart, again ----
mkdir -p "$T/kgen"
python3 "$here/gen_pageviews.py" gen "$T/kgen" --count 30000 --seed 11 --partitions $IN_PARTS ||
    e2e_fail "gen_pageviews.py gen"
python3 "$here/gen_pageviews.py" chunks "$T/kgen" 10 || e2e_fail "gen_pageviews.py chunks"
(
    for k in $(seq 1 10); do
        for p in $(seq 0 $((IN_PARTS - 1))); do e2e_produce_sep kin "$T/kgen/in-$p.$k.txt" "$p"; done
        sleep 0.5
    done
) &
producer=$!
KSET=(--set pageviews.topic=kin --set pageviews_per_region.topic=kout --set pageviews.properties.group.id=gk)
E2E_STATE_DIR=$T/state2
kills=0
restored=0
RANDOM=42
while kill -0 "$producer" 2>/dev/null || ((kills < 4)); do
    e2e_start_bg "$JOB" "$T/k$kills.out" "$T/k$kills.err" "${KSET[@]}" --set pageviews.scan.bounded.mode=unbounded
    sleep "0.$((3 + RANDOM % 7))"
    kill -KILL "$BG_PID" 2>/dev/null
    wait "$BG_PID" 2>/dev/null
    grep -qE 'restored checkpoint' "$T/k$kills.err" && restored=$((restored + 1))
    kills=$((kills + 1))
    ((kills > 40)) && break
done
wait "$producer"
e2e_check_eq "input fully written" 30000 "$(e2e_count kin)"
e2e_run "$JOB" "$T/kfinal.out" "$T/kfinal.err" "${KSET[@]}"
e2e_check_eq "after $kills kills, the last (bounded) run: exit code" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/kfinal.err"
e2e_check_grep "after $kills kills, the last run restores a checkpoint" 'restored checkpoint' "$T/kfinal.err"
e2e_check_eq "killed runs that restored a checkpoint (of $kills)" 1 "$((restored >= kills / 2))"
e2e_dump kout "$T/k.dump"
e2e_py_checks python3 "$here/gen_pageviews.py" check-restarted "$T/kgen" "$T/k.dump" $SINK_PARTS

# ---- a damaged newest checkpoint; a checkpoint cut off while written ----
newest=$(find "$T/state2" -name 'chk-*.ckpt' | sort | tail -n 1)
truncate -s -7 "$newest"
printf 'partial' >"$T/state2/chk-99999999999999999999.ckpt.tmp"
e2e_run "$JOB" "$T/d.out" "$T/d.err" "${KSET[@]}"
e2e_check_eq "damaged newest checkpoint: exit code" 0 "$RC"
e2e_check_grep "damaged newest checkpoint: reported by name" \
    "checkpoint .*$(basename "$newest") is not usable: it is damaged or truncated.*trying the one before it" "$T/d.err"
e2e_check_grep "damaged newest checkpoint: the one before it is restored" 'restored checkpoint' "$T/d.err"
e2e_check_grep "a checkpoint cut off while written is removed" 'removed 1 checkpoint cut off while being written' \
    "$T/d.err"
e2e_check_eq "the cut-off file is gone" 0 "$(find "$T/state2" -name '*.tmp' | wc -l)"
e2e_dump kout "$T/d.dump"
e2e_py_checks python3 "$here/gen_pageviews.py" check-restarted "$T/kgen" "$T/d.dump" $SINK_PARTS

# ---- two runs, one state directory ----
e2e_start_bg "$JOB" "$T/l1.out" "$T/l1.err" "${KSET[@]}" --set pageviews.scan.bounded.mode=unbounded
for _ in $(seq 1 100); do
    grep -q 'restored checkpoint' "$T/l1.err" && break
    sleep 0.1
done
e2e_run "$JOB" "$T/l2.out" "$T/l2.err" "${KSET[@]}"
e2e_check_eq "a second run on the same state directory: exit code" 1 "$RC"
e2e_check_grep "a second run on the same state directory: the message" \
    "state directory .*state2: it is in use by another run of the job \\(pid $BG_PID\\)" "$T/l2.err"
kill -TERM "$BG_PID"
wait "$BG_PID"
e2e_check_eq "the first run still stops cleanly" 0 "$?"

# ---- the SQL changed ----
sed 's/COUNT(DISTINCT user_id)/COUNT(DISTINCT page_id)/' "$T/pageviews.sql" >"$T/changed.sql"
e2e_build "$T/changed.sql" "$T/changed" || e2e_summary restore
E2E_STATE_DIR=$T/state1
e2e_run "$T/changed" "$T/c1.out" "$T/c1.err"
e2e_check_eq "changed state layout: exit code" 1 "$RC"
e2e_check_grep "changed state layout: names the operator and both layouts" \
    "cannot be restored into this job: the state of INSERT INTO pageviews_per_region: GroupAggregate 1 changed: the checkpoint holds .*COUNT\\(DISTINCT user_id BIGINT\\).*, this job keeps .*COUNT\\(DISTINCT page_id BIGINT\\)" \
    "$T/c1.err"
e2e_check_no_grep "changed state layout: no record was read" 'read pageviews=' "$T/c1.err"
cp -r "$T/state1" "$T/state1.keep"

# an operator added: starts empty; the old one is restored
{
    cat "$T/pageviews.sql"
    cat <<'EOF'
CREATE TABLE other_out (n BIGINT, c BIGINT, PRIMARY KEY (n) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'other_out',
  'properties.bootstrap.servers' = 'localhost:9092', 'key.format' = 'json', 'value.format' = 'json');
INSERT INTO other_out SELECT page_id, COUNT(*) FROM pageviews GROUP BY page_id;
EOF
} >"$T/added.sql"
e2e_build "$T/added.sql" "$T/added" || e2e_summary restore
e2e_run "$T/added" "$T/n1.out" "$T/n1.err"
e2e_check_eq "an operator added: exit code" 0 "$RC"
e2e_check_grep "an operator added: it starts empty" \
    'INSERT INTO other_out: GroupAggregate 1 starts with empty state: the checkpoint has none for it' "$T/n1.err"
e2e_check_grep "an operator added: the others are restored" 'restored checkpoint' "$T/n1.err"
e2e_check_grep "an operator added: nothing more to read" 'read pageviews=0\b' "$T/n1.err"

# and removed again: refused, then dropped with --allow-non-restored-state
e2e_run "$JOB" "$T/r1.out" "$T/r1.err"
e2e_check_eq "an operator removed: exit code" 1 "$RC"
e2e_check_grep "an operator removed: the message" \
    'it holds the state of INSERT INTO other_out: GroupAggregate 1 \(.*\), which this job does not have; --allow-non-restored-state drops it' \
    "$T/r1.err"
e2e_run "$JOB" "$T/r2.out" "$T/r2.err" --allow-non-restored-state
e2e_check_eq "an operator removed, --allow-non-restored-state: exit code" 0 "$RC"
e2e_check_grep "an operator removed, --allow-non-restored-state: the warning" \
    "warning: the checkpoint's state of INSERT INTO other_out: GroupAggregate 1 is dropped" "$T/r2.err"

# --from-scratch
E2E_STATE_DIR=$T/state1.keep
e2e_run "$T/changed" "$T/s1.out" "$T/s1.err" --from-scratch --set pageviews_per_region.topic=scratch_out \
    --set pageviews.properties.group.id=gs
e2e_check_eq "--from-scratch: exit code" 0 "$RC"
e2e_check_grep "--from-scratch: says what it removed" '--from-scratch: removed 2 checkpoints from' "$T/s1.err"
e2e_check_grep "--from-scratch: reads the topic from the start" 'read pageviews=20000\b' "$T/s1.err"

e2e_summary restore
