#!/usr/bin/env bash
# This file is the end-to-end test of OPTIONS hints (hints.sql): two uses of
# one source table read two topics and two uses of one sink table write two
# topics, as their hints say (the DDL's topics do not exist); the second source
# use also turns on 'json.ignore-parse-errors', so its malformed record is
# skipped while the same record stops the job when read without the hint.
#
# usage: test_hints.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker in_a:1 in_b:1 out_a:1 out_b:1 bad:1 bad_out:1
e2e_build "$here/hints.sql" "$T/hints" || e2e_summary hints

printf '{"id":1,"name":"a"}\x1e{"id":2,"name":"b"}' >"$T/a.txt"
printf '{"id":10,"name":"x"}\x1e{"id":11,"name":\x1e{"id":12,"name":"z"}' >"$T/b.txt"
e2e_produce_sep in_a "$T/a.txt" 0
e2e_produce_sep in_b "$T/b.txt" 0
e2e_run "$T/hints" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values out_a "$T/out_a.txt"
e2e_dump_values out_b "$T/out_b.txt"
e2e_check_eq "the first use reads in_a and writes out_a" \
    '{"id":1,"name":"a"} {"id":2,"name":"b"}' "$(tr '\n' ' ' <"$T/out_a.txt" | sed 's/ $//')"
e2e_check_eq "the second use reads in_b, skips the malformed record, writes out_b" \
    '{"id":10,"name":"X"} {"id":12,"name":"Z"}' "$(tr '\n' ' ' <"$T/out_b.txt" | sed 's/ $//')"
e2e_check_grep "the skipped record is named" "topic=in_b partition=0 offset=1" "$T/job.err"

# without the ignore-parse-errors hint the same record stops the job
sed 's/, '"'"'json.ignore-parse-errors'"'"' = '"'"'true'"'"'//; s/in_b/bad/; s/out_b/bad_out/' "$here/hints.sql" >"$T/strict.sql"
e2e_build "$T/strict.sql" "$T/strict" || e2e_summary hints
e2e_produce_sep bad "$T/b.txt" 0
e2e_run "$T/strict" "$T/strict.out" "$T/strict.err"
e2e_check_eq "without the hint the malformed record stops the job (exit 1)" 1 "$RC"
e2e_check_grep "and is named" "topic=bad partition=0 offset=1" "$T/strict.err"
e2e_summary hints
