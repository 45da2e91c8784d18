/* This file turns the syntax tree into the typed plan: it resolves names,
 * types every expression, builds Scan -> Calc -> GroupAggregate -> Calc ->
 * Sink for each INSERT, maps the query onto the sink's columns with Flink's
 * implicit casts, and infers changelog modes as Flink's planner does. Errors
 * are reported together; the plan is used only when there are none. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze.h"
#include "sqlkc/options.h"

#define E_AGG ((expr_kind_t)100) /* transient: an aggregate call before rewriting */

typedef struct scope {
    plan_field_t *fields;
    const char **quals; /* qualifier of each field (table name or alias) */
    int nfields;
} scope_t;

typedef struct ectx {
    an_t *an;
    const scope_t *scope;
    const char *clause; /* where aggregates are refused: "WHERE", ... ; NULL allows them */
    agg_call_t *aggs;   /* aggregate calls found (args not yet placed) */
    expr_t **agg_args, **agg_filters;
    int naggs, capaggs;
    int depth; /* nesting of the expression being analyzed */
} ectx_t;

/* Deeper expressions are refused rather than risking the stack in the
 * recursive passes that follow (no real query comes near it). */
#define MAX_EXPR_DEPTH 1000

static expr_t *an_expr(ectx_t *c, const ast_t *n);

/* A construct that parses but is not compiled yet, named as the user wrote it. */
static void unsupported(an_t *an, const ast_t *n)
{
    diag_error(an->diag, n->loc, "%s is not supported yet", ast_construct_name(n));
}

/* ------------------------------------------------------------------ helpers */

static expr_t *expr_new(an_t *an, expr_kind_t kind, const type_t *type, loc_t loc, int nargs)
{
    expr_t *e = arena_alloc(an->arena, sizeof *e);
    e->kind = kind;
    e->type = type;
    e->loc = loc;
    e->col = -1;
    e->nargs = nargs;
    if (nargs)
        e->args = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)nargs);
    return e;
}

static const type_t *ty(an_t *an, int kind, bool nullable)
{
    return type_new(an->arena, kind, -1, -1, nullable);
}

static bool expr_equal(const expr_t *a, const expr_t *b)
{
    if (a->kind != b->kind || a->op != b->op || a->flag != b->flag || a->col != b->col ||
        a->nargs != b->nargs)
        return false;
    if ((a->fn || b->fn) && (!a->fn || !b->fn || strcmp(a->fn, b->fn) != 0))
        return false;
    if (a->kind == E_LIT) {
        if (!type_equal_ignoring_null(a->type, b->type) || a->lit.is_null != b->lit.is_null ||
            a->lit.i != b->lit.i || a->lit.b != b->lit.b || a->lit.n != b->lit.n ||
            memcmp(&a->lit.d, &b->lit.d, sizeof a->lit.d) != 0 || a->lit.dec != b->lit.dec ||
            a->lit.ts_millis != b->lit.ts_millis || a->lit.ts_nanos != b->lit.ts_nanos)
            return false;
        if (a->lit.n && memcmp(a->lit.s, b->lit.s, a->lit.n) != 0)
            return false;
    }
    if (a->kind == E_CAST && !type_equal_ignoring_null(a->type, b->type))
        return false;
    for (int i = 0; i < a->nargs; i++)
        if (!expr_equal(a->args[i], b->args[i]))
            return false;
    return true;
}

static bool expr_is_bool(const expr_t *e) { return e->type->kind == TY_BOOLEAN || e->type->kind == TY_NULL; }

static const char *tname(an_t *an, const type_t *t) { return type_str(an->arena, t); }

static int int_digits_of(int64_t v)
{
    int d = 1;
    for (uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v; u >= 10; u /= 10)
        d++;
    return d;
}

static expr_t *cast_to(an_t *an, expr_t *e, const type_t *t)
{
    if (type_equal_ignoring_null(e->type, t))
        return e;
    /* literals are converted now rather than per record */
    if (e->kind == E_LIT && !e->lit.is_null && e->type->kind != TY_NULL) {
        expr_t *l = NULL;
        if (type_is_integer(e->type) && (type_is_integer(t) || t->kind == TY_DOUBLE || t->kind == TY_FLOAT) &&
            (t->kind != TY_TINYINT || (e->lit.i >= -128 && e->lit.i <= 127)) &&
            (t->kind != TY_SMALLINT || (e->lit.i >= -32768 && e->lit.i <= 32767)) &&
            (t->kind != TY_INT || (e->lit.i >= INT32_MIN && e->lit.i <= INT32_MAX))) {
            l = arena_alloc(an->arena, sizeof *l);
            *l = *e;
            l->lit.d = (double)e->lit.i;
        } else if (type_is_integer(e->type) && t->kind == TY_DECIMAL && int_digits_of(e->lit.i) + t->s <= t->p) {
            l = arena_alloc(an->arena, sizeof *l);
            *l = *e;
            l->lit.dec = e->lit.i;
            l->lit.d = (double)e->lit.i;
            for (int k = 0; k < t->s; k++)
                l->lit.dec *= 10;
        } else if (e->type->kind == TY_DECIMAL && (t->kind == TY_DOUBLE || t->kind == TY_FLOAT)) {
            l = arena_alloc(an->arena, sizeof *l);
            *l = *e;
        } else if (type_is_string(e->type) && type_is_string(t)) {
            l = arena_alloc(an->arena, sizeof *l);
            *l = *e;
        }
        if (l) {
            l->type = type_with_null(an->arena, t, false);
            return l;
        }
    }
    if (!type_cast_compiled(e->type, t))
        diag_error(an->diag, e->loc, "converting %s to %s is not supported yet", tname(an, e->type), tname(an, t));
    expr_t *c = expr_new(an, E_CAST, type_with_null(an->arena, t, e->type->nullable || e->type->kind == TY_NULL),
                         e->loc, 1);
    c->args[0] = e;
    return c;
}

static expr_t *negate(an_t *an, expr_t *e, loc_t loc)
{
    expr_t *n = expr_new(an, E_UNARY, e->type, loc, 1);
    n->op = OP_NOT;
    n->args[0] = e;
    return n;
}

/* ------------------------------------------------------------------ literals */

static int utf8_len(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

static bool parse_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool valid_date(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static bool parse_date(const char *s, int64_t *days)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !parse_digits(s, 4, &y) ||
        !parse_digits(s + 5, 2, &m) || !parse_digits(s + 8, 2, &d) || !valid_date(y, m, d))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

/* HH:mm:ss[.fffffffff] -> ms of day, nanos; returns digits of fraction or -1 */
static int parse_time(const char *s, int64_t *ms, int32_t *nanos)
{
    int h, mi, se;
    size_t n = strlen(s);
    if (n < 8 || s[2] != ':' || s[5] != ':' || !parse_digits(s, 2, &h) || !parse_digits(s + 3, 2, &mi) ||
        !parse_digits(s + 6, 2, &se) || h > 23 || mi > 59 || se > 59)
        return -1;
    int frac = 0;
    int64_t ns = 0;
    if (n > 8) {
        if (s[8] != '.' || n == 9 || n - 9 > 9)
            return -1;
        for (size_t i = 9; i < n; i++) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            ns = ns * 10 + (s[i] - '0');
            frac++;
        }
        for (int i = frac; i < 9; i++)
            ns *= 10;
    }
    *ms = ((int64_t)h * 3600 + mi * 60 + se) * 1000 + ns / 1000000;
    *nanos = (int32_t)(ns % 1000000);
    return frac;
}

/* An interval literal's text for its qualifier (Calcite's formats: 'y-m',
 * 'd h:m:s.fff', 'h:m', 'm:s.fff', ... with an optional sign): months for
 * YEAR/MONTH, milliseconds otherwise. Returns 0, 1 for a malformed text, 2
 * when out of range, 3 for an impossible qualifier (MONTH TO YEAR). */
static int parse_interval(const char *text, int from, int to, int64_t *out)
{
    if (to < from || (from <= UNIT_MONTH) != (to <= UNIT_MONTH))
        return 3;
    const char *p = text;
    while (*p == ' ')
        p++;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    /* fields from `from` to `to`, each after its separator */
    static const char seps[] = {0, '-', 0, ' ', ':', ':'};
    static const int64_t limits[] = {0, 11, 0, 23, 59, 59};
    static const int64_t scale[] = {12, 1, 86400000, 3600000, 60000, 1000};
    __int128 total = 0;
    for (int u = from; u <= to; u++) {
        if (u > from && *p++ != (u == UNIT_HOUR && from == UNIT_DAY ? ' ' : seps[u]))
            return 1;
        if (*p < '0' || *p > '9')
            return 1;
        __int128 f = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            f = f * 10 + (*p - '0');
            if (f > (__int128)INT64_MAX)
                return 2;
        }
        if (u > from && f > limits[u])
            return 1;
        total += f * scale[u];
        if (u == UNIT_SECOND && *p == '.') { /* the fraction, to milliseconds */
            p++;
            if (*p < '0' || *p > '9')
                return 1;
            int64_t ms = 0;
            int digits = 0;
            for (; *p >= '0' && *p <= '9'; p++, digits++)
                if (digits < 3)
                    ms = ms * 10 + (*p - '0');
            for (; digits < 3; digits++)
                ms *= 10;
            total += ms;
        }
        if (total > (__int128)INT64_MAX)
            return 2;
    }
    while (*p == ' ')
        p++;
    if (*p)
        return 1;
    *out = neg ? -(int64_t)total : (int64_t)total;
    return 0;
}

