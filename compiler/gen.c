/* This file generates the job skeleton: the banner and includes (from
 * templates/), a row struct per operator, each operator's push function from
 * the sink down to the scan, a decoder and process function per source table,
 * the table definitions with their WITH options, and main. The output is
 * deterministic: the same plan gives the same bytes. */
#include <stdio.h>
#include <string.h>

#include "gen.h"
#include "gen_internal.h"
#include "sqlkc/rt.h"

extern const char tpl_job_head_c[];
extern const char tpl_job_main_c[];

const char *gen_ctype(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "bool";
    case TY_TINYINT: return "int8_t";
    case TY_SMALLINT: return "int16_t";
    case TY_INT: return "int32_t";
    case TY_BIGINT: return "int64_t";
    case TY_FLOAT: return "float";
    case TY_DOUBLE: return "double";
    case TY_DECIMAL: return "sqlkc_rt_dec_t";
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY: return "sqlkc_rt_str_t";
    case TY_DATE: case TY_TIME: return "int32_t";
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: return "sqlkc_rt_ts_t";
    case TY_INTERVAL_YM: return "int32_t";
    case TY_INTERVAL_DT: return "int64_t";
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW: return "sqlkc_rt_nested_t";
    default: return "int32_t";
    }
}

const char *gen_utype(const type_t *t)
{
    switch (t->kind) {
    case TY_TINYINT: return "uint8_t";
    case TY_SMALLINT: return "uint16_t";
    case TY_INT: return "uint32_t";
    default: return "uint64_t";
    }
}

int gen_null_words(int nfields) { return nfields > 0 ? (nfields + 63) / 64 : 1; }

const char *gen_isnull(gen_t *g, const char *row, int i)
{
    return arena_printf(g->a, "(%s->nulls[%d] >> %d & 1)", row, i / 64, i % 64);
}

void gen_setnull(gen_t *g, const char *row, int i, const char *cond)
{
    if (strcmp(cond, "true") == 0)
        emit_line(g->e, "%s->nulls[%d] |= UINT64_C(1) << %d;", row, i / 64, i % 64);
    else if (strcmp(cond, "false") == 0)
        emit_line(g->e, "%s->nulls[%d] &= ~(UINT64_C(1) << %d);", row, i / 64, i % 64);
    else
        emit_line(g->e, "%s->nulls[%d] = (%s->nulls[%d] & ~(UINT64_C(1) << %d)) | ((uint64_t)!!(%s) << %d);", row,
                  i / 64, row, i / 64, i % 64, cond, i % 64);
}

const char *gen_tmp(gen_t *g) { return arena_printf(g->a, "t%d", g->tmp++); }

void gen_map_foreach(gen_t *g, const char *map)
{
    emit_line(g->e, "sqlkc_rt_map_iter_t it = {0};");
    emit_line(g->e, "const void *k;");
    emit_line(g->e, "size_t kn;");
    emit_line(g->e, "void *v;");
    emit_open(g->e, "while (sqlkc_rt_map_next(%s, &it, &k, &kn, &v))", map);
}

void gen_grow(gen_t *g, const char *arr, const char *n, const char *cap)
{
    emit_open(g->e, "if (%s == %s)", n, cap);
    emit_line(g->e, "%s = %s ? %s * 2 : 256;", cap, cap, cap);
    emit_line(g->e, "%s = sqlkc_rt_grow(%s, %s * sizeof *%s);", arr, arr, cap, arr);
    emit_close(g->e, NULL);
}

void gen_row_struct(gen_t *g, const char *name, const plan_field_t *f, int n, const char *comment)
{
    emit_t *e = g->e;
    emit_line(e, "/* %s */", emit_comment(g->a, comment));
    emit_open(e, "typedef struct %s", name);
    emit_line(e, "uint64_t nulls[%d]; /* bit i: field i is NULL */", gen_null_words(n));
    for (int i = 0; i < n; i++)
        emit_line(e, "%s f%d; /* %s %s */", gen_ctype(f[i].type), i, emit_comment(g->a, f[i].name),
                  emit_comment(g->a, type_str(g->a, f[i].type)));
    emit_close(e, arena_printf(g->a, " %s_t;", name));
    emit_blank(e);
}

int gen_row_field(const table_t *t, int col)
{
    int k = 0;
    for (int i = 0; i < col; i++)
        if (t->cols[i].kind != COL_COMPUTED)
            k++;
    return k;
}

const char *gen_row_type(gen_t *g, const plan_node_t *n)
{
    if (n->kind == P_SCAN)
        return arena_printf(g->a, "src_%s_row_t", n->table->ident);
    if (n->kind == P_NORMALIZE) /* passes its input's rows on */
        return gen_row_type(g, n->input);
    return arena_printf(g->a, "row_%d_t", n->id);
}

/* Index of a table in the job's tables[] (only tables the job uses). */
static int table_slot(const plan_t *p, const table_t *t)
{
    int k = 0;
    for (int i = 0; i < p->ntables; i++) {
        if (p->tables[i] == t)
            return k;
        if (p->tables[i]->role)
            k++;
    }
    return -1;
}

