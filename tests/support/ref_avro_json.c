/* This file is the reference codec of Avro's JSON encoding that tests check
 * the compiler's generated readers and writers (gen_avro_json.c) against:
 * the walker over a record's type descriptor that jobs used before those
 * were generated. What follows is its description.
 *
 * Avro's JSON encoding of one record datum, for Flink's avro
 * format with 'avro.encoding' = 'json' (AvroSerializationSchema and
 * AvroDeserializationSchema over Avro's JsonEncoder / JsonDecoder), driven by
 * the descriptor of the format's record (nested.h) and the schema Flink derives
 * for it (AvroSchemaConverter):
 *
 * - a record is an object of its fields in order, an array an array, a map an
 *   object (HashMap order as the binary writer, avro_nested.c), written by
 *   Jackson without spaces;
 * - a nullable value is the union ["null", T]: null, or {"<T's name>": value},
 *   the name being the primitive type's ("int", "long", "bytes", ... whatever
 *   the logical type) or a record's full name
 *   ("org.apache.flink.avro.generated.record_<field>...", record names as the
 *   schema derivation gives them);
 * - bytes (and DECIMAL's unscaled two's complement) are a string of the code
 *   points U+0000..U+00FF of the bytes (new String(bytes, ISO_8859_1));
 * - float and double are Java's Float/Double.toString, NaN and the infinities
 *   quoted (Jackson's QUOTE_NON_NUMERIC_NUMBERS);
 * - Flink keeps one JsonEncoder per serializer, whose Jackson generator writes
 *   its root value separator (a line separator, "\n") before every record
 *   but the first: *started tracks that.
 *
 * The reader pulls the message through the runtime's JSON cursor (json.h;
 * the first JSON value only, what follows it is not read, as a JsonDecoder
 * does not read it) and takes record fields by name, as JsonDecoder reorders
 * them; a missing field is an error, an unknown one is skipped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_internal.h"
#include "ref_avro_json.h"
#include "sqlkc/avro.h"
#include "sqlkc/fmt.h"
#include "sqlkc/json.h"
#include "sqlkc/nested.h"

#define TOP_RECORD "org.apache.flink.avro.generated.record"

static bool is_nested(int kind)
{
    return kind == SQLKC_RT_T_ARRAY || kind == SQLKC_RT_T_MAP || kind == SQLKC_RT_T_MULTISET ||
           kind == SQLKC_RT_T_ROW;
}

/* HashMap.tableSizeFor */
static uint32_t table_size_for(uint32_t c)
{
    uint32_t n = 1;
    while (n < c)
        n *= 2;
    return n;
}

/* Avro's Utf8.hashCode: h * 31 + (signed) byte. */
static int32_t utf8_hash(const char *p, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (uint32_t)(int32_t)(int8_t)p[i];
    return (int32_t)h;
}

/* The union branch name of a non-null value of type t (a record's: rec). */
static const char *branch_name(const sqlkc_rt_type_t *t, const char *rec)
{
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: return "boolean";
    case SQLKC_RT_T_TINYINT: case SQLKC_RT_T_SMALLINT: case SQLKC_RT_T_INT: case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME: return "int";
    case SQLKC_RT_T_BIGINT: case SQLKC_RT_T_TIMESTAMP: case SQLKC_RT_T_TIMESTAMP_LTZ: return "long";
    case SQLKC_RT_T_FLOAT: return "float";
    case SQLKC_RT_T_DOUBLE: return "double";
    case SQLKC_RT_T_STRING: return "string";
    case SQLKC_RT_T_ARRAY: return "array";
    case SQLKC_RT_T_MAP: case SQLKC_RT_T_MULTISET: return "map";
    case SQLKC_RT_T_ROW: return rec;
    default: return "bytes"; /* BYTES, DECIMAL */
    }
}

/* The name of the record of field `name` inside record `rec`. */
static const char *child_record(const char *rec, const char *name, sqlkc_rt_alloc_fn alloc, void *arg)
{
    size_t a = strlen(rec), b = strlen(name);
    char *s = alloc(arg, a + b + 2);
    memcpy(s, rec, a);
    s[a] = '_';
    memcpy(s + a + 1, name, b + 1);
    return s;
}

/* ==== writing ============================================================= */

