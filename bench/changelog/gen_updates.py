#!/usr/bin/env python3
"""Writes the input of bench/changelog: N changes (KEY<TAB>VALUE lines, an empty
VALUE is a tombstone, the form of the job's --bench-input for upsert-kafka
tables) over K user keys: a user moves between 1000 regions and changes score;
2% of changes delete the user. Deterministic (seeded).

usage: gen_updates.py N K OUT
"""
import random
import sys

n, k, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(42)
regions = ["region-%03d" % i for i in range(1000)]
with open(out, "w") as f:
    for i in range(n):
        # every key appears once in the first K changes, then at random
        uid = i + 1 if i < k else rnd.randrange(1, k + 1)
        if i >= k and rnd.random() < 0.02:
            f.write('{"user_id":%d}\t\n' % uid)
        else:
            f.write('{"user_id":%d}\t{"user_id":%d,"region":"%s","score":%d}\n'
                    % (uid, uid, rnd.choice(regions), rnd.randrange(0, 1000)))