static expr_t *literal(an_t *an, const ast_t *n)
{
    expr_t *e = expr_new(an, E_LIT, NULL, n->loc, 0);
    literal_t *l = &e->lit;
    switch (n->op) {
    case LIT_INTEGER: {
        errno = 0;
        unsigned long long v = strtoull(n->text, NULL, 10);
        if (errno || v > (unsigned long long)INT64_MAX) {
            diag_error(an->diag, n->loc, "Numeric literal '%s' out of range", n->text);
            v = 0;
        }
        l->i = (int64_t)v;
        e->type = ty(an, v <= INT32_MAX ? TY_INT : TY_BIGINT, false);
        break;
    }
    case LIT_DECIMAL: {
        const char *dot = strchr(n->text, '.');
        int scale = (int)strlen(dot + 1);
        __int128 u = 0;
        int digits = 0;
        for (const char *p = n->text; *p; p++) {
            if (*p == '.')
                continue;
            u = u * 10 + (*p - '0');
            if (u || digits)
                digits++;
            if (digits > 38) {
                diag_error(an->diag, n->loc, "Numeric literal '%s' out of range", n->text);
                break;
            }
        }
        l->dec = u;
        l->d = strtod(n->text, NULL);
        int p = digits > scale ? digits : scale;
        if (p < 1)
            p = 1;
        e->type = type_new(an->arena, TY_DECIMAL, p, scale, false);
        break;
    }
    case LIT_APPROX:
        l->d = strtod(n->text, NULL);
        if (isinf(l->d))
            diag_error(an->diag, n->loc, "Numeric literal '%s' out of range", n->text);
        e->type = ty(an, TY_DOUBLE, false);
        break;
    case LIT_STRING:
        l->s = n->text;
        l->n = strlen(n->text);
        e->type = type_new(an->arena, TY_CHAR, utf8_len(l->s, l->n), -1, false);
        break;
    case LIT_BINARY: {
        size_t hl = strlen(n->text);
        if (hl % 2)
            diag_error(an->diag, n->loc, "Binary literal string must contain an even number of hexits");
        char *b = arena_alloc(an->arena, hl / 2 + 1);
        for (size_t i = 0; i + 1 < hl; i += 2) {
            char h[3] = {n->text[i], n->text[i + 1], 0};
            b[i / 2] = (char)strtol(h, NULL, 16);
        }
        l->s = b;
        l->n = hl / 2;
        e->type = type_new(an->arena, TY_BINARY, (int)(hl / 2), -1, false);
        break;
    }
    case LIT_TRUE:
    case LIT_FALSE:
        l->b = n->op == LIT_TRUE;
        e->type = ty(an, TY_BOOLEAN, false);
        break;
    case LIT_NULL:
        l->is_null = true;
        e->type = ty(an, TY_NULL, true);
        break;
    case LIT_DATE:
        if (!parse_date(n->text, &l->i))
            diag_error(an->diag, n->loc, "Illegal DATE literal '%s': not in format 'yyyy-MM-dd'", n->text);
        e->type = ty(an, TY_DATE, false);
        break;
    case LIT_TIME: {
        int32_t ns;
        int frac = parse_time(n->text, &l->i, &ns);
        if (frac < 0)
            diag_error(an->diag, n->loc, "Illegal TIME literal '%s': not in format 'HH:mm:ss'", n->text);
        e->type = type_new(an->arena, TY_TIME, frac < 0 ? 0 : frac, -1, false);
        break;
    }
    case LIT_TIMESTAMP: {
        int64_t days = 0, ms = 0;
        int32_t ns = 0;
        int frac = -1;
        size_t len = strlen(n->text);
        if (len >= 19 && n->text[10] == ' ') {
            char date[11];
            memcpy(date, n->text, 10);
            date[10] = 0;
            if (parse_date(date, &days))
                frac = parse_time(n->text + 11, &ms, &ns);
        }
        if (frac < 0)
            diag_error(an->diag, n->loc,
                       "Illegal TIMESTAMP literal '%s': not in format 'yyyy-MM-dd HH:mm:ss[.fffffffff]'", n->text);
        l->ts_millis = days * 86400000 + ms;
        l->ts_nanos = ns;
        e->type = type_new(an->arena, TY_TIMESTAMP, frac < 0 ? 0 : frac, -1, false);
        break;
    }
    case LIT_INTERVAL: {
        int64_t v = 0;
        int r = parse_interval(n->text, n->op2, n->p1, &v);
        static const char *const units[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
        if (r != 0) {
            char q[64];
            if (n->op2 == n->p1)
                snprintf(q, sizeof q, "%s", units[n->op2]);
            else
                snprintf(q, sizeof q, "%s TO %s", units[n->op2], units[n->p1]);
            if (r == 1)
                diag_error(an->diag, n->b_loc, "Illegal interval literal format '%s' for INTERVAL %s", n->text, q);
            else if (r == 2)
                diag_error(an->diag, n->b_loc, "Interval literal '%s' is out of range", n->text);
            else
                diag_error(an->diag, n->loc, "Illegal interval qualifier INTERVAL %s", q);
            v = 0;
        }
        l->i = n->flag ? -v : v;
        e->type = ty(an, n->op2 <= UNIT_MONTH ? TY_INTERVAL_YM : TY_INTERVAL_DT, false);
        break;
    }
    }
    return e;
}

/* ------------------------------------------------------------------ names */

static const char *suggest_field(const scope_t *s, const char *name)
{
    const char *cands[512];
    size_t n = 0;
    for (int i = 0; i < s->nfields && n < 512; i++)
        cands[n++] = s->fields[i].name;
    return sqlkc_rt_closest(name, cands, n);
}

static expr_t *colref(ectx_t *c, const ast_t *n)
{
    const scope_t *s = c->scope;
    an_t *an = c->an;
    const ast_t *first = n->list.head;
    const char *qual = NULL, *name = first->name.s;
    loc_t nloc = first->loc;
    if (n->list.count == 2) {
        qual = first->name.s;
        name = first->next->name.s;
        nloc = first->next->loc;
    } else if (n->list.count > 2) {
        diag_error(an->diag, n->loc, "qualified name '%s.%s...' is not supported yet", first->name.s,
                   first->next->name.s);
        return NULL;
    }
    if (qual) {
        bool known = false;
        for (int i = 0; i < s->nfields; i++)
            if (s->quals[i] && strcmp(s->quals[i], qual) == 0)
                known = true;
        if (!known) {
            /* t.f where t is a ROW column: field access */
            for (int i = 0; i < s->nfields; i++)
                if (strcmp(s->fields[i].name, qual) == 0) {
                    diag_error(an->diag, n->loc, "access to a field of ROW column '%s' is not supported yet", qual);
                    return NULL;
                }
            diag_error(an->diag, first->loc, "Table '%s' not found", qual);
            return NULL;
        }
    }
    int found = -1;
    for (int i = 0; i < s->nfields; i++) {
        if (strcmp(s->fields[i].name, name) != 0)
            continue;
        if (qual && (!s->quals[i] || strcmp(s->quals[i], qual) != 0))
            continue;
        if (found >= 0) {
            diag_error(an->diag, n->loc, "Column '%s' is ambiguous", name);
            return NULL;
        }
        found = i;
    }
    if (found < 0) {
        /* a case-insensitive match is the most common mistake: Flink is case-sensitive */
        for (int i = 0; i < s->nfields; i++)
            if (strcasecmp(s->fields[i].name, name) == 0) {
                diag_error(an->diag, nloc, "Column '%s' not found in %s%s%s; did you mean '%s'? "
                           "(identifiers are case-sensitive)", name, qual ? "table '" : "any table",
                           qual ? qual : "", qual ? "'" : "", s->fields[i].name);
                return NULL;
            }
        const char *near = suggest_field(s, name);
        if (near)
            diag_error(an->diag, nloc, "Column '%s' not found in %s%s%s; did you mean '%s'?", name,
                       qual ? "table '" : "any table", qual ? qual : "", qual ? "'" : "", near);
        else
            diag_error(an->diag, nloc, "Column '%s' not found in %s%s%s", name,
                       qual ? "table '" : "any table", qual ? qual : "", qual ? "'" : "");
        return NULL;
    }
    expr_t *e = expr_new(an, E_COL, s->fields[found].type, n->loc, 0);
    e->col = found;
    return e;
}

/* ------------------------------------------------------------------ operators */

static void op_error(an_t *an, const ast_t *n, const char *op, const expr_t *l, const expr_t *r,
                     const char *want)
{
    if (r)
        diag_error(an->diag, n->loc, "Cannot apply '%s' to arguments of type '<%s> %s <%s>'. Supported form(s): %s",
                   op, tname(an, l->type), op, tname(an, r->type), want);
    else
        diag_error(an->diag, n->loc, "Cannot apply '%s' to arguments of type '%s <%s>'. Supported form(s): %s",
                   op, op, tname(an, l->type), want);
}

static bool comparable(const type_t *a, const type_t *b)
{
    if (a->kind == TY_NULL || b->kind == TY_NULL)
        return true;
    if (type_is_numeric(a) && type_is_numeric(b))
        return true;
    if (type_is_string(a) && type_is_string(b))
        return true;
    if (type_is_binary(a) && type_is_binary(b))
        return true;
    if (a->kind == b->kind && (a->kind == TY_BOOLEAN || a->kind == TY_DATE || a->kind == TY_TIME ||
                               a->kind == TY_TIMESTAMP || a->kind == TY_TIMESTAMP_LTZ))
        return true;
    return false;
}

static bool is_interval(const type_t *t) { return t->kind == TY_INTERVAL_DT || t->kind == TY_INTERVAL_YM; }

static bool is_datetime(const type_t *t)
{
    return t->kind == TY_DATE || t->kind == TY_TIME || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ;
}

/* Interval arithmetic and comparisons Flink accepts that sqlkc does not
 * compile yet (it compiles TIMESTAMP +/- INTERVAL DAY TO SECOND). */
static bool interval_form(int op, const type_t *l, const type_t *r)
{
    switch (op) {
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        return is_interval(l) && l->kind == r->kind;
    case OP_ADD:
        return (is_datetime(l) && is_interval(r)) || (is_interval(l) && is_datetime(r)) ||
               (is_interval(l) && l->kind == r->kind);
    case OP_SUB:
        return (is_datetime(l) && is_interval(r)) || (is_interval(l) && l->kind == r->kind);
    case OP_MUL:
        return (is_interval(l) && type_is_numeric(r)) || (type_is_numeric(l) && is_interval(r));
    case OP_DIV:
        return is_interval(l) && type_is_numeric(r);
    default:
        return false;
    }
}

static expr_t *binary(an_t *an, const ast_t *n, int op, expr_t *l, expr_t *r)
{
    if (!l || !r)
        return NULL;
    bool compiled = (op == OP_ADD || op == OP_SUB) &&
                    (l->type->kind == TY_TIMESTAMP || l->type->kind == TY_TIMESTAMP_LTZ) &&
                    r->type->kind == TY_INTERVAL_DT;
    if (!compiled && interval_form(op, l->type, r->type)) {
        diag_error(an->diag, n->loc, "'<%s> %s <%s>' is not supported yet (sqlkc computes TIMESTAMP +/- "
                   "INTERVAL DAY TO SECOND)", tname(an, l->type), ast_op_name(op), tname(an, r->type));
        return NULL;
    }
    if (type_is_nested(l->type) || type_is_nested(r->type)) {
        diag_error(an->diag, n->loc, "this operation on a value of type %s is not supported yet (ARRAY, MAP, "
                   "MULTISET and ROW values can be selected, inserted, tested with IS NULL and CAST to their own "
                   "type)", tname(an, type_is_nested(l->type) ? l->type : r->type));
        return NULL;
    }
    bool nullable = l->type->nullable || r->type->nullable;
    expr_t *e = expr_new(an, E_BINARY, NULL, n->loc, 2);
    e->op = op;
    switch (op) {
    case OP_AND:
    case OP_OR:
        if (!expr_is_bool(l) || !expr_is_bool(r)) {
            op_error(an, n, ast_op_name(op), l, r, op == OP_AND ? "'<BOOLEAN> AND <BOOLEAN>'" : "'<BOOLEAN> OR <BOOLEAN>'");
            return NULL;
        }
        e->type = ty(an, TY_BOOLEAN, nullable);
        break;
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        if (!comparable(l->type, r->type)) {
            op_error(an, n, ast_op_name(op), l, r, "operands of comparable types (numbers, strings, ...)");
            return NULL;
        }
        if (type_is_numeric(l->type) && type_is_numeric(r->type)) {
            const type_t *c = type_numeric_common(an->arena, l->type, r->type);
            l = cast_to(an, l, c);
            r = cast_to(an, r, c);
        }
        e->type = ty(an, TY_BOOLEAN, nullable);
        break;
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_MOD:
        if ((op == OP_ADD || op == OP_SUB) &&
            (l->type->kind == TY_TIMESTAMP || l->type->kind == TY_TIMESTAMP_LTZ) &&
            r->type->kind == TY_INTERVAL_DT) {
            e->type = type_with_null(an->arena, l->type, nullable);
            break;
        }
        if (!type_is_numeric(l->type) || !type_is_numeric(r->type)) {
            op_error(an, n, ast_op_name(op), l, r, "'<NUMERIC> op <NUMERIC>'");
            return NULL;
        }
        e->type = type_with_null(an->arena, type_numeric_common(an->arena, l->type, r->type), nullable);
        if (e->type->kind == TY_DECIMAL) {
            diag_error(an->diag, n->loc, "DECIMAL arithmetic is not supported yet; CAST the operands "
                       "to DOUBLE or BIGINT");
            return NULL;
        }
        if ((op == OP_DIV || op == OP_MOD) && type_is_integer(e->type) && r->kind == E_LIT && !r->lit.is_null &&
            r->lit.i == 0) {
            diag_error(an->diag, n->loc, "division by zero");
            return NULL;
        }
        l = cast_to(an, l, e->type);
        r = cast_to(an, r, e->type);
        break;
    case OP_CONCAT:
        if (!type_is_string(l->type) || !type_is_string(r->type)) {
            op_error(an, n, "||", l, r, "'<STRING> || <STRING>'");
            return NULL;
        }
        e->type = type_new(an->arena, TY_VARCHAR, TY_MAX_LEN, -1, nullable);
        break;
    }
    e->args[0] = l;
    e->args[1] = r;
    return e;
}

/* ------------------------------------------------------------------ functions */

typedef struct fn_def {
    const char *name;
    int min, max; /* argument counts; max -1 = any */
    bool agg;
} fn_def_t;

static const fn_def_t fns[] = {
    {"COUNT", 0, 1, true},  {"SUM", 1, 1, true},       {"MIN", 1, 1, true},
    {"MAX", 1, 1, true},    {"AVG", 1, 1, true},       {"UPPER", 1, 1, false},
    {"LOWER", 1, 1, false}, {"CHAR_LENGTH", 1, 1, false}, {"CHARACTER_LENGTH", 1, 1, false},
    {"CONCAT", 1, -1, false}, {"COALESCE", 1, -1, false}, {"ABS", 1, 1, false},
    {"MOD", 2, 2, false},   {"IF", 3, 3, false},
};

/* Every function Flink's SQL knows (BuiltInFunctionDefinitions and
 * FlinkSqlOperatorTable of Flink's main branch, 2026-07, without the Table API's
 * own names and the planner's internal ones). A call to one that is not
 * compiled yet is reported as such, not as an unknown function. Sorted. */
static const char *const flink_fns[] = {
    "ABS", "ACOS", "APPROX_COUNT_DISTINCT", "ARRAY", "ARRAY_AGG", "ARRAY_APPEND", "ARRAY_CONCAT",
    "ARRAY_CONTAINS", "ARRAY_DISTINCT", "ARRAY_EXCEPT", "ARRAY_INTERSECT", "ARRAY_JOIN",
    "ARRAY_MAX", "ARRAY_MIN", "ARRAY_POSITION", "ARRAY_PREPEND", "ARRAY_REMOVE", "ARRAY_REVERSE",
    "ARRAY_SLICE", "ARRAY_SORT", "ARRAY_UNION", "ASCII", "ASIN", "ATAN", "ATAN2", "AVG", "BIN",
    "BITMAP_AND", "BITMAP_ANDNOT", "BITMAP_AND_AGG", "BITMAP_AND_CARDINALITY_AGG", "BITMAP_BUILD",
    "BITMAP_BUILD_AGG", "BITMAP_BUILD_CARDINALITY_AGG", "BITMAP_CARDINALITY", "BITMAP_FROM_BYTES",
    "BITMAP_OR", "BITMAP_OR_AGG", "BITMAP_OR_CARDINALITY_AGG", "BITMAP_TO_ARRAY", "BITMAP_TO_BYTES",
    "BITMAP_TO_STRING", "BITMAP_XOR", "BITMAP_XOR_AGG", "BITMAP_XOR_CARDINALITY_AGG", "BTRIM",
    "CARDINALITY", "CEIL", "CHARACTER_LENGTH", "CHAR_LENGTH", "CHR", "CLASSIFIER", "COALESCE",
    "COLLECT", "CONCAT", "CONCAT_WS", "CONVERT_TZ", "COS", "COSH", "COT", "COUNT", "CUME_DIST",
    "CUMULATE", "CURRENT_DATABASE", "CURRENT_DATE", "CURRENT_ROW_TIMESTAMP", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "CURRENT_WATERMARK", "DATE_FORMAT", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR",
    "DECODE", "DEGREES", "DENSE_RANK", "DESCRIPTOR", "E", "ELEMENT", "ELT", "ENCODE", "ENDSWITH",
    "EXP", "EXTRACT", "FIRST", "FIRST_VALUE", "FLOOR", "FROM_BASE64", "FROM_CHANGELOG",
    "FROM_UNIXTIME", "GREATEST", "GROUPING", "GROUPING_ID", "GROUP_ID", "HASH_CODE", "HEX", "HOP",
    "HOP_END", "HOP_PROCTIME", "HOP_ROWTIME", "HOP_START", "HOUR", "IF", "IFNULL", "INET_ATON",
    "INET_NTOA", "INITCAP", "INSTR", "IS_ALPHA", "IS_DECIMAL", "IS_DIGIT", "IS_VALID_UTF8", "JSON",
    "JSON_ARRAY", "JSON_ARRAYAGG", "JSON_EXISTS", "JSON_OBJECT", "JSON_OBJECTAGG", "JSON_QUERY",
    "JSON_QUOTE", "JSON_STRING", "JSON_UNQUOTE", "JSON_VALUE", "LAG", "LAST", "LAST_VALUE", "LEAD",
    "LEAST", "LEFT", "LISTAGG", "LN", "LOCALTIME", "LOCALTIMESTAMP", "LOCATE", "LOG", "LOG10",
    "LOG2", "LOWER", "LPAD", "LTRIM", "MAKE_VALID_UTF8", "MAP", "MAP_ENTRIES", "MAP_FROM_ARRAYS",
    "MAP_KEYS", "MAP_UNION", "MAP_VALUES", "MATCH_PROCTIME", "MATCH_ROWTIME", "MAX", "MD5", "MIN",
    "MINUTE", "ML_EVALUATE", "ML_PREDICT", "MOD", "MONTH", "MULTISET", "NEXT", "NOW", "NTILE",
    "NULLIF", "OVERLAY", "PARSE_JSON", "PARSE_URL", "PERCENTILE", "PERCENT_RANK", "PI", "POSITION",
    "POWER", "PREV", "PRINTF", "PROCTIME", "QUARTER", "RADIANS", "RAND", "RAND_INTEGER", "RANK",
    "REGEXP", "REGEXP_COUNT", "REGEXP_EXTRACT", "REGEXP_EXTRACT_ALL", "REGEXP_INSTR",
    "REGEXP_REPLACE", "REGEXP_SUBSTR", "REPEAT", "REPLACE", "REVERSE", "RIGHT", "ROUND", "ROW",
    "ROW_NUMBER", "RPAD", "RTRIM", "SECOND", "SESSION", "SESSION_END", "SESSION_PROCTIME",
    "SESSION_ROWTIME", "SESSION_START", "SHA1", "SHA2", "SHA224", "SHA256", "SHA384", "SHA512",
    "SIGN", "SIN", "SINH", "SNAPSHOT", "SOURCE_WATERMARK", "SPLIT", "SPLIT_INDEX", "SQRT",
    "STARTSWITH", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "STR_TO_MAP", "SUBSTR", "SUBSTRING", "SUM",
    "SUM0", "TAN", "TANH", "TIMESTAMPADD", "TIMESTAMPDIFF", "TO_BASE64", "TO_CHANGELOG", "TO_DATE",
    "TO_TIMESTAMP", "TO_TIMESTAMP_LTZ", "TRANSLATE", "TRIM", "TRUNCATE", "TRY_PARSE_JSON", "TUMBLE",
    "TUMBLE_END", "TUMBLE_PROCTIME", "TUMBLE_ROWTIME", "TUMBLE_START", "TYPEOF", "UNHEX",
    "UNIX_TIMESTAMP", "UPPER", "URL_DECODE", "URL_ENCODE", "UUID", "VARIANCE", "VAR_POP",
    "VAR_SAMP", "VECTOR_SEARCH", "WEEK", "YEAR",
};

static bool is_flink_fn(const char *name)
{
    for (size_t i = 0; i < sizeof flink_fns / sizeof flink_fns[0]; i++)
        if (strcasecmp(flink_fns[i], name) == 0)
            return true;
    return false;
}

static const fn_def_t *find_fn(const char *name)
{
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (strcasecmp(fns[i].name, name) == 0)
            return &fns[i];
    return NULL;
}

static expr_t *aggregate(ectx_t *c, const ast_t *n, const fn_def_t *f)
{
    an_t *an = c->an;
    if (c->clause) {
        diag_error(an->diag, n->loc, "Aggregate expression is illegal in %s clause", c->clause);
        return NULL;
    }
    const char *saved = c->clause;
    c->clause = "an aggregate function's argument: aggregate calls cannot be nested";
    agg_call_t a = {0};
    a.arg = -1;
    a.filter = -1;
    a.distinct = n->flag;
    expr_t *arg = NULL, *filter = NULL;
    bool ok = true;
    if (n->flag2) { /* COUNT(*) */
        if (strcasecmp(f->name, "COUNT") != 0) {
            diag_error(an->diag, n->loc, "'*' is only allowed in COUNT(*)");
            ok = false;
        }
        a.fn = AGG_COUNT_STAR;
    } else if (n->list.count != 1) {
        diag_error(an->diag, n->loc, "Invalid number of arguments to function '%s'. Was expecting 1 arguments",
                   f->name);
        ok = false;
    } else {
        arg = an_expr(c, n->list.head);
        ok = arg != NULL;
        if (arg && type_is_nested(arg->type)) {
            diag_error(an->diag, n->loc, "%s over a value of type %s is not supported yet", f->name,
                       tname(an, arg->type));
            ok = false;
        }
        a.fn = strcasecmp(f->name, "COUNT") == 0 ? AGG_COUNT
               : strcasecmp(f->name, "SUM") == 0 ? AGG_SUM
               : strcasecmp(f->name, "MIN") == 0 ? AGG_MIN
               : strcasecmp(f->name, "MAX") == 0 ? AGG_MAX
                                                  : AGG_AVG;
    }
    if (n->b) {
        c->clause = "FILTER";
        filter = an_expr(c, n->b);
        if (filter && !expr_is_bool(filter)) {
            diag_error(an->diag, n->b->loc, "FILTER expression must be of type BOOLEAN, not %s",
                       tname(an, filter->type));
            ok = false;
        }
        ok = ok && filter;
    }
    c->clause = saved;
    if (!ok)
        return NULL;
    if (a.distinct && a.fn != AGG_COUNT) {
        diag_error(an->diag, n->loc, "%s(DISTINCT ...) is not supported yet (COUNT(DISTINCT ...) is)", f->name);
        return NULL;
    }
    const type_t *at = arg ? arg->type : NULL;
    switch (a.fn) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
        a.type = ty(an, TY_BIGINT, false);
        break;
    case AGG_SUM:
    case AGG_AVG:
        if (!type_is_numeric(at)) {
            diag_error(an->diag, n->loc, "Cannot apply '%s' to arguments of type '%s(<%s>)'. Supported form(s): '%s(<NUMERIC>)'",
                       f->name, f->name, tname(an, at), f->name);
            return NULL;
        }
        if (at->kind == TY_DECIMAL) {
            diag_error(an->diag, n->loc, "%s over DECIMAL is not supported yet", f->name);
            return NULL;
        }
        a.type = type_with_null(an->arena, at, true);
        break;
    case AGG_MIN:
    case AGG_MAX:
        if (!(type_is_numeric(at) || at->kind == TY_BOOLEAN || at->kind == TY_DATE || at->kind == TY_TIME ||
              at->kind == TY_TIMESTAMP || at->kind == TY_TIMESTAMP_LTZ) || at->kind == TY_DECIMAL) {
            diag_error(an->diag, n->loc, "%s over %s is not supported yet", f->name, tname(an, at));
            return NULL;
        }
        a.type = type_with_null(an->arena, at, true);
        break;
    }
    if (c->naggs == c->capaggs) {
        int cap = c->capaggs ? c->capaggs * 2 : 8;
        agg_call_t *na = arena_alloc(an->arena, sizeof *na * (size_t)cap);
        expr_t **nargs = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)cap);
        expr_t **nf = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)cap);
        if (c->naggs) {
            memcpy(na, c->aggs, sizeof *na * (size_t)c->naggs);
            memcpy(nargs, c->agg_args, sizeof(expr_t *) * (size_t)c->naggs);
            memcpy(nf, c->agg_filters, sizeof(expr_t *) * (size_t)c->naggs);
        }
        c->aggs = na;
        c->agg_args = nargs;
        c->agg_filters = nf;
        c->capaggs = cap;
    }
    /* the same call twice is computed once */
    int idx = -1;
    for (int i = 0; i < c->naggs; i++) {
        if (c->aggs[i].fn != a.fn || c->aggs[i].distinct != a.distinct)
            continue;
        if ((c->agg_args[i] == NULL) != (arg == NULL) || (arg && !expr_equal(c->agg_args[i], arg)))
            continue;
        if ((c->agg_filters[i] == NULL) != (filter == NULL) || (filter && !expr_equal(c->agg_filters[i], filter)))
            continue;
        idx = i;
    }
    if (idx < 0) {
        idx = c->naggs++;
        a.text = arena_strndup(an->arena, an->diag->src + n->loc.begin, n->loc.end - n->loc.begin);
        c->aggs[idx] = a;
        c->agg_args[idx] = arg;
        c->agg_filters[idx] = filter;
    }
    expr_t *e = expr_new(an, E_AGG, c->aggs[idx].type, n->loc, 0);
    e->col = idx;
    return e;
}

