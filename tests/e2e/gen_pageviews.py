#!/usr/bin/env python3
"""This file generates page views for the seed job's end-to-end test
(test_pageviews.sh) and checks what the job wrote, standard library only.

  gen_pageviews.py gen OUTDIR [--count N] [--seed S] [--partitions P]
      OUTDIR/in-<p>.txt   the page views for input partition p, one JSON value
                          per record, records separated by \\x1e (so that a
                          record may contain newlines; kcat -D '\\x1e')
      OUTDIR/expected.json  the final table [[region, pv, uv], ...] counted
                          independently: pv = rows per region, uv = distinct
                          non-null user_id per region
  gen_pageviews.py nulls OUTFILE
      a few good records, then one whose user_region is null, then more
  gen_pageviews.py missing OUTFILE
      the same with user_region missing
  gen_pageviews.py chunks OUTDIR K
      splits every OUTDIR/in-<p>.txt into OUTDIR/in-<p>.<k>.txt, k = 1..K
  gen_pageviews.py check-restarted OUTDIR DUMP SINK_PARTITIONS
      the checks for a job that was killed and restarted from its checkpoints
      (at-least-once output): per key, every pv from 1 to the final count was
      written (no input row lost), and the final table is byte-exact
  gen_pageviews.py check OUTDIR DUMP SINK_PARTITIONS INPUT_RECORDS
      checks a sink dump (e2e_dump in e2e_common.sh) against pv/uv counted
      again from OUTDIR/in-*.txt with python's json module, and prints one
      "PASS name" or "FAIL name: why" line per check

Input variety (all of it valid for Flink's json format): ~200 regions with
non-ASCII text (ü, 東京, emoji, a ZWJ sequence, combining marks), every
control character, quote, backslash and "/" in the grouping key, encoded
differently from record to record (raw UTF-8, \\uXXXX with surrogate pairs,
"\\/"); user_id as number, as string ("42"), null or missing; unknown fields
(including nested decoys named user_region); random field order; JSON
whitespace (space, tab, CR, LF) between tokens.
"""
import datetime
import decimal
import json
import math
import os
import random
import sys

# ---- Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) ----


def murmur2(data):
    """Java's int arithmetic, done in unsigned 32 bits; returns the int as Java sees it."""
    m, mask = 0x5BD1E995, 0xFFFFFFFF
    h = (0x9747B28C ^ len(data)) & mask
    n4 = len(data) // 4
    for i in range(n4):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = (k * m) & mask
        k ^= k >> 24
        k = (k * m) & mask
        h = ((h * m) & mask) ^ k
    tail, rest = data[4 * n4:], len(data) % 4
    if rest == 3:
        h ^= tail[2] << 16
    if rest >= 2:
        h ^= tail[1] << 8
    if rest >= 1:
        h ^= tail[0]
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h - (1 << 32) if h >= 1 << 31 else h


# Kafka's UtilsTest.testMurmur2 vectors.
for _s, _want in [(b"21", -973932308), (b"foobar", -790332482), (b"a-little-bit-long-string", -985981536),
                  (b"a-little-bit-longer-string", -1486304829), (b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971),
                  (b"abc", 479470107)]:
    assert murmur2(_s) == _want, _s


def kafka_partition(key, n):
    """DefaultPartitioner / BuiltInPartitioner: toPositive(murmur2(key)) % n."""
    return (murmur2(key) & 0x7FFFFFFF) % n


# ---- Jackson's string escaping (JsonGenerator defaults) ----

