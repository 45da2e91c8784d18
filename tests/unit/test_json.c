/* This file tests the JSON codec: the encoders produce Jackson's exact text
 * and every output parses back with jansson to the same value; the cursor
 * converts each SQL type the way Flink's decoder does; malformed, truncated
 * and hostile inputs fail with a positioned message and never read out of
 * bounds (every input is copied into a heap block of its exact size, so
 * AddressSanitizer or valgrind catch a stray read). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dlfcn.h>
#include <jansson.h>

#include "sqlkc/json.h"

/* jansson is the independent referee for the encoder. The unit tests are
 * linked with sqlkcrt and cmocka only, so the few functions used are
 * looked up at run time (in the process if linked, else libjansson.so.4)
 * instead of asking every build to link jansson. */
static struct {
    json_t *(*loadb)(const char *, size_t, size_t, json_error_t *);
    void (*del)(json_t *);
    json_t *(*object_get)(const json_t *, const char *);
    double (*number_value)(const json_t *);
    json_int_t (*integer_value)(const json_t *);
    const char *(*string_value)(const json_t *);
    size_t (*string_length)(const json_t *);
} jl;

static int load_jansson(void **state) {
    (void)state;
    void *h = dlopen("libjansson.so.4", RTLD_NOW);
    if (!h)
        h = RTLD_DEFAULT;
#define JL(field, name) *(void **)&jl.field = dlsym(h, name)
    JL(loadb, "json_loadb");
    JL(del, "json_delete");
    JL(object_get, "json_object_get");
    JL(number_value, "json_number_value");
    JL(integer_value, "json_integer_value");
    JL(string_value, "json_string_value");
    JL(string_length, "json_string_length");
    if (!jl.loadb || !jl.del || !jl.object_get || !jl.number_value || !jl.integer_value ||
        !jl.string_value || !jl.string_length) {
        fprintf(stderr, "test_json: cannot load jansson (libjansson.so.4)\n");
        return -1;
    }
    return 0;
}

static void jl_decref(json_t *j) {
    if (j && j->refcount != (size_t)-1 && --j->refcount == 0)
        jl.del(j);
}

#define json_loadb jl.loadb
#define json_decref jl_decref
#define json_object_get jl.object_get
#define json_number_value jl.number_value
#define json_integer_value jl.integer_value
#define json_string_value jl.string_value
#define json_string_length jl.string_length

/* ---- helpers -------------------------------------------------------------- */

/* A bump allocator standing in for sqlkc_rt_scratch. */
typedef struct arena {
    char *blocks[4096];
    int n;
} arena_t;

static void *arena_alloc(void *arg, size_t size) {
    arena_t *a = arg;
    assert_true(a->n < 4096);
    char *p = malloc(size ? size : 1);
    assert_non_null(p);
    a->blocks[a->n++] = p;
    return p;
}

static void arena_free(arena_t *a) {
    for (int i = 0; i < a->n; i++)
        free(a->blocks[i]);
    a->n = 0;
}

static arena_t arena;

/* A cursor over an exact-size heap copy of `text` (NUL excluded). */
typedef struct doc {
    char *copy;
    sqlkc_rt_jcur_t c;
} doc_t;

static void doc_open_n(doc_t *d, const char *text, size_t n) {
    d->copy = malloc(n ? n : 1);
    assert_non_null(d->copy);
    memcpy(d->copy, text, n);
    sqlkc_rt_jcur_init(&d->c, d->copy, n, arena_alloc, &arena);
}

static void doc_open(doc_t *d, const char *text) { doc_open_n(d, text, strlen(text)); }

static void doc_close(doc_t *d) {
    free(d->copy);
    d->copy = NULL;
    arena_free(&arena);
}

/* Parses a JSON text that must be a whole document; -1 on error. */
static json_t *jansson(const char *p, size_t n) {
    json_error_t err;
    return json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
}

static int teardown(void **state) {
    (void)state;
    arena_free(&arena);
    return 0;
}

/* ---- encoding ------------------------------------------------------------- */

/* The escaping rules written out the slow, obvious way. */
static void reference_escape(sqlkc_rt_buf_t *b, const char *p, size_t n) {
    sqlkc_rt_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        char tmp[8];
        switch (c) {
        case '"':
            sqlkc_rt_buf_puts(b, "\\\"");
            break;
        case '\\':
            sqlkc_rt_buf_puts(b, "\\\\");
            break;
        case '\b':
            sqlkc_rt_buf_puts(b, "\\b");
            break;
        case '\t':
            sqlkc_rt_buf_puts(b, "\\t");
            break;
        case '\n':
            sqlkc_rt_buf_puts(b, "\\n");
            break;
        case '\f':
            sqlkc_rt_buf_puts(b, "\\f");
            break;
        case '\r':
            sqlkc_rt_buf_puts(b, "\\r");
            break;
        default:
            if (c < 0x20) {
                snprintf(tmp, sizeof tmp, "\\u%04X", c);
                sqlkc_rt_buf_puts(b, tmp);
            } else {
                sqlkc_rt_buf_putc(b, (char)c);
            }
        }
    }
    sqlkc_rt_buf_putc(b, '"');
}

static void expect_str(const char *in, size_t n, const char *want) {
    sqlkc_rt_buf_t b = {0};
    sqlkc_rt_json_put_str(&b, in, n);
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.p, want, b.len);
    sqlkc_rt_buf_free(&b);
}

static void test_put_str_jackson(void **state) {
    (void)state;
    expect_str("", 0, "\"\"");
    expect_str("hello", 5, "\"hello\"");
    expect_str("a\"b\\c/d", 7, "\"a\\\"b\\\\c/d\"");
    expect_str("\b\t\n\f\r", 5, "\"\\b\\t\\n\\f\\r\"");
    expect_str("\x01\x1f\x0b", 3, "\"\\u0001\\u001F\\u000B\"");
    expect_str("\0", 1, "\"\\u0000\"");
    expect_str("\x7f", 1, "\"\x7f\""); /* DEL is not escaped */
    expect_str("gr\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80", 11,
               "\"gr\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80\""); /* raw UTF-8 */
    expect_str("\xff\xfe", 2, "\"\xff\xfe\"");             /* invalid UTF-8 passes through */
    expect_str("</script>", 9, "\"</script>\"");

    /* every position of a special byte across the 8-byte scan blocks */
    const unsigned char specials[] = {'"', '\\', 0,   0x1f, '\n', 0x80, 0xff,
                                      ' ', '!',  '#', '[',  ']',  0x5b, 0x5d};
    char in[40];
    for (size_t si = 0; si < sizeof specials; si++) {
        for (size_t len = 1; len <= sizeof in; len++) {
            for (size_t pos = 0; pos < len; pos++) {
                memset(in, 'x', len);
                in[pos] = (char)specials[si];
                sqlkc_rt_buf_t got = {0}, want = {0};
                sqlkc_rt_json_put_str(&got, in, len);
                reference_escape(&want, in, len);
                assert_int_equal(got.len, want.len);
                assert_memory_equal(got.p, want.p, got.len);
                sqlkc_rt_buf_free(&got);
                sqlkc_rt_buf_free(&want);
            }
        }
    }
}

