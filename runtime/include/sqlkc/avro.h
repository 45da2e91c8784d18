/* This file holds the primitives of Avro's binary encoding as Flink's avro
 * format writes one bare datum per Kafka message: zig-zag varints for int
 * and long, length-prefixed bytes and strings, little-endian IEEE 754 floats,
 * and DECIMAL as the minimal big-endian two's complement of the unscaled
 * value (BigInteger.toByteArray). */
#ifndef SQLKC_AVRO_H
#define SQLKC_AVRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/buf.h"
#include "sqlkc/json.h"
#include "sqlkc/nested.h"
#include "sqlkc/types.h"

static inline void sqlkc_rt_avro_put_long(sqlkc_rt_buf_t *b, int64_t v)
{
    uint64_t z = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
    sqlkc_rt_buf_reserve(b, 10);
    char *o = b->p + b->len;
    size_t n = 0;
    while (z >= 0x80) {
        o[n++] = (char)(z | 0x80);
        z >>= 7;
    }
    o[n++] = (char)z;
    b->len += n;
}

/* An int is written as a long of the same value. */
static inline void sqlkc_rt_avro_put_int(sqlkc_rt_buf_t *b, int32_t v) { sqlkc_rt_avro_put_long(b, v); }

static inline void sqlkc_rt_avro_put_bytes(sqlkc_rt_buf_t *b, const void *p, size_t n)
{
    sqlkc_rt_avro_put_long(b, (int64_t)n);
    sqlkc_rt_buf_put(b, p, n);
}

static inline void sqlkc_rt_avro_put_bool(sqlkc_rt_buf_t *b, bool v) { sqlkc_rt_buf_putc(b, v ? 1 : 0); }

static inline void sqlkc_rt_avro_put_double(sqlkc_rt_buf_t *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    sqlkc_rt_buf_reserve(b, 8);
    for (int i = 0; i < 8; i++)
        b->p[b->len + (size_t)i] = (char)(u >> (8 * i));
    b->len += 8;
}

static inline void sqlkc_rt_avro_put_float(sqlkc_rt_buf_t *b, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    sqlkc_rt_buf_reserve(b, 4);
    for (int i = 0; i < 4; i++)
        b->p[b->len + (size_t)i] = (char)(u >> (8 * i));
    b->len += 4;
}

/* DECIMAL: bytes of the unscaled value, big-endian two's complement in as
 * few bytes as keep the sign (at least one). */
static inline void sqlkc_rt_avro_put_decimal(sqlkc_rt_buf_t *b, sqlkc_rt_dec_t v)
{
    unsigned char be[16];
    unsigned __int128 u = (unsigned __int128)v;
    for (int i = 15; i >= 0; i--) {
        be[i] = (unsigned char)u;
        u >>= 8;
    }
    int start = 0;
    /* drop leading bytes that only repeat the sign */
    while (start < 15 && ((be[start] == 0x00 && !(be[start + 1] & 0x80)) ||
                          (be[start] == 0xFF && (be[start + 1] & 0x80))))
        start++;
    sqlkc_rt_avro_put_bytes(b, be + start, (size_t)(16 - start));
}

/* TIMESTAMP and TIMESTAMP_LTZ under 'avro.timestamp_mapping.legacy' =
 * 'false' (RowDataToAvroConverters): a long counting the unit of the logical
 * type the precision picks, p <= 3 millis, p <= 6 micros, else nanos, as
 * Instant.getEpochSecond() * unit + getNano() / (1e9 / unit); so sub-unit
 * digits are cut off, and Java's long arithmetic wraps (nanos beyond 2262). */
enum { SQLKC_RT_AVRO_MILLIS, SQLKC_RT_AVRO_MICROS, SQLKC_RT_AVRO_NANOS };

static inline int64_t sqlkc_rt_avro_ts_long(sqlkc_rt_ts_t v, int unit)
{
    /* epochSecond * 10^6 + nano / 1000 == millis * 1000 + nanos / 1000 (the
     * floor of millis makes nanos >= 0), modulo 2^64 as Java computes it */
    if (unit == SQLKC_RT_AVRO_MICROS)
        return (int64_t)((uint64_t)v.millis * 1000u + (uint64_t)(v.nanos / 1000));
    if (unit == SQLKC_RT_AVRO_NANOS)
        return (int64_t)((uint64_t)v.millis * 1000000u + (uint64_t)v.nanos);
    return v.millis;
}

/* The reverse (AvroToRowDataConverters): the instant of the long read in its
 * unit, held as TimestampData holds it. */
