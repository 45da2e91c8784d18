/* This file declares what the generator's parts share: the generation
 * context, C types of SQL types, row structs with null bitmaps, and the
 * expression, JSON and aggregate generators. */
#ifndef SQLKC_GEN_INTERNAL_H
#define SQLKC_GEN_INTERNAL_H

#include "emit.h"
#include "plan.h"

typedef struct gen {
    emit_t *e;
    arena_t *a;
    const plan_t *p;
    int tmp; /* counter for temporaries */
    struct gen_nested *nested; /* gen_nested.c: the type descriptors emitted */
    struct gen_codecs *codecs; /* gen_ncodec.c: the codecs emitted, by type and options */
} gen_t;

/* A generated value: C expressions for the value and its NULL flag. */
typedef struct val {
    const char *v;
    const char *n; /* "false" when never NULL */
} val_t;

const char *gen_ctype(const type_t *t);
/* The unsigned C type of an integer type's width, for Java's wrapping arithmetic. */
const char *gen_utype(const type_t *t);
/* "((r)->nulls[0] >> 3 & 1)" */
const char *gen_isnull(gen_t *g, const char *row, int i);
/* Emits the statement setting field i's null bit of row to cond. */
void gen_setnull(gen_t *g, const char *row, int i, const char *cond);
int gen_null_words(int nfields);
/* Emits a row struct for fields. */
void gen_row_struct(gen_t *g, const char *name, const plan_field_t *f, int n, const char *comment);
const char *gen_row_type(gen_t *g, const plan_node_t *n);
/* The field of a source row (a scan's row: the table's non-computed columns,
 * in order) that holds table column col. */
int gen_row_field(const table_t *t, int col);
const char *gen_tmp(gen_t *g);
/* Opens `while (...)` over the entries of the sqlkc_rt_map_t * `map`, the
 * value in `void *v`; the caller emits the body and closes it. */
void gen_map_foreach(gen_t *g, const char *map);
/* Emits: grow the array arr (element count cap) to hold one more than n. */
void gen_grow(gen_t *g, const char *arr, const char *n, const char *cap);

/* gen_expr.c: emits statements computing e over the row `in` (fields of
 * in_fields); returns the value. */
val_t gen_expr(gen_t *g, const expr_t *e, const char *in, const plan_field_t *in_fields);

/* gen_json.c */
/* used[c]: table column c is read by the job (projection push-down, as
 * Flink's Kafka source does it); unused fields are skipped, not converted. */
void gen_json_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type,
                      const bool *used);
/* Emits `switch (KEY.n)` dispatching the member name KEY (a sqlkc_rt_str_t)
 * to names[0..n): for each, `if (memcmp(KEY.p, name, len) == 0) { body(i) }`
 * (the body ends with break or continue); names of one length in the order
 * given. */
void gen_member_switch(gen_t *g, const char *key, const char *const *names, int n,
                       void (*body)(gen_t *g, int i, void *arg), void *arg);
/* Emits code appending the JSON object of format f to buf; field i of the
 * format is read from `row` field map[i]. */
void gen_json_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                     const int *map);

/* gen_raw.c: the raw format. The decoder fills the row's one column; the
 * encoder appends to buf and sets `data` (a const void *) to the bytes, or
 * to NULL for a NULL column (a null Kafka value). */
void gen_raw_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type);
void gen_raw_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                    const int *map, const char *data);

/* gen_avro.c: appends the Avro datum of format f (its fields read from `row`
 * field map[i], -1 for NULL) to buf. */
void gen_avro_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                     const int *map);

/* The decoder of an avro key or value: (data, len, row, err, errlen) -> 0 or -1. */
void gen_avro_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type);
/* The record of an avro format as a ROW type (NOT NULL) of its columns, for
 * the descriptor Avro's JSON encoding walks. */
const type_t *gen_avro_record_type(gen_t *g, const table_t *t, const format_t *f);

/* gen_avro.c, avro-confluent: the registry's statics (schema ids, readers)
 * after the includes; the 5-byte header before a sink's datum; the ids and
 * readers at job init, freed at fini; and a source's header check and
 * resolution, setting `datum` and `datum_len` for the avro decoder (within a
 * block that has `char err[]`). */
void gen_avro_confluent_decls(gen_t *g);
void gen_avro_confluent_header(gen_t *g, const table_t *t, const format_t *f, const char *buf);
void gen_avro_confluent_init(gen_t *g);
void gen_avro_confluent_fini(gen_t *g);
void gen_avro_confluent_read(gen_t *g, const table_t *t, const format_t *f, const char *msg, const char *len);

/* gen_csv.c: appends the csv line of format f (no terminator) to buf. */
void gen_csv_encode(gen_t *g, const table_t *t, const format_t *f, const char *buf, const char *row,
                    const int *map);
/* The decoder of a csv key or value: (ctx, data, len, row, err, errlen) -> 0,
 * or -1 with the reason in err (the record fails, or is skipped with
 * ignore-parse-errors). */
void gen_csv_decoder(gen_t *g, const table_t *t, const format_t *f, const char *fn, const char *row_type);

/* gen_nested.c: the static type descriptors (nested.h) of every ARRAY, MAP,
 * MULTISET and ROW type the job holds, emitted after the includes; and the
 * name of the one for type t (an expression of type const sqlkc_rt_type_t *). */
