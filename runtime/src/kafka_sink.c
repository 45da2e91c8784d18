/* This file writes the job's sink tables to Kafka. Sinks whose client
 * settings (properties.*) are identical share one producer. Records are
 * partitioned like the Java client does (murmur2 of the key bytes) with
 * idempotence on, so that Flink, Kafka Streams and this job agree on where a
 * key lives and in which order its updates land. A failed delivery is fatal:
 * the job stops without committing the input that produced it.
 *
 * An upsert-kafka sink with 'sink.buffer-flush.max-rows' and '.interval'
 * reduces by key first, as Flink's ReducingUpsertWriter does: the last change
 * of each key is held (an insert then a delete leaves the tombstone) and
 * written when max-rows keys are held, when the interval has passed since the
 * last flush, before every offset commit and at the end of input (FLINK-31620). */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <librdkafka/rdkafka.h>

#include "internal.h"
#include "sqlkc/buf.h"
#include "sqlkc/options.h"
#include "sqlkc/state.h"

#define RT_FLUSH_SLICE_MS 1000

struct rt_producer {
    rd_kafka_t *rk;
    char *config_key; /* the sorted properties.* lines this producer was made from */
};

/* One held change: the last one of its key. */
typedef struct held {
    char *key, *value;
    size_t key_len, value_len;
    bool key_null, tombstone;
    int64_t timestamp;
    rd_kafka_headers_t *headers; /* NULL when none */
} held_t;

struct rt_sink {
    rt_table_t *t;
    rt_producer_t *prod;
    rd_kafka_topic_t *rkt;
    int32_t partition; /* RD_KAFKA_PARTITION_UA, or 0 for 'fixed' (one writer: subtask 0) */
    /* sink.buffer-flush.*: max_rows > 0 turns the reducing buffer on */
    long long max_rows, interval_ms;
    int64_t last_flush;
    sqlkc_rt_map_t *index; /* null flag + key bytes -> position + 1 in held */
    held_t *held;
    size_t nheld, capheld;
    sqlkc_rt_buf_t keybuf;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The producer-relevant settings of a table as one comparable string. */
static char *config_key(const rt_table_t *t)
{
    const char **lines = calloc(t->opts.n ? t->opts.n : 1, sizeof *lines);
    size_t n = 0, len = 1;
    for (size_t i = 0; i < t->opts.n; i++) {
        if (strncmp(t->opts.kv[i].key, "properties.", 11) == 0) {
            lines[n++] = t->opts.kv[i].key;
            len += strlen(t->opts.kv[i].key) + strlen(t->opts.kv[i].value) + 2;
        }
    }
    qsort(lines, n, sizeof *lines, cmp_str);
    char *key = malloc(len), *p = key;
    *p = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *v = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, lines[i]);
        p += sprintf(p, "%s=%s\n", lines[i], v);
    }
    free(lines);
    return key;
}

static void dr_msg_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    sqlkc_rt_ctx_t *ctx = opaque;
    rt_sink_t *sink = m->_private;
    (void)rk;
    if (!m->err) {
        if (sink)
            sink->t->ndelivered++;
        return;
    }
    rt_set_fatal(ctx, "table '%s': delivery to topic=%s partition=%" PRId32 " failed: %s",
                 sink ? sink->t->def->name : "?", m->rkt ? rd_kafka_topic_name(m->rkt) : "?",
                 m->partition, rd_kafka_err2str(m->err));
}

static rt_producer_t *create_producer(sqlkc_rt_ctx_t *ctx, rt_table_t *t, char *key)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512], client_id[512];

    rt_kafka_conf_callbacks(ctx, conf);
    rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
    snprintf(client_id, sizeof client_id, "sqlkc-%s-%s", ctx->def->name, t->def->name);
    /* Defaults that make librdkafka behave like the Java producer Flink
     * uses; properties.* may still override them. */
    if (rt_kafka_conf_set(ctx, conf, t, "client.id", client_id) ||
        rt_kafka_conf_set(ctx, conf, t, "partitioner", "murmur2_random") ||
        rt_kafka_conf_set(ctx, conf, t, "enable.idempotence", "true") ||
        rt_kafka_conf_apply_properties(ctx, conf, t, true)) {
        rd_kafka_conf_destroy(conf);
        free(key);
        return NULL;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        rt_error(ctx, "table '%s': cannot create a Kafka producer: %s", t->def->name, errstr);
        rd_kafka_conf_destroy(conf);
        free(key);
        return NULL;
    }
    rt_producer_t *prod = calloc(1, sizeof *prod);
    prod->rk = rk;
    prod->config_key = key;
    ctx->producers = realloc(ctx->producers, (ctx->nproducers + 1) * sizeof *ctx->producers);
    ctx->producers[ctx->nproducers++] = prod;
    return prod;
}

