#!/usr/bin/env python3
"""This file turns an upsert-kafka changelog into the table it stands for.

Input on stdin: the topic as `kcat -C -e -J` prints it, one JSON envelope per
record. A record sets its key's row to its value; a tombstone (null value)
deletes the key; per key the last record wins (records of one key share a
partition, and kcat keeps each partition's order). The value must be a JSON
object: its fields are the columns, in the order the first row gives them.

With --avro KEY_SCHEMA VALUE_SCHEMA (Avro schemas as JSON text) the input is
instead a dump as `kcat -C -e -f '%p %o %K %S\n%k%s\n'` writes it (lengths, then
the raw key and value bytes), and keys and values are decoded with python3-avro
under those schemas: the avro key and value formats of upsert-kafka.

Output: an aligned table sorted by key (default), or with --jsonl one row per
line as canonical JSON (sorted fields), for comparing with an expected table.
"""
import argparse
import json
import sys
import unicodedata


def final_rows(lines):
    rows = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            env = json.loads(line)
        except ValueError as e:
            sys.exit("upsert-table: line %d is not a kcat -J envelope: %s" % (n, e))
        key = env.get("key")
        if env.get("payload") is None:
            rows.pop(key, None)
        else:
            try:
                value = json.loads(env["payload"])
            except ValueError:
                value = None
            if not isinstance(value, dict):
                sys.exit("upsert-table: line %d: the value is not a JSON object" % n)
            rows[key] = value
    return [rows[k] for k in sorted(rows, key=lambda k: (k is None, k or ""))]


def avro_rows(data, key_schema, value_schema):
    """The final table of an avro-encoded upsert changelog read from a kcat dump."""
    import io

    import avro.io
    import avro.schema

    def decoder(schema_json):
        schema = avro.schema.parse(schema_json)
        reader = avro.io.DatumReader(schema)
        return lambda b: reader.read(avro.io.BinaryDecoder(io.BytesIO(b)))

    key_of, value_of = decoder(key_schema), decoder(value_schema)
    rows, i = {}, 0
    while i < len(data):
        nl = data.index(b"\n", i)
        _, _, kl, vl = (int(x) for x in data[i:nl].split(b" "))
        i = nl + 1
        key = data[i:i + kl] if kl >= 0 else None
        i += max(kl, 0)
        val = data[i:i + vl] if vl >= 0 else None
        i += max(vl, 0) + 1
        k = json.dumps(key_of(key), sort_keys=True) if key is not None else None
        if val is None:
            rows.pop(k, None)
        else:
            rows[k] = value_of(val)
    return [rows[k] for k in sorted(rows, key=lambda k: (k is None, k or ""))]


def width(text):
    """Terminal columns of text: East Asian wide characters take two, combining marks none."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def cell(value):
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def print_table(rows, out):
    columns = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    if not columns:
        out.write("(empty table)\n")
        return
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    numeric = [all(isinstance(row.get(c), (int, float)) for row in rows) for c in columns]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values, right):
        parts = []
        for v, w, r in zip(values, widths, right):
            pad = " " * (w - width(v))
            parts.append(pad + v if r else v + pad)
        return "| " + " | ".join(parts) + " |\n"

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+\n"
    out.write(rule + line(columns, [False] * len(columns)) + rule)
    for r in cells:
        out.write(line(r, numeric))
    out.write(rule + "%d row%s\n" % (len(cells), "" if len(cells) == 1 else "s"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", action="store_true", help="canonical JSON rows instead of a table")
    ap.add_argument("--avro", nargs=2, metavar=("KEY_SCHEMA", "VALUE_SCHEMA"),
                    help="decode an avro key/value kcat dump with these schemas")
    args = ap.parse_args()
    if args.avro:
        rows = avro_rows(sys.stdin.buffer.read(), *args.avro)
    else:
        rows = final_rows(sys.stdin)
    if args.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    else:
        print_table(rows, sys.stdout)


if __name__ == "__main__":
    main()
