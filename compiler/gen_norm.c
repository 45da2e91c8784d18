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

/* C condition: field i of rows a and b (both non-NULL) is equal. */
static const char *field_eq(gen_t *g, const type_t *t, int i)
{
    if (is_str(t))
        return arena_printf(g->a, "a->f%d.n == b->f%d.n && (a->f%d.n == 0 || memcmp(a->f%d.p, b->f%d.p, a->f%d.n) == 0)",
                            i, i, i, i, i, i);
    if (type_is_nested(t))
        return arena_printf(g->a, "sqlkc_rt_nested_equal(&a->f%d, &b->f%d, &%s)", i, i, gen_rt_type(g, t));
    if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
        return arena_printf(g->a, "a->f%d.millis == b->f%d.millis && a->f%d.nanos == b->f%d.nanos", i, i, i, i);
    if (t->kind == TY_FLOAT || t->kind == TY_DOUBLE)
        return arena_printf(g->a, "memcmp(&a->f%d, &b->f%d, sizeof a->f%d) == 0", i, i, i);
    return arena_printf(g->a, "a->f%d == b->f%d", i, i);
}

/* Emits adding the nested fields of `row` to n (after the strings, from a
 * 16-byte boundary, as _store lays them out). */
static void nested_size(gen_t *g, const char *row, const plan_field_t *f, int n)
{
    emit_line(g->e, "n = (n + 15) & ~(size_t)15;");
    for (int i = 0; i < n; i++)
        if (type_is_nested(f[i].type))
            emit_line(g->e, "if (!%s) n += sqlkc_rt_nested_size(&%s->f%d, &%s);", gen_isnull(g, row, i), row, i,
                      gen_rt_type(g, f[i].type));
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
    bool nested = false;
    for (int i = 0; i < n; i++)
        nested = nested || type_is_nested(f[i].type);
    if (nested) /* nested values after the strings, aligned for their items */
        nested_size(g, "src", f, n);
    emit_line(e, "char *p = sqlkc_rt_alloc(n);");
    if (nested)
        emit_line(e, "char *base = p;");
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
    if (nested) {
        emit_line(e, "p = base + (((size_t)(p - base) + 15) & ~(size_t)15);");
        for (int i = 0; i < n; i++)
            if (type_is_nested(f[i].type))
                emit_line(e, "if (!%s) dst->f%d = sqlkc_rt_nested_copy(&src->f%d, &%s, &p);", gen_isnull(g, "src", i),
                          i, i, gen_rt_type(g, f[i].type));
    }
    emit_line(e, "sqlkc_rt_free(old);");
    emit_close(e, NULL);
    emit_blank(e);
    emit_line(e, "/* Heap bytes a stored copy of r holds (its strings%s). */", nested ? " and nested values" : "");
    emit_line(e, "__attribute__((unused))");
    emit_open(e, "static size_t %s_heap(const %s *r)", name, row_type);
    emit_line(e, "size_t n = 0;");
    for (int i = 0; i < n; i++)
        if (is_str(f[i].type))
            emit_line(e, "if (!%s) n += r->f%d.n;", gen_isnull(g, "r", i), i);
    if (nested)
        nested_size(g, "r", f, n);
    emit_line(e, "return n;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_line(e, "/* Rows equal field by field (NULL equals NULL; floating point by bits, as binary rows compare). */");
    emit_line(e, "__attribute__((unused))");
    emit_open(e, "static bool %s_equal(const %s *a, const %s *b)", name, row_type, row_type);
    emit_line(e, "if (memcmp(a->nulls, b->nulls, sizeof a->nulls) != 0)");
    emit_line(e, "    return false;");
    for (int i = 0; i < n; i++) {
        emit_line(e, "if (!%s && !(%s))", gen_isnull(g, "a", i), field_eq(g, f[i].type, i));
        emit_line(e, "    return false;");
    }
    emit_line(e, "return true;");
    emit_close(e, NULL);
    emit_blank(e);
}

/* <name>(a, b): the fields idx[0..nidx) are equal in both rows. */
static void fields_equal(gen_t *g, const char *name, const char *row_type, const plan_field_t *f, const int *idx,
                         int nidx)
{
    emit_t *e = g->e;
    emit_open(e, "static bool %s(const %s *a, const %s *b)", name, row_type, row_type);
    for (int k = 0; k < nidx; k++) {
        int i = idx[k];
        emit_line(e, "if (%s != %s)", gen_isnull(g, "a", i), gen_isnull(g, "b", i));
        emit_line(e, "    return false;");
        emit_line(e, "if (!%s && !(%s))", gen_isnull(g, "a", i), field_eq(g, f[i].type, i));
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
        emit_line(e, "static int64_t norm_%d_ended; /* when the last bundle ended (sqlkc_rt_now_ms) */", n->id);
    }
    emit_blank(e);
    gen_row_helpers(g, arena_printf(g->a, "norm_%d_row", n->id), row, n->fields, n->nfields);
    /* Identical updates are those equal in what this INSERT reads: Flink
     * pushes each scan's projection into the source, below the normalize.
     * (The decoder may fill more columns, for other INSERTs on the table.) */
    int *idx;
    int nidx = gen_scan_fields(g, n, &idx);
    emit_line(e, "/* Equal in the columns INSERT INTO %s reads. */", emit_comment(g->a, gen_sink_of(g, n)->table->name));
    fields_equal(g, arena_printf(g->a, "norm_%d_same", n->id), row, n->fields, idx, nidx);
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
    emit_line(e, "norm_%d_ended = sqlkc_rt_now_ms();", n->id);
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
    gen_grow(g, arena_printf(g->a, "norm_%d_bundle", n->id), arena_printf(g->a, "norm_%d_nbundle", n->id),
             arena_printf(g->a, "norm_%d_capbundle", n->id));
    emit_line(e, "*pos = ++norm_%d_nbundle;", n->id);
    emit_line(e, "norm_%d_bundle[*pos - 1].blob = NULL;", n->id);
    emit_close(e, NULL);
    emit_line(e, "norm_%d_pending_t *p = &norm_%d_bundle[*pos - 1];", n->id, n->id);
    emit_line(e, "p->kind = kind; /* the later row of a key replaces the earlier one */");
    emit_line(e, "norm_%d_row_store(&p->row, &p->blob, in);", n->id);
    emit_line(e, "if (++norm_%d_inputs >= INT64_C(%lld))", n->id, (long long)n->minibatch_size);
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
    emit_line(e, "if (norm_%d_same(&st->row, in))", n->id);
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
    if (n->minibatch) {
        emit_line(g->e, "norm_%d_index = sqlkc_rt_map_new(sizeof(size_t));", n->id);
        emit_line(g->e, "norm_%d_ended = sqlkc_rt_now_ms();", n->id);
    }
}

void gen_norm_fini(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_open(e, "if (norm_%d_rows)", n->id);
    emit_line(e, "size_t bytes = sqlkc_rt_map_bytes(norm_%d_rows);", n->id);
    gen_map_foreach(g, arena_printf(g->a, "norm_%d_rows", n->id));
    emit_line(e, "bytes += norm_%d_row_heap(&((norm_%d_state_t *)v)->row);", n->id, n->id);
    emit_line(e, "sqlkc_rt_free(((norm_%d_state_t *)v)->blob);", n->id);
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_state_stats(ctx, \"ChangelogNormalize %d\", sqlkc_rt_map_count(norm_%d_rows), bytes);", n->id,
              n->id);
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

/* SinkUpsertMaterializer (Flink's operator of that name), in front of a sink
 * whose PRIMARY KEY contains no upsert key of its input: per PK value the
 * list of rows the input holds, in arrival order. An INSERT/UPDATE_AFTER
 * replaces the row with the same upsert key (or is appended) and goes out as
 * +I when the list was empty, else +U; an UPDATE_BEFORE/DELETE removes its
 * row: the list emptied gives -D, the last row removed gives +U of the row
 * now last, any other nothing. */
void gen_materialize(gen_t *g, const plan_node_t *n, const char *write)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    const char *row = gen_row_type(g, in);
    int id = n->id;
    const plan_node_t *below = in;
    emit_line(e, "/* SinkUpsertMaterializer of sink %d: per primary key, the rows the input holds. */", id);
    emit_open(e, "typedef struct mat_%d_entry", id);
    emit_line(e, "%s row;", row);
    emit_line(e, "void *blob;");
    emit_close(e, arena_printf(g->a, " mat_%d_entry_t;", id));
    emit_open(e, "typedef struct mat_%d_list", id);
    emit_line(e, "mat_%d_entry_t *v;", id);
    emit_line(e, "size_t n, cap;");
    emit_close(e, arena_printf(g->a, " mat_%d_list_t;", id));
    emit_line(e, "static sqlkc_rt_map_t *mat_%d_rows; /* primary key -> mat_%d_list_t */", id, id);
    emit_line(e, "static sqlkc_rt_buf_t mat_%d_key;", id);
    emit_blank(e);
    gen_row_helpers(g, arena_printf(g->a, "mat_%d_row", id), row, in->fields, in->nfields);
    bool by_key = below->upsert_key && below->nupsert_key > 0;
    if (by_key)
        fields_equal(g, arena_printf(g->a, "mat_%d_same", id), row, in->fields, below->upsert_key, below->nupsert_key);
    emit_line(e, "/* The row's position in l: the same upsert key%s, or -1. */", by_key ? "" : " (there is none: the same row)");
    emit_open(e, "static long mat_%d_find(const mat_%d_list_t *l, const %s *r)", id, id, row);
    emit_line(e, "for (size_t i = 0; i < l->n; i++)");
    emit_line(e, "    if (%s(&l->v[i].row, r))", by_key ? arena_printf(g->a, "mat_%d_same", id) : arena_printf(g->a, "mat_%d_row_equal", id));
    emit_line(e, "        return (long)i;");
    emit_line(e, "return -1;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", id, row);
    gen_sink_enforce(g, n); /* before the materializer, as in Flink's CommonExecSink */
    emit_line(e, "sqlkc_rt_buf_t *key = &mat_%d_key;", id);
    emit_line(e, "sqlkc_rt_buf_reset(key);");
    for (int i = 0; i < n->ngroup; i++) {
        int f = n->group[i];
        emit_line(e, "/* primary key: %s */", emit_comment(g->a, in->fields[f].name));
        gen_key_put(g, "key", arena_printf(g->a, "in->f%d", f), gen_isnull(g, "in", f), in->fields[f].type);
    }
    emit_open(e, "if (kind == ROW_INSERT || kind == ROW_UPDATE_AFTER)");
    emit_line(e, "mat_%d_list_t *l = sqlkc_rt_map_upsert(mat_%d_rows, key->p, key->len, NULL);", id, id);
    emit_line(e, "int out = l->n == 0 ? ROW_INSERT : ROW_UPDATE_AFTER;");
    emit_line(e, "long i = %s;", by_key ? arena_printf(g->a, "mat_%d_find(l, in)", id) : "-1");
    emit_open(e, "if (i < 0)");
    emit_open(e, "if (l->n == l->cap)");
    emit_line(e, "l->cap = l->cap ? l->cap * 2 : 2;");
    emit_line(e, "l->v = sqlkc_rt_grow(l->v, l->cap * sizeof *l->v);");
    emit_close(e, NULL);
    emit_line(e, "i = (long)l->n++;");
    emit_line(e, "l->v[i].blob = NULL;");
    emit_close(e, NULL);
    emit_line(e, "mat_%d_row_store(&l->v[i].row, &l->v[i].blob, in);", id);
    emit_line(e, "return %s(ctx, out, in);", write);
    emit_close(e, NULL);
    emit_line(e, "mat_%d_list_t *l = sqlkc_rt_map_find(mat_%d_rows, key->p, key->len);", id, id);
    emit_line(e, "long i = l ? mat_%d_find(l, in) : -1;", id);
    emit_line(e, "if (i < 0)");
    emit_line(e, "    return SQLKC_RT_OK; /* a row it does not hold (Flink logs \"state cleared\") */");
    emit_line(e, "bool last = (size_t)i == l->n - 1;");
    emit_line(e, "sqlkc_rt_free(l->v[i].blob);");
    emit_line(e, "memmove(&l->v[i], &l->v[i + 1], (l->n - (size_t)i - 1) * sizeof *l->v);");
    emit_open(e, "if (--l->n == 0)");
    emit_line(e, "sqlkc_rt_free(l->v);");
    emit_line(e, "sqlkc_rt_map_remove(mat_%d_rows, key->p, key->len);", id);
    emit_line(e, "return %s(ctx, ROW_DELETE, in);", write);
    emit_close(e, NULL);
    emit_line(e, "if (last) /* the row now last is the current one */");
    emit_line(e, "    return %s(ctx, ROW_UPDATE_AFTER, &l->v[l->n - 1].row);", write);
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_materialize_init(gen_t *g, const plan_node_t *n)
{
    emit_line(g->e, "mat_%d_rows = sqlkc_rt_map_new(sizeof(mat_%d_list_t));", n->id, n->id);
}

void gen_materialize_fini(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_open(e, "if (mat_%d_rows)", n->id);
    emit_line(e, "size_t bytes = sqlkc_rt_map_bytes(mat_%d_rows);", n->id);
    gen_map_foreach(g, arena_printf(g->a, "mat_%d_rows", n->id));
    emit_line(e, "mat_%d_list_t *l = v;", n->id);
    emit_line(e, "bytes += l->cap * sizeof *l->v;");
    emit_open(e, "for (size_t i = 0; i < l->n; i++)");
    emit_line(e, "bytes += mat_%d_row_heap(&l->v[i].row);", n->id);
    emit_line(e, "sqlkc_rt_free(l->v[i].blob);");
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_free(l->v);");
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_state_stats(ctx, \"SinkUpsertMaterializer %d\", sqlkc_rt_map_count(mat_%d_rows), bytes);", n->id,
              n->id);
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_map_free(mat_%d_rows);", n->id);
    emit_line(e, "sqlkc_rt_buf_free(&mat_%d_key);", n->id);
}

void gen_norm_snapshot(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_line(e, "sqlkc_rt_ckpt_put_u64(c, sqlkc_rt_map_count(norm_%d_rows));", n->id);
    gen_map_foreach(g, arena_printf(g->a, "norm_%d_rows", n->id));
    emit_line(e, "const norm_%d_state_t *st = v;", n->id);
    emit_line(e, "sqlkc_rt_ckpt_put_bytes(c, k, kn);");
    gen_state_put_row(g, "st->row", n->fields, n->nfields);
    emit_close(e, NULL);
}

void gen_norm_restore(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_line(e, "uint64_t n;");
    emit_line(e, "if (!sqlkc_rt_ckpt_get_u64(c, &n))");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_open(e, "for (uint64_t i = 0; i < n; i++)");
    emit_line(e, "const void *k;");
    emit_line(e, "size_t kn;");
    emit_line(e, "bool created;");
    emit_line(e, "%s row;", gen_row_type(g, n));
    emit_line(e, "if (!sqlkc_rt_ckpt_get_bytes(c, &k, &kn))");
    emit_line(e, "    return SQLKC_RT_ERR;");
    gen_state_get_row(g, "row", n->fields, n->nfields);
    emit_line(e, "norm_%d_state_t *st = sqlkc_rt_map_upsert(norm_%d_rows, k, kn, &created);", n->id, n->id);
    emit_line(e, "if (!created) /* a key twice */");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_line(e, "st->blob = NULL;");
    emit_line(e, "norm_%d_row_store(&st->row, &st->blob, &row);", n->id);
    emit_close(e, NULL);
}

void gen_materialize_snapshot(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    emit_line(e, "sqlkc_rt_ckpt_put_u64(c, sqlkc_rt_map_count(mat_%d_rows));", n->id);
    gen_map_foreach(g, arena_printf(g->a, "mat_%d_rows", n->id));
    emit_line(e, "const mat_%d_list_t *l = v;", n->id);
    emit_line(e, "sqlkc_rt_ckpt_put_bytes(c, k, kn);");
    emit_line(e, "sqlkc_rt_ckpt_put_u64(c, l->n);");
    emit_open(e, "for (size_t i = 0; i < l->n; i++)");
    gen_state_put_row(g, "l->v[i].row", in->fields, in->nfields);
    emit_close(e, NULL);
    emit_close(e, NULL);
}

void gen_materialize_restore(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    emit_line(e, "uint64_t n;");
    emit_line(e, "if (!sqlkc_rt_ckpt_get_u64(c, &n))");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_open(e, "for (uint64_t i = 0; i < n; i++)");
    emit_line(e, "const void *k;");
    emit_line(e, "size_t kn;");
    emit_line(e, "uint64_t rows;");
    emit_line(e, "bool created;");
    emit_line(e, "if (!sqlkc_rt_ckpt_get_bytes(c, &k, &kn) || !sqlkc_rt_ckpt_get_u64(c, &rows) || rows == 0 ||");
    emit_line(e, "    rows > UINT32_MAX)");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_line(e, "mat_%d_list_t *l = sqlkc_rt_map_upsert(mat_%d_rows, k, kn, &created);", n->id, n->id);
    emit_line(e, "if (!created) /* a key twice */");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_line(e, "l->cap = (size_t)rows;");
    emit_line(e, "l->v = sqlkc_rt_grow(NULL, l->cap * sizeof *l->v);");
    emit_open(e, "for (; l->n < (size_t)rows; l->n++)");
    emit_line(e, "%s row;", gen_row_type(g, in));
    gen_state_get_row(g, "row", in->fields, in->nfields);
    emit_line(e, "l->v[l->n].blob = NULL;");
    emit_line(e, "mat_%d_row_store(&l->v[l->n].row, &l->v[l->n].blob, &row);", n->id);
    emit_close(e, NULL);
    emit_close(e, NULL);
}
