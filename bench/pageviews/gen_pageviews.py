#!/usr/bin/env python3
"""This file writes the pageviews benchmark input: one JSON page view per line,
in the shape examples/pageviews/pageviews.sql reads, e.g.

  {"user_id":48213,"page_id":5120,"viewtime":"2026-11-25 10:00:01.123","user_region":"eu-west-fr-paris-12"}

usage: gen_pageviews.py N OUT [--seed S] [--users U] [--regions R]

Deterministic for a given seed. ~1000 regions (a few with non-ASCII UTF-8 or
an escaped quote, like sample.jsonl), 100k users who mostly stay in a home
region, page ids log-uniform (popular pages first), viewtimes increasing by a few
milliseconds per record."""
import argparse
import random
import sys

CONTINENTS = ["eu", "us", "ap", "sa", "af", "me", "ca", "oc"]
SIDES = ["north", "south", "east", "west", "central"]
CITIES = [
    "paris", "berlin", "madrid", "rome", "oslo", "lisbon", "dublin", "warsaw",
    "boston", "denver", "austin", "seattle", "chicago", "miami", "toronto", "lima",
    "tokyo", "osaka", "seoul", "mumbai", "delhi", "sydney", "perth", "jakarta",
    "cairo", "lagos", "nairobi", "dubai", "doha", "riyadh", "santiago", "bogota",
]
# Names that exercise the decoders' UTF-8 and escape paths.
SPECIAL = ["Zürich", "東京", "São Paulo", "Kraków", "Bad \\\"Quote\\\" \\\\ Land",
           "Z\\u00fcrich-alt", "Montréal", "Reykjavík"]


def region_names(n, rng):
    names = list(SPECIAL)
    seen = set(names)
    while len(names) < n:
        name = "%s-%s-%s-%d" % (rng.choice(CONTINENTS), rng.choice(SIDES),
                                rng.choice(CITIES), rng.randrange(1, 40))
        if name not in seen:
            seen.add(name)
            names.append(name)
    rng.shuffle(names)
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--regions", type=int, default=1000)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    regions = region_names(args.regions, rng)
    home = [rng.randrange(args.regions) for _ in range(args.users)]
    t = 10 * 3_600_000  # ms since 2026-11-25 00:00:00.000
    day_ms = 86_400_000
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        out = []
        for i in range(args.n):
            user = rng.randrange(args.users)
            # 90% of a user's views come from the home region (travel, VPNs...)
            r = home[user] if rng.random() < 0.9 else rng.randrange(args.regions)
            page = int(10 ** (4 * rng.random()))  # 1..9999, popular pages first
            t += rng.randrange(0, 6)
            ms = t % day_ms
            ts = "2026-11-%02d %02d:%02d:%02d.%03d" % (
                25 + t // day_ms % 5,
                ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60, ms % 1000)
            out.append('{"user_id":%d,"page_id":%d,"viewtime":"%s","user_region":"%s"}\n'
                       % (user, page, ts, regions[r]))
            if len(out) >= 65536:
                f.write("".join(out))
                out.clear()
        f.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