static expr_t *call(ectx_t *c, const ast_t *n)
{
    an_t *an = c->an;
    if (n->a) {
        char path[512];
        size_t k = 0;
        for (const ast_t *p = n->a; p && k < sizeof path; p = p->next)
            k += (size_t)snprintf(path + k, sizeof path - k, "%s%s", p->name.s, p->next ? "." : "");
        diag_error(an->diag, n->loc, "catalog functions (%s) are not supported yet", path);
        return NULL;
    }
    if (!n->name.quoted && strcasecmp(n->name.s, "ROW") == 0) { /* ROW(a, b): a constructor */
        diag_error(an->diag, n->loc, "ROW(...) is not supported yet");
        return NULL;
    }
    if (an_declared_function(an, n->name.s))
        return NULL; /* its CREATE FUNCTION was reported */
    const fn_def_t *f = find_fn(n->name.s);
    if (f && n->c) {
        diag_error(an->diag, n->loc, "%s(...) OVER (...) is not supported yet", f->name);
        return NULL;
    }
    if (f && n->list2.count) {
        diag_error(an->diag, n->list2.head->loc, "%s in %s(...) is not supported yet", n->list2.head->text, f->name);
        return NULL;
    }
    if (!f) {
        if (is_flink_fn(n->name.s)) {
            char *up = arena_strdup(an->arena, n->name.s);
            for (char *p = up; *p; p++)
                *p = (char)toupper((unsigned char)*p);
            if (n->c)
                diag_error(an->diag, n->loc, "%s(...) OVER (...) is not supported yet", up);
            else
                diag_error(an->diag, n->loc, "function '%s' is not supported yet", up);
            return NULL;
        }
        const char *cands[sizeof fns / sizeof fns[0]];
        for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
            cands[i] = fns[i].name;
        const char *near = sqlkc_rt_closest(n->name.s, cands, sizeof fns / sizeof fns[0]);
        diag_error(an->diag, n->name.loc, "No match found for function signature %s(...)%s%s%s", n->name.s,
                   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        return NULL;
    }
    if (f->agg)
        return aggregate(c, n, f);
    if (n->flag || n->flag2 || n->b) {
        diag_error(an->diag, n->loc, "DISTINCT, '*' and FILTER are only allowed in aggregate functions");
        return NULL;
    }
    int argc = n->list.count;
    if (argc < f->min || (f->max >= 0 && argc > f->max)) {
        diag_error(an->diag, n->loc, "Invalid number of arguments to function '%s'. Was expecting %d%s arguments",
                   f->name, f->min, f->max < 0 ? " or more" : "");
        return NULL;
    }
    expr_t *e = expr_new(an, E_CALL, NULL, n->loc, argc);
    e->fn = f->name;
    bool ok = true, nullable = false;
    int i = 0;
    for (const ast_t *a = n->list.head; a; a = a->next, i++) {
        e->args[i] = an_expr(c, a);
        if (!e->args[i])
            ok = false;
        else
            nullable = nullable || e->args[i]->type->nullable;
    }
    if (!ok)
        return NULL;
    const char *name = f->name;
    if (!strcmp(name, "UPPER") || !strcmp(name, "LOWER")) {
        if (!type_is_string(e->args[0]->type))
            goto bad;
        e->type = type_with_null(an->arena, e->args[0]->type, nullable);
        if (e->type->kind == TY_CHAR) /* Flink keeps CHAR(n); text is compiled as a slice */
            e->type = type_new(an->arena, TY_VARCHAR, e->type->p, -1, nullable);
    } else if (!strcmp(name, "CHAR_LENGTH") || !strcmp(name, "CHARACTER_LENGTH")) {
        if (!type_is_string(e->args[0]->type))
            goto bad;
        e->fn = "CHAR_LENGTH";
        e->type = ty(an, TY_INT, nullable);
    } else if (!strcmp(name, "CONCAT")) {
        for (i = 0; i < argc; i++)
            if (!type_is_string(e->args[i]->type))
                goto bad;
        e->type = type_new(an->arena, TY_VARCHAR, TY_MAX_LEN, -1, nullable);
    } else if (!strcmp(name, "COALESCE") || !strcmp(name, "IF")) {
        int first = !strcmp(name, "IF") ? 1 : 0;
        if (first && !expr_is_bool(e->args[0]))
            goto bad;
        const type_t *t = e->args[first]->type;
        bool all_null = true;
        for (i = first; i < argc; i++) {
            const type_t *u = type_common(an->arena, t, e->args[i]->type);
            if (!u)
                goto bad;
            t = u;
            if (!e->args[i]->type->nullable)
                all_null = false;
        }
        if (t->kind == TY_CHAR)
            t = type_new(an->arena, TY_VARCHAR, t->p, -1, t->nullable);
        if (!strcmp(name, "IF"))
            all_null = e->args[1]->type->nullable || e->args[2]->type->nullable;
        e->type = type_with_null(an->arena, t, all_null);
        for (i = first; i < argc; i++)
            e->args[i] = cast_to(an, e->args[i], e->type);
    } else if (!strcmp(name, "ABS")) {
        if (!type_is_numeric(e->args[0]->type) || e->args[0]->type->kind == TY_DECIMAL)
            goto bad;
        e->type = e->args[0]->type;
    } else if (!strcmp(name, "MOD")) {
        if (!type_is_integer(e->args[0]->type) || !type_is_integer(e->args[1]->type))
            goto bad;
        e->type = type_with_null(an->arena, e->args[1]->type, nullable);
        e->args[0] = cast_to(an, e->args[0], type_numeric_common(an->arena, e->args[0]->type, e->args[1]->type));
        e->args[1] = cast_to(an, e->args[1], e->args[0]->type);
        e->type = type_with_null(an->arena, e->args[0]->type, nullable);
    }
    return e;
bad: {
    char buf[512];
    size_t k = 0;
    for (i = 0; i < argc && k < sizeof buf; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s<%s>", i ? ", " : "", tname(an, e->args[i]->type));
    diag_error(an->diag, n->loc, "Cannot apply '%s' to arguments of type '%s(%s)'", name, name, buf);
    return NULL;
}
}

/* ------------------------------------------------------------------ expressions */

static expr_t *an_expr_node(ectx_t *c, const ast_t *n);

/* ARRAY, MAP, MULTISET and ROW values pass through a query (a column, IS
 * [NOT] NULL, a CAST to the same type); other operations on them are not
 * compiled yet. */
static expr_t *nested_guard(an_t *an, expr_t *e)
{
    if (e->kind == E_COL || (e->kind == E_IS && e->op == IS_NULL) ||
        (e->kind == E_CAST && (e->args[0]->type->kind == TY_NULL || type_equal_ignoring_null(e->args[0]->type, e->type))))
        return e;
    const type_t *t = type_is_nested(e->type) ? e->type : NULL;
    for (int i = 0; !t && i < e->nargs; i++)
        if (e->args[i] && type_is_nested(e->args[i]->type))
            t = e->args[i]->type;
    if (!t)
        return e;
    diag_error(an->diag, e->loc, "this operation on a value of type %s is not supported yet (ARRAY, MAP, MULTISET "
               "and ROW values can be selected, inserted, tested with IS NULL and CAST to their own type)",
               tname(an, t));
    return NULL;
}

static expr_t *an_expr(ectx_t *c, const ast_t *n)
{
    if (c->depth >= MAX_EXPR_DEPTH) {
        diag_error(c->an->diag, n->loc, "expression is nested too deeply (more than %d levels)", MAX_EXPR_DEPTH);
        return NULL;
    }
    c->depth++;
    expr_t *e = an_expr_node(c, n);
    c->depth--;
    return e ? nested_guard(c->an, e) : NULL;
}

static expr_t *an_expr_node(ectx_t *c, const ast_t *n)
{
    an_t *an = c->an;
    switch (n->kind) {
    case AST_COLREF:
        return colref(c, n);
    case AST_LITERAL:
        return literal(an, n);
    case AST_UNARY: {
        expr_t *a = an_expr(c, n->a);
        if (!a)
            return NULL;
        if (n->op == OP_PLUS) {
            if (!type_is_numeric(a->type)) {
                op_error(an, n, "+", a, NULL, "'+<NUMERIC>'");
                return NULL;
            }
            return a;
        }
        if (n->op == OP_NOT && !expr_is_bool(a)) {
            op_error(an, n, "NOT", a, NULL, "'NOT<BOOLEAN>'");
            return NULL;
        }
        if (n->op == OP_NEG && (!type_is_numeric(a->type) || a->type->kind == TY_DECIMAL)) {
            op_error(an, n, "-", a, NULL, "'-<NUMERIC>'");
            return NULL;
        }
        if (n->op == OP_NEG && a->kind == E_LIT && type_is_integer(a->type)) {
            a->lit.i = -a->lit.i; /* -2147483648 stays an INT */
            a->loc = n->loc;
            if (a->type->kind == TY_BIGINT && a->lit.i >= INT32_MIN)
                a->type = ty(an, TY_INT, false);
            return a;
        }
        expr_t *e = expr_new(an, E_UNARY, n->op == OP_NOT ? ty(an, TY_BOOLEAN, a->type->nullable) : a->type, n->loc, 1);
        e->op = n->op;
        e->args[0] = a;
        return e;
    }
    case AST_BINARY: {
        expr_t *l = an_expr(c, n->a); /* in order: diagnostics come left to right */
        expr_t *r = an_expr(c, n->b);
        return binary(an, n, n->op, l, r);
    }
    case AST_IS: {
        if (n->op == IS_DISTINCT_FROM || n->op == IS_JSON) {
            unsupported(an, n);
            return NULL;
        }
        expr_t *a = an_expr(c, n->a);
        if (!a)
            return NULL;
        if (n->op != IS_NULL && !expr_is_bool(a)) {
            op_error(an, n, "IS", a, NULL, "'<BOOLEAN> IS [NOT] TRUE/FALSE/UNKNOWN'");
            return NULL;
        }
        expr_t *e = expr_new(an, E_IS, ty(an, TY_BOOLEAN, false), n->loc, 1);
        e->op = n->op;
        e->flag = n->flag;
        e->args[0] = a;
        return e;
    }
    case AST_BETWEEN: {
        expr_t *a = an_expr(c, n->a), *lo = an_expr(c, n->b), *hi = an_expr(c, n->c);
        if (!a || !lo || !hi)
            return NULL;
        if (!comparable(a->type, lo->type) || !comparable(a->type, hi->type)) { /* Calcite's message */
            const char *op = n->flag ? "NOT BETWEEN" : "BETWEEN", *sym = n->flag2 ? "SYMMETRIC" : "ASYMMETRIC";
            diag_error(an->diag, n->loc, "Cannot apply '%s %s' to arguments of type '<%s> %s %s <%s> AND <%s>'. "
                       "Supported form(s): '<COMPARABLE_TYPE> %s <COMPARABLE_TYPE> AND <COMPARABLE_TYPE>'", op, sym,
                       tname(an, a->type), op, sym, tname(an, lo->type), tname(an, hi->type), op);
            return NULL;
        }
        expr_t *ge = binary(an, n, OP_GE, a, lo), *le = binary(an, n, OP_LE, a, hi);
        expr_t *r = binary(an, n, OP_AND, ge, le);
        if (r && n->flag2) { /* SYMMETRIC: either order */
            expr_t *ge2 = binary(an, n, OP_GE, a, hi), *le2 = binary(an, n, OP_LE, a, lo);
            r = binary(an, n, OP_OR, r, binary(an, n, OP_AND, ge2, le2));
        }
        return r && n->flag ? negate(an, r, n->loc) : r;
    }
    case AST_IN: {
        if (n->b) {
            unsupported(an, n);
            return NULL;
        }
        expr_t *a = an_expr(c, n->a);
        if (!a)
            return NULL;
        expr_t *r = NULL;
        for (const ast_t *v = n->list.head; v; v = v->next) {
            expr_t *eq = binary(an, v, OP_EQ, a, an_expr(c, v));
            if (!eq)
                return NULL;
            r = r ? binary(an, n, OP_OR, r, eq) : eq;
        }
        return r && n->flag ? negate(an, r, n->loc) : r;
    }
    case AST_LIKE: {
        if (n->op) {
            unsupported(an, n);
            return NULL;
        }
        expr_t *a = an_expr(c, n->a), *p = an_expr(c, n->b), *esc = n->c ? an_expr(c, n->c) : NULL;
        if (!a || !p || (n->c && !esc))
            return NULL;
        if (!type_is_string(a->type) || !type_is_string(p->type) || (esc && !type_is_string(esc->type))) {
            op_error(an, n, "LIKE", a, p, "'<STRING> LIKE <STRING>'");
            return NULL;
        }
        if (esc && (esc->kind != E_LIT || utf8_len(esc->lit.s, esc->lit.n) != 1 || esc->lit.s[0] & 0x80)) {
            diag_error(an->diag, n->c->loc, "the ESCAPE of LIKE must be a single ASCII character literal");
            return NULL;
        }
        expr_t *e = expr_new(an, E_LIKE, ty(an, TY_BOOLEAN, a->type->nullable || p->type->nullable), n->loc, esc ? 3 : 2);
        e->flag = n->flag;
        e->args[0] = a;
        e->args[1] = p;
        if (esc)
            e->args[2] = esc;
        return e;
    }
    case AST_CASE: {
        int nw = n->list.count;
        expr_t *operand = n->a ? an_expr(c, n->a) : NULL;
        if (n->a && !operand)
            return NULL;
        expr_t *e = expr_new(an, E_CASE, NULL, n->loc, nw * 2 + (n->b ? 1 : 0));
        e->flag = n->b != NULL;
        int i = 0;
        bool ok = true;
        const type_t *t = NULL;
        for (const ast_t *w = n->list.head; w; w = w->next, i += 2) {
            expr_t *cond = operand ? binary(an, w, OP_EQ, operand, an_expr(c, w->a)) : an_expr(c, w->a);
            expr_t *res = an_expr(c, w->b);
            if (!cond || !res) {
                ok = false;
                continue;
            }
            if (!expr_is_bool(cond)) {
                diag_error(an->diag, w->a->loc, "WHEN condition must be BOOLEAN, not %s", tname(an, cond->type));
                ok = false;
            }
            e->args[i] = cond;
            e->args[i + 1] = res;
            const type_t *u = t ? type_common(an->arena, t, res->type) : res->type;
            if (!u) {
                diag_error(an->diag, w->b->loc, "Illegal mixing of types in CASE or COALESCE statement: %s and %s",
                           tname(an, t), tname(an, res->type));
                ok = false;
            } else
                t = u;
        }
        if (n->b) {
            expr_t *res = an_expr(c, n->b);
            if (!res)
                return NULL;
            e->args[i] = res;
            const type_t *u = t ? type_common(an->arena, t, res->type) : res->type;
            if (!u) {
                diag_error(an->diag, n->b->loc, "Illegal mixing of types in CASE or COALESCE statement: %s and %s",
                           tname(an, t), tname(an, res->type));
                return NULL;
            }
            t = u;
        }
        if (!ok || !t)
            return NULL;
        if (t->kind == TY_NULL) {
            diag_error(an->diag, n->loc, "CASE of only NULLs has no type; CAST one of them");
            return NULL;
        }
        if (t->kind == TY_CHAR) /* results keep their own length; CHAR padding is not applied */
            t = type_new(an->arena, TY_VARCHAR, t->p, -1, t->nullable);
        e->type = type_with_null(an->arena, t, t->nullable || !n->b);
        for (int k = 1; k < e->nargs; k += 2)
            e->args[k] = cast_to(an, e->args[k], e->type);
        if (n->b)
            e->args[e->nargs - 1] = cast_to(an, e->args[e->nargs - 1], e->type);
        return e;
    }
    case AST_CAST: {
        if (n->flag) {
            unsupported(an, n);
            return NULL;
        }
        expr_t *a = an_expr(c, n->a);
        int errors = an->diag->errors;
        const type_t *t = type_from_ast(an->arena, an->diag, n->b);
        if (!a || an->diag->errors != errors) /* one mistake, one error */
            return NULL;
        if (!type_explicit_cast(a->type, t)) {
            diag_error(an->diag, n->loc, "Cast function cannot convert value of type %s to type %s",
                       tname(an, a->type), tname(an, t));
            return NULL;
        }
        if (!type_cast_compiled(a->type, t)) {
            diag_error(an->diag, n->loc, "CAST from %s to %s is not supported yet", tname(an, a->type), tname(an, t));
            return NULL;
        }
        expr_t *e = expr_new(an, E_CAST, type_with_null(an->arena, t, a->type->nullable || t->nullable), n->loc, 1);
        e->flag = true; /* written: CHAR(n)/VARCHAR(n) trim and pad */
        e->args[0] = a;
        return e;
    }
    case AST_CALL:
        return call(c, n);
    default:
        /* parsed, not compiled yet: subqueries, constructors, element access ... */
        unsupported(an, n);
        return NULL;
    }
}

/* ------------------------------------------------------------------ tables */

static scope_t *table_scope(an_t *an, const table_t *t, const char *qual, bool computed)
{
    scope_t *s = arena_alloc(an->arena, sizeof *s);
    s->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(t->ncols + 1));
    s->quals = arena_alloc(an->arena, sizeof(char *) * (size_t)(t->ncols + 1));
    for (int i = 0; i < t->ncols; i++) {
        if (!computed && t->cols[i].kind == COL_COMPUTED)
            continue;
        s->fields[s->nfields].name = t->cols[i].name;
        s->fields[s->nfields].type = t->cols[i].type ? t->cols[i].type : ty(an, TY_NULL, true);
        s->quals[s->nfields] = qual;
        s->nfields++;
    }
    return s;
}

const type_t *an_computed_column_type(an_t *an, table_t *t, int col)
{
    ectx_t c = {an, table_scope(an, t, t->name, false), "a computed column", NULL, NULL, NULL, 0, 0, 0};
    expr_t *e = an_expr(&c, t->cols[col].expr);
    if (e && e->type->kind == TY_NULL) {
        diag_error(an->diag, t->cols[col].expr->loc, "a computed column needs a type; CAST the NULL");
        return NULL;
    }
    return e ? e->type : NULL;
}

const type_t *an_watermark_type(an_t *an, table_t *t, const ast_t *n)
{
    ectx_t c = {an, table_scope(an, t, t->name, true), "a WATERMARK", NULL, NULL, NULL, 0, 0, 0};
    expr_t *e = an_expr(&c, n);
    return e ? e->type : NULL;
}

/* A declared table (not a copy made for a hint, not dropped). */
static table_t *find_table(an_t *an, const char *name)
{
    for (int i = 0; i < an->plan->ntables; i++) {
        table_t *t = an->plan->tables[i];
        if (!t->dropped && !t->hint_of && strcmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

static view_t *find_view(an_t *an, const char *name)
{
    for (int i = 0; i < an->nviews; i++)
        if (!an->views[i]->dropped && strcmp(an->views[i]->name, name) == 0)
            return an->views[i];
    return NULL;
}

static view_t *find_cte(an_t *an, const char *name)
{
    for (int i = an->nctes - 1; i >= an->cte_floor; i--)
        if (strcmp(an->ctes[i]->name, name) == 0)
            return an->ctes[i];
    return NULL;
}

/* Whether a statement that did not parse names it: then it was probably
 * declared there, and its syntax error is the one mistake to report. */
static bool named_by_broken_statement(an_t *an, const char *name)
{
    size_t n = strlen(name);
    for (const ast_t *s = an->stmts.head; s && n; s = s->next) {
        if (s->kind != AST_OTHER_STMT || !s->broken || s->loc.begin == UINT32_MAX)
            continue;
        const char *src = an->diag->src;
        uint32_t b = s->loc.begin;
        while (b < s->loc.end && b < an->diag->len && isspace((unsigned char)src[b]))
            b++;
        if (b + 6 > an->diag->len || strncasecmp(src + b, "CREATE", 6) != 0)
            continue; /* only a declaration that did not parse may have declared it */
        for (uint32_t i = s->loc.begin; i + n <= s->loc.end && i + n <= an->diag->len; i++)
            if (memcmp(src + i, name, n) == 0 && (i == 0 || !(isalnum((unsigned char)src[i - 1]) || src[i - 1] == '_')) &&
                !(isalnum((unsigned char)src[i + n]) || src[i + n] == '_'))
                return true;
    }
    return false;
}

static void object_not_found(an_t *an, const ast_t *name_node, const char *name)
{
    if (named_by_broken_statement(an, name))
        return;
    const char *cands[512];
    size_t n = 0;
    for (int i = 0; i < an->plan->ntables && n < 500; i++)
        if (!an->plan->tables[i]->dropped && !an->plan->tables[i]->hint_of)
            cands[n++] = an->plan->tables[i]->name;
    for (int i = 0; i < an->nviews && n < 510; i++)
        if (!an->views[i]->dropped)
            cands[n++] = an->views[i]->name;
    const char *near = sqlkc_rt_closest(name, cands, n);
    diag_error(an->diag, name_node->loc, "Object '%s' not found%s%s%s", name, near ? "; did you mean '" : "",
               near ? near : "", near ? "'?" : "");
}

/* ------------------------------------------------------------------ plan nodes */

static plan_node_t *node_new(an_t *an, int kind, plan_node_t *input)
{
    plan_node_t *p = arena_alloc(an->arena, sizeof *p);
    p->kind = kind;
    p->id = an->next_id++;
    p->input = input;
    return p;
}

static plan_node_t *scan(an_t *an, table_t *t)
{
    plan_node_t *p = node_new(an, P_SCAN, NULL);
    p->table = t;
    t->role |= SQLKC_RT_ROLE_SOURCE;
    int n = 0;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind != COL_COMPUTED)
            n++;
    p->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(n + 1));
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind != COL_COMPUTED) {
            p->fields[p->nfields].name = t->cols[i].name;
            p->fields[p->nfields].type = t->cols[i].type;
            p->nfields++;
        }
    p->changelog = CL_I;
    if (t->connector != CONN_UPSERT_KAFKA)
        return p;
    /* An upsert source: UPDATE_AFTER and DELETE keyed by the PRIMARY KEY.
     * Flink's planner puts a ChangelogNormalize on it; analyze() takes it out
     * again where nothing downstream needs what it adds. */
    p->changelog = CL_UA | CL_D;
    p->upsert_key = arena_alloc(an->arena, sizeof(int) * (size_t)(t->npk + 1));
    for (int i = 0; i < t->npk; i++) {
        int f = 0;
        for (int c = 0; c < t->pk[i]; c++)
            f += t->cols[c].kind != COL_COMPUTED;
        p->upsert_key[i] = f;
    }
    p->nupsert_key = t->npk;
    plan_node_t *norm = node_new(an, P_NORMALIZE, p);
    norm->fields = p->fields;
    norm->nfields = p->nfields;
    norm->group = p->upsert_key;
    norm->ngroup = p->nupsert_key;
    return norm;
}

static plan_node_t *query(an_t *an, const ast_t *q, scope_t **out_scope);
static bool with_clause(an_t *an, const ast_t *w);
static void add_table(an_t *an, table_t *t);

/* The FROM items that parse but are not compiled yet, named as written. */
static void from_unsupported(an_t *an, const ast_t *f)
{
    if (f->kind == AST_JOIN) {
        const ast_t *r = f->b;
        const char *what = ast_construct_name(f);
        if (r->kind == AST_UNNEST)
            what = f->op == JOIN_CROSS ? "CROSS JOIN UNNEST" : "a join with UNNEST";
        else if (r->kind == AST_TVF && r->flag)
            what = "a join with LATERAL TABLE";
        else if (r->kind == AST_TABLE_REF && r->c)
            what = "a temporal join (FOR SYSTEM_TIME AS OF)";
        diag_error(an->diag, f->loc, "%s is not supported yet", what);
        return;
    }
    if (f->kind == AST_TVF) {
        const ast_t *call = f->a;
        static const char *const windows[] = {"TUMBLE", "HOP", "CUMULATE", "SESSION"};
        for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++)
            if (strcasecmp(call->name.s, windows[i]) == 0) {
                diag_error(an->diag, f->loc, "the window table function %s is not supported yet", windows[i]);
                return;
            }
        diag_error(an->diag, f->loc, "the table function '%s' is not supported yet", call->name.s);
        return;
    }
    if (f->kind == AST_SUBQUERY) {
        diag_error(an->diag, f->loc, "LATERAL subqueries are not supported yet");
        return;
    }
    if (f->kind == AST_TABLE_REF) {
        unsupported(an, f->c);
        return;
    }
    unsupported(an, f);
}

