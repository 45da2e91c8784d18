/* This file is the per-table driver of bench/formats, the same for every
 * table: it builds the inputs from random rows with the generated encoders,
 * checks that every decoder (generated and baseline) reads back the rows'
 * values and that every encoder's output decodes to them, then measures
 * each codec and prints its row and the ratios to the baselines.
 *
 * The including file has included harness.h and the generated job, and
 * defines: TABLE (name for the report); jrow_t, arow_t (the row types of
 * its json and avro sources); JSON_DECODE, AVRO_DECODE (the generated
 * decoders), JSON_SINK, AVRO_SINK, CSV_SINK (the generated sink push
 * functions); CK_ROW(h, r) (mixes every field into h, bytes included) and
 * FOLD_ROW(f, r) (adds a cheap fold of every field to f, used while
 * timing), both for either row type; gen_row,
 * to_arow; and the baselines jansson_decode/jansson_encode and
 * avroc_decode/avroc_encode with their init and fini. With HAVE_RAW it also
 * defines rrow_t, RAW_DECODE and RAW_SINK for a raw STRING column, which is
 * fed the json records. With CSV_DECODE (the generated csv decoder) it also
 * defines crow_t (the csv source's row type, which feeds CSV_SINK) and
 * to_crow: csv is then read back and measured both ways; when the csv table
 * has other columns than the json and avro ones, CK_CROW and FOLD_CROW are
 * CK_ROW and FOLD_ROW for crow_t. AVRO_DECODE_CTX says that AVRO_DECODE
 * takes the context first (a decoder that allocates, e.g. for nested
 * values, from the scratch arena, which is then reset after each record). */
#ifndef BENCH_FORMATS_CASES_H
#define BENCH_FORMATS_CASES_H

#include <sqlkc/mem.h>

static sqlkc_rt_ctx_t *ctx;
static jrow_t *rows; /* the random rows */
static arow_t *arows;
#ifdef CSV_DECODE
static crow_t *crows;
static uint64_t crows_ck; /* CK_CROW over crows */
static recset_t in_csv;
#define CSV_ROWS crows
#ifndef CK_CROW
#define CK_CROW CK_ROW
#define FOLD_CROW FOLD_ROW
#endif
#else
#define CSV_ROWS rows /* the csv sink is fed from the json source */
#endif
static uint64_t rows_ck; /* CK_ROW over rows */
static recset_t in_json, in_avro;

/* What the sink callback does with an emitted value: while timing it counts
 * bytes and folds the length and the first byte; when checking it keeps the
 * value in `collecting`. */
static uint64_t emitted_bytes, emitted_fold;
static recset_t *collecting;
static const char *collecting_format; /* the format of the sink expected to emit */

static int on_emit(void *arg, size_t table, const void *key, size_t key_len, const void *value,
                   size_t value_len, int64_t ts) {
    (void)arg, (void)table, (void)key, (void)key_len, (void)ts;
    emitted_bytes += value_len;
    emitted_fold += value_len + (value_len ? *(const unsigned char *)value : 0);
    if (collecting) {
        /* JSON_SINK and friends name operators by number: make sure this
         * one writes to a sink of the format it stands for */
        const char *format = sqlkc_rt_option(ctx, table, "format");
        if (!format || strcmp(format, collecting_format) != 0)
            die("%s: a %s encoder wrote to table %s, of format %s", TABLE, collecting_format,
                job.tables[table].name, format ? format : "?");
        recset_add(collecting, value ? value : "", value ? value_len : 0);
    }
    return SQLKC_RT_OK;
}

static uint64_t ck_jrow(uint64_t h, const jrow_t *r) {
    CK_ROW(h, r);
    return h;
}

static uint64_t ck_arow(uint64_t h, const arow_t *r) {
    CK_ROW(h, r);
    return h;
}

static inline uint64_t fold_jrow(uint64_t f, const jrow_t *r) {
    FOLD_ROW(f, r);
    return f;
}

static inline uint64_t fold_arow(uint64_t f, const arow_t *r) {
    FOLD_ROW(f, r);
    return f;
}

#ifdef CSV_DECODE
static uint64_t ck_crow(uint64_t h, const crow_t *r) {
    CK_CROW(h, r);
    return h;
}

