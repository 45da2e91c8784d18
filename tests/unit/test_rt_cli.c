/* This file tests the job's command line without Kafka: argv parsing,
 * --bootstrap-servers and --set applied to the WITH options (with the option
 * table's validation), --help, Flink's specific-offsets syntax, topic lists,
 * JAAS credential translation and the scratch arena. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../runtime/src/internal.h"

/* ---- a job like the generated ones ---- */

static const sqlkc_rt_kv_t src_options[] = {
    {"connector", "kafka"},
    {"topic", "pageviews"},
    {"properties.bootstrap.servers", "kafka:9092"},
    {"properties.group.id", "pv"},
    {"properties.sasl.password", "hunter2"},
    {"format", "json"},
    {"scan.startup.mode", "earliest-offset"},
};

static const sqlkc_rt_kv_t dst_options[] = {
    {"connector", "upsert-kafka"},
    {"topic", "pv_per_region"},
    {"properties.bootstrap.servers", "kafka:9092"},
    {"key.format", "json"},
    {"value.format", "json"},
};

static const sqlkc_rt_kv_t dotted_options[] = {
    {"connector", "kafka"},
    {"topic", "d"},
    {"properties.bootstrap.servers", "kafka:9092"},
    {"format", "raw"},
};

static const sqlkc_rt_table_def_t tables[] = {
    {"pageviews", "kafka", SQLKC_RT_ROLE_SOURCE, src_options, 7},
    {"pv_per_region", "upsert-kafka", SQLKC_RT_ROLE_SINK, dst_options, 5},
    {"`odd.name`", "kafka", SQLKC_RT_ROLE_SOURCE, dotted_options, 4},
};

static const sqlkc_rt_job_def_t job = {
    .abi = SQLKC_RT_ABI,
    .name = "pv",
    .sql_file = "pv.sql",
    .sqlkc_version = "0.1.0",
    .tables = tables,
    .ntables = 3,
};

/* ---- helpers ---- */

typedef struct capture {
    FILE *f;
    char *buf;
    size_t len;
} capture_t;

static void cap_open(capture_t *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
}

static const char *cap_text(capture_t *c)
{
    fflush(c->f);
    return c->buf ? c->buf : "";
}

static void cap_close(capture_t *c)
{
    fclose(c->f);
    free(c->buf);
}

/* Parses a NULL-terminated argument list (argv[0] added). */
static int parse(rt_cli_t *cli, capture_t *err, ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    argv[argc++] = "job";
    va_start(ap, err);
    for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 31;)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    return rt_cli_parse(cli, argc, argv, "pv", err->f);
}

static int apply(const rt_cli_t *cli, rt_opts_t *opts, capture_t *err)
{
    return rt_apply_overrides(&job, cli, opts, "pv", err->f);
}

static void free_opts(rt_opts_t *opts)
{
    for (size_t t = 0; t < job.ntables; t++)
        rt_opts_free(&opts[t]);
}

static const char *opt(const rt_opts_t *o, const char *key)
{
    return sqlkc_rt_kv_get(o->kv, o->n, key);
}

/* ---- argv ---- */

static void test_parse_forms(void **state)
{
    (void)state;
    rt_cli_t cli;
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--bootstrap-servers", "a:1,b:2", "--set",
                           "pageviews.properties.client.id=x=y", "--set=pv_per_region.topic=t2",
                           "--bench-input=pageviews=/tmp/in", "--bench-repeat", "3",
                           "--bench-null-sink", "--help", "--version", NULL),
                     0);
    assert_string_equal(cap_text(&err), "");
    assert_string_equal(cli.bootstrap, "a:1,b:2");
    assert_int_equal(cli.nsets, 2);
    assert_string_equal(cli.sets[0].table, "pageviews");
    assert_string_equal(cli.sets[0].key, "properties.client.id"); /* split at the first dot */
    assert_string_equal(cli.sets[0].value, "x=y");                /* and the first '=' */
    assert_string_equal(cli.sets[1].table, "pv_per_region");
    assert_string_equal(cli.sets[1].key, "topic");
    assert_int_equal(cli.nbench_inputs, 1);
    assert_string_equal(cli.bench_inputs[0].table, "pageviews");
    assert_string_equal(cli.bench_inputs[0].file, "/tmp/in");
    assert_int_equal(cli.bench_repeat, 3);
    assert_true(cli.bench_null_sink && cli.help && cli.version);
    rt_cli_free(&cli);

    assert_int_equal(parse(&cli, &err, "--bootstrap-servers=h:9", "--set", "t.k=", NULL), 0);
    assert_string_equal(cli.bootstrap, "h:9");
    assert_string_equal(cli.sets[0].value, ""); /* an empty value is a value */
    assert_int_equal(cli.bench_repeat, 1);
    rt_cli_free(&cli);
    cap_close(&err);
}