static plan_node_t *table_item(an_t *an, const ast_t *f, scope_t **out);

/* FROM: a table (with its computed columns projected), a view, a WITH item or
 * a subquery, [AS] alias [(column names)]. */
static plan_node_t *from_item(an_t *an, const ast_t *f, scope_t **out)
{
    plan_node_t *p;
    if ((f->kind != AST_TABLE_REF && f->kind != AST_SUBQUERY) || (f->kind == AST_SUBQUERY && f->flag) ||
        (f->kind == AST_TABLE_REF && f->c)) {
        from_unsupported(an, f);
        return NULL;
    }
    if (f->kind == AST_SUBQUERY) {
        scope_t *s;
        p = query(an, f->a, &s);
        if (!p)
            return NULL;
        for (int i = 0; i < s->nfields; i++)
            s->quals[i] = f->name.s;
        *out = s;
    } else {
        p = table_item(an, f, out);
        if (!p)
            return NULL;
    }
    if (f->list3.count) { /* AS t (a, b, c) renames every column */
        scope_t *s = *out;
        if (f->list3.count != s->nfields) {
            char cols[1024];
            size_t k = 0;
            for (int i = 0; i < s->nfields && k < sizeof cols; i++)
                k += (size_t)snprintf(cols + k, sizeof cols - k, "%s'%s'", i ? ", " : "", s->fields[i].name);
            diag_error(an->diag, f->list3.head->loc, "List of column aliases must have same degree as table; table "
                       "has %d columns (%s), whereas alias list has %d columns", s->nfields, cols, f->list3.count);
            return NULL;
        }
        scope_t *r = arena_alloc(an->arena, sizeof *r);
        *r = *s;
        r->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(s->nfields + 1));
        int i = 0;
        for (const ast_t *c = f->list3.head; c; c = c->next, i++) {
            r->fields[i] = s->fields[i];
            r->fields[i].name = c->name.s;
        }
        *out = r;
    }
    return p;
}

