/* This file generates what keeps whole rows in state: a row's copy with
 * its own strings and row equality, and ChangelogNormalize on top of them.
 * ChangelogNormalize follows Flink's DeduplicateFunctionHelper.
 * processLastRowOnChangelog: per key the last row; an INSERT or UPDATE_AFTER
 * gives +I for a new key, nothing when equal to the stored row, else
 * (-U stored, if downstream needs it) +U new; a DELETE gives -D with the
 * stored row (a tombstone carries the key only), and nothing for a key it
 * does not hold. */
#include <string.h>

#include "gen_internal.h"

static bool is_str(const type_t *t)
{
    return t->kind == TY_CHAR || t->kind == TY_VARCHAR || t->kind == TY_BINARY || t->kind == TY_VARBINARY;
}

void gen_row_helpers(gen_t *g, const char *name, const char *row_type, const plan_field_t *f, int n)
{
    emit_t *e = g->e;
    emit_line(e, "/* Copies src into dst with the strings in one new block *blob (the old one is freed). */");
    emit_line(e, "__attribute__((unused))");
    emit_open(e, "static void %s_store(%s *dst, void **blob, const %s *src)", name, row_type, row_type);
    emit_line(e, "size_t n = 0;");
    for (int i = 0; i < n; i++)
        if (is_str(f[i].type))
            emit_line(e, "if (!%s) n += src->f%d.n;", gen_isnull(g, "src", i), i);
    emit_line(e, "char *p = sqlkc_rt_alloc(n);");
    emit_line(e, "void *old = *blob;");
    emit_line(e, "*dst = *src;");
    emit_line(e, "*blob = p;");
    for (int i = 0; i < n; i++)
        if (is_str(f[i].type)) {
            emit_open(e, "if (!%s && src->f%d.n)", gen_isnull(g, "src", i), i);
            emit_line(e, "memcpy(p, src->f%d.p, src->f%d.n);", i, i);
            emit_line(e, "dst->f%d.p = p;", i);
            emit_line(e, "p += src->f%d.n;", i);
            emit_close(e, NULL);
        }
    emit_line(e, "sqlkc_rt_free(old);");
    emit_close(e, NULL);
    emit_blank(e);
    emit_line(e, "/* Rows equal field by field (NULL equals NULL; floating point by bits, as binary rows compare). */");
    emit_line(e, "__attribute__((unused))");
    emit_open(e, "static bool %s_equal(const %s *a, const %s *b)", name, row_type, row_type);
    emit_line(e, "if (memcmp(a->nulls, b->nulls, sizeof a->nulls) != 0)");
    emit_line(e, "    return false;");
    for (int i = 0; i < n; i++) {
        const char *eq;
        if (is_str(f[i].type))
            eq = arena_printf(g->a, "a->f%d.n == b->f%d.n && (a->f%d.n == 0 || memcmp(a->f%d.p, b->f%d.p, a->f%d.n) == 0)",
                              i, i, i, i, i, i);
        else if (f[i].type->kind == TY_TIMESTAMP || f[i].type->kind == TY_TIMESTAMP_LTZ)
            eq = arena_printf(g->a, "a->f%d.millis == b->f%d.millis && a->f%d.nanos == b->f%d.nanos", i, i, i, i);
        else if (f[i].type->kind == TY_FLOAT || f[i].type->kind == TY_DOUBLE)
            eq = arena_printf(g->a, "memcmp(&a->f%d, &b->f%d, sizeof a->f%d) == 0", i, i, i);
        else
            eq = arena_printf(g->a, "a->f%d == b->f%d", i, i);
        emit_line(e, "if (!%s && !(%s))", gen_isnull(g, "a", i), eq);
        emit_line(e, "    return false;");
    }
    emit_line(e, "return true;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_norm_decls(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const char *row = gen_row_type(g, n);
    emit_line(e, "/* ChangelogNormalize %d: the last row of each key. */", n->id);
    emit_open(e, "typedef struct norm_%d_state", n->id);
    emit_line(e, "%s row;", row);
    emit_line(e, "void *blob; /* the row's strings */");
    emit_close(e, arena_printf(g->a, " norm_%d_state_t;", n->id));
    emit_line(e, "static sqlkc_rt_map_t *norm_%d_rows; /* key -> norm_%d_state_t */", n->id, n->id);
    emit_line(e, "static sqlkc_rt_buf_t norm_%d_key;", n->id);
    if (n->minibatch) {
        emit_line(e, "/* The open bundle: the last row of each key it saw, in the order keys came. */");
        emit_open(e, "typedef struct norm_%d_pending", n->id);
        emit_line(e, "int kind;");
        emit_line(e, "%s row;", row);
        emit_line(e, "void *blob;");
        emit_close(e, arena_printf(g->a, " norm_%d_pending_t;", n->id));
        emit_line(e, "static sqlkc_rt_map_t *norm_%d_index; /* key -> position + 1 in the bundle */", n->id);
        emit_line(e, "static norm_%d_pending_t *norm_%d_bundle;", n->id, n->id);
        emit_line(e, "static size_t norm_%d_nbundle, norm_%d_capbundle;", n->id, n->id);
        emit_line(e, "static int64_t norm_%d_inputs;", n->id);
    }
    emit_blank(e);
    gen_row_helpers(g, arena_printf(g->a, "norm_%d_row", n->id), row, n->fields, n->nfields);
}

static void key_of(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_line(e, "sqlkc_rt_buf_t *key = &norm_%d_key;", n->id);
    emit_line(e, "sqlkc_rt_buf_reset(key);");
    for (int i = 0; i < n->ngroup; i++) {
        int f = n->group[i];
        emit_line(e, "/* key: %s */", emit_comment(g->a, n->fields[f].name));
        gen_key_put(g, "key", arena_printf(g->a, "in->f%d", f), gen_isnull(g, "in", f), n->fields[f].type);
    }
}

/* Mini-batch (ProcTimeMiniBatchDeduplicateKeepLastRowFunction): a bundle
 * keeps the last row per key; its end applies each as one row. */
static void minibatch_push(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const char *row = gen_row_type(g, n);
    emit_open(e, "static int norm_%d_finish(sqlkc_rt_ctx_t *ctx)", n->id);
    emit_line(e, "int rc = SQLKC_RT_OK;");
    emit_open(e, "for (size_t i = 0; i < norm_%d_nbundle; i++)", n->id);
    emit_line(e, "norm_%d_pending_t *p = &norm_%d_bundle[i];", n->id, n->id);
    emit_line(e, "if (rc == SQLKC_RT_OK)");
    emit_line(e, "    rc = norm_%d_apply(ctx, p->kind, &p->row);", n->id);
    emit_line(e, "sqlkc_rt_free(p->blob);");
    emit_close(e, NULL);
    emit_line(e, "norm_%d_nbundle = 0;", n->id);
    emit_line(e, "norm_%d_inputs = 0;", n->id);
    emit_line(e, "sqlkc_rt_map_free(norm_%d_index);", n->id);
    emit_line(e, "norm_%d_index = sqlkc_rt_map_new(sizeof(size_t));", n->id);
    emit_line(e, "return rc;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, row);
    key_of(g, n);
    emit_line(e, "bool created;");
    emit_line(e, "size_t *pos = sqlkc_rt_map_upsert(norm_%d_index, key->p, key->len, &created);", n->id);
    emit_open(e, "if (created)");
    emit_open(e, "if (norm_%d_nbundle == norm_%d_capbundle)", n->id, n->id);
    emit_line(e, "norm_%d_capbundle = norm_%d_capbundle ? norm_%d_capbundle * 2 : 256;", n->id, n->id, n->id);
    emit_line(e, "norm_%d_bundle = sqlkc_rt_grow(norm_%d_bundle, norm_%d_capbundle * sizeof *norm_%d_bundle);", n->id,
              n->id, n->id, n->id);
    emit_close(e, NULL);
    emit_line(e, "*pos = ++norm_%d_nbundle;", n->id);
    emit_line(e, "norm_%d_bundle[*pos - 1].blob = NULL;", n->id);
    emit_close(e, NULL);
    emit_line(e, "norm_%d_pending_t *p = &norm_%d_bundle[*pos - 1];", n->id, n->id);
    emit_line(e, "p->kind = kind; /* the later row of a key replaces the earlier one */");
    emit_line(e, "norm_%d_row_store(&p->row, &p->blob, in);", n->id);
    emit_line(e, "if (++norm_%d_inputs >= INT64_C(%lld))", n->id, (long long)g->p->minibatch_size);
    emit_line(e, "    return norm_%d_finish(ctx); /* table.exec.mini-batch.size */", n->id);
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_norm_push(gen_t *g, const plan_node_t *n, const char *next)
{
    emit_t *e = g->e;
    const char *row = gen_row_type(g, n);
    if (n->minibatch)
        emit_open(e, "static int norm_%d_apply(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, row);
    else
        emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, row);
    key_of(g, n);
    emit_open(e, "if (kind == ROW_INSERT || kind == ROW_UPDATE_AFTER)");
    emit_line(e, "bool created;");
    emit_line(e, "norm_%d_state_t *st = sqlkc_rt_map_upsert(norm_%d_rows, key->p, key->len, &created);", n->id, n->id);
    emit_open(e, "if (created)");
    emit_line(e, "norm_%d_row_store(&st->row, &st->blob, in);", n->id);
    emit_line(e, "return %s(ctx, ROW_INSERT, in);", next);
    emit_close(e, NULL);
    emit_line(e, "if (norm_%d_row_equal(&st->row, in))", n->id);
    emit_line(e, "    return SQLKC_RT_OK; /* an identical update is not passed on */");
    if (n->emit_ub)
        emit_line(e, "if (%s(ctx, ROW_UPDATE_BEFORE, &st->row) != SQLKC_RT_OK) return SQLKC_RT_ERR;", next);
    emit_line(e, "norm_%d_row_store(&st->row, &st->blob, in);", n->id);
    emit_line(e, "return %s(ctx, ROW_UPDATE_AFTER, in);", next);
    emit_close(e, NULL);
    emit_line(e, "/* DELETE (or UPDATE_BEFORE): the stored row goes out, as it has every column */");
    emit_line(e, "norm_%d_state_t *st = sqlkc_rt_map_find(norm_%d_rows, key->p, key->len);", n->id, n->id);
    emit_line(e, "if (!st)");
    emit_line(e, "    return SQLKC_RT_OK; /* removing a key never seen is nothing */");
    emit_line(e, "int rc = %s(ctx, ROW_DELETE, &st->row);", next);
    emit_line(e, "sqlkc_rt_free(st->blob);");
    emit_line(e, "sqlkc_rt_map_remove(norm_%d_rows, key->p, key->len);", n->id);
    emit_line(e, "return rc;");
    emit_close(e, NULL);
    emit_blank(e);
    if (n->minibatch)
        minibatch_push(g, n);
}

void gen_norm_init(gen_t *g, const plan_node_t *n)
{
    emit_line(g->e, "norm_%d_rows = sqlkc_rt_map_new(sizeof(norm_%d_state_t));", n->id, n->id);
    if (n->minibatch)
        emit_line(g->e, "norm_%d_index = sqlkc_rt_map_new(sizeof(size_t));", n->id);
}

void gen_norm_fini(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_open(e, "if (norm_%d_rows)", n->id);
    emit_line(e, "sqlkc_rt_map_iter_t it = {0};");
    emit_line(e, "const void *k;");
    emit_line(e, "size_t kn;");
    emit_line(e, "void *v;");
    emit_line(e, "while (sqlkc_rt_map_next(norm_%d_rows, &it, &k, &kn, &v))", n->id);
    emit_line(e, "    sqlkc_rt_free(((norm_%d_state_t *)v)->blob);", n->id);
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_map_free(norm_%d_rows);", n->id);
    if (n->minibatch) {
        emit_line(e, "for (size_t i = 0; i < norm_%d_nbundle; i++)", n->id);
        emit_line(e, "    sqlkc_rt_free(norm_%d_bundle[i].blob);", n->id);
        emit_line(e, "sqlkc_rt_free(norm_%d_bundle);", n->id);
        emit_line(e, "sqlkc_rt_map_free(norm_%d_index);", n->id);
    }
    emit_line(e, "sqlkc_rt_buf_free(&norm_%d_key);", n->id);
}
