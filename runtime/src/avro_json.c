/* This file holds the runtime primitives of Avro's JSON encoding of a record
 * datum, for Flink's avro format with 'avro.encoding' = 'json'
 * (AvroSerializationSchema and AvroDeserializationSchema over Avro's
 * JsonEncoder / JsonDecoder). The compiler generates each format's reader and
 * writer from the schema Flink derives (compiler/gen_avro_json.c); they call
 * these:
 *
 * - writing: bytes (and DECIMAL's unscaled two's complement) as a string of
 *   the code points U+0000..U+00FF of the bytes (new String(bytes,
 *   ISO_8859_1)); everything else is the json format's primitives (json.h);
 * - reading: one pull cursor over the message (json.h) with JsonDecoder's
 *   errors: "Expected <what>. Got <token>", numbers as Jackson's
 *   getIntValue / getLongValue / getDoubleValue give them, unions checked
 *   as a whole object when they are not the simple {"<branch>": value},
 *   which map value's error is reported, a raw control character in a string
 *   refused (JsonDecoder's plain JsonFactory), malformed JSON anywhere in the
 *   first value failing the message as such. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_internal.h"
#include "sqlkc/avro.h"
#include "sqlkc/fmt.h"
#include "sqlkc/json.h"
#include "sqlkc/nested.h"

/* ==== writing ============================================================= */

void sqlkc_rt_ajson_put_latin1(sqlkc_rt_buf_t *b, const void *data, size_t n)
{
    const unsigned char *p = data;
    char stack[512];
    char *u = n * 2 <= sizeof stack ? stack : malloc(n * 2);
    if (!u)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k = (size_t)(sqlkc_rti_put_utf8(u + k, p[i]) - u);
    sqlkc_rt_json_put_str(b, u, k);
    if (u != stack)
        free(u);
}

void sqlkc_rt_ajson_put_decimal(sqlkc_rt_buf_t *b, sqlkc_rt_dec_t v)
{
    /* BigInteger.toByteArray, as sqlkc_rt_avro_put_decimal */
    unsigned char be[16];
    unsigned __int128 u = (unsigned __int128)v;
    for (int i = 15; i >= 0; i--, u >>= 8)
        be[i] = (unsigned char)u;
    int start = 0;
    while (start < 15 &&
           ((be[start] == 0x00 && !(be[start + 1] & 0x80)) || (be[start] == 0xFF && (be[start + 1] & 0x80))))
        start++;
    sqlkc_rt_ajson_put_latin1(b, be + start, (size_t)(16 - start));
}

/* ==== reading: errors ===================================================== */

void sqlkc_rt_ajson_init(sqlkc_rt_ajson_t *r, const void *data, size_t len, sqlkc_rt_alloc_fn alloc, void *arg,
                         char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    sqlkc_rt_jcur_init(&r->c, data, len, alloc, arg);
    r->err = err;
    r->errlen = errlen;
    r->begin = r->c.p; /* past a byte order mark */
    if (errlen)
        err[0] = 0;
}

int sqlkc_rt_ajson_malformed(sqlkc_rt_ajson_t *r)
{
    snprintf(r->err, r->errlen, "not JSON: %s", r->c.err);
    r->fatal = true;
    return -1;
}

int sqlkc_rt_ajson_fail(sqlkc_rt_ajson_t *r, const char *msg)
{
    snprintf(r->err, r->errlen, "%s", msg);
    return -1;
}

int sqlkc_rt_ajson_missing(sqlkc_rt_ajson_t *r, const char *name)
{
    snprintf(r->err, r->errlen, "Expected field name not found: %s", name);
    return -1;
}

static bool str_is(sqlkc_rt_str_t s, const char *z)
{
    size_t n = strlen(z);
    return n == s.n && memcmp(s.p, z, n) == 0;
}

static bool number_start(int ch) { return ch == '-' || (ch >= '0' && ch <= '9'); }

/* Consumes (and validates) the number at the cursor; its text and whether
 * it is a float token (a fraction or an exponent) as Jackson tells them. */
static int number(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *text, bool *is_float)
{
    const char *p = r->c.p;
    if (sqlkc_rt_json_skip(&r->c) < 0) {
        sqlkc_rt_ajson_malformed(r);
        return -1;
    }
    text->p = p;
    text->n = (size_t)(r->c.p - p);
    *is_float = memchr(p, '.', text->n) || memchr(p, 'e', text->n) || memchr(p, 'E', text->n);
    return 0;
}

/* The Jackson token name of the next value (nothing consumed), NULL when
 * the input does not start a value. */
