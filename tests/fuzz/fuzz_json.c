/* This file is the runtime JSON decoder's fuzz target: one input is one Kafka
 * message, read the way a generated job reads it (object_begin, then each
 * member's value with the typed getter of its column, then end), with the
 * getter chosen by the member's key so the fuzzer steers types through keys:
 *   b BOOLEAN  t TINYINT  s SMALLINT  i INT  l BIGINT  f FLOAT  d DOUBLE
 *   m DECIMAL(p,s)  v STRING  F STRING with SQLKC_RT_JSON_DECIMAL_FLOATS
 *   y BYTES  D DATE  T TIME  p TIMESTAMP[_LTZ] (SQL or ISO)
 *   r ROW (a nested object, walked the same way)  a ARRAY (elements by the
 *   key's second byte)  n null-or-skip  k peek-then-skip  x skip
 *   N a nested value of one of a few ARRAY, MAP, MULTISET and ROW types
 *     picked by the key, read by the reference codec (tests/support), written
 *     back, read again and compared, and deep-copied; in a member of the
 *     root object also read and written by the codecs the compiler generates
 *     (the job fuzz_nested.sql, under ignore-parse-errors or
 *     fail-on-missing-field), which must agree with the reference
 * Any other first byte picks a getter from a hash of the key. Besides "never
 * crash, hang or leak", it checks that what the getters hand out is readable
 * and that containers read as STRING re-serialise to valid JSON, and that the
 * walk and sqlkc_rt_json_skip agree on whether the message is well-formed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- per-input allocator --------------------------------------------------
 * A bump allocator in lifetime (everything is freed when the input is done,
 * like sqlkc_rt_scratch per record), but every request is its own malloc of
 * exactly n bytes so that ASan sees an overrun of even one byte. */
typedef struct chunk {
    struct chunk *next;
    _Alignas(16) unsigned char data[];
} chunk_t;

static chunk_t *chunks;

static void *fuzz_alloc(void *arg, size_t n)
{
    (void)arg;
    chunk_t *k = malloc(sizeof *k + n);
    if (!k)
        abort();
    k->next = chunks;
    chunks = k;
    return k->data;
}

static void fuzz_free_all(void)
{
    while (chunks) {
        chunk_t *next = chunks->next;
        free(chunks);
        chunks = next;
    }
}

/* ---- checks --------------------------------------------------------------- */

static volatile unsigned sink; /* keeps the reads below from being optimised out */

static void fail(const char *what, const sqlkc_rt_jcur_t *c)
{
    fprintf(stderr, "fuzz_json: %s (err: %.*s)\n", what, (int)sizeof c->err, c->err);
    abort();
}

/* Reads every byte of a slice a getter handed out. */
static void touch(const sqlkc_rt_str_t *s)
{
    unsigned h = 0;
    for (size_t i = 0; i < s->n; i++)
        h = h * 31 + (unsigned char)s->p[i];
    sink += h;
}

static void check_ret(const sqlkc_rt_jcur_t *c, int r)
{
    if (r < -1 || r > 1)
        fail("getter returned a value outside -1..1", c);
    if (c->p < c->start || c->p > c->end)
        fail("cursor outside the message", c);
    if (r < 0 && memchr(c->err, 0, sizeof c->err) == NULL)
        fail("error message not terminated", c);
}

/* A container read as STRING is compact JSON and must parse again. */
static void check_reparse(const sqlkc_rt_str_t *s)
{
    sqlkc_rt_jcur_t again;
    sqlkc_rt_jcur_init(&again, s->p, s->n, fuzz_alloc, NULL);
    if (sqlkc_rt_json_skip(&again) < 0 || sqlkc_rt_json_end(&again) < 0) {
        fprintf(stderr, "fuzz_json: re-serialised container is not JSON: %.*s\n", (int)s->n, s->p);
        fail("re-serialised container does not parse", &again);
    }
}

/* ---- round trips ----------------------------------------------------------
 * What a getter read, written back by the encoder of the same type and read
 * again, must be the same value: the encoders are fuzzed through the
 * decoders' outputs. */

