/* This file generates GroupAggregate: per group an accumulator struct in a
 * hash map keyed by the canonical bytes of the group key, COUNT(DISTINCT x)
 * as a map from (group key, x) to a count, and the emission rule of Flink's
 * GroupAggFunction: +I for a new group, nothing when the result did not
 * change, else (-U old, if downstream needs it) +U new. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

static const char *acc_type(gen_t *g, const plan_node_t *n) { return arena_printf(g->a, "agg_%d_acc_t", n->id); }

/* The 64-bit key of a COUNT(DISTINCT) value with Java's equals, or NULL when
 * the type needs the general map (strings, DECIMAL, TIMESTAMP). */
static const char *distinct_word(gen_t *g, const type_t *t, const char *x)
{
    if (!g) /* only asking whether the type fits */
        return (type_is_integer(t) || t->kind == TY_BOOLEAN || t->kind == TY_DATE || t->kind == TY_TIME ||
                t->kind == TY_FLOAT || t->kind == TY_DOUBLE) ? "" : NULL;
    switch (t->kind) {
    case TY_BOOLEAN: case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
    case TY_DATE: case TY_TIME: case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        return arena_printf(g->a, "(uint64_t)(int64_t)%s", x);
    case TY_FLOAT: case TY_DOUBLE:
        return arena_printf(g->a, "sqlkc_rt_f64_key((double)%s)", x);
    default:
        return NULL;
    }
}

/* MIN and MAX with retraction over the same argument and filter share one
 * value -> count set: the first of them owns it. -1 when agg i keeps none. */
static int mset_owner(const plan_node_t *n, int i)
{
    const agg_call_t *a = &n->aggs[i];
    if (!n->retract || (a->fn != AGG_MIN && a->fn != AGG_MAX))
        return -1;
    for (int j = 0; j < i; j++) {
        const agg_call_t *b = &n->aggs[j];
        if ((b->fn == AGG_MIN || b->fn == AGG_MAX) && b->arg == a->arg && b->filter == a->filter)
            return j;
    }
    return i;
}

static bool distinct_inline(const plan_node_t *n, int i)
{
    return n->aggs[i].distinct && distinct_word(NULL, n->input->fields[n->aggs[i].arg].type, "") != NULL;
}

/* C type in which SUM/AVG accumulate. */
static const char *sum_type(const type_t *t)
{
    if (t->kind == TY_FLOAT)
        return "float";
    if (t->kind == TY_DOUBLE)
        return "double";
    return "int64_t";
}

void gen_agg_decls(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    emit_line(e, "/* Accumulators of GroupAggregate %d, one per group. */", n->id);
    emit_open(e, "typedef struct agg_%d_acc", n->id);
    for (int i = 0; i < n->naggs; i++) {
        const agg_call_t *a = &n->aggs[i];
        const type_t *at = a->arg >= 0 ? in->fields[a->arg].type : NULL;
        const char *c = emit_comment(g->a, a->text);
        switch (a->fn) {
        case AGG_COUNT_STAR:
        case AGG_COUNT:
            emit_line(e, "int64_t a%d; /* %s */", i, c);
            break;
        case AGG_SUM:
            emit_line(e, "%s a%d; /* %s */", gen_ctype(a->type), i, c);
            emit_line(e, "int64_t a%d_n; /* non-NULL inputs */", i);
            break;
        case AGG_AVG:
            emit_line(e, "%s a%d; /* %s: sum */", sum_type(at), i, c);
            emit_line(e, "int64_t a%d_n; /* non-NULL inputs */", i);
            break;
        case AGG_MIN:
        case AGG_MAX:
            emit_line(e, "%s a%d; /* %s */", gen_ctype(at), i, c);
            emit_line(e, "bool a%d_set;", i);
            if (mset_owner(n, i) == i)
                emit_line(e, "sqlkc_rt_mset_t *a%d_vals; /* every value of the group, with its count */", i);
            break;
        }
    }
    emit_line(e, "int64_t rows; /* input rows of the group */");
    emit_line(e, "uint64_t id; /* the group's number, for its distinct values */");
    if (n->minibatch)
        emit_line(e, "size_t bundle; /* position + 1 in the open bundle, 0 when untouched */");
    emit_close(e, arena_printf(g->a, " %s;", acc_type(g, n)));
    if (n->minibatch) {
        const char *in_type = gen_row_type(g, in);
        emit_line(e, "/* A group the open bundle touched: its key, a row with its group fields, and the");
        emit_line(e, " * accumulators as the bundle found them. */");
        emit_open(e, "typedef struct agg_%d_pending", n->id);
        emit_line(e, "void *key;");
        emit_line(e, "size_t key_len;");
        emit_line(e, "%s row;", in_type);
        emit_line(e, "void *blob;");
        emit_line(e, "%s prev;", acc_type(g, n));
        emit_line(e, "bool existed;");
        emit_close(e, arena_printf(g->a, " agg_%d_pending_t;", n->id));
        emit_line(e, "static agg_%d_pending_t *agg_%d_bundle;", n->id, n->id);
        emit_line(e, "static size_t agg_%d_nbundle, agg_%d_capbundle;", n->id, n->id);
        emit_line(e, "static int64_t agg_%d_inputs; /* input rows of the open bundle */", n->id);
        emit_line(e, "static int64_t agg_%d_ended; /* when the last bundle ended (sqlkc_rt_now_ms) */", n->id);
        emit_line(e, "static int agg_%d_finish(sqlkc_rt_ctx_t *ctx);", n->id);
        gen_row_helpers(g, arena_printf(g->a, "agg_%d_in", n->id), in_type, in->fields, in->nfields);
    }
    emit_line(e, "static sqlkc_rt_map_t *agg_%d_groups; /* group key -> %s */", n->id, acc_type(g, n));
    emit_line(e, "static uint64_t agg_%d_ids;", n->id);
    for (int i = 0; i < n->naggs; i++) {
        if (distinct_inline(n, i))
            emit_line(e, "static sqlkc_rt_pairs_t *agg_%d_distinct%d; /* (group id, value) -> count */", n->id, i);
        else if (n->aggs[i].distinct)
            emit_line(e, "static sqlkc_rt_map_t *agg_%d_distinct%d; /* (group key, value) -> count */", n->id, i);
    }
    emit_line(e, "static sqlkc_rt_buf_t agg_%d_key;", n->id);
    emit_blank(e);
}

