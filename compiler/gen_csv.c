/* This file generates Flink's csv format for a table's key or value. The
 * writer (CsvRowDataSerializationSchema over Jackson's CsvEncoder): the
 * fields in order, separated by the delimiter, no line terminator; numbers
 * and booleans as Java prints them; text, DECIMAL, dates, times, timestamps
 * and base64 bytes through Jackson's quoting heuristic; NULL as the null
 * literal or an empty field. The reader (CsvRowDataDeserializationSchema):
 * the message's first record split by the runtime, then each declared
 * column converted by position as CsvToRowDataConverters does it. ARRAY and
 * ROW columns (of simple types) are one field of elements joined by
 * csv.array-element-delimiter: the runtime splits the field into elements,
 * the code generated here converts or formats each element for its type
 * (the ARRAY's element type, each ROW field in turn) with the scalar
 * primitives, into or from the items of the nested value (nested.h). */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

static void put_text_call(gen_t *g, const format_t *f, const char *buf, const char *p, const char *n)
{
    if (f->csv_escape >= 0)
        emit_line(g->e, "sqlkc_rt_csv_put_text_esc(%s, %s, %s, %d, %d, %d);", buf, p, n, f->csv_delim, f->csv_quote,
                  f->csv_escape);
    else
        emit_line(g->e, "sqlkc_rt_csv_put_text(%s, %s, %s, %d, %d);", buf, p, n, f->csv_delim, f->csv_quote);
}

/* Emits the text of item `it` (a sqlkc_rt_item_t of type t, an ARRAY
 * element or ROW field) appended to the sqlkc_rt_buf_t `text`, as
 * RowDataToCsvConverters and CsvGenerator write an array element: a NULL
 * item as the null literal or nothing, DECIMAL as BigDecimal.toString,
 * whatever csv.write-bigdecimal-in-scientific-notation says, no quoting (the
 * joined text is quoted as a whole). */
