/* This file is the avro-confluent format as a job uses it
 * (sqlkc/registry.h): the sink's schema id, registered or looked up once at
 * init under Flink's subject, and the source's reader: header check, writer
 * schema by id (fetched once per id), and Avro schema resolution (avro-c's
 * resolved writer) when the writer schema is not the table's. avro-c does not
 * fill reader fields the writer lacks from their defaults, as Java's
 * resolution does; such fields (with a null default, what Flink derives for
 * a nullable column) are left out of the resolution and written back as
 * null. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <avro.h>
#include <jansson.h>

#include "internal.h"
#include "sqlkc/registry.h"

static const char *format_opt(rt_table_t *t, const char *prefix, const char *name)
{
    char key[256];
    snprintf(key, sizeof key, "%savro-confluent.%s", prefix, name);
    return sqlkc_rt_kv_get(t->opts.kv, t->opts.n, key);
}

/* The schema the job was compiled with must still be the option's value: the
 * generated encoder and decoder follow it. */
static int check_schema_option(sqlkc_rt_ctx_t *ctx, rt_table_t *t, const char *prefix, const char *schema)
{
    const char *user = format_opt(t, prefix, "schema");
    if (!user)
        user = format_opt(t, prefix, "schema-registry.schema");
    if (user && strcmp(user, schema) != 0)
        return sqlkc_rt_fail(ctx, "table '%s': '%savro-confluent.schema' is not the schema the job was compiled "
                             "with; compile the job again with the new schema", t->def->name, prefix);
    return SQLKC_RT_OK;
}

static sqlkc_rt_registry_t *open_registry(sqlkc_rt_ctx_t *ctx, rt_table_t *t, const char *prefix)
{
    sqlkc_rt_registry_conf_t conf;
    sqlkc_rt_registry_conf_from(&conf, t->opts.kv, t->opts.n, prefix);
    char err[512];
    sqlkc_rt_registry_t *r = sqlkc_rt_registry_new(&conf, err, sizeof err);
    if (!r)
        sqlkc_rt_fail(ctx, "table '%s': %s", t->def->name, err);
    return r;
}

int sqlkc_rt_confluent_writer_id(sqlkc_rt_ctx_t *ctx, size_t table, const char *prefix, bool is_key,
                                 const char *schema, int32_t *id)
{
    if (table >= ctx->ntables)
        return sqlkc_rt_fail(ctx, "internal error: no table #%zu", table);
    rt_table_t *t = &ctx->tables[table];
    if (check_schema_option(ctx, t, prefix, schema) != SQLKC_RT_OK)
        return SQLKC_RT_ERR;
    /* KafkaConnectorOptionsUtil.autoCompleteSchemaRegistrySubject: a sink of
     * one topic defaults to <topic>-key / <topic>-value */
    char subject[1024];
    const char *s = format_opt(t, prefix, "subject");
    if (!s)
        s = format_opt(t, prefix, "schema-registry.subject");
    if (s) {
        snprintf(subject, sizeof subject, "%s", s);
    } else {
        const char *topic = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "topic");
        if (!topic || !*topic || strchr(topic, ';'))
            return sqlkc_rt_fail(ctx, "table '%s': Option avro-confluent.subject is required for serialization",
                                 t->def->name);
        snprintf(subject, sizeof subject, "%s-%s", topic, is_key ? "key" : "value");
    }
    sqlkc_rt_registry_t *r = open_registry(ctx, t, prefix);
    if (!r)
        return SQLKC_RT_ERR;
    const char *reg = format_opt(t, prefix, "auto.register.schemas");
    bool lookup = reg && strcasecmp(reg, "false") == 0;
    char err[1024];
    int rc = lookup ? sqlkc_rt_registry_lookup(r, subject, schema, id, err, sizeof err)
                    : sqlkc_rt_registry_register(r, subject, schema, id, err, sizeof err);
    sqlkc_rt_registry_free(r);
    if (rc != 0)
        return sqlkc_rt_fail(ctx, "table '%s': cannot %s the %s schema under subject '%s'%s: %s", t->def->name,
                             lookup ? "find" : "register", is_key ? "key" : "value", subject,
                             lookup ? " ('auto.register.schemas' is false, so it must be registered already)" : "",
                             err);
    sqlkc_rt_log(ctx, "table '%s': %s schema id %" PRId32 " (subject '%s')", t->def->name, is_key ? "key" : "value",
                 *id, subject);
    return SQLKC_RT_OK;
}

