/* This file tests the raw format's charset conversion (sqlkc/raw.h,
 * runtime/src/charset.c) against what Java does in Flink's
 * RawFormatDeserializationSchema (`new String(bytes, charset)`) and
 * RawFormatSerializationSchema (`String.getBytes(charset)`): names and
 * aliases as Charset.forName, U+FFFD for malformed input, '?' for
 * unmappable characters, and Java's byte-order-mark rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/raw.h"

static sqlkc_rt_buf_t out;

static sqlkc_rt_charset_t *open_cs(const char *name)
{
    char err[160];
    sqlkc_rt_charset_t *cs = sqlkc_rt_charset_open(name, err, sizeof err);
    if (!cs)
        fail_msg("%s: %s", name, err);
    return cs;
}

/* decode in[0..n) with charset `name` and expect the UTF-8 text want[0..wn) */
static void dec(const char *name, const char *in, size_t n, const char *want, size_t wn)
{
    sqlkc_rt_buf_reset(&out);
    sqlkc_rt_charset_decode(open_cs(name), in, n, &out);
    if (out.len != wn || memcmp(out.p, want, wn) != 0) {
        fprintf(stderr, "decode %s: got %zu bytes:", name, out.len);
        for (size_t i = 0; i < out.len; i++)
            fprintf(stderr, " %02X", (unsigned char)out.p[i]);
        fprintf(stderr, "\n");
        fail();
    }
}

static void enc(const char *name, const char *in, size_t n, const char *want, size_t wn)
{
    sqlkc_rt_buf_reset(&out);
    sqlkc_rt_charset_encode(open_cs(name), in, n, &out);
    if (out.len != wn || (wn && memcmp(out.p, want, wn) != 0)) {
        fprintf(stderr, "encode %s: got %zu bytes:", name, out.len);
        for (size_t i = 0; i < out.len; i++)
            fprintf(stderr, " %02X", (unsigned char)out.p[i]);
        fprintf(stderr, "\n");
        fail();
    }
}

#define DEC(name, in, want) dec(name, in, sizeof in - 1, want, sizeof want - 1)
#define ENC(name, in, want) enc(name, in, sizeof in - 1, want, sizeof want - 1)

static void test_names(void **state)
{
    (void)state;
    /* Charset.forName: canonical names and aliases, case-insensitive */
    assert_string_equal(sqlkc_rt_charset_canonical("latin1"), "ISO-8859-1");
    assert_string_equal(sqlkc_rt_charset_canonical("iso-8859-1"), "ISO-8859-1");
    assert_string_equal(sqlkc_rt_charset_canonical("ISO8859_1"), "ISO-8859-1");
    assert_string_equal(sqlkc_rt_charset_canonical("utf-16"), "UTF-16");
    assert_string_equal(sqlkc_rt_charset_canonical("UnicodeBigUnmarked"), "UTF-16BE");
    assert_string_equal(sqlkc_rt_charset_canonical("Cp1252"), "windows-1252");
    assert_string_equal(sqlkc_rt_charset_canonical("UTF8"), "UTF-8");
    assert_string_equal(sqlkc_rt_charset_canonical("ascii"), "US-ASCII");
    assert_string_equal(sqlkc_rt_charset_canonical("sjis"), "Shift_JIS");
    assert_null(sqlkc_rt_charset_canonical("nope"));
    assert_null(sqlkc_rt_charset_canonical("UTF-1"));
    assert_null(sqlkc_rt_charset_canonical(""));
    assert_null(sqlkc_rt_charset_canonical(NULL));
    /* an alias is a whole name, not a prefix of one */
    assert_null(sqlkc_rt_charset_canonical("latin"));
    assert_null(sqlkc_rt_charset_canonical("latin1|l1"));

    char err[160];
    assert_null(sqlkc_rt_charset_open("nope", err, sizeof err));
    assert_string_equal(err, "Unsupported 'raw.charset' name: nope.");
    /* opening twice shares the converters */
    assert_ptr_equal(open_cs("latin1"), open_cs("ISO-8859-1"));
    assert_string_equal(sqlkc_rt_charset_name(open_cs("l1")), "ISO-8859-1");
}