static void gen_calc_push(gen_t *g, const plan_node_t *n, const char *next)
{
    emit_t *e = g->e;
    const char *in_type = gen_row_type(g, n->input);
    emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, in_type);
    emit_line(e, "(void)ctx;");
    emit_line(e, "(void)in;");
    if (n->filter) {
        emit_line(e, "/* WHERE %s */", emit_comment(g->a, expr_str(g->a, n->filter, n->input->fields)));
        val_t f = gen_expr(g, n->filter, "in", n->input->fields);
        emit_line(e, "if ((%s) || !(%s))", f.n, f.v);
        emit_line(e, "    return SQLKC_RT_OK;");
    }
    emit_line(e, "%s row;", gen_row_type(g, n));
    emit_line(e, "%s *out = &row;", gen_row_type(g, n));
    emit_line(e, "memset(out->nulls, 0, sizeof out->nulls);");
    for (int i = 0; i < n->nfields; i++) {
        emit_line(e, "/* %s */", emit_comment(g->a, n->fields[i].name));
        val_t v = gen_expr(g, n->proj[i], "in", n->input->fields);
        emit_line(e, "out->f%d = %s;", i, v.v);
        if (strcmp(v.n, "false") != 0)
            gen_setnull(g, "out", i, v.n);
    }
    emit_line(e, "return %s(ctx, kind, out);", next);
    emit_close(e, NULL);
    emit_blank(e);
}

/* Emits the encoding of a sink's key or value format into the buffer `buf`
 * (sink_<id>_<buf>); a format column the INSERT does not fill is NULL. */
static void encode_format(gen_t *g, const plan_node_t *n, const format_t *f, const char *buf)
{
    int *map = arena_alloc(g->a, sizeof(int) * (size_t)(f->ncols + 1));
    for (int k = 0; k < f->ncols; k++) {
        map[k] = -1;
        for (int i = 0; i < n->nfields; i++)
            if (n->sink_cols[i] == f->cols[k])
                map[k] = i;
    }
    emit_line(g->e, "sqlkc_rt_buf_t *%s = &sink_%d_%s;", buf, n->id, buf);
    emit_line(g->e, "sqlkc_rt_buf_reset(%s);", buf);
    emit_line(g->e, "const void *%s_data;", buf);
    emit_open(g->e, "%s", "");
    if (f->kind == FMT_RAW) {
        gen_raw_encode(g, n->table, f, buf, "in", map, arena_printf(g->a, "%s_data", buf));
    } else if (f->kind == FMT_CSV) {
        gen_csv_encode(g, n->table, f, buf, "in", map);
        emit_line(g->e, "%s_data = %s->p ? %s->p : \"\"; /* an empty line is an empty message */", buf, buf, buf);
    } else if (f->kind == FMT_AVRO || f->kind == FMT_AVRO_CONFLUENT) {
        if (f->kind == FMT_AVRO_CONFLUENT)
            gen_avro_confluent_header(g, n->table, f, buf);
        gen_avro_encode(g, n->table, f, buf, "in", map);
        emit_line(g->e, "%s_data = %s->p ? %s->p : \"\"; /* a record of no fields is empty, not null */", buf, buf,
                  buf);
    } else {
        gen_json_encode(g, n->table, f, buf, "in", map);
        emit_line(g->e, "%s_data = %s->p;", buf, buf);
    }
    emit_close(g->e, NULL);
}

/* The sink's NOT NULL enforcer (table.exec.sink.not-null-enforcer): fails
 * the job, or with DROP drops the row, when a NOT NULL column gets a NULL.
 * Flink applies it before a SinkUpsertMaterializer. */
void gen_sink_enforce(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const table_t *t = n->table;
    for (int i = 0; i < n->nfields; i++) {
        const column_t *c = &t->cols[n->sink_cols[i]];
        if (c->type->nullable || !n->input->fields[i].type->nullable)
            continue;
        emit_open(e, "if (%s)", gen_isnull(g, "in", i));
        if (n->not_null_drop) {
            emit_line(e, "sink_%d_dropped++;", n->id);
            emit_line(e, "sqlkc_rt_log(ctx, \"dropped a row with NULL in NOT NULL column '%%s' of table '%%s' "
                         "(table.exec.sink.not-null-enforcer = DROP)\", %s, %s);",
                      emit_cstr(g->a, c->name, strlen(c->name)), emit_cstr(g->a, t->name, strlen(t->name)));
            emit_line(e, "return SQLKC_RT_OK;");
        } else {
            emit_line(e, "return sqlkc_rt_fail(ctx, \"Column '%%s' is NOT NULL, however, a null value is being "
                         "written into it. You can set job configuration 'table.exec.sink.not-null-enforcer'='DROP' "
                         "to suppress this exception and drop such records silently.\", %s);",
                      emit_cstr(g->a, c->name, strlen(c->name)));
        }
        emit_close(e, NULL);
    }
}

