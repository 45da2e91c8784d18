/* This file validates connector and format options against options.def, for
 * the compiler (CREATE TABLE ... WITH) and for the job (--set), so that both
 * refuse exactly the same things with the same messages. */
#include "sqlkc/options.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define K SQLKC_RT_OPT_KAFKA
#define U SQLKC_RT_OPT_UPSERT
#define F SQLKC_RT_OPT_FORMAT
#define REQ SQLKC_RT_OPT_REQUIRED
#define CMP SQLKC_RT_OPT_COMPILED
#define PFX SQLKC_RT_OPT_PREFIX
#define OPT(name, fmt, where, flags, type, def, allowed, help) \
    {name, fmt, where, flags, SQLKC_RT_OPT_##type, def, allowed, help},
const sqlkc_rt_opt_def_t sqlkc_rt_opt_defs[] = {
#include "sqlkc/options.def"
    {NULL, NULL, 0, 0, SQLKC_RT_OPT_STRING, NULL, NULL, NULL},
};
#undef OPT

static const char *const known_formats[] = {"avro", "avro-confluent", "csv", "json", "raw"};
#define NFORMATS (sizeof known_formats / sizeof known_formats[0])

const char *sqlkc_rt_kv_get(const sqlkc_rt_kv_t *opts, size_t n, const char *key)
{
    /* The last occurrence wins, as in a Java map built from the WITH list. */
    const char *v = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].key, key) == 0)
            v = opts[i].value;
    return v;
}

static size_t levenshtein(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = prev + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

const char *sqlkc_rt_closest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t limit = strlen(word) / 3 + 1;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = levenshtein(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

int sqlkc_rt_parse_duration_ms(const char *text, long long *ms)
{
    /* Flink's TimeUtils.parseDuration: a number, optional spaces, optional unit. */
    static const struct {
        const char *unit;
        long long num, den; /* ms = value * num / den */
    } units[] = {
        {"ns", 1, 1000000},      {"nano", 1, 1000000},    {"nanos", 1, 1000000},
        {"nanosecond", 1, 1000000}, {"nanoseconds", 1, 1000000},
        {"us", 1, 1000},         {"micro", 1, 1000},      {"micros", 1, 1000},
        {"microsecond", 1, 1000}, {"microseconds", 1, 1000},
        {"ms", 1, 1},            {"milli", 1, 1},         {"millis", 1, 1},
        {"millisecond", 1, 1},   {"milliseconds", 1, 1},
        {"s", 1000, 1},          {"sec", 1000, 1},        {"secs", 1000, 1},
        {"second", 1000, 1},     {"seconds", 1000, 1},
        {"m", 60000, 1},         {"min", 60000, 1},       {"mins", 60000, 1},
        {"minute", 60000, 1},    {"minutes", 60000, 1},
        {"h", 3600000, 1},       {"hour", 3600000, 1},    {"hours", 3600000, 1},
        {"d", 86400000, 1},      {"day", 86400000, 1},    {"days", 86400000, 1},
    };
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (!isdigit((unsigned char)*p))
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(p, &end, 10);
    if (errno)
        return -1;
    p = end;
    while (isspace((unsigned char)*p))
        p++;
    size_t ulen = strlen(p);
    while (ulen > 0 && isspace((unsigned char)p[ulen - 1]))
        ulen--;
    if (ulen == 0) {
        *ms = v;
        return 0;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].unit) == ulen && strncasecmp(p, units[i].unit, ulen) == 0) {
            if (v > __LONG_LONG_MAX__ / units[i].num)
                return -1;
            *ms = v * units[i].num / units[i].den;
            return 0;
        }
    }
    return -1;
}

/* The format behind a prefix of this option set, e.g. "value.json." -> json. */
typedef struct fmt_slot {
    const char *opt;    /* "format", "value.format" or "key.format" */
    const char *prefix; /* option prefix for this format's options */
    const char *format; /* the format name */
    char buf[64];
} fmt_slot_t;

static int known_format(const char *name)
{
    for (size_t i = 0; i < NFORMATS; i++)
        if (strcmp(known_formats[i], name) == 0)
            return 1;
    return 0;
}

