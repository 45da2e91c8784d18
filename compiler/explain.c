/* This file prints the typed plan for `sqlkc explain`: each table with its
 * connector, formats and key/value projections, then each INSERT's operator
 * tree with changelog modes and the state each operator keeps, in the style
 * of Flink's EXPLAIN CHANGELOG_MODE. */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "state.h"
#include "sqlkc/types.h"
#include "sqlkc/fmt.h"
#include "sqlkc/options.h"

typedef struct out {
    void (*fn)(void *arg, const char *s);
    void *arg;
    arena_t *a;
    const plan_t *p;
} out_t;

static void emitf(out_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emitf(out_t *o, const char *fmt, ...)
{
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    o->fn(o->arg, buf);
}

const char *changelog_str(int m)
{
    static const char *const names[16] = {
        "[NONE]", "[I]", "[UB]", "[I,UB]", "[UA]", "[I,UA]", "[UB,UA]", "[I,UB,UA]",
        "[D]", "[I,D]", "[UB,D]", "[I,UB,D]", "[UA,D]", "[I,UA,D]", "[UB,UA,D]", "[I,UB,UA,D]",
    };
    return names[m & 15];
}

static void put(char *buf, size_t cap, size_t *k, const char *s)
{
    size_t n = strlen(s);
    if (*k + n >= cap)
        n = cap > *k + 1 ? cap - *k - 1 : 0;
    memcpy(buf + *k, s, n);
    *k += n;
    buf[*k] = 0;
}

static void expr_put(char *buf, size_t cap, size_t *k, arena_t *a, const expr_t *e, const plan_field_t *in)
{
    char tmp[128];
    switch (e->kind) {
    case E_COL:
        put(buf, cap, k, in ? in[e->col].name : "?");
        return;
    case E_LIT:
        if (e->lit.is_null)
            put(buf, cap, k, "null");
        else if (e->type->kind == TY_BOOLEAN)
            put(buf, cap, k, e->lit.b ? "true" : "false");
        else if (type_is_integer(e->type)) {
            snprintf(tmp, sizeof tmp, "%" PRId64, e->lit.i);
            put(buf, cap, k, tmp);
        } else if (e->type->kind == TY_DOUBLE || e->type->kind == TY_FLOAT || e->type->kind == TY_DECIMAL) {
            snprintf(tmp, sizeof tmp, "%.17g", e->lit.d);
            put(buf, cap, k, tmp);
        } else if (type_is_string(e->type)) {
            put(buf, cap, k, "_UTF-16LE'");
            for (size_t i = 0; i < e->lit.n; i++) {
                char c[3] = {e->lit.s[i], 0, 0};
                if (e->lit.s[i] == '\'')
                    c[1] = '\'';
                put(buf, cap, k, c);
            }
            put(buf, cap, k, "'");
        } else if (e->type->kind == TY_TIMESTAMP || e->type->kind == TY_TIMESTAMP_LTZ) {
            char ts[64];
            ts[sqlkc_rt_fmt_timestamp(ts, (sqlkc_rt_ts_t){e->lit.ts_millis, e->lit.ts_nanos}, false, false)] = 0;
            snprintf(tmp, sizeof tmp, "TIMESTAMP '%s'", ts);
            put(buf, cap, k, tmp);
        } else if (e->type->kind == TY_DATE) {
            char d[32];
            d[sqlkc_rt_fmt_date(d, (int32_t)e->lit.i)] = 0;
            snprintf(tmp, sizeof tmp, "DATE '%s'", d);
            put(buf, cap, k, tmp);
        } else if (e->type->kind == TY_INTERVAL_DT) {
            snprintf(tmp, sizeof tmp, "%" PRId64 ":INTERVAL SECOND", e->lit.i);
            put(buf, cap, k, tmp);
        } else {
            snprintf(tmp, sizeof tmp, "%s-literal", type_str(a, e->type));
            put(buf, cap, k, tmp);
        }
        return;
    case E_UNARY:
        put(buf, cap, k, e->op == OP_NOT ? "NOT(" : "-(");
        expr_put(buf, cap, k, a, e->args[0], in);
        put(buf, cap, k, ")");
        return;
    case E_BINARY: {
        static const char *const fn[] = {
            [OP_OR] = "OR", [OP_AND] = "AND", [OP_EQ] = "=", [OP_NE] = "<>", [OP_LT] = "<",
            [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_ADD] = "+", [OP_SUB] = "-",
            [OP_MUL] = "*", [OP_DIV] = "/", [OP_MOD] = "MOD", [OP_CONCAT] = "||",
        };
        put(buf, cap, k, fn[e->op]);
        put(buf, cap, k, "(");
        expr_put(buf, cap, k, a, e->args[0], in);
        put(buf, cap, k, ", ");
        expr_put(buf, cap, k, a, e->args[1], in);
        put(buf, cap, k, ")");
        return;
    }
    case E_IS: {
        static const char *const is[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
        snprintf(tmp, sizeof tmp, "IS %s%s(", e->flag ? "NOT " : "", is[e->op]);
        put(buf, cap, k, tmp);
        expr_put(buf, cap, k, a, e->args[0], in);
        put(buf, cap, k, ")");
        return;
    }
    case E_LIKE:
    case E_CALL:
    case E_CASE:
    case E_IN:
        put(buf, cap, k, e->kind == E_LIKE ? (e->flag ? "NOT LIKE" : "LIKE") : e->kind == E_CASE ? "CASE" : e->fn ? e->fn : "IN");
        put(buf, cap, k, "(");
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                put(buf, cap, k, ", ");
            expr_put(buf, cap, k, a, e->args[i], in);
        }
        put(buf, cap, k, ")");
        return;
    case E_CAST:
        put(buf, cap, k, "CAST(");
        expr_put(buf, cap, k, a, e->args[0], in);
        put(buf, cap, k, " AS ");
        put(buf, cap, k, type_str(a, e->type));
        put(buf, cap, k, ")");
        return;
    default:
        put(buf, cap, k, "?");
    }
}

const char *expr_str(arena_t *a, const expr_t *e, const plan_field_t *in)
{
    char buf[4096];
    size_t k = 0;
    buf[0] = 0;
    expr_put(buf, sizeof buf, &k, a, e, in);
    return arena_strdup(a, buf);
}

static const char *format_desc(arena_t *a, const table_t *t, const format_t *f)
{
    char buf[4096];
    size_t k = 0;
    buf[0] = 0;
    put(buf, sizeof buf, &k, f->name);
    put(buf, sizeof buf, &k, "(");
    for (int i = 0; i < f->ncols; i++) {
        if (i)
            put(buf, sizeof buf, &k, ", ");
        put(buf, sizeof buf, &k, f->names[i]);
        if (strcmp(f->names[i], t->cols[f->cols[i]].name) != 0) {
            put(buf, sizeof buf, &k, " <- ");
            put(buf, sizeof buf, &k, t->cols[f->cols[i]].name);
        }
    }
    put(buf, sizeof buf, &k, ")");
    if (f->avro_json)
        put(buf, sizeof buf, &k, ", Avro's JSON encoding");
    return arena_strdup(a, buf);
}

/* The Avro logical type of a TIMESTAMP (local-timestamp-*) or TIMESTAMP_LTZ
 * (timestamp-*) under the non-legacy mapping, by precision. */
static const char *avro_ts_logical(const type_t *t)
{
    static const char *const names[2][3] = {
        {"local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos"},
        {"timestamp-millis", "timestamp-micros", "timestamp-nanos"},
    };
    return names[t->kind == TY_TIMESTAMP_LTZ][t->p <= 3 ? 0 : t->p <= 6 ? 1 : 2];
}

/* The Avro type Flink's AvroSchemaConverter derives for a column; a nullable
 * column is a null-first union. A ROW is a record named after its place:
 * `record` is the top level, a field f of a record R is R_f, and array
 * elements and map values keep R (written without the namespace, which they
 * share with the top-level record). `legacy` is the timestamp mapping: ROW
 * fields keep it, array elements and map values always get the legacy one
 * (convertToSchema's two-argument overload). */
static json_t *avro_type(arena_t *a, const type_t *t, const char *rec, bool legacy)
{
    json_t *j;
    switch (t->kind) {
    case TY_ARRAY: j = json_pack("{s:s, s:o}", "type", "array", "items", avro_type(a, t->elem, rec, true)); break;
    case TY_MAP: j = json_pack("{s:s, s:o}", "type", "map", "values", avro_type(a, t->val, rec, true)); break;
    case TY_MULTISET: /* the counts: a nullable INT */
        j = json_pack("{s:s, s:[s, s]}", "type", "map", "values", "null", "int");
        break;
    case TY_ROW: {
        json_t *fields = json_array();
        for (int i = 0; i < t->nfields; i++) {
            const char *sub = arena_printf(a, "%s_%s", rec, t->names[i]);
            json_t *field = json_pack("{s:s, s:o}", "name", t->names[i], "type",
                                      avro_type(a, t->fields[i], sub, legacy));
            if (t->fields[i]->nullable)
                json_object_set_new(field, "default", json_null());
            json_array_append_new(fields, field);
        }
        j = json_pack("{s:s, s:s, s:o}", "type", "record", "name", rec, "fields", fields);
        break;
    }
    case TY_BOOLEAN: j = json_string("boolean"); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: j = json_string("int"); break;
    case TY_BIGINT: j = json_string("long"); break;
    case TY_FLOAT: j = json_string("float"); break;
    case TY_DOUBLE: j = json_string("double"); break;
    case TY_CHAR: case TY_VARCHAR: j = json_string("string"); break;
    case TY_BINARY: case TY_VARBINARY: j = json_string("bytes"); break;
    case TY_DECIMAL:
        j = json_pack("{s:s, s:s, s:i, s:i}", "type", "bytes", "logicalType", "decimal", "precision", t->p,
                      "scale", t->s);
        break;
    case TY_DATE: j = json_pack("{s:s, s:s}", "type", "int", "logicalType", "date"); break;
    case TY_TIME: j = json_pack("{s:s, s:s}", "type", "int", "logicalType", "time-millis"); break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: /* legacy: TIMESTAMP(p <= 3) only, as the checks made sure */
        j = json_pack("{s:s, s:s}", "type", "long", "logicalType", legacy ? "timestamp-millis" : avro_ts_logical(t));
        break;
    default: j = json_string("?"); break;
    }
    return t->nullable ? json_pack("[s, o]", "null", j) : j;
}

/* The record schema of an avro key or value, as Flink derives it. */
const char *avro_schema(arena_t *a, const table_t *t, const format_t *f)
{
    json_t *fields = json_array();
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        json_t *field = json_pack("{s:s, s:o}", "name", f->names[i], "type",
                                  avro_type(a, ty, arena_printf(a, "record_%s", f->names[i]), f->avro_ts_legacy));
        if (ty->nullable)
            json_object_set_new(field, "default", json_null());
        json_array_append_new(fields, field);
    }
    json_t *rec = json_pack("{s:s, s:s, s:s, s:o}", "type", "record", "name", "record", "namespace",
                            "org.apache.flink.avro.generated", "fields", fields);
    char *text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
    const char *out = arena_strdup(a, text ? text : "?");
    free(text);
    json_decref(rec);
    return out;
}

