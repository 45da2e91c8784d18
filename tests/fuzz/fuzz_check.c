/* This file is the front end's fuzz target: one input is one .sql text, run
 * through the whole compiler (parse, analyze, and, when that found no error,
 * explain and code generation). Whatever the bytes, the compiler must answer
 * with diagnostics or a job, never crash, hang, leak or exit. Built with
 * libFuzzer (scripts/fuzz.sh) or with replay.c for ctest. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An input that starts with the line "--prelude" is compiled after these
 * tables, so that the fuzzer spends its time on queries (and so on the
 * analyzer and the generators) rather than on rediscovering CREATE TABLE. */
#define PRELUDE_MARK "--prelude\n"
static const char prelude[] =
    "CREATE TABLE src (ti TINYINT, si SMALLINT, i INT, b BIGINT, f FLOAT, d DOUBLE,\n"
    "  m DECIMAL(10, 2), s STRING, v VARCHAR(5), bo BOOLEAN, dt DATE, tm TIME(0),\n"
    "  ts TIMESTAMP(3), tl TIMESTAMP_LTZ(3), bt BYTES, p AS i + 1,\n"
    "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
    ") WITH ('connector' = 'kafka', 'topic' = 'src', 'properties.bootstrap.servers' = 'k:9092',\n"
    "  'scan.startup.mode' = 'earliest-offset', 'format' = 'json');\n"
#define SINK(name, cols, extra)                                                                   \
    "CREATE TABLE " name " (" cols ") WITH ('connector' = 'kafka', 'topic' = '" name "',\n"       \
    "  'properties.bootstrap.servers' = 'k:9092', 'format' = 'json'" extra ");\n"
    SINK("o_s", "x STRING", "") SINK("o_b", "x BIGINT", "") SINK("o_d", "x DOUBLE", "")
    SINK("o_m", "x DECIMAL(20, 4)", ", 'json.encode.decimal-as-plain-number' = 'true'")
    SINK("o_t", "x TIMESTAMP(3)", ", 'json.timestamp-format.standard' = 'ISO-8601'")
    SINK("o_bo", "x BOOLEAN", "") SINK("o_2", "x STRING, y BIGINT", "")
#undef SINK
#define UPSERT(name, cols)                                                                        \
    "CREATE TABLE " name " (" cols ", PRIMARY KEY (k) NOT ENFORCED) WITH (\n"                     \
    "  'connector' = 'upsert-kafka', 'topic' = '" name "', 'properties.bootstrap.servers' = "      \
    "'k:9092', 'key.format' = 'json', 'value.format' = 'json');\n"
    UPSERT("u", "k STRING, v BIGINT") UPSERT("u2", "k BIGINT, x STRING, y DOUBLE")
#undef UPSERT
    ;

/* FUZZ_VERBOSE=1 prints the diagnostics (to see what a reproducer does). */
static bool verbose;

/* Checks the invariants of one rendered diagnostic and reads every byte of it,
 * so that a diagnostic built from freed or out-of-range memory is caught by
 * ASan here rather than by a user's terminal. */
static void diag_sink(void *arg, const char *text)
{
    size_t *ndiags = arg;
    size_t n = strlen(text);
    if (n == 0 || text[n - 1] != '\n') {
        fprintf(stderr, "fuzz_check: diagnostic does not end in a newline: %s\n", text);
        abort();
    }
    ++*ndiags;
    if (verbose)
        fputs(text, stderr);
}

/* The generated C and explain text go nowhere (or the C to $FUZZ_GEN_OUT, for
 * scripts/fuzz.sh genc), but are read in full. */
typedef struct out {
    size_t bytes;
    FILE *f;
} out_t;

static void null_out(void *arg, const char *s)
{
    out_t *o = arg;
    size_t n = strlen(s);
    o->bytes += n;
    if (o->f)
        fwrite(s, 1, n, o->f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The source is the fuzzer's own buffer (or an exact-size copy), not
     * NUL-terminated: the compiler takes (src, len) and must not read past len. */
    const char *src = (const char *)data;
    char *copy = NULL;
    size_t mark = sizeof PRELUDE_MARK - 1;
    if (size >= mark && memcmp(data, PRELUDE_MARK, mark) == 0) {
        copy = malloc(sizeof prelude - 1 + size);
        if (!copy)
            abort();
        memcpy(copy, prelude, sizeof prelude - 1);
        memcpy(copy + sizeof prelude - 1, data, size);
        src = copy;
        size += sizeof prelude - 1;
    }
    verbose = getenv("FUZZ_VERBOSE") != NULL;
    compile_t *c = compile_new("fuzz.sql", src, size);
    size_t ndiags = 0;
    out_t out = {0, NULL};
    compile_set_sink(c, diag_sink, &ndiags);
    int rc = compile_run(c);
    if (rc != 0 && rc != 1) {
        fprintf(stderr, "fuzz_check: compile_run returned %d\n", rc);
        abort();
    }
    if ((rc == 1) != (compile_errors(c) > 0) || (rc == 1 && ndiags == 0)) {
        fprintf(stderr, "fuzz_check: compile_run returned %d with %d errors and %zu diagnostics\n",
                rc, compile_errors(c), ndiags);
        abort();
    }
    if (rc == 0) {
        compile_explain(c, null_out, &out);
        const char *gen_out = getenv("FUZZ_GEN_OUT");
        if (gen_out && !(out.f = fopen(gen_out, "w")))
            perror(gen_out);
        /* An accepted program must generate: a failure here is an internal
         * error the analyzer should have turned into a diagnostic. */
        int g = compile_gen(c, null_out, &out);
        if (out.f)
            fclose(out.f);
        if (verbose)
            fprintf(stderr, "fuzz_check: accepted; explain and C: %zu bytes\n", out.bytes);
        if (g != 0) {
            fprintf(stderr, "fuzz_check: compile_gen returned %d on a program check accepted\n", g);
            abort();
        }
    }
    compile_free(c);
    free(copy);
    return 0;
}
