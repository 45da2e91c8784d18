/* This file tests nested values (runtime nested.h) and their codecs: the
 * readers and writers the compiler generates per type (gen_ncodec.c), driven
 * through the job tests/unit/test_nested.sql in memory and compared with the
 * reference codec (tests/support/ref_nested.c) on the same input; Flink's
 * map order (checked against a real java.util.HashMap through
 * tests/tools/FlinkMapOrder.java); deep copies that share nothing with the
 * original; equality; and Flink's rules for ARRAY, MAP, MULTISET and ROW
 * (null at every level, ignore-parse-errors at the innermost value,
 * map-null-key modes, rows by name, timestamp units in Avro). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ref_nested.h"
#include "sqlkc/json.h"
#include "sqlkc/mem.h"
#include "sqlkc/nested.h"

#define main sqlkc_job_main_unused
#include TEST_JOB
#undef main

static void *heap_alloc(void *arg, size_t n)
{
    (void)arg;
    void *p = NULL;
    if (posix_memalign(&p, 16, n ? n : 1) != 0)
        abort();
    return p; /* leaked on purpose: the test process is short */
}

static const sqlkc_rt_type_t t_str = {SQLKC_RT_T_STRING, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t t_int = {SQLKC_RT_T_INT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t t_dbl = {SQLKC_RT_T_DOUBLE, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t t_ts = {SQLKC_RT_T_TIMESTAMP, true, 3, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t *const arr_str_sub[] = {&t_str};
static const sqlkc_rt_type_t t_arr_str = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, arr_str_sub, NULL};
static const sqlkc_rt_type_t *const arr_int_sub[] = {&t_int};
static const sqlkc_rt_type_t t_arr_int = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, arr_int_sub, NULL};
static const sqlkc_rt_type_t *const map_sub[] = {&t_str, &t_int};
static const sqlkc_rt_type_t t_map = {SQLKC_RT_T_MAP, true, -1, -1, 2, map_sub, NULL};
static const sqlkc_rt_type_t t_bag = {SQLKC_RT_T_MULTISET, true, -1, -1, 2, map_sub, NULL};
static const sqlkc_rt_type_t *const row_sub[] = {&t_dbl, &t_str, &t_arr_int, &t_ts};
static const char *const row_names[] = {"x", "label", "v", "at"};
static const sqlkc_rt_type_t t_row = {SQLKC_RT_T_ROW, true, -1, -1, 4, row_sub, row_names};
static const sqlkc_rt_type_t *const arr_row_sub[] = {&t_row};
static const sqlkc_rt_type_t t_arr_row = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, arr_row_sub, NULL};

/* ---- the generated codecs, through the job ---- */

static sqlkc_rt_ctx_t *ctx;
static char *out_value; /* what the last record wrote to a sink */
static size_t out_len;

static int on_emit(void *arg, size_t table, const void *key, size_t key_len, const void *value, size_t value_len,
                   int64_t ts)
{
    (void)arg, (void)table, (void)key, (void)key_len, (void)ts;
    free(out_value);
    out_value = malloc(value_len + 1);
    memcpy(out_value, value, value_len);
    out_value[value_len] = 0;
    out_len = value_len;
    return SQLKC_RT_OK;
}

static size_t table_index(const char *name)
{
    for (size_t i = 0; i < job.ntables; i++)
        if (strcmp(job.tables[i].name, name) == 0)
            return i;
    fail_msg("no table %s in test_nested.sql", name);
    return 0;
}

/* One record through source `table` and its copy into `table`_out:
 * SQLKC_RT_OK with the bytes written in out_value, or SQLKC_RT_ERR. */
static int through(const char *table, const void *value, size_t len)
{
    free(out_value);
    out_value = NULL;
    sqlkc_rt_msg_t msg = {table, 0, 0, -1, SQLKC_RT_TS_NONE, -1, NULL, 0, value, len, NULL};
    return sqlkc_rt_mem_process(ctx, table_index(table), &msg);
}

/* The generated json decoder of table T's value: 1 with the column, 0 for
 * NULL, -1 with why in err. */
#define JSON_DECODER(T)                                                                                  \
    static int get_##T(const char *data, size_t len, sqlkc_rt_nested_t *out, char *err)                   \
    {                                                                                                    \
        src_##T##_row_t row;                                                                             \
        sqlkc_rt_jcur_t cur;                                                                             \
        memset(&row, 0, sizeof row);                                                                     \
        int r = src_##T##_decode_value(ctx, data, len, &row, &cur);                                      \
        snprintf(err, 160, "%s", r < 0 ? cur.err : "");                                                  \
        if (r < 0)                                                                                       \
            return -1;                                                                                   \
        *out = row.f0;                                                                                   \
        return (row.nulls[0] & 1) ? 0 : 1;                                                               \
    }
JSON_DECODER(j_arr_str)
JSON_DECODER(j_arr_int)
JSON_DECODER(j_map)
JSON_DECODER(j_bag)
JSON_DECODER(j_row)
JSON_DECODER(j_arr_row)
JSON_DECODER(ji_arr_int)
JSON_DECODER(ji_arr_row)
JSON_DECODER(ji_map)
JSON_DECODER(jm_row)

typedef int (*get_fn)(const char *, size_t, sqlkc_rt_nested_t *, char *);

/* The tables of a descriptor: its json source under flags and its avro one. */
static const struct {
    const sqlkc_rt_type_t *t;
    unsigned flags;
    const char *table, *avro;
    get_fn get;
} cases[] = {
    {&t_arr_str, 0, "j_arr_str", "a_arr_str", get_j_arr_str},
    {&t_arr_int, 0, "j_arr_int", "a_arr_int", get_j_arr_int},
    {&t_map, 0, "j_map", "a_map", get_j_map},
    {&t_bag, 0, "j_bag", "a_bag", get_j_bag},
    {&t_row, 0, "j_row", "a_row", get_j_row},
    {&t_arr_row, 0, "j_arr_row", "a_arr_row", get_j_arr_row},
    {&t_arr_int, SQLKC_RT_JSON_F_IGNORE, "ji_arr_int", NULL, get_ji_arr_int},
    {&t_arr_row, SQLKC_RT_JSON_F_IGNORE, "ji_arr_row", NULL, get_ji_arr_row},
    {&t_map, SQLKC_RT_JSON_F_IGNORE, "ji_map", NULL, get_ji_map},
    {&t_row, SQLKC_RT_JSON_F_FAIL_MISSING, "jm_row", NULL, get_jm_row},
};

static int find(const sqlkc_rt_type_t *t, unsigned flags)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cases[i].t == t && cases[i].flags == flags)
            return (int)i;
    fail_msg("no table for this type and flags");
    return -1;
}