/* Random valid UTF-8 with control characters: our output is what jansson
 * reads back as the original string, and so does our own decoder. */
static void test_put_str_roundtrip(void **state) {
    (void)state;
    uint64_t x = 0x1234567;
    char in[256];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        size_t want = (size_t)(iter % 60);
        while (n < want) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            uint32_t r = (uint32_t)(x >> 33);
            uint32_t cp;
            switch (r % 5) {
            case 0:
                cp = r % 0x20;
                break; /* control */
            case 1:
                cp = 0x20 + r % 0x60;
                break; /* ASCII */
            case 2:
                cp = 0x80 + r % 0x780;
                break; /* 2-byte */
            case 3:
                cp = 0x800 + r % (0xD800 - 0x800);
                break; /* 3-byte */
            default:
                cp = 0x10000 + r % 0x100000;
                break; /* 4-byte */
            }
            if (cp < 0x80) {
                in[n++] = (char)cp;
            } else if (cp < 0x800) {
                in[n++] = (char)(0xC0 | cp >> 6);
                in[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                in[n++] = (char)(0xE0 | cp >> 12);
                in[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                in[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                in[n++] = (char)(0xF0 | cp >> 18);
                in[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
                in[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                in[n++] = (char)(0x80 | (cp & 0x3F));
            }
        }
        sqlkc_rt_buf_t b = {0};
        sqlkc_rt_json_put_str(&b, in, n);
        json_t *j = jansson(b.p, b.len);
        assert_non_null(j);
        assert_true(json_is_string(j));
        assert_int_equal(json_string_length(j), n);
        assert_memory_equal(json_string_value(j), in, n);
        json_decref(j);

        doc_t d;
        doc_open_n(&d, b.p, b.len);
        sqlkc_rt_str_t s;
        assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), 1);
        assert_int_equal(s.n, n);
        assert_memory_equal(s.p, in, n);
        assert_int_equal(sqlkc_rt_json_end(&d.c), 0);
        doc_close(&d);
        sqlkc_rt_buf_free(&b);
    }
}

/* One row of every type, as the generated encoder would assemble it. */
static void test_put_row(void **state) {
    (void)state;
    sqlkc_rt_buf_t b = {0};
    static const unsigned char bytes[] = {0x6B, 0x03, 0x0B};
    sqlkc_rt_buf_puts(&b, "{\"b\":");
    sqlkc_rt_json_put_bool(&b, true);
    sqlkc_rt_buf_puts(&b, ",\"i\":");
    sqlkc_rt_json_put_i64(&b, 1238123899121);
    sqlkc_rt_buf_puts(&b, ",\"neg\":");
    sqlkc_rt_json_put_i64(&b, INT64_MIN);
    sqlkc_rt_buf_puts(&b, ",\"d\":");
    sqlkc_rt_json_put_double(&b, 100.0);
    sqlkc_rt_buf_puts(&b, ",\"e\":");
    sqlkc_rt_json_put_double(&b, 1e-4);
    sqlkc_rt_buf_puts(&b, ",\"nan\":");
    sqlkc_rt_json_put_double(&b, NAN);
    sqlkc_rt_buf_puts(&b, ",\"inf\":");
    sqlkc_rt_json_put_float(&b, -INFINITY);
    sqlkc_rt_buf_puts(&b, ",\"f\":");
    sqlkc_rt_json_put_float(&b, 33.333f);
    sqlkc_rt_buf_puts(&b, ",\"dec\":");
    sqlkc_rt_json_put_decimal(&b, 454621864049246170, 0, false);
    sqlkc_rt_buf_puts(&b, ",\"dp\":");
    sqlkc_rt_json_put_decimal(&b, 27, 9, true);
    sqlkc_rt_buf_puts(&b, ",\"s\":");
    sqlkc_rt_json_put_str(&b, "EU", 2);
    sqlkc_rt_buf_puts(&b, ",\"y\":");
    sqlkc_rt_json_put_bytes(&b, bytes, 3);
    sqlkc_rt_buf_puts(&b, ",\"date\":");
    sqlkc_rt_json_put_date(&b, 7591);
    sqlkc_rt_buf_puts(&b, ",\"time\":");
    sqlkc_rt_json_put_time(&b, (12 * 3600 + 12 * 60 + 43) * 1000 + 123, 3);
    sqlkc_rt_buf_puts(&b, ",\"ts\":");
    sqlkc_rt_json_put_timestamp(&b, (sqlkc_rt_ts_t){655906363120, 0}, false, false);
    sqlkc_rt_buf_puts(&b, ",\"iso\":");
    sqlkc_rt_json_put_timestamp(&b, (sqlkc_rt_ts_t){655906363123, 456789}, true, false);
    sqlkc_rt_buf_puts(&b, ",\"ltz\":");
    sqlkc_rt_json_put_timestamp(&b, (sqlkc_rt_ts_t){655906363123, 0}, false, true);
    sqlkc_rt_buf_puts(&b, ",\"n\":");
    sqlkc_rt_json_put_null(&b);
    sqlkc_rt_json_put_raw(&b, "}", 1);

    const char *want =
        "{\"b\":true,\"i\":1238123899121,\"neg\":-9223372036854775808,\"d\":100.0,\"e\":1.0E-4,"
        "\"nan\":\"NaN\",\"inf\":\"-Infinity\",\"f\":33.333,\"dec\":4.5462186404924617E+17,"
        "\"dp\":0.000000027,\"s\":\"EU\",\"y\":\"awML\",\"date\":\"1990-10-14\",\"time\":\"12:12:"
        "43\","
        "\"ts\":\"1990-10-14 12:12:43.12\",\"iso\":\"1990-10-14T12:12:43.123456789\","
        "\"ltz\":\"1990-10-14 12:12:43.123Z\",\"n\":null}";
    assert_int_equal(b.len, strlen(want));
    assert_memory_equal(b.p, want, b.len);

    json_t *j = jansson(b.p, b.len);
    assert_non_null(j);
    assert_true(json_is_true(json_object_get(j, "b")));
    assert_true(json_integer_value(json_object_get(j, "i")) == 1238123899121);
    assert_true(json_integer_value(json_object_get(j, "neg")) == INT64_MIN);
    assert_true(json_number_value(json_object_get(j, "d")) == 100.0);
    assert_true(json_number_value(json_object_get(j, "e")) == 1e-4);
    assert_string_equal(json_string_value(json_object_get(j, "nan")), "NaN");
    assert_true((float)json_number_value(json_object_get(j, "f")) == 33.333f);
    assert_true(json_number_value(json_object_get(j, "dec")) == 454621864049246170.0);
    assert_string_equal(json_string_value(json_object_get(j, "ts")), "1990-10-14 12:12:43.12");
    assert_true(json_is_null(json_object_get(j, "n")));
    json_decref(j);
    sqlkc_rt_buf_free(&b);
}

/* Doubles survive both jansson and our reader bit for bit. */
static void test_double_roundtrip(void **state) {
    (void)state;
    uint64_t x = 42;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        memcpy(&v, &x, 8);
        if (!isfinite(v))
            continue;
        sqlkc_rt_buf_t b = {0};
        sqlkc_rt_json_put_double(&b, v);
        json_t *j = jansson(b.p, b.len);
        assert_non_null(j);
        double back = json_number_value(j);
        if (back != 0 || v != 0) /* jansson reads "-0.0" as +0 */
            assert_true(memcmp(&back, &v, 8) == 0);
        json_decref(j);
        doc_t d;
        doc_open_n(&d, b.p, b.len);
        assert_int_equal(sqlkc_rt_json_get_double(&d.c, &back), 1);
        assert_true(memcmp(&back, &v, 8) == 0);
        doc_close(&d);
        sqlkc_rt_buf_free(&b);
    }
}

