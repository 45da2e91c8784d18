/* This file tests the Avro binary primitives against the encodings Avro's
 * specification and Java's BigInteger.toByteArray give, and the non-legacy
 * timestamp mapping (millis, micros, nanos longs as RowDataToAvroConverters
 * computes them from an Instant); the expected bytes are python3-avro's
 * BinaryEncoder.write_long of the longs. And the reader and writer of Avro's
 * JSON encoding generated for the job test_avro.sql, run in memory, against
 * the reference codec (tests/support/ref_avro_json.c) and JsonDecoder's
 * messages. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ref_avro_json.h"
#include "sqlkc/avro.h"
#include "sqlkc/mem.h"

#define main sqlkc_job_main_unused
#include TEST_JOB
#undef main

static void expect(sqlkc_rt_buf_t *b, const char *hex)
{
    char got[256];
    size_t k = 0;
    for (size_t i = 0; i < b->len && k + 3 < sizeof got; i++)
        k += (size_t)snprintf(got + k, sizeof got - k, "%02x", (unsigned char)b->p[i]);
    got[k] = 0;
    assert_string_equal(got, hex);
    sqlkc_rt_buf_reset(b);
}

static void zigzag_varints(void **state)
{
    (void)state;
    sqlkc_rt_buf_t b = {0};
    sqlkc_rt_avro_put_long(&b, 0);
    expect(&b, "00");
    sqlkc_rt_avro_put_long(&b, -1);
    expect(&b, "01");
    sqlkc_rt_avro_put_long(&b, 1);
    expect(&b, "02");
    sqlkc_rt_avro_put_long(&b, 3);
    expect(&b, "06");
    sqlkc_rt_avro_put_long(&b, 64);
    expect(&b, "8001");
    sqlkc_rt_avro_put_int(&b, -65);
    expect(&b, "8101");
    sqlkc_rt_avro_put_long(&b, INT64_MAX);
    expect(&b, "feffffffffffffffff01");
    sqlkc_rt_avro_put_long(&b, INT64_MIN);
    expect(&b, "ffffffffffffffffff01");
    sqlkc_rt_avro_put_bytes(&b, "EU", 2);
    expect(&b, "044555");
    sqlkc_rt_avro_put_double(&b, 1.0);
    expect(&b, "000000000000f03f");
    sqlkc_rt_avro_put_float(&b, 1.0f);
    expect(&b, "0000803f");
    sqlkc_rt_buf_free(&b);
}

/* DECIMAL: length, then BigInteger.toByteArray of the unscaled value. */
static void minimal_twos_complement(void **state)
{
    (void)state;
    sqlkc_rt_buf_t b = {0};
    static const struct {
        int64_t v;
        const char *hex;
    } cases[] = {
        {0, "0200"}, {1, "0201"}, {-1, "02ff"}, {127, "027f"}, {128, "040080"}, {-128, "0280"},
        {-129, "04ff7f"}, {255, "0400ff"}, {32767, "047fff"}, {32768, "06008000"},
        {INT64_MAX, "107fffffffffffffff"}, {INT64_MIN, "108000000000000000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sqlkc_rt_avro_put_decimal(&b, cases[i].v);
        expect(&b, cases[i].hex);
    }
    /* 10^38 - 1, the largest DECIMAL(38, s) unscaled value: 17 bytes would be wrong */
    sqlkc_rt_dec_t big = 1;
    for (int i = 0; i < 38; i++)
        big *= 10;
    big -= 1;
    sqlkc_rt_avro_put_decimal(&b, big);
    expect(&b, "204b3b4ca85a86c47a098a223fffffffff");
    sqlkc_rt_avro_put_decimal(&b, -big);
    expect(&b, "20b4c4b357a5793b85f675ddc000000001");
    sqlkc_rt_buf_free(&b);
}

static void ts_units(void **state)
{
    (void)state;
    sqlkc_rt_buf_t b = {0};
    /* 2024-01-02T03:04:05.123456789 */
    sqlkc_rt_ts_t ts = {1704164645123, 456789};
    sqlkc_rt_avro_put_ts(&b, ts, SQLKC_RT_AVRO_MILLIS);
    expect(&b, "86e486829963");
    sqlkc_rt_avro_put_ts(&b, ts, SQLKC_RT_AVRO_MICROS); /* the 789 nanos cut off */
    expect(&b, "80d6fd84b8fb8606");
    sqlkc_rt_avro_put_ts(&b, ts, SQLKC_RT_AVRO_NANOS);
    expect(&b, "aafce7f5e6adb4a62f");
    /* 1969-12-31T23:59:59.999999: Instant(-1 s, 999999000 ns) */
    sqlkc_rt_ts_t neg = {-1, 999000};
    sqlkc_rt_avro_put_ts(&b, neg, SQLKC_RT_AVRO_MICROS);
    expect(&b, "01");
    sqlkc_rt_avro_put_ts(&b, neg, SQLKC_RT_AVRO_NANOS);
    expect(&b, "cf0f"); /* -1000 */
    /* 2300-01-01T00:00:00.000000005 in nanos: Java's long wraps */
    sqlkc_rt_ts_t far = {10413792000000, 5};
    assert_int_equal(sqlkc_rt_avro_ts_long(far, SQLKC_RT_AVRO_NANOS), -8032952073709551611LL);
    sqlkc_rt_avro_put_ts(&b, far, SQLKC_RT_AVRO_NANOS);
    expect(&b, "f5ff8fb3b8d6e3fade01");

    /* reading back: floor to millis, the rest as nanos of the millisecond */
    const int64_t longs[] = {1704164645123456, -1, -1000, 1704164645123456789, -1999};
    const int units[] = {SQLKC_RT_AVRO_MICROS, SQLKC_RT_AVRO_MICROS, SQLKC_RT_AVRO_NANOS, SQLKC_RT_AVRO_NANOS,
                         SQLKC_RT_AVRO_MILLIS};
    const sqlkc_rt_ts_t want[] = {{1704164645123, 456000}, {-1, 999000}, {-1, 999000}, {1704164645123, 456789},
                                  {-1999, 0}};
    for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
        sqlkc_rt_avro_put_long(&b, longs[i]);
        sqlkc_rt_acur_t c;
        sqlkc_rt_acur_init(&c, b.p, b.len);
        sqlkc_rt_ts_t got = {7, 7};
        assert_int_equal(sqlkc_rt_avro_get_ts(&c, &got, units[i]), 0);
        assert_int_equal(got.millis, want[i].millis);
        assert_int_equal(got.nanos, want[i].nanos);
        assert_ptr_equal(c.p, (const unsigned char *)b.p + b.len);
        sqlkc_rt_buf_reset(&b);
    }
    sqlkc_rt_buf_free(&b);
}

