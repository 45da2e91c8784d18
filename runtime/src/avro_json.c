/* This file is Avro's JSON encoding of one record datum, for Flink's avro
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
 * The reader parses the message with jansson (the first JSON value; what
 * follows it is not read, as a JsonDecoder does not read it) and takes
 * record fields by name, as JsonDecoder reorders them; a missing field is an
 * error, an unknown one is skipped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec_internal.h"
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

const char *sqlkc_rt_avro_json_put(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec,
                                   bool legacy, bool *started, sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (*started)
        sqlkc_rt_buf_putc(b, '\n'); /* MinimalPrettyPrinter's root value separator */
    *started = true;
    return put_fields(b, fields, rec, legacy, TOP_RECORD, alloc, arg);
}

/* ==== reading ============================================================= */

typedef struct rd {
    sqlkc_rt_alloc_fn alloc;
    void *arg;
    char *err;
    size_t errlen;
} rd_t;

static const char *jtype(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "START_OBJECT";
    case JSON_ARRAY: return "START_ARRAY";
    case JSON_STRING: return "VALUE_STRING";
    case JSON_INTEGER: return "VALUE_NUMBER_INT";
    case JSON_REAL: return "VALUE_NUMBER_FLOAT";
    case JSON_TRUE: return "VALUE_TRUE";
    case JSON_FALSE: return "VALUE_FALSE";
    default: return "VALUE_NULL";
    }
}

/* JsonDecoder's error: "Expected <what>. Got <token>". */
static int expected(rd_t *r, const char *what, const json_t *j)
{
    snprintf(r->err, r->errlen, "Expected %s. Got %s", what, jtype(j));
    return -1;
}

static int fail(rd_t *r, const char *fmt, const char *a)
{
    snprintf(r->err, r->errlen, fmt, a);
    return -1;
}

/* A JSON number as Jackson's getIntValue / getLongValue gives it: integers
 * range-checked, fractions truncated toward zero. */
static int get_integer(rd_t *r, const json_t *j, int64_t min, int64_t max, const char *what, int64_t *out)
{
    if (json_is_integer(j)) {
        json_int_t v = json_integer_value(j);
        if (v < min || v > max)
            return fail(r, "Numeric value out of range of %s", what);
        *out = (int64_t)v;
        return 0;
    }
    if (json_is_real(j)) {
        double d = json_real_value(j);
        if (!(d >= (double)min && d <= (double)max))
            return fail(r, "Numeric value out of range of %s", what);
        /* (double)INT64_MAX is 2^63, which does not fit: Java's (long) cast saturates */
        *out = d >= 0x1p63 ? INT64_MAX : (int64_t)d;
        return 0;
    }
    return expected(r, what, j);
}

static int get_double(rd_t *r, const json_t *j, const char *what, double *out)
{
    if (json_is_number(j)) {
        *out = json_number_value(j);
        return 0;
    }
    /* what JsonEncoder writes for the non-finite values (quoted by Jackson) */
    if (json_is_string(j)) {
        const char *s = json_string_value(j);
        if (!strcmp(s, "NaN") || !strcmp(s, "Infinity") || !strcmp(s, "-Infinity")) {
            *out = s[0] == 'N' ? NAN : s[0] == '-' ? -INFINITY : INFINITY;
            return 0;
        }
    }
    return expected(r, what, j);
}

/* String.getBytes(ISO_8859_1) of a JSON string: code points above U+00FF
 * (a surrogate pair being one) become '?'. */
