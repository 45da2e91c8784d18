/* This file is the job's command line: parsing argv, applying
 * --bootstrap-servers and --set on top of the WITH clauses (validated with the
 * same option table the compiler uses), and the --help and --version texts.
 * It never touches Kafka, so the unit tests drive it directly. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <librdkafka/rdkafka.h>

#include "internal.h"

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        fputs("sqlkc runtime: out of memory\n", stderr);
        abort();
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("sqlkc runtime: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* ---- argv ---- */

/* Splits TABLE.OPTION=VALUE. The table may be written in backquotes (with ``
 * for a backquote inside), which is the only way to name a table whose name
 * contains a dot; otherwise the table ends at the first dot, since the
 * OPTION part (properties.bootstrap.servers) has dots of its own. */
static int parse_set(const char *text, rt_set_t *set)
{
    const char *p = text, *dot;
    char *table;

    if (*p == '`') {
        size_t cap = strlen(text) + 1, n = 0;
        table = xrealloc(NULL, cap);
        for (p++;; p++) {
            if (!*p) {
                free(table);
                return -1;
            }
            if (*p == '`') {
                if (p[1] != '`')
                    break;
                p++;
            }
            table[n++] = *p;
        }
        table[n] = '\0';
        p++; /* closing backquote */
        if (*p != '.' || n == 0) {
            free(table);
            return -1;
        }
        dot = p;
    } else {
        dot = strchr(p, '.');
        if (!dot || dot == p)
            return -1;
        table = xstrndup(p, (size_t)(dot - p));
    }
    const char *eq = strchr(dot + 1, '=');
    if (!eq || eq == dot + 1) {
        free(table);
        return -1;
    }
    set->table = table;
    set->key = xstrndup(dot + 1, (size_t)(eq - dot - 1));
    set->value = xstrdup(eq + 1);
    return 0;
}

static int parse_count(const char *text, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < 1)
        return -1;
    *out = v;
    return 0;
}

/* Matches "--name" and "--name=value"; a value in the next argument is taken
 * by the caller. Returns 0 no match, 1 bare, 2 with "=value" in *inline_val. */
static int match_opt(const char *arg, const char *name, const char **inline_val)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '\0')
        return 1;
    if (arg[n] == '=') {
        *inline_val = arg + n + 1;
        return 2;
    }
    return 0;
}

int rt_cli_parse(rt_cli_t *cli, int argc, char **argv, const char *prog, FILE *err)
{
    static const char *const with_value[] = {"--bootstrap-servers", "--set", "--bench-input",
                                             "--bench-repeat", "--state-dir"};
    int errors = 0;

    memset(cli, 0, sizeof *cli);
    cli->bench_repeat = 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;
        const char *name = NULL;
        int m = 0;

        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            cli->help = true;
            continue;
        }
        if (!strcmp(arg, "--version")) {
            cli->version = true;
            continue;
        }
        if (!strcmp(arg, "--bench-null-sink")) {
            cli->bench_null_sink = true;
            continue;
        }
        if (!strcmp(arg, "--from-scratch")) {
            cli->from_scratch = true;
            continue;
        }
        if (!strcmp(arg, "--allow-non-restored-state")) {
            cli->allow_non_restored = true;
            continue;
        }
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0] && !m; k++)
            if ((m = match_opt(arg, with_value[k], &val)))
                name = with_value[k];
        if (!m) {
            if (arg[0] == '-')
                fprintf(err, "%s: error: unknown option '%s' (try --help)\n", prog, arg);
            else
                fprintf(err, "%s: error: unexpected argument '%s' (try --help)\n", prog, arg);
            errors++;
            continue;
        }
        if (m == 1) {
            if (i + 1 >= argc) {
                fprintf(err, "%s: error: option '%s' needs a value\n", prog, name);
                errors++;
                break;
            }
            val = argv[++i];
        }

        if (!strcmp(name, "--bootstrap-servers")) {
            if (!*val) {
                fprintf(err, "%s: error: --bootstrap-servers needs a non-empty list\n", prog);
                errors++;
            }
            cli->bootstrap = val;
        } else if (!strcmp(name, "--set")) {
            rt_set_t set;
            if (parse_set(val, &set)) {
                fprintf(err, "%s: error: --set expects TABLE.OPTION=VALUE, got '%s'\n", prog, val);
                errors++;
                continue;
            }
            cli->sets = xrealloc(cli->sets, (cli->nsets + 1) * sizeof *cli->sets);
            cli->sets[cli->nsets++] = set;
        } else if (!strcmp(name, "--bench-input")) {
            const char *eq = strchr(val, '=');
            if (!eq || eq == val || !eq[1]) {
                fprintf(err, "%s: error: --bench-input expects TABLE=FILE, got '%s'\n", prog, val);
                errors++;
                continue;
            }
            cli->bench_inputs =
                xrealloc(cli->bench_inputs, (cli->nbench_inputs + 1) * sizeof *cli->bench_inputs);
            cli->bench_inputs[cli->nbench_inputs].table = xstrndup(val, (size_t)(eq - val));
            cli->bench_inputs[cli->nbench_inputs].file = xstrdup(eq + 1);
            cli->nbench_inputs++;
        } else if (!strcmp(name, "--state-dir")) {
            if (!*val) {
                fprintf(err, "%s: error: --state-dir needs a directory\n", prog);
                errors++;
            }
            cli->state_dir = val;
        } else { /* --bench-repeat */
            if (parse_count(val, &cli->bench_repeat)) {
                fprintf(err, "%s: error: --bench-repeat expects a positive number, got '%s'\n",
                        prog, val);
                errors++;
            }
        }
    }
    return errors ? -1 : 0;
}

