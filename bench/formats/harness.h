/* This file is the table-independent part of the bench/formats harness
 * (bench/README.md): a set of records in one buffer, the deterministic
 * random generator the rows come from, checksums, CPU timing, and the
 * measurement loop and report line every case shares. A table's bench
 * (bench_pageviews.c, bench_wide.c) includes it, then its generated job,
 * then defines its rows and baselines, then includes cases.h. */
#ifndef BENCH_FORMATS_HARNESS_H
#define BENCH_FORMATS_HARNESS_H

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- errors ---- */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("bench/formats: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* ---- a set of records: values back to back in one buffer ---- */

typedef struct recset {
    char *data;
    size_t len, cap;
    size_t *off; /* record i is data[off[i] .. off[i + 1]) */
    size_t n, ncap;
} recset_t;

static void recset_add(recset_t *r, const void *p, size_t n) {
    if (r->n + 2 > r->ncap) {
        r->ncap = r->ncap ? 2 * r->ncap : 1024;
        r->off = xrealloc(r->off, r->ncap * sizeof *r->off);
    }
    if (r->len + n > r->cap) {
        while (r->len + n > r->cap)
            r->cap = r->cap ? 2 * r->cap : 1 << 20;
        r->data = xrealloc(r->data, r->cap);
    }
    if (r->n == 0)
        r->off[0] = 0;
    memcpy(r->data + r->len, p, n);
    r->len += n;
    r->off[++r->n] = r->len;
}

static void recset_clear(recset_t *r) {
    r->len = 0;
    r->n = 0;
}

static void recset_free(recset_t *r) {
    free(r->data);
    free(r->off);
    memset(r, 0, sizeof *r);
}

static inline const char *rec_p(const recset_t *r, size_t i) { return r->data + r->off[i]; }

static inline size_t rec_n(const recset_t *r, size_t i) { return r->off[i + 1] - r->off[i]; }

/* ---- deterministic random rows ---- */

/* splitmix64: the same rows on every machine, for a given seed */
static inline uint64_t rng_next(uint64_t *s) {
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static inline uint64_t rng_below(uint64_t *s, uint64_t n) { return rng_next(s) % n; }

/* Text the rows point into: NUL-terminated copies (the avro-c writer wants
 * the terminator) in blocks that are never moved, so that earlier strings
 * stay valid, and the item arrays of their nested values; pool_free
 * releases them all. */
typedef struct pool_block {
    struct pool_block *prev;
    size_t len, cap;
    char data[];
} pool_block_t;

typedef struct pool {
    pool_block_t *last;
} pool_t;

/* n bytes aligned to `align` (a power of two) in the last block, or a new one */
static char *pool_take(pool_t *pl, size_t n, size_t align) {
    pool_block_t *b = pl->last;
    size_t pad = b ? -(uintptr_t)(b->data + b->len) & (align - 1) : 0;
    if (!b || b->len + pad + n > b->cap) {
        size_t cap = n + align > (1u << 20) ? n + align : (1u << 20);
        b = xmalloc(sizeof *b + cap);
        b->prev = pl->last;
        b->len = 0;
        b->cap = cap;
        pl->last = b;
        pad = -(uintptr_t)b->data & (align - 1);
    }
    char *out = b->data + b->len + pad;
    b->len += pad + n;
    return out;
}

static const char *pool_add(pool_t *pl, const char *s, size_t n) {
    char *out = pool_take(pl, n + 1, 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* n zeroed bytes aligned for any value a row holds (the items of nested
 * values: their union has a 128-bit DECIMAL), in the same blocks. */
__attribute__((unused)) static void *pool_alloc(pool_t *pl, size_t n) {
    void *out = pool_take(pl, n, 16);
    memset(out, 0, n);
    return out;
}

static void pool_free(pool_t *pl) {
    while (pl->last) {
        pool_block_t *prev = pl->last->prev;
        free(pl->last);
        pl->last = prev;
    }
}

/* ---- checksums ---- */

static inline uint64_t ck_u64(uint64_t h, uint64_t v) {
    h ^= v;
    h *= UINT64_C(0x100000001b3);
    return h ^ (h >> 29);
}

static inline uint64_t ck_bytes(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    h = ck_u64(h, n);
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(0x100000001b3);
    return h;
}

static inline uint64_t ck_double(uint64_t h, double d) {
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    return ck_u64(h, v);
}

#define CK_SEED UINT64_C(0xcbf29ce484222325)

/* ---- timing ---- */

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Settings of the measurement (command line of the bench binary). */
typedef struct bench_opts {
    size_t records;
    int runs;           /* measurements of each case; the best counts */
    double min_seconds; /* each measurement repeats its pass until this much CPU time */
    const char *only;   /* measure only FORMAT-OP (e.g. json-decode), for profiling; NULL: all */
} bench_opts_t;

static bench_opts_t opts = {300000, 3, 0.3, NULL};

/* Whether the cases of format `format`, direction `op` are measured. */
static bool wanted(const char *format, const char *op) {
    char name[64];
    snprintf(name, sizeof name, "%s-%s", format, op);
    return !opts.only || !strcmp(opts.only, name);
}

/* One pass of a case over every record; returns a value folded from what it
 * decoded or encoded (so that the compiler cannot drop the work) and adds
 * the bytes read or written to *bytes. */
typedef uint64_t (*pass_fn)(uint64_t *bytes);

typedef struct result {
    double rec_per_cpu_s, mb_per_cpu_s, rec_per_wall_s;
    uint64_t records, bytes;
    double cpu_s;
} result_t;

static volatile uint64_t fold_sink;

/* Runs `pass` until min_seconds of CPU time, `runs` times; keeps the run
 * with the most records per CPU second. */
static result_t measure(pass_fn pass) {
    result_t best = {0};
    for (int r = 0; r < opts.runs; r++) {
        uint64_t records = 0, bytes = 0, fold = 0;
        double c0 = cpu_now(), w0 = wall_now(), c1, w1;
        do {
            fold ^= pass(&bytes);
            records += opts.records;
            c1 = cpu_now();
            w1 = wall_now();
        } while (c1 - c0 < opts.min_seconds);
        fold_sink ^= fold;
        double rate = (double)records / (c1 - c0);
        if (rate > best.rec_per_cpu_s) {
            best.rec_per_cpu_s = rate;
            best.mb_per_cpu_s = (double)bytes / 1e6 / (c1 - c0);
            best.rec_per_wall_s = (double)records / (w1 - w0);
            best.records = records;
            best.bytes = bytes;
            best.cpu_s = c1 - c0;
        }
    }
    return best;
}

/* ---- report ---- */

static void print_header(void) {
    printf("%-10s %-6s %-6s %-8s %9s %7s %11s %9s %11s\n", "table", "format", "op", "codec",
           "records", "cpu s", "rec/cpu-s", "MB/cpu-s", "rec/wall-s");
}

static void print_row(const char *table, const char *format, const char *op, const char *codec,
                      result_t r) {
    printf("%-10s %-6s %-6s %-8s %9" PRIu64 " %7.3f %11.0f %9.1f %11.0f\n", table, format, op,
           codec, r.records, r.cpu_s, r.rec_per_cpu_s, r.mb_per_cpu_s, r.rec_per_wall_s);
    fflush(stdout);
}

/* Prints the generated codec's speed over the baseline's, per core, and
 * whether the target is met. Returns 1 if it is not. */
static int print_ratio(const char *table, const char *format, const char *op, const char *baseline,
                       result_t gen, result_t base, double target) {
    double ratio = base.rec_per_cpu_s > 0 ? gen.rec_per_cpu_s / base.rec_per_cpu_s : 0;
    bool ok = ratio >= target;
    printf("ratio: %s %s %s sqlkc/%s = %.2fx per core, target >= %gx: %s\n", table, format, op,
           baseline, ratio, target, ok ? "ok" : "MISSED");
    fflush(stdout);
    return ok ? 0 : 1;
}

static void parse_args(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char *end;
        if (!strcmp(argv[i], "--records") && i + 1 < argc) {
            opts.records = strtoull(argv[++i], &end, 10);
            if (*end || opts.records == 0)
                die("--records expects a positive number");
        } else if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            opts.runs = (int)strtol(argv[++i], &end, 10);
            if (*end || opts.runs <= 0)
                die("--runs expects a positive number");
        } else if (!strcmp(argv[i], "--min-seconds") && i + 1 < argc) {
            opts.min_seconds = strtod(argv[++i], &end);
            if (*end || opts.min_seconds < 0)
                die("--min-seconds expects a number of seconds");
        } else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            opts.only = argv[++i];
        } else {
            fprintf(stderr,
                    "usage: %s [--records N] [--runs N] [--min-seconds S] [--only FORMAT-OP]\n",
                    argv[0]);
            exit(2);
        }
    }
}

#endif /* BENCH_FORMATS_HARNESS_H */
