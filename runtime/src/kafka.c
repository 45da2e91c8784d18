/* This file holds what the job's consumers and producers share: turning a
 * table's 'properties.*' into librdkafka configuration (as Flink hands them
 * to the Java client, with the prefix stripped), translating the few Java
 * client settings librdkafka spells differently, and routing librdkafka's
 * logs and errors into the job's stderr format. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <librdkafka/rdkafka.h>

#include "internal.h"

#define PROPS "properties."
#define PROPS_LEN (sizeof PROPS - 1)

/* Keys Flink's KafkaSource reads itself (KafkaSourceOptions) and never gives
 * to the Kafka client; librdkafka would reject them. */
static const char *const flink_source_keys[] = {
    "partition.discovery.interval.ms", "client.id.prefix", "commit.offsets.on.checkpoint",
    "register.consumer.metrics", "flink.partition-discovery.interval-millis",
};

/* Java (de)serializer classes: Flink forces byte[] ones, librdkafka has no
 * such setting; bytes are what the job gets anyway. */
static const char *const java_serde_keys[] = {
    "key.deserializer", "value.deserializer", "key.serializer", "value.serializer",
};

/* Consumer settings a producer would only warn about; tables that are read
 * and written (or declared once for both) commonly carry them. */
static const char *const consumer_only_keys[] = {
    "group.id", "auto.offset.reset", "enable.auto.commit", "auto.commit.interval.ms",
    "isolation.level", "group.instance.id", "session.timeout.ms", "heartbeat.interval.ms",
    "max.poll.interval.ms", "partition.assignment.strategy", "enable.auto.offset.store",
};

/* Producer settings a consumer would only warn about. */
static const char *const producer_only_keys[] = {
    "acks", "enable.idempotence", "transaction.timeout.ms", "transactional.id", "linger.ms",
    "retries", "delivery.timeout.ms", "compression.type", "partitioner",
    "max.in.flight.requests.per.connection", "batch.size", "message.timeout.ms",
};

static bool in_list(const char *key, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, list[i]) == 0)
            return true;
    return false;
}

#define IN_LIST(key, list) in_list(key, list, sizeof list / sizeof list[0])

int rt_kafka_conf_set(sqlkc_rt_ctx_t *ctx, rd_kafka_conf_t *conf, const rt_table_t *t,
                      const char *key, const char *value)
{
    char errstr[512];
    if (rd_kafka_conf_set(conf, key, value, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        rt_error(ctx, "table '%s': Kafka client setting '%s': %s", t->def->name, key, errstr);
        return -1;
    }
    return 0;
}

/* Reads one "quoted" or bare JAAS option value starting at p; returns the
 * position after it, or NULL. */
static const char *jaas_value(const char *p, char **out)
{
    size_t cap = strlen(p) + 1, n = 0;
    char *v = malloc(cap);
    if (!v)
        return NULL;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1])
                p++;
            v[n++] = *p;
        }
        if (*p != '"') {
            free(v);
            return NULL;
        }
        p++;
    } else {
        while (*p && !strchr(" \t\r\n;", *p))
            v[n++] = *p++;
    }
    v[n] = '\0';
    *out = v;
    return p;
}

int rt_jaas_credentials(const char *jaas, char **user, char **password)
{
    /* "<LoginModule class> required username="u" password="p";" */
    const char *p = jaas;
    *user = *password = NULL;
    while (*p && strchr(" \t\r\n", *p))
        p++;
    const char *cls = p;
    while (*p && !strchr(" \t\r\n", *p))
        p++;
    size_t cls_len = (size_t)(p - cls);
    /* org.apache.kafka.common.security.{plain.Plain,scram.Scram}LoginModule */
    if (cls_len < 16 ||
        (strncmp(p - 16, "PlainLoginModule", 16) != 0 && strncmp(p - 16, "ScramLoginModule", 16) != 0))
        return -1;
    while (*p) {
        while (*p && strchr(" \t\r\n;", *p))
            p++;
        if (!*p)
            break;
        const char *name = p;
        while (*p && !strchr("= \t\r\n;", *p))
            p++;
        size_t name_len = (size_t)(p - name);
        if (*p != '=')
            continue; /* "required", "optional", ... */
        char *value = NULL;
        p = jaas_value(p + 1, &value);
        if (!p)
            break;
        if (name_len == 8 && !strncmp(name, "username", 8) && !*user)
            *user = value;
        else if (name_len == 8 && !strncmp(name, "password", 8) && !*password)
            *password = value;
        else
            free(value);
    }
    if (!*user || !*password) {
        free(*user);
        free(*password);
        *user = *password = NULL;
        return -1;
    }
    return 0;
}