/* new String(bytes, ISO_8859_1) as Jackson writes it. */
static void put_latin1(sqlkc_rt_buf_t *b, const unsigned char *p, size_t n)
{
    char stack[512];
    char *u = n * 2 <= sizeof stack ? stack : malloc(n * 2);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k = (size_t)(sqlkc_rti_put_utf8(u + k, p[i]) - u);
    sqlkc_rt_json_put_str(b, u, k);
    if (u != stack)
        free(u);
}

static void put_raw(sqlkc_rt_buf_t *b, const char *p, size_t n) { sqlkc_rt_buf_put(b, p, n); }

/* Whether a record is named below t: a field of type t gives nested records
 * the name <record>_<field>, also inside arrays and map values
 * (AvroSchemaConverter passes the field's name down through them). */
static bool has_record(const sqlkc_rt_type_t *t)
{
    if (t->kind == SQLKC_RT_T_ROW)
        return true;
    for (int i = 0; i < t->n; i++)
        if (t->sub && t->sub[i] && has_record(t->sub[i]))
            return true;
    return false;
}

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                             const char *rec, sqlkc_rt_alloc_fn alloc, void *arg);

static const char *put_fields(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *items, const sqlkc_rt_type_t *t, bool legacy,
                              const char *rec, sqlkc_rt_alloc_fn alloc, void *arg)
{
    sqlkc_rt_buf_putc(b, '{');
    for (int i = 0; i < t->n; i++) {
        if (i)
            sqlkc_rt_buf_putc(b, ',');
        sqlkc_rt_json_put_str(b, t->names[i], strlen(t->names[i]));
        sqlkc_rt_buf_putc(b, ':');
        const char *sub = has_record(t->sub[i]) ? child_record(rec, t->names[i], alloc, arg) : rec;
        const char *err = put_value(b, &items[i], t->sub[i], legacy, sub, alloc, arg);
        if (err)
            return err;
    }
    sqlkc_rt_buf_putc(b, '}');
    return NULL;
}

