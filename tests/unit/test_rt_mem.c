/* This file tests the in-memory job API (sqlkc/mem.h) with a hand-written
 * job shaped like the generated ones: options validated at open, init and
 * fini called once, records delivered to process(), emitted records handed
 * to the callback with their bytes and counted, the scratch arena freed
 * between records, failures reported with their reason, finish() emitting
 * at close. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/mem.h"

/* ---- the job: echoes each value upper-cased, as key "k", to table 1 ---- */

static int ninit, nfini, nfinish;
static void *last_scratch;

static int echo_init(sqlkc_rt_ctx_t *ctx) {
    (void)ctx;
    ninit++;
    return SQLKC_RT_OK;
}

static void echo_fini(sqlkc_rt_ctx_t *ctx) {
    (void)ctx;
    nfini++;
}

static int echo_process(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg) {
    if (table != 0)
        return sqlkc_rt_fail(ctx, "unexpected table %zu", table);
    if (msg->value_len == 0)
        return sqlkc_rt_fail(ctx, "empty value at offset %lld", (long long)msg->offset);
    char *up = sqlkc_rt_scratch(ctx, msg->value_len);
    last_scratch = up;
    for (size_t i = 0; i < msg->value_len; i++) {
        char c = ((const char *)msg->value)[i];
        up[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    return sqlkc_rt_emit_at(ctx, 1, "k", 1, up, msg->value_len, msg->timestamp);
}

static int echo_finish(sqlkc_rt_ctx_t *ctx) {
    nfinish++;
    return sqlkc_rt_emit_at(ctx, 1, NULL, 0, "end", 3, -1);
}

static const sqlkc_rt_kv_t in_options[] = {
    {"connector", "kafka"},
    {"topic", "in"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"format", "raw"},
};
static const sqlkc_rt_kv_t out_options[] = {
    {"connector", "kafka"},
    {"topic", "out"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"format", "raw"},
};
static const sqlkc_rt_kv_t bad_options[] = {
    {"connector", "kafka"},
    {"topic", "out"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"format", "raw"},
    {"sink.delivery-guarantee", "sometimes"},
};

static const sqlkc_rt_table_def_t tables[] = {
    {"in", "kafka", SQLKC_RT_ROLE_SOURCE, in_options, 4},
    {"out", "kafka", SQLKC_RT_ROLE_SINK, out_options, 4},
};
static const sqlkc_rt_table_def_t bad_tables[] = {
    {"in", "kafka", SQLKC_RT_ROLE_SOURCE, in_options, 4},
    {"out", "kafka", SQLKC_RT_ROLE_SINK, bad_options, 5},
};

static const sqlkc_rt_job_def_t job = {
    .abi = SQLKC_RT_ABI,
    .name = "echo",
    .sql_file = "echo.sql",
    .sqlkc_version = "0.1.0",
    .tables = tables,
    .ntables = 2,
    .init = echo_init,
    .process = echo_process,
    .finish = echo_finish,
    .fini = echo_fini,
};

/* ---- what the callback saw ---- */

typedef struct seen {
    int n;
    size_t table[8];
    char key[8][8];
    long key_len[8]; /* -1: null key */
    char value[8][32];
    size_t value_len[8];
    int64_t ts[8];
    int refuse; /* refuse the record with this number (1-based), 0: none */
} seen_t;

static int on_emit(void *arg, size_t table, const void *key, size_t key_len, const void *value,
                   size_t value_len, int64_t ts) {
    seen_t *s = arg;
    int i = s->n++;
    if (i >= 8)
        return SQLKC_RT_ERR;
    s->table[i] = table;
    s->key_len[i] = key ? (long)key_len : -1;
    if (key)
        memcpy(s->key[i], key, key_len);
    memcpy(s->value[i], value, value_len);
    s->value_len[i] = value_len;
    s->ts[i] = ts;
    return s->n == s->refuse ? SQLKC_RT_ERR : SQLKC_RT_OK;
}

static sqlkc_rt_msg_t msg_of(const char *value, int64_t offset) {
    return (sqlkc_rt_msg_t){.topic = "in",
                            .partition = 0,
                            .offset = offset,
                            .timestamp = 1000 + offset,
                            .timestamp_type = SQLKC_RT_TS_CREATE_TIME,
                            .leader_epoch = -1,
                            .value = value,
                            .value_len = strlen(value)};
}

static void reset_counts(void) { ninit = nfini = nfinish = 0; }

/* ---- tests ---- */

static void test_records_reach_the_callback(void **state) {
    (void)state;
    seen_t seen = {0};
    reset_counts();
    sqlkc_rt_ctx_t *ctx = sqlkc_rt_mem_open(&job, on_emit, &seen, stderr);
    assert_non_null(ctx);
    assert_int_equal(ninit, 1);
    assert_string_equal(sqlkc_rt_option(ctx, 1, "topic"), "out");

    sqlkc_rt_msg_t m = msg_of("abc", 7);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
    m = msg_of("xyZ", 8);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
    void *second = last_scratch;
    m = msg_of("q", 9);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
    /* the arena is reset after each record (the first one sized it): the
     * next record gets the same memory again */
    assert_ptr_equal(last_scratch, second);

    assert_int_equal(seen.n, 3);
    assert_int_equal(seen.table[0], 1);
    assert_int_equal(seen.key_len[0], 1);
    assert_memory_equal(seen.key[0], "k", 1);
    assert_int_equal(seen.value_len[0], 3);
    assert_memory_equal(seen.value[0], "ABC", 3);
    assert_int_equal(seen.ts[0], 1007);
    assert_memory_equal(seen.value[1], "XYZ", 3);
    assert_int_equal(seen.ts[1], 1008);

    uint64_t bytes;
    assert_int_equal(sqlkc_rt_mem_written(ctx, 1, &bytes), 3);
    assert_int_equal(bytes, 2 * (1 + 3) + 1 + 1);
    assert_int_equal(sqlkc_rt_mem_written(ctx, 0, &bytes), 0);
    assert_int_equal(sqlkc_rt_mem_written(ctx, 9, &bytes), 0);

    /* close runs finish (which emits, with a null key), then fini */
    assert_int_equal(sqlkc_rt_mem_close(ctx, true), SQLKC_RT_OK);
    assert_int_equal(nfinish, 1);
    assert_int_equal(nfini, 1);
    assert_int_equal(seen.n, 4);
    assert_int_equal(seen.key_len[3], -1);
    assert_memory_equal(seen.value[3], "end", 3);
    assert_int_equal(seen.ts[3], -1);
}

static void test_failures(void **state) {
    (void)state;
    seen_t seen = {.refuse = 2};
    reset_counts();
    sqlkc_rt_ctx_t *ctx = sqlkc_rt_mem_open(&job, on_emit, &seen, stderr);
    assert_non_null(ctx);
    assert_null(sqlkc_rt_mem_error(ctx));

    /* process() fails the record: the reason is kept */
    sqlkc_rt_msg_t m = msg_of("", 3);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_ERR);
    assert_string_equal(sqlkc_rt_mem_error(ctx), "empty value at offset 3");
    sqlkc_rt_mem_end_record(ctx);
    assert_null(sqlkc_rt_mem_error(ctx));

    /* the callback refuses the second record it sees */
    m = msg_of("a", 4);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
    m = msg_of("b", 5);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_ERR);
    assert_string_equal(sqlkc_rt_mem_error(ctx), "the in-memory sink of out refused the record");

    /* a sink is not a source */
    assert_int_equal(sqlkc_rt_mem_process(ctx, 1, &m), SQLKC_RT_ERR);
    assert_string_equal(sqlkc_rt_mem_error(ctx), "table #1 is not a source of this job");

    /* without finish, close only runs fini */
    assert_int_equal(sqlkc_rt_mem_close(ctx, false), SQLKC_RT_OK);
    assert_int_equal(nfinish, 0);
    assert_int_equal(nfini, 1);
}

