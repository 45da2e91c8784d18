/* This file is the csv codec of ARRAY and ROW columns (nested.h
 * descriptors of simple element and field types, as Flink's
 * CsvRowSchemaConverter admits them): one field whose text is the elements
 * joined by csv.array-element-delimiter. The reader follows Jackson's
 * CsvParser array columns (no null-literal test of the whole field, an empty
 * or blank field has no elements, an element equal to the null literal is
 * NULL) and CsvToRowDataConverters (a ROW of no elements is NULL, one of
 * another length a "Row length mismatch"); the writer follows
 * RowDataToCsvConverters and CsvGenerator (NULL elements as the null literal
 * or nothing, DECIMAL as BigDecimal.toString, the joined text quoted like
 * any text). */
#include <stdio.h>
#include <string.h>

#include "sqlkc/csv.h"
#include "sqlkc/fmt.h"
#include "sqlkc/nested.h"

static const char *type_name(const sqlkc_rt_type_t *t)
{
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: return "BOOLEAN";
    case SQLKC_RT_T_TINYINT: return "TINYINT";
    case SQLKC_RT_T_SMALLINT: return "SMALLINT";
    case SQLKC_RT_T_INT: return "INT";
    case SQLKC_RT_T_BIGINT: return "BIGINT";
    case SQLKC_RT_T_FLOAT: return "FLOAT";
    case SQLKC_RT_T_DOUBLE: return "DOUBLE";
    case SQLKC_RT_T_DECIMAL: return "DECIMAL";
    case SQLKC_RT_T_STRING: return "STRING";
    case SQLKC_RT_T_BYTES: return "BYTES";
    case SQLKC_RT_T_DATE: return "DATE";
    case SQLKC_RT_T_TIME: return "TIME";
    case SQLKC_RT_T_TIMESTAMP: return "TIMESTAMP";
    case SQLKC_RT_T_TIMESTAMP_LTZ: return "TIMESTAMP_LTZ";
    default: return "value";
    }
}

/* One element: 0 converted, 1 NULL (a DECIMAL that does not fit), -1 not
 * convertible. */
static int convert(sqlkc_rt_str_t e, const sqlkc_rt_type_t *t, sqlkc_rt_item_t *it, sqlkc_rt_alloc_fn alloc,
                   void *arg)
{
    int32_t i32;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: it->v.b = sqlkc_rt_csv_bool(e); return 0;
    case SQLKC_RT_T_TINYINT: return sqlkc_rt_csv_int(e, INT8_MIN, INT8_MAX, &it->v.i);
    case SQLKC_RT_T_SMALLINT: return sqlkc_rt_csv_int(e, INT16_MIN, INT16_MAX, &it->v.i);
    case SQLKC_RT_T_INT: return sqlkc_rt_csv_int(e, INT32_MIN, INT32_MAX, &it->v.i);
    case SQLKC_RT_T_BIGINT: return sqlkc_rt_csv_int(e, INT64_MIN, INT64_MAX, &it->v.i);
    case SQLKC_RT_T_FLOAT: return sqlkc_rt_csv_float(e, &it->v.f);
    case SQLKC_RT_T_DOUBLE: return sqlkc_rt_csv_double(e, &it->v.d);
    case SQLKC_RT_T_DECIMAL: {
        int r = sqlkc_rt_csv_decimal(e, t->p, t->s, &it->v.dec);
        return r < 0 ? -1 : r == 0 ? 1 : 0;
    }
    case SQLKC_RT_T_STRING: it->v.s = e; return 0;
    case SQLKC_RT_T_BYTES: return sqlkc_rt_csv_bytes(e, alloc, arg, &it->v.s);
    case SQLKC_RT_T_DATE:
    case SQLKC_RT_T_TIME:
        if ((t->kind == SQLKC_RT_T_DATE ? sqlkc_rt_csv_date(e, &i32) : sqlkc_rt_csv_time(e, t->p, &i32)) < 0)
            return -1;
        it->v.i = i32;
        return 0;
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ:
        return sqlkc_rt_csv_timestamp(e, t->kind == SQLKC_RT_T_TIMESTAMP_LTZ, &it->v.ts);
    default: return -1;
    }
}

static bool blank(sqlkc_rt_str_t f)
{
    for (size_t i = 0; i < f.n; i++)
        if ((unsigned char)f.p[i] > ' ')
            return false;
    return true;
}