static const char *token_name(sqlkc_rt_ajson_t *r)
{
    int ch = sqlkc_rt_json_peek(&r->c);
    switch (ch) {
    case '{': return "START_OBJECT";
    case '[': return "START_ARRAY";
    case '"': return "VALUE_STRING";
    case 't': return "VALUE_TRUE";
    case 'f': return "VALUE_FALSE";
    case 'n': return "VALUE_NULL";
    default:
        if (!number_start(ch))
            return NULL;
        for (const char *p = r->c.p;
             p < r->c.end && (number_start(*p) || *p == '+' || *p == '.' || *p == 'e' || *p == 'E'); p++)
            if (*p == '.' || *p == 'e' || *p == 'E')
                return "VALUE_NUMBER_FLOAT";
        return "VALUE_NUMBER_INT";
    }
}

int sqlkc_rt_ajson_expected(sqlkc_rt_ajson_t *r, const char *what)
{
    const char *got = token_name(r);
    if (sqlkc_rt_json_skip(&r->c) < 0 || !got)
        return sqlkc_rt_ajson_malformed(r);
    snprintf(r->err, r->errlen, "Expected %s. Got %s", what, got);
    return -1;
}

/* ==== reading: values ===================================================== */

int sqlkc_rt_ajson_skip(sqlkc_rt_ajson_t *r)
{
    return sqlkc_rt_json_skip(&r->c) < 0 ? sqlkc_rt_ajson_malformed(r) : 0;
}

int sqlkc_rt_ajson_bool(sqlkc_rt_ajson_t *r, bool *out)
{
    int ch = sqlkc_rt_json_peek(&r->c);
    if (ch != 't' && ch != 'f')
        return sqlkc_rt_ajson_expected(r, "boolean");
    if (sqlkc_rt_json_get_bool(&r->c, out) < 0)
        return sqlkc_rt_ajson_malformed(r);
    return 0;
}

/* A JSON number as Jackson's getIntValue / getLongValue gives it: integers
 * range-checked, fractions truncated toward zero. */
static int get_integer(sqlkc_rt_ajson_t *r, int64_t min, int64_t max, const char *what, int64_t *out)
{
    if (!number_start(sqlkc_rt_json_peek(&r->c)))
        return sqlkc_rt_ajson_expected(r, what);
    sqlkc_rt_str_t s;
    bool is_float;
    if (number(r, &s, &is_float) < 0)
        return -1;
    char msg[64];
    snprintf(msg, sizeof msg, "Numeric value out of range of %s", what);
    if (!is_float) {
        bool neg = s.p[0] == '-';
        uint64_t u = 0;
        for (size_t i = neg; i < s.n; i++) {
            unsigned dgt = (unsigned)(s.p[i] - '0');
            if (u > (UINT64_MAX - dgt) / 10)
                return sqlkc_rt_ajson_fail(r, msg);
            u = u * 10 + dgt;
        }
        if (neg ? u > (uint64_t) - (min + 1) + 1 : u > (uint64_t)max)
            return sqlkc_rt_ajson_fail(r, msg);
        *out = neg ? (int64_t)(0 - u) : (int64_t)u;
        return 0;
    }
    double d;
    if (sqlkc_rti_json_number_double(s.p, s.n, &d) < 0)
        return sqlkc_rt_ajson_fail(r, msg);
    if (!(d >= (double)min && d <= (double)max))
        return sqlkc_rt_ajson_fail(r, msg);
    /* (double)INT64_MAX is 2^63, which does not fit: Java's (long) cast saturates */
    *out = d >= 0x1p63 ? INT64_MAX : (int64_t)d;
    return 0;
}

int sqlkc_rt_ajson_int(sqlkc_rt_ajson_t *r, int bits, int64_t *out)
{
    if (bits == 64)
        return get_integer(r, INT64_MIN, INT64_MAX, "long", out);
    int64_t v;
    if (get_integer(r, INT32_MIN, INT32_MAX, "int", &v) < 0)
        return -1;
    /* Integer.byteValue / shortValue wrap */
    *out = bits == 8 ? (int8_t)(uint8_t)v : bits == 16 ? (int16_t)(uint16_t)v : v;
    return 0;
}

int sqlkc_rt_ajson_ts(sqlkc_rt_ajson_t *r, int unit, sqlkc_rt_ts_t *out)
{
    int64_t v;
    if (get_integer(r, INT64_MIN, INT64_MAX, "long", &v) < 0)
        return -1;
    *out = sqlkc_rt_avro_ts_of_long(v, unit);
    return 0;
}