_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def java_double(x):
    """Java's Double.toString (JDK 19+ spec: the shortest decimal that rounds to x,
    at least 2 digits considered when the shortest has 1; plain for 1e-3 <= |x| < 1e7)."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    neg, a = x < 0, abs(x)
    t = decimal.Decimal(repr(a)).as_tuple()
    digits, exp = list(t.digits), t.exponent
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exp += 1
    e = len(digits) - 1 + exp
    if len(digits) == 1:
        # length 1 or 2, the closest to x wins (Double.MIN_VALUE -> 4.9E-324)
        exact = decimal.Decimal(a)
        cands = [decimal.Decimal(digits[0]).scaleb(e)]
        cands += [decimal.Decimal(n).scaleb(e - 1) for n in range(10, 100)
                  if float(decimal.Decimal(n).scaleb(e - 1)) == a]
        best = min(cands, key=lambda c: (abs(c - exact), c.as_tuple().digits[-1] % 2))
        t = best.as_tuple()
        digits, exp = list(t.digits), t.exponent
        while len(digits) > 1 and digits[-1] == 0:
            digits.pop()
            exp += 1
        e = len(digits) - 1 + exp
    d = "".join(map(str, digits))
    if 0 <= e < 7:
        ip = (d + "0" * 7)[:e + 1]
        fp = d[e + 1:] or "0"
        s = ip + "." + fp
    elif -3 <= e < 0:
        s = "0." + "0" * (-e - 1) + d
    else:
        s = d[0] + "." + (d[1:] or "0") + "E" + str(e)
    return ("-" if neg else "") + s


for _x, _want in [(1.0, "1.0"), (100.0, "100.0"), (1e7, "1.0E7"), (1e-5, "1.0E-5"), (0.001, "0.001"),
                  (1e-4, "1.0E-4"), (9999999.0, "9999999.0"), (1.1, "1.1"), (0.1 + 0.2, "0.30000000000000004"),
                  (5e-324, "4.9E-324"), (1.7976931348623157e308, "1.7976931348623157E308"),
                  (-1234.5, "-1234.5"), (12345678.9, "1.23456789E7"), (2.2250738585072014e-308, "2.2250738585072014E-308"),
                  (1e23, "1.0E23"), (123456.789e3, "1.23456789E8"), (0.00123, "0.00123")]:
    assert java_double(_x) == _want, (_x, java_double(_x), _want)


def jackson_string(s):
    """A JSON string as Jackson writes it: \\" \\\\ and \\b \\f \\n \\r \\t, other
    control characters as \\u00XX (uppercase hex), everything else raw UTF-8."""
    out = ['"']
    for ch in s:
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out).encode("utf-8")


def expected_key(region):
    return b'{"user_region":' + jackson_string(region) + b"}"


def expected_value_prefix(region):
    return b'{"user_region":' + jackson_string(region) + b',"pv":'


# ---- the generator ----

def regions():
    """About 200 distinct grouping keys, the nasty ones first."""
    r = [
        "EU", "US", "APAC", "eu", "Eu", "", " ", "  leading", "trailing  ",
        "München", "Zürich", "ü", "Ü", "東京", "大阪", "서울", "Москва", "São Paulo", "Αθήνα",
        "القاهرة", "תל אביב", "मुंबई", "🌍", "🌍 Earth", "🇩🇪", "👩‍💻 dev", "😀😃😄",
        "e\u0301", "\u00e9",                      # decomposed vs precomposed: different keys
        'say "hi"', "back\\slash", "\\", '"', '\\"', "new\nline", "tab\there", "cr\rlf\n",
        "ctl\u0001char", "a/b", "/", "\\/", "</script>", "\u007f del", "\u0080", "\u2028\u2029",
        "\ufeffbom", "\ufffd", "\ue000 private", "\U0010ffff max", "\u00a0nbsp",
        "{\"user_region\":\"x\"}", "a,b", "a:b", "[1,2]", "null", "true", "0", "-1", "1e5",
        "L" * 700 + "ü",
    ]
    # every control character, alone inside a name
    r += ["c%02x\u0000" % c if c == 0 else "c%02x%s|" % (c, chr(c)) for c in range(0x20)]
    r += ["\u0000", "\u001f"]
    seen = set()
    out = []
    for x in r:
        if x not in seen:
            seen.add(x)
            out.append(x)
    i = 0
    while len(out) < 200:
        name = "region-%03d" % i
        i += 1
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


WS = [" ", "\t", "\n", "\r", "  ", "\r\n"]


def ws(rng):
    return rng.choice(WS) if rng.random() < 0.15 else ""


def encode_string(rng, s):
    """A JSON string literal for s, each character in a randomly chosen valid form."""
    mode = rng.random()
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"' or ch == "\\":
            forms = ["\\" + ch, "\\u%04x" % c]
        elif ch in "\b\f\n\r\t":
            forms = [_SHORT[ch], "\\u%04x" % c, "\\u%04X" % c]
        elif c < 0x20:
            forms = ["\\u%04x" % c, "\\u%04X" % c]
        elif ch == "/":
            forms = ["/", "\\/"]
        elif c >= 0x10000:
            hi = 0xD800 + ((c - 0x10000) >> 10)
            lo = 0xDC00 + ((c - 0x10000) & 0x3FF)
            forms = [ch, "\\u%04x\\u%04x" % (hi, lo), "\\u%04X\\u%04X" % (hi, lo)]
        else:
            forms = [ch, "\\u%04x" % c, "\\u%04X" % c]
        if mode < 0.6:
            out.append(forms[0])  # mostly the plain form
        elif mode < 0.8:
            out.append(forms[-1])
        else:
            out.append(rng.choice(forms))
    out.append('"')
    return "".join(out)


EXTRAS = [
    lambda rng: '{"user_region":"decoy","x":[1,2,{"y":null}]}',
    lambda rng: '[1,"two",3.5e10,true,false,null,{"user_region":"decoy2"}]',
    lambda rng: '"a string with \\"quotes\\", \\\\ and \\u00e9 and \\ud83d\\ude00"',
    lambda rng: str(rng.randint(-10**18, 10**18)),
    lambda rng: "-1.25e-300",
    lambda rng: "true",
    lambda rng: "null",
    lambda rng: "{}",
    lambda rng: "[]",
]
EXTRA_NAMES = ["extra", "USER_REGION", "user_regionx", "User_Region", "meta", "ua", "ref", "user_id2", "ü"]


def number(rng, v):
    """A BIGINT field value: JSON number or string (Flink accepts "42")."""
    return '"%d"' % v if rng.random() < 0.25 else str(v)


def record(rng, region, user_id, page_id, viewtime):
    """One page view. user_id None = JSON null, Ellipsis = field missing."""
    fields = []
    if user_id is not Ellipsis:
        fields.append(('"user_id"', "null" if user_id is None else number(rng, user_id)))
    if page_id is not Ellipsis:
        fields.append(('"page_id"', "null" if page_id is None else number(rng, page_id)))
    fields.append(('"viewtime"', '"%s"' % viewtime))
    fields.append((encode_string(rng, "user_region") if rng.random() < 0.05 else '"user_region"',
                   encode_string(rng, region)))
    n_extra = rng.choice([0, 0, 0, 0, 1, 1, 2])
    for name in rng.sample(EXTRA_NAMES, n_extra):
        fields.append((encode_string(rng, name), rng.choice(EXTRAS)(rng)))
    rng.shuffle(fields)
    parts = [ws(rng) + k + ws(rng) + ":" + ws(rng) + v + ws(rng) for k, v in fields]
    return ws(rng) + "{" + ",".join(parts) + "}" + ws(rng)


def viewtime(rng, i):
    sec = 1700000000 + i
    day, rest = divmod(sec, 86400)
    h, rest = divmod(rest, 3600)
    mi, s = divmod(rest, 60)
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=day)
    frac = rng.choice(["", ".1", ".12", ".123"])
    return "%s %02d:%02d:%02d%s" % (d.isoformat(), h, mi, s, frac)


def user_id_value(rng):
    r = rng.random()
    if r < 0.03:
        return None
    if r < 0.06:
        return Ellipsis
    if r < 0.065:
        return rng.choice([9223372036854775807, -9223372036854775808, 9007199254740993, -1, 0])
    return rng.randint(1, 400)


def cmd_gen(outdir, count, seed, partitions):
    rng = random.Random(seed)
    names = regions()
    # mildly skewed popularity; the 700-character name stays rare
    weights = [1.0 / (1 + i) ** 0.5 for i in range(len(names))]
    weights[names.index("L" * 700 + "ü")] = 0.02
    pv, users = {}, {}
    files = [open("%s/in-%d.txt" % (outdir, p), "w", encoding="utf-8", newline="") for p in range(partitions)]
    sizes = [0] * partitions
    chosen = rng.choices(names, weights, k=count)
    for i, region in enumerate(chosen):
        uid = user_id_value(rng)
        pid = rng.choice([None, Ellipsis]) if rng.random() < 0.05 else rng.randint(1, 10**6)
        text = record(rng, region, uid, pid, viewtime(rng, i))
        # the record must mean what we think it means (python's own parser)
        doc = json.loads(text)
        assert doc["user_region"] == region
        assert (int(doc["user_id"]) if doc.get("user_id") is not None else None) == \
            (None if uid is Ellipsis else uid)
        assert "\x1e" not in text
        p = rng.randrange(partitions)
        data = text.encode("utf-8") + b"\x1e"
        files[p].write(text + "\x1e")
        sizes[p] += len(data)
        pv[region] = pv.get(region, 0) + 1
        s = users.setdefault(region, set())
        if uid is not None and uid is not Ellipsis:
            s.add(uid)
    for f in files:
        f.close()
    table = [[r, pv[r], len(users[r])] for r in sorted(pv)]
    with open("%s/expected.json" % outdir, "w", encoding="utf-8") as f:
        json.dump(table, f)
    print("generated %d page views, %d regions, input partition bytes %s" % (count, len(pv), sizes))


def cmd_nulls(out, missing):
    rng = random.Random(7)
    recs = [record(rng, "EU", 1, 1, "2024-01-01 00:00:00"), record(rng, "US", 2, 2, "2024-01-01 00:00:01")]
    if missing:
        recs.append('{"user_id":3,"page_id":3,"viewtime":"2024-01-01 00:00:02"}')
    else:
        recs.append('{"user_id":3,"page_id":3,"viewtime":"2024-01-01 00:00:02","user_region":null}')
    recs.append(record(rng, "EU", 4, 4, "2024-01-01 00:00:03"))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("".join(r + "\x1e" for r in recs))


# ---- the checker ----

def read_dump(path):
    """Records of an e2e_dump file: (partition, offset, key bytes|None, value bytes|None)."""
    data = open(path, "rb").read()
    recs, i = [], 0
    while i < len(data):
        nl = data.index(b"\n", i)
        p, o, kl, vl = (int(x) for x in data[i:nl].split(b" "))
        i = nl + 1
        key = data[i:i + kl] if kl >= 0 else None
        i += max(kl, 0)
        val = data[i:i + vl] if vl >= 0 else None
        i += max(vl, 0)
        if data[i:i + 1] != b"\n":
            raise SystemExit("dump %s: framing error at byte %d" % (path, i))
        i += 1
        recs.append((p, o, key, val))
    return recs


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, name, ok, why=""):
        if ok:
            print("PASS " + name)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, why))


def show(b, n=160):
    r = repr(b)
    return r if len(r) <= n else r[:n] + "..."


def table_from_input(gendir):
    """pv/uv per region counted again from the produced bytes, with python's JSON
    parser and Flink's BIGINT rule (a number, or a string parsed after trim())."""
    import glob
    pv, users = {}, {}
    for path in sorted(glob.glob(gendir + "/in-*.txt")):
        if os.path.basename(path).count(".") > 1:
            continue  # a chunk of in-<p>.txt
        data = open(path, "rb").read().decode("utf-8")
        for text in data.split("\x1e"):
            if not text:
                continue
            doc = json.loads(text)
            region, uid = doc["user_region"], doc.get("user_id")
            if isinstance(uid, str):
                uid = int(uid.strip())
            pv[region] = pv.get(region, 0) + 1
            s = users.setdefault(region, set())
            if uid is not None:
                s.add(uid)
    return [[r, pv[r], len(users[r])] for r in sorted(pv)]