static inline sqlkc_rt_ts_t sqlkc_rt_avro_ts_of_long(int64_t v, int unit)
{
    int64_t per = unit == SQLKC_RT_AVRO_MICROS ? 1000 : unit == SQLKC_RT_AVRO_NANOS ? 1000000 : 1;
    int64_t q = v / per, r = v % per;
    if (r < 0) /* floor */
        q--, r += per;
    sqlkc_rt_ts_t ts = {q, (int32_t)(r * (1000000 / per))};
    return ts;
}

static inline void sqlkc_rt_avro_put_ts(sqlkc_rt_buf_t *b, sqlkc_rt_ts_t v, int unit)
{
    sqlkc_rt_avro_put_long(b, sqlkc_rt_avro_ts_long(v, unit));
}

/* The unit of a TIMESTAMP(p) or TIMESTAMP_LTZ(p) under the non-legacy mapping. */
static inline int sqlkc_rt_avro_ts_unit(int p)
{
    return p <= 3 ? SQLKC_RT_AVRO_MILLIS : p <= 6 ? SQLKC_RT_AVRO_MICROS : SQLKC_RT_AVRO_NANOS;
}

/* Reading: a cursor over one datum. Each reader returns 0, or -1 with err
 * set when the bytes end early or do not fit the type; nothing is read
 * beyond end. */
typedef struct sqlkc_rt_acur {
    const unsigned char *p, *end, *start;
    const char *err;
} sqlkc_rt_acur_t;

static inline void sqlkc_rt_acur_init(sqlkc_rt_acur_t *c, const void *p, size_t n)
{
    c->p = c->start = (const unsigned char *)p;
    c->end = c->p + n;
    c->err = NULL;
}

static inline int sqlkc_rt_avro_get_long(sqlkc_rt_acur_t *c, int64_t *out)
{
    uint64_t z = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (c->p == c->end) {
            c->err = "the datum ends inside a number";
            return -1;
        }
        unsigned char b = *c->p++;
        z |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *out = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
            return 0;
        }
    }
    c->err = "a number longer than 10 bytes";
    return -1;
}

static inline int sqlkc_rt_avro_get_int(sqlkc_rt_acur_t *c, int32_t *out)
{
    int64_t v;
    if (sqlkc_rt_avro_get_long(c, &v) < 0)
        return -1;
    if (v < INT32_MIN || v > INT32_MAX) {
        c->err = "an int out of range";
        return -1;
    }
    *out = (int32_t)v;
    return 0;
}

/* The branch of a ["null", T] union: 1 for the value, 0 for null. */
static inline int sqlkc_rt_avro_get_branch(sqlkc_rt_acur_t *c, bool *has_value)
{
    int64_t i;
    if (sqlkc_rt_avro_get_long(c, &i) < 0)
        return -1;
    if (i != 0 && i != 1) {
        c->err = "a union branch other than 0 or 1";
        return -1;
    }
    *has_value = i == 1;
    return 0;
}

static inline int sqlkc_rt_avro_get_bytes(sqlkc_rt_acur_t *c, sqlkc_rt_str_t *out)
{
    int64_t n;
    if (sqlkc_rt_avro_get_long(c, &n) < 0)
        return -1;
    if (n < 0 || n > c->end - c->p) {
        c->err = "a length beyond the datum";
        return -1;
    }
    out->p = (const char *)c->p;
    out->n = (size_t)n;
    c->p += n;
    return 0;
}

static inline int sqlkc_rt_avro_get_bool(sqlkc_rt_acur_t *c, bool *out)
{
    if (c->p == c->end) {
        c->err = "the datum ends inside a boolean";
        return -1;
    }
    *out = *c->p++ != 0;
    return 0;
}

static inline int sqlkc_rt_avro_get_double(sqlkc_rt_acur_t *c, double *out)
{
    if (c->end - c->p < 8) {
        c->err = "the datum ends inside a double";
        return -1;
    }
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)c->p[i] << (8 * i);
    memcpy(out, &u, sizeof u);
    c->p += 8;
    return 0;
}

static inline int sqlkc_rt_avro_get_float(sqlkc_rt_acur_t *c, float *out)
{
    if (c->end - c->p < 4) {
        c->err = "the datum ends inside a float";
        return -1;
    }
    uint32_t u = 0;
    for (int i = 0; i < 4; i++)
        u |= (uint32_t)c->p[i] << (8 * i);
    memcpy(out, &u, sizeof u);
    c->p += 4;
    return 0;
}