/* ---- Avro's JSON encoding: the reader and writer generated for test_avro.sql, against the reference ---- */

static _Alignas(16) char json_pool[1 << 16];
static size_t json_used;

static void *json_alloc(void *arg, size_t n)
{
    (void)arg;
    void *p = json_pool + json_used;
    json_used += (n + 15) & ~(size_t)15;
    assert_true(json_used <= sizeof json_pool);
    return p;
}

/* ROW<id INT NOT NULL, name STRING, r ROW<x BIGINT>, d DOUBLE, tags MAP<STRING, INT>,
 *     arr ARRAY<INT NOT NULL>> */
static const sqlkc_rt_type_t j_int_nn = {SQLKC_RT_T_INT, false, 0, 0, 0, NULL, NULL};
static const sqlkc_rt_type_t j_int = {SQLKC_RT_T_INT, true, 0, 0, 0, NULL, NULL};
static const sqlkc_rt_type_t j_str = {SQLKC_RT_T_STRING, true, 0, 0, 0, NULL, NULL};
static const sqlkc_rt_type_t j_big = {SQLKC_RT_T_BIGINT, true, 0, 0, 0, NULL, NULL};
static const sqlkc_rt_type_t j_dbl = {SQLKC_RT_T_DOUBLE, true, 0, 0, 0, NULL, NULL};
static const sqlkc_rt_type_t *const j_r_sub[] = {&j_big};
static const char *const j_r_names[] = {"x"};
static const sqlkc_rt_type_t j_r = {SQLKC_RT_T_ROW, true, 0, 0, 1, j_r_sub, j_r_names};
static const sqlkc_rt_type_t *const j_map_sub[] = {&j_str, &j_int};
static const sqlkc_rt_type_t j_map = {SQLKC_RT_T_MAP, true, 0, 0, 2, j_map_sub, NULL};
static const sqlkc_rt_type_t *const j_arr_sub[] = {&j_int_nn};
static const sqlkc_rt_type_t j_arr = {SQLKC_RT_T_ARRAY, true, 0, 0, 1, j_arr_sub, NULL};
static const sqlkc_rt_type_t *const j_rec_sub[] = {&j_int_nn, &j_str, &j_r, &j_dbl, &j_map, &j_arr};
static const char *const j_rec_names[] = {"id", "name", "r", "d", "tags", "arr"};
static const sqlkc_rt_type_t j_rec = {SQLKC_RT_T_ROW, false, 0, 0, 6, j_rec_sub, j_rec_names};

