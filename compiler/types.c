/* This file implements SQL types: construction with Flink's defaults, display,
 * and the implicit/explicit cast and common-type rules the analyzer needs. */
#include "types.h"

#include <stdio.h>
#include <string.h>

const type_t *type_new(arena_t *a, int kind, int p, int s, bool nullable)
{
    type_t *t = arena_alloc(a, sizeof *t);
    t->kind = kind;
    t->p = p;
    t->s = s;
    t->nullable = nullable;
    return t;
}

const type_t *type_with_null(arena_t *a, const type_t *t, bool nullable)
{
    if (t->nullable == nullable)
        return t;
    type_t *c = arena_alloc(a, sizeof *c);
    *c = *t;
    c->nullable = nullable;
    return c;
}

const type_t *type_from_ast(arena_t *a, diag_t *d, const ast_t *n)
{
    type_t *t = arena_alloc(a, sizeof *t);
    t->kind = n->op;
    t->nullable = !n->flag;
    t->p = n->p1;
    t->s = n->p2;
    switch (n->op) {
    case TY_DECIMAL:
        if (t->p < 0)
            t->p = 10;
        if (t->s < 0)
            t->s = 0;
        if (t->p < 1 || t->p > 38)
            diag_error(d, n->loc, "Decimal precision must be between 1 and 38 (both inclusive).");
        else if (t->s > t->p)
            diag_error(d, n->loc, "Decimal scale must be between 0 and the precision %d (both inclusive).", t->p);
        break;
    case TY_CHAR:
    case TY_BINARY:
    case TY_VARCHAR:
    case TY_VARBINARY:
        /* no length: CHAR(1) and BINARY(1) as in Calcite, VARCHAR and
         * VARBINARY of the maximum length (FlinkTypeSystem.getDefaultPrecision) */
        if (t->p < 0)
            t->p = n->op == TY_VARCHAR || n->op == TY_VARBINARY ? TY_MAX_LEN : 1;
        if (t->p < 1)
            diag_error(d, n->loc, "%s length must be between 1 and %d (both inclusive).",
                       ast_type_name(n->op), TY_MAX_LEN);
        if (n->op == TY_CHAR)
            t->kind = TY_CHAR;
        break;
    case TY_STRING:
        t->kind = TY_VARCHAR;
        t->p = TY_MAX_LEN;
        break;
    case TY_BYTES:
        t->kind = TY_VARBINARY;
        t->p = TY_MAX_LEN;
        break;
    case TY_TIME:
        if (t->p < 0)
            t->p = 0;
        if (t->p > 9)
            diag_error(d, n->loc, "Time precision must be between 0 and 9 (both inclusive).");
        break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_LTZ:
        if (t->p < 0)
            t->p = 6;
        if (t->p > 9)
            diag_error(d, n->loc, "Timestamp precision must be between 0 and 9 (both inclusive).");
        break;
    case TY_ARRAY:
    case TY_MULTISET:
        t->elem = type_from_ast(a, d, n->list.head);
        break;
    case TY_MAP:
        t->elem = type_from_ast(a, d, n->list.head);
        t->val = type_from_ast(a, d, n->list.head->next);
        break;
    case TY_ROW: {
        t->nfields = n->list.count;
        t->names = arena_alloc(a, sizeof(char *) * (size_t)t->nfields);
        t->fields = arena_alloc(a, sizeof(type_t *) * (size_t)t->nfields);
        int i = 0;
        for (const ast_t *f = n->list.head; f; f = f->next, i++) {
            for (int j = 0; j < i; j++)
                if (strcmp(t->names[j], f->name.s) == 0)
                    diag_error(d, f->name.loc, "duplicate field name '%s' in ROW type", f->name.s);
            t->names[i] = f->name.s;
            t->fields[i] = type_from_ast(a, d, f->a);
        }
        break;
    }
    case TY_TIMESTAMP_TZ:
        diag_error(d, n->loc, "TIMESTAMP WITH TIME ZONE is not supported (nor is it by Flink's planner); "
                   "TIMESTAMP_LTZ is a timestamp with a local time zone");
        t->kind = TY_TIMESTAMP_LTZ;
        break;
    case TY_RAW:
    case TY_VARIANT:
    case TY_BITMAP:
    case TY_INTERVAL_YM:
    case TY_INTERVAL_DT:
        diag_error(d, n->loc, "the type %s is not supported yet", ast_type_name(n->op));
        break;
    default:
        break;
    }
    return t;
}

