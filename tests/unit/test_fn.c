/* This file tests the SQL string functions and CAST parsers: LIKE against
 * Flink's regex translation, UPPER/LOWER against Java's
 * String.toUpperCase/toLowerCase (vectors produced by the JDK, root
 * locale), CHAR_LENGTH, comparison, and the string-to-number casts. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/fn.h"

static sqlkc_rt_str_t S(const char *s) { return (sqlkc_rt_str_t){s, strlen(s)}; }

static bool like(const char *s, const char *p) { return sqlkc_rt_like(S(s), S(p), -1); }

static bool like_esc(const char *s, const char *p, int esc) {
    return sqlkc_rt_like(S(s), S(p), esc);
}

static void test_like(void **state) {
    (void)state;
    assert_true(like("abc", "abc"));
    assert_false(like("abc", "ab"));
    assert_false(like("ab", "abc"));
    assert_true(like("", ""));
    assert_true(like("", "%"));
    assert_true(like("", "%%"));
    assert_false(like("", "_"));
    assert_true(like("abc", "a%"));
    assert_true(like("abc", "%c"));
    assert_true(like("abc", "%b%"));
    assert_true(like("abc", "a_c"));
    assert_false(like("abc", "a_"));
    assert_true(like("abc", "___"));
    assert_false(like("abc", "____"));
    assert_true(like("abcabc", "%abc"));
    assert_true(like("aXbXc", "a%b%c"));
    assert_false(like("aXbXd", "a%b%c"));
    assert_true(like("mississippi", "%iss%ppi"));
    assert_true(like("mississippi", "m%is_i%"));
    assert_false(like("ABC", "abc")); /* case-sensitive */
    assert_true(like("a.c", "a.c"));  /* regex characters are literal */
    assert_false(like("abc", "a.c"));
    assert_true(like("a*c", "a*c"));
    assert_true(like("a\\c", "a\\c")); /* no escape without ESCAPE */
    /* '_' is one code point, never a line terminator; '%' spans lines */
    assert_true(like("\xc3\xa9t\xc3\xa9", "_t_"));
    assert_true(like("\xf0\x9f\x98\x80", "_"));
    assert_false(like("\xf0\x9f\x98\x80", "__"));
    assert_false(like("a\nb", "a_b"));
    assert_false(like("a\rb", "a_b"));
    assert_false(like("a\xe2\x80\xa8"
                      "b",
                      "a_b"));
    assert_false(like("a\xc2\x85"
                      "b",
                      "a_b"));
    assert_true(like("a\nb", "a%b"));
    assert_true(like("line1\nline2", "%line2"));
    /* invalid UTF-8 bytes are single units */
    assert_true(like("a\xff"
                     "b",
                     "a_b"));
    assert_true(like("a\xff"
                     "b",
                     "a\xff"
                     "b"));
    assert_false(like("a\xfe"
                      "b",
                      "a\xff"
                      "b"));
    /* ESCAPE */
    assert_true(like_esc("50%", "50!%", '!'));
    assert_false(like_esc("500", "50!%", '!'));
    assert_true(like_esc("a_b", "a!_b", '!'));
    assert_false(like_esc("axb", "a!_b", '!'));
    assert_true(like_esc("a!b", "a!!b", '!'));
    assert_true(like_esc("a\\b", "a\\\\b", '\\'));
    assert_false(like_esc("ab", "a!b", '!'));          /* invalid sequence: no match */
    assert_false(like_esc("a!", "a!", '!'));           /* escape at the end */
    assert_true(like_esc("x%y", "x\xc3\xa9%y", 0xE9)); /* a non-ASCII escape character */
    size_t at = 99;
    assert_int_equal(sqlkc_rt_like_check(S("a!b"), '!', &at), -1);
    assert_int_equal(at, 1);
    assert_int_equal(sqlkc_rt_like_check(S("ab!"), '!', &at), -1);
    assert_int_equal(at, 2);
    assert_int_equal(sqlkc_rt_like_check(S("a!%!_!!"), '!', NULL), 0);
    assert_int_equal(sqlkc_rt_like_check(S("a!b"), -1, NULL), 0);
    /* backtracking stays polynomial on adversarial input */
    char s[2001], p[64];
    memset(s, 'a', 2000);
    s[2000] = 0;
    strcpy(p, "%a%a%a%a%a%a%a%a%a%a%b");
    assert_false(like(s, p));
}

