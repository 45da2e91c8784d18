/* This file holds what the compiler knows about Flink's avro-confluent
 * format beyond plain avro: its options (a registry URL, a subject for a sink
 * that Flink cannot default), the schema a job registers and reads (the
 * user's 'avro-confluent.schema', or the one Flink derives), and the check
 * that a user's schema matches the table as RegistryAvroFormatFactory does
 * it: the schema converted back to a Flink row type
 * (AvroSchemaConverter.convertToDataType, legacy timestamp mapping) must equal
 * the format's row type, field names, types and nullability. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <avro.h>
#include <jansson.h>

#include "analyze.h"
#include "sqlkc/options.h"

static const char *fmt_opt(const table_t *t, const format_t *f, const char *name, char *key, size_t cap)
{
    snprintf(key, cap, "%savro-confluent.%s", f->prefix, name);
    const char *v = sqlkc_rt_kv_get(t->opts, t->nopts, key);
    if (!v) { /* the 1.12 names, still accepted as fallback keys */
        char old[512];
        snprintf(old, sizeof old, "%savro-confluent.schema-registry.%s", f->prefix, name);
        v = sqlkc_rt_kv_get(t->opts, t->nopts, old);
        if (v)
            snprintf(key, cap, "%s", old);
    }
    return v;
}

static loc_t val_loc(const table_t *t, const char *key)
{
    for (size_t i = 0; i < t->nopts; i++)
        if (strcmp(t->opts[i].key, key) == 0)
            return t->opt_val_locs[i];
    return t->loc;
}

const char *avro_confluent_schema(arena_t *a, const table_t *t, const format_t *f)
{
    char key[512];
    const char *user = fmt_opt(t, f, "schema", key, sizeof key);
    return user ? user : avro_schema(a, t, f);
}

/* The Flink type AvroSchemaConverter.convertToDataType gives an Avro type,
 * or NULL for one no table column of this version can equal. */
static const type_t *flink_type(arena_t *a, json_t *j)
{
    bool nullable = false;
    if (json_is_array(j)) { /* a union: ["null", T] or [T, "null"] is a nullable T */
        json_t *other = NULL;
        size_t nnull = 0, i;
        json_t *b;
        json_array_foreach(j, i, b) {
            if (json_is_string(b) && strcmp(json_string_value(b), "null") == 0)
                nnull++;
            else
                other = b;
        }
        if (json_array_size(j) != 2 || nnull != 1 || !other)
            return NULL;
        j = other;
        nullable = true;
    }
    const char *type = NULL, *logical = NULL;
    if (json_is_string(j)) {
        type = json_string_value(j);
    } else if (json_is_object(j)) {
        type = json_string_value(json_object_get(j, "type"));
        logical = json_string_value(json_object_get(j, "logicalType"));
    }
    if (!type)
        return NULL;
    int kind = -1, p = -1, s = -1;
    if (!strcmp(type, "boolean")) {
        kind = TY_BOOLEAN;
    } else if (!strcmp(type, "int")) {
        if (logical && !strcmp(logical, "date"))
            kind = TY_DATE;
        else if (logical && !strcmp(logical, "time-millis"))
            kind = TY_TIME, p = 3;
        else
            kind = TY_INT;
    } else if (!strcmp(type, "long")) {
        if (logical && !strcmp(logical, "timestamp-millis"))
            kind = TY_TIMESTAMP, p = 3;
        else if (logical && !strcmp(logical, "timestamp-micros"))
            kind = TY_TIMESTAMP, p = 6;
        else if (logical && !strcmp(logical, "time-micros"))
            kind = TY_TIME, p = 6;
        else
            kind = TY_BIGINT;
    } else if (!strcmp(type, "float")) {
        kind = TY_FLOAT;
    } else if (!strcmp(type, "double")) {
        kind = TY_DOUBLE;
    } else if (!strcmp(type, "string") || !strcmp(type, "enum")) {
        kind = TY_VARCHAR, p = TY_MAX_LEN;
    } else if (!strcmp(type, "bytes")) {
        if (logical && !strcmp(logical, "decimal")) {
            kind = TY_DECIMAL;
            p = (int)json_integer_value(json_object_get(j, "precision"));
            s = (int)json_integer_value(json_object_get(j, "scale"));
        } else {
            kind = TY_VARBINARY, p = TY_MAX_LEN;
        }
    }
    if (kind < 0 && json_is_object(j)) {
        /* convertToDataType: ARRAY(items) NOT NULL, MAP(STRING NOT NULL,
         * values) NOT NULL, a record ROW(fields) NOT NULL; a union makes the
         * outer type nullable like any other */
        type_t *t = NULL;
        if (!strcmp(type, "array") || !strcmp(type, "map")) {
            const type_t *sub = flink_type(a, json_object_get(j, !strcmp(type, "array") ? "items" : "values"));
            if (!sub)
                return NULL;
            t = (type_t *)type_new(a, !strcmp(type, "array") ? TY_ARRAY : TY_MAP, -1, -1, nullable);
            if (t->kind == TY_ARRAY) {
                t->elem = sub;
            } else {
                t->elem = type_new(a, TY_VARCHAR, TY_MAX_LEN, -1, false);
                t->val = sub;
            }
        } else if (!strcmp(type, "record")) {
            json_t *fields = json_object_get(j, "fields");
            size_t n = json_array_size(fields);
            t = (type_t *)type_new(a, TY_ROW, -1, -1, nullable);
            t->nfields = (int)n;
            t->names = arena_alloc(a, sizeof(char *) * (n + 1));
            t->fields = arena_alloc(a, sizeof(type_t *) * (n + 1));
            for (size_t i = 0; i < n; i++) {
                json_t *fld = json_array_get(fields, i);
                const char *name = json_string_value(json_object_get(fld, "name"));
                t->names[i] = name ? arena_strdup(a, name) : "?";
                if (!(t->fields[i] = flink_type(a, json_object_get(fld, "type"))))
                    return NULL;
            }
        }
        return t;
    }
    if (kind < 0)
        return NULL; /* fixed, enums in containers and the like: not columns of this version */
    return type_new(a, kind, p, s, nullable);
}

