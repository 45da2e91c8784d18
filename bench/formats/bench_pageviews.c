/* This file is bench/formats for the pageviews table (user_id BIGINT,
 * page_id BIGINT, viewtime TIMESTAMP(3), user_region STRING): the codecs
 * `sqlkc gen` emits for pageviews.sql, called directly, against jansson and
 * avro-c's generic value API written as their users would write them. The
 * generated job is included with its main renamed (BENCH_JOB is its path). */
#include "harness.h"

#include <avro.h>
#include <jansson.h>

#define main sqlkc_job_main_unused
#include BENCH_JOB
#undef main

#define TABLE "pageviews"
typedef src_pv_json_row_t jrow_t;
typedef src_pv_avro_row_t arow_t;
typedef src_pv_csv_row_t crow_t;
typedef src_pv_raw_row_t rrow_t;
#define HAVE_RAW 1
/* the sink operators of pageviews.sql's INSERTs, in statement order */
#define JSON_DECODE src_pv_json_decode_value
#define AVRO_DECODE src_pv_avro_decode_value
#define AVRO_DECODE_CTX 1 /* a string that is not UTF-8 is copied into the scratch arena */
#define CSV_DECODE src_pv_csv_decode_value
#define RAW_DECODE src_pv_raw_decode_value
#define JSON_SINK op_2_push
#define AVRO_SINK op_5_push
#define CSV_SINK op_8_push
#define RAW_SINK op_11_push

#define NFIELDS 4
#define IS_NULL(r, i) ((r)->nulls[0] >> (i)&1)
#define SET_NULL(r, i) ((r)->nulls[0] |= UINT64_C(1) << (i))

#define CK_ROW(h, r)                                                                               \
    do {                                                                                           \
        h = ck_u64(h, (r)->nulls[0] & ((UINT64_C(1) << NFIELDS) - 1));                             \
        if (!IS_NULL(r, 0))                                                                        \
            h = ck_u64(h, (uint64_t)(r)->f0);                                                      \
        if (!IS_NULL(r, 1))                                                                        \
            h = ck_u64(h, (uint64_t)(r)->f1);                                                      \
        if (!IS_NULL(r, 2))                                                                        \
            h = ck_u64(ck_u64(h, (uint64_t)(r)->f2.millis), (uint64_t)(r)->f2.nanos);              \
        if (!IS_NULL(r, 3))                                                                        \
            h = ck_bytes(h, (r)->f3.p, (r)->f3.n);                                                 \
    } while (0)

#define FOLD_ROW(f, r)                                                                             \
    do {                                                                                           \
        f += (r)->nulls[0] & ((UINT64_C(1) << NFIELDS) - 1);                                       \
        f += (uint64_t)(r)->f0 + (uint64_t)(r)->f1 + (uint64_t)(r)->f2.millis;                     \
        if (!IS_NULL(r, 3))                                                                        \
            f += (r)->f3.n + (unsigned char)(r)->f3.p[0];                                          \
    } while (0)

/* ---- rows: like bench/pageviews/gen_pageviews.py ---- */

static const char *const special_regions[] = {
    "Zürich", "東京", "São Paulo", "Kraków", "Bad \"Quote\" \\ Land", "Montréal", "Reykjavík",
};
static const char *const continents[] = {"eu", "us", "ap", "sa", "af", "me", "ca", "oc"};
static const char *const sides[] = {"north", "south", "east", "west", "central"};
static const char *const cities[] = {
    "paris",  "berlin", "madrid", "rome",    "oslo",    "lisbon", "dublin",  "warsaw",
    "boston", "denver", "austin", "seattle", "chicago", "miami",  "toronto", "lima",
    "tokyo",  "osaka",  "seoul",  "mumbai",  "delhi",   "sydney", "perth",   "jakarta",
};
#define NREGIONS 1000
#define NUSERS 100000

static sqlkc_rt_str_t regions[NREGIONS];
static int64_t viewtime = INT64_C(1795600800000); /* 2026-11-25 10:00:00.000 */

static void gen_row(uint64_t *rng, pool_t *pool, jrow_t *r) {
    if (!regions[0].p) {
        uint64_t s = 7;
        for (size_t i = 0; i < NREGIONS; i++) {
            char name[64];
            size_t nspecial = sizeof special_regions / sizeof *special_regions;
            if (i < nspecial)
                snprintf(name, sizeof name, "%s", special_regions[i]);
            else
                snprintf(name, sizeof name, "%s-%s-%s-%zu", continents[rng_below(&s, 8)],
                         sides[rng_below(&s, 5)], cities[rng_below(&s, 24)], i);
            regions[i].n = strlen(name);
            regions[i].p = pool_add(pool, name, regions[i].n);
        }
    }
    memset(r, 0, sizeof *r);
    uint64_t user = rng_below(rng, NUSERS);
    r->f0 = (int64_t)user;
    /* page ids log-uniform: 1..9999, popular pages first */
    static const int64_t pow10[] = {1, 10, 100, 1000};
    int64_t decade = pow10[rng_below(rng, 4)];
    r->f1 = decade + (int64_t)rng_below(rng, (uint64_t)(9 * decade));
    viewtime += (int64_t)rng_below(rng, 6);
    r->f2.millis = viewtime;
    /* 90% of a user's views come from a home region */
    uint64_t region =
        rng_below(rng, 10) < 9 ? user * 2654435761u % NREGIONS : rng_below(rng, NREGIONS);
    r->f3 = regions[region];
    if (rng_below(rng, 200) == 0) /* now and then a view without a region */
        SET_NULL(r, 3);
}

static void to_arow(const jrow_t *in, arow_t *out) {
    out->nulls[0] = in->nulls[0];
    out->f0 = in->f0;
    out->f1 = in->f1;
    out->f2 = in->f2;
    out->f3 = in->f3;
}