/* DECIMAL bytes: big-endian two's complement, at most 16 bytes. */
static inline int sqlkc_rt_avro_get_decimal(sqlkc_rt_acur_t *c, sqlkc_rt_dec_t *out)
{
    sqlkc_rt_str_t b;
    if (sqlkc_rt_avro_get_bytes(c, &b) < 0)
        return -1;
    if (b.n == 0 || b.n > 16) {
        c->err = "a decimal of no bytes or more than 16";
        return -1;
    }
    unsigned __int128 u = (b.p[0] & 0x80) ? ~(unsigned __int128)0 : 0;
    for (size_t i = 0; i < b.n; i++)
        u = (u << 8) | (unsigned char)b.p[i];
    *out = (sqlkc_rt_dec_t)u;
    return 0;
}

static inline int sqlkc_rt_avro_get_ts(sqlkc_rt_acur_t *c, sqlkc_rt_ts_t *out, int unit)
{
    int64_t v;
    if (sqlkc_rt_avro_get_long(c, &v) < 0)
        return -1;
    *out = sqlkc_rt_avro_ts_of_long(v, unit);
    return 0;
}

/* Primitives of the codecs the compiler generates per ARRAY, MAP, MULTISET
 * and ROW type (avro_nested.c), for the schema Flink's AvroSchemaConverter
 * derives (arrays and maps written as one block, maps with string keys). */
/* A block count; a negative count's block size is skipped. 0 or -1. */
int sqlkc_rt_avro_block_count(sqlkc_rt_acur_t *c, int64_t *n);
/* The n entries read (pairs at items[2k], items[2k+1]) in the order Flink
 * holds them: GenericDatumReader's HashMap<Utf8, ...> sized by the first
 * block's count, then AvroToRowDataConverters' HashMap<StringData, ...>.
 * The new entry count (a repeated key keeps its last value). */
uint32_t sqlkc_rt_avro_map_read_order(sqlkc_rt_item_t *items, uint32_t n, uint32_t first_block,
                                      sqlkc_rt_alloc_fn alloc, void *arg);
/* The entries of map v in the order RowDataToAvroConverters writes them (a
 * HashMap<String, Object> of v's entries): *items from alloc, the count
 * returned. The caller has refused NULL keys. */
uint32_t sqlkc_rt_avro_map_write_order(const sqlkc_rt_nested_t *v, sqlkc_rt_item_t **items, sqlkc_rt_alloc_fn alloc,
                                       void *arg);
/* Why a NULL cannot be written where the schema has no null. */
#define SQLKC_RT_AVRO_NOT_NULL_MSG "a NULL value where the Avro schema has no null (a NOT NULL element, value or field)"

/* ==== Avro's JSON encoding ('avro.encoding' = 'json', avro_json.c) =======
 * The compiler generates each format's reader and writer of the record
 * (compiler/gen_avro_json.c) over these primitives and the json format's
 * (json.h): a nullable value is the union ["null", T], written null or
 * {"<T's name>": value}; bytes and DECIMALs are strings of code points
 * U+0000..U+00FF; records objects of their fields in order. */

/* new String(bytes, ISO_8859_1) as Jackson writes it. */
void sqlkc_rt_ajson_put_latin1(sqlkc_rt_buf_t *b, const void *p, size_t n);
/* A DECIMAL's unscaled BigInteger.toByteArray, the same way. */
void sqlkc_rt_ajson_put_decimal(sqlkc_rt_buf_t *b, sqlkc_rt_dec_t v);

/* A reader over one message; errors go to err (JsonDecoder's messages). */
typedef struct sqlkc_rt_ajson {
    sqlkc_rt_jcur_t c;
    char *err;
    size_t errlen;
    bool fatal;        /* the error is malformed JSON, not a conversion */
    const char *begin; /* the first value, past a byte order mark */
} sqlkc_rt_ajson_t;

/* Where the cursor is, to come back to a value. */
typedef struct sqlkc_rt_ajson_mark {
    const char *p;
    int depth;
    bool first;
} sqlkc_rt_ajson_mark_t;

static inline sqlkc_rt_ajson_mark_t sqlkc_rt_ajson_mark(const sqlkc_rt_ajson_t *r)
{
    return (sqlkc_rt_ajson_mark_t){r->c.p, r->c.depth, r->c.first};
}

static inline void sqlkc_rt_ajson_reset(sqlkc_rt_ajson_t *r, sqlkc_rt_ajson_mark_t m)
{
    r->c.p = m.p;
    r->c.depth = m.depth;
    r->c.first = m.first;
}

void sqlkc_rt_ajson_init(sqlkc_rt_ajson_t *r, const void *data, size_t len, sqlkc_rt_alloc_fn alloc, void *arg,
                         char *err, size_t errlen);
/* After the record was read with result rc: a conversion error still
 * reports malformed JSON in the first value as such, and a raw control
 * character in a string fails the message. rc, or -1. */