/* One writer schema id the reader has met. */
typedef struct writer_entry {
    int32_t id;
    bool same;                        /* the writer schema is the reader schema */
    avro_schema_t writer;
    avro_value_iface_t *resolver;     /* writer -> reader (avro_resolved_writer) */
    avro_value_iface_t *dest_iface;
    avro_value_t resolved, dest;
    bool has_resolved, has_dest;      /* which of the values exist */
    avro_schema_t reduced;            /* the reader schema without the fields the writer lacks, or NULL */
    bool *missing;                    /* missing[i]: reader field i is not in the writer (NULL: none) */
} writer_entry_t;

struct sqlkc_rt_confluent_reader {
    sqlkc_rt_registry_t *reg;
    const char *table;
    avro_schema_t schema;
    json_t *schema_json; /* the reader schema as JSON, for its field defaults */
    writer_entry_t *entries;
    size_t n, cap;
    size_t last; /* index of the entry used last */
    avro_reader_t in;
    avro_writer_t out;
};

sqlkc_rt_confluent_reader_t *sqlkc_rt_confluent_reader_new(sqlkc_rt_ctx_t *ctx, size_t table, const char *prefix,
                                                           const char *schema)
{
    if (table >= ctx->ntables) {
        sqlkc_rt_fail(ctx, "internal error: no table #%zu", table);
        return NULL;
    }
    rt_table_t *t = &ctx->tables[table];
    if (check_schema_option(ctx, t, prefix, schema) != SQLKC_RT_OK)
        return NULL;
    sqlkc_rt_confluent_reader_t *r = calloc(1, sizeof *r);
    if (!r) {
        sqlkc_rt_fail(ctx, "out of memory");
        return NULL;
    }
    r->table = t->def->name;
    json_error_t je;
    r->schema_json = json_loads(schema, JSON_DECODE_ANY, &je);
    if (!r->schema_json || avro_schema_from_json_length(schema, strlen(schema), &r->schema) != 0) {
        sqlkc_rt_fail(ctx, "table '%s': the reader schema does not parse: %s", t->def->name, avro_strerror());
        sqlkc_rt_confluent_reader_free(r);
        return NULL;
    }
    static const char nothing[1];
    r->in = avro_reader_memory(nothing, 0);
    r->out = avro_writer_memory(nothing, 0);
    r->reg = open_registry(ctx, t, prefix);
    if (!r->in || !r->out || !r->reg) {
        if (!r->in || !r->out)
            sqlkc_rt_fail(ctx, "out of memory");
        sqlkc_rt_confluent_reader_free(r);
        return NULL;
    }
    return r;
}

static void entry_free(writer_entry_t *e)
{
    if (e->has_resolved)
        avro_value_decref(&e->resolved);
    if (e->has_dest)
        avro_value_decref(&e->dest);
    if (e->resolver)
        avro_value_iface_decref(e->resolver);
    if (e->dest_iface)
        avro_value_iface_decref(e->dest_iface);
    if (e->writer)
        avro_schema_decref(e->writer);
    if (e->reduced)
        avro_schema_decref(e->reduced);
    free(e->missing);
}

void sqlkc_rt_confluent_reader_free(sqlkc_rt_confluent_reader_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        entry_free(&r->entries[i]);
    free(r->entries);
    if (r->schema)
        avro_schema_decref(r->schema);
    json_decref(r->schema_json);
    if (r->in)
        avro_reader_free(r->in);
    if (r->out)
        avro_writer_free(r->out);
    sqlkc_rt_registry_free(r->reg);
    free(r);
}

/* The reader's top-level fields that the writer schema lacks: each must have
 * a null default (Java would use the default); the writer is then resolved
 * against the reader schema without them (e->reduced). */
