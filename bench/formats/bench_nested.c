/* This file is bench/formats for the nested table (nested.sql): a BIGINT
 * and four nested columns, ARRAY<STRING>, MAP<STRING, INT>, ROW<lat DOUBLE,
 * lon DOUBLE> and ARRAY<ROW<sku STRING, qty INT, price DOUBLE>>, in json
 * and avro; csv, which takes neither MAP nor nesting inside ARRAY or ROW,
 * has the BIGINT, ARRAY and ROW columns only. The codecs `sqlkc gen` emits
 * for nested.sql are called directly, against jansson and avro-c's generic
 * value API written as their users would write them: the whole value read
 * into the library's tree, then walked into the row's item trees
 * (sqlkc/nested.h), allocated from a buffer reset for each record as the
 * generated decoders' scratch arena is; the library's tree built from the
 * row and serialized. The generated job is included with its main renamed
 * (BENCH_JOB is its path). */
#include "harness.h"

#include <avro.h>
#include <jansson.h>

#define main sqlkc_job_main_unused
#include BENCH_JOB
#undef main

#include <sqlkc/nested.h>

#define TABLE "nested"
typedef src_nested_json_row_t jrow_t;
typedef src_nested_avro_row_t arow_t;
typedef src_nested_csv_row_t crow_t;
/* the sink operators of nested.sql's INSERTs, in statement order */
#define JSON_DECODE src_nested_json_decode_value
#define AVRO_DECODE src_nested_avro_decode_value
#define AVRO_DECODE_CTX 1 /* it allocates the items from the scratch arena */
#define CSV_DECODE src_nested_csv_decode_value
#define JSON_SINK op_2_push
#define AVRO_SINK op_5_push
#define CSV_SINK op_8_push

#define NFIELDS 5
#define NCFIELDS 3 /* csv: id, tags, loc */
#define IS_NULL(r, i) ((r)->nulls[0] >> (i)&1)
#define SET_NULL(r, i) ((r)->nulls[0] |= UINT64_C(1) << (i))

/* ---- checksums and folds over the item trees ---- */

typedef sqlkc_rt_item_t item_t;
typedef sqlkc_rt_nested_t nested_t;

static inline uint64_t ck_str_item(uint64_t h, const item_t *it) {
    h = ck_u64(h, it->null);
    return it->null ? h : ck_bytes(h, it->v.s.p, it->v.s.n);
}

static inline uint64_t ck_int_item(uint64_t h, const item_t *it) {
    h = ck_u64(h, it->null);
    return it->null ? h : ck_u64(h, (uint64_t)it->v.i);
}

static inline uint64_t ck_double_item(uint64_t h, const item_t *it) {
    h = ck_u64(h, it->null);
    return it->null ? h : ck_double(h, it->v.d);
}

/* tags ARRAY<STRING> */
static uint64_t ck_tags(uint64_t h, const nested_t *v) {
    h = ck_u64(h, v->n);
    for (uint32_t i = 0; i < v->n; i++)
        h = ck_str_item(h, &v->items[i]);
    return h;
}

/* attrs MAP<STRING, INT>: a sum over the entries, so that their order does
 * not count (the generated decoders put them in the order of Flink's
 * HashMap, the libraries in the order of the record) */
static uint64_t ck_attrs(uint64_t h, const nested_t *v) {
    uint64_t sum = 0;
    for (uint32_t i = 0; i < v->n; i++)
        sum += ck_int_item(ck_str_item(CK_SEED, &v->items[2 * i]), &v->items[2 * i + 1]);
    return ck_u64(ck_u64(h, v->n), sum);
}

/* loc ROW<lat DOUBLE, lon DOUBLE> */
static uint64_t ck_loc(uint64_t h, const nested_t *v) {
    h = ck_u64(h, v->n);
    for (uint32_t i = 0; i < v->n; i++)
        h = ck_double_item(h, &v->items[i]);
    return h;
}

