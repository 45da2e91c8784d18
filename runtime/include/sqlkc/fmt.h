/* This file declares the text forms of SQL values, as Java and Flink write
 * them: JSON and CSV encoders and CAST(... AS STRING) all share these, so a
 * DOUBLE prints the same everywhere (Double.toString), a DECIMAL like
 * BigDecimal.toString, a DATE like LocalDate. Each function writes into a
 * caller buffer `out` of at least SQLKC_RT_FMT_MAX bytes, does not add a NUL,
 * and returns the number of bytes written. */
#ifndef SQLKC_FMT_H
#define SQLKC_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Enough for every function below: the longest is a DECIMAL(38) in plain
 * form with a negative stripped scale, or a TIMESTAMP_LTZ with a 9-digit
 * year and 9 fraction digits. */
#define SQLKC_RT_FMT_MAX 64

/* "00" "01" ... "99": two digits per table step halves the divisions. */
extern const char sqlkc_rt_digits2[200];

/* Unsigned decimal, no sign. */
static inline size_t sqlkc_rt_fmt_u64(char *out, uint64_t v) {
    char tmp[20];
    char *e = tmp + sizeof tmp, *q = e;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        q -= 2;
        memcpy(q, sqlkc_rt_digits2 + 2 * r, 2);
    }
    if (v >= 10) {
        q -= 2;
        memcpy(q, sqlkc_rt_digits2 + 2 * v, 2);
    } else {
        *--q = (char)('0' + v);
    }
    size_t n = (size_t)(e - q);
    memcpy(out, q, n);
    return n;
}

/* Long.toString. */
static inline size_t sqlkc_rt_fmt_i64(char *out, int64_t v) {
    if (v < 0) {
        *out = '-';
        /* negate in unsigned arithmetic so INT64_MIN does not overflow */
        return 1 + sqlkc_rt_fmt_u64(out + 1, 0 - (uint64_t)v);
    }
    return sqlkc_rt_fmt_u64(out, (uint64_t)v);
}

/* Double.toString with the JDK 19+ shortest-decimal rule (Raffaello
 * Giulietti's spec): the shortest decimal that rounds to v, closest to v
 * among those; if one digit would do, two digits are considered too.
 * Plain notation for 1e-3 <= |v| < 1e7 ("100.0", "0.001"), else
 * "1.0E7" / "-1.2345E-10"; "NaN", "Infinity", "-Infinity", "-0.0".
 * Assumes the C library uses '.' as decimal point (the "C" LC_NUMERIC
 * locale, which a program has unless it calls setlocale). */
size_t sqlkc_rt_fmt_double(char *out, double v);

/* Float.toString, same rules with float round-tripping. */
size_t sqlkc_rt_fmt_float(char *out, float v);

/* A DECIMAL the way Flink's JSON and CSV writers print it: Jackson strips
 * trailing zeros (BigDecimal.stripTrailingZeros, so 100.00 becomes 1E+2 and
 * 0.00 becomes 0), then BigDecimal.toString(), or toPlainString() when
 * `plain`. `unscaled` at `scale` (0..38) is the value unscaled * 10^-scale. */
size_t sqlkc_rt_fmt_decimal(char *out, sqlkc_rt_dec_t unscaled, int scale, bool plain);

/* A DECIMAL as CAST(d AS STRING) prints it: DecimalData.toString(), which
 * is BigDecimal.toPlainString() at the column's scale, trailing zeros kept
 * ("1.50", "0.00", "-12"). */
size_t sqlkc_rt_fmt_decimal_cast(char *out, sqlkc_rt_dec_t unscaled, int scale);

/* DATE as ISO_LOCAL_DATE: yyyy-MM-dd, proleptic Gregorian; years before
 * 1000 zero-padded to 4 digits, negative years "-0001", years after 9999
 * with a '+' ("+10000-01-01"), all like java.time. */
size_t sqlkc_rt_fmt_date(char *out, int32_t days);