void gen_key_put(gen_t *g, const char *buf, const char *v, const char *isnull, const type_t *t)
{
    emit_t *e = g->e;
    const char *fn;
    switch (t->kind) {
    case TY_BOOLEAN: fn = "bool"; break;
    case TY_FLOAT: fn = "f32"; break;
    case TY_DOUBLE: fn = "f64"; break;
    case TY_DECIMAL: fn = "dec"; break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY: fn = "str"; break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: fn = "ts"; break;
    default: fn = "i64"; break;
    }
    if (strcmp(isnull, "false") != 0) {
        emit_line(e, "if (%s) sqlkc_rt_key_null(%s);", isnull, buf);
        emit_line(e, "else sqlkc_rt_key_%s(%s, %s%s);", fn, buf, v,
                  strcmp(fn, "str") == 0 ? arena_printf(g->a, ".p, %s.n", v) : "");
    } else {
        emit_line(e, "sqlkc_rt_key_%s(%s, %s%s);", fn, buf, v, strcmp(fn, "str") == 0 ? arena_printf(g->a, ".p, %s.n", v) : "");
    }
}

/* The (hi, lo) words of a MIN/MAX value in sqlkc_rt_mset order, and back. */
static void ord_words(gen_t *g, const type_t *t, const char *x, const char **hi, const char **lo)
{
    *lo = "0";
    if (t->kind == TY_FLOAT || t->kind == TY_DOUBLE) {
        *hi = arena_printf(g->a, "sqlkc_rt_ord_f64((double)%s)", x);
    } else if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ) {
        *hi = arena_printf(g->a, "sqlkc_rt_ord_i64(%s.millis)", x);
        *lo = arena_printf(g->a, "(uint64_t)%s.nanos", x);
    } else {
        *hi = arena_printf(g->a, "sqlkc_rt_ord_i64((int64_t)%s)", x);
    }
}

static const char *unord(gen_t *g, const type_t *t, const char *hi, const char *lo)
{
    if (t->kind == TY_FLOAT || t->kind == TY_DOUBLE)
        return arena_printf(g->a, "(%s)sqlkc_rt_unord_f64(%s)", gen_ctype(t), hi);
    if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
        return arena_printf(g->a, "(sqlkc_rt_ts_t){sqlkc_rt_unord_i64(%s), (int32_t)%s}", hi, lo);
    return arena_printf(g->a, "(%s)sqlkc_rt_unord_i64(%s)", gen_ctype(t), hi);
}

static const char *less(gen_t *g, const type_t *t, const char *a, const char *b)
{
    if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
        return arena_printf(g->a, "sqlkc_rt_ts_cmp(%s, %s) < 0", a, b);
    return arena_printf(g->a, "(%s) < (%s)", a, b);
}

