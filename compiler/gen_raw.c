/* This file generates the codec of Flink's raw format: the one column of the
 * key or value as bytes (RawFormatSerializationSchema and
 * RawFormatDeserializationSchema): text in raw.charset (UTF-8 as it is, any
 * other charset converted by the runtime), bytes as they are, numbers in
 * two's complement or IEEE 754 in the declared byte order, BOOLEAN as one
 * byte; a NULL column is a null Kafka value and a null message a NULL column. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

/* Width in bytes of a fixed-size raw type, 0 for text and bytes. */
static int raw_width(const type_t *t)
{
    switch (t->kind) {
    case TY_BOOLEAN: case TY_TINYINT: return 1;
    case TY_SMALLINT: return 2;
    case TY_INT: case TY_FLOAT: return 4;
    case TY_BIGINT: case TY_DOUBLE: return 8;
    default: return 0;
    }
}

void gen_raw_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type)
{
    emit_t *e = g->e;
    const type_t *ty = t->cols[f->cols[0]].type;
    int rf = gen_row_field(t, f->cols[0]);
    int w = raw_width(ty);
    const char *little = f->little_endian ? "true" : "false";
    emit_line(e, "/* Decodes the raw value of table %s: column %s %s. */", emit_comment(g->a, t->name),
              emit_comment(g->a, f->names[0]), emit_comment(g->a, type_str(g->a, ty)));
    emit_open(e, "static int %s(const void *data, size_t len, %s *row, char *err, size_t errlen)", fn, row_type);
    gen_setnull(g, "row", rf, "true");
    emit_line(e, "if (data == NULL)");
    emit_line(e, "    return 0; /* a null message is a row whose column is NULL */");
    if (w) {
        emit_open(e, "if (len != %d)", w);
        emit_line(e, "snprintf(err, errlen, \"Size of data received for deserializing %s type is not %d.\");",
                  ast_type_name(ty->kind), w);
        emit_line(e, "return -1;");
        emit_close(e, NULL);
    } else if (!(type_is_string(ty) && f->raw_charset)) {
        emit_line(e, "(void)err;");
        emit_line(e, "(void)errlen;");
    }
    switch (ty->kind) {
    case TY_BOOLEAN:
        emit_line(e, "row->f%d = *(const unsigned char *)data != 0;", rf);
        break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "row->f%d = (%s)(%s)sqlkc_rt_raw_get(data, %d, %s);", rf, gen_ctype(ty), gen_utype(ty), w, little);
        break;
    case TY_FLOAT:
        emit_line(e, "row->f%d = sqlkc_rt_f32_from_bits((uint32_t)sqlkc_rt_raw_get(data, 4, %s));", rf, little);
        break;
    case TY_DOUBLE:
        emit_line(e, "row->f%d = sqlkc_rt_f64_from_bits(sqlkc_rt_raw_get(data, 8, %s));", rf, little);
        break;
    default:
        if (type_is_string(ty) && f->raw_charset) {
            /* new String(bytes, charset); the text lives until the next record */
            emit_line(e, "static sqlkc_rt_charset_t *cs;");
            emit_line(e, "static sqlkc_rt_buf_t text;");
            emit_line(e, "if (cs == NULL && (cs = sqlkc_rt_charset_open(%s, err, errlen)) == NULL)",
                      emit_cstr(g->a, f->raw_charset, strlen(f->raw_charset)));
            emit_line(e, "    return -1;");
            emit_line(e, "sqlkc_rt_buf_reset(&text);");
            emit_line(e, "sqlkc_rt_charset_decode(cs, data, len, &text);");
            emit_line(e, "row->f%d = (sqlkc_rt_str_t){text.p ? text.p : \"\", text.len};", rf);
        } else { /* UTF-8 text and bytes: the message itself */
            emit_line(e, "row->f%d = (sqlkc_rt_str_t){(const char *)data, len};", rf);
        }
        break;
    }
    gen_setnull(g, "row", rf, "false");
    emit_line(e, "return 0;");
    emit_close(e, NULL);
    emit_blank(e);
}

void gen_raw_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                    const int *map, const char *data)
{
    emit_t *e = g->e;
    const type_t *ty = t->cols[f->cols[0]].type;
    int w = raw_width(ty);
    const char *little = f->little_endian ? "true" : "false";
    emit_line(e, "/* %s %s, raw */", emit_comment(g->a, f->names[0]), emit_comment(g->a, type_str(g->a, ty)));
    if (map[0] < 0) { /* not filled by the INSERT: NULL */
        emit_line(e, "%s = NULL; /* a NULL column is a null Kafka value */", data);
        return;
    }
    const char *v = arena_printf(g->a, "%s->f%d", row, map[0]);
    emit_open(e, "if (%s)", gen_isnull(g, row, map[0]));
    emit_line(e, "%s = NULL; /* a NULL column is a null Kafka value */", data);
    emit_close(e, " else {");
    e->indent++;
    switch (ty->kind) {
    case TY_BOOLEAN:
        emit_line(e, "sqlkc_rt_buf_putc(%s, (char)(%s ? 1 : 0));", buf, v);
        break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_raw_put(%s, (uint64_t)(%s)%s, %d, %s);", buf, gen_utype(ty), v, w, little);
        break;
    case TY_FLOAT:
        emit_line(e, "sqlkc_rt_raw_put(%s, sqlkc_rt_f32_bits(%s), 4, %s);", buf, v, little);
        break;
    case TY_DOUBLE:
        emit_line(e, "sqlkc_rt_raw_put(%s, sqlkc_rt_f64_bits(%s), 8, %s);", buf, v, little);
        break;
    default:
        if (type_is_string(ty) && f->raw_charset) { /* String.getBytes(charset) */
            emit_line(e, "static sqlkc_rt_charset_t *cs;");
            emit_line(e, "char err[160];");
            emit_line(e, "if (cs == NULL && (cs = sqlkc_rt_charset_open(%s, err, sizeof err)) == NULL)",
                      emit_cstr(g->a, f->raw_charset, strlen(f->raw_charset)));
            emit_line(e, "    return sqlkc_rt_fail(ctx, \"%%s\", err);");
            emit_line(e, "sqlkc_rt_charset_encode(cs, %s.p, %s.n, %s);", v, v, buf);
        } else {
            emit_line(e, "sqlkc_rt_buf_put(%s, %s.p, %s.n);", buf, v, v);
        }
        break;
    }
    /* an empty value is an empty message, not a null one */
    emit_line(e, "%s = %s->p ? %s->p : \"\";", data, buf, buf);
    emit_close(e, NULL);
}