static inline uint64_t fold_crow(uint64_t f, const crow_t *r) {
    FOLD_CROW(f, r);
    return f;
}

static inline uint64_t csv_sqlkc_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        crow_t row;
        char err[160];
        memset(row.nulls, 0xff, sizeof row.nulls);
        if (CSV_DECODE(ctx, rec_p(in, i), rec_n(in, i), &row, err, sizeof err) != 0)
            die("%s: the generated csv decoder failed on record %zu: %s", TABLE, i, err);
        f = check ? ck_crow(f, &row) : fold_crow(f, &row);
        sqlkc_rt_mem_end_record(ctx);
    }
    *bytes += in->len;
    return f;
}
#endif

/* ---- decoders: one pass; with `check`, the checksum of what was read ---- */

static inline uint64_t json_sqlkc_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        jrow_t row;
        sqlkc_rt_jcur_t cur;
        memset(row.nulls, 0xff, sizeof row.nulls); /* as the generated process() does */
        if (JSON_DECODE(ctx, rec_p(in, i), rec_n(in, i), &row, &cur) != 0)
            die("%s: the generated json decoder failed on record %zu: %s", TABLE, i, cur.err);
        f = check ? ck_jrow(f, &row) : fold_jrow(f, &row);
        sqlkc_rt_mem_end_record(ctx);
    }
    *bytes += in->len;
    return f;
}

static inline uint64_t json_jansson_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        jrow_t row;
        if (jansson_decode(rec_p(in, i), rec_n(in, i), &row) != 0)
            die("%s: the jansson baseline failed on record %zu", TABLE, i);
        f = check ? ck_jrow(f, &row) : fold_jrow(f, &row);
    }
    *bytes += in->len;
    return f;
}

static inline uint64_t avro_sqlkc_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        arow_t row;
        char err[160];
        memset(row.nulls, 0xff, sizeof row.nulls);
#ifdef AVRO_DECODE_CTX
        if (AVRO_DECODE(ctx, rec_p(in, i), rec_n(in, i), &row, err, sizeof err) != 0)
#else
        if (AVRO_DECODE(rec_p(in, i), rec_n(in, i), &row, err, sizeof err) != 0)
#endif
            die("%s: the generated avro decoder failed on record %zu: %s", TABLE, i, err);
        f = check ? ck_arow(f, &row) : fold_arow(f, &row);
#ifdef AVRO_DECODE_CTX
        sqlkc_rt_mem_end_record(ctx);
#endif
    }
    *bytes += in->len;
    return f;
}

static inline uint64_t avro_avroc_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        arow_t row;
        if (avroc_decode(rec_p(in, i), rec_n(in, i), &row) != 0)
            die("%s: the avro-c baseline failed on record %zu: %s", TABLE, i, avro_strerror());
        f = check ? ck_arow(f, &row) : fold_arow(f, &row);
    }
    *bytes += in->len;
    return f;
}

/* ---- encoders: one pass over the rows; with `out`, the values kept ---- */

static inline uint64_t sqlkc_encode(int (*push)(sqlkc_rt_ctx_t *, int, const void *),
                                    const char *format, const void *first, size_t size,
                                    recset_t *out, uint64_t *bytes) {
    collecting = out;
    collecting_format = format;
    emitted_bytes = emitted_fold = 0;
    for (size_t i = 0; i < opts.records; i++) {
        if (push(ctx, ROW_INSERT, (const char *)first + i * size) != SQLKC_RT_OK)
            die("%s: a generated encoder failed on row %zu: %s", TABLE, i, sqlkc_rt_mem_error(ctx));
        sqlkc_rt_mem_end_record(ctx);
    }
    collecting = NULL;
    *bytes += emitted_bytes;
    return emitted_fold;
}

/* The sink push functions take their own row type; these wrappers give
 * sqlkc_encode one signature (a direct call each, inlined). */
static int push_json(sqlkc_rt_ctx_t *c, int kind, const void *row) {
    return JSON_SINK(c, kind, row);
}
static int push_avro(sqlkc_rt_ctx_t *c, int kind, const void *row) {
    return AVRO_SINK(c, kind, row);
}
static int push_csv(sqlkc_rt_ctx_t *c, int kind, const void *row) { return CSV_SINK(c, kind, row); }