static void tables(out_t *o, const plan_t *p)
{
    emitf(o, "== Tables ==\n");
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        const char *topic = sqlkc_rt_kv_get(t->opts, t->nopts, "topic");
        emitf(o, "%s: %s%s%s, topic=[%s]\n", t->name, t->connector == CONN_UPSERT_KAFKA ? "upsert-kafka" : "kafka",
              (t->role & SQLKC_RT_ROLE_SOURCE) ? ", source" : "", (t->role & SQLKC_RT_ROLE_SINK) ? ", sink" : "",
              topic ? topic : "");
        if (t->hint_of) { /* a copy for OPTIONS hints: what they changed */
            char buf[2048];
            size_t k = 0;
            buf[0] = 0;
            for (size_t j = 0; j < t->nopts; j++) {
                const char *was = sqlkc_rt_kv_get(t->hint_of->opts, t->hint_of->nopts, t->opts[j].key);
                if (was && strcmp(was, t->opts[j].value) == 0)
                    continue;
                if (k)
                    put(buf, sizeof buf, &k, ", ");
                put(buf, sizeof buf, &k, arena_printf(o->a, "'%s' = '%s'", t->opts[j].key, t->opts[j].value));
            }
            emitf(o, "  with OPTIONS hints: %s\n", buf);
        }
        for (int c = 0; c < t->ncols; c++) {
            const column_t *col = &t->cols[c];
            const char *kind = col->kind == COL_METADATA ? (col->is_virtual ? " METADATA VIRTUAL" : " METADATA")
                               : col->kind == COL_COMPUTED ? " COMPUTED" : "";
            emitf(o, "  %s %s%s\n", col->name, col->type ? type_str(o->a, col->type) : "?", kind);
        }
        if (t->npk) {
            char buf[1024];
            size_t k = 0;
            buf[0] = 0;
            for (int j = 0; j < t->npk; j++) {
                if (j)
                    put(buf, sizeof buf, &k, ", ");
                put(buf, sizeof buf, &k, t->cols[t->pk[j]].name);
            }
            emitf(o, "  primary key: (%s)\n", buf);
        }
        if (t->key.kind)
            emitf(o, "  key: %s\n", format_desc(o->a, t, &t->key));
        if (t->key.kind == FMT_AVRO || t->key.kind == FMT_AVRO_CONFLUENT)
            emitf(o, "  key avro schema: %s\n", avro_confluent_schema(o->a, t, &t->key));
        if (t->value.kind)
            emitf(o, "  value: %s\n", format_desc(o->a, t, &t->value));
        if (t->value.kind == FMT_AVRO || t->value.kind == FMT_AVRO_CONFLUENT)
            emitf(o, "  value avro schema: %s\n", avro_confluent_schema(o->a, t, &t->value));
        if (t->rowtime >= 0)
            emitf(o, "  rowtime: %s (its watermark is not used by the operators of this job)\n",
                  t->cols[t->rowtime].name);
    }
}