static int open_sink(sqlkc_rt_ctx_t *ctx, rt_table_t *t)
{
    const char *topic = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "topic");
    const char *part = rt_opt_or_default(&t->opts, "sink.partitioner");
    const char *dg = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "sink.delivery-guarantee");
    if (!dg)
        dg = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "sink.semantic");

    if (!topic || !*topic || strchr(topic, ';')) {
        rt_error(ctx, "table '%s': a sink needs exactly one 'topic'", t->def->name);
        return -1;
    }
    if (dg && !strcasecmp(dg, "exactly-once")) {
        rt_error(ctx, "table '%s': 'sink.delivery-guarantee' = 'exactly-once' (Kafka "
                 "transactions) is not supported yet; use 'at-least-once'",
                 t->def->name);
        return -1;
    }
    int32_t partition = RD_KAFKA_PARTITION_UA;
    if (part && !strcmp(part, "fixed")) {
        partition = 0; /* FlinkFixedPartitioner: partitions[subtask % n], one subtask */
    } else if (part && strcmp(part, "default") != 0 && strcmp(part, "round-robin") != 0) {
        rt_error(ctx, "table '%s': custom sink partitioner '%s' is not supported; use 'default', "
                 "'fixed' or 'round-robin'",
                 t->def->name, part);
        return -1;
    }

    char *key = config_key(t);
    rt_producer_t *prod = NULL;
    for (size_t i = 0; i < ctx->nproducers && !prod; i++)
        if (strcmp(ctx->producers[i]->config_key, key) == 0)
            prod = ctx->producers[i];
    if (prod)
        free(key);
    else if (!(prod = create_producer(ctx, t, key)))
        return -1;

    rt_sink_t *sink = calloc(1, sizeof *sink);
    sink->t = t;
    sink->prod = prod;
    sink->partition = partition;
    sink->rkt = rd_kafka_topic_new(prod->rk, topic, NULL);
    if (!sink->rkt) {
        rt_error(ctx, "table '%s': cannot use topic '%s': %s", t->def->name, topic,
                 rd_kafka_err2str(rd_kafka_last_error()));
        free(sink);
        return -1;
    }
    const char *rows = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "sink.buffer-flush.max-rows");
    const char *intv = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "sink.buffer-flush.interval");
    long long r = rows ? atoll(rows) : 0, ms = 0;
    if (intv && sqlkc_rt_parse_duration_ms(intv, &ms) != 0)
        ms = 0;
    if (!strcmp(t->def->connector, "upsert-kafka") && r > 0 && ms > 0) {
        sink->max_rows = r;
        sink->interval_ms = ms;
        sink->last_flush = rt_now_ms();
        sink->index = sqlkc_rt_map_new(sizeof(size_t));
    }
    t->sink = sink;
    return 0;
}

int rt_sinks_open(sqlkc_rt_ctx_t *ctx)
{
    for (size_t t = 0; t < ctx->ntables; t++)
        if ((ctx->tables[t].def->role & SQLKC_RT_ROLE_SINK) && open_sink(ctx, &ctx->tables[t]))
            return -1;
    return 0;
}

/* The record's headers for librdkafka, or NULL when there are none. */
static rd_kafka_headers_t *make_headers(const sqlkc_rt_header_t *headers, size_t n)
{
    if (n == 0)
        return NULL;
    rd_kafka_headers_t *h = rd_kafka_headers_new(n);
    for (size_t i = 0; i < n; i++)
        rd_kafka_header_add(h, headers[i].name, (ssize_t)headers[i].name_len, headers[i].value,
                            headers[i].value ? (ssize_t)headers[i].value_len : 0);
    return h;
}

