#!/usr/bin/env bash
# This file is the end-to-end test of an insert-only job: filter_project.sql
# (tests/golden/filter_project.sql, bounded) from kafka json to kafka json with
# 'json.encode.ignore-null-fields'. About 2 900 orders (random rows with NULLs, an
# exhaustive grid of NULL / boundary combinations for the WHERE clause and
# CASE, doubles chosen for Java's Double.toString layout, numbers in strings,
# non-ASCII customers for UPPER) go through the job; every output value is
# compared byte for byte with a Python reimplementation of the query that uses
# SQL's three-valued logic, Jackson's escaping and Java's Double.toString.
# The input topic has 3 partitions, the output topic 1, so the output must
# keep each input partition's order.
#
# usage: test_insert_only.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker orders:3 big_orders:1

if ! e2e_build "$here/filter_project.sql" "$T/filter_project"; then
    e2e_summary insert_only
fi

cat >"$T/orders.py" <<'EOF'
"""Orders for filter_project.sql and the query, reimplemented.

  orders.py gen DIR      DIR/in-<p>.txt (records separated by \x1e) and DIR/expected.json
  orders.py check DIR DUMP
"""
import decimal
import json
import math
import random
import sys
from collections import Counter

sys.path.insert(0, sys.argv[-1])  # tests/e2e, for gen_pageviews' helpers
from gen_pageviews import jackson_string, java_double, read_dump  # noqa: E402

PARTS = 3


# ---- Flink's json decoding of the source row (JsonToRowDataConverters) ----