static void put_float_text(sqlkc_rt_buf_t *b, const char *s, size_t n, bool finite)
{
    if (!finite)
        sqlkc_rt_buf_putc(b, '"');
    put_raw(b, s, n);
    if (!finite)
        sqlkc_rt_buf_putc(b, '"');
}

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                             const char *rec, sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (it->null) {
        if (!t->nullable)
            return "a NULL value where the Avro schema has no null (a NOT NULL element, value or field)";
        put_raw(b, "null", 4);
        return NULL;
    }
    if (t->nullable) {
        sqlkc_rt_buf_putc(b, '{');
        const char *label = branch_name(t, rec);
        sqlkc_rt_json_put_str(b, label, strlen(label));
        sqlkc_rt_buf_putc(b, ':');
    }
    char num[64];
    const char *err = NULL;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: put_raw(b, it->v.b ? "true" : "false", it->v.b ? 4 : 5); break;
    case SQLKC_RT_T_TINYINT: case SQLKC_RT_T_SMALLINT: case SQLKC_RT_T_INT: case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME: case SQLKC_RT_T_BIGINT:
        put_raw(b, num, sqlkc_rt_fmt_i64(num, it->v.i));
        break;
    case SQLKC_RT_T_TIMESTAMP: case SQLKC_RT_T_TIMESTAMP_LTZ:
        put_raw(b, num, sqlkc_rt_fmt_i64(num, sqlkc_rt_avro_ts_long(it->v.ts, legacy ? SQLKC_RT_AVRO_MILLIS
                                                                                      : sqlkc_rt_avro_ts_unit(t->p))));
        break;
    case SQLKC_RT_T_FLOAT: put_float_text(b, num, sqlkc_rt_fmt_float(num, it->v.f), isfinite(it->v.f)); break;
    case SQLKC_RT_T_DOUBLE: put_float_text(b, num, sqlkc_rt_fmt_double(num, it->v.d), isfinite(it->v.d)); break;
    case SQLKC_RT_T_DECIMAL: { /* BigInteger.toByteArray, as sqlkc_rt_avro_put_decimal */
        unsigned char be[16];
        unsigned __int128 u = (unsigned __int128)it->v.dec;
        for (int i = 15; i >= 0; i--, u >>= 8)
            be[i] = (unsigned char)u;
        int start = 0;
        while (start < 15 && ((be[start] == 0x00 && !(be[start + 1] & 0x80)) ||
                              (be[start] == 0xFF && (be[start + 1] & 0x80))))
            start++;
        put_latin1(b, be + start, (size_t)(16 - start));
        break;
    }
    case SQLKC_RT_T_STRING: sqlkc_rt_json_put_str(b, it->v.s.p, it->v.s.n); break;
    case SQLKC_RT_T_BYTES: put_latin1(b, (const unsigned char *)it->v.s.p, it->v.s.n); break;
    case SQLKC_RT_T_ROW: err = put_fields(b, it->v.nest.items, t, legacy, rec, alloc, arg); break;
    case SQLKC_RT_T_ARRAY: {
        /* array elements and map values: the legacy mapping (schema derivation) */
        const sqlkc_rt_nested_t *v = &it->v.nest;
        sqlkc_rt_buf_putc(b, '[');
        for (uint32_t i = 0; i < v->n && !err; i++) {
            if (i)
                sqlkc_rt_buf_putc(b, ',');
            err = put_value(b, &v->items[i], t->sub[0], true, rec, alloc, arg);
        }
        sqlkc_rt_buf_putc(b, ']');
        break;
    }
    case SQLKC_RT_T_MAP: case SQLKC_RT_T_MULTISET: {
        const sqlkc_rt_nested_t *v = &it->v.nest;
        uint32_t n = v->n;
        sqlkc_rt_item_t *items = NULL;
        for (uint32_t i = 0; i < n; i++)
            if (v->items[2 * i].null) /* keyArray.getString(i).toString() */
                return "Avro cannot write a map entry with a NULL key";
        if (n) { /* new HashMap<String, Object>(computeRequiredCapacity(n)), as the binary writer */
            uint32_t want = n <= 2 ? n + 1 : (uint32_t)ceil((double)((float)n / 0.75f));
            items = alloc(arg, sizeof *items * 2 * n);
            memcpy(items, v->items, sizeof *items * 2 * n);
            n = sqlkc_rt_map_hash_order(items, n, sqlkc_rt_java_string_hash, table_size_for(want), alloc, arg);
        }
        sqlkc_rt_buf_putc(b, '{');
        for (uint32_t i = 0; i < n && !err; i++) {
            if (i)
                sqlkc_rt_buf_putc(b, ',');
            sqlkc_rt_json_put_str(b, items[2 * i].v.s.p, items[2 * i].v.s.n);
            sqlkc_rt_buf_putc(b, ':');
            err = put_value(b, &items[2 * i + 1], t->sub[1], true, rec, alloc, arg);
        }
        sqlkc_rt_buf_putc(b, '}');
        break;
    }
    default: return "a type the avro format does not write";
    }
    if (t->nullable)
        sqlkc_rt_buf_putc(b, '}');
    return err;
}

const char *ref_avro_json_put(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec,
                                   bool legacy, bool *started, sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (*started)
        sqlkc_rt_buf_putc(b, '\n'); /* MinimalPrettyPrinter's root value separator */
    *started = true;
    return put_fields(b, fields, rec, legacy, TOP_RECORD, alloc, arg);
}

/* ==== reading ============================================================= */

/* The reader walks the message once with the runtime's pull cursor (json.h).
 * Record fields are decoded as their members come; a member whose value
 * fails to convert is remembered and skipped, so that errors come out in the
 * order the whole-tree reader this replaces gave them (JsonDecoder's for
 * records): a record's fields in schema order (the last of repeated members
 * counting), a map's entries in the order of their keys' first appearance.
 * Malformed JSON anywhere fails the message as "not JSON", whatever else is
 * wrong with it. Numbers are only parsed where a field reads them, so a huge
 * number in a skipped member is no error (as for Jackson); a UTF-8 byte order
 * mark is skipped (Jackson's byte bootstrapper) and a lone surrogate escape
 * in a string becomes '?' (as Avro's Utf8 encodes it). */
typedef struct rd {
    sqlkc_rt_jcur_t c;
    sqlkc_rt_alloc_fn alloc;
    void *arg;
    char *err;
    size_t errlen;
    bool fatal; /* the error is malformed JSON, not a conversion */
} rd_t;

/* Where the cursor is, to come back to a value. */
typedef struct mark {
    const char *p;
    int depth;
    bool first;
} mark_t;

