/* This file reads the job's source tables from Kafka: one consumer per source
 * table, assigned (not subscribed) to every partition of the table's topics
 * with start offsets resolved up front as Flink's OffsetsInitializers do,
 * and stop offsets for scan.bounded.mode. The group id is used only to read
 * and commit offsets. A partition is done when its position reaches its stop
 * offset; the job ends when every partition of every source is done. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>

#include "ckpt_internal.h"
#include "internal.h"

#define RT_REQUEST_TIMEOUT_MS 30000 /* metadata, ListOffsets, OffsetFetch at startup */
#define RT_POLL_BATCH 10000         /* records per consumer before looking at timers */

/* Flink's KafkaPartitionSplit sentinels, accepted in specific offsets. */
#define FLINK_LATEST_OFFSET (-1)
#define FLINK_EARLIEST_OFFSET (-2)
#define FLINK_COMMITTED_OFFSET (-3)

typedef struct rt_part {
    int32_t partition;
    int64_t start;     /* first offset to read */
    int64_t stop;      /* first offset not to read; -1: unbounded */
    int64_t position;  /* next offset to read: last processed + 1, or start */
    int64_t committed; /* last committed position, -1 if none known */
    bool done;
} rt_part_t;

typedef struct rt_topic {
    char *name;
    rt_part_t *parts; /* sorted by partition id */
    int nparts;
    const rd_kafka_topic_t *rkt; /* librdkafka's handle, learnt from messages */
} rt_topic_t;

struct rt_source {
    size_t table;
    rt_table_t *t;
    rd_kafka_t *rk;
    rd_kafka_queue_t *queue; /* the consumer queue, signalling wake_fd */
    int wake_fd[2];
    rt_topic_t *topics;
    size_t ntopics;
    bool bounded;
    size_t active; /* partitions not done */
    char *group_id;
    bool commit_enabled;
};

/* How to find a start or stop offset (Flink's OffsetsInitializer kinds). */
enum pos_kind { POS_NONE, POS_EARLIEST, POS_LATEST, POS_COMMITTED, POS_TIMESTAMP, POS_SPECIFIC };

typedef struct pos_spec {
    enum pos_kind kind;
    int64_t ts;                  /* POS_TIMESTAMP */
    rt_offset_pair_t *pairs;     /* POS_SPECIFIC, for the first topic */
    size_t npairs;
    enum pos_kind reset;         /* without a committed offset: EARLIEST, LATEST or NONE */
    const char *what;            /* "start" or "stop", for messages */
} pos_spec_t;

/* ---- small helpers ---- */

static int cmp_part(const void *a, const void *b)
{
    int32_t x = ((const rt_part_t *)a)->partition, y = ((const rt_part_t *)b)->partition;
    return x < y ? -1 : x > y;
}

static rt_part_t *find_part(rt_topic_t *tp, int32_t partition)
{
    if (partition >= 0 && partition < tp->nparts && tp->parts[partition].partition == partition)
        return &tp->parts[partition];
    for (int i = 0; i < tp->nparts; i++)
        if (tp->parts[i].partition == partition)
            return &tp->parts[i];
    return NULL;
}

static rt_topic_t *find_topic(rt_source_t *src, const rd_kafka_topic_t *rkt)
{
    for (size_t i = 0; i < src->ntopics; i++)
        if (src->topics[i].rkt == rkt)
            return &src->topics[i];
    const char *name = rd_kafka_topic_name(rkt);
    for (size_t i = 0; i < src->ntopics; i++) {
        if (strcmp(src->topics[i].name, name) == 0) {
            src->topics[i].rkt = rkt;
            return &src->topics[i];
        }
    }
    return NULL;
}

static void part_done(rt_source_t *src, rt_topic_t *tp, rt_part_t *p)
{
    if (p->done)
        return;
    p->done = true;
    src->active--;
    /* Stop fetching what we will not deliver. */
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, tp->name, p->partition);
    rd_kafka_pause_partitions(src->rk, l);
    rd_kafka_topic_partition_list_destroy(l);
}

/* Flink's KafkaPropertiesUtil.getResetStrategy on properties.auto.offset.reset. */
static int reset_strategy(sqlkc_rt_ctx_t *ctx, rt_source_t *src, enum pos_kind *out)
{
    const char *v = sqlkc_rt_kv_get(src->t->opts.kv, src->t->opts.n, "properties.auto.offset.reset");
    if (!v || !strcasecmp(v, "none"))
        *out = POS_NONE;
    else if (!strcasecmp(v, "earliest"))
        *out = POS_EARLIEST;
    else if (!strcasecmp(v, "latest"))
        *out = POS_LATEST;
    else {
        rt_error(ctx, "table '%s': 'properties.auto.offset.reset' can not be set to '%s'. Valid "
                 "values: [latest,earliest,none]",
                 src->t->def->name, v);
        return -1;
    }
    return 0;
}

static const char *mode_of(rt_source_t *src, const char *key, const char *dflt)
{
    const char *v = rt_opt_or_default(&src->t->opts, key);
    return v ? v : dflt;
}