def as_text(v):
    """JsonNode.asText() for the scalars used here."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return java_double(v)
    return str(v)


def dec_bigint(v):
    return None if v is None else (v if isinstance(v, int) and not isinstance(v, bool) else int(as_text(v).strip()))


def dec_double(v):
    if v is None:
        return None
    if isinstance(v, float):
        return v
    return float(as_text(v).strip())  # Double.parseDouble(text.trim()); ints go this way too


def dec_string(v):
    return None if v is None else (v if isinstance(v, str) else as_text(v))


def dec_bool(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    return as_text(v).strip().lower() == "true"  # Boolean.parseBoolean


def decode(text):
    doc = json.loads(text)
    return {"order_id": dec_bigint(doc.get("order_id")), "customer": dec_string(doc.get("customer")),
            "amount": dec_double(doc.get("amount")), "quantity": dec_bigint(doc.get("quantity")),
            "status": dec_string(doc.get("status")), "vip": dec_bool(doc.get("vip"))}


# ---- the query, with SQL's three-valued logic (None = UNKNOWN) ----

def and3(*xs):
    if any(x is False for x in xs):
        return False
    if any(x is None for x in xs):
        return None
    return True


def or3(*xs):
    if any(x is True for x in xs):
        return True
    if any(x is None for x in xs):
        return None
    return False


def cmp3(a, op, b):
    if a is None or b is None:
        return None
    return {">=": a >= b, "<=": a <= b, "=": a == b}[op]


def like_prefix(s, prefix):
    return None if s is None else s.startswith(prefix)


def query(r):
    where = and3(or3(like_prefix(r["status"], "p"), cmp3(r["status"], "=", "new")),
                 and3(cmp3(r["quantity"], ">=", 1), cmp3(r["quantity"], "<=", 1000)),
                 r["customer"] is not None)
    if where is not True:
        return None
    amount, qty = r["amount"], r["quantity"]
    total = None if amount is None or qty is None else amount * float(qty)
    if cmp3(amount, ">=", 100) is True:
        bucket = "large"
    elif cmp3(amount, ">=", 10) is True:
        bucket = "medium"
    else:
        bucket = "small"
    in_list = None if r["status"] is None else r["status"] in ("new", "paid")
    flagged = and3(r["vip"] is True, in_list)
    out = [("order_id", r["order_id"]), ("who", r["customer"].upper() + "!"), ("total", total),
           ("bucket", bucket), ("qty_text", None if qty is None else str(qty)), ("flagged", flagged)]
    parts = []
    for name, v in out:
        if v is None:
            continue  # json.encode.ignore-null-fields
        if isinstance(v, bool):
            enc = b"true" if v else b"false"
        elif isinstance(v, int):
            enc = str(v).encode()
        elif isinstance(v, float):
            s = java_double(v)
            enc = ('"%s"' % s).encode() if s in ("NaN", "Infinity", "-Infinity") else s.encode()
        else:
            enc = jackson_string(v)
        parts.append(b'"' + name.encode() + b'":' + enc)
    return b"{" + b",".join(parts) + b"}"


# ---- the generator ----

STATUSES = ["new", "paid", "pending", "p", "P", "Paid", "shipped", "", "p%", "new ", " new", "pü", "x", None]
CUSTOMERS = ["alice", "Bob", "carol-7", "d'Artagnan", "eve smith", "Zoë", "müller", "straße", "東京商事",
             "🛒 shop", 'say "hi"', "back\\slash", "tab\tname", "new\nline", "ctl\u0001x", "a/b", "ǆemal",
             "ﬁne", "ΐ", "İstanbul", "ı", ""]


def jnum(rng, v, as_string_p=0.1):
    if isinstance(v, float):
        t = repr(v)
    else:
        t = str(v)
    return json.dumps(t) if rng.random() < as_string_p else t


def record(rng, f, extra=True):
    """f: field -> python value, or the raw JSON text with ('raw', text); absent = missing."""
    items = []
    for k, v in f.items():
        if isinstance(v, tuple) and v[0] == "raw":
            t = v[1]
        elif v is None:
            t = "null"
        elif isinstance(v, bool):
            t = "true" if v else "false"
        elif isinstance(v, (int, float)):
            t = jnum(rng, v, 0.1 if extra else 0.0)
        else:
            t = json.dumps(v, ensure_ascii=rng.random() < 0.3)
        items.append((json.dumps(k), t))
    if extra and rng.random() < 0.2:
        items.append(('"note"', '{"status":"new","customer":null,"x":[1,2.5,"s"]}'))
    if extra and rng.random() < 0.1:
        items.append(('"Status"', '"new"'))
    rng.shuffle(items)
    sep = rng.choice(["", " ", "\n", "\t"])
    return "{" + ",".join(k + ":" + sep + t for k, t in items) + "}"


def maybe(rng, v, p_null=0.08, p_missing=0.04):
    r = rng.random()
    if r < p_null:
        return None
    if r < p_null + p_missing:
        return Ellipsis
    return v


def fields(**kw):
    return {k: v for k, v in kw.items() if v is not Ellipsis}


def gen(outdir):
    rng = random.Random(424242)
    rows = []  # (category, record text)
    # plain: random orders with NULLs everywhere
    for i in range(2000):
        amount = rng.choice([round(rng.uniform(0, 20), 2), round(rng.uniform(0, 300), 2), float(rng.randint(0, 150)),
                             rng.choice([9.99, 10.0, 99.99, 100.0, 0.0, -5.5])])
        f = fields(order_id=maybe(rng, 1_000_000 + i, 0.02, 0.01), customer=maybe(rng, rng.choice(CUSTOMERS[:5])),
                   amount=maybe(rng, amount), quantity=maybe(rng, rng.choice([rng.randint(-2, 20), rng.randint(0, 1100), 1, 1000, 1001, 0])),
                   status=maybe(rng, rng.choice(STATUSES[:-1]), 0.1), placed=maybe(rng, "2024-03-01 10:00:%02d.%03d" % (i % 60, i % 1000)),
                   vip=maybe(rng, rng.random() < 0.5, 0.15))
        rows.append(("plain random rows", record(rng, f)))
    # exhaustive grid for WHERE, CASE and IN with NULLs and boundaries
    n = 0
    for status in [None, "new", "paid", "pending", "x"]:
        for vip in [True, False, None]:
            for qty in [None, 0, 1, 1000, 1001]:
                for cust in [None, "c"]:
                    for amount in [None, 9.99, 10.0, 99.99, 100.0]:
                        n += 1
                        f = fields(order_id=2_000_000 + n, customer=cust, amount=amount, quantity=qty, status=status, vip=vip)
                        rows.append(("three-valued logic grid", record(rng, f, extra=False)))
    # doubles for Double.toString's layout (amount * 1 = amount)
    doubles = [1e-5, 0.001, 0.00099999, 0.0012345, 9999999.0, 9999999.999, 1e7, 12345678.9, 123456789.0, 1e21, 1e22,
               1e-300, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 2.0 ** 53 + 2, 100.0,
               -0.0, -1e-7, -123.456, 4.35, 0.5, 3.0e10, 1.0e-3 * 7, 5e-324, 1.5e-323, 2.5e-322]
    for i, d in enumerate(doubles):
        f = fields(order_id=3_000_000 + i, customer="d", amount=d, quantity=1, status="paid", vip=False)
        rows.append(("Double.toString layout", record(rng, f, extra=False)))
    for i, (a, q) in enumerate([(0.1, 3), (1.1, 7), (33.33, 3), (1e300, 1000), (1.7976931348623157e308, 2), (-1e308, 10),
                                (2.5e-323, 1000), (19.99, 999)]):
        f = fields(order_id=3_100_000 + i, customer="m", amount=a, quantity=q, status="new", vip=True)
        rows.append(("Double.toString of products (incl. overflow to Infinity)", record(rng, f, extra=False)))
    # numbers and booleans given as strings, trimmed like Flink (text.trim())
    specials = [
        {"order_id": ("raw", '"4000001"'), "amount": ("raw", '"12.5"'), "quantity": ("raw", '"7"')},
        {"order_id": ("raw", '" 4000002 "'), "amount": ("raw", '" 3.25 "'), "quantity": ("raw", '" 4 "')},
        {"order_id": ("raw", "4000003"), "amount": ("raw", "1E2"), "quantity": ("raw", "2")},
        {"order_id": ("raw", "4000004"), "amount": ("raw", "1.0e-2"), "quantity": ("raw", "3")},
        {"order_id": ("raw", "4000005"), "amount": ("raw", "12345678901234567890"), "quantity": ("raw", "1")},
        {"order_id": ("raw", "4000007"), "amount": ("raw", "0.1000000000000000055511151231257827"), "quantity": ("raw", "1")},
        {"order_id": ("raw", "4000008"), "amount": ("raw", "7"), "quantity": ("raw", "1"), "vip": ("raw", '"true"')},
        {"order_id": ("raw", "4000009"), "amount": ("raw", "7"), "quantity": ("raw", "1"), "vip": ("raw", '"TRUE"')},
        {"order_id": ("raw", "4000010"), "amount": ("raw", "7"), "quantity": ("raw", "1"), "vip": ("raw", '"yes"')},
        {"order_id": ("raw", "4000011"), "amount": ("raw", "7"), "quantity": ("raw", "1"), "vip": ("raw", '" true "')},
        {"order_id": ("raw", "9223372036854775807"), "amount": ("raw", "7"), "quantity": ("raw", "2147483647")},
        {"order_id": ("raw", "-9223372036854775808"), "amount": ("raw", "7"), "quantity": ("raw", "1000")},
    ]
    for f in specials:
        f.setdefault("customer", "s")
        f.setdefault("status", "new")
        f.setdefault("vip", True)
        rows.append(("numbers and booleans as strings / number forms", record(rng, f, extra=False)))
    # NaN and infinities through Double.parseDouble of a string; written by Jackson as strings
    for i, t in enumerate(['"NaN"', '"Infinity"', '"-Infinity"']):
        f = {"order_id": 5_000_000 + i, "customer": "n", "amount": ("raw", t), "quantity": 2, "status": "paid", "vip": True}
        rows.append(("NaN / Infinity amounts", record(rng, f, extra=False)))
    # non-ASCII and escaped customers through UPPER and the JSON writer
    for i, c in enumerate(CUSTOMERS):
        f = fields(order_id=6_000_000 + i, customer=c, amount=50.0, quantity=1, status="paid", vip=True)
        rows.append(("UPPER and Jackson escaping of customers", record(rng, f, extra=False)))
    # scalar non-string customer: STRING from a number or boolean node is its text
    for i, t in enumerate(["123", "true", "-7"]):
        f = {"order_id": 7_000_000 + i, "customer": ("raw", t), "amount": 1.5, "quantity": 1, "status": "new", "vip": False}
        rows.append(("STRING column from a JSON number / boolean", record(rng, f, extra=False)))
    # empty and null messages produce no row; {} is a row of NULLs (filtered out)
    rows.append(("empty object", "{}"))

    files = [[] for _ in range(PARTS)]
    expected = [[] for _ in range(PARTS)]
    for cat, text in rows:
        p = rng.randrange(PARTS)
        files[p].append(text)
        out = query(decode(text))
        if out is not None:
            expected[p].append([cat, out.decode("utf-8")])
    for p in range(PARTS):
        with open("%s/in-%d.txt" % (outdir, p), "w", encoding="utf-8", newline="") as f:
            f.write("".join(t + "\x1e" for t in files[p]))
    with open("%s/expected.json" % outdir, "w", encoding="utf-8") as f:
        json.dump({"records": len(rows), "expected": expected}, f)
    print("generated %d orders, %d pass the WHERE clause" % (len(rows), sum(map(len, expected))))


CATEGORIES = [(7_000_000, "STRING column from a JSON number / boolean"),
              (6_000_000, "UPPER and Jackson escaping of customers"),
              (5_000_000, "NaN / Infinity amounts"),
              (4_000_000, "numbers and booleans as strings / number forms"),
              (3_100_000, "Double.toString of products (incl. overflow to Infinity)"),
              (3_000_000, "Double.toString layout"),
              (2_000_000, "three-valued logic grid"),
              (1_000_000, "plain random rows")]


def category(value):
    """The generator gives each category its own order_id range."""
    try:
        oid = json.loads(value).get("order_id")
    except ValueError:
        return "unparseable output"
    if oid is None:
        return "plain random rows"
    for lo, cat in CATEGORIES:
        if oid >= lo:
            return cat
    return "numbers and booleans as strings / number forms"  # the negative order_id


def check(outdir, dump):
    exp = json.load(open("%s/expected.json" % outdir, encoding="utf-8"))["expected"]
    actual = [v for p, o, k, v in sorted(read_dump(dump), key=lambda r: (r[0], r[1]))]
    failed = 0

    def result(name, ok, why=""):
        nonlocal failed
        print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)))
        failed += 0 if ok else 1

    want = Counter(line.encode("utf-8") for part in exp for _, line in part)
    got = Counter(v for v in actual if v is not None)
    result("record count", len(actual) == sum(want.values()),
           "%d records, expected %d" % (len(actual), sum(want.values())))
    result("no null values", all(v is not None for v in actual))
    missing = want - got
    extra = got - want
    for _, cat in sorted(CATEGORIES, key=lambda c: c[0]):
        m = [b for b in missing.elements() if category(b) == cat]
        x = [b for b in extra.elements() if category(b) == cat]
        n = sum(c for b, c in want.items() if category(b) == cat)
        result("%s: %d output values byte-exact" % (cat, n), not m and not x,
               "%d expected values missing, %d unexpected; expected %s; got %s" % (len(m), len(x), m[:4], x[:4]))
    x = [b for b in extra.elements() if category(b) == "unparseable output"]
    result("every output value is JSON", not x, "%s" % x[:4])
    # order: per input partition, the rows keep their order in the output
    pos = {}
    for i, v in enumerate(actual):
        if v is not None:
            pos.setdefault(v, []).append(i)
    bad = 0
    for part in exp:
        last = -1
        for _, line in part:
            ps = pos.get(line.encode("utf-8"))
            if not ps:
                continue
            i = ps.pop(0)
            if i < last:
                bad += 1
            last = max(last, i)
    result("each input partition's order is kept in the output", bad == 0, "%d rows out of order" % bad)
    return failed


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    elif sys.argv[1] == "check":
        sys.exit(1 if check(sys.argv[2], sys.argv[3]) else 0)
EOF

mkdir -p "$T/gen"
python3 "$T/orders.py" gen "$T/gen" "$here" || e2e_fail "orders.py gen"
for p in 0 1 2; do
    e2e_produce_sep orders "$T/gen/in-$p.txt" "$p"
done
# kcat -Z is not used, so an empty message cannot be produced here; a null
# value is: Flink's json format yields no row for it.
printf 'x\t\n' >"$T/null.txt"
e2e_produce orders "$T/null.txt" 0
e2e_run "$T/filter_project" "$T/run.out" "$T/run.err"
e2e_check_eq "bounded run exit code" 0 "$RC"
e2e_check_no_grep "no error on stderr" 'error' "$T/run.err"
e2e_dump big_orders "$T/out.dump"
e2e_py_checks python3 "$T/orders.py" check "$T/gen" "$T/out.dump" "$here"

e2e_summary insert_only