static int reduce_reader(sqlkc_rt_confluent_reader_t *r, writer_entry_t *e, char *err, size_t errlen)
{
    if (!is_avro_record(e->writer) || !is_avro_record(r->schema))
        return 0; /* avro-c's resolution reports what does not fit */
    size_t n = avro_schema_record_size(r->schema);
    json_t *fields = json_object_get(r->schema_json, "fields");
    if (json_array_size(fields) != n)
        return 0;
    /* (avro_schema_record_field_get does not say when a name is absent; the index does) */
    size_t nmissing = 0;
    for (size_t i = 0; i < n; i++)
        if (avro_schema_record_field_get_index(e->writer, avro_schema_record_field_name(r->schema, (int)i)) < 0)
            nmissing++;
    if (nmissing == 0)
        return 0;
    e->missing = calloc(n, sizeof *e->missing);
    json_t *reduced = json_deep_copy(r->schema_json);
    json_t *kept = json_array();
    if (!e->missing || !reduced || !kept) {
        json_decref(reduced);
        json_decref(kept);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = avro_schema_record_field_name(r->schema, (int)i);
        json_t *f = json_array_get(fields, i);
        if (avro_schema_record_field_get_index(e->writer, name) >= 0) {
            json_array_append(kept, f);
            continue;
        }
        json_t *type = json_object_get(f, "type"), *first = json_array_get(type, 0);
        json_t *def = json_object_get(f, "default");
        if (!def || !json_is_null(def) || !json_is_string(first) || strcmp(json_string_value(first), "null") != 0) {
            snprintf(err, errlen, "the writer schema with id %" PRId32 " has no field '%s', which the table's "
                     "schema needs: %s", e->id, name,
                     def ? "a default other than null is not supported yet" : "it has no default");
            json_decref(reduced);
            json_decref(kept);
            return -1;
        }
        e->missing[i] = true;
    }
    json_object_set_new(reduced, "fields", kept);
    char *text = json_dumps(reduced, JSON_COMPACT);
    json_decref(reduced);
    int rc = text ? avro_schema_from_json_length(text, strlen(text), &e->reduced) : -1;
    free(text);
    if (rc != 0) {
        snprintf(err, errlen, "cannot prepare reading schema id %" PRId32 ": %s", e->id, avro_strerror());
        return -1;
    }
    return 0;
}

/* avro-c's resolved writer selects a union's branch only when it writes a
 * value into it, so a writer's empty array or map inside a nullable column
 * (or element, or field) leaves the reader's union without a branch, and
 * writing it back fails ("Union has no selected branch"). A union still
 * without a branch after a whole datum was read held such an empty
 * container: its non-null branch is selected, empty. */
static void select_empty_branches(avro_value_t *v)
{
    avro_value_t child;
    switch (avro_value_get_type(v)) {
    case AVRO_UNION: {
        int disc;
        if (avro_value_get_discriminant(v, &disc) != 0)
            return;
        if (disc >= 0) {
            if (avro_value_get_current_branch(v, &child) == 0)
                select_empty_branches(&child);
            return;
        }
        avro_schema_t s = avro_value_get_schema(v);
        for (size_t i = 0; i < avro_schema_union_size(s); i++)
            if (!is_avro_null(avro_schema_union_branch(s, (int)i))) {
                avro_value_set_branch(v, (int)i, &child);
                return;
            }
        return;
    }
    case AVRO_RECORD:
    case AVRO_ARRAY:
    case AVRO_MAP: {
        size_t n = 0;
        avro_value_get_size(v, &n);
        for (size_t i = 0; i < n; i++)
            if (avro_value_get_by_index(v, i, &child, NULL) == 0)
                select_empty_branches(&child);
        return;
    }
    default:
        return;
    }
}

/* Fetches and prepares writer schema id (ConfluentSchemaRegistryCoder.readSchema,
 * then Avro's resolution of writer against reader). */
