/* This file tests the compiler's front end: keywords usable as names,
 * locations and carets of diagnostics, several errors per run, escaping of
 * generated C literals, and Flink's type rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compile.h"
#include "emit.h"
#include "types.h"

typedef struct capture {
    char text[16384];
    size_t n;
} capture_t;

static void sink(void *arg, const char *s)
{
    capture_t *c = arg;
    size_t k = strlen(s);
    if (c->n + k >= sizeof c->text)
        k = sizeof c->text - c->n - 1;
    memcpy(c->text + c->n, s, k);
    c->n += k;
    c->text[c->n] = 0;
}

static int check(const char *sql, capture_t *cap)
{
    memset(cap, 0, sizeof *cap);
    compile_t *c = compile_new("t.sql", sql, strlen(sql));
    compile_set_sink(c, sink, cap);
    int rc = compile_run(c);
    compile_free(c);
    return rc;
}

static const char *const unreserved[] = {
#define KW(text, tok, cat) #cat[0] != 'R' ? text : NULL,
#include "keywords.h"
#undef KW
};

/* Every unreserved keyword is a valid column name, in DDL and in queries. */
static void unreserved_keywords_are_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof unreserved / sizeof unreserved[0]; i++) {
        const char *kw = unreserved[i];
        if (!kw)
            continue;
        char sql[2048];
        snprintf(sql, sizeof sql,
                 "CREATE TABLE s (%s BIGINT) WITH ('connector'='kafka','topic'='s',"
                 "'properties.bootstrap.servers'='b:1','format'='json');\n"
                 "CREATE TABLE o (n BIGINT) WITH ('connector'='kafka','topic'='o',"
                 "'properties.bootstrap.servers'='b:1','format'='json');\n"
                 "INSERT INTO o SELECT %s + 1 AS %s FROM s WHERE %s > 0;\n",
                 kw, kw, kw, kw);
        capture_t cap;
        int rc = check(sql, &cap);
        if (rc != 0)
            fail_msg("keyword %s as a column name: %s", kw, cap.text);
    }
}

/* Reserved keywords need backquotes. */
static void reserved_keywords_need_quotes(void **state)
{
    (void)state;
    capture_t cap;
    const char *bad = "CREATE TABLE s (select BIGINT) WITH ('connector'='kafka');";
    assert_int_equal(check(bad, &cap), 1);
    assert_non_null(strstr(cap.text, "t.sql:1:17: error: syntax error: unexpected 'SELECT'"));
    const char *good = "CREATE TABLE s (`select` BIGINT, `a``b` INT) WITH ('connector'='kafka','topic'='s',"
                       "'properties.bootstrap.servers'='b:1','format'='json');"
                       "CREATE TABLE o (n BIGINT) WITH ('connector'='kafka','topic'='o',"
                       "'properties.bootstrap.servers'='b:1','format'='json');"
                       "INSERT INTO o SELECT `select` FROM s WHERE `a``b` = 1";
    assert_int_equal(check(good, &cap), 0);
}