static size_t collect_formats(const sqlkc_rt_kv_t *opts, size_t n, fmt_slot_t slots[3])
{
    static const char *const which[3] = {"format", "value.format", "key.format"};
    static const char *const pfx[3] = {"", "value.", "key."};
    size_t k = 0;
    for (int i = 0; i < 3; i++) {
        const char *f = sqlkc_rt_kv_get(opts, n, which[i]);
        if (!f || !known_format(f))
            continue;
        slots[k].opt = which[i];
        slots[k].format = f;
        snprintf(slots[k].buf, sizeof slots[k].buf, "%s%s.", pfx[i], f);
        slots[k].prefix = slots[k].buf;
        k++;
    }
    return k;
}

static int conn_bit(const char *connector)
{
    if (!connector)
        return 0;
    if (strcmp(connector, "kafka") == 0)
        return K;
    if (strcmp(connector, "upsert-kafka") == 0)
        return U;
    return 0;
}

static const sqlkc_rt_opt_def_t *find_def(int conn, const fmt_slot_t *slots, size_t nslots,
                                          const char *key)
{
    for (const sqlkc_rt_opt_def_t *d = sqlkc_rt_opt_defs; d->name; d++) {
        if (d->format || !(d->where & conn))
            continue;
        if (d->flags & PFX) {
            if (strncmp(key, d->name, strlen(d->name)) == 0 && key[strlen(d->name)])
                return d;
        } else if (strcmp(key, d->name) == 0) {
            return d;
        }
    }
    for (size_t s = 0; s < nslots; s++) {
        size_t pl = strlen(slots[s].prefix);
        if (strncmp(key, slots[s].prefix, pl) != 0)
            continue;
        const char *rest = key + pl;
        for (const sqlkc_rt_opt_def_t *d = sqlkc_rt_opt_defs; d->name; d++) {
            if (!d->format || strcmp(d->format, slots[s].format) != 0)
                continue;
            if (d->flags & PFX) {
                if (strncmp(rest, d->name, strlen(d->name)) == 0 && rest[strlen(d->name)])
                    return d;
            } else if (strcmp(rest, d->name) == 0) {
                return d;
            }
        }
    }
    return NULL;
}

const sqlkc_rt_opt_def_t *sqlkc_rt_option_find(const sqlkc_rt_kv_t *opts, size_t n,
                                               const char *key)
{
    fmt_slot_t slots[3];
    size_t ns = collect_formats(opts, n, slots);
    return find_def(conn_bit(sqlkc_rt_kv_get(opts, n, "connector")), slots, ns, key);
}

typedef struct vctx {
    const sqlkc_rt_kv_t *opts;
    size_t n;
    sqlkc_rt_opt_report_fn report;
    void *arg;
    int errors;
} vctx_t;

static void fail(vctx_t *v, size_t idx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(vctx_t *v, size_t idx, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    v->errors++;
    if (v->report)
        v->report(v->arg, idx, msg);
}

static size_t index_of(const vctx_t *v, const char *key)
{
    size_t idx = (size_t)-1;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->opts[i].key, key) == 0)
            idx = i;
    return idx;
}

static int enum_match(const char *allowed, const char *value)
{
    const char *p = allowed;
    size_t vl = strlen(value);
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == vl && strncasecmp(p, value, len) == 0)
            return 1;
        p += len + (bar ? 1 : 0);
    }
    return 0;
}

static void allowed_list(const char *allowed, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = allowed; *p && k + 3 < cap; p++) {
        if (*p == '|') {
            out[k++] = ',';
            out[k++] = ' ';
        } else {
            out[k++] = *p;
        }
    }
    out[k] = 0;
}

/* Java-unescaped length of a one-character option ('\t', U&'\0001' arrive unescaped). */
static int one_char(const char *s)
{
    if (s[0] == 0)
        return 0;
    if (s[1] == 0)
        return 1;
    if (s[0] == '\\' && s[2] == 0 && strchr("tnrbf0\\'\"", s[1]))
        return 1;
    /* a single UTF-8 code point counts as one Java char when in the BMP */
    unsigned char c = (unsigned char)s[0];
    size_t len = c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return strlen(s) == len && c < 0xF0;
}

