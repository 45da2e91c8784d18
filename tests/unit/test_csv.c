/* This file tests the csv reader's runtime primitives (sqlkc/csv.h) against
 * what Flink's CsvRowDataDeserializationSchema (Jackson's CsvParser) and
 * CsvToRowDataConverters do, with the cases of CsvRowDataSerDeSchemaTest and
 * the Jackson rules cited in runtime/src/csv.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/csv.h"

/* per-test allocations, freed at the end of each test */
static void *blocks[256];
static int nblocks;

static void *test_alloc(void *arg, size_t n)
{
    (void)arg;
    assert_true(nblocks < 256);
    return blocks[nblocks++] = malloc(n ? n : 1);
}

static int teardown(void **state)
{
    (void)state;
    while (nblocks)
        free(blocks[--nblocks]);
    return 0;
}

static const sqlkc_rt_csv_opts_t dflt = {',', '"', -1, false, NULL, 0};

static sqlkc_rt_str_t fields[8];
static char err[256];

static int split(const sqlkc_rt_csv_opts_t *o, const char *msg, int max)
{
    err[0] = 0;
    return sqlkc_rt_csv_split(o, msg, strlen(msg), fields, max, test_alloc, NULL, err, sizeof err);
}

static void assert_field(int i, const char *want)
{
    if (!want) {
        assert_null(fields[i].p);
        return;
    }
    assert_non_null(fields[i].p);
    assert_int_equal(fields[i].n, strlen(want));
    assert_memory_equal(fields[i].p, want, fields[i].n);
}

static void test_split_basic(void **state)
{
    (void)state;
    assert_int_equal(split(&dflt, "Test,12,Hello", 3), 3);
    assert_field(0, "Test");
    assert_field(1, "12");
    assert_field(2, "Hello");
    /* quoting: doubled quotes, line breaks and delimiters inside, blanks after the closing quote */
    assert_int_equal(split(&dflt, "\"This is a test\n\r.\",\"a\"\"b\" ,\"x,y\"", 3), 3);
    assert_field(0, "This is a test\n\r.");
    assert_field(1, "a\"b");
    assert_field(2, "x,y");
    /* a quote inside an unquoted value is content */
    assert_int_equal(split(&dflt, "a\"b,c", 3), 2);
    assert_field(0, "a\"b");
    /* empty fields, an empty last field */
    assert_int_equal(split(&dflt, ",,", 3), 3);
    assert_field(0, "");
    assert_field(2, "");
    /* only the first record is read; CRLF ends it */
    assert_int_equal(split(&dflt, "a,b\r\nc,d,e,f", 3), 2);
    assert_field(1, "b");
    /* a record that is one empty line is one empty field */
    assert_int_equal(split(&dflt, "\n", 3), 1);
    assert_field(0, "");
    /* '#' is content without allow-comments (testDeserializeIgnoreComment) */
    assert_int_equal(split(&dflt, "#Test,12,Test", 3), 3);
    assert_field(0, "#Test");
}

static void test_split_errors(void **state)
{
    (void)state;
    assert_int_equal(split(&dflt, "", 3), -1);
    assert_string_equal(err, "No content to map due to end-of-input");
    assert_int_equal(split(&dflt, "Test,12,Test,Test", 3), -1); /* testDeserializeMoreColumnsThanExpected */
    assert_string_equal(err, "Too many entries: expected at most 3 (value #3 (4 chars) \"Test\")");
    /* ALLOW_TRAILING_COMMA: one blank extra value at the end is dropped */
    assert_int_equal(split(&dflt, "a,b,c, ", 3), 3);
    assert_int_equal(split(&dflt, "a,b,c,,", 3), -1);
    assert_int_equal(split(&dflt, "\"abc", 3), -1);
    assert_string_equal(err, "Missing closing quote for value");
    assert_int_equal(split(&dflt, "\"ab\"c,d", 3), -1);
    assert_string_equal(err, "Unexpected character ('c' (code 99)): Expected column separator character "
                             "(',' (code 44)) or end-of-line");
    assert_int_equal(split(&dflt, "a,\xff", 3), -1);
    assert_int_equal(split(&dflt, "a,\xc3\xa9", 3), 2);
}

