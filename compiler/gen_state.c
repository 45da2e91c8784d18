/* This file generates the job's checkpoint functions: the table of stateful
 * operators with their names and state layouts (what a checkpoint must
 * match to be restored) and, per operator, a snapshot function that writes its state
 * field by field through sqlkc/ckpt.h, and a restore function that reads it
 * back into the state job_init created. The operators' own parts are in
 * gen_agg.c and gen_norm.c; the values of SQL types are written here. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"
#include "state.h"

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

static void op_functions(gen_t *g, const plan_state_op_t *op, int k)
{
    emit_t *e = g->e;
    const plan_node_t *n = op->node;
    emit_line(e, "/* %s: writes its state into a checkpoint. */", emit_comment(g->a, op->name));
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
    emit_line(e, "/* %s: reads its state back into the empty state of job_init. */", emit_comment(g->a, op->name));
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

int gen_state(gen_t *g)
{
    emit_t *e = g->e;
    plan_state_op_t *ops;
    int count = plan_state_ops(g->p, g->a, &ops);
    for (int k = 0; k < count; k++)
        op_functions(g, &ops[k], k + 1);
    emit_line(e, "/* The stateful operators: what a checkpoint of this job holds, and what a");
    emit_line(e, " * checkpoint must hold for each to be restored. */");
    emit_open(e, "static const sqlkc_rt_state_op_t state_ops[] =");
    for (int k = 0; k < count; k++) {
        emit_line(e, "{%s,", emit_cstr(g->a, ops[k].name, strlen(ops[k].name)));
        emit_line(e, " %s,", emit_cstr(g->a, ops[k].layout, strlen(ops[k].layout)));
        emit_line(e, " state_op%d_snapshot, state_op%d_restore},", k + 1, k + 1);
    }
    if (!count)
        emit_line(e, "{NULL, NULL, NULL, NULL},");
    emit_close(e, ";");
    emit_blank(e);
    return count;
}
