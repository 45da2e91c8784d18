/* This file defines how a job holds ARRAY, MAP, MULTISET and ROW values: a
 * small tree of items, described by a static type descriptor the generated
 * code emits, and what is done to such values without knowing their type at
 * compile time (deep copy into state, equality, Flink's map order). The
 * codecs (json.h, avro.h, csv.h) walk the same trees. */
#ifndef SQLKC_NESTED_H
#define SQLKC_NESTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/rt.h"
#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Type kinds of descriptors (a runtime mirror of the SQL types). */
enum {
    SQLKC_RT_T_BOOLEAN = 1,
    SQLKC_RT_T_TINYINT,
    SQLKC_RT_T_SMALLINT,
    SQLKC_RT_T_INT,
    SQLKC_RT_T_BIGINT,
    SQLKC_RT_T_FLOAT,
    SQLKC_RT_T_DOUBLE,
    SQLKC_RT_T_DECIMAL, /* p, s */
    SQLKC_RT_T_STRING,  /* CHAR, VARCHAR */
    SQLKC_RT_T_BYTES,   /* BINARY, VARBINARY */
    SQLKC_RT_T_DATE,
    SQLKC_RT_T_TIME,          /* p */
    SQLKC_RT_T_TIMESTAMP,     /* p */
    SQLKC_RT_T_TIMESTAMP_LTZ, /* p */
    SQLKC_RT_T_ARRAY,         /* sub[0] = element */
    SQLKC_RT_T_MAP,           /* sub[0] = key, sub[1] = value */
    SQLKC_RT_T_MULTISET,      /* sub[0] = element, sub[1] = INT NOT NULL (the count) */
    SQLKC_RT_T_ROW,           /* n fields: sub[i], names[i] */
};

/* A type descriptor; generated jobs emit them as static constants. */
typedef struct sqlkc_rt_type {
    int kind; /* SQLKC_RT_T_* */
    bool nullable;
    int p, s;
    int n; /* ROW: fields; ARRAY 1; MAP and MULTISET 2 */
    const struct sqlkc_rt_type *const *sub;
    const char *const *names; /* ROW field names; NULL otherwise */
} sqlkc_rt_type_t;

/* One value inside a nested value. Integers of every width, DATE and TIME
 * are in i; CHAR/VARCHAR/BINARY/VARBINARY in s; nested values in nest. */
typedef struct sqlkc_rt_item {
    union {
        bool b;
        int64_t i;
        float f;
        double d;
        sqlkc_rt_dec_t dec;
        sqlkc_rt_str_t s;
        sqlkc_rt_ts_t ts;
        sqlkc_rt_nested_t nest;
    } v;
    bool null;
} sqlkc_rt_item_t;

/* Room for `more` groups of `per` items after the n groups at items
 * (capacity *cap groups): the array itself, or a larger copy from alloc that
 * at least doubles, so that items added one by one stay linear (the
 * per-record allocator frees nothing before the record ends). NULL when the
 * count would pass UINT32_MAX / 4. The generated codecs of nested values
 * grow their items with it. */
static inline sqlkc_rt_item_t *sqlkc_rt_items_reserve(sqlkc_rt_item_t *items, uint32_t n, uint32_t more,
                                                      uint32_t *cap, size_t per, sqlkc_rt_alloc_fn alloc, void *arg)
{
    if ((uint64_t)n + more <= *cap)
        return items;
    if ((uint64_t)n + more > UINT32_MAX / 4)
        return NULL;
    uint64_t ncap = (uint64_t)*cap * 2;
    if (ncap < (uint64_t)n + more)
        ncap = (uint64_t)n + more;
    if (ncap < 8)
        ncap = 8;
    if (ncap > UINT32_MAX / 4)
        ncap = UINT32_MAX / 4;
    sqlkc_rt_item_t *m = (sqlkc_rt_item_t *)alloc(arg, sizeof *m * per * (size_t)ncap);
    if (n)
        __builtin_memcpy(m, items, sizeof *m * per * n);
    *cap = (uint32_t)ncap;
    return m;
}

/* Bytes that sqlkc_rt_nested_copy needs for v's items and strings. */
size_t sqlkc_rt_nested_size(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t);

/* Copies v into *mem (which has sqlkc_rt_nested_size bytes, aligned to 16)
 * and advances *mem; the copy shares nothing with v. */
sqlkc_rt_nested_t sqlkc_rt_nested_copy(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, char **mem);

/* Equality as Flink's binary data compares (NULL equals NULL, floating point
 * by bits, maps entry by entry in their order). */
bool sqlkc_rt_nested_equal(const sqlkc_rt_nested_t *a, const sqlkc_rt_nested_t *b, const sqlkc_rt_type_t *t);

/* Flink's StringData.hashCode (BinaryStringData: MurmurHash3 of the UTF-8
 * bytes, seed 42, 4-byte words in little-endian order, tail bytes mixed one
 * by one as signed bytes). */
int32_t sqlkc_rt_flink_string_hash(const char *p, size_t n);

/* Java's String.hashCode of UTF-8 bytes (decoded to UTF-16 first). */
int32_t sqlkc_rt_java_string_hash(const char *p, size_t n);

/* Puts a map's entries (n pairs at items[2k], items[2k+1], in the order they
 * were read, string keys) into the iteration order of a java.util.HashMap
 * filled with them in that order: duplicate keys keep the first position and
 * the last value; buckets by `hash` of the key, the capacity that the puts
 * grew the table to (initial capacity `cap0`, load factor 0.75), insertion
 * order within a bucket. Returns the new entry count. `hash` is
 * sqlkc_rt_flink_string_hash for Flink's StringData keys. The scratch is
 * from alloc. NULL keys hash to 0. */
uint32_t sqlkc_rt_map_hash_order(sqlkc_rt_item_t *items, uint32_t n, int32_t (*hash)(const char *, size_t),
                                 uint32_t cap0, sqlkc_rt_alloc_fn alloc, void *alloc_arg);

/* The `headers` metadata of msg as Flink's KafkaDynamicSource reads it: a
 * MAP<STRING, BYTES> filled into a HashMap<StringData, byte[]> in record
 * order, so a repeated name keeps its last value (in the place of its first),
 * in that map's order. Memory is per-record scratch. */
sqlkc_rt_nested_t sqlkc_rt_headers_map(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_msg_t *msg);

/* The headers a sink writes from its `headers` column (a MAP<STRING, BYTES>),
 * as KafkaDynamicSink's HEADERS metadata does: the map's entries in order,
 * skipping those with a NULL name or a NULL value. *n of them; scratch. */
const sqlkc_rt_header_t *sqlkc_rt_map_headers(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_nested_t *map, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_NESTED_H */