/* Reads scan.<which>.mode and its companion options into spec. */
static int read_spec(sqlkc_rt_ctx_t *ctx, rt_source_t *src, bool stop, pos_spec_t *spec)
{
    const char *which = stop ? "bounded" : "startup";
    char key[64];
    const char *mode;
    bool upsert = strcmp(src->t->def->connector, "upsert-kafka") == 0;

    memset(spec, 0, sizeof *spec);
    spec->what = stop ? "stop" : "start";
    if (!stop && upsert) {
        /* upsert-kafka always reads the whole changelog. */
        spec->kind = POS_EARLIEST;
        return 0;
    }
    snprintf(key, sizeof key, "scan.%s.mode", which);
    mode = mode_of(src, key, stop ? "unbounded" : "group-offsets");

    if (!strcasecmp(mode, "unbounded")) {
        spec->kind = POS_NONE;
    } else if (!strcasecmp(mode, "earliest-offset")) {
        spec->kind = POS_EARLIEST;
    } else if (!strcasecmp(mode, "latest-offset")) {
        spec->kind = POS_LATEST;
    } else if (!strcasecmp(mode, "group-offsets")) {
        spec->kind = POS_COMMITTED;
        /* Start: the user's reset strategy, default none. Stop: Flink's
         * committedOffsets() has none. */
        if (stop)
            spec->reset = POS_NONE;
        else if (reset_strategy(ctx, src, &spec->reset))
            return -1;
    } else if (!strcasecmp(mode, "timestamp")) {
        char *end;
        snprintf(key, sizeof key, "scan.%s.timestamp-millis", which);
        const char *v = sqlkc_rt_kv_get(src->t->opts.kv, src->t->opts.n, key);
        if (!v) {
            rt_error(ctx, "table '%s': '%s' is required in 'timestamp' %s mode but missing.",
                     src->t->def->name, key, which);
            return -1;
        }
        errno = 0;
        spec->ts = strtoll(v, &end, 10);
        if (errno || end == v || *end || spec->ts < 0) {
            rt_error(ctx, "table '%s': '%s' must be a timestamp in epoch milliseconds, got '%s'",
                     src->t->def->name, key, v);
            return -1;
        }
        spec->kind = POS_TIMESTAMP;
    } else if (!strcasecmp(mode, "specific-offsets")) {
        snprintf(key, sizeof key, "scan.%s.specific-offsets", which);
        const char *v = sqlkc_rt_kv_get(src->t->opts.kv, src->t->opts.n, key);
        if (!v) {
            rt_error(ctx, "table '%s': '%s' is required in 'specific-offsets' %s mode but missing.",
                     src->t->def->name, key, which);
            return -1;
        }
        if (rt_parse_specific_offsets(v, &spec->pairs, &spec->npairs) != 0) {
            rt_error(ctx,
                     "table '%s': Invalid properties '%s' should follow the format "
                     "'partition:0,offset:42;partition:1,offset:300', but is '%s'.",
                     src->t->def->name, key, v);
            return -1;
        }
        if (src->ntopics != 1) {
            rt_error(ctx, "table '%s': Currently Kafka source only supports specific offset for "
                     "single topic.",
                     src->t->def->name);
            return -1;
        }
        spec->kind = POS_SPECIFIC;
        /* SpecifiedOffsetsInitializer: unlisted partitions use the committed
         * offset, else the earliest. */
        spec->reset = POS_EARLIEST;
    } else {
        rt_error(ctx, "table '%s': unknown '%s' value '%s'", src->t->def->name, key, mode);
        return -1;
    }
    return 0;
}

/* ---- offset resolution ---- */

typedef struct flat_ref {
    rt_topic_t *tp;
    rt_part_t *p;
} flat_ref_t;

/* ListOffsets for each ref whose want[i] is a timestamp (or -1 latest, -2
 * earliest), results into got[i] (-1 when no record is that late). */
static int list_offsets(sqlkc_rt_ctx_t *ctx, rt_source_t *src, const flat_ref_t *refs, size_t n,
                        const bool *sel, const int64_t *want, int64_t *got)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)n);
    size_t *back = calloc(n ? n : 1, sizeof *back);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (!sel[i])
            continue;
        back[l->cnt] = i;
        rd_kafka_topic_partition_list_add(l, refs[i].tp->name, refs[i].p->partition)->offset =
            want[i];
    }
    if (l->cnt > 0) {
        rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(src->rk, l, RT_REQUEST_TIMEOUT_MS);
        if (err) {
            rt_error(ctx, "table '%s': cannot list offsets of its partitions: %s",
                     src->t->def->name, rd_kafka_err2str(err));
            rc = -1;
        }
        for (int j = 0; j < l->cnt && rc == 0; j++) {
            if (l->elems[j].err) {
                rt_error(ctx, "table '%s': cannot list offsets of topic=%s partition=%" PRId32
                         ": %s",
                         src->t->def->name, l->elems[j].topic, l->elems[j].partition,
                         rd_kafka_err2str(l->elems[j].err));
                rc = -1;
            } else {
                got[back[j]] = l->elems[j].offset;
            }
        }
    }
    rd_kafka_topic_partition_list_destroy(l);
    free(back);
    return rc;
}

