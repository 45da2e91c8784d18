/* This file runs the compiler's passes in order: parse, analyze, then explain
 * or generate. Code is generated only when analysis found no error. */
#include "compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "ast.h"
#include "gen.h"
#include "plan.h"
#include "sqlkc/options.h"
#include "state.h"

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

static const char *setting_of(const plan_t *p, const char *key)
{
    for (int i = 0; i < p->nsettings; i++)
        if (strcmp(p->settings[i].key, key) == 0)
            return p->settings[i].value;
    return NULL;
}

static const table_t *source_named(const plan_t *p, const char *name)
{
    for (int i = 0; i < p->ntables; i++)
        if ((p->tables[i]->role & SQLKC_RT_ROLE_SOURCE) && !p->tables[i]->hint_of &&
            strcmp(p->tables[i]->name, name) == 0)
            return p->tables[i];
    return NULL;
}

/* What a restart of the job compiled from `now` finds in checkpoints written
 * by the job compiled from `old`, decided as the job decides it at start
 * (runtime/src/job.c match_ops, kafka_source.c's positions). */
int compile_state_compat(compile_t *old, compile_t *now, compile_out_fn out, void *arg)
{
    if (!old->plan || !now->plan || old->diag.errors || now->diag.errors)
        return 2;
    arena_t *a = &now->arena;
    plan_state_op_t *was, *is;
    int nwas = plan_state_ops(old->plan, a, &was), nis = plan_state_ops(now->plan, a, &is);
    const char *ign = setting_of(now->plan, "execution.state-recovery.ignore-unclaimed-state");
    bool allow = ign && strcasecmp(ign, "true") == 0;
    int changed = 0, dropped = 0;
    char line[8192];
    for (int i = 0; i < nis; i++) {
        int j = 0;
        while (j < nwas && strcmp(was[j].name, is[i].name) != 0)
            j++;
        if (j == nwas)
            snprintf(line, sizeof line, "%s: starts with empty state (%s has no such operator)\n", is[i].name,
                     old->file);
        else if (strcmp(was[j].layout, is[i].layout) != 0) {
            snprintf(line, sizeof line, "%s: its state changed: %s holds %s, %s keeps %s\n", is[i].name, old->file,
                     was[j].layout, now->file, is[i].layout);
            changed++;
        } else
            snprintf(line, sizeof line, "%s: restored\n", is[i].name);
        out(arg, line);
    }
    for (int j = 0; j < nwas; j++) {
        int i = 0;
        while (i < nis && strcmp(was[j].name, is[i].name) != 0)
            i++;
        if (i < nis)
            continue;
        snprintf(line, sizeof line, "%s: %s does not have it: its state is %s\n", was[j].name, now->file,
                 allow ? "dropped (execution.state-recovery.ignore-unclaimed-state)"
                       : "left behind, which the job refuses without --allow-non-restored-state");
        out(arg, line);
        dropped += !allow;
    }
    /* source positions are kept per table and topic */
    for (int i = 0; i < now->plan->ntables; i++) {
        const table_t *t = now->plan->tables[i];
        if (!(t->role & SQLKC_RT_ROLE_SOURCE) || t->hint_of)
            continue;
        const table_t *o = source_named(old->plan, t->name);
        const char *topic = sqlkc_rt_kv_get(t->opts, t->nopts, "topic");
        const char *otopic = o ? sqlkc_rt_kv_get(o->opts, o->nopts, "topic") : NULL;
        if (!o)
            snprintf(line, sizeof line, "source %s: starts from its scan.startup.mode (%s does not read it)\n",
                     t->name, old->file);
        else if (!topic || !otopic || strcmp(topic, otopic) != 0)
            snprintf(line, sizeof line, "source %s: reads topic '%s' where %s read '%s': it starts from its "
                     "scan.startup.mode, and the positions in '%s' are dropped\n", t->name, topic ? topic : "?",
                     old->file, otopic ? otopic : "?", otopic ? otopic : "?");
        else
            snprintf(line, sizeof line, "source %s: resumes at the checkpoint's positions\n", t->name);
        out(arg, line);
    }
    if (changed || dropped)
        snprintf(line, sizeof line, "%s cannot resume from the checkpoints of %s: %d operator%s changed, %d left "
                 "behind\n", now->file, old->file, changed, changed == 1 ? "" : "s", dropped);
    else
        snprintf(line, sizeof line, "%s can resume from the checkpoints of %s\n", now->file, old->file);
    out(arg, line);
    return changed || dropped ? 1 : 0;
}

void compile_free(compile_t *c)
{
    if (!c)
        return;
    arena_free(&c->arena);
    free(c);
}