static void gen_sink_push(gen_t *g, const plan_node_t *n)
{
    emit_t *e = g->e;
    const table_t *t = n->table;
    const char *in_type = gen_row_type(g, n->input);
    int slot = table_slot(g->p, t);
    emit_line(e, "static sqlkc_rt_buf_t sink_%d_key, sink_%d_value;", n->id, n->id);
    if (n->not_null_drop)
        emit_line(e, "static int64_t sink_%d_dropped; /* rows with NULL in a NOT NULL column */", n->id);
    emit_line(e, "/* Writes a change to %s: INSERT and UPDATE_AFTER as records, UPDATE_BEFORE and DELETE as "
                 "tombstones. */", emit_comment(g->a, t->name));
    if (n->materialize)
        emit_open(e, "static int sink_%d_write(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, in_type);
    else
        emit_open(e, "static int op_%d_push(sqlkc_rt_ctx_t *ctx, int kind, const %s *in)", n->id, in_type);
    if (!n->materialize)
        gen_sink_enforce(g, n);
    /* format column -> input field */
    const char *key = "NULL", *key_len = "0";
    if (t->key.kind) {
        encode_format(g, n, &t->key, "key");
        key = "key_data";
        key_len = "key->len";
    }
    /* the record timestamp, from a `timestamp` metadata column (-1: the producer's clock) */
    const char *ts = "-1";
    for (int i = 0; i < n->nfields; i++) {
        const column_t *c = &t->cols[n->sink_cols[i]];
        if (c->kind == COL_METADATA && !c->is_virtual && strcmp(c->meta_key, "timestamp") == 0) {
            emit_line(e, "int64_t timestamp = %s ? -1 : in->f%d.millis;", gen_isnull(g, "in", i), i);
            ts = "timestamp";
        }
    }
    /* record headers from a `headers` metadata column (tombstones carry them too) */
    bool headers = false;
    for (int i = 0; i < n->nfields; i++) {
        const column_t *c = &t->cols[n->sink_cols[i]];
        if (c->kind == COL_METADATA && !c->is_virtual && strcmp(c->meta_key, "headers") == 0) {
            emit_line(e, "size_t nheaders = 0;");
            emit_line(e, "const sqlkc_rt_header_t *headers = %s ? NULL : sqlkc_rt_map_headers(ctx, &in->f%d, &nheaders);",
                      gen_isnull(g, "in", i), i);
            headers = true;
        }
    }
    const char *emit = headers ? "sqlkc_rt_emit_h" : "sqlkc_rt_emit_at";
    const char *hargs = headers ? ", headers, nheaders" : "";
    if (t->connector == CONN_UPSERT_KAFKA) {
        emit_line(e, "if (kind == ROW_UPDATE_BEFORE || kind == ROW_DELETE)");
        emit_line(e, "    return %s(ctx, %d, %s, %s, NULL, 0, %s%s);", emit, slot, key, key_len, ts, hargs);
    } else {
        emit_line(e, "(void)kind; /* an append-only sink receives inserts only */");
    }
    encode_format(g, n, &t->value, "value");
    emit_line(e, "return %s(ctx, %d, %s, %s, value_data, value->len, %s%s);", emit, slot, key, key_len, ts, hargs);
    emit_close(e, NULL);
    emit_blank(e);
    if (n->materialize)
        gen_materialize(g, n, arena_printf(g->a, "sink_%d_write", n->id));
}

/* The node whose input is `below` in sink's chain (its consumer), or NULL. */
static const plan_node_t *consumer(const plan_node_t *sink, const plan_node_t *below)
{
    for (const plan_node_t *n = sink; n; n = n->input)
        if (n->input == below)
            return n;
    return NULL;
}

static void pipeline(gen_t *g, const plan_node_t *sink)
{
    /* row structs bottom-up, then push functions top-down so each is defined before use */
    int n = 0;
    for (const plan_node_t *p = sink; p; p = p->input)
        n++;
    const plan_node_t **chain = arena_alloc(g->a, sizeof *chain * (size_t)n);
    n = 0;
    for (const plan_node_t *p = sink; p; p = p->input)
        chain[n++] = p;
    for (int i = n - 1; i >= 0; i--) {
        const plan_node_t *p = chain[i];
        if (p->kind == P_CALC || p->kind == P_GROUP_AGG)
            gen_row_struct(g, arena_printf(g->a, "row_%d", p->id), p->fields, p->nfields,
                           arena_printf(g->a, "Output row of %s %d", p->kind == P_CALC ? "Calc" : "GroupAggregate", p->id));
        if (p->kind == P_GROUP_AGG)
            gen_agg_decls(g, p);
        if (p->kind == P_NORMALIZE)
            gen_norm_decls(g, p);
    }
    for (int i = 0; i < n; i++) {
        const plan_node_t *p = chain[i];
        const plan_node_t *up = consumer(sink, p);
        const char *next = up ? arena_printf(g->a, "op_%d_push", up->id) : NULL;
        switch (p->kind) {
        case P_SINK: gen_sink_push(g, p); break;
        case P_CALC: gen_calc_push(g, p, next); break;
        case P_GROUP_AGG: gen_agg_push(g, p, next); break;
        case P_NORMALIZE: gen_norm_push(g, p, next); break;
        default: break;
        }
    }
}

/* Each scan of table t in the job (an INSERT reads a table once): the
 * INSERT's sink and the operator that consumes the scan's rows, in arrays of
 * the arena. Returns how many. */
static int scan_consumers(gen_t *g, const table_t *t, const plan_node_t ***sinks, const plan_node_t ***ups)
{
    int n = 0;
    *sinks = arena_alloc(g->a, sizeof(plan_node_t *) * (size_t)(g->p->nsinks + 1));
    *ups = arena_alloc(g->a, sizeof(plan_node_t *) * (size_t)(g->p->nsinks + 1));
    for (int s = 0; s < g->p->nsinks; s++)
        for (const plan_node_t *p = g->p->sinks[s]; p; p = p->input)
            if (p->kind == P_SCAN && p->table == t) {
                (*sinks)[n] = g->p->sinks[s];
                (*ups)[n] = consumer(g->p->sinks[s], p);
                n++;
            }
    return n;
}

static void mark_used(const expr_t *e, bool *used, const int *field_col)
{
    if (e->kind == E_COL)
        used[field_col[e->col]] = true;
    for (int i = 0; i < e->nargs; i++)
        mark_used(e->args[i], used, field_col);
}

/* The table columns the job reads: those the first operator above each scan
 * of the table uses, and the rowtime column (Flink evaluates the watermark in
 * the source). */
/* Marks in used[] the table columns one scan of t needs: those the operator
 * above it (`up`, in sink's chain) uses, and the rowtime column (Flink
 * evaluates the watermark in the source). Through a ChangelogNormalize the
 * PRIMARY KEY is kept too, as Flink keeps an upsert source's key when it
 * pushes a projection into it. */
static void mark_scan_use(const table_t *t, const plan_node_t *sink, const plan_node_t *up, bool *used,
                          const int *field_col)
{
    if (t->rowtime >= 0)
        used[t->rowtime] = true;
    if (up->kind == P_NORMALIZE) {
        for (int i = 0; i < t->npk; i++)
            used[t->pk[i]] = true;
        up = consumer(sink, up);
    }
    if (up->kind != P_CALC) {
        for (int i = 0; i < t->ncols; i++)
            used[i] = true;
        return;
    }
    for (int i = 0; i < up->nfields; i++)
        mark_used(up->proj[i], used, field_col);
    if (up->filter)
        mark_used(up->filter, used, field_col);
}

static int *field_cols(gen_t *g, const table_t *t)
{
    int *field_col = arena_alloc(g->a, sizeof(int) * (size_t)(t->ncols + 1));
    for (int i = 0, k = 0; i < t->ncols; i++)
        if (t->cols[i].kind != COL_COMPUTED)
            field_col[k++] = i;
    return field_col;
}

/* The table columns the job reads: the union over the scans of t. */
static bool *used_columns(gen_t *g, const table_t *t)
{
    bool *used = arena_alloc(g->a, sizeof(bool) * (size_t)(t->ncols + 1));
    int *field_col = field_cols(g, t);
    const plan_node_t **sinks, **ups;
    int n = scan_consumers(g, t, &sinks, &ups);
    for (int s = 0; s < n; s++)
        mark_scan_use(t, sinks[s], ups[s], used, field_col);
    return used;
}

const plan_node_t *gen_sink_of(gen_t *g, const plan_node_t *node)
{
    for (int s = 0; s < g->p->nsinks; s++)
        for (const plan_node_t *p = g->p->sinks[s]; p; p = p->input)
            if (p == node)
                return g->p->sinks[s];
    return NULL;
}

int gen_scan_fields(gen_t *g, const plan_node_t *norm, int **fields)
{
    const plan_node_t *scan = norm->input;
    const table_t *t = scan->table;
    const plan_node_t *sink = gen_sink_of(g, norm);
    bool *used = arena_alloc(g->a, sizeof(bool) * (size_t)(t->ncols + 1));
    int *field_col = field_cols(g, t);
    mark_scan_use(t, sink, norm, used, field_col);
    *fields = arena_alloc(g->a, sizeof(int) * (size_t)(scan->nfields + 1));
    int n = 0;
    for (int f = 0; f < scan->nfields; f++)
        if (used[field_col[f]])
            (*fields)[n++] = f;
    return n;
}

static void source(gen_t *g, const table_t *t)
{
    plan_field_t *f = arena_alloc(g->a, sizeof *f * (size_t)(t->ncols + 1));
    int n = 0;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind != COL_COMPUTED) {
            f[n].name = t->cols[i].name;
            f[n].type = t->cols[i].type;
            n++;
        }
    const char *row = arena_printf(g->a, "src_%s_row", t->ident);
    gen_row_struct(g, row, f, n, arena_printf(g->a, "A row of source table %s", t->name));
    const bool *used = used_columns(g, t);
    const char *row_type = arena_printf(g->a, "%s_t", row);
    if (t->key.kind == FMT_RAW)
        gen_raw_decoder(g, t, &t->key, arena_printf(g->a, "src_%s_decode_key", t->ident), row_type);
    else if (t->key.kind == FMT_AVRO || t->key.kind == FMT_AVRO_CONFLUENT)
        gen_avro_decoder(g, t, &t->key, arena_printf(g->a, "src_%s_decode_key", t->ident), row_type);
    else if (t->key.kind == FMT_CSV)
        gen_csv_decoder(g, t, &t->key, arena_printf(g->a, "src_%s_decode_key", t->ident), row_type);
    else if (t->key.kind == FMT_JSON)
        gen_json_decoder(g, t, &t->key, arena_printf(g->a, "src_%s_decode_key", t->ident), row_type, used);
    if (t->value.kind == FMT_RAW)
        gen_raw_decoder(g, t, &t->value, arena_printf(g->a, "src_%s_decode_value", t->ident), row_type);
    else if (t->value.kind == FMT_AVRO || t->value.kind == FMT_AVRO_CONFLUENT)
        gen_avro_decoder(g, t, &t->value, arena_printf(g->a, "src_%s_decode_value", t->ident), row_type);
    else if (t->value.kind == FMT_CSV)
        gen_csv_decoder(g, t, &t->value, arena_printf(g->a, "src_%s_decode_value", t->ident), row_type);
    else
        gen_json_decoder(g, t, &t->value, arena_printf(g->a, "src_%s_decode_value", t->ident), row_type, used);
}