static void test_split_options(void **state)
{
    (void)state;
    /* testSerializeDeserializeCustomizedProperties: ';', quote ''', escape '*' */
    sqlkc_rt_csv_opts_t o = {';', '\'', '*', false, NULL, 0};
    assert_int_equal(split(&o, "BEGIN;123*'4**;END", 3), 3);
    assert_field(1, "123'4*");
    assert_int_equal(split(&o, "BEGIN;'123''4**';END", 3), 3);
    assert_field(1, "123'4*");
    assert_int_equal(split(&o, "BEGIN;'a;b*'c';END", 3), 3);
    assert_field(1, "a;b'c");
    assert_int_equal(split(&o, "BEGIN;       12          ;END", 3), 3);
    assert_field(1, "       12          ");
    assert_int_equal(split(&o, "BEGIN;null;END", 3), 3); /* no null literal: text */
    assert_field(1, "null");
    assert_int_equal(split(&o, "a*", 3), -1);
    assert_string_equal(err, "Unexpected EOF in escaped character");
    /* the escape's C forms */
    assert_int_equal(split(&o, "*t*n*0*x", 3), 1);
    assert_memory_equal(fields[0].p, "\t\n\0x", 4);
    /* disabled quoting (testDeserializationWithDisableQuoteCharacter) */
    sqlkc_rt_csv_opts_t nq = {',', -1, -1, false, NULL, 0};
    assert_int_equal(split(&nq, "BEGIN,\"abc,END", 3), 3);
    assert_field(1, "\"abc");
    /* the null literal, also when quoted */
    sqlkc_rt_csv_opts_t nl = {',', '"', -1, false, "null", 4};
    assert_int_equal(split(&nl, "Test,null,\"null\"", 3), 3);
    assert_field(0, "Test");
    assert_field(1, NULL);
    assert_field(2, NULL);
    /* allow-comments: comment lines, blank lines and leading blanks are skipped;
     * a message of only comments has no content (testDeserializeAllowComment) */
    sqlkc_rt_csv_opts_t c = {',', '"', -1, true, NULL, 0};
    assert_int_equal(split(&c, "#Test,12,Test", 3), -1);
    assert_string_equal(err, "No content to map due to end-of-input");
    assert_int_equal(split(&c, "# x\n\n  a,b", 3), 2);
    assert_field(0, "a");
    assert_int_equal(split(&c, "\n", 3), -1);
}

static sqlkc_rt_str_t S(const char *s) { return (sqlkc_rt_str_t){s, strlen(s)}; }

static void test_convert_numbers(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(sqlkc_rt_csv_int(S("       12          "), INT32_MIN, INT32_MAX, &v), 0);
    assert_int_equal(v, 12);
    assert_int_equal(sqlkc_rt_csv_int(S("+3"), INT32_MIN, INT32_MAX, &v), 0);
    assert_int_equal(v, 3);
    assert_int_equal(sqlkc_rt_csv_int(S("128"), INT8_MIN, INT8_MAX, &v), -1);
    assert_int_equal(sqlkc_rt_csv_int(S(""), INT32_MIN, INT32_MAX, &v), -1);
    assert_int_equal(sqlkc_rt_csv_int(S("1.0"), INT32_MIN, INT32_MAX, &v), -1);
    assert_int_equal(sqlkc_rt_csv_int(S("-9223372036854775808"), INT64_MIN, INT64_MAX, &v), 0);
    assert_true(sqlkc_rt_csv_bool(S(" TrUe ")));
    assert_false(sqlkc_rt_csv_bool(S("trueA")));
    assert_false(sqlkc_rt_csv_bool(S("")));
    float fl;
    double d;
    assert_int_equal(sqlkc_rt_csv_float(S("0.33333334"), &fl), 0);
    assert_true(fl == 0.33333334f);
    assert_int_equal(sqlkc_rt_csv_double(S(" 1e3d "), &d), 0);
    assert_true(d == 1000.0);
    assert_int_equal(sqlkc_rt_csv_double(S("abc"), &d), -1);
    sqlkc_rt_dec_t dec;
    assert_int_equal(sqlkc_rt_csv_decimal(S("1234.0000000000000000000000001"), 38, 25, &dec), 1);
    assert_int_equal(sqlkc_rt_csv_decimal(S("1.2345"), 10, 3, &dec), 1);
    assert_true(dec == 1235); /* HALF_UP */
    assert_int_equal(sqlkc_rt_csv_decimal(S("99999999"), 10, 3, &dec), 0); /* NULL: too wide */
    assert_int_equal(sqlkc_rt_csv_decimal(S(" 1"), 10, 3, &dec), -1); /* BigDecimal does not trim */
}

