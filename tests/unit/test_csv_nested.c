/* This file tests the csv codec that sqlkc generates for ARRAY and ROW
 * columns (compiler/gen_csv.c over the runtime's element splitter): the job
 * of test_csv_nested.sql, generated at build time and included here (TEST_JOB
 * is its path), runs in memory (sqlkc/mem.h); each record given to a csv
 * source comes out of its csv sinks, or fails with Flink's message. Covered:
 * every element type an ARRAY or ROW may have in csv, NULL elements (the
 * null literal, also as the whole field), empty and blank fields, elements
 * that do not convert (the message names the column and the element's
 * number, the text cut at 60 characters), DECIMAL values that do not fit
 * (NULL), ROWs of the wrong length, ignore-parse-errors (bad elements NULL, a
 * short ROW read as far as it goes, a long one cut), a two-character element
 * delimiter, and the writer's null literal, delimiter, escape character and
 * quoting of the joined text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define main sqlkc_job_main_unused
#include TEST_JOB
#undef main

#include "sqlkc/mem.h"

/* the job's tables, in the order test_csv_nested.sql declares them */
enum { ARRS_IN, ARRS_LAX, ARRS_OUT, ARRS_ESC, ROWS_IN, ROWS_LAX, ROWS_OUT, ROWS_ESC, NTABLES };

static sqlkc_rt_ctx_t *ctx;
static char got[NTABLES][2048];
static int emitted[NTABLES];

static int capture(void *arg, size_t table, const void *key, size_t key_len, const void *value, size_t value_len,
                   int64_t timestamp)
{
    (void)arg, (void)key, (void)key_len, (void)timestamp;
    assert_true(table < NTABLES);
    assert_true(value_len < sizeof got[0]);
    memcpy(got[table], value, value_len);
    got[table][value_len] = 0;
    emitted[table]++;
    return SQLKC_RT_OK;
}

static int setup(void **state)
{
    (void)state;
    ctx = sqlkc_rt_mem_open(&job, capture, NULL, stderr);
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sqlkc_rt_mem_close(ctx, false) == SQLKC_RT_OK ? 0 : -1;
}

/* Delivers msg to a source table; NULL when the record went through, or
 * what Flink's message says after "Failed to deserialize CSV row '...': ". */
static const char *deliver(size_t table, const char *msg)
{
    static char why[1024];
    static int64_t offset;
    memset(emitted, 0, sizeof emitted);
    sqlkc_rt_msg_t m = {"t", 0, offset++, -1, SQLKC_RT_TS_NONE, -1, NULL, 0, msg, strlen(msg), NULL};
    if (sqlkc_rt_mem_process(ctx, table, &m) == SQLKC_RT_OK)
        return NULL;
    const char *e = sqlkc_rt_mem_error(ctx);
    assert_non_null(e);
    const char *reason = strstr(e, "': ");
    snprintf(why, sizeof why, "%s", reason ? reason + 3 : e);
    return why;
}

#define NARR 16 /* ARRAY columns of the arrs tables, after the id */

/* A record of the arrs tables: id 7, field col (1..NARR) `text`, every
 * other ARRAY field empty (an empty ARRAY, written as an empty field). */
static const char *arrs_line(int col, const char *text)
{
    static char line[2][1024];
    static int which;
    char *l = line[which ^= 1];
    int n = snprintf(l, sizeof line[0], "7");
    for (int c = 1; c <= NARR; c++)
        n += snprintf(l + n, sizeof line[0] - n, ",%s", c == col ? text : "");
    return l;
}

/* Reads `in` as ARRAY field col of source src; the sinks must write `out`
 * (no null literal, ';') and `esc` (null literal N/A, '|', escape '~'). */
static void arr(size_t src, int col, const char *in, const char *out, const char *esc)
{
    const char *why = deliver(src, arrs_line(col, in));
    if (why)
        fail_msg("%s read as %s failed: %s", in, src == ARRS_IN ? "arrs_in" : "arrs_lax", why);
    assert_int_equal(emitted[ARRS_OUT], 1);
    assert_int_equal(emitted[ARRS_ESC], 1);
    assert_string_equal(got[ARRS_OUT], arrs_line(col, out));
    assert_string_equal(got[ARRS_ESC], arrs_line(col, esc));
}

/* Reads `in` as ARRAY field col of arrs_in: the record must fail with why. */
static void arr_fails(int col, const char *in, const char *why)
{
    const char *got_why = deliver(ARRS_IN, arrs_line(col, in));
    if (!got_why)
        fail_msg("%s read, expected: %s", in, why);
    assert_string_equal(got_why, why);
    assert_int_equal(emitted[ARRS_OUT], 0);
}

