/* This file is the Kafka ceiling of bench/pageviews: a bare librdkafka
 * consumer that reads a whole topic and does nothing with the records. Like
 * a bounded sqlkc job (scan.startup.mode=earliest-offset,
 * scan.bounded.mode=latest-offset) it looks up the topic's partitions and
 * their high watermarks first, assigns every partition from its beginning,
 * reads with rd_kafka_consumer_poll until each partition reaches the high
 * watermark seen at start, and exits. It counts records and value bytes and
 * processes nothing; it does not commit offsets.
 *
 * With RAW_PIPE_TO=TOPIC in the environment it also produces every record
 * (key and value as read) to that topic with the job's producer settings
 * (idempotence, murmur2), and waits for the deliveries: the Kafka ceiling of
 * a job that writes one record per record it reads.
 *
 * usage: raw_consumer BOOTSTRAP TOPIC [-X PROPERTY=VALUE]...
 * (-X: extra librdkafka properties, e.g. the ones a run also gives the job
 * with --set TABLE.properties.PROPERTY=VALUE)
 * prints: raw: records=N bytes=B seconds=S records_per_s=R partitions=P low_sum=L
 *              stalls=K stalled_s=T
 * (seconds from creating the client to its destruction; low_sum > 0 means
 * the broker dropped the start of some partition; stalls: waits of more than
 * 50 ms for the next message, e.g. librdkafka's 1 s fetch backoff once
 * queued.min.messages are queued.) */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <librdkafka/rdkafka.h>

