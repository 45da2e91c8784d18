/* This file holds the CSV format's primitives. Writing: a text field as
 * Jackson's CsvEncoder writes it for Flink (quoting heuristic of
 * _mayNeedQuotes in its "loose" mode: longer than 24 characters, any
 * character below the minimal safe one (max(delimiter, quote) + 1), the quote
 * character or a backslash forces quotes; inside quotes the quote character
 * is doubled). Reading: the record tokenizer, the field converters and the
 * element splitter of ARRAY and ROW fields that the generated csv decoders
 * call (runtime/src/csv.c). */
#ifndef SQLKC_CSV_H
#define SQLKC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/buf.h"
#include "sqlkc/nested.h"
#include "sqlkc/types.h"

/* quote < 0: quoting disabled (csv.disable-quote-character). */
static inline void sqlkc_rt_csv_put_text(sqlkc_rt_buf_t *b, const char *p, size_t n, int delim, int quote)
{
    bool quoted = false;
    if (quote >= 0 && n > 0) {
        /* the length counts characters, as Java's String.length does (UTF-16 units) */
        size_t units = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if ((c & 0xC0) != 0x80)
                units += c >= 0xF0 ? 2 : 1;
        }
        int min_safe = (delim > quote ? delim : quote) + 1;
        quoted = units > 24;
        for (size_t i = 0; i < n && !quoted; i++) {
            unsigned char c = (unsigned char)p[i];
            quoted = c < min_safe || c == quote || c == '\\';
        }
    }
    if (!quoted) {
        sqlkc_rt_buf_put(b, p, n);
        return;
    }
    sqlkc_rt_buf_putc(b, (char)quote);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)p[i] == quote)
            sqlkc_rt_buf_putc(b, (char)quote);
        sqlkc_rt_buf_putc(b, p[i]);
    }
    sqlkc_rt_buf_putc(b, (char)quote);
}

/* The same with csv.escape-character set (CsvEncoder._mayNeedQuotes with an
 * escape character, then _writeQuotedAndEscaped, Jackson 2.12 to 2.15 with
 * Flink's default features): the escape character forces quotes instead of
 * the backslash, and inside quotes both the quote and the escape character
 * are doubled ("12*3'4" with quote ' and escape * is '12**3''4'). Quoting
 * disabled writes the text as it is. */
static inline void sqlkc_rt_csv_put_text_esc(sqlkc_rt_buf_t *b, const char *p, size_t n, int delim, int quote,
                                             int esc)
{
    bool quoted = false;
    if (quote >= 0 && n > 0) {
        size_t units = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if ((c & 0xC0) != 0x80)
                units += c >= 0xF0 ? 2 : 1;
        }
        int min_safe = (delim > quote ? delim : quote) + 1;
        quoted = units > 24;
        for (size_t i = 0; i < n && !quoted; i++) {
            unsigned char c = (unsigned char)p[i];
            quoted = c < min_safe || c == esc;
        }
    }
    if (!quoted) {
        sqlkc_rt_buf_put(b, p, n);
        return;
    }
    sqlkc_rt_buf_putc(b, (char)quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == quote || c == esc)
            sqlkc_rt_buf_putc(b, (char)c);
        sqlkc_rt_buf_putc(b, p[i]);
    }
    sqlkc_rt_buf_putc(b, (char)quote);
}


/* ---- reading (CsvRowDataDeserializationSchema over Jackson's CsvParser) ----
 *
 * Flink reads one message with CsvMapper.readerFor(JsonNode).readValue: only
 * the first record of the message is read (a line terminator, and whatever
 * follows it, is ignored), each field becomes a text node, or a null node when
 * it equals the null literal, and CsvToRowDataConverters converts the fields
 * by column position. The tokenizer below is Jackson's CsvDecoder.nextString
 * on bytes: the delimiter, quote and escape characters are ASCII (the
 * compiler checks), so they never occur inside a multi-byte UTF-8 sequence. */

/* The reader's CsvSchema (CsvFormatFactory.configureDeserializationSchema). */
typedef struct sqlkc_rt_csv_opts {
    int delim;            /* field-delimiter */
    int quote;            /* quote-character; -1 with disable-quote-character */
    int escape;           /* escape-character; -1 when unset (Jackson's default) */
    bool comments;        /* allow-comments */
    const char *null_lit; /* null-literal, or NULL when unset */
    size_t null_len;
} sqlkc_rt_csv_opts_t;

/* Splits the first record of the message into fields[0..max). A field that
 * equals the null literal (after unquoting, as Jackson compares it) has
 * p == NULL; any other field points into the message, or into memory from
 * alloc when quotes or escapes had to be removed. Returns the number of
 * fields (>= 1), or -1 with a message in err: no record ("No content to map
 * due to end-of-input": an empty message, or only comments with
 * allow-comments), a missing closing quote, a character after a closing
 * quote, an escape at the end, invalid UTF-8, or more than max fields
 * (Jackson's "Too many entries"). */
int sqlkc_rt_csv_split(const sqlkc_rt_csv_opts_t *o, const void *data, size_t len, sqlkc_rt_str_t *fields,
                       int max, sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen);