#define J_R "{\"org.apache.flink.avro.generated.record_r\":{\"x\":{\"long\":7}}}"

/* The job of test_avro.sql: table aj (the columns of j_rec) copied into aj_out. */
static sqlkc_rt_ctx_t *ctx;
static char *out_value; /* what the last record wrote */

static int on_emit(void *arg, size_t table, const void *key, size_t key_len, const void *value, size_t value_len,
                   int64_t ts)
{
    (void)arg, (void)table, (void)key, (void)key_len, (void)ts;
    free(out_value);
    out_value = strndup(value, value_len);
    return SQLKC_RT_OK;
}

/* The message read by the reader generated for aj and by the reference
 * reader: the same result, the same error, the same values (into f). A
 * message that reads also goes through the job, whose generated writer must
 * write what the reference writer writes. */
static int json_get(const char *msg, sqlkc_rt_item_t *f, char *err, size_t errlen)
{
    json_used = 0;
    memset(f, 0xAB, sizeof *f * 6);
    err[0] = '\0';
    char *copy = malloc(strlen(msg) + 1); /* exact size: a stray read is caught by ASan */
    memcpy(copy, msg, strlen(msg));
    int r = ref_avro_json_get(copy, strlen(msg), f, &j_rec, false, json_alloc, NULL, err, errlen);
    src_aj_row_t row;
    char gerr[200] = "";
    memset(&row, 0, sizeof row);
    int g = src_aj_decode_value(ctx, copy, strlen(msg), &row, gerr, sizeof gerr);
    if (g != r || strcmp(gerr, err) != 0)
        fail_msg("%s: generated %d (%s), reference %d (%s)", msg, g, gerr, r, err);
    if (r == 0) {
        sqlkc_rt_item_t got[6];
        memset(got, 0, sizeof got);
        for (int i = 0; i < 6; i++)
            got[i].null = row.nulls[0] >> i & 1;
        got[0].v.i = row.f0;
        got[1].v.s = row.f1;
        got[2].v.nest = row.f2;
        got[3].v.d = row.f3;
        got[4].v.nest = row.f4;
        got[5].v.nest = row.f5;
        if (!sqlkc_rt_nested_equal(&(sqlkc_rt_nested_t){got, 6}, &(sqlkc_rt_nested_t){f, 6}, &j_rec))
            fail_msg("%s: the generated and the reference reader read different values", msg);
        sqlkc_rt_buf_t b = {0};
        bool started = false;
        assert_null(ref_avro_json_put(&b, f, &j_rec, false, &started, json_alloc, NULL));
        sqlkc_rt_buf_putc(&b, '\0');
        sqlkc_rt_msg_t m = {"aj", 0, 0, -1, SQLKC_RT_TS_NONE, -1, NULL, 0, copy, strlen(msg), NULL};
        assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
        /* Flink's reused JsonEncoder: a line separator before every record but the first */
        const char *out = out_value[0] == '\n' ? out_value + 1 : out_value;
        assert_string_equal(out, b.p);
        sqlkc_rt_buf_free(&b);
    }
    sqlkc_rt_mem_end_record(ctx);
    free(copy);
    return r;
}