/* A second analysis of something analyzed, and reported, where it is
 * written (a view at each use, a table copied for hints): its range is
 * muted; mute_end tells whether the analysis failed with muted errors only,
 * which report_muted then reports at the use. */
typedef struct mute_mark {
    loc_t old;
    int errors, muted;
} mute_mark_t;

static mute_mark_t mute_begin(an_t *an, loc_t range)
{
    mute_mark_t m = {diag_mute(an->diag, range), an->diag->errors, an->diag->muted_errors};
    if (m.old.begin == UINT32_MAX) /* the outermost: a fresh message */
        an->diag->muted_msg[0] = 0;
    return m;
}

static bool mute_end(an_t *an, mute_mark_t m)
{
    diag_mute(an->diag, m.old);
    return an->diag->errors == m.errors && an->diag->muted_errors > m.muted;
}

static void report_muted(an_t *an, loc_t at, const char *what, loc_t where)
{
    diag_error(an->diag, at, "%s cannot be used here: %s", what,
               an->diag->muted_msg[0] ? an->diag->muted_msg : "it has errors");
    diag_note(an->diag, where, "%s is written here", what);
}

/* A copy of a table with a reference's OPTIONS hint merged into its WITH
 * options, as Flink's dynamic table options: validated like the WITH clause,
 * errors shown at the hint. Flink applies a table's first OPTIONS hint
 * (FlinkHints.getHintedOptions), a key given twice taking its last value. */
static table_t *hinted_table(an_t *an, table_t *t, const ast_list_t *hints)
{
    const char *en = an_setting(an, "table.dynamic-table-options.enabled");
    const ast_t *first = NULL;
    for (const ast_t *h = hints->head; h; h = h->next) {
        if (strcasecmp(h->name.s, "LOOKUP") == 0) {
            diag_error(an->diag, h->loc, "the LOOKUP hint is not supported yet (it applies to lookup joins)");
            return NULL;
        }
        if (strcasecmp(h->name.s, "OPTIONS") != 0) {
            diag_error(an->diag, h->loc, "unknown table hint '%s'; Flink's table hints are OPTIONS('key' = "
                       "'value', ...) and LOOKUP(...)", h->name.s);
            return NULL;
        }
        if (en && strcasecmp(en, "false") == 0) { /* the default until Flink 1.13 (FLINK-21191) */
            diag_error(an->diag, h->loc, "OPTIONS hint is allowed only when table.dynamic-table-options.enabled is "
                       "set to true");
            return NULL;
        }
        for (const ast_t *o = h->list.head; o; o = o->next)
            if (o->kind != AST_OPTION) {
                diag_error(an->diag, o->loc, "OPTIONS takes 'key' = 'value' pairs");
                return NULL;
            }
        if (!first)
            first = h;
    }
    if (!first || !first->list.count)
        return t;
    /* a view used twice, a table read twice in one query: one copy */
    for (int i = 0; i < an->plan->ntables; i++)
        if (an->plan->tables[i]->hint_of == t && an->plan->tables[i]->hint == first)
            return an->plan->tables[i]->valid ? an->plan->tables[i] : NULL;
    for (const ast_t *h = first->next; h; h = h->next)
        diag_warning(an->diag, h->loc, "only the first OPTIONS hint of a table is applied; Flink ignores this one "
                     "(put all the options in one hint)");
    /* the WITH options in order, a hinted key taking the hint's (last) value,
     * then the new keys in the order of their first mention */
    ast_list_t merged = ast_list_empty();
    for (const ast_t *o = t->ast->list2.head; o; o = o->next) {
        const ast_t *use = o;
        for (const ast_t *h = first->list.head; h; h = h->next)
            if (strcmp(h->text, o->text) == 0)
                use = h;
        ast_t *c = arena_alloc(an->arena, sizeof *c);
        *c = *use;
        merged = ast_list_append(merged, c);
    }
    for (const ast_t *h = first->list.head; h; h = h->next) {
        bool known = false;
        for (const ast_t *o = t->ast->list2.head; o; o = o->next)
            known = known || strcmp(h->text, o->text) == 0;
        for (const ast_t *o = first->list.head; o != h; o = o->next)
            known = known || strcmp(h->text, o->text) == 0;
        if (known)
            continue;
        const ast_t *use = h;
        for (const ast_t *o = h->next; o; o = o->next)
            if (strcmp(h->text, o->text) == 0)
                use = o;
        ast_t *c = arena_alloc(an->arena, sizeof *c);
        *c = *use;
        merged = ast_list_append(merged, c);
    }
    ast_t *n = arena_alloc(an->arena, sizeof *n);
    *n = *t->ast;
    n->list2 = merged;
    /* the DDL's own mistakes were reported with the declared table; what
     * fails only with the hint is reported at the hint */
    mute_mark_t m = mute_begin(an, t->ast->loc);
    int errors = an->diag->errors;
    table_t *c = table_create(an, n);
    bool failed_muted = mute_end(an, m);
    c->ast = n;
    c->hint_of = t;
    c->hint = first;
    c->temporary = t->temporary;
    add_table(an, c);
    if (failed_muted) {
        c->valid = false;
        diag_error(an->diag, first->loc, "with this OPTIONS hint, table '%s' is not valid: %s", t->name,
                   an->diag->muted_msg);
    }
    if (an->diag->errors != errors)
        c->valid = false;
    return c->valid ? c : NULL;
}

/* A view or a WITH item, analyzed again for this use (its errors were
 * reported where it is defined). */
static plan_node_t *expand_view(an_t *an, view_t *v, const char *qual, loc_t at, scope_t **out)
{
    if (v->bad)
        return NULL;
    if (v->expanding) {
        diag_error(an->diag, at, "view '%s' refers to itself", v->name);
        return NULL;
    }
    v->expanding = true;
    scope_t *s;
    int floor = an->cte_floor, nctes = an->nctes;
    view_t **hidden = NULL;
    if (v->ast->kind == AST_CREATE_VIEW) { /* a view does not see the WITH items around its use */
        an->cte_floor = an->nctes;
    } else { /* an item sees what it saw where it is written: the items before it */
        hidden = arena_alloc(an->arena, sizeof(view_t *) * (size_t)(nctes - v->cte_index + 1));
        memcpy(hidden, an->ctes + v->cte_index, sizeof(view_t *) * (size_t)(nctes - v->cte_index));
        an->cte_floor = v->cte_floor;
        an->nctes = v->cte_index;
    }
    mute_mark_t m = mute_begin(an, v->ast->loc);
    plan_node_t *p = query(an, v->ast->a, &s);
    bool failed_muted = mute_end(an, m);
    if (hidden) {
        memcpy(an->ctes + v->cte_index, hidden, sizeof(view_t *) * (size_t)(nctes - v->cte_index));
        an->nctes = nctes;
    }
    an->cte_floor = floor;
    v->expanding = false;
    if (!p) {
        if (failed_muted)
            report_muted(an, at, arena_printf(an->arena, "%s '%s'", v->ast->kind == AST_CREATE_VIEW ? "view" :
                                              "WITH item", v->name), v->ast->loc);
        return NULL;
    }
    if (v->ast->list.count && v->ast->list.count != s->nfields) {
        diag_error(an->diag, at, "'%s' names %d columns but its query has %d here", v->name, v->ast->list.count,
                   s->nfields);
        return NULL;
    }
    if (v->ast->list.count) {
        scope_t *r = arena_alloc(an->arena, sizeof *r);
        *r = *s;
        r->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(s->nfields + 1));
        int i = 0;
        for (const ast_t *c = v->ast->list.head; c; c = c->next, i++) {
            r->fields[i] = s->fields[i];
            r->fields[i].name = c->name.s;
        }
        s = r;
    }
    for (int i = 0; i < s->nfields; i++)
        s->quals[i] = qual;
    *out = s;
    return p;
}

/* catalog.database.table: only the default catalog and database exist. */
static bool qualifiers_ok(an_t *an, const ast_t *head, loc_t loc)
{
    static const char *const defaults[] = {"default_catalog", "default_database"};
    int count = 0;
    for (const ast_t *p = head; p; p = p->next)
        count++;
    if (count > 3) {
        diag_error(an->diag, loc, "a table name has at most three parts");
        return false;
    }
    int k = 3 - count;
    for (const ast_t *p = head; p && p->next; p = p->next, k++)
        if (strcmp(p->name.s, defaults[k]) != 0) {
            diag_error(an->diag, p->loc, "%s '%s' not found (only %s exists)", k == 0 ? "Catalog" : "Database",
                       p->name.s, defaults[k]);
            return false;
        }
    return true;
}

static plan_node_t *table_item(an_t *an, const ast_t *f, scope_t **out)
{
    const ast_t *last = f->list.tail;
    if (f->list.count == 1) {
        view_t *cte = find_cte(an, last->name.s);
        if (cte && f->list2.count) {
            diag_error(an->diag, f->list2.head->loc, "OPTIONS hints apply to tables; '%s' is a WITH item",
                       last->name.s);
            return NULL;
        }
        if (cte)
            return expand_view(an, cte, f->name.s ? f->name.s : last->name.s, last->loc, out);
    }
    if (!qualifiers_ok(an, f->list.head, f->loc))
        return NULL;
    const char *name = last->name.s, *qual = f->name.s ? f->name.s : name;
    table_t *t = find_table(an, name);
    if (t) {
        if (!t->valid)
            return NULL;
        if (f->list2.count && !(t = hinted_table(an, t, &f->list2)))
            return NULL;
        plan_node_t *p = scan(an, t);
        scope_t *s = table_scope(an, t, qual, true);
        bool has_computed = false;
        for (int i = 0; i < t->ncols; i++)
            has_computed = has_computed || t->cols[i].kind == COL_COMPUTED;
        if (has_computed) {
            /* a Calc that adds the computed columns in declaration order */
            scope_t *phys = table_scope(an, t, qual, false);
            plan_node_t *calc = node_new(an, P_CALC, p);
            calc->nfields = t->ncols;
            calc->fields = s->fields;
            calc->proj = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)t->ncols);
            ectx_t c = {an, phys, "a computed column", NULL, NULL, NULL, 0, 0, 0};
            int k = 0;
            for (int i = 0; i < t->ncols; i++) {
                if (t->cols[i].kind == COL_COMPUTED) {
                    calc->proj[i] = an_expr(&c, t->cols[i].expr);
                    if (!calc->proj[i])
                        return NULL;
                } else {
                    expr_t *e = expr_new(an, E_COL, t->cols[i].type, t->cols[i].loc, 0);
                    e->col = k++;
                    calc->proj[i] = e;
                }
            }
            calc->changelog = p->changelog;
            p = calc;
        }
        *out = s;
        return p;
    }
    view_t *v = find_view(an, name);
    if (v) {
        if (f->list2.count) {
            diag_error(an->diag, f->list2.head->loc, "OPTIONS hints apply to tables; '%s' is a view", name);
            return NULL;
        }
        return expand_view(an, v, qual, last->loc, out);
    }
    object_not_found(an, last, name);
    return NULL;
}

/* Rewrites an expression over the aggregate's input into one over its
 * output: group expressions become group fields, aggregate calls their
 * result fields; any other column is an error (not grouped). */
static expr_t *regroup(an_t *an, expr_t *e, expr_t **group, int ngroup, const plan_field_t *in, bool *ok)
{
    if (e->kind == E_AGG) {
        expr_t *r = expr_new(an, E_COL, e->type, e->loc, 0);
        r->col = ngroup + e->col;
        return r;
    }
    for (int g = 0; g < ngroup; g++)
        if (expr_equal(group[g], e)) {
            expr_t *r = expr_new(an, E_COL, group[g]->type, e->loc, 0);
            r->col = g;
            return r;
        }
    if (e->kind == E_COL) {
        diag_error(an->diag, e->loc, "Expression '%s' is not being grouped", in[e->col].name);
        *ok = false;
        return e;
    }
    expr_t *c = arena_alloc(an->arena, sizeof *c);
    *c = *e;
    if (e->nargs) {
        c->args = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)e->nargs);
        for (int i = 0; i < e->nargs; i++)
            c->args[i] = regroup(an, e->args[i], group, ngroup, in, ok);
    }
    return c;
}

static int pre_field(an_t *an, plan_node_t *pre, expr_t *e, int *cap)
{
    for (int i = 0; i < pre->nfields; i++)
        if (expr_equal(pre->proj[i], e))
            return i;
    if (pre->nfields == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        expr_t **np = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)ncap);
        plan_field_t *nf = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)ncap);
        if (pre->nfields) {
            memcpy(np, pre->proj, sizeof(expr_t *) * (size_t)pre->nfields);
            memcpy(nf, pre->fields, sizeof(plan_field_t) * (size_t)pre->nfields);
        }
        pre->proj = np;
        pre->fields = nf;
        *cap = ncap;
    }
    pre->proj[pre->nfields] = e;
    pre->fields[pre->nfields].type = e->type;
    pre->fields[pre->nfields].name = arena_printf(an->arena, "$f%d", pre->nfields);
    return pre->nfields++;
}

/* A set of strings by hash, in the arena (open addressing, no removal). */
typedef struct strset {
    const char **slots;
    size_t cap, n;
} strset_t;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Adds s; returns false when it was there already. */
static bool strset_add(an_t *an, strset_t *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = arena_alloc(an->arena, sizeof(char *) * cap);
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i]) {
                size_t j = str_hash(set->slots[i]) & (cap - 1);
                while (slots[j])
                    j = (j + 1) & (cap - 1);
                slots[j] = set->slots[i];
            }
        set->slots = slots;
        set->cap = cap;
    }
    size_t j = str_hash(s) & (set->cap - 1);
    for (; set->slots[j]; j = (j + 1) & (set->cap - 1))
        if (strcmp(set->slots[j], s) == 0)
            return false;
    set->slots[j] = s;
    set->n++;
    return true;
}

