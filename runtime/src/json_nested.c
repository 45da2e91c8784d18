/* This file is the JSON codec of ARRAY, MAP, MULTISET and ROW values, driven
 * by their type descriptors (nested.h): the reader converts as Flink's
 * JsonParserToRowDataConverters does (a JSON null is NULL at every level;
 * with ignore-parse-errors a value that does not convert is NULL at the
 * innermost level; maps are filled into a HashMap), the writer writes what
 * RowDataToJsonConverters writes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sqlkc/json.h"
#include "sqlkc/nested.h"

static int conv_err(sqlkc_rt_jcur_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A conversion error: the value was consumed, the cursor is usable. */
static int conv_err(sqlkc_rt_jcur_t *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    c->fatal = false;
    return -1;
}

/* A value inside a container failed (only without ignore-parse-errors, or
 * on malformed JSON): the cursor is in the middle of the container, so it
 * is unusable and the record fails. */
static int inside_err(sqlkc_rt_jcur_t *c)
{
    c->fatal = true;
    return -1;
}

static bool is_nested(int kind)
{
    return kind == SQLKC_RT_T_ARRAY || kind == SQLKC_RT_T_MAP || kind == SQLKC_RT_T_MULTISET ||
           kind == SQLKC_RT_T_ROW;
}

static int get_value(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags);

static int get_scalar(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags)
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
    default: return conv_err(c, "Unsupported type");
    }
}

int sqlkc_rt_json_container_begin(sqlkc_rt_jcur_t *c, char open, const char *what)
{
    int ch = sqlkc_rt_json_peek(c);
    if (ch != open) {
        if (ch < 0)
            return sqlkc_rt_json_array_begin(c); /* the end-of-input message */
        size_t at = (size_t)(c->p - c->start);
        if (sqlkc_rt_json_skip(c) < 0)
            return -1;
        return conv_err(c, "Illegal JSON %s data at byte %zu", what, at);
    }
    return open == '{' ? sqlkc_rt_json_object_begin(c) : sqlkc_rt_json_array_begin(c);
}

static int begin(sqlkc_rt_jcur_t *c, char open, const char *what)
{
    return sqlkc_rt_json_container_begin(c, open, what);
}

int sqlkc_rt_json_convert_error(sqlkc_rt_jcur_t *c, const char *msg)
{
    return conv_err(c, "%s", msg);
}

int sqlkc_rt_json_inside_error(sqlkc_rt_jcur_t *c)
{
    return inside_err(c);
}

int sqlkc_rt_json_field_error(sqlkc_rt_jcur_t *c, const char *name)
{
    if (!c->fatal) {
        char why[sizeof c->err];
        memcpy(why, c->err, sizeof why);
        snprintf(c->err, sizeof c->err, "Fail to deserialize at field: %.40s. (%.60s)", name, why);
    }
    return inside_err(c);
}

