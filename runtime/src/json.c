/* This file implements the JSON codec's out-of-line parts: escaping strings
 * that need it, and the pull cursor that validates and converts a message
 * field by field the way Flink's streaming JSON decoder does. Nothing here
 * recurses, so hostile nesting cannot overflow the stack. */
#include "sqlkc/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "codec_internal.h"

/* ==== encoding ============================================================ */

static const char hex_upper[16] = "0123456789ABCDEF";

/* What Jackson writes after the backslash for bytes below 0x20: a short
 * form, or 'u' for \u00XX. */
static char escape_kind(unsigned char ch) {
    switch (ch) {
    case '"':
        return '"';
    case '\\':
        return '\\';
    case '\b':
        return 'b';
    case '\t':
        return 't';
    case '\n':
        return 'n';
    case '\f':
        return 'f';
    case '\r':
        return 'r';
    default:
        return ch < 0x20 ? 'u' : 0;
    }
}

void sqlkc_rt_json_put_str_escaped(sqlkc_rt_buf_t *b, const char *p, size_t n, size_t clean) {
    /* size exactly, so a large string with one newline does not reserve
     * six times its length */
    size_t extra = 0;
    for (size_t i = clean; i < n; i++) {
        char k = escape_kind((unsigned char)p[i]);
        extra += k == 'u' ? 5 : k ? 1 : 0;
    }
    sqlkc_rt_buf_reserve(b, n + extra + 2);
    char *o = b->p + b->len;
    *o++ = '"';
    memcpy(o, p, clean);
    o += clean;
    for (size_t i = clean; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        char k = escape_kind(ch);
        if (!k) {
            *o++ = (char)ch;
            continue;
        }
        *o++ = '\\';
        *o++ = k;
        if (k == 'u') {
            o[0] = '0';
            o[1] = '0';
            o[2] = hex_upper[ch >> 4];
            o[3] = hex_upper[ch & 15];
            o += 4;
        }
    }
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/* ==== decoding: errors ==================================================== */

/* Sets c->err to "<message> at byte N" and returns -1. */
__attribute__((format(printf, 4, 5))) static int jerr(sqlkc_rt_jcur_t *c, bool fatal,
                                                      const char *at, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    if (k < 0)
        k = 0;
    if ((size_t)k < sizeof c->err)
        snprintf(c->err + k, sizeof c->err - (size_t)k, " at byte %zu", (size_t)(at - c->start));
    c->fatal = fatal;
    return -1;
}

static int jerr_eof(sqlkc_rt_jcur_t *c, const char *what) {
    return jerr(c, true, c->end, "unexpected end of input, expected %s", what);
}

/* A short printable rendering of a character for messages. */
static const char *char_desc(char ch, char buf[8]) {
    unsigned char u = (unsigned char)ch;
    if (u >= 0x20 && u < 0x7F)
        snprintf(buf, 8, "'%c'", ch);
    else
        snprintf(buf, 8, "0x%02X", u);
    return buf;
}

/* ==== decoding: lexical level ============================================= */

static inline void skip_ws(sqlkc_rt_jcur_t *c) {
    const char *p = c->p, *e = c->end;
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    c->p = p;
}

/* The first byte at or after s that a string scan must look at: '"', '\\' or
 * a non-ASCII byte; e if none. Control characters pass: Flink's mapper enables
 * ALLOW_UNESCAPED_CONTROL_CHARS. Eight bytes at a time:
 * the first flagged byte of a word is exact (later ones may be false
 * positives from borrows, which do not matter). */
static const char *find_special(const char *s, const char *e) {
#ifdef __SSE2__
    /* sixteen bytes at a time: '"', '\\' or a byte with the high bit set */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    while (e - s >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)), x));
        if (m)
            return s + __builtin_ctz(m);
        s += 16;
    }