/* items ARRAY<ROW<sku STRING, qty INT, price DOUBLE>> */
static uint64_t ck_items(uint64_t h, const nested_t *v) {
    h = ck_u64(h, v->n);
    for (uint32_t i = 0; i < v->n; i++) {
        const item_t *it = &v->items[i];
        h = ck_u64(h, it->null);
        if (it->null)
            continue;
        const nested_t *row = &it->v.nest;
        h = ck_u64(h, row->n);
        if (row->n != 3)
            continue;
        h = ck_str_item(h, &row->items[0]);
        h = ck_int_item(h, &row->items[1]);
        h = ck_double_item(h, &row->items[2]);
    }
    return h;
}

/* A NULL column's value is not read: it is not set. */
static uint64_t ck_row(uint64_t h, uint64_t nulls, int64_t id, const nested_t *tags,
                       const nested_t *attrs, const nested_t *loc, const nested_t *items) {
    h = ck_u64(h, nulls & ((UINT64_C(1) << NFIELDS) - 1));
    if (!(nulls & 1))
        h = ck_u64(h, (uint64_t)id);
    if (!(nulls >> 1 & 1))
        h = ck_tags(h, tags);
    if (!(nulls >> 2 & 1))
        h = ck_attrs(h, attrs);
    if (!(nulls >> 3 & 1))
        h = ck_loc(h, loc);
    if (!(nulls >> 4 & 1))
        h = ck_items(h, items);
    return h;
}

static uint64_t ck_crow_fields(uint64_t h, uint64_t nulls, int64_t id, const nested_t *tags,
                               const nested_t *loc) {
    h = ck_u64(h, nulls & ((UINT64_C(1) << NCFIELDS) - 1));
    if (!(nulls & 1))
        h = ck_u64(h, (uint64_t)id);
    if (!(nulls >> 1 & 1))
        h = ck_tags(h, tags);
    if (!(nulls >> 2 & 1))
        h = ck_loc(h, loc);
    return h;
}

/* While timing: every value touched, cheaply (lengths and first bytes of
 * strings, integers, doubles truncated), sums only, so any map order. */
static inline uint64_t fold_str(const item_t *it) {
    return it->null ? 1 : it->v.s.n + (it->v.s.n ? (unsigned char)it->v.s.p[0] : 0);
}

static inline uint64_t fold_int(const item_t *it) { return it->null ? 1 : (uint64_t)it->v.i; }

static inline uint64_t fold_double(const item_t *it) {
    return it->null ? 1 : (uint64_t)(int64_t)it->v.d;
}

static inline uint64_t fold_tags(const nested_t *v) {
    uint64_t f = v->n;
    for (uint32_t i = 0; i < v->n; i++)
        f += fold_str(&v->items[i]);
    return f;
}

static inline uint64_t fold_loc(const nested_t *v) {
    uint64_t f = v->n;
    for (uint32_t i = 0; i < v->n; i++)
        f += fold_double(&v->items[i]);
    return f;
}

static inline uint64_t fold_row(uint64_t nulls, int64_t id, const nested_t *tags,
                                const nested_t *attrs, const nested_t *loc, const nested_t *items) {
    uint64_t f = nulls & ((UINT64_C(1) << NFIELDS) - 1);
    if (!(nulls & 1))
        f += (uint64_t)id;
    if (!(nulls >> 1 & 1))
        f += fold_tags(tags);
    if (!(nulls >> 2 & 1))
        for (uint32_t i = 0; i < attrs->n; i++)
            f += fold_str(&attrs->items[2 * i]) + fold_int(&attrs->items[2 * i + 1]);
    if (!(nulls >> 3 & 1))
        f += fold_loc(loc);
    if (!(nulls >> 4 & 1))
        for (uint32_t i = 0; i < items->n; i++) {
            const item_t *it = &items->items[i];
            if (it->null || it->v.nest.n != 3) {
                f += 1;
                continue;
            }
            const item_t *row = it->v.nest.items;
            f += fold_str(&row[0]) + fold_int(&row[1]) + fold_double(&row[2]);
        }
    return f;
}

