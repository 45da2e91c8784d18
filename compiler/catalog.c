/* This file analyzes CREATE TABLE: columns, metadata columns, computed
 * columns, PRIMARY KEY, WATERMARK, the WITH options (through the shared option
 * table in the runtime) and the key/value format projections, with Flink's
 * rules and messages (reference/flink.md §2.5, §2.6, §3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "sqlkc/options.h"
#include "sqlkc/raw.h"

static const struct meta_key {
    const char *key;
    int kind; /* type kind of the metadata */
    int p;
    bool nullable;
    bool writable;
} meta_keys[] = {
    {"topic", TY_VARCHAR, TY_MAX_LEN, false, false},
    {"partition", TY_INT, -1, false, false},
    {"headers", TY_MAP, -1, false, true},
    {"leader-epoch", TY_INT, -1, true, false},
    {"offset", TY_BIGINT, -1, false, false},
    {"timestamp", TY_TIMESTAMP_LTZ, 3, false, true},
    {"timestamp-type", TY_VARCHAR, TY_MAX_LEN, false, false},
};

static const type_t *meta_type(arena_t *a, const struct meta_key *m)
{
    if (m->kind == TY_MAP) {
        type_t *t = (type_t *)type_new(a, TY_MAP, -1, -1, m->nullable);
        t->elem = type_new(a, TY_VARCHAR, TY_MAX_LEN, -1, true);
        t->val = type_new(a, TY_VARBINARY, TY_MAX_LEN, -1, true);
        return t;
    }
    return type_new(a, m->kind, m->p, -1, m->nullable);
}

static const struct meta_key *find_meta_key(const char *key)
{
    for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
        if (strcmp(meta_keys[i].key, key) == 0)
            return &meta_keys[i];
    return NULL;
}

