/* This file is sqlkc-dev-broker: librdkafka's mock cluster in a process, the
 * local broker for the demo and the end-to-end tests. It creates the topics
 * given on the command line, prints the bootstrap address as the first line
 * of stdout and serves until SIGINT or SIGTERM.
 *
 * What the mock cluster (librdkafka 2.0.2) does and does not do:
 * - it keeps everything in memory; produce, fetch, ListOffsets, consumer
 *   groups with offset commits, idempotent and transactional producers work;
 * - a Metadata request that allows auto-creation (every producer, kcat -P)
 *   creates an unknown topic with 4 partitions (mcluster->defaults.partition_cnt,
 *   fixed in 2.0.2, no API to change it); consumers do not auto-create, so
 *   create source topics up front with TOPIC:PARTITIONS;
 * - CreateTopics (the Admin API) is not implemented;
 * - each partition keeps only its last 5 MB or 100000 message sets (older
 *   ones are deleted, the log start offset moves), so big inputs need more
 *   partitions or a real broker;
 * - ListOffsets by timestamp is not implemented (only earliest/latest), so
 *   timestamp start/stop modes resolve to the end of the log here;
 * - it listens on ephemeral ports only. --port N is therefore a small TCP
 *   relay from 127.0.0.1:N to the first mock broker: clients bootstrap
 *   through it and then connect to the brokers' advertised addresses, exactly
 *   as with a real cluster. */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static const char *prog = "sqlkc-dev-broker";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: %s [--port N] [--brokers N] [TOPIC[:PARTITIONS] ...]\n"
            "\n"
            "Runs librdkafka's in-memory mock Kafka cluster until SIGINT/SIGTERM.\n"
            "The first line of stdout is the bootstrap address.\n"
            "\n"
            "  --port N       listen for bootstrap connections on 127.0.0.1:N\n"
            "                 (default: the brokers' own ephemeral ports)\n"
            "  --brokers N    number of brokers, 1..10 (default 1)\n"
            "  TOPIC:P        create TOPIC with P partitions (default 1)\n"
            "\n"
            "Topics that a producer writes to without creating them first are\n"
            "auto-created with 4 partitions (fixed by librdkafka's mock cluster).\n"
            "Each partition keeps only its last 5 MB (mock retention).\n",
            prog);
}