#endif
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (e - s >= 8) {
        uint64_t x;
        memcpy(&x, s, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        uint64_t m = ((q - ones) & ~q) | ((b - ones) & ~b) | x;
        m &= highs;
        if (m)
            return s + (__builtin_ctzll(m) >> 3);
        s += 8;
    }
    while (s < e && *s != '"' && *s != '\\' && (unsigned char)*s < 0x80)
        s++;
    return s;
}

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), as Jackson decodes it. */
static int utf8_seq(const unsigned char *p, const unsigned char *e) {
    unsigned c = p[0];
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (e - p < n)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

static int hexval(char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* The code unit of the 4 hex digits at p (p + 4 <= end checked by caller),
 * or -1. */
static int hex4(const char *p) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* Validates the string starting at c->p (a '"') and consumes it. On return
 * [*s, *r) is the raw content between the quotes and *esc tells whether it
 * contains escapes. */
static int string_span(sqlkc_rt_jcur_t *c, const char **s, const char **r, bool *esc) {
    const char *open = c->p, *e = c->end;
    const char *p = open + 1;
    *esc = false;
    for (;;) {
        p = find_special(p, e);
        if (p == e)
            return jerr(c, true, open, "unterminated string");
        unsigned char ch = (unsigned char)*p;
        if (ch == '"')
            break;
        if (ch >= 0x80) {
            int n = utf8_seq((const unsigned char *)p, (const unsigned char *)e);
            if (!n)
                return jerr(c, true, p, "Invalid UTF-8 %s byte 0x%02x", (ch & 0xC0) == 0x80 ? "middle" : "start", ch);
            p += n;
            continue;
        }
        *esc = true;
        if (e - p < 2)
            return jerr(c, true, open, "unterminated string");
        switch (p[1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            p += 2;
            break;
        case 'u':
            if (e - p < 6 || hex4(p + 2) < 0)
                return jerr(c, true, p, "invalid \\u escape, expected 4 hex digits");
            p += 6;
            break;
        default: {
            char d[8];
            return jerr(c, true, p, "invalid escape '\\' followed by %s", char_desc(p[1], d));
        }
        }
    }
    *s = open + 1;
    *r = p;
    c->p = p + 1;
    return 0;
}

static inline char *put_utf8(char *o, unsigned cp) { return sqlkc_rti_put_utf8(o, (uint32_t)cp); }

/* Decodes the escapes of a span validated by string_span into dst, which
 * has room for r - s bytes (no escape decodes to more bytes than it
 * takes). Returns the decoded length. */
static size_t unescape(char *dst, const char *s, const char *r) {
    char *o = dst;
    while (s < r) {
        const char *q = memchr(s, '\\', (size_t)(r - s)); /* validated: no quote inside */
        if (!q)
            q = r;
        memcpy(o, s, (size_t)(q - s));
        o += q - s;
        if (q == r)
            break;
        char k = q[1];
        s = q + 2;
        switch (k) {
        case 'b':
            *o++ = '\b';
            break;
        case 'f':
            *o++ = '\f';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        case 't':
            *o++ = '\t';
            break;
        case 'u': {
            unsigned cp = (unsigned)hex4(s);
            s += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int lo = r - s >= 6 && s[0] == '\\' && s[1] == 'u' ? hex4(s + 2) : -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
                    s += 6;
                } else {
                    cp = '?'; /* what Java's UTF-8 encoder writes for a lone surrogate */
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = '?';
            }
            o = put_utf8(o, cp);
            break;
        }
        default: /* '"', '\\', '/' */
            *o++ = k;
            break;
        }
    }
    return (size_t)(o - dst);
}

static void *cur_alloc(sqlkc_rt_jcur_t *c, size_t n) {
    return c->alloc ? c->alloc(c->alloc_arg, n ? n : 1) : NULL;
}

/* Reads a string value or key at c->p; the result points into the input
 * when there are no escapes. */
static int read_string(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *out) {
    const char *s, *r;
    bool esc;
    const char *at = c->p;
    if (string_span(c, &s, &r, &esc) < 0)
        return -1;
    if (!esc) {
        out->p = s;
        out->n = (size_t)(r - s);
        return 0;
    }
    char *buf = cur_alloc(c, (size_t)(r - s));
    if (!buf)
        return jerr(c, true, at, "no allocator for an escaped string");
    out->p = buf;
    out->n = unescape(buf, s, r);
    return 0;
}

/* Scans a number at c->p with Jackson's grammar: '-'? (0 | [1-9][0-9]*)
 * ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?; no '+', no leading zeros, no NaN. */
static int scan_number(sqlkc_rt_jcur_t *c, bool *is_float) {
    const char *p = c->p, *e = c->end, *at = c->p;
    *is_float = false;
    if (*p == '-')
        p++;
    if (p == e || *p < '0' || *p > '9')
        return jerr(c, true, at, "invalid number, expected a digit after '-'");
    if (*p == '0') {
        p++;
        if (p < e && *p >= '0' && *p <= '9')
            return jerr(c, true, at, "invalid number, leading zeros are not allowed");
    } else {
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < e && *p == '.') {
        p++;
        *is_float = true;
        if (p == e || *p < '0' || *p > '9')
            return jerr(c, true, at, "invalid number, expected a digit after the decimal point");
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        *is_float = true;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p == e || *p < '0' || *p > '9')
            return jerr(c, true, at, "invalid number, expected a digit in the exponent");
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    c->p = p;
    return 0;
}

/* Consumes the literal `lit` at c->p. */
static int scan_literal(sqlkc_rt_jcur_t *c, const char *lit, size_t n) {
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0) {
        size_t avail = (size_t)(c->end - c->p);
        return jerr(c, true, c->p, "invalid literal '%.*s', expected '%s'",
                    (int)(avail < n ? avail : n), c->p, lit);
    }
    c->p += n;
    return 0;
}

/* ==== decoding: structure ================================================= */

enum {
    TK_STR,
    TK_INT,
    TK_FLOAT,
    TK_TRUE,
    TK_FALSE,
    TK_NULL,
    TK_OBJ,
    TK_ARR,
};

/* One value as the typed readers see it: its kind, where it started, and
 * its text (unescaped for strings, the source text for numbers and
 * literals, the raw source span for containers). */
typedef struct tok {
    int kind;
    const char *at;
    sqlkc_rt_str_t text;
} tok_t;

/* Writes a float number token the way Jackson's tree would print it. */
static void put_float_token(sqlkc_rt_jcur_t *c, sqlkc_rt_buf_t *out, const char *p, size_t n) {
    if (!(c->flags & SQLKC_RT_JSON_DECIMAL_FLOATS)) {
        double d = 0;
        sqlkc_rti_java_parse_double(p, n, &d);
        sqlkc_rt_json_put_double(out, d); /* overflow gives "Infinity", quoted like Jackson */
        return;
    }
    /* BigDecimal(text).stripTrailingZeros().toString(), done on the digits
     * because the value may have any number of them */
    const char *e = p + n;
    bool neg = *p == '-';
    if (neg)
        p++;
    sqlkc_rt_buf_reserve(out, 2 * n + 40);
    char *digits = out->p + out->len + n + 40; /* scratch after the output area */
    size_t nd = 0;
    int64_t fraclen = 0, exp = 0;
    bool point = false;
    for (; p < e && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            point = true;
            continue;
        }
        if (point)
            fraclen++;
        if (nd || *p != '0')
            digits[nd++] = *p;
    }
    if (p < e) {
        p++;
        bool eneg = *p == '-';
        if (*p == '-' || *p == '+')
            p++;
        for (; p < e; p++)
            if (exp < 4000000000) /* past int range BigDecimal fails; keep it finite */
                exp = exp * 10 + (*p - '0');
        if (eneg)
            exp = -exp;
    }
    int64_t scale = fraclen - exp;
    while (nd > 1 && digits[nd - 1] == '0') {
        nd--;
        scale--;
    }
    if (nd == 0) {
        sqlkc_rt_buf_putc(out, '0');
        return;
    }
    out->len += sqlkc_rti_fmt_bigdec(out->p + out->len, neg, digits, nd, scale, false);
}