int table_column(const table_t *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

/* Suggests a column of the table for a misspelt name (note on the error). */
static const char *closest_column(const table_t *t, const char *name, int kind_mask)
{
    const char *cands[256];
    size_t n = 0;
    for (int i = 0; i < t->ncols && n < 256; i++)
        if (kind_mask & (1 << t->cols[i].kind))
            cands[n++] = t->cols[i].name;
    return sqlkc_rt_closest(name, cands, n);
}

static loc_t opt_loc(const table_t *t, const char *key, bool value)
{
    loc_t l = t->loc;
    for (size_t i = 0; i < t->nopts; i++)
        if (strcmp(t->opts[i].key, key) == 0)
            l = value ? t->opt_val_locs[i] : t->opt_locs[i];
    return l;
}

static const char *opt(const table_t *t, const char *key)
{
    return sqlkc_rt_kv_get(t->opts, t->nopts, key);
}

static int format_kind(const char *name)
{
    if (!name)
        return FMT_NONE;
    if (strcmp(name, "json") == 0)
        return FMT_JSON;
    if (strcmp(name, "csv") == 0)
        return FMT_CSV;
    if (strcmp(name, "avro") == 0)
        return FMT_AVRO;
    if (strcmp(name, "avro-confluent") == 0)
        return FMT_AVRO_CONFLUENT;
    if (strcmp(name, "raw") == 0)
        return FMT_RAW;
    return FMT_NONE;
}

static bool opt_true(const table_t *t, const char *prefix, const char *fmt, const char *name)
{
    char key[256];
    snprintf(key, sizeof key, "%s%s.%s", prefix, fmt, name);
    const char *v = opt(t, key);
    return v && strcasecmp(v, "true") == 0;
}

/* A one-character option as Flink reads it (StringEscapeUtils.unescapeJava). */
static int one_char_option(const char *v, int def)
{
    if (!v || !*v)
        return def;
    if (v[0] == '\\' && v[1]) {
        switch (v[1]) {
        case 't': return '\t';
        case 'n': return '\n';
        case 'r': return '\r';
        case 'b': return '\b';
        case 'f': return '\f';
        case '0': return 0;
        default: return (unsigned char)v[1];
        }
    }
    return (unsigned char)v[0];
}

static void format_options(table_t *t, format_t *f)
{
    if (f->kind == FMT_AVRO || f->kind == FMT_AVRO_CONFLUENT) {
        char key[256];
        snprintf(key, sizeof key, "%savro.timestamp_mapping.legacy", f->prefix);
        const char *legacy = f->kind == FMT_AVRO ? opt(t, key) : NULL;
        f->avro_ts_legacy = !(legacy && strcasecmp(legacy, "false") == 0);
        /* an enum option: Flink matches its values ignoring case */
        snprintf(key, sizeof key, "%savro.encoding", f->prefix);
        const char *enc = f->kind == FMT_AVRO ? opt(t, key) : NULL;
        f->avro_json = enc && strcasecmp(enc, "json") == 0;
        return;
    }
    if (f->kind == FMT_CSV) {
        char key[256];
        snprintf(key, sizeof key, "%scsv.field-delimiter", f->prefix);
        f->csv_delim = one_char_option(opt(t, key), ',');
        snprintf(key, sizeof key, "%scsv.quote-character", f->prefix);
        f->csv_quote = one_char_option(opt(t, key), '"');
        if (opt_true(t, f->prefix, "csv", "disable-quote-character"))
            f->csv_quote = -1;
        snprintf(key, sizeof key, "%scsv.null-literal", f->prefix);
        f->csv_null = opt(t, key);
        snprintf(key, sizeof key, "%scsv.write-bigdecimal-in-scientific-notation", f->prefix);
        const char *sci = opt(t, key);
        f->csv_plain_decimal = sci && strcasecmp(sci, "false") == 0;
        /* CsvFormatFactory.configureDeserializationSchema: the escape
         * character is taken as written (charAt(0), no unescaping) */
        snprintf(key, sizeof key, "%scsv.escape-character", f->prefix);
        const char *esc = opt(t, key);
        f->csv_escape = esc && *esc ? (unsigned char)esc[0] : -1;
        f->csv_comments = opt_true(t, f->prefix, "csv", "allow-comments");
        snprintf(key, sizeof key, "%scsv.array-element-delimiter", f->prefix);
        f->csv_array_delim = opt(t, key) ? opt(t, key) : ";";
        f->ignore_parse_errors = opt_true(t, f->prefix, "csv", "ignore-parse-errors");
        return;
    }
    if (f->kind == FMT_RAW) {
        char key[256];
        snprintf(key, sizeof key, "%sraw.endianness", f->prefix);
        const char *endian = opt(t, key);
        f->little_endian = endian && strcasecmp(endian, "little-endian") == 0;
        /* StringData holds UTF-8, so Flink converts only other charsets */
        snprintf(key, sizeof key, "%sraw.charset", f->prefix);
        const char *cs = sqlkc_rt_charset_canonical(opt(t, key));
        f->raw_charset = cs && strcmp(cs, "UTF-8") != 0 ? cs : NULL;
        return;
    }
    if (f->kind != FMT_JSON)
        return;
    f->fail_on_missing = opt_true(t, f->prefix, "json", "fail-on-missing-field");
    f->ignore_parse_errors = opt_true(t, f->prefix, "json", "ignore-parse-errors");
    f->decimal_plain = opt_true(t, f->prefix, "json", "encode.decimal-as-plain-number");
    f->ignore_null_fields = opt_true(t, f->prefix, "json", "encode.ignore-null-fields");
    char key[256];
    snprintf(key, sizeof key, "%sjson.timestamp-format.standard", f->prefix);
    const char *std = opt(t, key);
    f->ts_iso = std && strcasecmp(std, "ISO-8601") == 0;
    snprintf(key, sizeof key, "%sjson.map-null-key.mode", f->prefix);
    const char *mode = opt(t, key);
    f->map_null_key = !mode || strcasecmp(mode, "FAIL") == 0 ? 0 : strcasecmp(mode, "DROP") == 0 ? 1 : 2;
    snprintf(key, sizeof key, "%sjson.map-null-key.literal", f->prefix);
    f->map_null_literal = opt(t, key) ? opt(t, key) : "null";
}

static void add_col(format_t *f, int col, const char *strip)
{
    f->cols[f->ncols] = col;
    f->names[f->ncols] = strip;
    f->ncols++;
}

/* "`a` STRING, `b` INT": the columns of a format, as Flink lists them. */
static const char *column_list(an_t *an, const table_t *t, const format_t *f)
{
    const char *out = "";
    for (int i = 0; i < f->ncols; i++)
        out = arena_printf(an->arena, "%s%s`%s` %s", out, i ? ", " : "", f->names[i],
                           type_str(an->arena, t->cols[f->cols[i]].type));
    return out;
}

/* Key and value projections (KafkaConnectorOptionsUtil.createKey/ValueFormatProjection). */
static void projections(an_t *an, table_t *t)
{
    const char *prefix = opt(t, "key.fields-prefix");
    const char *include = opt(t, "value.fields-include");
    bool except_key = include && strcasecmp(include, "EXCEPT_KEY") == 0;
    const char *vf = opt(t, "value.format");
    if (!vf)
        vf = opt(t, "format");
    t->value.kind = format_kind(vf);
    t->value.name = vf;
    t->value.prefix = opt(t, "value.format") ? "value." : "";
    t->key.kind = format_kind(opt(t, "key.format"));
    t->key.name = opt(t, "key.format");
    t->key.prefix = "key.";
    t->key.cols = arena_alloc(an->arena, sizeof(int) * (size_t)(t->ncols + 1));
    t->key.names = arena_alloc(an->arena, sizeof(char *) * (size_t)(t->ncols + 1));
    t->value.cols = arena_alloc(an->arena, sizeof(int) * (size_t)(t->ncols + 1));
    t->value.names = arena_alloc(an->arena, sizeof(char *) * (size_t)(t->ncols + 1));
    bool *in_key = arena_alloc(an->arena, sizeof(bool) * (size_t)(t->ncols + 1));

    if (t->connector == CONN_UPSERT_KAFKA) {
        for (int i = 0; i < t->npk; i++) {
            in_key[t->pk[i]] = true;
            add_col(&t->key, t->pk[i], t->cols[t->pk[i]].name);
        }
    } else if (opt(t, "key.fields") && t->key.kind != FMT_NONE) {
        const char *list = opt(t, "key.fields");
        char name[512];
        const char *p = list;
        while (*p) {
            const char *semi = strchr(p, ';');
            size_t n = semi ? (size_t)(semi - p) : strlen(p);
            if (n >= sizeof name)
                n = sizeof name - 1;
            memcpy(name, p, n);
            name[n] = 0;
            int c = table_column(t, name);
            if (c < 0 || t->cols[c].kind != COL_PHYSICAL) {
                char cols[2048];
                size_t k = 0;
                cols[0] = 0;
                for (int i = 0; i < t->ncols; i++)
                    if (t->cols[i].kind == COL_PHYSICAL)
                        k += (size_t)snprintf(cols + k, k < sizeof cols ? sizeof cols - k : 0, "%s%s",
                                              k ? ", " : "", t->cols[i].name);
                diag_error(an->diag, opt_loc(t, "key.fields", true),
                           "Could not find the field '%s' in the table schema for usage in the key "
                           "format. A key field must be a regular, physical column. The following "
                           "columns can be selected in the 'key.fields' option: %s", name, cols);
            } else {
                in_key[c] = true;
                add_col(&t->key, c, t->cols[c].name);
            }
            p += n + (semi ? 1 : 0);
        }
    }
    if (prefix && *prefix) {
        for (int i = 0; i < t->key.ncols; i++) {
            const char *name = t->cols[t->key.cols[i]].name;
            if (strncmp(name, prefix, strlen(prefix)) != 0)
                diag_error(an->diag, opt_loc(t, "key.fields-prefix", true),
                           "All fields in 'key.fields' must be prefixed with '%s' when option "
                           "'key.fields-prefix' is set but field '%s' is not prefixed.", prefix, name);
            else
                t->key.names[i] = name + strlen(prefix);
        }
    }
    for (int i = 0; i < t->ncols; i++) {
        if (t->cols[i].kind != COL_PHYSICAL)
            continue;
        if (except_key && in_key[i])
            continue;
        add_col(&t->value, i, t->cols[i].name);
    }
    format_options(t, &t->key);
    format_options(t, &t->value);

    if (t->value.kind == FMT_RAW && t->value.ncols != 1)
        diag_error(an->diag, opt_loc(t, t->value.prefix[0] ? "value.format" : "format", true),
                   "The 'raw' format only supports single physical column. However the defined "
                   "schema contains multiple physical columns: [%s]%s", column_list(an, t, &t->value),
                   t->key.kind ? "; use 'value.fields-include' = 'EXCEPT_KEY' to leave the key out" : "");
    if (t->key.kind == FMT_RAW && t->key.ncols != 1)
        diag_error(an->diag, opt_loc(t, "key.format", true),
                   "The 'raw' format only supports single physical column. However the defined "
                   "schema contains multiple physical columns: [%s]", column_list(an, t, &t->key));
}

static void check_metadata(an_t *an, table_t *t, column_t *c)
{
    const struct meta_key *m = find_meta_key(c->meta_key);
    if (!m) {
        const char *names[16];
        size_t n = 0;
        for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
            names[n++] = meta_keys[i].key;
        const char *near = sqlkc_rt_closest(c->meta_key, names, n);
        diag_error(an->diag, c->loc,
                   "Invalid metadata key '%s' in column '%s' of table '%s'. The kafka connector "
                   "supports the following metadata keys for reading: topic, partition, headers, "
                   "leader-epoch, offset, timestamp, timestamp-type%s%s%s", c->meta_key, c->name,
                   t->name, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        return;
    }
    const type_t *mt = meta_type(an->arena, m);
    if (!type_explicit_cast(mt, c->type) ||
        (mt->kind == TY_MAP && !type_equal_ignoring_null(mt, c->type)))
        diag_error(an->diag, c->loc,
                   "Invalid data type for metadata column '%s' of table '%s'. The column cannot "
                   "be declared as '%s' because the type must be castable from metadata type '%s'.",
                   c->name, t->name, type_str(an->arena, c->type), type_str(an->arena, mt));
    if (!m->writable && !c->is_virtual)
        c->is_virtual = false; /* a read-only key is checked when the table is a sink */
}

bool meta_writable(const char *key)
{
    const struct meta_key *m = find_meta_key(key);
    return m && m->writable;
}

static void primary_key(an_t *an, table_t *t, const ast_t *pkn, const ast_list_t *cols_list,
                        loc_t loc, int enforced)
{
    if (t->npk) {
        diag_error(an->diag, loc, "Duplicate primary key definition in table '%s'", t->name);
        return;
    }
    if (enforced != 1)
        diag_error(an->diag, loc,
                   "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. "
                   "ENFORCED/NOT ENFORCED controls if the constraint checks are performed on the "
                   "incoming/outgoing data. Flink does not own the data therefore the only "
                   "supported mode is the NOT ENFORCED mode");
    int n = cols_list ? cols_list->count : 1;
    t->pk = arena_alloc(an->arena, sizeof(int) * (size_t)n);
    const char *pk_name = pkn && pkn->text ? pkn->text : "PK";
    if (!cols_list) { /* column-level constraint: the last column */
        t->pk[0] = t->ncols - 1;
        t->npk = 1;
    } else {
        for (const ast_t *c = cols_list->head; c; c = c->next) {
            int i = table_column(t, c->name.s);
            if (i < 0) {
                const char *near = closest_column(t, c->name.s, 7);
                diag_error(an->diag, c->loc, "Invalid primary key '%s'. Column '%s' does not exist.%s%s%s",
                           pk_name, c->name.s, near ? " Did you mean '" : "", near ? near : "", near ? "'?" : "");
                continue;
            }
            if (t->cols[i].kind != COL_PHYSICAL) {
                diag_error(an->diag, c->loc, "Invalid primary key '%s'. Column '%s' is not a physical column.",
                           pk_name, c->name.s);
                diag_note(an->diag, t->cols[i].loc, "'%s' declared here", c->name.s);
                continue;
            }
            for (int j = 0; j < t->npk; j++)
                if (t->pk[j] == i)
                    diag_error(an->diag, c->loc, "Invalid primary key '%s'. Column '%s' is listed twice.",
                               pk_name, c->name.s);
            t->pk[t->npk++] = i;
        }
    }
    /* "creating a primary key constraint will alter the columns nullability" */
    for (int j = 0; j < t->npk; j++)
        t->cols[t->pk[j]].type = type_with_null(an->arena, t->cols[t->pk[j]].type, false);
}

static void add_column(an_t *an, table_t *t, const ast_t *e)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, e->name.s) == 0) {
            diag_error(an->diag, e->name.loc, "A column named '%s' already exists in the table.", e->name.s);
            diag_note(an->diag, t->cols[i].loc, "previous declaration of '%s' is here", e->name.s);
            return;
        }
    column_t *c = &t->cols[t->ncols++];
    c->name = e->name.s;
    c->loc = e->name.loc;
    c->kind = e->op;
    if (e->op == COL_COMPUTED) {
        c->expr = e->b;
        return;
    }
    c->type = type_from_ast(an->arena, an->diag, e->a);
    if (e->op == COL_METADATA) {
        c->meta_key = e->text ? e->text : e->name.s;
        c->is_virtual = e->flag;
        check_metadata(an, t, c);
    }
}

