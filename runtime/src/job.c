/* This file is the job's life cycle (sqlkc_rt_main): command line, Kafka
 * clients, the main loop that feeds records to the generated process()
 * callback, periodic flush-then-commit, signals, the end-of-run summary and
 * the benchmark mode; plus the small API generated code calls (emit, fail,
 * scratch, user pointer, options, log). */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define RT_COMMIT_INTERVAL_MS 5000 /* until execution.checkpointing.interval is wired */
#define RT_POLL_TIMEOUT_MS 100     /* how late a signal or a timer may be noticed */

volatile sig_atomic_t rt_stop_requested;

int64_t rt_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t sqlkc_rt_now_ms(void) { return rt_now_ms(); }

void sqlkc_rt_state_stats(sqlkc_rt_ctx_t *ctx, const char *op, size_t keys, size_t bytes)
{
    ctx->state_keys += keys;
    ctx->state_bytes += bytes;
    if (ctx->cli.nbench_inputs > 0)
        fprintf(stderr, "%s: state of %s: %zu keys, %zu bytes (%.1f bytes/key)\n", ctx->prog, op, keys, bytes,
                keys ? (double)bytes / (double)keys : 0.0);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- scratch arena ---- */

struct rt_arena_block {
    rt_arena_block_t *next;
    char pad[8]; /* keeps the payload 16-aligned */
};

#define RT_ALIGN16(n) (((n) + 15) & ~(size_t)15)

static void *aligned_or_abort(size_t size)
{
    void *p = NULL;
    if (posix_memalign(&p, 16, size ? size : 16) != 0) {
        fputs("sqlkc runtime: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *rt_arena_alloc(rt_arena_t *a, size_t size)
{
    size = RT_ALIGN16(size ? size : 1);
    if (a->used + size <= a->cap) {
        void *p = a->buf + a->used;
        a->used += size;
        return p;
    }
    /* Overflow goes to its own block; the next reset grows the main buffer
     * so that a record of this size fits without overflow next time. */
    rt_arena_block_t *b = aligned_or_abort(sizeof *b + size);
    b->next = a->big;
    a->big = b;
    a->big_total += size;
    return b + 1;
}

void rt_arena_reset(rt_arena_t *a)
{
    if (a->big) {
        size_t want = a->cap + a->big_total;
        while (a->big) {
            rt_arena_block_t *next = a->big->next;
            free(a->big);
            a->big = next;
        }
        a->big_total = 0;
        if (want < 2 * a->cap)
            want = 2 * a->cap;
        if (want < 65536)
            want = 65536;
        free(a->buf);
        a->buf = aligned_or_abort(want);
        a->cap = want;
    }
    a->used = 0;
}

void rt_arena_free(rt_arena_t *a)
{
    rt_arena_reset(a);
    free(a->buf);
    memset(a, 0, sizeof *a);
}

/* ---- the API generated code calls ---- */

void *sqlkc_rt_scratch(sqlkc_rt_ctx_t *ctx, size_t size)
{
    return rt_arena_alloc(&ctx->scratch, size);
}

void sqlkc_rt_set_user(sqlkc_rt_ctx_t *ctx, void *user)
{
    ctx->user = user;
}

void *sqlkc_rt_user(sqlkc_rt_ctx_t *ctx)
{
    return ctx->user;
}

const char *sqlkc_rt_option(sqlkc_rt_ctx_t *ctx, size_t table, const char *key)
{
    if (table >= ctx->ntables)
        return NULL;
    return sqlkc_rt_kv_get(ctx->tables[table].opts.kv, ctx->tables[table].opts.n, key);
}

int sqlkc_rt_fail(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    va_list ap;
    /* Keep the first reason: later calls are usually consequences. */
    if (!ctx->failed) {
        va_start(ap, fmt);
        vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
        va_end(ap);
        ctx->failed = true;
    }
    return SQLKC_RT_ERR;
}

void sqlkc_rt_log(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s\n", ctx->prog, line);
}

int sqlkc_rt_emit(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len,
                  const void *value, size_t value_len)
{
    return sqlkc_rt_emit_at(ctx, table, key, key_len, value, value_len, -1);
}

int sqlkc_rt_emit_at(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len,
                     const void *value, size_t value_len, int64_t timestamp)
{
    return sqlkc_rt_emit_h(ctx, table, key, key_len, value, value_len, timestamp, NULL, 0);
}

int sqlkc_rt_emit_h(sqlkc_rt_ctx_t *ctx, size_t table, const void *key, size_t key_len, const void *value,
                    size_t value_len, int64_t timestamp, const sqlkc_rt_header_t *headers, size_t nheaders)
{
    if (table >= ctx->ntables || !(ctx->tables[table].def->role & SQLKC_RT_ROLE_SINK))
        return sqlkc_rt_fail(ctx, "internal error: emit to table #%zu, which is not a sink", table);
    rt_table_t *t = &ctx->tables[table];
    if (ctx->null_sink) {
        t->nwritten++;
        t->bytes_out += (key ? key_len : 0) + (value ? value_len : 0);
        if (ctx->mem_emit &&
            ctx->mem_emit(ctx->mem_emit_arg, table, key, key_len, value, value_len, timestamp) !=
                SQLKC_RT_OK)
            return sqlkc_rt_fail(ctx, "the in-memory sink of %s refused the record", t->def->name);
        return SQLKC_RT_OK;
    }
    return rt_sink_produce(ctx, t->sink, key, key_len, value, value_len, timestamp, headers, nheaders);
}

/* ---- messages ---- */

void rt_error(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: %s\n", ctx->prog, line);
}

void rt_set_fatal(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    va_list ap;
    /* The first failure is the one to report; the rest (every record queued
     * behind a dead broker) are usually the same story. */
    if (ctx->has_fatal) {
        ctx->more_fatal++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(ctx->fatal, sizeof ctx->fatal, fmt, ap);
    va_end(ap);
    ctx->has_fatal = true;
}

void sqlkc_rt_skip(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    const sqlkc_rt_msg_t *m = ctx->current;
    rt_table_t *t = &ctx->tables[ctx->current_table];
    t->nskipped++;
    /* every skipped record is named, up to a limit, then only counted */
    if (t->nskipped <= 100)
        fprintf(stderr, "%s: skipped a record of %s topic=%s partition=%" PRId32 " offset=%" PRId64 ": %s\n",
                ctx->prog, t->def->name, m ? m->topic : "?", m ? m->partition : -1, m ? m->offset : -1, why);
    else if (t->nskipped == 101)
        fprintf(stderr, "%s: more records of %s are skipped; the count is in the summary\n", ctx->prog,
                t->def->name);
}

int rt_deliver(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg)
{
    ctx->failed = false;
    ctx->current = msg;
    ctx->current_table = table;
    int rc = ctx->def->process(ctx, table, msg);
    rt_arena_reset(&ctx->scratch);
    if (rc != SQLKC_RT_OK) {
        rt_error(ctx, "%s topic=%s partition=%" PRId32 " offset=%" PRId64 ": %s",
                 ctx->tables[table].def->name, msg->topic, msg->partition, msg->offset,
                 ctx->failed ? ctx->errmsg : "the record failed without a message");
        return SQLKC_RT_ERR;
    }
    ctx->tables[table].nread++;
    return SQLKC_RT_OK;
}

/* ---- signals ---- */

static void on_stop_signal(int sig)
{
    (void)sig;
    rt_stop_requested = 1;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    /* A second Ctrl-C kills a job stuck in a flush: default action again. */
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* librdkafka's threads must not take SIGINT/SIGTERM (they would interrupt
 * nothing useful); they inherit the mask of the thread that creates them. */
static void block_stop_signals(bool block)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &s, NULL);
}

/* ---- benchmark input ---- */

typedef struct bench_src {
    size_t table;
    const char *topic;
    char *data;
    size_t len;
    size_t pos;
    long rounds_left;
    int64_t offset;
    bool upsert;
} bench_src_t;

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;
    if (!f)
        return -1;
    buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            return -1;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* Feeds the --bench-input files to process(), one line per record,
 * round-robin across tables so that joins see interleaved inputs. Returns 0
 * or -1 (reported). */
static int run_bench(sqlkc_rt_ctx_t *ctx, uint64_t *records)
{
    size_t n = ctx->cli.nbench_inputs, active = 0;
    bench_src_t *srcs = calloc(n ? n : 1, sizeof *srcs);
    int64_t ts = (int64_t)time(NULL) * 1000;
    int status = 0;

    for (size_t i = 0; i < n; i++) {
        bench_src_t *s = &srcs[i];
        s->table = rt_table_lookup(ctx->def, ctx->cli.bench_inputs[i].table);
        s->topic = sqlkc_rt_option(ctx, s->table, "topic");
        if (!s->topic)
            s->topic = ctx->tables[s->table].def->name;
        s->rounds_left = ctx->cli.bench_repeat;
        s->upsert = !strcmp(ctx->tables[s->table].def->connector, "upsert-kafka");
        if (read_file(ctx->cli.bench_inputs[i].file, &s->data, &s->len)) {
            rt_error(ctx, "--bench-input: cannot read '%s': %s", ctx->cli.bench_inputs[i].file,
                     strerror(errno));
            status = -1;
            goto out;
        }
        active++;
    }
    while (active > 0) {
        for (size_t i = 0; i < n; i++) {
            bench_src_t *s = &srcs[i];
            if (s->rounds_left == 0)
                continue;
            if (s->pos >= s->len) {
                s->pos = 0;
                if (--s->rounds_left == 0 || s->len == 0) {
                    s->rounds_left = 0;
                    active--;
                    continue;
                }
            }
            const char *line = s->data + s->pos;
            const char *nl = memchr(line, '\n', s->len - s->pos);
            size_t len = nl ? (size_t)(nl - line) : s->len - s->pos;
            s->pos += len + 1;
            /* an upsert-kafka table's lines are KEY<TAB>VALUE, an empty
             * VALUE being a tombstone */
            const char *key = NULL, *value = line;
            size_t key_len = 0;
            if (s->upsert) {
                const char *tab = memchr(line, '\t', len);
                if (tab) {
                    key = line;
                    key_len = (size_t)(tab - line);
                    value = tab + 1 < line + len ? tab + 1 : NULL;
                    len = value ? len - key_len - 1 : 0;
                }
            }
            sqlkc_rt_msg_t msg = {
                .topic = s->topic,
                .partition = 0,
                .offset = s->offset++,
                .timestamp = ts,
                .timestamp_type = SQLKC_RT_TS_CREATE_TIME,
                .leader_epoch = -1,
                .key = key,
                .key_len = key_len,
                .value = value, /* an empty line is an empty value */
                .value_len = len,
            };
            if (rt_deliver(ctx, s->table, &msg) != SQLKC_RT_OK) {
                status = -1;
                goto out;
            }
            (*records)++;
        }
        if ((*records & 1023) == 0) {
            if (!ctx->null_sink)
                rt_sinks_poll(ctx);
            if (ctx->has_fatal || rt_stop_requested)
                break;
        }
    }
out:
    for (size_t i = 0; i < n; i++)
        free(srcs[i].data);
    free(srcs);
    return status;
}

/* ---- main ---- */

/* The job's own flush (bundles, sink buffers); a failure is fatal, as the
 * rows it held cannot be written. */
static int job_flush(sqlkc_rt_ctx_t *ctx, int why)
{
    if (!ctx->def->flush)
        return 0;
    ctx->failed = false;
    ctx->current = NULL;
    int rc = ctx->def->flush(ctx, why);
    rt_arena_reset(&ctx->scratch);
    if (rc != SQLKC_RT_OK) {
        rt_set_fatal(ctx, "flushing buffered rows: %s", ctx->failed ? ctx->errmsg : "failed");
        return -1;
    }
    return 0;
}

/* Flush, then commit: the offsets committed never run ahead of output that
 * Kafka acknowledged. */
static int checkpoint(sqlkc_rt_ctx_t *ctx, bool final)
{
    if (job_flush(ctx, final ? SQLKC_RT_FLUSH_END : SQLKC_RT_FLUSH_CHECKPOINT) != 0)
        return -1;
    if (!ctx->null_sink && rt_sinks_flush(ctx) != 0)
        return -1;
    return rt_sources_commit(ctx, final);
}

static void print_summary(sqlkc_rt_ctx_t *ctx, double seconds)
{
    char line[4096];
    size_t len = 0;
    uint64_t total = 0;

    len += (size_t)snprintf(line + len, sizeof line - len, "%s: read", ctx->prog);
    for (size_t t = 0; t < ctx->ntables && len < sizeof line; t++) {
        if (ctx->tables[t].def->role & SQLKC_RT_ROLE_SOURCE) {
            len += (size_t)snprintf(line + len, sizeof line - len, " %s=%" PRIu64,
                                    ctx->tables[t].def->name, ctx->tables[t].nread);
            if (ctx->tables[t].nskipped && len < sizeof line)
                len += (size_t)snprintf(line + len, sizeof line - len, " (%" PRIu64 " skipped)",
                                        ctx->tables[t].nskipped);
            total += ctx->tables[t].nread;
        }
    }
    if (len < sizeof line)
        len += (size_t)snprintf(line + len, sizeof line - len, "; wrote");
    for (size_t t = 0; t < ctx->ntables && len < sizeof line; t++)
        if (ctx->tables[t].def->role & SQLKC_RT_ROLE_SINK)
            len += (size_t)snprintf(line + len, sizeof line - len, " %s=%" PRIu64,
                                    ctx->tables[t].def->name, ctx->tables[t].nwritten);
    if (len < sizeof line)
        snprintf(line + len, sizeof line - len, "; %.3f s; %.0f records/s", seconds,
                 seconds > 0 ? (double)total / seconds : 0.0);
    fprintf(stderr, "%s\n", line);
}

static int run(sqlkc_rt_ctx_t *ctx)
{
    bool bench = ctx->cli.nbench_inputs > 0;
    int status = 0; /* exit code */
    bool record_error = false, inited = false, ran = false;
    uint64_t bench_records = 0;
    double t0 = now_s();

    ctx->null_sink = ctx->cli.bench_null_sink;
    ctx->commit_interval_ms = RT_COMMIT_INTERVAL_MS;
    /* Flink commits offsets on checkpoints; the job flushes and commits at
     * the same pace (the default when no interval is SET) */
    const char *interval = ctx->def->settings
                               ? sqlkc_rt_kv_get(ctx->def->settings, ctx->def->nsettings,
                                                 "execution.checkpointing.interval")
                               : NULL;
    long long interval_ms;
    if (interval && sqlkc_rt_parse_duration_ms(interval, &interval_ms) == 0 && interval_ms > 0)
        ctx->commit_interval_ms = interval_ms;
    install_signals();

    block_stop_signals(true);
    int opened = 0;
    if (!bench)
        opened = rt_sources_open(ctx);
    if (opened == 0 && !ctx->null_sink)
        opened = rt_sinks_open(ctx);
    block_stop_signals(false);
    if (opened != 0) {
        status = 1;
        goto close;
    }

    ctx->failed = false;
    inited = true;
    if (ctx->def->init && ctx->def->init(ctx) != SQLKC_RT_OK) {
        rt_error(ctx, "init: %s", ctx->failed ? ctx->errmsg : "failed");
        status = 1;
        goto close;
    }
    rt_arena_reset(&ctx->scratch);

    t0 = now_s();
    ran = true;
    if (bench) {
        if (run_bench(ctx, &bench_records) != 0)
            record_error = true;
    } else {
        int64_t next_commit = rt_now_ms() + ctx->commit_interval_ms;
        int64_t next_timer = ctx->def->timer_ms > 0 ? rt_now_ms() + ctx->def->timer_ms : INT64_MAX;
        while (!rt_stop_requested) {
            int r = rt_sources_poll(ctx, RT_POLL_TIMEOUT_MS);
            if (r < 0) {
                record_error = true;
                break;
            }
            if (!ctx->null_sink)
                rt_sinks_poll(ctx);
            if (ctx->has_fatal || r == 0)
                break;
            if (rt_now_ms() >= next_timer) {
                if (job_flush(ctx, SQLKC_RT_FLUSH_TIMER) != 0)
                    break;
                next_timer = rt_now_ms() + ctx->def->timer_ms;
            }
            if (rt_now_ms() >= next_commit) {
                /* A failed flush sets has_fatal (checked above); a failed
                 * asynchronous commit is retried next time. */
                checkpoint(ctx, false);
                next_commit = rt_now_ms() + ctx->commit_interval_ms;
            }
        }
    }

    if (ctx->has_fatal) {
        status = 1;
    } else if (record_error) {
        /* What the failed record's predecessors emitted is flushed and their
         * offsets committed; the failed record is read again next time. */
        status = 1;
        checkpoint(ctx, true);
    } else {
        ctx->failed = false;
        if (ctx->def->finish && ctx->def->finish(ctx) != SQLKC_RT_OK) {
            rt_error(ctx, "finish: %s", ctx->failed ? ctx->errmsg : "failed");
            status = 1;
            if (!ctx->null_sink)
                rt_sinks_flush(ctx);
        } else {
            rt_arena_reset(&ctx->scratch);
            if (checkpoint(ctx, true) != 0)
                status = 1;
        }
    }
    if (ctx->has_fatal)
        rt_error(ctx, "%s%s; offsets were not committed past the last successful flush",
                 ctx->fatal, ctx->more_fatal ? " (and more errors like it)" : "");

close:;
    double seconds = now_s() - t0;
    rt_sources_close(ctx);
    rt_sinks_close(ctx);
    if (inited && ctx->def->fini)
        ctx->def->fini(ctx); /* after a failed init too: it may have half-allocated */
    if (ran)
        print_summary(ctx, seconds);
    if (ran && bench) {
        uint64_t bytes = 0;
        for (size_t t = 0; t < ctx->ntables; t++)
            bytes += ctx->tables[t].bytes_out;
        printf("bench: records=%" PRIu64 " seconds=%.3f records_per_s=%.0f bytes_out=%" PRIu64
               " state_keys=%zu state_bytes=%zu\n",
               bench_records, seconds, seconds > 0 ? (double)bench_records / seconds : 0.0,
               bytes, ctx->state_keys, ctx->state_bytes);
        fflush(stdout);
    }
    return status;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int sqlkc_rt_main(const sqlkc_rt_job_def_t *def, int argc, char **argv)
{
    const char *prog = def && def->name ? def->name : (argc > 0 ? base_name(argv[0]) : "job");
    if (!def || def->abi != SQLKC_RT_ABI) {
        fprintf(stderr,
                "%s: error: this job was generated for sqlkc runtime ABI %d, but is linked with "
                "runtime %s (ABI %d); regenerate it with the matching sqlkc and rebuild\n",
                prog, def ? def->abi : -1, SQLKC_RT_VERSION, SQLKC_RT_ABI);
        return 2;
    }

    sqlkc_rt_ctx_t *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return 2;
    ctx->def = def;
    ctx->prog = prog;
    int status;

    if (rt_cli_parse(&ctx->cli, argc, argv, prog, stderr) != 0) {
        rt_print_usage(stderr, prog);
        rt_cli_free(&ctx->cli);
        free(ctx);
        return 1;
    }
    if (ctx->cli.version) {
        rt_print_version(stdout, def);
        rt_cli_free(&ctx->cli);
        free(ctx);
        return 0;
    }

    ctx->ntables = def->ntables;
    ctx->tables = calloc(def->ntables ? def->ntables : 1, sizeof *ctx->tables);
    rt_opts_t *opts = calloc(def->ntables ? def->ntables : 1, sizeof *opts);
    int errors = rt_apply_overrides(def, &ctx->cli, opts, prog, stderr);
    errors += rt_check_bench_inputs(def, &ctx->cli, prog, stderr);
    for (size_t t = 0; t < def->ntables; t++) {
        ctx->tables[t].def = &def->tables[t];
        ctx->tables[t].opts = opts[t];
    }
    free(opts);

    if (ctx->cli.help) {
        rt_opts_t *eff = calloc(def->ntables ? def->ntables : 1, sizeof *eff);
        for (size_t t = 0; t < def->ntables; t++)
            eff[t] = ctx->tables[t].opts;
        rt_print_help(stdout, def, eff, prog);
        free(eff);
        status = errors ? 1 : 0;
    } else if (errors) {
        status = 1;
    } else {
        status = run(ctx);
    }

    for (size_t t = 0; t < ctx->ntables; t++)
        rt_opts_free(&ctx->tables[t].opts);
    free(ctx->tables);
    rt_arena_free(&ctx->scratch);
    rt_cli_free(&ctx->cli);
    free(ctx);
    return status;
}