static void decode_glue(gen_t *g, const table_t *t, const format_t *f, const char *part);

/* Metadata columns from the Kafka record (KafkaDynamicSource.ReadableMetadata). */
static void metadata_fill(gen_t *g, const table_t *t)
{
    emit_t *e = g->e;
    for (int c = 0; c < t->ncols; c++) {
        const column_t *col = &t->cols[c];
        if (col->kind != COL_METADATA)
            continue;
        int f = gen_row_field(t, c);
        const char *k = col->meta_key;
        emit_line(e, "/* %s: metadata '%s' */", emit_comment(g->a, col->name), emit_comment(g->a, k));
        if (!strcmp(k, "topic")) {
            emit_line(e, "row.f%d = (sqlkc_rt_str_t){msg->topic, strlen(msg->topic)};", f);
        } else if (!strcmp(k, "partition")) {
            emit_line(e, "row.f%d = (%s)msg->partition;", f, gen_ctype(col->type));
        } else if (!strcmp(k, "offset")) {
            emit_line(e, "row.f%d = (%s)msg->offset;", f, gen_ctype(col->type));
        } else if (!strcmp(k, "timestamp")) {
            emit_line(e, "row.f%d = (sqlkc_rt_ts_t){msg->timestamp, 0};", f);
        } else if (!strcmp(k, "timestamp-type")) {
            emit_line(e, "row.f%d = msg->timestamp_type == SQLKC_RT_TS_CREATE_TIME ? (sqlkc_rt_str_t){\"CreateTime\", 10}", f);
            emit_line(e, "    : msg->timestamp_type == SQLKC_RT_TS_LOG_APPEND_TIME ? (sqlkc_rt_str_t){\"LogAppendTime\", 13}");
            emit_line(e, "    : (sqlkc_rt_str_t){\"NoTimestampType\", 15};");
        } else if (!strcmp(k, "headers")) {
            emit_line(e, "row.f%d = sqlkc_rt_headers_map(ctx, msg);", f);
        } else if (!strcmp(k, "leader-epoch")) {
            emit_line(e, "row.f%d = (%s)msg->leader_epoch;", f, gen_ctype(col->type));
            const char *row = "(&row)";
            gen_setnull(g, row, f, "msg->leader_epoch < 0");
            continue;
        }
        gen_setnull(g, "(&row)", f, "false");
    }
}

