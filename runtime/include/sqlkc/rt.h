/* This file is the runtime API that generated jobs call: the job definition,
 * the main loop entry point, emitting records to sinks, failing a record, and
 * the per-record scratch arena. Everything a job may call is prefixed sqlkc_rt_.
 * Codec primitives live in json.h/buf.h (static inline), state in state.h. */
#ifndef SQLKC_RT_H
#define SQLKC_RT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a generated job and the runtime stop being compatible. The
 * generated code checks it at compile time against the header it includes and
 * passes it to sqlkc_rt_main, which checks it against the library. */
#define SQLKC_RT_ABI 3
#define SQLKC_RT_VERSION "0.1.0"

/* A key/value pair: a WITH option, a --set override. */
typedef struct sqlkc_rt_kv {
    const char *key;
    const char *value;
} sqlkc_rt_kv_t;

/* What a table is used for in this job (bitmask). */
enum {
    SQLKC_RT_ROLE_SOURCE = 1,
    SQLKC_RT_ROLE_SINK = 2,
};

/* One CREATE TABLE as the job uses it. The options are the WITH clause with
 * keys as written; the runtime applies --bootstrap-servers and --set on top. */
typedef struct sqlkc_rt_table_def {
    const char *name;      /* SQL name as declared, for --set NAME.OPTION=V */
    const char *connector; /* "kafka" | "upsert-kafka" */
    int role;              /* SQLKC_RT_ROLE_* bitmask */
    const sqlkc_rt_kv_t *options;
    size_t noptions;
} sqlkc_rt_table_def_t;

/* Kafka timestamp types, as librdkafka numbers them. */
enum {
    SQLKC_RT_TS_NONE = 0,
    SQLKC_RT_TS_CREATE_TIME = 1,
    SQLKC_RT_TS_LOG_APPEND_TIME = 2,
};

/* One consumed Kafka record. Pointers are valid during the process callback
 * only. key == NULL means a null key; value == NULL means a tombstone. */
typedef struct sqlkc_rt_msg {
    const char *topic;
    int32_t partition;
    int64_t offset;
    int64_t timestamp; /* epoch ms, -1 when absent */
    int timestamp_type;
    int32_t leader_epoch; /* -1 when unknown */
    const void *key;
    size_t key_len;
    const void *value;
    size_t value_len;
    const void *native; /* the runtime's own record (headers are read from it on demand), or NULL */
} sqlkc_rt_msg_t;

/* A Kafka record header: a name (UTF-8, not NUL-terminated) and a value;
 * value == NULL is a null header value. */
typedef struct sqlkc_rt_header {
    const char *name;
    size_t name_len;
    const void *value;
    size_t value_len;
} sqlkc_rt_header_t;

typedef struct sqlkc_rt_ctx sqlkc_rt_ctx_t;
typedef struct sqlkc_rt_ckpt sqlkc_rt_ckpt_t;

/* A stateful operator, as checkpoints name it: its name (stable across
 * compilations of the same SQL), its state layout (a checkpoint's state is
 * restored only into an operator of the same name and layout), and the
 * functions that write its state into a checkpoint (after a CHECKPOINT
 * flush: its bundles and buffers are empty) and read it back into the empty
 * state init created, before the first record. restore returns SQLKC_RT_ERR
 * when the state in the checkpoint is malformed. */
typedef struct sqlkc_rt_state_op {
    const char *name;
    const char *layout;
    int (*snapshot)(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t *c);
    int (*restore)(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t *c);
} sqlkc_rt_state_op_t;

/* Return codes of job callbacks and runtime calls. */
enum {
    SQLKC_RT_OK = 0,
    SQLKC_RT_ERR = -1, /* the record failed; the message was set with sqlkc_rt_fail */
};

/* The whole job, as the generated code describes it to the runtime. */
typedef struct sqlkc_rt_job_def {
    int abi;                   /* SQLKC_RT_ABI of the header the job was built with */
    const char *name;          /* job name: the .sql file's base name */
    const char *sql_file;      /* the .sql file as given to sqlkc */
    const char *sqlkc_version; /* compiler version that generated the job */
    const sqlkc_rt_table_def_t *tables;
    size_t ntables;
    /* The script's SET statements, e.g. execution.checkpointing.interval,
     * which paces the flush-then-commit of offsets. */
    const sqlkc_rt_kv_t *settings;
    size_t nsettings;
    /* Called once after option overrides were applied and before the first
     * record; allocate state here. */
    int (*init)(sqlkc_rt_ctx_t *ctx);
    /* Called for every consumed record of table `table` (an index into
     * tables). Returns SQLKC_RT_OK, or SQLKC_RT_ERR after sqlkc_rt_fail. */
    int (*process)(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg);
    /* Called once at the end (bounded end of input or signal), before the
     * sinks are flushed; may emit. May be NULL. */
    int (*finish)(sqlkc_rt_ctx_t *ctx);
    /* Frees state. May be NULL. */
    void (*fini)(sqlkc_rt_ctx_t *ctx);
    /* Emits what operators hold back (mini-batch bundles, sink buffers):
     * called with SQLKC_RT_FLUSH_TIMER every timer_ms when that is > 0, with
     * _CHECKPOINT before every offset commit (nothing committed runs ahead
     * of what was emitted), and with _END at the end of input. May be NULL. */
    int (*flush)(sqlkc_rt_ctx_t *ctx, int why);
    int64_t timer_ms;
    /* The stateful operators, in the order checkpoints hold them. */
    const sqlkc_rt_state_op_t *state_ops;
    size_t nstate_ops;
} sqlkc_rt_job_def_t;

