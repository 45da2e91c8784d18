/* This file declares helpers shared by the runtime's codec sources (fmt.c,
 * json.c, fn.c) that are not part of the API generated code may call. */
#ifndef SQLKC_CODEC_INTERNAL_H
#define SQLKC_CODEC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/types.h"

#define SQLKC_INTERNAL __attribute__((visibility("hidden")))

/* Writes code point cp (< 0x110000) as UTF-8 at o; returns the end. */
static inline char *sqlkc_rti_put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* BigDecimal.toString / toPlainString of the decimal with significant
 * digits d[0..nd) (no leading zeros, no trailing zeros, nd >= 1; "0" for
 * zero) and the given scale: value = digits * 10^-scale. `out` needs
 * nd + 32 bytes for toString, nd + |scale| + 32 for toPlainString. */
SQLKC_INTERNAL size_t sqlkc_rti_fmt_bigdec(char *out, bool neg, const char *d, size_t nd,
                                           int64_t scale, bool plain);

/* Parses Java's Double.parseDouble / Float.parseFloat grammar (after
 * String.trim: bytes <= ' ' removed at both ends): optional sign, "NaN",
 * "Infinity", decimal digits with optional '.', exponent and one f/F/d/D
 * suffix, or a hexadecimal "0x1.8p3" float. 0 ok, -1 malformed. */
SQLKC_INTERNAL int sqlkc_rti_java_parse_double(const char *p, size_t n, double *out);
SQLKC_INTERNAL int sqlkc_rti_java_parse_float(const char *p, size_t n, float *out);
/* Double.parseDouble of the text of a JSON number token, whose syntax the
 * tokenizer checked already (a subset of Java's): skips the syntax pass. */
SQLKC_INTERNAL int sqlkc_rti_json_number_double(const char *p, size_t n, double *out);

/* Java Byte/Short/Integer/Long.parseXxx: optional sign, ASCII digits only,
 * range checked against [min, max]. No trimming. 0 ok, -1 malformed or out
 * of range. */
SQLKC_INTERNAL int sqlkc_rti_java_parse_long(const char *p, size_t n, int64_t min, int64_t max,
                                             int64_t *out);

/* new BigDecimal(text) then DecimalData.fromBigDecimal(v, precision, scale):
 * rounds HALF_UP to `scale`; 1 = value, 0 = does not fit the precision
 * (Flink returns NULL), -1 = not a BigDecimal literal (JSON numbers are a
 * subset of that grammar). No trimming. */
SQLKC_INTERNAL int sqlkc_rti_parse_decimal(const char *p, size_t n, int precision, int scale,
                                           sqlkc_rt_dec_t *out);

/* Java String.trim: drops bytes <= ' ' from both ends. */
static inline void sqlkc_rti_java_trim(const char **p, size_t *n) {
    const char *s = *p, *e = s + *n;
    while (s < e && (unsigned char)*s <= ' ')
        s++;
    while (e > s && (unsigned char)e[-1] <= ' ')
        e--;
    *p = s;
    *n = (size_t)(e - s);
}

#endif /* SQLKC_CODEC_INTERNAL_H */