static void source_process(gen_t *g, const table_t *t)
{
    emit_t *e = g->e;
    emit_line(e, "/* One record of %s: decode, then push the row into each INSERT reading it. */",
              emit_comment(g->a, t->name));
    emit_open(e, "static int src_%s_process(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_msg_t *msg)", t->ident);
    emit_line(e, "src_%s_row_t row;", t->ident);
    /* zeroed, though a field is read only when its null bit is clear: at
     * -O2 -Wall GCC cannot see that through the decoders */
    emit_line(e, "memset(&row, 0, sizeof row);");
    emit_line(e, "memset(row.nulls, 0xff, sizeof row.nulls);");
    metadata_fill(g, t);
    /* DynamicKafkaDeserializationSchema: the key first; the value's copy of a
     * key column (value.fields-include ALL) then overwrites it */
    if (t->key.kind)
        decode_glue(g, t, &t->key, "key");
    const plan_node_t **sinks, **ups;
    int n = scan_consumers(g, t, &sinks, &ups);
    if (t->connector == CONN_UPSERT_KAFKA) {
        emit_open(e, "if (msg->value == NULL)");
        emit_line(e, "/* a tombstone: the DELETE of its key (the value columns are NULL) */");
        for (int s = 0; s < n; s++) {
            emit_line(e, "if (op_%d_push(ctx, ROW_DELETE, &row) != SQLKC_RT_OK) /* INSERT INTO %s */", ups[s]->id,
                      emit_comment(g->a, sinks[s]->table->name));
            emit_line(e, "    return SQLKC_RT_ERR;");
        }
        emit_line(e, "return SQLKC_RT_OK;");
        emit_close(e, NULL);
    }
    decode_glue(g, t, &t->value, "value");
    for (int s = 0; s < n; s++) {
        emit_line(e, "if (op_%d_push(ctx, ROW_INSERT, &row) != SQLKC_RT_OK) /* INSERT INTO %s */", ups[s]->id,
                  emit_comment(g->a, sinks[s]->table->name));
        emit_line(e, "    return SQLKC_RT_ERR;");
    }
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
}