static inline uint64_t fold_crow_fields(uint64_t nulls, int64_t id, const nested_t *tags,
                                        const nested_t *loc) {
    uint64_t f = nulls & ((UINT64_C(1) << NCFIELDS) - 1);
    if (!(nulls & 1))
        f += (uint64_t)id;
    if (!(nulls >> 1 & 1))
        f += fold_tags(tags);
    if (!(nulls >> 2 & 1))
        f += fold_loc(loc);
    return f;
}

#define CK_ROW(h, r)                                                                               \
    ((h) = ck_row(h, (r)->nulls[0], (r)->f0, &(r)->f1, &(r)->f2, &(r)->f3, &(r)->f4))
#define FOLD_ROW(f, r)                                                                             \
    ((f) += fold_row((r)->nulls[0], (r)->f0, &(r)->f1, &(r)->f2, &(r)->f3, &(r)->f4))
#define CK_CROW(h, r) ((h) = ck_crow_fields(h, (r)->nulls[0], (r)->f0, &(r)->f1, &(r)->f2))
#define FOLD_CROW(f, r) ((f) += fold_crow_fields((r)->nulls[0], (r)->f0, &(r)->f1, &(r)->f2))

/* ---- rows ---- */

/* attribute names: a map has up to 6 of them, distinct */
static const char *const attr_names[] = {
    "color", "size",  "weight", "rank",  "views",    "clicks", "stock", "rating",
    "age",   "level", "score",  "width", "priority", "height", "depth", "version",
};
#define NATTRS (sizeof attr_names / sizeof *attr_names)

static item_t *new_items(pool_t *pool, size_t n) { return pool_alloc(pool, n * sizeof(item_t)); }

/* 3 to 12 of [a-z0-9-], never the csv null literal "null" (which csv would
 * read back as a NULL element) */
static void gen_tag(uint64_t *rng, pool_t *pool, item_t *it) {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
    char tag[12];
    size_t n;
    do {
        n = 3 + rng_below(rng, 10);
        for (size_t i = 0; i < n; i++)
            tag[i] = alphabet[rng_below(rng, i ? sizeof alphabet - 1 : 26)];
    } while (n == 4 && memcmp(tag, "null", 4) == 0);
    it->v.s = (sqlkc_rt_str_t){pool_add(pool, tag, n), n};
}

/* -max to max degrees with 6 decimals: the double nearest to that decimal,
 * as parsing it from text gives */
static double gen_coord(uint64_t *rng, int64_t max) {
    int64_t micro = (int64_t)rng_below(rng, (uint64_t)(2 * max * 1000000 + 1)) - max * 1000000;
    return (double)micro / 1e6;
}