static inline uint64_t json_jansson_encode(recset_t *out, uint64_t *bytes) {
    uint64_t f = 0;
    for (size_t i = 0; i < opts.records; i++) {
        size_t n;
        const char *p = jansson_encode(&rows[i], &n);
        if (!p)
            die("%s: the jansson baseline failed to encode row %zu", TABLE, i);
        f += n + (unsigned char)p[0];
        *bytes += n;
        if (out)
            recset_add(out, p, n);
    }
    return f;
}

static inline uint64_t avro_avroc_encode(recset_t *out, uint64_t *bytes) {
    uint64_t f = 0;
    for (size_t i = 0; i < opts.records; i++) {
        size_t n;
        const char *p = avroc_encode(&arows[i], &n);
        if (!p)
            die("%s: the avro-c baseline failed to encode row %zu: %s", TABLE, i, avro_strerror());
        f += n + (n ? (unsigned char)p[0] : 0);
        *bytes += n;
        if (out)
            recset_add(out, p, n);
    }
    return f;
}

/* ---- the passes measure() times ---- */

static uint64_t pass_json_dec_sqlkc(uint64_t *b) { return json_sqlkc_decode(&in_json, false, b); }
static uint64_t pass_json_dec_jansson(uint64_t *b) {
    return json_jansson_decode(&in_json, false, b);
}
static uint64_t pass_avro_dec_sqlkc(uint64_t *b) { return avro_sqlkc_decode(&in_avro, false, b); }
static uint64_t pass_avro_dec_avroc(uint64_t *b) { return avro_avroc_decode(&in_avro, false, b); }
static uint64_t pass_json_enc_sqlkc(uint64_t *b) {
    return sqlkc_encode(push_json, "json", rows, sizeof *rows, NULL, b);
}
static uint64_t pass_json_enc_jansson(uint64_t *b) { return json_jansson_encode(NULL, b); }
static uint64_t pass_avro_enc_sqlkc(uint64_t *b) {
    return sqlkc_encode(push_avro, "avro", arows, sizeof *arows, NULL, b);
}
static uint64_t pass_avro_enc_avroc(uint64_t *b) { return avro_avroc_encode(NULL, b); }
static uint64_t pass_csv_enc_sqlkc(uint64_t *b) {
    return sqlkc_encode(push_csv, "csv", CSV_ROWS, sizeof *CSV_ROWS, NULL, b);
}

#ifdef CSV_DECODE
static uint64_t pass_csv_dec_sqlkc(uint64_t *b) { return csv_sqlkc_decode(&in_csv, false, b); }
#endif

#ifdef HAVE_RAW
/* raw: a STRING column holding the whole json record */
static rrow_t *rrows;

static inline uint64_t raw_sqlkc_decode(const recset_t *in, bool check, uint64_t *bytes) {
    uint64_t f = check ? CK_SEED : 0;
    for (size_t i = 0; i < in->n; i++) {
        rrow_t row;
        char err[160];
        memset(row.nulls, 0xff, sizeof row.nulls);
        if (RAW_DECODE(rec_p(in, i), rec_n(in, i), &row, err, sizeof err) != 0 ||
            (row.nulls[0] & 1))
            die("%s: the generated raw decoder failed on record %zu", TABLE, i);
        f = check ? ck_bytes(f, row.f0.p, row.f0.n) : f + row.f0.n + (unsigned char)row.f0.p[0];
    }
    *bytes += in->len;
    return f;
}
static int push_raw(sqlkc_rt_ctx_t *c, int kind, const void *row) { return RAW_SINK(c, kind, row); }
static uint64_t pass_raw_dec_sqlkc(uint64_t *b) { return raw_sqlkc_decode(&in_json, false, b); }
static uint64_t pass_raw_enc_sqlkc(uint64_t *b) {
    return sqlkc_encode(push_raw, "raw", rrows, sizeof *rrows, NULL, b);
}
#endif

/* ---- checks: every codec reads and writes the rows' values ---- */

/* whose: what `want` is the checksum of */
static void expect_ck(const char *what, uint64_t got, uint64_t want, const char *whose) {
    if (got != want)
        die("%s: %s: checksum %016" PRIx64 ", %s is %016" PRIx64, TABLE, what, got, whose, want);
    printf("check: %s %s: checksum %016" PRIx64 " = %s\n", TABLE, what, got, whose);
}

