/* This file runs a job definition in memory (sqlkc/mem.h): the context
 * sqlkc_rt_main would build, without the command line and without Kafka;
 * emitted records go to the caller's callback (see sqlkc_rt_emit_at). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sqlkc/mem.h"

sqlkc_rt_ctx_t *sqlkc_rt_mem_open(const sqlkc_rt_job_def_t *def, sqlkc_rt_mem_emit_fn emit,
                                  void *arg, FILE *err) {
    const char *prog = def && def->name ? def->name : "job";
    if (!def || def->abi != SQLKC_RT_ABI) {
        fprintf(err, "%s: error: the job was generated for sqlkc runtime ABI %d, this is ABI %d\n",
                prog, def ? def->abi : -1, SQLKC_RT_ABI);
        return NULL;
    }
    size_t n = def->ntables ? def->ntables : 1;
    sqlkc_rt_ctx_t *ctx = calloc(1, sizeof *ctx);
    rt_opts_t *opts = calloc(n, sizeof *opts);
    rt_table_t *tables = calloc(n, sizeof *tables);
    if (!ctx || !opts || !tables) {
        fprintf(err, "%s: error: out of memory\n", prog);
        free(opts);
        free(tables);
        free(ctx);
        return NULL;
    }
    ctx->tables = tables;
    ctx->def = def;
    ctx->prog = prog;
    ctx->ntables = def->ntables;
    ctx->null_sink = true; /* nothing is produced to Kafka */
    ctx->mem_emit = emit;
    ctx->mem_emit_arg = arg;
    int errors = rt_apply_overrides(def, &ctx->cli, opts, prog, err);
    for (size_t t = 0; t < def->ntables; t++) {
        ctx->tables[t].def = &def->tables[t];
        ctx->tables[t].opts = opts[t];
    }
    free(opts);
    bool inited = false;
    if (errors == 0) {
        inited = true;
        if (def->init && def->init(ctx) != SQLKC_RT_OK) {
            fprintf(err, "%s: error: init: %s\n", prog, ctx->failed ? ctx->errmsg : "failed");
            errors++;
        }
    }
    if (errors) {
        /* fini may free what a failed init half-allocated */
        if (inited && def->fini)
            def->fini(ctx);
        ctx->def = NULL; /* close must not call finish or fini */
        sqlkc_rt_mem_close(ctx, false);
        return NULL;
    }
    sqlkc_rt_mem_end_record(ctx);
    return ctx;
}

int sqlkc_rt_mem_process(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg) {
    if (table >= ctx->ntables || !(ctx->tables[table].def->role & SQLKC_RT_ROLE_SOURCE)) {
        ctx->failed = false;
        return sqlkc_rt_fail(ctx, "table #%zu is not a source of this job", table);
    }
    return rt_deliver(ctx, table, msg);
}

void sqlkc_rt_mem_end_record(sqlkc_rt_ctx_t *ctx) {
    rt_arena_reset(&ctx->scratch);
    ctx->failed = false;
}

const char *sqlkc_rt_mem_error(const sqlkc_rt_ctx_t *ctx) {
    return ctx->failed ? ctx->errmsg : NULL;
}

uint64_t sqlkc_rt_mem_written(const sqlkc_rt_ctx_t *ctx, size_t table, uint64_t *bytes) {
    if (table >= ctx->ntables) {
        if (bytes)
            *bytes = 0;
        return 0;
    }
    if (bytes)
        *bytes = ctx->tables[table].bytes_out;
    return ctx->tables[table].nwritten;
}

int sqlkc_rt_mem_close(sqlkc_rt_ctx_t *ctx, bool finish) {
    int status = SQLKC_RT_OK;
    if (!ctx)
        return status;
    if (ctx->def) {
        ctx->failed = false;
        if (finish && ctx->def->finish && ctx->def->finish(ctx) != SQLKC_RT_OK) {
            rt_error(ctx, "finish: %s", ctx->failed ? ctx->errmsg : "failed");
            status = SQLKC_RT_ERR;
        }
        rt_arena_reset(&ctx->scratch);
        if (ctx->def->fini)
            ctx->def->fini(ctx);
    }
    for (size_t t = 0; t < ctx->ntables; t++)
        rt_opts_free(&ctx->tables[t].opts);
    free(ctx->tables);
    rt_arena_free(&ctx->scratch);
    rt_cli_free(&ctx->cli);
    free(ctx);
    return status;
}