static const char *agg_state(arena_t *a, const plan_node_t *n)
{
    char buf[2048];
    size_t k = 0;
    buf[0] = 0;
    put(buf, sizeof buf, &k, "per group: accumulators of [");
    for (int i = 0; i < n->naggs; i++) {
        if (i)
            put(buf, sizeof buf, &k, ", ");
        put(buf, sizeof buf, &k, n->aggs[i].text);
    }
    put(buf, sizeof buf, &k, "]");
    if (n->retract)
        put(buf, sizeof buf, &k, " and a row count");
    for (int i = 0; i < n->naggs; i++)
        if (n->aggs[i].distinct) {
            put(buf, sizeof buf, &k, "; per group and distinct ");
            put(buf, sizeof buf, &k, n->input->fields[n->aggs[i].arg].name);
            put(buf, sizeof buf, &k, ": a count");
        } else if (n->retract && (n->aggs[i].fn == AGG_MIN || n->aggs[i].fn == AGG_MAX)) {
            /* MIN and MAX of one argument and filter share theirs (gen_agg.c) */
            bool shared = false;
            for (int j = 0; j < i; j++)
                shared = shared || ((n->aggs[j].fn == AGG_MIN || n->aggs[j].fn == AGG_MAX) &&
                                    n->aggs[j].arg == n->aggs[i].arg && n->aggs[j].filter == n->aggs[i].filter);
            if (shared)
                continue;
            put(buf, sizeof buf, &k, "; per group and value of ");
            put(buf, sizeof buf, &k, n->input->fields[n->aggs[i].arg].name);
            put(buf, sizeof buf, &k, " (for ");
            put(buf, sizeof buf, &k, n->aggs[i].text);
            for (int j = i + 1; j < n->naggs; j++)
                if ((n->aggs[j].fn == AGG_MIN || n->aggs[j].fn == AGG_MAX) && n->aggs[j].arg == n->aggs[i].arg &&
                    n->aggs[j].filter == n->aggs[i].filter) {
                    put(buf, sizeof buf, &k, ", ");
                    put(buf, sizeof buf, &k, n->aggs[j].text);
                }
            put(buf, sizeof buf, &k, "): a count");
        }
    return arena_strdup(a, buf);
}

