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
#include "sqlkc/nested.h"

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

/* ==== writing ============================================================= */

uint32_t sqlkc_rt_avro_map_write_order(const sqlkc_rt_nested_t *v, sqlkc_rt_item_t **items, sqlkc_rt_alloc_fn alloc,
                                       void *arg)
{
    /* new HashMap<String, Object>(computeRequiredCapacity(n)) */
    uint32_t n = v->n;
    uint32_t want = n <= 2 ? n + 1 : (uint32_t)ceil((double)((float)n / 0.75f));
    *items = alloc(arg, sizeof **items * 2 * (n ? n : 1));
    if (n)
        memcpy(*items, v->items, sizeof **items * 2 * n);
    return sqlkc_rt_map_hash_order(*items, n, sqlkc_rt_java_string_hash, table_size_for(want), alloc, arg);
}

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                             sqlkc_rt_alloc_fn alloc, void *arg);

static const char *put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, bool legacy,
                              sqlkc_rt_alloc_fn alloc, void *arg)
{
    const char *err;
    if (t->kind == SQLKC_RT_T_ROW) {
        for (uint32_t i = 0; i < v->n; i++)
            if ((err = put_value(b, &v->items[i], t->sub[i], legacy, alloc, arg)))
                return err;
        return NULL;
    }
    if (t->kind == SQLKC_RT_T_ARRAY) {
        if (v->n) {
            sqlkc_rt_avro_put_long(b, v->n);
            for (uint32_t i = 0; i < v->n; i++)
                if ((err = put_value(b, &v->items[i], t->sub[0], true, alloc, arg)))
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
            if ((err = put_value(b, &items[2 * i + 1], t->sub[1], true, alloc, arg)))
                return err;
        }
    }
    sqlkc_rt_avro_put_long(b, 0);
    return NULL;
}

static const char *put_value(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
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
        if (is_nested(t->kind))
            return put_nested(b, &it->v.nest, t, legacy, alloc, arg);
        return "a type the avro format does not write";
    }
    return NULL;
}

const char *sqlkc_rt_avro_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                     sqlkc_rt_alloc_fn alloc, void *arg)
{
    return put_nested(b, v, t, true, alloc, arg);
}

const char *sqlkc_rt_avro_put_nested_ts(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                        sqlkc_rt_alloc_fn alloc, void *arg)
{
    return put_nested(b, v, t, false, alloc, arg);
}

/* ==== reading ============================================================= */

#define MAX_DEPTH 200 /* nested values deeper than any schema a table declares */

static int get_value(sqlkc_rt_acur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
                     sqlkc_rt_alloc_fn alloc, void *arg, int depth);

/* A block count: negative counts are followed by the block's byte size
 * (Avro's spec), which is skipped. */
int sqlkc_rt_avro_block_count(sqlkc_rt_acur_t *c, int64_t *n)
{
    if (sqlkc_rt_avro_get_long(c, n) < 0)
        return -1;
    if (*n < 0) {
        int64_t size;
        if (*n == INT64_MIN || sqlkc_rt_avro_get_long(c, &size) < 0)
            return c->err = c->err ? c->err : "a bad block count", -1;
        *n = -*n;
    }
    /* every item takes at least one byte, so a count beyond the datum is bad */
    if (*n > c->end - c->p) {
        c->err = "a block count beyond the datum";
        return -1;
    }
    return 0;
}

static int get_nested(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, bool legacy,
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
            if (get_value(c, &out->items[i], t->sub[i], legacy, alloc, arg, depth + 1) < 0)
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
            if (get_value(c, it + (map ? 1 : 0), t->sub[map ? 1 : 0], true, alloc, arg, depth + 1) < 0)
                return -1;
        }
    }
    out->items = items;
    out->n = n;
    if (map)
        out->n = sqlkc_rt_avro_map_read_order(items, n, first_block, alloc, arg);
    return 0;
}

uint32_t sqlkc_rt_avro_map_read_order(sqlkc_rt_item_t *items, uint32_t n, uint32_t first_block,
                                      sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (!n)
        return 0;
    /* GenericDatumReader: new HashMap<Utf8, ...>(first block count);
     * AvroToRowDataConverters: its entries into new HashMap<StringData, ...>() */
    n = sqlkc_rt_map_hash_order(items, n, utf8_hash, table_size_for(first_block), alloc, arg);
    return sqlkc_rt_map_hash_order(items, n, sqlkc_rt_flink_string_hash, 16, alloc, arg);
}

static int get_value(sqlkc_rt_acur_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, bool legacy,
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
    case SQLKC_RT_T_STRING:
    case SQLKC_RT_T_BYTES: return sqlkc_rt_avro_get_bytes(c, &it->v.s);
    default:
        if (is_nested(t->kind))
            return get_nested(c, &it->v.nest, t, legacy, alloc, arg, depth);
        c->err = "a type the avro format does not read";
        return -1;
    }
}

int sqlkc_rt_avro_get_nested(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t,
                             sqlkc_rt_alloc_fn alloc, void *arg)
{
    return get_nested(c, out, t, true, alloc, arg, 0);
}

int sqlkc_rt_avro_get_nested_ts(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t,
                                sqlkc_rt_alloc_fn alloc, void *arg)
{
    return get_nested(c, out, t, false, alloc, arg, 0);
}
