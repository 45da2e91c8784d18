/* This file holds the primitives of Flink's raw format: one column as bytes,
 * numbers as two's complement or IEEE 754 in big- or little-endian order,
 * strings as their bytes in raw.charset (UTF-8 as is, any other charset
 * converted by charset.c), BOOLEAN as one byte. */
#ifndef SQLKC_RAW_H
#define SQLKC_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/buf.h"
#include "sqlkc/types.h"

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

/* A Java charset opened for conversion to and from UTF-8 (raw.charset other
 * than UTF-8). Owned by the runtime, shared and never closed. */
typedef struct sqlkc_rt_charset sqlkc_rt_charset_t;

/* Java's canonical name for a charset name or alias (case-insensitive, as
 * Charset.forName), or NULL when the name is not a charset this runtime
 * knows; the compiler validates raw.charset with it. */
const char *sqlkc_rt_charset_canonical(const char *name);

/* Opens (or finds the already opened) charset `name`. Returns NULL with err
 * set when the name is unknown or iconv on this system lacks the charset. */
sqlkc_rt_charset_t *sqlkc_rt_charset_open(const char *name, char *err, size_t errlen);

/* Java's canonical name of an opened charset. */
const char *sqlkc_rt_charset_name(const sqlkc_rt_charset_t *cs);

/* Appends the UTF-8 text of data[0..len) as Java's new String(bytes,
 * charset) reads it: malformed input becomes U+FFFD. */
void sqlkc_rt_charset_decode(sqlkc_rt_charset_t *cs, const void *data, size_t len, sqlkc_rt_buf_t *out);

/* Appends the UTF-8 string s[0..n) in the charset as Java's
 * String.getBytes(charset): characters it cannot represent become '?'
 * (U+FFFD in UTF-16/UTF-32); "UTF-16" writes a big-endian BOM first. */
void sqlkc_rt_charset_encode(sqlkc_rt_charset_t *cs, const char *s, size_t n, sqlkc_rt_buf_t *out);

/* Length of the well-formed UTF-8 sequence at s (1..4), or 0 when s[0..n)
 * does not start with one (bad lead, truncated, overlong, surrogate). */
size_t sqlkc_rt_utf8_seq_len(const unsigned char *s, size_t n);

/* *s as Java's new String(bytes, UTF_8) reads it (Avro's Utf8.toString,
 * which Flink's avro formats use): unchanged when it is well-formed UTF-8,
 * else a copy from alloc with each maximal ill-formed subpart (Unicode's
 * rule, which Java's decoder follows) replaced by U+FFFD. */
void sqlkc_rt_utf8_java(sqlkc_rt_str_t *s, sqlkc_rt_alloc_fn alloc, void *arg);

#endif /* SQLKC_RAW_H */
