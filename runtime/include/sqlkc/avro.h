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

#endif /* SQLKC_AVRO_H */