static void test_convert_time(void **state)
{
    (void)state;
    int32_t days, ms;
    assert_int_equal(sqlkc_rt_csv_date(S("2018-10-12"), &days), 0);
    assert_int_equal(days, 17816);
    assert_int_equal(sqlkc_rt_csv_date(S("2020-1-5"), &days), 0);
    assert_int_equal(days, 18266);
    assert_int_equal(sqlkc_rt_csv_date(S("2021-02-31"), &days), 0); /* lenient: March 3rd */
    assert_int_equal(days, 18689);
    assert_int_equal(sqlkc_rt_csv_date(S("2020-13-01"), &days), -1);
    assert_int_equal(sqlkc_rt_csv_date(S(" 2020-01-01"), &days), -1);
    assert_int_equal(sqlkc_rt_csv_date(S("20-01-01"), &days), -1);
    assert_int_equal(sqlkc_rt_csv_date(S("2020-01-"), &days), -1);
    assert_int_equal(sqlkc_rt_csv_date(S("1500-02-29"), &days), -1); /* Julian-only day */
    /* CsvRowDataSerDeSchemaTest: TIME(p) truncates */
    assert_int_equal(sqlkc_rt_csv_time(S("12:12:12.232342"), 3, &ms), 0);
    assert_int_equal(ms, 43932232);
    assert_int_equal(sqlkc_rt_csv_time(S("12:12:12.232312"), 2, &ms), 0);
    assert_int_equal(ms, 43932230);
    assert_int_equal(sqlkc_rt_csv_time(S("12:12:12.2235"), 1, &ms), 0);
    assert_int_equal(ms, 43932200);
    assert_int_equal(sqlkc_rt_csv_time(S("12:12:12.45"), 0, &ms), 0);
    assert_int_equal(ms, 43932000);
    assert_int_equal(sqlkc_rt_csv_time(S("12:12"), 3, &ms), 0); /* ISO_LOCAL_TIME: seconds optional */
    assert_int_equal(ms, 43920000);
    assert_int_equal(sqlkc_rt_csv_time(S("24:00"), 3, &ms), 0);
    assert_int_equal(ms, 0);
    assert_int_equal(sqlkc_rt_csv_time(S(" 12:12:12"), 3, &ms), -1);
    assert_int_equal(sqlkc_rt_csv_time(S("12:12.5"), 3, &ms), -1);
    sqlkc_rt_ts_t ts;
    assert_int_equal(sqlkc_rt_csv_timestamp(S("1970-01-01 00:02:03.456Z"), true, &ts), 0);
    assert_int_equal(ts.millis, 123456);
    assert_int_equal(sqlkc_rt_csv_timestamp(S("1970-01-01 00:02:03"), true, &ts), -1);
    assert_int_equal(sqlkc_rt_csv_timestamp(S(" 2018-10-12 12:12:12.123 "), false, &ts), 0);
    assert_int_equal(ts.millis, 1539346332123);
    assert_int_equal(sqlkc_rt_csv_timestamp(S("2018-10-12T12:12:12"), false, &ts), -1);
    assert_int_equal(sqlkc_rt_csv_timestamp(S("2018-10-12 12:12"), false, &ts), -1);
}

