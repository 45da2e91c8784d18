/* This file is the JSON codec generated jobs call: encoders that append
 * exactly what Flink's Jackson-based JSON format writes, and a pull cursor
 * that reads a message the way Flink's JsonParserToRowDataConverters (the
 * default decoder since decode.json-parser.enabled) converts each field.
 * Inputs are untrusted bytes and are never read out of bounds. */
#ifndef SQLKC_JSON_H
#define SQLKC_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sqlkc/buf.h"
#include "sqlkc/fmt.h"
#include "sqlkc/nested.h"
#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether a message is the JSON document `null` (with blanks around it),
 * which Flink's json format turns into no row, as a null or empty message. */
static inline bool sqlkc_rt_json_is_null_doc(const void *data, size_t n) {
    const char *p = (const char *)data;
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    if (n - i < 4 || memcmp(p + i, "null", 4) != 0)
        return false;
    for (i += 4; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return false;
    return true;
}

/* ==== encoding ============================================================ */

/* Length of the prefix of p[0..n) that needs no escaping: no '"', no '\\',
 * no byte below 0x20. Eight bytes at a time; the exact byte is found by the
 * slow path. */
static inline size_t sqlkc_rt_json_clean_prefix(const char *p, size_t n) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t q = x ^ (ones * '"'), s = x ^ (ones * '\\');
        /* a byte is flagged iff it is < 0x20, == '"' or == '\\' (high-bit
         * bytes are masked by ~x, so UTF-8 never triggers the test) */
        uint64_t hit = ((x - ones * 0x20) | (q - ones) | (s - ones)) & ~x & highs;
        if (hit)
            break;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == '"' || c == '\\')
            break;
    }
    return i;
}

/* Appends the string escaped from byte `clean` on; internal to put_str. */
void sqlkc_rt_json_put_str_escaped(sqlkc_rt_buf_t *b, const char *p, size_t n, size_t clean);

/* A JSON string as Jackson writes it: '"' and '\\' escaped, \b \t \n \f \r
 * short forms, other bytes below 0x20 as \u00XX (uppercase hex), '/' and
 * everything from 0x7F up written raw (UTF-8 passes through unchanged; so
 * does invalid UTF-8, where Jackson would have failed). */
static inline void sqlkc_rt_json_put_str(sqlkc_rt_buf_t *b, const char *p, size_t n) {
    size_t clean = sqlkc_rt_json_clean_prefix(p, n);
    if (__builtin_expect(clean < n, 0)) {
        sqlkc_rt_json_put_str_escaped(b, p, n, clean);
        return;
    }
    sqlkc_rt_buf_reserve(b, n + 2);
    char *o = b->p + b->len;
    o[0] = '"';
    if (n)
        memcpy(o + 1, p, n);
    o[n + 1] = '"';
    b->len += n + 2;
}

static inline void sqlkc_rt_json_put_raw(sqlkc_rt_buf_t *b, const char *p, size_t n) {
    sqlkc_rt_buf_put(b, p, n);
}

static inline void sqlkc_rt_json_put_null(sqlkc_rt_buf_t *b) { sqlkc_rt_buf_put(b, "null", 4); }

static inline void sqlkc_rt_json_put_bool(sqlkc_rt_buf_t *b, bool v) {
    if (v)
        sqlkc_rt_buf_put(b, "true", 4);
    else
        sqlkc_rt_buf_put(b, "false", 5);
}

/* TINYINT..BIGINT and INTERVALs: a JSON integer. */
static inline void sqlkc_rt_json_put_i64(sqlkc_rt_buf_t *b, int64_t v) {
    sqlkc_rt_buf_reserve(b, 24);
    b->len += sqlkc_rt_fmt_i64(b->p + b->len, v);
}

/* Double.toString; NaN and the infinities become the JSON strings "NaN",
 * "Infinity", "-Infinity" (Jackson's QUOTE_NON_NUMERIC_NUMBERS default). */
static inline void sqlkc_rt_json_put_double(sqlkc_rt_buf_t *b, double v) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    bool quote = !__builtin_isfinite(v);
    char *o = b->p + b->len;
    if (quote)
        *o++ = '"';
    o += sqlkc_rt_fmt_double(o, v);
    if (quote)
        *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* Float.toString, non-finite values quoted like put_double. */
