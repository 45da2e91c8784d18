#!/usr/bin/env python3
"""Input and expectations of the changelog end-to-end test (test_changelog.sh).

  changelog_check.py gen USERS_FILE [SEED]
      writes a changelog for the upsert-kafka topic `users` (KEY<TAB>VALUE
      lines for lib.sh's e2e_produce; an empty value is a tombstone): upserts,
      identical re-sends, deletes of live and of unknown keys, NULL scores.
  changelog_check.py check-minibatch USERS_FILE DIR SIZE
      the same for per_region under mini-batch: bundles of SIZE input rows
      per operator (and one at the end of input), simulated after Flink's
      buffering operators (ProcTimeMiniBatchDeduplicateKeepLastRowFunction,
      MiniBatchGroupAggFunction).
  changelog_check.py check-tables USERS_FILE DIR [TABLE,...]
      only the final tables of the sinks (after a restart), or of those named.
  changelog_check.py check USERS_FILE DIR
      compares the consumed sink topics in DIR (lib.sh's e2e_consume format:
      PARTITION<TAB>KEY<TAB>VALUE) with what Flink writes, derived here
      independently of sqlkc by running Flink's documented operator rules
      (reference/flink.md 1.1, 5.2, 5.5) over the same input: the exact
      message sequence of per_region, high_scores and users_copy, and the
      final table of per_region recomputed from scratch from the last row of
      every key. Prints PASS/FAIL lines for e2e_py_checks.
"""
import json
import random
import sys


def enc(obj_pairs):
    """Flink's JSON: compact, fields in declaration order, null as null."""
    return json.dumps(dict(obj_pairs), separators=(",", ":"), ensure_ascii=False)


def gen(path, seed):
    rnd = random.Random(seed)
    regions = ["EU", "US", "APAC", "LATAM", "MEA"]
    live = {}
    lines = []
    for _ in range(4000):
        r = rnd.random()
        uid = rnd.randrange(1, 400)
        if r < 0.12:
            lines.append('{"user_id":%d}\t' % uid)  # tombstone, live or unknown key
            live.pop(uid, None)
        elif r < 0.2 and uid in live:
            lines.append('{"user_id":%d}\t%s' % (uid, live[uid]))  # identical re-send
        else:
            score = None if rnd.random() < 0.1 else rnd.randrange(0, 100)
            region = rnd.choice(regions)
            if rnd.random() < 0.3:  # another field order and spacing: decoded, not copied
                v = '{"score": %s, "region": "%s", "user_id": %d}' % (
                    "null" if score is None else score, region, uid)
            else:
                v = enc([("user_id", uid), ("region", region), ("score", score)])
            live[uid] = v
            lines.append('{"user_id":%d}\t%s' % (uid, v))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read_input(path):
    events = []
    with open(path) as f:
        for line in f:
            k, v = line.rstrip("\n").split("\t", 1)
            key = json.loads(k)["user_id"]
            if v == "":
                events.append((key, None))
            else:
                o = json.loads(v)
                events.append((key, (o["user_id"], o.get("region"), o.get("score"))))
    return events


def normalize(events, need_ub):
    """ChangelogNormalize (DeduplicateFunctionHelper.processLastRowOnChangelog)."""
    state, out = {}, []
    for key, row in events:
        out.extend(normalize_apply(state, key, row, need_ub))
    return out


def normalize_apply(state, key, row, need_ub):
    """One row into ChangelogNormalize's state: the changes it emits."""
    out = []
    if row is not None:
        prev = state.get(key)
        if prev is None:
            out.append(("+I", row))
        elif prev != row:
            if need_ub:
                out.append(("-U", prev))
            out.append(("+U", row))
        state[key] = row
    else:
        prev = state.pop(key, None)
        if prev is not None:
            out.append(("-D", prev))
    return out


def region_result(rows):
    scores = [s for (_, _, s) in rows if s is not None]
    total = sum(scores) if scores else None
    return (len(rows), len(scores), total, min(scores) if scores else None,
            max(scores) if scores else None, int(total / len(scores)) if scores else None,
            len(set(scores)), sum(1 for s in scores if s >= 50))