/* Numbers of up to 19 digits with exponents near the fast paths' limits are
 * read to the same double as strtod (correct rounding), also near halfway
 * points between doubles. */
static void test_decode_double_rounding(void **state) {
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    char text[64];
    for (int i = 0; i < 400000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint64_t w = x % 10000000000000000000ull;
        int e = (int)(x >> 59) % 31 - 15 - (int)(x >> 56 & 3) * 4; /* -27 .. 15 */
        int n;
        if (i % 4 == 0) {
            /* a halfway point between two doubles, cut to 19 digits */
            double v = (double)(w | 1) * 1e-3, up = nextafter(v, INFINITY);
            n = snprintf(text, sizeof text, "%.18e", v / 2 + up / 2);
        } else {
            n = snprintf(text, sizeof text, "%" PRIu64 "e%d", w, e);
        }
        double want = strtod(text, NULL), got = 0;
        doc_t d;
        doc_open_n(&d, text, (size_t)n);
        assert_int_equal(sqlkc_rt_json_get_double(&d.c, &got), 1);
        if (memcmp(&got, &want, 8) != 0)
            fail_msg("%s: got %.17g, strtod %.17g", text, got, want);
        doc_close(&d);
    }
}

/* ---- decoding: structure -------------------------------------------------- */

static void test_decode_object(void **state) {
    (void)state;
    doc_t d;
    doc_open(
        &d,
        "\xEF\xBB\xBF { \"id\" : 42 ,\"name\":\"Ann\\u00e9 \\\"A\\\"\", "
        "\"tags\":[\"x\",{\"y\":[]}],"
        "\"k\\u0065y\":true, \"skip\": {\"deep\": [1, 2.5e-3, null, \"\\\\\"]}, \"n\": null }  \n");
    sqlkc_rt_jcur_t *c = &d.c;
    sqlkc_rt_str_t key, s;
    int64_t id = 0;
    bool bval = false;
    assert_int_equal(sqlkc_rt_json_object_begin(c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(key.n, 2);
    assert_memory_equal(key.p, "id", 2);
    assert_true(key.p >= d.copy && key.p < d.copy + strlen("x") + 100); /* points into the input */
    assert_int_equal(sqlkc_rt_json_get_i64(c, &id), 1);
    assert_int_equal(id, 42);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_str(c, &s), 1);
    assert_int_equal(s.n, strlen("Ann\xc3\xa9 \"A\""));
    assert_memory_equal(s.p, "Ann\xc3\xa9 \"A\"", s.n);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_memory_equal(key.p, "tags", 4);
    assert_int_equal(sqlkc_rt_json_array_begin(c), 0);
    assert_int_equal(sqlkc_rt_json_array_next(c), 1);
    assert_int_equal(sqlkc_rt_json_get_str(c, &s), 1);
    assert_memory_equal(s.p, "x", 1);
    assert_int_equal(sqlkc_rt_json_array_next(c), 1);
    assert_int_equal(sqlkc_rt_json_object_begin(c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_array_begin(c), 0);
    assert_int_equal(sqlkc_rt_json_array_next(c), 0); /* empty */
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 0);
    assert_int_equal(sqlkc_rt_json_array_next(c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(key.n, 3); /* "k\u0065y" unescaped */
    assert_memory_equal(key.p, "key", 3);
    assert_int_equal(sqlkc_rt_json_get_bool(c, &bval), 1);
    assert_true(bval);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_skip(c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_i64(c, &id), 0); /* null */
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 0);
    assert_int_equal(c->depth, 0);
    assert_int_equal(sqlkc_rt_json_end(c), 0);
    doc_close(&d);

    /* {} and a null check for nested rows */
    doc_open(&d, "{}");
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), 0);
    assert_int_equal(sqlkc_rt_json_end(&d.c), 0);
    doc_close(&d);
    doc_open(&d, "[null, {\"a\":1}]");
    assert_int_equal(sqlkc_rt_json_peek(&d.c), '[');
    assert_int_equal(sqlkc_rt_json_array_begin(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_array_next(&d.c), 1);
    assert_int_equal(sqlkc_rt_json_null(&d.c), 1);
    assert_int_equal(sqlkc_rt_json_array_next(&d.c), 1);
    assert_int_equal(sqlkc_rt_json_null(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_skip(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_array_next(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_end(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_peek(&d.c), -1);
    doc_close(&d);
}

/* ---- decoding: Flink's conversions ---------------------------------------- */

/* Opens `json`, runs one reader, requires the whole input consumed when it
 * succeeded or failed softly. Returns the reader's result. */
#define READ(json, call)                                                                           \
    ({                                                                                             \
        doc_t d_;                                                                                  \
        doc_open(&d_, json);                                                                       \
        sqlkc_rt_jcur_t *c = &d_.c;                                                                \
        int r_ = (call);                                                                           \
        if (r_ >= 0 || !c->fatal)                                                                  \
            assert_int_equal(sqlkc_rt_json_end(c), 0);                                             \
        if (r_ < 0)                                                                                \
            assert_non_null(strstr(c->err, " at byte "));                                          \
        doc_close(&d_);                                                                            \
        r_;                                                                                        \
    })

/* The generated decoders' fast path: members in the declared order match by
 * their bytes; anything else leaves the cursor where object_next expects it. */
static void test_member_is(void **state) {
    (void)state;
    doc_t d;
    sqlkc_rt_str_t key;
    int64_t v;
    doc_open(&d, " { \"a\" : 1 ,\n\t\"bb\":2, \"c\":3, \"d\\u0041\":4}");
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), 0);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"b\"", 3)); /* another name: nothing consumed */
    assert_true(sqlkc_rt_json_member_is(&d.c, "\"a\"", 3));
    assert_int_equal(sqlkc_rt_json_get_i64(&d.c, &v), 1);
    assert_int_equal(v, 1);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"b\"", 3)); /* a prefix of the name is no match */
    assert_true(sqlkc_rt_json_member_is(&d.c, "\"bb\"", 4));
    assert_int_equal(sqlkc_rt_json_get_i64(&d.c, &v), 1);
    assert_int_equal(v, 2);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"x\"", 3));
    /* the general loop takes over exactly there */
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), 1);
    assert_memory_equal(key.p, "c", 1);
    assert_int_equal(sqlkc_rt_json_get_i64(&d.c, &v), 1);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"dA\"", 4)); /* escaped in the input: the slow path decodes it */
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), 1);
    assert_int_equal(key.n, 2);
    assert_memory_equal(key.p, "dA", 2);
    assert_int_equal(sqlkc_rt_json_get_i64(&d.c, &v), 1);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"e\"", 3)); /* at '}' */
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), 0);
    doc_close(&d);
    doc_open(&d, "{\"a\"");
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), 0);
    assert_false(sqlkc_rt_json_member_is(&d.c, "\"a\"", 3)); /* truncated before ':' */
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), -1);
    doc_close(&d);
}