/* Carets sit under the offending text, counted in characters on UTF-8 lines. */
static void caret_under_utf8(void **state)
{
    (void)state;
    capture_t cap;
    const char *sql = "CREATE TABLE s (`ünï` BIGINT) WITH ('connector'='kafka','topic'='s',"
                      "'properties.bootstrap.servers'='b:1','fromat'='json');";
    assert_int_equal(check(sql, &cap), 1);
    assert_non_null(strstr(cap.text, "did you mean 'format'?"));
    /* the caret line: one space per character before the option */
    const char *line = strstr(cap.text, "\n      | ");
    assert_non_null(line);
    const char *caret = strchr(line + 9, '^');
    assert_non_null(caret);
    const char *start = strstr(sql, "'fromat'");
    size_t chars = 0;
    for (const char *p = sql; p < start; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    assert_int_equal((size_t)(caret - (line + 9)), chars);
    assert_non_null(strstr(caret, "^~~~~~~~~~~~~~~"));
}

static void several_errors_and_exit_code(void **state)
{
    (void)state;
    capture_t cap;
    const char *sql = "CREATE TABLE a (x INT) WITH ('connector'='kafak');\n"
                      "CREATE TABLE b (x INT) WITH ('connector'='kafka', 'topic'='t', 'format'='jsn',\n"
                      "  'properties.bootstrap.servers'='h:1');\n";
    assert_int_equal(check(sql, &cap), 1);
    assert_non_null(strstr(cap.text, "t.sql:1:30: error: unknown connector 'kafak'; did you mean 'kafka'?"));
    assert_non_null(strstr(cap.text, "t.sql:2:64: error: unknown format 'jsn'; did you mean 'json'?"));
    assert_non_null(strstr(cap.text, "errors generated."));
}

static void syntax_error_recovery(void **state)
{
    (void)state;
    capture_t cap;
    const char *sql = "CREATE TABLE a (x INT,) WITH ('connector'='kafka');\n"
                      "SET 'a' 'b';\n"
                      "CREATE TABLE c (x INT WITH;\n";
    assert_int_equal(check(sql, &cap), 1);
    assert_non_null(strstr(cap.text, "t.sql:1:23: error: syntax error: unexpected ')'"));
    assert_non_null(strstr(cap.text, "t.sql:2:9: error: syntax error: unexpected string literal; expected '='"));
    assert_non_null(strstr(cap.text, "t.sql:3:23: error: syntax error"));
}

static void unterminated_comment(void **state)
{
    (void)state;
    capture_t cap;
    assert_int_equal(check("SET 'a' = 'b'; /* never closed", &cap), 1);
    assert_non_null(strstr(cap.text, "t.sql:1:16: error: unterminated comment"));
}

static void c_literals_are_escaped(void **state)
{
    (void)state;
    arena_t a;
    arena_init(&a);
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    const char *lit = emit_cstr(&a, all, 256);
    assert_int_equal(lit[0], '"');
    for (const char *p = lit + 1; p[1]; p++) {
        assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
        assert_true(*p != '?');
        if (*p == '\\') {
            p++; /* escaped character */
            assert_true(*p == '"' || *p == '\\' || (*p >= '0' && *p <= '3'));
        } else {
            assert_true(*p != '"');
        }
    }
    assert_string_equal(emit_cstr(&a, "a\"b\\c*/", 7), "\"a\\\"b\\\\c*/\"");
    assert_string_equal(emit_comment(&a, "x */ y /* z"), "x _/ y _* z");
    arena_free(&a);
}

static void flink_types(void **state)
{
    (void)state;
    arena_t a;
    arena_init(&a);
    const type_t *i = type_new(&a, TY_INT, -1, -1, true), *b = type_new(&a, TY_BIGINT, -1, -1, false);
    const type_t *s = type_new(&a, TY_VARCHAR, TY_MAX_LEN, -1, true), *d = type_new(&a, TY_DOUBLE, -1, -1, true);
    const type_t *dec = type_new(&a, TY_DECIMAL, 10, 2, true), *ts = type_new(&a, TY_TIMESTAMP, 3, -1, true);
    assert_string_equal(type_str(&a, b), "BIGINT NOT NULL");
    assert_string_equal(type_str(&a, s), "STRING");
    assert_string_equal(type_str(&a, dec), "DECIMAL(10, 2)");
    assert_string_equal(type_str(&a, ts), "TIMESTAMP(3)");
    assert_true(type_implicit_cast(i, b));
    assert_false(type_implicit_cast(b, i));
    assert_true(type_implicit_cast(b, d));
    assert_false(type_implicit_cast(s, i));
    assert_false(type_implicit_cast(i, s));
    assert_true(type_implicit_cast(i, type_new(&a, TY_DECIMAL, 12, 2, true)));
    assert_false(type_implicit_cast(b, dec));
    assert_int_equal(type_numeric_common(&a, i, b)->kind, TY_BIGINT);
    assert_int_equal(type_numeric_common(&a, b, d)->kind, TY_DOUBLE);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unreserved_keywords_are_names),
        cmocka_unit_test(reserved_keywords_need_quotes),
        cmocka_unit_test(caret_under_utf8),
        cmocka_unit_test(several_errors_and_exit_code),
        cmocka_unit_test(syntax_error_recovery),
        cmocka_unit_test(unterminated_comment),
        cmocka_unit_test(c_literals_are_escaped),
        cmocka_unit_test(flink_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