/* Produces one record; hdrs (may be NULL) is consumed either way. */
static int produce(sqlkc_rt_ctx_t *ctx, rt_sink_t *sink, const void *key, size_t key_len,
                   const void *value, size_t value_len, int64_t timestamp, rd_kafka_headers_t *hdrs)
{
    sink->t->nwritten++;
    sink->t->bytes_out += (key ? key_len : 0) + (value ? value_len : 0);
    if (ctx->has_fatal) {
        if (hdrs)
            rd_kafka_headers_destroy(hdrs);
        return sqlkc_rt_fail(ctx, "%s", ctx->fatal);
    }
    for (;;) {
        /* NULL means null (a null key, a tombstone); a non-NULL pointer with
         * length 0 is an empty key or value, as librdkafka encodes it. On
         * success librdkafka owns the headers. */
        rd_kafka_resp_err_t err = rd_kafka_producev(
            sink->prod->rk, RD_KAFKA_V_RKT(sink->rkt), RD_KAFKA_V_PARTITION(sink->partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key ? key_len : 0),
            RD_KAFKA_V_VALUE((void *)value, value ? value_len : 0), RD_KAFKA_V_OPAQUE(sink),
            RD_KAFKA_V_TIMESTAMP(timestamp >= 0 ? timestamp : 0), RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END);
        if (!err)
            return SQLKC_RT_OK;
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            if (hdrs)
                rd_kafka_headers_destroy(hdrs);
            return sqlkc_rt_fail(ctx, "cannot produce to topic '%s' of table '%s': %s",
                                 rd_kafka_topic_name(sink->rkt), sink->t->def->name,
                                 rd_kafka_err2str(err));
        }
        /* Back-pressure: let deliveries drain the local queue. */
        rd_kafka_poll(sink->prod->rk, 1);
        if (ctx->has_fatal) {
            if (hdrs)
                rd_kafka_headers_destroy(hdrs);
            return sqlkc_rt_fail(ctx, "%s", ctx->fatal);
        }
    }
}

static char *dup_bytes(const void *p, size_t n)
{
    char *d = malloc(n ? n : 1);
    if (!d) {
        fputs("sqlkc runtime: out of memory buffering a sink record\n", stderr);
        abort();
    }
    if (n)
        memcpy(d, p, n);
    return d;
}

/* Writes what the buffer holds, in the order the keys first came in (Flink
 * iterates a HashMap: no order across keys is promised). */
static int drain(sqlkc_rt_ctx_t *ctx, rt_sink_t *sink)
{
    int rc = SQLKC_RT_OK;
    for (size_t i = 0; i < sink->nheld; i++) {
        held_t *h = &sink->held[i];
        if (rc == SQLKC_RT_OK)
            rc = produce(ctx, sink, h->key_null ? NULL : h->key, h->key_len, h->tombstone ? NULL : h->value,
                         h->value_len, h->timestamp, h->headers);
        else if (h->headers)
            rd_kafka_headers_destroy(h->headers);
        free(h->key);
        free(h->value);
    }
    sink->nheld = 0;
    sqlkc_rt_map_free(sink->index);
    sink->index = sqlkc_rt_map_new(sizeof(size_t));
    sink->last_flush = rt_now_ms();
    return rc;
}

