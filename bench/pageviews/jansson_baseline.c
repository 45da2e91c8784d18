/* This file is the generic baseline of bench/pageviews: the pv/uv pipeline of
 * examples/pageviews/pageviews.sql written the way a C programmer would
 * without a compiler, on jansson:
 *
 *   SELECT user_region, COUNT(*), COUNT(DISTINCT user_id)
 *   FROM pageviews GROUP BY user_region
 *
 * It reads the input file into memory once, then for each line (one Kafka
 * record value), --repeat times over: json_loadb, json_object_get of
 * user_id and user_region, the aggregation in open-addressing hash tables
 * (group: region -> counts; distinct: (group, user_id) seen), and the upsert
 * record the job would produce for the changed group, key and value each
 * built as a jansson object and serialized with json_dumps(JSON_COMPACT),
 * then discarded (like the job's --bench-null-sink).
 *
 * usage: jansson_baseline FILE [REPEAT]
 * prints: bench: records=N seconds=S records_per_s=R bytes_out=B groups=G
 * (the same line as a compiled job's --bench-input mode, plus the group
 * count; bytes_out matches the job's for the same input). */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("jansson_baseline: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("jansson_baseline: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    return x;
}

static uint64_t hash_bytes(const char *p, size_t n) {
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return mix64(h ^ n);
}

/* ---- groups: region -> (pv, uv), open addressing on an index array ---- */

typedef struct group {
    char *region;
    size_t len;
    uint64_t hash;
    int64_t pv, uv;
} group_t;

typedef struct groups {
    group_t *v;
    size_t n, cap;
    uint32_t *slots; /* index + 1 into v, 0: empty */
    size_t nslots;   /* power of two */
} groups_t;

static void groups_rehash(groups_t *g, size_t nslots) {
    free(g->slots);
    g->slots = xcalloc(nslots, sizeof *g->slots);
    g->nslots = nslots;
    for (size_t i = 0; i < g->n; i++) {
        size_t s = g->v[i].hash & (nslots - 1);
        while (g->slots[s])
            s = (s + 1) & (nslots - 1);
        g->slots[s] = (uint32_t)(i + 1);
    }
}

/* Returns the group of region, creating it. */
static group_t *groups_upsert(groups_t *g, const char *region, size_t len) {
    uint64_t h = hash_bytes(region, len);
    size_t s = h & (g->nslots - 1);
    for (; g->slots[s]; s = (s + 1) & (g->nslots - 1)) {
        group_t *e = &g->v[g->slots[s] - 1];
        if (e->hash == h && e->len == len && memcmp(e->region, region, len) == 0)
            return e;
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 256;
        group_t *v = realloc(g->v, g->cap * sizeof *v);
        if (!v) {
            fputs("jansson_baseline: out of memory\n", stderr);
            exit(2);
        }
        g->v = v;
    }
    group_t *e = &g->v[g->n++];
    e->region = xmalloc(len + 1);
    memcpy(e->region, region, len);
    e->region[len] = '\0';
    e->len = len;
    e->hash = h;
    e->pv = e->uv = 0;
    g->slots[s] = (uint32_t)g->n;
    if (2 * g->n > g->nslots)
        groups_rehash(g, 2 * g->nslots);
    return e;
}

/* ---- distinct: set of (group index, user_id), open addressing ---- */

typedef struct pair {
    uint64_t group; /* index + 1, 0: empty slot */
    int64_t user;
} pair_t;

typedef struct distinct {
    pair_t *slots;
    size_t n, nslots; /* power of two */
} distinct_t;

static uint64_t pair_hash(uint64_t group, int64_t user) {
    return mix64(group * UINT64_C(0x9e3779b97f4a7c15) ^ (uint64_t)user);
}

static void distinct_grow(distinct_t *d) {
    size_t nslots = d->nslots ? 2 * d->nslots : 1024;
    pair_t *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < d->nslots; i++) {
        if (!d->slots[i].group)
            continue;
        size_t s = pair_hash(d->slots[i].group, d->slots[i].user) & (nslots - 1);
        while (slots[s].group)
            s = (s + 1) & (nslots - 1);
        slots[s] = d->slots[i];
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
}