/* Reads a JSON value of type t under flags with the generated reader (the
 * column v of {"v": json}) and with the reference reader, which must agree:
 * the same outcome and equal values. Returns the generated reader's 1, 0
 * (NULL) or -1 (why in err) and its value. The value lives until the next
 * record goes through the job. */
static int get(const char *json, const sqlkc_rt_type_t *t, unsigned flags, sqlkc_rt_nested_t *out, char *err)
{
    sqlkc_rt_jcur_t c;
    size_t n = strlen(json);
    char *copy = malloc(n ? n : 1); /* exact size: a stray read is caught by ASan */
    memcpy(copy, json, n);
    sqlkc_rt_jcur_init(&c, copy, n, heap_alloc, NULL);
    sqlkc_rt_nested_t want;
    int r = ref_json_get_nested(&c, &want, t, flags);
    if (r >= 0 && sqlkc_rt_json_end(&c) < 0)
        r = -1;
    /* a conversion error of the column itself is NULL under ignore-parse-errors */
    if (r < 0 && !c.fatal && (flags & SQLKC_RT_JSON_F_IGNORE))
        r = 0;

    int k = find(t, flags);
    size_t wn = n + 6;
    char *wrapped = malloc(wn); /* copies stay alive: strings may point into them */
    memcpy(wrapped, "{\"v\":", 5);
    memcpy(wrapped + 5, json, n);
    wrapped[wn - 1] = '}';
    char gerr[160];
    int g = cases[k].get(wrapped, wn, out, gerr);
    if (g != r)
        fail_msg("%s (%s): generated %d (%s), reference %d (%s)", json, cases[k].table, g, gerr, r, c.err);
    if (g == 1 && !sqlkc_rt_nested_equal(out, &want, t))
        fail_msg("%s (%s): the generated and the reference reader read different values", json, cases[k].table);
    if (err)
        snprintf(err, 160, "%s", gerr);
    return g;
}