void rt_cli_free(rt_cli_t *cli)
{
    for (size_t i = 0; i < cli->nsets; i++) {
        free(cli->sets[i].table);
        free(cli->sets[i].key);
        free(cli->sets[i].value);
    }
    free(cli->sets);
    for (size_t i = 0; i < cli->nbench_inputs; i++) {
        free(cli->bench_inputs[i].table);
        free(cli->bench_inputs[i].file);
    }
    free(cli->bench_inputs);
    memset(cli, 0, sizeof *cli);
}

/* ---- effective options ---- */

void rt_opts_set(rt_opts_t *opts, const char *key, const char *value, bool from_cli)
{
    /* Keys are case-sensitive, as in Flink's option maps and sqlkc_rt_kv_get. */
    for (size_t i = 0; i < opts->n; i++) {
        if (strcmp(opts->kv[i].key, key) == 0) {
            free((char *)opts->kv[i].value);
            opts->kv[i].value = xstrdup(value);
            opts->from_cli[i] = from_cli;
            return;
        }
    }
    if (opts->n == opts->cap) {
        opts->cap = opts->cap ? opts->cap * 2 : 16;
        opts->kv = xrealloc(opts->kv, opts->cap * sizeof *opts->kv);
        opts->from_cli = xrealloc(opts->from_cli, opts->cap * sizeof *opts->from_cli);
    }
    opts->kv[opts->n].key = xstrdup(key);
    opts->kv[opts->n].value = xstrdup(value);
    opts->from_cli[opts->n] = from_cli;
    opts->n++;
}

void rt_opts_free(rt_opts_t *opts)
{
    for (size_t i = 0; i < opts->n; i++) {
        free((char *)opts->kv[i].key);
        free((char *)opts->kv[i].value);
    }
    free(opts->kv);
    free(opts->from_cli);
    memset(opts, 0, sizeof *opts);
}

const char *rt_opt_or_default(const rt_opts_t *opts, const char *key)
{
    const char *v = sqlkc_rt_kv_get(opts->kv, opts->n, key);
    if (v)
        return v;
    const sqlkc_rt_opt_def_t *d = sqlkc_rt_option_find(opts->kv, opts->n, key);
    return d ? d->def : NULL;
}

static char *unquote(const char *s)
{
    size_t n = strlen(s), j = 0;
    char *out = xrealloc(NULL, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`') {
            if (i + 1 < n && s[i + 1] == '`')
                out[j++] = s[++i];
            continue;
        }
        out[j++] = s[i];
    }
    out[j] = '\0';
    return out;
}

