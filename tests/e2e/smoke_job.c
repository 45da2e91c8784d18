/* This file is a hand-written job for the runtime's end-to-end smoke test,
 * shaped like generated code: kafka sources 'src' and 'side' (raw values
 * "key=value"; 'side' reads an empty topic unless told otherwise, so that
 * the job always runs two consumers) and an upsert-kafka sink 'dst'.
 * process() writes key -> upper-cased value;
 * a value without '=' writes a tombstone for that key, "key=" an empty
 * value, and "FAIL" fails the record. finish() writes "__count__" -> the
 * number of 'src' records seen, which proves finish runs before the final flush. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sqlkc/rt.h"

enum { T_SRC, T_DST, T_SIDE };

static const sqlkc_rt_kv_t src_options[] = {
    {"connector", "kafka"},
    {"topic", "smoke_in"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"properties.group.id", "smoke"},
    {"format", "raw"},
    {"scan.startup.mode", "earliest-offset"},
    {"scan.bounded.mode", "latest-offset"},
};

static const sqlkc_rt_kv_t dst_options[] = {
    {"connector", "upsert-kafka"},
    {"topic", "smoke_out"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"key.format", "raw"},
    {"value.format", "raw"},
};

static const sqlkc_rt_kv_t side_options[] = {
    {"connector", "kafka"},
    {"topic", "empty_side"},
    {"properties.bootstrap.servers", "localhost:9092"},
    {"properties.group.id", "smoke-side"},
    {"value.format", "raw"},
    {"scan.startup.mode", "earliest-offset"},
    {"scan.bounded.mode", "latest-offset"},
};

static const sqlkc_rt_table_def_t tables[] = {
    {"src", "kafka", SQLKC_RT_ROLE_SOURCE, src_options, sizeof src_options / sizeof src_options[0]},
    {"dst", "upsert-kafka", SQLKC_RT_ROLE_SINK, dst_options,
     sizeof dst_options / sizeof dst_options[0]},
    {"side", "kafka", SQLKC_RT_ROLE_SOURCE, side_options,
     sizeof side_options / sizeof side_options[0]},
};

typedef struct state {
    unsigned long long seen;
} state_t;

static state_t the_state;

static int smoke_init(sqlkc_rt_ctx_t *ctx)
{
    sqlkc_rt_set_user(ctx, &the_state);
    return SQLKC_RT_OK;
}

static int smoke_process(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg)
{
    state_t *st = sqlkc_rt_user(ctx);
    const char *v = msg->value;
    size_t n = msg->value_len;

    if (table != T_SRC && table != T_SIDE)
        return sqlkc_rt_fail(ctx, "unexpected table %zu", table);
    if (table == T_SRC)
        st->seen++;
    if (!v)
        return SQLKC_RT_OK; /* a tombstone in the input: nothing to say */
    if (n == 4 && memcmp(v, "FAIL", 4) == 0)
        return sqlkc_rt_fail(ctx, "bad record '%.*s'", (int)n, v);
    const char *eq = memchr(v, '=', n);
    if (!eq)
        return sqlkc_rt_emit(ctx, T_DST, v, n, NULL, 0); /* tombstone */
    size_t klen = (size_t)(eq - v), vlen = n - klen - 1;
    char *up = sqlkc_rt_scratch(ctx, vlen + 1);
    for (size_t i = 0; i < vlen; i++)
        up[i] = (char)toupper((unsigned char)eq[1 + i]);
    return sqlkc_rt_emit(ctx, T_DST, v, klen, up, vlen);
}

static int smoke_finish(sqlkc_rt_ctx_t *ctx)
{
    state_t *st = sqlkc_rt_user(ctx);
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%llu", st->seen);
    return sqlkc_rt_emit(ctx, T_DST, "__count__", 9, buf, (size_t)len);
}

static const sqlkc_rt_job_def_t job = {
    .abi = SQLKC_RT_ABI,
    .name = "smoke",
    .sql_file = "smoke.sql",
    .sqlkc_version = SQLKC_RT_VERSION,
    .tables = tables,
    .ntables = sizeof tables / sizeof tables[0],
    .init = smoke_init,
    .process = smoke_process,
    .finish = smoke_finish,
    .fini = NULL,
};

int main(int argc, char **argv)
{
    return sqlkc_rt_main(&job, argc, argv);
}
