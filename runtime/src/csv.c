/* This file is the reading half of Flink's csv format: the record tokenizer
 * (Jackson's CsvParser/CsvDecoder as CsvRowDataDeserializationSchema
 * configures it), the field converters of CsvToRowDataConverters, and the
 * splitting of an ARRAY or ROW field into its elements (CsvParser's array
 * columns). The generated decoders call these per declared column, and per
 * element of an ARRAY or ROW column (compiler/gen_csv.c). */
#include <stdio.h>
#include <string.h>

#include "codec_internal.h"
#include "sqlkc/csv.h"
#include "sqlkc/fmt.h"

/* Well-formed UTF-8 sequence length at p (1..4), or 0; Jackson's UTF8Reader
 * refuses what RFC 3629 refuses. */
static int utf8_len(const unsigned char *p, const unsigned char *e)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (e - p < n || p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

/* The tokenizer's state over one message. */
typedef struct tok {
    const sqlkc_rt_csv_opts_t *o;
    const char *p, *e;
    sqlkc_rt_alloc_fn alloc;
    void *arg;
    char *err;
    size_t errlen;
} tok_t;

/* CsvDecoder._unescape: \0 \n \r \t have their C meaning, any other
 * character stands for itself. */
static char unescape(char c)
{
    switch (c) {
    case '0': return '\0';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return c;
    }
}

/* The character's description in Jackson's messages: 'x' (code 120). */
static void char_desc(char *out, size_t n, int ch)
{
    if (ch >= 0x20 && ch < 0x7F)
        snprintf(out, n, "'%c' (code %d)", ch, ch);
    else
        snprintf(out, n, "(CTRL-CHAR, code %d)", ch);
}

/* One field at t->p (CsvDecoder.nextString without TRIM_SPACES). Sets *f and
 * *eol (the field ended the record: a line terminator or the end). */
static int next_field(tok_t *t, sqlkc_rt_str_t *f, bool *eol)
{
    const sqlkc_rt_csv_opts_t *o = t->o;
    const char *p = t->p, *e = t->e;
    *eol = false;
    if (p == e || *p == '\r' || *p == '\n') { /* EOF or a line end: an empty value */
        *f = (sqlkc_rt_str_t){p, 0};
        *eol = true;
        return 0;
    }
    if ((unsigned char)*p == o->quote) {
        /* _nextQuotedString: a doubled quote is one quote, the escape
         * character works inside quotes too, line breaks are content */
        const char *s = ++p;
        bool copy = false;
        for (;;) {
            if (p == e) {
                snprintf(t->err, t->errlen, "Missing closing quote for value");
                return -1;
            }
            unsigned char c = (unsigned char)*p;
            if (c == o->quote) {
                if (p + 1 < e && (unsigned char)p[1] == o->quote) {
                    copy = true;
                    p += 2;
                    continue;
                }
                break;
            }
            if (c == o->escape) {
                if (p + 1 == e) {
                    snprintf(t->err, t->errlen, "Unexpected EOF in escaped character");
                    return -1;
                }
                copy = true;
                p += 2;
                continue;
            }
            p++;
        }
        const char *close = p++;
        if (!copy) {
            *f = (sqlkc_rt_str_t){s, (size_t)(close - s)};
        } else {
            char *out = t->alloc(t->arg, (size_t)(close - s));
            size_t k = 0;
            for (const char *q = s; q < close; q++) {
                if ((unsigned char)*q == o->quote) {
                    out[k++] = *q++; /* the first of a doubled pair */
                } else if ((unsigned char)*q == o->escape) {
                    out[k++] = unescape(*++q);
                } else {
                    out[k++] = *q;
                }
            }
            *f = (sqlkc_rt_str_t){out, k};
        }
        /* after the closing quote: blanks (<= ' ') up to the delimiter or the
         * line end; anything else is an error */
        for (; p < e; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == o->delim) {
                t->p = p + 1;
                return 0;
            }
            if (c == '\r' || c == '\n')
                break;
            if (c > ' ') {
                char got[40], want[40];
                char_desc(got, sizeof got, c);
                char_desc(want, sizeof want, o->delim);
                snprintf(t->err, t->errlen, "Unexpected character (%s): Expected column separator character (%s) "
                         "or end-of-line", got, want);
                return -1;
            }
        }
        t->p = p;
        *eol = true;
        return 0;
    }
    if ((unsigned char)*p == o->delim) { /* an empty value */
        *f = (sqlkc_rt_str_t){p, 0};
        t->p = p + 1;
        return 0;
    }
    /* unquoted: up to the delimiter or the line end; a quote character
     * inside is content; the escape character takes the next one as is */
    const char *s = p;
    bool copy = false;
    for (; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == o->delim || c == '\r' || c == '\n')
            break;
        if (c == o->escape) {
            if (p + 1 == e) {
                snprintf(t->err, t->errlen, "Unexpected EOF in escaped character");
                return -1;
            }
            copy = true;
            p++;
        }
    }
    const char *end = p;
    if (!copy) {
        *f = (sqlkc_rt_str_t){s, (size_t)(end - s)};
    } else {
        char *out = t->alloc(t->arg, (size_t)(end - s));
        size_t k = 0;
        for (const char *q = s; q < end; q++)
            out[k++] = (unsigned char)*q == o->escape ? unescape(*++q) : *q;
        *f = (sqlkc_rt_str_t){out, k};
    }
    if (p < e && (unsigned char)*p == o->delim) {
        t->p = p + 1;
    } else {
        t->p = p;
        *eol = true;
    }
    return 0;
}