/* The field converters of CsvToRowDataConverters, on a non-NULL field. Each
 * returns 0 and sets *out, or -1 when the text does not convert (Flink
 * throws; with ignore-parse-errors the field is NULL). */

/* Boolean.parseBoolean(text.trim()): "true" in any case, anything else is
 * false; never fails. */
static inline bool sqlkc_rt_csv_bool(sqlkc_rt_str_t f)
{
    const char *p = f.p, *e = f.p + f.n;
    while (p < e && (unsigned char)*p <= ' ')
        p++;
    while (e > p && (unsigned char)e[-1] <= ' ')
        e--;
    return e - p == 4 && (p[0] | 0x20) == 't' && (p[1] | 0x20) == 'r' && (p[2] | 0x20) == 'u' &&
           (p[3] | 0x20) == 'e';
}

/* Byte/Short/Integer/Long.parseXxx(text.trim()) within [min, max]. */
int sqlkc_rt_csv_int(sqlkc_rt_str_t f, int64_t min, int64_t max, int64_t *out);

/* Float.parseFloat / Double.parseDouble(text.trim()). */
int sqlkc_rt_csv_float(sqlkc_rt_str_t f, float *out);
int sqlkc_rt_csv_double(sqlkc_rt_str_t f, double *out);

/* new BigDecimal(text) (no trimming), then DecimalData.fromBigDecimal:
 * 1 = value, 0 = does not fit DECIMAL(precision, scale) (Flink's NULL),
 * -1 = not a number. */
int sqlkc_rt_csv_decimal(sqlkc_rt_str_t f, int precision, int scale, sqlkc_rt_dec_t *out);

/* TextNode.binaryValue(): base64 (MIME-NO-LINEFEEDS) of the trimmed text,
 * decoded into memory from alloc. */
int sqlkc_rt_csv_bytes(sqlkc_rt_str_t f, sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t *out);

/* java.sql.Date.valueOf(text).toLocalDate().toEpochDay(): "yyyy-m[m]-d[d]"
 * with a 4-character year, each part Integer.parseInt, month 1..12, day
 * 1..31, then the lenient calendar of java.util.Date ("2021-02-31" is March
 * 3rd; Julian rules before 1582). */
int sqlkc_rt_csv_date(sqlkc_rt_str_t f, int32_t *days);

/* LocalTime.parse(text) (ISO_LOCAL_TIME: HH:mm[:ss[.fffffffff]], "24:00" is
 * midnight), millis of the day truncated to TIME(precision), precision 0..3. */
int sqlkc_rt_csv_time(sqlkc_rt_str_t f, int precision, int32_t *millis);

/* LocalDateTime.parse(text.trim(), SQL_TIMESTAMP_FORMAT), with a trailing
 * literal 'Z' for TIMESTAMP_LTZ (SQL_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT). */
int sqlkc_rt_csv_timestamp(sqlkc_rt_str_t f, bool ltz, sqlkc_rt_ts_t *out);

/* Writes "Fail to deserialize at field: NAME." and why (the field's text and
 * the type it is not) to err, as Flink's converter chain reports it. */
void sqlkc_rt_csv_field_error(char *err, size_t errlen, const char *name, const char *type, sqlkc_rt_str_t f);

/* ARRAY and ROW columns of simple types (CsvRowSchemaConverter): one field
 * whose elements are joined by csv.array-element-delimiter `sep` (seplen
 * bytes), read as Jackson's CsvParser reads an array column. The generated
 * decoder counts the elements, takes them one by one and converts each with
 * the converters above into the items (nested.h) of the value; a ROW of no
 * elements is NULL, one of another length a "Row length mismatch"
 * (CsvToRowDataConverters.createRowConverter). */

/* The number of elements of field *f: none for an empty or blank field,
 * otherwise one more than the separators in it. A field that is the null
 * literal (f->p NULL) is not NULL here: *f becomes the literal's text, which
 * is split like any other. *f is then what sqlkc_rt_csv_elem reads. */
uint32_t sqlkc_rt_csv_elems(const sqlkc_rt_csv_opts_t *o, sqlkc_rt_str_t *f, const char *sep, size_t seplen);

/* The next element of *rest (up to the next separator, or the end), which
 * is advanced past it and its separator. An element equal to the null
 * literal is NULL (p == NULL); any other points into the field. Called at
 * most as many times as sqlkc_rt_csv_elems counted. */
sqlkc_rt_str_t sqlkc_rt_csv_elem(const sqlkc_rt_csv_opts_t *o, sqlkc_rt_str_t *rest, const char *sep, size_t seplen);

/* n items (at least one is allocated), zeroed and NULL, from alloc. */
sqlkc_rt_item_t *sqlkc_rt_csv_items(sqlkc_rt_alloc_fn alloc, void *arg, uint32_t n);

/* Writes "Fail to deserialize at field: NAME. Element K 'TEXT' is not a
 * valid TYPE" to err (K counts from 1, TEXT cut at 60 bytes). */
void sqlkc_rt_csv_elem_error(char *err, size_t errlen, const char *name, uint32_t k, const char *type,
                             sqlkc_rt_str_t e);

#endif /* SQLKC_CSV_H */
