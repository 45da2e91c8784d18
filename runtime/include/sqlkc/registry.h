/* This file is the runtime's side of Flink's avro-confluent format: a client
 * of the Confluent Schema Registry REST API (libcurl, jansson) that registers
 * and looks up schemas and fetches them by id, and the wire format around an
 * Avro datum: magic byte 0, the 4-byte big-endian schema id, the datum
 * (ConfluentSchemaRegistryCoder). A sink resolves its schema id once at job
 * init; a source reads the writer schema's id from each record and, when the
 * writer schema is not the table's, re-encodes the datum in the table's schema
 * through avro-c's schema resolution before the generated decoder runs. None
 * of the registry calls is on the per-record path except a schema id seen for
 * the first time. */
#ifndef SQLKC_REGISTRY_H
#define SQLKC_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/buf.h"
#include "sqlkc/rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the registry client ---- */

typedef struct sqlkc_rt_registry sqlkc_rt_registry_t;

/* How to reach a registry, as the avro-confluent options say it. Any member
 * may be NULL. */
typedef struct sqlkc_rt_registry_conf {
    const char *url; /* one or more http(s) URLs, ','-separated; may carry user:password@ */
    const char *credentials_source;   /* basic-auth.credentials-source: URL (default) or USER_INFO */
    const char *user_info;            /* basic-auth.user-info: user:password */
    const char *bearer_source;        /* bearer-auth.credentials-source: STATIC_TOKEN */
    const char *bearer_token;         /* bearer-auth.token */
    const char *truststore;           /* ssl.truststore.location: PEM CA certificates */
    const char *truststore_password;  /* not needed for PEM; accepted */
    const char *keystore;             /* ssl.keystore.location: PEM (certificate + key) or PKCS#12 */
    const char *keystore_password;
    long timeout_ms;                  /* per request; 0: 30 s */
} sqlkc_rt_registry_conf_t;

/* Fills conf from a table's options: the avro-confluent options after the
 * format's prefix ("", "key." or "value."), with the registry client
 * properties ('avro-confluent.properties.basic.auth.user.info', ...) as the
 * fallback Flink gives them. The strings point into opts. */
void sqlkc_rt_registry_conf_from(sqlkc_rt_registry_conf_t *conf, const sqlkc_rt_kv_t *opts, size_t n,
                                 const char *prefix);

/* A client for conf. Returns NULL with err set when the configuration is
 * unusable (no URL, a JKS store, USER_INFO without user info...); nothing is
 * sent yet. Free with sqlkc_rt_registry_free. */
sqlkc_rt_registry_t *sqlkc_rt_registry_new(const sqlkc_rt_registry_conf_t *conf, char *err, size_t errlen);
void sqlkc_rt_registry_free(sqlkc_rt_registry_t *r);

/* Registers schema (Avro schema JSON text) under subject and sets *id
 * (POST /subjects/{subject}/versions; the registry answers the existing id
 * for a schema it already has). Returns 0, or -1 with err set. */
int sqlkc_rt_registry_register(sqlkc_rt_registry_t *r, const char *subject, const char *schema, int32_t *id,
                               char *err, size_t errlen);

/* The id of schema under subject without registering it (POST
 * /subjects/{subject}), for auto.register.schemas = false. Returns 0, or -1
 * with err set (the schema or the subject is not there). */
int sqlkc_rt_registry_lookup(sqlkc_rt_registry_t *r, const char *subject, const char *schema, int32_t *id,
                             char *err, size_t errlen);

/* The schema text with id (GET /schemas/ids/{id}), cached: each id is
 * fetched once. The string is owned by r. Returns NULL with err set. */
const char *sqlkc_rt_registry_schema(sqlkc_rt_registry_t *r, int32_t id, char *err, size_t errlen);

/* ---- the format, as a job uses it ---- */

/* The 5-byte header a sink writes before the datum. */
static inline void sqlkc_rt_confluent_put_header(sqlkc_rt_buf_t *b, int32_t id)
{
    unsigned char h[5] = {0, (unsigned char)((uint32_t)id >> 24), (unsigned char)((uint32_t)id >> 16),
                          (unsigned char)((uint32_t)id >> 8), (unsigned char)id};
    sqlkc_rt_buf_put(b, h, sizeof h);
}

/* At job init, for the avro-confluent key (is_key) or value of sink table
 * `table` whose options carry the prefix ("", "key.", "value."): registers
 * the schema (the table's 'avro-confluent.schema', which the compiler passes
 * as `schema`, or the one Flink derives) under 'avro-confluent.subject' or
 * <topic>-key / <topic>-value, or only looks it up when
 * 'auto.register.schemas' is false, and sets *id. Returns SQLKC_RT_OK, or
 * SQLKC_RT_ERR after sqlkc_rt_fail. */
int sqlkc_rt_confluent_writer_id(sqlkc_rt_ctx_t *ctx, size_t table, const char *prefix, bool is_key,
                                 const char *schema, int32_t *id);

/* The reading side of one source table's key or value. */
typedef struct sqlkc_rt_confluent_reader sqlkc_rt_confluent_reader_t;

/* At job init: a reader of table `table`'s format with the reader schema
 * `schema` (as for the writer). Returns NULL after sqlkc_rt_fail. */
sqlkc_rt_confluent_reader_t *sqlkc_rt_confluent_reader_new(sqlkc_rt_ctx_t *ctx, size_t table, const char *prefix,
                                                           const char *schema);
void sqlkc_rt_confluent_reader_free(sqlkc_rt_confluent_reader_t *r);

/* Per record: checks the header, fetches the writer schema of a new id, and
 * sets (*datum, *n) to a datum in the reader schema: the message's own bytes
 * when the writer schema is the reader schema, otherwise the resolved datum
 * in the record's scratch memory. Returns 0, or -1 with err set. */
int sqlkc_rt_confluent_read(sqlkc_rt_ctx_t *ctx, sqlkc_rt_confluent_reader_t *r, const void *msg, size_t len,
                            const void **datum, size_t *n, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_REGISTRY_H */