static void put_type(char *buf, size_t cap, size_t *k, const type_t *t);

static void put(char *buf, size_t cap, size_t *k, const char *s)
{
    size_t n = strlen(s);
    if (*k + n >= cap)
        n = cap - *k - 1;
    memcpy(buf + *k, s, n);
    *k += n;
    buf[*k] = 0;
}

static void put_type(char *buf, size_t cap, size_t *k, const type_t *t)
{
    char tmp[64];
    switch (t->kind) {
    case TY_DECIMAL:
        snprintf(tmp, sizeof tmp, "DECIMAL(%d, %d)", t->p, t->s);
        put(buf, cap, k, tmp);
        break;
    case TY_CHAR:
    case TY_BINARY:
        snprintf(tmp, sizeof tmp, "%s(%d)", ast_type_name(t->kind), t->p);
        put(buf, cap, k, tmp);
        break;
    case TY_VARCHAR:
    case TY_VARBINARY:
        if (t->p == TY_MAX_LEN)
            put(buf, cap, k, t->kind == TY_VARCHAR ? "STRING" : "BYTES");
        else {
            snprintf(tmp, sizeof tmp, "%s(%d)", ast_type_name(t->kind), t->p);
            put(buf, cap, k, tmp);
        }
        break;
    case TY_TIME:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_LTZ:
        snprintf(tmp, sizeof tmp, "%s(%d)", ast_type_name(t->kind), t->p);
        put(buf, cap, k, tmp);
        break;
    case TY_ARRAY:
    case TY_MULTISET:
        put(buf, cap, k, ast_type_name(t->kind));
        put(buf, cap, k, "<");
        put_type(buf, cap, k, t->elem);
        put(buf, cap, k, ">");
        break;
    case TY_MAP:
        put(buf, cap, k, "MAP<");
        put_type(buf, cap, k, t->elem);
        put(buf, cap, k, ", ");
        put_type(buf, cap, k, t->val);
        put(buf, cap, k, ">");
        break;
    case TY_ROW:
        put(buf, cap, k, "ROW<");
        for (int i = 0; i < t->nfields; i++) {
            if (i)
                put(buf, cap, k, ", ");
            put(buf, cap, k, "`");
            put(buf, cap, k, t->names[i]);
            put(buf, cap, k, "` ");
            put_type(buf, cap, k, t->fields[i]);
        }
        put(buf, cap, k, ">");
        break;
    default:
        put(buf, cap, k, ast_type_name(t->kind));
    }
    if (!t->nullable)
        put(buf, cap, k, " NOT NULL");
}

const char *type_str(arena_t *a, const type_t *t)
{
    char buf[1024];
    size_t k = 0;
    buf[0] = 0;
    put_type(buf, sizeof buf, &k, t);
    return arena_strdup(a, buf);
}

bool type_is_integer(const type_t *t)
{
    return t->kind == TY_TINYINT || t->kind == TY_SMALLINT || t->kind == TY_INT || t->kind == TY_BIGINT;
}

bool type_is_numeric(const type_t *t)
{
    return type_is_integer(t) || t->kind == TY_FLOAT || t->kind == TY_DOUBLE || t->kind == TY_DECIMAL;
}

bool type_is_string(const type_t *t) { return t->kind == TY_CHAR || t->kind == TY_VARCHAR; }
bool type_is_binary(const type_t *t) { return t->kind == TY_BINARY || t->kind == TY_VARBINARY; }

bool type_is_nested(const type_t *t)
{
    return t->kind == TY_ARRAY || t->kind == TY_MAP || t->kind == TY_MULTISET || t->kind == TY_ROW;
}

