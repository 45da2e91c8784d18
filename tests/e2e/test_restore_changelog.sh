#!/usr/bin/env bash
# This file is the end-to-end test of restores for the stateful operators of a
# changelog: the job of test_changelog.sh (an upsert-kafka source with updates
# and tombstones read by a GroupAggregate with retraction, ChangelogNormalize
# and a SinkUpsertMaterializer), then the mini-batch job of test_minibatch.sh
# with a buffered sink (bundles and buffers are flushed before each
# checkpoint). Each runs with checkpoints every 200 ms and is killed with
# SIGKILL again and again while its input is being written, and started again
# from its checkpoints; a last bounded run must resume (not re-read the whole
# changelog) and every sink's final table must equal the one computed by
# changelog_check.py from the input alone.
#
# usage: test_restore_changelog.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker users:1 per_region:1 users_copy:1 high_scores:1 region_last:1 moves:1 region_counts:1 \
    pageviews:1 pageviews_per_region:1 musers:1 mper_region:1

# the input in chunks, written while the job is killed and restarted
python3 "$here/changelog_check.py" gen "$T/users.in" 29
split -n l/8 -d "$T/users.in" "$T/chunk."
produce_chunks() { # TOPIC
    local c
    for c in "$T"/chunk.*; do
        e2e_produce "$1" "$c" 0
        sleep 0.4
    done
}

# ---- the changelog job ----
{
    echo "SET 'execution.checkpointing.interval' = '200ms';"
    cat "$here/../golden/changelog.sql"
} >"$T/changelog.sql"
e2e_build "$T/changelog.sql" "$T/changelog" || e2e_summary restore_changelog
produce_chunks users &
producer=$!
E2E_STATE_DIR=$T/state1
RANDOM=7
e2e_kill_loop "$T/changelog" 4 "$producer" --set users.scan.bounded.mode=unbounded \
    --set moves.scan.bounded.mode=unbounded
wait "$producer"
e2e_check_eq "changelog job: killed runs that restored a checkpoint (of $KILLS)" 1 "$((RESTORED >= KILLS / 2))"
e2e_run "$T/changelog" "$T/c.out" "$T/c.err"
e2e_check_eq "changelog job: the last run exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/c.err"
e2e_check_grep "changelog job: the last run restores a checkpoint" 'restored checkpoint' "$T/c.err"
read_users=$(grep -oE 'read users=[0-9]+' "$T/c.err" | grep -oE '[0-9]+$')
e2e_check_eq "changelog job: the last run resumes (read users=${read_users:-?} of 4000)" 1 \
    "$((${read_users:-4000} < 4000))"
for t in per_region users_copy high_scores region_last; do
    e2e_consume "$t" "$T/$t"
done
e2e_py_checks python3 "$here/changelog_check.py" check-tables "$T/users.in" "$T"

# ---- mini-batch and a buffered sink ----
sed -e "s/'execution.checkpointing.interval' = '1 h'/'execution.checkpointing.interval' = '200ms'/" \
    -e "s/'topic' = 'users'/'topic' = 'musers'/" -e "s/'topic' = 'per_region'/'topic' = 'mper_region'/" \
    -e "s/'key.format' = 'json', 'value.format' = 'json'$/'key.format' = 'json', 'value.format' = 'json',\\n  'sink.buffer-flush.max-rows' = '100', 'sink.buffer-flush.interval' = '1 h'/" \
    "$here/../golden/minibatch.sql" >"$T/minibatch.sql"
grep -q "'sink.buffer-flush.max-rows' = '100'" "$T/minibatch.sql" || e2e_failed "the mini-batch job has a buffered sink"
e2e_build "$T/minibatch.sql" "$T/minibatch" || e2e_summary restore_changelog
produce_chunks musers &
producer=$!
E2E_STATE_DIR=$T/state2
RANDOM=11
e2e_kill_loop "$T/minibatch" 4 "$producer" --set users.scan.bounded.mode=unbounded \
    --set pageviews.scan.bounded.mode=unbounded
wait "$producer"
e2e_check_eq "mini-batch job: killed runs that restored a checkpoint (of $KILLS)" 1 "$((RESTORED >= KILLS / 2))"
e2e_run "$T/minibatch" "$T/m.out" "$T/m.err"
e2e_check_eq "mini-batch job: the last run exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/m.err"
e2e_check_grep "mini-batch job: the last run restores a checkpoint" 'restored checkpoint' "$T/m.err"
mkdir -p "$T/m"
e2e_consume mper_region "$T/m/per_region"
e2e_py_checks python3 "$here/changelog_check.py" check-tables "$T/users.in" "$T/m" per_region

e2e_summary restore_changelog
