#!/usr/bin/env bash
# This file is the format matrix of issue 3 (driver: format_matrix.py): for
# json, csv, avro, avro-confluent and raw, every scalar type Flink supports in
# the format, as key and as value, written by an independent encoder (Python's
# json and csv modules, python3-avro with the test registry, struct), copied by
# a job to a sink of the same format (and json -> avro, avro -> json), and read
# back by the independent decoder: every record byte for byte against Flink's
# texts, and every value against what was written. MATRIX_PART=raw runs the
# raw part (test_format_matrix_raw.sh), the default the other formats.
#
# usage: [MATRIX_PART=raw] test_format_matrix.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
part=${MATRIX_PART:-formats}
name=format_matrix$([[ $part == raw ]] && echo _raw)
py=python3
python3 -c 'import avro.io' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import avro.io' 2>/dev/null || { echo "e2e format_matrix: SKIP (no python3-avro)"; exit 77; }

"$py" "$here/../registry/registry_server.py" --port-file "$T/registry.port" >/dev/null 2>"$T/registry.err" &
E2E_BG_PIDS+=("$!")
for _ in $(seq 100); do [[ -s "$T/registry.port" ]] && break; sleep 0.1; done
[[ -s "$T/registry.port" ]] || e2e_fail "the test registry did not start: $(cat "$T/registry.err")"
REGISTRY=http://127.0.0.1:$(cat "$T/registry.port")

cases=$("$py" "$here/format_matrix.py" sql "$T" "$REGISTRY" "$part") || e2e_fail "format_matrix.py sql failed"
topics=()
for t in $(cat "$T/topics"); do topics+=("$t:1"); done
e2e_start_broker "${topics[@]}"
"$py" "$here/format_matrix.py" produce "$T" "$REGISTRY" "$part" || e2e_failed "format_matrix.py produce"
while read -r topic file kd d z; do
    args=(-b "$BOOTSTRAP" -P -t "$topic" -p 0 -K "$kd" -D "$d")
    [[ $z == -Z ]] && args+=(-Z)
    "$E2E_KCAT" "${args[@]}" <"$file" || e2e_failed "produce $file"
done <"$T/batches"

for c in $cases; do
    if e2e_build "$T/$c.sql" "$T/$c"; then
        e2e_run "$T/$c" "$T/$c.out" "$T/$c.err"
        e2e_check_eq "job $c exits 0" 0 "$RC"
        [[ $RC == 0 ]] || sed 's/^/    | /' "$T/$c.err" | head -n 20
    fi
done
for t in "${topics[@]}"; do
    t=${t%:1}
    [[ $t == out_* ]] && e2e_dump "$t" "$T/$t.dump"
done
e2e_py_checks "$py" "$here/format_matrix.py" check "$T" "$REGISTRY" "$part"
e2e_summary "$name"