void gen_nested_decls(gen_t *g);
const char *gen_rt_type(gen_t *g, const type_t *t);
/* Same type, nullability and field names included. */
bool gen_type_same(const type_t *a, const type_t *b);
/* Whether a name is well-formed UTF-8 (gen_ncodec.c). */
bool gen_utf8_valid(const char *name);

/* gen_ncodec.c: the json and avro codecs of the ARRAY, MAP, MULTISET and ROW
 * columns of every format the job reads or writes, emitted up front (after
 * gen_nested_decls); and their names for a column's type under format f:
 *   json reader  int NAME(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out): 1 or -1
 *   json writer  const char *NAME(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v): NULL or why not
 *   avro reader  int NAME(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, sqlkc_rt_ctx_t *ctx): 0 or -1
 *   avro writer  const char *NAME(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, sqlkc_rt_ctx_t *ctx)
 * (the column's own NULL, or its union, is the caller's). */
void gen_nested_codecs(gen_t *g);
/* The name of the codec function emitted for `what` (direction, format and
 * options) and type t (the same type: nullability and names included), or
 * NULL; and a new name for one about to be emitted. */
const char *gen_codec_lookup(gen_t *g, const char *what, const type_t *t);
const char *gen_codec_remember(gen_t *g, const char *what, const type_t *t, const char *prefix);
/* gen_avro_json.c: the reader and writer of Avro's JSON encoding of every
 * avro format with 'avro.encoding' = 'json', emitted up front (after
 * gen_nested_codecs); and their names for format f of table t:
 *   int NAME(sqlkc_rt_ajson_t *rd, sqlkc_rt_nested_t *record): 0 or -1
 *   const char *NAME(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *record, sqlkc_rt_ctx_t *ctx)
 * the record being the items of the format's columns. */
void gen_avro_json_codecs(gen_t *g);
const char *gen_avro_json_reader(gen_t *g, const table_t *t, const format_t *f);
const char *gen_avro_json_writer(gen_t *g, const table_t *t, const format_t *f);
const char *gen_json_nested_reader(gen_t *g, const type_t *t, const format_t *f);
const char *gen_json_nested_writer(gen_t *g, const type_t *t, const format_t *f);
const char *gen_avro_nested_reader(gen_t *g, const type_t *t, const format_t *f);
const char *gen_avro_nested_writer(gen_t *g, const type_t *t, const format_t *f);

/* gen_norm.c: <name>_store(dst, &blob, src) copies a row with its strings
 * into a heap block; <name>_equal(a, b) compares rows field by field. */
void gen_row_helpers(gen_t *g, const char *name, const char *row_type, const plan_field_t *f, int n);
void gen_norm_decls(gen_t *g, const plan_node_t *n);
/* gen.c: the fields of a ChangelogNormalize's rows its own INSERT reads (its
 * scan's projection, key and rowtime included), into *fields; their count. */
int gen_scan_fields(gen_t *g, const plan_node_t *norm, int **fields);
/* gen.c: the sink of the INSERT whose operator chain holds node. */
const plan_node_t *gen_sink_of(gen_t *g, const plan_node_t *node);
void gen_norm_push(gen_t *g, const plan_node_t *n, const char *next_push);
void gen_norm_init(gen_t *g, const plan_node_t *n);
void gen_norm_fini(gen_t *g, const plan_node_t *n);
/* gen.c: the NOT NULL checks of sink n's columns, returning from the function. */
void gen_sink_enforce(gen_t *g, const plan_node_t *n);
/* The SinkUpsertMaterializer of sink n as op_<id>_push, writing through `write`. */
void gen_materialize(gen_t *g, const plan_node_t *n, const char *write);
void gen_materialize_init(gen_t *g, const plan_node_t *n);
void gen_materialize_fini(gen_t *g, const plan_node_t *n);

/* gen_agg.c: appends a value's canonical key bytes (key.h) to buf. */
void gen_key_put(gen_t *g, const char *buf, const char *v, const char *isnull, const type_t *t);

void gen_agg_decls(gen_t *g, const plan_node_t *n);
void gen_agg_push(gen_t *g, const plan_node_t *n, const char *next_push);
void gen_agg_init(gen_t *g, const plan_node_t *n);
void gen_agg_fini(gen_t *g, const plan_node_t *n);

/* gen_state.c: the job's checkpoint functions and stateful operators'
 * table (returns how many); an operator's name in checkpoints; a value of
 * SQL type t (x, or dst for a read) written to or read from the checkpoint
 * `c` (reads return SQLKC_RT_ERR from the enclosing function when the data
 * is malformed); a row's null words and fields likewise (read strings point
 * into the checkpoint: store the row to keep it). */
int gen_state(gen_t *g);
void gen_state_put(gen_t *g, const type_t *t, const char *x);
void gen_state_get(gen_t *g, const type_t *t, const char *dst);
void gen_state_put_row(gen_t *g, const char *row, const plan_field_t *f, int n);
void gen_state_get_row(gen_t *g, const char *row, const plan_field_t *f, int n);
/* gen_agg.c and gen_norm.c: the operators' parts of them */
void gen_agg_snapshot(gen_t *g, const plan_node_t *n);
void gen_agg_restore(gen_t *g, const plan_node_t *n);
void gen_norm_snapshot(gen_t *g, const plan_node_t *n);
void gen_norm_restore(gen_t *g, const plan_node_t *n);
void gen_materialize_snapshot(gen_t *g, const plan_node_t *n);
void gen_materialize_restore(gen_t *g, const plan_node_t *n);

#endif