/* CsvDecoder._skipCommentLines (allow-comments only): lines starting with
 * '#', empty lines and blanks at the start of a line are skipped. */
static const char *skip_comments(const char *p, const char *e)
{
    while (p < e) {
        if (*p == '#') {
            while (p < e && *p != '\r' && *p != '\n')
                p++;
        } else if (*p == '\r' || *p == '\n' || *p == ' ') {
            p++;
        } else {
            break;
        }
    }
    return p;
}

int sqlkc_rt_csv_split(const sqlkc_rt_csv_opts_t *o, const void *data, size_t len, sqlkc_rt_str_t *fields,
                       int max, sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen)
{
    const char *p = data ? data : "", *e = p + len;
    /* Jackson decodes the bytes through its UTF8Reader, which refuses
     * malformed input before the parser sees it */
    for (const char *q = p; q < e;) {
        int n = utf8_len((const unsigned char *)q, (const unsigned char *)e);
        if (!n) {
            unsigned char c = (unsigned char)*q;
            snprintf(err, errlen, "Invalid UTF-8 %s byte 0x%02x (at byte %zu)",
                     (c & 0xC0) == 0x80 ? "middle" : "start", c, (size_t)(q - p));
            return -1;
        }
        q += n;
    }
    if (o->comments)
        p = skip_comments(p, e);
    if (p == e) { /* ObjectReader._initForReading: no token at all */
        snprintf(err, errlen, "No content to map due to end-of-input");
        return -1;
    }
    tok_t t = {o, p, e, alloc, arg, err, errlen};
    int n = 0;
    for (;;) {
        sqlkc_rt_str_t f;
        bool eol;
        if (next_field(&t, &f, &eol) < 0)
            return -1;
        if (n >= max) { /* CsvParser._handleExtraColumn */
            /* ALLOW_TRAILING_COMMA (on by default): one blank extra value
             * that ends the record is dropped */
            const char *b = f.p ? f.p : "";
            size_t bn = f.n;
            sqlkc_rti_java_trim(&b, &bn);
            if (n == max && bn == 0 && eol)
                return n;
            snprintf(err, errlen, "Too many entries: expected at most %d (value #%d (%zu chars) \"%.*s\")", max,
                     n, f.n, (int)(f.n > 80 ? 80 : f.n), f.p);
            return -1;
        }
        if (o->null_lit && f.n == o->null_len && memcmp(f.p, o->null_lit, f.n) == 0)
            f.p = NULL; /* CsvParser._handleNamedValue: a null node */
        else if (!f.p)
            f.p = "";
        fields[n++] = f;
        if (eol)
            return n;
    }
}

