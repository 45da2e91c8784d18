/* This file generates the codecs of ARRAY, MAP, MULTISET and ROW values for
 * the json and avro formats: one C function per type, format option set and
 * direction, specialized to the type (a ROW's fields matched by their names
 * and read or written in order, each element read or written by the call
 * for its type), calling only small runtime primitives. The functions are
 * emitted up front, after the type descriptors, children before parents, and
 * the table codecs (gen_json.c, gen_avro.c) call them by name.
 *
 * What they do is what Flink's converters do:
 *  - json reading (JsonParserToRowDataConverters): a JSON null is NULL at
 *    every level; a value that does not convert fails the record, or is NULL
 *    at the innermost level under ignore-parse-errors; a ROW's fields are
 *    matched by name until as many members as it has fields were read; maps
 *    go through a HashMap<StringData, ...> (nested.h orders them);
 *  - json writing (RowDataToJsonConverters): arrays as arrays, maps and
 *    multisets as objects in the map's order, a NULL key per
 *    map-null-key.mode, rows as objects in field order (without their NULL
 *    fields under encode.ignore-null-fields);
 *  - avro (AvroSchemaConverter's schema): a nullable element, value or field
 *    is the union ["null", T]; arrays and maps one block; maps ordered as the
 *    HashMaps of the writer and the reader order them; timestamps of ROW
 *    fields follow the format's timestamp mapping, those of array elements
 *    and map values the legacy one (millis), as the schema derivation has it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_internal.h"

/* Options that shape a json reader (the keys of its memo). */
enum { JF_IGNORE = 1u, JF_FAIL_MISSING = 2u, JF_TS_ISO = 4u };
/* format_t.map_null_key: json.map-null-key.mode */
enum { NULL_KEY_FAIL, NULL_KEY_DROP, NULL_KEY_LITERAL };

typedef struct codec {
    const char *what; /* direction, format and options */
    const type_t *t;
    const char *name;
} codec_t;

struct gen_codecs {
    codec_t *v;
    int n, cap;
    int ids;
};

const char *gen_codec_lookup(gen_t *g, const char *what, const type_t *t)
{
    struct gen_codecs *r = g->codecs;
    for (int i = 0; r && i < r->n; i++)
        if (strcmp(r->v[i].what, what) == 0 && gen_type_same(r->v[i].t, t))
            return r->v[i].name;
    return NULL;
}

const char *gen_codec_remember(gen_t *g, const char *what, const type_t *t, const char *prefix)
{
    if (!g->codecs) {
        g->codecs = arena_alloc(g->a, sizeof *g->codecs);
        memset(g->codecs, 0, sizeof *g->codecs);
    }
    struct gen_codecs *r = g->codecs;
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        codec_t *v = arena_alloc(g->a, sizeof *v * (size_t)cap);
        if (r->n)
            memcpy(v, r->v, sizeof *v * (size_t)r->n);
        r->v = v, r->cap = cap;
    }
    const char *name = arena_printf(g->a, "%s_%d", prefix, r->ids++);
    r->v[r->n++] = (codec_t){what, t, name};
    return name;
}

static bool is_string(const type_t *t)
{
    return t->kind == TY_CHAR || t->kind == TY_VARCHAR || t->kind == TY_STRING;
}

static bool is_binary(const type_t *t)
{
    return t->kind == TY_BINARY || t->kind == TY_VARBINARY || t->kind == TY_BYTES;
}

/* The children of a nested type: element; key and value; fields. */
static int children(gen_t *g, const type_t *t, const type_t ***out)
{
    if (t->kind == TY_ROW) {
        *out = (const type_t **)t->fields;
        return t->nfields;
    }
    const type_t **v = arena_alloc(g->a, sizeof *v * 2);
    if (t->kind == TY_ARRAY) {
        v[0] = t->elem;
        *out = v;
        return 1;
    }
    v[0] = t->elem; /* MAP key, MULTISET element: the member names in JSON, strings in Avro */
    v[1] = t->kind == TY_MAP ? t->val : type_new(g->a, TY_INT, -1, -1, true); /* MULTISET: the count */
    *out = v;
    return 2;
}

/* Whether Jackson writes the name without escapes (the bytes go out as they are). */
static bool plain_name(const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == '"' || *p == '\\')
            return false;
    return true;
}

/* Whether name is well-formed UTF-8 (RFC 3629, as the JSON cursor checks a
 * member name). A ROW field name from the SQL file may not be: a member
 * written with its bytes is then malformed JSON, which the fast paths of
 * the readers, comparing bytes, must leave to the cursor to report. */