/* Makes the output names unique as Calcite's SqlValidatorUtil.uniquify does:
 * a repeated name gets the first free suffix 0, 1, 2... that no other output
 * name has. */
static void uniquify(an_t *an, plan_field_t *fields, int n)
{
    strset_t seen = {0};
    for (int i = 0; i < n; i++)
        strset_add(an, &seen, fields[i].name);
    if ((int)seen.n == n)
        return;
    strset_t used = {0};
    for (int i = 0; i < n; i++) {
        if (strset_add(an, &used, fields[i].name))
            continue;
        for (int k = 0;; k++) {
            const char *cand = arena_printf(an->arena, "%s%d", fields[i].name, k);
            if (strset_add(an, &seen, cand)) {
                strset_add(an, &used, cand);
                fields[i].name = cand;
                break;
            }
        }
    }
}

static const char *item_name(an_t *an, const ast_t *item, int idx)
{
    if (item->name.s)
        return item->name.s;
    if (item->a->kind == AST_COLREF)
        return item->a->list.tail->name.s;
    return arena_printf(an->arena, "EXPR$%d", idx);
}

static plan_node_t *select_query(an_t *an, const ast_t *q, scope_t **out)
{
    if (q->list3.count) {
        diag_error(an->diag, q->list3.head->loc, "the query hint '%s' is not supported yet", q->list3.head->name.s);
        return NULL;
    }
    if (!q->a) {
        diag_error(an->diag, q->loc, "SELECT without FROM is not supported yet");
        return NULL;
    }
    if (q->d) {
        unsupported(an, q->d);
        return NULL;
    }
    for (const ast_t *g = q->list2.head; g; g = g->next)
        if (g->kind == AST_GROUPING_SETS || g->kind == AST_ROW_CTOR ||
            (g->kind == AST_CALL && (strcasecmp(g->name.s, "ROLLUP") == 0 || strcasecmp(g->name.s, "CUBE") == 0))) {
            if (g->kind == AST_CALL)
                diag_error(an->diag, g->loc, "GROUP BY %s is not supported yet", strcasecmp(g->name.s, "CUBE") ? "ROLLUP" : "CUBE");
            else
                diag_error(an->diag, g->loc, "GROUP BY %s is not supported yet",
                           g->kind == AST_GROUPING_SETS ? "GROUPING SETS" : g->list.count ? "a row" : "()");
            return NULL;
        }
    scope_t *in;
    plan_node_t *input = from_item(an, q->a, &in);
    if (!input)
        return NULL;

    /* expand * and t.* */
    int nitems = 0;
    for (const ast_t *it = q->list.head; it; it = it->next)
        nitems += it->kind == AST_STAR ? in->nfields : 1;
    const ast_t **items = arena_alloc(an->arena, sizeof(ast_t *) * (size_t)(nitems + 1));
    expr_t **exprs = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)(nitems + 1));
    const char **names = arena_alloc(an->arena, sizeof(char *) * (size_t)(nitems + 1));
    int k = 0;
    bool ok = true;

    expr_t *where = NULL;
    if (q->b) {
        ectx_t c = {an, in, "WHERE", NULL, NULL, NULL, 0, 0, 0};
        where = an_expr(&c, q->b);
        if (where && !expr_is_bool(where)) {
            diag_error(an->diag, q->b->loc, "WHERE clause must be a condition, not %s", tname(an, where->type));
            where = NULL;
        }
        ok = ok && where;
    }

    ectx_t c = {an, in, NULL, NULL, NULL, NULL, 0, 0, 0};
    int idx = 0;
    for (const ast_t *it = q->list.head; it; it = it->next, idx++) {
        if (it->kind == AST_STAR) {
            const char *qual = it->list.count ? it->list.tail->name.s : NULL;
            bool any = false;
            if (it->list.count > 1) { /* db.t.* or catalog.db.t.*: the default ones only */
                static const char *const defaults[] = {"default_catalog", "default_database"};
                int k2 = 3 - it->list.count;
                const char *full = "";
                for (const ast_t *p = it->list.head; p; p = p->next)
                    full = arena_printf(an->arena, "%s%s%s", full, *full ? "." : "", p->name.s);
                bool known = it->list.count <= 3;
                for (const ast_t *p = it->list.head; known && p->next; p = p->next, k2++)
                    known = strcmp(p->name.s, defaults[k2]) == 0;
                if (!known) {
                    diag_error(an->diag, it->loc, "Table '%s' not found", full);
                    ok = false;
                    continue;
                }
            }
            for (int i = 0; i < in->nfields; i++) {
                if (qual && (!in->quals[i] || strcmp(in->quals[i], qual) != 0))
                    continue;
                expr_t *e = expr_new(an, E_COL, in->fields[i].type, it->loc, 0);
                e->col = i;
                items[k] = it;
                names[k] = in->fields[i].name;
                exprs[k++] = e;
                any = true;
            }
            if (!any && qual) {
                diag_error(an->diag, it->loc, "Table '%s' not found", qual);
                ok = false;
            }
            continue;
        }
        items[k] = it;
        names[k] = item_name(an, it, idx);
        exprs[k] = an_expr(&c, it->a);
        ok = ok && exprs[k];
        k++;
    }
    nitems = k;

    expr_t **group = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)(q->list2.count + 1));
    int ngroup = 0;
    for (const ast_t *g = q->list2.head; g; g = g->next) {
        ectx_t gc = {an, in, "GROUP BY", NULL, NULL, NULL, 0, 0, 0};
        expr_t *e = an_expr(&gc, g);
        if (!e) {
            ok = false;
            continue;
        }
        int dup = -1;
        for (int i = 0; i < ngroup; i++)
            if (expr_equal(group[i], e))
                dup = i;
        if (type_is_nested(e->type)) {
            diag_error(an->diag, e->loc, "GROUP BY a value of type %s is not supported yet", tname(an, e->type));
            ok = false;
            continue;
        }
        if (dup < 0)
            group[ngroup++] = e;
    }
    expr_t *having = NULL;
    if (q->c) {
        having = an_expr(&c, q->c);
        if (having && !expr_is_bool(having)) {
            diag_error(an->diag, q->c->loc, "HAVING clause must be a condition, not %s", tname(an, having->type));
            having = NULL;
        }
        ok = ok && having;
    }
    if (!ok)
        return NULL;

    bool aggregating = c.naggs > 0 || q->list2.count > 0 || having || q->flag;
    plan_node_t *top;
    if (!aggregating) {
        top = node_new(an, P_CALC, input);
        top->filter = where;
        top->proj = exprs;
        top->nfields = nitems;
    } else {
        if (q->flag) { /* SELECT DISTINCT: a GROUP BY over every selected expression */
            if (q->list2.count || c.naggs) {
                diag_error(an->diag, q->loc, "SELECT DISTINCT with GROUP BY or aggregates is not supported yet");
                return NULL;
            }
            for (int i = 0; i < nitems; i++) {
                if (type_is_nested(exprs[i]->type)) {
                    diag_error(an->diag, exprs[i]->loc, "SELECT DISTINCT over a value of type %s is not supported "
                               "yet", tname(an, exprs[i]->type));
                    return NULL;
                }
                int dup = -1;
                for (int g = 0; g < ngroup; g++)
                    if (expr_equal(group[g], exprs[i]))
                        dup = g;
                if (dup < 0)
                    group[ngroup++] = exprs[i];
            }
        }
        /* pre-projection: group expressions, then aggregate arguments and filters */
        plan_node_t *pre = node_new(an, P_CALC, input);
        pre->filter = where;
        int cap = 0;
        plan_node_t *agg = node_new(an, P_GROUP_AGG, pre);
        agg->group = arena_alloc(an->arena, sizeof(int) * (size_t)(ngroup + 1));
        for (int g = 0; g < ngroup; g++) {
            agg->group[g] = pre_field(an, pre, group[g], &cap);
            if (group[g]->kind == E_COL)
                pre->fields[agg->group[g]].name = in->fields[group[g]->col].name;
        }
        agg->ngroup = ngroup;
        agg->aggs = c.aggs;
        agg->naggs = c.naggs;
        for (int i = 0; i < c.naggs; i++) {
            if (c.agg_args[i]) {
                agg->aggs[i].arg = pre_field(an, pre, c.agg_args[i], &cap);
                if (c.agg_args[i]->kind == E_COL)
                    pre->fields[agg->aggs[i].arg].name = in->fields[c.agg_args[i]->col].name;
            }
            if (c.agg_filters[i])
                agg->aggs[i].filter = pre_field(an, pre, c.agg_filters[i], &cap);
        }
        agg->nfields = ngroup + c.naggs;
        agg->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(agg->nfields + 1));
        for (int g = 0; g < ngroup; g++)
            agg->fields[g] = pre->fields[agg->group[g]];
        for (int i = 0; i < c.naggs; i++) {
            agg->fields[ngroup + i].name = arena_printf(an->arena, "$a%d", i);
            agg->fields[ngroup + i].type = c.aggs[i].type;
        }
        /* name aggregate outputs after the select items that are exactly them */
        for (int i = 0; i < nitems; i++)
            if (exprs[i]->kind == E_AGG)
                agg->fields[ngroup + exprs[i]->col].name = names[i];

        top = node_new(an, P_CALC, agg);
        top->proj = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)(nitems + 1));
        bool rok = true;
        for (int i = 0; i < nitems; i++)
            top->proj[i] = regroup(an, exprs[i], group, ngroup, in->fields, &rok);
        if (having)
            top->filter = regroup(an, having, group, ngroup, in->fields, &rok);
        top->nfields = nitems;
        if (!rok)
            return NULL;
    }
    top->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)(nitems + 1));
    for (int i = 0; i < nitems; i++) {
        top->fields[i].name = names[i];
        top->fields[i].type = top->proj[i]->type;
        if (top->proj[i]->type->kind == TY_NULL) {
            diag_error(an->diag, items[i]->loc, "Illegal use of 'NULL': a selected NULL needs a type; CAST it");
            return NULL;
        }
    }
    uniquify(an, top->fields, nitems);
    scope_t *s = arena_alloc(an->arena, sizeof *s);
    s->fields = top->fields;
    s->nfields = top->nfields;
    s->quals = arena_alloc(an->arena, sizeof(char *) * (size_t)(top->nfields + 1));
    *out = s;
    return top;
}

static plan_node_t *query(an_t *an, const ast_t *q, scope_t **out)
{
    switch (q->kind) {
    case AST_SELECT:
        return select_query(an, q, out);
    case AST_QUERY: {
        if (q->c) { /* ORDER BY, LIMIT, OFFSET, FETCH */
            unsupported(an, q->c);
            return NULL;
        }
        int saved = an->nctes;
        plan_node_t *p = with_clause(an, q->b) ? query(an, q->a, out) : NULL;
        an->nctes = saved;
        return p;
    }
    default: /* UNION, INTERSECT, EXCEPT, VALUES */
        unsupported(an, q);
        return NULL;
    }
}

/* ------------------------------------------------------------------ changelog */

static bool ints_equal_as_sets(const int *a, int na, const int *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++) {
        bool f = false;
        for (int j = 0; j < nb; j++)
            f = f || a[i] == b[j];
        if (!f)
            return false;
    }
    return true;
}

/* Changelog mode and upsert key of every node, bottom-up, as Flink infers them
 * (the modify kinds of FlinkChangelogModeInferenceProgram; UPDATE_BEFORE is
 * added top-down by require()). */
static void infer(an_t *an, plan_node_t *p)
{
    if (p->input)
        infer(an, p->input);
    switch (p->kind) {
    case P_SCAN:
        /* set by scan(): [I] for kafka, [UA,D] with the PK as upsert key for upsert-kafka */
        p->changelog = p->table->connector == CONN_UPSERT_KAFKA ? (CL_UA | CL_D) : CL_I;
        break;
    case P_NORMALIZE:
        p->changelog = CL_I | CL_UA | CL_D;
        p->upsert_key = p->input->upsert_key;
        p->nupsert_key = p->input->nupsert_key;
        break;
    case P_CALC: {
        plan_node_t *in = p->input;
        p->changelog = in->changelog;
        p->upsert_key = NULL;
        p->nupsert_key = 0;
        if (in->upsert_key) {
            /* the key survives when each key field is projected as a plain column */
            int *k = arena_alloc(an->arena, sizeof(int) * (size_t)(in->nupsert_key + 1));
            int nk = 0;
            for (int i = 0; i < in->nupsert_key; i++)
                for (int j = 0; j < p->nfields; j++) {
                    /* a widening CAST keeps values distinct, so it keeps the key (Flink's
                     * FlinkRelMdUniqueKeys treats it as the column) */
                    const expr_t *x = p->proj[j];
                    if (x->kind == E_CAST && x->args[0]->kind == E_COL &&
                        type_implicit_cast(x->args[0]->type, x->type))
                        x = x->args[0];
                    if (x->kind == E_COL && x->col == in->upsert_key[i]) {
                        k[nk++] = j;
                        break;
                    }
                }
            if (nk == in->nupsert_key) {
                p->upsert_key = k;
                p->nupsert_key = nk;
            }
        }
        break;
    }
    case P_GROUP_AGG:
        p->retract = p->input->changelog != CL_I;
        p->changelog = p->retract ? (CL_I | CL_UA | CL_D) : (CL_I | CL_UA);
        p->upsert_key = arena_alloc(an->arena, sizeof(int) * (size_t)(p->ngroup + 1));
        for (int g = 0; g < p->ngroup; g++)
            p->upsert_key[g] = g;
        p->nupsert_key = p->ngroup;
        break;
    case P_SINK:
        p->changelog = 0;
        break;
    }
}

/* Top-down: whether a node must produce UPDATE_BEFORE (Flink's UpdateKindTrait
 * BEFORE_AND_AFTER) or may leave it out (ONLY_UPDATE_AFTER). */
static void require(plan_node_t *p, bool ub)
{
    switch (p->kind) {
    case P_CALC:
        /* FLINK-9528: a filter cannot work on UPDATE_AFTER alone (an update
         * that stops matching must retract the row it let through before) */
        if (p->filter && p->input->changelog != CL_I)
            ub = true;
        if (ub && (p->changelog & CL_UA))
            p->changelog |= CL_UB;
        require(p->input, ub);
        break;
    case P_GROUP_AGG:
        p->emit_ub = ub;
        if (ub)
            p->changelog |= CL_UB;
        /* retraction needs the full old row of every update */
        require(p->input, p->retract);
        break;
    case P_NORMALIZE:
        p->emit_ub = ub;
        if (ub)
            p->changelog |= CL_UB;
        break;
    default:
        break;
    }
}

