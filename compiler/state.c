/* This file names the stateful operators of a plan and describes what each
 * keeps: the name a checkpoint knows it by ("INSERT INTO t: GroupAggregate 1",
 * stable across compilations of the same SQL), its state layout (what a
 * checkpoint must hold to be restored into it), and an estimate of its size
 * per key. The generated checkpoint code (gen_state.c), sqlkc explain and
 * sqlkc check --state-compat all read them from here. */
#include <stdio.h>
#include <string.h>

#include "state.h"
#include "types.h"

/* Calls f for every stateful operator in a fixed order: the INSERTs in order,
 * each from its source to its sink. */
static void each_stateful(const plan_t *p, void (*f)(const plan_node_t *n, void *arg), void *arg)
{
    for (int s = 0; s < p->nsinks; s++) {
        const plan_node_t *chain[256];
        int k = 0;
        for (const plan_node_t *n = p->sinks[s]; n && k < 256; n = n->input)
            chain[k++] = n;
        while (k-- > 0) {
            const plan_node_t *n = chain[k];
            if (n->kind == P_GROUP_AGG || n->kind == P_NORMALIZE || (n->kind == P_SINK && n->materialize))
                f(n, arg);
        }
    }
}

static const char *kind_name(const plan_node_t *n)
{
    return n->kind == P_GROUP_AGG ? "GroupAggregate" : n->kind == P_NORMALIZE ? "ChangelogNormalize"
                                                                              : "SinkUpsertMaterializer";
}

static const char *state_name(const plan_t *p, arena_t *a, const plan_node_t *n)
{
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
        return arena_printf(a, "INSERT #%d INTO %s: %s %d", ordinal, sink->table->name, kind_name(n), nth);
    return arena_printf(a, "INSERT INTO %s: %s %d", sink->table->name, kind_name(n), nth);
}

static const char *fields_desc(arena_t *a, const plan_field_t *f, const int *idx, int n)
{
    const char *s = "";
    for (int i = 0; i < n; i++) {
        const plan_field_t *x = &f[idx ? idx[i] : i];
        s = arena_printf(a, "%s%s%s %s", s, i ? ", " : "", x->name, type_str(a, x->type));
    }
    return s;
}

/* How the generated code writes an operator's state, field by field: part
 * of every layout, so that a checkpoint written by a job of another
 * encoding is refused, not misread. Bump it with any change to what
 * gen_agg_snapshot, gen_norm_snapshot or gen_materialize_snapshot write. */
#define STATE_ENCODING 1

static const char *state_layout_of(arena_t *a, const plan_node_t *n);

/* The layout of an operator's state: what a restore into it must find. */
static const char *state_layout(arena_t *a, const plan_node_t *n)
{
    return arena_printf(a, "%s; encoding %d", state_layout_of(a, n), STATE_ENCODING);
}

static const char *state_layout_of(arena_t *a, const plan_node_t *n)
{
    if (n->kind == P_GROUP_AGG) {
        const plan_node_t *in = n->input;
        const char *aggs = "";
        static const char *const fns[] = {"COUNT(*)", "COUNT", "SUM", "MIN", "MAX", "AVG"};
        for (int i = 0; i < n->naggs; i++) {
            const agg_call_t *c = &n->aggs[i];
            const char *what = c->fn == AGG_COUNT_STAR
                                   ? "COUNT(*)"
                                   : arena_printf(a, "%s(%s%s %s)", fns[c->fn], c->distinct ? "DISTINCT " : "",
                                                  in->fields[c->arg].name, type_str(a, in->fields[c->arg].type));
            aggs = arena_printf(a, "%s%s%s%s", aggs, i ? ", " : "", what, c->filter >= 0 ? " FILTER" : "");
        }
        return arena_printf(a, "group key (%s); accumulators [%s]%s", fields_desc(a, in->fields, n->group, n->ngroup),
                            aggs, n->retract ? "; with retraction" : "");
    }
    if (n->kind == P_NORMALIZE)
        return arena_printf(a, "key (%s); the last row (%s)", fields_desc(a, n->fields, n->group, n->ngroup),
                            fields_desc(a, n->fields, NULL, n->nfields));
    const plan_node_t *in = n->input;
    return arena_printf(a, "primary key (%s); the rows (%s)", fields_desc(a, in->fields, n->group, n->ngroup),
                        fields_desc(a, in->fields, NULL, in->nfields));
}


/* MIN and MAX with retraction of one argument and filter share one value
 * -> count set (gen_agg.c): whether call i uses the set of an earlier one. */