static void output_fn(gen_t *g, const plan_node_t *n, const char *in_type, const char *out_type)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    emit_line(e, "/* The result row of a group: its key from the input row, its aggregates from acc. */");
    emit_open(e, "static void agg_%d_result(const %s *acc, const %s *in, %s *out)", n->id, acc_type(g, n), in_type, out_type);
    emit_line(e, "memset(out->nulls, 0, sizeof out->nulls);");
    for (int gi = 0; gi < n->ngroup; gi++) {
        emit_line(e, "out->f%d = in->f%d;", gi, n->group[gi]);
        gen_setnull(g, "out", gi, gen_isnull(g, "in", n->group[gi]));
    }
    for (int i = 0; i < n->naggs; i++) {
        const agg_call_t *a = &n->aggs[i];
        int o = n->ngroup + i;
        const type_t *at = a->arg >= 0 ? in->fields[a->arg].type : NULL;
        switch (a->fn) {
        case AGG_COUNT_STAR:
        case AGG_COUNT:
            emit_line(e, "out->f%d = acc->a%d;", o, i);
            break;
        case AGG_SUM:
            emit_line(e, "out->f%d = acc->a%d;", o, i);
            gen_setnull(g, "out", o, arena_printf(g->a, "acc->a%d_n == 0", i));
            break;
        case AGG_AVG:
            if (type_is_integer(at))
                emit_line(e, "out->f%d = acc->a%d_n ? (%s)(acc->a%d / acc->a%d_n) : 0;", o, i, gen_ctype(a->type), i, i);
            else
                emit_line(e, "out->f%d = acc->a%d_n ? (%s)(acc->a%d / (%s)acc->a%d_n) : 0;", o, i, gen_ctype(a->type), i,
                          sum_type(at), i);
            gen_setnull(g, "out", o, arena_printf(g->a, "acc->a%d_n == 0", i));
            break;
        case AGG_MIN:
        case AGG_MAX:
            emit_line(e, "out->f%d = acc->a%d;", o, i);
            gen_setnull(g, "out", o, arena_printf(g->a, "!acc->a%d_set", i));
            break;
        }
    }
    emit_close(e, NULL);
    emit_blank(e);
}

/* C condition: the results `before` and `now` have the same aggregate
 * values (NULL flags, then each value: by bits, TIMESTAMPs field by field
 * so that struct padding never counts). */
static const char *results_same(gen_t *g, const plan_node_t *n, const char *sep)
{
    const char *same = "memcmp(before.nulls, now.nulls, sizeof now.nulls) == 0";
    for (int i = 0; i < n->naggs; i++) {
        int f = n->ngroup + i;
        const type_t *t = n->fields[f].type;
        if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
            same = arena_printf(g->a, "%s &&%sbefore.f%d.millis == now.f%d.millis && before.f%d.nanos == now.f%d.nanos",
                                same, sep, f, f, f, f);
        else
            same = arena_printf(g->a, "%s &&%smemcmp(&before.f%d, &now.f%d, sizeof now.f%d) == 0", same, sep, f, f, f);
    }
    return same;
}

/* The end of a bundle (MiniBatchGroupAggFunction.finishBundle): per group it
 * touched, in the order first touched, one change from the accumulators it
 * found to those it leaves: +I for a new group, -D for one emptied, nothing
 * when the result is unchanged, else (-U, if needed) +U. */