static void check_all(void) {
    uint64_t b = 0;
    recset_t out = {0};

    expect_ck("json decode, sqlkc", json_sqlkc_decode(&in_json, true, &b), rows_ck, "the rows'");
    expect_ck("json decode, jansson", json_jansson_decode(&in_json, true, &b), rows_ck,
              "the rows'");
    expect_ck("avro decode, sqlkc", avro_sqlkc_decode(&in_avro, true, &b), rows_ck, "the rows'");
    expect_ck("avro decode, avro-c", avro_avroc_decode(&in_avro, true, &b), rows_ck, "the rows'");

    /* What the baselines write is read back with the generated decoders
     * (which the lines above showed agree with the libraries). */
    recset_clear(&out);
    json_jansson_encode(&out, &b);
    expect_ck("json encode, jansson (read back)", json_sqlkc_decode(&out, true, &b), rows_ck,
              "the rows'");
    recset_clear(&out);
    avro_avroc_encode(&out, &b);
    expect_ck("avro encode, avro-c (read back)", avro_sqlkc_decode(&out, true, &b), rows_ck,
              "the rows'");
    /* The generated encoders wrote the inputs; once more must give the same bytes. */
    recset_clear(&out);
    sqlkc_encode(push_json, "json", rows, sizeof *rows, &out, &b);
    if (out.len != in_json.len || memcmp(out.data, in_json.data, out.len) != 0)
        die("%s: the generated json encoder is not deterministic", TABLE);
    recset_clear(&out);
    sqlkc_encode(push_avro, "avro", arows, sizeof *arows, &out, &b);
    if (out.len != in_avro.len || memcmp(out.data, in_avro.data, out.len) != 0)
        die("%s: the generated avro encoder is not deterministic", TABLE);
#ifdef CSV_DECODE
    expect_ck("csv decode, sqlkc", csv_sqlkc_decode(&in_csv, true, &b), crows_ck,
              "the csv rows'");
    recset_clear(&out);
    sqlkc_encode(push_csv, "csv", CSV_ROWS, sizeof *CSV_ROWS, &out, &b);
    if (out.len != in_csv.len || memcmp(out.data, in_csv.data, out.len) != 0)
        die("%s: the generated csv encoder is not deterministic", TABLE);
#else
    /* csv: no csv decoder to read it back with; one line per row, not empty */
    recset_clear(&out);
    sqlkc_encode(push_csv, "csv", CSV_ROWS, sizeof *CSV_ROWS, &out, &b);
    if (out.n != opts.records)
        die("%s: the csv encoder wrote %zu records for %zu rows", TABLE, out.n, opts.records);
    for (size_t i = 0; i < out.n; i++)
        if (rec_n(&out, i) == 0 || memchr(rec_p(&out, i), '\n', rec_n(&out, i)))
            die("%s: csv record %zu is empty or has a line break", TABLE, i);
#endif
#ifdef HAVE_RAW
    uint64_t in_ck = CK_SEED;
    for (size_t i = 0; i < in_json.n; i++)
        in_ck = ck_bytes(in_ck, rec_p(&in_json, i), rec_n(&in_json, i));
    expect_ck("raw decode, sqlkc", raw_sqlkc_decode(&in_json, true, &b), in_ck,
              "the json records'");
    recset_clear(&out);
    sqlkc_encode(push_raw, "raw", rrows, sizeof *rrows, &out, &b);
    if (out.len != in_json.len || memcmp(out.data, in_json.data, out.len) != 0)
        die("%s: the raw encoder changed the bytes", TABLE);
    printf("check: %s raw encode, sqlkc: the input bytes\n", TABLE);
#endif
    recset_free(&out);
}

/* ---- main ---- */

static pool_t pool; /* the rows' strings */

