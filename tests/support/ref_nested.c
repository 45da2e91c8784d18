/* This file is the reference codec of nested values that tests check the
 * generated ones against: the JSON and Avro readers and writers of ARRAY,
 * MAP, MULTISET and ROW values written once as walkers over the runtime's
 * type descriptors (nested.h), with the same Flink rules the compiler's
 * generated codecs (compiler/gen_ncodec.c) follow. Jobs do not use it; the
 * unit tests and fuzzers compare what a generated codec reads and writes
 * with what this one does on the same bytes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ref_nested.h"

/* ==== JSON ================================================================ */

static bool j_is_nested(int kind)
{
    return kind == SQLKC_RT_T_ARRAY || kind == SQLKC_RT_T_MAP || kind == SQLKC_RT_T_MULTISET ||
           kind == SQLKC_RT_T_ROW;
}

static int j_get_value(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags);

static int j_get_scalar(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags)
{
    bool iso = (flags & SQLKC_RT_JSON_F_TS_ISO) != 0;
    int r;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: return sqlkc_rt_json_get_bool(c, &it->v.b);
    case SQLKC_RT_T_TINYINT: {
        int8_t x = 0;
        r = sqlkc_rt_json_get_i8(c, &x);
        it->v.i = x;
        return r;
    }
    case SQLKC_RT_T_SMALLINT: {
        int16_t x = 0;
        r = sqlkc_rt_json_get_i16(c, &x);
        it->v.i = x;
        return r;
    }
    case SQLKC_RT_T_INT: {
        int32_t x = 0;
        r = sqlkc_rt_json_get_i32(c, &x);
        it->v.i = x;
        return r;
    }
    case SQLKC_RT_T_BIGINT: return sqlkc_rt_json_get_i64(c, &it->v.i);
    case SQLKC_RT_T_FLOAT: return sqlkc_rt_json_get_float(c, &it->v.f);
    case SQLKC_RT_T_DOUBLE: return sqlkc_rt_json_get_double(c, &it->v.d);
    case SQLKC_RT_T_DECIMAL: return sqlkc_rt_json_get_decimal(c, &it->v.dec, t->p, t->s);
    case SQLKC_RT_T_STRING: return sqlkc_rt_json_get_str(c, &it->v.s);
    case SQLKC_RT_T_BYTES: return sqlkc_rt_json_get_bytes(c, &it->v.s);
    case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME: {
        int32_t x = 0;
        r = t->kind == SQLKC_RT_T_DATE ? sqlkc_rt_json_get_date(c, &x) : sqlkc_rt_json_get_time(c, &x);
        it->v.i = x;
        return r;
    }
    case SQLKC_RT_T_TIMESTAMP: return sqlkc_rt_json_get_timestamp(c, &it->v.ts, iso, false);
    case SQLKC_RT_T_TIMESTAMP_LTZ: return sqlkc_rt_json_get_timestamp(c, &it->v.ts, iso, true);
    default: return sqlkc_rt_json_convert_error(c, "Unsupported type");
    }
}

static int j_get_array(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (sqlkc_rt_json_container_begin(c, '[', "array") < 0)
        return -1;
    uint32_t n = 0, cap = 0;
    sqlkc_rt_item_t *items = NULL;
    int r;
    while ((r = sqlkc_rt_json_array_next(c)) == 1) {
        if (n == cap) {
            uint32_t ncap = cap ? cap * 2 : 8;
            sqlkc_rt_item_t *m = c->alloc(c->alloc_arg, sizeof *m * ncap);
            if (n)
                memcpy(m, items, sizeof *m * n);
            items = m, cap = ncap;
        }
        memset(&items[n], 0, sizeof items[n]);
        if (j_get_value(c, &items[n], t->sub[0], flags) < 0)
            return sqlkc_rt_json_inside_error(c);
        n++;
    }
    if (r < 0)
        return -1;
    out->items = items;
    out->n = n;
    return 1;
}