bool gen_utf8_valid(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    while (*p) {
        unsigned c = *p, lo = 0x80, hi = 0xBF;
        int n;
        if (c < 0x80) {
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            return false;
        if (p[1] < lo || p[1] > hi)
            return false;
        for (int i = 2; i < n; i++)
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        p += n;
    }
    return true;
}

/* ==== json reading ======================================================== */

static const char *json_reader(gen_t *g, const type_t *t, unsigned flags);

/* Emits reading the value at the cursor into the item `it` (a
 * sqlkc_rt_item_t *), within a reader that has `int r`; `fail` is the
 * statement that fails the container. */
static void json_read_item(gen_t *g, const type_t *t, unsigned flags, const char *it, const char *fail)
{
    emit_t *e = g->e;
    bool iso = (flags & JF_TS_ISO) != 0;
    /* the typed readers return 0 for a JSON null; a nested value's reader
     * expects its container, so null is tested first */
    bool nested = t->kind == TY_ARRAY || t->kind == TY_MAP || t->kind == TY_MULTISET || t->kind == TY_ROW;
    if (nested) {
        emit_line(e, "r = sqlkc_rt_json_null(c);");
        emit_line(e, "if (r < 0)");
        emit_line(e, "    %s", fail);
        emit_open(e, "if (r == 1)");
        emit_line(e, "%s->null = true;", it);
        emit_close(e, " else {");
        e->indent++;
    }
    const char *narrow = NULL;
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "r = sqlkc_rt_json_get_bool(c, &%s->v.b);", it); break;
    case TY_TINYINT: narrow = "int8_t x = 0;\nr = sqlkc_rt_json_get_i8(c, &x);"; break;
    case TY_SMALLINT: narrow = "int16_t x = 0;\nr = sqlkc_rt_json_get_i16(c, &x);"; break;
    case TY_INT: narrow = "int32_t x = 0;\nr = sqlkc_rt_json_get_i32(c, &x);"; break;
    case TY_DATE: narrow = "int32_t x = 0;\nr = sqlkc_rt_json_get_date(c, &x);"; break;
    case TY_TIME: narrow = "int32_t x = 0;\nr = sqlkc_rt_json_get_time(c, &x);"; break;
    case TY_BIGINT: emit_line(e, "r = sqlkc_rt_json_get_i64(c, &%s->v.i);", it); break;
    case TY_FLOAT: emit_line(e, "r = sqlkc_rt_json_get_float(c, &%s->v.f);", it); break;
    case TY_DOUBLE: emit_line(e, "r = sqlkc_rt_json_get_double(c, &%s->v.d);", it); break;
    case TY_DECIMAL: emit_line(e, "r = sqlkc_rt_json_get_decimal(c, &%s->v.dec, %d, %d);", it, t->p, t->s); break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_LTZ:
        emit_line(e, "r = sqlkc_rt_json_get_timestamp(c, &%s->v.ts, %s, %s);", it, iso ? "true" : "false",
                  t->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "r = %s(c, &%s->v.nest);", json_reader(g, t, flags), it);
        break;
    default:
        if (is_string(t))
            emit_line(e, "r = sqlkc_rt_json_get_str(c, &%s->v.s);", it);
        else if (is_binary(t))
            emit_line(e, "r = sqlkc_rt_json_get_bytes(c, &%s->v.s);", it);
        else
            emit_line(e, "r = sqlkc_rt_json_convert_error(c, \"Unsupported type\");");
    }
    if (narrow) {
        emit_open(e, "%s", "");
        const char *nl = strchr(narrow, '\n');
        emit_line(e, "%.*s", (int)(nl - narrow), narrow);
        emit_line(e, "%s", nl + 1);
        emit_line(e, "%s->v.i = x;", it);
        emit_close(e, NULL);
    }
    emit_open(e, "if (r < 0)");
    if (flags & JF_IGNORE) { /* wrapIntoNullableConverter: NULL, unless the JSON is bad */
        emit_line(e, "if (c->fatal)");
        emit_line(e, "    %s", fail);
        emit_line(e, "%s->null = true;", it);
    } else {
        emit_line(e, "%s", fail);
    }
    emit_close(e, " else {");
    e->indent++;
    emit_line(e, "%s->null = r == 0;", it);
    emit_close(e, NULL);
    if (nested)
        emit_close(e, NULL);
}

/* A field of a ROW reader's general loop: its value, counted, then the next member. */
struct field_case {
    const type_t *t;
    unsigned flags;
};

static void read_field(gen_t *g, int i, void *arg)
{
    const struct field_case *fc = arg;
    const type_t *t = fc->t;
    emit_t *e = g->e;
    emit_line(e, "/* %s %s */", emit_comment(g->a, t->names[i]), emit_comment(g->a, type_str(g->a, t->fields[i])));
    emit_line(e, "sqlkc_rt_item_t *it = &items[%d];", i);
    json_read_item(g, t->fields[i], fc->flags, "it",
                   arena_printf(g->a, "return sqlkc_rt_json_field_error(c, %s);",
                                emit_cstr(g->a, t->names[i], strlen(t->names[i]))));
    emit_line(e, "cnt++;");
    emit_line(e, "continue;");
}