/* Committed offsets of the selected refs into got[i] (-1 when none). */
static int committed_offsets(sqlkc_rt_ctx_t *ctx, rt_source_t *src, const flat_ref_t *refs,
                             size_t n, const bool *sel, int64_t *got)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)n);
    size_t *back = calloc(n ? n : 1, sizeof *back);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (!sel[i])
            continue;
        back[l->cnt] = i;
        rd_kafka_topic_partition_list_add(l, refs[i].tp->name, refs[i].p->partition);
    }
    if (l->cnt > 0) {
        rd_kafka_resp_err_t err = rd_kafka_committed(src->rk, l, RT_REQUEST_TIMEOUT_MS);
        if (err) {
            rt_error(ctx, "table '%s': cannot fetch the committed offsets of group '%s': %s",
                     src->t->def->name, src->group_id, rd_kafka_err2str(err));
            rc = -1;
        }
        for (int j = 0; j < l->cnt && rc == 0; j++) {
            if (l->elems[j].err) {
                rt_error(ctx, "table '%s': cannot fetch the committed offset of group '%s' for "
                         "topic=%s partition=%" PRId32 ": %s",
                         src->t->def->name, src->group_id, l->elems[j].topic,
                         l->elems[j].partition, rd_kafka_err2str(l->elems[j].err));
                rc = -1;
            } else {
                got[back[j]] = l->elems[j].offset >= 0 ? l->elems[j].offset : -1;
            }
        }
    }
    rd_kafka_topic_partition_list_destroy(l);
    free(back);
    return rc;
}

/* Resolves spec to a concrete offset per ref (out[i]); POS_NONE gives -1. */
static int resolve(sqlkc_rt_ctx_t *ctx, rt_source_t *src, const pos_spec_t *spec,
                   const flat_ref_t *refs, size_t n, int64_t *out)
{
    size_t sz = n ? n : 1;
    bool *need_committed = calloc(sz, sizeof(bool)), *need_list = calloc(sz, sizeof(bool));
    bool *need_end = calloc(sz, sizeof(bool));
    int64_t *want = calloc(sz, sizeof(int64_t)), *got = calloc(sz, sizeof(int64_t));
    int64_t *end = calloc(sz, sizeof(int64_t));
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        out[i] = -1;
        switch (spec->kind) {
        case POS_NONE:
            break;
        case POS_EARLIEST:
            need_list[i] = true, want[i] = RD_KAFKA_OFFSET_BEGINNING;
            break;
        case POS_LATEST:
            need_list[i] = true, want[i] = RD_KAFKA_OFFSET_END;
            break;
        case POS_COMMITTED:
            need_committed[i] = true;
            break;
        case POS_TIMESTAMP:
            need_list[i] = true, want[i] = spec->ts;
            need_end[i] = true;
            break;
        case POS_SPECIFIC: {
            bool listed = false;
            int64_t off = 0;
            for (size_t k = 0; refs[i].tp == &src->topics[0] && k < spec->npairs; k++)
                if (spec->pairs[k].partition == refs[i].p->partition)
                    listed = true, off = spec->pairs[k].offset; /* the last one wins */
            if (!listed || off == FLINK_COMMITTED_OFFSET)
                need_committed[i] = true;
            else if (off == FLINK_LATEST_OFFSET || off == FLINK_EARLIEST_OFFSET)
                need_list[i] = true, want[i] = off;
            else if (off < 0) {
                rt_error(ctx, "table '%s': specific %s offset %" PRId64 " of partition %" PRId32
                         " is negative",
                         src->t->def->name, spec->what, off, refs[i].p->partition);
                rc = -1;
            } else
                out[i] = off;
            break;
        }
        }
    }
    if (rc)
        goto out;

    /* Committed offsets first: what is missing falls back to the reset
     * strategy, which may need ListOffsets. */
    if (committed_offsets(ctx, src, refs, n, need_committed, got)) {
        rc = -1;
        goto out;
    }
    char missing[1024];
    size_t mlen = 0;
    missing[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!need_committed[i])
            continue;
        if (got[i] >= 0) {
            out[i] = got[i];
            continue;
        }
        if (spec->reset == POS_EARLIEST || spec->reset == POS_LATEST) {
            need_list[i] = true;
            want[i] = spec->reset == POS_EARLIEST ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
        } else if (mlen < sizeof missing) {
            mlen += (size_t)snprintf(missing + mlen, sizeof missing - mlen, "%s%s-%" PRId32,
                                     mlen ? ", " : "", refs[i].tp->name, refs[i].p->partition);
        }
    }
    if (missing[0]) {
        if (!strcmp(spec->what, "start"))
            rt_error(ctx,
                     "table '%s': group '%s' has no committed offset for [%s] and "
                     "'scan.startup.mode' is 'group-offsets' with no reset strategy "
                     "('properties.auto.offset.reset' defaults to 'none' in Flink); set "
                     "'properties.auto.offset.reset' to 'earliest' or 'latest', or choose "
                     "another 'scan.startup.mode'",
                     src->t->def->name, src->group_id, missing);
        else
            rt_error(ctx,
                     "table '%s': 'scan.bounded.mode' is 'group-offsets', but group '%s' has no "
                     "committed offset for [%s] to stop at",
                     src->t->def->name, src->group_id, missing);
        rc = -1;
        goto out;
    }

    /* TimestampOffsetsInitializer: end offsets first, so that a timestamp
     * beyond the last record resolves to the end as it was before the
     * lookup. */
    if (spec->kind == POS_TIMESTAMP) {
        int64_t *end_want = calloc(sz, sizeof(int64_t));
        for (size_t i = 0; i < n; i++)
            end_want[i] = RD_KAFKA_OFFSET_END;
        int r = list_offsets(ctx, src, refs, n, need_end, end_want, end);
        free(end_want);
        if (r) {
            rc = -1;
            goto out;
        }
    }
    if (list_offsets(ctx, src, refs, n, need_list, want, got)) {
        rc = -1;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        if (!need_list[i])
            continue;
        out[i] = got[i];
        if (out[i] < 0 && need_end[i])
            out[i] = end[i];
        if (out[i] < 0) {
            rt_error(ctx, "table '%s': no %s offset for topic=%s partition=%" PRId32,
                     src->t->def->name, spec->what, refs[i].tp->name, refs[i].p->partition);
            rc = -1;
        }
    }
