/* This file declares the keyed state of a job: an in-memory hash map from
 * canonical key bytes (see key.h) to a fixed-size value struct the
 * generated code defines (aggregates, last rows, ...). */
#ifndef SQLKC_STATE_H
#define SQLKC_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sqlkc_rt_map sqlkc_rt_map_t;

/* A map whose values are value_size bytes, zero-initialised on creation and
 * aligned to 16 bytes (any C type fits). Aborts on out of memory, like the
 * rest of the runtime. */
sqlkc_rt_map_t *sqlkc_rt_map_new(size_t value_size);

/* The value stored under key[0..n), or NULL. */
void *sqlkc_rt_map_find(sqlkc_rt_map_t *m, const void *key, size_t n);

/* The value under key, created zeroed if absent (*created tells which;
 * created may be NULL). The key bytes are copied. The pointer stays valid
 * until the next upsert or remove on this map. */
void *sqlkc_rt_map_upsert(sqlkc_rt_map_t *m, const void *key, size_t n, bool *created);

/* Removes key; true if it was present. */
bool sqlkc_rt_map_remove(sqlkc_rt_map_t *m, const void *key, size_t n);

size_t sqlkc_rt_map_count(const sqlkc_rt_map_t *m);

/* Heap bytes held by the map: table, entries and allocator overhead. */
size_t sqlkc_rt_map_bytes(const sqlkc_rt_map_t *m);

/* Iteration in table order. Start with an iterator zeroed ({0}); each call
 * returns the next entry's key and value. Removing the entry just returned
 * (or any other) during iteration is allowed and does not disturb it;
 * upserting a new key is not (the table may be rebuilt). */
typedef struct sqlkc_rt_map_iter {
    size_t i;
} sqlkc_rt_map_iter_t;

bool sqlkc_rt_map_next(sqlkc_rt_map_t *m, sqlkc_rt_map_iter_t *it, const void **key, size_t *n,
                       void **value);

/* Frees the map and everything in it. NULL is fine. */
void sqlkc_rt_map_free(sqlkc_rt_map_t *m);

/* A counter per pair of 64-bit words, stored inline (one cache line visit
 * per lookup, no allocation per entry): COUNT(DISTINCT x) keeps one per
 * (group id, x) when x fits in 64 bits. */
typedef struct sqlkc_rt_pairs sqlkc_rt_pairs_t;
sqlkc_rt_pairs_t *sqlkc_rt_pairs_new(void);
/* The counter of (a, b), zero when created; valid until the next upsert. */
int64_t *sqlkc_rt_pairs_upsert(sqlkc_rt_pairs_t *m, uint64_t a, uint64_t b, bool *created);
/* Removes (a, b); true if it was present. */
bool sqlkc_rt_pairs_remove(sqlkc_rt_pairs_t *m, uint64_t a, uint64_t b);
size_t sqlkc_rt_pairs_count(const sqlkc_rt_pairs_t *m);
size_t sqlkc_rt_pairs_bytes(const sqlkc_rt_pairs_t *m);
void sqlkc_rt_pairs_free(sqlkc_rt_pairs_t *m);
/* Iteration in table order (a checkpoint): start with *i = 0; each call
 * returns the next pair and its counter, false at the end. */
bool sqlkc_rt_pairs_next(const sqlkc_rt_pairs_t *m, size_t *i, uint64_t *a, uint64_t *b, int64_t *count);
/* Makes room for n pairs in all (a restore), so that adding them never grows. */
void sqlkc_rt_pairs_reserve(sqlkc_rt_pairs_t *m, size_t n);

/* The 64-bit distinct key of a DOUBLE, as Double.equals compares: by bits,
 * with every NaN the same. */
static inline uint64_t sqlkc_rt_f64_key(double v)
{
    uint64_t bits;
    if (v != v)
        return 0x7ff8000000000000ull;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

/* A sorted set of 128-bit values with a count each: MIN and MAX over a
 * changelog keep one per group, as Flink's MinWithRetractAggFunction keeps a
 * value -> count map and rescans it when the extreme is retracted. Values
 * order as unsigned (hi, lo); sqlkc_rt_ord_* map SQL values to that order.
 * A NULL pointer is the empty set. */
typedef struct sqlkc_rt_mset sqlkc_rt_mset_t;
/* Adds delta to the count of (hi, lo); a count that reaches 0 is removed. */
void sqlkc_rt_mset_add(sqlkc_rt_mset_t **s, uint64_t hi, uint64_t lo, int64_t delta);
/* The smallest (first) or largest (!first) value; false when empty. */
bool sqlkc_rt_mset_end(const sqlkc_rt_mset_t *s, bool first, uint64_t *hi, uint64_t *lo);
size_t sqlkc_rt_mset_count(const sqlkc_rt_mset_t *s);
/* The i-th value in order (i < count) and its count. */
void sqlkc_rt_mset_at(const sqlkc_rt_mset_t *s, size_t i, uint64_t *hi, uint64_t *lo, int64_t *count);
size_t sqlkc_rt_mset_bytes(const sqlkc_rt_mset_t *s);
void sqlkc_rt_mset_free(sqlkc_rt_mset_t *s);

/* Order-preserving maps to unsigned 64-bit words (and back): integers by
 * flipping the sign bit; doubles in Double.compareTo order (-0.0 < 0.0,
 * every NaN equal and above +Infinity). */
static inline uint64_t sqlkc_rt_ord_i64(int64_t v) { return (uint64_t)v ^ (UINT64_C(1) << 63); }
static inline int64_t sqlkc_rt_unord_i64(uint64_t u) { return (int64_t)(u ^ (UINT64_C(1) << 63)); }
static inline uint64_t sqlkc_rt_ord_f64(double v)
{
    uint64_t bits = sqlkc_rt_f64_key(v);
    return bits >> 63 ? ~bits : bits | (UINT64_C(1) << 63);
}
static inline double sqlkc_rt_unord_f64(uint64_t u)
{
    uint64_t bits = u >> 63 ? u & ~(UINT64_C(1) << 63) : ~u;
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Heap memory for state that outlives a record (stored rows' strings).
 * Aborts on out of memory, like the rest of the runtime; n 0 gives NULL. */
void *sqlkc_rt_alloc(size_t n);
/* realloc that aborts on out of memory (a bundle's growing array). */
void *sqlkc_rt_grow(void *p, size_t n);
void sqlkc_rt_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_STATE_H */
