/* This file is bench/formats for the wide table, one column of every scalar
 * type (BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(10, 2), STRING, TIMESTAMP(3),
 * DATE, BYTES): the codecs `sqlkc gen` emits for wide.sql, called directly,
 * against jansson and avro-c's generic value API written as their users
 * would write them. Values the libraries do not type (timestamps, dates and
 * base64 in JSON, decimals in Avro) are converted with the runtime's own
 * parsers and formatters, so that the baselines spend no more there than
 * the generated code. The generated job is included with its main renamed
 * (BENCH_JOB is its path). */
#include "harness.h"

#include <avro.h>
#include <jansson.h>
#include <math.h>

#define main sqlkc_job_main_unused
#include BENCH_JOB
#undef main

#define TABLE "wide"
typedef src_wide_json_row_t jrow_t;
typedef src_wide_avro_row_t arow_t;
typedef src_wide_csv_row_t crow_t;
/* the sink operators of wide.sql's INSERTs, in statement order */
#define JSON_DECODE src_wide_json_decode_value
#define AVRO_DECODE src_wide_avro_decode_value
#define AVRO_DECODE_CTX 1 /* a string that is not UTF-8 is copied into the scratch arena */
#define CSV_DECODE src_wide_csv_decode_value
#define JSON_SINK op_2_push
#define AVRO_SINK op_5_push
#define CSV_SINK op_8_push

#define NFIELDS 9
#define IS_NULL(r, i) ((r)->nulls[0] >> (i)&1)
#define SET_NULL(r, i) ((r)->nulls[0] |= UINT64_C(1) << (i))

#define CK_ROW(h, r)                                                                               \
    do {                                                                                           \
        h = ck_u64(h, (r)->nulls[0] & ((UINT64_C(1) << NFIELDS) - 1));                             \
        if (!IS_NULL(r, 0))                                                                        \
            h = ck_u64(h, (r)->f0);                                                                \
        if (!IS_NULL(r, 1))                                                                        \
            h = ck_u64(h, (uint64_t)(r)->f1);                                                      \
        if (!IS_NULL(r, 2))                                                                        \
            h = ck_u64(h, (uint64_t)(r)->f2);                                                      \
        if (!IS_NULL(r, 3))                                                                        \
            h = ck_double(h, (r)->f3);                                                             \
        if (!IS_NULL(r, 4))                                                                        \
            h = ck_u64(ck_u64(h, (uint64_t)(r)->f4), (uint64_t)((r)->f4 >> 64));                   \
        if (!IS_NULL(r, 5))                                                                        \
            h = ck_bytes(h, (r)->f5.p, (r)->f5.n);                                                 \
        if (!IS_NULL(r, 6))                                                                        \
            h = ck_u64(ck_u64(h, (uint64_t)(r)->f6.millis), (uint64_t)(r)->f6.nanos);              \
        if (!IS_NULL(r, 7))                                                                        \
            h = ck_u64(h, (uint64_t)(r)->f7);                                                      \
        if (!IS_NULL(r, 8))                                                                        \
            h = ck_bytes(h, (r)->f8.p, (r)->f8.n);                                                 \
    } while (0)

#define FOLD_ROW(f, r)                                                                             \
    do {                                                                                           \
        f += (r)->nulls[0] & ((UINT64_C(1) << NFIELDS) - 1);                                       \
        f += (uint64_t)(r)->f0 + (uint64_t)(r)->f1 + (uint64_t)(r)->f2 + (uint64_t)(r)->f3 +       \
             (uint64_t)(r)->f4 + (uint64_t)(r)->f6.millis + (uint64_t)(r)->f7;                     \
        if (!IS_NULL(r, 5))                                                                        \
            f += (r)->f5.n + ((r)->f5.n ? (unsigned char)(r)->f5.p[0] : 0);                        \
        if (!IS_NULL(r, 8))                                                                        \
            f += (r)->f8.n + ((r)->f8.n ? (unsigned char)(r)->f8.p[0] : 0);                        \
    } while (0)

/* ---- rows ---- */

static const char *const words[] = {
    "alpha",  "bravo",   "charlie", "delta", "echo",  "foxtrot",    "golf",        "hotel",
    "india",  "juliett", "kilo",    "lima",  "mike",  "november",   "oscar",       "papa",
    "quebec", "romeo",   "Zürich",  "東京",  "naïve", "say \"hi\"", "back\\slash", "tab\there",
};