static void put_elem(gen_t *g, const format_t *f, const type_t *t, const char *it)
{
    emit_t *e = g->e;
    if (f->csv_null) {
        emit_line(e, "if (%s.null)", it);
        emit_line(e, "    sqlkc_rt_buf_put(&text, %s, %zu);", emit_cstr(g->a, f->csv_null, strlen(f->csv_null)),
                  strlen(f->csv_null));
        emit_open(e, "else");
    } else {
        emit_open(e, "if (!%s.null)", it);
    }
    switch (t->kind) {
    case TY_BOOLEAN:
        emit_line(e, "sqlkc_rt_buf_puts(&text, %s.v.b ? \"true\" : \"false\");", it);
        break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_buf_reserve(&text, 24);");
        emit_line(e, "text.len += sqlkc_rt_fmt_i64(text.p + text.len, %s.v.i);", it);
        break;
    case TY_FLOAT: case TY_DOUBLE:
        emit_line(e, "sqlkc_rt_buf_reserve(&text, SQLKC_RT_FMT_MAX);");
        emit_line(e, "text.len += sqlkc_rt_fmt_%s(text.p + text.len, %s.v.%s);",
                  t->kind == TY_FLOAT ? "float" : "double", it, t->kind == TY_FLOAT ? "f" : "d");
        break;
    case TY_DECIMAL: /* CsvGenerator: String.valueOf(BigDecimal) in arrays */
        emit_line(e, "sqlkc_rt_buf_reserve(&text, SQLKC_RT_FMT_MAX);");
        emit_line(e, "text.len += sqlkc_rt_fmt_decimal(text.p + text.len, %s.v.dec, %d, false);", it, t->s);
        break;
    case TY_CHAR: case TY_VARCHAR:
        emit_line(e, "sqlkc_rt_buf_put(&text, %s.v.s.p, %s.v.s.n);", it, it);
        break;
    case TY_BINARY: case TY_VARBINARY: /* base64 */
        emit_line(e, "sqlkc_rt_buf_reserve(&text, sqlkc_rt_base64_len(%s.v.s.n) + 1);", it);
        emit_line(e, "text.len += sqlkc_rt_base64_encode(text.p + text.len, %s.v.s.p, %s.v.s.n);", it, it);
        break;
    case TY_DATE: case TY_TIME:
        emit_line(e, "sqlkc_rt_buf_reserve(&text, SQLKC_RT_FMT_MAX);");
        emit_line(e, "text.len += sqlkc_rt_fmt_%s(text.p + text.len, (int32_t)%s.v.i);",
                  t->kind == TY_DATE ? "date" : "time_iso", it);
        break;
    default: /* TIMESTAMP, TIMESTAMP_LTZ (check_csv admits no other element type) */
        emit_line(e, "sqlkc_rt_buf_reserve(&text, SQLKC_RT_FMT_MAX);");
        emit_line(e, "text.len += sqlkc_rt_fmt_timestamp(text.p + text.len, %s.v.ts, false, %s);", it,
                  t->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
        break;
    }
    emit_close(e, NULL);
}

/* Emits an ARRAY or ROW value v (a sqlkc_rt_nested_t) appended to buf as one
 * field: its elements joined by csv.array-element-delimiter into a scratch
 * text, which is then quoted like any text field. */
static void put_nested(gen_t *g, const format_t *f, const char *buf, const char *v, const type_t *t)
{
    emit_t *e = g->e;
    size_t seplen = strlen(f->csv_array_delim);
    const char *sep = emit_cstr(g->a, f->csv_array_delim, seplen);
    emit_open(e, "%s", "");
    if (t->kind == TY_ROW) { /* as the json and avro writers check */
        emit_line(e, "if (%s.n != %d)", v, t->nfields);
        emit_line(e, "    return sqlkc_rt_fail(ctx, \"a ROW value whose field count is not its type's\");");
    }
    emit_line(e, "sqlkc_rt_buf_t text = {0};");
    emit_line(e, "const sqlkc_rt_item_t *it = %s.items;", v);
    if (t->kind == TY_ARRAY) {
        emit_open(e, "for (uint32_t k = 0; k < %s.n; k++)", v);
        if (seplen) {
            emit_line(e, "if (k)");
            emit_line(e, "    sqlkc_rt_buf_put(&text, %s, %zu);", sep, seplen);
        }
        put_elem(g, f, t->elem, "it[k]");
        emit_close(e, NULL);
    } else {
        for (int k = 0; k < t->nfields; k++) {
            emit_line(e, "/* %s %s */", emit_comment(g->a, t->names[k]),
                      emit_comment(g->a, type_str(g->a, t->fields[k])));
            if (k && seplen)
                emit_line(e, "sqlkc_rt_buf_put(&text, %s, %zu);", sep, seplen);
            put_elem(g, f, t->fields[k], arena_printf(g->a, "it[%d]", k));
        }
    }
    put_text_call(g, f, buf, "text.p ? text.p : \"\"", "text.len");
    emit_line(e, "sqlkc_rt_buf_free(&text);");
    emit_close(e, NULL);
}

static void put_value(gen_t *g, const format_t *f, const char *buf, const char *v, const type_t *t)
{
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_BOOLEAN:
        emit_line(e, "sqlkc_rt_buf_puts(%s, %s ? \"true\" : \"false\");", buf, v);
        return;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_buf_reserve(%s, 24);", buf);
        emit_line(e, "%s->len += sqlkc_rt_fmt_i64(%s->p + %s->len, %s);", buf, buf, buf, v);
        return;
    case TY_FLOAT: case TY_DOUBLE:
        emit_line(e, "sqlkc_rt_buf_reserve(%s, SQLKC_RT_FMT_MAX);", buf);
        emit_line(e, "%s->len += sqlkc_rt_fmt_%s(%s->p + %s->len, %s);", buf, t->kind == TY_FLOAT ? "float" : "double",
                  buf, buf, v);
        return;
    case TY_CHAR: case TY_VARCHAR:
        put_text_call(g, f, buf, arena_printf(g->a, "%s.p", v), arena_printf(g->a, "%s.n", v));
        return;
    case TY_ARRAY: case TY_ROW:
        put_nested(g, f, buf, v, t);
        return;
    default:
        break;
    }
    /* the rest is text first */
    emit_open(e, "%s", "");
    if (t->kind == TY_BINARY || t->kind == TY_VARBINARY) {
        emit_line(e, "char *text = sqlkc_rt_scratch(ctx, sqlkc_rt_base64_len(%s.n) + 1);", v);
        emit_line(e, "size_t n = sqlkc_rt_base64_encode(text, %s.p, %s.n);", v, v);
    } else {
        emit_line(e, "char text[SQLKC_RT_FMT_MAX];");
        if (t->kind == TY_DECIMAL)
            emit_line(e, "size_t n = sqlkc_rt_fmt_decimal(text, %s, %d, %s);", v, t->s, f->csv_plain_decimal ? "true" : "false");
        else if (t->kind == TY_DATE)
            emit_line(e, "size_t n = sqlkc_rt_fmt_date(text, %s);", v);
        else if (t->kind == TY_TIME)
            emit_line(e, "size_t n = sqlkc_rt_fmt_time_iso(text, %s);", v);
        else /* TIMESTAMP_LTZ: SQL_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT, the UTC instant and 'Z' */
            emit_line(e, "size_t n = sqlkc_rt_fmt_timestamp(text, %s, false, %s);", v,
                      t->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
    }
    put_text_call(g, f, buf, "text", "n");
    emit_close(e, NULL);
}

void gen_csv_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                    const int *map)
{
    emit_t *e = g->e;
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        if (i > 0)
            emit_line(e, "sqlkc_rt_buf_putc(%s, (char)%d);", buf, f->csv_delim);
        const char *null_text = f->csv_null ? emit_cstr(g->a, f->csv_null, strlen(f->csv_null)) : NULL;
        if (map[i] < 0) {
            if (null_text)
                emit_line(e, "sqlkc_rt_buf_puts(%s, %s);", buf, null_text);
            continue;
        }
        const char *v = arena_printf(g->a, "%s->f%d", row, map[i]);
        if (ty->nullable) {
            emit_open(e, "if (%s)", gen_isnull(g, row, map[i]));
            if (null_text)
                emit_line(e, "sqlkc_rt_buf_puts(%s, %s);", buf, null_text);
            emit_close(e, " else {");
            e->indent++;
            put_value(g, f, buf, v, ty);
            emit_close(e, NULL);
        } else {
            put_value(g, f, buf, v, ty);
        }
    }
}