int sqlkc_rt_csv_int(sqlkc_rt_str_t f, int64_t min, int64_t max, int64_t *out)
{
    const char *p = f.p;
    size_t n = f.n;
    sqlkc_rti_java_trim(&p, &n);
    return sqlkc_rti_java_parse_long(p, n, min, max, out);
}

int sqlkc_rt_csv_float(sqlkc_rt_str_t f, float *out) { return sqlkc_rti_java_parse_float(f.p, f.n, out); }

int sqlkc_rt_csv_double(sqlkc_rt_str_t f, double *out) { return sqlkc_rti_java_parse_double(f.p, f.n, out); }

int sqlkc_rt_csv_decimal(sqlkc_rt_str_t f, int precision, int scale, sqlkc_rt_dec_t *out)
{
    return sqlkc_rti_parse_decimal(f.p, f.n, precision, scale, out);
}

int sqlkc_rt_csv_bytes(sqlkc_rt_str_t f, sqlkc_rt_alloc_fn alloc, void *arg, sqlkc_rt_str_t *out)
{
    char *buf = f.n ? alloc(arg, f.n / 4 * 3 + 3) : NULL;
    size_t n = 0;
    if (sqlkc_rt_base64_decode(buf, &n, f.p, f.n) != 0)
        return -1;
    *out = (sqlkc_rt_str_t){buf ? buf : "", n};
    return 0;
}

