/* This file generates the static type descriptors (runtime nested.h) of the
 * ARRAY, MAP, MULTISET and ROW types a job holds: the runtime's deep copies
 * into state and comparisons of nested values walk them (the codecs are
 * generated per type: gen_ncodec.c, gen_avro_json.c, gen_csv.c). Each
 * distinct type gets one descriptor. */
#include <string.h>

#include "gen_internal.h"

typedef struct entry {
    const type_t *t;
    const char *name; /* C name */
} entry_t;

struct gen_nested {
    entry_t *v;
    int n, cap;
    int ids; /* names handed out */
};

bool gen_type_same(const type_t *a, const type_t *b)
{
    if (a->kind != b->kind || a->p != b->p || a->s != b->s || a->nullable != b->nullable ||
        a->nfields != b->nfields || !a->elem != !b->elem || !a->val != !b->val)
        return false;
    if (a->elem && !gen_type_same(a->elem, b->elem))
        return false;
    if (a->val && !gen_type_same(a->val, b->val))
        return false;
    for (int i = 0; i < a->nfields; i++)
        if (strcmp(a->names[i], b->names[i]) != 0 || !gen_type_same(a->fields[i], b->fields[i]))
            return false;
    return true;
}

static const char *find(gen_t *g, const type_t *t)
{
    struct gen_nested *r = g->nested;
    for (int i = 0; r && i < r->n; i++)
        if (gen_type_same(r->v[i].t, t))
            return r->v[i].name;
    return NULL;
}

static const char *kind_name(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "SQLKC_RT_T_BOOLEAN";
    case TY_TINYINT: return "SQLKC_RT_T_TINYINT";
    case TY_SMALLINT: return "SQLKC_RT_T_SMALLINT";
    case TY_INT: return "SQLKC_RT_T_INT";
    case TY_BIGINT: return "SQLKC_RT_T_BIGINT";
    case TY_FLOAT: return "SQLKC_RT_T_FLOAT";
    case TY_DOUBLE: return "SQLKC_RT_T_DOUBLE";
    case TY_DECIMAL: return "SQLKC_RT_T_DECIMAL";
    case TY_CHAR: case TY_VARCHAR: return "SQLKC_RT_T_STRING";
    case TY_BINARY: case TY_VARBINARY: return "SQLKC_RT_T_BYTES";
    case TY_DATE: return "SQLKC_RT_T_DATE";
    case TY_TIME: return "SQLKC_RT_T_TIME";
    case TY_TIMESTAMP: return "SQLKC_RT_T_TIMESTAMP";
    case TY_TIMESTAMP_LTZ: return "SQLKC_RT_T_TIMESTAMP_LTZ";
    case TY_ARRAY: return "SQLKC_RT_T_ARRAY";
    case TY_MAP: return "SQLKC_RT_T_MAP";
    case TY_MULTISET: return "SQLKC_RT_T_MULTISET";
    case TY_ROW: return "SQLKC_RT_T_ROW";
    default: return "0";
    }
}

/* Declares t (children first) and returns its descriptor's name. */
static const char *declare(gen_t *g, const type_t *t)
{
    const char *have = find(g, t);
    if (have)
        return have;
    struct gen_nested *r = g->nested;
    emit_t *e = g->e;
    int id = r->ids++;
    const char *name = arena_printf(g->a, "nty_%d", id);
    const char *sub = "NULL", *names = "NULL";
    int n = 0;
    if (t->kind == TY_ARRAY) {
        const char *s0 = declare(g, t->elem);
        emit_line(e, "__attribute__((unused)) static const sqlkc_rt_type_t *const %s_sub[] = {&%s};", name, s0);
        sub = arena_printf(g->a, "%s_sub", name);
        n = 1;
    } else if (t->kind == TY_MAP || t->kind == TY_MULTISET) {
        const char *s0 = declare(g, t->elem);
        const char *s1;
        if (t->kind == TY_MAP) {
            s1 = declare(g, t->val);
        } else { /* the count: INT, NULL where a JSON document says null */
            type_t *cnt = (type_t *)type_new(g->a, TY_INT, -1, -1, true);
            s1 = declare(g, cnt);
        }
        emit_line(e, "__attribute__((unused)) static const sqlkc_rt_type_t *const %s_sub[] = {&%s, &%s};", name, s0,
                  s1);
        sub = arena_printf(g->a, "%s_sub", name);
        n = 2;
    } else if (t->kind == TY_ROW) {
        const char **subs = arena_alloc(g->a, sizeof(char *) * (size_t)(t->nfields + 1));
        for (int i = 0; i < t->nfields; i++)
            subs[i] = declare(g, t->fields[i]);
        emit_line(e, "__attribute__((unused)) static const sqlkc_rt_type_t *const %s_sub[] = {", name);
        for (int i = 0; i < t->nfields; i++)
            emit_line(e, "    &%s, /* %s */", subs[i], emit_comment(g->a, t->names[i]));
        emit_line(e, "};");
        emit_line(e, "__attribute__((unused)) static const char *const %s_names[] = {", name);
        for (int i = 0; i < t->nfields; i++)
            emit_line(e, "    %s,", emit_cstr(g->a, t->names[i], strlen(t->names[i])));
        emit_line(e, "};");
        sub = arena_printf(g->a, "%s_sub", name);
        names = arena_printf(g->a, "%s_names", name);
        n = t->nfields;
    }
    emit_line(e, "__attribute__((unused)) static const sqlkc_rt_type_t %s = {%s, %s, %d, %d, %d, %s, %s}; /* %s */",
              name, kind_name(t), t->nullable ? "true" : "false", t->p, t->s, n, sub, names,
              emit_comment(g->a, type_str(g->a, t)));
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        entry_t *v = arena_alloc(g->a, sizeof *v * (size_t)cap);
        if (r->n)
            memcpy(v, r->v, sizeof *v * (size_t)r->n);
        r->v = v, r->cap = cap;
    }
    r->v[r->n++] = (entry_t){t, name};
    return name;
}

void gen_nested_decls(gen_t *g)
{
    g->nested = arena_alloc(g->a, sizeof *g->nested);
    memset(g->nested, 0, sizeof *g->nested);
    bool any = false;
    const plan_t *p = g->p;
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (!t->role)
            continue;
        for (int c = 0; c < t->ncols; c++)
            if (t->cols[c].type && type_is_nested(t->cols[c].type)) {
                if (!any)
                    emit_line(g->e, "/* Types of the ARRAY, MAP, MULTISET and ROW values the job holds. */");
                any = true;
                declare(g, t->cols[c].type);
            }
    }
    for (int s = 0; s < p->nsinks; s++)
        for (const plan_node_t *n = p->sinks[s]; n; n = n->input)
            for (int i = 0; i < n->nfields; i++)
                if (type_is_nested(n->fields[i].type))
                    declare(g, n->fields[i].type);
    if (any)
        emit_blank(g->e);
}

const char *gen_rt_type(gen_t *g, const type_t *t)
{
    const char *name = find(g, t);
    return name ? name : declare(g, t); /* not reached: every type was declared up front */
}