static bool same_type(const type_t *schema, const type_t *col)
{
    if (schema->kind != col->kind || schema->nullable != col->nullable)
        return false;
    switch (col->kind) {
    case TY_ARRAY: return same_type(schema->elem, col->elem);
    case TY_MAP: return same_type(schema->elem, col->elem) && same_type(schema->val, col->val);
    case TY_ROW:
        if (schema->nfields != col->nfields)
            return false;
        for (int i = 0; i < col->nfields; i++)
            if (strcmp(schema->names[i], col->names[i]) != 0 || !same_type(schema->fields[i], col->fields[i]))
                return false;
        return true;
    case TY_VARCHAR: case TY_VARBINARY: case TY_TIME: case TY_TIMESTAMP: return schema->p == col->p;
    case TY_DECIMAL: return schema->p == col->p && schema->s == col->s;
    default: return true;
    }
}

/* Why the user's schema does not match the format's row type, or NULL. */
static const char *schema_mismatch(an_t *an, const table_t *t, const format_t *f, json_t *root)
{
    if (json_is_array(root) && json_array_size(root) == 2) { /* a nullable record is a record */
        json_t *a = json_array_get(root, 0), *b = json_array_get(root, 1);
        root = json_is_string(a) && !strcmp(json_string_value(a), "null") ? b : a;
    }
    if (!json_is_object(root) || !json_is_string(json_object_get(root, "type")) ||
        strcmp(json_string_value(json_object_get(root, "type")), "record") != 0)
        return "the schema is not a record";
    json_t *fields = json_object_get(root, "fields");
    size_t n = json_array_size(fields);
    for (size_t i = 0; i < n && i < (size_t)f->ncols; i++) {
        json_t *fld = json_array_get(fields, i);
        const char *name = json_string_value(json_object_get(fld, "name"));
        if (!name || strcmp(name, f->names[i]) != 0)
            return arena_printf(an->arena, "field %zu is '%s' in the schema and '%s' in the table", i + 1,
                                name ? name : "?", f->names[i]);
        const type_t *ty = flink_type(an->arena, json_object_get(fld, "type"));
        const type_t *col = t->cols[f->cols[i]].type;
        if (!ty || !same_type(ty, col)) {
            char *text = json_dumps(json_object_get(fld, "type"), JSON_COMPACT | JSON_ENCODE_ANY);
            const char *why = arena_printf(an->arena, "field '%s' is %s in the schema (%s), %s in the table",
                                           name, ty ? type_str(an->arena, ty) : "a type no column has",
                                           text ? text : "?", type_str(an->arena, col));
            free(text);
            return why;
        }
    }
    if (n != (size_t)f->ncols)
        return arena_printf(an->arena, "the schema has %zu fields, the table's %s format %d", n,
                            f->prefix[0] == 'k' ? "key" : "value", f->ncols);
    return NULL;
}

void check_avro_confluent(an_t *an, table_t *t, const format_t *f)
{
    if (f->kind != FMT_AVRO_CONFLUENT)
        return;
    const char *fmt_key = f->prefix[0] == 'k' ? "key.format" : f->prefix[0] == 'v' ? "value.format" : "format";
    char key[512];
    /* a missing URL is reported with the options (options.def) */
    /* autoCompleteSchemaRegistrySubject defaults the subject of a sink of one topic */
    const char *topic = sqlkc_rt_kv_get(t->opts, t->nopts, "topic");
    if ((t->role & SQLKC_RT_ROLE_SINK) && !fmt_opt(t, f, "subject", key, sizeof key) &&
        (!topic || strchr(topic, ';'))) {
        diag_error(an->diag, val_loc(t, fmt_key), "Option avro-confluent.subject is required for serialization");
        t->valid = false;
    }
    const char *user = fmt_opt(t, f, "schema", key, sizeof key);
    if (!user)
        return;
    loc_t where = val_loc(t, key);
    avro_schema_t parsed;
    if (avro_schema_from_json_length(user, strlen(user), &parsed) != 0) {
        diag_error(an->diag, where, "'%s' is not a valid Avro schema: %s", key, avro_strerror());
        t->valid = false;
        return;
    }
    avro_schema_decref(parsed);
    json_error_t je;
    json_t *root = json_loads(user, JSON_DECODE_ANY, &je);
    const char *why = root ? schema_mismatch(an, t, f, root) : "the schema is not JSON";
    json_decref(root);
    if (why) {
        diag_error(an->diag, where, "Schema provided for 'avro-confluent' format does not match the table schema: "
                   "%s (%s)", user, why);
        t->valid = false;
    }
}
