/* This file declares the runtime's internals shared between job.c (the main
 * loop and the API generated code calls), cli.c (argument parsing and option
 * overrides, testable without Kafka) and kafka*.c (librdkafka consumers and
 * producers). Nothing here is part of the API a job may call. */
#ifndef SQLKC_RT_INTERNAL_H
#define SQLKC_RT_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sqlkc/options.h"
#include "sqlkc/rt.h"

/* ---- command line (cli.c) ---- */

/* One --set TABLE.OPTION=VALUE, split. Strings are owned (malloc). */
typedef struct rt_set {
    char *table; /* as written, backquotes removed */
    char *key;
    char *value;
} rt_set_t;

/* One --bench-input TABLE=FILE. Strings are owned. */
typedef struct rt_bench_input {
    char *table;
    char *file;
} rt_bench_input_t;

typedef struct rt_cli {
    const char *bootstrap; /* --bootstrap-servers, points into argv; NULL if absent */
    rt_set_t *sets;
    size_t nsets;
    rt_bench_input_t *bench_inputs;
    size_t nbench_inputs;
    long bench_repeat; /* >= 1 */
    bool bench_null_sink;
    const char *state_dir; /* --state-dir, points into argv; NULL if absent */
    bool from_scratch;     /* --from-scratch */
    bool allow_non_restored; /* --allow-non-restored-state */
    bool help;
    bool version;
} rt_cli_t;

/* Parses argv (argv[0] is skipped) into cli; syntax only, no table lookups.
 * Returns 0, or -1 after writing "<prog>: error: ..." lines to err. */
int rt_cli_parse(rt_cli_t *cli, int argc, char **argv, const char *prog, FILE *err);
void rt_cli_free(rt_cli_t *cli);

/* A table's effective options: the WITH clause with --bootstrap-servers and
 * --set applied. Keys and values are owned copies. from_cli[i] marks values
 * that came from the command line (shown in --help). */
typedef struct rt_opts {
    sqlkc_rt_kv_t *kv;
    bool *from_cli;
    size_t n;
    size_t cap;
} rt_opts_t;

/* Sets key to value in opts, replacing an existing entry with the same key. */
void rt_opts_set(rt_opts_t *opts, const char *key, const char *value, bool from_cli);
void rt_opts_free(rt_opts_t *opts);

/* Finds a table by the name given on the command line: the declared name, or
 * the same name without backquotes. Returns its index or (size_t)-1. */
size_t rt_table_lookup(const sqlkc_rt_job_def_t *def, const char *name);

/* Builds out[0..def->ntables) from the job's tables and the command line:
 * unknown tables, compiled-in options and options that fail
 * sqlkc_rt_options_validate are reported to err. Returns the error count;
 * out is filled (and must be freed) either way. */
int rt_apply_overrides(const sqlkc_rt_job_def_t *def, const rt_cli_t *cli, rt_opts_t *out,
                       const char *prog, FILE *err);

/* Checks the --bench-input tables: known and sources. Returns the error count. */
int rt_check_bench_inputs(const sqlkc_rt_job_def_t *def, const rt_cli_t *cli, const char *prog,
                          FILE *err);

void rt_print_usage(FILE *out, const char *prog);
void rt_print_help(FILE *out, const sqlkc_rt_job_def_t *def, const rt_opts_t *opts,
                   const char *prog);
void rt_print_version(FILE *out, const sqlkc_rt_job_def_t *def);

/* Whether an option's value must not be printed (passwords, JAAS configs),
 * by the rule Flink uses for its configuration logs. */
bool rt_option_is_sensitive(const char *key);

/* The value of an option, else its default from options.def, else NULL. */
const char *rt_opt_or_default(const rt_opts_t *opts, const char *key);

/* One partition:P,offset:O pair of scan.*.specific-offsets. */
typedef struct rt_offset_pair {
    int32_t partition;
    int64_t offset;
} rt_offset_pair_t;

