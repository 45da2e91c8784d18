/* This file checks SET and RESET: the keys sqlkc applies are validated and
 * kept in the plan; a key Flink knows that sqlkc does not apply, and a key
 * Flink does not know, get a warning saying so (with "did you mean"), so that
 * nothing a job file sets is ignored without a word. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "sqlkc/options.h"

typedef struct flink_key {
    const char *key;
    const char *deprecated_of; /* the current key, for a deprecated one */
} flink_key_t;

static const flink_key_t flink_keys[] = {
#define FLINK_KEY(k, of) {k, of},
#include "flink_keys.def"
#undef FLINK_KEY
};

/* The keys whose values sqlkc uses, with what they take. */
typedef struct honoured {
    const char *key;
    const char *values; /* an enum's values ("A|B"), or NULL */
    int kind;           /* what the value must be */
} honoured_t;

enum { V_ENUM, V_BOOL, V_DURATION, V_POSITIVE_DURATION, V_COUNT, V_POSITIVE, V_DIR };

static const honoured_t honoured[] = {
    {"execution.checkpointing.dir", NULL, V_DIR},
    {"execution.checkpointing.interval", NULL, V_POSITIVE_DURATION},
    {"execution.checkpointing.num-retained", NULL, V_POSITIVE},
    {"execution.state-recovery.ignore-unclaimed-state", NULL, V_BOOL},
    {"table.dynamic-table-options.enabled", NULL, V_BOOL},
    {"table.exec.mini-batch.allow-latency", NULL, V_DURATION},
    {"table.exec.mini-batch.enabled", NULL, V_BOOL},
    {"table.exec.mini-batch.size", NULL, V_COUNT},
    {"table.exec.sink.not-null-enforcer", "ERROR|DROP", V_ENUM},
    {"table.exec.sink.upsert-materialize", "NONE|AUTO|FORCE", V_ENUM},
};

static const flink_key_t *find_flink_key(const char *key)
{
    for (size_t i = 0; i < sizeof flink_keys / sizeof flink_keys[0]; i++)
        if (strcmp(flink_keys[i].key, key) == 0)
            return &flink_keys[i];
    return NULL;
}

static const honoured_t *find_honoured(const char *key)
{
    for (size_t i = 0; i < sizeof honoured / sizeof honoured[0]; i++)
        if (strcmp(honoured[i].key, key) == 0)
            return &honoured[i];
    return NULL;
}