out:
    free(need_committed);
    free(need_list);
    free(need_end);
    free(want);
    free(got);
    free(end);
    return rc;
}

/* ---- setup ---- */

static int fetch_partitions(sqlkc_rt_ctx_t *ctx, rt_source_t *src, rt_topic_t *tp)
{
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(src->rk, tp->name, NULL);
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;

    /* A topic that was just created may report no leader for a moment. */
    for (int attempt = 0; attempt < 20; attempt++) {
        if (md)
            rd_kafka_metadata_destroy(md), md = NULL;
        err = rd_kafka_metadata(src->rk, 0, rkt, &md, RT_REQUEST_TIMEOUT_MS);
        if (err)
            break;
        err = md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
        if (err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE || rt_stop_requested)
            break;
        usleep(250 * 1000);
    }
    rd_kafka_topic_destroy(rkt);
    if (err) {
        if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
            rt_error(ctx, "table '%s': topic '%s' does not exist", src->t->def->name, tp->name);
        else
            rt_error(ctx, "table '%s': cannot get the partitions of topic '%s': %s",
                     src->t->def->name, tp->name, rd_kafka_err2str(err));
        if (md)
            rd_kafka_metadata_destroy(md);
        return -1;
    }
    const struct rd_kafka_metadata_topic *mt = &md->topics[0];
    tp->nparts = mt->partition_cnt;
    tp->parts = calloc(mt->partition_cnt ? (size_t)mt->partition_cnt : 1, sizeof *tp->parts);
    for (int i = 0; i < mt->partition_cnt; i++) {
        tp->parts[i].partition = mt->partitions[i].id;
        tp->parts[i].stop = -1;
        tp->parts[i].committed = -1;
    }
    qsort(tp->parts, (size_t)tp->nparts, sizeof *tp->parts, cmp_part);
    rd_kafka_metadata_destroy(md);
    if (tp->nparts == 0) {
        rt_error(ctx, "table '%s': topic '%s' has no partitions", src->t->def->name, tp->name);
        return -1;
    }
    return 0;
}

static void offset_commit_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                             rd_kafka_topic_partition_list_t *offsets, void *opaque)
{
    sqlkc_rt_ctx_t *ctx = opaque;
    rt_source_t *src = NULL;
    for (size_t i = 0; i < ctx->nsources && !src; i++)
        if (ctx->sources[i]->rk == rk)
            src = ctx->sources[i];
    if (!src || !offsets)
        return;
    for (int i = 0; i < offsets->cnt; i++) {
        rd_kafka_resp_err_t e = err ? err : offsets->elems[i].err;
        if (!e)
            continue;
        /* Forget the optimistic "committed" so the next commit retries. */
        for (size_t t = 0; t < src->ntopics; t++) {
            if (strcmp(src->topics[t].name, offsets->elems[i].topic) != 0)
                continue;
            rt_part_t *p = find_part(&src->topics[t], offsets->elems[i].partition);
            if (p)
                p->committed = -1;
        }
        fprintf(stderr, "%s: warning: table '%s': committing offset %" PRId64
                " of topic=%s partition=%" PRId32 " for group '%s' failed: %s\n",
                ctx->prog, src->t->def->name, offsets->elems[i].offset, offsets->elems[i].topic,
                offsets->elems[i].partition, src->group_id, rd_kafka_err2str(e));
    }
}