static void table_options(an_t *an, table_t *t, const ast_list_t *opts)
{
    t->nopts = (size_t)opts->count;
    t->opts = arena_alloc(an->arena, sizeof *t->opts * (t->nopts + 1));
    t->opt_locs = arena_alloc(an->arena, sizeof(loc_t) * (t->nopts + 1));
    t->opt_val_locs = arena_alloc(an->arena, sizeof(loc_t) * (t->nopts + 1));
    size_t i = 0;
    for (const ast_t *o = opts->head; o; o = o->next, i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(t->opts[j].key, o->text) == 0) {
                diag_error(an->diag, o->loc, "option '%s' is set twice", o->text);
                diag_note(an->diag, t->opt_locs[j], "first set here");
            }
        t->opts[i].key = o->text;
        t->opts[i].value = o->text2;
        t->opt_locs[i] = o->loc;
        t->opt_val_locs[i] = o->b_loc;
    }
}

typedef struct opt_report {
    an_t *an;
    table_t *t;
} opt_report_t;

static void report_option(void *arg, size_t idx, const char *msg)
{
    opt_report_t *r = arg;
    loc_t l = idx == (size_t)-1 ? r->t->loc : r->t->opt_locs[idx];
    diag_error(r->an->diag, l, "%s", msg);
}