int sqlkc_rt_ajson_double(sqlkc_rt_ajson_t *r, const char *what, double *out)
{
    int ch = sqlkc_rt_json_peek(&r->c);
    if (number_start(ch)) {
        sqlkc_rt_str_t s;
        bool is_float;
        if (number(r, &s, &is_float) < 0)
            return -1;
        if (sqlkc_rti_json_number_double(s.p, s.n, out) < 0) {
            char msg[64];
            snprintf(msg, sizeof msg, "Numeric value out of range of %s", what);
            return sqlkc_rt_ajson_fail(r, msg);
        }
        return 0;
    }
    /* what JsonEncoder writes for the non-finite values (quoted by Jackson) */
    if (ch == '"') {
        sqlkc_rt_ajson_mark_t m = sqlkc_rt_ajson_mark(r);
        sqlkc_rt_str_t s;
        if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
            return sqlkc_rt_ajson_malformed(r);
        if (str_is(s, "NaN") || str_is(s, "Infinity") || str_is(s, "-Infinity")) {
            *out = s.p[0] == 'N' ? NAN : s.p[0] == '-' ? -INFINITY : INFINITY;
            return 0;
        }
        sqlkc_rt_ajson_reset(r, m);
    }
    return sqlkc_rt_ajson_expected(r, what);
}

int sqlkc_rt_ajson_float(sqlkc_rt_ajson_t *r, float *out)
{
    double d;
    if (sqlkc_rt_ajson_double(r, "float", &d) < 0)
        return -1;
    *out = (float)d;
    return 0;
}

int sqlkc_rt_ajson_bytes(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *out)
{
    /* String.getBytes(ISO_8859_1): code points above U+00FF (a surrogate
     * pair being one) become '?'. The cursor hands out valid UTF-8. */
    if (sqlkc_rt_json_peek(&r->c) != '"')
        return sqlkc_rt_ajson_expected(r, "bytes");
    sqlkc_rt_str_t s;
    if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
        return sqlkc_rt_ajson_malformed(r);
    const unsigned char *p = (const unsigned char *)s.p;
    size_t n = s.n, k = 0;
    char *o = r->c.alloc(r->c.alloc_arg, n ? n : 1);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = c;
        if (len == 2 && i + 1 < n)
            cp = (uint32_t)(c & 0x1F) << 6 | (p[i + 1] & 0x3F);
        o[k++] = len == 1 ? (char)c : len == 2 && cp <= 0xFF ? (char)cp : '?';
        i += len;
    }
    out->p = o;
    out->n = k;
    return 0;
}

int sqlkc_rt_ajson_decimal(sqlkc_rt_ajson_t *r, sqlkc_rt_dec_t *out)
{
    sqlkc_rt_str_t s;
    if (sqlkc_rt_ajson_bytes(r, &s) < 0)
        return -1;
    if (s.n == 0 || s.n > 16)
        return sqlkc_rt_ajson_fail(r, "a decimal of no bytes or more than 16");
    unsigned __int128 u = (s.p[0] & 0x80) ? ~(unsigned __int128)0 : 0;
    for (size_t i = 0; i < s.n; i++)
        u = (u << 8) | (unsigned char)s.p[i];
    *out = (sqlkc_rt_dec_t)u;
    return 0;
}

int sqlkc_rt_ajson_string(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *out)
{
    if (sqlkc_rt_json_peek(&r->c) != '"')
        return sqlkc_rt_ajson_expected(r, "string");
    sqlkc_rt_str_t s;
    if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
        return sqlkc_rt_ajson_malformed(r);
    char *o = r->c.alloc(r->c.alloc_arg, s.n ? s.n : 1);
    if (s.n)
        memcpy(o, s.p, s.n);
    out->p = o;
    out->n = s.n;
    return 0;
}

/* ==== reading: containers ================================================= */

static int container_begin(sqlkc_rt_ajson_t *r, char open, const char *what)
{
    if (sqlkc_rt_json_peek(&r->c) != open)
        return sqlkc_rt_ajson_expected(r, what);
    if ((open == '{' ? sqlkc_rt_json_object_begin(&r->c) : sqlkc_rt_json_array_begin(&r->c)) < 0)
        return sqlkc_rt_ajson_malformed(r);
    return 0;
}

int sqlkc_rt_ajson_record_begin(sqlkc_rt_ajson_t *r) { return container_begin(r, '{', "record-start"); }
int sqlkc_rt_ajson_array_begin(sqlkc_rt_ajson_t *r) { return container_begin(r, '[', "array-start"); }
int sqlkc_rt_ajson_map_begin(sqlkc_rt_ajson_t *r) { return container_begin(r, '{', "map-start"); }

