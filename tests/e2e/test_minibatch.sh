#!/usr/bin/env bash
# This file is the end-to-end test of mini-batch (tests/golden/minibatch.sql):
# the changelog of test_changelog.sh aggregated with bundles of 50 rows, checked
# message by message against Flink's buffering operators simulated in
# changelog_check.py (same final table, fewer messages), and the trace of
# reference/flink.md 5.3 in one bundle: +I(EU,3,2), +I(US,1,1).
#
# usage: test_minibatch.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker users:1 per_region:1 pageviews:1 pageviews_per_region:1 pv_latency:1

if ! e2e_build "$here/../golden/minibatch.sql" "$T/minibatch"; then
    e2e_summary minibatch
fi
python3 "$here/changelog_check.py" gen "$T/users.in" 11
e2e_produce users "$T/users.in" 0
printf '{"user_id":"u1","user_region":"EU"}\n{"user_id":"u2","user_region":"EU"}\n{"user_id":"u1","user_region":"EU"}\n{"user_id":"u3","user_region":"US"}\n' >"$T/pv.in"
e2e_produce_values pageviews "$T/pv.in"

e2e_run "$T/minibatch" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err"
e2e_consume per_region "$T/per_region"
e2e_consume pageviews_per_region "$T/pageviews_per_region"
e2e_py_checks python3 "$here/changelog_check.py" check-minibatch "$T/users.in" "$T" 50
e2e_check_eq "5.3: one bundle gives one message per region" \
    "$(printf '0\tEU\t{"user_region":"EU","pv":3,"uv":2}\n0\tUS\t{"user_region":"US","pv":1,"uv":1}')" \
    "$(cat "$T/pageviews_per_region")"
# allow-latency: the same job with a 1 s latency and a size never reached runs
# unbounded; its bundle ends on the timer (checkpoints are SET to 1 h), so
# the counts appear while it runs, not only at its end
sed -e "s/'table.exec.mini-batch.allow-latency' = '1 h'/'table.exec.mini-batch.allow-latency' = '1 s'/" \
    -e "s/'table.exec.mini-batch.size' = '50'/'table.exec.mini-batch.size' = '1000000'/" \
    -e "s/'topic' = 'pageviews_per_region'/'topic' = 'pv_latency'/" \
    "$here/../golden/minibatch.sql" >"$T/latency.sql"
if e2e_build "$T/latency.sql" "$T/latency"; then
    e2e_start_bg "$T/latency" "$T/lat.out" "$T/lat.err" --set users.scan.bounded.mode=unbounded \
        --set pageviews.scan.bounded.mode=unbounded --set pageviews.properties.group.id=latency
    found=0
    for _ in $(seq 1 50); do
        if [[ $(e2e_count pv_latency) -ge 2 ]]; then
            found=1
            break
        fi
        sleep 0.2
    done
    e2e_check_eq "a bundle ends when allow-latency has passed, while the job runs" 1 "$found"
    kill -TERM "$BG_PID" 2>/dev/null
    wait "$BG_PID" 2>/dev/null
    e2e_consume pv_latency "$T/pv_latency"
    e2e_check_eq "one change per region for the bundle" \
        "$(printf '0\tEU\t{"user_region":"EU","pv":3,"uv":2}\n0\tUS\t{"user_region":"US","pv":1,"uv":1}')" \
        "$(cat "$T/pv_latency")"
fi
e2e_summary minibatch
