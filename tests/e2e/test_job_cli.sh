#!/usr/bin/env bash
# This file tests the command line and the error behaviour of a compiled job
# (the seed job with a json sink, tests/e2e/pageviews_json.sql) through sqlkc-dev-broker:
# --help, --version, --set errors (unknown table, unknown option with "did you
# mean", compiled options, bad values), --set TABLE.topic, --bootstrap-servers;
# a malformed record stops the job with exit 1 naming topic, partition and
# offset, and the group's committed offset stays on the bad record; with
# 'json.ignore-parse-errors' (pageviews_ignore_errors.sql) bad documents are
# skipped and reported, bad fields become NULL, and the rest is exact; SIGTERM
# stops an unbounded job with exit 0 after flushing its sink and committing.
#
# usage: test_job_cli.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker pageviews:2 pageviews_per_region:3 other_in:2 other_out:3 \
    bad_in:1 bad_out:1 type_in:1 type_out:1 utf8_in:1 utf8_out:1 ign_in:1 ign_out:3 utf8i_out:1 \
    sig_in:2 sig_out:3 null_in:1 null_out:1 forge_in:1 forge_out:1

cp "$here/pageviews_json.sql" "$T/pageviews.sql"
e2e_build "$T/pageviews.sql" "$T/pageviews" || e2e_summary job_cli
e2e_build "$here/pageviews_ignore_errors.sql" "$T/pageviews_ignore_errors" || e2e_summary job_cli
JOB=$T/pageviews

# pv VIEW... : one page view per "USER_ID:REGION" argument, \x1e-separated
pv() {
    local a i=0
    for a in "$@"; do
        i=$((i + 1))
        printf '{"user_id":%s,"page_id":%d,"viewtime":"2024-05-01 12:00:%02d.000","user_region":"%s"}\x1e' \
            "${a%%:*}" "$i" $((i % 60)) "${a#*:}"
    done
}

# local usage checks. Errors come before any connection: with an unreachable
# bootstrap address the job would otherwise retry for 30 s.
usage_case() { # NAME EXPECTED_RC ERE ARGS...
    local name=$1 want=$2 re=$3 rc=0 start=$SECONDS
    shift 3
    if ((want == 0)); then
        timeout 30 "$JOB" "$@" >"$T/u.out" 2>"$T/u.err" || rc=$?
    else
        timeout 30 "$JOB" --bootstrap-servers 127.0.0.1:1 "$@" >"$T/u.out" 2>"$T/u.err" || rc=$?
        e2e_check_eq "$name: fails before connecting (< 5 s)" 1 "$((SECONDS - start < 5))"
    fi
    e2e_check_eq "$name: exit code" "$want" "$rc"
    if [[ -n "$re" ]]; then
        if ((want == 0)); then e2e_check_grep "$name: output" "$re" "$T/u.out"; else e2e_check_grep "$name: message" "$re" "$T/u.err"; fi
    fi
}

# ---- --help / --version ----
usage_case "--help" 0 '^  pageviews \(kafka, source\)$' --help
e2e_check_grep "--help lists the sink" '^  pageviews_per_region \(upsert-kafka, sink\)$' "$T/u.out"
e2e_check_grep "--help marks format as compiled" "^    format = 'json'  \[compiled\]$" "$T/u.out"
e2e_check_eq "--help writes nothing to stderr" "" "$(cat "$T/u.err")"
usage_case "--version" 0 '^sqlkc [0-9]+\.[0-9]+' --version
e2e_check_grep "--version names librdkafka" '^librdkafka [0-9]' "$T/u.out"

# ---- --set errors: exit 1 with a clear message, before any Kafka ----
usage_case "--set unknown table" 1 "unknown table 'nosuch' in --set; tables: pageviews, pageviews_per_region" \
    --set nosuch.topic=x
usage_case "--set unknown option" 1 "unknown option 'scan.startup.mod'.*did you mean 'scan.startup.mode'" \
    --set pageviews.scan.startup.mod=latest-offset
usage_case "--set unknown sink option" 1 "did you mean 'sink.parallelism'" \
    --set pageviews_per_region.sink.parallelizm=2
usage_case "--set format (compiled)" 1 "option 'format' of table 'pageviews' is compiled into the job" \
    --set pageviews.format=csv