static char *put(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, const sqlkc_rt_json_opts_t *o)
{
    sqlkc_rt_buf_t b = {0};
    const char *why = ref_json_put_nested(&b, v, t, o);
    if (why) {
        sqlkc_rt_buf_free(&b);
        return strdup(why);
    }
    char *s = strndup(b.p ? b.p : "", b.len);
    sqlkc_rt_buf_free(&b);
    return s;
}

/* v (read by get) written by the reference Avro writer, read by the job's
 * generated avro reader and written by its generated writer: the same
 * bytes, and the job reads the same value. */
static void avro_check(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, bool is_null)
{
    int k = find(t, 0);
    sqlkc_rt_buf_t b = {0};
    sqlkc_rt_avro_put_int(&b, is_null ? 0 : 1); /* the column's union */
    if (!is_null)
        assert_null(ref_avro_put_nested(&b, v, t, heap_alloc, NULL));
    char *datum = malloc(b.len ? b.len : 1);
    memcpy(datum, b.p, b.len);
    if (through(cases[k].avro, datum, b.len) != SQLKC_RT_OK)
        fail_msg("%s: %s", cases[k].avro, sqlkc_rt_mem_error(ctx));
    assert_non_null(out_value);
    assert_int_equal(out_len, b.len);
    assert_memory_equal(out_value, b.p, b.len);
    sqlkc_rt_buf_free(&b);
    free(datum);
}

/* A JSON document {"v": in} through table j_<t> and its sink: {"v": want}. */
static void job_roundtrip(const char *table, const char *in, const char *want)
{
    char *doc = malloc(strlen(in) + 8), *exp = malloc(strlen(want) + 8);
    sprintf(doc, "{\"v\":%s}", in);
    sprintf(exp, "{\"v\":%s}", want);
    if (through(table, doc, strlen(doc)) != SQLKC_RT_OK)
        fail_msg("%s: %s: %s", table, in, sqlkc_rt_mem_error(ctx));
    assert_non_null(out_value);
    assert_string_equal(out_value, exp);
    free(doc);
    free(exp);
}

static const sqlkc_rt_json_opts_t plain = {false, false, SQLKC_RT_JSON_NULL_KEY_FAIL, "null", false};

/* A JSON value read and written back. */
static void roundtrip(const char *in, const sqlkc_rt_type_t *t, const char *want)
{
    sqlkc_rt_nested_t v;
    char err[160];
    int r = get(in, t, 0, &v, err);
    if (r != 1)
        fail_msg("%s: %d %s", in, r, err);
    char *s = put(&v, t, &plain);
    assert_string_equal(s, want);
    free(s);
    avro_check(&v, t, r == 0);
    job_roundtrip(cases[find(t, 0)].table, in, want);
}