static void test_array_types(void **state)
{
    (void)state;
    /* BOOLEAN: Boolean.parseBoolean of the trimmed text, never an error */
    arr(ARRS_IN, 1, "true;FALSE; true ;x;null", "true;false;true;false;", "\"true|false|true|false|N/A\"");
    arr(ARRS_IN, 2, "1;-128;127;null; 42 ", "1;-128;127;;42", "1|-128|127|N/A|42");
    arr(ARRS_IN, 3, "32767;-32768", "32767;-32768", "32767|-32768");
    arr(ARRS_IN, 4, "2147483647;-2147483648;0", "2147483647;-2147483648;0", "2147483647|-2147483648|0");
    arr(ARRS_IN, 5, "-9223372036854775808;5", "-9223372036854775808;5", "-9223372036854775808|5");
    /* FLOAT and DOUBLE as Java prints them; 1e39 is Infinity as a float */
    arr(ARRS_IN, 6, "1.5;0.1;NaN;-Infinity;1e39", "\"1.5;0.1;NaN;-Infinity;Infinity\"", "\"1.5|0.1|NaN|-Infinity|Infinity\"");
    arr(ARRS_IN, 7, "0.1;100;-0.0;1E300", "0.1;100.0;-0.0;1.0E300", "0.1|100.0|-0.0|1.0E300");
    /* DECIMAL(5, 2): rounded half up to the scale, NULL when it does not fit,
     * written as BigDecimal.toString */
    arr(ARRS_IN, 8, "1.5;100;999.99;1000;0.001;-0.5;1E+2", "\"1.5;1E+2;999.99;;0;-0.5;1E+2\"",
        "\"1.5|1E+2|999.99|N/A|0|-0.5|1E+2\"");
    /* STRING and CHAR: the text as it is; an empty element is "", the null
     * literal NULL; a joined text with the delimiter is quoted */
    arr(ARRS_IN, 9, "a;;null;b c", "\"a;;;b c\"", "\"a||N/A|b c\"");
    arr(ARRS_IN, 9, "\"a,b;c\"", "\"a,b;c\"", "\"a,b|c\"");
    arr(ARRS_IN, 10, "abc;de", "abc;de", "abc|de");
    /* BYTES and BINARY: base64 */
    arr(ARRS_IN, 11, "awML;AAE=; YWJj ", "awML;AAE=;YWJj", "awML|AAE=|YWJj");
    arr(ARRS_IN, 12, "AAEC;null", "AAEC;", "AAEC|N/A");
    /* DATE with java.util.Date's lenient calendar, TIME with its seconds */
    arr(ARRS_IN, 13, "2024-01-02;2021-02-31;2024-1-2", "\"2024-01-02;2021-03-03;2024-01-02\"",
        "\"2024-01-02|2021-03-03|2024-01-02\"");
    arr(ARRS_IN, 14, "12:34:56.789;24:00;01:02", "\"12:34:56.789;00:00:00;01:02:00\"",
        "\"12:34:56.789|00:00:00|01:02:00\"");
    /* TIMESTAMP and TIMESTAMP_LTZ in SQL format; longer than 24 characters
     * is quoted */
    arr(ARRS_IN, 15, "2024-01-02 03:04:05.120", "\"2024-01-02 03:04:05.12\"", "\"2024-01-02 03:04:05.12\"");
    arr(ARRS_IN, 15, " 2024-01-02 03:04:05 ;null", "\"2024-01-02 03:04:05;\"", "\"2024-01-02 03:04:05|N/A\"");
    arr(ARRS_IN, 16, "2024-01-02 03:04:05Z", "\"2024-01-02 03:04:05Z\"", "\"2024-01-02 03:04:05Z\"");
    arr(ARRS_IN, 16, "1969-12-31 23:59:59.999Z", "\"1969-12-31 23:59:59.999Z\"", "\"1969-12-31 23:59:59.999Z\"");
}

static void test_array_fields(void **state)
{
    (void)state;
    /* an empty or blank field has no elements; the null literal as the
     * whole field is one NULL element (Jackson reads it as text) */
    arr(ARRS_IN, 4, "", "", "");
    arr(ARRS_IN, 4, "  ", "", "");
    arr(ARRS_IN, 4, "null", "", "N/A");
    arr(ARRS_IN, 9, "null;null", ";", "N/A|N/A");
    arr(ARRS_IN, 9, ";", ";", "|");
    /* the escape character forces quotes and is doubled (CsvEncoder) */
    arr(ARRS_IN, 9, "a~b;c;null", "a~b;c;", "\"a~~b|c|N/A\"");
    arr(ARRS_IN, 9, "q\"r", "\"q\"\"r\"", "\"q\"\"r\"");
}

