/* This file generates the job's checkpoint functions: the table of stateful
 * operators with their names and state layouts (what a checkpoint must
 * match to be restored) and, per operator, a snapshot function that writes its state
 * field by field through sqlkc/ckpt.h, and a restore function that reads it
 * back into the state job_init created. The operators' own parts are in
 * gen_agg.c and gen_norm.c; the values of SQL types are written here. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

/* Calls f for every stateful operator in a fixed order: the INSERTs in order,
 * each from its source to its sink. */
static void each_stateful(gen_t *g, void (*f)(gen_t *g, const plan_node_t *n, void *arg), void *arg)
{
    const plan_t *p = g->p;
    for (int s = 0; s < p->nsinks; s++) {
        const plan_node_t *chain[256];
        int k = 0;
        for (const plan_node_t *n = p->sinks[s]; n && k < 256; n = n->input)
            chain[k++] = n;
        while (k-- > 0) {
            const plan_node_t *n = chain[k];
            if (n->kind == P_GROUP_AGG || n->kind == P_NORMALIZE || (n->kind == P_SINK && n->materialize))
                f(g, n, arg);
        }
    }
}

static const char *kind_name(const plan_node_t *n)
{
    return n->kind == P_GROUP_AGG ? "GroupAggregate" : n->kind == P_NORMALIZE ? "ChangelogNormalize"
                                                                              : "SinkUpsertMaterializer";
}

const char *gen_state_name(gen_t *g, const plan_node_t *n)
{
    const plan_t *p = g->p;
    const plan_node_t *sink = NULL;
    int nth = 0, same = 0;
    for (int s = 0; s < p->nsinks && !sink; s++) {
        bool here = false;
        int kth = 0;
        const plan_node_t *chain[256];
        int k = 0;
        for (const plan_node_t *m = p->sinks[s]; m && k < 256; m = m->input)
            chain[k++] = m;
        while (k-- > 0) {
            if (chain[k]->kind == n->kind && (n->kind != P_SINK || chain[k]->materialize))
                kth++;
            if (chain[k] == n) {
                here = true;
                nth = kth;
                break;
            }
        }
        if (here)
            sink = p->sinks[s];
    }
    /* INSERT INTO t, or INSERT #2 INTO t when several write t */
    int ordinal = 0;
    for (int s = 0; s < p->nsinks; s++)
        if (p->sinks[s]->table == sink->table) {
            same++;
            if (p->sinks[s] == sink)
                ordinal = same;
        }
    if (same > 1)
        return arena_printf(g->a, "INSERT #%d INTO %s: %s %d", ordinal, sink->table->name, kind_name(n), nth);
    return arena_printf(g->a, "INSERT INTO %s: %s %d", sink->table->name, kind_name(n), nth);
}

static const char *fields_desc(gen_t *g, const plan_field_t *f, const int *idx, int n)
{
    const char *s = "";
    for (int i = 0; i < n; i++) {
        const plan_field_t *x = &f[idx ? idx[i] : i];
        s = arena_printf(g->a, "%s%s%s %s", s, i ? ", " : "", x->name, type_str(g->a, x->type));
    }
    return s;
}

/* How the generated code writes an operator's state, field by field: part
 * of every layout, so that a checkpoint written by a job of another
 * encoding is refused, not misread. Bump it with any change to what
 * gen_agg_snapshot, gen_norm_snapshot or gen_materialize_snapshot write. */
#define STATE_ENCODING 1

static const char *state_layout_of(gen_t *g, const plan_node_t *n);

/* The layout of an operator's state: what a restore into it must find. */
static const char *state_layout(gen_t *g, const plan_node_t *n)
{
    return arena_printf(g->a, "%s; encoding %d", state_layout_of(g, n), STATE_ENCODING);
}