size_t rt_table_lookup(const sqlkc_rt_job_def_t *def, const char *name)
{
    for (size_t t = 0; t < def->ntables; t++)
        if (strcmp(def->tables[t].name, name) == 0)
            return t;
    /* The declared name may carry backquotes (`my-table`) that the user
     * leaves out, or the other way round. */
    char *want = unquote(name);
    size_t found = (size_t)-1;
    for (size_t t = 0; t < def->ntables && found == (size_t)-1; t++) {
        char *have = unquote(def->tables[t].name);
        if (strcmp(have, want) == 0)
            found = t;
        free(have);
    }
    free(want);
    return found;
}

static void table_list(const sqlkc_rt_job_def_t *def, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t t = 0; t < def->ntables && len < cap; t++) {
        bool seen = false; /* a hinted table's copies share its name */
        for (size_t u = 0; u < t; u++)
            seen = seen || strcmp(def->tables[u].name, def->tables[t].name) == 0;
        if (!seen)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", t ? ", " : "", def->tables[t].name);
    }
}

struct report_arg {
    const char *prog;
    const char *table;
    FILE *err;
};

static void report_validation(void *arg, size_t opt_index, const char *msg)
{
    struct report_arg *r = arg;
    (void)opt_index;
    fprintf(r->err, "%s: error: table '%s': %s\n", r->prog, r->table, msg);
}

int rt_apply_overrides(const sqlkc_rt_job_def_t *def, const rt_cli_t *cli, rt_opts_t *out,
                       const char *prog, FILE *err)
{
    int errors = 0;

    for (size_t t = 0; t < def->ntables; t++) {
        const sqlkc_rt_table_def_t *td = &def->tables[t];
        memset(&out[t], 0, sizeof out[t]);
        for (size_t i = 0; i < td->noptions; i++)
            rt_opts_set(&out[t], td->options[i].key, td->options[i].value, false);
        if (cli->bootstrap)
            rt_opts_set(&out[t], "properties.bootstrap.servers", cli->bootstrap, true);
    }
    for (size_t s = 0; s < cli->nsets; s++) {
        const rt_set_t *set = &cli->sets[s];
        size_t t = rt_table_lookup(def, set->table);
        if (t == (size_t)-1) {
            char names[1024];
            table_list(def, names, sizeof names);
            fprintf(err, "%s: error: unknown table '%s' in --set; tables: %s\n", prog, set->table,
                    names);
            errors++;
            continue;
        }
        const sqlkc_rt_opt_def_t *d = sqlkc_rt_option_find(out[t].kv, out[t].n, set->key);
        if (d && (d->flags & SQLKC_RT_OPT_COMPILED)) {
            fprintf(err,
                    "%s: error: option '%s' of table '%s' is compiled into the job; change the "
                    "DDL and rebuild\n",
                    prog, set->key, def->tables[t].name);
            errors++;
            continue;
        }
        /* a table read or written with OPTIONS hints is one table per use: all take it */
        for (size_t u = t; u < def->ntables; u++)
            if (strcmp(def->tables[u].name, def->tables[t].name) == 0)
                rt_opts_set(&out[u], set->key, set->value, true);
    }
    /* Validate every table, not only the overridden ones: the job then
     * refuses exactly what the compiler refuses, whatever produced it. */
    for (size_t t = 0; t < def->ntables; t++) {
        struct report_arg r = {prog, def->tables[t].name, err};
        errors += sqlkc_rt_options_validate(out[t].kv, out[t].n, def->tables[t].role,
                                            report_validation, &r);
    }
    return errors;
}

int rt_check_bench_inputs(const sqlkc_rt_job_def_t *def, const rt_cli_t *cli, const char *prog,
                          FILE *err)
{
    int errors = 0;
    for (size_t i = 0; i < cli->nbench_inputs; i++) {
        size_t t = rt_table_lookup(def, cli->bench_inputs[i].table);
        if (t == (size_t)-1) {
            char names[1024];
            table_list(def, names, sizeof names);
            fprintf(err, "%s: error: unknown table '%s' in --bench-input; tables: %s\n", prog,
                    cli->bench_inputs[i].table, names);
            errors++;
        } else if (!(def->tables[t].role & SQLKC_RT_ROLE_SOURCE)) {
            fprintf(err, "%s: error: --bench-input: table '%s' is not read by this job\n", prog,
                    def->tables[t].name);
            errors++;
        }
    }
    return errors;
}