/* MAP and MULTISET: an object; member names are the keys (Flink requires
 * string keys), values of sub[1]; a HashMap<StringData, ...> then orders
 * them. */
static int j_get_map(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (sqlkc_rt_json_container_begin(c, '{', "map") < 0)
        return -1;
    uint32_t n = 0, cap = 0;
    sqlkc_rt_item_t *items = NULL;
    sqlkc_rt_str_t key;
    int r;
    while ((r = sqlkc_rt_json_object_next(c, &key)) == 1) {
        if (n == cap) {
            uint32_t ncap = cap ? cap * 2 : 8;
            sqlkc_rt_item_t *m = c->alloc(c->alloc_arg, sizeof *m * 2 * ncap);
            if (n)
                memcpy(m, items, sizeof *m * 2 * n);
            items = m, cap = ncap;
        }
        memset(&items[2 * n], 0, sizeof items[0] * 2);
        items[2 * n].v.s = key;
        if (j_get_value(c, &items[2 * n + 1], t->sub[1], flags) < 0)
            return sqlkc_rt_json_inside_error(c);
        n++;
    }
    if (r < 0)
        return -1;
    out->items = items;
    out->n = sqlkc_rt_map_hash_order(items, n, sqlkc_rt_flink_string_hash, 16, c->alloc, c->alloc_arg);
    return 1;
}

/* ROW: fields by name; like Flink's row converter, reading stops counting
 * at as many members as the row has fields (a repeated name counts twice)
 * and skips the rest. */
static int j_get_row(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (sqlkc_rt_json_container_begin(c, '{', "object") < 0)
        return -1;
    uint32_t n = (uint32_t)t->n;
    sqlkc_rt_item_t *items = c->alloc(c->alloc_arg, sizeof *items * (n ? n : 1));
    memset(items, 0, sizeof *items * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++)
        items[i].null = true;
    uint32_t cnt = 0;
    sqlkc_rt_str_t key;
    int r;
    while ((r = sqlkc_rt_json_object_next(c, &key)) == 1) {
        int idx = -1;
        if (cnt < n)
            for (uint32_t i = 0; i < n && idx < 0; i++)
                if (strlen(t->names[i]) == key.n && memcmp(t->names[i], key.p, key.n) == 0)
                    idx = (int)i;
        if (idx < 0) {
            if (sqlkc_rt_json_skip(c) < 0)
                return -1;
            continue;
        }
        if (j_get_value(c, &items[idx], t->sub[idx], flags) < 0)
            return sqlkc_rt_json_field_error(c, t->names[idx]);
        cnt++;
    }
    if (r < 0)
        return -1;
    if (cnt < n && (flags & SQLKC_RT_JSON_F_FAIL_MISSING))
        return sqlkc_rt_json_convert_error(c, "Some field is missing in the JSON data.");
    out->items = items;
    out->n = n;
    return 1;
}

static int j_get_value(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags)
{
    int r = sqlkc_rt_json_null(c);
    if (r < 0)
        return -1;
    if (r == 1) {
        it->null = true;
        return 0;
    }
    if (!j_is_nested(t->kind))
        r = j_get_scalar(c, it, t, flags);
    else if (t->kind == SQLKC_RT_T_ARRAY)
        r = j_get_array(c, &it->v.nest, t, flags);
    else if (t->kind == SQLKC_RT_T_ROW)
        r = j_get_row(c, &it->v.nest, t, flags);
    else
        r = j_get_map(c, &it->v.nest, t, flags);
    if (r < 0) {
        if (!c->fatal && (flags & SQLKC_RT_JSON_F_IGNORE)) {
            it->null = true; /* wrapIntoNullableConverter under ignore-parse-errors */
            return 0;
        }
        return -1;
    }
    it->null = r == 0;
    return r;
}