usage_case "--set value.format (compiled)" 1 "option 'value.format' of table 'pageviews_per_region' is compiled into the job" \
    --set pageviews_per_region.value.format=csv
usage_case "--set bad enum value" 1 "invalid value 'bogus' for option 'scan.startup.mode'" \
    --set pageviews.scan.startup.mode=bogus
usage_case "--set without =" 1 "expects TABLE.OPTION=VALUE" --set pageviews.topic
usage_case "unknown flag" 1 "unknown option '--bogus'" --bogus

# ---- --bootstrap-servers replaces the DDL's localhost:9092 for every table ----
usage_case "--bootstrap-servers shows in --help" 0 "^    properties.bootstrap.servers = '10.9.8.7:1234'  \[command line\]$" \
    --bootstrap-servers 10.9.8.7:1234 --help
e2e_check_eq "--bootstrap-servers applies to both tables" 2 \
    "$(grep -c "^    properties.bootstrap.servers = '10.9.8.7:1234'  \[command line\]$" "$T/u.out")"
pv 1:EU 2:EU 3:US >"$T/default.txt"
e2e_produce_sep pageviews "$T/default.txt" 0
e2e_run "$JOB" "$T/default.out" "$T/default.err"
e2e_check_eq "run with --bootstrap-servers: exit code" 0 "$RC"
e2e_table pageviews_per_region "$T/default.table"
e2e_check_eq "run with --bootstrap-servers: sink table" \
    "$(printf '%s\t%s\n' '{"user_region":"EU"}' '{"user_region":"EU","pv":2,"uv":2}' \
        '{"user_region":"US"}' '{"user_region":"US","pv":1,"uv":1}')" "$(cat "$T/default.table")"
# a dead bootstrap address is used (and fails) instead of the DDL's
rc=0
timeout 90 "$JOB" --bootstrap-servers 127.0.0.1:1 >"$T/dead.out" 2>"$T/dead.err" || rc=$?
e2e_check_eq "unreachable --bootstrap-servers: exit code" 1 "$rc"
e2e_check_grep "unreachable --bootstrap-servers: message names it" '127\.0\.0\.1:1' "$T/dead.err"

# ---- --set TABLE.topic reads and writes other topics ----
pv 7:X 8:X 7:X 9:Y >"$T/other.txt"
e2e_produce_sep other_in "$T/other.txt" 1
e2e_run "$JOB" "$T/other.out" "$T/other.err" --set pageviews.topic=other_in \
    --set pageviews_per_region.topic=other_out --set pageviews.properties.group.id=g-other
e2e_check_eq "--set topic: exit code" 0 "$RC"
e2e_table other_out "$T/other.table"
e2e_check_eq "--set topic: table of other_out" \
    "$(printf '%s\t%s\n' '{"user_region":"X"}' '{"user_region":"X","pv":3,"uv":2}' \
        '{"user_region":"Y"}' '{"user_region":"Y","pv":1,"uv":1}')" "$(cat "$T/other.table")"
e2e_check_eq "--set topic: the DDL's sink topic got nothing more" 3 "$(e2e_count pageviews_per_region)"
e2e_check_grep "--set topic: summary counts 4 records read" 'read pageviews=4\b' "$T/other.err"

# ---- a malformed record: exit 1, topic/partition/offset, offsets not past it ----
{
    pv 1:EU 2:EU 3:US
    printf '{"user_id":4,"user_region":"EU"\x1e' # offset 3: truncated
    pv 5:EU 6:US
} >"$T/bad.txt"
e2e_produce_sep bad_in "$T/bad.txt" 0
BAD=(--set pageviews.topic=bad_in --set pageviews_per_region.topic=bad_out --set pageviews.properties.group.id=g-bad)
e2e_run "$JOB" "$T/bad1.out" "$T/bad1.err" "${BAD[@]}"
e2e_check_eq "malformed JSON: exit code" 1 "$RC"
e2e_check_grep "malformed JSON: error names topic, partition and offset" \
    'error: pageviews topic=bad_in partition=0 offset=3: ' "$T/bad1.err"
