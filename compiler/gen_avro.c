/* This file generates the encoder of Flink's avro format for a sink's key or
 * value: one bare Avro datum of the record schema Flink derives from the
 * columns (AvroSchemaConverter): the fields in order, a nullable column as the
 * union ["null", T] (branch 0 for NULL, 1 then the value), a NOT NULL column
 * (a PRIMARY KEY column) as T itself. */
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

static void put_value(gen_t *g, const char *buf, const char *v, const type_t *t)
{
    emit_t *e = g->e;
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_avro_put_bool(%s, %s);", buf, v); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME:
        emit_line(e, "sqlkc_rt_avro_put_int(%s, %s);", buf, v);
        break;
    case TY_BIGINT: emit_line(e, "sqlkc_rt_avro_put_long(%s, %s);", buf, v); break;
    case TY_TIMESTAMP: /* timestamp-millis: the local date-time read as UTC */
        emit_line(e, "sqlkc_rt_avro_put_long(%s, %s.millis);", buf, v);
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_avro_put_float(%s, %s);", buf, v); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_avro_put_double(%s, %s);", buf, v); break;
    case TY_DECIMAL: emit_line(e, "sqlkc_rt_avro_put_decimal(%s, %s);", buf, v); break;
    default: /* CHAR, VARCHAR, BINARY, VARBINARY */
        emit_line(e, "sqlkc_rt_avro_put_bytes(%s, %s.p, %s.n);", buf, v, v);
        break;
    }
}

void gen_avro_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                     const int *map)
{
    emit_t *e = g->e;
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        emit_line(e, "/* %s %s */", emit_comment(g->a, f->names[i]), emit_comment(g->a, type_str(g->a, ty)));
        if (map[i] < 0) { /* a column the INSERT leaves NULL: nullable, as the analyzer checked */
            emit_line(e, "sqlkc_rt_avro_put_int(%s, 0); /* union branch 0: null */", buf);
            continue;
        }
        const char *v = arena_printf(g->a, "%s->f%d", row, map[i]);
        if (!ty->nullable) {
            put_value(g, buf, v, ty);
            continue;
        }
        emit_open(e, "if (%s)", gen_isnull(g, row, map[i]));
        emit_line(e, "sqlkc_rt_avro_put_int(%s, 0); /* union branch 0: null */", buf);
        emit_close(e, " else {");
        e->indent++;
        emit_line(e, "sqlkc_rt_avro_put_int(%s, 1); /* union branch 1: the value */", buf);
        put_value(g, buf, v, ty);
        emit_close(e, NULL);
    }
}

/* Emits reading one value of type t at the cursor into dst (an lvalue). */
static void get_value(gen_t *g, const char *dst, const type_t *t)
{
    emit_t *e = g->e;
    switch (t->kind) {
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
    case TY_TIMESTAMP:
        emit_line(e, "%s.nanos = 0;", dst);
        emit_line(e, "if (sqlkc_rt_avro_get_long(&c, &%s.millis) < 0) goto fail;", dst);
        break;
    case TY_FLOAT: emit_line(e, "if (sqlkc_rt_avro_get_float(&c, &%s) < 0) goto fail;", dst); break;
    case TY_DOUBLE: emit_line(e, "if (sqlkc_rt_avro_get_double(&c, &%s) < 0) goto fail;", dst); break;
    case TY_DECIMAL: emit_line(e, "if (sqlkc_rt_avro_get_decimal(&c, &%s) < 0) goto fail;", dst); break;
    default: emit_line(e, "if (sqlkc_rt_avro_get_bytes(&c, &%s) < 0) goto fail;", dst); break;
    }
}

void gen_avro_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type)
{
    emit_t *e = g->e;
    emit_line(e, "/* Decodes the avro %s of table %s: one datum of the derived record schema. */",
              f->prefix[0] == 'k' ? "key" : "value", emit_comment(g->a, t->name));
    emit_open(e, "static int %s(const void *data, size_t len, %s *row, char *err, size_t errlen)", fn, row_type);
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
            get_value(g, dst, ty);
            gen_setnull(g, "row", rf, "false");
            emit_close(e, NULL);
            emit_close(e, NULL);
        } else {
            get_value(g, dst, ty);
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
