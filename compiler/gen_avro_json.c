/* This file generates the reader and writer of Avro's JSON encoding
 * ('avro.encoding' = 'json') of a format's record, from the schema Flink's
 * AvroSchemaConverter derives: one C function per record, array and map
 * type (and per value type, for the union a nullable value is), with the
 * field names, union branch names and record names known here, calling the
 * runtime's primitives (avro.h, sqlkc_rt_ajson_*).
 *
 * What they do is what Avro's JsonEncoder and JsonDecoder do with Flink's
 * schema:
 *  - a record is an object of its fields in order, an array an array, a map
 *    an object (in the order of the HashMap Flink's converter fills);
 *  - a nullable value is the union ["null", T]: null, or {"<T's name>":
 *    value}, the name being the primitive type's ("int", "long", "bytes",
 *    whatever the logical type) or a record's full name, nested records
 *    being named <record>_<field> (also inside arrays and map values, as the
 *    schema derivation passes the field's name down);
 *  - the reader takes a record's fields by name (JsonDecoder reorders them);
 *    a missing field is an error, an unknown one skipped, a field whose value
 *    does not convert reported only if no later member of that name does, in
 *    field order; of a map's failing values the first key's (by first
 *    appearance) is reported;
 *  - timestamps of record fields follow the format's mapping, those of array
 *    elements and map values the legacy one (millis). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

#define TOP_RECORD "org.apache.flink.avro.generated.record"

static bool is_string(const type_t *t)
{
    return t->kind == TY_CHAR || t->kind == TY_VARCHAR || t->kind == TY_STRING;
}

static bool is_binary(const type_t *t)
{
    return t->kind == TY_BINARY || t->kind == TY_VARBINARY || t->kind == TY_BYTES;
}

/* The count of a MULTISET: a nullable INT, as the schema has it. */
static const type_t *count_type(gen_t *g)
{
    return type_new(g->a, TY_INT, -1, -1, true);
}

/* Whether a record is named below t (t a ROW, or one inside it). */
static bool has_record(const type_t *t)
{
    if (t->kind == TY_ROW)
        return true;
    return (t->elem && has_record(t->elem)) || (t->val && has_record(t->val));
}

/* The union branch name of a non-null value of type t (a record's: rec). */
static const char *branch_name(const type_t *t, const char *rec)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "boolean";
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME: return "int";
    case TY_BIGINT: case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: return "long";
    case TY_FLOAT: return "float";
    case TY_DOUBLE: return "double";
    case TY_ARRAY: return "array";
    case TY_MAP: case TY_MULTISET: return "map";
    case TY_ROW: return rec;
    default: return is_string(t) ? "string" : "bytes"; /* BYTES, DECIMAL */
    }
}

static const char *ts_unit(const type_t *t, bool legacy)
{
    if (legacy)
        return "SQLKC_RT_AVRO_MILLIS";
    return t->p <= 3 ? "SQLKC_RT_AVRO_MILLIS" : t->p <= 6 ? "SQLKC_RT_AVRO_MICROS" : "SQLKC_RT_AVRO_NANOS";
}

/* The memo key of a codec of t: the record names below t depend on rec. */
static const char *key(gen_t *g, const char *kind, const type_t *t, const char *rec, bool legacy)
{
    return arena_printf(g->a, "avro-json-%s:%d:%s", kind, legacy, has_record(t) ? rec : "");
}

static const char *lit(gen_t *g, const char *s)
{
    return emit_cstr(g->a, s, strlen(s));
}

/* ==== reading ============================================================= */

static const char *value_reader(gen_t *g, const type_t *t, const char *rec, bool legacy);

/* An expression reading the plain value of t at the cursor into the item
 * `it`: 0, or -1 with the error set. */
static const char *plain_read(gen_t *g, const type_t *t, const char *rec, bool legacy, const char *it);

static const char *plain_reader(gen_t *g, const type_t *t, const char *rec, bool legacy);