/* Emits what a field that does not convert does: with ignore-parse-errors
 * (bad == NULLED) it stays NULL (createNullableConverter) and is counted,
 * otherwise the record fails naming the field. */
static const char NULLED[] = "sqlkc_rt_count(ctx, SQLKC_RT_COUNT_NULLED);";

static void emit_bad(gen_t *g, const char *bad)
{
    if (!bad)
        return;
    emit_line(g->e, "%s", bad);
    if (bad != NULLED) /* with ignore-parse-errors the field stays NULL, counted */
        emit_line(g->e, "return -1;");
}

/* Emits the conversion of field f[i] into row field rf (CsvToRowDataConverters.
 * createConverter), inside the block of a non-NULL field. */
static void get_value(gen_t *g, const type_t *t, int i, int rf, const char *bad)
{
    emit_t *e = g->e;
    const char *dst = arena_printf(g->a, "row->f%d", rf);
    const char *call;
    switch (t->kind) {
    case TY_BOOLEAN: /* Boolean.parseBoolean never fails */
        emit_line(e, "%s = sqlkc_rt_csv_bool(f[%d]);", dst, i);
        gen_setnull(g, "row", rf, "false");
        return;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT: {
        static const char *const lim[][2] = {{"INT8_MIN", "INT8_MAX"}, {"INT16_MIN", "INT16_MAX"},
                                             {"INT32_MIN", "INT32_MAX"}, {"INT64_MIN", "INT64_MAX"}};
        int k = t->kind == TY_TINYINT ? 0 : t->kind == TY_SMALLINT ? 1 : t->kind == TY_INT ? 2 : 3;
        emit_line(e, "int64_t v;");
        emit_open(e, "if (sqlkc_rt_csv_int(f[%d], %s, %s, &v) == 0)", i, lim[k][0], lim[k][1]);
        emit_line(e, "%s = (%s)v;", dst, gen_ctype(t));
        gen_setnull(g, "row", rf, "false");
        if (bad) {
            emit_close(e, " else {");
            e->indent++;
            emit_bad(g, bad);
        }
        emit_close(e, NULL);
        return;
    }
    case TY_DECIMAL: /* DecimalData.fromBigDecimal: NULL when the precision overflows */
        emit_line(e, "int r = sqlkc_rt_csv_decimal(f[%d], %d, %d, &%s);", i, t->p, t->s, dst);
        if (bad) {
            emit_open(e, "if (r < 0)");
            emit_bad(g, bad);
            emit_close(e, NULL);
        }
        gen_setnull(g, "row", rf, "r <= 0");
        return;
    case TY_CHAR: case TY_VARCHAR: /* asText(): the text as it is, "" stays "" */
        emit_line(e, "%s = f[%d];", dst, i);
        gen_setnull(g, "row", rf, "false");
        return;
    case TY_FLOAT: case TY_DOUBLE:
        call = arena_printf(g->a, "sqlkc_rt_csv_%s(f[%d], &%s)", t->kind == TY_FLOAT ? "float" : "double", i, dst);
        break;
    case TY_BINARY: case TY_VARBINARY:
        call = arena_printf(g->a, "sqlkc_rt_csv_bytes(f[%d], scratch_alloc, ctx, &%s)", i, dst);
        break;
    case TY_DATE:
        call = arena_printf(g->a, "sqlkc_rt_csv_date(f[%d], &%s)", i, dst);
        break;
    case TY_TIME:
        call = arena_printf(g->a, "sqlkc_rt_csv_time(f[%d], %d, &%s)", i, t->p, dst);
        break;
    default: /* TIMESTAMP, TIMESTAMP_LTZ (the analyzer admits no other scalar) */
        call = arena_printf(g->a, "sqlkc_rt_csv_timestamp(f[%d], %s, &%s)", i,
                            t->kind == TY_TIMESTAMP_LTZ ? "true" : "false", dst);
        break;
    }
    emit_open(e, "if (%s == 0)", call);
    gen_setnull(g, "row", rf, "false");
    if (bad) {
        emit_close(e, " else {");
        e->indent++;
        emit_bad(g, bad);
    }
    emit_close(e, NULL);
}