e2e_check_grep "malformed JSON: Flink's message" "Failed to deserialize JSON '\{\"user_id\":4,\"user_region\":\"EU\"'" "$T/bad1.err"
e2e_table bad_out "$T/bad1.table"
e2e_check_eq "malformed JSON: the rows before it reached the sink" \
    "$(printf '%s\t%s\n' '{"user_region":"EU"}' '{"user_region":"EU","pv":2,"uv":2}' \
        '{"user_region":"US"}' '{"user_region":"US","pv":1,"uv":1}')" "$(cat "$T/bad1.table")"
e2e_check_eq "malformed JSON: sink records" 3 "$(e2e_count bad_out)"
# the job itself with group-offsets: same error, nothing re-read
e2e_run "$JOB" "$T/bad2.out" "$T/bad2.err" "${BAD[@]}" --set pageviews.scan.startup.mode=group-offsets
e2e_check_eq "malformed JSON, group-offsets rerun: exit code" 1 "$RC"
e2e_check_grep "malformed JSON, group-offsets rerun: fails at the same record" \
    'topic=bad_in partition=0 offset=3: ' "$T/bad2.err"
e2e_check_grep "malformed JSON, group-offsets rerun: reads nothing before it" 'read pageviews=0\b' "$T/bad2.err"
e2e_check_eq "malformed JSON, group-offsets rerun: no new sink records" 3 "$(e2e_count bad_out)"
# kcat in the group starts at the committed offset, the bad record's. (Done
# last: kcat -G commits when it leaves the group.)
timeout 30 "$E2E_KCAT" -b "$BOOTSTRAP" -G g-bad -e -q -f '%o\n' -X enable.auto.commit=false \
    -X auto.offset.reset=end bad_in >"$T/bad.group" 2>/dev/null
e2e_check_eq "malformed JSON: group g-bad resumes at offset 3 (kcat -G)" 3 "$(head -n 1 "$T/bad.group")"

# a field that does not convert fails too (Flink: NumberFormatException)
{
    pv 1:EU
    printf '{"user_id":"abc","user_region":"EU"}\x1e' # offset 1
} >"$T/type.txt"
e2e_produce_sep type_in "$T/type.txt" 0
e2e_run "$JOB" "$T/type.out" "$T/type.err" --set pageviews.topic=type_in \
    --set pageviews_per_region.topic=type_out --set pageviews.properties.group.id=g-type
e2e_check_eq "BIGINT field \"abc\": exit code" 1 "$RC"
e2e_check_grep "BIGINT field \"abc\": error names the record" 'topic=type_in partition=0 offset=1: Failed to deserialize JSON' "$T/type.err"

# ---- json.ignore-parse-errors: bad documents skipped and reported, bad fields NULL ----
# Bug found by this test (at commit adfda2e): with ignore-parse-errors the job
# skipped the whole record when one field did not convert (offsets 3 and 4
# below); Flink's JsonToRowDataConverters.wrapIntoNullableConverter sets just
# that field to NULL and keeps the row. (Being fixed in compiler/gen_json.c.)
{
    pv 1:EU                                                      # 0
    printf '{"user_id":2,"user_region":"EU"\x1e'                 # 1 truncated: skipped
    printf 'not json\x1e'                                        # 2 skipped
    printf '{"user_id":"abc","user_region":"EU"}\x1e'            # 3 user_id -> NULL, row kept
    printf '{"user_id":3,"page_id":"x7","user_region":"US"}\x1e' # 4 page_id -> NULL, row kept
    pv 5:US 1:EU                                                 # 5, 6
} >"$T/ign.txt"
e2e_produce_sep ign_in "$T/ign.txt" 0
e2e_run "$T/pageviews_ignore_errors" "$T/ign.out" "$T/ign.err" \
    --set pageviews.topic=ign_in --set pageviews_per_region.topic=ign_out
e2e_check_eq "ignore-parse-errors: exit code" 0 "$RC"
for off in 1 2; do
    e2e_check_grep "ignore-parse-errors: skipped offset $off is reported" \
        "skipped a record of pageviews topic=ign_in partition=0 offset=$off: " "$T/ign.err"
done
# the summary counts the skipped records and the fields set NULL: offset 3's
# user_id (offset 4's page_id is never converted: the job does not read it)
e2e_check_grep "ignore-parse-errors: the summary counts 2 skipped, 1 field NULL" '\(2 skipped, 1 field NULL\)' \
    "$T/ign.err"