static void test_parse_backquoted_table(void **state)
{
    (void)state;
    rt_cli_t cli;
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--set", "`odd.name`.topic=z", "--set", "`a``b`.k=v", NULL),
                     0);
    assert_string_equal(cli.sets[0].table, "odd.name");
    assert_string_equal(cli.sets[0].key, "topic");
    assert_string_equal(cli.sets[1].table, "a`b");
    rt_cli_free(&cli);
    cap_close(&err);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const char *const bad_sets[] = {"src", "src.topic", ".topic=x", "src.=x", "`src.topic=x",
                                           "`src`topic=x", "``.topic=x"};
    rt_cli_t cli;
    capture_t err;

    for (size_t i = 0; i < sizeof bad_sets / sizeof bad_sets[0]; i++) {
        cap_open(&err);
        assert_int_equal(parse(&cli, &err, "--set", bad_sets[i], NULL), -1);
        assert_non_null(strstr(cap_text(&err), "--set expects TABLE.OPTION=VALUE"));
        rt_cli_free(&cli);
        cap_close(&err);
    }

    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--set", NULL), -1);
    assert_string_equal(cap_text(&err), "pv: error: option '--set' needs a value\n");
    rt_cli_free(&cli);
    cap_close(&err);

    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--sett", "x", "--bench-repeat=0", "--bench-input", "x", NULL),
                     -1);
    assert_string_equal(cap_text(&err),
                        "pv: error: unknown option '--sett' (try --help)\n"
                        "pv: error: unexpected argument 'x' (try --help)\n"
                        "pv: error: --bench-repeat expects a positive number, got '0'\n"
                        "pv: error: --bench-input expects TABLE=FILE, got 'x'\n");
    rt_cli_free(&cli);
    cap_close(&err);
}

/* ---- overrides ---- */

static void test_apply_overrides(void **state)
{
    (void)state;
    rt_cli_t cli;
    rt_opts_t opts[3];
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--bootstrap-servers", "b:1", "--set",
                           "pageviews.topic=other", "--set", "pageviews.scan.startup.mode=latest-offset",
                           "--set", "pv_per_region.properties.linger.ms=5", "--set",
                           "odd.name.topic=nope.but.ok", NULL),
                     0);
    /* "odd.name.topic" names table "odd" (first dot): unknown. */
    assert_int_equal(apply(&cli, opts, &err), 1);
    assert_string_equal(cap_text(&err), "pv: error: unknown table 'odd' in --set; tables: "
                                        "pageviews, pv_per_region, `odd.name`\n");
    assert_string_equal(opt(&opts[0], "topic"), "other");
    assert_string_equal(opt(&opts[0], "scan.startup.mode"), "latest-offset");
    assert_string_equal(opt(&opts[0], "properties.bootstrap.servers"), "b:1");
    assert_string_equal(opt(&opts[1], "properties.bootstrap.servers"), "b:1");
    assert_string_equal(opt(&opts[2], "properties.bootstrap.servers"), "b:1");
    assert_string_equal(opt(&opts[1], "properties.linger.ms"), "5");
    assert_string_equal(opt(&opts[0], "format"), "json");
    /* Replaced in place: one entry per key, marked as coming from the CLI. */
    assert_int_equal(opts[0].n, 7);
    assert_string_equal(opts[0].kv[1].key, "topic");
    assert_true(opts[0].from_cli[1]);
    assert_false(opts[0].from_cli[0]);
    free_opts(opts);
    rt_cli_free(&cli);
    cap_close(&err);
}

static void test_apply_backquoted_names(void **state)
{
    (void)state;
    rt_cli_t cli;
    rt_opts_t opts[3];
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--set", "`odd.name`.topic=z", "--set", "`pageviews`.topic=p",
                           NULL),
                     0);
    assert_int_equal(apply(&cli, opts, &err), 0);
    assert_string_equal(cap_text(&err), "");
    assert_string_equal(opt(&opts[2], "topic"), "z");
    assert_string_equal(opt(&opts[0], "topic"), "p");
    free_opts(opts);
    rt_cli_free(&cli);
    cap_close(&err);

    assert_int_equal(rt_table_lookup(&job, "pageviews"), 0);
    assert_int_equal(rt_table_lookup(&job, "`odd.name`"), 2);
    assert_int_equal(rt_table_lookup(&job, "odd.name"), 2);
    assert_int_equal(rt_table_lookup(&job, "PageViews"), (size_t)-1); /* case-sensitive */
}