static void node(out_t *o, const plan_node_t *n, int depth)
{
    char indent[256];
    int w = depth * 3;
    if (w > 200)
        w = 200;
    memset(indent, ' ', (size_t)w);
    indent[w] = 0;
    if (depth > 0)
        memcpy(indent + w - 3, "+- ", 3);
    char buf[8192];
    size_t k = 0;
    buf[0] = 0;
    switch (n->kind) {
    case P_SCAN:
        put(buf, sizeof buf, &k, "TableSourceScan(table=[");
        put(buf, sizeof buf, &k, n->table->name);
        put(buf, sizeof buf, &k, "], fields=[");
        for (int i = 0; i < n->nfields; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            put(buf, sizeof buf, &k, n->fields[i].name);
        }
        put(buf, sizeof buf, &k, "])");
        break;
    case P_CALC:
        put(buf, sizeof buf, &k, "Calc(select=[");
        for (int i = 0; i < n->nfields; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            const char *e = expr_str(o->a, n->proj[i], n->input->fields);
            put(buf, sizeof buf, &k, e);
            if (strcmp(e, n->fields[i].name) != 0) {
                put(buf, sizeof buf, &k, " AS ");
                put(buf, sizeof buf, &k, n->fields[i].name);
            }
        }
        put(buf, sizeof buf, &k, "]");
        if (n->filter) {
            put(buf, sizeof buf, &k, ", where=[");
            put(buf, sizeof buf, &k, expr_str(o->a, n->filter, n->input->fields));
            put(buf, sizeof buf, &k, "]");
        }
        put(buf, sizeof buf, &k, ")");
        break;
    case P_GROUP_AGG:
        put(buf, sizeof buf, &k, "GroupAggregate(groupBy=[");
        for (int g = 0; g < n->ngroup; g++) {
            if (g)
                put(buf, sizeof buf, &k, ", ");
            put(buf, sizeof buf, &k, n->fields[g].name);
        }
        put(buf, sizeof buf, &k, "], select=[");
        for (int i = 0; i < n->nfields; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            if (i < n->ngroup) {
                put(buf, sizeof buf, &k, n->fields[i].name);
            } else {
                const agg_call_t *ac = &n->aggs[i - n->ngroup];
                static const char *const fn[] = {"COUNT(*)", "COUNT", "SUM", "MIN", "MAX", "AVG"};
                put(buf, sizeof buf, &k, ac->fn == AGG_COUNT_STAR ? "COUNT(*)" : fn[ac->fn]);
                if (ac->fn != AGG_COUNT_STAR) {
                    put(buf, sizeof buf, &k, ac->distinct ? "(DISTINCT " : "(");
                    put(buf, sizeof buf, &k, n->input->fields[ac->arg].name);
                    put(buf, sizeof buf, &k, ")");
                }
                if (ac->filter >= 0) {
                    put(buf, sizeof buf, &k, " FILTER ");
                    put(buf, sizeof buf, &k, n->input->fields[ac->filter].name);
                }
                put(buf, sizeof buf, &k, " AS ");
                put(buf, sizeof buf, &k, n->fields[i].name);
            }
        }
        put(buf, sizeof buf, &k, "])");
        break;
    case P_NORMALIZE:
        put(buf, sizeof buf, &k, "ChangelogNormalize(key=[");
        for (int i = 0; i < n->ngroup; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            put(buf, sizeof buf, &k, n->fields[n->group[i]].name);
        }
        put(buf, sizeof buf, &k, "])");
        break;
    case P_SINK:
        put(buf, sizeof buf, &k, "Sink(table=[");
        put(buf, sizeof buf, &k, n->table->name);
        put(buf, sizeof buf, &k, "], fields=[");
        for (int i = 0; i < n->nfields; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            put(buf, sizeof buf, &k, n->table->cols[n->sink_cols[i]].name);
        }
        put(buf, sizeof buf, &k, n->materialize ? "], upsertMaterialize=[true])" : "])");
        break;
    }
    emitf(o, "%s%s, changelogMode=%s", indent, buf, changelog_str(n->changelog));
    if (n->upsert_key && n->kind != P_SINK) {
        k = 0;
        buf[0] = 0;
        for (int i = 0; i < n->nupsert_key; i++) {
            if (i)
                put(buf, sizeof buf, &k, ", ");
            put(buf, sizeof buf, &k, n->fields[n->upsert_key[i]].name);
        }
        emitf(o, ", upsertKey=[%s]", buf);
    }
    if (n->kind == P_GROUP_AGG)
        emitf(o, ", state=[%s]", agg_state(o->a, n));
    if (n->kind == P_NORMALIZE)
        emitf(o, ", state=[per key: the last row]");
    if (n->kind == P_SINK && n->materialize)
        emitf(o, ", state=[per primary key: the rows the input holds for it (SinkUpsertMaterializer)]");
    if (n->minibatch)
        emitf(o, ", miniBatch=[one change per key per bundle of %lld rows or %lld ms]",
              (long long)n->minibatch_size, (long long)n->minibatch_ms);
    emitf(o, "\n");
    if (n->input)
        node(o, n->input, depth + 1);
}

void plan_explain(const plan_t *p, arena_t *a, void (*fn)(void *arg, const char *s), void *arg)
{
    out_t o = {fn, arg, a, p};
    tables(&o, p);
    for (int i = 0; i < p->nsinks; i++) {
        emitf(&o, "\n== INSERT INTO %s ==\n", p->sinks[i]->table->name);
        node(&o, p->sinks[i], 0);
    }
    plan_state_op_t *ops;
    int n = plan_state_ops(p, a, &ops);
    if (n)
        emitf(&o, "\n== State (what a checkpoint holds; the layout must match for a restore) ==\n");
    for (int i = 0; i < n; i++)
        emitf(&o, "%s\n  layout: %s\n  size: %s (an estimate)\n", ops[i].name, ops[i].layout, ops[i].estimate);
}