/* Flink's node digest for a message, e.g. GroupAggregate(groupBy=[a], ...). */
static const char *node_desc(an_t *an, const plan_node_t *p)
{
    char buf[2048];
    size_t k = 0;
    if (p->kind == P_SCAN) {
        k += (size_t)snprintf(buf + k, sizeof buf - k, "TableSourceScan(table=[[default_catalog, default_database, %s]], fields=[",
                              p->table->name);
        for (int i = 0; i < p->nfields && k < sizeof buf; i++)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "", p->fields[i].name);
        if (k < sizeof buf)
            snprintf(buf + k, sizeof buf - k, "])");
        return arena_strdup(an->arena, buf);
    }
    if (p->kind == P_NORMALIZE) {
        k += (size_t)snprintf(buf + k, sizeof buf - k, "ChangelogNormalize(key=[");
        for (int i = 0; i < p->ngroup && k < sizeof buf; i++)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "", p->fields[p->group[i]].name);
        if (k < sizeof buf)
            snprintf(buf + k, sizeof buf - k, "])");
        return arena_strdup(an->arena, buf);
    }
    if (p->kind != P_GROUP_AGG)
        return "Calc";
    k += (size_t)snprintf(buf + k, sizeof buf - k, "GroupAggregate(groupBy=[");
    for (int g = 0; g < p->ngroup && k < sizeof buf; g++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", g ? ", " : "", p->fields[g].name);
    if (k < sizeof buf)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "], select=[");
    for (int i = 0; i < p->nfields && k < sizeof buf; i++) {
        if (i < p->ngroup)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "", p->fields[i].name);
        else
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s AS %s", i ? ", " : "",
                                  p->aggs[i - p->ngroup].text, p->fields[i].name);
    }
    if (k < sizeof buf)
        snprintf(buf + k, sizeof buf - k, "])");
    return arena_strdup(an->arena, buf);
}



/* Checks that the sink can take its input's changes and returns whether the
 * input must carry UPDATE_BEFORE (inferSinkRequiredTraits). */
static bool check_sink_changelog(an_t *an, plan_node_t *sink, const ast_t *ins)
{
    table_t *t = sink->table;
    plan_node_t *in = sink->input;
    if (t->connector == CONN_KAFKA) {
        if (in->changelog != CL_I) {
            /* the node that introduces the changes, as Flink names it */
            const plan_node_t *src = in;
            while (src && src->kind == P_CALC)
                src = src->input;
            int m = src ? src->changelog : 0;
            diag_error(an->diag, ins->loc, "Table sink '%s' doesn't support consuming %s changes which "
                       "is produced by node %s", t->name,
                       (m & CL_D) && (m & (CL_UA | CL_UB)) ? "update and delete" : (m & CL_D) ? "delete" : "update",
                       src ? node_desc(an, src) : "?");
            diag_note(an->diag, t->loc, "'%s' is a 'kafka' table, which is append-only; an 'upsert-kafka' "
                      "table with a PRIMARY KEY accepts updates", t->name);
        }
        return false;
    }
    if (in->changelog == CL_I) {
        const char *mode = an_setting(an, "table.exec.sink.upsert-materialize");
        if (!mode || strcasecmp(mode, "FORCE") != 0 || t->npk == 0)
            return false;
    }
    /* ONLY_UPDATE_AFTER is kept only when an upsert key equals the sink's PK. */
    int *pk = arena_alloc(an->arena, sizeof(int) * (size_t)(t->npk + 1));
    int npk = 0;
    for (int i = 0; i < t->npk; i++)
        for (int j = 0; j < in->nfields; j++)
            if (sink->sink_cols[j] == t->pk[i])
                pk[npk++] = j;
    bool key_is_pk = in->upsert_key && ints_equal_as_sets(in->upsert_key, in->nupsert_key, pk, npk);
    /* an empty upsert key (a global aggregate: one row) is contained in any PK */
    bool pk_contains_key = in->upsert_key != NULL;
    for (int i = 0; in->upsert_key && i < in->nupsert_key; i++) {
        bool f = false;
        for (int j = 0; j < npk; j++)
            f = f || pk[j] == in->upsert_key[i];
        pk_contains_key = pk_contains_key && f;
    }
    /* table.exec.sink.upsert-materialize (analyzeUpsertMaterializeStrategy):
     * AUTO adds a SinkUpsertMaterializer when the PK contains no upsert key
     * of the input, FORCE always, NONE never */
    const char *mode = an_setting(an, "table.exec.sink.upsert-materialize");
    if (mode && strcasecmp(mode, "FORCE") == 0)
        sink->materialize = true;
    else if (!mode || strcasecmp(mode, "AUTO") == 0)
        sink->materialize = !pk_contains_key;
    if (sink->materialize) {
        sink->group = pk;
        sink->ngroup = npk;
    }
    return !key_is_pk || sink->materialize;
}

/* Takes out each ChangelogNormalize that nothing downstream needs: where
 * no operator asks for UPDATE_BEFORE, the upsert stream goes to an upsert
 * sink on the same key as it is (FLINK-37475 in Flink 2.1). A DELETE then
 * carries the key columns only, so a NOT NULL value column of the sink keeps
 * the operator (its enforcer would reject such a DELETE). Returns whether
 * one was taken out. */
static bool drop_normalize(plan_node_t *sink)
{
    const table_t *t = sink->table;
    if (t->connector != CONN_UPSERT_KAFKA)
        return false;
    for (int i = 0; i < sink->nfields; i++) {
        bool is_pk = false;
        for (int k = 0; k < t->npk; k++)
            is_pk = is_pk || t->pk[k] == sink->sink_cols[i];
        if (!is_pk && !t->cols[sink->sink_cols[i]].type->nullable)
            return false;
    }
    for (plan_node_t *p = sink; p->input; p = p->input)
        if (p->input->kind == P_NORMALIZE && !p->input->emit_ub) {
            p->input = p->input->input;
            return true;
        }
    return false;
}

/* ------------------------------------------------------------------ Calc merging */

static expr_t *substitute(an_t *an, const expr_t *e, expr_t **below)
{
    if (e->kind == E_COL)
        return below[e->col];
    expr_t *c = arena_alloc(an->arena, sizeof *c);
    *c = *e;
    if (e->nargs) {
        c->args = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)e->nargs);
        for (int i = 0; i < e->nargs; i++)
            c->args[i] = substitute(an, e->args[i], below);
    }
    return c;
}

/* Merges each Calc into the Calc below it, as Flink's planner does: one
 * operator evaluates the lower filter first, then the upper one. */
static void merge_calcs(an_t *an, plan_node_t *top)
{
    for (plan_node_t *p = top; p; p = p->input) {
        while (p->kind == P_CALC && p->input && p->input->kind == P_CALC) {
            plan_node_t *low = p->input;
            for (int i = 0; i < p->nfields; i++)
                p->proj[i] = substitute(an, p->proj[i], low->proj);
            expr_t *f = p->filter ? substitute(an, p->filter, low->proj) : NULL;
            if (low->filter && f) {
                expr_t *and = expr_new(an, E_BINARY, ty(an, TY_BOOLEAN, low->filter->type->nullable || f->type->nullable),
                                       f->loc, 2);
                and->op = OP_AND;
                and->args[0] = low->filter;
                and->args[1] = f;
                f = and;
            } else if (low->filter) {
                f = low->filter;
            }
            p->filter = f;
            p->input = low->input;
        }
    }
    /* a Calc that passes its input through unchanged is left out */
    for (plan_node_t *p = top; p && p->input; p = p->input) {
        plan_node_t *c = p->input;
        if (c->kind != P_CALC || c->filter || c->nfields != c->input->nfields)
            continue;
        bool identity = true;
        for (int i = 0; i < c->nfields && identity; i++)
            identity = c->proj[i]->kind == E_COL && c->proj[i]->col == i &&
                       c->input->fields[i].type->nullable == c->fields[i].type->nullable &&
                       type_equal_ignoring_null(c->input->fields[i].type, c->fields[i].type);
        if (identity)
            p->input = c->input;
    }
}

/* ------------------------------------------------------------------ mini-batch */

/* table.exec.mini-batch.*: GroupAggregate and ChangelogNormalize hold their
 * input back and emit one change per key per bundle
 * (MiniBatchGroupAggFunction, ProcTimeMiniBatchDeduplicateKeepLastRowFunction). */
static void minibatch(an_t *an, plan_node_t *sink, const ast_t *ins)
{
    const char *en = an_setting(an, "table.exec.mini-batch.enabled");
    if (!en || strcasecmp(en, "true") != 0)
        return;
    const char *lat = an_setting(an, "table.exec.mini-batch.allow-latency");
    const char *size = an_setting(an, "table.exec.mini-batch.size");
    long long ms = 0;
    if (lat)
        sqlkc_rt_parse_duration_ms(lat, &ms);
    long long rows = size ? strtoll(size, NULL, 10) : -1;
    if (ms <= 0 || rows <= 0) {
        diag_error(an->diag, ins->loc, "mini-batch is enabled, so '%s' must be set to a %s (Flink refuses "
                   "this plan too)", ms <= 0 ? "table.exec.mini-batch.allow-latency" : "table.exec.mini-batch.size",
                   ms <= 0 ? "duration greater than 0" : "number of rows greater than 0");
        diag_note(an->diag, an->minibatch_loc, "mini-batch is enabled here");
        return;
    }
    for (plan_node_t *p = sink; p; p = p->input)
        if (p->kind == P_GROUP_AGG || p->kind == P_NORMALIZE) {
            p->minibatch = true;
            p->minibatch_ms = ms;
            p->minibatch_size = rows;
        }
}

/* ------------------------------------------------------------------ INSERT */

static void insert(an_t *an, const ast_t *ins)
{
    if (!qualifiers_ok(an, ins->b, ins->name.loc))
        return;
    table_t *t = find_table(an, ins->name.s);
    if (!t) {
        if (find_view(an, ins->name.s))
            diag_error(an->diag, ins->name.loc, "'%s' is a view; INSERT INTO needs a table", ins->name.s);
        else
            object_not_found(an, ins->b, ins->name.s);
        return;
    }
    if (ins->flag) {
        diag_error(an->diag, ins->loc, "INSERT OVERWRITE is not supported by the kafka connectors");
        return;
    }
    if (ins->c) {
        diag_error(an->diag, ins->c->loc, "INSERT ... PARTITION is not supported: the kafka connectors have no "
                   "partitioned tables");
        return;
    }
    if (ins->d) {
        unsupported(an, ins->d);
        return;
    }
    if (ins->list2.count && t->valid && !(t = hinted_table(an, t, &ins->list2)))
        return;
    t->role |= SQLKC_RT_ROLE_SINK;
    scope_t *s;
    int errors = an->diag->errors;
    plan_node_t *q = query(an, ins->a, &s);
    /* never silently (an error elsewhere, as a view's at its definition, fails the compile anyway) */
    if (!q && an->diag->errors == 0)
        diag_error(an->diag, ins->loc, "this INSERT cannot be compiled (sqlkc lost the reason: please report it)");
    if (!q || !t->valid || an->diag->errors != errors)
        return;

    /* persisted columns: physical and writable metadata */
    int *target = arena_alloc(an->arena, sizeof(int) * (size_t)(t->ncols + 1));
    int ntarget = 0;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].kind == COL_PHYSICAL || (t->cols[i].kind == COL_METADATA && !t->cols[i].is_virtual))
            target[ntarget++] = i;
    if (ins->list.count) {
        int n = 0;
        int *chosen = arena_alloc(an->arena, sizeof(int) * (size_t)(ins->list.count + 1));
        for (const ast_t *c = ins->list.head; c; c = c->next) {
            int col = table_column(t, c->name.s);
            bool ok = false;
            for (int i = 0; i < ntarget; i++)
                ok = ok || target[i] == col;
            if (!ok) {
                diag_error(an->diag, c->loc, "Unknown target column '%s'", c->name.s);
                return;
            }
            for (int i = 0; i < n; i++)
                if (chosen[i] == col) {
                    diag_error(an->diag, c->loc, "Target column '%s' is assigned more than once", c->name.s);
                    return;
                }
            chosen[n++] = col;
        }
        for (int i = 0; i < ntarget; i++) {
            bool listed = false;
            for (int j = 0; j < n; j++)
                listed = listed || chosen[j] == target[i];
            if (!listed && !t->cols[target[i]].type->nullable) {
                diag_error(an->diag, ins->loc, "Column '%s' has no default value and does not allow NULLs",
                           t->cols[target[i]].name);
                return;
            }
        }
        if (n != q->nfields) {
            diag_error(an->diag, ins->a->loc, "Number of INSERT target columns (%d) does not equal number of "
                       "source items (%d)", n, q->nfields);
            return;
        }
        target = chosen;
        ntarget = n;
    }
    if (ntarget != q->nfields) {
        char qs[2048], ss[2048];
        size_t a = 0, b = 0;
        for (int i = 0; i < q->nfields && a < sizeof qs; i++)
            a += (size_t)snprintf(qs + a, sizeof qs - a, "%s%s: %s", i ? ", " : "", q->fields[i].name,
                                  tname(an, q->fields[i].type));
        for (int i = 0; i < ntarget && b < sizeof ss; i++)
            b += (size_t)snprintf(ss + b, sizeof ss - b, "%s%s: %s", i ? ", " : "", t->cols[target[i]].name,
                                  tname(an, t->cols[target[i]].type));
        diag_error(an->diag, ins->a->loc, "Column types of query result and sink for '%s' do not match. "
                   "Cause: Different number of columns.", t->name);
        diag_note(an->diag, LOC_NONE, "Query schema: [%s]", qs);
        diag_note(an->diag, LOC_NONE, "Sink schema:  [%s]", ss);
        return;
    }
    /* implicit casts into the sink's types */
    bool need_cast = false;
    for (int i = 0; i < ntarget; i++) {
        const type_t *from = q->fields[i].type, *to = t->cols[target[i]].type;
        if (!type_implicit_cast(from, to)) {
            const ast_t *item = ins->a->kind == AST_SELECT ? ins->a->list.head : NULL;
            for (int k = 0; item && k < i && item->next && item->kind != AST_STAR; k++)
                item = item->next;
            diag_error(an->diag, item && item->kind != AST_STAR ? item->loc : ins->a->loc,
                       "Incompatible types for sink column '%s' at position %d. The type '%s' of query "
                       "column '%s' cannot be implicitly cast to '%s'", t->cols[target[i]].name, i,
                       tname(an, from), q->fields[i].name, tname(an, to));
            diag_note(an->diag, t->cols[target[i]].loc, "'%s' declared here", t->cols[target[i]].name);
            return;
        }
        if (!type_equal_ignoring_null(from, to))
            need_cast = true;
    }
    if (need_cast) {
        plan_node_t *c = node_new(an, P_CALC, q);
        c->nfields = ntarget;
        c->fields = arena_alloc(an->arena, sizeof(plan_field_t) * (size_t)ntarget);
        c->proj = arena_alloc(an->arena, sizeof(expr_t *) * (size_t)ntarget);
        for (int i = 0; i < ntarget; i++) {
            expr_t *e = expr_new(an, E_COL, q->fields[i].type, ins->loc, 0);
            e->col = i;
            c->proj[i] = cast_to(an, e, t->cols[target[i]].type);
            c->fields[i].name = q->fields[i].name;
            c->fields[i].type = c->proj[i]->type;
        }
        q = c;
    }
    plan_node_t *sink = node_new(an, P_SINK, q);
    sink->table = t;
    sink->sink_cols = target;
    sink->nfields = q->nfields;
    sink->fields = q->fields;
    const char *enforcer = an_setting(an, "table.exec.sink.not-null-enforcer");
    sink->not_null_drop = enforcer && strcasecmp(enforcer, "DROP") == 0;
    merge_calcs(an, sink);
    minibatch(an, sink, ins);
    infer(an, sink);
    bool ub = check_sink_changelog(an, sink, ins);
    require(sink->input, ub);
    if (drop_normalize(sink)) {
        infer(an, sink);
        require(sink->input, ub);
    }
    an->plan->sinks[an->plan->nsinks++] = sink;
}

