/* This file gives the fuzz targets the job of fuzz_nested.sql (its generated
 * C in FUZZ_JOB, included here) run in memory: the generated readers and
 * writers of nested values that the targets compare with the reference
 * codec (tests/support/ref_nested.c). One context serves every input; what
 * a record writes to a sink lands in fuzz_job_out. */
#ifndef SQLKC_FUZZ_JOB_H
#define SQLKC_FUZZ_JOB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref_nested.h"
#include "sqlkc/mem.h"

#define main sqlkc_job_main_unused
#include FUZZ_JOB
#undef main

static sqlkc_rt_ctx_t *fuzz_job_ctx;
static sqlkc_rt_buf_t fuzz_job_out;
static int fuzz_job_wrote;

static int fuzz_job_emit(void *arg, size_t table, const void *key, size_t key_len, const void *value,
                         size_t value_len, int64_t ts)
{
    (void)arg, (void)table, (void)key, (void)key_len, (void)ts;
    sqlkc_rt_buf_reset(&fuzz_job_out);
    sqlkc_rt_buf_put(&fuzz_job_out, value, value_len);
    fuzz_job_wrote++;
    return SQLKC_RT_OK;
}

static sqlkc_rt_ctx_t *fuzz_job(void)
{
    if (!fuzz_job_ctx && !(fuzz_job_ctx = sqlkc_rt_mem_open(&job, fuzz_job_emit, NULL, stderr)))
        abort();
    return fuzz_job_ctx;
}

static size_t fuzz_job_table(const char *name)
{
    for (size_t i = 0; i < job.ntables; i++)
        if (strcmp(job.tables[i].name, name) == 0)
            return i;
    abort();
}

/* One record through source `table` and its copy into `table`_out: 1 when
 * the job wrote one record (in fuzz_job_out), 0 when it failed the record. */
static int fuzz_job_process(const char *table, const void *value, size_t len)
{
    sqlkc_rt_msg_t msg = {table, 0, 0, -1, SQLKC_RT_TS_NONE, -1, NULL, 0, value, len, NULL};
    fuzz_job_wrote = 0;
    int r = sqlkc_rt_mem_process(fuzz_job(), fuzz_job_table(table), &msg);
    if (r == SQLKC_RT_OK && fuzz_job_wrote != 1)
        abort(); /* a copy job writes what it reads */
    return r == SQLKC_RT_OK;
}

#endif