static const char *state_layout_of(gen_t *g, const plan_node_t *n)
{
    if (n->kind == P_GROUP_AGG) {
        const plan_node_t *in = n->input;
        const char *aggs = "";
        static const char *const fns[] = {"COUNT(*)", "COUNT", "SUM", "MIN", "MAX", "AVG"};
        for (int i = 0; i < n->naggs; i++) {
            const agg_call_t *a = &n->aggs[i];
            const char *what = a->fn == AGG_COUNT_STAR
                                   ? "COUNT(*)"
                                   : arena_printf(g->a, "%s(%s%s %s)", fns[a->fn], a->distinct ? "DISTINCT " : "",
                                                  in->fields[a->arg].name, type_str(g->a, in->fields[a->arg].type));
            aggs = arena_printf(g->a, "%s%s%s%s", aggs, i ? ", " : "", what, a->filter >= 0 ? " FILTER" : "");
        }
        return arena_printf(g->a, "group key (%s); accumulators [%s]%s", fields_desc(g, in->fields, n->group, n->ngroup),
                            aggs, n->retract ? "; with retraction" : "");
    }
    if (n->kind == P_NORMALIZE)
        return arena_printf(g->a, "key (%s); the last row (%s)", fields_desc(g, n->fields, n->group, n->ngroup),
                            fields_desc(g, n->fields, NULL, n->nfields));
    const plan_node_t *in = n->input;
    return arena_printf(g->a, "primary key (%s); the rows (%s)", fields_desc(g, in->fields, n->group, n->ngroup),
                        fields_desc(g, in->fields, NULL, in->nfields));
}

/* ---- values ---- */

void gen_state_put(gen_t *g, const type_t *t, const char *x)
{
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_ckpt_put_u8(c, (uint8_t)(%s));", x); break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_ckpt_put_f32(c, %s);", x); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_ckpt_put_f64(c, %s);", x); break;
    case TY_DECIMAL: emit_line(e, "sqlkc_rt_ckpt_put_i128(c, %s);", x); break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        emit_line(e, "sqlkc_rt_ckpt_put_bytes(c, %s.p, %s.n);", x, x);
        break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_line(e, "sqlkc_rt_ckpt_put_i64(c, %s.millis);", x);
        emit_line(e, "sqlkc_rt_ckpt_put_u32(c, (uint32_t)%s.nanos);", x);
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "sqlkc_rt_ckpt_put_nested(c, &%s, &%s);", x, gen_rt_type(g, t));
        break;
    default: /* integers, DATE, TIME, intervals */
        emit_line(e, "sqlkc_rt_ckpt_put_i64(c, (int64_t)%s);", x);
        break;
    }
}

void gen_state_get(gen_t *g, const type_t *t, const char *dst)
{
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_BOOLEAN:
        emit_open(e, "%s", "");
        emit_line(e, "uint8_t b;");
        emit_line(e, "if (!sqlkc_rt_ckpt_get_u8(c, &b) || b > 1) return SQLKC_RT_ERR;");
        emit_line(e, "%s = b;", dst);
        emit_close(e, NULL);
        break;
    case TY_FLOAT: emit_line(e, "if (!sqlkc_rt_ckpt_get_f32(c, &%s)) return SQLKC_RT_ERR;", dst); break;
    case TY_DOUBLE: emit_line(e, "if (!sqlkc_rt_ckpt_get_f64(c, &%s)) return SQLKC_RT_ERR;", dst); break;
    case TY_DECIMAL: emit_line(e, "if (!sqlkc_rt_ckpt_get_i128(c, &%s)) return SQLKC_RT_ERR;", dst); break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        emit_open(e, "%s", "");
        emit_line(e, "const void *p;");
        emit_line(e, "if (!sqlkc_rt_ckpt_get_bytes(c, &p, &%s.n)) return SQLKC_RT_ERR;", dst);
        emit_line(e, "%s.p = p;", dst);
        emit_close(e, NULL);
        break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_open(e, "%s", "");
        emit_line(e, "uint32_t nanos;");
        emit_line(e, "if (!sqlkc_rt_ckpt_get_i64(c, &%s.millis) || !sqlkc_rt_ckpt_get_u32(c, &nanos) || nanos > 999999)",
                  dst);
        emit_line(e, "    return SQLKC_RT_ERR;");
        emit_line(e, "%s.nanos = (int32_t)nanos;", dst);
        emit_close(e, NULL);
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "if (!sqlkc_rt_ckpt_get_nested(c, &%s, &%s, scratch_alloc, ctx)) return SQLKC_RT_ERR;", dst,
                  gen_rt_type(g, t));
        break;
    case TY_BIGINT: case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        emit_line(e, "if (!sqlkc_rt_ckpt_get_i64(c, &%s)) return SQLKC_RT_ERR;", dst);
        break;
    default: /* narrower integers, DATE, TIME: in range, as written */
        emit_open(e, "%s", "");
        emit_line(e, "int64_t x;");
        emit_line(e, "if (!sqlkc_rt_ckpt_get_i64(c, &x) || x != (int64_t)(%s)x) return SQLKC_RT_ERR;", gen_ctype(t));
        emit_line(e, "%s = (%s)x;", dst, gen_ctype(t));
        emit_close(e, NULL);
        break;
    }
}