static int get_latin1(rd_t *r, const json_t *j, sqlkc_rt_str_t *out)
{
    if (!json_is_string(j))
        return expected(r, "bytes", j);
    const unsigned char *p = (const unsigned char *)json_string_value(j);
    size_t n = json_string_length(j), k = 0;
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

static int get_value(rd_t *r, const json_t *j, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                     const char *rec);

static int get_fields(rd_t *r, const json_t *j, sqlkc_rt_item_t *items, const sqlkc_rt_type_t *t, bool legacy,
                      const char *rec)
{
    if (!json_is_object(j))
        return expected(r, "record-start", j);
    for (int i = 0; i < t->n; i++) {
        memset(&items[i], 0, sizeof items[i]);
        const json_t *v = json_object_get(j, t->names[i]);
        if (!v)
            return fail(r, "Expected field name not found: %s", t->names[i]);
        const char *sub = has_record(t->sub[i]) ? child_record(rec, t->names[i], r->alloc, r->arg) : rec;
        if (get_value(r, v, &items[i], t->sub[i], legacy, sub) < 0)
            return -1;
    }
    return 0;
}

static int get_value(rd_t *r, const json_t *j, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                     const char *rec)
{
    if (t->nullable) { /* JsonDecoder.readIndex */
        if (json_is_null(j)) {
            it->null = true;
            return 0;
        }
        if (!json_is_object(j) || json_object_size(j) != 1)
            return expected(r, json_is_object(j) ? "end-union" : "start-union", j);
        const char *label = json_object_iter_key(json_object_iter((json_t *)j));
        if (strcmp(label, branch_name(t, rec)) != 0)
            return fail(r, "Unknown union branch %s", label);
        j = json_object_iter_value(json_object_iter((json_t *)j));
    } else if (json_is_null(j)) {
        return expected(r, branch_name(t, rec), j);
    }
    int64_t v;
    double d;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN:
        if (!json_is_boolean(j))
            return expected(r, "boolean", j);
        it->v.b = json_is_true(j);
        return 0;
    case SQLKC_RT_T_TINYINT: case SQLKC_RT_T_SMALLINT: case SQLKC_RT_T_INT: case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME:
        if (get_integer(r, j, INT32_MIN, INT32_MAX, "int", &v) < 0)
            return -1;
        /* Integer.byteValue / shortValue wrap */
        it->v.i = t->kind == SQLKC_RT_T_TINYINT ? (int8_t)(uint8_t)v
                  : t->kind == SQLKC_RT_T_SMALLINT ? (int16_t)(uint16_t)v : v;
        return 0;
    case SQLKC_RT_T_BIGINT: return get_integer(r, j, INT64_MIN, INT64_MAX, "long", &it->v.i);
    case SQLKC_RT_T_TIMESTAMP: case SQLKC_RT_T_TIMESTAMP_LTZ:
        if (get_integer(r, j, INT64_MIN, INT64_MAX, "long", &v) < 0)
            return -1;
        it->v.ts = sqlkc_rt_avro_ts_of_long(v, legacy ? SQLKC_RT_AVRO_MILLIS : sqlkc_rt_avro_ts_unit(t->p));
        return 0;
    case SQLKC_RT_T_FLOAT:
        if (get_double(r, j, "float", &d) < 0)
            return -1;
        it->v.f = (float)d;
        return 0;
    case SQLKC_RT_T_DOUBLE: return get_double(r, j, "double", &it->v.d);
    case SQLKC_RT_T_DECIMAL: {
        sqlkc_rt_str_t s;
        if (get_latin1(r, j, &s) < 0)
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
        if (!json_is_string(j))
            return expected(r, "string", j);
        size_t n = json_string_length(j);
        char *o = r->alloc(r->arg, n ? n : 1);
        memcpy(o, json_string_value(j), n);
        it->v.s.p = o;
        it->v.s.n = n;
        return 0;
    }
    case SQLKC_RT_T_BYTES: return get_latin1(r, j, &it->v.s);
    case SQLKC_RT_T_ROW:
        it->v.nest.n = (uint32_t)t->n;
        it->v.nest.items = r->alloc(r->arg, sizeof(sqlkc_rt_item_t) * (size_t)(t->n ? t->n : 1));
        return get_fields(r, j, it->v.nest.items, t, legacy, rec);
    case SQLKC_RT_T_ARRAY: {
        if (!json_is_array(j))
            return expected(r, "array-start", j);
        size_t n = json_array_size(j);
        sqlkc_rt_item_t *items = r->alloc(r->arg, sizeof *items * (n ? n : 1));
        for (size_t i = 0; i < n; i++) {
            memset(&items[i], 0, sizeof items[i]);
            if (get_value(r, json_array_get(j, i), &items[i], t->sub[0], true, rec) < 0)
                return -1;
        }
        it->v.nest.items = items;
        it->v.nest.n = (uint32_t)n;
        return 0;
    }
    case SQLKC_RT_T_MAP: case SQLKC_RT_T_MULTISET: {
        if (!json_is_object(j))
            return expected(r, "map-start", j);
        size_t n = json_object_size(j), k = 0;
        sqlkc_rt_item_t *items = r->alloc(r->arg, sizeof *items * 2 * (n ? n : 1));
        /* members in document order (jansson keeps it) */
        for (void *iter = json_object_iter((json_t *)j); iter; iter = json_object_iter_next((json_t *)j, iter), k++) {
            memset(&items[2 * k], 0, sizeof *items * 2);
            const char *key = json_object_iter_key(iter);
            size_t kn = strlen(key);
            char *o = r->alloc(r->arg, kn ? kn : 1);
            memcpy(o, key, kn);
            items[2 * k].v.s.p = o;
            items[2 * k].v.s.n = kn;
            if (get_value(r, json_object_iter_value(iter), &items[2 * k + 1], t->sub[1], true, rec) < 0)
                return -1;
        }
        it->v.nest.items = items;
        it->v.nest.n = (uint32_t)k;
        if (k) {
            /* GenericDatumReader: new HashMap<Utf8, ...>(1), the JsonDecoder's
             * blocks being of one entry; AvroToRowDataConverters: new HashMap<>() */
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

int sqlkc_rt_avro_json_get(const void *data, size_t len, sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec,
                           bool legacy, sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen)
{
    rd_t r = {alloc, arg, err, errlen};
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
    if (!root) {
        snprintf(err, errlen, "not JSON: %s (at byte %d)", je.text, je.position);
        return -1;
    }
    int rc = get_fields(&r, root, fields, rec, legacy, TOP_RECORD);
    json_decref(root);
    return rc;
}