int rt_sink_produce(sqlkc_rt_ctx_t *ctx, rt_sink_t *sink, const void *key, size_t key_len,
                    const void *value, size_t value_len, int64_t timestamp, const sqlkc_rt_header_t *headers,
                    size_t nheaders)
{
    if (!sink->max_rows)
        return produce(ctx, sink, key, key_len, value, value_len, timestamp, make_headers(headers, nheaders));
    sqlkc_rt_buf_t *kb = &sink->keybuf;
    sqlkc_rt_buf_reset(kb);
    sqlkc_rt_buf_putc(kb, key ? 1 : 0);
    if (key)
        sqlkc_rt_buf_put(kb, key, key_len);
    bool created;
    size_t *pos = sqlkc_rt_map_upsert(sink->index, kb->p, kb->len, &created);
    held_t *h;
    if (created) {
        if (sink->nheld == sink->capheld) {
            sink->capheld = sink->capheld ? sink->capheld * 2 : 64;
            sink->held = realloc(sink->held, sink->capheld * sizeof *sink->held);
            if (!sink->held) {
                fputs("sqlkc runtime: out of memory buffering a sink record\n", stderr);
                abort();
            }
        }
        *pos = ++sink->nheld;
        h = &sink->held[*pos - 1];
        h->key = dup_bytes(key, key ? key_len : 0);
        h->key_len = key ? key_len : 0;
        h->key_null = !key;
    } else {
        h = &sink->held[*pos - 1];
        free(h->value);
        if (h->headers)
            rd_kafka_headers_destroy(h->headers);
    }
    h->headers = make_headers(headers, nheaders);
    /* the later change replaces the earlier one */
    h->tombstone = !value;
    h->value = dup_bytes(value, value ? value_len : 0);
    h->value_len = value ? value_len : 0;
    h->timestamp = timestamp;
    if ((long long)sink->nheld >= sink->max_rows)
        return drain(ctx, sink);
    return SQLKC_RT_OK;
}

/* Writes what the buffered sinks hold; with due_only, only those whose
 * interval has passed since their last flush. A failed write is fatal. */
static void drain_buffers(sqlkc_rt_ctx_t *ctx, bool due_only)
{
    int64_t now = rt_now_ms();
    for (size_t t = 0; t < ctx->ntables; t++) {
        rt_sink_t *sink = ctx->tables[t].sink;
        if (!sink || !sink->max_rows || !sink->nheld || (due_only && now - sink->last_flush < sink->interval_ms))
            continue;
        if (drain(ctx, sink) != SQLKC_RT_OK && !ctx->has_fatal)
            rt_set_fatal(ctx, "table '%s': %s", sink->t->def->name, ctx->errmsg);
    }
}

void rt_sinks_poll(sqlkc_rt_ctx_t *ctx)
{
    drain_buffers(ctx, true);
    for (size_t i = 0; i < ctx->nproducers; i++)
        rd_kafka_poll(ctx->producers[i]->rk, 0);
}

int rt_sinks_flush(sqlkc_rt_ctx_t *ctx)
{
    drain_buffers(ctx, false);
    for (size_t i = 0; i < ctx->nproducers && !ctx->has_fatal; i++) {
        rd_kafka_t *rk = ctx->producers[i]->rk;
        /* No overall timeout: a record is either acknowledged or fails with
         * message.timeout.ms, and a failure is fatal. */
        while (rd_kafka_outq_len(rk) > 0 && !ctx->has_fatal)
            rd_kafka_flush(rk, RT_FLUSH_SLICE_MS);
        rd_kafka_poll(rk, 0);
    }
    return ctx->has_fatal ? -1 : 0;
}

void rt_sinks_close(sqlkc_rt_ctx_t *ctx)
{
    for (size_t t = 0; t < ctx->ntables; t++) {
        rt_sink_t *sink = ctx->tables[t].sink;
        if (!sink)
            continue;
        rd_kafka_topic_destroy(sink->rkt);
        for (size_t i = 0; i < sink->nheld; i++) {
            free(sink->held[i].key);
            free(sink->held[i].value);
            if (sink->held[i].headers)
                rd_kafka_headers_destroy(sink->held[i].headers);
        }
        free(sink->held);
        sqlkc_rt_map_free(sink->index);
        sqlkc_rt_buf_free(&sink->keybuf);
        free(sink);
        ctx->tables[t].sink = NULL;
    }
    for (size_t i = 0; i < ctx->nproducers; i++) {
        rt_producer_t *prod = ctx->producers[i];
        /* After a failure, drop what is queued rather than wait for it. */
        if (ctx->has_fatal || ctx->failed)
            rd_kafka_purge(prod->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_destroy(prod->rk);
        free(prod->config_key);
        free(prod);
    }
    free(ctx->producers);
    ctx->producers = NULL;
    ctx->nproducers = 0;
}