static void json_reader_row(gen_t *g, const type_t *t, unsigned flags)
{
    emit_t *e = g->e;
    int n = t->nfields;
    emit_line(e, "if (sqlkc_rt_json_container_begin(c, '{', \"object\") < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "sqlkc_rt_item_t *items = c->alloc(c->alloc_arg, sizeof *items * %d);", n ? n : 1);
    emit_line(e, "memset(items, 0, sizeof *items * %d);", n ? n : 1);
    for (int i = 0; i < n; i++)
        emit_line(e, "items[%d].null = true;", i);
    emit_line(e, "uint32_t cnt = 0;");
    emit_line(e, "sqlkc_rt_str_t key;");
    emit_line(e, "int r;");
    /* members in the declared order are matched by their bytes; from the
     * first surprise on, the general loop reads the rest */
    int fast = 0;
    while (fast < n && plain_name(t->names[fast]) && gen_utf8_valid(t->names[fast]))
        fast++;
    if (fast)
        emit_line(e, "/* fast path: the members in the order of the fields */");
    for (int i = 0; i < fast; i++) {
        char *q = arena_printf(g->a, "\"%s\"", t->names[i]);
        emit_line(e, "if (!sqlkc_rt_json_member_is(c, %s, %zu))", emit_cstr(g->a, q, strlen(q)), strlen(q));
        emit_line(e, "    goto members;");
        emit_open(e, "%s", "");
        emit_line(e, "/* %s %s */", emit_comment(g->a, t->names[i]), emit_comment(g->a, type_str(g->a, t->fields[i])));
        emit_line(e, "sqlkc_rt_item_t *it = &items[%d];", i);
        json_read_item(g, t->fields[i], flags, "it",
                       arena_printf(g->a, "return sqlkc_rt_json_field_error(c, %s);",
                                    emit_cstr(g->a, t->names[i], strlen(t->names[i]))));
        emit_line(e, "cnt++;");
        emit_close(e, NULL);
    }
    if (fast) {
        e->indent--;
        emit_line(e, "members:");
        e->indent++;
    }
    emit_open(e, "while ((r = sqlkc_rt_json_object_next(c, &key)) == 1)");
    if (n) {
        /* Flink's row converter stops matching names after as many members
         * as the row has fields (a repeated name counts twice) */
        emit_open(e, "if (cnt < %d)", n);
        struct field_case fc = {t, flags};
        gen_member_switch(g, "key", (const char *const *)t->names, n, read_field, &fc);
        emit_close(e, NULL);
    }
    emit_line(e, "if (sqlkc_rt_json_skip(c) < 0)");
    emit_line(e, "    return -1;");
    emit_close(e, NULL);
    emit_line(e, "if (r < 0)");
    emit_line(e, "    return -1;");
    if (flags & JF_FAIL_MISSING) {
        emit_line(e, "if (cnt < %d)", n);
        emit_line(e, "    return sqlkc_rt_json_convert_error(c, \"Some field is missing in the JSON data.\");");
    }
    emit_line(e, "out->items = items;");
    emit_line(e, "out->n = %d;", n);
    emit_line(e, "return 1;");
}

/* ARRAY; MAP and MULTISET (an object: member names are the keys). */
static void json_reader_list(gen_t *g, const type_t *t, unsigned flags)
{
    emit_t *e = g->e;
    bool map = t->kind != TY_ARRAY;
    const type_t **sub;
    children(g, t, &sub);
    emit_line(e, "if (sqlkc_rt_json_container_begin(c, '%c', \"%s\") < 0)", map ? '{' : '[', map ? "map" : "array");
    emit_line(e, "    return -1;");
    emit_line(e, "uint32_t n = 0, cap = 0;");
    emit_line(e, "sqlkc_rt_item_t *items = NULL;");
    if (map)
        emit_line(e, "sqlkc_rt_str_t key;");
    emit_line(e, "int r;");
    emit_open(e, "while ((r = %s) == 1)", map ? "sqlkc_rt_json_object_next(c, &key)" : "sqlkc_rt_json_array_next(c)");
    emit_open(e, "if (!(items = sqlkc_rt_items_reserve(items, n, 1, &cap, %d, c->alloc, c->alloc_arg)))", map ? 2 : 1);
    emit_line(e, "sqlkc_rt_json_convert_error(c, \"too many elements\");");
    emit_line(e, "return sqlkc_rt_json_inside_error(c);");
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_item_t *it = &items[%sn];", map ? "2 * " : "");
    emit_line(e, "memset(it, 0, sizeof *it * %d);", map ? 2 : 1);
    if (map) {
        emit_line(e, "it->v.s = key;");
        emit_line(e, "it++;");
    }
    json_read_item(g, sub[map ? 1 : 0], flags, "it", "return sqlkc_rt_json_inside_error(c);");
    emit_line(e, "n++;");
    emit_close(e, NULL);
    emit_line(e, "if (r < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "out->items = items;");
    if (map) /* a HashMap<StringData, ...>: the last value of a repeated key, in its order */
        emit_line(e, "out->n = sqlkc_rt_map_hash_order(items, n, sqlkc_rt_flink_string_hash, 16, c->alloc, "
                     "c->alloc_arg);");
    else
        emit_line(e, "out->n = n;");
    emit_line(e, "return 1;");
}

/* The reader of nested type t (not NULL at the cursor): 1 read, -1 failed. */
static const char *json_reader(gen_t *g, const type_t *t, unsigned flags)
{
    const char *what = arena_printf(g->a, "json-read:%u", flags);
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    const type_t **sub;
    int n = children(g, t, &sub);
    for (int i = 0; i < n; i++)
        if (type_is_nested(sub[i]))
            json_reader(g, sub[i], flags);
    name = gen_codec_remember(g, what, t, "json_read");
    emit_t *e = g->e;
    emit_line(e, "/* Reads a JSON %s. */", emit_comment(g->a, type_str(g->a, t)));
    emit_open(e, "__attribute__((unused)) static int %s(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out)", name);
    if (t->kind == TY_ROW)
        json_reader_row(g, t, flags);
    else
        json_reader_list(g, t, flags);
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* ==== json writing ======================================================== */

static const char *json_writer(gen_t *g, const type_t *t, const format_t *f);

static void json_write_item(gen_t *g, const type_t *t, const format_t *f, const char *it)
{
    emit_t *e = g->e;
    emit_open(e, "if (%s->null)", it);
    emit_line(e, "sqlkc_rt_json_put_null(b);");
    emit_close(e, " else {");
    e->indent++;
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_json_put_bool(b, %s->v.b);", it); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
        emit_line(e, "sqlkc_rt_json_put_i64(b, %s->v.i);", it);
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_json_put_float(b, %s->v.f);", it); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_json_put_double(b, %s->v.d);", it); break;
    case TY_DECIMAL:
        emit_line(e, "sqlkc_rt_json_put_decimal(b, %s->v.dec, %d, %s);", it, t->s, f->decimal_plain ? "true" : "false");
        break;
    case TY_DATE: emit_line(e, "sqlkc_rt_json_put_date(b, (int32_t)%s->v.i);", it); break;
    case TY_TIME: emit_line(e, "sqlkc_rt_json_put_time(b, (int32_t)%s->v.i, %d);", it, t->p); break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_line(e, "sqlkc_rt_json_put_timestamp(b, %s->v.ts, %s, %s);", it, f->ts_iso ? "true" : "false",
                  t->kind == TY_TIMESTAMP_LTZ ? "true" : "false");
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "const char *why = %s(b, &%s->v.nest);", json_writer(g, t, f), it);
        emit_line(e, "if (why)");
        emit_line(e, "    return why;");
        break;
    default:
        if (is_string(t))
            emit_line(e, "sqlkc_rt_json_put_str(b, %s->v.s.p, %s->v.s.n);", it, it);
        else if (is_binary(t))
            emit_line(e, "sqlkc_rt_json_put_bytes(b, %s->v.s.p, %s->v.s.n);", it, it);
        else
            emit_line(e, "sqlkc_rt_json_put_null(b);");
    }
    emit_close(e, NULL);
}

