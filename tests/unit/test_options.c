/* This file tests the shared option table: what the compiler reports for a
 * WITH clause and the job for --set, with Flink's names, types and rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/options.h"

typedef struct found {
    char text[8192];
    int n;
} found_t;

static void report(void *arg, size_t idx, const char *msg)
{
    found_t *f = arg;
    size_t k = strlen(f->text);
    snprintf(f->text + k, sizeof f->text - k, "[%d] %s\n", idx == (size_t)-1 ? -1 : (int)idx, msg);
    f->n++;
}

#define KV(...) ((sqlkc_rt_kv_t[]){__VA_ARGS__})
#define N(a) (sizeof(a) / sizeof(a[0]))

static int validate(const sqlkc_rt_kv_t *kv, size_t n, int role, found_t *f)
{
    memset(f, 0, sizeof *f);
    return sqlkc_rt_options_validate(kv, n, role, report, f);
}

static void seed_tables_are_valid(void **state)
{
    (void)state;
    found_t f;
    sqlkc_rt_kv_t src[] = {{"connector", "kafka"}, {"topic", "pageviews"},
                           {"properties.bootstrap.servers", "b:9092"}, {"properties.group.id", "g"},
                           {"format", "json"}, {"json.fail-on-missing-field", "false"},
                           {"scan.startup.mode", "EARLIEST-OFFSET"}};
    assert_int_equal(validate(src, N(src), SQLKC_RT_ROLE_SOURCE, &f), 0);
    sqlkc_rt_kv_t sink[] = {{"connector", "upsert-kafka"}, {"topic", "pv"},
                            {"properties.bootstrap.servers", "b:9092"}, {"key.format", "json"},
                            {"key.json.ignore-parse-errors", "true"}, {"value.format", "json"},
                            {"value.json.fail-on-missing-field", "false"},
                            {"value.fields-include", "except_key"},
                            {"sink.buffer-flush.max-rows", "1000"}, {"sink.buffer-flush.interval", "1 s"}};
    assert_int_equal(validate(sink, N(sink), SQLKC_RT_ROLE_SINK, &f), 0);
}

static void unknown_options_are_named(void **state)
{
    (void)state;
    found_t f;
    sqlkc_rt_kv_t kv[] = {{"connector", "upsert-kafka"}, {"topic", "t"},
                          {"properties.bootstrap.servers", "b"}, {"key.format", "json"},
                          {"value.fromat", "json"}, {"value.format", "json"},
                          {"json.ignore-parse-errors", "true"}, {"value.json.fail-on-missing-feld", "x"}};
    assert_int_equal(validate(kv, N(kv), SQLKC_RT_ROLE_SINK, &f), 3);
    assert_non_null(strstr(f.text, "[4] unknown option 'value.fromat' for connector 'upsert-kafka'; did you mean 'value.format'?"));
    assert_non_null(strstr(f.text, "[6] unknown option 'json.ignore-parse-errors'"));
    assert_non_null(strstr(f.text, "[7] unknown option 'value.json.fail-on-missing-feld' for connector 'upsert-kafka'; "
                                   "did you mean 'value.json.fail-on-missing-field'?"));
}

static void types_and_enums(void **state)
{
    (void)state;
    found_t f;
    sqlkc_rt_kv_t kv[] = {{"connector", "kafka"}, {"topic", "t"}, {"properties.bootstrap.servers", "b"},
                          {"format", "csv"}, {"csv.field-delimiter", "ab"}, {"scan.startup.mode", "latest"},
                          {"scan.parallelism", "x"}, {"csv.allow-comments", "yes"},
                          {"scan.topic-partition-discovery.interval", "5 fortnights"}};
    assert_int_equal(validate(kv, N(kv), SQLKC_RT_ROLE_SOURCE, &f), 5);
    assert_non_null(strstr(f.text, "[4] option 'csv.field-delimiter' must be a string with single character, but was: ab"));
    assert_non_null(strstr(f.text, "[5] invalid value 'latest' for option 'scan.startup.mode'; expected one of: "
                                   "earliest-offset, latest-offset, group-offsets, timestamp, specific-offsets"));
    assert_non_null(strstr(f.text, "[6] invalid value 'x' for option 'scan.parallelism': expected an integer"));
    assert_non_null(strstr(f.text, "[7] invalid value 'yes' for option 'csv.allow-comments': expected true or false"));
    assert_non_null(strstr(f.text, "[8] invalid value '5 fortnights'"));
}

static void flink_rules(void **state)
{
    (void)state;
    found_t f;
    sqlkc_rt_kv_t a[] = {{"connector", "kafka"}, {"topic", "t"}, {"topic-pattern", "t.*"},
                         {"properties.bootstrap.servers", "b"}, {"value.format", "json"},
                         {"key.fields", "id"}, {"scan.startup.mode", "specific-offsets"},
                         {"scan.bounded.mode", "timestamp"}};
    validate(a, N(a), SQLKC_RT_ROLE_SOURCE, &f);
    assert_non_null(strstr(f.text, "Option 'topic' and 'topic-pattern' shouldn't be set together."));
    assert_non_null(strstr(f.text, "The option 'key.fields' can only be declared if a key format is defined using 'key.format'."));
    assert_non_null(strstr(f.text, "'scan.startup.specific-offsets' is required in 'specific-offsets' startup mode but missing."));
    assert_non_null(strstr(f.text, "'scan.bounded.timestamp-millis' is required in 'timestamp' bounded mode but missing."));

    sqlkc_rt_kv_t b[] = {{"connector", "kafka"}, {"properties.bootstrap.servers", "b"},
                         {"scan.startup.specific-offsets", "partition:0,offset:x"}};
    validate(b, N(b), SQLKC_RT_ROLE_SOURCE, &f);
    assert_non_null(strstr(f.text, "Either 'topic' or 'topic-pattern' must be set."));
    assert_non_null(strstr(f.text, "Could not find required scan format 'value.format'."));
    assert_non_null(strstr(f.text, "Invalid properties 'scan.startup.specific-offsets' should follow the format "
                                   "'partition:0,offset:42;partition:1,offset:300', but is 'partition:0,offset:x'."));

    sqlkc_rt_kv_t c[] = {{"connector", "upsert-kafka"}, {"topic", "t"}, {"properties.bootstrap.servers", "b"},
                         {"key.format", "json"}, {"value.format", "json"}, {"key.fields-prefix", "k_"},
                         {"sink.buffer-flush.interval", "10s"}, {"sink.delivery-guarantee", "exactly-once"},
                         {"format", "json"}};
    validate(c, N(c), SQLKC_RT_ROLE_SINK, &f);
    assert_non_null(strstr(f.text, "A key prefix is not allowed when option 'value.fields-include' is set to 'ALL'."));
    assert_non_null(strstr(f.text, "'sink.buffer-flush.max-rows' and 'sink.buffer-flush.interval' must be set"));
    assert_non_null(strstr(f.text, "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE."));
    assert_non_null(strstr(f.text, "[8] unknown option 'format' for connector 'upsert-kafka'"));
}

static void option_lookup_and_durations(void **state)
{
    (void)state;
    sqlkc_rt_kv_t kv[] = {{"connector", "kafka"}, {"value.format", "csv"}, {"key.format", "raw"}};
    const sqlkc_rt_opt_def_t *d = sqlkc_rt_option_find(kv, N(kv), "value.csv.null-literal");
    assert_non_null(d);
    assert_string_equal(d->format, "csv");
    assert_true(d->flags & SQLKC_RT_OPT_COMPILED);
    assert_non_null(sqlkc_rt_option_find(kv, N(kv), "key.raw.endianness"));
    assert_null(sqlkc_rt_option_find(kv, N(kv), "csv.null-literal"));
    d = sqlkc_rt_option_find(kv, N(kv), "properties.fetch.min.bytes");
    assert_non_null(d);
    assert_false(d->flags & SQLKC_RT_OPT_COMPILED);
    long long ms;
    assert_int_equal(sqlkc_rt_parse_duration_ms("5 min", &ms), 0);
    assert_int_equal(ms, 300000);
    assert_int_equal(sqlkc_rt_parse_duration_ms("10s", &ms), 0);
    assert_int_equal(ms, 10000);
    assert_int_equal(sqlkc_rt_parse_duration_ms("250", &ms), 0);
    assert_int_equal(ms, 250);
    assert_int_equal(sqlkc_rt_parse_duration_ms("1 h", &ms), 0);
    assert_int_equal(ms, 3600000);
    assert_int_not_equal(sqlkc_rt_parse_duration_ms("soon", &ms), 0);
    assert_int_not_equal(sqlkc_rt_parse_duration_ms("-5 s", &ms), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_tables_are_valid),
        cmocka_unit_test(unknown_options_are_named),
        cmocka_unit_test(types_and_enums),
        cmocka_unit_test(flink_rules),
        cmocka_unit_test(option_lookup_and_durations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