static int get_array(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (begin(c, '[', "array") < 0)
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
        if (get_value(c, &items[n], t->sub[0], flags) < 0)
            return inside_err(c);
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
static int get_map(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (begin(c, '{', "map") < 0)
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
        if (get_value(c, &items[2 * n + 1], t->sub[1], flags) < 0)
            return inside_err(c);
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
static int get_row(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    if (begin(c, '{', "object") < 0)
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
        if (get_value(c, &items[idx], t->sub[idx], flags) < 0)
            return sqlkc_rt_json_field_error(c, t->names[idx]);
        cnt++;
    }
    if (r < 0)
        return -1;
    if (cnt < n && (flags & SQLKC_RT_JSON_F_FAIL_MISSING))
        return conv_err(c, "Some field is missing in the JSON data.");
    out->items = items;
    out->n = n;
    return 1;
}

static int get_value(sqlkc_rt_jcur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, unsigned flags)
{
    int r = sqlkc_rt_json_null(c);
    if (r < 0)
        return -1;
    if (r == 1) {
        it->null = true;
        return 0;
    }
    if (!is_nested(t->kind))
        r = get_scalar(c, it, t, flags);
    else if (t->kind == SQLKC_RT_T_ARRAY)
        r = get_array(c, &it->v.nest, t, flags);
    else if (t->kind == SQLKC_RT_T_ROW)
        r = get_row(c, &it->v.nest, t, flags);
    else
        r = get_map(c, &it->v.nest, t, flags);
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

int sqlkc_rt_json_get_nested(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags)
{
    /* the field itself follows the caller's policy, like a scalar field;
     * what is inside it follows get_value's */
    int r = sqlkc_rt_json_null(c);
    if (r != 0)
        return r < 0 ? -1 : 0;
    if (t->kind == SQLKC_RT_T_ARRAY)
        return get_array(c, out, t, flags);
    if (t->kind == SQLKC_RT_T_ROW)
        return get_row(c, out, t, flags);
    if (t->kind == SQLKC_RT_T_MAP || t->kind == SQLKC_RT_T_MULTISET)
        return get_map(c, out, t, flags);
    return conv_err(c, "not a nested type");
}

/* ==== encoding ============================================================ */

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t,
                             const sqlkc_rt_json_opts_t *o);

static const char *put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                              const sqlkc_rt_json_opts_t *o)
{
    const char *err;
    if (t->kind == SQLKC_RT_T_ARRAY) {
        sqlkc_rt_buf_putc(b, '[');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i)
                sqlkc_rt_buf_putc(b, ',');
            if ((err = put_value(b, &v->items[i], t->sub[0], o)))
                return err;
        }
        sqlkc_rt_buf_putc(b, ']');
        return NULL;
    }
    if (t->kind == SQLKC_RT_T_ROW) {
        sqlkc_rt_buf_putc(b, '{');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i)
                sqlkc_rt_buf_putc(b, ',');
            sqlkc_rt_json_put_str(b, t->names[i], strlen(t->names[i]));
            sqlkc_rt_buf_putc(b, ':');
            if ((err = put_value(b, &v->items[i], t->sub[i], o)))
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
        if ((err = put_value(b, &v->items[2 * at + 1], t->sub[1], o)))
            return err;
    }
    sqlkc_rt_buf_putc(b, '}');
    return NULL;
}

/* The name entry j is written under, or false when it is dropped. */
static bool entry_name(const sqlkc_rt_nested_t *v, uint32_t j, int mode, const char *literal, sqlkc_rt_str_t *name)
{
    const sqlkc_rt_item_t *k = &v->items[2 * j];
    if (!k->null) {
        *name = k->v.s;
        return true;
    }
    if (mode == SQLKC_RT_JSON_NULL_KEY_DROP)
        return false;
    *name = (sqlkc_rt_str_t){literal, strlen(literal)};
    return true;
}

bool sqlkc_rt_json_map_entry(const sqlkc_rt_nested_t *v, uint32_t i, int mode, const char *literal,
                             sqlkc_rt_str_t *name, uint32_t *val)
{
    if (!entry_name(v, i, mode, literal, name))
        return false;
    /* the first entry with this name gives the place, the last the value */
    sqlkc_rt_str_t nj;
    for (uint32_t j = 0; j < i; j++)
        if (entry_name(v, j, mode, literal, &nj) && nj.n == name->n && memcmp(nj.p, name->p, nj.n) == 0)
            return false;
    *val = i;
    for (uint32_t j = i + 1; j < v->n; j++)
        if (entry_name(v, j, mode, literal, &nj) && nj.n == name->n && memcmp(nj.p, name->p, nj.n) == 0)
            *val = j;
    return true;
}

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t,
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
    default: return put_nested(b, &it->v.nest, t, o);
    }
    return NULL;
}

const char *sqlkc_rt_json_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                     const sqlkc_rt_json_opts_t *o)
{
    return put_nested(b, v, t, o);
}