static void test_latin1_ascii_1252(void **state)
{
    (void)state;
    DEC("ISO-8859-1", "caf\xE9 \xFF", "caf\xC3\xA9 \xC3\xBF");
    ENC("ISO-8859-1", "caf\xC3\xA9", "caf\xE9");
    /* unmappable: one '?' per character, whatever its UTF-8 length */
    ENC("ISO-8859-1", "\xE2\x82\xAC \xF0\x9F\x98\x80!", "? ?!");
    /* US-ASCII: bytes above 0x7F are malformed, one U+FFFD each */
    DEC("US-ASCII", "a\x80\xFF" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    ENC("US-ASCII", "\xC3\xA9t\xC3\xA9", "?t?");
    /* windows-1252: 0x80 is the euro sign, 0x81 is undefined (U+FFFD) */
    DEC("windows-1252", "\x80\x81\x9F", "\xE2\x82\xAC\xEF\xBF\xBD\xC5\xB8");
    ENC("windows-1252", "\xE2\x82\xAC\xE4\xB8\xAD", "\x80?");
    /* a malformed UTF-8 byte in the job's string reads as U+FFFD, then '?' */
    ENC("ISO-8859-1", "a\xFF" "b\xC3", "a?b?");
    DEC("ISO-8859-1", "", "");
    ENC("ISO-8859-1", "", "");
}

static void test_utf16(void **state)
{
    (void)state;
    /* "UTF-16" writes a big-endian BOM, except for the empty string */
    ENC("UTF-16", "AB", "\xFE\xFF\x00" "A\x00" "B");
    ENC("UTF-16", "", "");
    ENC("UTF-16", "\xF0\x9F\x98\x80", "\xFE\xFF\xD8\x3D\xDE\x00");
    /* and reads one of either order, big-endian without */
    DEC("UTF-16", "\xFE\xFF\x00" "A", "A");
    DEC("UTF-16", "\xFF\xFE" "A\x00", "A");
    DEC("UTF-16", "\x00" "A\x00\xE9", "A\xC3\xA9");
    /* an odd last byte and an unpaired surrogate are malformed; a high
     * surrogate takes the unit after it along (UnicodeDecoder's
     * malformedForLength(4)), a lone low one only itself */
    DEC("UTF-16", "\x00" "A\x00", "A\xEF\xBF\xBD");
    DEC("UTF-16", "\xD8\x00\x00" "A\x00" "B", "\xEF\xBF\xBD" "B");
    DEC("UTF-16LE", "\x00\xD8" "A\x00" "B\x00", "\xEF\xBF\xBD" "B");
    DEC("UTF-16", "\xDC\x00\x00" "A", "\xEF\xBF\xBD" "A");
    DEC("UTF-16", "\x00" "A\xD8\x00", "A\xEF\xBF\xBD");
    DEC("UTF-16", "\x00" "A\xD8\x00\x00", "A\xEF\xBF\xBD");
    /* U+FFFE inside the text is a character (JDK 8 and later) */
    DEC("UTF-16BE", "\xFF\xFE", "\xEF\xBF\xBE");
    /* UTF-16BE/LE write no BOM and read one as U+FEFF */
    ENC("UTF-16BE", "\xC3\xA9", "\x00\xE9");
    ENC("UTF-16LE", "\xC3\xA9", "\xE9\x00");
    DEC("UTF-16BE", "\xFE\xFF\x00" "A", "\xEF\xBB\xBF" "A");
    DEC("UTF-16LE", "A\x00\x3D\xD8\x00\xDE", "A\xF0\x9F\x98\x80");
    /* UTF-16 can encode every well-formed string; bad UTF-8 becomes U+FFFD */
    ENC("UTF-16BE", "a\xFF", "\x00" "a\xFF\xFD");
}

static void test_utf32_and_multibyte(void **state)
{
    (void)state;
    ENC("UTF-32", "A", "\x00\x00\x00" "A"); /* no BOM */
    DEC("UTF-32", "\x00\x00\x00" "A", "A");
    DEC("UTF-32", "\xFF\xFE\x00\x00" "A\x00\x00\x00", "A");
    DEC("UTF-32BE", "\x00\x00\xFE\xFF\x00\x00\x00" "A", "A");
    DEC("UTF-32LE", "A\x00\x00\x00\x00\x00\x11\x00", "A\xEF\xBF\xBD"); /* above U+10FFFF */
    DEC("Shift_JIS", "\x82\xA0", "\xE3\x81\x82");
    ENC("Shift_JIS", "\xE3\x81\x82", "\x82\xA0");
    DEC("GBK", "\xD6\xD0", "\xE4\xB8\xAD");
    /* a truncated double-byte sequence at the end is one U+FFFD */
    DEC("GBK", "a\xD6", "a\xEF\xBF\xBD");
}

static void *heap(void *arg, size_t n)
{
    (void)arg;
    return test_malloc(n);
}

static void java_utf8(const char *in, size_t n, const char *want)
{
    sqlkc_rt_str_t s = {in, n};
    sqlkc_rt_utf8_java(&s, heap, NULL);
    if (s.n != strlen(want) || memcmp(s.p, want, s.n) != 0)
        fail_msg("utf8_java: got '%.*s'", (int)s.n, s.p);
    if (s.p != in)
        test_free((void *)s.p);
    else
        assert_int_equal(n, strlen(want)); /* unchanged only when well-formed */
}

/* new String(bytes, UTF_8) as Java 8+ reads it: one U+FFFD per maximal
 * ill-formed subpart (the example of the Unicode standard, section 3.9,
 * and the overlong, surrogate and beyond-U+10FFFF forms). */
static void test_utf8_java(void **state)
{
    (void)state;
    java_utf8("plain \xc3\xbc \xe6\x9d\xb1 \xf0\x9f\x98\x80", 17, "plain \xc3\xbc \xe6\x9d\xb1 \xf0\x9f\x98\x80");
    java_utf8("a\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64", 13,
              "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd" "d");
    java_utf8("E\xffU", 3, "E\xef\xbf\xbdU");
    java_utf8("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");             /* overlong '/' */
    java_utf8("\xe0\x80\xaf", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* overlong, 3 bytes */
    java_utf8("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* a surrogate */
    java_utf8("\xf4\x90\x80\x80", 4, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* > U+10FFFF */
    java_utf8("x\xe6\x9d", 3, "x\xef\xbf\xbd");                 /* cut at the end */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_latin1_ascii_1252),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_utf32_and_multibyte),
        cmocka_unit_test(test_utf8_java),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sqlkc_rt_buf_free(&out);
    return rc;
}