/* Consumes one scalar at c->p (which is not whitespace), validating it, and
 * appends its compact form to `out` when given. */
static int walk_scalar(sqlkc_rt_jcur_t *c, sqlkc_rt_buf_t *out, sqlkc_rt_buf_t *tmp) {
    const char *at = c->p;
    switch (*at) {
    case '"': {
        const char *s, *r;
        bool esc;
        if (string_span(c, &s, &r, &esc) < 0)
            return -1;
        if (out) {
            if (!esc) {
                sqlkc_rt_json_put_str(out, s, (size_t)(r - s));
            } else {
                sqlkc_rt_buf_reset(tmp);
                sqlkc_rt_buf_reserve(tmp, (size_t)(r - s));
                size_t k = unescape(tmp->p, s, r);
                sqlkc_rt_json_put_str(out, tmp->p, k);
            }
        }
        return 0;
    }
    case 't':
        if (scan_literal(c, "true", 4) < 0)
            return -1;
        break;
    case 'f':
        if (scan_literal(c, "false", 5) < 0)
            return -1;
        break;
    case 'n':
        if (scan_literal(c, "null", 4) < 0)
            return -1;
        break;
    default:
        if (*at == '-' || (*at >= '0' && *at <= '9')) {
            bool is_float;
            if (scan_number(c, &is_float) < 0)
                return -1;
            if (out && is_float) {
                put_float_token(c, out, at, (size_t)(c->p - at));
                return 0;
            }
            if (out && c->p - at == 2 && at[0] == '-' && at[1] == '0') {
                sqlkc_rt_buf_putc(out, '0'); /* IntNode(0) has no sign */
                return 0;
            }
            break;
        }
        char d[8];
        return jerr(c, true, at, "unexpected character %s, expected a value", char_desc(*at, d));
    }
    if (out)
        sqlkc_rt_buf_put(out, at, (size_t)(c->p - at));
    return 0;
}

