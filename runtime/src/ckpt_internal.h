/* This file declares the runtime's side of checkpoints (checkpoint.c): the
 * file around the operators' state, the source positions it records, the
 * state directory. The calls generated code makes are in sqlkc/ckpt.h. */
#ifndef SQLKC_RT_CKPT_INTERNAL_H
#define SQLKC_RT_CKPT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/ckpt.h"
#include "sqlkc/rt.h"

/* The next offset to read of one partition of one source table. */
typedef struct rt_ckpt_part {
    char *table, *topic;
    int32_t partition;
    int64_t position;
} rt_ckpt_part_t;

typedef struct rt_ckpt_positions {
    rt_ckpt_part_t *parts;
    size_t n;
} rt_ckpt_positions_t;

/* An operator a checkpoint holds the state of, and where it is. */
typedef struct rt_ckpt_op {
    char *name, *layout;
    size_t start, end;
} rt_ckpt_op_t;

typedef struct rt_ckpt_info {
    uint64_t seq;
    int64_t time_ms;
    uint64_t fingerprint;
    const rt_ckpt_op_t *ops; /* owned by the checkpoint */
    size_t nops;
} rt_ckpt_info_t;

uint32_t rt_crc32c(uint32_t crc, const void *data, size_t n);
uint64_t rt_fnv1a64(uint64_t h, const void *data, size_t n);
uint64_t rt_ckpt_fingerprint(const sqlkc_rt_job_def_t *def);

/* Writing: create (header and state layout written), positions, every
 * operator's state between begin_op and end_op (i: its index in the job's
 * state_ops), finish (index, trailer, fsync, rename, directory fsync).
 * finish and discard free c. Errors as text in err; -1 / NULL. */
sqlkc_rt_ckpt_t *rt_ckpt_create(const char *dir, uint64_t seq, const sqlkc_rt_job_def_t *def, char *err,
                                size_t errcap);
void rt_ckpt_put_positions(sqlkc_rt_ckpt_t *c, const rt_ckpt_positions_t *pos);
void rt_ckpt_begin_op(sqlkc_rt_ckpt_t *c, size_t i, const char *name);
void rt_ckpt_end_op(sqlkc_rt_ckpt_t *c);
int rt_ckpt_finish(sqlkc_rt_ckpt_t *c, uint64_t *bytes, char *err, size_t errcap);
void rt_ckpt_discard(sqlkc_rt_ckpt_t *c);

/* Reading: open (whole file, checksum), header (-1 malformed; the
 * operators it holds in info), positions, then for each operator to
 * restore: enter_op (i: its index in info->ops), the operator's restore,
 * op_consumed (it read exactly its state). */
sqlkc_rt_ckpt_t *rt_ckpt_open(const char *path, char *err, size_t errcap);
int rt_ckpt_read_header(sqlkc_rt_ckpt_t *c, rt_ckpt_info_t *info, char *err, size_t errcap);
int rt_ckpt_read_positions(sqlkc_rt_ckpt_t *c, rt_ckpt_positions_t *pos);
bool rt_ckpt_enter_op(sqlkc_rt_ckpt_t *c, size_t i);
/* The size of the checkpoint file read. */
uint64_t rt_ckpt_size(const sqlkc_rt_ckpt_t *c);
bool rt_ckpt_op_consumed(const sqlkc_rt_ckpt_t *c);
/* The operator whose state was being read when a restore failed, or NULL. */
const char *rt_ckpt_current_op(const sqlkc_rt_ckpt_t *c);
void rt_ckpt_close(sqlkc_rt_ckpt_t *c);
void rt_ckpt_positions_free(rt_ckpt_positions_t *pos);

/* The state directory: checkpoint numbers newest first (-1 if unreadable),
 * a checkpoint's path (malloc'd), removal of all but the newest keep,
 * mkdir -p. */
int rt_ckpt_list(const char *dir, uint64_t **seqs, size_t *n);
/* Removes the temporary files of checkpoints whose writing was cut off;
 * returns how many. */
size_t rt_ckpt_clean_tmp(const char *dir);
/* Takes the state directory's lock (a flock on dir/LOCK, held until the
 * process exits): returns its descriptor, or -1 with the reason (another
 * run of the job holds it). */
int rt_ckpt_lock(const char *dir, char *err, size_t errcap);
char *rt_ckpt_path(const char *dir, uint64_t seq);
void rt_ckpt_retain(const char *dir, size_t keep);
int rt_mkdirs(const char *path);

#endif /* SQLKC_RT_CKPT_INTERNAL_H */
