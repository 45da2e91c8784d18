/* This file declares the typed plan: the catalog of tables the script
 * declared, typed expressions, and the operator tree of each INSERT with its
 * changelog modes and state. It is the only input of code generation, and
 * `sqlkc explain` prints it. */
#ifndef SQLKC_PLAN_H
#define SQLKC_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "sqlkc/rt.h"
#include "types.h"

enum { CONN_KAFKA = 1, CONN_UPSERT_KAFKA = 2 };
enum { FMT_NONE, FMT_JSON, FMT_CSV, FMT_AVRO, FMT_AVRO_CONFLUENT, FMT_RAW };

typedef struct column {
    const char *name;
    loc_t loc;
    const type_t *type;
    int kind;             /* COL_PHYSICAL, COL_METADATA, COL_COMPUTED */
    const char *meta_key; /* metadata key (column name when FROM is absent) */
    bool is_virtual;
    const ast_t *expr;    /* computed column */
} column_t;

/* A key or value format of a table, with its options (prefix stripped). */
typedef struct format {
    int kind;              /* FMT_* */
    const char *name;      /* "json", ... */
    const char *prefix;    /* option prefix in the WITH clause: "", "key.", "value." */
    int *cols;             /* table column indexes the format reads/writes, in order */
    const char **names;    /* field names inside the format (key prefix stripped) */
    int ncols;
    /* json (ignore_parse_errors: csv too) */
    bool fail_on_missing, ignore_parse_errors, ts_iso, decimal_plain, ignore_null_fields;
    /* raw */
    bool little_endian;
    const char *raw_charset;  /* Java's name of raw.charset; NULL for UTF-8 (the bytes as they are) */
    /* csv */
    int csv_delim, csv_quote; /* csv_quote -1: quoting disabled */
    const char *csv_null;     /* null-literal, or NULL for an empty field */
    bool csv_plain_decimal;   /* write-bigdecimal-in-scientific-notation = false */
    int csv_escape;           /* escape-character, -1 when unset */
    bool csv_comments;        /* allow-comments */
    const char *csv_array_delim; /* array-element-delimiter */
    /* json map-null-key.mode (SQLKC_RT_JSON_NULL_KEY_*) and .literal */
    int map_null_key;
    const char *map_null_literal;
    /* avro: 'avro.timestamp_mapping.legacy' (true unless set to false; always
     * true for avro-confluent, whose factory has no such option) */
    bool avro_ts_legacy;
    bool avro_json; /* 'avro.encoding' = 'json': Avro's JSON encoding of the datum */
} format_t;

typedef struct table {
    const char *name;
    loc_t loc;
    int connector; /* CONN_* */
    column_t *cols;
    int ncols;
    int *pk; /* column indexes in PRIMARY KEY order */
    int npk;
    sqlkc_rt_kv_t *opts;
    loc_t *opt_locs, *opt_val_locs;
    size_t nopts;
    format_t key, value;
    int rowtime;  /* column index of the WATERMARK, or -1 */
    const ast_t *watermark;
    int role;     /* SQLKC_RT_ROLE_* bits, set while planning */
    int index;    /* position in plan.tables */
    bool valid;   /* the DDL had no errors */
    bool temporary, dropped;
    const ast_t *ast;  /* its CREATE TABLE (a copy with merged options for a hinted table) */
    struct table *hint_of; /* the declared table this copy adds OPTIONS hints to */
    const struct ast *hint; /* the OPTIONS hint of a copy (a view used twice shares it) */
    const char *ident; /* C identifier derived from the name */
} table_t;

/* Typed expressions over an operator's input row. */
typedef enum expr_kind {
    E_COL,     /* col: input field index */
    E_LIT,     /* literal value in lit; type says which member */
    E_UNARY,   /* op: OP_NEG, OP_NOT; args[0] */
    E_BINARY,  /* op: OP_*; args[0], args[1] */
    E_IS,      /* op: IS_*; flag: NOT; args[0] */
    E_IN,      /* flag: NOT; args[0] IN args[1..] */
    E_LIKE,    /* flag: NOT; args[0] LIKE args[1] [ESCAPE args[2]] */
    E_CASE,    /* args: cond, result, cond, result, ..., [else]; flag: has else */
    E_CAST,    /* args[0] to type; flag: a CAST the SQL wrote (not an implicit one) */
    E_CALL,    /* fn: scalar function; args */
} expr_kind_t;