void gen_state_put_row(gen_t *g, const char *row, const plan_field_t *f, int n)
{
    for (int w = 0; w < gen_null_words(n); w++)
        emit_line(g->e, "sqlkc_rt_ckpt_put_u64(c, %s.nulls[%d]);", row, w);
    for (int i = 0; i < n; i++) {
        emit_open(g->e, "if (!%s)", gen_isnull(g, arena_printf(g->a, "(&%s)", row), i));
        gen_state_put(g, f[i].type, arena_printf(g->a, "%s.f%d", row, i));
        emit_close(g->e, NULL);
    }
}

void gen_state_get_row(gen_t *g, const char *row, const plan_field_t *f, int n)
{
    emit_line(g->e, "memset(&%s, 0, sizeof %s);", row, row);
    for (int w = 0; w < gen_null_words(n); w++)
        emit_line(g->e, "if (!sqlkc_rt_ckpt_get_u64(c, &%s.nulls[%d])) return SQLKC_RT_ERR;", row, w);
    for (int i = 0; i < n; i++) {
        emit_open(g->e, "if (!%s)", gen_isnull(g, arena_printf(g->a, "(&%s)", row), i));
        gen_state_get(g, f[i].type, arena_printf(g->a, "%s.f%d", row, i));
        emit_close(g->e, NULL);
    }
}

/* ---- the job's functions ---- */

static void op_functions(gen_t *g, const plan_node_t *n, void *arg)
{
    int *count = arg;
    int k = ++*count;
    emit_t *e = g->e;
    const char *name = gen_state_name(g, n);
    emit_line(e, "/* %s: writes its state into a checkpoint. */", emit_comment(g->a, name));
    emit_open(e, "static int state_op%d_snapshot(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t *c)", k);
    emit_line(e, "(void)ctx;");
    if (n->kind == P_GROUP_AGG)
        gen_agg_snapshot(g, n);
    else if (n->kind == P_NORMALIZE)
        gen_norm_snapshot(g, n);
    else
        gen_materialize_snapshot(g, n);
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_line(e, "/* %s: reads its state back into the empty state of job_init. */", emit_comment(g->a, name));
    emit_open(e, "static int state_op%d_restore(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t *c)", k);
    emit_line(e, "(void)ctx;");
    if (n->kind == P_GROUP_AGG)
        gen_agg_restore(g, n);
    else if (n->kind == P_NORMALIZE)
        gen_norm_restore(g, n);
    else
        gen_materialize_restore(g, n);
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
}

static void op_entry(gen_t *g, const plan_node_t *n, void *arg)
{
    int *count = arg;
    int k = ++*count;
    const char *name = gen_state_name(g, n);
    const char *layout = state_layout(g, n);
    emit_line(g->e, "{%s,", emit_cstr(g->a, name, strlen(name)));
    emit_line(g->e, " %s,", emit_cstr(g->a, layout, strlen(layout)));
    emit_line(g->e, " state_op%d_snapshot, state_op%d_restore},", k, k);
}

int gen_state(gen_t *g)
{
    emit_t *e = g->e;
    int count = 0;
    each_stateful(g, op_functions, &count);
    emit_line(e, "/* The stateful operators: what a checkpoint of this job holds, and what a");
    emit_line(e, " * checkpoint must hold for each to be restored. */");
    emit_open(e, "static const sqlkc_rt_state_op_t state_ops[] =");
    count = 0;
    each_stateful(g, op_entry, &count);
    if (!count)
        emit_line(e, "{NULL, NULL, NULL, NULL},");
    emit_close(e, ";");
    emit_blank(e);
    return count;
}