static writer_entry_t *add_entry(sqlkc_rt_confluent_reader_t *r, int32_t id, char *err, size_t errlen)
{
    char why[512];
    const char *text = sqlkc_rt_registry_schema(r->reg, id, why, sizeof why);
    if (!text) {
        snprintf(err, errlen, "Could not find schema with id %" PRId32 " in registry: %s", id, why);
        return NULL;
    }
    writer_entry_t e;
    memset(&e, 0, sizeof e);
    e.id = id;
    if (avro_schema_from_json_length(text, strlen(text), &e.writer) != 0) {
        snprintf(err, errlen, "the writer schema with id %" PRId32 " does not parse: %s", id, avro_strerror());
        return NULL;
    }
    e.same = avro_schema_equal(e.writer, r->schema);
    if (!e.same && reduce_reader(r, &e, err, errlen) != 0) {
        entry_free(&e);
        return NULL;
    }
    avro_schema_t target = e.reduced ? e.reduced : r->schema;
    if (!e.same) {
        e.resolver = avro_resolved_writer_new(e.writer, target);
        if (!e.resolver) {
            snprintf(err, errlen, "the writer schema with id %" PRId32 " cannot be read as the table's schema "
                     "(Avro schema resolution: %s): %.300s", id, avro_strerror(), text);
            entry_free(&e);
            return NULL;
        }
        e.dest_iface = avro_generic_class_from_schema(target);
        e.has_resolved = e.dest_iface && avro_resolved_writer_new_value(e.resolver, &e.resolved) == 0;
        e.has_dest = e.has_resolved && avro_generic_value_new(e.dest_iface, &e.dest) == 0;
        if (!e.has_dest) {
            snprintf(err, errlen, "cannot prepare reading schema id %" PRId32 ": %s", id, avro_strerror());
            entry_free(&e);
            return NULL;
        }
        avro_resolved_writer_set_dest(&e.resolved, &e.dest);
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4;
        writer_entry_t *p = realloc(r->entries, sizeof *p * cap);
        if (!p) {
            entry_free(&e);
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
        r->entries = p;
        r->cap = cap;
    }
    r->entries[r->n] = e;
    return &r->entries[r->n++];
}

/* A zig-zag varint of at most 10 bytes inside [*p, e). */
static bool check_varint(const unsigned char **p, const unsigned char *e, int64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 70 && *p < e; shift += 7) {
        unsigned char b = *(*p)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
            return true;
        }
    }
    return false;
}

/* Walks a datum of the writer schema s with the bounds the runtime's own
 * readers keep, before avro-c reads it: avro-c 1.11's binary reader trusts
 * lengths (a negative string length writes before its buffer) and block
 * counts (a huge count of empty items grows without end). Checks lengths
 * within the datum, union and enum indexes within their schema, block
 * counts within the bytes left, and the nesting depth. */
static bool check_datum(avro_schema_t s, const unsigned char **p, const unsigned char *e, int depth)
{
    int64_t v;
    if (depth > 200)
        return false;
    switch (avro_typeof(s)) {
    case AVRO_NULL:
        return true;
    case AVRO_BOOLEAN:
        return *p < e && (*p)++;
    case AVRO_INT32:
    case AVRO_INT64:
        return check_varint(p, e, &v);
    case AVRO_FLOAT:
        return e - *p >= 4 && (*p += 4);
    case AVRO_DOUBLE:
        return e - *p >= 8 && (*p += 8);
    case AVRO_STRING:
    case AVRO_BYTES:
        if (!check_varint(p, e, &v) || v < 0 || v > e - *p)
            return false;
        *p += v;
        return true;
    case AVRO_FIXED: {
        int64_t size = avro_schema_fixed_size(s);
        if (size < 0 || size > e - *p)
            return false;
        *p += size;
        return true;
    }
    case AVRO_ENUM:
        return check_varint(p, e, &v) && v >= 0 && v < (int64_t)avro_schema_enum_number_of_symbols(s);
    case AVRO_UNION:
        if (!check_varint(p, e, &v) || v < 0 || v >= (int64_t)avro_schema_union_size(s))
            return false;
        return check_datum(avro_schema_union_branch(s, (int)v), p, e, depth + 1);
    case AVRO_RECORD:
        for (size_t i = 0; i < avro_schema_record_size(s); i++)
            if (!check_datum(avro_schema_record_field_get_by_index(s, (int)i), p, e, depth + 1))
                return false;
        return true;
    case AVRO_ARRAY:
    case AVRO_MAP: {
        bool map = avro_typeof(s) == AVRO_MAP;
        avro_schema_t item = map ? avro_schema_map_values(s) : avro_schema_array_items(s);
        for (;;) {
            if (!check_varint(p, e, &v))
                return false;
            if (v == 0)
                return true;
            if (v < 0) { /* a negative count is followed by the block's size in bytes */
                int64_t bytes;
                if (v == INT64_MIN || !check_varint(p, e, &bytes) || bytes < 0)
                    return false;
                v = -v;
            }
            if (v > e - *p) /* more items than bytes left (also bounds items of no bytes) */
                return false;
            for (int64_t i = 0; i < v; i++) {
                int64_t klen; /* a map key: a string */
                if (map && (!check_varint(p, e, &klen) || klen < 0 || klen > e - *p))
                    return false;
                if (map)
                    *p += klen;
                if (!check_datum(item, p, e, depth + 1))
                    return false;
            }
        }
    }
    case AVRO_LINK:
        return check_datum(avro_schema_link_target(s), p, e, depth + 1);
    default:
        return false;
    }
}