int ref_json_get_nested(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    /* the field itself follows the caller's policy, like a scalar field;
     * what is inside it follows get_value's */
    int r = sqlkc_rt_json_null(c);
    if (r != 0)
        return r < 0 ? -1 : 0;
    if (t->kind == SQLKC_RT_T_ARRAY)
        return j_get_array(c, out, t, flags);
    if (t->kind == SQLKC_RT_T_ROW)
        return j_get_row(c, out, t, flags);
    if (t->kind == SQLKC_RT_T_MAP || t->kind == SQLKC_RT_T_MULTISET)
        return j_get_map(c, out, t, flags);
    return sqlkc_rt_json_convert_error(c, "not a nested type");
}

/* ==== encoding ============================================================ */

static const char *j_put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t,
                             const sqlkc_rt_json_opts_t *o);

static const char *j_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                              const sqlkc_rt_json_opts_t *o)
{
    const char *err;
    if (t->kind == SQLKC_RT_T_ARRAY) {
        sqlkc_rt_buf_putc(b, '[');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i)
                sqlkc_rt_buf_putc(b, ',');
            if ((err = j_put_value(b, &v->items[i], t->sub[0], o)))
                return err;
        }
        sqlkc_rt_buf_putc(b, ']');
        return NULL;
    }
    if (t->kind == SQLKC_RT_T_ROW) {
        sqlkc_rt_buf_putc(b, '{');
        bool first = true;
        for (uint32_t i = 0; i < v->n; i++) {
            if (o->ignore_null_fields && v->items[i].null)
                continue; /* the row converter sets only the fields that are not NULL */
            if (!first)
                sqlkc_rt_buf_putc(b, ',');
            first = false;
            sqlkc_rt_json_put_str(b, t->names[i], strlen(t->names[i]));
            sqlkc_rt_buf_putc(b, ':');
            if ((err = j_put_value(b, &v->items[i], t->sub[i], o)))
                return err;
        }
        sqlkc_rt_buf_putc(b, '}');
        return NULL;
    }
    /* MAP, MULTISET: an ObjectNode (a LinkedHashMap) set in the map's order */
    bool has_null = false;
    for (uint32_t i = 0; i < v->n; i++)
        has_null = has_null || v->items[2 * i].null;
    if (has_null && o->map_null_key == SQLKC_RT_JSON_NULL_KEY_FAIL)
        return SQLKC_RT_JSON_NULL_KEY_MSG;
    sqlkc_rt_buf_putc(b, '{');
    bool first = true;
    for (uint32_t i = 0; i < v->n; i++) {
        sqlkc_rt_str_t name = v->items[2 * i].v.s;
        uint32_t at = i;
        if (has_null && !sqlkc_rt_json_map_entry(v, i, o->map_null_key, o->map_null_literal, &name, &at))
            continue;
        if (!first)
            sqlkc_rt_buf_putc(b, ',');
        first = false;
        sqlkc_rt_json_put_str(b, name.p, name.n);
        sqlkc_rt_buf_putc(b, ':');
        if ((err = j_put_value(b, &v->items[2 * at + 1], t->sub[1], o)))
            return err;
    }
    sqlkc_rt_buf_putc(b, '}');
    return NULL;
}

static const char *j_put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t,
                             const sqlkc_rt_json_opts_t *o)
{
    if (it->null) {
        sqlkc_rt_json_put_null(b);
        return NULL;
    }
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: sqlkc_rt_json_put_bool(b, it->v.b); break;
    case SQLKC_RT_T_TINYINT:
    case SQLKC_RT_T_SMALLINT:
    case SQLKC_RT_T_INT:
    case SQLKC_RT_T_BIGINT: sqlkc_rt_json_put_i64(b, it->v.i); break;
    case SQLKC_RT_T_FLOAT: sqlkc_rt_json_put_float(b, it->v.f); break;
    case SQLKC_RT_T_DOUBLE: sqlkc_rt_json_put_double(b, it->v.d); break;
    case SQLKC_RT_T_DECIMAL: sqlkc_rt_json_put_decimal(b, it->v.dec, t->s, o->decimal_plain); break;
    case SQLKC_RT_T_STRING: sqlkc_rt_json_put_str(b, it->v.s.p, it->v.s.n); break;
    case SQLKC_RT_T_BYTES: sqlkc_rt_json_put_bytes(b, it->v.s.p, it->v.s.n); break;
    case SQLKC_RT_T_DATE: sqlkc_rt_json_put_date(b, (int32_t)it->v.i); break;
    case SQLKC_RT_T_TIME: sqlkc_rt_json_put_time(b, (int32_t)it->v.i, t->p); break;
    case SQLKC_RT_T_TIMESTAMP: sqlkc_rt_json_put_timestamp(b, it->v.ts, o->ts_iso, false); break;
    case SQLKC_RT_T_TIMESTAMP_LTZ: sqlkc_rt_json_put_timestamp(b, it->v.ts, o->ts_iso, true); break;
    default: return j_put_nested(b, &it->v.nest, t, o);
    }
    return NULL;
}