/* Reads `"key"` and the ':' after it, c->p at the key's quote or not. */
static int walk_key(sqlkc_rt_jcur_t *c, sqlkc_rt_buf_t *out, sqlkc_rt_buf_t *tmp) {
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, "a member name");
    if (*c->p != '"') {
        char d[8];
        return jerr(c, true, c->p, "unexpected character %s, expected a member name string",
                    char_desc(*c->p, d));
    }
    if (walk_scalar(c, out, tmp) < 0)
        return -1;
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, "':'");
    if (*c->p != ':') {
        char d[8];
        return jerr(c, true, c->p, "unexpected character %s, expected ':'", char_desc(*c->p, d));
    }
    c->p++;
    if (out)
        sqlkc_rt_buf_putc(out, ':');
    return 0;
}

/* Consumes one complete value of any kind, validating it; with `out`, also
 * writes it in Jackson's compact tree form. An explicit stack of container
 * kinds (one bit per level) replaces recursion. */
static int walk(sqlkc_rt_jcur_t *c, sqlkc_rt_buf_t *out, sqlkc_rt_buf_t *tmp) {
    unsigned char is_obj[SQLKC_RT_JSON_MAX_DEPTH / 8 + 1];
    int depth = 0;
    for (;;) {
        /* a value is expected here */
        skip_ws(c);
        if (c->p == c->end)
            return jerr_eof(c, "a value");
        char ch = *c->p;
        if (ch == '{' || ch == '[') {
            if (c->depth + depth >= SQLKC_RT_JSON_MAX_DEPTH)
                return jerr(c, true, c->p, "nesting deeper than %d levels",
                            SQLKC_RT_JSON_MAX_DEPTH);
            bool obj = ch == '{';
            if (obj)
                is_obj[depth / 8] |= (unsigned char)(1u << depth % 8);
            else
                is_obj[depth / 8] &= (unsigned char)~(1u << depth % 8);
            depth++;
            c->p++;
            if (out)
                sqlkc_rt_buf_putc(out, ch);
            skip_ws(c);
            if (c->p < c->end && *c->p == (obj ? '}' : ']')) {
                c->p++;
                if (out)
                    sqlkc_rt_buf_putc(out, obj ? '}' : ']');
                depth--;
            } else {
                if (obj && walk_key(c, out, tmp) < 0)
                    return -1;
                continue;
            }
        } else if (walk_scalar(c, out, tmp) < 0) {
            return -1;
        }
        /* after a complete value: close containers until one continues */
        for (;;) {
            if (depth == 0)
                return 0;
            bool obj = is_obj[(depth - 1) / 8] >> (depth - 1) % 8 & 1;
            skip_ws(c);
            if (c->p == c->end)
                return jerr_eof(c, obj ? "',' or '}'" : "',' or ']'");
            if (*c->p == ',') {
                c->p++;
                if (out)
                    sqlkc_rt_buf_putc(out, ',');
                if (obj && walk_key(c, out, tmp) < 0)
                    return -1;
                break;
            }
            if (*c->p == (obj ? '}' : ']')) {
                c->p++;
                if (out)
                    sqlkc_rt_buf_putc(out, obj ? '}' : ']');
                depth--;
                continue;
            }
            char d[8];
            return jerr(c, true, c->p, "unexpected character %s, expected %s", char_desc(*c->p, d),
                        obj ? "',' or '}'" : "',' or ']'");
        }
    }
}

