#!/usr/bin/env bash
# This file is the end-to-end test of changelogs (tests/golden/changelog.sql): an
# upsert-kafka source with upserts, identical re-sends and deletes, read
#  - grouped by another column with COUNT, SUM, MIN, MAX, AVG, COUNT DISTINCT
#    and FILTER under retraction (ChangelogNormalize -> GroupAggregate),
#  - passed through to an upsert sink on the same key (no ChangelogNormalize),
#  - filtered (ChangelogNormalize with UPDATE_BEFORE, written as tombstones),
#  - into a sink keyed by another column (SinkUpsertMaterializer),
# each checked message by message against Flink's operator rules run
# independently in changelog_check.py, plus the trace of reference/flink.md 5.5.
#
# usage: test_changelog.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker users:1 per_region:1 users_copy:1 high_scores:1 region_last:1 moves:1 region_counts:1 \
    pageviews:1 pageviews_per_region:1

if ! e2e_build "$here/../golden/changelog.sql" "$T/changelog"; then
    e2e_summary changelog
fi

python3 "$here/changelog_check.py" gen "$T/users.in" 7
# a null key first: the json key format yields no row, so Flink drops the
# record (reference/flink.md 1.1); here it is also named and counted
printf '{"user_id":5,"region":"EU","score":1}\n' >"$T/nullkey.in"
e2e_produce users "$T/nullkey.in" 0
e2e_produce users "$T/users.in" 0
# reference/flink.md 5.5: k1 moves from EU to US, then is deleted
printf 'k1\t{"region":"EU"}\nk1\t{"region":"US"}\nk1\t\n' >"$T/moves.in"
e2e_produce moves "$T/moves.in" 0

# reference/flink.md 5.2: (u1,EU) (u2,EU) (u1,EU) (u3,US)
printf '{"user_id":"u1","user_region":"EU"}\n{"user_id":"u2","user_region":"EU"}\n{"user_id":"u1","user_region":"EU"}\n{"user_id":"u3","user_region":"US"}\n' >"$T/pv.in"
e2e_produce_values pageviews "$T/pv.in"

e2e_run "$T/changelog" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
[[ $RC == 0 ]] || sed 's/^/    | /' "$T/job.err"
for t in per_region users_copy high_scores region_last region_counts; do
    e2e_consume "$t" "$T/$t"
done
e2e_check_grep "the null-key record is named" \
    'skipped a record of users topic=users partition=0 offset=0: the JSON key format yields no row for a null key' "$T/job.err"
e2e_check_grep "and counted" 'read users=4001 \(1 skipped\)' "$T/job.err"
e2e_py_checks python3 "$here/changelog_check.py" check "$T/users.in" "$T"
e2e_check_eq "5.5: +I(EU,1) -D(EU,1) +I(US,1) -D(US,1) as upserts and tombstones" \
    "$(printf '0\tEU\t{"region":"EU","n":1}\n0\tEU\t<null>\n0\tUS\t{"region":"US","n":1}\n0\tUS\t<null>')" \
    "$(cat "$T/region_counts")"
e2e_consume pageviews_per_region "$T/pageviews_per_region"
e2e_check_eq "5.2: +I(EU,1,1) +U(EU,2,2) +U(EU,3,2) +I(US,1,1), one upsert per row" \
    "$(printf '0\tEU\t{"user_region":"EU","pv":1,"uv":1}\n0\tEU\t{"user_region":"EU","pv":2,"uv":2}\n0\tEU\t{"user_region":"EU","pv":3,"uv":2}\n0\tUS\t{"user_region":"US","pv":1,"uv":1}')" \
    "$(cat "$T/pageviews_per_region")"
e2e_summary changelog