void table_validate_options(an_t *an, table_t *t)
{
    opt_report_t r = {an, t};
    int before = an->diag->errors;
    sqlkc_rt_options_validate(t->opts, t->nopts, t->role, report_option, &r);
    if (an->diag->errors != before)
        t->valid = false;
}

table_t *table_create(an_t *an, const ast_t *n)
{
    table_t *t = arena_alloc(an->arena, sizeof *t);
    int before = an->diag->errors;
    t->name = n->name.s;
    t->loc = n->name.loc;
    t->rowtime = -1;
    int nel = n->list.count;
    t->cols = arena_alloc(an->arena, sizeof(column_t) * (size_t)(nel + 1));
    table_options(an, t, &n->list2);
    const char *conn = opt(t, "connector");
    t->connector = conn && strcmp(conn, "upsert-kafka") == 0 ? CONN_UPSERT_KAFKA
                   : conn && strcmp(conn, "kafka") == 0      ? CONN_KAFKA
                                                             : 0;
    const ast_t *wm = NULL;
    for (const ast_t *e = n->list.head; e; e = e->next) {
        if (e->kind == AST_COLUMN) {
            add_column(an, t, e);
            if (e->flag2 && t->ncols > 0 && strcmp(t->cols[t->ncols - 1].name, e->name.s) == 0)
                primary_key(an, t, NULL, NULL, e->b_loc, e->op2);
        } else if (e->kind == AST_PRIMARY_KEY) {
            /* resolved after all columns are known */
        } else if (e->kind == AST_WATERMARK) {
            if (wm)
                diag_error(an->diag, e->loc, "Multiple watermark definitions are not supported yet.");
            wm = e;
        }
    }
    for (const ast_t *e = n->list.head; e; e = e->next)
        if (e->kind == AST_PRIMARY_KEY)
            primary_key(an, t, e, &e->list, e->loc, e->op);
    if (!t->ncols)
        diag_error(an->diag, t->loc, "table '%s' has no columns", t->name);

    /* computed columns see the physical and metadata columns */
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == COL_COMPUTED)
            t->cols[i].type = an_computed_column_type(an, t, i);

    if (wm && wm->list.count > 1) {
        diag_error(an->diag, wm->name.loc, "Watermark strategy on nested column is not supported yet.");
        wm = NULL;
    }
    if (wm) {
        int c = table_column(t, wm->name.s);
        if (c < 0) {
            const char *near = closest_column(t, wm->name.s, 7);
            diag_error(an->diag, wm->name.loc, "The rowtime attribute field '%s' is not defined in the table "
                       "schema%s%s%s", wm->name.s, near ? "; did you mean '" : "",
                       near ? near : "", near ? "'?" : "");
        } else {
            const type_t *ty = t->cols[c].type;
            if (!ty || (ty->kind != TY_TIMESTAMP && ty->kind != TY_TIMESTAMP_LTZ))
                diag_error(an->diag, wm->name.loc,
                           "Invalid data type of time field for watermark definition. The field must "
                           "be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' "
                           "is from 0 to 3, but the time field type is %s",
                           ty ? type_str(an->arena, ty) : "unknown");
            else if (ty->p > 3 && ty->kind == TY_TIMESTAMP_LTZ)
                /* a TIMESTAMP_LTZ rowtime is Flink 1.13's (FLIP-162), with its rule */
                diag_error(an->diag, wm->name.loc,
                           "Invalid data type of time field for watermark definition. The field must "
                           "be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' "
                           "is from 0 to 3, but the time field type is %s", type_str(an->arena, ty));
            else if (ty->p > 3)
                /* Flink 1.12's TableSchema.validateWatermarkSpecs checks only the type root;
                 * 1.13's DefaultSchemaResolver refuses a precision above 3 */
                diag_warning(an->diag, wm->name.loc,
                             "the rowtime '%s' is %s: Flink 1.12 accepts it (event time in milliseconds), "
                             "Flink 1.13 and later refuse it (the supported precision 'p' is from 0 to 3); "
                             "TIMESTAMP(3) is portable", wm->name.s, type_str(an->arena, ty));
            t->rowtime = c;
            t->watermark = wm->a;
            const type_t *wt = an_watermark_type(an, t, wm->a);
            if (wt && (wt->kind != TY_TIMESTAMP && wt->kind != TY_TIMESTAMP_LTZ))
                diag_error(an->diag, wm->a->loc,
                           "Invalid data type of expression for watermark definition. The field must "
                           "be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' "
                           "is from 0 to 3, but the watermark expression type is %s",
                           type_str(an->arena, wt));
        }
    }

    bool pk_clause = false;
    for (const ast_t *e = n->list.head; e; e = e->next)
        pk_clause = pk_clause || e->kind == AST_PRIMARY_KEY || (e->kind == AST_COLUMN && e->flag2);
    if (t->connector == CONN_UPSERT_KAFKA && !pk_clause)
        diag_error(an->diag, t->loc,
                   "'upsert-kafka' tables require to define a PRIMARY KEY constraint. The PRIMARY "
                   "KEY specifies which columns should be read from or write to the Kafka message "
                   "key. The PRIMARY KEY also defines records in the 'upsert-kafka' table should "
                   "update or delete on which keys.");
    if (t->connector == CONN_KAFKA && t->npk > 0)
        diag_error(an->diag, t->loc,
                   "The Kafka table '%s' with '%s' format doesn't support defining PRIMARY KEY "
                   "constraint on the table, because it can't guarantee the semantic of primary key.",
                   t->name, opt(t, "value.format") ? opt(t, "value.format") : opt(t, "format") ? opt(t, "format") : "?");
    if (t->connector)
        projections(an, t);
    t->valid = an->diag->errors == before;
    return t;
}