/* ------------------------------------------------------------------ statements */

static const char *c_ident(an_t *an, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(an->arena, n + 2);
    size_t k = 0;
    for (size_t i = 0; i < n && k < 48; i++) {
        unsigned char ch = (unsigned char)name[i];
        out[k++] = (char)(isalnum(ch) && ch < 0x80 ? tolower(ch) : '_');
    }
    out[k] = 0;
    return out;
}

static void add_table(an_t *an, table_t *t)
{
    plan_t *p = an->plan;
    p->tables = arena_grow(an->arena, p->tables, p->ntables, &an->captables, sizeof(table_t *), 16);
    t->index = p->ntables;
    t->ident = c_ident(an, t->name);
    for (int i = 0; i < p->ntables; i++) /* keep generated names unique */
        if (strcmp(p->tables[i]->ident, t->ident) == 0)
            t->ident = arena_printf(an->arena, "%s_%d", t->ident, t->index);
    p->tables[p->ntables++] = t;
}

/* A view of its own in the arena (analysis holds it while more are added). */
static view_t *add_view(an_t *an, view_t ***arr, int *n, int *cap)
{
    *arr = arena_grow(an->arena, *arr, *n, cap, sizeof(view_t *), 8);
    view_t *v = arena_alloc(an->arena, sizeof *v);
    (*arr)[(*n)++] = v;
    return v;
}

/* Analyzes a view's (or WITH item's) query once where it is defined, so that
 * its mistakes are reported there and only there. */
static void validate_view(an_t *an, view_t *v)
{
    scope_t *vs;
    int save = an->next_id, errors = an->diag->errors;
    v->expanding = true; /* a reference to itself is an error here, not muted */
    plan_node_t *p = query(an, v->ast->a, &vs);
    v->expanding = false;
    an->next_id = save;
    v->bad = !p || an->diag->errors != errors;
    if (!v->bad && v->ast->list.count && v->ast->list.count != vs->nfields) {
        diag_error(an->diag, v->ast->loc, "'%s' names %d columns but its query has %d", v->name,
                   v->ast->list.count, vs->nfields);
        v->bad = true;
    }
    for (int i = 0; i < an->plan->ntables; i++)
        an->plan->tables[i]->role &= ~SQLKC_RT_ROLE_SOURCE;
}

/* WITH: each item is visible to the items after it and to the query, not
 * to itself (WITH t AS (SELECT * FROM t) reads the table t, as in Calcite:
 * WITH is not recursive). Inside the expansion of a view or an item the
 * items were validated where they are written, and are not again (each
 * level would double the work). */
static bool with_clause(an_t *an, const ast_t *w)
{
    if (!w)
        return true;
    int first = an->nctes;
    bool again = an->diag->mute.begin != UINT32_MAX;
    for (const ast_t *c = w->list.head; c; c = c->next) {
        for (int i = first; i < an->nctes; i++)
            if (strcmp(an->ctes[i]->name, c->name.s) == 0) {
                diag_error(an->diag, c->name.loc, "Duplicate name '%s' in WITH clause", c->name.s);
                return false;
            }
        view_t *v = arena_alloc(an->arena, sizeof *v);
        v->name = c->name.s;
        v->ast = c;
        v->cte_floor = an->cte_floor;
        v->cte_index = an->nctes;
        if (!again)
            validate_view(an, v);
        an->ctes = arena_grow(an->arena, an->ctes, an->nctes, &an->capctes, sizeof(view_t *), 8);
        an->ctes[an->nctes++] = v;
    }
    return true;
}

bool an_declared_function(an_t *an, const char *name)
{
    for (int i = 0; i < an->nfunctions; i++)
        if (strcasecmp(an->functions[i], name) == 0)
            return true;
    return false;
}

/* What a statement that only Flink's SQL client runs is, for its message. */
static void other_statement(an_t *an, const ast_t *s)
{
    char *what = arena_strdup(an->arena, s->text);
    for (char *p = what; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    size_t n = strlen(what);
    if (n > 12 && strcmp(what + n - 12, "MATERIALIZED") == 0) /* CREATE/DROP MATERIALIZED TABLE */
        what = arena_printf(an->arena, "%s TABLE", what);
    if (strncmp(what, "CREATE ", 7) == 0 || strncmp(what, "DROP ", 5) == 0)
        diag_error(an->diag, s->loc, "%s is not supported yet (sqlkc knows tables, views and functions in one "
                   "catalog, default_catalog, and one database, default_database)", what);
    else
        diag_error(an->diag, s->loc, "%s statements are not supported yet: sqlkc compiles the job's DDL, SET and "
                   "INSERT statements (run this one in Flink's SQL client)", what);
}

static void create_table(an_t *an, const ast_t *s)
{
    diag_t *d = an->diag;
    if (s->a && s->a->next) {
        diag_error(d, s->a->loc, "catalog and database qualifiers in CREATE TABLE are not supported yet");
        return;
    }
    table_t *old = find_table(an, s->name.s);
    if (old || find_view(an, s->name.s)) {
        if (!s->flag) {
            diag_error(d, s->name.loc, "Table `default_catalog`.`default_database`.`%s` already exists", s->name.s);
            if (old)
                diag_note(d, old->loc, "'%s' declared here", s->name.s);
        }
        return;
    }
    const ast_t *extra = s->op2 ? s : s->b ? s->b : s->c ? s->c : s->d ? s->d : s->list3.head;
    if (extra) {
        if (extra == s)
            diag_error(d, s->loc, "CREATE OR REPLACE TABLE is not supported yet");
        else if (extra == s->b)
            diag_error(d, s->b->loc, "CREATE TABLE ... AS SELECT is not supported yet");
        else if (extra == s->c)
            diag_error(d, s->c->loc, "CREATE TABLE ... LIKE is not supported yet");
        else
            unsupported(an, extra);
        return;
    }
    for (const ast_t *e = s->list.head; e; e = e->next) {
        if (e->kind == AST_CLAUSE) { /* Flink's own message */
            diag_error(d, e->loc, "UNIQUE constraint is not supported yet");
            return;
        }
        if (e->kind == AST_COLUMN && e->op == COL_PHYSICAL && !e->a) {
            diag_error(d, e->loc, "column '%s' needs a type (a column list without types is the one of "
                       "CREATE TABLE ... AS SELECT)", e->name.s);
            return;
        }
    }
    table_t *t = table_create(an, s);
    t->ast = s;
    t->temporary = s->flag2;
    add_table(an, t);
}

static void create_view(an_t *an, const ast_t *s)
{
    if (find_table(an, s->name.s) || find_view(an, s->name.s)) {
        if (!s->flag)
            diag_error(an->diag, s->name.loc, "View `default_catalog`.`default_database`.`%s` already exists",
                       s->name.s);
        return;
    }
    if (s->b && s->b->next) {
        diag_error(an->diag, s->b->loc, "catalog and database qualifiers in CREATE VIEW are not supported yet");
        return;
    }
    if (s->op2 & 4) {
        diag_error(an->diag, s->loc, "CREATE OR REPLACE VIEW is not supported by Flink; DROP VIEW it first");
        return;
    }
    view_t *v = add_view(an, &an->views, &an->nviews, &an->capviews);
    v->name = s->name.s;
    v->ast = s;
    validate_view(an, v); /* even if nothing reads it */
}

static void create_function(an_t *an, const ast_t *s)
{
    an->functions = arena_grow(an->arena, an->functions, an->nfunctions, &an->capfunctions, sizeof(char *), 8);
    an->functions[an->nfunctions++] = s->name.s;
    diag_error(an->diag, s->loc, "CREATE FUNCTION is not supported yet: a native job cannot run %s functions",
               s->text2 ? s->text2 : "JAVA");
}

static void drop(an_t *an, const ast_t *s)
{
    const char *name = s->list.tail->name.s;
    if (s->op == DROP_TABLE || s->op == DROP_VIEW) {
        if (s->list.count > 1) {
            diag_error(an->diag, s->list.head->loc, "catalog and database qualifiers in DROP are not supported yet");
            return;
        }
        table_t *t = s->op == DROP_TABLE ? find_table(an, name) : NULL;
        view_t *v = s->op == DROP_VIEW ? find_view(an, name) : NULL;
        if (t && s->flag2 && !t->temporary) {
            diag_error(an->diag, s->loc, "Temporary table with identifier "
                       "'`default_catalog`.`default_database`.`%s`' does not exist.", name);
            return;
        }
        if (t)
            t->dropped = true;
        else if (v)
            v->dropped = true;
        else if (!s->flag)
            diag_error(an->diag, s->list.tail->loc, "%s with identifier '`default_catalog`.`default_database`.`%s`' "
                       "does not exist.", s->op == DROP_TABLE ? "Table" : "View", name);
        return;
    }
    if (s->op == DROP_FUNCTION) {
        for (int i = 0; i < an->nfunctions; i++)
            if (strcasecmp(an->functions[i], name) == 0) {
                an->functions[i] = an->functions[--an->nfunctions];
                return;
            }
        if (!s->flag)
            diag_error(an->diag, s->list.tail->loc, "Function '%s' does not exist", name);
        return;
    }
    diag_error(an->diag, s->loc, "DROP %s is not supported yet (sqlkc has one catalog, default_catalog, and one "
               "database, default_database)", s->op == DROP_CATALOG ? "CATALOG" : "DATABASE");
}

/* USE of the default catalog or database changes nothing; others do not exist. */
static void use(an_t *an, const ast_t *s)
{
    if (s->op == 2) {
        diag_error(an->diag, s->loc, "USE MODULES is not supported yet");
        return;
    }
    static const char *const defaults[] = {"default_catalog", "default_database"};
    int k = s->op == 1 ? 0 : 2 - s->list.count;
    if (k < 0) {
        diag_error(an->diag, s->loc, "a database name has at most two parts");
        return;
    }
    for (const ast_t *p = s->list.head; p; p = p->next, k++)
        if (strcmp(p->name.s, defaults[k]) != 0) {
            diag_error(an->diag, p->loc, "%s '%s' does not exist (sqlkc has only %s)", k == 0 ? "Catalog" : "Database",
                       p->name.s, defaults[k]);
            return;
        }
}

plan_t *analyze(arena_t *arena, diag_t *d, ast_list_t stmts, const char *sql_file)
{
    an_t an = {.arena = arena, .diag = d, .stmts = stmts};
    plan_t *p = arena_alloc(arena, sizeof *p);
    an.plan = p;
    int ninserts = 0;
    for (const ast_t *s = stmts.head; s; s = s->next)
        ninserts += s->kind == AST_STATEMENT_SET ? s->list.count : s->kind == AST_INSERT;
    p->sinks = arena_alloc(arena, sizeof(plan_node_t *) * (size_t)(ninserts + 1));
    p->sql_file = sql_file;
    const char *base = strrchr(sql_file, '/');
    base = base ? base + 1 : sql_file;
    char *job = arena_strdup(arena, base);
    char *dot = strrchr(job, '.');
    if (dot && dot != job)
        *dot = 0;
    p->job_name = job;

    for (const ast_t *s = stmts.head; s; s = s->next) {
        switch (s->kind) {
        case AST_CREATE_TABLE:
            create_table(&an, s);
            break;
        case AST_CREATE_VIEW:
            create_view(&an, s);
            break;
        case AST_CREATE_FUNCTION:
            create_function(&an, s);
            break;
        case AST_DROP:
            drop(&an, s);
            break;
        case AST_USE:
            use(&an, s);
            break;
        case AST_OTHER_STMT:
            if (!s->broken) /* a syntax error, reported */
                other_statement(&an, s);
            break;
        case AST_SET:
            an_set(&an, s);
            break;
        case AST_RESET:
            an_reset(&an, s);
            break;
        case AST_INSERT:
            insert(&an, s);
            break;
        case AST_STATEMENT_SET:
            if (!s->list.count) /* the SQL client: "Execute statement succeeded.", and nothing runs */
                diag_warning(d, s->loc, "the statement set is empty: it runs nothing, as in Flink");
            for (const ast_t *i = s->list.head; i; i = i->next)
                if (i->kind == AST_INSERT)
                    insert(&an, i);
            break;
        case AST_QUERY_STMT:
            diag_error(d, s->loc, "a query outside INSERT INTO is not supported yet: Flink's SQL client prints its "
                       "result, a job writes into a sink table (INSERT INTO sink SELECT ...)");
            break;
        default:
            break;
        }
    }
    /* roles were set while planning; recompute sources from the final plans */
    for (int i = 0; i < p->ntables; i++)
        p->tables[i]->role &= ~SQLKC_RT_ROLE_SOURCE;
    for (int i = 0; i < p->nsinks; i++)
        for (plan_node_t *n = p->sinks[i]; n; n = n->input)
            if (n->kind == P_SCAN)
                n->table->role |= SQLKC_RT_ROLE_SOURCE;
    /* A declared table is checked for the roles of its hinted copies too, so that
     * its DDL's mistakes are reported at the DDL, once; a copy is checked with
     * the DDL muted, for what its hints changed. */
    int *roles = arena_alloc(arena, sizeof(int) * (size_t)(p->ntables + 1));
    for (int i = 0; i < p->ntables; i++)
        roles[i] = p->tables[i]->role;
    for (int i = 0; i < p->ntables; i++)
        if (p->tables[i]->hint_of)
            roles[p->tables[i]->hint_of->index] |= p->tables[i]->role;
    for (int i = 0; i < p->ntables; i++) {
        table_t *t = p->tables[i];
        int role = t->role;
        t->role = roles[i];
        if (t->hint_of && !role)
            continue; /* a copy no INSERT reads (made while validating a view): dropped below */
        mute_mark_t m = mute_begin(&an, t->hint_of ? t->hint_of->ast->loc : LOC_NONE);
        table_validate_options(&an, t);
        if (t->valid && t->role)
            table_check_supported(&an, t);
        if (t->valid && (t->role & SQLKC_RT_ROLE_SINK))
            for (int c = 0; c < t->ncols; c++)
                if (t->cols[c].kind == COL_METADATA && !t->cols[c].is_virtual && !meta_writable(t->cols[c].meta_key))
                    diag_error(d, t->cols[c].loc, "metadata column '%s' reads the read-only key '%s'; declare it "
                               "VIRTUAL to use '%s' as a sink", t->cols[c].name, t->cols[c].meta_key, t->name);
        if (mute_end(&an, m) && t->hint_of->valid)
            diag_error(d, t->hint->loc, "with this OPTIONS hint, table '%s' is not valid: %s", t->name,
                       d->muted_msg);
        t->role = role;
    }
    /* a dropped table that no INSERT used is gone, and so is a copy for
     * hints that no INSERT reads */
    int k = 0;
    for (int i = 0; i < p->ntables; i++)
        if ((!p->tables[i]->dropped && !p->tables[i]->hint_of) || p->tables[i]->role) {
            p->tables[i]->index = k;
            p->tables[k++] = p->tables[i];
        }
    p->ntables = k;
    return p;
}
