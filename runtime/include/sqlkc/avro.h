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

/* Avro's JSON encoding ('avro.encoding' = 'json', avro_json.c) of the
 * format's record: rec is the descriptor of a ROW of the format's columns
 * (NOT NULL), fields its values; legacy the timestamp mapping. The writer
 * appends the record (a "\n" first unless it is the first record *started has
 * seen, as Flink's reused JsonEncoder writes) and returns NULL or why it
 * cannot; the reader fills fields from the message (memory from alloc) and
 * returns 0, or -1 with err set. */
const char *sqlkc_rt_avro_json_put(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *fields, const struct sqlkc_rt_type *rec,
                                   bool legacy, bool *started, sqlkc_rt_alloc_fn alloc, void *arg);
int sqlkc_rt_avro_json_get(const void *data, size_t len, sqlkc_rt_item_t *fields, const struct sqlkc_rt_type *rec,
                           bool legacy, sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen);

#endif /* SQLKC_AVRO_H */
