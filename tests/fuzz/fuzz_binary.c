/* This file is the fuzz target of the binary decoders' primitives (the avro
 * readers and the raw format's reads): the input's first bytes choose a
 * "schema" (a sequence of types, nullable or not), the rest is decoded under
 * it as a generated avro decoder would read it. Every slice handed out must
 * lie inside the input; the readers must stop at its end. The datum is also
 * read as raw text in a charset the first byte picks, which must give valid
 * UTF-8, and written back in that charset. The whole datum is also read as
 * one nested value (ARRAY, MAP, MULTISET or ROW, picked by the first byte's
 * high bits) by the reader the compiler generates (the job fuzz_nested.sql)
 * and by the reference codec (tests/support), which must agree; one that
 * reads goes through the job, which must write what the reference writer
 * writes, and what was written must read again and write the same bytes. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/avro.h"
#include "sqlkc/raw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* per-input memory: every request its own malloc (ASan sees overruns) */
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

static const sqlkc_rt_type_t n_str = {SQLKC_RT_T_STRING, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_int = {SQLKC_RT_T_INT, false, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_cnt = {SQLKC_RT_T_INT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dbl = {SQLKC_RT_T_DOUBLE, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dec = {SQLKC_RT_T_DECIMAL, true, 10, 3, 0, NULL, NULL};
static const sqlkc_rt_type_t n_ts = {SQLKC_RT_T_TIMESTAMP, true, 3, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t *const n_arr_sub[] = {&n_int};
static const sqlkc_rt_type_t n_arr = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, n_arr_sub, NULL};
static const sqlkc_rt_type_t *const n_map_sub[] = {&n_str, &n_arr};
static const sqlkc_rt_type_t n_map = {SQLKC_RT_T_MAP, false, -1, -1, 2, n_map_sub, NULL};
static const sqlkc_rt_type_t *const n_bag_sub[] = {&n_str, &n_cnt};
static const sqlkc_rt_type_t n_bag = {SQLKC_RT_T_MULTISET, false, -1, -1, 2, n_bag_sub, NULL};
static const sqlkc_rt_type_t *const n_row_sub[] = {&n_dbl, &n_str, &n_map, &n_dec, &n_ts};
static const char *const n_row_names[] = {"d", "s", "m", "x", "t"};
static const sqlkc_rt_type_t n_row = {SQLKC_RT_T_ROW, true, -1, -1, 5, n_row_sub, n_row_names};
static const sqlkc_rt_type_t *const n_arr_row_sub[] = {&n_row};
static const sqlkc_rt_type_t n_arr_row = {SQLKC_RT_T_ARRAY, false, -1, -1, 1, n_arr_row_sub, NULL};
static const sqlkc_rt_type_t *const n_types[] = {&n_arr, &n_map, &n_bag, &n_row, &n_arr_row};

#include "fuzz_job.h"

/* The tables of fuzz_nested.sql for n_types[k] (NOT NULL columns: a datum is the bare value). */
static const char *const fa_tables[5] = {"fa_arr", "fa_map", "fa_bag", "fa_row", "fa_arr_row"};

#define FA_DECODER(T)                                                                                 \
    static int get_##T(const void *d, size_t n, sqlkc_rt_nested_t *out)                               \
    {                                                                                                 \
        src_##T##_row_t row;                                                                          \
        char err[200];                                                                                \
        memset(&row, 0, sizeof row);                                                                  \
        if (src_##T##_decode_value(fuzz_job(), d, n, &row, err, sizeof err) < 0)                      \
            return -1;                                                                                \
        *out = row.f0;                                                                                \
        return 0;                                                                                     \
    }
FA_DECODER(fa_arr)
FA_DECODER(fa_map)
FA_DECODER(fa_bag)
FA_DECODER(fa_row)
FA_DECODER(fa_arr_row)
static int (*const fa_get[5])(const void *, size_t, sqlkc_rt_nested_t *) = {get_fa_arr, get_fa_map, get_fa_bag,
                                                                           get_fa_row, get_fa_arr_row};

static void nested(const uint8_t *datum, size_t n, unsigned pick)
{
    int k = (int)(pick % 5);
    const sqlkc_rt_type_t *t = n_types[k];
    sqlkc_rt_acur_t c;
    sqlkc_rt_acur_init(&c, datum, n);
    sqlkc_rt_nested_t v, g;
    int r = ref_avro_get_nested(&c, &v, t, fuzz_alloc, NULL);
    if (r < 0 && (!c.err || c.p < c.start || c.p > c.end))
        abort();
    if (fa_get[k](datum, n, &g) != r)
        abort(); /* the generated reader and the reference disagree on whether it reads */
    if (r == 0 && !sqlkc_rt_nested_equal(&g, &v, t))
        abort(); /* or on what it reads */
    sqlkc_rt_mem_end_record(fuzz_job());
    if (r < 0)
        return;
    sqlkc_rt_buf_t once = {0}, twice = {0};
    if (ref_avro_put_nested(&once, &v, t, fuzz_alloc, NULL) != NULL)
        abort(); /* what was read can be written */
    if (!fuzz_job_process(fa_tables[k], datum, n) || fuzz_job_out.len != once.len ||
        memcmp(fuzz_job_out.p, once.p, once.len) != 0)
        abort(); /* the generated writer writes what the reference writes */
    sqlkc_rt_acur_init(&c, once.p, once.len);
    sqlkc_rt_nested_t w;
    if (ref_avro_get_nested(&c, &w, t, fuzz_alloc, NULL) < 0 || c.p != c.end)
        abort(); /* what was written reads back, all of it */
    if (ref_avro_put_nested(&twice, &w, t, fuzz_alloc, NULL) != NULL || twice.len != once.len)
        abort();
    size_t size = sqlkc_rt_nested_size(&w, t);
    char *mem = fuzz_alloc(NULL, size), *p = mem;
    sqlkc_rt_nested_t copy = sqlkc_rt_nested_copy(&w, t, &p);
    if ((size_t)(p - mem) != size || !sqlkc_rt_nested_equal(&w, &copy, t))
        abort();
    sqlkc_rt_buf_free(&once);
    sqlkc_rt_buf_free(&twice);
}

static void touch(const sqlkc_rt_str_t *s, const uint8_t *lo, const uint8_t *hi)
{
    if (s->n && ((const uint8_t *)s->p < lo || (const uint8_t *)s->p + s->n > hi))
        abort(); /* a slice outside the datum */
    volatile unsigned sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += (unsigned char)s->p[i];
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t nfields = data[0] % 16;
    if (size < 1 + nfields)
        return 0;
    const uint8_t *schema = data + 1;
    /* a copy of exactly the datum's size, so that ASan sees any over-read */
    size_t n = size - 1 - nfields;
    uint8_t *datum = malloc(n ? n : 1);
    if (!datum)
        return 0;
    memcpy(datum, data + 1 + nfields, n);
    sqlkc_rt_acur_t c;
    sqlkc_rt_acur_init(&c, datum, n);
    for (size_t i = 0; i < nfields; i++) {
        uint8_t t = schema[i];
        if (t & 0x80) { /* nullable: the union branch first */
            bool has;
            if (sqlkc_rt_avro_get_branch(&c, &has) < 0)
                break;
            if (!has)
                continue;
        }
        int r = 0;
        switch (t % 8) {
        case 0: { bool b; r = sqlkc_rt_avro_get_bool(&c, &b); break; }
        case 1: { int32_t v; r = sqlkc_rt_avro_get_int(&c, &v); break; }
        case 2: { int64_t v; r = sqlkc_rt_avro_get_long(&c, &v); break; }
        case 3: { float v; r = sqlkc_rt_avro_get_float(&c, &v); break; }
        case 4: { double v; r = sqlkc_rt_avro_get_double(&c, &v); break; }
        case 5: { sqlkc_rt_dec_t v; r = sqlkc_rt_avro_get_decimal(&c, &v); break; }
        default: {
            sqlkc_rt_str_t s;
            r = sqlkc_rt_avro_get_bytes(&c, &s);
            if (r == 0)
                touch(&s, datum, datum + n);
            break;
        }
        }
        if (r < 0) {
            if (!c.err)
                abort(); /* a failure must say why */
            break;
        }
        if (c.p < c.start || c.p > c.end)
            abort();
    }
    /* the raw format's fixed-size reads, at every width that fits */
    static const int widths[] = {1, 2, 4, 8};
    for (size_t w = 0; w < 4; w++)
        if ((size_t)widths[w] <= n) {
            volatile uint64_t v = sqlkc_rt_raw_get(datum, widths[w], data[0] & 1);
            (void)v;
        }
    /* raw.charset: any bytes decode to well-formed UTF-8 and encode back */
    static const char *const charsets[] = {"UTF-16", "UTF-16LE", "UTF-32", "US-ASCII", "windows-1252",
                                           "Shift_JIS", "GB18030", "ISO-8859-1"};
    char err[160];
    sqlkc_rt_charset_t *cs = sqlkc_rt_charset_open(charsets[data[0] % 8], err, sizeof err);
    if (!cs)
        abort();
    sqlkc_rt_buf_t text = {0}, back = {0};
    sqlkc_rt_charset_decode(cs, datum, n, &text);
    for (size_t i = 0; i < text.len;) {
        size_t k = sqlkc_rt_utf8_seq_len((const unsigned char *)text.p + i, text.len - i);
        if (k == 0)
            abort(); /* not UTF-8 */
        i += k;
    }
    sqlkc_rt_charset_encode(cs, text.p ? text.p : "", text.len, &back);
    sqlkc_rt_charset_encode(cs, (const char *)datum, n, &back); /* arbitrary bytes as the job's string */
    sqlkc_rt_buf_free(&text);
    sqlkc_rt_buf_free(&back);
    nested(datum, n, data[0] >> 4);
    fuzz_free_all();
    free(datum);
    return 0;
}