static void check_type(vctx_t *v, size_t i, const sqlkc_rt_opt_def_t *d)
{
    const char *key = v->opts[i].key, *val = v->opts[i].value;
    char *end;
    switch (d->type) {
    case SQLKC_RT_OPT_BOOL:
        if (strcasecmp(val, "true") != 0 && strcasecmp(val, "false") != 0)
            fail(v, i, "invalid value '%s' for option '%s': expected true or false", val, key);
        break;
    case SQLKC_RT_OPT_INT:
    case SQLKC_RT_OPT_LONG: {
        errno = 0;
        long long x = strtoll(val, &end, 10);
        int bad = errno || end == val || *end;
        if (!bad && d->type == SQLKC_RT_OPT_INT && (x < -2147483648LL || x > 2147483647LL))
            bad = 1;
        if (bad)
            fail(v, i, "invalid value '%s' for option '%s': expected %s", val, key,
                 d->type == SQLKC_RT_OPT_INT ? "an integer" : "a long integer");
        break;
    }
    case SQLKC_RT_OPT_DURATION: {
        long long ms;
        if (sqlkc_rt_parse_duration_ms(val, &ms) != 0)
            fail(v, i, "invalid value '%s' for option '%s': expected a duration such as '500 ms', "
                       "'10 s' or '5 min'", val, key);
        break;
    }
    case SQLKC_RT_OPT_ENUM:
        if (!enum_match(d->allowed, val)) {
            char list[256];
            allowed_list(d->allowed, list, sizeof list);
            fail(v, i, "invalid value '%s' for option '%s'; expected one of: %s", val, key, list);
        }
        break;
    case SQLKC_RT_OPT_CHAR:
        if (!one_char(val))
            fail(v, i, "option '%s' must be a string with single character, but was: %s", key, val);
        break;
    case SQLKC_RT_OPT_STRING:
        break;
    }
}

static int parse_offsets(const char *s)
{
    /* partition:0,offset:42;partition:1,offset:300 */
    const char *p = s;
    if (!*p)
        return -1;
    for (;;) {
        char *end;
        if (strncmp(p, "partition:", 10) != 0)
            return -1;
        p += 10;
        if (!isdigit((unsigned char)*p))
            return -1;
        strtol(p, &end, 10);
        p = end;
        if (strncmp(p, ",offset:", 8) != 0)
            return -1;
        p += 8;
        if (!isdigit((unsigned char)*p))
            return -1;
        strtoll(p, &end, 10);
        p = end;
        if (*p == 0)
            return 0;
        if (*p != ';')
            return -1;
        p++;
        if (*p == 0)
            return 0;
    }
}

static void check_mode(vctx_t *v, const char *what /* startup|bounded */)
{
    char key[64], ts[64], so[64];
    snprintf(key, sizeof key, "scan.%s.mode", what);
    snprintf(ts, sizeof ts, "scan.%s.timestamp-millis", what);
    snprintf(so, sizeof so, "scan.%s.specific-offsets", what);
    const char *mode = sqlkc_rt_kv_get(v->opts, v->n, key);
    if (mode && strcasecmp(mode, "timestamp") == 0 && !sqlkc_rt_kv_get(v->opts, v->n, ts))
        fail(v, index_of(v, key), "'%s' is required in 'timestamp' %s mode but missing.", ts, what);
    if (mode && strcasecmp(mode, "specific-offsets") == 0) {
        const char *offs = sqlkc_rt_kv_get(v->opts, v->n, so);
        if (!offs)
            fail(v, index_of(v, key), "'%s' is required in 'specific-offsets' %s mode but missing.",
                 so, what);
        const char *topic = sqlkc_rt_kv_get(v->opts, v->n, "topic");
        if (offs && (!topic || strchr(topic, ';') || sqlkc_rt_kv_get(v->opts, v->n, "topic-pattern")))
            fail(v, index_of(v, so), "Currently Kafka source only supports specific offset for single topic.");
    }
    const char *offs = sqlkc_rt_kv_get(v->opts, v->n, so);
    if (offs && parse_offsets(offs) != 0)
        fail(v, index_of(v, so), "Invalid properties '%s' should follow the format "
             "'partition:0,offset:42;partition:1,offset:300', but is '%s'.", so, offs);
}