e2e_check_grep "ignore-parse-errors: the first NULL field is named" \
    'pageviews topic=ign_in partition=0 offset=3: a field that does not convert is NULL' "$T/ign.err"
e2e_check_no_grep "ignore-parse-errors: a bad field does not skip the row (offsets 3, 4)" \
    'skipped a record of pageviews topic=ign_in partition=0 offset=[34]:' "$T/ign.err"
e2e_table ign_out "$T/ign.table"
e2e_check_eq "ignore-parse-errors: the rest is exact, bad fields count as NULL" \
    "$(printf '%s\t%s\n' '{"user_region":"EU"}' '{"user_region":"EU","pv":3,"uv":1}' \
        '{"user_region":"US"}' '{"user_region":"US","pv":2,"uv":2}')" "$(cat "$T/ign.table")"
e2e_check_eq "ignore-parse-errors: one upsert per kept row" 5 "$(e2e_count ign_out)"

# ---- invalid UTF-8 in a string: Jackson rejects the document ----
# Found by this test (the job once wrote the bytes E \xff U, invalid, into
# the sink): as Flink's Jackson parser ("Invalid UTF-8 start byte 0xff"), the
# job fails, or with ignore-parse-errors skips the record.
{
    pv 1:EU
    printf '{"user_id":2,"user_region":"E\xffU"}\x1e' # offset 1
    pv 3:EU
} >"$T/utf8.txt"
e2e_produce_sep utf8_in "$T/utf8.txt" 0
e2e_run "$JOB" "$T/utf8.out" "$T/utf8.err" --set pageviews.topic=utf8_in \
    --set pageviews_per_region.topic=utf8_out --set pageviews.properties.group.id=g-utf8
e2e_check_eq "invalid UTF-8: exit code" 1 "$RC"
e2e_check_grep "invalid UTF-8: error names the record" 'topic=utf8_in partition=0 offset=1: ' "$T/utf8.err"
e2e_check_eq "invalid UTF-8: sink records" 1 "$(e2e_count utf8_out)"
e2e_run "$T/pageviews_ignore_errors" "$T/utf8i.out" "$T/utf8i.err" --set pageviews.topic=utf8_in \
    --set pageviews_per_region.topic=utf8i_out --set pageviews.properties.group.id=g-utf8i
e2e_check_eq "invalid UTF-8, ignore-parse-errors: exit code" 0 "$RC"
e2e_check_grep "invalid UTF-8, ignore-parse-errors: the record is skipped and reported" \
    'skipped a record of pageviews topic=utf8_in partition=0 offset=1: ' "$T/utf8i.err"
e2e_table utf8i_out "$T/utf8i.table"
e2e_check_eq "invalid UTF-8, ignore-parse-errors: table" \
    "$(printf '%s\t%s\n' '{"user_region":"EU"}' '{"user_region":"EU","pv":2,"uv":2}')" "$(cat "$T/utf8i.table")"

# ---- the JSON document null gives no row (Flink 1.15+; 1.12 failed on it) ----
{
    pv 1:EU
    printf 'null\x1e'            # offset 1
    printf ' \t null \n\x1e'    # offset 2
    pv 2:US
} >"$T/null.txt"
e2e_produce_sep null_in "$T/null.txt" 0
e2e_run "$JOB" "$T/null.out" "$T/null.err" --set pageviews.topic=null_in \
    --set pageviews_per_region.topic=null_out --set pageviews.properties.group.id=g-null
e2e_check_eq "JSON null documents: exit code" 0 "$RC"
e2e_check_grep "JSON null documents: the first is named" \
    'pageviews topic=null_in partition=0 offset=1: a null, empty or JSON null message gives no row' "$T/null.err"
e2e_check_grep "JSON null documents: the summary counts them" 'read pageviews=4 \(2 without a row\)' "$T/null.err"
e2e_table null_out "$T/null.table"
e2e_check_eq "JSON null documents: the table of the other rows" \
    "$(printf '%s\t%s\n' '{"user_region":"EU"}' '{"user_region":"EU","pv":1,"uv":1}' \
        '{"user_region":"US"}' '{"user_region":"US","pv":1,"uv":1}')" "$(cat "$T/null.table")"