static void test_apply_refuses(void **state)
{
    (void)state;
    rt_cli_t cli;
    rt_opts_t opts[3];
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--set", "pageviews.format=csv", "--set",
                           "pv_per_region.key.format=raw", "--set", "pageviews.scan.startup.mod=x",
                           "--set", "pv_per_region.scan.startup.mode=latest-offset", NULL),
                     0);
    assert_int_equal(apply(&cli, opts, &err), 4);
    const char *text = cap_text(&err);
    assert_non_null(strstr(text, "pv: error: option 'format' of table 'pageviews' is compiled into "
                                 "the job; change the DDL and rebuild\n"));
    assert_non_null(strstr(text, "pv: error: option 'key.format' of table 'pv_per_region' is "
                                 "compiled into the job; change the DDL and rebuild\n"));
    assert_non_null(strstr(text, "pv: error: table 'pageviews': unknown option 'scan.startup.mod' "
                                 "for connector 'kafka'; did you mean 'scan.startup.mode'?\n"));
    assert_non_null(strstr(text, "pv: error: table 'pv_per_region': "));
    /* Refused overrides are not applied. */
    assert_string_equal(opt(&opts[0], "format"), "json");
    free_opts(opts);
    rt_cli_free(&cli);
    cap_close(&err);

    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--set", "pageviews.scan.startup.mode=sometimes", NULL), 0);
    assert_int_equal(apply(&cli, opts, &err), 1);
    assert_non_null(strstr(cap_text(&err), "table 'pageviews': "));
    free_opts(opts);
    rt_cli_free(&cli);
    cap_close(&err);
}

static void test_bench_inputs(void **state)
{
    (void)state;
    rt_cli_t cli;
    capture_t err;
    cap_open(&err);
    assert_int_equal(parse(&cli, &err, "--bench-input", "pv_per_region=f", "--bench-input", "x=f",
                           "--bench-input", "pageviews=f", NULL),
                     0);
    assert_int_equal(rt_check_bench_inputs(&job, &cli, "pv", err.f), 2);
    assert_string_equal(cap_text(&err),
                        "pv: error: --bench-input: table 'pv_per_region' is not read by this job\n"
                        "pv: error: unknown table 'x' in --bench-input; tables: pageviews, "
                        "pv_per_region, `odd.name`\n");
    rt_cli_free(&cli);
    cap_close(&err);
}

static void test_help(void **state)
{
    (void)state;
    rt_cli_t cli;
    rt_opts_t opts[3];
    capture_t err, out;
    cap_open(&err);
    cap_open(&out);
    assert_int_equal(parse(&cli, &err, "--set", "pageviews.topic=t9", NULL), 0);
    assert_int_equal(apply(&cli, opts, &err), 0);
    rt_print_help(out.f, &job, opts, "pv");
    const char *text = cap_text(&out);
    assert_non_null(strstr(text, "usage: pv [--bootstrap-servers LIST]"));
    assert_non_null(strstr(text, "  pageviews (kafka, source)\n"));
    assert_non_null(strstr(text, "  pv_per_region (upsert-kafka, sink)\n"));
    assert_non_null(strstr(text, "    topic = 't9'  [command line]\n"));
    assert_non_null(strstr(text, "    format = 'json'  [compiled]\n"));
    assert_non_null(strstr(text, "    properties.sasl.password = '******'\n"));
    assert_null(strstr(text, "hunter2"));
    free_opts(opts);
    rt_cli_free(&cli);
    cap_close(&err);
    cap_close(&out);

    cap_open(&out);
    rt_print_version(out.f, &job);
    assert_non_null(strstr(cap_text(&out), "pv (from pv.sql)\nsqlkc 0.1.0\nsqlkc runtime "));
    assert_non_null(strstr(cap_text(&out), "librdkafka "));
    cap_close(&out);
}

/* ---- option values ---- */