const char *ref_json_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                     const sqlkc_rt_json_opts_t *o)
{
    return j_put_nested(b, v, t, o);
}

/* ==== Avro binary ========================================================= */

/* This file is the Avro binary codec of ARRAY, MAP, MULTISET and ROW values,
 * driven by their type descriptors (nested.h), for the schema Flink's
 * AvroSchemaConverter derives: a nullable element, value or field is the
 * union ["null", T]; arrays and maps are written as one block; maps have
 * string keys; a MULTISET is a map of counts ["null", "int"]. The writer
 * orders a map as the java.util.HashMap that RowDataToAvroConverters fills
 * (String keys, CollectionUtil.newHashMapWithExpectedSize); the reader orders
 * it as Avro's GenericDatumReader and then Flink's AvroToRowDataConverters
 * fill their HashMaps. `legacy` is the timestamp mapping of TIMESTAMP and
 * TIMESTAMP_LTZ values (avro.h): the format's for ROW fields, the legacy one
 * (millis) for array elements and map values, as the schema derivation has
 * it. */
#include <math.h>
#include <string.h>

#include "sqlkc/avro.h"
#include "sqlkc/raw.h"
#include "sqlkc/nested.h"

static bool a_is_nested(int kind)
{
    return kind == SQLKC_RT_T_ARRAY || kind == SQLKC_RT_T_MAP || kind == SQLKC_RT_T_MULTISET ||
           kind == SQLKC_RT_T_ROW;
}

static const char *a_put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                             sqlkc_rt_alloc_fn alloc, void *arg);

static const char *a_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, bool legacy,
                              sqlkc_rt_alloc_fn alloc, void *arg)
{
    const char *err;
    if (t->kind == SQLKC_RT_T_ROW) {
        for (uint32_t i = 0; i < v->n; i++)
            if ((err = a_put_value(b, &v->items[i], t->sub[i], legacy, alloc, arg)))
                return err;
        return NULL;
    }
    if (t->kind == SQLKC_RT_T_ARRAY) {
        if (v->n) {
            sqlkc_rt_avro_put_long(b, v->n);
            for (uint32_t i = 0; i < v->n; i++)
                if ((err = a_put_value(b, &v->items[i], t->sub[0], true, alloc, arg)))
                    return err;
        }
        sqlkc_rt_avro_put_long(b, 0);
        return NULL;
    }
    /* MAP, MULTISET: new HashMap<String, Object>(computeRequiredCapacity(n)) */
    if (v->n) {
        for (uint32_t i = 0; i < v->n; i++)
            if (v->items[2 * i].null) /* keyArray.getString(i).toString() */
                return "Avro cannot write a map entry with a NULL key";
        sqlkc_rt_item_t *items;
        uint32_t n = sqlkc_rt_avro_map_write_order(v, &items, alloc, arg);
        sqlkc_rt_avro_put_long(b, n);
        for (uint32_t i = 0; i < n; i++) {
            sqlkc_rt_avro_put_bytes(b, items[2 * i].v.s.p, items[2 * i].v.s.n);
            if ((err = a_put_value(b, &items[2 * i + 1], t->sub[1], true, alloc, arg)))
                return err;
        }
    }
    sqlkc_rt_avro_put_long(b, 0);
    return NULL;
}

