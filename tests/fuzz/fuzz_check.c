/* This file is the front end's fuzz target: one input is one .sql text, run
 * through the whole compiler (parse, analyze, and, when that found no error,
 * explain and code generation). Whatever the bytes, the compiler must answer
 * with diagnostics or a job, never crash, hang, leak or exit. Built with
 * libFuzzer (scripts/fuzz.sh) or with replay.c for ctest. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
}

/* The generated C and explain text go nowhere, but are read in full. */
static void null_out(void *arg, const char *s)
{
    size_t *bytes = arg;
    *bytes += strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The source is the fuzzer's own buffer, not NUL-terminated: the
     * compiler takes (src, len) and must not read past len. */
    compile_t *c = compile_new("fuzz.sql", (const char *)data, size);
    size_t ndiags = 0, bytes = 0;
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
        compile_explain(c, null_out, &bytes);
        /* An accepted program must generate: a failure here is an internal
         * error the analyzer should have turned into a diagnostic. */
        int g = compile_gen(c, null_out, &bytes);
        if (g != 0) {
            fprintf(stderr, "fuzz_check: compile_gen returned %d on a program check accepted\n", g);
            abort();
        }
    }
    compile_free(c);
    return 0;
}