static void gen_row(uint64_t *rng, pool_t *pool, jrow_t *r) {
    memset(r, 0, sizeof *r);
    r->f0 = rng_below(rng, 2);
    r->f1 = (int32_t)rng_below(rng, 200000) - 1000;
    r->f2 = (int64_t)(rng_next(rng) >> 1) - INT64_C(0x3fffffffffffffff);
    switch (rng_below(rng, 4)) { /* short and long decimals, large and small magnitudes */
    case 0:
        r->f3 = (double)rng_below(rng, 100000) / 100;
        break;
    case 1:
        r->f3 = (double)(int64_t)rng_below(rng, 2000000000) / 1000 - 1e6;
        break;
    case 2:
        r->f3 = (double)(rng_next(rng) >> 11) * 0x1p-53 * 1e15;
        break;
    default:
        r->f3 = (double)(rng_next(rng) >> 11) * 0x1p-53 * 1e-5;
        break;
    }
    r->f4 = (sqlkc_rt_dec_t)((int64_t)rng_below(rng, UINT64_C(19999999999)) - INT64_C(9999999999));
    if (rng_below(rng, 4)) /* mostly prices under 10000.00 */
        r->f4 %= 1000000;
    char name[256];
    size_t n = 0, nwords = 1 + rng_below(rng, 5);
    for (size_t w = 0; w < nwords; w++) {
        const char *word = words[rng_below(rng, sizeof words / sizeof *words)];
        n += (size_t)snprintf(name + n, sizeof name - n, "%s%s", w ? " " : "", word);
    }
    r->f5 = (sqlkc_rt_str_t){pool_add(pool, name, n), n};
    r->f6.millis = INT64_C(946684800000) + (int64_t)rng_below(rng, UINT64_C(946684800000));
    r->f7 = (int32_t)rng_below(rng, 25000);
    char payload[48];
    size_t np = rng_below(rng, sizeof payload + 1);
    for (size_t i = 0; i < np; i++)
        payload[i] = (char)rng_next(rng);
    r->f8 = (sqlkc_rt_str_t){pool_add(pool, payload, np), np};
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
    out->f5 = in->f5;
    out->f6 = in->f6;
    out->f7 = in->f7;
    out->f8 = in->f8;
}

/* the csv source's row: the same columns */
static void to_crow(const jrow_t *in, crow_t *out) {
    out->nulls[0] = in->nulls[0];
    out->f0 = in->f0;
    out->f1 = in->f1;
    out->f2 = in->f2;
    out->f3 = in->f3;
    out->f4 = in->f4;
    out->f5 = in->f5;
    out->f6 = in->f6;
    out->f7 = in->f7;
    out->f8 = in->f8;
}

/* ---- jansson: json_loadb + json_object_get; json_object + json_dumpb ---- */

static json_t *jn_doc; /* the last record read, kept until the next (its strings are the row's) */
static char *jn_buf, *jn_bytes; /* output, decoded base64 */
static size_t jn_cap = 1 << 16;

static void jansson_init(void) {
    jn_buf = xmalloc(jn_cap);
    jn_bytes = xmalloc(jn_cap);
}

static void jansson_fini(void) {
    json_decref(jn_doc);
    jn_doc = NULL;
    free(jn_buf);
    free(jn_bytes);
}

/* The member `name`: 1 if present and of the wanted kind (then in *v), 0
 * if absent or null, -1 if of another kind. */
static inline int jn_member(const char *name, json_type type, json_t **v) {
    *v = json_object_get(jn_doc, name);
    if (!*v || json_is_null(*v))
        return 0;
    if (type == JSON_TRUE)
        return json_is_boolean(*v) ? 1 : -1;
    if (type == JSON_REAL)
        return json_is_number(*v) ? 1 : -1;
    return json_typeof(*v) == type ? 1 : -1;
}

