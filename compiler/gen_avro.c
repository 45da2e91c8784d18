/* This file generates the encoder of Flink's avro format for a sink's key or
 * value: one bare Avro datum of the record schema Flink derives from the
 * columns (AvroSchemaConverter): the fields in order, a nullable column as the
 * union ["null", T] (branch 0 for NULL, 1 then the value), a NOT NULL column
 * (a PRIMARY KEY column) as T itself; and the decoder of a source's. With
 * 'avro.timestamp_mapping.legacy' = 'false' a TIMESTAMP(p) or
 * TIMESTAMP_LTZ(p) is a long of millis, micros or nanos by p (avro.h). With
 * 'avro.encoding' = 'json' the record goes through the reader and writer of
 * Avro's JSON encoding generated for it (gen_avro_json.c) as an array of
 * items. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

/* Whether the decoder needs the context: for nested values' scratch memory,
 * and for a string's copy when it is not well-formed UTF-8. */
static bool has_nested(const table_t *t, const format_t *f)
{
    for (int i = 0; i < f->ncols; i++)
        if (type_is_nested(t->cols[f->cols[i]].type) || type_is_string(t->cols[f->cols[i]].type))
            return true;
    return false;
}

/* The unit constant of a timestamp under the non-legacy mapping. */
static const char *ts_unit(const type_t *t)
{
    return t->p <= 3 ? "SQLKC_RT_AVRO_MILLIS" : t->p <= 6 ? "SQLKC_RT_AVRO_MICROS" : "SQLKC_RT_AVRO_NANOS";
}

static void put_value(gen_t *g, const format_t *f, const char *buf, const char *v, const type_t *t, const char *name)
{
    bool legacy = f->avro_ts_legacy;
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_open(e, "%s", "");
        emit_line(e, "const char *why = %s(%s, &%s, ctx);", gen_avro_nested_writer(g, t, f), buf, v);
        emit_line(e, "if (why)");
        emit_line(e, "    return sqlkc_rt_fail(ctx, \"Fail to serialize at field: %%s. (%%s)\", %s, why);",
                  emit_cstr(g->a, name, strlen(name)));
        emit_close(e, NULL);
        break;
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_avro_put_bool(%s, %s);", buf, v); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME:
        emit_line(e, "sqlkc_rt_avro_put_int(%s, %s);", buf, v);
        break;
    case TY_BIGINT: emit_line(e, "sqlkc_rt_avro_put_long(%s, %s);", buf, v); break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        if (legacy) /* timestamp-millis: the local date-time read as UTC */
            emit_line(e, "sqlkc_rt_avro_put_long(%s, %s.millis);", buf, v);
        else /* local-timestamp-* (TIMESTAMP) or timestamp-* (TIMESTAMP_LTZ) */
            emit_line(e, "sqlkc_rt_avro_put_ts(%s, %s, %s);", buf, v, ts_unit(t));
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_avro_put_float(%s, %s);", buf, v); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_avro_put_double(%s, %s);", buf, v); break;
    case TY_DECIMAL: emit_line(e, "sqlkc_rt_avro_put_decimal(%s, %s);", buf, v); break;
    default: /* CHAR, VARCHAR, BINARY, VARBINARY */
        emit_line(e, "sqlkc_rt_avro_put_bytes(%s, %s.p, %s.n);", buf, v, v);
        break;
    }
}

const type_t *gen_avro_record_type(gen_t *g, const table_t *t, const format_t *f)
{
    type_t *r = (type_t *)type_new(g->a, TY_ROW, -1, -1, false);
    r->nfields = f->ncols;
    r->names = arena_alloc(g->a, sizeof(char *) * (size_t)(f->ncols + 1));
    r->fields = arena_alloc(g->a, sizeof(type_t *) * (size_t)(f->ncols + 1));
    for (int i = 0; i < f->ncols; i++) {
        r->names[i] = f->names[i];
        r->fields[i] = t->cols[f->cols[i]].type;
    }
    return r;
}

/* The member of sqlkc_rt_item_t that holds a value of type t. */
static const char *item_member(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "b";
    case TY_FLOAT: return "f";
    case TY_DOUBLE: return "d";
    case TY_DECIMAL: return "dec";
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY: return "s";
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: return "ts";
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW: return "nest";
    default: return "i"; /* integers, DATE, TIME */
    }
}