int sqlkc_rt_ajson_member(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t *key)
{
    int k = sqlkc_rt_json_object_next(&r->c, key);
    return k < 0 ? sqlkc_rt_ajson_malformed(r) : k;
}

int sqlkc_rt_ajson_element(sqlkc_rt_ajson_t *r)
{
    int k = sqlkc_rt_json_array_next(&r->c);
    return k < 0 ? sqlkc_rt_ajson_malformed(r) : k;
}

int sqlkc_rt_ajson_union(sqlkc_rt_ajson_t *r, const char *branch, sqlkc_rt_ajson_mark_t *start)
{
    /* JsonDecoder.readIndex */
    int ch = sqlkc_rt_json_peek(&r->c);
    if (ch == 'n') {
        if (sqlkc_rt_json_null(&r->c) != 1)
            return sqlkc_rt_ajson_malformed(r);
        return 0;
    }
    if (ch != '{')
        return sqlkc_rt_ajson_expected(r, "start-union");
    *start = sqlkc_rt_ajson_mark(r);
    if (sqlkc_rt_json_object_begin(&r->c) < 0)
        return sqlkc_rt_ajson_malformed(r);
    sqlkc_rt_str_t key;
    int k = sqlkc_rt_json_object_next(&r->c, &key);
    if (k < 0)
        return sqlkc_rt_ajson_malformed(r);
    return k == 1 && str_is(key, branch) ? 1 : 2;
}

int sqlkc_rt_ajson_union_end(sqlkc_rt_ajson_t *r)
{
    sqlkc_rt_str_t key;
    int k = sqlkc_rt_json_object_next(&r->c, &key);
    if (k < 0)
        return sqlkc_rt_ajson_malformed(r);
    return k == 0;
}

int sqlkc_rt_ajson_union_slow(sqlkc_rt_ajson_t *r, const char *branch, const sqlkc_rt_ajson_mark_t *start,
                              sqlkc_rt_ajson_mark_t *end)
{
    sqlkc_rt_ajson_reset(r, *start);
    if (sqlkc_rt_json_object_begin(&r->c) < 0)
        return sqlkc_rt_ajson_malformed(r);
    sqlkc_rt_str_t first = {0}, key;
    size_t members = 0;
    bool one_name = true;
    sqlkc_rt_ajson_mark_t value = {0};
    int k;
    while ((k = sqlkc_rt_json_object_next(&r->c, &key)) == 1) {
        if (members++ == 0) {
            first = key;
            value = sqlkc_rt_ajson_mark(r);
        } else if (key.n == first.n && memcmp(key.p, first.p, key.n) == 0) {
            value = sqlkc_rt_ajson_mark(r); /* a repeated name: the last value counts */
        } else {
            one_name = false;
        }
        if (sqlkc_rt_json_skip(&r->c) < 0)
            return sqlkc_rt_ajson_malformed(r);
    }
    if (k < 0)
        return sqlkc_rt_ajson_malformed(r);
    if (members == 0 || !one_name)
        return sqlkc_rt_ajson_fail(r, "Expected end-union. Got START_OBJECT");
    if (!str_is(first, branch)) {
        snprintf(r->err, r->errlen, "Unknown union branch %.*s", (int)first.n, first.p);
        return -1;
    }
    *end = sqlkc_rt_ajson_mark(r);
    sqlkc_rt_ajson_reset(r, value);
    return 0;
}

int sqlkc_rt_ajson_entries_reserve(sqlkc_rt_ajson_t *r, sqlkc_rt_item_t **items, unsigned char **bad,
                                   sqlkc_rt_ajson_mark_t **at, uint32_t n, uint32_t *cap)
{
    if (n < *cap)
        return 0;
    uint32_t old = *cap;
    sqlkc_rt_item_t *m = sqlkc_rt_items_reserve(*items, n, 1, cap, 2, r->c.alloc, r->c.alloc_arg);
    if (!m)
        return sqlkc_rt_ajson_fail(r, "too many map entries");
    *items = m;
    unsigned char *b2 = r->c.alloc(r->c.alloc_arg, *cap);
    sqlkc_rt_ajson_mark_t *a2 = r->c.alloc(r->c.alloc_arg, sizeof *a2 * *cap);
    if (old) {
        memcpy(b2, *bad, old);
        memcpy(a2, *at, sizeof *a2 * old);
    }
    *bad = b2;
    *at = a2;
    return 0;
}