static void avro_json_members_by_name(void **state)
{
    (void)state;
    sqlkc_rt_item_t f[6];
    char err[200];
    /* members in another order than the schema's, an unknown member of any
     * shape skipped (with a number no int64 holds), a repeated member (the last counts) */
    const char *msg = "{\"arr\":{\"array\":[3, 4]}, \"unknown\":{\"a\":[1,2e400,{\"b\":null}],"
                      "\"c\":123456789012345678901234567890},\"d\":{\"double\":\"NaN\"},"
                      "\"name\":{\"string\":\"h\\u00e9\"},\"r\":" J_R ",\"id\":\"bad\",\"id\":5,"
                      "\"tags\":{\"map\":{\"b\":{\"int\":2},\"a\":{\"int\":1},\"b\":{\"int\":3}}}}";
    assert_int_equal(json_get(msg, f, err, sizeof err), 0);
    assert_int_equal(f[0].v.i, 5);
    assert_false(f[1].null);
    assert_int_equal(f[1].v.s.n, 3);
    assert_memory_equal(f[1].v.s.p, "h\xc3\xa9", 3);
    assert_false(f[2].null);
    assert_int_equal(f[2].v.nest.n, 1);
    assert_int_equal(f[2].v.nest.items[0].v.i, 7);
    assert_true(isnan(f[3].v.d));
    assert_int_equal(f[4].v.nest.n, 2); /* "b" once, with its last value */
    for (uint32_t i = 0; i < 2; i++) {
        const sqlkc_rt_item_t *k = &f[4].v.nest.items[2 * i], *v = k + 1;
        assert_int_equal(k->v.s.n, 1);
        assert_int_equal(v->v.i, k->v.s.p[0] == 'a' ? 1 : 3);
    }
    assert_int_equal(f[5].v.nest.n, 2);
    assert_int_equal(f[5].v.nest.items[0].v.i, 3);
    assert_int_equal(f[5].v.nest.items[1].v.i, 4);

    /* nulls, and what the writer writes reads back */
    msg = "{\"id\":-2147483648,\"name\":null,\"r\":null,\"d\":{\"double\":-1.5e3},\"tags\":null,\"arr\":null}";
    assert_int_equal(json_get(msg, f, err, sizeof err), 0);
    assert_int_equal(f[0].v.i, INT32_MIN);
    assert_true(f[1].null && f[2].null && f[4].null && f[5].null);
    assert_true(f[3].v.d == -1500.0);
    const char *out = out_value[0] == '\n' ? out_value + 1 : out_value; /* what the job wrote */
    assert_string_equal(out, "{\"id\":-2147483648,\"name\":null,\"r\":null,\"d\":{\"double\":-1500.0},"
                             "\"tags\":null,\"arr\":null}");

    /* integers: range-checked, fractions truncated */
    msg = "{\"id\":7.9,\"name\":null,\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}";
    assert_int_equal(json_get(msg, f, err, sizeof err), 0);
    assert_int_equal(f[0].v.i, 7);
    msg = "{\"id\":2147483648,\"name\":null,\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}";
    assert_int_equal(json_get(msg, f, err, sizeof err), -1);
    assert_string_equal(err, "Numeric value out of range of int");
}