static const char *plain_read(gen_t *g, const type_t *t, const char *rec, bool legacy, const char *it)
{
    arena_t *a = g->a;
    switch (t->kind) {
    case TY_BOOLEAN: return arena_printf(a, "sqlkc_rt_ajson_bool(rd, &%s->v.b)", it);
    case TY_TINYINT: return arena_printf(a, "sqlkc_rt_ajson_int(rd, 8, &%s->v.i)", it);
    case TY_SMALLINT: return arena_printf(a, "sqlkc_rt_ajson_int(rd, 16, &%s->v.i)", it);
    case TY_INT: case TY_DATE: case TY_TIME: return arena_printf(a, "sqlkc_rt_ajson_int(rd, 32, &%s->v.i)", it);
    case TY_BIGINT: return arena_printf(a, "sqlkc_rt_ajson_int(rd, 64, &%s->v.i)", it);
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        return arena_printf(a, "sqlkc_rt_ajson_ts(rd, %s, &%s->v.ts)", ts_unit(t, legacy), it);
    case TY_FLOAT: return arena_printf(a, "sqlkc_rt_ajson_float(rd, &%s->v.f)", it);
    case TY_DOUBLE: return arena_printf(a, "sqlkc_rt_ajson_double(rd, \"double\", &%s->v.d)", it);
    case TY_DECIMAL: return arena_printf(a, "sqlkc_rt_ajson_decimal(rd, &%s->v.dec)", it);
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        return arena_printf(a, "%s(rd, &%s->v.nest)", plain_reader(g, t, rec, legacy), it);
    default:
        if (is_string(t))
            return arena_printf(a, "sqlkc_rt_ajson_string(rd, &%s->v.s)", it);
        if (is_binary(t))
            return arena_printf(a, "sqlkc_rt_ajson_bytes(rd, &%s->v.s)", it);
        return "sqlkc_rt_ajson_fail(rd, \"a type the avro format does not read\")";
    }
}