static void test_specific_offsets(void **state)
{
    (void)state;
    rt_offset_pair_t *p;
    size_t n;

    assert_int_equal(rt_parse_specific_offsets("partition:0,offset:42;partition:1,offset:300", &p, &n),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].partition, 0);
    assert_int_equal(p[0].offset, 42);
    assert_int_equal(p[1].partition, 1);
    assert_int_equal(p[1].offset, 300);
    free(p);

    /* Java's split drops trailing empty pieces; valueOf takes a sign. */
    assert_int_equal(rt_parse_specific_offsets("partition:2,offset:-2;;", &p, &n), 0);
    free(p);
    assert_int_equal(rt_parse_specific_offsets("partition:2,offset:-2;", &p, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].offset, -2);
    free(p);
    assert_int_equal(rt_parse_specific_offsets("partition:+3,offset:7,", &p, &n), 0);
    assert_int_equal(p[0].partition, 3);
    free(p);

    static const char *const bad[] = {"", ";", "partition:0", "partition:0,offset:",
                                      "partition:0, offset:1", " partition:0,offset:1",
                                      "partition:0,offset:1;;partition:1,offset:2",
                                      "partition:x,offset:1", "partition:0,offset:1,2",
                                      "offset:1,partition:0", "partition:99999999999,offset:1",
                                      "partition:0,offset:1x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(rt_parse_specific_offsets(bad[i], &p, &n), -1);
        assert_null(p);
    }
}

static void test_split_list(void **state)
{
    (void)state;
    char **list;
    size_t n = rt_split_list(" a ; b;;c ;", &list);
    assert_int_equal(n, 3);
    assert_string_equal(list[0], "a");
    assert_string_equal(list[1], "b");
    assert_string_equal(list[2], "c");
    rt_free_list(list, n);
    assert_int_equal(rt_split_list(" ; ", &list), 0);
    rt_free_list(list, 0);
}

static void test_sensitive(void **state)
{
    (void)state;
    assert_true(rt_option_is_sensitive("properties.sasl.jaas.config"));
    assert_true(rt_option_is_sensitive("properties.ssl.key.Password"));
    assert_true(rt_option_is_sensitive("value.avro-confluent.basic-auth.user-info"));
    assert_false(rt_option_is_sensitive("properties.bootstrap.servers"));
    assert_false(rt_option_is_sensitive("topic"));
}

static void test_jaas(void **state)
{
    (void)state;
    char *user, *password;
    assert_int_equal(rt_jaas_credentials("org.apache.kafka.common.security.plain.PlainLoginModule "
                                         "required username=\"alice\" password=\"s3\\\"cr;et\";",
                                         &user, &password),
                     0);
    assert_string_equal(user, "alice");
    assert_string_equal(password, "s3\"cr;et");
    free(user);
    free(password);
    assert_int_equal(rt_jaas_credentials("org.apache.kafka.common.security.scram.ScramLoginModule "
                                         "required\n  username=bob\n  password=pw;",
                                         &user, &password),
                     0);
    assert_string_equal(user, "bob");
    assert_string_equal(password, "pw");
    free(user);
    free(password);
    assert_int_equal(rt_jaas_credentials("org.apache.kafka.common.security.oauthbearer."
                                         "OAuthBearerLoginModule required;",
                                         &user, &password),
                     -1);
    assert_int_equal(rt_jaas_credentials("x.PlainLoginModule required username=\"a\";", &user,
                                         &password),
                     -1);
}

/* ---- scratch arena ---- */

static void test_arena(void **state)
{
    (void)state;
    rt_arena_t a = {0};
    for (int round = 0; round < 3; round++) {
        char *p = rt_arena_alloc(&a, 1);
        char *q = rt_arena_alloc(&a, 100000); /* larger than any buffer so far */
        char *r = rt_arena_alloc(&a, 0);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_int_equal((uintptr_t)q % 16, 0);
        assert_int_equal((uintptr_t)r % 16, 0);
        memset(q, 0xab, 100000);
        p[0] = 1;
        assert_true(p != r);
        rt_arena_reset(&a);
        if (round > 0) {
            /* After one overflow the buffer holds such a record by itself. */
            assert_null(a.big);
            assert_true(a.cap >= 100000 + 32);
        }
    }
    rt_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_backquoted_table),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_apply_overrides),
        cmocka_unit_test(test_apply_backquoted_names),
        cmocka_unit_test(test_apply_refuses),
        cmocka_unit_test(test_bench_inputs),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_specific_offsets),
        cmocka_unit_test(test_split_list),
        cmocka_unit_test(test_sensitive),
        cmocka_unit_test(test_jaas),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