static void test_array_errors(void **state)
{
    (void)state;
    arr_fails(2, "1;128", "Fail to deserialize at field: ti. Element 2 '128' is not a valid TINYINT");
    arr_fails(3, "1;2;x", "Fail to deserialize at field: si. Element 3 'x' is not a valid SMALLINT");
    arr_fails(4, "2147483648", "Fail to deserialize at field: i. Element 1 '2147483648' is not a valid INT");
    arr_fails(5, "9223372036854775808", "Fail to deserialize at field: bi. Element 1 '9223372036854775808' is not a "
                                         "valid BIGINT");
    arr_fails(6, "1;abc", "Fail to deserialize at field: fl. Element 2 'abc' is not a valid FLOAT");
    arr_fails(7, "0x1", "Fail to deserialize at field: db. Element 1 '0x1' is not a valid DOUBLE");
    arr_fails(8, "1.5; 2", "Fail to deserialize at field: dc. Element 2 ' 2' is not a valid DECIMAL");
    arr_fails(11, "awML;!!", "Fail to deserialize at field: y. Element 2 '!!' is not a valid BYTES");
    arr_fails(12, "null;a", "Fail to deserialize at field: bn. Element 2 'a' is not a valid BYTES");
    arr_fails(13, "2024-13-01", "Fail to deserialize at field: dt. Element 1 '2024-13-01' is not a valid DATE");
    arr_fails(14, "25:00", "Fail to deserialize at field: tm. Element 1 '25:00' is not a valid TIME");
    arr_fails(15, "2024-01-02T03:04:05", "Fail to deserialize at field: ts. Element 1 '2024-01-02T03:04:05' is not a "
                                         "valid TIMESTAMP");
    arr_fails(16, "2024-01-02 03:04:05", "Fail to deserialize at field: tz. Element 1 '2024-01-02 03:04:05' is not a "
                                         "valid TIMESTAMP_LTZ");
    /* the text is cut at 60 characters */
    arr_fails(2, "1;0123456789012345678901234567890123456789012345678901234567890123456789",
              "Fail to deserialize at field: ti. Element 2 "
              "'012345678901234567890123456789012345678901234567890123456789...' is not a valid TINYINT");
}

/* ignore-parse-errors, no null literal, elements joined by "ab" */
static void test_array_lax(void **state)
{
    (void)state;
    arr(ARRS_LAX, 4, "1ab2abx", "1;2;", "1|2|N/A");
    /* no null literal: "null" is text, not an INT, so NULL; a STRING "null" */
    arr(ARRS_LAX, 4, "null", "", "N/A");
    arr(ARRS_LAX, 9, "nullabaabb", "null;a;b", "null|a|b");
    arr(ARRS_LAX, 8, "1000ab1.5abx", ";1.5;", "N/A|1.5|N/A");
    arr(ARRS_LAX, 11, "!!abAAE=", ";AAE=", "N/A|AAE=");
    arr(ARRS_LAX, 16, "2024-01-02 03:04:05ab2024-01-02 03:04:05Z", "\";2024-01-02 03:04:05Z\"",
        "\"N/A|2024-01-02 03:04:05Z\"");
    /* a record without the trailing fields: they are NULL */
    assert_null(deliver(ARRS_LAX, "7,trueabx"));
    assert_string_equal(got[ARRS_OUT], "7,true;false,,,,,,,,,,,,,,,");
    assert_string_equal(got[ARRS_ESC], "7,true|false,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A");
    /* "true;x" is one element with "ab" between elements: not "true" */
    assert_null(deliver(ARRS_LAX, "7,true;x"));
    assert_string_equal(got[ARRS_OUT], "7,false,,,,,,,,,,,,,,,");
}

#define ROW_ALL "true;1;2;3;4;1.5;2.5;1.5;hi;awML;2024-01-02;12:34:56.789;2024-01-02 03:04:05.120;2024-01-02 03:04:05Z"

/* Reads "7,r2,r" from source src; the sinks must write "7,out2,out" and
 * "7,esc2,esc". */
static void row(size_t src, const char *r2, const char *r, const char *out2, const char *out, const char *esc2,
                const char *esc)
{
    char line[1024], want[1024];
    snprintf(line, sizeof line, "7,%s,%s", r2, r);
    const char *why = deliver(src, line);
    if (why)
        fail_msg("%s read as %s failed: %s", line, src == ROWS_IN ? "rows_in" : "rows_lax", why);
    snprintf(want, sizeof want, "7,%s,%s", out2, out);
    assert_string_equal(got[ROWS_OUT], want);
    snprintf(want, sizeof want, "7,%s,%s", esc2, esc);
    assert_string_equal(got[ROWS_ESC], want);
}

