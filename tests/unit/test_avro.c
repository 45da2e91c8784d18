/* This file tests the Avro binary primitives against the encodings Avro's
 * specification and Java's BigInteger.toByteArray give. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zigzag_varints),
        cmocka_unit_test(minimal_twos_complement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