bool type_equal_ignoring_null(const type_t *a, const type_t *b)
{
    if (a->kind != b->kind || a->p != b->p || a->s != b->s)
        return false;
    if ((a->elem || b->elem) && (!a->elem || !b->elem || !type_equal_ignoring_null(a->elem, b->elem)))
        return false;
    if ((a->val || b->val) && (!a->val || !b->val || !type_equal_ignoring_null(a->val, b->val)))
        return false;
    if (a->nfields != b->nfields)
        return false;
    for (int i = 0; i < a->nfields; i++)
        if (!type_equal_ignoring_null(a->fields[i], b->fields[i]) || a->elem != b->elem)
            return false;
    return true;
}

static int int_rank(int kind)
{
    switch (kind) {
    case TY_TINYINT: return 1;
    case TY_SMALLINT: return 2;
    case TY_INT: return 3;
    case TY_BIGINT: return 4;
    default: return 0;
    }
}

/* Decimal precision needed to hold every value of an integer type. */
static int int_digits(int kind)
{
    switch (kind) {
    case TY_TINYINT: return 3;
    case TY_SMALLINT: return 5;
    case TY_INT: return 10;
    default: return 19;
    }
}

bool type_implicit_cast(const type_t *from, const type_t *to)
{
    if (from->kind == TY_NULL)
        return true;
    if (type_equal_ignoring_null(from, to))
        return true;
    if (type_is_integer(from)) {
        if (type_is_integer(to))
            return int_rank(from->kind) <= int_rank(to->kind);
        if (to->kind == TY_DECIMAL)
            return to->p - to->s >= int_digits(from->kind);
        return to->kind == TY_FLOAT || to->kind == TY_DOUBLE;
    }
    if (from->kind == TY_DECIMAL) {
        if (to->kind == TY_DECIMAL)
            return to->p - to->s >= from->p - from->s && to->s >= from->s;
        return to->kind == TY_FLOAT || to->kind == TY_DOUBLE;
    }
    if (from->kind == TY_FLOAT)
        return to->kind == TY_DOUBLE;
    if (type_is_string(from))
        return type_is_string(to) && (to->kind == TY_VARCHAR ? to->p >= from->p : to->p == from->p);
    if (type_is_binary(from))
        return type_is_binary(to) && (to->kind == TY_VARBINARY ? to->p >= from->p : to->p == from->p);
    if (from->kind == TY_TIMESTAMP || from->kind == TY_TIMESTAMP_LTZ)
        return (to->kind == TY_TIMESTAMP || to->kind == TY_TIMESTAMP_LTZ) && to->p >= from->p &&
               to->kind == from->kind;
    if (from->kind == TY_TIME)
        return to->kind == TY_TIME && to->p >= from->p;
    if (from->kind == TY_ARRAY || from->kind == TY_MULTISET)
        return to->kind == from->kind && type_implicit_cast(from->elem, to->elem);
    if (from->kind == TY_MAP)
        return to->kind == TY_MAP && type_implicit_cast(from->elem, to->elem) &&
               type_implicit_cast(from->val, to->val);
    if (from->kind == TY_ROW) {
        if (to->kind != TY_ROW || to->nfields != from->nfields)
            return false;
        for (int i = 0; i < from->nfields; i++)
            if (!type_implicit_cast(from->fields[i], to->fields[i]))
                return false;
        return true;
    }
    return false;
}

bool type_explicit_cast(const type_t *from, const type_t *to)
{
    if (type_implicit_cast(from, to))
        return true;
    bool fn = type_is_numeric(from) || from->kind == TY_BOOLEAN;
    bool tn = type_is_numeric(to) || to->kind == TY_BOOLEAN;
    if (fn && tn)
        return true;
    if (type_is_string(to))
        return from->kind != TY_ROW || true;
    if (type_is_string(from))
        return to->kind != TY_ARRAY && to->kind != TY_MAP && to->kind != TY_MULTISET && to->kind != TY_ROW;
    if ((from->kind == TY_TIMESTAMP || from->kind == TY_TIMESTAMP_LTZ || from->kind == TY_DATE) &&
        (to->kind == TY_TIMESTAMP || to->kind == TY_TIMESTAMP_LTZ || to->kind == TY_DATE ||
         (to->kind == TY_TIME && from->kind != TY_DATE)))
        return true;
    if (type_is_binary(from) && type_is_binary(to))
        return true;
    return false;
}