/* The csv part of decode_glue (CsvRowDataDeserializationSchema.deserialize):
 * a null message is no row; an empty one is Jackson's "No content to map"
 * error like any other bad record, which fails the job or, with
 * ignore-parse-errors, skips the record (deserialize returns null). */
static void csv_glue(gen_t *g, const table_t *t, const format_t *f, const char *part, const char *m,
                     const char *mlen)
{
    emit_t *e = g->e;
    bool key = strcmp(part, "key") == 0;
    emit_open(e, "if (%s == NULL)", m);
    if (key)
        emit_line(e, "sqlkc_rt_skip(ctx, \"the csv key format yields no row for a null key, so the record has no "
                     "row (as in Flink)\");");
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_open(e, "%s", "");
    emit_line(e, "char err[256];");
    emit_open(e, "if (src_%s_decode_%s(ctx, %s, %s, &row, err, sizeof err) != 0)", t->ident, part, m, mlen);
    if (f->ignore_parse_errors) {
        emit_line(e, "sqlkc_rt_skip(ctx, \"cannot decode the csv %s: %%s\", err);", part);
        emit_line(e, "return SQLKC_RT_OK;");
    } else {
        emit_line(e, "int shown = %s > 200 ? 200 : (int)%s;", mlen, mlen);
        emit_line(e, "return sqlkc_rt_fail(ctx, \"Failed to deserialize CSV %s'%%.*s%%s': %%s\", shown, "
                     "(const char *)%s, %s > 200 ? \"...\" : \"\", err);", key ? "key " : "row ", m, mlen);
    }
    emit_close(e, NULL);
    emit_close(e, NULL);
}

/* Decoding the key or the value in a process function, with the format's
 * error policy. A message (key) that Flink's format turns into no row drops the
 * record: JSON yields no row for a null or empty message, so a null key drops
 * it too; that is named and counted here, where Flink is silent. */
static void decode_glue(gen_t *g, const table_t *t, const format_t *f, const char *part)
{
    emit_t *e = g->e;
    const char *m = strcmp(part, "key") == 0 ? "msg->key" : "msg->value";
    const char *mlen = strcmp(part, "key") == 0 ? "msg->key_len" : "msg->value_len";
    if (f->kind == FMT_RAW || f->kind == FMT_AVRO || f->kind == FMT_AVRO_CONFLUENT) {
        if (f->kind != FMT_RAW) { /* AvroDeserializationSchema: no row for a null message */
            emit_open(e, "if (%s == NULL)", m);
            if (strcmp(part, "key") == 0)
                emit_line(e, "sqlkc_rt_skip(ctx, \"the avro key format yields no row for a null key, so the "
                             "record has no row (as in Flink)\");");
            emit_line(e, "return SQLKC_RT_OK;");
            emit_close(e, NULL);
        }
        emit_open(e, "%s", "");
        emit_line(e, "char err[%d];", f->kind == FMT_AVRO_CONFLUENT ? 1024 : 160);
        if (f->kind == FMT_AVRO_CONFLUENT) {
            gen_avro_confluent_read(g, t, f, m, mlen);
            m = "datum";
            mlen = "datum_len";
        }
        bool nested = false; /* gen_avro.c: such a decoder takes ctx */
        for (int i = 0; f->kind != FMT_RAW && i < f->ncols; i++)
            nested = nested || type_is_nested(t->cols[f->cols[i]].type) || type_is_string(t->cols[f->cols[i]].type) ||
                     f->avro_json;
        emit_line(e, "if (src_%s_decode_%s(%s%s, %s, &row, err, sizeof err) != 0)", t->ident, part,
                  nested ? "ctx, " : "", m, mlen);
        emit_line(e, "    return sqlkc_rt_fail(ctx, \"Failed to deserialize the %s %s: %%s\", err);",
                  f->kind == FMT_RAW ? "raw" : "Avro", part);
        emit_close(e, NULL);
        return;
    }
    if (f->kind == FMT_CSV) {
        csv_glue(g, t, f, part, m, mlen);
        return;
    }
    /* JsonRowDataDeserializationSchema: no row for a null or empty message,
     * nor (as of Flink 1.15; 1.12 failed on it) for the document null */
    emit_open(e, "if (%s == NULL || %s == 0 || sqlkc_rt_json_is_null_doc(%s, %s))", m, mlen, m, mlen);
    if (strcmp(part, "key") == 0) {
        emit_line(e, "sqlkc_rt_skip(ctx, \"the JSON key format yields no row for a %%s key, so the record "
                     "has no row (as in Flink)\", !%s ? \"null\" : %s ? \"JSON null\" : \"empty\");", m, mlen);
        emit_line(e, "return SQLKC_RT_OK;");
    } else {
        emit_line(e, "sqlkc_rt_count(ctx, SQLKC_RT_COUNT_NO_ROW);");
        emit_line(e, "return SQLKC_RT_OK;");
    }
    emit_close(e, NULL);
    emit_open(e, "%s", "");
    emit_line(e, "sqlkc_rt_jcur_t cur;");
    emit_open(e, "if (src_%s_decode_%s(ctx, %s, %s, &row, &cur) != 0)", t->ident, part, m, mlen);
    if (f->ignore_parse_errors) {
        emit_line(e, "sqlkc_rt_skip(ctx, \"cannot decode the JSON %s: %%s\", cur.err);", part);
        emit_line(e, "return SQLKC_RT_OK;");
    } else {
        emit_line(e, "int shown = %s > 200 ? 200 : (int)%s;", mlen, mlen);
        emit_line(e, "return sqlkc_rt_fail(ctx, \"Failed to deserialize JSON %s'%%.*s%%s': %%s\", shown, "
                     "(const char *)%s, %s > 200 ? \"...\" : \"\", cur.err);",
                  strcmp(part, "key") == 0 ? "key " : "", m, mlen);
    }
    emit_close(e, NULL);
    emit_close(e, NULL);
}

