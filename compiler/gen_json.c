/* This file generates the JSON codec of a table's key or value format: a
 * decoder that knows the field names and types (dispatch on the name's length,
 * then its bytes) and an encoder that writes the fields in table order exactly
 * as Flink's json format does. Only runtime primitives are called. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

static const char *getter(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "bool";
    case TY_TINYINT: return "i8";
    case TY_SMALLINT: return "i16";
    case TY_INT: return "i32";
    case TY_BIGINT: return "i64";
    case TY_FLOAT: return "float";
    case TY_DOUBLE: return "double";
    case TY_DECIMAL: return "decimal";
    case TY_CHAR: case TY_VARCHAR: return "str";
    case TY_BINARY: case TY_VARBINARY: return "bytes";
    case TY_DATE: return "date";
    case TY_TIME: return "time";
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ: return "timestamp";
    default: return NULL;
    }
}

static bool has_decimal_type(const type_t *t)
{
    if (t->kind == TY_DECIMAL)
        return true;
    if ((t->elem && has_decimal_type(t->elem)) || (t->val && has_decimal_type(t->val)))
        return true;
    for (int i = 0; i < t->nfields; i++)
        if (has_decimal_type(t->fields[i]))
            return true;
    return false;
}

typedef struct field_ref {
    const char *name; /* name inside the format */
    int row_field;    /* field of the row struct */
    const type_t *type;
} field_ref_t;

typedef struct member {
    const char *name;
    size_t len;
    int i;
} member_t;

static int by_len(const void *a, const void *b)
{
    const member_t *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->i - y->i;
}

