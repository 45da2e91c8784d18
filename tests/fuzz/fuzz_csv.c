/* This file is the csv reader's fuzz target: the first 4 bytes of an input
 * pick the options (delimiter, quote or none, escape or none, comments, a
 * null literal "null" or none) and the number of columns (1..8), the rest
 * is one Kafka message, split as a generated decoder splits it and every
 * field run through every converter, as a table of any column types would,
 * and through the element splitter of ARRAY and ROW fields under one of four
 * element delimiters. The message is also given to one of the three csv
 * sources of the job generated from fuzz_csv.sql (included here, FUZZ_JOB
 * is its path), whose decoders read ARRAY and ROW columns of every element
 * type and whose sinks write them back. Besides "never crash, hang or leak",
 * it checks that the fields handed out are readable, that the field count
 * is within 1..max, that the elements counted are the elements read (the
 * field is used up), and that errors are NUL-terminated messages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define main sqlkc_job_main_unused
#include FUZZ_JOB
#undef main

#include "sqlkc/csv.h"
#include "sqlkc/mem.h"

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

static void touch(sqlkc_rt_str_t s)
{
    unsigned h = 0;
    for (size_t i = 0; i < s.n; i++)
        h = h * 31 + (unsigned char)s.p[i];
    sink += h;
}

/* The elements of field f split at sep as a generated decoder splits them,
 * each converted as an ARRAY<BIGINT> element would be. */
static void elements(const sqlkc_rt_csv_opts_t *o, sqlkc_rt_str_t f, const char *sep)
{
    size_t seplen = strlen(sep);
    sqlkc_rt_str_t rest = f;
    uint32_t n = sqlkc_rt_csv_elems(o, &rest, sep, seplen);
    sqlkc_rt_item_t *it = sqlkc_rt_csv_items(fuzz_alloc, NULL, n);
    for (uint32_t k = 0; k < n; k++) {
        if (!it[k].null)
            abort();
        sqlkc_rt_str_t e = sqlkc_rt_csv_elem(o, &rest, sep, seplen);
        if (!e.p)
            continue;
        touch(e);
        if (sqlkc_rt_csv_int(e, INT64_MIN, INT64_MAX, &it[k].v.i) == 0)
            it[k].null = false;
    }
    if (n > 0 && rest.n != 0) /* every element read (a blank field has none) */
        abort();
}

/* what the job's sinks write is read through */
static int emitted(void *arg, size_t table, const void *key, size_t key_len, const void *value, size_t value_len,
                   int64_t timestamp)
{
    (void)arg, (void)table, (void)timestamp;
    touch((sqlkc_rt_str_t){key, key_len});
    touch((sqlkc_rt_str_t){value, value_len});
    return SQLKC_RT_OK;
}

/* The message through the process function of a source table of the job
 * (table 0, 1 or 2: strict, ignore-parse-errors with "ab" between elements
 * and odd delimiters, or without quotes and with ',' between elements). */
static void job_record(unsigned table, const uint8_t *msg, size_t len)
{
    static sqlkc_rt_ctx_t *ctx; /* one for the process: reachable until exit */
    if (!ctx && !(ctx = sqlkc_rt_mem_open(&job, emitted, NULL, stderr)))
        abort();
    sqlkc_rt_msg_t m = {"fuzz", 0, 0, -1, SQLKC_RT_TS_NONE, -1, NULL, 0, msg, len, NULL};
    if (job.process(ctx, table, &m) != SQLKC_RT_OK) {
        const char *why = sqlkc_rt_mem_error(ctx);
        if (!why)
            abort();
        touch((sqlkc_rt_str_t){why, strlen(why)});
    }
    sqlkc_rt_mem_end_record(ctx);
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
        for (int i = 0; i < n; i++) {
            elements(&o, f[i], seps[data[2] >> 3 & 3]);
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
    if ((data[1] >> 3 & 3) < 3)
        job_record(data[1] >> 3 & 3, data + 4, size - 4);
    while (chunks) {
        chunk_t *next = chunks->next;
        free(chunks);
        chunks = next;
    }
    return 0;
}
