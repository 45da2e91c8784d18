/* This file declares the SQL string functions and CAST parsers with
 * Flink's semantics over UTF-8 slices: LIKE on code points, UPPER/LOWER as
 * Java's String methods, CHAR_LENGTH, byte-wise comparison, and the
 * string-to-number/boolean/decimal conversions of CAST. */
#ifndef SQLKC_FN_H
#define SQLKC_FN_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* s LIKE pattern [ESCAPE escape]: '%' matches any sequence, '_' any single
 * code point except the line terminators \n \r U+0085 U+2028 U+2029 (Flink
 * turns '_' into a Java regex '.', '%' into "(?s:.*)"). `escape` is a code
 * point, or -1 for none (LIKE without ESCAPE has none in Flink). A pattern
 * with an invalid escape sequence matches nothing; check it first with
 * sqlkc_rt_like_check to fail the way Flink does. Bytes that are not valid
 * UTF-8 match only themselves. */
bool sqlkc_rt_like(sqlkc_rt_str_t s, sqlkc_rt_str_t pattern, int escape);

/* 0 if the pattern is valid; -1 if the escape character is followed by
 * something other than '_', '%' or itself, or ends the pattern (Flink:
 * "Invalid escape sequence '%s', %d"), with the offending byte index in
 * *at when at is not NULL. */
int sqlkc_rt_like_check(sqlkc_rt_str_t pattern, int escape, size_t *at);

/* UPPER/LOWER like Java's toUpperCase()/toLowerCase() in the root locale.
 * ASCII is mapped directly; Latin-1, Latin Extended-A, Greek and Cyrillic
 * by built-in tables including Java's special cases (ß -> SS, ŉ -> ʼN,
 * ΐ/ΰ -> three code points, ǰ, ẖ..ẚ, the ﬀ..ﬆ ligatures, և, İ -> i̇, and
 * Σ -> ς at the end of a word, judged from the neighbouring code points
 * only); other code points by the C library's C.UTF-8 simple case mapping
 * when that locale exists, else unchanged (so the Greek iota-subscript
 * special cases are not expanded). Bytes that are not valid UTF-8 are kept.
 * The result may be `s` itself when nothing changes; otherwise it is in
 * memory from alloc(arg, size). */
sqlkc_rt_str_t sqlkc_rt_upper(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s);
sqlkc_rt_str_t sqlkc_rt_lower(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s);

/* CHAR_LENGTH: code points, counted as Flink's BinaryStringData.numChars
 * does (each lead byte announces its sequence length). */
int32_t sqlkc_rt_char_length(sqlkc_rt_str_t s);

/* CAST(x AS CHAR(n)/VARCHAR(n)) since Flink 1.15 (CharVarCharTrimPadCastRule):
 * the first n code points (counted as CHAR_LENGTH does), and for CHAR, spaces
 * up to n. The result is `s` itself or its prefix when nothing is added;
 * otherwise it is in memory from alloc(arg, size). */
sqlkc_rt_str_t sqlkc_rt_trim_pad(sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t s, int32_t n, bool pad);

/* Flink compares STRING values by unsigned bytes, then by length
 * (BinaryStringData.compareTo); <0, 0, >0. */
static inline int sqlkc_rt_str_cmp(sqlkc_rt_str_t a, sqlkc_rt_str_t b) {
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    if (c)
        return c;
    return a.n < b.n ? -1 : a.n > b.n;
}

static inline bool sqlkc_rt_str_eq(sqlkc_rt_str_t a, sqlkc_rt_str_t b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* CAST(s AS TINYINT/SMALLINT/INT/BIGINT) as Flink's BinaryStringDataUtil
 * after trimming spaces (0x20 only): optional sign, digits, and an optional
 * '.' with digits that are checked and dropped ("12.9" -> 12).
 * 0 ok, -1 invalid or out of range (Flink throws; TRY_CAST gives NULL). */
int sqlkc_rt_parse_i64(sqlkc_rt_str_t s, int64_t *out);
int sqlkc_rt_parse_i32(sqlkc_rt_str_t s, int32_t *out);
int sqlkc_rt_parse_i16(sqlkc_rt_str_t s, int16_t *out);
int sqlkc_rt_parse_i8(sqlkc_rt_str_t s, int8_t *out);

/* CAST(s AS DOUBLE/FLOAT): Double/Float.parseDouble of the trimmed text
 * ("NaN", "-Infinity", "1e3", "1.5f", hex floats). 0 ok, -1 invalid. */
int sqlkc_rt_parse_double(sqlkc_rt_str_t s, double *out);
int sqlkc_rt_parse_float(sqlkc_rt_str_t s, float *out);

/* CAST(s AS BOOLEAN): trimmed, case-insensitive "t" "true" "y" "yes" "1"
 * or "f" "false" "n" "no" "0". 0 ok, -1 anything else. */
int sqlkc_rt_parse_bool(sqlkc_rt_str_t s, bool *out);

/* CAST(s AS DECIMAL(p, s)): spaces, tabs and newlines trimmed, then
 * BigDecimal syntax rounded HALF_UP to the scale. 1 ok, 0 does not fit the
 * precision, -1 invalid. */
int sqlkc_rt_parse_decimal(sqlkc_rt_str_t s, sqlkc_rt_dec_t *out, int precision, int scale);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_FN_H */