static void test_map_order(void **state)
{
    (void)state;
    /* expected orders from: java tests/tools/FlinkMapOrder.java <keys> */
    roundtrip("{\"one\":1,\"two\":2,\"three\":3,\"four\":4,\"five\":5,\"x\":null}", &t_map,
              "{\"two\":2,\"x\":null,\"one\":1,\"three\":3,\"four\":4,\"five\":5}");
    roundtrip("{\"k\":1,\"k\":2,\"j\":3}", &t_map, "{\"j\":3,\"k\":2}");
    /* 25 keys: the table grew to 32 and then 64 buckets */
    char in[1024], want[1024];
    int k = snprintf(in, sizeof in, "{");
    for (int i = 0; i < 20; i++)
        k += snprintf(in + k, sizeof in - (size_t)k, "\"key%d\":%d,", i, i);
    snprintf(in + k, sizeof in - (size_t)k, "\"h\\u00e9llo\":20,\"a\":21,\"ab\":22,\"abc\":23,\"abcde\":24}");
    const char *order = "key14 key0 key18 key2 key9 ab key16 key5 key6 key12 key15 a key13 h\xc3\xa9llo key17 key1 "
                        "key19 key7 abc abcde key4 key3 key8 key11 key10";
    sqlkc_rt_nested_t v;
    assert_int_equal(get(in, &t_map, 0, &v, NULL), 1);
    assert_int_equal(v.n, 25);
    k = snprintf(want, sizeof want, "{");
    char names[512];
    snprintf(names, sizeof names, "%s", order);
    for (char *tok = strtok(names, " "); tok; tok = strtok(NULL, " ")) {
        int val = strncmp(tok, "key", 3) == 0 ? atoi(tok + 3) : strcmp(tok, "a") == 0 ? 21 : strcmp(tok, "ab") == 0 ? 22
                  : strcmp(tok, "abc") == 0 ? 23 : strcmp(tok, "abcde") == 0 ? 24 : 20;
        k += snprintf(want + k, sizeof want - (size_t)k, "%s\"%s\":%d", k > 1 ? "," : "", tok, val);
    }
    snprintf(want + k, sizeof want - (size_t)k, "}");
    char *s = put(&v, &t_map, &plain);
    assert_string_equal(s, want);
    free(s);
    /* MULTISET: element -> count */
    roundtrip("{\"apple\":2,\"pear\":1}", &t_bag, "{\"apple\":2,\"pear\":1}");
    /* keys crowding one bucket: Java resizes a table of fewer than 64
     * buckets when a put makes a bucket hold 9 (9 of these keys share a
     * bucket of 16, then of 32 too in the second map) */
    roundtrip("{\"kb4c1f\":0,\"kb26ed\":1,\"kb5c8b\":2,\"kf49fb\":3,\"kd7341\":4,\"k7c8e3\":5,\"kdbe23\":6,"
              "\"k132fa\":7,\"k3e176\":8,\"k6e23a\":9,\"k6cb3e\":10}", &t_map,
              "{\"kb5c8b\":2,\"kf49fb\":3,\"kd7341\":4,\"k7c8e3\":5,\"kdbe23\":6,\"k6cb3e\":10,\"kb26ed\":1,"
              "\"kb4c1f\":0,\"k132fa\":7,\"k3e176\":8,\"k6e23a\":9}");
    roundtrip("{\"k2e3da\":0,\"k9e934\":1,\"ka0bf8\":2,\"k54ea3\":3,\"kf54ce\":4,\"kea87\":5,\"k508b9\":6,"
              "\"k29646\":7,\"k175cd\":8,\"k47838\":9,\"k5cb2e\":10,\"kbe7aa\":11}", &t_map,
              "{\"k54ea3\":3,\"kf54ce\":4,\"kea87\":5,\"k508b9\":6,\"k29646\":7,\"k175cd\":8,\"k47838\":9,"
              "\"k5cb2e\":10,\"kbe7aa\":11,\"ka0bf8\":2,\"k2e3da\":0,\"k9e934\":1}");
    /* the same for the String keys of the HashMap the Avro writer iterates
     * (java tests/tools/FlinkMapOrder.java S <keys>) */
    static const char *const crowd[] = {"kb4c1f", "kc9eac", "k6ebd9", "kd7341", "kb9513",
                                        "kd94e2", "k5b0b7", "kd09e0", "k64283", "kde0a2"};
    static const char *const java_order[] = {"kc9eac", "k6ebd9", "kd7341", "kb9513", "k5b0b7",
                                             "kd09e0", "k64283", "kb4c1f", "kd94e2", "kde0a2"};
    sqlkc_rt_item_t entries[20];
    memset(entries, 0, sizeof entries);
    for (int i = 0; i < 10; i++)
        entries[2 * i].v.s = (sqlkc_rt_str_t){crowd[i], strlen(crowd[i])};
    sqlkc_rt_item_t *ordered;
    assert_int_equal(sqlkc_rt_avro_map_write_order(&(sqlkc_rt_nested_t){entries, 10}, &ordered, heap_alloc, NULL), 10);
    for (int i = 0; i < 10; i++)
        assert_string_equal(strndup(ordered[2 * i].v.s.p, ordered[2 * i].v.s.n), java_order[i]);
}

