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
#include <unistd.h>

#include "ckpt_internal.h"
#include "internal.h"

/* Without SET execution.checkpointing.interval: Flink then commits through the
 * consumer's auto-commit, whose interval (auto.commit.interval.ms) is 5 s. */
#define RT_COMMIT_INTERVAL_MS 5000
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

/* Writes text to f as one line that a record's bytes inside it cannot
 * break or forge: controls (newlines, escapes), bytes that are not UTF-8
 * and the bidi controls that reorder a terminal's text are written as
 * \xNN or \uNNNN; printable UTF-8 of any script stays as it is. */
void rt_put_line(FILE *f, const char *prefix, const char *text)
{
    char out[4096];
    size_t k = 0;
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n && k + 12 < sizeof out;) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
        uint32_t cp = len == 1 ? c : len ? c & (0x7f >> len) : 0;
        for (size_t j = 1; len && j < len; j++) {
            if (i + j >= n || (s[i + j] & 0xc0) != 0x80) {
                len = 0;
                break;
            }
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if (len && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
                    (cp >= 0xd800 && cp < 0xe000)))
            len = 0;
        bool bidi = len > 1 && ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
                                cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029 ||
                                (cp >= 0x80 && cp < 0xa0));
        if (!len || (len == 1 && (c < 0x20 || c == 0x7f))) {
            k += (size_t)snprintf(out + k, sizeof out - k, "\\x%02X", c);
            i++;
        } else if (bidi) {
            k += (size_t)snprintf(out + k, sizeof out - k, "\\u%04X", (unsigned)cp);
            i += len;
        } else {
            memcpy(out + k, s + i, len);
            k += len;
            i += len;
        }
    }
    out[k] = 0;
    fprintf(f, "%s%s\n", prefix, out);
}