static int jansson_decode(const char *p, size_t n, jrow_t *r) {
    json_error_t e;
    json_t *v;
    int has;
    json_decref(jn_doc);
    jn_doc = json_loadb(p, n, 0, &e);
    if (!json_is_object(jn_doc))
        return -1;
    memset(r->nulls, 0, sizeof r->nulls);
    if ((has = jn_member("ok", JSON_TRUE, &v)) < 0)
        return -1;
    has ? (void)(r->f0 = json_is_true(v)) : (void)SET_NULL(r, 0);
    if ((has = jn_member("qty", JSON_INTEGER, &v)) < 0)
        return -1;
    has ? (void)(r->f1 = (int32_t)json_integer_value(v)) : (void)SET_NULL(r, 1);
    if ((has = jn_member("id", JSON_INTEGER, &v)) < 0)
        return -1;
    has ? (void)(r->f2 = json_integer_value(v)) : (void)SET_NULL(r, 2);
    if ((has = jn_member("score", JSON_REAL, &v)) < 0)
        return -1;
    has ? (void)(r->f3 = json_number_value(v)) : (void)SET_NULL(r, 3);
    if ((has = jn_member("price", JSON_REAL, &v)) < 0)
        return -1;
    has ? (void)(r->f4 = llround(json_number_value(v) * 100)) : (void)SET_NULL(r, 4);
    if ((has = jn_member("name", JSON_STRING, &v)) < 0)
        return -1;
    has ? (void)(r->f5 = (sqlkc_rt_str_t){json_string_value(v), json_string_length(v)})
        : (void)SET_NULL(r, 5);
    if ((has = jn_member("seen", JSON_STRING, &v)) < 0)
        return -1;
    if (!has)
        SET_NULL(r, 6);
    else if (sqlkc_rt_parse_timestamp(json_string_value(v), json_string_length(v), false, false,
                                      &r->f6) != 0)
        return -1;
    if ((has = jn_member("day", JSON_STRING, &v)) < 0)
        return -1;
    if (!has)
        SET_NULL(r, 7);
    else if (sqlkc_rt_parse_date(json_string_value(v), json_string_length(v), &r->f7) != 0)
        return -1;
    if ((has = jn_member("payload", JSON_STRING, &v)) < 0)
        return -1;
    if (!has) {
        SET_NULL(r, 8);
    } else {
        if (json_string_length(v) / 4 * 3 > jn_cap ||
            sqlkc_rt_base64_decode(jn_bytes, &r->f8.n, json_string_value(v), json_string_length(v)))
            return -1;
        r->f8.p = jn_bytes;
    }
    return 0;
}

static const char *jansson_encode(const jrow_t *r, size_t *n) {
    char text[SQLKC_RT_FMT_MAX], b64[128];
    json_t *o = json_object();
    json_object_set_new(o, "ok", IS_NULL(r, 0) ? json_null() : json_boolean(r->f0));
    json_object_set_new(o, "qty", IS_NULL(r, 1) ? json_null() : json_integer(r->f1));
    json_object_set_new(o, "id", IS_NULL(r, 2) ? json_null() : json_integer(r->f2));
    json_object_set_new(o, "score", IS_NULL(r, 3) ? json_null() : json_real(r->f3));
    json_object_set_new(o, "price", IS_NULL(r, 4) ? json_null() : json_real((double)r->f4 / 100));
    json_object_set_new(o, "name", IS_NULL(r, 5) ? json_null() : json_stringn(r->f5.p, r->f5.n));
    json_object_set_new(
        o, "seen",
        IS_NULL(r, 6) ? json_null()
                      : json_stringn(text, sqlkc_rt_fmt_timestamp(text, r->f6, false, false)));
    json_object_set_new(
        o, "day", IS_NULL(r, 7) ? json_null() : json_stringn(text, sqlkc_rt_fmt_date(text, r->f7)));
    if (!IS_NULL(r, 8) && sqlkc_rt_base64_len(r->f8.n) > sizeof b64) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "payload",
                        IS_NULL(r, 8)
                            ? json_null()
                            : json_stringn(b64, sqlkc_rt_base64_encode(b64, r->f8.p, r->f8.n)));
    size_t len = json_dumpb(o, jn_buf, jn_cap, JSON_COMPACT);
    json_decref(o);
    if (len == 0 || len > jn_cap)
        return NULL;
    *n = len;
    return jn_buf;
}

/* ---- avro-c: one generic value per direction, reused ---- */

