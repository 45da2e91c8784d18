/* This file tests the Avro binary primitives against the encodings Avro's
 * specification and Java's BigInteger.toByteArray give, and the non-legacy
 * timestamp mapping (millis, micros, nanos longs as RowDataToAvroConverters
 * computes them from an Instant) with nested ROW, ARRAY and MAP values. The
 * expected bytes are python3-avro's BinaryEncoder.write_long of the longs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/avro.h"

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

static void *test_alloc(void *arg, size_t n)
{
    (void)arg;
    static _Alignas(16) char pool[1 << 14];
    static size_t used;
    void *p = pool + used;
    used += (n + 15) & ~(size_t)15;
    assert_true(used <= sizeof pool);
    return p;
}

/* ROW<a TIMESTAMP(6), b TIMESTAMP_LTZ(9) NOT NULL, arr ARRAY<TIMESTAMP(3) NOT NULL>>:
 * the ROW's fields in their units, the array's elements in millis (legacy). */
static void nested_ts_units(void **state)
{
    (void)state;
    static const sqlkc_rt_type_t ts6 = {SQLKC_RT_T_TIMESTAMP, true, 6, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t ltz9 = {SQLKC_RT_T_TIMESTAMP_LTZ, false, 9, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t ts3 = {SQLKC_RT_T_TIMESTAMP, false, 3, 0, 0, NULL, NULL};
    static const sqlkc_rt_type_t *const arr_sub[] = {&ts3};
    static const sqlkc_rt_type_t arr = {SQLKC_RT_T_ARRAY, true, 0, 0, 1, arr_sub, NULL};
    static const sqlkc_rt_type_t *const row_sub[] = {&ts6, &ltz9, &arr};
    static const char *const names[] = {"a", "b", "arr"};
    static const sqlkc_rt_type_t row = {SQLKC_RT_T_ROW, true, 0, 0, 3, row_sub, names};

    sqlkc_rt_item_t el[1] = {{.v.ts = {1704164645123, 0}}};
    sqlkc_rt_item_t f[3] = {{.v.ts = {1704164645123, 456789}}, {.v.ts = {-1, 999000}},
                            {.v.nest = {el, 1}}};
    sqlkc_rt_nested_t v = {f, 3};
    sqlkc_rt_buf_t b = {0};
    assert_null(sqlkc_rt_avro_put_nested_ts(&b, &v, &row, test_alloc, NULL));
    /* 02 micros | nanos -1000 | 02, 1 item, millis, end */
    expect(&b, "02" "80d6fd84b8fb8606" "cf0f" "02" "02" "86e486829963" "00");
    assert_null(sqlkc_rt_avro_put_nested(&b, &(sqlkc_rt_nested_t){f, 1}, &(sqlkc_rt_type_t){SQLKC_RT_T_ROW, true, 0,
                                         0, 1, row_sub, names}, test_alloc, NULL));
    expect(&b, "02" "86e486829963"); /* the legacy entry point: millis */

    sqlkc_rt_avro_put_nested_ts(&b, &v, &row, test_alloc, NULL);
    sqlkc_rt_acur_t c;
    sqlkc_rt_acur_init(&c, b.p, b.len);
    sqlkc_rt_nested_t got;
    assert_int_equal(sqlkc_rt_avro_get_nested_ts(&c, &got, &row, test_alloc, NULL), 0);
    assert_int_equal(got.n, 3);
    assert_int_equal(got.items[0].v.ts.millis, 1704164645123);
    assert_int_equal(got.items[0].v.ts.nanos, 456000);
    assert_int_equal(got.items[1].v.ts.millis, -1);
    assert_int_equal(got.items[1].v.ts.nanos, 999000);
    assert_int_equal(got.items[2].v.nest.n, 1);
    assert_int_equal(got.items[2].v.nest.items[0].v.ts.millis, 1704164645123);
    assert_int_equal(got.items[2].v.nest.items[0].v.ts.nanos, 0);
    sqlkc_rt_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zigzag_varints),
        cmocka_unit_test(minimal_twos_complement),
        cmocka_unit_test(ts_units),
        cmocka_unit_test(nested_ts_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