static void test_get_bool(void **state) {
    (void)state;
    bool v;
    assert_int_equal(READ("true", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_true(v);
    assert_int_equal(READ("false", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_false(v);
    assert_int_equal(READ("\"TRUE\"", sqlkc_rt_json_get_bool(c, &v)), 1); /* Boolean.parseBoolean */
    assert_true(v);
    assert_int_equal(READ("\" true\\n\"", sqlkc_rt_json_get_bool(c, &v)), 1); /* trimmed */
    assert_true(v);
    assert_int_equal(READ("\"trueA\"", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_false(v);
    assert_int_equal(READ("\"yes\"", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_false(v);
    assert_int_equal(READ("1", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_false(v);
    assert_int_equal(READ("{\"a\":true}", sqlkc_rt_json_get_bool(c, &v)), 1);
    assert_false(v);
    assert_int_equal(READ("null", sqlkc_rt_json_get_bool(c, &v)), 0);
}

static void test_get_ints(void **state) {
    (void)state;
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    assert_int_equal(READ("127", sqlkc_rt_json_get_i8(c, &i8)), 1);
    assert_int_equal(i8, 127);
    assert_int_equal(READ("-128", sqlkc_rt_json_get_i8(c, &i8)), 1);
    assert_int_equal(i8, -128);
    assert_int_equal(READ("128", sqlkc_rt_json_get_i8(c, &i8)), -1);
    assert_int_equal(READ("\" 12 \"", sqlkc_rt_json_get_i8(c, &i8)), 1);
    assert_int_equal(i8, 12);
    assert_int_equal(READ("\"+5\"", sqlkc_rt_json_get_i8(c, &i8)), 1);
    assert_int_equal(i8, 5);
    assert_int_equal(READ("1.5", sqlkc_rt_json_get_i8(c, &i8)), -1); /* Byte.parseByte("1.5") */
    assert_int_equal(READ("1.0", sqlkc_rt_json_get_i16(c, &i16)), -1);
    assert_int_equal(READ("32767", sqlkc_rt_json_get_i16(c, &i16)), 1);
    assert_int_equal(i16, 32767);
    assert_int_equal(READ("32768", sqlkc_rt_json_get_i16(c, &i16)), -1);
    assert_int_equal(READ("\"-32768\"", sqlkc_rt_json_get_i16(c, &i16)), 1);
    assert_int_equal(i16, -32768);

    assert_int_equal(READ("2147483647", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, 2147483647);
    assert_int_equal(READ("2147483648", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("-2147483648", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, INT32_MIN);
    assert_int_equal(READ("1.9", sqlkc_rt_json_get_i32(c, &i32)), 1); /* getIntValue truncates */
    assert_int_equal(i32, 1);
    assert_int_equal(READ("-1.9", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, -1);
    assert_int_equal(READ("1e3", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, 1000);
    assert_int_equal(READ("2147483647.5", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("\"  -12\\n\"", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, -12);
    assert_int_equal(READ("\"1e3\"", sqlkc_rt_json_get_i32(c, &i32)), -1); /* Integer.parseInt */
    assert_int_equal(READ("\"1.0\"", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("\"\"", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("\"\\u0031\\u0032\"", sqlkc_rt_json_get_i32(c, &i32)), 1);
    assert_int_equal(i32, 12);
    assert_int_equal(READ("true", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("[1]", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("12345678901234567890", sqlkc_rt_json_get_i32(c, &i32)), -1);
    assert_int_equal(READ("null", sqlkc_rt_json_get_i32(c, &i32)), 0);

    assert_int_equal(READ("9223372036854775807", sqlkc_rt_json_get_i64(c, &i64)), 1);
    assert_true(i64 == INT64_MAX);
    assert_int_equal(READ("-9223372036854775808", sqlkc_rt_json_get_i64(c, &i64)), 1);
    assert_true(i64 == INT64_MIN);
    assert_int_equal(READ("9223372036854775808", sqlkc_rt_json_get_i64(c, &i64)), -1);
    assert_int_equal(READ("1.5e18", sqlkc_rt_json_get_i64(c, &i64)), 1);
    assert_true(i64 == 1500000000000000000LL);
    assert_int_equal(READ("9.3e18", sqlkc_rt_json_get_i64(c, &i64)), -1);
    assert_int_equal(READ("\"-9223372036854775808\"", sqlkc_rt_json_get_i64(c, &i64)), 1);
    assert_true(i64 == INT64_MIN);
    assert_int_equal(READ("-0", sqlkc_rt_json_get_i64(c, &i64)), 1);
    assert_true(i64 == 0);
}

static void test_get_reals(void **state) {
    (void)state;
    double dv;
    float fv;
    assert_int_equal(READ("1.5", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(dv == 1.5);
    assert_int_equal(READ("1", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(dv == 1.0);
    assert_int_equal(READ("\" 2.5 \"", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(dv == 2.5);
    assert_int_equal(READ("\"NaN\"", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(isnan(dv));
    assert_int_equal(READ("\"-Infinity\"", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(isinf(dv) && dv < 0);
    assert_int_equal(READ("\"1e3d\"", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(dv == 1000);
    assert_int_equal(READ("\"0x1p3\"", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(dv == 8);
    assert_int_equal(READ("1e400", sqlkc_rt_json_get_double(c, &dv)), 1);
    assert_true(isinf(dv));
    assert_int_equal(READ("\"abc\"", sqlkc_rt_json_get_double(c, &dv)), -1);
    assert_int_equal(READ("\"1e\"", sqlkc_rt_json_get_double(c, &dv)), -1);
    assert_int_equal(READ("\"0x10\"", sqlkc_rt_json_get_double(c, &dv)), -1);
    assert_int_equal(READ("true", sqlkc_rt_json_get_double(c, &dv)), -1);
    assert_int_equal(READ("0.1", sqlkc_rt_json_get_float(c, &fv)), 1);
    assert_true(fv == 0.1f);
    assert_int_equal(READ("\"3.4028235e38\"", sqlkc_rt_json_get_float(c, &fv)), 1);
    assert_true(fv == 3.4028235e38f);
    assert_int_equal(READ("1e40", sqlkc_rt_json_get_float(c, &fv)), 1);
    assert_true(isinf(fv));
    assert_int_equal(READ("null", sqlkc_rt_json_get_float(c, &fv)), 0);
}

static void test_get_decimal(void **state) {
    (void)state;
    sqlkc_rt_dec_t v;
#define DEC(json, p, s) READ(json, sqlkc_rt_json_get_decimal(c, &v, p, s))
    assert_int_equal(DEC("123.456", 5, 2), 1);
    assert_true(v == 12346);
    assert_int_equal(DEC("123.455", 5, 2), 1); /* HALF_UP */
    assert_true(v == 12346);
    assert_int_equal(DEC("-123.455", 5, 2), 1);
    assert_true(v == -12346);
    assert_int_equal(DEC("123.454999", 5, 2), 1);
    assert_true(v == 12345);
    assert_int_equal(DEC("999.995", 5, 2), 0); /* rounds to 1000.00: NULL */
    assert_int_equal(DEC("1000", 5, 2), 0);
    assert_int_equal(DEC("999.99", 5, 2), 1);
    assert_true(v == 99999);
    assert_int_equal(DEC("\"12.5\"", 5, 2), 1);
    assert_true(v == 1250);
    assert_int_equal(DEC("\" 1e2 \"", 5, 2), 1);
    assert_true(v == 10000);
    assert_int_equal(DEC("\"+.5\"", 5, 2), 1); /* BigDecimal syntax in strings */
    assert_true(v == 50);
    assert_int_equal(DEC("\"1.\"", 5, 2), 1);
    assert_true(v == 100);
    assert_int_equal(DEC("0.001", 5, 2), 1);
    assert_true(v == 0);
    assert_int_equal(DEC("0.005", 5, 2), 1);
    assert_true(v == 1);
    assert_int_equal(DEC("-0", 5, 2), 1);
    assert_true(v == 0);
    assert_int_equal(DEC("0.000000000000000000000000000000000000000000000001", 5, 2), 1);
    assert_true(v == 0);
    assert_int_equal(DEC("1e-999999999", 10, 0), 1);
    assert_true(v == 0);
    assert_int_equal(DEC("1e999999999", 38, 0), 0);
    assert_int_equal(DEC("\"1e9999999999\"", 38, 0), -1); /* exponent overflow */
    assert_int_equal(DEC("99999999999999999999999999999999999999", 38, 0), 1);
    assert_true(v / 10 == (sqlkc_rt_dec_t)9999999999999999999ull * 1000000000000000000ull +
                              999999999999999999ll);
    assert_int_equal(DEC("\"1e36\"", 38, 2), 0);
    assert_int_equal(DEC("\"abc\"", 5, 2), -1);
    assert_int_equal(DEC("\"1,5\"", 5, 2), -1);
    assert_int_equal(DEC("true", 5, 2), -1);
    assert_int_equal(DEC("{}", 5, 2), -1);
    assert_int_equal(DEC("null", 5, 2), 0);
    /* a long number only needs its leading digits */
    assert_int_equal(DEC("1.23456789012345678901234567890123456789012345678901234567890", 10, 9),
                     1);
    assert_true(v == 1234567890);
}

static void test_get_str_forms(void **state) {
    (void)state;
    sqlkc_rt_str_t s;
#define STR_IS(json, want)                                                                         \
    do {                                                                                           \
        doc_t d_;                                                                                  \
        doc_open(&d_, json);                                                                       \
        assert_int_equal(sqlkc_rt_json_get_str(&d_.c, &s), 1);                                     \
        assert_int_equal(s.n, strlen(want));                                                       \
        assert_memory_equal(s.p, want, s.n);                                                       \
        assert_int_equal(sqlkc_rt_json_end(&d_.c), 0);                                             \
        doc_close(&d_);                                                                            \
    } while (0)
    STR_IS("\"abc\"", "abc");
    STR_IS("1.50", "1.50"); /* numbers keep their source text */
    STR_IS("-0", "-0");
    STR_IS("1E+2", "1E+2");
    STR_IS("true", "true");
    STR_IS("false", "false");
    /* containers: compact, re-escaped, floats as Double.toString */
    STR_IS("[1, 2]", "[1,2]");
    STR_IS(" { \"a\" : [ 1 , 2.50 , \"x\\u0041\\/\" ] , \"b\" : { } , \"c\":[ ] } ",
           "{\"a\":[1,2.5,\"xA/\"],\"b\":{},\"c\":[]}");
    STR_IS("{\"t\":\"tab\\there\\u0001\",\"u\":\"\\ud83d\\ude00\"}",
           "{\"t\":\"tab\\there\\u0001\",\"u\":\"\xf0\x9f\x98\x80\"}");
    STR_IS("[-0, -0.0, 1e2, 1E-7, 123456789012345678901234567890, 1e400, true, null]",
           "[0,-0.0,100.0,1.0E-7,123456789012345678901234567890,\"Infinity\",true,null]");
    STR_IS("[\"raw\tcontrol\"]", "[\"raw\\tcontrol\"]"); /* unescaped control chars are accepted */

    /* with USE_BIG_DECIMAL_FOR_FLOATS (tables with a DECIMAL column) */
    doc_t d;
    doc_open(&d, "[1.50, 100.0, 0.000, -0.0, 1e2, 1.5E-10, 12]");
    d.c.flags |= SQLKC_RT_JSON_DECIMAL_FLOATS;
    assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), 1);
    const char *want = "[1.5,1E+2,0,0,1E+2,1.5E-10,12]";
    assert_int_equal(s.n, strlen(want));
    assert_memory_equal(s.p, want, s.n);
    doc_close(&d);

    doc_open(&d, "null");
    assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), 0);
    doc_close(&d);
}

static void test_unicode_escapes(void **state) {
    (void)state;
    sqlkc_rt_str_t s;
    STR_IS("\"\\u00e9\\u00E9\"", "\xc3\xa9\xc3\xa9");
    STR_IS("\"\\u20AC\"", "\xe2\x82\xac");
    STR_IS("\"\\uD83D\\uDE00\"", "\xf0\x9f\x98\x80");         /* surrogate pair */
    STR_IS("\"\\ud800x\"", "?x");                             /* lone high surrogate */
    STR_IS("\"\\udc00\"", "?");                               /* lone low surrogate */
    STR_IS("\"\\ud800\\u0041\"", "?A");                       /* high then not-low */
    STR_IS("\"\\ud800\\ud800\\udc00\"", "?\xf0\x90\x80\x80"); /* second high pairs */
    doc_t d;
    doc_open(&d, "\"a\\u0000b\""); /* NUL survives */
    assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), 1);
    assert_int_equal(s.n, 3);
    assert_memory_equal(s.p, "a\0b", 3);
    doc_close(&d);
    STR_IS("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t");
    /* invalid UTF-8 is refused, as Jackson's UTF-8 parser refuses it */
    static const char *const bad_utf8[] = {"\"\xff\xfe\"", "\"a\x80\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
                                           "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "\"\xe2\x82x\""};
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        doc_open(&d, bad_utf8[i]);
        assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), -1);
        assert_true(d.c.fatal);
        assert_non_null(strstr(d.c.err, "Invalid UTF-8"));
        doc_close(&d);
    }
    STR_IS("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf");
    /* escape at every offset around the 8-byte scan blocks */
    for (int pos = 0; pos < 20; pos++) {
        char json[64], want[32];
        memset(want, 'y', 20);
        want[pos] = '\n';
        want[20] = 0;
        snprintf(json, sizeof json, "\"%.*s\\n%.*s\"", pos, want, 19 - pos, want + pos + 1);
        STR_IS(json, want);
    }
}

static void test_get_bytes_and_time(void **state) {
    (void)state;
    sqlkc_rt_str_t s;
    int32_t i32;
    sqlkc_rt_ts_t ts;
    assert_int_equal(READ("\"awML\"", sqlkc_rt_json_get_bytes(c, &s)), 1);
    assert_int_equal(READ("\"\"", sqlkc_rt_json_get_bytes(c, &s)), 1);
    assert_int_equal(READ("\"Zm8\"", sqlkc_rt_json_get_bytes(c, &s)), -1);
    assert_int_equal(READ("123", sqlkc_rt_json_get_bytes(c, &s)), -1);
    assert_int_equal(READ("null", sqlkc_rt_json_get_bytes(c, &s)), 0);
    doc_t d;
    doc_open(&d, "\"Zm9v\\nYmFy\"");
    assert_int_equal(sqlkc_rt_json_get_bytes(&d.c, &s), 1);
    assert_int_equal(s.n, 6);
    assert_memory_equal(s.p, "foobar", 6);
    doc_close(&d);

    assert_int_equal(READ("\"1990-10-14\"", sqlkc_rt_json_get_date(c, &i32)), 1);
    assert_int_equal(i32, 7591);
    assert_int_equal(READ("19901014", sqlkc_rt_json_get_date(c, &i32)), -1);
    assert_int_equal(READ("\"1990-10-14 \"", sqlkc_rt_json_get_date(c, &i32)), -1);
    assert_int_equal(READ("[]", sqlkc_rt_json_get_date(c, &i32)), -1);
    assert_int_equal(READ("\"12:12:43\"", sqlkc_rt_json_get_time(c, &i32)), 1);
    assert_int_equal(i32, (12 * 3600 + 12 * 60 + 43) * 1000);
    /* the fraction is parsed, then dropped: Flink keeps whole seconds */
    assert_int_equal(READ("\"12:12:43.1239\"", sqlkc_rt_json_get_time(c, &i32)), 1);
    assert_int_equal(i32, (12 * 3600 + 12 * 60 + 43) * 1000);
    assert_int_equal(READ("\"12:12\"", sqlkc_rt_json_get_time(c, &i32)), -1);
    assert_int_equal(
        READ("\"1990-10-14 12:12:43.123\"", sqlkc_rt_json_get_timestamp(c, &ts, false, false)), 1);
    assert_true(ts.millis == 655906363123LL && ts.nanos == 0);
    assert_int_equal(
        READ("\"1990-10-14T12:12:43.123456789\"", sqlkc_rt_json_get_timestamp(c, &ts, true, false)),
        1);
    assert_true(ts.millis == 655906363123LL && ts.nanos == 456789);
    assert_int_equal(
        READ("\"1990-10-14 12:12:43.123Z\"", sqlkc_rt_json_get_timestamp(c, &ts, false, true)), 1);
    assert_true(ts.millis == 655906363123LL);
    assert_int_equal(
        READ("\"1990-10-14T12:12:43Z\"", sqlkc_rt_json_get_timestamp(c, &ts, true, true)), 1);
    assert_int_equal(
        READ("\"1990-10-14T12:12:43\"", sqlkc_rt_json_get_timestamp(c, &ts, false, false)), -1);
    assert_int_equal(
        READ("\"1990-10-14 12:12:43\"", sqlkc_rt_json_get_timestamp(c, &ts, false, true)), -1);
    assert_int_equal(READ("null", sqlkc_rt_json_get_timestamp(c, &ts, true, true)), 0);
}

/* A conversion error consumes the value, so ignore-parse-errors can store
 * NULL and read on. */
static void test_soft_errors(void **state) {
    (void)state;
    doc_t d;
    doc_open(&d, "{\"a\":\"abc\",\"b\":{\"x\":[1,2]},\"c\":2,\"d\":[3],\"e\":7}");
    sqlkc_rt_jcur_t *c = &d.c;
    sqlkc_rt_str_t key;
    int32_t v;
    assert_int_equal(sqlkc_rt_json_object_begin(c), 0);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_i32(c, &v), -1);
    assert_false(c->fatal);
    assert_string_equal(c->err, "cannot convert \"abc\" to INT at byte 5");
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_i32(c, &v), -1);
    assert_false(c->fatal);
    assert_string_equal(c->err, "cannot convert a JSON object to INT at byte 15");
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_i32(c, &v), 1);
    assert_int_equal(v, 2);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_object_begin(c), -1); /* a ROW field holding an array */
    assert_false(c->fatal);
    assert_string_equal(c->err, "expected '{' for an object at byte 37");
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 1);
    assert_int_equal(sqlkc_rt_json_get_i32(c, &v), 1);
    assert_int_equal(v, 7);
    assert_int_equal(sqlkc_rt_json_object_next(c, &key), 0);
    assert_int_equal(sqlkc_rt_json_end(c), 0);
    doc_close(&d);
}

/* ---- decoding: malformed input -------------------------------------------- */

/* Reads a document generically: objects and arrays through the cursor,
 * scalars through get_str, then json_end. 0 if it was valid. */
static int read_all(sqlkc_rt_jcur_t *c) {
    int depth = 0;
    unsigned char kind[64]; /* 1 = object */
    for (;;) {
        int ch = sqlkc_rt_json_peek(c);
        if (ch == '{' && depth < 64) {
            if (sqlkc_rt_json_object_begin(c) < 0)
                return -1;
            kind[depth++] = 1;
        } else if (ch == '[' && depth < 64) {
            if (sqlkc_rt_json_array_begin(c) < 0)
                return -1;
            kind[depth++] = 0;
        } else {
            sqlkc_rt_str_t s;
            if (sqlkc_rt_json_get_str(c, &s) < 0)
                return -1;
        }
        for (;;) {
            if (depth == 0)
                return sqlkc_rt_json_end(c);
            int r;
            if (kind[depth - 1]) {
                sqlkc_rt_str_t key;
                r = sqlkc_rt_json_object_next(c, &key);
            } else {
                r = sqlkc_rt_json_array_next(c);
            }
            if (r < 0)
                return -1;
            if (r == 1)
                break;
            depth--;
        }
    }
}

static int validate(const char *p, size_t n, bool use_skip) {
    doc_t d;
    doc_open_n(&d, p, n);
    int r = use_skip ? sqlkc_rt_json_skip(&d.c) : read_all(&d.c);
    if (r == 0 && use_skip)
        r = sqlkc_rt_json_end(&d.c);
    if (r < 0) {
        assert_true(d.c.fatal);
        assert_non_null(strstr(d.c.err, " at byte "));
    }
    doc_close(&d);
    return r;
}

static void test_malformed(void **state) {
    (void)state;
    static const char *const bad[] = {
        "",
        "   ",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{,\"a\":1}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "{'a':1}",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[",
        "]",
        "[1}",
        "{\"a\":1]",
        "\"abc",
        "\"abc\\",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\",
        "01",
        "-01",
        "1.",
        "1.e5",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "NaN",
        "Infinity",
        "-Infinity",
        "tru",
        "truex",
        "nul",
        "nulll",
        "falsy",
        "1 2",
        "{} {}",
        "{\"a\":1}x",
        "\x01",
        "[1,2,3]]",
        "{\"a\":[1,{\"b\":2]}}",
        "{\"a\" : \"\\uD83D\\u\"}",
        "\xEF\xBB",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (validate(bad[i], strlen(bad[i]), true) != -1)
            fail_msg("skip accepted malformed input %zu: %s", i, bad[i]);
        if (validate(bad[i], strlen(bad[i]), false) != -1)
            fail_msg("readers accepted malformed input %zu: %s", i, bad[i]);
    }
    static const char *const good[] = {
        "0",
        "-0",
        "1.5e-3",
        "-12E+2",
        "\"\"",
        "true",
        "null",
        "[]",
        "{}",
        " [ [ ] , { } ] ",
        "{\"\":\"\"}",
        "\xEF\xBB\xBF{}",
        "\"\\u0000\"",
        "[\"\t\x01\"]",
        "12345678901234567890123",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        if (validate(good[i], strlen(good[i]), true) != 0)
            fail_msg("skip refused valid input %zu: %s", i, good[i]);
        if (validate(good[i], strlen(good[i]), false) != 0)
            fail_msg("readers refused valid input %zu: %s", i, good[i]);
    }

    /* messages name the problem and the byte */
    doc_t d;
    doc_open(&d, "  [1]");
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), -1);
    assert_string_equal(d.c.err, "expected '{' for an object at byte 2");
    doc_close(&d);
    doc_open(&d, "");
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), -1);
    assert_string_equal(d.c.err, "unexpected end of input, expected '{' at byte 0");
    doc_close(&d);
    doc_open(&d, "{\"a\":\"\\q\"}");
    assert_int_equal(sqlkc_rt_json_skip(&d.c), -1);
    assert_string_equal(d.c.err, "invalid escape '\\' followed by 'q' at byte 6");
    doc_close(&d);
    doc_open(&d, "{\"a\":01}");
    assert_int_equal(sqlkc_rt_json_skip(&d.c), -1);
    assert_string_equal(d.c.err, "invalid number, leading zeros are not allowed at byte 5");
    doc_close(&d);
    doc_open(&d, "{\"a\":1} x");
    assert_int_equal(sqlkc_rt_json_skip(&d.c), 0);
    assert_int_equal(sqlkc_rt_json_end(&d.c), -1);
    assert_string_equal(d.c.err, "unexpected data after the JSON value at byte 8");
    doc_close(&d);
}

/* Every proper prefix of a document is invalid, and reading it never
 * touches a byte past its end. */
static void test_truncation(void **state) {
    (void)state;
    const char *docs[] = {
        "{\"id\":42,\"name\":\"Ann\\u00e9\\ud83d\\ude00\",\"tags\":[\"x\",{\"y\":[true,false,null]}"
        "],"
        "\"v\":-1.25e-3,\"s\":\"esc\\\"aped\\\\\"}",
        "[[[[[\"deep\"]]]],{\"a\":{\"b\":{\"c\":[1,2,3]}}}]",
    };
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(docs[k]);
        assert_int_equal(validate(docs[k], n, true), 0);
        assert_int_equal(validate(docs[k], n, false), 0);
        for (size_t cut = 0; cut < n; cut++) {
            assert_int_equal(validate(docs[k], cut, true), -1);
            assert_int_equal(validate(docs[k], cut, false), -1);
            /* and the typed readers on a cut value */
            doc_t d;
            doc_open_n(&d, docs[k] + cut, n - cut);
            int32_t i32;
            double dv;
            sqlkc_rt_dec_t dec;
            sqlkc_rt_ts_t ts;
            sqlkc_rt_str_t s;
            (void)sqlkc_rt_json_get_i32(&d.c, &i32);
            d.c.p = d.copy;
            (void)sqlkc_rt_json_get_double(&d.c, &dv);
            d.c.p = d.copy;
            (void)sqlkc_rt_json_get_decimal(&d.c, &dec, 10, 2);
            d.c.p = d.copy;
            (void)sqlkc_rt_json_get_timestamp(&d.c, &ts, true, false);
            d.c.p = d.copy;
            (void)sqlkc_rt_json_get_bytes(&d.c, &s);
            doc_close(&d);
        }
    }
}

static void test_depth(void **state) {
    (void)state;
    enum { HUGE = 1000000 };
    char *p = malloc(2 * HUGE + 2);
    /* 1000 levels are fine, 1001 are not (Jackson's default limit) */
    for (int depth = 999; depth <= 1001; depth++) {
        for (int i = 0; i < depth; i++) {
            p[i] = '[';
            p[depth + i] = ']';
        }
        assert_int_equal(validate(p, 2 * (size_t)depth, true), depth <= 1000 ? 0 : -1);
        doc_t d;
        doc_open_n(&d, p, 2 * (size_t)depth);
        sqlkc_rt_str_t s;
        assert_int_equal(sqlkc_rt_json_get_str(&d.c, &s), depth <= 1000 ? 1 : -1);
        if (depth <= 1000)
            assert_int_equal(s.n, 2 * (size_t)depth);
        else
            assert_non_null(strstr(d.c.err, "nesting deeper than 1000 levels"));
        doc_close(&d);
    }
    /* the limit counts containers opened through the cursor too */
    doc_t d;
    doc_open(&d, "{\"a\":[[1]]}");
    d.c.depth = 998; /* pretend we are deep inside already */
    assert_int_equal(sqlkc_rt_json_object_begin(&d.c), 0);
    sqlkc_rt_str_t key;
    assert_int_equal(sqlkc_rt_json_object_next(&d.c, &key), 1);
    assert_int_equal(sqlkc_rt_json_skip(&d.c), -1);
    doc_close(&d);
    /* a million open brackets: an error, not a stack overflow */
    memset(p, '[', HUGE);
    assert_int_equal(validate(p, HUGE, true), -1);
    memset(p, '{', 1);
    for (int i = 1; i < HUGE; i++)
        p[i] = i % 6 == 1   ? '"'
               : i % 6 == 2 ? 'a'
               : i % 6 == 3 ? '"'
               : i % 6 == 4 ? ':'
               : i % 6 == 5 ? '['
                            : '{';
    assert_int_equal(validate(p, HUGE, true), -1);
    free(p);
}

/* Random small documents: our validity verdict matches jansson's wherever
 * the two grammars agree (no \u escapes or raw control bytes, which Flink
 * accepts and jansson does not), and nothing crashes. */
static void test_differential_fuzz(void **state) {
    (void)state;
    static const char alphabet[] = "{}[]:,\" 0123456789-.eE+truefalsn\\/ab";
    uint64_t x = 0xC0FFEE;
    char doc[48];
    int valid = 0;
    for (int iter = 0; iter < 200000; iter++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = 1 + (size_t)(x >> 59);
        for (size_t i = 0; i < n; i++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            doc[i] = alphabet[(x >> 33) % (sizeof alphabet - 1)];
        }
        /* bias toward structure: often start a container */
        if (iter % 3 == 0)
            doc[0] = '[';
        int ours = validate(doc, n, true);
        int readers = validate(doc, n, false);
        assert_int_equal(ours, readers);
        json_error_t err;
        json_t *j = json_loadb(doc, n, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &err);
        /* jansson refuses reals that overflow; Jackson (and we) read Infinity */
        if (!j && strstr(err.text, "overflow"))
            continue;
        if ((ours == 0) != (j != NULL))
            fail_msg("verdicts differ on [%.*s]: sqlkc %d, jansson %s", (int)n, doc, ours,
                     j ? "ok" : err.text);
        valid += ours == 0;
        json_decref(j);
    }
    print_message("fuzz: %d of 200000 random documents were valid\n", valid);
    assert_true(valid > 1000);
}

/* Mutations of a rich document through every typed reader: no crash, no
 * out-of-bounds read, and errors always carry a position. */
static void test_mutation_fuzz(void **state) {
    (void)state;
    const char *base =
        "{\"b\":true,\"i\":-12,\"f\":1.5e3,\"d\":\"12.50\",\"s\":\"a\\u00e9\\\"\",\"y\":\"awML\","
        "\"t\":\"1990-10-14 12:12:43.5\",\"a\":[1,{\"x\":null}],\"n\":null}";
    size_t n = strlen(base);
    char doc[256];
    uint64_t x = 99;
    for (int iter = 0; iter < 50000; iter++) {
        memcpy(doc, base, n);
        size_t len = n;
        for (int k = 0; k < 3; k++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            size_t pos = (size_t)(x >> 33) % len;
            switch ((x >> 20) % 3) {
            case 0:
                doc[pos] = (char)(x >> 40);
                break;
            case 1:
                len = pos + 1;
                break;
            default:
                doc[pos] = "{}[]\",:\\0.e-tn"[(x >> 44) % 15];
                break;
            }
        }
        doc_t d;
        doc_open_n(&d, doc, len);
        sqlkc_rt_jcur_t *c = &d.c;
        sqlkc_rt_str_t key, s;
        if (sqlkc_rt_json_object_begin(c) == 0) {
            int r, field = 0;
            while ((r = sqlkc_rt_json_object_next(c, &key)) == 1) {
                bool bv;
                int64_t iv;
                double dv;
                sqlkc_rt_dec_t dec;
                sqlkc_rt_ts_t ts;
                int32_t date;
                switch (field++ % 9) {
                case 0:
                    r = sqlkc_rt_json_get_bool(c, &bv);
                    break;
                case 1:
                    r = sqlkc_rt_json_get_i64(c, &iv);
                    break;
                case 2:
                    r = sqlkc_rt_json_get_double(c, &dv);
                    break;
                case 3:
                    r = sqlkc_rt_json_get_decimal(c, &dec, 10, 2);
                    break;
                case 4:
                    r = sqlkc_rt_json_get_str(c, &s);
                    break;
                case 5:
                    r = sqlkc_rt_json_get_bytes(c, &s);
                    break;
                case 6:
                    r = sqlkc_rt_json_get_timestamp(c, &ts, false, false);
                    break;
                case 7:
                    r = sqlkc_rt_json_get_date(c, &date);
                    break;
                default:
                    r = sqlkc_rt_json_skip(c);
                    break;
                }
                if (r < 0) {
                    assert_non_null(strstr(c->err, " at byte "));
                    if (c->fatal)
                        break;
                }
            }
            if (r == 0)
                (void)sqlkc_rt_json_end(c);
        }
        doc_close(&d);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_put_str_jackson, teardown),
        cmocka_unit_test_teardown(test_put_str_roundtrip, teardown),
        cmocka_unit_test_teardown(test_put_row, teardown),
        cmocka_unit_test_teardown(test_double_roundtrip, teardown),
        cmocka_unit_test_teardown(test_decode_double_rounding, teardown),
        cmocka_unit_test_teardown(test_decode_object, teardown),
        cmocka_unit_test_teardown(test_member_is, teardown),
        cmocka_unit_test_teardown(test_get_bool, teardown),
        cmocka_unit_test_teardown(test_get_ints, teardown),
        cmocka_unit_test_teardown(test_get_reals, teardown),
        cmocka_unit_test_teardown(test_get_decimal, teardown),
        cmocka_unit_test_teardown(test_get_str_forms, teardown),
        cmocka_unit_test_teardown(test_unicode_escapes, teardown),
        cmocka_unit_test_teardown(test_get_bytes_and_time, teardown),
        cmocka_unit_test_teardown(test_soft_errors, teardown),
        cmocka_unit_test_teardown(test_malformed, teardown),
        cmocka_unit_test_teardown(test_truncation, teardown),
        cmocka_unit_test_teardown(test_depth, teardown),
        cmocka_unit_test_teardown(test_differential_fuzz, teardown),
        cmocka_unit_test_teardown(test_mutation_fuzz, teardown),
    };
    return cmocka_run_group_tests(tests, load_jansson, NULL);
}