/* Integer.parseInt of a short slice (ASCII digits, optional sign). */
static bool parse_part(const char *p, const char *e, int64_t *v)
{
    return sqlkc_rti_java_parse_long(p, (size_t)(e - p), INT32_MIN, INT32_MAX, v) == 0;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int sqlkc_rt_csv_date(sqlkc_rt_str_t f, int32_t *days)
{
    /* java.sql.Date.valueOf: the first '-', the next '-', neither at the
     * ends; 4 characters of year, 1-2 of month and of day */
    const char *p = f.p, *e = f.p + f.n;
    const char *d1 = memchr(p, '-', f.n);
    if (!d1 || d1 == p)
        return -1;
    const char *d2 = memchr(d1 + 1, '-', (size_t)(e - d1 - 1));
    if (!d2 || d2 >= e - 1)
        return -1;
    ptrdiff_t ml = d2 - d1 - 1, dl = e - d2 - 1;
    if (d1 - p != 4 || ml < 1 || ml > 2 || dl < 1 || dl > 2)
        return -1;
    int64_t y, m, d;
    if (!parse_part(p, d1, &y) || !parse_part(d1 + 1, d2, &m) || !parse_part(d2 + 1, e, &d))
        return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* new Date(y - 1900, m - 1, d) is lenient: a day past the month's end
     * runs into the next month. java.util.Date uses the Julian calendar
     * before 1582, and toLocalDate() copies the fields into the proleptic
     * Gregorian LocalDate, which refuses a Julian-only February 29th. */
    bool julian = y < 1582;
    bool leap = julian ? y % 4 == 0 : (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    static const unsigned char len[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned mlen = m == 2 && leap ? 29 : len[m];
    if ((unsigned)d > mlen) {
        d -= mlen;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    bool gleap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (julian && m == 2 && d == 29 && !gleap)
        return -1;
    int64_t r = days_from_civil(y, (unsigned)m, (unsigned)d);
    /* 1582 before October 15th: computed as Gregorian, read back as Julian */
    if (y == 1582 && (m < 10 || (m == 10 && d < 15)))
        r -= 10;
    *days = (int32_t)r;
    return 0;
}

int sqlkc_rt_csv_time(sqlkc_rt_str_t f, int precision, int32_t *millis)
{
    int32_t ms;
    if (sqlkc_rt_parse_time_iso(f.p, f.n, &ms) != 0)
        return -1;
    /* CsvToRowDataConverters.convertToTime: "rounding off" is truncation */
    static const int32_t unit[4] = {1000, 100, 10, 1};
    int32_t u = unit[precision < 0 ? 0 : precision > 3 ? 3 : precision];
    *millis = ms / u * u;
    return 0;
}

int sqlkc_rt_csv_timestamp(sqlkc_rt_str_t f, bool ltz, sqlkc_rt_ts_t *out)
{
    const char *p = f.p;
    size_t n = f.n;
    sqlkc_rti_java_trim(&p, &n);
    return sqlkc_rt_parse_timestamp(p, n, false, ltz, out);
}

void sqlkc_rt_csv_field_error(char *err, size_t errlen, const char *name, const char *type, sqlkc_rt_str_t f)
{
    int shown = f.n > 60 ? 60 : (int)f.n;
    snprintf(err, errlen, "Fail to deserialize at field: %s. '%.*s%s' is not a valid %s", name, shown, f.p,
             f.n > 60 ? "..." : "", type);
}

/* ---- ARRAY and ROW columns: the elements of one field ---- */

static bool blank(sqlkc_rt_str_t f)
{
    for (size_t i = 0; i < f.n; i++)
        if ((unsigned char)f.p[i] > ' ')
            return false;
    return true;
}

uint32_t sqlkc_rt_csv_elems(const sqlkc_rt_csv_opts_t *o, sqlkc_rt_str_t *f, const char *sep, size_t seplen)
{
    if (!f->p) /* the split's null literal: an array column does not test it */
        *f = (sqlkc_rt_str_t){o->null_lit ? o->null_lit : "", o->null_lit ? o->null_len : 0};
    if (blank(*f))
        return 0; /* CsvParser: an empty or blank array field has no elements */
    uint32_t n = 1;
    for (size_t i = 0; seplen && i + seplen <= f->n;)
        if (memcmp(f->p + i, sep, seplen) == 0)
            n++, i += seplen;
        else
            i++;
    return n;
}

sqlkc_rt_str_t sqlkc_rt_csv_elem(const sqlkc_rt_csv_opts_t *o, sqlkc_rt_str_t *rest, const char *sep, size_t seplen)
{
    size_t end = 0;
    while (seplen && end + seplen <= rest->n && memcmp(rest->p + end, sep, seplen) != 0)
        end++;
    if (!seplen || end + seplen > rest->n)
        end = rest->n;
    sqlkc_rt_str_t e = {rest->p, end};
    size_t skip = end + seplen < rest->n ? end + seplen : rest->n;
    rest->p += skip;
    rest->n -= skip;
    if (o->null_lit && e.n == o->null_len && memcmp(e.p, o->null_lit, e.n) == 0)
        e.p = NULL; /* VALUE_NULL */
    return e;
}

sqlkc_rt_item_t *sqlkc_rt_csv_items(sqlkc_rt_alloc_fn alloc, void *arg, uint32_t n)
{
    size_t size = sizeof(sqlkc_rt_item_t) * (n ? n : 1);
    sqlkc_rt_item_t *items = alloc(arg, size);
    memset(items, 0, size);
    for (uint32_t k = 0; k < n; k++)
        items[k].null = true;
    return items;
}

void sqlkc_rt_csv_elem_error(char *err, size_t errlen, const char *name, uint32_t k, const char *type,
                             sqlkc_rt_str_t e)
{
    int shown = e.n > 60 ? 60 : (int)e.n;
    snprintf(err, errlen, "Fail to deserialize at field: %s. Element %u '%.*s%s' is not a valid %s", name, k, shown,
             e.p, e.n > 60 ? "..." : "", type);
}