static int parse_int(const char *text, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* ---- the bootstrap relay (only with --port) ---- */

struct relay {
    int listen_fd;
    struct sockaddr_in target; /* the first mock broker */
};

struct relay_conn {
    int client_fd;
    struct sockaddr_in target;
};

/* Copies what is readable on `from` to `to`; returns 0 at EOF or on error. */
static int relay_pump(int from, int to)
{
    char buf[65536];
    ssize_t n = read(from, buf, sizeof buf);
    if (n <= 0)
        return 0;
    for (ssize_t off = 0; off < n;) {
        ssize_t w = write(to, buf + off, (size_t)(n - off));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        off += w;
    }
    return 1;
}

/* One thread per client connection keeps the relay trivially correct; a
 * dev broker sees a handful of connections. */
static void *relay_conn_main(void *arg)
{
    struct relay_conn *c = arg;
    int server_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (server_fd >= 0 &&
        connect(server_fd, (struct sockaddr *)&c->target, sizeof c->target) == 0) {
        struct pollfd fds[2] = {{c->client_fd, POLLIN, 0}, {server_fd, POLLIN, 0}};
        for (;;) {
            if (poll(fds, 2, -1) < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            if (fds[0].revents && !relay_pump(c->client_fd, server_fd))
                break;
            if (fds[1].revents && !relay_pump(server_fd, c->client_fd))
                break;
        }
    }
    if (server_fd >= 0)
        close(server_fd);
    close(c->client_fd);
    free(c);
    return NULL;
}

static void *relay_main(void *arg)
{
    struct relay *r = arg;
    for (;;) {
        int fd = accept(r->listen_fd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "%s: accept: %s\n", prog, strerror(errno));
            return NULL;
        }
        struct relay_conn *c = malloc(sizeof *c);
        pthread_t tid;
        if (!c) {
            close(fd);
            continue;
        }
        c->client_fd = fd;
        c->target = r->target;
        if (pthread_create(&tid, NULL, relay_conn_main, c) != 0) {
            close(fd);
            free(c);
            continue;
        }
        pthread_detach(tid);
    }
}

/* Parses the first "127.0.0.1:PORT" of the mock cluster's bootstrap list. */
static int first_broker_addr(const char *bootstraps, struct sockaddr_in *sa)
{
    const char *colon = strchr(bootstraps, ':');
    int port;
    char portbuf[16];
    size_t n;
    if (!colon)
        return -1;
    n = strcspn(colon + 1, ",");
    if (n == 0 || n >= sizeof portbuf)
        return -1;
    memcpy(portbuf, colon + 1, n);
    portbuf[n] = '\0';
    if (parse_int(portbuf, 1, 65535, &port))
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return 0;
}

static int relay_start(struct relay *r, int port, const char *bootstraps)
{
    struct sockaddr_in sa;
    int one = 1;
    pthread_t tid;

    if (first_broker_addr(bootstraps, &r->target)) {
        fprintf(stderr, "%s: cannot parse mock bootstrap list '%s'\n", prog, bootstraps);
        return -1;
    }
    r->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (r->listen_fd < 0) {
        fprintf(stderr, "%s: socket: %s\n", prog, strerror(errno));
        return -1;
    }
    setsockopt(r->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(r->listen_fd, (struct sockaddr *)&sa, sizeof sa) || listen(r->listen_fd, 64)) {
        fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", prog, port, strerror(errno));
        close(r->listen_fd);
        return -1;
    }
    if (pthread_create(&tid, NULL, relay_main, r) != 0) {
        fprintf(stderr, "%s: cannot start the relay thread\n", prog);
        return -1;
    }
    pthread_detach(tid);
    return 0;
}

/* ---- main ---- */

static int create_topic(rd_kafka_mock_cluster_t *mcluster, const char *spec, int brokers)
{
    char name[512];
    const char *colon = strrchr(spec, ':');
    int partitions = 1;
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    rd_kafka_resp_err_t err;

    if (colon && parse_int(colon + 1, 1, 100000, &partitions)) {
        fprintf(stderr, "%s: bad partition count in '%s'\n", prog, spec);
        return -1;
    }
    if (n == 0 || n >= sizeof name) {
        fprintf(stderr, "%s: bad topic name in '%s'\n", prog, spec);
        return -1;
    }
    memcpy(name, spec, n);
    name[n] = '\0';
    /* Replicate on up to 3 brokers so leader/follower setups look real. */
    err = rd_kafka_mock_topic_create(mcluster, name, partitions, brokers < 3 ? brokers : 3);
    if (err) {
        fprintf(stderr, "%s: cannot create topic '%s': %s\n", prog, name, rd_kafka_err2str(err));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int port = 0, brokers = 1, i;
    char errstr[512];
    sigset_t sigs;
    int sig;
    static struct relay relay;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--port") || !strcmp(a, "--brokers")) {
            int is_port = a[2] == 'p';
            if (i + 1 >= argc ||
                parse_int(argv[i + 1], 1, is_port ? 65535 : 10, is_port ? &port : &brokers)) {
                fprintf(stderr, "%s: %s needs a number\n", prog, a);
                return 1;
            }
            i++;
        } else if (!strncmp(a, "--port=", 7)) {
            if (parse_int(a + 7, 1, 65535, &port)) {
                fprintf(stderr, "%s: bad --port\n", prog);
                return 1;
            }
        } else if (!strncmp(a, "--brokers=", 10)) {
            if (parse_int(a + 10, 1, 10, &brokers)) {
                fprintf(stderr, "%s: bad --brokers\n", prog);
                return 1;
            }
        } else if (a[0] == '-') {
            fprintf(stderr, "%s: unknown option '%s'\n", prog, a);
            usage(stderr);
            return 1;
        }
    }

    /* Block the signals before librdkafka starts its threads so that they
     * inherit the mask and only sigwait() below sees SIGINT/SIGTERM. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* The mock cluster lives inside this handle's threads: keep it alive
     * for the whole run. */
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "client.id", "sqlkc-dev-broker", errstr, sizeof errstr);
    /* The handle has no bootstrap.servers on purpose; keep its CONFWARN quiet. */
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "%s: %s\n", prog, errstr);
        return 1;
    }
    rd_kafka_mock_cluster_t *mcluster = rd_kafka_mock_cluster_new(rk, brokers);
    if (!mcluster) {
        fprintf(stderr, "%s: cannot create the mock cluster\n", prog);
        rd_kafka_destroy(rk);
        return 1;
    }
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            if (!strcmp(argv[i], "--port") || !strcmp(argv[i], "--brokers"))
                i++;
            continue;
        }
        if (create_topic(mcluster, argv[i], brokers)) {
            rd_kafka_mock_cluster_destroy(mcluster);
            rd_kafka_destroy(rk);
            return 1;
        }
    }

    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mcluster);
    if (port) {
        if (relay_start(&relay, port, bootstraps)) {
            rd_kafka_mock_cluster_destroy(mcluster);
            rd_kafka_destroy(rk);
            return 1;
        }
        printf("127.0.0.1:%d\n", port);
    } else {
        printf("%s\n", bootstraps);
    }
    fflush(stdout);

    do {
        if (sigwait(&sigs, &sig) != 0)
            break;
    } while (sig != SIGINT && sig != SIGTERM);

    rd_kafka_mock_cluster_destroy(mcluster);
    rd_kafka_destroy(rk);
    return 0;
}