static void gen_row(uint64_t *rng, pool_t *pool, jrow_t *r) {
    memset(r, 0, sizeof *r);
    r->f0 = (int64_t)(rng_next(rng) >> 16);

    uint32_t n = (uint32_t)rng_below(rng, 9); /* tags: 0-8, one in 40 NULL */
    item_t *it = new_items(pool, n);
    for (uint32_t i = 0; i < n; i++)
        if (!(it[i].null = rng_below(rng, 40) == 0))
            gen_tag(rng, pool, &it[i]);
    r->f1 = (nested_t){it, n};

    n = (uint32_t)rng_below(rng, 7); /* attrs: 0-6 distinct names, one value in 20 NULL */
    it = new_items(pool, 2 * (size_t)n);
    size_t order[NATTRS];
    for (size_t i = 0; i < NATTRS; i++)
        order[i] = i;
    for (uint32_t i = 0; i < n; i++) {
        size_t j = i + rng_below(rng, NATTRS - i), k = order[j];
        order[j] = order[i];
        order[i] = k;
        it[2 * i].v.s = (sqlkc_rt_str_t){attr_names[k], strlen(attr_names[k])};
        if (!(it[2 * i + 1].null = rng_below(rng, 20) == 0))
            it[2 * i + 1].v.i = (int64_t)rng_below(rng, 200000) - 1000;
    }
    r->f2 = (nested_t){it, n};

    it = new_items(pool, 2); /* loc: each coordinate NULL one time in 40 */
    if (!(it[0].null = rng_below(rng, 40) == 0))
        it[0].v.d = gen_coord(rng, 90);
    if (!(it[1].null = rng_below(rng, 40) == 0))
        it[1].v.d = gen_coord(rng, 180);
    r->f3 = (nested_t){it, 2};

    n = (uint32_t)rng_below(rng, 6); /* items: 0-5, an item or a field NULL one time in 30 */
    it = new_items(pool, n);
    for (uint32_t i = 0; i < n; i++) {
        if ((it[i].null = rng_below(rng, 30) == 0))
            continue;
        item_t *f = new_items(pool, 3);
        if (!(f[0].null = rng_below(rng, 30) == 0)) {
            char sku[16];
            size_t len = (size_t)snprintf(sku, sizeof sku, "SKU-%0*" PRIu64,
                                          (int)(4 + rng_below(rng, 5)), rng_below(rng, 100000000));
            f[0].v.s = (sqlkc_rt_str_t){pool_add(pool, sku, len), len};
        }
        if (!(f[1].null = rng_below(rng, 30) == 0))
            f[1].v.i = 1 + (int64_t)rng_below(rng, 20);
        if (!(f[2].null = rng_below(rng, 30) == 0))
            f[2].v.d = (double)(1 + rng_below(rng, 50000)) / 100;
        it[i].v.nest = (nested_t){f, 3};
    }
    r->f4 = (nested_t){it, n};

    for (int i = 0; i < NFIELDS; i++) /* each column NULL now and then */
        if (rng_below(rng, 50) == 0)
            SET_NULL(r, i);
}

static void to_arow(const jrow_t *in, arow_t *out) {
    out->nulls[0] = in->nulls[0];
    out->f0 = in->f0;
    out->f1 = in->f1;
    out->f2 = in->f2;
    out->f3 = in->f3;
    out->f4 = in->f4;
}

/* The csv source's row: id, tags and loc, as csv carries them. Flink's csv
 * writes a NULL ARRAY or ROW column as the null literal and reads that back
 * as one NULL element (an array column does not test the whole field for
 * the null literal), which for the ROW is a row length error; so the csv
 * rows have an ARRAY of one NULL element and a ROW of NULL fields there. */
static item_t csv_null_items[2] = {{.null = true}, {.null = true}};

static void to_crow(const jrow_t *in, crow_t *out) {
    out->nulls[0] = in->nulls[0] & 1;
    out->f0 = in->f0;
    out->f1 = IS_NULL(in, 1) ? (nested_t){csv_null_items, 1} : in->f1;
    out->f2 = IS_NULL(in, 3) ? (nested_t){csv_null_items, 2} : in->f3;
}

/* ---- the baselines' decoded items: a buffer reset for each record ---- */

#define BL_ITEMS 4096 /* a record has at most 8 + 12 + 2 + 5 * 4 */
static item_t *bl_mem;
static size_t bl_used;

static inline item_t *bl_items(size_t n) {
    if (n > BL_ITEMS - bl_used)
        return NULL;
    item_t *out = bl_mem + bl_used;
    bl_used += n;
    return out;
}

/* ---- jansson: json_loadb and a walk of the tree; the tree built, json_dumpb ---- */

static json_t *jn_doc; /* the last record read, kept until the next (its strings are the row's) */
static char *jn_buf;   /* output */
static size_t jn_cap = 1 << 16;

static void jansson_init(void) {
    jn_buf = xmalloc(jn_cap);
    bl_mem = xmalloc(BL_ITEMS * sizeof *bl_mem);
}

static void jansson_fini(void) {
    json_decref(jn_doc);
    jn_doc = NULL;
    free(jn_buf);
    free(bl_mem);
}

/* v (a member or element, or NULL if absent): 1 if of the wanted kind, 0 if
 * absent or null, -1 if of another kind. */
static inline int jn_kind(json_t *v, json_type type) {
    if (!v || json_is_null(v))
        return 0;
    if (type == JSON_REAL)
        return json_is_number(v) ? 1 : -1;
    return json_typeof(v) == type ? 1 : -1;
}