/* ---- texts ---- */

bool rt_option_is_sensitive(const char *key)
{
    /* Flink's GlobalConfiguration.isSensitive list, lower-cased substrings. */
    static const char *const words[] = {"password", "secret", "jaas.config", "apikey",
                                        "auth-params", "service-key", "token", "basic-auth",
                                        "user-info", "http-headers", "fs.azure.account.key"};
    char low[256];
    size_t n = strlen(key);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)key[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(low, words[i]))
            return true;
    return false;
}

void rt_print_usage(FILE *out, const char *prog)
{
    fprintf(out,
            "usage: %s [--bootstrap-servers LIST] [--set TABLE.OPTION=VALUE]... [--state-dir DIR]\n"
            "       %*s [--from-scratch | --allow-non-restored-state] [--help] [--version]\n"
            "       %s --bench-input TABLE=FILE... [--bench-repeat N] [--bench-null-sink]\n",
            prog, (int)strlen(prog), "", prog);
}

static const char *role_name(int role)
{
    switch (role & (SQLKC_RT_ROLE_SOURCE | SQLKC_RT_ROLE_SINK)) {
    case SQLKC_RT_ROLE_SOURCE:
        return "source";
    case SQLKC_RT_ROLE_SINK:
        return "sink";
    case SQLKC_RT_ROLE_SOURCE | SQLKC_RT_ROLE_SINK:
        return "source and sink";
    default:
        return "unused";
    }
}

void rt_print_help(FILE *out, const sqlkc_rt_job_def_t *def, const rt_opts_t *opts,
                   const char *prog)
{
    rt_print_usage(out, prog);
    fprintf(out, "\n%s: compiled from %s by sqlkc %s\n", prog, def->sql_file ? def->sql_file : "?",
            def->sqlkc_version ? def->sqlkc_version : "?");
    fputs("\n"
          "options:\n"
          "  --bootstrap-servers LIST  replaces 'properties.bootstrap.servers' of every table\n"
          "  --set TABLE.OPTION=VALUE  overrides a WITH option of TABLE (repeatable); options\n"
          "                            marked [compiled] need a rebuild instead\n"
          "  --state-dir DIR           where checkpoints are kept (default: the SET\n"
          "                            'execution.checkpointing.dir', else $STATE_DIRECTORY/JOB\n"
          "                            under systemd, else JOB.checkpoints in the working directory)\n"
          "  --from-scratch            discard the checkpoints and start with empty state from\n"
          "                            the tables' scan.startup.mode\n"
          "  --allow-non-restored-state  restore a checkpoint that holds the state of operators\n"
          "                            this job no longer has, dropping that state (Flink's\n"
          "                            --allowNonRestoredState)\n"
          "  --bench-input TABLE=FILE  benchmark: read TABLE's record values from FILE, one per\n"
          "                            line, instead of Kafka\n"
          "  --bench-repeat N          benchmark: read the input files N times\n"
          "  --bench-null-sink         benchmark: count and discard records instead of\n"
          "                            producing them\n"
          "  --help, --version\n"
          "\n"
          "The job starts from its newest checkpoint when there is one: its operators' state\n"
          "and every source partition's position, whatever scan.startup.mode says. An\n"
          "operator the checkpoint has no state for starts empty; one whose state layout\n"
          "changed (the SQL changed what it keeps) stops the job before it reads anything.\n"
          "SIGINT/SIGTERM stop the job: it finishes, flushes its sinks, writes a checkpoint,\n"
          "commits its offsets and exits 0.\n"
          "\n"
          "tables:\n",
          out);
    for (size_t t = 0; t < def->ntables; t++) {
        const sqlkc_rt_table_def_t *td = &def->tables[t];
        fprintf(out, "  %s (%s, %s)\n", td->name, td->connector, role_name(td->role));
        for (size_t i = 0; i < opts[t].n; i++) {
            const char *key = opts[t].kv[i].key;
            const sqlkc_rt_opt_def_t *d = sqlkc_rt_option_find(opts[t].kv, opts[t].n, key);
            bool compiled = d && (d->flags & SQLKC_RT_OPT_COMPILED);
            fprintf(out, "    %s = '%s'%s%s\n", key,
                    rt_option_is_sensitive(key) ? "******" : opts[t].kv[i].value,
                    compiled ? "  [compiled]" : "", opts[t].from_cli[i] ? "  [command line]" : "");
        }
    }
}

