#!/usr/bin/env bash
# This file is the end-to-end test of the `headers` metadata
# (tests/golden/headers.sql), produced and read with kcat (-H, -f '%h'): read
# as a MAP<STRING, BYTES> in Flink's HashMap order (expected orders from
# java tests/tools/FlinkMapOrder.java), a repeated name keeps its last value,
# a NULL value stays NULL when read and is left out when written, a record
# without headers reads as an empty map and writes none; ChangelogNormalize
# keeps a row's headers, so the tombstone of a delete carries the stored ones;
# a buffered upsert sink writes each key's last change with its headers (a
# tombstone's own headers where no ChangelogNormalize stores the row).
#
# usage: test_headers.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker events:1 profiles:1 seen:1 relay:1 out_profiles:1 out_buffered:1

if ! e2e_build "$here/../golden/headers.sql" "$T/headers"; then
    e2e_summary headers
fi

k() { "$E2E_KCAT" -b "$BOOTSTRAP" -P "$@" || e2e_failed "produce $*"; }
printf '{"id":1}' | k -t events -H x=1 -H y -H x=2 -H e=
printf '{"id":2}' | k -t events -H trace=abc -H 'b=hi there' -H n
printf '{"id":3}' | k -t events
printf '{"id":1}\t{"id":1,"score":5}' | k -t profiles -K $'\t' -H v=1
printf '{"id":2}\t{"id":2,"score":3}' | k -t profiles -K $'\t' -H v=2 -H w=x
printf '{"id":2}\t' | k -t profiles -K $'\t' -Z -H t=1

e2e_run "$T/headers" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values seen "$T/seen"
e2e_check_eq "headers read as MAP<STRING, BYTES> (base64 in JSON)" \
'{"id":1,"h":{"x":"Mg==","y":null,"e":""}}
{"id":2,"h":{"n":null,"trace":"YWJj","b":"aGkgdGhlcmU="}}
{"id":3,"h":{}}' "$(cat "$T/seen")"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t relay -o beginning -e -q -f '%h|%s\n' >"$T/relay" || e2e_failed consume relay
e2e_check_eq "headers written from the column, NULL values left out, none for an empty map" \
'trace=abc,b=hi there|{"id":2}
|{"id":3}' "$(cat "$T/relay")"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t out_profiles -o beginning -e -q -Z -f '%h|%k|%s\n' >"$T/out_profiles" ||
    e2e_failed consume out_profiles
e2e_check_eq "upsert sink: headers with each change, the stored ones on the tombstone" \
'v=1|{"id":1}|{"id":1,"score":5}
w=x,v=2|{"id":2}|{"id":2,"score":3}
w=x,v=2|{"id":2}|NULL' "$(cat "$T/out_profiles")"
"$E2E_KCAT" -b "$BOOTSTRAP" -C -t out_buffered -o beginning -e -q -Z -f '%h|%k|%s\n' >"$T/out_buffered" ||
    e2e_failed consume out_buffered
# (a pass-through of the upsert source on its key has no ChangelogNormalize,
# so the delete is the tombstone's own row, with the tombstone's headers)
e2e_check_eq "buffered upsert sink: the last change of each key, with its headers" \
'v=1|{"id":1}|{"id":1,"score":5}
t=1|{"id":2}|NULL' "$(cat "$T/out_buffered")"
e2e_summary headers