static int create_consumer(sqlkc_rt_ctx_t *ctx, rt_source_t *src, const pos_spec_t *start)
{
    rt_table_t *t = src->t;
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512], client_id[512];
    const char *reset;

    rt_kafka_conf_callbacks(ctx, conf);
    rd_kafka_conf_set_offset_commit_cb(conf, offset_commit_cb);
    /* Java's default; librdkafka's is read_committed. The user may override. */
    if (rt_kafka_conf_set(ctx, conf, t, "isolation.level", "read_uncommitted"))
        goto fail;
    /* librdkafka 2.0 counts queued.min.messages over the whole consumer queue
     * and, once over it, stops fetching every partition for a hard-coded
     * second (issue #2879); a job that does real work per record hits that
     * all the time. The prefetch stays bounded by queued.max.messages.kbytes.
     * The user may override both. */
    if (rt_kafka_conf_set(ctx, conf, t, "queued.min.messages", "10000000"))
        goto fail;
    if (rt_kafka_conf_apply_properties(ctx, conf, t, false))
        goto fail;

    const char *prefix = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "properties.client.id.prefix");
    snprintf(client_id, sizeof client_id, "%s-%s", prefix ? prefix : src->group_id, t->def->name);
    if (!sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "properties.client.id") &&
        rt_kafka_conf_set(ctx, conf, t, "client.id", client_id))
        goto fail;

    /* What the job relies on, whatever the properties say: offsets are
     * committed by the job after its output is flushed, never by the
     * client; end of partition is reported for bounded reading. */
    switch (start->kind == POS_COMMITTED || start->kind == POS_SPECIFIC ? start->reset
                                                                         : start->kind) {
    case POS_EARLIEST:
        reset = "earliest";
        break;
    case POS_LATEST:
    case POS_TIMESTAMP: /* TimestampOffsetsInitializer: LATEST */
        reset = "latest";
        break;
    default:
        reset = "error"; /* Java's none */
        break;
    }
    if (rt_kafka_conf_set(ctx, conf, t, "group.id", src->group_id) ||
        rt_kafka_conf_set(ctx, conf, t, "enable.auto.commit", "false") ||
        rt_kafka_conf_set(ctx, conf, t, "enable.auto.offset.store", "false") ||
        rt_kafka_conf_set(ctx, conf, t, "auto.offset.reset", reset) ||
        rt_kafka_conf_set(ctx, conf, t, "enable.partition.eof", src->bounded ? "true" : "false"))
        goto fail;

    src->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!src->rk) {
        rt_error(ctx, "table '%s': cannot create a Kafka consumer: %s", t->def->name, errstr);
        goto fail; /* rd_kafka_new takes conf only on success */
    }
    /* Everything (errors, logs, commit results) is then served by
     * rd_kafka_consumer_poll on the main thread. */
    rd_kafka_poll_set_consumer(src->rk);
    return 0;
fail:
    rd_kafka_conf_destroy(conf);
    return -1;
}

/* How checkpoints name a source: its table's name, and "#2", "#3" ... for
 * a later table of the same name (a table read with OPTIONS hints). */
static void source_key(const sqlkc_rt_ctx_t *ctx, size_t table, char *out, size_t cap)
{
    int k = 1;
    for (size_t u = 0; u < table; u++)
        k += strcmp(ctx->tables[u].def->name, ctx->tables[table].def->name) == 0;
    if (k == 1)
        snprintf(out, cap, "%s", ctx->tables[table].def->name);
    else
        snprintf(out, cap, "%s#%d", ctx->tables[table].def->name, k);
}

/* The restored position of a partition of this source, or -1. */
static int64_t restored_position(const sqlkc_rt_ctx_t *ctx, const char *key, const char *topic, int32_t partition)
{
    const rt_ckpt_positions_t *r = ctx->restored;
    for (size_t i = 0; r && i < r->n; i++)
        if (r->parts[i].partition == partition && strcmp(r->parts[i].table, key) == 0 &&
            strcmp(r->parts[i].topic, topic) == 0)
            return r->parts[i].position;
    return -1;
}

/* Positions the checkpoint holds for topics this table no longer reads (its
 * 'topic' changed, by the DDL or --set) are dropped, as Flink's KafkaSource
 * drops the splits of topics it is no longer subscribed to; say so, since the
 * restored state then counts records the new topic will not replay. */
static void warn_dropped_positions(const sqlkc_rt_ctx_t *ctx, const rt_source_t *src, const char *key)
{
    const rt_ckpt_positions_t *r = ctx->restored;
    for (size_t i = 0; r && i < r->n; i++) {
        if (strcmp(r->parts[i].table, key) != 0)
            continue;
        bool known = false;
        for (size_t j = 0; j < src->ntopics && !known; j++)
            known = strcmp(src->topics[j].name, r->parts[i].topic) == 0;
        bool first = true;
        for (size_t j = 0; j < i && first; j++)
            first = strcmp(r->parts[j].table, key) != 0 || strcmp(r->parts[j].topic, r->parts[i].topic) != 0;
        if (!known && first)
            fprintf(stderr,
                    "%s: warning: table '%s': the checkpoint has positions in topic '%s', which "
                    "the table no longer reads; they are dropped (the restored state keeps what "
                    "it counted from that topic; use --from-scratch to start over)\n",
                    ctx->prog, src->t->def->name, r->parts[i].topic);
    }
}