void rt_print_version(FILE *out, const sqlkc_rt_job_def_t *def)
{
    fprintf(out, "%s (from %s)\nsqlkc %s\nsqlkc runtime %s (ABI %d)\nlibrdkafka %s\n", def->name,
            def->sql_file ? def->sql_file : "?", def->sqlkc_version ? def->sqlkc_version : "?",
            SQLKC_RT_VERSION, SQLKC_RT_ABI, rd_kafka_version_str());
}

/* ---- option values ---- */

/* Java's Integer.valueOf / Long.valueOf: optional sign, decimal digits only. */
static int java_parse_long(const char *s, size_t n, long long lo, long long hi, long long *out)
{
    char buf[32];
    char *end;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    for (size_t i = (buf[0] == '+' || buf[0] == '-') ? 1 : 0; i < n; i++)
        if (!isdigit((unsigned char)buf[i]))
            return -1;
    if (n == 1 && (buf[0] == '+' || buf[0] == '-'))
        return -1;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int rt_parse_specific_offsets(const char *text, rt_offset_pair_t **out, size_t *n)
{
    /* KafkaConnectorOptionsUtil.parseSpecificOffsets: split(";") (trailing
     * empty pieces dropped), each piece split(",") into exactly
     * "partition:<int>" and "offset:<long>". */
    rt_offset_pair_t *pairs = NULL;
    size_t np = 0, len = strlen(text);

    *out = NULL;
    *n = 0;
    while (len > 0 && text[len - 1] == ';')
        len--;
    if (len == 0)
        return -1;
    for (size_t start = 0; start <= len;) {
        size_t end = start;
        while (end < len && text[end] != ';')
            end++;
        const char *piece = text + start;
        size_t plen = end - start;
        while (plen > 0 && piece[plen - 1] == ',') /* Java's split drops trailing empties */
            plen--;
        const char *comma = memchr(piece, ',', plen);
        long long part, off;
        if (!comma || memchr(comma + 1, ',', plen - (size_t)(comma + 1 - piece)) ||
            (size_t)(comma - piece) < 10 || strncmp(piece, "partition:", 10) != 0 ||
            plen - (size_t)(comma + 1 - piece) < 7 || strncmp(comma + 1, "offset:", 7) != 0)
            goto bad;
        /* substring(indexOf(":") + 1): the first colon of each half. */
        if (java_parse_long(piece + 10, (size_t)(comma - piece) - 10, INT32_MIN, INT32_MAX, &part) ||
            java_parse_long(comma + 8, plen - (size_t)(comma + 8 - piece), LLONG_MIN, LLONG_MAX,
                            &off))
            goto bad;
        pairs = xrealloc(pairs, (np + 1) * sizeof *pairs);
        pairs[np].partition = (int32_t)part;
        pairs[np].offset = off;
        np++;
        start = end + 1;
    }
    *out = pairs;
    *n = np;
    return 0;
bad:
    free(pairs);
    return -1;
}

size_t rt_split_list(const char *text, char ***out)
{
    char **list = NULL;
    size_t n = 0;
    const char *p = text;
    for (;;) {
        const char *end = strchr(p, ';');
        const char *stop = end ? end : p + strlen(p);
        const char *a = p, *b = stop;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (b > a) {
            list = xrealloc(list, (n + 1) * sizeof *list);
            list[n++] = xstrndup(a, (size_t)(b - a));
        }
        if (!end)
            break;
        p = end + 1;
    }
    *out = list;
    return n;
}

void rt_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}