static mark_t mark(const rd_t *r) { return (mark_t){r->c.p, r->c.depth, r->c.first}; }

static void reset(rd_t *r, mark_t m)
{
    r->c.p = m.p;
    r->c.depth = m.depth;
    r->c.first = m.first;
}

static int malformed(rd_t *r)
{
    snprintf(r->err, r->errlen, "not JSON: %s", r->c.err);
    r->fatal = true;
    return -1;
}

static int fail(rd_t *r, const char *fmt, const char *a)
{
    snprintf(r->err, r->errlen, fmt, a);
    return -1;
}

/* Whether a key or string (which may hold NUL bytes) is the name z. */
static bool str_is(sqlkc_rt_str_t s, const char *z)
{
    size_t n = strlen(z);
    return n == s.n && memcmp(s.p, z, n) == 0;
}

static bool number_start(int ch) { return ch == '-' || (ch >= '0' && ch <= '9'); }

/* Consumes (and validates) the number at the cursor; its text and whether
 * it is a float token (a fraction or an exponent) as Jackson tells them. */
static int number(rd_t *r, sqlkc_rt_str_t *text, bool *is_float)
{
    const char *p = r->c.p;
    if (sqlkc_rt_json_skip(&r->c) < 0)
        return malformed(r);
    text->p = p;
    text->n = (size_t)(r->c.p - p);
    *is_float = memchr(p, '.', text->n) || memchr(p, 'e', text->n) || memchr(p, 'E', text->n);
    return 0;
}

/* The Jackson token name of the next value (nothing consumed), NULL when
 * the input does not start a value. */
static const char *token_name(rd_t *r)
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
        for (const char *p = r->c.p; p < r->c.end && (number_start(*p) || *p == '+' || *p == '.' ||
                                                      *p == 'e' || *p == 'E'); p++)
            if (*p == '.' || *p == 'e' || *p == 'E')
                return "VALUE_NUMBER_FLOAT";
        return "VALUE_NUMBER_INT";
    }
}

/* JsonDecoder's error: "Expected <what>. Got <token>". The value is
 * consumed (validated: malformed JSON is reported as such). */
static int expected(rd_t *r, const char *what)
{
    const char *got = token_name(r);
    if (sqlkc_rt_json_skip(&r->c) < 0 || !got)
        return malformed(r);
    snprintf(r->err, r->errlen, "Expected %s. Got %s", what, got);
    return -1;
}

/* A JSON number as Jackson's getIntValue / getLongValue gives it: integers
 * range-checked, fractions truncated toward zero. */
static int get_integer(rd_t *r, int64_t min, int64_t max, const char *what, int64_t *out)
{
    if (!number_start(sqlkc_rt_json_peek(&r->c)))
        return expected(r, what);
    sqlkc_rt_str_t s;
    bool is_float;
    if (number(r, &s, &is_float) < 0)
        return -1;
    if (!is_float) {
        bool neg = s.p[0] == '-';
        uint64_t u = 0;
        for (size_t i = neg; i < s.n; i++) {
            unsigned dgt = (unsigned)(s.p[i] - '0');
            if (u > (UINT64_MAX - dgt) / 10)
                return fail(r, "Numeric value out of range of %s", what);
            u = u * 10 + dgt;
        }
        if (neg ? u > (uint64_t)-(min + 1) + 1 : u > (uint64_t)max)
            return fail(r, "Numeric value out of range of %s", what);
        *out = neg ? (int64_t)(0 - u) : (int64_t)u;
        return 0;
    }
    double d;
    if (sqlkc_rti_json_number_double(s.p, s.n, &d) < 0)
        return fail(r, "Numeric value out of range of %s", what);
    if (!(d >= (double)min && d <= (double)max))
        return fail(r, "Numeric value out of range of %s", what);
    /* (double)INT64_MAX is 2^63, which does not fit: Java's (long) cast saturates */
    *out = d >= 0x1p63 ? INT64_MAX : (int64_t)d;
    return 0;
}

