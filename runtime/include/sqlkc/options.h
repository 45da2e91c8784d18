/* This file declares the connector and format option tables shared by the
 * compiler (validating WITH clauses) and the job (validating --set). One table
 * (options.def) is the single source of names, types, defaults and allowed
 * values; validation, --help text and docs come from it. */
#ifndef SQLKC_OPTIONS_H
#define SQLKC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "sqlkc/rt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sqlkc_rt_opt_type {
    SQLKC_RT_OPT_STRING,
    SQLKC_RT_OPT_BOOL,
    SQLKC_RT_OPT_INT,
    SQLKC_RT_OPT_LONG,
    SQLKC_RT_OPT_DURATION,
    SQLKC_RT_OPT_ENUM,
    SQLKC_RT_OPT_CHAR, /* one character after Java unescaping */
} sqlkc_rt_opt_type_t;

/* Where an option may appear (bitmask). */
enum {
    SQLKC_RT_OPT_KAFKA = 1,  /* the kafka connector */
    SQLKC_RT_OPT_UPSERT = 2, /* the upsert-kafka connector */
    SQLKC_RT_OPT_FORMAT = 4, /* a format option, after its prefix */
};

/* Flags. */
enum {
    SQLKC_RT_OPT_REQUIRED = 1, /* required by the connector */
    SQLKC_RT_OPT_COMPILED = 2, /* baked into the generated code: --set refuses it */
    SQLKC_RT_OPT_PREFIX = 4,   /* a prefix such as properties. */
};

typedef struct sqlkc_rt_opt_def {
    const char *name;     /* for formats: name after the format prefix */
    const char *format;   /* NULL for connector options, else the format name */
    int where;            /* SQLKC_RT_OPT_KAFKA | ... */
    int flags;            /* SQLKC_RT_OPT_REQUIRED | ... */
    sqlkc_rt_opt_type_t type;
    const char *def;      /* default as text, NULL for none */
    const char *allowed;  /* enums: "a|b|c"; NULL otherwise */
    const char *help;     /* one line */
} sqlkc_rt_opt_def_t;

/* The whole table, terminated by a NULL name. */
extern const sqlkc_rt_opt_def_t sqlkc_rt_opt_defs[];

/* One validation finding: which option (index into the checked array, or
 * (size_t)-1 for the table as a whole) and the message. */
typedef void (*sqlkc_rt_opt_report_fn)(void *arg, size_t opt_index, const char *msg);

/* Validates a table's complete option set as Flink's factories do: known keys
 * (with "did you mean"), value types and enums, required options, and the
 * rules between options. Schema rules (PRIMARY KEY, key.fields columns) are
 * the compiler's. `role` is SQLKC_RT_ROLE_* bits. Returns the error count. */
int sqlkc_rt_options_validate(const sqlkc_rt_kv_t *opts, size_t n, int role,
                              sqlkc_rt_opt_report_fn report, void *arg);

/* The definition of a full option key (e.g. "value.json.ignore-parse-errors")
 * for this option set's connector and formats, or NULL if unknown. */
const sqlkc_rt_opt_def_t *sqlkc_rt_option_find(const sqlkc_rt_kv_t *opts, size_t n,
                                               const char *key);

/* Case-insensitive lookup of a key in an option array; NULL if absent. */
const char *sqlkc_rt_kv_get(const sqlkc_rt_kv_t *opts, size_t n, const char *key);

/* The candidate closest to word by edit distance (case-insensitive), or NULL
 * when none is close enough to suggest ("did you mean"). */
const char *sqlkc_rt_closest(const char *word, const char *const *cands, size_t n);

/* Parses a Flink Duration ("500 ms", "5 min", "10s", "1h", plain ms). */
int sqlkc_rt_parse_duration_ms(const char *text, long long *ms);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_OPTIONS_H */