# ---- a record cannot forge log lines: what it holds is escaped ----
printf '{"user_id":1,\nsig: error: forged line \033[31m\x1e' >"$T/forge.txt"
e2e_produce_sep forge_in "$T/forge.txt" 0
e2e_run "$JOB" "$T/forge.out" "$T/forge.err" --set pageviews.topic=forge_in \
    --set pageviews_per_region.topic=forge_out --set pageviews.properties.group.id=g-forge
e2e_check_eq "a record with a newline and an escape: exit code" 1 "$RC"
e2e_check_no_grep "a record with a newline and an escape: no line of its own" '^sig: error: forged' "$T/forge.err"
e2e_check_grep "a record with a newline and an escape: shown escaped" \
    "offset=0: Failed to deserialize JSON '\\{\"user_id\":1,\\\\x0Asig: error: forged line \\\\x1B\\[31m'" "$T/forge.err"

# ---- SIGTERM on an unbounded job: exit 0, sink flushed, offsets committed ----
# With linger.ms=60000 the sink's producer holds records until the job flushes
# (at its offset commits, and on SIGTERM): whatever is missing before SIGTERM
# must come out on the way out, well within the linger time.
python3 - "$T/sig.txt" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(600):
        f.write('{"user_id":%d,"page_id":%d,"viewtime":"2024-05-01 12:00:00","user_region":"r%d"}\x1e'
                % (i % 37, i, i % 10))
EOF
e2e_produce_sep sig_in "$T/sig.txt"
SIG=(--set pageviews.topic=sig_in --set pageviews_per_region.topic=sig_out
    --set pageviews.properties.group.id=g-sig --set pageviews.scan.startup.mode=group-offsets
    --set pageviews.properties.auto.offset.reset=earliest)
e2e_start_bg "$JOB" "$T/sig.out" "$T/sig.err" "${SIG[@]}" --set pageviews.scan.bounded.mode=unbounded \
    --set pageviews_per_region.properties.linger.ms=60000
sig_pid=$BG_PID
sleep 5
if kill -0 "$sig_pid" 2>/dev/null; then
    e2e_pass "unbounded job still running after 5 s"
else
    e2e_failed "unbounded job still running after 5 s" "it exited:"
    sed 's/^/    | /' "$T/sig.err"
fi
records_before=$(e2e_count sig_out)
start=$SECONDS
kill -TERM "$sig_pid" 2>/dev/null
rc=0
wait "$sig_pid" || rc=$?
took=$((SECONDS - start))
e2e_check_eq "SIGTERM: exit code" 0 "$rc"
e2e_check_eq "SIGTERM: stopped within 20 s (did not wait for linger.ms)" 1 "$((took < 20))"
echo "    ($records_before sink records before SIGTERM, shutdown took ${took}s)"
e2e_check_grep "SIGTERM: summary counts 600 records read" 'read pageviews=600\b' "$T/sig.err"
e2e_check_eq "SIGTERM: all 600 upserts flushed" 600 "$(e2e_count sig_out)"
python3 - "$T/sig.want" <<'EOF'
import sys
pv, users = {}, {}
for i in range(600):
    r = "r%d" % (i % 10)
    pv[r] = pv.get(r, 0) + 1
    users.setdefault(r, set()).add(i % 37)
with open(sys.argv[1], "w") as f:
    for r in sorted(pv):
        f.write('{"user_region":"%s"}\t{"user_region":"%s","pv":%d,"uv":%d}\n' % (r, r, pv[r], len(users[r])))
EOF
e2e_table sig_out "$T/sig.table"
e2e_check_files "SIGTERM: final table of sig_out" "$T/sig.want" "$T/sig.table"
# the offsets were committed on the way out: the group has nothing left to read
e2e_run "$JOB" "$T/sig2.out" "$T/sig2.err" "${SIG[@]}"
e2e_check_eq "SIGTERM, group-offsets rerun: exit code" 0 "$RC"
e2e_check_grep "SIGTERM, group-offsets rerun: nothing left to read" 'read pageviews=0\b' "$T/sig2.err"

e2e_summary job_cli
