/* This file defines the value types generated jobs and the runtime codecs
 * share: how a SQL value of each type is held in C. The layouts mirror
 * Flink's internal data structures so conversions keep Flink's semantics. */
#ifndef SQLKC_TYPES_H
#define SQLKC_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* STRING/BYTES slice, not NUL-terminated. Strings are UTF-8 bytes; the
 * runtime never validates them (Flink's BinaryStringData does not either). */
typedef struct sqlkc_rt_str {
    const char *p;
    size_t n;
} sqlkc_rt_str_t;

/* ARRAY, MAP, MULTISET or ROW value: n items (ARRAY elements; MAP and
 * MULTISET entries as key, value pairs, so 2n items, in Flink's iteration
 * order; ROW fields), in memory the job owns (scratch, or a state copy).
 * nested.h describes the items. */
struct sqlkc_rt_item;
typedef struct sqlkc_rt_nested {
    struct sqlkc_rt_item *items;
    uint32_t n;
} sqlkc_rt_nested_t;

/* TIMESTAMP(p)/TIMESTAMP_LTZ(p): epoch millis (floor) plus nanos within the
 * millisecond (0..999999), exactly like Flink's TimestampData. TIMESTAMP is a
 * local date-time read as if it were UTC; TIMESTAMP_LTZ is an instant. */
typedef struct sqlkc_rt_ts {
    int64_t millis;
    int32_t nanos;
} sqlkc_rt_ts_t;

/* DATE = int32_t days since 1970-01-01; TIME = int32_t millis of the day
 * (Flink keeps TIME at millisecond precision internally). */

/* DECIMAL(p,s) unscaled value; the scale is known statically by the
 * generated code, so it is not stored. p <= 38 always fits. */
typedef __int128 sqlkc_rt_dec_t;

/* TIMESTAMP order: <0, 0, >0 (TimestampData.compareTo). */
static inline int sqlkc_rt_ts_cmp(sqlkc_rt_ts_t a, sqlkc_rt_ts_t b) {
    if (a.millis != b.millis)
        return a.millis < b.millis ? -1 : 1;
    return (a.nanos > b.nanos) - (a.nanos < b.nanos);
}

/* Lowers a DECIMAL's scale by `digits` (1..38), rounding HALF_UP (away
 * from zero on a tie) as DecimalData.fromBigDecimal's setScale does. The
 * caller checks the result against the target precision. */
static inline sqlkc_rt_dec_t sqlkc_rt_dec_rescale_down(sqlkc_rt_dec_t v, int digits) {
    sqlkc_rt_dec_t p = 1;
    for (int i = 0; i < digits; i++)
        p *= 10;
    sqlkc_rt_dec_t q = v / p, r = v % p; /* C truncates toward zero */
    if (r < 0)
        r = -r;
    if (r * 2 >= p)
        q += v < 0 ? -1 : 1;
    return q;
}

/* DECIMAL to DOUBLE like DecimalDataUtils.doubleValue: for the compact
 * representation (precision <= 18) Flink divides the unscaled long by
 * 10^scale in doubles, otherwise it uses BigDecimal.doubleValue (correctly
 * rounded). The first function decides by the precision, exactly; the
 * second, for callers that do not have it, by whether the value fits a
 * long, which agrees except in the last bit of rare p > 18 values. */
double sqlkc_rt_dec_to_double_p(sqlkc_rt_dec_t v, int precision, int scale);
double sqlkc_rt_dec_to_double(sqlkc_rt_dec_t v, int scale);

/* An allocator for memory the runtime hands back (unescaped strings, decoded
 * bytes, case-mapped strings). Generated code passes sqlkc_rt_scratch (per
 * record lifetime); it must return memory aligned to 8 bytes or abort, never
 * return NULL for n > 0. */
typedef void *(*sqlkc_rt_alloc_fn)(void *arg, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_TYPES_H */