/* Reads the next value as a token; containers are skipped (validated). */
static int next_token(sqlkc_rt_jcur_t *c, tok_t *t) {
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, "a value");
    const char *at = c->p;
    t->at = at;
    switch (*at) {
    case '"':
        t->kind = TK_STR;
        return read_string(c, &t->text);
    case '{':
    case '[':
        t->kind = *at == '{' ? TK_OBJ : TK_ARR;
        if (walk(c, NULL, NULL) < 0)
            return -1;
        break;
    case 't':
        t->kind = TK_TRUE;
        if (scan_literal(c, "true", 4) < 0)
            return -1;
        break;
    case 'f':
        t->kind = TK_FALSE;
        if (scan_literal(c, "false", 5) < 0)
            return -1;
        break;
    case 'n':
        t->kind = TK_NULL;
        if (scan_literal(c, "null", 4) < 0)
            return -1;
        break;
    default:
        if (*at == '-' || (*at >= '0' && *at <= '9')) {
            bool is_float;
            if (scan_number(c, &is_float) < 0)
                return -1;
            t->kind = is_float ? TK_FLOAT : TK_INT;
            break;
        }
        char d[8];
        return jerr(c, true, at, "unexpected character %s, expected a value", char_desc(*at, d));
    }
    t->text.p = at;
    t->text.n = (size_t)(c->p - at);
    return 0;
}

/* A conversion failed: the value was consumed, the message may go on. */
static int conv_err(sqlkc_rt_jcur_t *c, const tok_t *t, const char *type, const char *why) {
    if (t->kind == TK_OBJ || t->kind == TK_ARR)
        return jerr(c, false, t->at, "cannot convert a JSON %s to %s",
                    t->kind == TK_OBJ ? "object" : "array", type);
    /* show the value, cut and with control bytes masked, so the message
     * stays one readable line */
    char shown[48];
    size_t n = t->text.n < 40 ? t->text.n : 40;
    for (size_t i = 0; i < n; i++) {
        unsigned char u = (unsigned char)t->text.p[i];
        shown[i] = u < 0x20 || u == 0x7F ? '?' : (char)u;
    }
    const char *q = t->kind == TK_STR ? "\"" : "";
    return jerr(c, false, t->at, "cannot convert %s%.*s%s%s to %s%s%s", q, (int)n, shown,
                t->text.n > n ? "..." : "", q, type, why ? ": " : "", why ? why : "");
}

/* ==== decoding: public entry points ======================================= */

void sqlkc_rt_jcur_init(sqlkc_rt_jcur_t *c, const void *p, size_t n, sqlkc_rt_alloc_fn alloc,
                        void *alloc_arg) {
    /* field by field: clearing all of err[] would cost more than a small
     * message takes to parse */
    c->err[0] = 0;
    c->depth = 0;
    c->first = false;
    c->fatal = false;
    c->flags = 0;
    c->start = c->p = p;
    c->end = c->p + n;
    c->alloc = alloc;
    c->alloc_arg = alloc_arg;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        c->p += 3;
}

int sqlkc_rt_json_peek(sqlkc_rt_jcur_t *c) {
    skip_ws(c);
    return c->p < c->end ? (unsigned char)*c->p : -1;
}

int sqlkc_rt_json_null(sqlkc_rt_jcur_t *c) {
    skip_ws(c);
    if (c->p == c->end || *c->p != 'n')
        return 0;
    return scan_literal(c, "null", 4) < 0 ? -1 : 1;
}

/* Shared by object_begin and array_begin. */
static int container_begin(sqlkc_rt_jcur_t *c, char open, const char *type) {
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, open == '{' ? "'{'" : "'['");
    if (*c->p != open) {
        tok_t t;
        if (next_token(c, &t) < 0)
            return -1;
        return jerr(c, false, t.at, "expected '%c' for %s", open, type);
    }
    if (c->depth >= SQLKC_RT_JSON_MAX_DEPTH)
        return jerr(c, true, c->p, "nesting deeper than %d levels", SQLKC_RT_JSON_MAX_DEPTH);
    c->p++;
    c->depth++;
    c->first = true;
    return 0;
}

int sqlkc_rt_json_object_begin(sqlkc_rt_jcur_t *c) { return container_begin(c, '{', "an object"); }

int sqlkc_rt_json_array_begin(sqlkc_rt_jcur_t *c) { return container_begin(c, '[', "an array"); }

/* Moves to the next element of the open object or array, past the ','
 * between elements: 1 when one follows, 0 when `close` was consumed, -1 on
 * error. `first` and `next` say what was expected, for the message. */
static int element_next(sqlkc_rt_jcur_t *c, char close, const char *first, const char *next) {
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, c->first ? first : next);
    if (*c->p == close) {
        c->p++;
        c->depth--;
        c->first = false;
        return 0;
    }
    if (!c->first) {
        if (*c->p != ',') {
            char d[8];
            return jerr(c, true, c->p, "unexpected character %s, expected %s", char_desc(*c->p, d), next);
        }
        c->p++;
    }
    c->first = false;
    return 1;
}

