/* This file encodes group keys (GROUP BY columns, join keys, upsert keys)
 * into canonical bytes for the state map: two keys encode to equal bytes
 * exactly when Flink would put them in the same group. Flink groups by the
 * bytes of a BinaryRowData, so the same choices carry over: NULLs equal
 * each other, DOUBLE/FLOAT compare by bits (-0.0 and 0.0 are different
 * groups) with NaN canonicalised, strings by bytes. Each value starts with
 * a tag byte (0 = NULL, 1 = value) and has a fixed size or a length
 * prefix, so a concatenation of fields is unambiguous. Integers are
 * big-endian with the sign bit flipped, so byte order follows numeric
 * order. */
#ifndef SQLKC_KEY_H
#define SQLKC_KEY_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/buf.h"
#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

static inline void sqlkc_rt_key_null(sqlkc_rt_buf_t *b) { sqlkc_rt_buf_putc(b, 0); }

/* Writes v big-endian at o. */
static inline void sqlkc_rt_key_be64(char *o, uint64_t v) {
    for (int i = 7; i >= 0; i--) {
        o[i] = (char)(v & 0xFF);
        v >>= 8;
    }
}

static inline void sqlkc_rt_key_bool(sqlkc_rt_buf_t *b, bool v) {
    sqlkc_rt_buf_reserve(b, 2);
    b->p[b->len] = 1;
    b->p[b->len + 1] = (char)v;
    b->len += 2;
}

/* TINYINT, SMALLINT, INT, BIGINT, DATE, TIME and INTERVALs all widen to
 * 64 bits: the column's type is fixed, so widening loses nothing. */
static inline void sqlkc_rt_key_i64(sqlkc_rt_buf_t *b, int64_t v) {
    sqlkc_rt_buf_reserve(b, 9);
    b->p[b->len] = 1;
    sqlkc_rt_key_be64(b->p + b->len + 1, (uint64_t)v ^ 0x8000000000000000ull);
    b->len += 9;
}

static inline void sqlkc_rt_key_f64(sqlkc_rt_buf_t *b, double v) {
    uint64_t bits;
    if (v != v)
        v = __builtin_nan(""); /* every NaN is Java's Double.NaN */
    memcpy(&bits, &v, 8);
    sqlkc_rt_buf_reserve(b, 9);
    b->p[b->len] = 1;
    sqlkc_rt_key_be64(b->p + b->len + 1, bits);
    b->len += 9;
}

static inline void sqlkc_rt_key_f32(sqlkc_rt_buf_t *b, float v) {
    uint32_t bits;
    if (v != v)
        v = __builtin_nanf("");
    memcpy(&bits, &v, 4);
    sqlkc_rt_buf_reserve(b, 5);
    char *o = b->p + b->len;
    o[0] = 1;
    o[1] = (char)(bits >> 24);
    o[2] = (char)(bits >> 16);
    o[3] = (char)(bits >> 8);
    o[4] = (char)bits;
    b->len += 5;
}

/* STRING/BYTES: tag, LEB128 length, bytes. */
static inline void sqlkc_rt_key_str(sqlkc_rt_buf_t *b, const char *p, size_t n) {
    sqlkc_rt_buf_reserve(b, n + 11);
    char *o = b->p + b->len;
    *o++ = 1;
    size_t len = n;
    do {
        unsigned char byte = len & 0x7F;
        len >>= 7;
        *o++ = (char)(len ? byte | 0x80 : byte);
    } while (len);
    if (n)
        memcpy(o, p, n);
    b->len = (size_t)(o + n - b->p);
}

/* DECIMAL: the unscaled value; the column's scale is fixed, so equal
 * values have equal unscaled values (as DecimalData.equals holds them). */
static inline void sqlkc_rt_key_dec(sqlkc_rt_buf_t *b, sqlkc_rt_dec_t v) {
    unsigned __int128 u = (unsigned __int128)v ^ ((unsigned __int128)1 << 127);
    sqlkc_rt_buf_reserve(b, 17);
    b->p[b->len] = 1;
    sqlkc_rt_key_be64(b->p + b->len + 1, (uint64_t)(u >> 64));
    sqlkc_rt_key_be64(b->p + b->len + 9, (uint64_t)u);
    b->len += 17;
}

/* TIMESTAMP / TIMESTAMP_LTZ: millis then nanos-of-milli. */
static inline void sqlkc_rt_key_ts(sqlkc_rt_buf_t *b, sqlkc_rt_ts_t v) {
    sqlkc_rt_buf_reserve(b, 13);
    char *o = b->p + b->len;
    o[0] = 1;
    sqlkc_rt_key_be64(o + 1, (uint64_t)v.millis ^ 0x8000000000000000ull);
    uint32_t n = (uint32_t)v.nanos;
    o[9] = (char)(n >> 24);
    o[10] = (char)(n >> 16);
    o[11] = (char)(n >> 8);
    o[12] = (char)n;
    b->len += 13;
}

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_KEY_H */