static void json_writer_body(gen_t *g, const type_t *t, const format_t *f)
{
    emit_t *e = g->e;
    const type_t **sub;
    children(g, t, &sub);
    if (t->kind == TY_ROW) {
        int n = t->nfields;
        emit_line(e, "if (v->n != %d)", n);
        emit_line(e, "    return \"a ROW value whose field count is not its type's\";");
        if (n == 0) {
            emit_line(e, "sqlkc_rt_buf_put(b, \"{}\", 2);");
            emit_line(e, "return NULL;");
            return;
        }
        /* json.encode.ignore-null-fields: the row converter sets only the
         * fields that are not NULL, in every ROW it writes */
        bool skip_null = f->ignore_null_fields;
        if (skip_null) {
            emit_line(e, "sqlkc_rt_buf_putc(b, '{');");
            emit_line(e, "bool first = true;");
        }
        for (int i = 0; i < n; i++) {
            const char *name = t->names[i];
            emit_line(e, "/* %s %s */", emit_comment(g->a, name), emit_comment(g->a, type_str(g->a, t->fields[i])));
            if (skip_null) {
                emit_open(e, "if (!v->items[%d].null)", i);
                emit_line(e, "if (!first)");
                emit_line(e, "    sqlkc_rt_buf_putc(b, ',');");
                emit_line(e, "first = false;");
            }
            const char *lead = skip_null ? "" : i ? "," : "{";
            if (plain_name(name)) {
                char *lit = arena_printf(g->a, "%s\"%s\":", lead, name);
                emit_line(e, "sqlkc_rt_buf_put(b, %s, %zu);", emit_cstr(g->a, lit, strlen(lit)), strlen(lit));
            } else {
                if (*lead)
                    emit_line(e, "sqlkc_rt_buf_putc(b, '%c');", *lead);
                emit_line(e, "sqlkc_rt_json_put_str(b, %s, %zu);", emit_cstr(g->a, name, strlen(name)), strlen(name));
                emit_line(e, "sqlkc_rt_buf_putc(b, ':');");
            }
            emit_open(e, "%s", "");
            emit_line(e, "const sqlkc_rt_item_t *it = &v->items[%d];", i);
            json_write_item(g, t->fields[i], f, "it");
            emit_close(e, NULL);
            if (skip_null)
                emit_close(e, NULL);
        }
        emit_line(e, "sqlkc_rt_buf_putc(b, '}');");
        emit_line(e, "return NULL;");
        return;
    }
    if (t->kind == TY_ARRAY) {
        emit_line(e, "sqlkc_rt_buf_putc(b, '[');");
        emit_open(e, "for (uint32_t i = 0; i < v->n; i++)");
        emit_line(e, "if (i)");
        emit_line(e, "    sqlkc_rt_buf_putc(b, ',');");
        emit_line(e, "const sqlkc_rt_item_t *it = &v->items[i];");
        json_write_item(g, sub[0], f, "it");
        emit_close(e, NULL);
        emit_line(e, "sqlkc_rt_buf_putc(b, ']');");
        emit_line(e, "return NULL;");
        return;
    }
    /* MAP, MULTISET: an ObjectNode (a LinkedHashMap) set in the map's order */
    static const char *const modes[] = {"SQLKC_RT_JSON_NULL_KEY_FAIL", "SQLKC_RT_JSON_NULL_KEY_DROP",
                                        "SQLKC_RT_JSON_NULL_KEY_LITERAL"};
    emit_line(e, "bool has_null = false;");
    emit_line(e, "for (uint32_t i = 0; i < v->n; i++)");
    emit_line(e, "    has_null |= v->items[2 * i].null;");
    if (f->map_null_key == NULL_KEY_FAIL) {
        emit_line(e, "if (has_null)");
        emit_line(e, "    return SQLKC_RT_JSON_NULL_KEY_MSG;");
    }
    emit_line(e, "sqlkc_rt_buf_putc(b, '{');");
    emit_line(e, "bool first = true;");
    emit_open(e, "for (uint32_t i = 0; i < v->n; i++)");
    emit_line(e, "sqlkc_rt_str_t name = v->items[2 * i].v.s;");
    emit_line(e, "uint32_t at = i;");
    if (f->map_null_key != NULL_KEY_FAIL) /* the literal may meet a key that is there */
        emit_line(e, "if (has_null && !sqlkc_rt_json_map_entry(v, i, %s, %s, &name, &at))",
                  modes[f->map_null_key], emit_cstr(g->a, f->map_null_literal, strlen(f->map_null_literal)));
    else
        emit_line(e, "if (has_null)");
    emit_line(e, "    continue;");
    emit_line(e, "if (!first)");
    emit_line(e, "    sqlkc_rt_buf_putc(b, ',');");
    emit_line(e, "first = false;");
    emit_line(e, "sqlkc_rt_json_put_str(b, name.p, name.n);");
    emit_line(e, "sqlkc_rt_buf_putc(b, ':');");
    emit_line(e, "const sqlkc_rt_item_t *it = &v->items[2 * at + 1];");
    json_write_item(g, sub[1], f, "it");
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_buf_putc(b, '}');");
    emit_line(e, "return NULL;");
}

