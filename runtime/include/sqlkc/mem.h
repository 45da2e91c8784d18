/* This file is the in-memory job API: a job definition run without Kafka.
 * The caller hands records to the job's process() and receives what the job
 * emits through a callback, so that benchmarks (bench/formats) and tests can
 * drive a generated job, or call its codecs directly, with the same context
 * (options, scratch arena, failures) the main loop gives it. A job binary
 * never uses it: sqlkc_rt_main is the job's entry point. */
#ifndef SQLKC_MEM_H
#define SQLKC_MEM_H

#include <stdio.h>

#include "sqlkc/rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives one record emitted to sink table `table` (an index into the job's
 * tables), with the arguments of sqlkc_rt_emit_at, as the job emits it (no
 * sink.buffer-flush.* reduction: that belongs to the Kafka sink). The bytes
 * are valid during the call only. Returns SQLKC_RT_OK, or SQLKC_RT_ERR to fail the
 * record (as a failed produce would). */
typedef int (*sqlkc_rt_mem_emit_fn)(void *arg, size_t table, const void *key, size_t key_len,
                                    const void *value, size_t value_len, int64_t timestamp);

/* Opens a context for def: the WITH options validated as a job validates
 * them (no --set), then def->init. emit may be NULL: records are then
 * counted and dropped. Returns NULL after writing "<job>: error: ..." lines
 * to err. The context is the caller's until sqlkc_rt_mem_close. */
sqlkc_rt_ctx_t *sqlkc_rt_mem_open(const sqlkc_rt_job_def_t *def, sqlkc_rt_mem_emit_fn emit,
                                  void *arg, FILE *err);

/* Delivers one record of source table `table` as the main loop does:
 * process(), then the scratch arena is reset. Returns SQLKC_RT_OK, or
 * SQLKC_RT_ERR with the reason in sqlkc_rt_mem_error (and reported on
 * stderr with the record's topic, partition and offset). */
int sqlkc_rt_mem_process(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg);

/* Ends a record for callers that call a job's functions themselves instead
 * of sqlkc_rt_mem_process: frees the scratch memory and forgets the
 * failure. */
void sqlkc_rt_mem_end_record(sqlkc_rt_ctx_t *ctx);

/* Why the current record failed (sqlkc_rt_fail), or NULL. */
const char *sqlkc_rt_mem_error(const sqlkc_rt_ctx_t *ctx);

/* Records and bytes (key plus value) emitted to table `table` so far. */
uint64_t sqlkc_rt_mem_written(const sqlkc_rt_ctx_t *ctx, size_t table, uint64_t *bytes);

/* Calls def->finish (it may emit) when `finish` is true, then def->fini, and
 * frees the context. Returns SQLKC_RT_OK, or SQLKC_RT_ERR if finish failed
 * (reported on stderr). */
int sqlkc_rt_mem_close(sqlkc_rt_ctx_t *ctx, bool finish);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_MEM_H */