/* The name Flink's message gives an element's type ("Element 2 'x' is not
 * a valid INT"): the type's root, CHAR and VARCHAR as STRING, BINARY and
 * VARBINARY as BYTES. */
static const char *elem_type_name(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: return "BOOLEAN";
    case TY_TINYINT: return "TINYINT";
    case TY_SMALLINT: return "SMALLINT";
    case TY_INT: return "INT";
    case TY_BIGINT: return "BIGINT";
    case TY_FLOAT: return "FLOAT";
    case TY_DOUBLE: return "DOUBLE";
    case TY_DECIMAL: return "DECIMAL";
    case TY_CHAR: case TY_VARCHAR: return "STRING";
    case TY_BINARY: case TY_VARBINARY: return "BYTES";
    case TY_DATE: return "DATE";
    case TY_TIME: return "TIME";
    case TY_TIMESTAMP: return "TIMESTAMP";
    case TY_TIMESTAMP_LTZ: return "TIMESTAMP_LTZ";
    default: return "value";
    }
}

/* Emits the conversion of the element text `e` (not the null literal) of
 * column `name` into item `it` of type t, as CsvToRowDataConverters converts
 * an array element or row field; an element that does not convert fails the
 * record naming its number `k` (a C expression counting from 1), or stays
 * NULL with ignore-parse-errors. */