static int open_source(sqlkc_rt_ctx_t *ctx, size_t table)
{
    rt_table_t *t = &ctx->tables[table];
    rt_source_t *src = calloc(1, sizeof *src);
    pos_spec_t start = {0}, stop = {0};
    char **names = NULL;
    int rc = -1;

    src->table = table;
    src->t = t;
    src->wake_fd[0] = src->wake_fd[1] = -1;
    t->source = src;
    ctx->sources = realloc(ctx->sources, (ctx->nsources + 1) * sizeof *ctx->sources);
    ctx->sources[ctx->nsources++] = src;

    if (sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "topic-pattern")) {
        rt_error(ctx, "table '%s': 'topic-pattern' is not supported yet; list the topics in "
                 "'topic' (separated by ';')",
                 t->def->name);
        return -1;
    }
    const char *topic = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "topic");
    src->ntopics = topic ? rt_split_list(topic, &names) : 0;
    if (src->ntopics == 0) {
        rt_error(ctx, "table '%s': no topic to read", t->def->name);
        return -1;
    }
    src->topics = calloc(src->ntopics, sizeof *src->topics);
    for (size_t i = 0; i < src->ntopics; i++)
        src->topics[i].name = names[i];
    free(names);

    const char *group = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "properties.group.id");
    if (group && *group) {
        src->group_id = strdup(group);
    } else {
        size_t n = strlen(ctx->def->name) + 7;
        src->group_id = malloc(n);
        snprintf(src->group_id, n, "sqlkc-%s", ctx->def->name);
    }
    const char *coc = sqlkc_rt_kv_get(t->opts.kv, t->opts.n, "properties.commit.offsets.on.checkpoint");
    src->commit_enabled = !coc || strcasecmp(coc, "false") != 0;

    if (read_spec(ctx, src, false, &start) || read_spec(ctx, src, true, &stop))
        goto out;
    src->bounded = stop.kind != POS_NONE;
    if (create_consumer(ctx, src, &start))
        goto out;

    size_t n = 0;
    for (size_t i = 0; i < src->ntopics; i++) {
        if (fetch_partitions(ctx, src, &src->topics[i]))
            goto out;
        n += (size_t)src->topics[i].nparts;
    }
    flat_ref_t *refs = calloc(n, sizeof *refs);
    int64_t *starts = calloc(n, sizeof *starts), *stops = calloc(n, sizeof *stops);
    size_t k = 0;
    for (size_t i = 0; i < src->ntopics; i++)
        for (int j = 0; j < src->topics[i].nparts; j++)
            refs[k++] = (flat_ref_t){&src->topics[i], &src->topics[i].parts[j]};
    /* A restored checkpoint gives the start of the partitions it knows (a
     * new partition starts as the startup mode says, as Flink's restored
     * KafkaSource starts newly discovered ones). */
    char key[512];
    source_key(ctx, table, key, sizeof key);
    size_t nrestored = 0;
    for (size_t i = 0; i < n; i++)
        nrestored += restored_position(ctx, key, refs[i].tp->name, refs[i].p->partition) >= 0;
    warn_dropped_positions(ctx, src, key);
    int r = nrestored == n && n > 0 ? 0 : resolve(ctx, src, &start, refs, n, starts);
    for (size_t i = 0; r == 0 && i < n; i++) {
        int64_t pos = restored_position(ctx, key, refs[i].tp->name, refs[i].p->partition);
        if (pos >= 0)
            starts[i] = pos;
    }
    if (r == 0)
        r = resolve(ctx, src, &stop, refs, n, stops);
    if (r == 0) {
        rd_kafka_topic_partition_list_t *assign = rd_kafka_topic_partition_list_new((int)n);
        for (size_t i = 0; i < n; i++) {
            rt_part_t *p = refs[i].p;
            p->start = p->position = starts[i];
            p->stop = stops[i];
            if (start.kind == POS_COMMITTED && starts[i] >= 0 && !nrestored)
                p->committed = starts[i]; /* nothing to commit until it moves */
            if (p->stop >= 0 && p->start >= p->stop) {
                p->done = true;
                continue;
            }
            src->active++;
            rd_kafka_topic_partition_list_add(assign, refs[i].tp->name, p->partition)->offset =
                p->start;
        }
        if (assign->cnt > 0) {
            rd_kafka_resp_err_t err = rd_kafka_assign(src->rk, assign);
            if (err) {
                rt_error(ctx, "table '%s': cannot assign its partitions: %s", t->def->name,
                         rd_kafka_err2str(err));
                r = -1;
            }
        }
        rd_kafka_topic_partition_list_destroy(assign);
    }
    free(refs);
    free(starts);
    free(stops);
    if (r)
        goto out;

    /* Wake the main loop when records arrive, whichever consumer has them. */
    if (pipe2(src->wake_fd, O_NONBLOCK | O_CLOEXEC) != 0) {
        rt_error(ctx, "pipe: %s", strerror(errno));
        goto out;
    }
    src->queue = rd_kafka_queue_get_consumer(src->rk);
    rd_kafka_queue_io_event_enable(src->queue, src->wake_fd[1], "1", 1);
    rc = 0;