static inline int jn_str(json_t *v, item_t *it) {
    int has = jn_kind(v, JSON_STRING);
    if ((it->null = has <= 0))
        return has;
    it->v.s = (sqlkc_rt_str_t){json_string_value(v), json_string_length(v)};
    return 0;
}

static inline int jn_int(json_t *v, item_t *it) {
    int has = jn_kind(v, JSON_INTEGER);
    if ((it->null = has <= 0))
        return has;
    json_int_t x = json_integer_value(v);
    if (x < INT32_MIN || x > INT32_MAX)
        return -1;
    it->v.i = x;
    return 0;
}

static inline int jn_double(json_t *v, item_t *it) {
    int has = jn_kind(v, JSON_REAL);
    if ((it->null = has <= 0))
        return has;
    it->v.d = json_number_value(v);
    return 0;
}

static int jn_get_tags(json_t *a, nested_t *out) {
    size_t i, n = json_array_size(a);
    item_t *it = bl_items(n);
    json_t *e;
    if (!it)
        return -1;
    json_array_foreach(a, i, e) {
        if (jn_str(e, &it[i]) < 0)
            return -1;
    }
    *out = (nested_t){it, (uint32_t)n};
    return 0;
}

static int jn_get_attrs(json_t *o, nested_t *out) {
    size_t n = json_object_size(o), k = 0, key_len;
    item_t *it = bl_items(2 * n);
    const char *key;
    json_t *e;
    if (!it)
        return -1;
    json_object_keylen_foreach(o, key, key_len, e) {
        it[2 * k].null = false;
        it[2 * k].v.s = (sqlkc_rt_str_t){key, key_len};
        if (jn_int(e, &it[2 * k + 1]) < 0)
            return -1;
        k++;
    }
    *out = (nested_t){it, (uint32_t)k};
    return 0;
}

static int jn_get_loc(json_t *o, nested_t *out) {
    item_t *it = bl_items(2);
    if (!it || jn_double(json_object_get(o, "lat"), &it[0]) < 0 ||
        jn_double(json_object_get(o, "lon"), &it[1]) < 0)
        return -1;
    *out = (nested_t){it, 2};
    return 0;
}

static int jn_get_items(json_t *a, nested_t *out) {
    size_t i, n = json_array_size(a);
    item_t *it = bl_items(n);
    json_t *e;
    if (!it)
        return -1;
    json_array_foreach(a, i, e) {
        int has = jn_kind(e, JSON_OBJECT);
        if (has < 0)
            return -1;
        if ((it[i].null = !has))
            continue;
        item_t *f = bl_items(3);
        if (!f || jn_str(json_object_get(e, "sku"), &f[0]) < 0 ||
            jn_int(json_object_get(e, "qty"), &f[1]) < 0 ||
            jn_double(json_object_get(e, "price"), &f[2]) < 0)
            return -1;
        it[i].v.nest = (nested_t){f, 3};
    }
    *out = (nested_t){it, (uint32_t)n};
    return 0;
}

/* Column i from member `name`: get() when it is of kind `type`, NULL when
 * it is absent or null. */
static inline int jn_column(jrow_t *r, int i, const char *name, json_type type,
                            int (*get)(json_t *, nested_t *), nested_t *out) {
    json_t *v = json_object_get(jn_doc, name);
    int has = jn_kind(v, type);
    if (has < 0 || (has && get(v, out)))
        return -1;
    if (!has)
        SET_NULL(r, i);
    return 0;
}

static int jansson_decode(const char *p, size_t n, jrow_t *r) {
    json_error_t e;
    json_decref(jn_doc);
    jn_doc = json_loadb(p, n, 0, &e);
    if (!json_is_object(jn_doc))
        return -1;
    bl_used = 0;
    memset(r->nulls, 0, sizeof r->nulls);
    json_t *v = json_object_get(jn_doc, "id");
    int has = jn_kind(v, JSON_INTEGER);
    if (has < 0)
        return -1;
    has ? (void)(r->f0 = json_integer_value(v)) : (void)SET_NULL(r, 0);
    if (jn_column(r, 1, "tags", JSON_ARRAY, jn_get_tags, &r->f1) ||
        jn_column(r, 2, "attrs", JSON_OBJECT, jn_get_attrs, &r->f2) ||
        jn_column(r, 3, "loc", JSON_OBJECT, jn_get_loc, &r->f3) ||
        jn_column(r, 4, "items", JSON_ARRAY, jn_get_items, &r->f4))
        return -1;
    return 0;
}