static void test_hashes(void **state)
{
    (void)state;
    /* String.hashCode from jshell: UTF-16 code units, a surrogate pair for U+1F600 */
    assert_int_equal(sqlkc_rt_java_string_hash("hello", 5), 99162322);
    assert_int_equal(sqlkc_rt_java_string_hash("", 0), 0);
    assert_int_equal(sqlkc_rt_java_string_hash("h\xc3\xa9llo", 6), 103094734);
    assert_int_equal(sqlkc_rt_java_string_hash("a\xf0\x9f\x98\x80" "b", 6), 57849694);
    assert_int_equal(sqlkc_rt_java_string_hash("\xe2\x82\xac", 3), 8364);
}

static void test_rows_arrays(void **state)
{
    (void)state;
    roundtrip("[\"a\",\"b\",null]", &t_arr_str, "[\"a\",\"b\",null]");
    roundtrip("[]", &t_arr_str, "[]");
    /* rows by name, in field order, an unknown member skipped, a missing one NULL */
    roundtrip("{\"label\":\"p\\\"q\",\"extra\":{\"deep\":[1]},\"x\":1}", &t_row,
              "{\"x\":1.0,\"label\":\"p\\\"q\",\"v\":null,\"at\":null}");
    roundtrip("[{\"x\":2.5,\"v\":[1,null,3],\"at\":\"2024-01-02 03:04:05.120\",\"label\":null},null]", &t_arr_row,
              "[{\"x\":2.5,\"label\":null,\"v\":[1,null,3],\"at\":\"2024-01-02 03:04:05.12\"},null]");
    /* a repeated member counts toward the row's arity (Flink's row converter
     * stops matching after as many members as fields) */
    roundtrip("{\"x\":1,\"x\":2,\"x\":3,\"x\":4,\"label\":\"late\"}", &t_row,
              "{\"x\":4.0,\"label\":null,\"v\":null,\"at\":null}");
}

static void test_errors(void **state)
{
    (void)state;
    sqlkc_rt_nested_t v;
    char err[160];
    /* a wrong kind of value is a conversion error, consumed */
    assert_int_equal(get("\"notarray\"", &t_arr_str, 0, &v, err), -1);
    assert_non_null(strstr(err, "Illegal JSON array data"));
    assert_int_equal(get("[1,\"x\"]", &t_arr_int, 0, &v, err), -1);
    /* with ignore-parse-errors the innermost value that fails is NULL */
    assert_int_equal(get("[1,\"x\",3]", &t_arr_int, SQLKC_RT_JSON_F_IGNORE, &v, err), 1);
    char *s = put(&v, &t_arr_int, &plain);
    assert_string_equal(s, "[1,null,3]");
    free(s);
    assert_int_equal(get("[{\"x\":\"no\",\"label\":\"ok\"}]", &t_arr_row, SQLKC_RT_JSON_F_IGNORE, &v, err), 1);
    s = put(&v, &t_arr_row, &plain);
    assert_string_equal(s, "[{\"x\":null,\"label\":\"ok\",\"v\":null,\"at\":null}]");
    free(s);
    /* a field of a row that fails names it */
    assert_int_equal(get("{\"x\":\"no\"}", &t_row, 0, &v, err), -1);
    assert_non_null(strstr(err, "Fail to deserialize at field: x."));
    /* fail-on-missing-field inside rows */
    assert_int_equal(get("{\"x\":1}", &t_row, SQLKC_RT_JSON_F_FAIL_MISSING, &v, err), -1);
    assert_string_equal(err, "Some field is missing in the JSON data.");
    /* malformed JSON is fatal even with ignore-parse-errors */
    assert_int_equal(get("[1,", &t_arr_int, SQLKC_RT_JSON_F_IGNORE, &v, err), -1);
    assert_int_equal(get("[1 2]", &t_arr_int, SQLKC_RT_JSON_F_IGNORE, &v, err), -1);
    assert_int_equal(get("{\"a\" 1}", &t_map, SQLKC_RT_JSON_F_IGNORE, &v, err), -1);
    /* JSON null at the top is NULL */
    assert_int_equal(get("null", &t_map, 0, &v, err), 0);
    /* and through the job's sinks */
    job_roundtrip("ji_arr_int", "[1,\"x\",3]", "[1,null,3]");
    job_roundtrip("ji_arr_row", "[{\"x\":\"no\",\"label\":\"ok\"}]",
                  "[{\"x\":null,\"label\":\"ok\",\"v\":null,\"at\":null}]");
    job_roundtrip("ji_map", "\"notamap\"", "null"); /* the column itself: NULL under ignore-parse-errors */
    job_roundtrip("j_map", "null", "null");
    assert_int_equal(through("jm_row", "{\"v\":{\"x\":1}}", 13), SQLKC_RT_ERR);
    assert_non_null(strstr(sqlkc_rt_mem_error(ctx), "Some field is missing in the JSON data."));
    assert_int_equal(through("j_arr_int", "{\"v\":[1,\"x\"]}", 13), SQLKC_RT_ERR);
    assert_null(out_value);
}

/* ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(9) NOT NULL, arr ARRAY<TIMESTAMP(3) NOT NULL>>
 * under 'avro.timestamp_mapping.legacy' = 'false': the ROW's fields in their
 * units, the array's elements in millis (the legacy mapping, as Flink derives
 * the schema of array elements). */
static void test_avro_ts_units(void **state)
{
    (void)state;
    /* column union 02 | a: 02 micros | b: nanos of -1 ms + 999000 ns | arr: 02, 1 item, millis, end */
    static const unsigned char datum[] = {0x02, 0x02, 0x80, 0xd6, 0xfd, 0x84, 0xb8, 0xfb, 0x86, 0x06, 0xcf, 0x0f,
                                          0x02, 0x02, 0x86, 0xe4, 0x86, 0x82, 0x99, 0x63, 0x00};
    src_a_ts_row_t row;
    char err[160];
    memset(&row, 0, sizeof row);
    assert_int_equal(src_a_ts_decode_value(ctx, datum, sizeof datum, &row, err, sizeof err), 0);
    assert_false(row.nulls[0] & 1);
    sqlkc_rt_nested_t got = row.f0;
    assert_int_equal(got.n, 3);
    assert_int_equal(got.items[0].v.ts.millis, 1704164645123);
    assert_int_equal(got.items[0].v.ts.nanos, 456000);
    assert_int_equal(got.items[1].v.ts.millis, -1);
    assert_int_equal(got.items[1].v.ts.nanos, 999000);
    assert_int_equal(got.items[2].v.nest.n, 1);
    assert_int_equal(got.items[2].v.nest.items[0].v.ts.millis, 1704164645123);
    assert_int_equal(got.items[2].v.nest.items[0].v.ts.nanos, 0);
    /* the reference reads the same, and the job writes the same bytes back */
    static const sqlkc_rt_type_t ts6 = {SQLKC_RT_T_TIMESTAMP, true, 6, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t ltz9 = {SQLKC_RT_T_TIMESTAMP_LTZ, false, 9, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t ts3 = {SQLKC_RT_T_TIMESTAMP, false, 3, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t *const arr_sub[] = {&ts3};
    static const sqlkc_rt_type_t arr = {SQLKC_RT_T_ARRAY, true, 0, 0, 1, arr_sub, NULL};
    static const sqlkc_rt_type_t *const sub[] = {&ts6, &ltz9, &arr};
    static const char *const names[] = {"a", "b", "arr"};
    static const sqlkc_rt_type_t t = {SQLKC_RT_T_ROW, true, 0, 0, 3, sub, names};
    sqlkc_rt_acur_t c;
    sqlkc_rt_acur_init(&c, datum + 1, sizeof datum - 1);
    sqlkc_rt_nested_t want;
    assert_int_equal(ref_avro_get_nested_ts(&c, &want, &t, heap_alloc, NULL), 0);
    assert_true(sqlkc_rt_nested_equal(&got, &want, &t));
    assert_int_equal(through("a_ts", datum, sizeof datum), SQLKC_RT_OK);
    assert_int_equal(out_len, sizeof datum);
    assert_memory_equal(out_value, datum, sizeof datum);
    /* bad bytes fail the record, never read past it */
    for (size_t n = 0; n < sizeof datum; n++) {
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, datum, n);
        assert_int_equal(src_a_ts_decode_value(ctx, cut, n, &row, err, sizeof err), -1);
        free(cut);
    }
}

static void test_null_keys(void **state)
{
    (void)state;
    sqlkc_rt_item_t items[6];
    memset(items, 0, sizeof items);
    items[0].v.s = (sqlkc_rt_str_t){"a", 1};
    items[1].v.i = 1;
    items[2].null = true; /* a NULL key */
    items[3].v.i = 2;
    items[4].v.s = (sqlkc_rt_str_t){"nullKey", 7};
    items[5].v.i = 3;
    sqlkc_rt_nested_t v = {items, 3};
    char *s = put(&v, &t_map, &plain);
    assert_string_equal(s, "JSON format doesn't support to serialize map data with null keys. You can drop null key "
                           "entries or encode null in literals by specifying map-null-key.mode option.");
    free(s);
    sqlkc_rt_json_opts_t o = plain;
    o.map_null_key = SQLKC_RT_JSON_NULL_KEY_DROP;
    s = put(&v, &t_map, &o);
    assert_string_equal(s, "{\"a\":1,\"nullKey\":3}");
    free(s);
    o.map_null_key = SQLKC_RT_JSON_NULL_KEY_LITERAL;
    o.map_null_literal = "x";
    s = put(&v, &t_map, &o);
    assert_string_equal(s, "{\"a\":1,\"x\":2,\"nullKey\":3}");
    free(s);
    /* the literal meets a key that is there: ObjectNode.set replaces in place */
    o.map_null_literal = "nullKey";
    s = put(&v, &t_map, &o);
    assert_string_equal(s, "{\"a\":1,\"nullKey\":3}");
    free(s);
    o.map_null_literal = "a";
    s = put(&v, &t_map, &o);
    assert_string_equal(s, "{\"a\":2,\"nullKey\":3}");
    free(s);
}

static void test_copy_equal(void **state)
{
    (void)state;
    sqlkc_rt_nested_t v, w;
    assert_int_equal(get("[{\"x\":1,\"label\":\"hello\",\"v\":[1,2],\"at\":null},null]", &t_arr_row, 0, &v, NULL), 1);
    assert_int_equal(get("[{\"x\":1,\"label\":\"hello\",\"v\":[1,2]},null]", &t_arr_row, 0, &w, NULL), 1);
    assert_true(sqlkc_rt_nested_equal(&v, &w, &t_arr_row));
    size_t n = sqlkc_rt_nested_size(&v, &t_arr_row);
    char *mem = heap_alloc(NULL, n), *p = mem;
    sqlkc_rt_nested_t c = sqlkc_rt_nested_copy(&v, &t_arr_row, &p);
    assert_int_equal((size_t)(p - mem), n);
    assert_true(sqlkc_rt_nested_equal(&v, &c, &t_arr_row));
    /* the copy shares nothing: changing the original leaves it as it was */
    v.items[0].v.nest.items[2].v.nest.items[1].v.i = 7;
    ((char *)v.items[0].v.nest.items[1].v.s.p)[0] = 'J';
    assert_false(sqlkc_rt_nested_equal(&v, &c, &t_arr_row));
    char *s = put(&c, &t_arr_row, &plain);
    assert_string_equal(s, "[{\"x\":1.0,\"label\":\"hello\",\"v\":[1,2],\"at\":null},null]");
    free(s);
    assert_int_equal(get("[{\"x\":1,\"label\":\"hello\",\"v\":[1,3]},null]", &t_arr_row, 0, &w, NULL), 1);
    assert_false(sqlkc_rt_nested_equal(&c, &w, &t_arr_row));
    assert_int_equal(get("[{\"x\":1,\"label\":\"hello\",\"v\":[1,2]}]", &t_arr_row, 0, &w, NULL), 1);
    assert_false(sqlkc_rt_nested_equal(&c, &w, &t_arr_row));
}

/* json.encode.ignore-null-fields: Flink's row converter leaves a NULL field
 * out of every ROW it writes, nested ones too (inside arrays and map values
 * as well), while NULL array elements and map values stay. */
static void test_ignore_null_fields(void **state)
{
    (void)state;
    job_roundtrip("jn_row", "{\"x\":1.5,\"label\":null,\"r\":[{\"k\":null,\"n\":1},null,{\"k\":\"a\",\"n\":null}],"
                            "\"m\":{\"a\":null,\"b\":{\"k\":null}}}",
                  "{\"x\":1.5,\"r\":[{\"n\":1},null,{\"k\":\"a\"}],\"m\":{\"a\":null,\"b\":{}}}");
    job_roundtrip("jn_row", "{\"x\":null,\"label\":\"l\"}", "{\"label\":\"l\"}");
    job_roundtrip("jn_row", "{}", "{}");
    /* the column itself: left out of the record */
    assert_int_equal(through("jn_row", "{\"v\":null}", 10), SQLKC_RT_OK);
    assert_non_null(out_value);
    assert_string_equal(out_value, "{}");
    /* the reference writer too */
    sqlkc_rt_nested_t v;
    assert_int_equal(get("[{\"x\":null,\"label\":\"l\",\"v\":[null]},{}]", &t_arr_row, 0, &v, NULL), 1);
    sqlkc_rt_json_opts_t o = plain;
    o.ignore_null_fields = true;
    char *s = put(&v, &t_arr_row, &o);
    assert_string_equal(s, "[{\"label\":\"l\",\"v\":[null]},{}]");
    free(s);
}

/* A ROW field or column whose name (from the SQL file) is not UTF-8: a
 * member written with those bytes is malformed JSON (Jackson: "Invalid UTF-8
 * start byte"), in the declared order as out of it; the readers' fast paths,
 * comparing bytes, must not take it. */
static void test_names_not_utf8(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"v\":{\"a\xff" "b\":1}}",        /* the ROW's fast path */
        "{\"v\":{\"x\":0,\"a\xff" "b\":1}}", /* its general loop */
        "{\"v\":null,\"c\xfe\":1}",          /* the table's fast path */
        "{\"c\xfe\":1}",                     /* its general loop */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(through("ju_row", bad[i], strlen(bad[i])), SQLKC_RT_ERR);
        assert_non_null(strstr(sqlkc_rt_mem_error(ctx), "Invalid UTF-8 start byte"));
    }
    assert_int_equal(through("ju_row", "{\"v\":{\"x\":1}}", 13), SQLKC_RT_OK);
    assert_non_null(out_value);
    assert_string_equal(out_value, "{\"v\":{\"a\xff" "b\":null},\"c\xfe\":null}");
}

static int setup(void **state)
{
    (void)state;
    ctx = sqlkc_rt_mem_open(&job, on_emit, NULL, stderr);
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(out_value);
    out_value = NULL;
    return sqlkc_rt_mem_close(ctx, false) == SQLKC_RT_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_order),  cmocka_unit_test(test_hashes),     cmocka_unit_test(test_rows_arrays),
        cmocka_unit_test(test_errors),     cmocka_unit_test(test_null_keys),  cmocka_unit_test(test_copy_equal),
        cmocka_unit_test(test_avro_ts_units), cmocka_unit_test(test_ignore_null_fields),
        cmocka_unit_test(test_names_not_utf8),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