def cmd_check(gendir, dump_path, nparts, ninput):
    expected = table_from_input(gendir)
    recs = read_dump(dump_path)
    c = Checks()
    c.check("the generator's own counts agree with the counts taken from the input bytes",
            expected == json.load(open(gendir + "/expected.json", encoding="utf-8")))

    c.check("sink record count equals input record count (one upsert per input row)",
            len(recs) == ninput, "%d sink records, %d input records" % (len(recs), ninput))

    # nothing was dropped by the dev broker's retention
    first = {}
    for p, o, _, _ in recs:
        first[p] = min(first.get(p, o), o)
    c.check("every sink partition starts at offset 0 (no mock retention loss)",
            all(v == 0 for v in first.values()), "first offsets %s" % first)

    by_key_region = {expected_key(r): r for r, _, _ in expected}
    bad_part, bad_key, tombstones, bad_value, bad_seq = [], [], [], [], []
    table = {}
    seq = {}
    for p, o, k, v in sorted(recs, key=lambda x: (x[0], x[1])):
        if k is None:
            bad_key.append((p, o, None))
            continue
        want_p = kafka_partition(k, nparts)
        if p != want_p:
            bad_part.append((show(k), p, want_p))
        if k not in by_key_region:
            bad_key.append((p, o, show(k)))
        if v is None:
            tombstones.append((p, o, show(k)))
            table.pop(k, None)
            continue
        table[k] = v
        region = by_key_region.get(k)
        if region is None:
            continue
        pre = expected_value_prefix(region)
        n, last_uv = seq.get(k, (0, 0))
        ok = v.startswith(pre) and v.endswith(b"}")
        pv = uv = None
        if ok:
            rest = v[len(pre):-1].split(b',"uv":')
            ok = len(rest) == 2 and all(x.isdigit() for x in rest)
            if ok:
                pv, uv = int(rest[0]), int(rest[1])
                ok = rest[0] == str(pv).encode() and rest[1] == str(uv).encode()
        if not ok:
            bad_value.append((p, o, show(v)))
            continue
        if pv != n + 1 or not (last_uv <= uv <= last_uv + 1) or uv > pv:
            bad_seq.append((show(k, 60), n, last_uv, pv, uv))
        seq[k] = (pv, uv)

    c.check("every key is exactly {\"user_region\":<Jackson-escaped string>} of an input region",
            not bad_key, "%d bad, first %s" % (len(bad_key), bad_key[:3]))
    c.check("every record in partition toPositive(murmur2(key)) %% %d" % nparts,
            not bad_part and recs, "%d misplaced, first %s" % (len(bad_part), bad_part[:3]))
    c.check("no tombstones from an append-only input", not tombstones, "%s" % tombstones[:3])
    c.check("every value is exactly {\"user_region\":...,\"pv\":N,\"uv\":M}",
            not bad_value, "%d bad, first %s" % (len(bad_value), bad_value[:3]))
    c.check("per key pv goes 1,2,3,... in topic order and uv never decreases",
            not bad_seq, "%d violations, first (key, prev pv, prev uv, pv, uv) %s" % (len(bad_seq), bad_seq[:3]))

    want = {expected_key(r): b'{"user_region":' + jackson_string(r) + b',"pv":%d,"uv":%d}' % (pv, uv)
            for r, pv, uv in expected}
    missing = [show(k, 60) for k in want if k not in table]
    extra = [show(k, 60) for k in table if k not in want]
    wrong = [(show(want[k], 80), show(table[k], 80)) for k in want if k in table and table[k] != want[k]]
    c.check("final table has exactly the %d expected keys" % len(want), not missing and not extra,
            "missing %d %s, unexpected %d %s" % (len(missing), missing[:3], len(extra), extra[:3]))
    c.check("final table values are byte-exact (pv, uv counted independently)", not wrong,
            "%d differ, first (expected, actual) %s" % (len(wrong), wrong[:3]))
    return c.failed


