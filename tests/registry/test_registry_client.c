/* This file tests the schema registry client (runtime/src/registry.c)
 * against tests/registry/registry_server.py, which it starts on a free
 * loopback port: registering (same schema, same id), looking up without
 * registering, fetching by id with the cache, Confluent's error codes, basic
 * auth from user info and from the URL, a registry that is down, one that
 * answers garbage, failover to the next URL, and stores curl cannot read. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sqlkc/registry.h"

#ifndef REGISTRY_SERVER
#error "REGISTRY_SERVER (the path of registry_server.py) must be defined"
#endif

typedef struct server {
    pid_t pid;
    int port;
    char dir[64];
} server_t;

/* Starts the test registry with extra arguments (NULL-terminated). */
static void server_start(server_t *s, const char *arg1, const char *arg2)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/sqlkc-registry.XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    char port_file[128];
    snprintf(port_file, sizeof port_file, "%s/port", s->dir);
    s->pid = fork();
    assert_true(s->pid >= 0);
    if (s->pid == 0) {
        freopen("/dev/null", "w", stdout);
        const char *py = getenv("SQLKC_PYTHON") ? getenv("SQLKC_PYTHON") : "python3";
        execlp(py, py, REGISTRY_SERVER, "--port-file", port_file, arg1, arg2, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) { /* up to 10 s */
        FILE *f = fopen(port_file, "r");
        if (f) {
            int ok = fscanf(f, "%d", &s->port) == 1;
            fclose(f);
            if (ok)
                return;
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    fail_msg("the test registry did not start");
}

static void server_stop(server_t *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", s->dir);
    (void)!system(cmd);
}

/* A port nothing listens on: one the test registry had, after it stopped. */
static int dead_port(void)
{
    server_t s;
    server_start(&s, NULL, NULL);
    int port = s.port;
    server_stop(&s);
    return port;
}

static sqlkc_rt_registry_t *client(const char *url, const char *source, const char *user_info, char *err,
                                   size_t errlen)
{
    sqlkc_rt_registry_conf_t conf;
    memset(&conf, 0, sizeof conf);
    conf.url = url;
    conf.credentials_source = source;
    conf.user_info = user_info;
    conf.timeout_ms = 5000;
    return sqlkc_rt_registry_new(&conf, err, errlen);
}

static const char *schema_a = "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.flink.avro."
                              "generated\",\"fields\":[{\"name\":\"user_region\",\"type\":\"string\"}]}";
static const char *schema_b = "{\"type\":\"record\",\"name\":\"record\",\"fields\":[{\"name\":\"pv\",\"type\":"
                              "[\"null\",\"long\"],\"default\":null}]}";

static void test_register_lookup_fetch(void **state)
{
    (void)state;
    server_t s;
    server_start(&s, NULL, NULL);
    char url[64], err[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", s.port); /* a trailing '/' is dropped */
    sqlkc_rt_registry_t *r = client(url, NULL, NULL, err, sizeof err);
    assert_non_null(r);

    int32_t a = -1, a2 = -1, b = -1, found = -1;
    assert_int_equal(sqlkc_rt_registry_register(r, "pv-key", schema_a, &a, err, sizeof err), 0);
    assert_int_equal(sqlkc_rt_registry_register(r, "pv-key", schema_a, &a2, err, sizeof err), 0);
    assert_int_equal(a, a2); /* idempotent */
    assert_int_equal(sqlkc_rt_registry_register(r, "pv-value", schema_b, &b, err, sizeof err), 0);
    assert_int_not_equal(a, b);

    assert_int_equal(sqlkc_rt_registry_lookup(r, "pv-value", schema_b, &found, err, sizeof err), 0);
    assert_int_equal(found, b);
    assert_int_equal(sqlkc_rt_registry_lookup(r, "pv-value", schema_a, &found, err, sizeof err), -1);
    assert_non_null(strstr(err, "error code 40403"));
    assert_int_equal(sqlkc_rt_registry_lookup(r, "no-such-subject", schema_a, &found, err, sizeof err), -1);
    assert_non_null(strstr(err, "error code 40401"));
    assert_non_null(strstr(err, "Subject 'no-such-subject' not found"));

    /* a subject needing URL escaping */
    int32_t odd = -1;
    assert_int_equal(sqlkc_rt_registry_register(r, "a b/c?d", schema_a, &odd, err, sizeof err), 0);
    assert_int_equal(odd, a);

    assert_int_equal(sqlkc_rt_registry_register(r, "bad", "{\"type\": 42", &found, err, sizeof err), -1);
    assert_non_null(strstr(err, "HTTP 422, error code 42201"));

    const char *text = sqlkc_rt_registry_schema(r, b, err, sizeof err);
    assert_non_null(text);
    assert_string_equal(text, schema_b);
    assert_null(sqlkc_rt_registry_schema(r, 999, err, sizeof err));
    assert_non_null(strstr(err, "error code 40403"));

    /* fetched ids come from the cache once the registry is gone */
    server_stop(&s);
    text = sqlkc_rt_registry_schema(r, b, err, sizeof err);
    assert_non_null(text);
    assert_string_equal(text, schema_b);
    assert_null(sqlkc_rt_registry_schema(r, a, err, sizeof err));
    assert_non_null(strstr(err, "cannot reach the schema registry at http://127.0.0.1:"));
    sqlkc_rt_registry_free(r);
}

static void test_basic_auth(void **state)
{
    (void)state;
    server_t s;
    server_start(&s, "--user", "alice:s3cr:et");
    char url[128], err[512];
    int32_t id;

    snprintf(url, sizeof url, "http://127.0.0.1:%d", s.port);
    sqlkc_rt_registry_t *r = client(url, NULL, NULL, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), -1);
    assert_non_null(strstr(err, "HTTP 401"));
    assert_non_null(strstr(err, "Unauthorized"));
    sqlkc_rt_registry_free(r);

    r = client(url, "USER_INFO", "alice:s3cr:et", err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), 0);
    sqlkc_rt_registry_free(r);

    r = client(url, "USER_INFO", "alice:wrong", err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), -1);
    assert_non_null(strstr(err, "HTTP 401"));
    sqlkc_rt_registry_free(r);

    /* credentials in the URL (source URL, Confluent's default), percent-encoded */
    snprintf(url, sizeof url, "http://alice:s3cr%%3Aet@127.0.0.1:%d", s.port);
    r = client(url, NULL, NULL, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), 0);
    sqlkc_rt_registry_free(r);

    /* USER_INFO without user info is refused before any request */
    assert_null(client(url, "USER_INFO", NULL, err, sizeof err));
    assert_non_null(strstr(err, "'basic-auth.user-info' must be set"));
    assert_null(client(url, "SASL_INHERIT", NULL, err, sizeof err));
    assert_non_null(strstr(err, "not supported"));
    server_stop(&s);
}