static void json_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                        const int *map)
{
    emit_t *e = g->e;
    emit_line(e, "static bool started; /* Flink's JsonEncoder has written a record: a separator first */");
    emit_line(e, "sqlkc_rt_item_t rec[%d];", f->ncols);
    emit_line(e, "memset(rec, 0, sizeof rec);");
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        if (map[i] < 0) { /* a column the INSERT leaves NULL */
            emit_line(e, "rec[%d].null = true;", i);
            continue;
        }
        if (ty->nullable)
            emit_line(e, "rec[%d].null = %s;", i, gen_isnull(g, row, map[i]));
        emit_line(e, "if (!rec[%d].null)", i);
        emit_line(e, "    rec[%d].v.%s = %s->f%d;", i, item_member(ty), row, map[i]);
    }
    emit_line(e, "if (started)");
    emit_line(e, "    sqlkc_rt_buf_putc(%s, '\\n'); /* MinimalPrettyPrinter's root value separator */", buf);
    emit_line(e, "started = true;");
    emit_line(e, "const char *why = %s(%s, &(sqlkc_rt_nested_t){rec, %d}, ctx);", gen_avro_json_writer(g, t, f), buf,
              f->ncols);
    emit_line(e, "if (why)");
    emit_line(e, "    return sqlkc_rt_fail(ctx, \"Failed to serialize Avro record as JSON: %%s\", why);");
}

void gen_avro_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                     const int *map)
{
    emit_t *e = g->e;
    if (f->avro_json) {
        json_encode(g, t, f, buf, row, map);
        return;
    }
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        if (map[i] < 0) { /* a column the INSERT leaves NULL: nullable, as the analyzer checked */
            emit_line(e, "sqlkc_rt_avro_put_int(%s, 0); /* union branch 0: null */", buf);
            continue;
        }
        const char *v = arena_printf(g->a, "%s->f%d", row, map[i]);
        if (!ty->nullable) {
            put_value(g, f, buf, v, ty, f->names[i]);
            continue;
        }
        emit_open(e, "if (%s)", gen_isnull(g, row, map[i]));
        emit_line(e, "sqlkc_rt_avro_put_int(%s, 0); /* union branch 0: null */", buf);
        emit_close(e, " else {");
        e->indent++;
        emit_line(e, "sqlkc_rt_avro_put_int(%s, 1); /* union branch 1: the value */", buf);
        put_value(g, f, buf, v, ty, f->names[i]);
        emit_close(e, NULL);
    }
}

/* Emits reading one value of type t at the cursor into dst (an lvalue). */
static void get_value(gen_t *g, const format_t *f, const char *dst, const type_t *t)
{
    bool legacy = f->avro_ts_legacy;
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "if (%s(&c, &%s, ctx) < 0) goto fail;", gen_avro_nested_reader(g, t, f), dst);
        break;
    case TY_BOOLEAN: emit_line(e, "if (sqlkc_rt_avro_get_bool(&c, &%s) < 0) goto fail;", dst); break;
    case TY_TINYINT: case TY_SMALLINT:
        emit_open(e, "%s", "");
        emit_line(e, "int32_t v;");
        emit_line(e, "if (sqlkc_rt_avro_get_int(&c, &v) < 0) goto fail;");
        emit_line(e, "%s = (%s)(%s)v; /* Integer.byteValue/shortValue */", dst, gen_ctype(t), gen_utype(t));
        emit_close(e, NULL);
        break;
    case TY_INT: case TY_DATE: case TY_TIME:
        emit_line(e, "if (sqlkc_rt_avro_get_int(&c, &%s) < 0) goto fail;", dst);
        break;
    case TY_BIGINT: emit_line(e, "if (sqlkc_rt_avro_get_long(&c, &%s) < 0) goto fail;", dst); break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        if (legacy) {
            emit_line(e, "%s.nanos = 0;", dst);
            emit_line(e, "if (sqlkc_rt_avro_get_long(&c, &%s.millis) < 0) goto fail;", dst);
        } else {
            emit_line(e, "if (sqlkc_rt_avro_get_ts(&c, &%s, %s) < 0) goto fail;", dst, ts_unit(t));
        }
        break;
    case TY_FLOAT: emit_line(e, "if (sqlkc_rt_avro_get_float(&c, &%s) < 0) goto fail;", dst); break;
    case TY_DOUBLE: emit_line(e, "if (sqlkc_rt_avro_get_double(&c, &%s) < 0) goto fail;", dst); break;
    case TY_DECIMAL: emit_line(e, "if (sqlkc_rt_avro_get_decimal(&c, &%s) < 0) goto fail;", dst); break;
    case TY_CHAR: case TY_VARCHAR: /* Utf8.toString(): ill-formed UTF-8 becomes U+FFFD */
        emit_line(e, "if (sqlkc_rt_avro_get_bytes(&c, &%s) < 0) goto fail;", dst);
        emit_line(e, "sqlkc_rt_utf8_java(&%s, scratch_alloc, ctx);", dst);
        break;
    default: emit_line(e, "if (sqlkc_rt_avro_get_bytes(&c, &%s) < 0) goto fail;", dst); break;
    }
}