static void row_fails(const char *r2, const char *r, const char *why)
{
    char line[1024];
    snprintf(line, sizeof line, "7,%s,%s", r2, r);
    const char *got_why = deliver(ROWS_IN, line);
    if (!got_why)
        fail_msg("%s read, expected: %s", line, why);
    assert_string_equal(got_why, why);
}

static void test_rows(void **state)
{
    (void)state;
    /* every field type, the DECIMAL with its scale, BYTES in base64, both
     * timestamps; the joined text is longer than 24 characters: quoted */
    row(ROWS_IN, "1;a", ROW_ALL, "1;a",
        "\"true;1;2;3;4;1.5;2.5;1.5;hi;awML;2024-01-02;12:34:56.789;2024-01-02 03:04:05.12;2024-01-02 03:04:05Z\"",
        "1|a",
        "\"true|1|2|3|4|1.5|2.5|1.5|hi|awML|2024-01-02|12:34:56.789|2024-01-02 03:04:05.12|2024-01-02 03:04:05Z\"");
    /* NULL fields: the null literal, a DECIMAL that does not fit */
    row(ROWS_IN, "null;null", "null;null;null;null;null;null;null;1000;null;null;null;null;null;null", ";",
        ";;;;;;;;;;;;;", "N/A|N/A", "\"N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A\"");
    /* no elements: a NULL ROW */
    row(ROWS_IN, "", " ", "", "", "N/A", "N/A");
    row(ROWS_IN, "-5;x~y", "", "-5;x~y", "", "\"-5|x~~y\"", "N/A");
    row_fails("null", "", "Fail to deserialize at field: r2. Row length mismatch. 2 fields expected but was 1.");
    row_fails("1;a;b", "", "Fail to deserialize at field: r2. Row length mismatch. 2 fields expected but was 3.");
    row_fails("x;a", "", "Fail to deserialize at field: r2. Element 1 'x' is not a valid INT");
    row_fails("1;a", "true;1;2;3;4;1.5;2.5;abc;hi;awML;2024-01-02;12:34:56.789;2024-01-02 03:04:05;2024-01-02 03:04:05Z",
              "Fail to deserialize at field: r. Element 8 'abc' is not a valid DECIMAL");
    row_fails("1;a", "true;1;2;3;4;1.5;2.5;1;hi;!!;2024-01-02;12:34:56.789;2024-01-02 03:04:05;2024-01-02 03:04:05Z",
              "Fail to deserialize at field: r. Element 10 '!!' is not a valid BYTES");
    row_fails("1;a", "true;1;2;3;4;1.5;2.5;1;hi;awML;2024-01-02;12:34:56.789;2024-01-02 03:04:05;2024-01-02 03:04:05",
              "Fail to deserialize at field: r. Element 14 '2024-01-02 03:04:05' is not a valid TIMESTAMP_LTZ");
    row_fails("1;a", "true;128;2;3;4;1.5;2.5;1;hi;awML;2024-01-02;12:34:56.789;2024-01-02 03:04:05;x",
              "Fail to deserialize at field: r. Element 2 '128' is not a valid TINYINT");
    row_fails("1;a", "true;1", "Fail to deserialize at field: r. Row length mismatch. 14 fields expected but was 2.");
}

/* ignore-parse-errors: a short ROW is read as far as it goes, the rest
 * NULL; a long one is cut; a bad field is NULL */
static void test_rows_lax(void **state)
{
    (void)state;
    row(ROWS_LAX, "5", "true;1", "5;", "true;1;;;;;;;;;;;;", "5|N/A", "\"true|1|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A|N/A\"");
    row(ROWS_LAX, "5;a;b;c", "", "5;a", "", "5|a", "N/A");
    row(ROWS_LAX, "x;a", "true;1;2;3;4;1.5;2.5;abc;hi;!!;2024-13-01;25:00;2024-01-02T03:04:05;2024-01-02 03:04:05",
        ";a", "\"true;1;2;3;4;1.5;2.5;;hi;;;;;\"", "N/A|a", "\"true|1|2|3|4|1.5|2.5|N/A|hi|N/A|N/A|N/A|N/A|N/A\"");
    row(ROWS_LAX, "null", "", ";", "", "N/A|N/A", "N/A");
    /* the record's missing fields are NULL ROWs */
    assert_null(deliver(ROWS_LAX, "7"));
    assert_string_equal(got[ROWS_OUT], "7,,");
    assert_string_equal(got[ROWS_ESC], "7,N/A,N/A");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_array_types),  cmocka_unit_test(test_array_fields),
        cmocka_unit_test(test_array_errors), cmocka_unit_test(test_array_lax),
        cmocka_unit_test(test_rows),         cmocka_unit_test(test_rows_lax),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