static void avro_json_errors(void **state)
{
    (void)state;
    sqlkc_rt_item_t f[6];
    char err[200];
    /* a union whose branch is named for another type */
    assert_int_equal(json_get("{\"id\":1,\"name\":{\"int\":1},\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}",
                              f, err, sizeof err), -1);
    assert_string_equal(err, "Unknown union branch int");
    /* two branches: the object's size is checked before the name */
    assert_int_equal(json_get("{\"id\":1,\"name\":{\"x\":1,\"string\":\"a\"},\"r\":null,\"d\":null,\"tags\":null,"
                              "\"arr\":null}", f, err, sizeof err), -1);
    assert_string_equal(err, "Expected end-union. Got START_OBJECT");
    assert_int_equal(json_get("{\"id\":1,\"name\":\"a\",\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}",
                              f, err, sizeof err), -1);
    assert_string_equal(err, "Expected start-union. Got VALUE_STRING");
    assert_int_equal(json_get("{\"id\":null,\"name\":null,\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}",
                              f, err, sizeof err), -1);
    assert_string_equal(err, "Expected int. Got VALUE_NULL");
    /* a missing field; it is reported before a later field's bad value,
     * as the fields are taken in schema order */
    assert_int_equal(json_get("{\"id\":1,\"name\":null,\"r\":null,\"tags\":null,\"arr\":null}", f, err, sizeof err),
                     -1);
    assert_string_equal(err, "Expected field name not found: d");
    assert_int_equal(json_get("{\"arr\":{\"array\":[\"x\"]},\"name\":null,\"r\":null,\"d\":null,\"tags\":null}",
                              f, err, sizeof err), -1);
    assert_string_equal(err, "Expected field name not found: id");
    assert_int_equal(json_get("{\"arr\":{\"array\":[\"x\"]},\"id\":1,\"name\":null,\"r\":null,\"d\":null,"
                              "\"tags\":null}", f, err, sizeof err), -1);
    assert_string_equal(err, "Expected int. Got VALUE_STRING");
    assert_int_equal(json_get("{\"id\":1,\"name\":null,\"r\":{\"org.apache.flink.avro.generated.record_r\":{}},"
                              "\"d\":null,\"tags\":null,\"arr\":null}", f, err, sizeof err), -1);
    assert_string_equal(err, "Expected field name not found: x");
    /* truncated JSON, also after a value that does not convert */
    const char *trunc[] = {"", "{", "{\"id\":5,\"name\":{\"string\":\"ab",
                           "{\"id\":\"x\",\"name\":null,\"r\":null,\"d\":null,\"tags\":{\"map\":{\"a\":1,",
                           "{\"id\":1,\"name\":null,\"r\":" J_R ",\"d\":null,\"tags\":null,\"arr\":null"};
    for (size_t i = 0; i < sizeof trunc / sizeof *trunc; i++) {
        assert_int_equal(json_get(trunc[i], f, err, sizeof err), -1);
        assert_true(strncmp(err, "not JSON: ", 10) == 0);
    }
    /* a raw control character in a string (Avro's Jackson parser refuses
     * it), also in a member that is skipped; whitespace outside strings is fine */
    assert_int_equal(json_get("{\"id\":1,\"x\":\"a\tb\",\"name\":null,\"r\":null,\"d\":null,\"tags\":null,"
                              "\"arr\":null}", f, err, sizeof err), -1);
    assert_string_equal(err, "not JSON: control character 0x09 in a string at byte 14");
    assert_int_equal(json_get("{\n\t\"id\":1,\r\n\"name\":null,\"r\":null,\"d\":null,\"tags\":null,\"arr\":null}",
                              f, err, sizeof err), 0);
    /* not a record */
    assert_int_equal(json_get("[1]", f, err, sizeof err), -1);
    assert_string_equal(err, "Expected record-start. Got START_ARRAY");
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
    return sqlkc_rt_mem_close(ctx, false) == SQLKC_RT_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zigzag_varints),
        cmocka_unit_test(minimal_twos_complement),
        cmocka_unit_test(ts_units),
        cmocka_unit_test(avro_json_members_by_name),
        cmocka_unit_test(avro_json_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