static bool shares_values(const plan_node_t *n, int i)
{
    const agg_call_t *c = &n->aggs[i];
    for (int j = 0; j < i; j++) {
        const agg_call_t *b = &n->aggs[j];
        if ((b->fn == AGG_MIN || b->fn == AGG_MAX) && b->arg == c->arg && b->filter == c->filter)
            return true;
    }
    return false;
}

/* An estimate of the bytes an operator keeps per key, in memory and in a
 * checkpoint, from the runtime's containers: a state map entry costs its
 * slot (16 bytes at a load between 3/8 and 3/4, so 21 to 43) and malloc's
 * 16 bytes, plus the value and the key; a (group, value) pair of an inline
 * distinct set 32 bytes a slot at the same loads; a key is one byte per
 * field plus 8 (a number) or the string's bytes. */
static void estimate(arena_t *a, const plan_node_t *n, plan_state_op_t *op)
{
    const plan_node_t *in = n->kind == P_NORMALIZE ? n : n->input;
    int fixed = 0;
    bool strings = false;
    for (int i = 0; i < n->ngroup; i++) {
        const type_t *t = in->fields[n->group[i]].type;
        strings = strings || type_is_string(t) || type_is_binary(t);
        fixed += 1 + (type_is_string(t) || type_is_binary(t) ? 0 : t->kind == TY_DECIMAL ? 16 : 8);
    }
    int mem = 32 + 16 + fixed, ckpt = 4 + fixed;
    const char *per_value = "";
    if (n->kind == P_GROUP_AGG) {
        mem += 8 * 2 + 16 * n->naggs; /* rows and id; an accumulator and its count per call */
        ckpt += 8 * 2 + 8 * n->naggs;
        for (int i = 0; i < n->naggs; i++) {
            const agg_call_t *c = &n->aggs[i];
            const type_t *t = c->arg >= 0 ? in->fields[c->arg].type : NULL;
            bool word = t && !type_is_string(t) && !type_is_binary(t) && t->kind != TY_DECIMAL &&
                        t->kind != TY_TIMESTAMP && t->kind != TY_TIMESTAMP_LTZ;
            if (c->distinct && word) /* a (group id, value) pair */
                per_value = arena_printf(a, "%s; + about 57 (24 in a checkpoint) per distinct %s of a group",
                                         per_value, in->fields[c->arg].name);
            else if (c->distinct) /* a (group key, value) map entry */
                per_value = arena_printf(a, "%s; + about 64 + the key and value (12 + the key and value in a "
                                         "checkpoint) per distinct %s of a group", per_value, in->fields[c->arg].name);
            else if (n->retract && (c->fn == AGG_MIN || c->fn == AGG_MAX) && !shares_values(n, i))
                per_value = arena_printf(a, "%s; + about 32 (24 in a checkpoint) per distinct %s of a group",
                                         per_value, in->fields[c->arg].name);
        }
    } else {
        const plan_node_t *rows = n->kind == P_NORMALIZE ? n : n->input;
        for (int i = 0; i < rows->nfields; i++) {
            const type_t *t = rows->fields[i].type;
            int w = type_is_string(t) || type_is_binary(t) ? 16 : type_is_nested(t) ? 24 : 8;
            strings = strings || type_is_string(t) || type_is_binary(t) || type_is_nested(t);
            mem += w;
            ckpt += w > 8 ? 4 : 8;
        }
    }
    op->mem_per_key = mem;
    op->ckpt_per_key = ckpt;
    op->estimate = arena_printf(a, "about %d bytes%s per %s in memory, %d%s in a checkpoint%s", mem,
                                strings ? " + the strings" : "",
                                n->kind == P_SINK ? "row the input holds for a primary key" : "key", ckpt,
                                strings ? " + the strings" : "", per_value);
}

typedef struct collect {
    const plan_t *p;
    arena_t *a;
    plan_state_op_t *ops;
    int n, cap;
} collect_t;

static void add_op(const plan_node_t *n, void *arg)
{
    collect_t *c = arg;
    c->ops = arena_grow(c->a, c->ops, c->n, &c->cap, sizeof *c->ops, 8);
    plan_state_op_t *op = &c->ops[c->n++];
    memset(op, 0, sizeof *op);
    op->node = n;
    op->name = state_name(c->p, c->a, n);
    op->layout = state_layout(c->a, n);
    estimate(c->a, n, op);
}

int plan_state_ops(const plan_t *p, arena_t *a, plan_state_op_t **out)
{
    collect_t c = {p, a, NULL, 0, 0};
    each_stateful(p, add_op, &c);
    *out = c.ops;
    return c.n;
}