/* Whether the job can fill this metadata column when reading: the scalar
 * keys, declared as their own type or one it widens to (headers, and writing
 * metadata, come later). */
static bool meta_compiled(an_t *an, const table_t *t, const column_t *c)
{
    /* written: the record timestamp (KafkaDynamicSink.WritableMetadata.TIMESTAMP) */
    if ((t->role & SQLKC_RT_ROLE_SINK) && !c->is_virtual)
        return (strcmp(c->meta_key, "timestamp") == 0 &&
                (c->type->kind == TY_TIMESTAMP_LTZ || c->type->kind == TY_TIMESTAMP)) ||
               (strcmp(c->meta_key, "headers") == 0 && c->type->kind == TY_MAP);
    const struct meta_key *m = find_meta_key(c->meta_key);
    if (!m)
        return false;
    if (m->kind == TY_MAP) /* headers: declared as the metadata type (checked above) */
        return c->type->kind == TY_MAP;
    const type_t *mt = meta_type(an->arena, m);
    return type_equal_ignoring_null(mt, c->type) ||
           (type_is_integer(mt) && type_is_integer(c->type) && type_implicit_cast(mt, c->type)) ||
           (type_is_string(mt) && type_is_string(c->type));
}

/* What the csv reader and writer compile: scalar columns (TIME up to
 * precision 3, CsvToRowDataConverters.convertToTime), ASCII delimiter,
 * quote and escape characters (the codecs work on bytes). */
