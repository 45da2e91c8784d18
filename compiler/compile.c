/* This file runs the compiler's passes in order: parse, analyze, then explain
 * or generate. Code is generated only when analysis found no error. */
#include "compile.h"

#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "ast.h"
#include "gen.h"
#include "plan.h"

struct compile {
    arena_t arena;
    diag_t diag;
    plan_t *plan;
    const char *file;
    bool need_insert;
};

compile_t *compile_new(const char *file, const char *src, size_t len)
{
    compile_t *c = calloc(1, sizeof *c);
    if (!c) {
        fputs("sqlkc: internal error: out of memory\n", stderr);
        exit(2);
    }
    arena_init(&c->arena);
    diag_init(&c->diag, file, src, len);
    c->file = file;
    c->need_insert = true;
    return c;
}

void compile_set_sink(compile_t *c, diag_sink_fn sink, void *arg)
{
    c->diag.sink = sink;
    c->diag.sink_arg = arg;
}

int compile_run(compile_t *c)
{
    ast_list_t stmts = ast_parse(&c->arena, &c->diag);
    /* analyzed even after syntax errors: each statement's mistakes are reported */
    c->plan = analyze(&c->arena, &c->diag, stmts, c->file);
    if (c->diag.errors == 0 && c->plan->nsinks == 0) {
        if (c->need_insert)
            diag_error(&c->diag, LOC_NONE, "no INSERT INTO statement: nothing to run");
        else if (c->plan->ntables == 0 && stmts.count == 0)
            diag_note(&c->diag, LOC_NONE, "the file has no statement");
        else
            diag_note(&c->diag, LOC_NONE, "no INSERT INTO statement: the file declares tables and views only "
                      "(sqlkc gen and build need an INSERT)");
    }
    if (c->diag.errors) {
        char msg[64];
        snprintf(msg, sizeof msg, "%d error%s generated.\n", c->diag.errors, c->diag.errors == 1 ? "" : "s");
        if (c->diag.sink)
            c->diag.sink(c->diag.sink_arg, msg);
        else
            fputs(msg, stderr);
        return 1;
    }
    return 0;
}

void compile_allow_no_insert(compile_t *c) { c->need_insert = false; }

int compile_errors(const compile_t *c) { return c->diag.errors; }

void compile_explain(compile_t *c, compile_out_fn out, void *arg)
{
    if (c->plan)
        plan_explain(c->plan, &c->arena, out, arg);
}

int compile_gen(compile_t *c, compile_out_fn out, void *arg)
{
    if (!c->plan || c->diag.errors)
        return 2;
    return gen_job(c->plan, &c->arena, out, arg);
}

void compile_free(compile_t *c)
{
    if (!c)
        return;
    arena_free(&c->arena);
    free(c);
}