static inline json_t *jn_new_str(const item_t *it) {
    return it->null ? json_null() : json_stringn(it->v.s.p, it->v.s.n);
}

static inline json_t *jn_new_int(const item_t *it) {
    return it->null ? json_null() : json_integer(it->v.i);
}

static inline json_t *jn_new_double(const item_t *it) {
    return it->null ? json_null() : json_real(it->v.d);
}

static json_t *jn_new_tags(const nested_t *v) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < v->n; i++)
        json_array_append_new(a, jn_new_str(&v->items[i]));
    return a;
}

static json_t *jn_new_attrs(const nested_t *v) {
    json_t *o = json_object();
    for (uint32_t i = 0; i < v->n; i++) {
        const sqlkc_rt_str_t *key = &v->items[2 * i].v.s;
        json_object_setn_new(o, key->p, key->n, jn_new_int(&v->items[2 * i + 1]));
    }
    return o;
}

static json_t *jn_new_loc(const nested_t *v) {
    json_t *o = json_object();
    json_object_set_new(o, "lat", jn_new_double(&v->items[0]));
    json_object_set_new(o, "lon", jn_new_double(&v->items[1]));
    return o;
}

static json_t *jn_new_items(const nested_t *v) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < v->n; i++) {
        const item_t *it = &v->items[i];
        if (it->null) {
            json_array_append_new(a, json_null());
            continue;
        }
        const item_t *f = it->v.nest.items;
        json_t *o = json_object();
        json_object_set_new(o, "sku", jn_new_str(&f[0]));
        json_object_set_new(o, "qty", jn_new_int(&f[1]));
        json_object_set_new(o, "price", jn_new_double(&f[2]));
        json_array_append_new(a, o);
    }
    return a;
}

static const char *jansson_encode(const jrow_t *r, size_t *n) {
    json_t *o = json_object();
    json_object_set_new(o, "id", IS_NULL(r, 0) ? json_null() : json_integer(r->f0));
    json_object_set_new(o, "tags", IS_NULL(r, 1) ? json_null() : jn_new_tags(&r->f1));
    json_object_set_new(o, "attrs", IS_NULL(r, 2) ? json_null() : jn_new_attrs(&r->f2));
    json_object_set_new(o, "loc", IS_NULL(r, 3) ? json_null() : jn_new_loc(&r->f3));
    json_object_set_new(o, "items", IS_NULL(r, 4) ? json_null() : jn_new_items(&r->f4));
    size_t len = json_dumpb(o, jn_buf, jn_cap, JSON_COMPACT);
    json_decref(o);
    if (len == 0 || len > jn_cap)
        return NULL;
    *n = len;
    return jn_buf;
}

/* ---- avro-c: one generic value per direction, reused ---- */