void sqlkc_rt_log(sqlkc_rt_ctx_t *ctx, const char *fmt, ...)
{
    char line[2048], prefix[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    snprintf(prefix, sizeof prefix, "%s: ", ctx->prog);
    rt_put_line(stderr, prefix, line);
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
    char prefix[300];
    snprintf(prefix, sizeof prefix, "%s: error: ", ctx->prog);
    rt_put_line(stderr, prefix, line);
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
    if (ctx->current_table >= ctx->ntables)
        return;
    rt_table_t *t = &ctx->tables[ctx->current_table];
    t->nskipped++;
    /* every skipped record is named, up to a limit, then only counted */
    if (t->nskipped <= 100) {
        char line[1400];
        snprintf(line, sizeof line, "%s: skipped a record of %s topic=%s partition=%" PRId32 " offset=%" PRId64 ": %s",
                 ctx->prog, t->def->name, m ? m->topic : "?", m ? m->partition : -1, m ? m->offset : -1, why);
        rt_put_line(stderr, "", line);
    }
    else if (t->nskipped == 101)
        fprintf(stderr, "%s: more records of %s are skipped; the count is in the summary\n", ctx->prog,
                t->def->name);
}

void sqlkc_rt_count(sqlkc_rt_ctx_t *ctx, int what)
{
    if (ctx->current_table >= ctx->ntables)
        return; /* a decoder called outside a record (tests, fuzzers) */
    rt_table_t *t = &ctx->tables[ctx->current_table];
    const sqlkc_rt_msg_t *m = ctx->current;
    bool *told = what == SQLKC_RT_COUNT_NULLED ? &t->nulled_told : &t->norow_told;
    if (what == SQLKC_RT_COUNT_NULLED)
        t->nnulled++;
    else
        t->nnorow++;
    if (*told)
        return;
    *told = true;
    char line[600];
    snprintf(line, sizeof line, "%s: %s topic=%s partition=%" PRId32 " offset=%" PRId64 ": %s (as in Flink); "
             "the summary counts the others", ctx->prog, t->def->name, m ? m->topic : "?", m ? m->partition : -1,
             m ? m->offset : -1,
             what == SQLKC_RT_COUNT_NULLED ? "a field that does not convert is NULL (ignore-parse-errors)"
                                           : "a null, empty or JSON null message gives no row");
    rt_put_line(stderr, "", line);
}

int rt_deliver(sqlkc_rt_ctx_t *ctx, size_t table, const sqlkc_rt_msg_t *msg)
{
    ctx->failed = false;
    ctx->current = msg;
    ctx->current_table = table;
    int rc = ctx->def->process(ctx, table, msg);
    ctx->current = NULL; /* msg is the caller's, and gone after this */
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

/* ---- checkpoints ---- */

static const char *setting(const sqlkc_rt_ctx_t *ctx, const char *key)
{
    return ctx->def->settings ? sqlkc_rt_kv_get(ctx->def->settings, ctx->def->nsettings, key) : NULL;
}

/* Where checkpoints go: --state-dir, the SET 'execution.checkpointing.dir'
 * (a path or a file:// URI; Flink 1.x's 'state.checkpoints.dir' is the same
 * key), systemd's $STATE_DIRECTORY/JOB, or JOB.checkpoints here. */
static char *state_dir(const sqlkc_rt_ctx_t *ctx)
{
    const char *dir = ctx->cli.state_dir;
    if (!dir)
        dir = setting(ctx, "execution.checkpointing.dir");
    if (dir) {
        if (strncmp(dir, "file://", 7) == 0)
            dir += 7;
        return strdup(dir);
    }
    const char *sd = getenv("STATE_DIRECTORY");
    size_t n = strlen(ctx->def->name) + 32 + (sd ? strlen(sd) : 0);
    char *p = malloc(n);
    if (!p)
        return NULL;
    if (sd && *sd) /* systemd: one or more ':'-separated directories, the first is ours */
        snprintf(p, n, "%.*s/%s", (int)strcspn(sd, ":"), sd, ctx->def->name);
    else
        snprintf(p, n, "%s.checkpoints", ctx->def->name);
    return p;
}

static bool allow_non_restored(const sqlkc_rt_ctx_t *ctx)
{
    /* Flink 1.x's key, and the one of 2.0 */
    const char *v = setting(ctx, "execution.state-recovery.ignore-unclaimed-state");
    if (!v)
        v = setting(ctx, "execution.savepoint.ignore-unclaimed-state");
    return ctx->cli.allow_non_restored || (v && strcasecmp(v, "true") == 0);
}

/* Matches the operators a checkpoint holds to the job's, as Flink matches a
 * savepoint's to a job's: an operator of the job the checkpoint has no
 * state for starts empty; state of another layout stops the job; state of
 * an operator the job no longer has stops it too, unless the job allows
 * non-restored state (then it is dropped). Fills ctx->restore_from;
 * returns 0 or -1 (reason in err). */
static int match_ops(sqlkc_rt_ctx_t *ctx, const rt_ckpt_info_t *info, char *err, size_t errcap)
{
    const sqlkc_rt_job_def_t *def = ctx->def;
    free(ctx->restore_from);
    ctx->restore_from = malloc((def->nstate_ops ? def->nstate_ops : 1) * sizeof *ctx->restore_from);
    if (!ctx->restore_from) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < def->nstate_ops; i++) {
        ctx->restore_from[i] = SIZE_MAX;
        for (size_t j = 0; j < info->nops; j++) {
            if (strcmp(info->ops[j].name, def->state_ops[i].name) != 0)
                continue;
            if (strcmp(info->ops[j].layout, def->state_ops[i].layout) != 0) {
                snprintf(err, errcap, "the state of %s changed: the checkpoint holds %s, this job keeps %s",
                         def->state_ops[i].name, info->ops[j].layout, def->state_ops[i].layout);
                return -1;
            }
            ctx->restore_from[i] = j;
        }
    }
    for (size_t j = 0; j < info->nops; j++) {
        bool used = false;
        for (size_t i = 0; i < def->nstate_ops && !used; i++)
            used = ctx->restore_from[i] == j;
        if (used)
            continue;
        if (!allow_non_restored(ctx)) {
            snprintf(err, errcap, "it holds the state of %s (%s), which this job does not have; "
                     "--allow-non-restored-state drops it", info->ops[j].name, info->ops[j].layout);
            return -1;
        }
        fprintf(stderr, "%s: warning: the checkpoint's state of %s is dropped: this job does not have it\n",
                ctx->prog, info->ops[j].name);
    }
    return 0;
}

/* Takes the state directory (created, locked, checkpoints cut off while
 * being written removed), finds the newest usable checkpoint and reads its
 * source positions into ctx->restored; the state is read after init
 * (restore_state). A damaged file is reported and the one before it tried;
 * a checkpoint whose state does not fit the job stops it (the SQL changed
 * what its operators keep). Returns 0 (*out NULL: start empty) or -1. */
static int restore_open(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t **out)
{
    *out = NULL;
    char err[1024];
    if (rt_mkdirs(ctx->state_dir) != 0) {
        rt_error(ctx, "cannot create the state directory %s: %s", ctx->state_dir, strerror(errno));
        return -1;
    }
    if ((ctx->state_lock = rt_ckpt_lock(ctx->state_dir, err, sizeof err)) < 0) {
        rt_error(ctx, "the state directory %s: %s; give each run its own --state-dir", ctx->state_dir, err);
        return -1;
    }
    size_t stale = rt_ckpt_clean_tmp(ctx->state_dir);
    if (stale)
        fprintf(stderr, "%s: removed %zu checkpoint%s cut off while being written from %s\n", ctx->prog, stale,
                stale == 1 ? "" : "s", ctx->state_dir);
    uint64_t *seqs = NULL;
    size_t n = 0;
    if (rt_ckpt_list(ctx->state_dir, &seqs, &n) != 0) {
        rt_error(ctx, "cannot read the state directory %s: %s", ctx->state_dir, strerror(errno));
        return -1;
    }
    if (ctx->cli.from_scratch) {
        for (size_t i = 0; i < n; i++) {
            char *path = rt_ckpt_path(ctx->state_dir, seqs[i]);
            if (unlink(path) != 0)
                rt_error(ctx, "--from-scratch: cannot remove %s: %s", path, strerror(errno));
            free(path);
        }
        if (n)
            fprintf(stderr, "%s: --from-scratch: removed %zu checkpoint%s from %s\n", ctx->prog, n,
                    n == 1 ? "" : "s", ctx->state_dir);
        free(seqs);
        ctx->ckpt_next = 1;
        return 0;
    }
    ctx->ckpt_next = n ? seqs[0] + 1 : 1;
    int rc = 0;
    size_t damaged = 0;
    for (size_t i = 0; i < n && !*out && rc == 0; i++) {
        char *path = rt_ckpt_path(ctx->state_dir, seqs[i]);
        rt_ckpt_info_t info;
        double t0 = now_s();
        sqlkc_rt_ckpt_t *c = rt_ckpt_open(path, err, sizeof err);
        int h = c ? rt_ckpt_read_header(c, &info, err, sizeof err) : -1;
        if (h == 0 && (info.seq != seqs[i] || rt_ckpt_read_positions(c, ctx->restored) != 0)) {
            snprintf(err, sizeof err, "its %s is malformed", info.seq != seqs[i] ? "number" : "list of positions");
            h = -1;
        }
        if (h == 0 && match_ops(ctx, &info, err, sizeof err) != 0) {
            rt_error(ctx, "checkpoint %s cannot be restored into this job: %s; start with --from-scratch to "
                     "discard it (the state is lost), or run the job that wrote it", path, err);
            rc = -1;
        } else if (h != 0) {
            rt_error(ctx, "checkpoint %s is not usable: %s%s", path, err,
                     i + 1 < n ? "; trying the one before it" : "");
            rt_ckpt_positions_free(ctx->restored);
            damaged++;
        } else {
            *out = c;
            c = NULL;
            ctx->restored_seq = seqs[i];
            ctx->restored_bytes = rt_ckpt_size(*out);
            ctx->restored_load_s = now_s() - t0;
        }
        rt_ckpt_close(c);
        free(path);
    }
    free(seqs);
    if (rc == 0 && damaged && !*out) {
        rt_error(ctx, "no checkpoint in %s is usable; start with --from-scratch to start with empty state",
                 ctx->state_dir);
        rc = -1;
    }
    return rc;
}

/* Reads the operators' state of the checkpoint opened by restore_open, each
 * operator's from where the index says it is. */
static int restore_state(sqlkc_rt_ctx_t *ctx, sqlkc_rt_ckpt_t *c)
{
    const sqlkc_rt_job_def_t *def = ctx->def;
    for (size_t i = 0; i < def->nstate_ops; i++) {
        const sqlkc_rt_state_op_t *op = &def->state_ops[i];
        if (ctx->restore_from[i] == SIZE_MAX) {
            fprintf(stderr, "%s: %s starts with empty state: the checkpoint has none for it\n", ctx->prog, op->name);
            continue;
        }
        ctx->failed = false;
        bool ok = rt_ckpt_enter_op(c, ctx->restore_from[i]) && op->restore(ctx, c) == SQLKC_RT_OK &&
                  rt_ckpt_op_consumed(c);
        rt_arena_reset(&ctx->scratch);
        if (!ok) {
            rt_error(ctx, "the checkpoint's state of %s is malformed%s%s; start with --from-scratch to discard it",
                     op->name, ctx->failed ? ": " : "", ctx->failed ? ctx->errmsg : "");
            return -1;
        }
    }
    return 0;
}

/* Writes a checkpoint: header, the sources' positions, every operator's
 * state; whole or not at all. Returns 0 or -1 (fatal, with the reason). */
static int write_checkpoint(sqlkc_rt_ctx_t *ctx)
{
    if (!ctx->state_dir)
        return 0;
    double t0 = now_s();
    char err[1024];
    sqlkc_rt_ckpt_t *c = rt_ckpt_create(ctx->state_dir, ctx->ckpt_next, ctx->def, err, sizeof err);
    if (!c) {
        rt_set_fatal(ctx, "checkpoint %" PRIu64 ": %s", ctx->ckpt_next, err);
        return -1;
    }
    rt_ckpt_positions_t pos = {0};
    rt_sources_positions(ctx, &pos);
    rt_ckpt_put_positions(c, &pos);
    rt_ckpt_positions_free(&pos);
    for (size_t i = 0; i < ctx->def->nstate_ops; i++) {
        const sqlkc_rt_state_op_t *op = &ctx->def->state_ops[i];
        ctx->failed = false;
        rt_ckpt_begin_op(c, i, op->name);
        if (op->snapshot(ctx, c) != SQLKC_RT_OK) {
            rt_ckpt_discard(c);
            rt_set_fatal(ctx, "checkpoint %" PRIu64 ": the state of %s: %s", ctx->ckpt_next, op->name,
                         ctx->failed ? ctx->errmsg : "failed");
            return -1;
        }
        rt_ckpt_end_op(c);
    }
    uint64_t bytes;
    if (rt_ckpt_finish(c, &bytes, err, sizeof err) != 0) {
        rt_set_fatal(ctx, "checkpoint %" PRIu64 ": %s", ctx->ckpt_next, err);
        return -1;
    }
    rt_ckpt_retain(ctx->state_dir, ctx->ckpt_keep);
    ctx->ckpt_next++;
    ctx->ckpt_count++;
    ctx->ckpt_bytes = bytes;
    ctx->ckpt_seconds = now_s() - t0;
    return 0;
}

/* Flush, checkpoint, then commit: neither the checkpoint's positions nor
 * the offsets committed run ahead of output that Kafka acknowledged. With
 * state false (a record failed after changing state) nothing is written:
 * the last checkpoint stays the one to restore. */
static int checkpoint(sqlkc_rt_ctx_t *ctx, bool final, bool state)
{
    if (job_flush(ctx, final ? SQLKC_RT_FLUSH_END : SQLKC_RT_FLUSH_CHECKPOINT) != 0)
        return -1;
    if (!ctx->null_sink && rt_sinks_flush(ctx) != 0)
        return -1;
    if (state && write_checkpoint(ctx) != 0)
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
            const rt_table_t *tb = &ctx->tables[t];
            if ((tb->nskipped || tb->nnulled || tb->nnorow) && len < sizeof line) {
                const char *sep = " (";
                if (tb->nskipped) {
                    len += (size_t)snprintf(line + len, sizeof line - len, "%s%" PRIu64 " skipped", sep,
                                            tb->nskipped);
                    sep = ", ";
                }
                if (tb->nnulled && len < sizeof line) {
                    len += (size_t)snprintf(line + len, sizeof line - len, "%s%" PRIu64 " field%s NULL", sep,
                                            tb->nnulled, tb->nnulled == 1 ? "" : "s");
                    sep = ", ";
                }
                if (tb->nnorow && len < sizeof line)
                    len += (size_t)snprintf(line + len, sizeof line - len, "%s%" PRIu64 " without a row", sep,
                                            tb->nnorow);
                if (len < sizeof line)
                    len += (size_t)snprintf(line + len, sizeof line - len, ")");
            }
            total += ctx->tables[t].nread;
        }
    }
    if (len < sizeof line)
        len += (size_t)snprintf(line + len, sizeof line - len, "; wrote");
    for (size_t t = 0; t < ctx->ntables && len < sizeof line; t++) {
        const rt_table_t *tb = &ctx->tables[t];
        if (!(tb->def->role & SQLKC_RT_ROLE_SINK))
            continue;
        /* what Kafka acknowledged; a benchmark's discarded records count as written */
        uint64_t done = ctx->null_sink ? tb->nwritten : tb->ndelivered;
        len += (size_t)snprintf(line + len, sizeof line - len, " %s=%" PRIu64, tb->def->name, done);
        if (tb->nwritten > done && len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, " (%" PRIu64 " more not acknowledged)",
                                    tb->nwritten - done);
    }
    if (len < sizeof line)
        len += (size_t)snprintf(line + len, sizeof line - len, "; %.3f s; %.0f records/s", seconds,
                                seconds > 0 ? (double)total / seconds : 0.0);
    if (ctx->ckpt_count && len < sizeof line)
        snprintf(line + len, sizeof line - len, "; %" PRIu64 " checkpoint%s, the last %" PRIu64 " bytes in %.3f s",
                 ctx->ckpt_count, ctx->ckpt_count == 1 ? "" : "s", ctx->ckpt_bytes, ctx->ckpt_seconds);
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
    ctx->ckpt_keep = 2;
    const char *keep = setting(ctx, "execution.checkpointing.num-retained");
    if (keep && atol(keep) > 0)
        ctx->ckpt_keep = (size_t)atol(keep);
    install_signals();

    sqlkc_rt_ckpt_t *restored = NULL;
    rt_ckpt_positions_t positions = {0};
    ctx->restored = &positions;
    if (!bench || ctx->cli.state_dir) { /* a benchmark checkpoints when given a --state-dir */
        ctx->state_dir = state_dir(ctx);
        if (!ctx->state_dir || restore_open(ctx, &restored) != 0) {
            status = 1;
            goto close;
        }
        if (!restored)
            fprintf(stderr, "%s: no checkpoint in %s: starting with empty state from the tables' "
                    "scan.startup.mode\n", ctx->prog, ctx->state_dir);
    }

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
    if (restored) {
        double r0 = now_s();
        if (restore_state(ctx, restored) != 0) {
            status = 1;
            goto close;
        }
        fprintf(stderr, "%s: restored checkpoint %" PRIu64 " from %s: %zu partition positions, %" PRIu64
                " bytes of state in %.3f s\n", ctx->prog, ctx->restored_seq, ctx->state_dir, positions.n,
                ctx->restored_bytes, now_s() - r0 + ctx->restored_load_s);
        rt_ckpt_close(restored);
        restored = NULL;
    }

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
                checkpoint(ctx, false, true);
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
        checkpoint(ctx, true, false);
    } else {
        ctx->failed = false;
        if (ctx->def->finish && ctx->def->finish(ctx) != SQLKC_RT_OK) {
            rt_error(ctx, "finish: %s", ctx->failed ? ctx->errmsg : "failed");
            status = 1;
            if (!ctx->null_sink)
                rt_sinks_flush(ctx);
        } else {
            rt_arena_reset(&ctx->scratch);
            if (checkpoint(ctx, true, true) != 0)
                status = 1;
        }
    }
    if (ctx->has_fatal)
        rt_error(ctx, "%s%s; offsets were not committed past the last successful flush",
                 ctx->fatal, ctx->more_fatal ? " (and more errors like it)" : "");

close:;
    rt_ckpt_close(restored);
    rt_ckpt_positions_free(&positions);
    ctx->restored = NULL;
    free(ctx->restore_from);
    ctx->restore_from = NULL;
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
    ctx->state_lock = -1;
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
    free(ctx->state_dir);
    if (ctx->state_lock >= 0)
        close(ctx->state_lock);
    free(ctx);
    return status;
}
