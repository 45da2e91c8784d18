/* This file is the table-independent part of the avro-c baseline of
 * bench/formats: the schema (avro_schema_json, defined by the includer)
 * parsed once, one generic value for reading and one for writing, reused for
 * every record as avro-c's documentation recommends, a memory reader and a
 * memory writer re-pointed at each record, and the few lines a user writes
 * around avro_value_t to reach a nullable value (a ["null", T] union). */
#ifndef BENCH_FORMATS_AVRO_BASELINE_H
#define BENCH_FORMATS_AVRO_BASELINE_H

#include <avro.h>

static avro_schema_t av_schema;
static avro_value_iface_t *av_iface;
static avro_value_t av_in, av_out;
static avro_reader_t av_reader;
static avro_writer_t av_writer;
static char *av_buf;
static size_t av_cap = 1 << 16;

static void avroc_init(void) {
    if (avro_schema_from_json_length(avro_schema_json, sizeof avro_schema_json - 1, &av_schema))
        die("avro-c does not accept the schema: %s", avro_strerror());
    av_iface = avro_generic_class_from_schema(av_schema);
    if (!av_iface || avro_generic_value_new(av_iface, &av_in) ||
        avro_generic_value_new(av_iface, &av_out))
        die("avro-c: %s", avro_strerror());
    av_buf = xmalloc(av_cap);
    av_reader = avro_reader_memory(av_buf, 0);
    av_writer = avro_writer_memory(av_buf, (int64_t)av_cap);
}

static void avroc_fini(void) {
    avro_reader_free(av_reader);
    avro_writer_free(av_writer);
    avro_value_decref(&av_in);
    avro_value_decref(&av_out);
    avro_value_iface_decref(av_iface);
    avro_schema_decref(av_schema);
    free(av_buf);
}

/* Reads one datum into av_in. */
static inline int av_read(const char *p, size_t n) {
    avro_reader_memory_set_source(av_reader, p, (int64_t)n);
    return avro_value_read(av_reader, &av_in);
}

/* A ["null", T] union (a nullable field, array element or map value): 0 if
 * null, 1 with the T value in *branch, -1 on an error. */
static inline int av_union(avro_value_t *u, avro_value_t *branch) {
    int disc;
    if (avro_value_get_discriminant(u, &disc))
        return -1;
    if (disc == 0)
        return 0;
    return avro_value_get_current_branch(u, branch) ? -1 : 1;
}

/* Field i of a record whose fields are ["null", T] unions, as av_union. */
static inline int av_field(avro_value_t *rec, size_t i, avro_value_t *branch) {
    avro_value_t field;
    if (avro_value_get_by_index(rec, i, &field, NULL))
        return -1;
    return av_union(&field, branch);
}

/* Selects the null branch (has_value false) or the value branch of a
 * ["null", T] union; the value branch is returned in *branch for the caller
 * to set. */
static inline int av_set_union(avro_value_t *u, bool has_value, avro_value_t *branch) {
    if (avro_value_set_branch(u, has_value ? 1 : 0, branch))
        return -1;
    return has_value ? 0 : avro_value_set_null(branch);
}

/* The same for field i of a record. */
static inline int av_set(avro_value_t *rec, size_t i, bool has_value, avro_value_t *branch) {
    avro_value_t field;
    if (avro_value_get_by_index(rec, i, &field, NULL))
        return -1;
    return av_set_union(&field, has_value, branch);
}

/* avro-c's strings carry their NUL in the size */
static inline int av_get_string(avro_value_t *v, sqlkc_rt_str_t *s) {
    size_t size;
    if (avro_value_get_string(v, &s->p, &size) || size == 0)
        return -1;
    s->n = size - 1;
    return 0;
}

static inline int av_get_bytes(avro_value_t *v, sqlkc_rt_str_t *s) {
    const void *p;
    if (avro_value_get_bytes(v, &p, &s->n))
        return -1;
    s->p = p;
    return 0;
}

/* Writes av_out to the buffer; the datum is valid until the next call. */
static inline const char *av_write(size_t *n) {
    avro_writer_memory_set_dest(av_writer, av_buf, (int64_t)av_cap);
    if (avro_value_write(av_writer, &av_out))
        return NULL;
    *n = (size_t)avro_writer_tell(av_writer);
    return av_buf;
}

#endif /* BENCH_FORMATS_AVRO_BASELINE_H */