int rt_kafka_conf_apply_properties(sqlkc_rt_ctx_t *ctx, rd_kafka_conf_t *conf,
                                   const rt_table_t *t, bool producer)
{
    char errstr[512];
    for (size_t i = 0; i < t->opts.n; i++) {
        const char *full = t->opts.kv[i].key, *value = t->opts.kv[i].value;
        if (strncmp(full, PROPS, PROPS_LEN) != 0)
            continue;
        const char *key = full + PROPS_LEN;
        if (IN_LIST(key, flink_source_keys) || IN_LIST(key, java_serde_keys))
            continue;
        if (producer ? IN_LIST(key, consumer_only_keys) : IN_LIST(key, producer_only_keys))
            continue;
        if (!producer && strcmp(key, "auto.offset.reset") == 0)
            continue; /* derived from scan.startup.mode by the source */
        if (strcmp(key, "sasl.jaas.config") == 0) {
            /* The Java client's only way to give SASL credentials; librdkafka
             * takes them as sasl.username/sasl.password. */
            char *user, *password;
            if (rt_jaas_credentials(value, &user, &password) != 0) {
                rt_error(ctx,
                         "table '%s': option '%s': only PlainLoginModule and ScramLoginModule "
                         "with username and password can be translated for librdkafka; set "
                         "'properties.sasl.username' and 'properties.sasl.password' (or "
                         "librdkafka's sasl.oauthbearer.* settings) instead",
                         t->def->name, full);
                return -1;
            }
            int rc = rt_kafka_conf_set(ctx, conf, t, "sasl.username", user) ||
                     rt_kafka_conf_set(ctx, conf, t, "sasl.password", password);
            free(user);
            free(password);
            if (rc)
                return -1;
            continue;
        }
        if (rd_kafka_conf_set(conf, key, value, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            rt_error(ctx, "table '%s': option '%s' is not a valid librdkafka setting: %s",
                     t->def->name, full, errstr);
            return -1;
        }
    }
    return 0;
}

static void log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    sqlkc_rt_ctx_t *ctx = rd_kafka_opaque(rk);
    (void)level;
    /* Runs on librdkafka's threads: one fprintf per line keeps lines whole. */
    fprintf(stderr, "%s: kafka: %s: %s: %s\n", ctx ? ctx->prog : "job", rd_kafka_name(rk), fac,
            buf);
}

static void error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    sqlkc_rt_ctx_t *ctx = opaque;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char why[512];
        rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk, why, sizeof why);
        rt_set_fatal(ctx, "Kafka client %s failed: %s: %s", rd_kafka_name(rk),
                     rd_kafka_err2name(orig), why);
        return;
    }
    /* Everything else librdkafka retries by itself: say it, do not stop.
     * Connection failures are already in the log as FAIL lines. */
    if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__RESOLVE)
        return;
    fprintf(stderr, "%s: kafka: %s: warning: %s\n", ctx->prog, rd_kafka_name(rk), reason);
}

void rt_kafka_conf_callbacks(sqlkc_rt_ctx_t *ctx, rd_kafka_conf_t *conf)
{
    rd_kafka_conf_set_opaque(conf, ctx);
    rd_kafka_conf_set_log_cb(conf, log_cb);
    rd_kafka_conf_set_error_cb(conf, error_cb);
}