static void setup(void) {
    uint64_t rng = UINT64_C(20240611);
    ctx = sqlkc_rt_mem_open(&job, on_emit, NULL, stderr);
    if (!ctx)
        die("%s: the generated job's definition does not open", TABLE);
    rows = xmalloc(opts.records * sizeof *rows);
    arows = xmalloc(opts.records * sizeof *arows);
#ifdef CSV_DECODE
    crows = xmalloc(opts.records * sizeof *crows);
#endif
    rows_ck = CK_SEED;
#ifdef CSV_DECODE
    crows_ck = CK_SEED;
#endif
    for (size_t i = 0; i < opts.records; i++) {
        gen_row(&rng, &pool, &rows[i]);
        to_arow(&rows[i], &arows[i]);
#ifdef CSV_DECODE
        to_crow(&rows[i], &crows[i]);
        crows_ck = ck_crow(crows_ck, &crows[i]);
#endif
        rows_ck = ck_jrow(rows_ck, &rows[i]);
    }
    /* The inputs are what Flink writes: the generated encoders' output. */
    uint64_t b = 0;
    sqlkc_encode(push_json, "json", rows, sizeof *rows, &in_json, &b);
    sqlkc_encode(push_avro, "avro", arows, sizeof *arows, &in_avro, &b);
#ifdef CSV_DECODE
    sqlkc_encode(push_csv, "csv", crows, sizeof *crows, &in_csv, &b);
#endif
#ifdef HAVE_RAW
    rrows = xmalloc(opts.records * sizeof *rrows);
    for (size_t i = 0; i < opts.records; i++) {
        memset(rrows[i].nulls, 0, sizeof rrows[i].nulls);
        rrows[i].f0 = (sqlkc_rt_str_t){rec_p(&in_json, i), rec_n(&in_json, i)};
    }
#endif
    jansson_init();
    avroc_init();
}

static void teardown(void) {
    jansson_fini();
    avroc_fini();
    sqlkc_rt_mem_close(ctx, false);
    recset_free(&in_json);
    recset_free(&in_avro);
    free(rows);
    free(arows);
#ifdef CSV_DECODE
    free(crows);
    recset_free(&in_csv);
#endif
    pool_free(&pool);
#ifdef HAVE_RAW
    free(rrows);
#endif
}

int main(int argc, char **argv) {
    parse_args(argc, argv);
    setup();
    printf("input: %s %zu records; json %.1f MB (%.0f bytes/record), avro %.1f MB (%.0f "
           "bytes/record)\n",
           TABLE, opts.records, in_json.len / 1e6, (double)in_json.len / opts.records,
           in_avro.len / 1e6, (double)in_avro.len / opts.records);
#ifdef CSV_DECODE
    printf("input: %s %zu records; csv %.1f MB (%.0f bytes/record)\n", TABLE, opts.records,
           in_csv.len / 1e6, (double)in_csv.len / opts.records);
#endif
    check_all();
    print_header();
    int missed = 0;
    result_t g, b;

    /* One generated codec and its baseline, then their ratio. */
#define PAIR(format, op, base, gen_pass, base_pass, target)                                        \
    if (wanted(format, op)) {                                                                      \
        print_row(TABLE, format, op, "sqlkc", g = measure(gen_pass));                              \
        print_row(TABLE, format, op, base, b = measure(base_pass));                                \
        missed += print_ratio(TABLE, format, op, base, g, b, target);                              \
    }
    PAIR("json", "decode", "jansson", pass_json_dec_sqlkc, pass_json_dec_jansson, 10);
    PAIR("json", "encode", "jansson", pass_json_enc_sqlkc, pass_json_enc_jansson, 10);
    PAIR("avro", "decode", "avro-c", pass_avro_dec_sqlkc, pass_avro_dec_avroc, 5);
    PAIR("avro", "encode", "avro-c", pass_avro_enc_sqlkc, pass_avro_enc_avroc, 5);
#undef PAIR
#ifdef CSV_DECODE
    if (wanted("csv", "decode"))
        print_row(TABLE, "csv", "decode", "sqlkc", measure(pass_csv_dec_sqlkc));
#endif
    if (wanted("csv", "encode"))
        print_row(TABLE, "csv", "encode", "sqlkc", measure(pass_csv_enc_sqlkc));
#ifdef HAVE_RAW
    if (wanted("raw", "decode"))
        print_row(TABLE, "raw", "decode", "sqlkc", measure(pass_raw_dec_sqlkc));
    if (wanted("raw", "encode"))
        print_row(TABLE, "raw", "encode", "sqlkc", measure(pass_raw_enc_sqlkc));
#endif
    printf("targets: %s %d missed\n", TABLE, missed);
    teardown();
    return 0;
}

#endif /* BENCH_FORMATS_CASES_H */