bool type_cast_compiled(const type_t *from, const type_t *to)
{
    int f = from->kind, t = to->kind;
    bool fint = type_is_integer(from), tint = type_is_integer(to);
    bool ffp = f == TY_FLOAT || f == TY_DOUBLE, tfp = t == TY_FLOAT || t == TY_DOUBLE;
    if (f == TY_NULL || type_equal_ignoring_null(from, to))
        return true;
    if ((fint || ffp) && (tint || tfp))
        return true;
    if (fint && t == TY_DECIMAL)
        return true;
    if (f == TY_DECIMAL && (t == TY_DECIMAL || tfp))
        return true;
    if (f == TY_BOOLEAN && (tint || tfp))
        return true;
    if ((fint || ffp) && t == TY_BOOLEAN)
        return true;
    if (type_is_string(from) && type_is_string(to))
        return true;
    if (type_is_binary(from) && type_is_binary(to))
        return true;
    if (type_is_string(to))
        return fint || ffp || f == TY_BOOLEAN || f == TY_DATE || f == TY_DECIMAL;
    if (type_is_string(from))
        return tint || tfp;
    if ((f == TY_TIMESTAMP || f == TY_TIMESTAMP_LTZ) && (t == TY_TIMESTAMP || t == TY_TIMESTAMP_LTZ))
        return f == t;
    return f == TY_TIME && t == TY_TIME;
}

const type_t *type_numeric_common(arena_t *a, const type_t *x, const type_t *y)
{
    bool n = x->nullable || y->nullable;
    if (!type_is_numeric(x) || !type_is_numeric(y))
        return NULL;
    if (x->kind == TY_DOUBLE || y->kind == TY_DOUBLE)
        return type_new(a, TY_DOUBLE, -1, -1, n);
    if (x->kind == TY_FLOAT || y->kind == TY_FLOAT)
        return type_new(a, TY_FLOAT, -1, -1, n);
    if (x->kind == TY_DECIMAL || y->kind == TY_DECIMAL) {
        int xp = x->kind == TY_DECIMAL ? x->p : int_digits(x->kind), xs = x->kind == TY_DECIMAL ? x->s : 0;
        int yp = y->kind == TY_DECIMAL ? y->p : int_digits(y->kind), ys = y->kind == TY_DECIMAL ? y->s : 0;
        int s = xs > ys ? xs : ys;
        int ip = (xp - xs) > (yp - ys) ? xp - xs : yp - ys;
        int p = ip + s > 38 ? 38 : ip + s;
        return type_new(a, TY_DECIMAL, p, s, n);
    }
    int k = int_rank(x->kind) >= int_rank(y->kind) ? x->kind : y->kind;
    return type_new(a, k, -1, -1, n);
}

const type_t *type_common(arena_t *a, const type_t *x, const type_t *y)
{
    bool n = x->nullable || y->nullable;
    if (x->kind == TY_NULL)
        return type_with_null(a, y, true);
    if (y->kind == TY_NULL)
        return type_with_null(a, x, true);
    if (type_is_numeric(x) && type_is_numeric(y))
        return type_numeric_common(a, x, y);
    if (type_is_string(x) && type_is_string(y)) {
        int p = x->p > y->p ? x->p : y->p;
        return type_new(a, x->kind == TY_CHAR && y->kind == TY_CHAR ? TY_CHAR : TY_VARCHAR, p, -1, n);
    }
    if (type_is_binary(x) && type_is_binary(y)) {
        int p = x->p > y->p ? x->p : y->p;
        return type_new(a, x->kind == TY_BINARY && y->kind == TY_BINARY ? TY_BINARY : TY_VARBINARY, p, -1, n);
    }
    if (x->kind == y->kind && (x->kind == TY_TIMESTAMP || x->kind == TY_TIMESTAMP_LTZ || x->kind == TY_TIME)) {
        return type_new(a, x->kind, x->p > y->p ? x->p : y->p, -1, n);
    }
    if (type_equal_ignoring_null(x, y))
        return type_with_null(a, x, n);
    return NULL;
}