static inline void sqlkc_rt_json_put_float(sqlkc_rt_buf_t *b, float v) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    bool quote = !__builtin_isfinite(v);
    char *o = b->p + b->len;
    if (quote)
        *o++ = '"';
    o += sqlkc_rt_fmt_float(o, v);
    if (quote)
        *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* DECIMAL: a JSON number, trailing zeros stripped, BigDecimal.toString or
 * toPlainString (`plain` = encode.decimal-as-plain-number). */
static inline void sqlkc_rt_json_put_decimal(sqlkc_rt_buf_t *b, sqlkc_rt_dec_t unscaled, int scale,
                                             bool plain) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    b->len += sqlkc_rt_fmt_decimal(b->p + b->len, unscaled, scale, plain);
}

/* DATE: "yyyy-MM-dd". */
static inline void sqlkc_rt_json_put_date(sqlkc_rt_buf_t *b, int32_t days) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    char *o = b->p + b->len;
    *o++ = '"';
    o += sqlkc_rt_fmt_date(o, days);
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* TIME(p): "HH:mm:ss"; Flink's JSON writer drops the fraction. */
static inline void sqlkc_rt_json_put_time(sqlkc_rt_buf_t *b, int32_t millis, int precision) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    char *o = b->p + b->len;
    *o++ = '"';
    o += sqlkc_rt_fmt_time(o, millis, precision);
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* TIMESTAMP (ltz false) or TIMESTAMP_LTZ (ltz true, UTC with 'Z'), in the
 * SQL ("yyyy-MM-dd HH:mm:ss.f") or ISO-8601 ('T') standard. */
