#!/usr/bin/env bash
# This file is the end-to-end test of CAST to CHAR(n) and VARCHAR(n) (casts.sql):
# strings with multi-byte and 4-byte UTF-8 code points, empty strings, NULLs,
# integers, doubles and booleans go through the job; every output value must be
# what Python computes with Flink 1.15's rule, independently of sqlkc: the first
# n code points, and for CHAR(n) spaces up to n (Python's str slicing counts
# code points, as Flink's BinaryStringData.numChars does).
#
# usage: test_casts.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker src:2 dst:1
e2e_build "$here/casts.sql" "$T/casts" || e2e_summary casts

cat >"$T/casts.py" <<'PYEOF'
import json, random, sys

sys.path.insert(0, sys.argv[-1])
from gen_pageviews import java_double  # noqa: E402

def rows():
    rng = random.Random(7)
    texts = ["", "a", "ab", "abc", "abcd", "abcde", "abcdef", "Zürich", "東京都庁", "😀😀😀😀", "a😀b", "  x  ",
             "日本語のテキスト", None]
    out = []
    for i in range(400):
        out.append({"id": i, "s": rng.choice(texts),
                    "n": rng.choice([None, 0, 7, -5, 12345, -987654321, 2**63 - 1]),
                    "d": rng.choice([None, 0.5, 1.0, 123.456, -0.001, 1e21, 3.141592653589793]),
                    "b": rng.choice([None, True, False])})
    return out

def varchar(v, n):
    return None if v is None else v[:n]

def char(v, n):
    return None if v is None else v[:n].ljust(n)

def expected(r):
    s, n, d, b = r["s"], r["n"], r["d"], r["b"]
    ns = None if n is None else str(n)
    ds = None if d is None else java_double(d)
    bs = None if b is None else ("TRUE" if b else "FALSE")
    return {"id": r["id"], "v3": varchar(s, 3), "c5": char(s, 5), "c1": char(s, 1), "n2": varchar(ns, 2),
            "n8": char(ns, 8), "d4": varchar(ds, 4), "b6": char(bs, 6), "lit": "abc", "litc": "ab  ",
            "nested": varchar(char(s, 6), 4)}

if sys.argv[1] == "gen":
    parts = [[], []]
    for r in rows():
        parts[r["id"] % 2].append(json.dumps(r, ensure_ascii=False))
    for p in (0, 1):
        open("%s/in-%d.txt" % (sys.argv[2], p), "w", encoding="utf-8").write("\x1e".join(parts[p]))
else:
    got = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.strip():
            v = json.loads(line)
            got[v["id"]] = v
    want = {r["id"]: expected(r) for r in rows()}
    bad = [(i, want[i], got.get(i)) for i in sorted(want) if got.get(i) != want[i]]
    print(("PASS" if not bad else "FAIL") + " every CAST to CHAR(n)/VARCHAR(n) is cut and padded as Flink's "
          "rule gives (%d rows, %d differ)" % (len(want), len(bad)))
    for b in bad[:5]:
        print("  id %d: want %s\n        got  %s" % b)
PYEOF
python3 "$T/casts.py" gen "$T" "$here" || e2e_fail "casts.py gen"
for p in 0 1; do e2e_produce_sep src "$T/in-$p.txt" "$p"; done
e2e_run "$T/casts" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
e2e_dump_values dst "$T/out.txt"
e2e_py_checks python3 "$T/casts.py" check "$T/out.txt" "$here"
e2e_summary casts