static void agg_finish(gen_t *g, const plan_node_t *n, const char *next_push)
{
    emit_t *e = g->e;
    const char *out_type = gen_row_type(g, n);
    emit_open(e, "static int agg_%d_finish(sqlkc_rt_ctx_t *ctx)", n->id);
    emit_line(e, "int rc = SQLKC_RT_OK;");
    emit_open(e, "for (size_t i = 0; i < agg_%d_nbundle; i++)", n->id);
    emit_line(e, "agg_%d_pending_t *p = &agg_%d_bundle[i];", n->id, n->id);
    emit_line(e, "%s *acc = sqlkc_rt_map_find(agg_%d_groups, p->key, p->key_len);", acc_type(g, n), n->id);
    emit_line(e, "acc->bundle = 0;");
    emit_line(e, "%s before, now;", out_type);
    emit_open(e, "if (acc->rows == 0)");
    emit_open(e, "if (p->existed && rc == SQLKC_RT_OK)");
    emit_line(e, "agg_%d_result(&p->prev, &p->row, &before);", n->id);
    emit_line(e, "rc = %s(ctx, ROW_DELETE, &before);", next_push);
    emit_close(e, NULL);
    for (int i = 0; i < n->naggs; i++)
        if (mset_owner(n, i) == i)
            emit_line(e, "sqlkc_rt_mset_free(acc->a%d_vals);", i);
    emit_line(e, "sqlkc_rt_map_remove(agg_%d_groups, p->key, p->key_len);", n->id);
    emit_close(e, NULL);
    emit_open(e, "else if (rc == SQLKC_RT_OK)");
    emit_line(e, "agg_%d_result(acc, &p->row, &now);", n->id);
    emit_open(e, "if (!p->existed)");
    emit_line(e, "rc = %s(ctx, ROW_INSERT, &now);", next_push);
    emit_close(e, NULL);
    emit_open(e, "else");
    emit_line(e, "agg_%d_result(&p->prev, &p->row, &before);", n->id);
    emit_open(e, "if (!(%s))", results_same(g, n, "\n            "));
    if (n->emit_ub)
        emit_line(e, "rc = %s(ctx, ROW_UPDATE_BEFORE, &before);", next_push);
    emit_line(e, "if (rc == SQLKC_RT_OK)");
    emit_line(e, "    rc = %s(ctx, ROW_UPDATE_AFTER, &now);", next_push);
    emit_close(e, NULL);
    emit_close(e, NULL);
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_free(p->key);");
    emit_line(e, "sqlkc_rt_free(p->blob);");
    emit_close(e, NULL);
    emit_line(e, "agg_%d_nbundle = 0;", n->id);
    emit_line(e, "agg_%d_inputs = 0;", n->id);
    emit_line(e, "agg_%d_ended = sqlkc_rt_now_ms();", n->id);
    emit_line(e, "return rc;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_agg_push(gen_t *g, const plan_node_t *n, const char *next_push)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    const char *in_type = gen_row_type(g, in), *out_type = gen_row_type(g, n);
    output_fn(g, n, in_type, out_type);

    emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, in_type);
    if (n->retract)
        emit_line(e, "bool retract = kind == ROW_UPDATE_BEFORE || kind == ROW_DELETE;");
    else
        emit_line(e, "(void)kind; /* the input is insert-only */");
    emit_line(e, "sqlkc_rt_buf_t *key = &agg_%d_key;", n->id);
    emit_line(e, "sqlkc_rt_buf_reset(key);");
    for (int gi = 0; gi < n->ngroup; gi++) {
        int f = n->group[gi];
        emit_line(e, "/* group key: %s */", emit_comment(g->a, in->fields[f].name));
        gen_key_put(g, "key", arena_printf(g->a, "in->f%d", f), gen_isnull(g, "in", f), in->fields[f].type);
    }
    emit_line(e, "bool created = false;");
    emit_line(e, "%s *acc;", acc_type(g, n));
    if (n->retract) {
        emit_open(e, "if (retract)");
        emit_line(e, "acc = sqlkc_rt_map_find(agg_%d_groups, key->p, key->len);", n->id);
        emit_line(e, "if (!acc) /* a retraction creates no group (GroupAggFunction) */");
        if (n->minibatch) /* but CountBundleTrigger counts it */
            emit_line(e, "    return ++agg_%d_inputs >= INT64_C(%lld) ? agg_%d_finish(ctx) : SQLKC_RT_OK;", n->id,
                      (long long)n->minibatch_size, n->id);
        else
            emit_line(e, "    return SQLKC_RT_OK;");
        emit_close(e, NULL);
        emit_line(e, "else");
        emit_line(e, "    acc = sqlkc_rt_map_upsert(agg_%d_groups, key->p, key->len, &created);", n->id);
    } else {
        emit_line(e, "acc = sqlkc_rt_map_upsert(agg_%d_groups, key->p, key->len, &created);", n->id);
    }
    emit_line(e, "if (created)");
    emit_line(e, "    acc->id = ++agg_%d_ids;", n->id);
    if (n->minibatch) {
        emit_open(e, "if (!acc->bundle)");
        gen_grow(g, arena_printf(g->a, "agg_%d_bundle", n->id), arena_printf(g->a, "agg_%d_nbundle", n->id),
                 arena_printf(g->a, "agg_%d_capbundle", n->id));
        emit_line(e, "agg_%d_pending_t *p = &agg_%d_bundle[agg_%d_nbundle++];", n->id, n->id, n->id);
        emit_line(e, "p->key = sqlkc_rt_alloc(key->len);");
        emit_line(e, "if (key->len) memcpy(p->key, key->p, key->len);");
        emit_line(e, "p->key_len = key->len;");
        emit_line(e, "p->blob = NULL;");
        emit_line(e, "agg_%d_in_store(&p->row, &p->blob, in);", n->id);
        emit_line(e, "p->prev = *acc;");
        emit_line(e, "p->existed = !created;");
        emit_line(e, "acc->bundle = agg_%d_nbundle;", n->id);
        emit_close(e, NULL);
    } else {
        emit_line(e, "%s old = *acc;", acc_type(g, n));
    }
    if (n->retract)
        emit_line(e, "int64_t delta = retract ? -1 : 1;");
    emit_line(e, n->retract ? "acc->rows += delta;" : "acc->rows++;");
    for (int i = 0; i < n->naggs; i++) {
        const agg_call_t *a = &n->aggs[i];
        emit_line(e, "/* %s */", emit_comment(g->a, a->text));
        int opened = 0;
        if (a->filter >= 0) {
            emit_open(e, "if (!%s && in->f%d)", gen_isnull(g, "in", a->filter), a->filter);
            opened++;
        }
        if (a->fn == AGG_COUNT_STAR) {
            emit_line(e, n->retract ? "acc->a%d += delta;" : "acc->a%d++;", i);
        } else {
            const type_t *at = in->fields[a->arg].type;
            const char *x = arena_printf(g->a, "in->f%d", a->arg);
            emit_open(e, "if (!%s)", gen_isnull(g, "in", a->arg));
            opened++;
            switch (a->fn) {
            case AGG_COUNT:
                if (a->distinct) {
                    /* value -> count; the distinct count moves when a value's count leaves or reaches 0 */
                    bool inl = distinct_inline(n, i);
                    if (!inl) {
                        emit_line(e, "size_t group_len = key->len;");
                        gen_key_put(g, "key", x, "false", at);
                    }
                    emit_line(e, "bool first;");
                    if (inl)
                        emit_line(e, "int64_t *seen = sqlkc_rt_pairs_upsert(agg_%d_distinct%d, acc->id, %s, &first);", n->id,
                                  i, distinct_word(g, at, x));
                    else
                        emit_line(e, "int64_t *seen = sqlkc_rt_map_upsert(agg_%d_distinct%d, key->p, key->len, &first);",
                                  n->id, i);
                    const char *rm = inl ? arena_printf(g->a, "sqlkc_rt_pairs_remove(agg_%d_distinct%d, acc->id, %s)", n->id,
                                                        i, distinct_word(g, at, x))
                                         : arena_printf(g->a, "sqlkc_rt_map_remove(agg_%d_distinct%d, key->p, key->len)",
                                                        n->id, i);
                    if (n->retract) {
                        emit_open(e, "if (retract)");
                        emit_open(e, "if (first)");
                        emit_line(e, "%s; /* a value it never counted */", rm);
                        emit_close(e, NULL);
                        emit_open(e, "else if (--*seen == 0)");
                        emit_line(e, "%s;", rm);
                        emit_line(e, "acc->a%d--;", i);
                        emit_close(e, NULL);
                        emit_close(e, NULL);
                        emit_line(e, "else if ((*seen)++ == 0)");
                        emit_line(e, "    acc->a%d++;", i);
                    } else {
                        emit_line(e, "if ((*seen)++ == 0)");
                        emit_line(e, "    acc->a%d++;", i);
                    }
                    if (!inl)
                        emit_line(e, "key->len = group_len;");
                } else {
                    emit_line(e, n->retract ? "acc->a%d += delta;" : "acc->a%d++;", i);
                }
                break;
            case AGG_SUM:
                if (type_is_integer(a->type))
                    emit_line(e, "acc->a%d = (%s)((%s)acc->a%d + (%s)%s%s);", i, gen_ctype(a->type), gen_utype(a->type),
                              i, gen_utype(a->type), x,
                              n->retract ? arena_printf(g->a, " * (%s)delta", gen_utype(a->type)) : "");
                else if (n->retract)
                    emit_line(e, "acc->a%d = retract ? acc->a%d - %s : acc->a%d + %s;", i, i, x, i, x);
                else
                    emit_line(e, "acc->a%d += %s;", i, x);
                emit_line(e, n->retract ? "acc->a%d_n += delta;" : "acc->a%d_n++;", i);
                break;
            case AGG_AVG:
                if (type_is_integer(at))
                    emit_line(e, "acc->a%d = (int64_t)((uint64_t)acc->a%d + (uint64_t)%s%s);", i, i, x,
                              n->retract ? " * (uint64_t)delta" : "");
                else if (n->retract)
                    emit_line(e, "acc->a%d = retract ? acc->a%d - %s : acc->a%d + %s;", i, i, x, i, x);
                else
                    emit_line(e, "acc->a%d += %s;", i, x);
                emit_line(e, n->retract ? "acc->a%d_n += delta;" : "acc->a%d_n++;", i);
                break;
            case AGG_MIN:
            case AGG_MAX: {
                if (n->retract) {
                    /* MinWithRetractAggFunction: value -> count, the extreme read back from it */
                    const char *hi, *lo;
                    ord_words(g, at, x, &hi, &lo);
                    int o = mset_owner(n, i);
                    if (o == i)
                        emit_line(e, "sqlkc_rt_mset_add(&acc->a%d_vals, %s, %s, delta);", i, hi, lo);
                    emit_line(e, "uint64_t hi, lo;");
                    emit_line(e, "acc->a%d_set = sqlkc_rt_mset_end(acc->a%d_vals, %s, &hi, &lo);", i, o,
                              a->fn == AGG_MIN ? "true" : "false");
                    emit_line(e, "if (acc->a%d_set)", i);
                    emit_line(e, "    acc->a%d = %s;", i, unord(g, at, "hi", "lo"));
                    break;
                }
                const char *cmp = a->fn == AGG_MIN ? less(g, at, x, arena_printf(g->a, "acc->a%d", i))
                                                   : less(g, at, arena_printf(g->a, "acc->a%d", i), x);
                emit_open(e, "if (!acc->a%d_set || %s)", i, cmp);
                emit_line(e, "acc->a%d = %s;", i, x);
                emit_line(e, "acc->a%d_set = true;", i);
                emit_close(e, NULL);
                break;
            }
            default:
                break;
            }
        }
        while (opened--)
            emit_close(e, NULL);
    }
    if (n->minibatch) {
        emit_line(e, "if (++agg_%d_inputs >= INT64_C(%lld))", n->id, (long long)n->minibatch_size);
        emit_line(e, "    return agg_%d_finish(ctx); /* table.exec.mini-batch.size */", n->id);
        emit_line(e, "return SQLKC_RT_OK;");
        emit_close(e, NULL);
        emit_blank(e);
        agg_finish(g, n, next_push);
        return;
    }
    emit_line(e, "%s before;", out_type);
    if (n->retract) {
        emit_open(e, "if (acc->rows == 0)");
        emit_line(e, "/* the last row of the group was retracted: the group is deleted */");
        for (int i = 0; i < n->naggs; i++)
            if (mset_owner(n, i) == i)
                emit_line(e, "sqlkc_rt_mset_free(acc->a%d_vals);", i);
        emit_line(e, "sqlkc_rt_map_remove(agg_%d_groups, key->p, key->len);", n->id);
        emit_line(e, "agg_%d_result(&old, in, &before);", n->id);
        emit_line(e, "return %s(ctx, ROW_DELETE, &before);", next_push);
        emit_close(e, NULL);
    }
    emit_line(e, "%s now;", out_type);
    emit_line(e, "agg_%d_result(acc, in, &now);", n->id);
    emit_line(e, "if (created)");
    emit_line(e, "    return %s(ctx, ROW_INSERT, &now);", next_push);
    emit_line(e, "agg_%d_result(&old, in, &before);", n->id);
    emit_line(e, "/* an unchanged result is not emitted again */");
    emit_line(e, "if (%s)", results_same(g, n, "\n        "));
    emit_line(e, "    return SQLKC_RT_OK;");
    if (n->emit_ub)
        emit_line(e, "if (%s(ctx, ROW_UPDATE_BEFORE, &before) != SQLKC_RT_OK) return SQLKC_RT_ERR;", next_push);
    emit_line(e, "return %s(ctx, ROW_UPDATE_AFTER, &now);", next_push);
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_agg_init(gen_t *g, const plan_node_t *n)
{
    if (n->minibatch)
        emit_line(g->e, "agg_%d_ended = sqlkc_rt_now_ms();", n->id);
    emit_line(g->e, "agg_%d_groups = sqlkc_rt_map_new(sizeof(%s));", n->id, acc_type(g, n));
    for (int i = 0; i < n->naggs; i++)
        if (distinct_inline(n, i))
            emit_line(g->e, "agg_%d_distinct%d = sqlkc_rt_pairs_new();", n->id, i);
        else if (n->aggs[i].distinct)
            emit_line(g->e, "agg_%d_distinct%d = sqlkc_rt_map_new(sizeof(int64_t));", n->id, i);
}

void gen_agg_fini(gen_t *g, const plan_node_t *n)
{
    bool msets = false;
    for (int i = 0; i < n->naggs; i++)
        msets = msets || (n->retract && (n->aggs[i].fn == AGG_MIN || n->aggs[i].fn == AGG_MAX));
    emit_open(g->e, "if (agg_%d_groups)", n->id);
    emit_line(g->e, "size_t bytes = sqlkc_rt_map_bytes(agg_%d_groups);", n->id);
    for (int i = 0; i < n->naggs; i++)
        if (distinct_inline(n, i))
            emit_line(g->e, "bytes += sqlkc_rt_pairs_bytes(agg_%d_distinct%d);", n->id, i);
        else if (n->aggs[i].distinct)
            emit_line(g->e, "bytes += sqlkc_rt_map_bytes(agg_%d_distinct%d);", n->id, i);
    if (msets) {
        gen_map_foreach(g, arena_printf(g->a, "agg_%d_groups", n->id));
        for (int i = 0; i < n->naggs; i++)
            if (mset_owner(n, i) == i) {
                emit_line(g->e, "bytes += sqlkc_rt_mset_bytes(((%s *)v)->a%d_vals);", acc_type(g, n), i);
                emit_line(g->e, "sqlkc_rt_mset_free(((%s *)v)->a%d_vals);", acc_type(g, n), i);
            }
        emit_close(g->e, NULL);
    }
    emit_line(g->e, "sqlkc_rt_state_stats(ctx, \"GroupAggregate %d\", sqlkc_rt_map_count(agg_%d_groups), bytes);", n->id,
              n->id);
    emit_close(g->e, NULL);
    if (n->minibatch) {
        emit_open(g->e, "for (size_t i = 0; i < agg_%d_nbundle; i++)", n->id);
        emit_line(g->e, "sqlkc_rt_free(agg_%d_bundle[i].key);", n->id);
        emit_line(g->e, "sqlkc_rt_free(agg_%d_bundle[i].blob);", n->id);
        emit_close(g->e, NULL);
        emit_line(g->e, "sqlkc_rt_free(agg_%d_bundle);", n->id);
    }
    emit_line(g->e, "sqlkc_rt_map_free(agg_%d_groups);", n->id);
    for (int i = 0; i < n->naggs; i++)
        if (distinct_inline(n, i))
            emit_line(g->e, "sqlkc_rt_pairs_free(agg_%d_distinct%d);", n->id, i);
        else if (n->aggs[i].distinct)
            emit_line(g->e, "sqlkc_rt_map_free(agg_%d_distinct%d);", n->id, i);
    emit_line(g->e, "sqlkc_rt_buf_free(&agg_%d_key);", n->id);
}

/* The SQL type an accumulator field holds, for writing it to a checkpoint:
 * AVG keeps its sum in sum_type. */
static const type_t *acc_sql_type(gen_t *g, const type_t *at)
{
    return type_is_integer(at) ? type_new(g->a, TY_BIGINT, -1, -1, false) : at;
}

/* The accumulators of one group, field by field (put) or back (get). */
static void acc_fields(gen_t *g, const plan_node_t *n, bool put)
{
    emit_t *e = g->e;
    const plan_node_t *in = n->input;
    const type_t *i64 = type_new(g->a, TY_BIGINT, -1, -1, false);
    const type_t *flag = type_new(g->a, TY_BOOLEAN, -1, -1, false);
    void (*field)(gen_t *, const type_t *, const char *) = put ? gen_state_put : gen_state_get;
    for (int i = 0; i < n->naggs; i++) {
        const agg_call_t *a = &n->aggs[i];
        const type_t *at = a->arg >= 0 ? in->fields[a->arg].type : NULL;
        const char *x = arena_printf(g->a, "acc->a%d", i);
        switch (a->fn) {
        case AGG_COUNT_STAR:
        case AGG_COUNT:
            field(g, i64, x);
            break;
        case AGG_SUM:
            field(g, a->type, x);
            field(g, i64, arena_printf(g->a, "acc->a%d_n", i));
            break;
        case AGG_AVG:
            field(g, acc_sql_type(g, at), x);
            field(g, i64, arena_printf(g->a, "acc->a%d_n", i));
            break;
        case AGG_MIN:
        case AGG_MAX:
            field(g, at, x);
            field(g, flag, arena_printf(g->a, "acc->a%d_set", i));
            if (mset_owner(n, i) == i) {
                if (put)
                    emit_line(e, "sqlkc_rt_ckpt_put_mset(c, acc->a%d_vals);", i);
                else
                    emit_line(e, "if (!sqlkc_rt_ckpt_get_mset(c, &acc->a%d_vals)) return SQLKC_RT_ERR;", i);
            }
            break;
        }
    }
    field(g, i64, "acc->rows");
    if (put)
        emit_line(e, "sqlkc_rt_ckpt_put_u64(c, acc->id);");
    else
        emit_line(e, "if (!sqlkc_rt_ckpt_get_u64(c, &acc->id)) return SQLKC_RT_ERR;");
}

void gen_agg_snapshot(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_line(e, "sqlkc_rt_ckpt_put_u64(c, agg_%d_ids);", n->id);
    emit_line(e, "sqlkc_rt_ckpt_put_u64(c, sqlkc_rt_map_count(agg_%d_groups));", n->id);
    emit_open(e, "%s", "");
    gen_map_foreach(g, arena_printf(g->a, "agg_%d_groups", n->id));
    emit_line(e, "const %s *acc = v;", acc_type(g, n));
    emit_line(e, "sqlkc_rt_ckpt_put_bytes(c, k, kn);");
    acc_fields(g, n, true);
    emit_close(e, NULL);
    emit_close(e, NULL);
    for (int i = 0; i < n->naggs; i++) {
        if (distinct_inline(n, i)) {
            emit_line(e, "sqlkc_rt_ckpt_put_pairs(c, agg_%d_distinct%d);", n->id, i);
        } else if (n->aggs[i].distinct) {
            emit_open(e, "%s", "");
            emit_line(e, "sqlkc_rt_ckpt_put_u64(c, sqlkc_rt_map_count(agg_%d_distinct%d));", n->id, i);
            gen_map_foreach(g, arena_printf(g->a, "agg_%d_distinct%d", n->id, i));
            emit_line(e, "sqlkc_rt_ckpt_put_bytes(c, k, kn);");
            emit_line(e, "sqlkc_rt_ckpt_put_i64(c, *(const int64_t *)v);");
            emit_close(e, NULL);
            emit_close(e, NULL);
        }
    }
}

void gen_agg_restore(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    emit_line(e, "uint64_t n;");
    emit_line(e, "if (!sqlkc_rt_ckpt_get_u64(c, &agg_%d_ids) || !sqlkc_rt_ckpt_get_u64(c, &n))", n->id);
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_open(e, "for (uint64_t i = 0; i < n; i++)");
    emit_line(e, "const void *k;");
    emit_line(e, "size_t kn;");
    emit_line(e, "bool created;");
    emit_line(e, "if (!sqlkc_rt_ckpt_get_bytes(c, &k, &kn))");
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_line(e, "%s *acc = sqlkc_rt_map_upsert(agg_%d_groups, k, kn, &created);", acc_type(g, n), n->id);
    emit_line(e, "if (!created) /* a group twice */");
    emit_line(e, "    return SQLKC_RT_ERR;");
    acc_fields(g, n, false);
    emit_line(e, "if (acc->id == 0 || acc->id > agg_%d_ids)", n->id);
    emit_line(e, "    return SQLKC_RT_ERR;");
    emit_close(e, NULL);
    for (int i = 0; i < n->naggs; i++) {
        if (distinct_inline(n, i)) {
            emit_line(e, "if (!sqlkc_rt_ckpt_get_pairs(c, agg_%d_distinct%d))", n->id, i);
            emit_line(e, "    return SQLKC_RT_ERR;");
        } else if (n->aggs[i].distinct) {
            emit_open(e, "%s", "");
            emit_line(e, "uint64_t m;");
            emit_line(e, "if (!sqlkc_rt_ckpt_get_u64(c, &m))");
            emit_line(e, "    return SQLKC_RT_ERR;");
            emit_open(e, "for (uint64_t i = 0; i < m; i++)");
            emit_line(e, "const void *k;");
            emit_line(e, "size_t kn;");
            emit_line(e, "bool created;");
            emit_line(e, "if (!sqlkc_rt_ckpt_get_bytes(c, &k, &kn))");
            emit_line(e, "    return SQLKC_RT_ERR;");
            emit_line(e, "int64_t *count = sqlkc_rt_map_upsert(agg_%d_distinct%d, k, kn, &created);", n->id, i);
            emit_line(e, "if (!created || !sqlkc_rt_ckpt_get_i64(c, count))");
            emit_line(e, "    return SQLKC_RT_ERR;");
            emit_close(e, NULL);
            emit_close(e, NULL);
        }
    }
}