/* Parses Flink's 'partition:0,offset:42;partition:1,offset:300' into a
 * malloc'd array (*out, *n). Returns 0 or -1 (the text is malformed, with
 * Flink's rules: Java split, Integer/Long.valueOf). */
int rt_parse_specific_offsets(const char *text, rt_offset_pair_t **out, size_t *n);

/* Splits a ';'-separated list (Flink's List<String> option syntax) into a
 * malloc'd array of malloc'd, whitespace-trimmed, non-empty strings. */
size_t rt_split_list(const char *text, char ***out);
void rt_free_list(char **list, size_t n);

/* ---- per-record scratch arena (job.c) ---- */

typedef struct rt_arena_block rt_arena_block_t;

typedef struct rt_arena {
    char *buf;
    size_t cap;
    size_t used;
    rt_arena_block_t *big; /* overflow blocks, freed at reset */
    size_t big_total;
} rt_arena_t;

void *rt_arena_alloc(rt_arena_t *a, size_t size);
void rt_arena_reset(rt_arena_t *a);
void rt_arena_free(rt_arena_t *a);

/* ---- the job context ---- */

typedef struct rt_source rt_source_t;
typedef struct rt_producer rt_producer_t;
typedef struct rt_sink rt_sink_t;

typedef struct rt_table {
    const sqlkc_rt_table_def_t *def;
    rt_opts_t opts;
    rt_source_t *source; /* NULL unless read from Kafka */
    rt_sink_t *sink;     /* NULL unless written to Kafka */
    uint64_t nread;
    uint64_t nwritten;
    uint64_t bytes_out;
    uint64_t nskipped; /* records dropped by an ignore-parse-errors policy */
    uint64_t ndelivered; /* records Kafka acknowledged */
    uint64_t nnulled, nnorow; /* sqlkc_rt_count */
    bool nulled_told, norow_told;
} rt_table_t;

struct sqlkc_rt_ctx {
    const sqlkc_rt_job_def_t *def;
    const char *prog; /* job name, prefix of every message */
    rt_cli_t cli;
    rt_table_t *tables;
    size_t ntables;
    void *user;
    rt_arena_t scratch;

    /* The record being processed, for sqlkc_rt_skip. */
    const sqlkc_rt_msg_t *current;
    size_t current_table;
    /* Why the current callback failed (sqlkc_rt_fail). */
    char errmsg[1024];
    bool failed;
    /* A fatal Kafka error (delivery failure, fatal client error); the job
     * stops without committing. Set from librdkafka callbacks, which run on
     * the main thread inside poll/flush. */
    char fatal[1024];
    bool has_fatal;
    unsigned long more_fatal; /* fatal errors after the first */

    rt_source_t **sources;
    size_t nsources;
    rt_producer_t **producers;
    size_t nproducers;
    bool null_sink;
    size_t state_keys, state_bytes; /* sqlkc_rt_state_stats totals */
    long long commit_interval_ms;
    /* Checkpoints: the state directory (NULL in a benchmark run), the
     * number of the next one, how many to keep, the positions restored
     * (for the sources to start from), what was written. */
    char *state_dir;
    uint64_t ckpt_next;
    size_t ckpt_keep;
    struct rt_ckpt_positions *restored;
    size_t *restore_from; /* per state op: its index in the checkpoint, or SIZE_MAX */
    uint64_t restored_seq, restored_bytes; /* the checkpoint restored */
    double restored_load_s;               /* reading and checking its file */
    int state_lock;       /* the state directory's LOCK, or -1 */
    uint64_t ckpt_count, ckpt_bytes;
    double ckpt_seconds;
    /* An in-memory context (sqlkc/mem.h, null_sink set) hands emitted
     * records to this callback; NULL otherwise. */
    int (*mem_emit)(void *arg, size_t table, const void *key, size_t key_len, const void *value,
                    size_t value_len, int64_t timestamp);
    void *mem_emit_arg;
};

/* Where signal handlers record a stop request. */
extern volatile sig_atomic_t rt_stop_requested;