static bool valid_value(an_t *an, const honoured_t *h, const ast_t *n)
{
    const char *v = n->text2;
    long long ms;
    switch (h->kind) {
    case V_ENUM: {
        const char *allowed = arena_printf(an->arena, "|%s|", h->values);
        char *u = arena_printf(an->arena, "|%s|", v);
        for (char *p = u; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        if (!strchr(v, '|') && strstr(allowed, u))
            return true;
        char *list = arena_printf(an->arena, "%s%s", h->values, h->values), *w = list; /* room for ", " */
        for (const char *p = h->values; *p; p++) { /* ERROR|DROP: ERROR, DROP */
            if (*p == '|') {
                *w++ = ',';
                *w++ = ' ';
            } else {
                *w++ = *p;
            }
        }
        *w = 0;
        diag_error(an->diag, n->b_loc, "invalid value '%s' for '%s'; expected one of: %s", v, h->key, list);
        return false;
    }
    case V_BOOL:
        if (strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0)
            return true;
        diag_error(an->diag, n->b_loc, "invalid value '%s' for '%s'; expected true or false", v, h->key);
        return false;
    case V_DURATION:
    case V_POSITIVE_DURATION:
        if (sqlkc_rt_parse_duration_ms(v, &ms) == 0 && (h->kind == V_DURATION ? ms >= 0 : ms > 0))
            return true;
        diag_error(an->diag, n->b_loc, "invalid value '%s' for '%s': expected a %s", v, h->key,
                   h->kind == V_POSITIVE_DURATION ? "positive duration such as '10 s' or '1 min'"
                                                  : "duration such as '5 s'");
        return false;
    case V_COUNT:
    case V_POSITIVE: {
        char *end;
        errno = 0;
        long long c = strtoll(v, &end, 10);
        if (!errno && end != v && !*end && (h->kind == V_COUNT || c > 0))
            return true;
        diag_error(an->diag, n->b_loc, "invalid value '%s' for '%s': expected a %s", v, h->key,
                   h->kind == V_COUNT ? "number of rows" : "positive number");
        return false;
    }
    case V_DIR: {
        /* a path or a file:// URI: the job writes its checkpoints itself */
        const char *colon = strstr(v, "://");
        if (*v && (!colon || strncmp(v, "file://", 7) == 0))
            return true;
        diag_error(an->diag, n->b_loc, "invalid value '%s' for '%s': sqlkc keeps checkpoints in a local "
                   "directory, a path or a file:// URI (%.*s is Flink's checkpoint storage)", v, h->key,
                   colon ? (int)(colon - v) : 0, v);
        return false;
    }
    }
    return false;
}

static void put_setting(an_t *an, const char *key, const char *value)
{
    plan_t *p = an->plan;
    for (int i = 0; i < p->nsettings; i++)
        if (strcmp(p->settings[i].key, key) == 0) {
            p->settings[i].value = value;
            return;
        }
    p->settings = arena_grow(an->arena, p->settings, p->nsettings, &an->capsettings, sizeof(sqlkc_rt_kv_t), 16);
    p->settings[p->nsettings].key = key;
    p->settings[p->nsettings].value = value;
    p->nsettings++;
}

/* s inside a SQL string literal: quotes doubled. */
static const char *sql_quoted(an_t *an, const char *s)
{
    size_t n = strlen(s), q = 0;
    for (size_t i = 0; i < n; i++)
        q += s[i] == '\'';
    char *r = arena_alloc(an->arena, n + q + 1), *w = r;
    for (size_t i = 0; i < n; i++) {
        *w++ = s[i];
        if (s[i] == '\'')
            *w++ = '\'';
    }
    *w = 0;
    return r;
}

void an_set(an_t *an, const ast_t *n)
{
    if (!n->text) {
        diag_error(an->diag, n->loc, "SET without a key and value lists the configuration in Flink's SQL "
                   "client; in a job file it has no meaning");
        return;
    }
    if (n->flag) /* Flink 1.12's SQL client read SET key=value; 1.13 quoted both */
        diag_warning(an->diag, n->loc, "SET %s=%s is the syntax of Flink 1.12's SQL client; Flink 1.13 and later "
                     "expect SET '%s' = '%s'", n->text, n->text2, sql_quoted(an, n->text), sql_quoted(an, n->text2));
    const char *key = n->text;
    const flink_key_t *fk = find_flink_key(key);
    if (fk && fk->deprecated_of) {
        diag_warning(an->diag, n->loc, "'%s' is deprecated in Flink; its current name is '%s'", key, fk->deprecated_of);
        key = fk->deprecated_of;
    }
    const honoured_t *h = find_honoured(key);
    if (h) {
        /* kept even when invalid (the error is reported here): what depends on
         * it then reports nothing more */
        valid_value(an, h, n);
        put_setting(an, key, n->text2);
        if (strcmp(key, "table.exec.mini-batch.enabled") == 0)
            an->minibatch_loc = n->loc;
        return;
    }
    if (fk || find_flink_key(key)) {
        diag_warning(an->diag, n->loc, "'%s' is a Flink option that sqlkc does not apply; it has no effect on "
                     "this job", key);
        return;
    }
    /* the options of a Flink cluster (deployment, processes, memory, HA,
     * REST, metrics reporters, file systems): listed by family, not by key */
    static const char *const cluster[] = {
        "execution.target", "taskmanager.", "jobmanager.", "high-availability", "yarn.", "kubernetes.", "rest.",
        "metrics.", "security.", "pekko.", "akka.", "blob.", "cluster.", "heartbeat.", "web.", "historyserver.",
        "resourcemanager.", "slotmanager.", "slot.", "python.", "fs.", "s3.", "s3a.", "io.tmp.dirs", "env.",
        "deployment.", "external-resources", "restart-strategy", "process.", "rpc."};
    for (size_t i = 0; i < sizeof cluster / sizeof cluster[0]; i++)
        if (strncmp(key, cluster[i], strlen(cluster[i])) == 0) {
            diag_warning(an->diag, n->loc, "'%s' configures a Flink cluster; a sqlkc job runs without one, and it "
                         "has no effect", key);
            return;
        }
    const char *cands[sizeof flink_keys / sizeof flink_keys[0]];
    for (size_t i = 0; i < sizeof flink_keys / sizeof flink_keys[0]; i++)
        cands[i] = flink_keys[i].key;
    const char *near = sqlkc_rt_closest(key, cands, sizeof cands / sizeof cands[0]);
    if (near)
        diag_warning(an->diag, n->loc, "unknown option '%s'; did you mean '%s'? (it has no effect on this job)", key,
                     near);
    else
        diag_warning(an->diag, n->loc, "unknown option '%s' (it has no effect on this job)", key);
}

void an_reset(an_t *an, const ast_t *n)
{
    plan_t *p = an->plan;
    int k = 0;
    for (int i = 0; i < p->nsettings; i++)
        if (n->text && strcmp(p->settings[i].key, n->text) != 0)
            p->settings[k++] = p->settings[i];
    p->nsettings = k;
}

const char *an_setting(an_t *an, const char *key)
{
    for (int i = 0; i < an->plan->nsettings; i++)
        if (strcmp(an->plan->settings[i].key, key) == 0)
            return an->plan->settings[i].value;
    return NULL;
}