/* The decoder of Avro's JSON encoding: the runtime reads the record into
 * items, which go into the row's fields. */
static void json_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type)
{
    emit_t *e = g->e;
    emit_line(e, "/* Decodes the avro %s of table %s: Avro's JSON encoding of the derived record schema. */",
              f->prefix[0] == 'k' ? "key" : "value", emit_comment(g->a, t->name));
    emit_open(e, "static int %s(sqlkc_rt_ctx_t *ctx, const void *data, size_t len, %s *row, char *err, "
                 "size_t errlen)", fn, row_type);
    emit_line(e, "sqlkc_rt_ajson_t rd;");
    emit_line(e, "sqlkc_rt_ajson_init(&rd, data, len, scratch_alloc, ctx, err, errlen);");
    emit_line(e, "sqlkc_rt_nested_t record = {0};");
    emit_line(e, "if (sqlkc_rt_ajson_finish(&rd, %s(&rd, &record), data, len) < 0)", gen_avro_json_reader(g, t, f));
    emit_line(e, "    return -1;");
    emit_line(e, "const sqlkc_rt_item_t *rec = record.items;");
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        int rf = gen_row_field(t, f->cols[i]);
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        gen_setnull(g, "row", rf, arena_printf(g->a, "rec[%d].null", i));
        /* the reader zeroes its items: a NULL one copies zeros */
        const char *m = item_member(ty);
        if (!strcmp(m, "s") || !strcmp(m, "ts") || !strcmp(m, "nest")) /* the same struct type */
            emit_line(e, "row->f%d = rec[%d].v.%s;", rf, i, m);
        else /* TINYINT, SMALLINT, INT, DATE, TIME from the int64_t, which holds their value */
            emit_line(e, "row->f%d = (%s)rec[%d].v.%s;", rf, gen_ctype(ty), i, m);
    }
    emit_line(e, "return 0;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_avro_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type)
{
    emit_t *e = g->e;
    if (f->avro_json) {
        json_decoder(g, t, f, fn, row_type);
        return;
    }
    emit_line(e, "/* Decodes the avro %s of table %s: one datum of the derived record schema. */",
              f->prefix[0] == 'k' ? "key" : "value", emit_comment(g->a, t->name));
    /* a decoder of nested values takes the context for their scratch memory */
    emit_open(e, "static int %s(%sconst void *data, size_t len, %s *row, char *err, size_t errlen)", fn,
              has_nested(t, f) ? "sqlkc_rt_ctx_t *ctx, " : "", row_type);
    emit_line(e, "sqlkc_rt_acur_t c;");
    emit_line(e, "sqlkc_rt_acur_init(&c, data, len);");
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        int rf = gen_row_field(t, f->cols[i]);
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        gen_setnull(g, "row", rf, "true");
        const char *dst = arena_printf(g->a, "row->f%d", rf);
        if (ty->nullable) {
            emit_open(e, "%s", "");
            emit_line(e, "bool has_value;");
            emit_line(e, "if (sqlkc_rt_avro_get_branch(&c, &has_value) < 0) goto fail;");
            emit_open(e, "if (has_value)");
            get_value(g, f, dst, ty);
            gen_setnull(g, "row", rf, "false");
            emit_close(e, NULL);
            emit_close(e, NULL);
        } else {
            get_value(g, f, dst, ty);
            gen_setnull(g, "row", rf, "false");
        }
    }
    emit_line(e, "return 0;");
    emit_line(e, "fail:");
    emit_line(e, "snprintf(err, errlen, \"%%s (at byte %%zu of %%zu)\", c.err, (size_t)(c.p - c.start), len);");
    emit_line(e, "return -1;");
    emit_close(e, NULL);
    emit_blank(e);
}

/* ---- avro-confluent: the same datum behind the registry's 5-byte header ---- */

static bool is_confluent(const table_t *t) { return t->key.kind == FMT_AVRO_CONFLUENT || t->value.kind == FMT_AVRO_CONFLUENT; }

/* The tables[] index of t: the job's used tables in plan order (as gen.c
 * lists them). */
static int slot_of(const plan_t *p, const table_t *t)
{
    int k = 0;
    for (int i = 0; i < p->ntables && p->tables[i] != t; i++)
        if (p->tables[i]->role)
            k++;
    return k;
}