def group_agg(changes, need_ub):
    """GroupAggFunction.processElement with retraction, grouped by region."""
    groups, out = {}, []
    for kind, row in changes:
        g = row[1]
        retract = kind in ("-U", "-D")
        first = g not in groups
        if first:
            if retract:
                continue
            groups[g] = []
        prev = None if first else region_result(groups[g])
        if retract:
            groups[g].remove(row)
        else:
            groups[g].append(row)
        if not groups[g]:
            del groups[g]
            if not first:
                out.append(("-D", g, prev))
            continue
        new = region_result(groups[g])
        if first:
            out.append(("+I", g, new))
        elif new != prev:
            if need_ub:
                out.append(("-U", g, prev))
            out.append(("+U", g, new))
    return out


AGG_NAMES = ["n", "scored", "total", "lo", "hi", "mean", "d", "big"]


def per_region_messages(events):
    msgs = []
    for kind, g, res in group_agg(normalize(events, True), False):
        key = enc([("region", g)])
        if kind in ("-U", "-D"):
            msgs.append((key, "<null>"))
        else:
            msgs.append((key, enc([("region", g)] + list(zip(AGG_NAMES, res)))))
    return msgs


def high_score_messages(events):
    """Its scan reads user_id and score only (Flink pushes the projection into
    the source), so ChangelogNormalize compares those: a change of region
    alone is an identical update."""
    msgs = []
    projected = [(k, None if r is None else (r[0], None, r[2])) for k, r in events]
    for kind, (uid, _, score) in normalize(projected, True):
        if score is None or score < 50:
            continue  # WHERE score >= 50
        key = enc([("user_id", uid)])
        msgs.append((key, "<null>" if kind in ("-U", "-D") else enc([("user_id", uid), ("score", score)])))
    return msgs


def copy_messages(events):
    msgs = []
    for key, row in events:
        k = enc([("user_id", key)])
        msgs.append((k, "<null>" if row is None else enc([("user_id", row[0]), ("region", row[1]), ("score", row[2])])))
    return msgs


def materialize(changes):
    """SinkUpsertMaterializer keyed by the sink's PK (region), rows matched by
    the input's upsert key (user_id)."""
    state, out = {}, []
    for kind, row in changes:
        pk = row[1]
        if kind in ("+I", "+U"):
            rows = state.setdefault(pk, [])
            out_kind = "+I" if not rows else "+U"
            idx = next((i for i, r in enumerate(rows) if r[0] == row[0]), -1)
            if idx < 0:
                rows.append(row)
            else:
                rows[idx] = row
            out.append((out_kind, row))
        else:
            rows = state.get(pk, [])
            idx = next((i for i, r in enumerate(rows) if r[0] == row[0]), -1)
            if idx < 0:
                continue
            last = idx == len(rows) - 1
            del rows[idx]
            if not rows:
                del state[pk]
                out.append(("-D", row))
            elif last:
                out.append(("+U", rows[-1]))
    return out


def region_last_messages(events):
    msgs = []
    for kind, (uid, region, score) in materialize(normalize(events, True)):
        key = enc([("region", region)])
        msgs.append((key, "<null>" if kind == "-D" else
                     enc([("region", region), ("user_id", uid), ("score", score)])))
    return msgs


def read_topic(path):
    out = []
    with open(path) as f:
        for line in f:
            p, k, v = line.rstrip("\n").split("\t")
            out.append((k, v))
    return out


def compare(name, expected, got):
    if expected == got:
        print("PASS %s (%d messages)" % (name, len(got)))
        return
    for i, (e, g) in enumerate(zip(expected, got)):
        if e != g:
            print("FAIL %s: message %d: expected %r, got %r" % (name, i, e, g))
            return
    print("FAIL %s: expected %d messages, got %d" % (name, len(expected), len(got)))