/* Starts a cursor over the text an encoder wrote. */
static sqlkc_rt_jcur_t *reread(sqlkc_rt_jcur_t *again, const sqlkc_rt_buf_t *b, unsigned flags)
{
    sqlkc_rt_jcur_init(again, b->p, b->len, fuzz_alloc, NULL);
    again->flags = flags;
    return again;
}

static void roundtrip_fail(const char *type, const sqlkc_rt_buf_t *b, const sqlkc_rt_jcur_t *c)
{
    fprintf(stderr, "fuzz_json: %s does not round-trip; the encoder wrote: %.*s\n", type,
            (int)b->len, b->p);
    fail("encoder/decoder round trip", c);
}

#define ROUNDTRIP(type, put, get, same)                                                            \
    do {                                                                                           \
        sqlkc_rt_buf_t b = {0};                                                                    \
        sqlkc_rt_jcur_t again;                                                                     \
        put;                                                                                       \
        reread(&again, &b, c->flags);                                                              \
        if ((get) != 1 || !(same))                                                                 \
            roundtrip_fail(type, &b, &again);                                                      \
        sqlkc_rt_buf_free(&b);                                                                     \
    } while (0)

/* ---- nested values -------------------------------------------------------- */

#include "sqlkc/nested.h"

static const sqlkc_rt_type_t n_str = {SQLKC_RT_T_STRING, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_int = {SQLKC_RT_T_INT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dbl = {SQLKC_RT_T_DOUBLE, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dec = {SQLKC_RT_T_DECIMAL, true, 10, 3, 0, NULL, NULL};
static const sqlkc_rt_type_t n_ts = {SQLKC_RT_T_TIMESTAMP, true, 3, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_bytes = {SQLKC_RT_T_BYTES, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t *const n_arr_int_sub[] = {&n_int};
static const sqlkc_rt_type_t n_arr_int = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, n_arr_int_sub, NULL};
static const sqlkc_rt_type_t *const n_map_sub[] = {&n_str, &n_arr_int};
static const sqlkc_rt_type_t n_map = {SQLKC_RT_T_MAP, true, -1, -1, 2, n_map_sub, NULL};
static const sqlkc_rt_type_t *const n_bag_sub[] = {&n_str, &n_int};
static const sqlkc_rt_type_t n_bag = {SQLKC_RT_T_MULTISET, true, -1, -1, 2, n_bag_sub, NULL};
static const sqlkc_rt_type_t *const n_row_sub[] = {&n_dbl, &n_str, &n_map, &n_dec, &n_ts, &n_bytes};
static const char *const n_row_names[] = {"d", "s", "m", "x", "t", "y"};
static const sqlkc_rt_type_t n_row = {SQLKC_RT_T_ROW, true, -1, -1, 6, n_row_sub, n_row_names};
static const sqlkc_rt_type_t *const n_arr_row_sub[] = {&n_row};
static const sqlkc_rt_type_t n_arr_row = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, n_arr_row_sub, NULL};
static const sqlkc_rt_type_t *const n_nested_types[] = {&n_arr_int, &n_map, &n_bag, &n_row, &n_arr_row};

#include "fuzz_job.h"

/* The tables of fuzz_nested.sql for n_nested_types[k]: under
 * ignore-parse-errors, and under fail-on-missing-field. */
static const char *const fj_tables[2][5] = {{"fj_arr", "fj_map", "fj_bag", "fj_row", "fj_arr_row"},
                                            {"fjm_arr", "fjm_map", "fjm_bag", "fjm_row", "fjm_arr_row"}};

#define FJ_DECODER(T)                                                                                 \
    static int get_##T(const char *d, size_t n, sqlkc_rt_nested_t *out)                               \
    {                                                                                                 \
        src_##T##_row_t row;                                                                          \
        sqlkc_rt_jcur_t cur;                                                                          \
        memset(&row, 0, sizeof row);                                                                  \
        if (src_##T##_decode_value(fuzz_job(), d, n, &row, &cur) < 0)                                 \
            return -1;                                                                                \
        *out = row.f0;                                                                                \
        return (row.nulls[0] & 1) ? 0 : 1;                                                            \
    }
FJ_DECODER(fj_arr)
FJ_DECODER(fj_map)
FJ_DECODER(fj_bag)
FJ_DECODER(fj_row)
FJ_DECODER(fj_arr_row)
FJ_DECODER(fjm_arr)
FJ_DECODER(fjm_map)
FJ_DECODER(fjm_bag)
FJ_DECODER(fjm_row)
FJ_DECODER(fjm_arr_row)
static int (*const fj_get[2][5])(const char *, size_t, sqlkc_rt_nested_t *) = {
    {get_fj_arr, get_fj_map, get_fj_bag, get_fj_row, get_fj_arr_row},
    {get_fjm_arr, get_fjm_map, get_fjm_bag, get_fjm_row, get_fjm_arr_row}};

/* The value text [p, p + n) as the column of {"v": ...}: the generated reader
 * and the reference reader (flags of the table's options) agree on it, and
 * the job's generated writer writes what the reference writer writes. */
static void compare_generated(const char *p, size_t n, unsigned h)
{
    int k = (int)(h % 5), miss = (h & 8) != 0;
    const sqlkc_rt_type_t *t = n_nested_types[k];
    unsigned flags = miss ? SQLKC_RT_JSON_F_FAIL_MISSING : SQLKC_RT_JSON_F_IGNORE;
    sqlkc_rt_jcur_t c;
    sqlkc_rt_jcur_init(&c, p, n, fuzz_alloc, NULL);
    if (k >= 3) /* the ROW types hold a DECIMAL: Flink's mapper reads floats as BigDecimal */
        c.flags = SQLKC_RT_JSON_DECIMAL_FLOATS;
    sqlkc_rt_nested_t want;
    int r = ref_json_get_nested(&c, &want, t, flags);
    if (r < 0 && !c.fatal && !miss)
        r = 0; /* the column itself: NULL under ignore-parse-errors */
    char *doc = fuzz_alloc(NULL, n + 6);
    memcpy(doc, "{\"v\":", 5);
    memcpy(doc + 5, p, n);
    doc[n + 5] = '}';
    sqlkc_rt_nested_t got;
    int g = fj_get[miss][k](doc, n + 6, &got);
    if (g != r) {
        fprintf(stderr, "fuzz_json: %s: generated reader %d, reference %d (%s) on %.*s\n", fj_tables[miss][k], g, r,
                c.err, (int)n, p);
        abort();
    }
    if (g == 1 && !sqlkc_rt_nested_equal(&got, &want, t)) {
        fprintf(stderr, "fuzz_json: %s: the generated and the reference reader differ on %.*s\n",
                fj_tables[miss][k], (int)n, p);
        abort();
    }
    sqlkc_rt_mem_end_record(fuzz_job());
    if (g < 0)
        return;
    if (!fuzz_job_process(fj_tables[miss][k], doc, n + 6)) {
        fprintf(stderr, "fuzz_json: %s: the job failed a record its reader reads: %s\n", fj_tables[miss][k],
                sqlkc_rt_mem_error(fuzz_job()));
        abort();
    }
    sqlkc_rt_buf_t b = {0};
    static const sqlkc_rt_json_opts_t o = {false, false, SQLKC_RT_JSON_NULL_KEY_LITERAL, "null", false};
    sqlkc_rt_buf_puts(&b, "{\"v\":");
    if (g == 0)
        sqlkc_rt_buf_puts(&b, "null");
    else if (ref_json_put_nested(&b, &want, t, &o) != NULL)
        abort();
    sqlkc_rt_buf_putc(&b, '}');
    if (b.len != fuzz_job_out.len || memcmp(b.p, fuzz_job_out.p, b.len) != 0) {
        fprintf(stderr, "fuzz_json: %s: the generated writer wrote %.*s, the reference %.*s\n", fj_tables[miss][k],
                (int)fuzz_job_out.len, fuzz_job_out.p, (int)b.len, b.p);
        abort();
    }
    sqlkc_rt_buf_free(&b);
}

/* Reads a nested value (with ignore-parse-errors, so only malformed JSON
 * is fatal and the walk stays comparable with skip), then: written and
 * read again it is equal, and a deep copy is equal and fills its size. A
 * member of the root object is compared with the generated codecs too. */
static int read_nested(sqlkc_rt_jcur_t *c, unsigned h)
{
    const sqlkc_rt_type_t *t = n_nested_types[h % 5];
    unsigned flags = SQLKC_RT_JSON_F_IGNORE | (h & 8 ? SQLKC_RT_JSON_F_FAIL_MISSING : 0);
    if (c->depth == 1) { /* the same depth as the column of {"v": ...} */
        sqlkc_rt_jcur_t span = *c;
        if (sqlkc_rt_json_peek(&span) >= 0) {
            const char *from = span.p;
            if (sqlkc_rt_json_skip(&span) == 0)
                compare_generated(from, (size_t)(span.p - from), h);
        }
    }
    sqlkc_rt_nested_t v;
    int r = ref_json_get_nested(c, &v, t, flags);
    check_ret(c, r);
    if (r < 0)
        return c->fatal ? -1 : 0;
    if (r == 0)
        return 0;
    sqlkc_rt_buf_t b = {0};
    static const sqlkc_rt_json_opts_t o = {false, false, SQLKC_RT_JSON_NULL_KEY_LITERAL, "null", false};
    if (ref_json_put_nested(&b, &v, t, &o) != NULL)
        fail("put_nested refused a value it read", c);
    sqlkc_rt_jcur_t again;
    sqlkc_rt_nested_t w;
    reread(&again, &b, 0);
    if (ref_json_get_nested(&again, &w, t, flags) != 1 || sqlkc_rt_json_end(&again) < 0 ||
        !sqlkc_rt_nested_equal(&v, &w, t))
        roundtrip_fail("nested value", &b, &again);
    sqlkc_rt_buf_free(&b);
    size_t n = sqlkc_rt_nested_size(&v, t);
    char *mem = fuzz_alloc(NULL, n), *p = mem;
    sqlkc_rt_nested_t copy = sqlkc_rt_nested_copy(&v, t, &p);
    if ((size_t)(p - mem) != n || !sqlkc_rt_nested_equal(&v, &copy, t))
        fail("deep copy differs or overruns its size", c);
    return 0;
}

/* ---- the walk ------------------------------------------------------------- */

#define MAX_NEST 64 /* deeper ROW/ARRAY values are skipped, not walked */

static int walk_object(sqlkc_rt_jcur_t *c, int nest);

static unsigned key_hash(const sqlkc_rt_str_t *key)
{
    unsigned h = 0;
    for (size_t i = 0; i < key->n; i++)
        h += (unsigned char)key->p[i];
    return h;
}

/* The type letter at key[i], or one picked by the key's hash. */
static char kind_of(const sqlkc_rt_str_t *key, size_t i)
{
    static const char kinds[] = "btsilfdmvFyDTprankxN";
    char k = i < key->n ? key->p[i] : 0;
    if (k && strchr(kinds, k))
        return k;
    return kinds[key_hash(key) % (sizeof kinds - 1)];
}

/* Reads one value as the type `kind` (an ARRAY's elements as `elem`); `h`
 * picks DECIMAL precision and scale and TIMESTAMP flavour. -1 = fatal
 * (stop), 0 = go on. */
static int read_value(sqlkc_rt_jcur_t *c, char kind, char elem, unsigned h, int nest)
{
    int r = 0;
    switch (kind) {
    case 'b': {
        bool v = false;
        r = sqlkc_rt_json_get_bool(c, &v);
        sink += r == 1 && v;
        break;
    }
    case 't': {
        int8_t v;
        r = sqlkc_rt_json_get_i8(c, &v);
        break;
    }
    case 's': {
        int16_t v;
        r = sqlkc_rt_json_get_i16(c, &v);
        break;
    }
    case 'i': {
        int32_t v;
        r = sqlkc_rt_json_get_i32(c, &v);
        break;
    }
    case 'l': {
        int64_t v, w;
        r = sqlkc_rt_json_get_i64(c, &v);
        if (r == 1)
            ROUNDTRIP("BIGINT", sqlkc_rt_json_put_i64(&b, v), sqlkc_rt_json_get_i64(&again, &w),
                      v == w);
        break;
    }
    case 'f': {
        float v, w;
        r = sqlkc_rt_json_get_float(c, &v);
        if (r == 1)
            ROUNDTRIP("FLOAT", sqlkc_rt_json_put_float(&b, v), sqlkc_rt_json_get_float(&again, &w),
                      v == w || (v != v && w != w));
        break;
    }
    case 'd': {
        double v, w;
        r = sqlkc_rt_json_get_double(c, &v);
        if (r == 1)
            ROUNDTRIP("DOUBLE", sqlkc_rt_json_put_double(&b, v),
                      sqlkc_rt_json_get_double(&again, &w),
                      v == w || (v != v && w != w));
        break;
    }
    case 'm': {
        sqlkc_rt_dec_t v, w;
        int precision = 1 + (int)(h % 38), scale = (int)(h / 38 % (unsigned)(precision + 1));
        r = sqlkc_rt_json_get_decimal(c, &v, precision, scale);
        if (r == 1)
            ROUNDTRIP("DECIMAL", sqlkc_rt_json_put_decimal(&b, v, scale, h & 1),
                      sqlkc_rt_json_get_decimal(&again, &w, precision, scale), v == w);
        break;
    }
    case 'F':
        c->flags ^= SQLKC_RT_JSON_DECIMAL_FLOATS;
        /* fall through */
    case 'v': {
        sqlkc_rt_str_t v = {0};
        int first = sqlkc_rt_json_peek(c);
        r = sqlkc_rt_json_get_str(c, &v);
        if (r == 1) {
            touch(&v);
            if (first == '{' || first == '[')
                check_reparse(&v);
            sqlkc_rt_str_t w;
            ROUNDTRIP("STRING", sqlkc_rt_json_put_str(&b, v.p, v.n),
                      sqlkc_rt_json_get_str(&again, &w),
                      w.n == v.n && (v.n == 0 || memcmp(v.p, w.p, v.n) == 0));
        }
        break;
    }
    case 'y': {
        sqlkc_rt_str_t v = {0};
        r = sqlkc_rt_json_get_bytes(c, &v);
        if (r == 1) {
            touch(&v);
            sqlkc_rt_str_t w;
            ROUNDTRIP("BYTES", sqlkc_rt_json_put_bytes(&b, v.p, v.n),
                      sqlkc_rt_json_get_bytes(&again, &w),
                      w.n == v.n && (v.n == 0 || memcmp(v.p, w.p, v.n) == 0));
        }
        break;
    }
    case 'D': {
        int32_t v, w;
        r = sqlkc_rt_json_get_date(c, &v);
        if (r == 1)
            ROUNDTRIP("DATE", sqlkc_rt_json_put_date(&b, v), sqlkc_rt_json_get_date(&again, &w),
                      v == w);
        break;
    }
    case 'T': {
        int32_t v;
        r = sqlkc_rt_json_get_time(c, &v);
        break;
    }
    case 'p': {
        sqlkc_rt_ts_t v, w;
        bool iso = h & 1, ltz = h & 2;
        r = sqlkc_rt_json_get_timestamp(c, &v, iso, ltz);
        if (r == 1 && (v.nanos < 0 || v.nanos > 999999))
            fail("timestamp nanos outside 0..999999", c);
        if (r == 1)
            ROUNDTRIP("TIMESTAMP", sqlkc_rt_json_put_timestamp(&b, v, iso, ltz),
                      sqlkc_rt_json_get_timestamp(&again, &w, iso, ltz),
                      v.millis == w.millis && v.nanos == w.nanos);
        break;
    }
    case 'r':
    case 'a':
        r = sqlkc_rt_json_null(c);
        check_ret(c, r);
        if (r != 0)
            return r < 0 ? -1 : 0;
        if (nest >= MAX_NEST) {
            r = sqlkc_rt_json_skip(c);
            break;
        }
        if (kind == 'r')
            return walk_object(c, nest + 1);
        r = sqlkc_rt_json_array_begin(c);
        check_ret(c, r);
        if (r < 0)
            return c->fatal ? -1 : 0;
        for (;;) {
            r = sqlkc_rt_json_array_next(c);
            check_ret(c, r);
            if (r <= 0)
                return r;
            if (read_value(c, elem, "btsilfdmvyDTpra"[h % 15], h / 15, nest + 1) < 0)
                return -1;
        }
    case 'N':
        return read_nested(c, h);
    case 'n':
        r = sqlkc_rt_json_null(c);
        check_ret(c, r);
        if (r == 0)
            r = sqlkc_rt_json_skip(c);
        break;
    case 'k':
        if (sqlkc_rt_json_peek(c) < -1)
            fail("peek returned below -1", c);
        /* fall through */
    default:
        r = sqlkc_rt_json_skip(c);
        break;
    }
    check_ret(c, r);
    if (r < 0 && c->fatal)
        return -1;
    return 0;
}

/* Reads an object member by member: -1 on a fatal error, else 0. */
static int walk_object(sqlkc_rt_jcur_t *c, int nest)
{
    int r = sqlkc_rt_json_object_begin(c);
    check_ret(c, r);
    if (r < 0)
        return c->fatal ? -1 : 0;
    for (;;) {
        sqlkc_rt_str_t key = {0};
        r = sqlkc_rt_json_object_next(c, &key);
        check_ret(c, r);
        if (r <= 0)
            return r;
        touch(&key);
        if (read_value(c, kind_of(&key, 0), kind_of(&key, 1), key_hash(&key), nest) < 0)
            return -1;
    }
}

/* ---- Avro's JSON encoding ------------------------------------------------
 * The whole message as a record of table faj ('avro.encoding' = 'json'):
 * the reader generated for it and the reference reader give the same result,
 * error and values; a message that reads goes through the job, whose
 * generated writer must write what the reference writer writes. */

#include "ref_avro_json.h"

static const sqlkc_rt_type_t aj_int_nn = {SQLKC_RT_T_INT, false, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_int = {SQLKC_RT_T_INT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_str = {SQLKC_RT_T_STRING, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_big = {SQLKC_RT_T_BIGINT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_ts3 = {SQLKC_RT_T_TIMESTAMP, true, 3, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_ts6 = {SQLKC_RT_T_TIMESTAMP, true, 6, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_dbl = {SQLKC_RT_T_DOUBLE, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_flt = {SQLKC_RT_T_FLOAT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_bytes = {SQLKC_RT_T_BYTES, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t aj_dec = {SQLKC_RT_T_DECIMAL, true, 10, 3, 0, NULL, NULL};
static const sqlkc_rt_type_t *const aj_r_sub[] = {&aj_big, &aj_ts3};
static const char *const aj_r_names[] = {"x", "t"};
static const sqlkc_rt_type_t aj_r = {SQLKC_RT_T_ROW, true, -1, -1, 2, aj_r_sub, aj_r_names};
static const sqlkc_rt_type_t *const aj_map_sub[] = {&aj_str, &aj_int};
static const sqlkc_rt_type_t aj_map = {SQLKC_RT_T_MAP, true, -1, -1, 2, aj_map_sub, NULL};
static const sqlkc_rt_type_t *const aj_arr_sub[] = {&aj_int_nn};
static const sqlkc_rt_type_t aj_arr = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, aj_arr_sub, NULL};
static const sqlkc_rt_type_t *const aj_kv_sub[] = {&aj_str, &aj_flt};
static const char *const aj_kv_names[] = {"k", "v"};
static const sqlkc_rt_type_t aj_kv = {SQLKC_RT_T_ROW, true, -1, -1, 2, aj_kv_sub, aj_kv_names};
static const sqlkc_rt_type_t *const aj_rs_sub[] = {&aj_kv};
static const sqlkc_rt_type_t aj_rs = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, aj_rs_sub, NULL};
/* faj's columns, as fuzz_nested.sql declares them */
static const sqlkc_rt_type_t *const aj_rec_sub[] = {&aj_int_nn, &aj_str, &aj_r,   &aj_dbl, &aj_map,
                                                    &aj_arr,    &aj_bytes, &aj_dec, &aj_rs,  &aj_ts6};
static const char *const aj_rec_names[] = {"id", "name", "r", "d", "tags", "arr", "b", "m", "rs", "ts"};
static const sqlkc_rt_type_t aj_rec = {SQLKC_RT_T_ROW, false, -1, -1, 10, aj_rec_sub, aj_rec_names};

static void avro_json(const uint8_t *data, size_t size)
{
    sqlkc_rt_item_t want[10];
    char err[200], gerr[200] = "";
    int r = ref_avro_json_get(data, size, want, &aj_rec, false, fuzz_alloc, NULL, err, sizeof err);
    src_faj_row_t row;
    memset(&row, 0, sizeof row);
    int g = src_faj_decode_value(fuzz_job(), data, size, &row, gerr, sizeof gerr);
    if (g != r || (r < 0 && strcmp(err, gerr) != 0)) {
        fprintf(stderr, "fuzz_json: faj: generated avro json reader %d (%s), reference %d (%s)\n", g, gerr, r, err);
        abort();
    }
    if (r == 0) {
        sqlkc_rt_item_t got[10];
        memset(got, 0, sizeof got);
        for (int i = 0; i < 10; i++)
            got[i].null = row.nulls[0] >> i & 1;
        got[0].v.i = row.f0;
        got[1].v.s = row.f1;
        got[2].v.nest = row.f2;
        got[3].v.d = row.f3;
        got[4].v.nest = row.f4;
        got[5].v.nest = row.f5;
        got[6].v.s = row.f6;
        got[7].v.dec = row.f7;
        got[8].v.nest = row.f8;
        got[9].v.ts = row.f9;
        if (!sqlkc_rt_nested_equal(&(sqlkc_rt_nested_t){got, 10}, &(sqlkc_rt_nested_t){want, 10}, &aj_rec)) {
            fprintf(stderr, "fuzz_json: faj: the generated and the reference avro json reader differ\n");
            abort();
        }
    }
    sqlkc_rt_mem_end_record(fuzz_job());
    if (r < 0)
        return;
    sqlkc_rt_buf_t b = {0};
    bool started = false;
    const char *why = ref_avro_json_put(&b, want, &aj_rec, false, &started, fuzz_alloc, NULL);
    int ok = fuzz_job_process("faj", data, size);
    /* Flink's reused JsonEncoder: a line separator before every record but the first */
    const char *out = fuzz_job_out.p;
    size_t n = fuzz_job_out.len;
    if (ok && n && out[0] == '\n')
        out++, n--;
    if (why ? ok : !ok || n != b.len || memcmp(out, b.p, n) != 0) {
        fprintf(stderr, "fuzz_json: faj: the generated avro json writer wrote %.*s, the reference %.*s (%s)\n",
                ok ? (int)n : 0, ok ? out : "", (int)b.len, b.p, why ? why : "ok");
        abort();
    }
    sqlkc_rt_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sqlkc_rt_jcur_t c;
    sqlkc_rt_jcur_init(&c, data, size, fuzz_alloc, NULL);
    int walked = -1; /* not an object: only skipped */
    if (sqlkc_rt_json_peek(&c) == '{') {
        walked = walk_object(&c, 0) == 0 && sqlkc_rt_json_end(&c) == 0;
        check_ret(&c, 0);
    }

    /* The same message skipped as one value: whether it is well-formed must
     * not depend on whether a generated decoder or skip reads it. */
    sqlkc_rt_jcur_t s;
    sqlkc_rt_jcur_init(&s, data, size, fuzz_alloc, NULL);
    int skipped = sqlkc_rt_json_skip(&s) == 0 && sqlkc_rt_json_end(&s) == 0;
    check_ret(&s, 0);
    if (walked >= 0 && walked != skipped) {
        fprintf(stderr, "fuzz_json: the typed walk says %s, skip says %s\n",
                walked ? "well-formed" : "malformed", skipped ? "well-formed" : "malformed");
        fail(walked ? "skip rejected a message the walk accepted"
                    : "the walk rejected a message skip accepted",
             walked ? &s : &c);
    }
    avro_json(data, size);
    fuzz_free_all();
    return 0;
}
