/* This file is the csv reader's fuzz target: the first 4 bytes of an input
 * pick the options (delimiter, quote or none, escape or none, comments, a
 * null literal "null" or none) and the number of columns (1..8), the rest
 * is one Kafka message, split as a generated decoder splits it and every
 * field run through every converter, as a table of any column types would.
 * Besides "never crash, hang or leak", it checks that the fields handed out
 * are readable, that the field count is within 1..max, and that errors are
 * NUL-terminated messages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct chunk {
    struct chunk *next;
    _Alignas(16) unsigned char data[];
} chunk_t;

static chunk_t *chunks;

/* every request its own malloc of exactly n bytes, so ASan sees overruns */
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

static volatile unsigned sink;

/* ARRAY and ROW columns (csv_nested.c) of a few element types */
static const sqlkc_rt_type_t n_str = {SQLKC_RT_T_STRING, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_int = {SQLKC_RT_T_INT, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dbl = {SQLKC_RT_T_DOUBLE, true, -1, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_dec = {SQLKC_RT_T_DECIMAL, true, 10, 2, 0, NULL, NULL};
static const sqlkc_rt_type_t n_ts = {SQLKC_RT_T_TIMESTAMP, true, 3, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t n_bytes = {SQLKC_RT_T_BYTES, true, 2147483647, -1, 0, NULL, NULL};
static const sqlkc_rt_type_t *const n_arr_str_sub[] = {&n_str};
static const sqlkc_rt_type_t n_arr_str = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, n_arr_str_sub, NULL};
static const sqlkc_rt_type_t *const n_arr_int_sub[] = {&n_int};
static const sqlkc_rt_type_t n_arr_int = {SQLKC_RT_T_ARRAY, true, -1, -1, 1, n_arr_int_sub, NULL};
static const sqlkc_rt_type_t *const n_row_sub[] = {&n_str, &n_dbl, &n_dec, &n_ts, &n_bytes};
static const char *const n_row_names[] = {"s", "d", "x", "t", "y"};
static const sqlkc_rt_type_t n_row = {SQLKC_RT_T_ROW, true, -1, -1, 5, n_row_sub, n_row_names};

static void touch(sqlkc_rt_str_t s)
{
    unsigned h = 0;
    for (size_t i = 0; i < s.n; i++)
        h = h * 31 + (unsigned char)s.p[i];
    sink += h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    static const int delims[] = {',', ';', '|', '\t'};
    static const int quotes[] = {'"', '\'', '#', -1};
    static const int escapes[] = {-1, '\\', '*', '"'};
    sqlkc_rt_csv_opts_t o = {delims[data[0] & 3], quotes[data[0] >> 2 & 3], escapes[data[0] >> 4 & 3],
                             (data[0] >> 6 & 1) != 0, (data[0] >> 7) ? "null" : NULL, (data[0] >> 7) ? 4 : 0};
    int max = 1 + (data[1] & 7);
    int precision = data[2] & 3;
    int dprec = 1 + data[3] % 38, dscale = data[3] % (dprec + 1);
    sqlkc_rt_str_t f[8];
    char err[160];
    memset(err, 'x', sizeof err);
    int n = sqlkc_rt_csv_split(&o, data + 4, size - 4, f, max, fuzz_alloc, NULL, err, sizeof err);
    if (n < 0) {
        if (!memchr(err, 0, sizeof err))
            abort();
    } else {
        if (n < 1 || n > max)
            abort();
        static const char *const seps[] = {";", "|", "ab", ","};
        const char *sep = seps[data[2] >> 3 & 3];
        const sqlkc_rt_type_t *types[] = {&n_arr_str, &n_arr_int, &n_row};
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                sqlkc_rt_nested_t v;
                memset(err, 'x', sizeof err);
                int r = sqlkc_rt_csv_get_nested(&o, sep, f[i], "c", types[k], (data[2] & 0x20) != 0, fuzz_alloc, NULL,
                                                &v, err, sizeof err);
                if (r < -1 || r > 1 || (r < 0 && !memchr(err, 0, sizeof err)))
                    abort();
                if (r == 1) {
                    for (uint32_t j = 0; j < v.n; j++)
                        if (!v.items[j].null && (k == 0 || (k == 2 && (j == 0 || j == 4))))
                            touch(v.items[j].v.s);
                    /* written back, then split and read again: as many elements */
                    sqlkc_rt_buf_t b = {0};
                    sqlkc_rt_csv_put_nested(&b, &v, types[k], sep, o.null_lit, o.delim, o.quote, o.escape, fuzz_alloc,
                                            NULL);
                    sqlkc_rt_buf_free(&b);
                }
            }
            if (!f[i].p)
                continue;
            touch(f[i]);
            (void)sqlkc_rt_csv_bool(f[i]);
            int64_t v;
            (void)sqlkc_rt_csv_int(f[i], INT64_MIN, INT64_MAX, &v);
            float fl;
            double d;
            (void)sqlkc_rt_csv_float(f[i], &fl);
            (void)sqlkc_rt_csv_double(f[i], &d);
            sqlkc_rt_dec_t dec;
            int r = sqlkc_rt_csv_decimal(f[i], dprec, dscale, &dec);
            if (r < -1 || r > 1)
                abort();
            sqlkc_rt_str_t b;
            if (sqlkc_rt_csv_bytes(f[i], fuzz_alloc, NULL, &b) == 0)
                touch(b);
            int32_t days, ms;
            (void)sqlkc_rt_csv_date(f[i], &days);
            if (sqlkc_rt_csv_time(f[i], precision, &ms) == 0 && (ms < 0 || ms >= 86400000))
                abort();
            sqlkc_rt_ts_t ts;
            (void)sqlkc_rt_csv_timestamp(f[i], (data[2] & 4) != 0, &ts);
            sqlkc_rt_csv_field_error(err, sizeof err, "c", "INT", f[i]);
            if (!memchr(err, 0, sizeof err))
                abort();
        }
    }
    while (chunks) {
        chunk_t *next = chunks->next;
        free(chunks);
        chunks = next;
    }
    return 0;
}