void gen_member_switch(gen_t *g, const char *key, const char *const *names, int n,
                       void (*body)(gen_t *g, int i, void *arg), void *arg)
{
    emit_t *e = g->e;
    member_t *m = arena_alloc(g->a, sizeof *m * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        m[i] = (member_t){names[i], strlen(names[i]), i};
    qsort(m, (size_t)n, sizeof *m, by_len);
    emit_open(e, "switch (%s.n)", key);
    for (int k = 0; k < n;) {
        size_t len = m[k].len;
        emit_line(e, "case %zu:", len);
        e->indent++;
        for (; k < n && m[k].len == len; k++) {
            emit_open(e, "if (memcmp(%s.p, %s, %zu) == 0)", key, emit_cstr(g->a, m[k].name, len), len);
            body(g, m[k].i, arg);
            emit_close(e, NULL);
        }
        emit_line(e, "break;");
        e->indent--;
    }
    emit_line(e, "default:");
    emit_line(e, "    break;");
    emit_close(e, NULL);
}

/* Emits the reading of one member's value into its row field, with the
 * format's error policy; the cursor is at the value. */
static void emit_read(gen_t *g, const table_t *t, const format_t *f, const field_ref_t *r)
{
    emit_t *e = g->e;
    const char *get = getter(r->type);
    emit_line(e, "/* %s %s */", emit_comment(g->a, r->name), emit_comment(g->a, type_str(g->a, r->type)));
    if (type_is_nested(r->type)) { /* the field's own null, then the value by its type's reader */
        emit_line(e, "r = sqlkc_rt_json_null(cur);");
        emit_line(e, "r = r < 0 ? -1 : r == 1 ? 0 : %s(cur, &row->f%d);", gen_json_nested_reader(g, r->type, f),
                  r->row_field);
    }
    else if (r->type->kind == TY_DECIMAL)
        emit_line(e, "r = sqlkc_rt_json_get_decimal(cur, &row->f%d, %d, %d);", r->row_field, r->type->p,
                  r->type->s);
    else if (r->type->kind == TY_TIMESTAMP || r->type->kind == TY_TIMESTAMP_LTZ)
        emit_line(e, "r = sqlkc_rt_json_get_timestamp(cur, &row->f%d, %s, %s);", r->row_field,
                  f->ts_iso ? "true" : "false", r->type->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
    else
        emit_line(e, "r = sqlkc_rt_json_get_%s(cur, &row->f%d);", get, r->row_field);
    if (f->ignore_parse_errors) { /* a value that does not convert is NULL; bad JSON skips the row */
        emit_open(e, "if (r < 0 && !cur->fatal)");
        emit_line(e, "r = 0;");
        emit_line(e, "sqlkc_rt_count(ctx, SQLKC_RT_COUNT_NULLED);");
        emit_close(e, NULL);
    }
    emit_line(e, "if (r < 0)");
    emit_line(e, "    return -1;");
    gen_setnull(g, "row", r->row_field, "r == 0");
    if (f->fail_on_missing) {
        int idx = 0;
        for (int k = 0; k < f->ncols; k++)
            if (gen_row_field(t, f->cols[k]) == r->row_field)
                idx = k;
        emit_line(e, "seen[%d] |= UINT64_C(1) << %d;", idx / 64, idx % 64);
    }
}

/* Whether Jackson writes the name without escapes, so that the fast path can
 * compare its bytes directly (and they are well-formed UTF-8, which the
 * cursor checks in a member name it reads). */
static bool plain_name(const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == '"' || *p == '\\')
            return false;
    return gen_utf8_valid(name);
}

/* A member of the general loop: the read of refs[i], then the next member. */
struct read_case {
    const table_t *t;
    const format_t *f;
    const field_ref_t *refs;
};

static void read_member(gen_t *g, int i, void *arg)
{
    const struct read_case *rc = arg;
    emit_read(g, rc->t, rc->f, &rc->refs[i]);
    emit_line(g->e, "continue;");
}

void gen_json_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type,
                      const bool *used)
{
    emit_t *e = g->e;
    field_ref_t *refs = arena_alloc(g->a, sizeof *refs * (size_t)(f->ncols + 1));
    int nrefs = 0;
    for (int i = 0; i < f->ncols; i++) {
        if (!used[f->cols[i]] && !f->fail_on_missing)
            continue;
        refs[nrefs].name = f->names[i];
        refs[nrefs].row_field = gen_row_field(t, f->cols[i]);
        refs[nrefs].type = t->cols[f->cols[i]].type;
        nrefs++;
    }
    int words = (f->ncols + 63) / 64;

    emit_line(e, "/* Decodes the JSON %s of table %s into row; absent fields are NULL. */",
              f->prefix[0] == 'k' ? "key" : "value", emit_comment(g->a, t->name));
    emit_open(e, "static int %s(sqlkc_rt_ctx_t *ctx, const void *data, size_t len, %s *row, sqlkc_rt_jcur_t *cur)",
              fn, row_type);
    emit_line(e, "sqlkc_rt_str_t key;");
    emit_line(e, "int r;");
    if (f->fail_on_missing)
        emit_line(e, "uint64_t seen[%d] = {0};", words);
    /* the format's own columns start NULL (absent fields stay NULL); a key
     * decoder and a value decoder may fill one row */
    for (int i = 0; i < f->ncols; i++)
        gen_setnull(g, "row", gen_row_field(t, f->cols[i]), "true");
    emit_line(e, "sqlkc_rt_jcur_init(cur, data, len, scratch_alloc, ctx);");
    bool has_decimal = false; /* LogicalTypeChecks.hasNested: inside ARRAY, MAP, ROW too */
    for (int i = 0; i < t->ncols; i++)
        has_decimal = has_decimal || (t->cols[i].type && has_decimal_type(t->cols[i].type));
    if (has_decimal) /* Flink's mapper then reads floats as BigDecimal, which shows in STRING columns */
        emit_line(e, "cur->flags |= SQLKC_RT_JSON_DECIMAL_FLOATS;");
    emit_line(e, "if (sqlkc_rt_json_object_begin(cur) < 0) return -1;");
    /* members in the declared order are matched by their bytes; from the first
     * surprise on, the general loop below reads the rest */
    int fast = 0;
    while (fast < f->ncols && plain_name(f->names[fast]))
        fast++;
    if (fast)
        emit_line(e, "/* fast path: the members in the order the table declares them */");
    for (int i = 0; i < fast; i++) {
        char *q = arena_printf(g->a, "\"%s\"", f->names[i]);
        emit_line(e, "if (!sqlkc_rt_json_member_is(cur, %s, %zu))", emit_cstr(g->a, q, strlen(q)), strlen(q));
        emit_line(e, "    goto members;");
        const field_ref_t *r = NULL;
        for (int k = 0; k < nrefs; k++)
            if (refs[k].row_field == gen_row_field(t, f->cols[i]))
                r = &refs[k];
        if (r)
            emit_read(g, t, f, r);
        else
            emit_line(e, "if (sqlkc_rt_json_skip(cur) < 0) return -1; /* %s: not read by the job */",
                      emit_comment(g->a, f->names[i]));
    }
    if (fast)
        emit_line(e, "members:");
    emit_open(e, "while ((r = sqlkc_rt_json_object_next(cur, &key)) == 1)");
    const char **names = arena_alloc(g->a, sizeof *names * (size_t)(nrefs + 1));
    for (int i = 0; i < nrefs; i++)
        names[i] = refs[i].name;
    struct read_case rc = {t, f, refs};
    gen_member_switch(g, "key", names, nrefs, read_member, &rc);
    emit_line(e, "if (sqlkc_rt_json_skip(cur) < 0) return -1; /* a field the table does not declare */");
    emit_close(e, NULL);
    /* like Jackson, which stops after the root object, trailing bytes are not read */
    emit_line(e, "if (r < 0)");
    emit_line(e, "    return -1;");
    if (f->fail_on_missing) {
        for (int k = 0; k < f->ncols; k++) {
            emit_open(e, "if (!(seen[%d] >> %d & 1))", k / 64, k % 64);
            emit_line(e, "snprintf(cur->err, sizeof cur->err, \"Could not find field with name '%%s'.\", %s);",
                      emit_cstr(g->a, f->names[k], strlen(f->names[k])));
            emit_line(e, "return -1;");
            emit_close(e, NULL);
        }
    }
    emit_line(e, "return 0;");
    emit_close(e, NULL);
    emit_blank(e);
}