/* the csv source's row: the same columns */
static void to_crow(const jrow_t *in, crow_t *out) {
    out->nulls[0] = in->nulls[0];
    out->f0 = in->f0;
    out->f1 = in->f1;
    out->f2 = in->f2;
    out->f3 = in->f3;
}

/* ---- jansson: json_loadb + json_object_get; json_object + json_dumpb ---- */

static json_t *jn_doc; /* the last record read, kept until the next (its strings are the row's) */
static char *jn_buf;
static size_t jn_cap = 1 << 16;

static void jansson_init(void) { jn_buf = xmalloc(jn_cap); }

static void jansson_fini(void) {
    json_decref(jn_doc);
    jn_doc = NULL;
    free(jn_buf);
}

static int jansson_decode(const char *p, size_t n, jrow_t *r) {
    json_error_t e;
    json_t *v;
    json_decref(jn_doc);
    jn_doc = json_loadb(p, n, 0, &e);
    if (!json_is_object(jn_doc))
        return -1;
    memset(r->nulls, 0, sizeof r->nulls);
    if (json_is_integer(v = json_object_get(jn_doc, "user_id")))
        r->f0 = json_integer_value(v);
    else if (!v || json_is_null(v))
        SET_NULL(r, 0);
    else
        return -1;
    if (json_is_integer(v = json_object_get(jn_doc, "page_id")))
        r->f1 = json_integer_value(v);
    else if (!v || json_is_null(v))
        SET_NULL(r, 1);
    else
        return -1;
    if (json_is_string(v = json_object_get(jn_doc, "viewtime"))) {
        if (sqlkc_rt_parse_timestamp(json_string_value(v), json_string_length(v), false, false,
                                     &r->f2) != 0)
            return -1;
    } else if (!v || json_is_null(v)) {
        SET_NULL(r, 2);
    } else {
        return -1;
    }
    if (json_is_string(v = json_object_get(jn_doc, "user_region")))
        r->f3 = (sqlkc_rt_str_t){json_string_value(v), json_string_length(v)};
    else if (!v || json_is_null(v))
        SET_NULL(r, 3);
    else
        return -1;
    return 0;
}

static const char *jansson_encode(const jrow_t *r, size_t *n) {
    char ts[SQLKC_RT_FMT_MAX];
    json_t *o = json_object();
    json_object_set_new(o, "user_id", IS_NULL(r, 0) ? json_null() : json_integer(r->f0));
    json_object_set_new(o, "page_id", IS_NULL(r, 1) ? json_null() : json_integer(r->f1));
    json_object_set_new(o, "viewtime",
                        IS_NULL(r, 2)
                            ? json_null()
                            : json_stringn(ts, sqlkc_rt_fmt_timestamp(ts, r->f2, false, false)));
    json_object_set_new(o, "user_region",
                        IS_NULL(r, 3) ? json_null() : json_stringn(r->f3.p, r->f3.n));
    size_t len = json_dumpb(o, jn_buf, jn_cap, JSON_COMPACT);
    json_decref(o);
    if (len == 0 || len > jn_cap)
        return NULL;
    *n = len;
    return jn_buf;
}

/* ---- avro-c: one generic value per direction, reused (avro_value_read,
 * avro_value_write over memory readers and writers) ---- */

static const char avro_schema_json[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.flink.avro.generated\","
    "\"fields\":[{\"name\":\"user_id\",\"type\":[\"null\",\"long\"],\"default\":null},"
    "{\"name\":\"page_id\",\"type\":[\"null\",\"long\"],\"default\":null},"
    "{\"name\":\"viewtime\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-"
    "millis\"}],\"default\":null},"
    "{\"name\":\"user_region\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

#include "avro_baseline.h"

static int avroc_decode(const char *p, size_t n, arow_t *r) {
    avro_value_t b;
    int has;
    if (av_read(p, n) != 0)
        return -1;
    memset(r->nulls, 0, sizeof r->nulls);
    if ((has = av_field(&av_in, 0, &b)) < 0 || (has && avro_value_get_long(&b, &r->f0)))
        return -1;
    if (!has)
        SET_NULL(r, 0);
    if ((has = av_field(&av_in, 1, &b)) < 0 || (has && avro_value_get_long(&b, &r->f1)))
        return -1;
    if (!has)
        SET_NULL(r, 1);
    r->f2.nanos = 0;
    if ((has = av_field(&av_in, 2, &b)) < 0 || (has && avro_value_get_long(&b, &r->f2.millis)))
        return -1;
    if (!has)
        SET_NULL(r, 2);
    if ((has = av_field(&av_in, 3, &b)) < 0 || (has && av_get_string(&b, &r->f3)))
        return -1;
    if (!has)
        SET_NULL(r, 3);
    return 0;
}

static const char *avroc_encode(const arow_t *r, size_t *n) {
    avro_value_t b;
    if (av_set(&av_out, 0, !IS_NULL(r, 0), &b) ||
        (!IS_NULL(r, 0) && avro_value_set_long(&b, r->f0)))
        return NULL;
    if (av_set(&av_out, 1, !IS_NULL(r, 1), &b) ||
        (!IS_NULL(r, 1) && avro_value_set_long(&b, r->f1)))
        return NULL;
    if (av_set(&av_out, 2, !IS_NULL(r, 2), &b) ||
        (!IS_NULL(r, 2) && avro_value_set_long(&b, r->f2.millis)))
        return NULL;
    if (av_set(&av_out, 3, !IS_NULL(r, 3), &b) ||
        (!IS_NULL(r, 3) && avro_value_set_string_len(&b, r->f3.p, r->f3.n + 1)))
        return NULL;
    return av_write(n);
}

#include "cases.h"
