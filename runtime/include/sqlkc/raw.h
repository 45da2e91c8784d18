/* This file holds the primitives of Flink's raw format: one column as bytes,
 * numbers as two's complement or IEEE 754 in big- or little-endian order,
 * strings as their UTF-8 bytes, BOOLEAN as one byte. */
#ifndef SQLKC_RAW_H
#define SQLKC_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/buf.h"

/* Appends the n low bytes of v (n = 1, 2, 4, 8) in the given byte order. */
static inline void sqlkc_rt_raw_put(sqlkc_rt_buf_t *b, uint64_t v, int n, bool little)
{
    sqlkc_rt_buf_reserve(b, (size_t)n);
    char *o = b->p + b->len;
    for (int i = 0; i < n; i++) {
        int shift = little ? 8 * i : 8 * (n - 1 - i);
        o[i] = (char)(v >> shift);
    }
    b->len += (size_t)n;
}

/* The n bytes at p (n = 1, 2, 4, 8) as an unsigned number in the given order. */
static inline uint64_t sqlkc_rt_raw_get(const void *p, int n, bool little)
{
    const unsigned char *s = (const unsigned char *)p;
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)s[little ? i : n - 1 - i] << (8 * i);
    return v;
}

static inline uint64_t sqlkc_rt_f64_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static inline uint32_t sqlkc_rt_f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static inline double sqlkc_rt_f64_from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline float sqlkc_rt_f32_from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

#endif /* SQLKC_RAW_H */