static void unknown_option(vctx_t *v, size_t i, int conn, const char *connector,
                           const fmt_slot_t *slots, size_t ns)
{
    const char *key = v->opts[i].key;
    const char *cands[128];
    char storage[64][96];
    size_t nc = 0, ns_used = 0;
    for (const sqlkc_rt_opt_def_t *d = sqlkc_rt_opt_defs; d->name && nc < 128; d++) {
        if (!d->format && (d->where & conn) && !(d->flags & PFX))
            cands[nc++] = d->name;
        if (d->format) {
            for (size_t s = 0; s < ns && ns_used < 64; s++) {
                if (strcmp(d->format, slots[s].format) != 0 || (d->flags & PFX))
                    continue;
                snprintf(storage[ns_used], sizeof storage[0], "%s%s", slots[s].prefix, d->name);
                cands[nc++] = storage[ns_used++];
            }
        }
    }
    const char *near = sqlkc_rt_closest(key, cands, nc);
    if (near)
        fail(v, i, "unknown option '%s' for connector '%s'; did you mean '%s'?", key, connector, near);
    else if (conn == U && strcmp(key, "format") == 0)
        fail(v, i, "unknown option 'format' for connector 'upsert-kafka'; upsert-kafka takes "
                   "'key.format' and 'value.format'");
    else if (conn == U && strcmp(key, "key.fields") == 0)
        fail(v, i, "unknown option 'key.fields' for connector 'upsert-kafka'; the key columns "
                   "are the PRIMARY KEY");
    else if (conn == U && strncmp(key, "scan.startup.", 13) == 0)
        fail(v, i, "unknown option '%s' for connector 'upsert-kafka'; an upsert-kafka source "
                   "always reads from the earliest offset", key);
    else
        fail(v, i, "unknown option '%s' for connector '%s'", key, connector);
}

/* A required option is missing (msg says which). When a key that is set is a
 * typo of it, the error points there with "did you mean"; when that key was
 * already reported as unknown, which suggested the right name, nothing more
 * is said: one mistake, one error. */
static void missing(vctx_t *v, int conn, const fmt_slot_t *slots, size_t ns, const char *want, const char *msg)
{
    const char *keys[256];
    size_t nk = 0;
    for (size_t i = 0; i < v->n && nk < 256; i++)
        keys[nk++] = v->opts[i].key;
    const char *near = sqlkc_rt_closest(want, keys, nk);
    if (!near) {
        fail(v, (size_t)-1, "%s", msg);
        return;
    }
    if (!find_def(conn, slots, ns, near))
        return; /* reported as an unknown option, with its suggestion */
    fail(v, index_of(v, near), "%s; '%s' is set: did you mean '%s'?", msg, near, want);
}