static void get_elem(gen_t *g, const format_t *f, const type_t *t, const char *it, const char *name, const char *k)
{
    emit_t *e = g->e;
    const char *bad = f->ignore_parse_errors
        ? NULLED
        : arena_printf(g->a, "sqlkc_rt_csv_elem_error(err, errlen, %s, %s, \"%s\", e);",
                       emit_cstr(g->a, name, strlen(name)), k, elem_type_name(t));
    const char *call;
    switch (t->kind) {
    case TY_BOOLEAN:
        emit_line(e, "%s.v.b = sqlkc_rt_csv_bool(e);", it);
        emit_line(e, "%s.null = false;", it);
        return;
    case TY_CHAR: case TY_VARCHAR:
        emit_line(e, "%s.v.s = e;", it);
        emit_line(e, "%s.null = false;", it);
        return;
    case TY_DECIMAL: /* a value that does not fit is NULL */
        emit_line(e, "int r = sqlkc_rt_csv_decimal(e, %d, %d, &%s.v.dec);", t->p, t->s, it);
        if (bad) {
            emit_open(e, "if (r < 0)");
            emit_bad(g, bad);
            emit_close(e, NULL);
        }
        emit_line(e, "%s.null = r <= 0;", it);
        return;
    case TY_DATE: case TY_TIME:
        emit_line(e, "int32_t v;");
        if (t->kind == TY_DATE)
            emit_open(e, "if (sqlkc_rt_csv_date(e, &v) == 0)");
        else
            emit_open(e, "if (sqlkc_rt_csv_time(e, %d, &v) == 0)", t->p);
        emit_line(e, "%s.v.i = v;", it);
        emit_line(e, "%s.null = false;", it);
        if (bad) {
            emit_close(e, " else {");
            e->indent++;
            emit_bad(g, bad);
        }
        emit_close(e, NULL);
        return;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT: {
        static const char *const lim[][2] = {{"INT8_MIN", "INT8_MAX"}, {"INT16_MIN", "INT16_MAX"},
                                             {"INT32_MIN", "INT32_MAX"}, {"INT64_MIN", "INT64_MAX"}};
        int w = t->kind == TY_TINYINT ? 0 : t->kind == TY_SMALLINT ? 1 : t->kind == TY_INT ? 2 : 3;
        call = arena_printf(g->a, "sqlkc_rt_csv_int(e, %s, %s, &%s.v.i)", lim[w][0], lim[w][1], it);
        break;
    }
    case TY_FLOAT: case TY_DOUBLE:
        call = arena_printf(g->a, "sqlkc_rt_csv_%s(e, &%s.v.%s)", t->kind == TY_FLOAT ? "float" : "double", it,
                            t->kind == TY_FLOAT ? "f" : "d");
        break;
    case TY_BINARY: case TY_VARBINARY:
        call = arena_printf(g->a, "sqlkc_rt_csv_bytes(e, scratch_alloc, ctx, &%s.v.s)", it);
        break;
    default: /* TIMESTAMP, TIMESTAMP_LTZ (check_csv admits no other element type) */
        call = arena_printf(g->a, "sqlkc_rt_csv_timestamp(e, %s, &%s.v.ts)",
                            t->kind == TY_TIMESTAMP_LTZ ? "true" : "false", it);
        break;
    }
    if (bad) {
        emit_open(e, "if (%s == 0)", call);
        emit_line(e, "%s.null = false;", it);
        emit_close(e, " else {");
        e->indent++;
        emit_bad(g, bad);
        emit_close(e, NULL);
    } else {
        emit_line(e, "if (%s == 0)", call);
        emit_line(e, "    %s.null = false;", it);
    }
}

/* Emits the reading of ARRAY or ROW column `ty` from field f[i] into row
 * field rf, as Jackson's CsvParser reads an array column and
 * CsvToRowDataConverters converts it: the elements split by the runtime
 * (even the null literal is read as elements), each converted for the
 * ARRAY's element type or its ROW field's type; a ROW of no elements is
 * NULL, one of another length fails the record, or with
 * ignore-parse-errors is read as far as it goes. */
static void get_nested(gen_t *g, const format_t *f, const type_t *ty, int i, int rf)
{
    emit_t *e = g->e;
    const char *name = f->names[i];
    const char *cname = emit_cstr(g->a, name, strlen(name));
    size_t seplen = strlen(f->csv_array_delim);
    const char *elem = arena_printf(g->a, "sqlkc_rt_csv_elem(&opts, &rest, %s, %zu)",
                                    emit_cstr(g->a, f->csv_array_delim, seplen), seplen);
    if (f->ignore_parse_errors)
        emit_open(e, "if (n > %d)", i); /* a field the record lacks stays NULL */
    else
        emit_open(e, "%s", "");
    emit_line(e, "sqlkc_rt_str_t rest = f[%d];", i);
    emit_line(e, "uint32_t ne = sqlkc_rt_csv_elems(&opts, &rest, %s, %zu);",
              emit_cstr(g->a, f->csv_array_delim, seplen), seplen);
    if (ty->kind == TY_ARRAY) {
        emit_line(e, "sqlkc_rt_item_t *it = sqlkc_rt_csv_items(scratch_alloc, ctx, ne);");
        emit_open(e, "for (uint32_t k = 0; k < ne; k++)");
        emit_line(e, "sqlkc_rt_str_t e = %s;", elem);
        emit_open(e, "if (e.p)"); /* else the null literal: NULL */
        get_elem(g, f, ty->elem, "it[k]", name, "k + 1");
        emit_close(e, NULL);
        emit_close(e, NULL);
        emit_line(e, "row->f%d = (sqlkc_rt_nested_t){it, ne};", rf);
        gen_setnull(g, "row", rf, "false");
        emit_close(e, NULL);
        return;
    }
    int nf = ty->nfields;
    emit_open(e, "if (ne > 0)"); /* createRowConverter: no elements is NULL */
    if (!f->ignore_parse_errors) {
        emit_open(e, "if (ne != %d)", nf);
        emit_line(e, "snprintf(err, errlen, \"Fail to deserialize at field: %%s. Row length mismatch. %d fields "
                     "expected but was %%u.\", %s, ne);", nf, cname);
        emit_line(e, "return -1;");
        emit_close(e, NULL);
    }
    emit_line(e, "sqlkc_rt_item_t *it = sqlkc_rt_csv_items(scratch_alloc, ctx, %d);", nf);
    emit_line(e, "sqlkc_rt_str_t e;");
    for (int k = 0; k < nf; k++) {
        emit_line(e, "/* %s %s */", emit_comment(g->a, ty->names[k]),
                  emit_comment(g->a, type_str(g->a, ty->fields[k])));
        /* with ignore-parse-errors a short ROW leaves the rest NULL, and
         * the elements of a long one past its fields are not read */
        if (f->ignore_parse_errors && k > 0)
            emit_open(e, "if (ne > %d && (e = %s).p)", k, elem);
        else
            emit_open(e, "if ((e = %s).p)", elem);
        get_elem(g, f, ty->fields[k], arena_printf(g->a, "it[%d]", k), name, arena_printf(g->a, "%d", k + 1));
        emit_close(e, NULL);
    }
    emit_line(e, "row->f%d = (sqlkc_rt_nested_t){it, %d};", rf, nf);
    gen_setnull(g, "row", rf, "false");
    emit_close(e, NULL);
    emit_close(e, NULL);
}