int sqlkc_rt_confluent_read(sqlkc_rt_ctx_t *ctx, sqlkc_rt_confluent_reader_t *r, const void *msg, size_t len,
                            const void **datum, size_t *n, char *err, size_t errlen)
{
    const unsigned char *p = msg;
    if (len < 1 || p[0] != 0) {
        snprintf(err, errlen, "Unknown data format. Magic number does not match");
        return -1;
    }
    if (len < 5) {
        snprintf(err, errlen, "the record has %zu bytes, fewer than the magic byte and the 4-byte schema id", len);
        return -1;
    }
    int32_t id = (int32_t)((uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4]);
    writer_entry_t *e = NULL;
    if (r->n && r->entries[r->last].id == id)
        e = &r->entries[r->last];
    for (size_t i = 0; !e && i < r->n; i++)
        if (r->entries[i].id == id) {
            e = &r->entries[i];
            r->last = i;
        }
    if (!e) {
        e = add_entry(r, id, err, errlen);
        if (!e)
            return -1;
        r->last = (size_t)(e - r->entries);
    }
    if (e->same) {
        *datum = p + 5;
        *n = len - 5;
        return 0;
    }
    const unsigned char *q = p + 5;
    if (!check_datum(e->writer, &q, p + len, 0)) {
        snprintf(err, errlen, "the datum does not match its writer schema id %" PRId32 " (a length, index or count "
                 "runs past the record)", id);
        return -1;
    }
    avro_reader_memory_set_source(r->in, (const char *)p + 5, (int64_t)(len - 5));
    /* a fresh value per record: avro-c keeps a union's branch across a reset,
     * and a writer's empty array or map selects none, so a branch left from
     * an earlier record would turn [] into NULL */
    avro_value_t dest;
    if (avro_generic_value_new(e->dest_iface, &dest) != 0) {
        snprintf(err, errlen, "cannot read schema id %" PRId32 ": %s", id, avro_strerror());
        return -1;
    }
    avro_value_decref(&e->dest);
    e->dest = dest;
    avro_resolved_writer_set_dest(&e->resolved, &e->dest);
    if (avro_value_read(r->in, &e->resolved) != 0) {
        snprintf(err, errlen, "cannot read the datum with the writer schema id %" PRId32 ": %s", id,
                 avro_strerror());
        return -1;
    }
    select_empty_branches(&e->dest);
    size_t size = 0, n_fields = e->missing ? avro_schema_record_size(r->schema) : 0;
    if (avro_value_sizeof(&e->dest, &size) != 0) {
        snprintf(err, errlen, "cannot re-encode the datum of schema id %" PRId32 ": %s", id, avro_strerror());
        return -1;
    }
    for (size_t i = 0; i < n_fields; i++)
        size += e->missing[i]; /* a null union branch: one byte */
    char *buf = sqlkc_rt_scratch(ctx, size ? size : 1);
    avro_writer_memory_set_dest(r->out, buf, (int64_t)size);
    int rc = 0;
    if (!e->missing) {
        rc = avro_value_write(r->out, &e->dest);
    } else { /* the reader's fields in order, the ones the writer lacks as null */
        static char null_branch[1] = {0};
        for (size_t i = 0; rc == 0 && i < n_fields; i++) {
            avro_value_t field;
            if (e->missing[i])
                rc = avro_write(r->out, null_branch, 1);
            else if ((rc = avro_value_get_by_name(&e->dest, avro_schema_record_field_name(r->schema, (int)i), &field,
                                                  NULL)) == 0)
                rc = avro_value_write(r->out, &field);
        }
    }
    if (rc != 0) {
        snprintf(err, errlen, "cannot re-encode the datum of schema id %" PRId32 ": %s", id, avro_strerror());
        return -1;
    }
    *datum = buf;
    *n = size;
    return 0;
}