typedef struct expr expr_t;
typedef struct literal {
    bool is_null;
    bool b;
    int64_t i;     /* integers, DATE days, TIME ms, interval ms/months */
    double d;
    __int128 dec;  /* DECIMAL unscaled */
    const char *s; /* string and binary bytes */
    size_t n;
    int64_t ts_millis;
    int32_t ts_nanos;
} literal_t;

struct expr {
    expr_kind_t kind;
    const type_t *type;
    loc_t loc;
    int op;
    bool flag;
    int col;
    const char *fn;
    expr_t **args;
    int nargs;
    literal_t lit;
};

typedef enum agg_fn { AGG_COUNT_STAR, AGG_COUNT, AGG_SUM, AGG_MIN, AGG_MAX, AGG_AVG } agg_fn_t;

typedef struct agg_call {
    agg_fn_t fn;
    int arg;         /* input field of the argument, -1 for COUNT(*) */
    bool distinct;
    int filter;      /* input field of a BOOLEAN filter, -1 for none */
    const type_t *type; /* result type */
    const char *text;   /* as explain prints it: COUNT(DISTINCT user_id) */
} agg_call_t;

/* P_NORMALIZE is Flink's ChangelogNormalize: keyed by `group` (the source's
 * PRIMARY KEY), it keeps the last row per key and turns an upsert stream into
 * full changes (+I, -U/+U, -D with the stored row). */
enum { P_SCAN, P_CALC, P_GROUP_AGG, P_SINK, P_NORMALIZE };

/* Changelog mode bits. */
enum { CL_I = 1, CL_UB = 2, CL_UA = 4, CL_D = 8 };

typedef struct plan_field {
    const char *name;
    const type_t *type;
} plan_field_t;

typedef struct plan_node plan_node_t;
struct plan_node {
    int kind;
    int id;               /* unique per plan, for generated names */
    plan_node_t *input;
    plan_field_t *fields; /* output row */
    int nfields;
    int changelog;        /* CL_* of the output */
    int *upsert_key;      /* output fields forming the upsert key, or NULL */
    int nupsert_key;
    /* P_SCAN */
    table_t *table;
    /* P_CALC */
    expr_t *filter;
    expr_t **proj;
    /* P_GROUP_AGG: output = group fields then aggregates; P_NORMALIZE: key fields */
    int *group;
    int ngroup;
    agg_call_t *aggs;
    int naggs;
    bool emit_ub;         /* downstream needs UPDATE_BEFORE */
    bool retract;         /* P_GROUP_AGG: the input has UPDATE_BEFORE/DELETE rows to retract */
    bool minibatch;       /* P_GROUP_AGG, P_NORMALIZE: one change per key per bundle */
    int64_t minibatch_ms, minibatch_size; /* a bundle ends after allow-latency or size rows */
    /* P_SINK: input field i goes to sink_cols[i] of table */
    int *sink_cols;
    bool not_null_drop;   /* table.exec.sink.not-null-enforcer = DROP */
    bool materialize;     /* SinkUpsertMaterializer in front of the sink, keyed by `group` (the PK) */
};

typedef struct plan {
    table_t **tables;
    int ntables;
    plan_node_t **sinks; /* one per INSERT */
    int nsinks;
    sqlkc_rt_kv_t *settings; /* SET statements */
    int nsettings;
    const char *job_name;
    const char *sql_file;
} plan_t;

/* Analyzes a parsed script into a plan. Errors go to diag; the plan is only
 * valid when diag->errors is 0. */
plan_t *analyze(arena_t *a, diag_t *d, ast_list_t stmts, const char *sql_file);

/* `sqlkc explain`: the plan as text. */
void plan_explain(const plan_t *p, arena_t *a, void (*out)(void *arg, const char *s), void *arg);

/* The Avro record schema Flink derives for an avro or avro-confluent key or
 * value (explain.c), and the schema an avro-confluent format registers and
 * reads: the user's 'avro-confluent.schema' or the derived one
 * (avro_confluent.c). Both live in the arena. */
const char *avro_schema(arena_t *a, const table_t *t, const format_t *f);
const char *avro_confluent_schema(arena_t *a, const table_t *t, const format_t *f);

const char *changelog_str(int mode);
const char *expr_str(arena_t *a, const expr_t *e, const plan_field_t *in);

#endif