static const char *a_put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                             sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (t->nullable) {
        sqlkc_rt_avro_put_int(b, it->null ? 0 : 1); /* union ["null", T] */
        if (it->null)
            return NULL;
    } else if (it->null) {
        return SQLKC_RT_AVRO_NOT_NULL_MSG;
    }
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: sqlkc_rt_avro_put_bool(b, it->v.b); break;
    case SQLKC_RT_T_TINYINT:
    case SQLKC_RT_T_SMALLINT:
    case SQLKC_RT_T_INT:
    case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME: sqlkc_rt_avro_put_int(b, (int32_t)it->v.i); break;
    case SQLKC_RT_T_BIGINT: sqlkc_rt_avro_put_long(b, it->v.i); break;
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ: /* legacy: timestamp-millis of a TIMESTAMP(p <= 3) */
        sqlkc_rt_avro_put_ts(b, it->v.ts, legacy ? SQLKC_RT_AVRO_MILLIS : sqlkc_rt_avro_ts_unit(t->p));
        break;
    case SQLKC_RT_T_FLOAT: sqlkc_rt_avro_put_float(b, it->v.f); break;
    case SQLKC_RT_T_DOUBLE: sqlkc_rt_avro_put_double(b, it->v.d); break;
    case SQLKC_RT_T_DECIMAL: sqlkc_rt_avro_put_decimal(b, it->v.dec); break;
    case SQLKC_RT_T_STRING:
    case SQLKC_RT_T_BYTES: sqlkc_rt_avro_put_bytes(b, it->v.s.p, it->v.s.n); break;
    default:
        if (a_is_nested(t->kind))
            return a_put_nested(b, &it->v.nest, t, legacy, alloc, arg);
        return "a type the avro format does not write";
    }
    return NULL;
}

const char *ref_avro_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                     sqlkc_rt_alloc_fn alloc, void *arg)
{
    return a_put_nested(b, v, t, true, alloc, arg);
}

const char *ref_avro_put_nested_ts(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                        sqlkc_rt_alloc_fn alloc, void *arg)
{
    return a_put_nested(b, v, t, false, alloc, arg);
}

#define MAX_DEPTH 200 /* nested values deeper than any schema a table declares */

static int a_get_value(sqlkc_rt_acur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                     sqlkc_rt_alloc_fn alloc, void *arg, int depth);

static int a_get_nested(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, bool legacy,
                      sqlkc_rt_alloc_fn alloc, void *arg, int depth)
{
    if (depth > MAX_DEPTH) {
        c->err = "nesting too deep";
        return -1;
    }
    if (t->kind == SQLKC_RT_T_ROW) {
        uint32_t n = (uint32_t)t->n;
        out->items = alloc(arg, sizeof *out->items * (n ? n : 1));
        out->n = n;
        for (uint32_t i = 0; i < n; i++) {
            memset(&out->items[i], 0, sizeof out->items[i]);
            if (a_get_value(c, &out->items[i], t->sub[i], legacy, alloc, arg, depth + 1) < 0)
                return -1;
        }
        return 0;
    }
    bool map = t->kind != SQLKC_RT_T_ARRAY;
    size_t per = map ? 2 : 1;
    uint32_t n = 0, cap = 0, first_block = 0;
    sqlkc_rt_item_t *items = NULL;
    for (bool first = true;; first = false) {
        int64_t count;
        if (sqlkc_rt_avro_block_count(c, &count) < 0)
            return -1;
        if (first)
            first_block = (uint32_t)count;
        if (count == 0)
            break;
        if ((uint64_t)n + (uint64_t)count > UINT32_MAX / 4) {
            c->err = "too many items";
            return -1;
        }
        if (n + (uint32_t)count > cap) {
            /* doubling: blocks of one item must not copy all earlier items each
             * time (the arena frees nothing before the record ends) */
            uint32_t ncap = n + (uint32_t)count;
            if (ncap < cap * 2)
                ncap = cap * 2 <= UINT32_MAX / 4 ? cap * 2 : ncap;
            sqlkc_rt_item_t *m = alloc(arg, sizeof *m * per * ncap);
            if (n)
                memcpy(m, items, sizeof *m * per * n);
            items = m, cap = ncap;
        }
        for (int64_t k = 0; k < count; k++, n++) {
            sqlkc_rt_item_t *it = &items[per * n];
            memset(it, 0, sizeof *it * per);
            if (map && sqlkc_rt_avro_get_bytes(c, &it->v.s) < 0) /* the key: a string */
                return -1;
            if (map) /* Utf8.toString(): ill-formed UTF-8 as Java decodes it */
                sqlkc_rt_utf8_java(&it->v.s, alloc, arg);
            if (a_get_value(c, it + (map ? 1 : 0), t->sub[map ? 1 : 0], true, alloc, arg, depth + 1) < 0)
                return -1;
        }
    }
    out->items = items;
    out->n = n;
    if (map)
        out->n = sqlkc_rt_avro_map_read_order(items, n, first_block, alloc, arg);
    return 0;
}