int sqlkc_rt_csv_get_nested(const sqlkc_rt_csv_opts_t *o, const char *sep, sqlkc_rt_str_t f, const char *name,
                            const sqlkc_rt_type_t *t, bool ignore, sqlkc_rt_alloc_fn alloc, void *arg,
                            sqlkc_rt_nested_t *out, char *err, size_t errlen)
{
    if (!f.p) /* the split's null literal: an array column does not test it */
        f = (sqlkc_rt_str_t){o->null_lit ? o->null_lit : "", o->null_lit ? o->null_len : 0};
    size_t seplen = strlen(sep);
    /* the elements: split at every separator, none in an empty or blank field */
    uint32_t n = 0;
    if (!blank(f)) {
        n = 1;
        for (size_t i = 0; seplen && i + seplen <= f.n;)
            if (memcmp(f.p + i, sep, seplen) == 0)
                n++, i += seplen;
            else
                i++;
    }
    bool row = t->kind == SQLKC_RT_T_ROW;
    if (row && n == 0)
        return 0; /* createRowConverter: no elements is NULL */
    if (row && n != (uint32_t)t->n && !ignore) {
        snprintf(err, errlen, "Fail to deserialize at field: %s. Row length mismatch. %d fields expected but was %u.",
                 name, t->n, n);
        return -1;
    }
    uint32_t size = row ? (uint32_t)t->n : n;
    sqlkc_rt_item_t *items = alloc(arg, sizeof *items * (size ? size : 1));
    memset(items, 0, sizeof *items * (size ? size : 1));
    for (uint32_t k = 0; k < size; k++)
        items[k].null = true;
    size_t pos = 0;
    for (uint32_t k = 0; k < n; k++) {
        size_t end = pos;
        while (seplen && end + seplen <= f.n && memcmp(f.p + end, sep, seplen) != 0)
            end++;
        if (!seplen || end + seplen > f.n)
            end = f.n;
        sqlkc_rt_str_t e = {f.p + pos, end - pos};
        pos = end + seplen;
        if (k >= size)
            break; /* a longer ROW under ignore-parse-errors: the rest is not read */
        if (o->null_lit && e.n == o->null_len && memcmp(e.p, o->null_lit, e.n) == 0)
            continue; /* VALUE_NULL */
        const sqlkc_rt_type_t *et = row ? t->sub[k] : t->sub[0];
        int r = convert(e, et, &items[k], alloc, arg);
        if (r < 0 && !ignore) {
            int shown = e.n > 60 ? 60 : (int)e.n;
            snprintf(err, errlen, "Fail to deserialize at field: %s. Element %u '%.*s%s' is not a valid %s", name,
                     k + 1, shown, e.p, e.n > 60 ? "..." : "", type_name(et));
            return -1;
        }
        items[k].null = r != 0;
    }
    out->items = items;
    out->n = size;
    return 1;
}

void sqlkc_rt_csv_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                             const char *sep, const char *null_lit, int delim, int quote, int esc,
                             sqlkc_rt_alloc_fn alloc, void *arg)
{
    sqlkc_rt_buf_t text = {0};
    for (uint32_t k = 0; k < v->n; k++) {
        const sqlkc_rt_item_t *it = &v->items[k];
        const sqlkc_rt_type_t *et = t->kind == SQLKC_RT_T_ROW ? t->sub[k] : t->sub[0];
        if (k)
            sqlkc_rt_buf_puts(&text, sep);
        if (it->null) {
            if (null_lit)
                sqlkc_rt_buf_puts(&text, null_lit);
            continue;
        }
        sqlkc_rt_buf_reserve(&text, SQLKC_RT_FMT_MAX);
        char *o = text.p + text.len;
        switch (et->kind) {
        case SQLKC_RT_T_BOOLEAN: sqlkc_rt_buf_puts(&text, it->v.b ? "true" : "false"); break;
        case SQLKC_RT_T_TINYINT:
        case SQLKC_RT_T_SMALLINT:
        case SQLKC_RT_T_INT:
        case SQLKC_RT_T_BIGINT: text.len += sqlkc_rt_fmt_i64(o, it->v.i); break;
        case SQLKC_RT_T_FLOAT: text.len += sqlkc_rt_fmt_float(o, it->v.f); break;
        case SQLKC_RT_T_DOUBLE: text.len += sqlkc_rt_fmt_double(o, it->v.d); break;
        case SQLKC_RT_T_DECIMAL: /* CsvGenerator: String.valueOf(BigDecimal) in arrays, whatever the option */
            text.len += sqlkc_rt_fmt_decimal(o, it->v.dec, et->s, false);
            break;
        case SQLKC_RT_T_STRING: sqlkc_rt_buf_put(&text, it->v.s.p, it->v.s.n); break;
        case SQLKC_RT_T_BYTES: {
            char *enc = alloc(arg, sqlkc_rt_base64_len(it->v.s.n) + 1);
            size_t n = sqlkc_rt_base64_encode(enc, it->v.s.p, it->v.s.n);
            sqlkc_rt_buf_put(&text, enc, n);
            break;
        }
        case SQLKC_RT_T_DATE: text.len += sqlkc_rt_fmt_date(o, (int32_t)it->v.i); break;
        case SQLKC_RT_T_TIME: text.len += sqlkc_rt_fmt_time_iso(o, (int32_t)it->v.i); break;
        case SQLKC_RT_T_TIMESTAMP:
        case SQLKC_RT_T_TIMESTAMP_LTZ:
            text.len += sqlkc_rt_fmt_timestamp(o, it->v.ts, false, et->kind == SQLKC_RT_T_TIMESTAMP_LTZ);
            break;
        default: break;
        }
    }
    if (esc >= 0)
        sqlkc_rt_csv_put_text_esc(b, text.p ? text.p : "", text.len, delim, quote, esc);
    else
        sqlkc_rt_csv_put_text(b, text.p ? text.p : "", text.len, delim, quote);
    sqlkc_rt_buf_free(&text);
}
