/* This file generates the writer of Flink's csv format for a sink's key or
 * value (CsvRowDataSerializationSchema over Jackson's CsvEncoder): the fields
 * in order, separated by the delimiter, no line terminator; numbers and
 * booleans as Java prints them; text, DECIMAL, dates, times, timestamps and
 * base64 bytes through Jackson's quoting heuristic; NULL as the null literal
 * or an empty field. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

static void put_text_call(gen_t *g, const format_t *f, const char *buf, const char *p, const char *n)
{
    emit_line(g->e, "sqlkc_rt_csv_put_text(%s, %s, %s, %d, %d);", buf, p, n, f->csv_delim, f->csv_quote);
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
        else
            emit_line(e, "size_t n = sqlkc_rt_fmt_timestamp(text, %s, false, false);", v);
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