static int get_double(rd_t *r, const char *what, double *out)
{
    int ch = sqlkc_rt_json_peek(&r->c);
    if (number_start(ch)) {
        sqlkc_rt_str_t s;
        bool is_float;
        if (number(r, &s, &is_float) < 0)
            return -1;
        if (sqlkc_rti_json_number_double(s.p, s.n, out) < 0)
            return fail(r, "Numeric value out of range of %s", what);
        return 0;
    }
    /* what JsonEncoder writes for the non-finite values (quoted by Jackson) */
    if (ch == '"') {
        mark_t m = mark(r);
        sqlkc_rt_str_t s;
        if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
            return malformed(r);
        if (str_is(s, "NaN") || str_is(s, "Infinity") || str_is(s, "-Infinity")) {
            *out = s.p[0] == 'N' ? NAN : s.p[0] == '-' ? -INFINITY : INFINITY;
            return 0;
        }
        reset(r, m);
    }
    return expected(r, what);
}

/* String.getBytes(ISO_8859_1) of a JSON string: code points above U+00FF
 * (a surrogate pair being one) become '?'. The cursor hands out valid UTF-8. */
static int get_latin1(rd_t *r, sqlkc_rt_str_t *out)
{
    if (sqlkc_rt_json_peek(&r->c) != '"')
        return expected(r, "bytes");
    sqlkc_rt_str_t s;
    if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
        return malformed(r);
    const unsigned char *p = (const unsigned char *)s.p;
    size_t n = s.n, k = 0;
    char *o = r->alloc(r->arg, n ? n : 1);
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

static int get_value(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec);

static int get_fields(rd_t *r, sqlkc_rt_item_t *items, const sqlkc_rt_type_t *t, bool legacy, const char *rec)
{
    if (sqlkc_rt_json_peek(&r->c) != '{')
        return expected(r, "record-start");
    int n = t->n;
    memset(items, 0, sizeof *items * (size_t)n);
    /* per field: 0 absent, 1 read, 2 its (last) value does not convert, at pend[i] */
    unsigned char *st = r->alloc(r->arg, (size_t)(n ? n : 1));
    mark_t *pend = r->alloc(r->arg, sizeof *pend * (size_t)(n ? n : 1));
    const char **sub = r->alloc(r->arg, sizeof *sub * (size_t)(n ? n : 1));
    memset(st, 0, (size_t)n);
    for (int i = 0; i < n; i++)
        sub[i] = NULL;
    if (sqlkc_rt_json_object_begin(&r->c) < 0)
        return malformed(r);
    int hint = 0;
    for (;;) {
        sqlkc_rt_str_t key;
        int k = sqlkc_rt_json_object_next(&r->c, &key);
        if (k < 0)
            return malformed(r);
        if (k == 0)
            break;
        int i = -1; /* the field named key: usually the one after the last */
        if (hint < n && str_is(key, t->names[hint]))
            i = hint;
        for (int j = 0; i < 0 && j < n; j++)
            if (str_is(key, t->names[j]))
                i = j;
        if (i < 0) { /* not in the schema: skipped */
            if (sqlkc_rt_json_skip(&r->c) < 0)
                return malformed(r);
            continue;
        }
        hint = i + 1;
        if (!sub[i])
            sub[i] = has_record(t->sub[i]) ? child_record(rec, t->names[i], r->alloc, r->arg) : rec;
        mark_t m = mark(r);
        memset(&items[i], 0, sizeof items[i]);
        if (get_value(r, &items[i], t->sub[i], legacy, sub[i]) == 0) {
            st[i] = 1;
            continue;
        }
        if (r->fatal)
            return -1;
        reset(r, m); /* reported below, if no later member of that name converts */
        if (sqlkc_rt_json_skip(&r->c) < 0)
            return malformed(r);
        st[i] = 2;
        pend[i] = m;
    }
    mark_t end = mark(r);
    for (int i = 0; i < n; i++) {
        if (st[i] == 0)
            return fail(r, "Expected field name not found: %s", t->names[i]);
        if (st[i] == 2) {
            reset(r, pend[i]);
            memset(&items[i], 0, sizeof items[i]);
            if (get_value(r, &items[i], t->sub[i], legacy, sub[i]) < 0)
                return -1;
        }
    }
    reset(r, end);
    return 0;
}

/* A nullable value's union when it is not the simple {"<branch>": value}
 * (more or fewer members, another name, a value that fails): JsonDecoder
 * sees the object as a whole, so its size is checked first, then the
 * branch name, then the (last) value. */
static int get_union_slow(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec,
                          const char *branch);

static int get_plain(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec);

static int get_value(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec)
{
    int ch = sqlkc_rt_json_peek(&r->c);
    if (!t->nullable) {
        if (ch == 'n')
            return expected(r, branch_name(t, rec));
        return get_plain(r, it, t, legacy, rec);
    }
    /* JsonDecoder.readIndex */
    if (ch == 'n') {
        if (sqlkc_rt_json_null(&r->c) != 1)
            return malformed(r);
        it->null = true;
        return 0;
    }
    if (ch != '{')
        return expected(r, "start-union");
    const char *branch = branch_name(t, rec);
    mark_t start = mark(r);
    if (sqlkc_rt_json_object_begin(&r->c) < 0)
        return malformed(r);
    sqlkc_rt_str_t key;
    int k = sqlkc_rt_json_object_next(&r->c, &key);
    if (k < 0)
        return malformed(r);
    if (k == 1 && str_is(key, branch)) {
        if (get_plain(r, it, t, legacy, rec) == 0) {
            k = sqlkc_rt_json_object_next(&r->c, &key);
            if (k < 0)
                return malformed(r);
            if (k == 0)
                return 0;
        } else if (r->fatal) {
            return -1;
        }
    }
    reset(r, start);
    memset(it, 0, sizeof *it);
    return get_union_slow(r, it, t, legacy, rec, branch);
}

static int get_union_slow(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec,
                          const char *branch)
{
    if (sqlkc_rt_json_object_begin(&r->c) < 0)
        return malformed(r);
    sqlkc_rt_str_t first = {0}, key;
    size_t members = 0;
    bool one_name = true;
    mark_t value = {0};
    int k;
    while ((k = sqlkc_rt_json_object_next(&r->c, &key)) == 1) {
        if (members++ == 0) {
            first = key;
            value = mark(r);
        } else if (key.n == first.n && memcmp(key.p, first.p, key.n) == 0) {
            value = mark(r); /* a repeated name: the last value counts */
        } else {
            one_name = false;
        }
        if (sqlkc_rt_json_skip(&r->c) < 0)
            return malformed(r);
    }
    if (k < 0)
        return malformed(r);
    if (members == 0 || !one_name) {
        snprintf(r->err, r->errlen, "Expected end-union. Got START_OBJECT");
        return -1;
    }
    if (!str_is(first, branch)) {
        snprintf(r->err, r->errlen, "Unknown union branch %.*s", (int)first.n, first.p);
        return -1;
    }
    mark_t end = mark(r);
    reset(r, value);
    if (get_plain(r, it, t, legacy, rec) < 0)
        return -1;
    reset(r, end);
    return 0;
}

/* Growable item arrays for arrays and maps (the count is known at the end). */
static sqlkc_rt_item_t *grow(rd_t *r, sqlkc_rt_item_t *items, size_t used, size_t *cap)
{
    size_t c = *cap ? *cap * 2 : 8;
    sqlkc_rt_item_t *n = r->alloc(r->arg, sizeof *n * c);
    if (used)
        memcpy(n, items, sizeof *n * used);
    *cap = c;
    return n;
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

/* Some map value failed: reports the error of the first key (by first
 * appearance) whose last value fails. */
static int map_error(rd_t *r, sqlkc_rt_item_t *items, uint32_t n, const unsigned char *bad, const mark_t *at,
                     const sqlkc_rt_type_t *vt, const char *rec)
{
    ent_t *e = r->alloc(r->arg, sizeof *e * n);
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
    if (best == UINT32_MAX) /* every failing value was replaced by a later one */
        return 0;
    reset(r, at[best_last]);
    memset(&items[2 * best_last + 1], 0, sizeof items[0]);
    if (get_value(r, &items[2 * best_last + 1], vt, true, rec) < 0)
        return -1;
    return fail(r, "%s", "a map value that failed to convert once converted on a second read");
}

static int get_plain(rd_t *r, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy, const char *rec)
{
    int64_t v;
    double d;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: {
        int ch = sqlkc_rt_json_peek(&r->c);
        if (ch != 't' && ch != 'f')
            return expected(r, "boolean");
        if (sqlkc_rt_json_get_bool(&r->c, &it->v.b) < 0)
            return malformed(r);
        return 0;
    }
    case SQLKC_RT_T_TINYINT: case SQLKC_RT_T_SMALLINT: case SQLKC_RT_T_INT: case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME:
        if (get_integer(r, INT32_MIN, INT32_MAX, "int", &v) < 0)
            return -1;
        /* Integer.byteValue / shortValue wrap */
        it->v.i = t->kind == SQLKC_RT_T_TINYINT ? (int8_t)(uint8_t)v
                  : t->kind == SQLKC_RT_T_SMALLINT ? (int16_t)(uint16_t)v : v;
        return 0;
    case SQLKC_RT_T_BIGINT: return get_integer(r, INT64_MIN, INT64_MAX, "long", &it->v.i);
    case SQLKC_RT_T_TIMESTAMP: case SQLKC_RT_T_TIMESTAMP_LTZ:
        if (get_integer(r, INT64_MIN, INT64_MAX, "long", &v) < 0)
            return -1;
        it->v.ts = sqlkc_rt_avro_ts_of_long(v, legacy ? SQLKC_RT_AVRO_MILLIS : sqlkc_rt_avro_ts_unit(t->p));
        return 0;
    case SQLKC_RT_T_FLOAT:
        if (get_double(r, "float", &d) < 0)
            return -1;
        it->v.f = (float)d;
        return 0;
    case SQLKC_RT_T_DOUBLE: return get_double(r, "double", &it->v.d);
    case SQLKC_RT_T_DECIMAL: {
        sqlkc_rt_str_t s;
        if (get_latin1(r, &s) < 0)
            return -1;
        if (s.n == 0 || s.n > 16)
            return fail(r, "%s", "a decimal of no bytes or more than 16");
        unsigned __int128 u = (s.p[0] & 0x80) ? ~(unsigned __int128)0 : 0;
        for (size_t i = 0; i < s.n; i++)
            u = (u << 8) | (unsigned char)s.p[i];
        it->v.dec = (sqlkc_rt_dec_t)u;
        return 0;
    }
    case SQLKC_RT_T_STRING: {
        if (sqlkc_rt_json_peek(&r->c) != '"')
            return expected(r, "string");
        sqlkc_rt_str_t s;
        if (sqlkc_rt_json_get_str(&r->c, &s) < 0)
            return malformed(r);
        /* a copy: the item outlives nothing of the input today, keep it so */
        char *o = r->alloc(r->arg, s.n ? s.n : 1);
        if (s.n)
            memcpy(o, s.p, s.n);
        it->v.s.p = o;
        it->v.s.n = s.n;
        return 0;
    }
    case SQLKC_RT_T_BYTES: return get_latin1(r, &it->v.s);
    case SQLKC_RT_T_ROW:
        it->v.nest.n = (uint32_t)t->n;
        it->v.nest.items = r->alloc(r->arg, sizeof(sqlkc_rt_item_t) * (size_t)(t->n ? t->n : 1));
        return get_fields(r, it->v.nest.items, t, legacy, rec);
    case SQLKC_RT_T_ARRAY: {
        if (sqlkc_rt_json_peek(&r->c) != '[')
            return expected(r, "array-start");
        if (sqlkc_rt_json_array_begin(&r->c) < 0)
            return malformed(r);
        sqlkc_rt_item_t *items = NULL;
        size_t n = 0, cap = 0;
        int k;
        while ((k = sqlkc_rt_json_array_next(&r->c)) == 1) {
            if (n == cap)
                items = grow(r, items, n, &cap);
            memset(&items[n], 0, sizeof items[n]);
            if (get_value(r, &items[n], t->sub[0], true, rec) < 0)
                return -1;
            n++;
        }
        if (k < 0)
            return malformed(r);
        it->v.nest.items = items ? items : r->alloc(r->arg, sizeof *items);
        it->v.nest.n = (uint32_t)n;
        return 0;
    }
    case SQLKC_RT_T_MAP: case SQLKC_RT_T_MULTISET: {
        if (sqlkc_rt_json_peek(&r->c) != '{')
            return expected(r, "map-start");
        if (sqlkc_rt_json_object_begin(&r->c) < 0)
            return malformed(r);
        sqlkc_rt_item_t *items = NULL; /* key, value pairs */
        size_t n = 0, cap = 0;
        /* from the first value that does not convert on: per entry whether
         * it failed, and where its value is */
        unsigned char *bad = NULL;
        mark_t *at = NULL;
        sqlkc_rt_str_t key;
        int k;
        while ((k = sqlkc_rt_json_object_next(&r->c, &key)) == 1) {
            if (2 * n + 2 > cap) {
                size_t old = cap / 2;
                items = grow(r, items, 2 * n, &cap);
                if (bad) {
                    unsigned char *b2 = r->alloc(r->arg, cap / 2);
                    mark_t *a2 = r->alloc(r->arg, sizeof *a2 * (cap / 2));
                    memcpy(b2, bad, old);
                    memcpy(a2, at, sizeof *a2 * old);
                    bad = b2;
                    at = a2;
                }
            }
            memset(&items[2 * n], 0, sizeof *items * 2);
            char *o = r->alloc(r->arg, key.n ? key.n : 1);
            if (key.n)
                memcpy(o, key.p, key.n);
            items[2 * n].v.s.p = o;
            items[2 * n].v.s.n = key.n;
            mark_t m = mark(r);
            bool failed = get_value(r, &items[2 * n + 1], t->sub[1], true, rec) < 0;
            if (failed) {
                if (r->fatal)
                    return -1;
                reset(r, m);
                if (sqlkc_rt_json_skip(&r->c) < 0)
                    return malformed(r);
                if (!bad) {
                    bad = r->alloc(r->arg, cap / 2);
                    at = r->alloc(r->arg, sizeof *at * (cap / 2));
                    memset(bad, 0, cap / 2);
                }
                at[n] = m;
            }
            if (bad)
                bad[n] = failed;
            n++;
        }
        if (k < 0)
            return malformed(r);
        if (bad) {
            mark_t end = mark(r);
            if (map_error(r, items, (uint32_t)n, bad, at, t->sub[1], rec) < 0)
                return -1;
            reset(r, end);
        }
        it->v.nest.items = items ? items : r->alloc(r->arg, sizeof *items * 2);
        it->v.nest.n = (uint32_t)n;
        if (n) {
            /* GenericDatumReader: new HashMap<Utf8, ...>(1), the JsonDecoder's
             * blocks being of one entry (a repeated key keeps its place and
             * takes the last value); AvroToRowDataConverters: new HashMap<>() */
            it->v.nest.n = sqlkc_rt_map_hash_order(items, it->v.nest.n, utf8_hash, 1, r->alloc, r->arg);
            it->v.nest.n = sqlkc_rt_map_hash_order(items, it->v.nest.n, sqlkc_rt_flink_string_hash, 16, r->alloc,
                                                   r->arg);
        }
        return 0;
    }
    default:
        if (is_nested(t->kind))
            return fail(r, "%s", "a nested type the avro format does not read");
        return fail(r, "%s", "a type the avro format does not read");
    }
}

/* Avro's JsonDecoder parses with a plain JsonFactory, which refuses a raw
 * control character (below 0x20) inside a string, where the cursor lets it
 * pass (Flink's JSON format allows it). p[0..n) is a valid JSON value: only
 * strings hold such bytes besides whitespace, and most messages have none at
 * all, which a word-at-a-time scan shows. 0 ok, -1 with the error set. */
static int check_controls(rd_t *r, const char *p, size_t n)
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

int ref_avro_json_get(const void *data, size_t len, sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec,
                           bool legacy, sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen)
{
    rd_t r = {.alloc = alloc, .arg = arg, .err = err, .errlen = errlen};
    sqlkc_rt_jcur_init(&r.c, data, len, alloc, arg);
    const char *begin = r.c.p; /* past a byte order mark */
    /* only the first value is read, as a JsonDecoder reads nothing after it */
    int rc = get_fields(&r, fields, rec, legacy, TOP_RECORD);
    if (rc < 0 && !r.fatal) {
        /* a conversion error stops the walk early; malformed JSON anywhere in
         * the value still fails the message as such */
        sqlkc_rt_jcur_init(&r.c, data, len, alloc, arg);
        if (sqlkc_rt_json_skip(&r.c) < 0)
            malformed(&r);
    }
    if (!r.fatal && check_controls(&r, begin, (size_t)(r.c.p - begin)) < 0)
        rc = -1;
    return rc;
}