static void test_null_callback_counts(void **state) {
    (void)state;
    reset_counts();
    sqlkc_rt_ctx_t *ctx = sqlkc_rt_mem_open(&job, NULL, NULL, stderr);
    assert_non_null(ctx);
    sqlkc_rt_msg_t m = msg_of("hello", 0);
    assert_int_equal(sqlkc_rt_mem_process(ctx, 0, &m), SQLKC_RT_OK);
    uint64_t bytes;
    assert_int_equal(sqlkc_rt_mem_written(ctx, 1, &bytes), 1);
    assert_int_equal(bytes, 6);
    sqlkc_rt_mem_close(ctx, false);
}

static void test_open_refuses(void **state) {
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&text, &len);
    assert_non_null(err);

    /* an invalid option: reported, no init, no fini */
    reset_counts();
    sqlkc_rt_job_def_t bad = job;
    bad.tables = bad_tables;
    assert_null(sqlkc_rt_mem_open(&bad, NULL, NULL, err));
    fflush(err);
    assert_non_null(strstr(text, "echo: error:"));
    assert_non_null(strstr(text, "sink.delivery-guarantee"));
    assert_int_equal(ninit, 0);
    assert_int_equal(nfini, 0);

    /* another ABI */
    bad = job;
    bad.abi = SQLKC_RT_ABI + 1;
    assert_null(sqlkc_rt_mem_open(&bad, NULL, NULL, err));
    fflush(err);
    assert_non_null(strstr(text, "runtime ABI"));
    fclose(err);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_reach_the_callback),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_null_callback_counts),
        cmocka_unit_test(test_open_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
