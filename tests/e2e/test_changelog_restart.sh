#!/usr/bin/env bash
# This file is the end-to-end test of a killed changelog job: the job of
# test_changelog.sh runs unbounded, is killed with SIGKILL while the upsert
# source is being written, and is started again. upsert-kafka always reads
# its topic from the earliest offset (reference/flink.md 1.1), so the second
# run rebuilds its state from the whole changelog and every sink's final
# table is right, whatever the first run had written. One partition: which
# row of a region is the latest (region_last) depends on the order across
# keys, which Kafka keeps within a partition only.
#
# usage: test_changelog_restart.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker users:1 per_region:1 users_copy:1 high_scores:1 region_last:1 moves:1 region_counts:1 \
    pageviews:1 pageviews_per_region:1

if ! e2e_build "$here/../golden/changelog.sql" "$T/changelog"; then
    e2e_summary changelog_restart
fi
python3 "$here/changelog_check.py" gen "$T/users.in" 23
head -n 2000 "$T/users.in" >"$T/first.in"
tail -n +2001 "$T/users.in" >"$T/second.in"

e2e_start_bg "$T/changelog" "$T/run1.out" "$T/run1.err" --set users.scan.bounded.mode=unbounded \
    --set moves.scan.bounded.mode=unbounded
e2e_produce users "$T/first.in"
for _ in $(seq 1 100); do
    (($(e2e_count per_region) > 0)) && break
    sleep 0.1
done
e2e_produce users "$T/second.in" &
producer=$!
sleep 0.2
kill -KILL "$BG_PID" 2>/dev/null
wait "$BG_PID" 2>/dev/null
wait "$producer"
written=$(e2e_count per_region)
e2e_check_eq "the first run wrote to per_region before it was killed" 1 "$((written > 0))"

e2e_run "$T/changelog" "$T/run2.out" "$T/run2.err"
e2e_check_eq "the second run, bounded, exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/run2.err"
e2e_check_grep "and reads the whole changelog again" 'read users=4000 ' "$T/run2.err"
for t in per_region users_copy high_scores region_last; do
    e2e_consume "$t" "$T/$t"
done
e2e_py_checks python3 "$here/changelog_check.py" check-tables "$T/users.in" "$T"
e2e_summary changelog_restart