static int a_get_value(sqlkc_rt_acur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                     sqlkc_rt_alloc_fn alloc, void *arg, int depth)
{
    if (t->nullable) {
        bool has;
        if (sqlkc_rt_avro_get_branch(c, &has) < 0)
            return -1;
        if (!has) {
            it->null = true;
            return 0;
        }
    }
    int32_t i32;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: return sqlkc_rt_avro_get_bool(c, &it->v.b);
    case SQLKC_RT_T_TINYINT:
    case SQLKC_RT_T_SMALLINT:
    case SQLKC_RT_T_INT:
    case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME:
        if (sqlkc_rt_avro_get_int(c, &i32) < 0)
            return -1;
        /* Integer.byteValue / shortValue wrap */
        it->v.i = t->kind == SQLKC_RT_T_TINYINT ? (int8_t)(uint8_t)i32
                  : t->kind == SQLKC_RT_T_SMALLINT ? (int16_t)(uint16_t)i32 : i32;
        return 0;
    case SQLKC_RT_T_BIGINT: return sqlkc_rt_avro_get_long(c, &it->v.i);
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ:
        return sqlkc_rt_avro_get_ts(c, &it->v.ts, legacy ? SQLKC_RT_AVRO_MILLIS : sqlkc_rt_avro_ts_unit(t->p));
    case SQLKC_RT_T_FLOAT: return sqlkc_rt_avro_get_float(c, &it->v.f);
    case SQLKC_RT_T_DOUBLE: return sqlkc_rt_avro_get_double(c, &it->v.d);
    case SQLKC_RT_T_DECIMAL: return sqlkc_rt_avro_get_decimal(c, &it->v.dec);
    case SQLKC_RT_T_STRING: /* Utf8.toString(): ill-formed UTF-8 as Java decodes it */
        if (sqlkc_rt_avro_get_bytes(c, &it->v.s) < 0)
            return -1;
        sqlkc_rt_utf8_java(&it->v.s, alloc, arg);
        return 0;
    case SQLKC_RT_T_BYTES: return sqlkc_rt_avro_get_bytes(c, &it->v.s);
    default:
        if (a_is_nested(t->kind))
            return a_get_nested(c, &it->v.nest, t, legacy, alloc, arg, depth);
        c->err = "a type the avro format does not read";
        return -1;
    }
}

int ref_avro_get_nested(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t,
                             sqlkc_rt_alloc_fn alloc, void *arg)
{
    return a_get_nested(c, out, t, true, alloc, arg, 0);
}

int ref_avro_get_nested_ts(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t,
                                sqlkc_rt_alloc_fn alloc, void *arg)
{
    return a_get_nested(c, out, t, false, alloc, arg, 0);
}