int sqlkc_rt_ajson_map_key(sqlkc_rt_ajson_t *r, sqlkc_rt_str_t key, sqlkc_rt_item_t *entry)
{
    memset(entry, 0, sizeof *entry * 2);
    char *o = r->c.alloc(r->c.alloc_arg, key.n ? key.n : 1);
    if (key.n)
        memcpy(o, key.p, key.n);
    entry->v.s.p = o;
    entry->v.s.n = key.n;
    return 0;
}

/* Map entries in the order of their keys' first appearance, as a Java
 * HashMap put would see them. */
typedef struct {
    const sqlkc_rt_item_t *items;
    uint32_t i;
} ent_t;

static int ent_cmp(const void *a, const void *b)
{
    const ent_t *x = a, *y = b;
    const sqlkc_rt_str_t *kx = &x->items[2 * x->i].v.s, *ky = &y->items[2 * y->i].v.s;
    size_t n = kx->n < ky->n ? kx->n : ky->n;
    int c = n ? memcmp(kx->p, ky->p, n) : 0;
    if (c)
        return c;
    if (kx->n != ky->n)
        return kx->n < ky->n ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static bool same_key(const sqlkc_rt_item_t *a, const sqlkc_rt_item_t *b)
{
    return a->v.s.n == b->v.s.n && (a->v.s.n == 0 || memcmp(a->v.s.p, b->v.s.p, a->v.s.n) == 0);
}

int64_t sqlkc_rt_ajson_map_bad(sqlkc_rt_ajson_t *r, const sqlkc_rt_item_t *items, uint32_t n,
                               const unsigned char *bad)
{
    ent_t *e = r->c.alloc(r->c.alloc_arg, sizeof *e * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++)
        e[i] = (ent_t){items, i};
    qsort(e, n, sizeof *e, ent_cmp);
    uint32_t best = UINT32_MAX, best_last = 0;
    for (uint32_t g = 0; g < n;) {
        uint32_t h = g + 1;
        while (h < n && same_key(&items[2 * e[g].i], &items[2 * e[h].i]))
            h++;
        uint32_t last = e[h - 1].i; /* sorted by index within a key */
        if (bad[last] && e[g].i < best) {
            best = e[g].i;
            best_last = last;
        }
        g = h;
    }
    return best == UINT32_MAX ? -1 : (int64_t)best_last;
}

uint32_t sqlkc_rt_ajson_map_order(sqlkc_rt_ajson_t *r, sqlkc_rt_item_t *items, uint32_t n)
{
    /* as the binary reader's, the JsonDecoder's blocks being of one entry:
     * GenericDatumReader's new HashMap<Utf8, ...>(1) (a repeated key keeps
     * its place and takes the last value), then Flink's new HashMap<>() */
    return sqlkc_rt_avro_map_read_order(items, n, 1, r->c.alloc, r->c.alloc_arg);
}

/* Avro's JsonDecoder parses with a plain JsonFactory, which refuses a raw
 * control character (below 0x20) inside a string, where the cursor lets it
 * pass (Flink's JSON format allows it). p[0..n) is a valid JSON value: only
 * strings hold such bytes besides whitespace, and most messages have none at
 * all, which a word-at-a-time scan shows. 0 ok, -1 with the error set. */
static int check_controls(sqlkc_rt_ajson_t *r, const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        if ((x - ones * 0x20) & ~x & highs)
            break;
    }
    for (; i < n && (unsigned char)p[i] >= 0x20; i++)
        ;
    if (i == n)
        return 0;
    bool in = false;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!in)
            in = ch == '"';
        else if (ch == '\\')
            i++;
        else if (ch == '"')
            in = false;
        else if (ch < 0x20) {
            snprintf(r->err, r->errlen, "not JSON: control character 0x%02x in a string at byte %zu", ch,
                     (size_t)(p + i - r->c.start));
            r->fatal = true;
            return -1;
        }
    }
    return 0;
}

int sqlkc_rt_ajson_finish(sqlkc_rt_ajson_t *r, int rc, const void *data, size_t len)
{
    if (rc < 0 && !r->fatal) {
        /* a conversion error stops the walk early; malformed JSON anywhere in
         * the value still fails the message as such */
        sqlkc_rt_jcur_init(&r->c, data, len, r->c.alloc, r->c.alloc_arg);
        if (sqlkc_rt_json_skip(&r->c) < 0)
            sqlkc_rt_ajson_malformed(r);
    }
    if (!r->fatal && check_controls(r, r->begin, (size_t)(r->c.p - r->begin)) < 0)
        rc = -1;
    return rc;
}