static void tables(gen_t *g)
{
    emit_t *e = g->e;
    const plan_t *p = g->p;
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (!t->role)
            continue;
        emit_line(e, "/* WITH options of %s, as written */", emit_comment(g->a, t->name));
        emit_open(e, "static const sqlkc_rt_kv_t opts_%s[] =", t->ident);
        for (size_t k = 0; k < t->nopts; k++)
            emit_line(e, "{%s, %s},", emit_cstr(g->a, t->opts[k].key, strlen(t->opts[k].key)),
                      emit_cstr(g->a, t->opts[k].value, strlen(t->opts[k].value)));
        emit_close(e, ";");
    }
    emit_line(e, "/* SET statements */");
    emit_open(e, "static const sqlkc_rt_kv_t settings[] =");
    for (int i = 0; i < p->nsettings; i++)
        emit_line(e, "{%s, %s},", emit_cstr(g->a, p->settings[i].key, strlen(p->settings[i].key)),
                  emit_cstr(g->a, p->settings[i].value, strlen(p->settings[i].value)));
    if (p->nsettings == 0)
        emit_line(e, "{NULL, NULL},");
    emit_close(e, ";");
    emit_open(e, "static const sqlkc_rt_table_def_t tables[] =");
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (!t->role)
            continue;
        const char *role = t->role == (SQLKC_RT_ROLE_SOURCE | SQLKC_RT_ROLE_SINK) ? "SQLKC_RT_ROLE_SOURCE | SQLKC_RT_ROLE_SINK"
                           : t->role == SQLKC_RT_ROLE_SOURCE                        ? "SQLKC_RT_ROLE_SOURCE"
                                                                                    : "SQLKC_RT_ROLE_SINK";
        emit_line(e, "{%s, %s, %s, opts_%s, sizeof opts_%s / sizeof opts_%s[0]},",
                  emit_cstr(g->a, t->name, strlen(t->name)),
                  t->connector == CONN_UPSERT_KAFKA ? "\"upsert-kafka\"" : "\"kafka\"", role, t->ident, t->ident, t->ident);
    }
    emit_close(e, ";");
    emit_blank(e);
}

