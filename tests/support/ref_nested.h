/* This file declares the reference codec of nested values (ref_nested.c)
 * that the tests check the compiler's generated codecs against. */
#ifndef SQLKC_TESTS_REF_NESTED_H
#define SQLKC_TESTS_REF_NESTED_H

#include "sqlkc/avro.h"
#include "sqlkc/json.h"
#include "sqlkc/nested.h"

/* Reader flags: the json format's options. */
#define SQLKC_RT_JSON_F_IGNORE 1u       /* ignore-parse-errors: a bad value inside is NULL */
#define SQLKC_RT_JSON_F_FAIL_MISSING 2u /* fail-on-missing-field, for nested rows */
#define SQLKC_RT_JSON_F_TS_ISO 4u       /* timestamp-format.standard = ISO-8601 */

/* The json writer's options. */
typedef struct sqlkc_rt_json_opts {
    bool ts_iso;
    bool decimal_plain;
    int map_null_key;             /* SQLKC_RT_JSON_NULL_KEY_* */
    const char *map_null_literal; /* map-null-key.literal */
    bool ignore_null_fields;      /* encode.ignore-null-fields: NULL ROW fields left out */
} sqlkc_rt_json_opts_t;

/* The nested value of type t at the cursor: 1 read, 0 JSON null, -1 error;
 * flags SQLKC_RT_JSON_F_* (the format's options). */
int ref_json_get_nested(sqlkc_rt_jcur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, unsigned flags);
/* Appends v as Flink's json format writes it; NULL or why not. */
const char *ref_json_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                const sqlkc_rt_json_opts_t *o);

/* Avro binary of the schema Flink derives, the value's own union the
 * caller's; _ts: 'avro.timestamp_mapping.legacy' = 'false'. */
const char *ref_avro_put_nested(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                sqlkc_rt_alloc_fn alloc, void *arg);
const char *ref_avro_put_nested_ts(sqlkc_rt_buf_t *b, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                   sqlkc_rt_alloc_fn alloc, void *arg);
int ref_avro_get_nested(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t, sqlkc_rt_alloc_fn alloc,
                        void *arg);
int ref_avro_get_nested_ts(sqlkc_rt_acur_t *c, sqlkc_rt_nested_t *out, const sqlkc_rt_type_t *t,
                           sqlkc_rt_alloc_fn alloc, void *arg);

#endif