/* TIME as Flink's JSON writer prints it: HH:mm:ss. The converter builds a
 * LocalTime from whole seconds (millis / 1000), so the fraction is dropped
 * whatever `precision` is; the parameter keeps the call uniform. */
size_t sqlkc_rt_fmt_time(char *out, int32_t millis, int precision);

/* TIME as ISO_LOCAL_TIME prints it (Flink CSV): HH:mm:ss plus ".fff" with
 * trailing zeros removed, nothing when the millis are zero. */
size_t sqlkc_rt_fmt_time_iso(char *out, int32_t millis);

/* TIME as CAST(t AS STRING) prints it (Flink DateTimeUtils): HH:mm:ss and,
 * when precision > 0, a '.' and up to `precision` digits of the millis,
 * stopping after the last non-zero digit but printing at least one
 * ("12:00:00.5", "12:00:00.0"). */
size_t sqlkc_rt_fmt_time_cast(char *out, int32_t millis, int precision);

/* TIMESTAMP / TIMESTAMP_LTZ as Flink's JSON/CSV writers print it:
 * yyyy-MM-dd HH:mm:ss (or 'T' when `iso`), then '.' and the nanos of the
 * second with trailing zeros removed (none when zero), then 'Z' when
 * `zulu` (TIMESTAMP_LTZ, written as a UTC instant). */
size_t sqlkc_rt_fmt_timestamp(char *out, sqlkc_rt_ts_t ts, bool iso, bool zulu);

/* Base64, standard alphabet, '=' padding, no line breaks (Jackson's
 * MIME-NO-LINEFEEDS variant, which Flink uses for BYTES). */
static inline size_t sqlkc_rt_base64_len(size_t n) { return (n + 2) / 3 * 4; }

/* Writes sqlkc_rt_base64_len(n) bytes to out. */
size_t sqlkc_rt_base64_encode(char *out, const void *in, size_t n);

/* Decodes like Jackson's base64 reader: whitespace (bytes <= ' ') is
 * allowed between 4-character groups, padding is required on the last
 * group. `out` needs room for n / 4 * 3 bytes. Returns 0 and sets *outn, or
 * -1 on malformed input (the offending byte index in *outn). */
int sqlkc_rt_base64_decode(void *out, size_t *outn, const char *in, size_t n);

/* The reverse direction for the java.time forms Flink's JSON format reads.
 * All return 0 on success, -1 when the text does not match; no trimming.
 *
 * DATE, DateTimeFormatter.ISO_LOCAL_DATE (strict): yyyy-MM-dd, year with
 * 4 digits or a sign and up to 9 more ("+12020", "-0001"), the day must
 * exist in the month. */
int sqlkc_rt_parse_date(const char *p, size_t n, int32_t *days);

/* TIME, Flink's SQL_TIME_FORMAT: HH:mm:ss then optionally '.' and 0..9
 * fraction digits; millis of the day, sub-millisecond digits truncated.
 * "24:00:00" is midnight, as java.time's SMART resolver reads it. */
int sqlkc_rt_parse_time(const char *p, size_t n, int32_t *millis);

/* TIME, LocalTime.parse (ISO_LOCAL_TIME): HH:mm, then optionally :ss, then
 * optionally '.' and 0..9 fraction digits; otherwise as sqlkc_rt_parse_time. */
int sqlkc_rt_parse_time_iso(const char *p, size_t n, int32_t *millis);

/* TIMESTAMP / TIMESTAMP_LTZ in Flink's SQL form (`iso` false:
 * "yyyy-MM-dd HH:mm:ss[.f]") or ISO-8601 form (`iso`: ISO_LOCAL_DATE_TIME,
 * 'T' separator, seconds optional, 't' accepted except with ltz), followed
 * by a literal 'Z' when `ltz`. SMART resolving like java.time: a day past
 * the month's end is clamped ("2021-02-30" -> 02-28), "24:00" rolls over. */
int sqlkc_rt_parse_timestamp(const char *p, size_t n, bool iso, bool ltz, sqlkc_rt_ts_t *out);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_FMT_H */