def cmd_chunks(gendir, k):
    import glob
    for path in sorted(glob.glob(gendir + "/in-*.txt")):
        if os.path.basename(path).count(".") > 1:
            continue
        recs = [r for r in open(path, "rb").read().split(b"\x1e") if r]
        for i in range(k):
            part = recs[len(recs) * i // k:len(recs) * (i + 1) // k]
            with open(path[:-4] + ".%d.txt" % (i + 1), "wb") as f:
                f.write(b"".join(r + b"\x1e" for r in part))


def cmd_check_restarted(gendir, dump_path, nparts):
    expected = table_from_input(gendir)
    recs = read_dump(dump_path)
    c = Checks()
    by_key_region = {expected_key(r): r for r, _, _ in expected}
    table, seen, bad = {}, {}, []
    for p, o, k, v in sorted(recs, key=lambda x: (x[0], x[1])):
        if k is None or v is None or k not in by_key_region or kafka_partition(k, nparts) != p:
            bad.append((p, o, show(k), show(v)))
            continue
        table[k] = v
        pre = expected_value_prefix(by_key_region[k])
        rest = v[len(pre):-1].split(b',"uv":') if v.startswith(pre) and v.endswith(b"}") else []
        if len(rest) != 2 or not all(x.isdigit() for x in rest):
            bad.append((p, o, show(k), show(v)))
            continue
        seen.setdefault(k, {}).setdefault(int(rest[0]), set()).add(int(rest[1]))
    c.check("every sink record is a well-formed upsert of an input region in its partition", not bad,
            "%d bad, first %s" % (len(bad), bad[:3]))
    gaps = [(show(k, 60), sorted(set(range(1, max(s) + 1)) - set(s))[:5]) for k, s in seen.items()
            if set(s) != set(range(1, max(s) + 1))]
    c.check("per key every pv from 1 to the last was written (no input row lost)", not gaps,
            "%d keys with gaps, first %s" % (len(gaps), gaps[:3]))
    # (a replayed pv may come with another uv: the replay interleaves the
    # input partitions differently, so pv rows of a key are other rows)
    over = [(show(k, 60), pv, sorted(u)) for k, s in seen.items() for pv, u in s.items() if max(u) > pv]
    c.check("no uv above its pv", not over, "%d, first %s" % (len(over), over[:3]))
    print("INFO %d sink records for %d input rows (%d written again after restores)" %
          (len(recs), sum(pv for _, pv, _ in expected), len(recs) - sum(pv for _, pv, _ in expected)))
    want = {expected_key(r): b'{"user_region":' + jackson_string(r) + b',"pv":%d,"uv":%d}' % (pv, uv)
            for r, pv, uv in expected}
    wrong = [show(k, 60) for k in want if table.get(k) != want[k]]
    c.check("final table is byte-exact (pv, uv counted independently)", not wrong and len(table) == len(want),
            "%d keys differ or are missing, first %s" % (len(wrong), wrong[:3]))
    return c.failed


def main(argv):
    if len(argv) >= 2 and argv[1] == "gen":
        args = argv[2:]
        outdir = args[0]
        opts = dict(zip(args[1::2], args[2::2]))
        cmd_gen(outdir, int(opts.get("--count", 50000)), int(opts.get("--seed", 20240611)),
                int(opts.get("--partitions", 4)))
        return 0
    if len(argv) == 3 and argv[1] in ("nulls", "missing"):
        cmd_nulls(argv[2], argv[1] == "missing")
        return 0
    if len(argv) == 4 and argv[1] == "chunks":
        cmd_chunks(argv[2], int(argv[3]))
        return 0
    if len(argv) == 5 and argv[1] == "check-restarted":
        return 1 if cmd_check_restarted(argv[2], argv[3], int(argv[4])) else 0
    if len(argv) == 6 and argv[1] == "check":
        return 1 if cmd_check(argv[2], argv[3], int(argv[4]), int(argv[5])) else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