static void check_csv(an_t *an, table_t *t, const format_t *f)
{
    if (f->kind != FMT_CSV)
        return;
    char key[256];
    static const char *const chars[] = {"field-delimiter", "quote-character", "escape-character"};
    for (int i = 0; i < 3; i++) {
        snprintf(key, sizeof key, "%scsv.%s", f->prefix, chars[i]);
        const char *v = opt(t, key);
        if (v && (unsigned char)v[0] >= 0x80) {
            diag_error(an->diag, opt_loc(t, key, true), "a non-ASCII '%s' is not supported yet", key);
            t->valid = false;
        }
    }
    for (int i = 0; i < f->ncols; i++) {
        const column_t *c = &t->cols[f->cols[i]];
        if (c->type->kind == TY_TIME && c->type->p > 3) {
            diag_error(an->diag, c->loc, "Csv does not support TIME type with precision: %d, it only supports "
                       "precision 0 ~ 3.", c->type->p);
            t->valid = false;
        }
        /* CsvRowSchemaConverter: ARRAY and ROW of simple types, one level */
        const type_t *ty = c->type;
        const char *why = NULL;
        if (ty->kind == TY_MAP || ty->kind == TY_MULTISET)
            why = arena_printf(an->arena, "Unsupported type '%s' for field '%s'.", type_str(an->arena, ty), f->names[i]);
        for (int k = 0; !why && (ty->kind == TY_ARRAY || ty->kind == TY_ROW) && k < (ty->kind == TY_ROW ? ty->nfields : 1);
             k++) {
            const type_t *et = ty->kind == TY_ROW ? ty->fields[k] : ty->elem;
            if (type_is_nested(et))
                why = arena_printf(an->arena, "Only simple types are supported in the second level nesting of fields "
                                   "'%s' but was: %s", f->names[i], type_str(an->arena, et));
            else if (et->kind == TY_TIME && et->p > 3)
                why = arena_printf(an->arena, "Csv does not support TIME type with precision: %d, it only supports "
                                   "precision 0 ~ 3.", et->p);
        }
        if (why) {
            diag_error(an->diag, c->loc, "%s", why);
            t->valid = false;
        }
    }
}