void gen_csv_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type)
{
    emit_t *e = g->e;
    int n = f->ncols;
    emit_line(e, "/* Decodes the csv %s of table %s: the message's first record, its fields by column position. */",
              f->prefix[0] == 'k' ? "key" : "value", emit_comment(g->a, t->name));
    emit_open(e, "static int %s(sqlkc_rt_ctx_t *ctx, const void *data, size_t len, %s *row, char *err, size_t errlen)",
              fn, row_type);
    emit_line(e, "static const sqlkc_rt_csv_opts_t opts = {%d, %d, %d, %s, %s, %zu};", f->csv_delim, f->csv_quote,
              f->csv_escape, f->csv_comments ? "true" : "false",
              f->csv_null ? emit_cstr(g->a, f->csv_null, strlen(f->csv_null)) : "NULL",
              f->csv_null ? strlen(f->csv_null) : (size_t)0);
    emit_line(e, "sqlkc_rt_str_t f[%d];", n);
    for (int i = 0; i < n; i++)
        gen_setnull(g, "row", gen_row_field(t, f->cols[i]), "true");
    emit_line(e, "int n = sqlkc_rt_csv_split(&opts, data, len, f, %d, scratch_alloc, ctx, err, errlen);", n);
    emit_line(e, "if (n < 0)");
    emit_line(e, "    return -1;");
    if (f->ignore_parse_errors) {
        /* CsvToRowDataConverters.validateArity is skipped with
         * ignore-parse-errors: missing trailing fields are NULL */
    } else {
        emit_open(e, "if (n != %d)", n);
        emit_line(e, "snprintf(err, errlen, \"Row length mismatch. %d fields expected but was %%d.\", n);", n);
        emit_line(e, "return -1;");
        emit_close(e, NULL);
    }
    for (int i = 0; i < n; i++) {
        const column_t *c = &t->cols[f->cols[i]];
        int rf = gen_row_field(t, f->cols[i]);
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, c->type)));
        /* a bad field fails the record, or is NULL with ignore-parse-errors
         * (createNullableConverter) */
        const char *bad = f->ignore_parse_errors
            ? NULLED
            : arena_printf(g->a, "sqlkc_rt_csv_field_error(err, errlen, %s, %s, f[%d]);",
                           emit_cstr(g->a, f->names[i], strlen(f->names[i])),
                           emit_cstr(g->a, type_str(g->a, c->type), strlen(type_str(g->a, c->type))), i);
        if (type_is_nested(c->type)) {
            get_nested(g, f, c->type, i, rf);
            continue;
        }
        /* a field the record lacks (ignore-parse-errors) or the null literal stays NULL */
        if (f->ignore_parse_errors)
            emit_open(e, "if (n > %d && f[%d].p)", i, i);
        else
            emit_open(e, "if (f[%d].p)", i);
        get_value(g, c->type, i, rf, bad);
        emit_close(e, NULL);
    }
    emit_line(e, "(void)ctx;");
    emit_line(e, "return 0;");
    emit_close(e, NULL);
    emit_blank(e);
}