int sqlkc_rt_json_object_next(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *key) {
    int r = element_next(c, '}', "a member name or '}'", "',' or '}'");
    if (r <= 0)
        return r;
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, "a member name");
    if (*c->p != '"') {
        char d[8];
        return jerr(c, true, c->p, "unexpected character %s, expected a member name string",
                    char_desc(*c->p, d));
    }
    if (read_string(c, key) < 0)
        return -1;
    skip_ws(c);
    if (c->p == c->end)
        return jerr_eof(c, "':'");
    if (*c->p != ':') {
        char d[8];
        return jerr(c, true, c->p, "unexpected character %s, expected ':'", char_desc(*c->p, d));
    }
    c->p++;
    return 1;
}

int sqlkc_rt_json_array_next(sqlkc_rt_jcur_t *c) {
    return element_next(c, ']', "a value or ']'", "',' or ']'");
}

int sqlkc_rt_json_end(sqlkc_rt_jcur_t *c) {
    skip_ws(c);
    if (c->p != c->end)
        return jerr(c, true, c->p, "unexpected data after the JSON value");
    return 0;
}

int sqlkc_rt_json_skip(sqlkc_rt_jcur_t *c) { return walk(c, NULL, NULL); }

/* ---- typed readers -------------------------------------------------------- */

/* Integers: INT tokens must fit [min, max]; fractional tokens are truncated
 * when `trunc` (Jackson getIntValue/getLongValue) and refused otherwise
 * (Byte/Short.parseXxx of "1.5"); strings go through Java's parser. */
/* Fast paths of the number readers for the common token: a plain integer
 * of at most 18 digits that fits [min, max], and a number without exponent
 * of at most 15 significant digits (exact in a double, so one division by
 * an exact power of ten rounds it correctly). They consume the token and
 * return true, or leave the cursor as it was for the general path (which
 * also reports what is wrong). The cursor is past whitespace. */
static inline bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static inline bool fast_int(sqlkc_rt_jcur_t *c, int64_t min, int64_t max, int64_t *out) {
    const char *p = c->p, *e = c->end;
    bool neg = p < e && *p == '-';
    p += neg;
    if (p == e || !is_digit(*p))
        return false;
    uint64_t w = 0;
    const char *start = p;
    if (*p == '0')
        p++;
    else
        while (p < e && is_digit(*p) && p - start < 18)
            w = w * 10 + (uint64_t)(*p++ - '0');
    if (p < e && (is_digit(*p) || *p == '.' || *p == 'e' || *p == 'E'))
        return false;
    int64_t v = neg ? -(int64_t)w : (int64_t)w;
    if (v < min || v > max)
        return false;
    *out = v;
    c->p = p;
    return true;
}

static inline bool fast_real(sqlkc_rt_jcur_t *c, double *out) {
    static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *p = c->p, *e = c->end;
    bool neg = p < e && *p == '-';
    p += neg;
    if (p == e || !is_digit(*p))
        return false;
    uint64_t w = 0;
    int nd = 0, frac = 0;
    if (*p == '0') {
        p++;
    } else {
        while (p < e && is_digit(*p)) {
            if (++nd > 15)
                return false;
            w = w * 10 + (uint64_t)(*p++ - '0');
        }
    }
    if (p < e && *p == '.') {
        p++;
        if (p == e || !is_digit(*p))
            return false;
        while (p < e && is_digit(*p)) {
            if (++nd > 15)
                return false;
            w = w * 10 + (uint64_t)(*p++ - '0');
            frac++;
        }
    }
    if (p < e && (is_digit(*p) || *p == 'e' || *p == 'E'))
        return false;
    double v = (double)w / p10[frac];
    *out = neg ? -v : v;
    c->p = p;
    return true;
}

static int get_int(sqlkc_rt_jcur_t *c, int64_t min, int64_t max, bool trunc, const char *type,
                   int64_t *out) {
    tok_t t;
    skip_ws(c);
    if (fast_int(c, min, max, out))
        return 1;
    if (next_token(c, &t) < 0)
        return -1;
    switch (t.kind) {
    case TK_NULL:
        return 0;
    case TK_INT:
        if (sqlkc_rti_java_parse_long(t.text.p, t.text.n, min, max, out) < 0)
            return conv_err(c, &t, type, "out of range");
        return 1;
    case TK_FLOAT: {
        double d;
        if (!trunc)
            return conv_err(c, &t, type, "not an integer");
        sqlkc_rti_java_parse_double(t.text.p, t.text.n, &d);
        /* Jackson's bounds are the limits converted to double, inclusive;
         * (double)INT64_MAX is 2^63, which the cast below saturates */
        if (!(d >= (double)min && d <= (double)max))
            return conv_err(c, &t, type, "out of range");
        *out = d >= 9223372036854775807.0 ? INT64_MAX : (int64_t)d;
        return 1;
    }
    case TK_STR: {
        const char *p = t.text.p;
        size_t n = t.text.n;
        sqlkc_rti_java_trim(&p, &n);
        if (sqlkc_rti_java_parse_long(p, n, min, max, out) < 0)
            return conv_err(c, &t, type, NULL);
        return 1;
    }
    default:
        return conv_err(c, &t, type, NULL);
    }
}