#define TIMEOUT_MS 30000

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int set(rd_kafka_conf_t *conf, const char *key, const char *value) {
    char errstr[512];
    if (rd_kafka_conf_set(conf, key, value, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "raw_consumer: %s: %s\n", key, errstr);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc % 2 == 0) {
        fputs("usage: raw_consumer BOOTSTRAP TOPIC [-X PROPERTY=VALUE]...\n", stderr);
        return 1;
    }
    const char *topic = argv[2];
    char errstr[512];
    double t0 = now_s();

    /* The consumer settings the job's source uses (runtime/src/kafka_source.c);
     * everything else is librdkafka's default, as in the job. */
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (set(conf, "bootstrap.servers", argv[1]) || set(conf, "group.id", "sqlkc-bench-raw") ||
        set(conf, "client.id", "sqlkc-bench-raw") || set(conf, "enable.auto.commit", "false") ||
        set(conf, "enable.auto.offset.store", "false") ||
        set(conf, "queued.min.messages", "10000000") ||
        set(conf, "auto.offset.reset", "earliest") ||
        set(conf, "isolation.level", "read_uncommitted") ||
        set(conf, "enable.partition.eof", "true")) {
        rd_kafka_conf_destroy(conf);
        return 1;
    }
    for (int i = 3; i + 1 < argc; i += 2) {
        char *eq = strchr(argv[i + 1], '=');
        if (strcmp(argv[i], "-X") != 0 || !eq || eq == argv[i + 1]) {
            fprintf(stderr, "raw_consumer: expected -X PROPERTY=VALUE, got '%s %s'\n", argv[i],
                    argv[i + 1]);
            rd_kafka_conf_destroy(conf);
            return 1;
        }
        *eq = '\0';
        if (set(conf, argv[i + 1], eq + 1)) {
            rd_kafka_conf_destroy(conf);
            return 1;
        }
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "raw_consumer: %s\n", errstr);
        rd_kafka_conf_destroy(conf);
        return 1;
    }
    rd_kafka_poll_set_consumer(rk);

    /* partitions and their watermarks */
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    const rd_kafka_metadata_t *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, TIMEOUT_MS);
    if (err || md->topic_cnt != 1 || md->topics[0].err || md->topics[0].partition_cnt == 0) {
        fprintf(stderr, "raw_consumer: no metadata for topic '%s': %s\n", topic,
                rd_kafka_err2str(err             ? err
                                 : md->topic_cnt ? md->topics[0].err
                                                 : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC));
        if (md)
            rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
        return 1;
    }
    int nparts = md->topics[0].partition_cnt;
    int32_t max_id = 0;
    for (int i = 0; i < nparts; i++)
        if (md->topics[0].partitions[i].id > max_id)
            max_id = md->topics[0].partitions[i].id;
    int64_t *high = calloc((size_t)max_id + 1, sizeof *high);
    bool *done = calloc((size_t)max_id + 1, sizeof *done);
    int64_t low_sum = 0, expected = 0;
    int active = 0;
    rd_kafka_topic_partition_list_t *assign = rd_kafka_topic_partition_list_new(nparts);
    for (int i = 0; i < nparts; i++) {
        int32_t id = md->topics[0].partitions[i].id;
        int64_t lo, hi;
        err = rd_kafka_query_watermark_offsets(rk, topic, id, &lo, &hi, TIMEOUT_MS);
        if (err) {
            fprintf(stderr, "raw_consumer: watermarks of partition %" PRId32 ": %s\n", id,
                    rd_kafka_err2str(err));
            return 1;
        }
        high[id] = hi;
        low_sum += lo;
        expected += hi - lo;
        if (hi <= lo) {
            done[id] = true;
            continue;
        }
        active++;
        rd_kafka_topic_partition_list_add(assign, topic, id)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    if (assign->cnt > 0 && (err = rd_kafka_assign(rk, assign))) {
        fprintf(stderr, "raw_consumer: assign: %s\n", rd_kafka_err2str(err));
        return 1;
    }
    rd_kafka_topic_partition_list_destroy(assign);

    /* the pipe's producer, as runtime/src/kafka_sink.c configures the job's */
    const char *pipe_to = getenv("RAW_PIPE_TO");
    rd_kafka_t *prod = NULL;
    rd_kafka_topic_t *prod_rkt = NULL;
    if (pipe_to && *pipe_to) {
        rd_kafka_conf_t *pc = rd_kafka_conf_new();
        if (set(pc, "bootstrap.servers", argv[1]) || set(pc, "partitioner", "murmur2_random") ||
            set(pc, "enable.idempotence", "true") || set(pc, "delivery.report.only.error", "true"))
            return 1;
        prod = rd_kafka_new(RD_KAFKA_PRODUCER, pc, errstr, sizeof errstr);
        if (!prod) {
            fprintf(stderr, "raw_consumer: producer: %s\n", errstr);
            return 1;
        }
        prod_rkt = rd_kafka_topic_new(prod, pipe_to, NULL);
    }
    uint64_t produced = 0;

    /* read to the high watermarks */
    uint64_t records = 0, bytes = 0;
    double last_progress = now_s(), stalled = 0;
    int stalls = 0; /* gaps of more than 50 ms between two messages */
    while (active > 0) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            if (now_s() - last_progress > TIMEOUT_MS / 1000.0) {
                fprintf(stderr, "raw_consumer: no progress for %d s, %d partitions left\n",
                        TIMEOUT_MS / 1000, active);
                break;
            }
            continue;
        }
        double t = now_s();
        if (t - last_progress > 0.05) {
            stalls++;
            stalled += t - last_progress;
        }
        last_progress = t;
        int32_t p = m->partition;
        bool known = p >= 0 && p <= max_id && !done[p];
        if (m->err) {
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                fprintf(stderr, "raw_consumer: %s\n", rd_kafka_message_errstr(m));
            else if (known && m->offset >= high[p]) {
                done[p] = true;
                active--;
            }
        } else if (known && m->offset < high[p]) {
            records++;
            bytes += m->len;
            while (prod) {
                rd_kafka_resp_err_t perr = rd_kafka_producev(
                    prod, RD_KAFKA_V_RKT(prod_rkt), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_KEY(m->key, m->key_len), RD_KAFKA_V_VALUE(m->payload, m->len),
                    RD_KAFKA_V_END);
                if (!perr) {
                    produced++;
                    break;
                }
                if (perr != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                    fprintf(stderr, "raw_consumer: produce: %s\n", rd_kafka_err2str(perr));
                    return 1;
                }
                rd_kafka_poll(prod, 1);
            }
            if (m->offset + 1 >= high[p]) {
                done[p] = true;
                active--;
            }
        }
        rd_kafka_message_destroy(m);
    }
    if (prod) {
        while (rd_kafka_outq_len(prod) > 0)
            rd_kafka_flush(prod, 1000);
        rd_kafka_topic_destroy(prod_rkt);
        rd_kafka_destroy(prod);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    double seconds = now_s() - t0;

    printf("raw: records=%" PRIu64 " bytes=%" PRIu64 " seconds=%.3f records_per_s=%.0f "
           "partitions=%d low_sum=%" PRId64 " stalls=%d stalled_s=%.3f produced=%" PRIu64 "\n",
           records, bytes, seconds, seconds > 0 ? (double)records / seconds : 0.0, nparts, low_sum,
           stalls, stalled, produced);
    free(high);
    free(done);
    if ((int64_t)records != expected) {
        fprintf(stderr, "raw_consumer: read %" PRIu64 " records, the watermarks say %" PRId64 "\n",
                records, expected);
        return 1;
    }
    return 0;
}