void gen_avro_confluent_decls(gen_t *g)
{
    emit_t *e = g->e;
    bool any = false;
    for (int i = 0; i < g->p->ntables; i++) {
        const table_t *t = g->p->tables[i];
        if (!t->role || !is_confluent(t))
            continue;
        if (!any)
            emit_line(e, "#include <sqlkc/registry.h>");
        any = true;
        const format_t *fs[2] = {&t->key, &t->value};
        for (int k = 0; k < 2; k++) {
            if (fs[k]->kind != FMT_AVRO_CONFLUENT)
                continue;
            const char *part = k ? "value" : "key";
            if (t->role & SQLKC_RT_ROLE_SINK)
                emit_line(e, "static int32_t confluent_%s_%s_id; /* schema id of the %s, resolved at init */", t->ident,
                          part, part);
            if (t->role & SQLKC_RT_ROLE_SOURCE)
                emit_line(e, "static sqlkc_rt_confluent_reader_t *confluent_%s_%s_reader;", t->ident, part);
        }
    }
    if (any)
        emit_blank(e);
}

void gen_avro_confluent_header(gen_t *g, const table_t *t, const format_t *f, const char *buf)
{
    emit_line(g->e, "sqlkc_rt_confluent_put_header(%s, confluent_%s_%s_id); /* magic byte 0, schema id */", buf,
              t->ident, f == &t->key ? "key" : "value");
}

void gen_avro_confluent_init(gen_t *g)
{
    emit_t *e = g->e;
    for (int i = 0; i < g->p->ntables; i++) {
        const table_t *t = g->p->tables[i];
        if (!t->role || !is_confluent(t))
            continue;
        const format_t *fs[2] = {&t->key, &t->value};
        for (int k = 0; k < 2; k++) {
            const format_t *f = fs[k];
            if (f->kind != FMT_AVRO_CONFLUENT)
                continue;
            const char *part = k ? "value" : "key";
            const char *schema = avro_confluent_schema(g->a, t, f);
            const char *lit = emit_cstr(g->a, schema, strlen(schema));
            emit_line(e, "/* %s of %s: %s */", part, emit_comment(g->a, t->name), emit_comment(g->a, schema));
            if (t->role & SQLKC_RT_ROLE_SINK) {
                emit_line(e, "if (sqlkc_rt_confluent_writer_id(ctx, %d, \"%s\", %s, %s, &confluent_%s_%s_id) != "
                             "SQLKC_RT_OK)", slot_of(g->p, t), f->prefix, k ? "false" : "true", lit, t->ident, part);
                emit_line(e, "    return SQLKC_RT_ERR;");
            }
            if (t->role & SQLKC_RT_ROLE_SOURCE) {
                emit_line(e, "confluent_%s_%s_reader = sqlkc_rt_confluent_reader_new(ctx, %d, \"%s\", %s);", t->ident,
                          part, slot_of(g->p, t), f->prefix, lit);
                emit_line(e, "if (!confluent_%s_%s_reader)", t->ident, part);
                emit_line(e, "    return SQLKC_RT_ERR;");
            }
        }
    }
}

void gen_avro_confluent_fini(gen_t *g)
{
    for (int i = 0; i < g->p->ntables; i++) {
        const table_t *t = g->p->tables[i];
        if (!(t->role & SQLKC_RT_ROLE_SOURCE))
            continue;
        if (t->key.kind == FMT_AVRO_CONFLUENT)
            emit_line(g->e, "sqlkc_rt_confluent_reader_free(confluent_%s_key_reader);", t->ident);
        if (t->value.kind == FMT_AVRO_CONFLUENT)
            emit_line(g->e, "sqlkc_rt_confluent_reader_free(confluent_%s_value_reader);", t->ident);
    }
}

void gen_avro_confluent_read(gen_t *g, const table_t *t, const format_t *f, const char *msg, const char *len)
{
    emit_t *e = g->e;
    const char *part = f == &t->key ? "key" : "value";
    emit_line(e, "/* ConfluentSchemaRegistryCoder: header, writer schema by id, resolution to the table's schema */");
    emit_line(e, "const void *datum;");
    emit_line(e, "size_t datum_len;");
    emit_line(e, "if (sqlkc_rt_confluent_read(ctx, confluent_%s_%s_reader, %s, %s, &datum, &datum_len, err, sizeof err) "
                 "!= 0)", t->ident, part, msg, len);
    emit_line(e, "    return sqlkc_rt_fail(ctx, \"Failed to deserialize the Avro %s: %%s\", err);", part);
}