static void test_convert_bytes(void **state)
{
    (void)state;
    sqlkc_rt_str_t b;
    assert_int_equal(sqlkc_rt_csv_bytes(S("awML"), test_alloc, NULL, &b), 0);
    assert_int_equal(b.n, 3);
    assert_memory_equal(b.p, "\x6b\x03\x0b", 3);
    assert_int_equal(sqlkc_rt_csv_bytes(S(" AQID "), test_alloc, NULL, &b), 0);
    assert_int_equal(b.n, 3);
    assert_int_equal(sqlkc_rt_csv_bytes(S(""), test_alloc, NULL, &b), 0);
    assert_int_equal(b.n, 0);
    assert_int_equal(sqlkc_rt_csv_bytes(S("awM"), test_alloc, NULL, &b), -1);
    assert_int_equal(sqlkc_rt_csv_bytes(S("a!ML"), test_alloc, NULL, &b), -1);
    char e[128];
    sqlkc_rt_csv_field_error(e, sizeof e, "f2", "INT", S("Test"));
    assert_string_equal(e, "Fail to deserialize at field: f2. 'Test' is not a valid INT");
}

/* The writer with csv.escape-character (Jackson's CsvEncoder with an escape
 * character): the strings of Flink's CsvRowDataSerDeSchemaTest
 * (testSerializeDeserializeCustomizedProperties: delimiter ';', quote ''',
 * escape '*') and CsvRowSerializationSchemaTest.testCustomizedProperties. */
static void put_esc(const char *text, int delim, int quote, int esc, const char *want)
{
    sqlkc_rt_buf_t b = {0};
    sqlkc_rt_csv_put_text_esc(&b, text, strlen(text), delim, quote, esc);
    sqlkc_rt_buf_putc(&b, 0);
    assert_string_equal(b.p, want);
    sqlkc_rt_buf_free(&b);
}

static void test_write_escape(void **state)
{
    (void)state;
    put_esc("123'4*", ';', '\'', '*', "'123''4**'");
    put_esc("a;b'c", ';', '\'', '*', "'a;b''c'");
    put_esc("12*3'4", ',', '\'', '*', "'12**3''4'");
    put_esc("a,bc", ',', '\'', '*', "'a,bc'");
    /* the escape character alone forces quotes; a backslash does not */
    put_esc("ab*", ',', '"', '*', "\"ab**\"");
    put_esc("a\\b", ',', '"', '*', "a\\b");
    put_esc("Test", ',', '"', '*', "Test");
    put_esc("", ',', '"', '*', "");
    /* longer than 24 characters: quoted; quote and escape doubled inside */
    put_esc("abcdefghijklmnopqrstuvwxyz", ',', '"', '\\', "\"abcdefghijklmnopqrstuvwxyz\"");
    put_esc("with \"quotes\" and \\", ',', '"', '\\', "\"with \"\"quotes\"\" and \\\\\"");
    /* an escape that is the quote character: doubled once */
    put_esc("a\"b", ',', '"', '"', "\"a\"\"b\"");
    /* quoting disabled: as it is */
    put_esc("a,b*c", ',', -1, '*', "a,b*c");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_split_basic, teardown),
        cmocka_unit_test(test_write_escape),
        cmocka_unit_test_teardown(test_split_errors, teardown),
        cmocka_unit_test_teardown(test_split_options, teardown),
        cmocka_unit_test_teardown(test_convert_numbers, teardown),
        cmocka_unit_test_teardown(test_convert_time, teardown),
        cmocka_unit_test_teardown(test_convert_bytes, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