int sqlkc_rt_options_validate(const sqlkc_rt_kv_t *opts, size_t n, int role,
                              sqlkc_rt_opt_report_fn report, void *arg)
{
    vctx_t v = {opts, n, report, arg, 0};
    const char *connector = sqlkc_rt_kv_get(opts, n, "connector");
    if (!connector) {
        fail(&v, (size_t)-1, "missing required option 'connector'");
        return v.errors;
    }
    int conn = conn_bit(connector);
    if (!conn) {
        static const char *const conns[] = {"kafka", "upsert-kafka"};
        const char *near = sqlkc_rt_closest(connector, conns, 2);
        if (near)
            fail(&v, index_of(&v, "connector"),
                 "unknown connector '%s'; did you mean '%s'? (supported: kafka, upsert-kafka)",
                 connector, near);
        else
            fail(&v, index_of(&v, "connector"),
                 "unknown connector '%s' (supported: kafka, upsert-kafka)", connector);
        return v.errors;
    }

    /* format names */
    static const char *const fkeys[3] = {"format", "value.format", "key.format"};
    for (int f = 0; f < 3; f++) {
        const char *name = sqlkc_rt_kv_get(opts, n, fkeys[f]);
        if (!name || known_format(name))
            continue;
        const char *near = sqlkc_rt_closest(name, known_formats, NFORMATS);
        if (near)
            fail(&v, index_of(&v, fkeys[f]), "unknown format '%s'; did you mean '%s'? "
                 "(supported: avro, avro-confluent, csv, json, raw)", name, near);
        else
            fail(&v, index_of(&v, fkeys[f]),
                 "unknown format '%s' (supported: avro, avro-confluent, csv, json, raw)", name);
    }

    fmt_slot_t slots[3];
    size_t ns = collect_formats(opts, n, slots);
    for (size_t i = 0; i < n; i++) {
        const sqlkc_rt_opt_def_t *d = find_def(conn, slots, ns, opts[i].key);
        if (!d)
            unknown_option(&v, i, conn, connector, slots, ns);
        else
            check_type(&v, i, d);
    }

    /* required options */
    for (const sqlkc_rt_opt_def_t *d = sqlkc_rt_opt_defs; d->name; d++)
        if (!d->format && (d->where & conn) && (d->flags & REQ) && !sqlkc_rt_kv_get(opts, n, d->name)) {
            char msg[256];
            snprintf(msg, sizeof msg, "missing required option '%s' for connector '%s'", d->name, connector);
            missing(&v, conn, slots, ns, d->name, msg);
        }
    const char *topic = sqlkc_rt_kv_get(opts, n, "topic");
    const char *pattern = sqlkc_rt_kv_get(opts, n, "topic-pattern");
    if (topic && pattern)
        fail(&v, index_of(&v, "topic-pattern"), "Option 'topic' and 'topic-pattern' shouldn't be set together.");
    if (!topic && !pattern)
        missing(&v, conn, slots, ns, "topic", "Either 'topic' or 'topic-pattern' must be set.");
    if ((role & SQLKC_RT_ROLE_SINK) && pattern)
        fail(&v, index_of(&v, "topic-pattern"),
             "a sink needs a single 'topic'; 'topic-pattern' can only be read");
    if ((role & SQLKC_RT_ROLE_SINK) && topic && strchr(topic, ';'))
        fail(&v, index_of(&v, "topic"), "a sink writes a single topic, but 'topic' is a list: '%s'", topic);

    const char *fmt = sqlkc_rt_kv_get(opts, n, "format");
    const char *vfmt = sqlkc_rt_kv_get(opts, n, "value.format");
    const char *kfmt = sqlkc_rt_kv_get(opts, n, "key.format");
    if (conn == K) {
        if (fmt && vfmt)
            fail(&v, index_of(&v, "value.format"),
                 "options 'format' and 'value.format' are the same option; set only one of them");
        else if (!fmt && !vfmt)
            missing(&v, conn, slots, ns, "format", (role & SQLKC_RT_ROLE_SOURCE)
                                                       ? "Could not find required scan format 'value.format'."
                                                       : "Could not find required sink format 'value.format'.");
        const char *kf = sqlkc_rt_kv_get(opts, n, "key.fields");
        if (kf && !kfmt)
            fail(&v, index_of(&v, "key.fields"), "The option 'key.fields' can only be declared if a key "
                 "format is defined using 'key.format'.");
        if (kfmt && (!kf || !*kf))
            fail(&v, index_of(&v, "key.format"), "A key format 'key.format' requires the declaration of "
                 "one or more of key fields using 'key.fields'.");
        const char *part = sqlkc_rt_kv_get(opts, n, "sink.partitioner");
        if (part && !*part)
            fail(&v, index_of(&v, "sink.partitioner"), "Option 'sink.partitioner' should be a non-empty string.");
        else if (part && strcmp(part, "round-robin") == 0 && kf)
            fail(&v, index_of(&v, "sink.partitioner"), "Currently 'round-robin' partitioner only works when "
                 "option 'key.fields' is not specified.");
        check_mode(&v, "startup");
    } else {
        if (!kfmt)
            missing(&v, conn, slots, ns, "key.format", "missing required option 'key.format' for connector 'upsert-kafka'");
        if (!vfmt)
            missing(&v, conn, slots, ns, "value.format",
                    "missing required option 'value.format' for connector 'upsert-kafka'");
        const char *rows = sqlkc_rt_kv_get(opts, n, "sink.buffer-flush.max-rows");
        const char *intv = sqlkc_rt_kv_get(opts, n, "sink.buffer-flush.interval");
        long long r = rows ? atoll(rows) : 0, ms = 0;
        if (intv && sqlkc_rt_parse_duration_ms(intv, &ms) != 0)
            ms = 0;
        if ((r > 0) != (ms > 0))
            fail(&v, index_of(&v, r > 0 ? "sink.buffer-flush.max-rows" : "sink.buffer-flush.interval"),
                 "'sink.buffer-flush.max-rows' and 'sink.buffer-flush.interval' must be set to be "
                 "greater than zero together to enable sink buffer flushing.");
    }
    check_mode(&v, "bounded");

    const char *prefix = sqlkc_rt_kv_get(opts, n, "key.fields-prefix");
    const char *include = sqlkc_rt_kv_get(opts, n, "value.fields-include");
    if (prefix && *prefix && (!include || strcasecmp(include, "ALL") == 0))
        fail(&v, index_of(&v, "key.fields-prefix"), "A key prefix is not allowed when option "
             "'value.fields-include' is set to 'ALL'. Set it to 'EXCEPT_KEY' instead to avoid field overlaps.");

    const char *dg = sqlkc_rt_kv_get(opts, n, "sink.delivery-guarantee");
    if (!dg)
        dg = sqlkc_rt_kv_get(opts, n, "sink.semantic");
    if ((role & SQLKC_RT_ROLE_SINK) && dg && strcasecmp(dg, "exactly-once") == 0 &&
        !sqlkc_rt_kv_get(opts, n, "sink.transactional-id-prefix"))
        fail(&v, index_of(&v, sqlkc_rt_kv_get(opts, n, "sink.delivery-guarantee") ? "sink.delivery-guarantee"
                                                                                   : "sink.semantic"),
             "sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.");

    /* per-format rules */
    for (size_t s = 0; s < ns; s++) {
        char k1[128], k2[128];
        if (strcmp(slots[s].format, "json") == 0) {
            snprintf(k1, sizeof k1, "%sfail-on-missing-field", slots[s].prefix);
            snprintf(k2, sizeof k2, "%signore-parse-errors", slots[s].prefix);
            const char *a = sqlkc_rt_kv_get(opts, n, k1), *b = sqlkc_rt_kv_get(opts, n, k2);
            if (a && b && strcasecmp(a, "true") == 0 && strcasecmp(b, "true") == 0)
                fail(&v, index_of(&v, k2), "fail-on-missing-field and ignore-parse-errors shouldn't both be true.");
        } else if (strcmp(slots[s].format, "csv") == 0) {
            snprintf(k1, sizeof k1, "%squote-character", slots[s].prefix);
            snprintf(k2, sizeof k2, "%sdisable-quote-character", slots[s].prefix);
            const char *b = sqlkc_rt_kv_get(opts, n, k2);
            if (sqlkc_rt_kv_get(opts, n, k1) && b && strcasecmp(b, "true") == 0)
                fail(&v, index_of(&v, k1), "Format cannot define a quote character and disabled quote "
                     "character at the same time.");
        } else if (strcmp(slots[s].format, "avro-confluent") == 0) {
            snprintf(k1, sizeof k1, "%surl", slots[s].prefix);
            snprintf(k2, sizeof k2, "%sschema-registry.url", slots[s].prefix);
            if (!sqlkc_rt_kv_get(opts, n, k1) && !sqlkc_rt_kv_get(opts, n, k2))
                fail(&v, index_of(&v, slots[s].opt), "missing required option '%s' of format 'avro-confluent'", k1);
        }
    }
    return v.errors;
}