int sqlkc_rt_json_get_i8(sqlkc_rt_jcur_t *c, int8_t *out) {
    int64_t v;
    int r = get_int(c, INT8_MIN, INT8_MAX, false, "TINYINT", &v);
    if (r == 1)
        *out = (int8_t)v;
    return r;
}

int sqlkc_rt_json_get_i16(sqlkc_rt_jcur_t *c, int16_t *out) {
    int64_t v;
    int r = get_int(c, INT16_MIN, INT16_MAX, false, "SMALLINT", &v);
    if (r == 1)
        *out = (int16_t)v;
    return r;
}

int sqlkc_rt_json_get_i32(sqlkc_rt_jcur_t *c, int32_t *out) {
    int64_t v;
    int r = get_int(c, INT32_MIN, INT32_MAX, true, "INT", &v);
    if (r == 1)
        *out = (int32_t)v;
    return r;
}

int sqlkc_rt_json_get_i64(sqlkc_rt_jcur_t *c, int64_t *out) {
    return get_int(c, INT64_MIN, INT64_MAX, true, "BIGINT", out);
}

int sqlkc_rt_json_get_bool(sqlkc_rt_jcur_t *c, bool *out) {
    tok_t t;
    if (next_token(c, &t) < 0)
        return -1;
    switch (t.kind) {
    case TK_NULL:
        return 0;
    case TK_TRUE:
        *out = true;
        return 1;
    case TK_FALSE:
        *out = false;
        return 1;
    case TK_STR: {
        const char *p = t.text.p;
        size_t n = t.text.n;
        sqlkc_rti_java_trim(&p, &n);
        *out = n == 4 && (p[0] | 0x20) == 't' && (p[1] | 0x20) == 'r' && (p[2] | 0x20) == 'u' &&
               (p[3] | 0x20) == 'e';
        return 1;
    }
    default:
        /* Boolean.parseBoolean of a number's or container's text */
        *out = false;
        return 1;
    }
}

/* FLOAT and DOUBLE share the token handling. */
static int get_real(sqlkc_rt_jcur_t *c, double *d, float *f) {
    tok_t t;
    const char *type = d ? "DOUBLE" : "FLOAT";
    skip_ws(c);
    if (d && fast_real(c, d))
        return 1;
    if (next_token(c, &t) < 0)
        return -1;
    switch (t.kind) {
    case TK_NULL:
        return 0;
    case TK_INT:
    case TK_FLOAT:
    case TK_STR: {
        int r = d ? (t.kind == TK_STR ? sqlkc_rti_java_parse_double(t.text.p, t.text.n, d)
                                      : sqlkc_rti_json_number_double(t.text.p, t.text.n, d))
                  : sqlkc_rti_java_parse_float(t.text.p, t.text.n, f);
        return r < 0 ? conv_err(c, &t, type, NULL) : 1;
    }
    default:
        return conv_err(c, &t, type, NULL);
    }
}

int sqlkc_rt_json_get_double(sqlkc_rt_jcur_t *c, double *out) { return get_real(c, out, NULL); }

int sqlkc_rt_json_get_float(sqlkc_rt_jcur_t *c, float *out) { return get_real(c, NULL, out); }

int sqlkc_rt_json_get_decimal(sqlkc_rt_jcur_t *c, sqlkc_rt_dec_t *out, int precision, int scale) {
    tok_t t;
    if (next_token(c, &t) < 0)
        return -1;
    const char *p = t.text.p;
    size_t n = t.text.n;
    switch (t.kind) {
    case TK_NULL:
        return 0;
    case TK_STR:
        sqlkc_rti_java_trim(&p, &n);
        /* fall through */
    case TK_INT:
    case TK_FLOAT: {
        int r = sqlkc_rti_parse_decimal(p, n, precision, scale, out);
        if (r < 0) {
            char type[32];
            snprintf(type, sizeof type, "DECIMAL(%d, %d)", precision, scale);
            return conv_err(c, &t, type, NULL);
        }
        return r;
    }
    default: {
        char type[32];
        snprintf(type, sizeof type, "DECIMAL(%d, %d)", precision, scale);
        return conv_err(c, &t, type, NULL);
    }
    }
}