static const char avro_schema_json[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.flink.avro.generated\","
    "\"fields\":[{\"name\":\"ok\",\"type\":[\"null\",\"boolean\"],\"default\":null},"
    "{\"name\":\"qty\",\"type\":[\"null\",\"int\"],\"default\":null},"
    "{\"name\":\"id\",\"type\":[\"null\",\"long\"],\"default\":null},"
    "{\"name\":\"score\",\"type\":[\"null\",\"double\"],\"default\":null},"
    "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\","
    "\"precision\":10,\"scale\":2}],\"default\":null},"
    "{\"name\":\"name\",\"type\":[\"null\",\"string\"],\"default\":null},"
    "{\"name\":\"seen\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-"
    "millis\"}],\"default\":null},"
    "{\"name\":\"day\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],"
    "\"default\":null},"
    "{\"name\":\"payload\",\"type\":[\"null\",\"bytes\"],\"default\":null}]}";

#include "avro_baseline.h"

/* An Avro decimal: the unscaled value's big-endian two's complement. */
static int decimal_from_bytes(const sqlkc_rt_str_t *b, sqlkc_rt_dec_t *out) {
    if (b->n == 0 || b->n > 16)
        return -1;
    unsigned __int128 v = (signed char)b->p[0] < 0 ? ~(unsigned __int128)0 : 0;
    for (size_t i = 0; i < b->n; i++)
        v = v << 8 | (unsigned char)b->p[i];
    *out = (sqlkc_rt_dec_t)v;
    return 0;
}

/* The shortest two's complement form, as Java's BigInteger.toByteArray. */
static size_t decimal_to_bytes(sqlkc_rt_dec_t v, unsigned char out[16]) {
    size_t n = 16;
    for (int i = 15; i >= 0; i--, v >>= 8)
        out[i] = (unsigned char)v;
    size_t skip = 0;
    while (skip < n - 1 && ((out[skip] == 0 && !(out[skip + 1] & 0x80)) ||
                            (out[skip] == 0xff && (out[skip + 1] & 0x80))))
        skip++;
    memmove(out, out + skip, n - skip);
    return n - skip;
}

static int avroc_decode(const char *p, size_t n, arow_t *r) {
    avro_value_t b;
    int has, i32;
    sqlkc_rt_str_t s;
    if (av_read(p, n) != 0)
        return -1;
    memset(r->nulls, 0, sizeof r->nulls);
    if ((has = av_field(&av_in, 0, &b)) < 0 || (has && avro_value_get_boolean(&b, &i32)))
        return -1;
    has ? (void)(r->f0 = i32 != 0) : (void)SET_NULL(r, 0);
    if ((has = av_field(&av_in, 1, &b)) < 0 || (has && avro_value_get_int(&b, &r->f1)))
        return -1;
    if (!has)
        SET_NULL(r, 1);
    if ((has = av_field(&av_in, 2, &b)) < 0 || (has && avro_value_get_long(&b, &r->f2)))
        return -1;
    if (!has)
        SET_NULL(r, 2);
    if ((has = av_field(&av_in, 3, &b)) < 0 || (has && avro_value_get_double(&b, &r->f3)))
        return -1;
    if (!has)
        SET_NULL(r, 3);
    if ((has = av_field(&av_in, 4, &b)) < 0 ||
        (has && (av_get_bytes(&b, &s) || decimal_from_bytes(&s, &r->f4))))
        return -1;
    if (!has)
        SET_NULL(r, 4);
    if ((has = av_field(&av_in, 5, &b)) < 0 || (has && av_get_string(&b, &r->f5)))
        return -1;
    if (!has)
        SET_NULL(r, 5);
    r->f6.nanos = 0;
    if ((has = av_field(&av_in, 6, &b)) < 0 || (has && avro_value_get_long(&b, &r->f6.millis)))
        return -1;
    if (!has)
        SET_NULL(r, 6);
    if ((has = av_field(&av_in, 7, &b)) < 0 || (has && avro_value_get_int(&b, &r->f7)))
        return -1;
    if (!has)
        SET_NULL(r, 7);
    if ((has = av_field(&av_in, 8, &b)) < 0 || (has && av_get_bytes(&b, &r->f8)))
        return -1;
    if (!has)
        SET_NULL(r, 8);
    return 0;
}

static const char *avroc_encode(const arow_t *r, size_t *n) {
    avro_value_t b;
    unsigned char dec[16];
#define SET(i, call)                                                                               \
    if (av_set(&av_out, i, !IS_NULL(r, i), &b) || (!IS_NULL(r, i) && (call)))                      \
    return NULL
    SET(0, avro_value_set_boolean(&b, r->f0));
    SET(1, avro_value_set_int(&b, r->f1));
    SET(2, avro_value_set_long(&b, r->f2));
    SET(3, avro_value_set_double(&b, r->f3));
    SET(4, avro_value_set_bytes(&b, dec, decimal_to_bytes(r->f4, dec)));
    SET(5, avro_value_set_string_len(&b, r->f5.p, r->f5.n + 1)); /* the pool's strings end in NUL */
    SET(6, avro_value_set_long(&b, r->f6.millis));
    SET(7, avro_value_set_int(&b, r->f7));
    SET(8, avro_value_set_bytes(&b, (void *)r->f8.p, r->f8.n));
#undef SET
    return av_write(n);
}

#include "cases.h"