int sqlkc_rt_ajson_finish(sqlkc_rt_ajson_t *r, int rc, const void *data, size_t len);

/* Each returns 0, or -1 with the error set (r->fatal for malformed JSON). */
int sqlkc_rt_ajson_malformed(sqlkc_rt_ajson_t *r);
int sqlkc_rt_ajson_fail(sqlkc_rt_ajson_t *r, const char *msg);
int sqlkc_rt_ajson_missing(sqlkc_rt_ajson_t *r, const char *name); /* a record field */
/* "Expected <what>. Got <token>", the value consumed. */
int sqlkc_rt_ajson_expected(sqlkc_rt_ajson_t *r, const char *what);
int sqlkc_rt_ajson_skip(sqlkc_rt_ajson_t *r);
static inline int sqlkc_rt_ajson_peek(sqlkc_rt_ajson_t *r) { return sqlkc_rt_json_peek(&r->c); }

/* Plain values. int: bits 8, 16, 32 (an Avro int, wrapped as
 * Integer.byteValue / shortValue) or 64 (a long). */
int sqlkc_rt_ajson_bool(sqlkc_rt_ajson_t *r, bool *out);
int sqlkc_rt_ajson_int(sqlkc_rt_ajson_t *r, int bits, int64_t *out);
int sqlkc_rt_ajson_ts(sqlkc_rt_ajson_t *r, int unit, sqlkc_rt_ts_t *out);
int sqlkc_rt_ajson_float(sqlkc_rt_ajson_t *r, float *out);
int sqlkc_rt_ajson_double(sqlkc_rt_ajson_t *r, const char *what, double *out);
int sqlkc_rt_ajson_decimal(sqlkc_rt_ajson_t *r, sqlkc_rt_dec_t *out);
int sqlkc_rt_ajson_string(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *out);
int sqlkc_rt_ajson_bytes(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *out);

/* Containers: begin expects the container; member and element return 1 at
 * the next value (a member's name in *key), 0 after the end, -1. */
int sqlkc_rt_ajson_record_begin(sqlkc_rt_ajson_t *r);
int sqlkc_rt_ajson_array_begin(sqlkc_rt_ajson_t *r);
int sqlkc_rt_ajson_map_begin(sqlkc_rt_ajson_t *r);
int sqlkc_rt_ajson_member(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *key);
int sqlkc_rt_ajson_element(sqlkc_rt_ajson_t *r);

/* A nullable value (JsonDecoder.readIndex): 0 for null (consumed); 1 at the
 * value of {"<branch>": value} (*start marks the object); 2 when the object
 * does not start with the branch; -1. After the value,
 * sqlkc_rt_ajson_union_end returns 1 at the object's end, 0 when more
 * members follow. Whenever it is not that simple form (2, 0 or a value that
 * does not convert), sqlkc_rt_ajson_union_slow goes back to *start and
 * checks the object as JsonDecoder sees it (one member name, the branch):
 * 0 at the (last) value, *end past the object. */
int sqlkc_rt_ajson_union(sqlkc_rt_ajson_t *r, const char *branch, sqlkc_rt_ajson_mark_t *start);
int sqlkc_rt_ajson_union_end(sqlkc_rt_ajson_t *r);
int sqlkc_rt_ajson_union_slow(sqlkc_rt_ajson_t *r, const char *branch, const sqlkc_rt_ajson_mark_t *start,
                              sqlkc_rt_ajson_mark_t *end);

/* Maps: room for entry n (key, value pairs in *items, per entry whether its
 * value failed in *bad and where it is in *at), the key of an entry (a copy),
 * which failing entry's error to report (the first key by first appearance
 * whose last value fails; -1 when every failing value was replaced by a
 * later one), and the order Flink's HashMaps give the entries (the new
 * count: a repeated key keeps its place and its last value). */
int sqlkc_rt_ajson_entries_reserve(sqlkc_rt_ajson_t *r, sqlkc_rt_item_t **items, unsigned char **bad,
                                   sqlkc_rt_ajson_mark_t **at, uint32_t n, uint32_t *cap);
int sqlkc_rt_ajson_map_key(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t key, sqlkc_rt_item_t *entry);
int64_t sqlkc_rt_ajson_map_bad(sqlkc_rt_ajson_t *r, const sqlkc_rt_item_t *items, uint32_t n,
                               const unsigned char *bad);
uint32_t sqlkc_rt_ajson_map_order(sqlkc_rt_ajson_t *r, sqlkc_rt_item_t *items, uint32_t n);

#endif /* SQLKC_AVRO_H */