def check(path, d):
    events = read_input(path)
    compare("per_region changelog, message by message", per_region_messages(events),
            read_topic(d + "/per_region"))
    compare("high_scores changelog (UPDATE_BEFORE as tombstones)", high_score_messages(events),
            read_topic(d + "/high_scores"))
    compare("users_copy passes every record through", copy_messages(events), read_topic(d + "/users_copy"))
    compare("region_last through the SinkUpsertMaterializer", region_last_messages(events),
            read_topic(d + "/region_last"))
    # the final table, recomputed from the last row of every key
    last = {}
    for key, row in events:
        if row is None:
            last.pop(key, None)
        else:
            last[key] = row
    by_region = {}
    for row in last.values():
        by_region.setdefault(row[1], []).append(row)
    expected = {enc([("region", g)]): enc([("region", g)] + list(zip(AGG_NAMES, region_result(rows))))
                for g, rows in by_region.items()}
    table = {}
    for k, v in read_topic(d + "/per_region"):
        if v == "<null>":
            table.pop(k, None)
        else:
            table[k] = v
    if table == expected:
        print("PASS per_region final table equals the groups of the last rows (%d groups)" % len(table))
    else:
        print("FAIL per_region final table: expected %r, got %r" % (expected, table))


def per_region_minibatch(events, size):
    """Both operators count their own input; the normalize's bundle ends first
    (its output joins the aggregate's open bundle), and at the end of input the
    normalize ends its bundle, then the aggregate."""
    state, norm_out, bundle, n = {}, [], {}, 0
    groups, out, buf, m = {}, [], {}, 0

    def agg_finish():
        nonlocal buf, m
        for g, rows in buf.items():
            first = g not in groups
            if first:
                while rows and rows[0][0] in ("-U", "-D"):
                    rows = rows[1:]
                if not rows:
                    continue
                groups[g] = []
            prev = None if first else region_result(groups[g])
            for kind, row in rows:
                if kind in ("-U", "-D"):
                    groups[g].remove(row)
                else:
                    groups[g].append(row)
            if not groups[g]:
                del groups[g]
                if not first:
                    out.append(("-D", g, prev))
                continue
            new = region_result(groups[g])
            if first:
                out.append(("+I", g, new))
            elif new != prev:
                out.append(("+U", g, new))
        buf, m = {}, 0

    def agg_push(kind, row):
        nonlocal m
        buf.setdefault(row[1], []).append((kind, row))
        m += 1
        if m >= size:
            agg_finish()

    def norm_finish():
        nonlocal bundle, n
        for key, row in bundle.items():
            for kind, r in normalize_apply(state, key, row, True):
                agg_push(kind, r)
        bundle, n = {}, 0

    for key, row in events:
        bundle[key] = row
        n += 1
        if n >= size:
            norm_finish()
    norm_finish()
    agg_finish()
    msgs = []
    for kind, g, res in out:
        key = enc([("region", g)])
        msgs.append((key, "<null>" if kind == "-D" else enc([("region", g)] + list(zip(AGG_NAMES, res)))))
    return msgs


def check_minibatch(path, d, size):
    events = read_input(path)
    got = read_topic(d + "/per_region")
    compare("per_region under mini-batch, message by message", per_region_minibatch(events, size), got)
    plain = per_region_messages(events)
    if table_of(got) == table_of(plain) and len(got) < len(plain):
        print("PASS mini-batch ends in the same table with fewer messages (%d instead of %d)" % (len(got), len(plain)))
    else:
        print("FAIL mini-batch: %d messages, %d without it; tables equal: %s" % (
            len(got), len(plain), table_of(got) == table_of(plain)))


def table_of(msgs):
    t = {}
    for k, v in msgs:
        if v == "<null>":
            t.pop(k, None)
        else:
            t[k] = v
    return t


def check_tables(path, d, only=None):
    """Only the final tables (after a restart the topics hold replays too)."""
    events = read_input(path)
    for name, expected in (("per_region", per_region_messages(events)), ("users_copy", copy_messages(events)),
                           ("high_scores", high_score_messages(events)), ("region_last", region_last_messages(events))):
        if only and name not in only:
            continue
        got = table_of(read_topic(d + "/" + name))
        if got == table_of(expected):
            print("PASS %s: the final table is right (%d keys)" % (name, len(got)))
        else:
            print("FAIL %s: final table differs: %d keys expected, %d got" % (name, len(table_of(expected)), len(got)))


if __name__ == "__main__":
    if sys.argv[1] == "check-tables":
        check_tables(sys.argv[2], sys.argv[3], sys.argv[4].split(",") if len(sys.argv) > 4 else None)
    elif sys.argv[1] == "check-minibatch":
        check_minibatch(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    else:
        check(sys.argv[2], sys.argv[3])