/* the schema Flink derives for the table (`sqlkc explain nested.sql`) */
static const char avro_schema_json[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.flink.avro.generated\","
    "\"fields\":[{\"name\":\"id\",\"type\":[\"null\",\"long\"],\"default\":null},"
    "{\"name\":\"tags\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"string\"]}],"
    "\"default\":null},"
    "{\"name\":\"attrs\",\"type\":[\"null\",{\"type\":\"map\",\"values\":[\"null\",\"int\"]}],"
    "\"default\":null},"
    "{\"name\":\"loc\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"record_loc\","
    "\"fields\":[{\"name\":\"lat\",\"type\":[\"null\",\"double\"],\"default\":null},"
    "{\"name\":\"lon\",\"type\":[\"null\",\"double\"],\"default\":null}]}],\"default\":null},"
    "{\"name\":\"items\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\","
    "{\"type\":\"record\",\"name\":\"record_items\","
    "\"fields\":[{\"name\":\"sku\",\"type\":[\"null\",\"string\"],\"default\":null},"
    "{\"name\":\"qty\",\"type\":[\"null\",\"int\"],\"default\":null},"
    "{\"name\":\"price\",\"type\":[\"null\",\"double\"],\"default\":null}]}]}],"
    "\"default\":null}]}";

#include "avro_baseline.h"

/* A ["null", T] value (union u, or field i of record u when i >= 0) into
 * *it with get(). */
static inline int av_item(avro_value_t *u, int i, item_t *it,
                          int (*get)(avro_value_t *, item_t *)) {
    avro_value_t b;
    int has = i >= 0 ? av_field(u, (size_t)i, &b) : av_union(u, &b);
    if (has < 0)
        return -1;
    it->null = !has;
    return has ? get(&b, it) : 0;
}

static int av_get_str(avro_value_t *b, item_t *it) { return av_get_string(b, &it->v.s); }

static int av_get_int(avro_value_t *b, item_t *it) {
    int32_t x;
    if (avro_value_get_int(b, &x))
        return -1;
    it->v.i = x;
    return 0;
}

static int av_get_double(avro_value_t *b, item_t *it) { return avro_value_get_double(b, &it->v.d); }

static int av_get_tags(avro_value_t *a, nested_t *out) {
    size_t n;
    item_t *it;
    if (avro_value_get_size(a, &n) || !(it = bl_items(n)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        avro_value_t e;
        if (avro_value_get_by_index(a, i, &e, NULL) || av_item(&e, -1, &it[i], av_get_str))
            return -1;
    }
    *out = (nested_t){it, (uint32_t)n};
    return 0;
}

static int av_get_attrs(avro_value_t *m, nested_t *out) {
    size_t n;
    item_t *it;
    if (avro_value_get_size(m, &n) || !(it = bl_items(2 * n)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        avro_value_t e;
        const char *key;
        if (avro_value_get_by_index(m, i, &e, &key) || av_item(&e, -1, &it[2 * i + 1], av_get_int))
            return -1;
        it[2 * i].null = false;
        it[2 * i].v.s = (sqlkc_rt_str_t){key, strlen(key)};
    }
    *out = (nested_t){it, (uint32_t)n};
    return 0;
}

static int av_get_loc(avro_value_t *rec, nested_t *out) {
    item_t *it = bl_items(2);
    if (!it || av_item(rec, 0, &it[0], av_get_double) || av_item(rec, 1, &it[1], av_get_double))
        return -1;
    *out = (nested_t){it, 2};
    return 0;
}

static int av_get_items(avro_value_t *a, nested_t *out) {
    size_t n;
    item_t *it;
    if (avro_value_get_size(a, &n) || !(it = bl_items(n)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        avro_value_t e, rec;
        int has;
        if (avro_value_get_by_index(a, i, &e, NULL) || (has = av_union(&e, &rec)) < 0)
            return -1;
        if ((it[i].null = !has))
            continue;
        item_t *f = bl_items(3);
        if (!f || av_item(&rec, 0, &f[0], av_get_str) || av_item(&rec, 1, &f[1], av_get_int) ||
            av_item(&rec, 2, &f[2], av_get_double))
            return -1;
        it[i].v.nest = (nested_t){f, 3};
    }
    *out = (nested_t){it, (uint32_t)n};
    return 0;
}

/* Column i of the record read: get() on its value, or NULL. */
static inline int av_column(arow_t *r, int i, int (*get)(avro_value_t *, nested_t *),
                            nested_t *out) {
    avro_value_t b;
    int has = av_field(&av_in, (size_t)i, &b);
    if (has < 0 || (has && get(&b, out)))
        return -1;
    if (!has)
        SET_NULL(r, i);
    return 0;
}

static int avroc_decode(const char *p, size_t n, arow_t *r) {
    avro_value_t b;
    int has;
    if (av_read(p, n) != 0)
        return -1;
    bl_used = 0;
    memset(r->nulls, 0, sizeof r->nulls);
    if ((has = av_field(&av_in, 0, &b)) < 0 || (has && avro_value_get_long(&b, &r->f0)))
        return -1;
    if (!has)
        SET_NULL(r, 0);
    if (av_column(r, 1, av_get_tags, &r->f1) || av_column(r, 2, av_get_attrs, &r->f2) ||
        av_column(r, 3, av_get_loc, &r->f3) || av_column(r, 4, av_get_items, &r->f4))
        return -1;
    return 0;
}

/* The values of ["null", T] union u (or of field i of record u when i >= 0). */
static inline int av_put_str(avro_value_t *u, int i, const item_t *it) {
    avro_value_t b;
    if (i >= 0 ? av_set(u, (size_t)i, !it->null, &b) : av_set_union(u, !it->null, &b))
        return -1;
    /* the rows' strings end in NUL (pool_add), which avro-c counts in the size */
    return it->null ? 0 : avro_value_set_string_len(&b, it->v.s.p, it->v.s.n + 1);
}

static inline int av_put_int(avro_value_t *u, int i, const item_t *it) {
    avro_value_t b;
    if (i >= 0 ? av_set(u, (size_t)i, !it->null, &b) : av_set_union(u, !it->null, &b))
        return -1;
    return it->null ? 0 : avro_value_set_int(&b, (int32_t)it->v.i);
}

static inline int av_put_double(avro_value_t *rec, int i, const item_t *it) {
    avro_value_t b;
    if (av_set(rec, (size_t)i, !it->null, &b))
        return -1;
    return it->null ? 0 : avro_value_set_double(&b, it->v.d);
}

/* Arrays and maps are emptied first: the union's branch is kept from the
 * previous record when it was not NULL there either, with its elements. */
static int av_put_tags(avro_value_t *a, const nested_t *v) {
    avro_value_reset(a);
    for (uint32_t i = 0; i < v->n; i++) {
        avro_value_t e;
        if (avro_value_append(a, &e, NULL) || av_put_str(&e, -1, &v->items[i]))
            return -1;
    }
    return 0;
}

static int av_put_attrs(avro_value_t *m, const nested_t *v) {
    avro_value_reset(m);
    for (uint32_t i = 0; i < v->n; i++) {
        avro_value_t e;
        /* the key is a row string, NUL-terminated */
        if (avro_value_add(m, v->items[2 * i].v.s.p, &e, NULL, NULL) ||
            av_put_int(&e, -1, &v->items[2 * i + 1]))
            return -1;
    }
    return 0;
}

static int av_put_loc(avro_value_t *rec, const nested_t *v) {
    return av_put_double(rec, 0, &v->items[0]) || av_put_double(rec, 1, &v->items[1]) ? -1 : 0;
}

static int av_put_items(avro_value_t *a, const nested_t *v) {
    avro_value_reset(a);
    for (uint32_t i = 0; i < v->n; i++) {
        const item_t *it = &v->items[i];
        avro_value_t e, rec;
        if (avro_value_append(a, &e, NULL) || av_set_union(&e, !it->null, &rec))
            return -1;
        if (it->null)
            continue;
        const item_t *f = it->v.nest.items;
        if (av_put_str(&rec, 0, &f[0]) || av_put_int(&rec, 1, &f[1]) ||
            av_put_double(&rec, 2, &f[2]))
            return -1;
    }
    return 0;
}

static const char *avroc_encode(const arow_t *r, size_t *n) {
    avro_value_t b;
#define SET(i, call)                                                                               \
    if (av_set(&av_out, i, !IS_NULL(r, i), &b) || (!IS_NULL(r, i) && (call)))                      \
    return NULL
    SET(0, avro_value_set_long(&b, r->f0));
    SET(1, av_put_tags(&b, &r->f1));
    SET(2, av_put_attrs(&b, &r->f2));
    SET(3, av_put_loc(&b, &r->f3));
    SET(4, av_put_items(&b, &r->f4));
#undef SET
    return av_write(n);
}

#include "cases.h"