static void put_value(gen_t *g, const format_t *f, const char *buf, const char *v, const type_t *t)
{
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_json_put_bool(%s, %s);", buf, v); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_json_put_i64(%s, %s);", buf, v);
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_json_put_float(%s, %s);", buf, v); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_json_put_double(%s, %s);", buf, v); break;
    case TY_DECIMAL:
        emit_line(e, "sqlkc_rt_json_put_decimal(%s, %s, %d, %s);", buf, v, t->s, f->decimal_plain ? "true" : "false");
        break;
    case TY_CHAR: case TY_VARCHAR: emit_line(e, "sqlkc_rt_json_put_str(%s, %s.p, %s.n);", buf, v, v); break;
    case TY_BINARY: case TY_VARBINARY: emit_line(e, "sqlkc_rt_json_put_bytes(%s, %s.p, %s.n);", buf, v, v); break;
    case TY_DATE: emit_line(e, "sqlkc_rt_json_put_date(%s, %s);", buf, v); break;
    case TY_TIME: emit_line(e, "sqlkc_rt_json_put_time(%s, %s, %d);", buf, v, t->p); break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_LTZ:
        emit_line(e, "sqlkc_rt_json_put_timestamp(%s, %s, %s, %s);", buf, v, f->ts_iso ? "true" : "false",
                  t->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_open(e, "%s", "");
        emit_line(e, "const char *why = %s(%s, &%s);", gen_json_nested_writer(g, t, f), buf, v);
        emit_line(e, "if (why)");
        emit_line(e, "    return sqlkc_rt_fail(ctx, \"%%s\", why);");
        emit_close(e, NULL);
        break;
    default:
        emit_line(e, "sqlkc_rt_json_put_null(%s);", buf);
    }
}

/* The bytes Jackson writes for a field name: the quoted, escaped name and ':'. */
static const char *json_name(gen_t *g, const char *lead, const char *name, size_t *len)
{
    size_t n = strlen(name);
    char *out = arena_alloc(g->a, n * 6 + 8);
    size_t k = 0;
    k += (size_t)sprintf(out, "%s\"", lead);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c == '"' || c == '\\') {
            out[k++] = '\\';
            out[k++] = (char)c;
        } else if (c < 0x20) {
            static const char short_forms[] = "btn\0fr";
            if (c >= 8 && c <= 13 && c != 11) {
                out[k++] = '\\';
                out[k++] = short_forms[c - 8];
            } else {
                k += (size_t)sprintf(out + k, "\\u%04X", c);
            }
        } else {
            out[k++] = (char)c;
        }
    }
    out[k++] = '"';
    out[k++] = ':';
    out[k] = 0;
    *len = k;
    return emit_cstr(g->a, out, k);
}

void gen_json_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                     const int *map)
{
    emit_t *e = g->e;
    if (f->ignore_null_fields) {
        emit_line(e, "bool first = true;");
        emit_line(e, "sqlkc_rt_buf_putc(%s, '{');", buf);
    }
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        int rf = map[i];
        const char *head = f->names[i];
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        if (rf < 0) { /* a sink column the INSERT leaves NULL */
            if (!f->ignore_null_fields) {
                size_t nl;
                const char *lit = json_name(g, i == 0 ? "{" : ",", head, &nl);
                emit_line(e, "sqlkc_rt_buf_put(%s, %s, %zu);", buf, lit, nl);
                emit_line(e, "sqlkc_rt_buf_put(%s, \"null\", 4);", buf);
            }
            continue;
        }
        const char *isnull = gen_isnull(g, row, rf);
        const char *v = arena_printf(g->a, "%s->f%d", row, rf);
        size_t nl;
        if (f->ignore_null_fields) {
            emit_open(e, "if (!%s)", isnull);
            emit_line(e, "if (!first) sqlkc_rt_buf_putc(%s, ',');", buf);
            emit_line(e, "first = false;");
            const char *lit = json_name(g, "", head, &nl);
            emit_line(e, "sqlkc_rt_buf_put(%s, %s, %zu);", buf, lit, nl);
        } else {
            const char *lit = json_name(g, i == 0 ? "{" : ",", head, &nl);
            emit_line(e, "sqlkc_rt_buf_put(%s, %s, %zu);", buf, lit, nl);
        }
        if (f->ignore_null_fields) {
            put_value(g, f, buf, v, ty);
            emit_close(e, NULL);
        } else if (ty->nullable) {
            emit_open(e, "if (%s)", isnull);
            emit_line(e, "sqlkc_rt_json_put_null(%s);", buf);
            emit_close(e, " else {");
            e->indent++;
            put_value(g, f, buf, v, ty);
            emit_close(e, NULL);
        } else {
            put_value(g, f, buf, v, ty);
        }
    }
    /* the object's '{' came with its first field, or with ignore-null-fields up front */
    if (f->ncols == 0 && !f->ignore_null_fields)
        emit_line(e, "sqlkc_rt_buf_puts(%s, \"{}\");", buf);
    else
        emit_line(e, "sqlkc_rt_buf_putc(%s, '}');", buf);
}