int sqlkc_rt_json_get_str(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *out) {
    skip_ws(c);
    if (c->p < c->end && (*c->p == '{' || *c->p == '[')) {
        /* containers become their compact JSON text, re-serialised */
        sqlkc_rt_buf_t text = {0}, tmp = {0};
        const char *at = c->p;
        int r = walk(c, &text, &tmp);
        sqlkc_rt_buf_free(&tmp);
        if (r == 0) {
            char *dst = cur_alloc(c, text.len);
            if (!dst) {
                r = jerr(c, true, at, "no allocator for a re-serialised container");
            } else {
                memcpy(dst, text.p, text.len);
                out->p = dst;
                out->n = text.len;
            }
        }
        sqlkc_rt_buf_free(&text);
        return r < 0 ? -1 : 1;
    }
    tok_t t;
    if (next_token(c, &t) < 0)
        return -1;
    if (t.kind == TK_NULL)
        return 0;
    *out = t.text;
    return 1;
}

int sqlkc_rt_json_get_bytes(sqlkc_rt_jcur_t *c, sqlkc_rt_str_t *out) {
    tok_t t;
    if (next_token(c, &t) < 0)
        return -1;
    if (t.kind == TK_NULL)
        return 0;
    if (t.kind != TK_STR)
        return conv_err(c, &t, "BYTES", "expected a base64 string");
    char *dst = cur_alloc(c, t.text.n / 4 * 3 + 3);
    if (!dst)
        return jerr(c, true, t.at, "no allocator for decoded bytes");
    size_t n;
    if (sqlkc_rt_base64_decode(dst, &n, t.text.p, t.text.n) < 0)
        return conv_err(c, &t, "BYTES", "invalid base64");
    out->p = dst;
    out->n = n;
    return 1;
}

/* The text java.time would be given (JsonParser.getText of any scalar). */
static int temporal_text(sqlkc_rt_jcur_t *c, tok_t *t, const char *type) {
    if (next_token(c, t) < 0)
        return -1;
    if (t->kind == TK_NULL)
        return 0;
    if (t->kind == TK_OBJ || t->kind == TK_ARR)
        return conv_err(c, t, type, NULL);
    return 1;
}

int sqlkc_rt_json_get_date(sqlkc_rt_jcur_t *c, int32_t *out) {
    tok_t t;
    int r = temporal_text(c, &t, "DATE");
    if (r <= 0)
        return r;
    if (sqlkc_rt_parse_date(t.text.p, t.text.n, out) < 0)
        return conv_err(c, &t, "DATE", "expected yyyy-MM-dd");
    return 1;
}

int sqlkc_rt_json_get_time(sqlkc_rt_jcur_t *c, int32_t *out) {
    tok_t t;
    int r = temporal_text(c, &t, "TIME");
    if (r <= 0)
        return r;
    if (sqlkc_rt_parse_time(t.text.p, t.text.n, out) < 0)
        return conv_err(c, &t, "TIME", "expected HH:mm:ss[.fffffffff]");
    /* JsonToRowDataConverters.convertToTime: localTime.toSecondOfDay() * 1000,
     * the fraction is read but dropped (every Flink version) */
    *out = *out / 1000 * 1000;
    return 1;
}

int sqlkc_rt_json_get_timestamp(sqlkc_rt_jcur_t *c, sqlkc_rt_ts_t *out, bool iso, bool ltz) {
    tok_t t;
    const char *type = ltz ? "TIMESTAMP_LTZ" : "TIMESTAMP";
    int r = temporal_text(c, &t, type);
    if (r <= 0)
        return r;
    if (sqlkc_rt_parse_timestamp(t.text.p, t.text.n, iso, ltz, out) < 0) {
        const char *want = iso ? (ltz ? "expected yyyy-MM-ddTHH:mm[:ss[.fffffffff]]Z"
                                      : "expected yyyy-MM-ddTHH:mm[:ss[.fffffffff]]")
                               : (ltz ? "expected yyyy-MM-dd HH:mm:ss[.fffffffff]Z"
                                      : "expected yyyy-MM-dd HH:mm:ss[.fffffffff]");
        return conv_err(c, &t, type, want);
    }
    return 1;
}