static void lifecycle(gen_t *g)
{
    emit_t *e = g->e;
    const plan_t *p = g->p;
    emit_open(e, "static int job_init(sqlkc_rt_ctx_t *ctx)");
    emit_line(e, "(void)ctx;");
    for (int s = 0; s < p->nsinks; s++)
        for (const plan_node_t *n = p->sinks[s]; n; n = n->input) {
            if (n->kind == P_GROUP_AGG)
                gen_agg_init(g, n);
            if (n->kind == P_NORMALIZE)
                gen_norm_init(g, n);
            if (n->kind == P_SINK && n->materialize)
                gen_materialize_init(g, n);
        }
    gen_avro_confluent_init(g);
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_open(e, "static void job_fini(sqlkc_rt_ctx_t *ctx)");
    emit_line(e, "(void)ctx;");
    gen_avro_confluent_fini(g);
    for (int s = 0; s < p->nsinks; s++)
        for (const plan_node_t *n = p->sinks[s]; n; n = n->input) {
            if (n->kind == P_GROUP_AGG)
                gen_agg_fini(g, n);
            if (n->kind == P_NORMALIZE)
                gen_norm_fini(g, n);
            if (n->kind == P_SINK) {
                if (n->materialize)
                    gen_materialize_fini(g, n);
                emit_line(e, "sqlkc_rt_buf_free(&sink_%d_key);", n->id);
                emit_line(e, "sqlkc_rt_buf_free(&sink_%d_value);", n->id);
                if (n->not_null_drop)
                    emit_line(e, "if (sink_%d_dropped) sqlkc_rt_log(ctx, \"%%lld rows dropped by the NOT NULL enforcer\", "
                                 "(long long)sink_%d_dropped);", n->id, n->id);
            }
        }
    emit_close(e, NULL);
    emit_blank(e);
    emit_line(e, "/* Ends the open mini-batch bundles, upstream operators first, so that what they");
    emit_line(e, " * emit joins the bundle below the next operator before that one ends; on the timer");
    emit_line(e, " * only those whose allow-latency has passed since their last bundle ended. */");
    emit_open(e, "static int job_flush(sqlkc_rt_ctx_t *ctx, int why)");
    emit_line(e, "(void)ctx;");
    emit_line(e, "(void)why;");
    for (int s = 0; s < p->nsinks; s++) {
        const plan_node_t *chain[256];
        int k = 0;
        for (const plan_node_t *n = p->sinks[s]; n && k < 256; n = n->input)
            chain[k++] = n;
        while (k-- > 0)
            if (chain[k]->minibatch) {
                const char *op = chain[k]->kind == P_NORMALIZE ? "norm" : "agg";
                emit_open(e, "if (why != SQLKC_RT_FLUSH_TIMER || sqlkc_rt_now_ms() - %s_%d_ended >= INT64_C(%lld))", op,
                          chain[k]->id, (long long)chain[k]->minibatch_ms);
                emit_line(e, "if (%s_%d_finish(ctx) != SQLKC_RT_OK)", op, chain[k]->id);
                emit_line(e, "    return SQLKC_RT_ERR;");
                emit_close(e, NULL);
            }
    }
    emit_line(e, "return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_blank(e);
    emit_open(e, "static int job_process(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg)");
    emit_open(e, "switch (table)");
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (t->role & SQLKC_RT_ROLE_SOURCE)
            emit_line(e, "case %d: return src_%s_process(ctx, msg);", table_slot(p, t), t->ident);
    }
    emit_line(e, "default: return SQLKC_RT_OK;");
    emit_close(e, NULL);
    emit_close(e, NULL);
}

/* How often the runtime calls job_flush with SQLKC_RT_FLUSH_TIMER: 0 when
 * no operator holds rows back. */
static int64_t job_timer_ms(const plan_t *p)
{
    int64_t ms = 0; /* the shortest table.exec.mini-batch.allow-latency */
    for (int s = 0; s < p->nsinks; s++)
        for (const plan_node_t *n = p->sinks[s]; n; n = n->input)
            if (n->minibatch && (ms == 0 || n->minibatch_ms < ms))
                ms = n->minibatch_ms;
    return ms;
}

int gen_job(const plan_t *p, arena_t *a, void (*out)(void *arg, const char *s), void *arg)
{
    emit_t e = {out, arg, 0, a};
    gen_t g = {&e, a, p, 0, NULL, NULL};
    char abi[16];
    snprintf(abi, sizeof abi, "%d", SQLKC_RT_ABI);
    const char *base = strrchr(p->sql_file, '/');
    base = base ? base + 1 : p->sql_file;
    char nsettings[16];
    snprintf(nsettings, sizeof nsettings, "%d", p->nsettings);
    char timer_ms[24];
    snprintf(timer_ms, sizeof timer_ms, "%lld", (long long)job_timer_ms(p));
    const char *names[8] = {"version", "sql_file", "abi", "job_name", "sql_file_lit", "nsettings", "timer_ms"};
    const char *values[8] = {SQLKC_VERSION, emit_comment(a, base), abi, emit_cstr(a, p->job_name, strlen(p->job_name)),
                             emit_cstr(a, base, strlen(base)), nsettings, timer_ms};
    emit_template(&e, tpl_job_head_c, names, values, 7);
    gen_avro_confluent_decls(&g);
    gen_nested_decls(&g);
    gen_nested_codecs(&g);
    gen_avro_json_codecs(&g);
    for (int i = 0; i < p->ntables; i++)
        if (p->tables[i]->role & SQLKC_RT_ROLE_SOURCE)
            source(&g, p->tables[i]);
    for (int s = 0; s < p->nsinks; s++)
        pipeline(&g, p->sinks[s]);
    for (int i = 0; i < p->ntables; i++)
        if (p->tables[i]->role & SQLKC_RT_ROLE_SOURCE)
            source_process(&g, p->tables[i]);
    tables(&g);
    lifecycle(&g);
    char nstate_ops[16];
    snprintf(nstate_ops, sizeof nstate_ops, "%d", gen_state(&g));
    names[7] = "nstate_ops";
    values[7] = nstate_ops;
    emit_template(&e, tpl_job_main_c, names, values, 8);
    return 0;
}