/* Why AvroSchemaConverter.convertToSchema cannot derive a schema for a field
 * `name` of type ty, with its message, or NULL; nested types are checked all
 * the way down, ROW field names included. `legacy` is the timestamp mapping:
 * ROW fields keep the format's, while array elements and map values are
 * converted with the legacy one whatever the option says (convertToSchema
 * recurses into them through its two-argument overload). */
static const char *avro_type_problem(an_t *an, const type_t *ty, const char *name, bool legacy)
{
    /* Avro names: [A-Za-z_][A-Za-z0-9_]* (Schema.validateName) */
    bool ok_name = (name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';
    for (const char *q = name + 1; ok_name && *q; q++)
        ok_name = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_';
    if (!ok_name)
        return arena_printf(an->arena, "Illegal character in: %s (an Avro field name is letters, digits and '_', "
                            "not starting with a digit)", name);
    if (ty->kind == TY_TIME && ty->p > 3)
        return arena_printf(an->arena, "Avro does not support TIME type with precision: %d, it only supports "
                            "precision less than 3.", ty->p);
    /* the non-legacy mapping takes every precision a TIMESTAMP or
     * TIMESTAMP_LTZ can have (<= 9: millis, micros, nanos) */
    if (legacy && ty->kind == TY_TIMESTAMP && ty->p > 3)
        return arena_printf(an->arena, "Avro does not support TIMESTAMP type with precision: %d, it only supports "
                            "precision less than 3.", ty->p);
    if (legacy && ty->kind == TY_TIMESTAMP_LTZ)
        return arena_printf(an->arena, "Unsupported to derive Schema for type: %s", type_str(an->arena, ty));
    if ((ty->kind == TY_MAP || ty->kind == TY_MULTISET) && !type_is_string(ty->elem))
        return arena_printf(an->arena, "Avro format doesn't support non-string as key type of map. The key type "
                            "is: %s", type_str(an->arena, ty->elem));
    if (ty->kind == TY_ARRAY)
        return avro_type_problem(an, ty->elem, name, true);
    if (ty->kind == TY_MAP)
        return avro_type_problem(an, ty->val, name, true);
    for (int i = 0; ty->kind == TY_ROW && i < ty->nfields; i++) {
        const char *why = avro_type_problem(an, ty->fields[i], ty->names[i], legacy);
        if (why)
            return why;
    }
    return NULL;
}

/* The types Flink's AvroSchemaConverter derives a schema for, under the
 * format's timestamp mapping, with its messages. */
static void check_avro(an_t *an, table_t *t, const format_t *f)
{
    if (f->kind != FMT_AVRO && f->kind != FMT_AVRO_CONFLUENT)
        return;
    for (int i = 0; i < f->ncols; i++) {
        const column_t *c = &t->cols[f->cols[i]];
        const char *why = avro_type_problem(an, c->type, f->names[i], f->avro_ts_legacy);
        if (why) {
            diag_error(an->diag, c->loc, "%s", why);
            t->valid = false;
        }
    }
}

/* The raw format's column types and charset (RawFormatFactory). */
static void check_raw(an_t *an, table_t *t, const format_t *f)
{
    if (f->kind != FMT_RAW)
        return;
    for (int i = 0; i < f->ncols; i++) {
        const type_t *ty = t->cols[f->cols[i]].type;
        if (!(type_is_integer(ty) || type_is_string(ty) || type_is_binary(ty) || ty->kind == TY_BOOLEAN ||
              ty->kind == TY_FLOAT || ty->kind == TY_DOUBLE)) {
            diag_error(an->diag, t->cols[f->cols[i]].loc, "The 'raw' format doesn't supports '%s' as column type.",
                       type_str(an->arena, ty));
            t->valid = false;
        }
    }
    char key[256];
    snprintf(key, sizeof key, "%sraw.charset", f->prefix);
    const char *cs = opt(t, key);
    if (cs && !sqlkc_rt_charset_canonical(cs)) { /* RawFormatFactory.validateAndGetCharsetName */
        diag_error(an->diag, opt_loc(t, key, true), "Unsupported 'raw.charset' name: %s.", cs);
        t->valid = false;
    }
}

/* What this version compiles; the rest is reported "not supported yet" where
 * the table is used, so declaring it is never an error by itself. */
void table_check_supported(an_t *an, table_t *t)
{
    check_csv(an, t, &t->value);
    check_csv(an, t, &t->key);
    check_avro(an, t, &t->value);
    check_avro(an, t, &t->key);
    check_raw(an, t, &t->value);
    check_raw(an, t, &t->key);
    check_avro_confluent(an, t, &t->value);
    check_avro_confluent(an, t, &t->key);
    for (int i = 0; i < t->ncols; i++) {
        const type_t *ty = t->cols[i].type;
        bool in_pk = false;
        for (int k = 0; k < t->npk; k++)
            in_pk = in_pk || t->pk[k] == i;
        if (ty && type_is_nested(ty) && in_pk) {
            diag_error(an->diag, t->cols[i].loc, "column '%s' of type %s in a PRIMARY KEY is not supported yet",
                       t->cols[i].name, type_str(an->arena, ty));
            t->valid = false;
        }
        if (t->cols[i].kind == COL_METADATA && !meta_compiled(an, t, &t->cols[i])) {
            diag_error(an->diag, t->cols[i].loc, "metadata column '%s' (%s, key '%s') is not supported yet%s",
                       t->cols[i].name, type_str(an->arena, ty), t->cols[i].meta_key,
                       (t->role & SQLKC_RT_ROLE_SINK) && !t->cols[i].is_virtual
                           ? "; of the metadata a sink writes, this version writes 'timestamp' and 'headers'" : "");
            t->valid = false;
        }
    }
    if (t->role & SQLKC_RT_ROLE_SINK) {
        const char *dg = opt(t, "sink.delivery-guarantee");
        if (!dg)
            dg = opt(t, "sink.semantic");
        if (dg && strcasecmp(dg, "exactly-once") == 0) {
            diag_error(an->diag, opt_loc(t, opt(t, "sink.delivery-guarantee") ? "sink.delivery-guarantee" : "sink.semantic", false),
                       "exactly-once delivery (Kafka transactions) is not supported yet");
            t->valid = false;
        }
        const char *part = opt(t, "sink.partitioner");
        if (part && strcmp(part, "default") != 0 && strcmp(part, "round-robin") != 0 && strcmp(part, "fixed") != 0) {
            diag_error(an->diag, opt_loc(t, "sink.partitioner", true),
                       "custom partitioner classes ('%s') cannot run without a JVM; use 'default', 'fixed' or 'round-robin'", part);
            t->valid = false;
        }
    }
    if (t->opts && opt(t, "topic-pattern")) {
        diag_error(an->diag, opt_loc(t, "topic-pattern", false), "'topic-pattern' is not supported yet");
        t->valid = false;
    }
}