static inline void sqlkc_rt_json_put_timestamp(sqlkc_rt_buf_t *b, sqlkc_rt_ts_t ts, bool iso,
                                               bool ltz) {
    sqlkc_rt_buf_reserve(b, SQLKC_RT_FMT_MAX);
    char *o = b->p + b->len;
    *o++ = '"';
    o += sqlkc_rt_fmt_timestamp(o, ts, iso, ltz);
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* BYTES: a base64 string. */
static inline void sqlkc_rt_json_put_bytes(sqlkc_rt_buf_t *b, const void *p, size_t n) {
    sqlkc_rt_buf_reserve(b, sqlkc_rt_base64_len(n) + 2);
    char *o = b->p + b->len;
    *o++ = '"';
    o += sqlkc_rt_base64_encode(o, p, n);
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* ==== decoding ============================================================ */

/* Jackson's StreamReadConstraints default: deeper documents are refused. */
#define SQLKC_RT_JSON_MAX_DEPTH 1000

/* Cursor flag: when a container is read as a STRING, write its float
 * numbers as Jackson's tree does under USE_BIG_DECIMAL_FOR_FLOATS, i.e.
 * BigDecimal with trailing zeros stripped ("1.50" -> 1.5, "100.0" -> 1E+2)
 * instead of Double.toString ("100.0"). Flink enables that feature when
 * the table's row type contains a DECIMAL anywhere. */
#define SQLKC_RT_JSON_DECIMAL_FLOATS 1u

/* A pull parser over one message. The first five members are the contract
 * with generated code; the rest is bookkeeping set by sqlkc_rt_jcur_init.
 * The cursor always sits before a value or a structural character; every
 * reader consumes exactly one value. */
typedef struct sqlkc_rt_jcur {
    const char *p, *end;
    sqlkc_rt_alloc_fn alloc; /* for unescaped strings, bytes, re-serialised containers */
    void *alloc_arg;
    char err[160];     /* the last error: what was wrong and at which byte */
    const char *start; /* beginning of the message, for byte offsets */
    int depth;         /* containers opened by *_begin and not yet closed */
    bool first;        /* the innermost container has no member read yet */
    /* After a -1: true when the JSON itself is malformed (the cursor is
     * unusable, the whole message fails or is skipped); false when only
     * the conversion failed and the value was consumed, so a job with
     * ignore-parse-errors can store NULL and go on. */
    bool fatal;
    unsigned flags; /* SQLKC_RT_JSON_* */
} sqlkc_rt_jcur_t;

/* Prepares to read p[0..n). A UTF-8 byte order mark is skipped, as
 * Jackson's byte-source bootstrapper does. Memory handed out by the
 * readers (unescaped strings and such) comes from alloc(alloc_arg, size);
 * slices that need no change point into the input instead. */
void sqlkc_rt_jcur_init(sqlkc_rt_jcur_t *c, const void *p, size_t n, sqlkc_rt_alloc_fn alloc,
                        void *alloc_arg);

/* The first significant byte of the next value without consuming it, or
 * -1 at the end of input. Whitespace before it is skipped. */
int sqlkc_rt_json_peek(sqlkc_rt_jcur_t *c);

/* If the next value is `null`, consumes it and returns 1; otherwise 0
 * (nothing consumed); -1 on a malformed literal. For ROW/ARRAY/MAP fields,
 * whose readers below do not take null. */
int sqlkc_rt_json_null(sqlkc_rt_jcur_t *c);

/* Expects '{': 0 ok, -1 error ("expected '{' at byte 0"). A non-object
 * value is a conversion error (consumed, not fatal); e.g. a ROW field that
 * holds a number. */
int sqlkc_rt_json_object_begin(sqlkc_rt_jcur_t *c);

/* 1: read the next member's key (unescaped; into the input when it has no
 * escapes, else into alloc'd memory) and the ':' after it, the cursor is at
 * the value; 0: the closing '}' was consumed; -1: malformed. Handles the
 * ',' between members. */
int sqlkc_rt_json_object_next(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *key);

/* The fast path of a generated decoder, for members in the declared order:
 * when the next member's name is written exactly as `quoted` (the name in
 * quotes, n bytes, as it appears unescaped), consumes the separator, the name
 * and the ':' and returns true; otherwise consumes nothing and returns false,
 * and sqlkc_rt_json_object_next takes over from the same place. */
static inline bool sqlkc_rt_json_member_is(sqlkc_rt_jcur_t *c, const char *quoted, size_t n)
{
    const char *p = c->p, *e = c->end;
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    if (!c->first) {
        if (p == e || *p != ',')
            return false;
        p++;
        while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            p++;
    }
    if ((size_t)(e - p) < n + 1 || memcmp(p, quoted, n) != 0)
        return false;
    p += n;
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    if (p == e || *p != ':')
        return false;
    c->p = p + 1;
    c->first = false;
    return true;
}

/* Arrays, the same way: begin expects '['; next returns 1 with the cursor
 * at an element, 0 after consuming ']', -1 on error. */
int sqlkc_rt_json_array_begin(sqlkc_rt_jcur_t *c);
int sqlkc_rt_json_array_next(sqlkc_rt_jcur_t *c);

/* After the top-level value: only whitespace may remain. 0 ok, -1 error.
 * (Jackson, as Flink uses it, ignores trailing content; sqlkc is stricter
 * so that concatenated or truncated messages are noticed.) */
int sqlkc_rt_json_end(sqlkc_rt_jcur_t *c);

/* Skips any value, validating it (strings, numbers, literals, nesting up to
 * SQLKC_RT_JSON_MAX_DEPTH levels counted from the document root) without
 * recursion. 0 ok, -1 error. */
int sqlkc_rt_json_skip(sqlkc_rt_jcur_t *c);

/* Typed readers, one per SQL type, converting like Flink: 1 = value read,
 * 0 = JSON null (SQL NULL), -1 = error with c->err and c->fatal set.
 *
 * BOOLEAN: true/false, or any other scalar's text through
 *   Boolean.parseBoolean(trim(text)) ("TRUE" true, "yes"/1 false). */
int sqlkc_rt_json_get_bool(sqlkc_rt_jcur_t *c, bool *out);

/* TINYINT/SMALLINT: integer numbers in range; strings through
 * Byte/Short.parseXxx(trim(text)); fractional numbers are errors.
 * INT/BIGINT: integer numbers in range, fractional numbers truncated toward
 * zero if in range (Jackson getIntValue/getLongValue), strings through
 * Integer/Long.parseXxx(trim(text)) (ASCII digits only; Java would also
 * take other Unicode decimal digits). */
int sqlkc_rt_json_get_i8(sqlkc_rt_jcur_t *c, int8_t *out);
int sqlkc_rt_json_get_i16(sqlkc_rt_jcur_t *c, int16_t *out);
int sqlkc_rt_json_get_i32(sqlkc_rt_jcur_t *c, int32_t *out);
int sqlkc_rt_json_get_i64(sqlkc_rt_jcur_t *c, int64_t *out);

/* FLOAT/DOUBLE: numbers (correctly rounded), strings through
 * Float/Double.parseXxx(trim(text)) ("NaN", "-Infinity", "1e3f", hex). */
int sqlkc_rt_json_get_float(sqlkc_rt_jcur_t *c, float *out);
int sqlkc_rt_json_get_double(sqlkc_rt_jcur_t *c, double *out);

/* DECIMAL(p,s): a number, or a string through new BigDecimal(trim(text)),
 * rounded HALF_UP to the scale; 0 (NULL) when it needs more than
 * `precision` digits, like DecimalData.fromBigDecimal. */
int sqlkc_rt_json_get_decimal(sqlkc_rt_jcur_t *c, sqlkc_rt_dec_t *out, int precision, int scale);

/* STRING: a string unescaped (\uXXXX and surrogate pairs to UTF-8; a lone
 * surrogate becomes '?' as Java's UTF-8 encoder writes it); a number as its
 * source text ("1.50", Jackson getText); true/false as text; an object or
 * array as compact JSON re-serialised the way Jackson's tree prints it
 * (whitespace dropped, strings re-escaped, integers as written, floats as
 * Double.toString or, with SQLKC_RT_JSON_DECIMAL_FLOATS, BigDecimal;
 * duplicate keys are kept, where Jackson's tree keeps the last). Invalid
 * UTF-8 passes through unchanged (Jackson would reject the message). */
int sqlkc_rt_json_get_str(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *out);

/* BYTES: a base64 string (Jackson's reader: padding required, whitespace
 * allowed between 4-character groups). */
int sqlkc_rt_json_get_bytes(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *out);

/* DATE (ISO_LOCAL_DATE), TIME (HH:mm:ss[.f]; whole seconds, as both of
 * Flink's decoders keep them: localTime.toSecondOfDay() * 1000), TIMESTAMP / TIMESTAMP_LTZ in the SQL or ISO-8601 standard;
 * see sqlkc_rt_parse_date/_time/_timestamp in fmt.h. The text is not
 * trimmed (java.time would not). */
int sqlkc_rt_json_get_date(sqlkc_rt_jcur_t *c, int32_t *out);
int sqlkc_rt_json_get_time(sqlkc_rt_jcur_t *c, int32_t *out);
int sqlkc_rt_json_get_timestamp(sqlkc_rt_jcur_t *c, sqlkc_rt_ts_t *out, bool iso, bool ltz);

/* ==== ARRAY, MAP, MULTISET, ROW (json_nested.c) ========================== */

/* Primitives of the readers the compiler generates per ARRAY, MAP, MULTISET
 * and ROW type (json_nested.c). Each returns -1 so that a reader can
 * `return` it. */
/* Expects the container `open` ('{' or '['); anything else is consumed and is
 * a conversion error ("Illegal JSON <what> data at byte N"). 1 or -1. */
int sqlkc_rt_json_container_begin(sqlkc_rt_jcur_t *c, char open, const char *what);
/* A conversion error (msg): the value was consumed, the cursor is usable. */
int sqlkc_rt_json_convert_error(sqlkc_rt_jcur_t *c, const char *msg);
/* A value inside a container failed: the cursor stopped inside the
 * container, so the record fails (a reason already in c->err). */
int sqlkc_rt_json_inside_error(sqlkc_rt_jcur_t *c);
/* The same for the value of a ROW's field `name`: a conversion error is
 * reported as Flink's "Fail to deserialize at field: NAME. (why)". */
int sqlkc_rt_json_field_error(sqlkc_rt_jcur_t *c, const char *name);

/* json.map-null-key.mode */
enum { SQLKC_RT_JSON_NULL_KEY_FAIL, SQLKC_RT_JSON_NULL_KEY_DROP, SQLKC_RT_JSON_NULL_KEY_LITERAL };

/* For a map with a NULL key (nested map writers call it only then): whether
 * entry i of v is written under map-null-key.mode `mode` (DROP or LITERAL,
 * with `literal`), with the name it is written under and the entry whose
 * value it takes: a NULL key's name is the literal, which may meet a key that
 * is already there; the first entry of a name gives the place, the last the
 * value (as an ObjectNode's set does). */
bool sqlkc_rt_json_map_entry(const sqlkc_rt_nested_t *v, uint32_t i, int mode, const char *literal,
                             sqlkc_rt_str_t *name, uint32_t *val);

/* Flink's message for a NULL map key under map-null-key.mode FAIL. */
#define SQLKC_RT_JSON_NULL_KEY_MSG                                                                          \
    "JSON format doesn't support to serialize map data with null keys. You can drop null key entries or " \
    "encode null in literals by specifying map-null-key.mode option."

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_JSON_H */
