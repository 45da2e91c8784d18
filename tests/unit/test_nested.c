/* This file tests nested values (runtime nested.h) and their JSON codec:
 * Flink's map order (checked against a real java.util.HashMap through
 * tests/tools/FlinkMapOrder.java), deep copies that share nothing with the
 * original, equality, and the reader and writer of ARRAY, MAP, MULTISET and
 * ROW with Flink's rules (null at every level, ignore-parse-errors at the
 * innermost value, map-null-key modes, rows by name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/csv.h"
#include "sqlkc/json.h"
#include "sqlkc/nested.h"

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

static int get(const char *json, const sqlkc_rt_type_t *t, unsigned flags, sqlkc_rt_nested_t *out, char *err)
{
    sqlkc_rt_jcur_t c;
    size_t n = strlen(json);
    char *copy = malloc(n ? n : 1); /* exact size: a stray read is caught by ASan */
    memcpy(copy, json, n);
    sqlkc_rt_jcur_init(&c, copy, n, heap_alloc, NULL);
    int r = sqlkc_rt_json_get_nested(&c, out, t, flags);
    if (r >= 0 && sqlkc_rt_json_end(&c) < 0)
        r = -2;
    if (err)
        snprintf(err, 160, "%s", c.err);
    return r; /* copy stays alive: strings may point into it */
}

static char *put(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, const sqlkc_rt_json_opts_t *o)
{
    sqlkc_rt_buf_t b = {0};
    const char *why = sqlkc_rt_json_put_nested(&b, v, t, o);
    if (why) {
        sqlkc_rt_buf_free(&b);
        return strdup(why);
    }
    char *s = strndup(b.p ? b.p : "", b.len);
    sqlkc_rt_buf_free(&b);
    return s;
}

static const sqlkc_rt_json_opts_t plain = {false, false, SQLKC_RT_JSON_NULL_KEY_FAIL, "null"};

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

/* An ARRAY csv column is one field, quoted and escaped like the others:
 * with csv.escape-character the escape character forces quotes and is
 * doubled inside them (Jackson's CsvEncoder). */
static void test_csv_array_escape(void **state)
{
    (void)state;
    sqlkc_rt_nested_t v;
    char err[160];
    /* '~' is above the delimiter and the quote, so only an escape character quotes it */
    assert_int_equal(get("[\"a~b\",\"c\",null]", &t_arr_str, 0, &v, err), 1);
    sqlkc_rt_buf_t b = {0};
    sqlkc_rt_csv_put_nested(&b, &v, &t_arr_str, "|", "n/a", ',', '"', '~', heap_alloc, NULL);
    assert_int_equal(b.len, strlen("\"a~~b|c|n/a\""));
    assert_memory_equal(b.p, "\"a~~b|c|n/a\"", b.len);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_csv_put_nested(&b, &v, &t_arr_str, "|", "n/a", ',', '"', -1, heap_alloc, NULL);
    assert_int_equal(b.len, strlen("a~b|c|n/a"));
    assert_memory_equal(b.p, "a~b|c|n/a", b.len);
    sqlkc_rt_buf_free(&b);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_order),  cmocka_unit_test(test_hashes),     cmocka_unit_test(test_rows_arrays),
        cmocka_unit_test(test_errors),     cmocka_unit_test(test_null_keys),  cmocka_unit_test(test_copy_equal),
        cmocka_unit_test(test_csv_array_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
