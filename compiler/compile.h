/* This file is libsqlkc's entry point: one compilation of one .sql text,
 * from parsing to explain output and generated C. */
#ifndef SQLKC_COMPILE_H
#define SQLKC_COMPILE_H

#include <stddef.h>

#include "diag.h"

typedef struct compile compile_t;
typedef void (*compile_out_fn)(void *arg, const char *s);

/* src is borrowed and must outlive the compilation. */
compile_t *compile_new(const char *file, const char *src, size_t len);
/* Diagnostics go to the sink instead of stderr (tests). */
void compile_set_sink(compile_t *c, diag_sink_fn sink, void *arg);
/* A file without INSERT is valid (a note says so); check and explain. */
void compile_allow_no_insert(compile_t *c);
/* Parses and analyzes. Returns 0, or 1 when the SQL has errors. */
int compile_run(compile_t *c);
int compile_errors(const compile_t *c);
void compile_explain(compile_t *c, compile_out_fn out, void *arg);
/* Writes the job's C. Returns 0, or 2 on an internal error. */
int compile_gen(compile_t *c, compile_out_fn out, void *arg);
/* Whether the job of `now` can resume from checkpoints written by the job of
 * `old` (both run): one line per operator and source, then the verdict.
 * Returns 0 (it can), 1 (it cannot), or 2 (a compilation had errors). */
int compile_state_compat(compile_t *old, compile_t *now, compile_out_fn out, void *arg);
void compile_free(compile_t *c);

#endif