static void test_down_garbage_failover(void **state)
{
    (void)state;
    char url[160], err[512];
    int32_t id;
    int port = dead_port();
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    sqlkc_rt_registry_t *r = client(url, NULL, NULL, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), -1);
    char want[128];
    snprintf(want, sizeof want, "cannot reach the schema registry at http://127.0.0.1:%d", port);
    assert_non_null(strstr(err, want));
    sqlkc_rt_registry_free(r);

    server_t g;
    server_start(&g, "--garbage", NULL);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", g.port);
    r = client(url, NULL, NULL, err, sizeof err);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), -1);
    assert_non_null(strstr(err, "not JSON"));
    assert_null(sqlkc_rt_registry_schema(r, 1, err, sizeof err));
    assert_non_null(strstr(err, "not JSON"));
    sqlkc_rt_registry_free(r);
    server_stop(&g);

    /* the first URL is down, the second answers */
    server_t s;
    server_start(&s, NULL, NULL);
    snprintf(url, sizeof url, "http://127.0.0.1:%d, http://127.0.0.1:%d", port, s.port);
    r = client(url, NULL, NULL, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(sqlkc_rt_registry_register(r, "s", schema_a, &id, err, sizeof err), 0);
    assert_int_equal(id, 1);
    sqlkc_rt_registry_free(r);
    server_stop(&s);
}

static void test_config_errors(void **state)
{
    (void)state;
    char err[512];
    assert_null(client(NULL, NULL, NULL, err, sizeof err));
    assert_non_null(strstr(err, "'avro-confluent.url' is not set"));
    assert_null(client("ftp://example.org", NULL, NULL, err, sizeof err));
    assert_non_null(strstr(err, "not an http or https URL"));

    char jks[] = "/tmp/sqlkc-jks.XXXXXX";
    int fd = mkstemp(jks);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\xFE\xED\xFE\xED\x00\x00\x00\x02", 8), 8);
    close(fd);
    sqlkc_rt_registry_conf_t conf;
    memset(&conf, 0, sizeof conf);
    conf.url = "https://127.0.0.1:1";
    conf.truststore = jks;
    assert_null(sqlkc_rt_registry_new(&conf, err, sizeof err));
    assert_non_null(strstr(err, "Java or PKCS#12 keystore"));
    conf.truststore = NULL;
    conf.keystore = jks;
    assert_null(sqlkc_rt_registry_new(&conf, err, sizeof err));
    assert_non_null(strstr(err, "Java KeyStore (JKS)"));
    conf.keystore = "/nonexistent/keystore.pem";
    assert_null(sqlkc_rt_registry_new(&conf, err, sizeof err));
    assert_non_null(strstr(err, "cannot read 'ssl.keystore.location'"));
    unlink(jks);

    /* options with a format prefix, the 1.12 names and the client properties */
    sqlkc_rt_kv_t opts[] = {
        {"value.avro-confluent.schema-registry.url", "http://old"},
        {"key.avro-confluent.url", "http://new"},
        {"key.avro-confluent.properties.basic.auth.user.info", "u:p"},
        {"key.avro-confluent.basic-auth.credentials-source", "USER_INFO"},
    };
    sqlkc_rt_registry_conf_from(&conf, opts, 4, "value.");
    assert_string_equal(conf.url, "http://old");
    assert_null(conf.user_info);
    sqlkc_rt_registry_conf_from(&conf, opts, 4, "key.");
    assert_string_equal(conf.url, "http://new");
    assert_string_equal(conf.user_info, "u:p");
    assert_string_equal(conf.credentials_source, "USER_INFO");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_lookup_fetch),
        cmocka_unit_test(test_basic_auth),
        cmocka_unit_test(test_down_garbage_failover),
        cmocka_unit_test(test_config_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