static void *test_alloc(void *arg, size_t n) {
    void **list = arg;
    void *p = malloc(n ? n : 1);
    /* chain the blocks so the test can free them */
    void **blk = malloc(2 * sizeof(void *));
    blk[0] = p;
    blk[1] = *list;
    *list = blk;
    return p;
}

static void free_all(void **list) {
    while (*list) {
        void **blk = *list;
        *list = blk[1];
        free(blk[0]);
        free(blk);
    }
}

/* input, Java toUpperCase(Locale.ROOT), Java toLowerCase(Locale.ROOT) */
static const struct {
    const char *in, *upper, *lower;
} case_vectors[] = {
    {"hello World", "HELLO WORLD", "hello world"},
    {"stra\xc3\x9f\x65", "STRASSE", "stra\xc3\x9f\x65"},
    {"\xc5\x89", "\xca\xbcN", "\xc5\x89"},
    {"\xce\x90\xce\xb0", "\xce\x99\xcc\x88\xcc\x81\xce\xa5\xcc\x88\xcc\x81", "\xce\x90\xce\xb0"},
    {"\xc3\xbf", "\xc5\xb8", "\xc3\xbf"},
    {"\xc2\xb5", "\xce\x9c", "\xc2\xb5"},
    {"\xc4\xb0stanbul", "\xc4\xb0STANBUL", "i\xcc\x87stanbul"},
    {"\xc4\xb1i", "II", "\xc4\xb1i"},
    {"\xce\xa3\xce\x91\xce\xa3. \xce\x9f\xce\x94\xce\x9f\xce\xa3 \xce\xa3\xce\x91",
     "\xce\xa3\xce\x91\xce\xa3. \xce\x9f\xce\x94\xce\x9f\xce\xa3 \xce\xa3\xce\x91",
     "\xcf\x83\xce\xb1\xcf\x82. \xce\xbf\xce\xb4\xce\xbf\xcf\x82 \xcf\x83\xce\xb1"},
    {"A\xce\xa3", "A\xce\xa3", "a\xcf\x82"},
    {"\xce\xa3", "\xce\xa3", "\xcf\x83"},
    {"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\x9c\xd0\xb8\xd1\x80! \xd0\x81\xd1\x91 "
     "\xd0\x82\xd1\x92",
     "\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2, \xd0\x9c\xd0\x98\xd0\xa0! \xd0\x81\xd0\x81 "
     "\xd0\x82\xd0\x82",
     "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80! \xd1\x91\xd1\x91 "
     "\xd1\x92\xd1\x92"},
    {"\xd1\xa0\xd1\xa1 \xd2\x8a\xd2\x8b \xd3\x81\xd3\x82 \xd3\x80\xd3\x8f \xd3\x90\xd3\x91",
     "\xd1\xa0\xd1\xa0 \xd2\x8a\xd2\x8a \xd3\x81\xd3\x81 \xd3\x80\xd3\x80 \xd3\x90\xd3\x90",
     "\xd1\xa1\xd1\xa1 \xd2\x8b\xd2\x8b \xd3\x82\xd3\x82 \xd3\x8f\xd3\x8f \xd3\x91\xd3\x91"},
    {"\xc3\x80\xc3\x89\xc3\x8e\xc3\x95\xc3\x9c \xc3\xa0\xc3\xa9\xc3\xae\xc3\xb5\xc3\xbc "
     "\xc3\x86\xc3\x98\xc3\x85 \xc3\xa6\xc3\xb8\xc3\xa5 \xc3\x9e\xc3\xbe",
     "\xc3\x80\xc3\x89\xc3\x8e\xc3\x95\xc3\x9c \xc3\x80\xc3\x89\xc3\x8e\xc3\x95\xc3\x9c "
     "\xc3\x86\xc3\x98\xc3\x85 \xc3\x86\xc3\x98\xc3\x85 \xc3\x9e\xc3\x9e",
     "\xc3\xa0\xc3\xa9\xc3\xae\xc3\xb5\xc3\xbc \xc3\xa0\xc3\xa9\xc3\xae\xc3\xb5\xc3\xbc "
     "\xc3\xa6\xc3\xb8\xc3\xa5 \xc3\xa6\xc3\xb8\xc3\xa5 \xc3\xbe\xc3\xbe"},
    {"\xc4\x80\xc4\x81\xc4\x82\xc4\x83\xc4\xb2\xc4\xb3\xc4\xb9\xc4\xba\xc5\x81\xc5\x82\xc5\x8a\xc5"
     "\x8b\xc5\xb8\xc5\xb9\xc5\xba\xc5\xbf",
     "\xc4\x80\xc4\x80\xc4\x82\xc4\x82\xc4\xb2\xc4\xb2\xc4\xb9\xc4\xb9\xc5\x81\xc5\x81\xc5\x8a\xc5"
     "\x8a\xc5\xb8\xc5\xb9\xc5\xb9S",
     "\xc4\x81\xc4\x81\xc4\x83\xc4\x83\xc4\xb3\xc4\xb3\xc4\xba\xc4\xba\xc5\x82\xc5\x82\xc5\x8b\xc5"
     "\x8b\xc3\xbf\xc5\xba\xc5\xba\xc5\xbf"},
    {"\xce\xa9\xce\xbc\xce\xad\xce\xb3\xce\xb1 "
     "\xce\xac\xce\xad\xce\xae\xce\xaf\xcf\x8c\xcf\x8d\xcf\x8e "
     "\xce\x86\xce\x88\xce\x89\xce\x8a\xce\x8c\xce\x8e\xce\x8f",
     "\xce\xa9\xce\x9c\xce\x88\xce\x93\xce\x91 "
     "\xce\x86\xce\x88\xce\x89\xce\x8a\xce\x8c\xce\x8e\xce\x8f "
     "\xce\x86\xce\x88\xce\x89\xce\x8a\xce\x8c\xce\x8e\xce\x8f",
     "\xcf\x89\xce\xbc\xce\xad\xce\xb3\xce\xb1 "
     "\xce\xac\xce\xad\xce\xae\xce\xaf\xcf\x8c\xcf\x8d\xcf\x8e "
     "\xce\xac\xce\xad\xce\xae\xce\xaf\xcf\x8c\xcf\x8d\xcf\x8e"},
    {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88",
     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88",
     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88"},
    {"\xc7\x85\xc7\x86\xc7\x84 \xc8\xba\xe2\xb1\xa5\xc9\x90\xe2\xb1\xaf",
     "\xc7\x84\xc7\x84\xc7\x84 \xc8\xba\xc8\xba\xe2\xb1\xaf\xe2\xb1\xaf",
     "\xc7\x86\xc7\x86\xc7\x86 \xe2\xb1\xa5\xe2\xb1\xa5\xc9\x90\xc9\x90"},
    {"\xc7\xb0", "J\xcc\x8c", "\xc7\xb0"},
    {"\xef\xac\x80", "FF", "\xef\xac\x80"},
    {"\xe2\xb1\xaf \xe2\xb1\xb6", "\xe2\xb1\xaf \xe2\xb1\xb5", "\xc9\x90 \xe2\xb1\xb6"},
    {"ABC\xf0\x9f\x98\x80xyz", "ABC\xf0\x9f\x98\x80XYZ", "abc\xf0\x9f\x98\x80xyz"},
    {"\xd0\x80 \xd1\x90 \xcf\x90\xcf\x91\xcf\x95\xcf\x96\xcf\xb0\xcf\xb1\xcf\xb5",
     "\xd0\x80 \xd0\x80 \xce\x92\xce\x98\xce\xa6\xce\xa0\xce\x9a\xce\xa1\xce\x95",
     "\xd1\x90 \xd1\x90 \xcf\x90\xcf\x91\xcf\x95\xcf\x96\xcf\xb0\xcf\xb1\xcf\xb5"},
};

static void test_case_mapping(void **state) {
    (void)state;
    void *blocks = NULL;
    for (size_t i = 0; i < sizeof case_vectors / sizeof case_vectors[0]; i++) {
        sqlkc_rt_str_t u = sqlkc_rt_upper(test_alloc, &blocks, S(case_vectors[i].in));
        sqlkc_rt_str_t l = sqlkc_rt_lower(test_alloc, &blocks, S(case_vectors[i].in));
        if (u.n != strlen(case_vectors[i].upper) || memcmp(u.p, case_vectors[i].upper, u.n) != 0)
            fail_msg("upper of vector %zu: got [%.*s], Java [%s]", i, (int)u.n, u.p,
                     case_vectors[i].upper);
        if (l.n != strlen(case_vectors[i].lower) || memcmp(l.p, case_vectors[i].lower, l.n) != 0)
            fail_msg("lower of vector %zu: got [%.*s], Java [%s]", i, (int)l.n, l.p,
                     case_vectors[i].lower);
    }
    /* nothing to change: the input comes back, nothing is allocated */
    sqlkc_rt_str_t in = S("ALREADY UPPER 123 \xe6\x97\xa5");
    sqlkc_rt_str_t u = sqlkc_rt_upper(test_alloc, &blocks, in);
    assert_ptr_equal(u.p, in.p);
    in = S("plain");
    assert_ptr_equal(sqlkc_rt_lower(test_alloc, &blocks, in).p, in.p);
    assert_int_equal(sqlkc_rt_upper(test_alloc, &blocks, S("")).n, 0);
    /* invalid bytes are kept as they are */
    u = sqlkc_rt_upper(test_alloc, &blocks, S("a\xff\xc3(b\xe9"));
    assert_int_equal(u.n, 6);
    assert_memory_equal(u.p, "A\xff\xc3(B\xe9", 6);
    free_all(&blocks);
}

static void test_char_length_cmp(void **state) {
    (void)state;
    assert_int_equal(sqlkc_rt_char_length(S("")), 0);
    assert_int_equal(sqlkc_rt_char_length(S("abc")), 3);
    assert_int_equal(sqlkc_rt_char_length(S("gr\xc3\xbc\xc3\x9f")), 4);
    assert_int_equal(sqlkc_rt_char_length(S("\xe6\x97\xa5\xe6\x9c\xac")), 2);
    assert_int_equal(sqlkc_rt_char_length(S("\xf0\x9f\x98\x80!")), 2);
    assert_int_equal(sqlkc_rt_char_length(S("\xff\xfe")), 2);
    assert_int_equal(sqlkc_rt_char_length((sqlkc_rt_str_t){"\xe6\x97", 2}),
                     1); /* truncated: lead byte decides */

    assert_true(sqlkc_rt_str_cmp(S("a"), S("b")) < 0);
    assert_true(sqlkc_rt_str_cmp(S("b"), S("a")) > 0);
    assert_true(sqlkc_rt_str_cmp(S("ab"), S("ab")) == 0);
    assert_true(sqlkc_rt_str_cmp(S("ab"), S("abc")) < 0);
    assert_true(sqlkc_rt_str_cmp(S(""), S("a")) < 0);
    assert_true(sqlkc_rt_str_cmp(S("Z"), S("a")) < 0);
    assert_true(sqlkc_rt_str_cmp(S("\xc3\xa9"), S("z")) > 0); /* unsigned bytes */
    assert_true(sqlkc_rt_str_cmp(S("\xef\xbf\xbf"), S("\xf0\x9f\x98\x80")) < 0);
    assert_true(sqlkc_rt_str_eq(S("x"), S("x")));
    assert_false(sqlkc_rt_str_eq(S("x"), S("xy")));
    assert_true(sqlkc_rt_str_eq((sqlkc_rt_str_t){NULL, 0}, S("")));
}

static void test_cast_parsers(void **state) {
    (void)state;
    int64_t i64;
    int32_t i32;
    int16_t i16;
    int8_t i8;
    assert_int_equal(sqlkc_rt_parse_i64(S("123"), &i64), 0);
    assert_true(i64 == 123);
    assert_int_equal(sqlkc_rt_parse_i64(S("  -42  "), &i64), 0);
    assert_true(i64 == -42);
    assert_int_equal(sqlkc_rt_parse_i64(S("+7"), &i64), 0);
    assert_true(i64 == 7);
    assert_int_equal(sqlkc_rt_parse_i64(S("12.99"), &i64), 0); /* fraction dropped */
    assert_true(i64 == 12);
    assert_int_equal(sqlkc_rt_parse_i64(S("-12.99"), &i64), 0);
    assert_true(i64 == -12);
    assert_int_equal(sqlkc_rt_parse_i64(S("1."), &i64), 0);
    assert_true(i64 == 1);
    assert_int_equal(sqlkc_rt_parse_i64(S(".5"), &i64), 0);
    assert_true(i64 == 0);
    assert_int_equal(sqlkc_rt_parse_i64(S("9223372036854775807"), &i64), 0);
    assert_true(i64 == INT64_MAX);
    assert_int_equal(sqlkc_rt_parse_i64(S("-9223372036854775808"), &i64), 0);
    assert_true(i64 == INT64_MIN);
    assert_int_equal(sqlkc_rt_parse_i64(S("9223372036854775808"), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S(""), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("   "), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("-"), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("1e3"), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("12a"), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("1.2.3"), &i64), -1);
    assert_int_equal(sqlkc_rt_parse_i64(S("\t12"), &i64), -1); /* only spaces are trimmed */
    assert_int_equal(sqlkc_rt_parse_i32(S("2147483647"), &i32), 0);
    assert_int_equal(i32, INT32_MAX);
    assert_int_equal(sqlkc_rt_parse_i32(S("2147483648"), &i32), -1);
    assert_int_equal(sqlkc_rt_parse_i16(S("-32768"), &i16), 0);
    assert_int_equal(i16, INT16_MIN);
    assert_int_equal(sqlkc_rt_parse_i16(S("32768"), &i16), -1);
    assert_int_equal(sqlkc_rt_parse_i8(S("127"), &i8), 0);
    assert_int_equal(sqlkc_rt_parse_i8(S("-129"), &i8), -1);

    double d;
    float f;
    assert_int_equal(sqlkc_rt_parse_double(S(" 1.5 "), &d), 0);
    assert_true(d == 1.5);
    assert_int_equal(sqlkc_rt_parse_double(S("-1e-3"), &d), 0);
    assert_true(d == -1e-3);
    assert_int_equal(sqlkc_rt_parse_double(S(".5"), &d), 0);
    assert_true(d == 0.5);
    assert_int_equal(sqlkc_rt_parse_double(S("5."), &d), 0);
    assert_true(d == 5.0);
    assert_int_equal(sqlkc_rt_parse_double(S("1f"), &d), 0);
    assert_true(d == 1.0);
    assert_int_equal(sqlkc_rt_parse_double(S("NaN"), &d), 0);
    assert_true(isnan(d));
    assert_int_equal(sqlkc_rt_parse_double(S("-NaN"), &d), 0);
    assert_true(isnan(d));
    assert_int_equal(sqlkc_rt_parse_double(S("+Infinity"), &d), 0);
    assert_true(isinf(d) && d > 0);
    assert_int_equal(sqlkc_rt_parse_double(S("0x1.8p1"), &d), 0);
    assert_true(d == 3.0);
    assert_int_equal(sqlkc_rt_parse_double(S("0x10"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("inf"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("nan"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("1e"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("."), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("1ff"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S(""), &d), -1);
    assert_int_equal(sqlkc_rt_parse_double(S("1,5"), &d), -1);
    assert_int_equal(sqlkc_rt_parse_float(S("0.1"), &f), 0);
    assert_true(f == 0.1f);
    assert_int_equal(sqlkc_rt_parse_float(S("1e39"), &f), 0);
    assert_true(isinf(f));

    bool b;
    static const char *const yes[] = {"t", "TRUE", " yes ", "Y", "1"};
    static const char *const no[] = {"f", "False", "n", "NO", "0"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(sqlkc_rt_parse_bool(S(yes[i]), &b), 0);
        assert_true(b);
        assert_int_equal(sqlkc_rt_parse_bool(S(no[i]), &b), 0);
        assert_false(b);
    }
    assert_int_equal(sqlkc_rt_parse_bool(S("maybe"), &b), -1);
    assert_int_equal(sqlkc_rt_parse_bool(S(""), &b), -1);
    assert_int_equal(sqlkc_rt_parse_bool(S("truee"), &b), -1);

    sqlkc_rt_dec_t dec;
    assert_int_equal(sqlkc_rt_parse_decimal(S(" 12.345\n"), &dec, 5, 2), 1);
    assert_true(dec == 1235);
    assert_int_equal(sqlkc_rt_parse_decimal(S("-1e2"), &dec, 5, 2), 1);
    assert_true(dec == -10000);
    assert_int_equal(sqlkc_rt_parse_decimal(S("1000"), &dec, 5, 2), 0);
    assert_int_equal(sqlkc_rt_parse_decimal(S("abc"), &dec, 5, 2), -1);
    assert_int_equal(sqlkc_rt_parse_decimal(S(""), &dec, 5, 2), -1);
}

/* Random decimal texts, many in the exact fast-path range: every result
 * must be bit-identical to glibc's correctly rounded strtod/strtof. */
static void test_parse_double_random(void **state) {
    (void)state;
    uint64_t x = 7;
    char buf[64];
    for (int iter = 0; iter < 300000; iter++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int nd = 1 + (int)(x >> 59) % 20, pointpos = (int)(x >> 50) % (nd + 1),
            expo = (int)(x >> 40) % 60 - 30;
        size_t n = 0;
        if (x >> 63)
            buf[n++] = '-';
        for (int i = 0; i < nd; i++) {
            if (i == pointpos && i > 0)
                buf[n++] = '.';
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            buf[n++] = (char)('0' + (x >> 33) % 10);
        }
        if (iter % 2)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "e%d", expo);
        buf[n] = 0;
        double d, ref = strtod(buf, NULL);
        float f, fref = strtof(buf, NULL);
        assert_int_equal(sqlkc_rt_parse_double((sqlkc_rt_str_t){buf, n}, &d), 0);
        assert_int_equal(sqlkc_rt_parse_float((sqlkc_rt_str_t){buf, n}, &f), 0);
        if (memcmp(&d, &ref, sizeof d) != 0)
            fail_msg("%s: got %.17g, strtod %.17g", buf, d, ref);
        if (memcmp(&f, &fref, sizeof f) != 0)
            fail_msg("%s: got %.9g, strtof %.9g", buf, (double)f, (double)fref);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_case_mapping),
        cmocka_unit_test(test_char_length_cmp),
        cmocka_unit_test(test_cast_parsers),
        cmocka_unit_test(test_parse_double_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