/* The reader of a value of t (the union a nullable one is): int NAME(rd, it). */
static const char *value_reader(gen_t *g, const type_t *t, const char *rec, bool legacy)
{
    const char *what = key(g, "value", t, rec, legacy);
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    const char *read = plain_read(g, t, rec, legacy, "it"); /* children first */
    name = gen_codec_remember(g, what, t, "ajson_value");
    const char *branch = lit(g, branch_name(t, rec));
    emit_t *e = g->e;
    emit_line(e, "/* Reads an Avro JSON %s. */", emit_comment(g->a, type_str(g->a, t)));
    emit_open(e, "__attribute__((unused)) static int %s(sqlkc_rt_ajson_t *rd, sqlkc_rt_item_t *it)", name);
    if (!t->nullable) {
        emit_line(e, "if (sqlkc_rt_ajson_peek(rd) == 'n')");
        emit_line(e, "    return sqlkc_rt_ajson_expected(rd, %s);", branch);
        emit_line(e, "return %s;", read);
    } else {
        emit_line(e, "sqlkc_rt_ajson_mark_t start, end;");
        emit_line(e, "int u = sqlkc_rt_ajson_union(rd, %s, &start);", branch);
        emit_line(e, "if (u <= 0) {");
        emit_line(e, "    it->null = u == 0;");
        emit_line(e, "    return u;");
        emit_line(e, "}");
        emit_line(e, "if (u == 1 && %s == 0 && (u = sqlkc_rt_ajson_union_end(rd)) == 1)", read);
        emit_line(e, "    return 0;");
        emit_line(e, "/* not the simple {\"branch\": value}: JsonDecoder sees the object as a whole */");
        emit_line(e, "if (rd->fatal || sqlkc_rt_ajson_union_slow(rd, %s, &start, &end) < 0)", branch);
        emit_line(e, "    return -1;");
        emit_line(e, "memset(it, 0, sizeof *it);");
        emit_line(e, "if (%s < 0)", read);
        emit_line(e, "    return -1;");
        emit_line(e, "sqlkc_rt_ajson_reset(rd, end);");
        emit_line(e, "return 0;");
    }
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* A member of a record: the read of field i into its item, then out of the switch. */
static void read_field(gen_t *g, int i, void *arg)
{
    const char *const *fns = arg;
    emit_t *e = g->e;
    emit_line(e, "i = %d;", i);
    emit_line(e, "memset(&items[%d], 0, sizeof items[%d]);", i, i);
    emit_line(e, "ok = %s(rd, &items[%d]);", fns[i], i);
    emit_line(e, "break;");
}

static void record_reader_body(gen_t *g, const type_t *t, const char **fns)
{
    emit_t *e = g->e;
    int n = t->nfields, m = n ? n : 1;
    emit_line(e, "if (sqlkc_rt_ajson_record_begin(rd) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_item_t *items = rd->c.alloc(rd->c.alloc_arg, sizeof *items * %d);", m);
    emit_line(e, "memset(items, 0, sizeof *items * %d);", m);
    /* per field: 0 absent, 1 read, 2 its (last) value does not convert, at pend[i] */
    emit_line(e, "unsigned char st[%d] = {0};", m);
    emit_line(e, "sqlkc_rt_ajson_mark_t pend[%d];", m);
    emit_line(e, "sqlkc_rt_str_t key;");
    emit_line(e, "int k;");
    emit_open(e, "while ((k = sqlkc_rt_ajson_member(rd, &key)) == 1)");
    emit_line(e, "sqlkc_rt_ajson_mark_t at = sqlkc_rt_ajson_mark(rd);");
    emit_line(e, "int i = -1, ok = 0;");
    if (n)
        gen_member_switch(g, "key", (const char *const *)t->names, n, read_field, (void *)fns);
    emit_open(e, "if (i < 0)");
    emit_line(e, "if (sqlkc_rt_ajson_skip(rd) < 0) /* not in the schema: skipped */");
    emit_line(e, "    return -1;");
    emit_line(e, "continue;");
    emit_close(e, NULL);
    emit_open(e, "if (ok == 0)");
    emit_line(e, "st[i] = 1;");
    emit_line(e, "continue;");
    emit_close(e, NULL);
    emit_line(e, "if (rd->fatal)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_ajson_reset(rd, at); /* reported below, if no later member of that name converts */");
    emit_line(e, "if (sqlkc_rt_ajson_skip(rd) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "st[i] = 2;");
    emit_line(e, "pend[i] = at;");
    emit_close(e, NULL);
    emit_line(e, "if (k < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_ajson_mark_t end = sqlkc_rt_ajson_mark(rd);");
    for (int i = 0; i < n; i++) {
        emit_line(e, "if (st[%d] == 0)", i);
        emit_line(e, "    return sqlkc_rt_ajson_missing(rd, %s);", lit(g, t->names[i]));
        emit_open(e, "if (st[%d] == 2)", i);
        emit_line(e, "sqlkc_rt_ajson_reset(rd, pend[%d]);", i);
        emit_line(e, "memset(&items[%d], 0, sizeof items[%d]);", i, i);
        emit_line(e, "if (%s(rd, &items[%d]) < 0)", fns[i], i);
        emit_line(e, "    return -1;");
        emit_close(e, NULL);
    }
    emit_line(e, "sqlkc_rt_ajson_reset(rd, end);");
    emit_line(e, "(void)pend;");
    emit_line(e, "out->items = items;");
    emit_line(e, "out->n = %d;", n);
    emit_line(e, "return 0;");
}

static void array_reader_body(gen_t *g, const char *elem)
{
    emit_t *e = g->e;
    emit_line(e, "if (sqlkc_rt_ajson_array_begin(rd) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_item_t *items = NULL;");
    emit_line(e, "uint32_t n = 0, cap = 0;");
    emit_line(e, "int k;");
    emit_open(e, "while ((k = sqlkc_rt_ajson_element(rd)) == 1)");
    emit_line(e, "if (!(items = sqlkc_rt_items_reserve(items, n, 1, &cap, 1, rd->c.alloc, rd->c.alloc_arg)))");
    emit_line(e, "    return sqlkc_rt_ajson_fail(rd, \"too many array elements\");");
    emit_line(e, "memset(&items[n], 0, sizeof items[n]);");
    emit_line(e, "if (%s(rd, &items[n]) < 0)", elem);
    emit_line(e, "    return -1;");
    emit_line(e, "n++;");
    emit_close(e, NULL);
    emit_line(e, "if (k < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "out->items = items ? items : rd->c.alloc(rd->c.alloc_arg, sizeof *items);");
    emit_line(e, "out->n = n;");
    emit_line(e, "return 0;");
}

static void map_reader_body(gen_t *g, const char *val)
{
    emit_t *e = g->e;
    emit_line(e, "if (sqlkc_rt_ajson_map_begin(rd) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_item_t *items = NULL; /* key, value pairs */");
    emit_line(e, "unsigned char *bad = NULL;");
    emit_line(e, "sqlkc_rt_ajson_mark_t *at = NULL;");
    emit_line(e, "uint32_t n = 0, cap = 0;");
    emit_line(e, "bool any_bad = false;");
    emit_line(e, "sqlkc_rt_str_t key;");
    emit_line(e, "int k;");
    emit_open(e, "while ((k = sqlkc_rt_ajson_member(rd, &key)) == 1)");
    emit_line(e, "if (sqlkc_rt_ajson_entries_reserve(rd, &items, &bad, &at, n, &cap) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_ajson_map_key(rd, key, &items[2 * n]);");
    emit_line(e, "at[n] = sqlkc_rt_ajson_mark(rd);");
    emit_line(e, "bad[n] = %s(rd, &items[2 * n + 1]) < 0;", val);
    emit_open(e, "if (bad[n])");
    emit_line(e, "if (rd->fatal)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_ajson_reset(rd, at[n]);");
    emit_line(e, "if (sqlkc_rt_ajson_skip(rd) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "any_bad = true;");
    emit_close(e, NULL);
    emit_line(e, "n++;");
    emit_close(e, NULL);
    emit_line(e, "if (k < 0)");
    emit_line(e, "    return -1;");
    emit_open(e, "if (any_bad)");
    emit_line(e, "int64_t w = sqlkc_rt_ajson_map_bad(rd, items, n, bad);");
    emit_open(e, "if (w >= 0)");
    emit_line(e, "sqlkc_rt_ajson_reset(rd, at[w]);");
    emit_line(e, "memset(&items[2 * w + 1], 0, sizeof items[0]);");
    emit_line(e, "if (%s(rd, &items[2 * w + 1]) < 0)", val);
    emit_line(e, "    return -1;");
    emit_line(e, "return sqlkc_rt_ajson_fail(rd, \"a map value that failed to convert once converted on a second "
                 "read\");");
    emit_close(e, NULL);
    emit_close(e, NULL);
    emit_line(e, "out->items = items ? items : rd->c.alloc(rd->c.alloc_arg, sizeof *items * 2);");
    emit_line(e, "out->n = sqlkc_rt_ajson_map_order(rd, items, n);");
    emit_line(e, "return 0;");
}

/* The reader of the plain value of nested type t: int NAME(rd, out). */
static const char *plain_reader(gen_t *g, const type_t *t, const char *rec, bool legacy)
{
    const char *what = key(g, "plain", t, rec, legacy);
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    /* children first: a record's fields (nested records named
     * <record>_<field>), array elements and map values (legacy timestamps) */
    const char **fns = NULL;
    if (t->kind == TY_ROW) {
        fns = arena_alloc(g->a, sizeof *fns * (size_t)(t->nfields + 1));
        for (int i = 0; i < t->nfields; i++) {
            const type_t *f = t->fields[i];
            const char *sub = has_record(f) ? arena_printf(g->a, "%s_%s", rec, t->names[i]) : rec;
            fns[i] = value_reader(g, f, sub, legacy);
        }
    } else if (t->kind == TY_ARRAY) {
        fns = arena_alloc(g->a, sizeof *fns);
        fns[0] = value_reader(g, t->elem, rec, true);
    } else {
        fns = arena_alloc(g->a, sizeof *fns);
        fns[0] = value_reader(g, t->kind == TY_MAP ? t->val : count_type(g), rec, true);
    }
    name = gen_codec_remember(g, what, t, "ajson_read");
    emit_t *e = g->e;
    emit_line(e, "/* Reads an Avro JSON %s%s%s. */", emit_comment(g->a, type_str(g->a, t)),
              t->kind == TY_ROW ? ", record " : "", t->kind == TY_ROW ? emit_comment(g->a, rec) : "");
    emit_open(e, "__attribute__((unused)) static int %s(sqlkc_rt_ajson_t *rd, sqlkc_rt_nested_t *out)", name);
    if (t->kind == TY_ROW)
        record_reader_body(g, t, fns);
    else if (t->kind == TY_ARRAY)
        array_reader_body(g, fns[0]);
    else
        map_reader_body(g, fns[0]);
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* ==== writing ============================================================= */

static const char *plain_writer(gen_t *g, const type_t *t, const char *rec, bool legacy);

/* Emits writing the item `it` (the union a nullable value is). */
static void write_item(gen_t *g, const type_t *t, const char *rec, bool legacy, const char *it)
{
    emit_t *e = g->e;
    const char *nested = NULL;
    if (t->kind == TY_ARRAY || t->kind == TY_MAP || t->kind == TY_MULTISET || t->kind == TY_ROW)
        nested = plain_writer(g, t, rec, legacy);
    emit_open(e, "if (%s->null)", it);
    if (t->nullable)
        emit_line(e, "sqlkc_rt_buf_put(b, \"null\", 4);");
    else
        emit_line(e, "return SQLKC_RT_AVRO_NOT_NULL_MSG;");
    emit_close(e, " else {");
    e->indent++;
    if (t->nullable) {
        const char *head = arena_printf(g->a, "{\"%s\":", branch_name(t, rec));
        bool plain = true;
        for (const char *p = branch_name(t, rec); *p; p++)
            plain = plain && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\';
        if (plain) {
            emit_line(e, "sqlkc_rt_buf_put(b, %s, %zu);", lit(g, head), strlen(head));
        } else {
            emit_line(e, "sqlkc_rt_buf_putc(b, '{');");
            emit_line(e, "sqlkc_rt_json_put_str(b, %s, %zu);", lit(g, branch_name(t, rec)),
                      strlen(branch_name(t, rec)));
            emit_line(e, "sqlkc_rt_buf_putc(b, ':');");
        }
    }
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_json_put_bool(b, %s->v.b);", it); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_json_put_i64(b, %s->v.i);", it);
        break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_line(e, "sqlkc_rt_json_put_i64(b, sqlkc_rt_avro_ts_long(%s->v.ts, %s));", it, ts_unit(t, legacy));
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_json_put_float(b, %s->v.f);", it); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_json_put_double(b, %s->v.d);", it); break;
    case TY_DECIMAL: emit_line(e, "sqlkc_rt_ajson_put_decimal(b, %s->v.dec);", it); break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_open(e, "%s", "");
        emit_line(e, "const char *why = %s(b, &%s->v.nest, ctx);", nested, it);
        emit_line(e, "if (why)");
        emit_line(e, "    return why;");
        emit_close(e, NULL);
        break;
    default:
        if (is_string(t))
            emit_line(e, "sqlkc_rt_json_put_str(b, %s->v.s.p, %s->v.s.n);", it, it);
        else if (is_binary(t))
            emit_line(e, "sqlkc_rt_ajson_put_latin1(b, %s->v.s.p, %s->v.s.n);", it, it);
        else
            emit_line(e, "return \"a type the avro format does not write\";");
    }
    if (t->nullable)
        emit_line(e, "sqlkc_rt_buf_putc(b, '}');");
    emit_close(e, NULL);
}

/* The writer of the plain value of nested type t:
 * const char *NAME(b, v, ctx): NULL, or why it cannot be written. */
static const char *plain_writer(gen_t *g, const type_t *t, const char *rec, bool legacy)
{
    const char *what = key(g, "write", t, rec, legacy);
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    /* children first */
    const char **subs = NULL;
    if (t->kind == TY_ROW) {
        subs = arena_alloc(g->a, sizeof *subs * (size_t)(t->nfields + 1));
        for (int i = 0; i < t->nfields; i++) {
            const type_t *f = t->fields[i];
            subs[i] = has_record(f) ? arena_printf(g->a, "%s_%s", rec, t->names[i]) : rec;
            if (f->kind == TY_ARRAY || f->kind == TY_MAP || f->kind == TY_MULTISET || f->kind == TY_ROW)
                plain_writer(g, f, subs[i], legacy);
        }
    } else {
        const type_t *c = t->kind == TY_ARRAY ? t->elem : t->kind == TY_MAP ? t->val : count_type(g);
        if (c->kind == TY_ARRAY || c->kind == TY_MAP || c->kind == TY_MULTISET || c->kind == TY_ROW)
            plain_writer(g, c, rec, true);
    }
    name = gen_codec_remember(g, what, t, "ajson_write");
    emit_t *e = g->e;
    emit_line(e, "/* Writes an Avro JSON %s%s%s. */", emit_comment(g->a, type_str(g->a, t)),
              t->kind == TY_ROW ? ", record " : "", t->kind == TY_ROW ? emit_comment(g->a, rec) : "");
    emit_open(e, "__attribute__((unused)) static const char *%s(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, "
                 "sqlkc_rt_ctx_t *ctx)", name);
    if (t->kind == TY_ROW) {
        int n = t->nfields;
        emit_line(e, "if (v->n != %d)", n);
        emit_line(e, "    return \"a ROW value whose field count is not its type's\";");
        if (n == 0)
            emit_line(e, "sqlkc_rt_buf_put(b, \"{}\", 2);");
        for (int i = 0; i < n; i++) {
            const char *fname = t->names[i];
            bool plain = true;
            for (const char *p = fname; *p; p++)
                plain = plain && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\';
            emit_line(e, "/* %s %s */", emit_comment(g->a, fname), emit_comment(g->a, type_str(g->a, t->fields[i])));
            if (plain) {
                const char *head = arena_printf(g->a, "%s\"%s\":", i ? "," : "{", fname);
                emit_line(e, "sqlkc_rt_buf_put(b, %s, %zu);", lit(g, head), strlen(head));
            } else {
                emit_line(e, "sqlkc_rt_buf_putc(b, '%c');", i ? ',' : '{');
                emit_line(e, "sqlkc_rt_json_put_str(b, %s, %zu);", lit(g, fname), strlen(fname));
                emit_line(e, "sqlkc_rt_buf_putc(b, ':');");
            }
            emit_open(e, "%s", "");
            emit_line(e, "const sqlkc_rt_item_t *it = &v->items[%d];", i);
            write_item(g, t->fields[i], subs[i], legacy, "it");
            emit_close(e, NULL);
        }
        if (n)
            emit_line(e, "sqlkc_rt_buf_putc(b, '}');");
    } else if (t->kind == TY_ARRAY) {
        emit_line(e, "sqlkc_rt_buf_putc(b, '[');");
        emit_open(e, "for (uint32_t i = 0; i < v->n; i++)");
        emit_line(e, "if (i)");
        emit_line(e, "    sqlkc_rt_buf_putc(b, ',');");
        emit_line(e, "const sqlkc_rt_item_t *it = &v->items[i];");
        write_item(g, t->elem, rec, true, "it");
        emit_close(e, NULL);
        emit_line(e, "sqlkc_rt_buf_putc(b, ']');");
    } else {
        /* new HashMap<String, Object>(computeRequiredCapacity(n)), as the binary writer */
        emit_line(e, "for (uint32_t i = 0; i < v->n; i++)");
        emit_line(e, "    if (v->items[2 * i].null) /* keyArray.getString(i).toString() */");
        emit_line(e, "        return \"Avro cannot write a map entry with a NULL key\";");
        emit_line(e, "sqlkc_rt_item_t *items = NULL;");
        emit_line(e, "uint32_t n = v->n ? sqlkc_rt_avro_map_write_order(v, &items, scratch_alloc, ctx) : 0;");
        emit_line(e, "sqlkc_rt_buf_putc(b, '{');");
        emit_open(e, "for (uint32_t i = 0; i < n; i++)");
        emit_line(e, "if (i)");
        emit_line(e, "    sqlkc_rt_buf_putc(b, ',');");
        emit_line(e, "sqlkc_rt_json_put_str(b, items[2 * i].v.s.p, items[2 * i].v.s.n);");
        emit_line(e, "sqlkc_rt_buf_putc(b, ':');");
        emit_line(e, "const sqlkc_rt_item_t *it = &items[2 * i + 1];");
        write_item(g, t->kind == TY_MAP ? t->val : count_type(g), rec, true, "it");
        emit_close(e, NULL);
        emit_line(e, "sqlkc_rt_buf_putc(b, '}');");
    }
    emit_line(e, "(void)ctx;");
    emit_line(e, "return NULL;");
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* ==== entry points ======================================================== */

void gen_avro_json_codecs(gen_t *g)
{
    const plan_t *p = g->p;
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (!t->role)
            continue;
        const format_t *fs[2] = {&t->key, &t->value};
        for (int k = 0; k < 2; k++) {
            if (!fs[k]->avro_json)
                continue;
            const type_t *rec = gen_avro_record_type(g, t, fs[k]);
            if (t->role & SQLKC_RT_ROLE_SOURCE)
                gen_avro_json_reader(g, t, fs[k]);
            if (t->role & SQLKC_RT_ROLE_SINK)
                gen_avro_json_writer(g, t, fs[k]);
            (void)rec;
        }
    }
}

const char *gen_avro_json_reader(gen_t *g, const table_t *t, const format_t *f)
{
    return plain_reader(g, gen_avro_record_type(g, t, f), TOP_RECORD, f->avro_ts_legacy);
}

const char *gen_avro_json_writer(gen_t *g, const table_t *t, const format_t *f)
{
    return plain_writer(g, gen_avro_record_type(g, t, f), TOP_RECORD, f->avro_ts_legacy);
}