/* Records the first fatal error; later ones are only counted. */
void rt_set_fatal(sqlkc_rt_ctx_t *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "<job>: error: ..." on stderr. */
void rt_error(sqlkc_rt_ctx_t *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes prefix and text as one line with what could break or forge it
 * (controls, bytes that are not UTF-8, bidi controls) escaped. */
void rt_put_line(FILE *f, const char *prefix, const char *text);
int64_t rt_now_ms(void);

/* ---- Kafka (kafka.c, kafka_source.c, kafka_sink.c) ---- */

struct rd_kafka_conf_s;

/* Copies a table's properties.* (prefix stripped) into conf, translating
 * what only the Java client understands (sasl.jaas.config) and leaving out
 * Flink's own source options; consumer-only keys are skipped for producers.
 * Returns 0, or -1 after reporting librdkafka's complaint. */
int rt_kafka_conf_apply_properties(sqlkc_rt_ctx_t *ctx, struct rd_kafka_conf_s *conf,
                                   const rt_table_t *t, bool producer);
/* Sets one librdkafka property; -1 after reporting. */
int rt_kafka_conf_set(sqlkc_rt_ctx_t *ctx, struct rd_kafka_conf_s *conf, const rt_table_t *t,
                      const char *key, const char *value);
/* Installs the log and error callbacks that route librdkafka's messages
 * through the job's stderr format and turn fatal errors into rt_set_fatal. */
void rt_kafka_conf_callbacks(sqlkc_rt_ctx_t *ctx, struct rd_kafka_conf_s *conf);
/* Extracts username and password of a PlainLoginModule/ScramLoginModule
 * JAAS line. Returns 0, or -1 if it is not such a line. Outputs are malloc'd. */
int rt_jaas_credentials(const char *jaas, char **user, char **password);

/* Creates one consumer per Kafka source table, resolves start and stop
 * offsets and assigns the partitions. Returns 0 or -1 (reported). */
int rt_sources_open(sqlkc_rt_ctx_t *ctx);
/* Polls the consumers and calls process() for each record, for at most
 * timeout_ms when idle. Returns 1 while records may still come, 0 when every
 * source is bounded and done, -1 on a failure (reported). */
int rt_sources_poll(sqlkc_rt_ctx_t *ctx, int timeout_ms);
/* Commits the position of every partition (next offset to read) that
 * changed since the last commit. sync waits for the result. */
int rt_sources_commit(sqlkc_rt_ctx_t *ctx, bool sync);
/* The position (next offset to read) of every partition of every source,
 * for a checkpoint. */
struct rt_ckpt_positions;
void rt_sources_positions(sqlkc_rt_ctx_t *ctx, struct rt_ckpt_positions *out);
void rt_sources_close(sqlkc_rt_ctx_t *ctx);

/* Creates the producers (one per distinct client configuration) and the
 * sink topics. Returns 0 or -1 (reported). */
int rt_sinks_open(sqlkc_rt_ctx_t *ctx);
/* Produces one record (bytes copied), or holds it as the last change of its
 * key in a buffered upsert sink. Returns SQLKC_RT_OK or SQLKC_RT_ERR after
 * sqlkc_rt_fail. */
int rt_sink_produce(sqlkc_rt_ctx_t *ctx, rt_sink_t *sink, const void *key, size_t key_len,
                    const void *value, size_t value_len, int64_t timestamp, const sqlkc_rt_header_t *headers,
                    size_t nheaders);
/* Writes buffers whose interval has passed; serves delivery reports
 * without blocking. */
void rt_sinks_poll(sqlkc_rt_ctx_t *ctx);
/* Writes every buffer, then waits until every produced record is
 * acknowledged. Returns 0, or -1 if a delivery failed (ctx->fatal says why). */
int rt_sinks_flush(sqlkc_rt_ctx_t *ctx);
void rt_sinks_close(sqlkc_rt_ctx_t *ctx);

/* Delivers one record to the job (job.c): process(), scratch reset, error
 * reporting with the record's position. Returns SQLKC_RT_OK or SQLKC_RT_ERR. */
int rt_deliver(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg);

#endif /* SQLKC_RT_INTERNAL_H */