/* Why flush() is called. */
enum {
    SQLKC_RT_FLUSH_TIMER = 1,
    SQLKC_RT_FLUSH_CHECKPOINT = 2,
    SQLKC_RT_FLUSH_END = 3,
};

/* Reports the state an operator holds, from fini: its keys and heap bytes.
 * A benchmark run (--bench-input) prints a line per operator and the totals. */
void sqlkc_rt_state_stats(sqlkc_rt_ctx_t *ctx, const char *op, size_t keys, size_t bytes);

/* Milliseconds of a monotonic clock, for operators' own deadlines. */
int64_t sqlkc_rt_now_ms(void);

/* Runs the job: parses argv (--bootstrap-servers, --set, --help, --version
 * and the benchmark flags), applies and validates overrides, connects,
 * consumes until every source is bounded-done or a signal arrives, flushes,
 * commits. Returns the process exit code. */
int sqlkc_rt_main(const sqlkc_rt_job_def_t *def, int argc, char **argv);

/* The effective value of a table's option after overrides, or NULL. */
const char *sqlkc_rt_option(sqlkc_rt_ctx_t *ctx, size_t table, const char *key);

/* Produces one record to the sink table `table`. key may be NULL (null key);
 * value NULL writes a tombstone; a non-NULL pointer with length 0 is an
 * empty key or value. The bytes are copied. Partitioning is Kafka's
 * murmur2 of the key bytes, as the Java client does it. */
int sqlkc_rt_emit(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len,
                  const void *value, size_t value_len);

/* sqlkc_rt_emit with the record's timestamp (epoch ms), as a sink's
 * `timestamp` metadata column sets it; -1 leaves it to the producer (now). */
int sqlkc_rt_emit_at(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len,
                     const void *value, size_t value_len, int64_t timestamp);

/* sqlkc_rt_emit_at with record headers, in this order (a sink's `headers`
 * metadata column); nheaders 0 writes none. The bytes are copied. */
int sqlkc_rt_emit_h(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len, const void *value,
                    size_t value_len, int64_t timestamp, const sqlkc_rt_header_t *headers, size_t nheaders);

/* The headers of msg in record order, *n of them (NULL and 0 when there are
 * none). Valid during the process callback (per-record scratch memory). */
const sqlkc_rt_header_t *sqlkc_rt_msg_headers(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_msg_t *msg, size_t *n);

/* Records why the current record failed; the runtime reports it with topic,
 * partition and offset and stops the job without committing past it. */
int sqlkc_rt_fail(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Drops the current record under an error policy (ignore-parse-errors): it
 * is named on stderr with topic, partition and offset (the first 100 per
 * table), and counted in the summary at exit. Nothing is lost silently. */
void sqlkc_rt_skip(sqlkc_rt_ctx_t *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* What a format did to the current record without failing it, counted per
 * table in the summary at exit (and named on stderr the first time):
 * NULLED, a field that did not convert became NULL (ignore-parse-errors);
 * NO_ROW, a message the format turns into no row (the json format for a
 * null, empty or `null` message, as Flink's). */
enum { SQLKC_RT_COUNT_NULLED = 0, SQLKC_RT_COUNT_NO_ROW = 1 };
void sqlkc_rt_count(sqlkc_rt_ctx_t *ctx, int what);

/* Per-record scratch memory, reset after every process callback. Never NULL
 * (aborts on out of memory). Aligned to 16 bytes. */
void *sqlkc_rt_scratch(sqlkc_rt_ctx_t *ctx, size_t size);

/* Job-lifetime user pointer for the generated code's state. */
void sqlkc_rt_set_user(sqlkc_rt_ctx_t *ctx, void *user);
void *sqlkc_rt_user(sqlkc_rt_ctx_t *ctx);

/* Logs one line to stderr with the job name, e.g. for skipped records. */
void sqlkc_rt_log(sqlkc_rt_ctx_t *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_RT_H */