/* The writer of nested type t under f's options: NULL, or why not. */
static const char *json_writer(gen_t *g, const type_t *t, const format_t *f)
{
    const char *what = arena_printf(g->a, "json-write:%d%d%d%d:%s", f->ts_iso, f->decimal_plain, f->ignore_null_fields,
                                    f->map_null_key, f->map_null_literal ? f->map_null_literal : "");
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    const type_t **sub;
    int n = children(g, t, &sub);
    for (int i = 0; i < n; i++)
        if (type_is_nested(sub[i]))
            json_writer(g, sub[i], f);
    name = gen_codec_remember(g, what, t, "json_write");
    emit_t *e = g->e;
    emit_line(e, "/* Writes a JSON %s. */", emit_comment(g->a, type_str(g->a, t)));
    emit_open(e, "__attribute__((unused)) static const char *%s(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v)",
              name);
    json_writer_body(g, t, f);
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* ==== avro ================================================================ */

static const char *avro_unit(const type_t *t, bool legacy)
{
    if (legacy)
        return "SQLKC_RT_AVRO_MILLIS";
    return t->p <= 3 ? "SQLKC_RT_AVRO_MILLIS" : t->p <= 6 ? "SQLKC_RT_AVRO_MICROS" : "SQLKC_RT_AVRO_NANOS";
}

static const char *avro_reader(gen_t *g, const type_t *t, bool legacy);
static const char *avro_writer(gen_t *g, const type_t *t, bool legacy);

/* The legacy flag of t's children: a ROW's fields keep the row's; array
 * elements and map values are derived with the legacy mapping. */
static bool child_legacy(const type_t *t, bool legacy)
{
    return t->kind == TY_ROW ? legacy : true;
}

static void avro_read_item(gen_t *g, const type_t *t, bool legacy, const char *it)
{
    emit_t *e = g->e;
    if (t->nullable) { /* union ["null", T] */
        emit_open(e, "%s", "");
        emit_line(e, "bool has;");
        emit_line(e, "if (sqlkc_rt_avro_get_branch(c, &has) < 0)");
        emit_line(e, "    return -1;");
        emit_line(e, "%s->null = !has;", it);
        emit_open(e, "if (has)");
    }
    switch (t->kind) {
    case TY_BOOLEAN:
        emit_line(e, "if (sqlkc_rt_avro_get_bool(c, &%s->v.b) < 0)", it);
        emit_line(e, "    return -1;");
        break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME:
        emit_open(e, "%s", "");
        emit_line(e, "int32_t x;");
        emit_line(e, "if (sqlkc_rt_avro_get_int(c, &x) < 0)");
        emit_line(e, "    return -1;");
        if (t->kind == TY_TINYINT) /* Integer.byteValue / shortValue wrap */
            emit_line(e, "%s->v.i = (int8_t)(uint8_t)x;", it);
        else if (t->kind == TY_SMALLINT)
            emit_line(e, "%s->v.i = (int16_t)(uint16_t)x;", it);
        else
            emit_line(e, "%s->v.i = x;", it);
        emit_close(e, NULL);
        break;
    case TY_BIGINT:
        emit_line(e, "if (sqlkc_rt_avro_get_long(c, &%s->v.i) < 0)", it);
        emit_line(e, "    return -1;");
        break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_line(e, "if (sqlkc_rt_avro_get_ts(c, &%s->v.ts, %s) < 0)", it, avro_unit(t, legacy));
        emit_line(e, "    return -1;");
        break;
    case TY_FLOAT:
        emit_line(e, "if (sqlkc_rt_avro_get_float(c, &%s->v.f) < 0)", it);
        emit_line(e, "    return -1;");
        break;
    case TY_DOUBLE:
        emit_line(e, "if (sqlkc_rt_avro_get_double(c, &%s->v.d) < 0)", it);
        emit_line(e, "    return -1;");
        break;
    case TY_DECIMAL:
        emit_line(e, "if (sqlkc_rt_avro_get_decimal(c, &%s->v.dec) < 0)", it);
        emit_line(e, "    return -1;");
        break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_line(e, "if (%s(c, &%s->v.nest, ctx) < 0)", avro_reader(g, t, legacy), it);
        emit_line(e, "    return -1;");
        break;
    default:
        if (is_string(t) || is_binary(t)) {
            emit_line(e, "if (sqlkc_rt_avro_get_bytes(c, &%s->v.s) < 0)", it);
            emit_line(e, "    return -1;");
            if (is_string(t)) /* Utf8.toString(): ill-formed UTF-8 becomes U+FFFD */
                emit_line(e, "sqlkc_rt_utf8_java(&%s->v.s, scratch_alloc, ctx);", it);
        } else {
            emit_line(e, "c->err = \"a type the avro format does not read\";");
            emit_line(e, "return -1;");
        }
    }
    if (t->nullable) {
        emit_close(e, NULL);
        emit_close(e, NULL);
    }
}

static void avro_reader_body(gen_t *g, const type_t *t, bool legacy)
{
    emit_t *e = g->e;
    const type_t **sub;
    children(g, t, &sub);
    bool cl = child_legacy(t, legacy);
    if (t->kind == TY_ROW) {
        int n = t->nfields;
        emit_line(e, "sqlkc_rt_item_t *items = scratch_alloc(ctx, sizeof *items * %d);", n ? n : 1);
        emit_line(e, "memset(items, 0, sizeof *items * %d);", n ? n : 1);
        emit_line(e, "out->items = items;");
        emit_line(e, "out->n = %d;", n);
        for (int i = 0; i < n; i++) {
            emit_line(e, "/* %s %s */", emit_comment(g->a, t->names[i]), emit_comment(g->a, type_str(g->a, t->fields[i])));
            emit_open(e, "%s", "");
            emit_line(e, "sqlkc_rt_item_t *it = &items[%d];", i);
            avro_read_item(g, t->fields[i], cl, "it");
            emit_close(e, NULL);
        }
        emit_line(e, "return 0;");
        return;
    }
    bool map = t->kind != TY_ARRAY;
    emit_line(e, "uint32_t n = 0, cap = 0, first_block = 0;");
    emit_line(e, "sqlkc_rt_item_t *items = NULL;");
    emit_open(e, "for (bool first = true;; first = false)");
    emit_line(e, "int64_t count;");
    emit_line(e, "if (sqlkc_rt_avro_block_count(c, &count) < 0)");
    emit_line(e, "    return -1;");
    emit_line(e, "if (first)");
    emit_line(e, "    first_block = (uint32_t)count;");
    emit_line(e, "if (count == 0)");
    emit_line(e, "    break;");
    emit_open(e, "if (count > (int64_t)(UINT32_MAX / 4) || "
                 "!(items = sqlkc_rt_items_reserve(items, n, (uint32_t)count, &cap, %d, scratch_alloc, ctx)))",
              map ? 2 : 1);
    emit_line(e, "c->err = \"too many items\";");
    emit_line(e, "return -1;");
    emit_close(e, NULL);
    emit_open(e, "for (int64_t k = 0; k < count; k++, n++)");
    emit_line(e, "sqlkc_rt_item_t *it = &items[%sn];", map ? "2 * " : "");
    emit_line(e, "memset(it, 0, sizeof *it * %d);", map ? 2 : 1);
    if (map) { /* the key: a string */
        emit_line(e, "if (sqlkc_rt_avro_get_bytes(c, &it->v.s) < 0)");
        emit_line(e, "    return -1;");
        emit_line(e, "sqlkc_rt_utf8_java(&it->v.s, scratch_alloc, ctx);");
        emit_line(e, "it++;");
    }
    avro_read_item(g, sub[map ? 1 : 0], cl, "it");
    emit_close(e, NULL);
    emit_close(e, NULL);
    emit_line(e, "out->items = items;");
    if (map)
        emit_line(e, "out->n = sqlkc_rt_avro_map_read_order(items, n, first_block, scratch_alloc, ctx);");
    else
        emit_line(e, "out->n = n;");
    emit_line(e, "(void)first_block;");
    emit_line(e, "return 0;");
}

/* The reader of nested type t (its own union read by the caller): 0, or -1
 * with c->err. */
static const char *avro_reader(gen_t *g, const type_t *t, bool legacy)
{
    if (t->kind != TY_ROW)
        legacy = true; /* the same code either way */
    const char *what = legacy ? "avro-read:legacy" : "avro-read:units";
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    const type_t **sub;
    int n = children(g, t, &sub);
    for (int i = 0; i < n; i++)
        if (type_is_nested(sub[i]))
            avro_reader(g, sub[i], child_legacy(t, legacy));
    name = gen_codec_remember(g, what, t, "avro_read");
    emit_t *e = g->e;
    emit_line(e, "/* Reads an Avro %s. */", emit_comment(g->a, type_str(g->a, t)));
    emit_open(e, "__attribute__((unused)) static int %s(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, "
                 "sqlkc_rt_ctx_t *ctx)", name);
    avro_reader_body(g, t, legacy);
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

static void avro_write_item(gen_t *g, const type_t *t, bool legacy, const char *it)
{
    emit_t *e = g->e;
    if (t->nullable) {
        emit_line(e, "sqlkc_rt_avro_put_int(b, %s->null ? 0 : 1); /* union [\"null\", T] */", it);
        emit_open(e, "if (!%s->null)", it);
    } else {
        emit_line(e, "if (%s->null)", it);
        emit_line(e, "    return SQLKC_RT_AVRO_NOT_NULL_MSG;");
    }
    switch (t->kind) {
    case TY_BOOLEAN: emit_line(e, "sqlkc_rt_avro_put_bool(b, %s->v.b);", it); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_DATE: case TY_TIME:
        emit_line(e, "sqlkc_rt_avro_put_int(b, (int32_t)%s->v.i);", it);
        break;
    case TY_BIGINT: emit_line(e, "sqlkc_rt_avro_put_long(b, %s->v.i);", it); break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        emit_line(e, "sqlkc_rt_avro_put_ts(b, %s->v.ts, %s);", it, avro_unit(t, legacy));
        break;
    case TY_FLOAT: emit_line(e, "sqlkc_rt_avro_put_float(b, %s->v.f);", it); break;
    case TY_DOUBLE: emit_line(e, "sqlkc_rt_avro_put_double(b, %s->v.d);", it); break;
    case TY_DECIMAL: emit_line(e, "sqlkc_rt_avro_put_decimal(b, %s->v.dec);", it); break;
    case TY_ARRAY: case TY_MAP: case TY_MULTISET: case TY_ROW:
        emit_open(e, "%s", "");
        emit_line(e, "const char *why = %s(b, &%s->v.nest, ctx);", avro_writer(g, t, legacy), it);
        emit_line(e, "if (why)");
        emit_line(e, "    return why;");
        emit_close(e, NULL);
        break;
    default:
        if (is_string(t) || is_binary(t))
            emit_line(e, "sqlkc_rt_avro_put_bytes(b, %s->v.s.p, %s->v.s.n);", it, it);
        else
            emit_line(e, "return \"a type the avro format does not write\";");
    }
    if (t->nullable)
        emit_close(e, NULL);
}

static void avro_writer_body(gen_t *g, const type_t *t, bool legacy)
{
    emit_t *e = g->e;
    const type_t **sub;
    children(g, t, &sub);
    bool cl = child_legacy(t, legacy);
    if (t->kind == TY_ROW) {
        int n = t->nfields;
        emit_line(e, "if (v->n != %d)", n);
        emit_line(e, "    return \"a ROW value whose field count is not its type's\";");
        for (int i = 0; i < n; i++) {
            emit_line(e, "/* %s %s */", emit_comment(g->a, t->names[i]), emit_comment(g->a, type_str(g->a, t->fields[i])));
            emit_open(e, "%s", "");
            emit_line(e, "const sqlkc_rt_item_t *it = &v->items[%d];", i);
            avro_write_item(g, t->fields[i], cl, "it");
            emit_close(e, NULL);
        }
        emit_line(e, "(void)ctx;");
        emit_line(e, "return NULL;");
        return;
    }
    if (t->kind == TY_ARRAY) {
        emit_open(e, "if (v->n)");
        emit_line(e, "sqlkc_rt_avro_put_long(b, v->n);");
        emit_open(e, "for (uint32_t i = 0; i < v->n; i++)");
        emit_line(e, "const sqlkc_rt_item_t *it = &v->items[i];");
        avro_write_item(g, sub[0], cl, "it");
        emit_close(e, NULL);
        emit_close(e, NULL);
        emit_line(e, "sqlkc_rt_avro_put_long(b, 0);");
        emit_line(e, "(void)ctx;");
        emit_line(e, "return NULL;");
        return;
    }
    /* MAP, MULTISET: the entries of a HashMap<String, Object> */
    emit_open(e, "if (v->n)");
    emit_line(e, "for (uint32_t i = 0; i < v->n; i++)");
    emit_line(e, "    if (v->items[2 * i].null) /* keyArray.getString(i).toString() */");
    emit_line(e, "        return \"Avro cannot write a map entry with a NULL key\";");
    emit_line(e, "sqlkc_rt_item_t *items;");
    emit_line(e, "uint32_t n = sqlkc_rt_avro_map_write_order(v, &items, scratch_alloc, ctx);");
    emit_line(e, "sqlkc_rt_avro_put_long(b, n);");
    emit_open(e, "for (uint32_t i = 0; i < n; i++)");
    emit_line(e, "sqlkc_rt_avro_put_bytes(b, items[2 * i].v.s.p, items[2 * i].v.s.n);");
    emit_line(e, "const sqlkc_rt_item_t *it = &items[2 * i + 1];");
    avro_write_item(g, sub[1], cl, "it");
    emit_close(e, NULL);
    emit_close(e, NULL);
    emit_line(e, "sqlkc_rt_avro_put_long(b, 0);");
    emit_line(e, "return NULL;");
}

/* The writer of nested type t (its own union written by the caller): NULL,
 * or why it cannot be written. */
static const char *avro_writer(gen_t *g, const type_t *t, bool legacy)
{
    if (t->kind != TY_ROW)
        legacy = true;
    const char *what = legacy ? "avro-write:legacy" : "avro-write:units";
    const char *name = gen_codec_lookup(g, what, t);
    if (name)
        return name;
    const type_t **sub;
    int n = children(g, t, &sub);
    for (int i = 0; i < n; i++)
        if (type_is_nested(sub[i]))
            avro_writer(g, sub[i], child_legacy(t, legacy));
    name = gen_codec_remember(g, what, t, "avro_write");
    emit_t *e = g->e;
    emit_line(e, "/* Writes an Avro %s. */", emit_comment(g->a, type_str(g->a, t)));
    emit_open(e, "__attribute__((unused)) static const char *%s(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, "
                 "sqlkc_rt_ctx_t *ctx)", name);
    avro_writer_body(g, t, legacy);
    emit_close(e, NULL);
    emit_blank(e);
    return name;
}

/* ==== the table codecs' entry points ====================================== */

static unsigned json_flags(const format_t *f)
{
    return (f->ignore_parse_errors ? JF_IGNORE : 0u) | (f->fail_on_missing ? JF_FAIL_MISSING : 0u) |
           (f->ts_iso ? JF_TS_ISO : 0u);
}

void gen_nested_codecs(gen_t *g)
{
    const plan_t *p = g->p;
    bool any = false;
    for (int i = 0; i < p->ntables; i++) {
        const table_t *t = p->tables[i];
        if (!t->role)
            continue;
        const format_t *fs[2] = {&t->key, &t->value};
        for (int k = 0; k < 2; k++) {
            const format_t *f = fs[k];
            bool json = f->kind == FMT_JSON;
            bool avro = (f->kind == FMT_AVRO || f->kind == FMT_AVRO_CONFLUENT) && !f->avro_json;
            if (!json && !avro)
                continue;
            for (int c = 0; c < f->ncols; c++) {
                const type_t *ty = t->cols[f->cols[c]].type;
                if (!type_is_nested(ty))
                    continue;
                if (!any)
                    emit_line(g->e, "/* The codecs of the ARRAY, MAP, MULTISET and ROW values of the job's formats. */");
                any = true;
                if (json && (t->role & SQLKC_RT_ROLE_SOURCE))
                    json_reader(g, ty, json_flags(f));
                if (json && (t->role & SQLKC_RT_ROLE_SINK))
                    json_writer(g, ty, f);
                if (avro && (t->role & SQLKC_RT_ROLE_SOURCE))
                    avro_reader(g, ty, f->avro_ts_legacy);
                if (avro && (t->role & SQLKC_RT_ROLE_SINK))
                    avro_writer(g, ty, f->avro_ts_legacy);
            }
        }
    }
}

const char *gen_json_nested_reader(gen_t *g, const type_t *t, const format_t *f)
{
    return json_reader(g, t, json_flags(f));
}

const char *gen_json_nested_writer(gen_t *g, const type_t *t, const format_t *f)
{
    return json_writer(g, t, f);
}

const char *gen_avro_nested_reader(gen_t *g, const type_t *t, const format_t *f)
{
    return avro_reader(g, t, f->avro_ts_legacy);
}

const char *gen_avro_nested_writer(gen_t *g, const type_t *t, const format_t *f)
{
    return avro_writer(g, t, f->avro_ts_legacy);
}