out:
    free(start.pairs);
    free(stop.pairs);
    return rc;
}

void rt_sources_positions(sqlkc_rt_ctx_t *ctx, rt_ckpt_positions_t *out)
{
    size_t n = 0;
    for (size_t s = 0; s < ctx->nsources; s++)
        for (size_t i = 0; i < ctx->sources[s]->ntopics; i++)
            n += (size_t)ctx->sources[s]->topics[i].nparts;
    out->parts = calloc(n ? n : 1, sizeof *out->parts);
    out->n = 0;
    for (size_t s = 0; out->parts && s < ctx->nsources; s++) {
        rt_source_t *src = ctx->sources[s];
        char key[512];
        source_key(ctx, src->table, key, sizeof key);
        for (size_t i = 0; i < src->ntopics; i++)
            for (int j = 0; j < src->topics[i].nparts; j++) {
                rt_ckpt_part_t *p = &out->parts[out->n++];
                p->table = strdup(key);
                p->topic = strdup(src->topics[i].name);
                p->partition = src->topics[i].parts[j].partition;
                p->position = src->topics[i].parts[j].position;
            }
    }
}

int rt_sources_open(sqlkc_rt_ctx_t *ctx)
{
    for (size_t t = 0; t < ctx->ntables; t++)
        if ((ctx->tables[t].def->role & SQLKC_RT_ROLE_SOURCE) && open_source(ctx, t) != 0)
            return -1;
    return 0;
}

/* ---- the loop ---- */

static bool fatal_consumer_error(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
        return true;
    default:
        return false;
    }
}

/* Handles one consumer event. Returns 0, or -1 when process() failed. */
static int handle(sqlkc_rt_ctx_t *ctx, rt_source_t *src, rd_kafka_message_t *m)
{
    rt_topic_t *tp = m->rkt ? find_topic(src, m->rkt) : NULL;
    rt_part_t *p = tp ? find_part(tp, m->partition) : NULL;

    if (m->err) {
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            /* The position reached the end of the log: done if that is at
             * or beyond the stop offset (gaps from compaction or
             * transaction markers mean no record may sit at stop - 1). */
            if (p && !p->done && p->stop >= 0 && m->offset >= p->stop)
                part_done(src, tp, p);
            return 0;
        }
        if (fatal_consumer_error(m->err))
            rt_set_fatal(ctx, "table '%s' topic=%s partition=%" PRId32 ": %s", src->t->def->name,
                         tp ? tp->name : "?", m->partition, rd_kafka_message_errstr(m));
        else
            fprintf(stderr, "%s: kafka: warning: table '%s': %s\n", ctx->prog,
                    src->t->def->name, rd_kafka_message_errstr(m));
        return 0;
    }
    if (!p || p->done)
        return 0;
    if (p->stop >= 0 && m->offset >= p->stop) {
        part_done(src, tp, p);
        return 0;
    }

    rd_kafka_timestamp_type_t tstype;
    int64_t ts = rd_kafka_message_timestamp(m, &tstype);
    sqlkc_rt_msg_t msg = {
        .topic = tp->name,
        .partition = m->partition,
        .offset = m->offset,
        .timestamp = ts,
        .timestamp_type = (int)tstype,
#if RD_KAFKA_VERSION >= 0x020100ff
        .leader_epoch = rd_kafka_message_leader_epoch(m),
#else
        .leader_epoch = -1,
#endif
        .key = m->key,
        .key_len = m->key ? m->key_len : 0,
        .value = m->payload,
        .value_len = m->payload ? m->len : 0,
        .native = m,
    };
    if (rt_deliver(ctx, src->table, &msg) != SQLKC_RT_OK)
        return -1;
    p->position = m->offset + 1;
    if (p->stop >= 0 && p->position >= p->stop)
        part_done(src, tp, p);
    return 0;
}

static void drain_wake(rt_source_t *src)
{
    char buf[256];
    while (src->wake_fd[0] >= 0 && read(src->wake_fd[0], buf, sizeof buf) > 0)
        ;
}