/* Adds (group, user); returns true when it was not there yet. */
static bool distinct_add(distinct_t *d, uint64_t group, int64_t user) {
    if (2 * (d->n + 1) > d->nslots)
        distinct_grow(d);
    size_t s = pair_hash(group, user) & (d->nslots - 1);
    for (; d->slots[s].group; s = (s + 1) & (d->nslots - 1))
        if (d->slots[s].group == group && d->slots[s].user == user)
            return false;
    d->slots[s].group = group;
    d->slots[s].user = user;
    d->n++;
    return true;
}

/* ---- the pipeline ---- */

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            buf = realloc(buf, cap *= 2);
            if (!buf) {
                fputs("jansson_baseline: out of memory\n", stderr);
                exit(2);
            }
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fputs("usage: jansson_baseline FILE [REPEAT]\n", stderr);
        return 1;
    }
    long repeat = argc == 3 ? strtol(argv[2], NULL, 10) : 1;
    if (repeat < 1) {
        fputs("jansson_baseline: REPEAT must be a positive number\n", stderr);
        return 1;
    }
    size_t len;
    char *data = read_file(argv[1], &len);
    if (!data) {
        perror(argv[1]);
        return 1;
    }

    groups_t groups = {0};
    groups.nslots = 1024;
    groups.slots = xcalloc(groups.nslots, sizeof *groups.slots);
    distinct_t seen = {0};
    uint64_t records = 0, bytes_out = 0, errors = 0;

    double t0 = now_s();
    for (long round = 0; round < repeat; round++) {
        for (size_t pos = 0; pos < len;) {
            const char *line = data + pos;
            const char *nl = memchr(line, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - line) : len - pos;
            pos += n + 1;
            records++;
            if (n == 0)
                continue; /* Flink's json format: no row for an empty message */

            json_error_t err;
            json_t *root = json_loadb(line, n, 0, &err);
            if (!root || !json_is_object(root)) {
                if (errors++ == 0)
                    fprintf(stderr, "jansson_baseline: bad record: %s\n", err.text);
                json_decref(root);
                continue;
            }
            json_t *juser = json_object_get(root, "user_id");
            json_t *jregion = json_object_get(root, "user_region");
            if (!json_is_string(jregion)) {
                /* the sink's primary key is NOT NULL: the job fails such a record */
                if (errors++ == 0)
                    fputs("jansson_baseline: record without user_region\n", stderr);
                json_decref(root);
                continue;
            }
            const char *region = json_string_value(jregion);
            size_t region_len = json_string_length(jregion);

            /* GROUP BY user_region: COUNT(*), COUNT(DISTINCT user_id) */
            group_t *g = groups_upsert(&groups, region, region_len);
            g->pv++;
            if (json_is_integer(juser) && distinct_add(&seen, (uint64_t)(g - groups.v) + 1,
                                                       (int64_t)json_integer_value(juser)))
                g->uv++;

            /* the upsert record of the changed group */
            json_t *key = json_object();
            json_object_set_new(key, "user_region", json_stringn(g->region, g->len));
            char *key_text = json_dumps(key, JSON_COMPACT);
            json_t *value = json_object();
            json_object_set_new(value, "user_region", json_stringn(g->region, g->len));
            json_object_set_new(value, "pv", json_integer(g->pv));
            json_object_set_new(value, "uv", json_integer(g->uv));
            char *value_text = json_dumps(value, JSON_COMPACT);
            bytes_out += strlen(key_text) + strlen(value_text);
            free(key_text);
            free(value_text);
            json_decref(key);
            json_decref(value);
            json_decref(root);
        }
    }
    double seconds = now_s() - t0;

    int64_t pv = 0, uv = 0;
    for (size_t i = 0; i < groups.n; i++) {
        pv += groups.v[i].pv;
        uv += groups.v[i].uv;
    }
    fprintf(stderr, "jansson_baseline: %zu groups, pv total %" PRId64 ", uv total %" PRId64 "%s\n",
            groups.n, pv, uv, errors ? " (with bad records)" : "");
    printf("bench: records=%" PRIu64 " seconds=%.3f records_per_s=%.0f bytes_out=%" PRIu64
           " groups=%zu\n",
           records, seconds, seconds > 0 ? (double)records / seconds : 0.0, bytes_out, groups.n);

    for (size_t i = 0; i < groups.n; i++)
        free(groups.v[i].region);
    free(groups.v);
    free(groups.slots);
    free(seen.slots);
    free(data);
    return errors ? 1 : 0;
}