int rt_sources_poll(sqlkc_rt_ctx_t *ctx, int timeout_ms)
{
    bool got = false, more = false;

    for (size_t s = 0; s < ctx->nsources; s++) {
        rt_source_t *src = ctx->sources[s];
        /* Done sources are polled too: that serves their callbacks (commit
         * results, errors); records of done partitions are dropped. */
        drain_wake(src);
        /* Messages come in batches from the consumer queue: one lock per
         * batch instead of one per message. Non-message events (errors,
         * commit results) are served by the same call. */
        for (int k = 0; k < RT_POLL_BATCH;) {
            rd_kafka_message_t *batch[256];
            ssize_t n = src->queue ? rd_kafka_consume_batch_queue(src->queue, 0, batch, 256) : 0;
            if (n <= 0) {
                /* nothing queued, or no queue: poll once for callbacks */
                rd_kafka_message_t *m = rd_kafka_consumer_poll(src->rk, 0);
                if (!m)
                    break;
                batch[0] = m;
                n = 1;
            }
            got = true;
            int r = 0;
            ssize_t i = 0;
            while (i < n) {
                r = handle(ctx, src, batch[i]);
                rd_kafka_message_destroy(batch[i]);
                i++;
                if (r < 0 || ctx->has_fatal || rt_stop_requested)
                    break;
            }
            /* the rest is dropped: the job stops, and nothing past the last
             * handled record is committed, so it is read again on restart */
            for (; i < n; i++)
                rd_kafka_message_destroy(batch[i]);
            if (r < 0)
                return -1;
            if (ctx->has_fatal || rt_stop_requested)
                break;
            k += (int)n;
        }
        if (!src->bounded || src->active > 0)
            more = true;
    }
    if (!more)
        return 0;
    if (!got && timeout_ms > 0 && !ctx->has_fatal) {
        struct pollfd fds[64];
        nfds_t nfds = 0;
        for (size_t s = 0; s < ctx->nsources && nfds < 64; s++)
            if (ctx->sources[s]->wake_fd[0] >= 0)
                fds[nfds++] = (struct pollfd){ctx->sources[s]->wake_fd[0], POLLIN, 0};
        poll(fds, nfds, timeout_ms);
    }
    return 1;
}

int rt_sources_commit(sqlkc_rt_ctx_t *ctx, bool sync)
{
    int rc = 0;
    for (size_t s = 0; s < ctx->nsources; s++) {
        rt_source_t *src = ctx->sources[s];
        if (!src->commit_enabled || !src->rk)
            continue;
        rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(8);
        for (size_t i = 0; i < src->ntopics; i++) {
            rt_topic_t *tp = &src->topics[i];
            for (int j = 0; j < tp->nparts; j++) {
                rt_part_t *p = &tp->parts[j];
                if (p->position >= 0 && p->position != p->committed)
                    rd_kafka_topic_partition_list_add(l, tp->name, p->partition)->offset =
                        p->position;
            }
        }
        if (l->cnt > 0) {
            rd_kafka_resp_err_t err = rd_kafka_commit(src->rk, l, sync ? 0 : 1);
            if (err) {
                fprintf(stderr, "%s: %s: table '%s': committing offsets for group '%s' failed: %s\n",
                        ctx->prog, sync ? "error" : "warning", src->t->def->name, src->group_id,
                        rd_kafka_err2str(err));
                if (sync)
                    rc = -1;
            } else {
                /* Async results come back through offset_commit_cb, which
                 * undoes this on failure. */
                for (int k = 0; k < l->cnt; k++) {
                    if (sync && l->elems[k].err)
                        continue;
                    for (size_t i = 0; i < src->ntopics; i++) {
                        if (strcmp(src->topics[i].name, l->elems[k].topic) != 0)
                            continue;
                        rt_part_t *p = find_part(&src->topics[i], l->elems[k].partition);
                        if (p)
                            p->committed = l->elems[k].offset;
                    }
                }
            }
        }
        rd_kafka_topic_partition_list_destroy(l);
    }
    return rc;
}

void rt_sources_close(sqlkc_rt_ctx_t *ctx)
{
    /* Closing serves pending callbacks (offset_commit_cb looks at every
     * source), so close all consumers before freeing any source. */
    for (size_t s = 0; s < ctx->nsources; s++) {
        rt_source_t *src = ctx->sources[s];
        if (src->queue) {
            rd_kafka_queue_io_event_enable(src->queue, -1, NULL, 0);
            rd_kafka_queue_destroy(src->queue);
            src->queue = NULL;
        }
        if (src->rk)
            rd_kafka_consumer_close(src->rk);
    }
    for (size_t s = 0; s < ctx->nsources; s++) {
        rt_source_t *src = ctx->sources[s];
        if (src->rk)
            rd_kafka_destroy(src->rk);
        for (int i = 0; i < 2; i++)
            if (src->wake_fd[i] >= 0)
                close(src->wake_fd[i]);
        for (size_t i = 0; i < src->ntopics; i++) {
            free(src->topics[i].name);
            free(src->topics[i].parts);
        }
        free(src->topics);
        free(src->group_id);
        src->t->source = NULL;
        free(src);
    }
    free(ctx->sources);
    ctx->sources = NULL;
    ctx->nsources = 0;
}

const sqlkc_rt_header_t *sqlkc_rt_msg_headers(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_msg_t *msg, size_t *n)
{
    *n = 0;
    rd_kafka_headers_t *hdrs = NULL;
    if (!msg->native || rd_kafka_message_headers((const rd_kafka_message_t *)msg->native, &hdrs) != 0 || !hdrs)
        return NULL;
    size_t count = rd_kafka_header_cnt(hdrs);
    if (count == 0)
        return NULL;
    sqlkc_rt_header_t *out = sqlkc_rt_scratch(ctx, sizeof *out * count);
    const char *name;
    const void *value;
    size_t size;
    for (size_t i = 0; i < count && rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == 0; i++) {
        out[i] = (sqlkc_rt_header_t){name, strlen(name), value, value ? size : 0};
        *n = i + 1;
    }
    return out;
}
