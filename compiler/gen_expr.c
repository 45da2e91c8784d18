/* This file generates C for typed expressions with SQL's three-valued logic
 * and Java's arithmetic (two's-complement wrap, truncating division, an error
 * on integer division by zero), as Flink evaluates them. Each expression
 * becomes statements that compute a value and a NULL flag; AND, OR, CASE,
 * COALESCE and IF evaluate lazily, like Flink's generated code. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gen_internal.h"

static val_t gen(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f);

static const char *int_max(const type_t *t)
{
    switch (t->kind) {
    case TY_TINYINT: return "INT8";
    case TY_SMALLINT: return "INT16";
    case TY_INT: return "INT32";
    default: return "INT64";
    }
}

static const char *zero_of(gen_t *g, const type_t *t)
{
    const char *c = gen_ctype(t);
    if (strcmp(c, "sqlkc_rt_str_t") == 0 || strcmp(c, "sqlkc_rt_ts_t") == 0 || strcmp(c, "sqlkc_rt_nested_t") == 0)
        return arena_printf(g->a, "(%s){0}", c);
    return arena_printf(g->a, "(%s)0", c);
}

/* Declares a temporary of type t (value and null flag); returns its name. */
static const char *decl(gen_t *g, const type_t *t)
{
    const char *n = gen_tmp(g);
    emit_line(g->e, "%s %s = %s;", gen_ctype(t), n, zero_of(g, t));
    emit_line(g->e, "bool %sn = true;", n);
    return n;
}

static const char *dec_lit(gen_t *g, __int128 v)
{
    if (v >= INT64_MIN && v <= INT64_MAX)
        return arena_printf(g->a, "((sqlkc_rt_dec_t)INT64_C(%" PRId64 "))", (int64_t)v);
    __int128 hi = v / 1000000000000000000LL, lo = v % 1000000000000000000LL;
    return arena_printf(g->a, "((sqlkc_rt_dec_t)INT64_C(%" PRId64 ") * INT64_C(1000000000000000000) + INT64_C(%" PRId64 "))",
                        (int64_t)hi, (int64_t)lo);
}

static const char *i64_lit(gen_t *g, int64_t v)
{
    if (v == INT64_MIN)
        return "INT64_MIN";
    return arena_printf(g->a, "INT64_C(%" PRId64 ")", v);
}

static val_t literal(gen_t *g, const expr_t *e)
{
    const literal_t *l = &e->lit;
    val_t r = {NULL, "false"};
    const type_t *t = e->type;
    if (l->is_null || t->kind == TY_NULL)
        return (val_t){"0", "true"};
    switch (t->kind) {
    case TY_BOOLEAN: r.v = l->b ? "true" : "false"; break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INT: case TY_BIGINT:
    case TY_DATE: case TY_TIME: case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        r.v = arena_printf(g->a, "((%s)%s)", gen_ctype(t), i64_lit(g, l->i));
        break;
    case TY_FLOAT: r.v = arena_printf(g->a, "%.9gf", l->d); break;
    case TY_DOUBLE: r.v = arena_printf(g->a, "%.17g", l->d); break;
    case TY_DECIMAL: r.v = dec_lit(g, l->dec); break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        r.v = arena_printf(g->a, "((sqlkc_rt_str_t){%s, %zu})", emit_cstr(g->a, l->s ? l->s : "", l->n), l->n);
        break;
    case TY_TIMESTAMP: case TY_TIMESTAMP_LTZ:
        r.v = arena_printf(g->a, "((sqlkc_rt_ts_t){%s, %d})", i64_lit(g, l->ts_millis), l->ts_nanos);
        break;
    default:
        r.v = "0";
    }
    if ((t->kind == TY_DOUBLE || t->kind == TY_FLOAT) && !strpbrk(r.v, ".eEn"))
        r.v = arena_printf(g->a, "%s.0%s", t->kind == TY_FLOAT ? arena_strndup(g->a, r.v, strlen(r.v) - 1) : r.v,
                           t->kind == TY_FLOAT ? "f" : "");
    return r;
}

static int64_t pow10i(int n)
{
    int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

static const char *pow10_dec(gen_t *g, int n)
{
    if (n <= 18)
        return arena_printf(g->a, "((sqlkc_rt_dec_t)INT64_C(%" PRId64 "))", pow10i(n));
    return arena_printf(g->a, "((sqlkc_rt_dec_t)INT64_C(%" PRId64 ") * INT64_C(%" PRId64 "))", pow10i(18), pow10i(n - 18));
}

/* Java's (int)/(long) cast of a double: NaN -> 0, saturating at the range. */
static const char *d2i(gen_t *g, const char *x, const type_t *to)
{
    if (to->kind == TY_BIGINT)
        return arena_printf(g->a, "(isnan(%s) ? 0 : %s >= 9223372036854775807.0 ? INT64_MAX : %s <= -9223372036854775808.0 ? INT64_MIN : (int64_t)%s)",
                            x, x, x, x);
    /* (byte)/(short) casts of a double go through int in Java */
    const char *i32 = arena_printf(g->a, "(isnan(%s) ? 0 : %s >= 2147483647.0 ? INT32_MAX : %s <= -2147483648.0 ? INT32_MIN : (int32_t)%s)",
                                   x, x, x, x);
    if (to->kind == TY_INT)
        return i32;
    return arena_printf(g->a, "((%s)(%s)%s)", gen_ctype(to), gen_utype(to), i32);
}

/* CAST(x AS CHAR(n)/VARCHAR(n)) cuts to n code points, and CHAR pads to n,
 * since Flink 1.15 (CharVarCharTrimPadCastRule); a value whose declared
 * length already fits is taken as it is, as Flink does. */
static val_t trim_pad(gen_t *g, val_t v, const type_t *from, const type_t *to)
{
    if (!type_is_string(to) || to->p >= TY_MAX_LEN || from->kind == TY_NULL)
        return v;
    bool pad = to->kind == TY_CHAR;
    if (type_is_string(from) && from->p <= to->p && (!pad || (from->kind == TY_CHAR && from->p == to->p)))
        return v;
    return (val_t){arena_printf(g->a, "(%s ? %s : sqlkc_rt_trim_pad(scratch_alloc, ctx, %s, %d, %s))", v.n, v.v,
                                v.v, to->p, pad ? "true" : "false"),
                   v.n};
}

static val_t cast(gen_t *g, val_t a, const type_t *from, const type_t *to, loc_t loc)
{
    (void)loc;
    if (from->kind == TY_NULL)
        return (val_t){zero_of(g, to), "true"};
    const char *ct = gen_ctype(to);
    if (type_equal_ignoring_null(from, to))
        return a;
    val_t r = {NULL, a.n};
    if (type_is_integer(from) && type_is_integer(to)) {
        r.v = arena_printf(g->a, "((%s)(%s)(%s))", ct, gen_utype(to), a.v); /* Java narrowing wraps */
    } else if ((type_is_integer(from) || from->kind == TY_FLOAT || from->kind == TY_DOUBLE) &&
               (to->kind == TY_FLOAT || to->kind == TY_DOUBLE)) {
        r.v = arena_printf(g->a, "((%s)(%s))", ct, a.v);
    } else if ((from->kind == TY_FLOAT || from->kind == TY_DOUBLE) && type_is_integer(to)) {
        r.v = d2i(g, arena_printf(g->a, "((double)(%s))", a.v), to);
    } else if (type_is_integer(from) && to->kind == TY_DECIMAL) {
        r.v = arena_printf(g->a, "((sqlkc_rt_dec_t)(%s) * %s)", a.v, pow10_dec(g, to->s));
    } else if (from->kind == TY_DECIMAL && to->kind == TY_DECIMAL) {
        if (to->s >= from->s)
            r.v = arena_printf(g->a, "((%s) * %s)", a.v, pow10_dec(g, to->s - from->s));
        else
            r.v = arena_printf(g->a, "sqlkc_rt_dec_rescale_down(%s, %d)", a.v, from->s - to->s);
    } else if (from->kind == TY_DECIMAL && (to->kind == TY_DOUBLE || to->kind == TY_FLOAT)) {
        r.v = arena_printf(g->a, "((%s)sqlkc_rt_dec_to_double(%s, %d))", ct, a.v, from->s);
    } else if (from->kind == TY_BOOLEAN && type_is_numeric(to) && to->kind != TY_DECIMAL) {
        r.v = arena_printf(g->a, "((%s)((%s) ? 1 : 0))", ct, a.v);
    } else if (type_is_numeric(from) && from->kind != TY_DECIMAL && to->kind == TY_BOOLEAN) {
        r.v = arena_printf(g->a, "((%s) != 0)", a.v);
    } else if (type_is_string(from) && type_is_string(to)) {
        r.v = a.v; /* lengths are not enforced on STRING values */
    } else if (type_is_binary(from) && type_is_binary(to)) {
        r.v = a.v;
    } else if (type_is_string(to)) {
        const char *t = decl(g, to);
        emit_open(g->e, "if (!(%s))", a.n);
        if (from->kind != TY_BOOLEAN)
            emit_line(g->e, "char *p = sqlkc_rt_scratch(ctx, %d);", from->kind == TY_DECIMAL ? 64 : 48);
        if (type_is_integer(from))
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, sqlkc_rt_fmt_i64(p, (int64_t)(%s))};", t, a.v);
        else if (from->kind == TY_DOUBLE)
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, sqlkc_rt_fmt_double(p, %s)};", t, a.v);
        else if (from->kind == TY_FLOAT)
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, sqlkc_rt_fmt_float(p, %s)};", t, a.v);
        else if (from->kind == TY_BOOLEAN)
            emit_line(g->e, "%s = (%s) ? (sqlkc_rt_str_t){\"TRUE\", 4} : (sqlkc_rt_str_t){\"FALSE\", 5};", t, a.v);
        else if (from->kind == TY_DATE)
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, sqlkc_rt_fmt_date(p, %s)};", t, a.v);
        else if (from->kind == TY_DECIMAL)
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, sqlkc_rt_fmt_decimal_cast(p, %s, %d)};", t, a.v, from->s);
        emit_line(g->e, "%sn = false;", t);
        emit_close(g->e, NULL);
        return (val_t){t, arena_printf(g->a, "%sn", t)};
    } else if (type_is_string(from) && (type_is_integer(to) || to->kind == TY_DOUBLE || to->kind == TY_FLOAT)) {
        const char *t = decl(g, to);
        emit_open(g->e, "if (!(%s))", a.n);
        if (type_is_integer(to)) {
            emit_line(g->e, "int64_t x;");
            emit_open(g->e, "if (sqlkc_rt_parse_i64(%s, &x) != 0 || x < %s_MIN || x > %s_MAX)", a.v, int_max(to), int_max(to));
            emit_line(g->e, "return sqlkc_rt_fail(ctx, \"cannot cast '%%.*s' to %s\", (int)%s.n, %s.p);",
                      to->kind == TY_BIGINT ? "BIGINT" : to->kind == TY_INT ? "INT" : to->kind == TY_SMALLINT ? "SMALLINT" : "TINYINT",
                      a.v, a.v);
            emit_close(g->e, NULL);
            emit_line(g->e, "%s = (%s)x;", t, ct);
        } else {
            emit_line(g->e, "double x;");
            emit_open(g->e, "if (sqlkc_rt_parse_double(%s, &x) != 0)", a.v);
            emit_line(g->e, "return sqlkc_rt_fail(ctx, \"cannot cast '%%.*s' to %s\", (int)%s.n, %s.p);",
                      to->kind == TY_DOUBLE ? "DOUBLE" : "FLOAT", a.v, a.v);
            emit_close(g->e, NULL);
            emit_line(g->e, "%s = (%s)x;", t, ct);
        }
        emit_line(g->e, "%sn = false;", t);
        emit_close(g->e, NULL);
        return (val_t){t, arena_printf(g->a, "%sn", t)};
    } else if ((from->kind == TY_TIMESTAMP || from->kind == TY_TIMESTAMP_LTZ) &&
               (to->kind == TY_TIMESTAMP || to->kind == TY_TIMESTAMP_LTZ)) {
        if (to->p >= from->p)
            r.v = a.v;
        else if (to->p >= 3)
            r.v = arena_printf(g->a, "((sqlkc_rt_ts_t){(%s).millis, (%s).nanos / %d * %d})", a.v, a.v,
                               (int)pow10i(9 - to->p), (int)pow10i(9 - to->p));
        else
            r.v = arena_printf(g->a, "((sqlkc_rt_ts_t){(%s).millis - (((%s).millis %% %d) + %d) %% %d, 0})", a.v, a.v,
                               (int)pow10i(3 - to->p), (int)pow10i(3 - to->p), (int)pow10i(3 - to->p));
    } else if (from->kind == TY_TIME && to->kind == TY_TIME) {
        r.v = a.v;
    } else {
        r.v = zero_of(g, to);
        r.n = "true";
        emit_line(g->e, "/* unsupported cast %s -> %s */", gen_ctype(from), ct);
    }
    return r;
}

static const char *cmp_expr(gen_t *g, int op, const type_t *t, const char *a, const char *b)
{
    static const char *const ops[] = {[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=",
                                      [OP_GT] = ">", [OP_GE] = ">="};
    if (type_is_string(t) || type_is_binary(t))
        return arena_printf(g->a, "(sqlkc_rt_str_cmp(%s, %s) %s 0)", a, b, ops[op]);
    if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
        return arena_printf(g->a, "(sqlkc_rt_ts_cmp(%s, %s) %s 0)", a, b, ops[op]);
    return arena_printf(g->a, "((%s) %s (%s))", a, ops[op], b);
}

static val_t logic(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f)
{
    /* AND: FALSE wins over NULL; OR: TRUE wins over NULL. b is evaluated only if needed. */
    bool is_and = e->op == OP_AND;
    const char *t = decl(g, e->type);
    val_t a = gen(g, e->args[0], in, f);
    emit_open(g->e, "if (!(%s) && %s(%s))", a.n, is_and ? "!" : "", a.v);
    emit_line(g->e, "%s = %s;", t, is_and ? "false" : "true");
    emit_line(g->e, "%sn = false;", t);
    emit_close(g->e, " else {");
    g->e->indent++;
    val_t b = gen(g, e->args[1], in, f);
    emit_open(g->e, "if (!(%s) && %s(%s))", b.n, is_and ? "!" : "", b.v);
    emit_line(g->e, "%s = %s;", t, is_and ? "false" : "true");
    emit_line(g->e, "%sn = false;", t);
    emit_close(g->e, " else {");
    g->e->indent++;
    emit_line(g->e, "%sn = (%s) || (%s);", t, a.n, b.n);
    emit_line(g->e, "%s = %s;", t, is_and ? "true" : "false");
    emit_close(g->e, NULL);
    emit_close(g->e, NULL);
    return (val_t){t, arena_printf(g->a, "%sn", t)};
}

static val_t arith(gen_t *g, const expr_t *e, val_t a, val_t b)
{
    const type_t *t = e->type;
    const char *ct = gen_ctype(t);
    const char *nn = arena_printf(g->a, "((%s) || (%s))", a.n, b.n);
    if (t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_LTZ)
        return (val_t){arena_printf(g->a, "((sqlkc_rt_ts_t){(%s).millis %s (%s), (%s).nanos})", a.v,
                                    e->op == OP_ADD ? "+" : "-", b.v, a.v), nn};
    if (t->kind == TY_FLOAT || t->kind == TY_DOUBLE) {
        if (e->op == OP_MOD)
            return (val_t){arena_printf(g->a, "((%s)fmod(%s, %s))", ct, a.v, b.v), nn};
        static const char *const ops[] = {[OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/"};
        return (val_t){arena_printf(g->a, "((%s) %s (%s))", a.v, ops[e->op], b.v), nn};
    }
    if (e->op == OP_ADD || e->op == OP_SUB || e->op == OP_MUL) {
        static const char *const ops[] = {[OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*"};
        return (val_t){arena_printf(g->a, "((%s)((%s)(%s) %s (%s)(%s)))", ct, gen_utype(t), a.v, ops[e->op], gen_utype(t), b.v), nn};
    }
    /* integer / and %: Java truncates, fails on zero, and MIN / -1 wraps */
    const char *r = decl(g, t);
    emit_open(g->e, "if (!(%s) && !(%s))", a.n, b.n);
    /* the divisor goes through a variable: a constant 0 must fail at run time
     * like Java, not stop the C compiler */
    emit_line(g->e, "%s divisor = %s;", ct, b.v);
    emit_line(g->e, "if (divisor == 0) return sqlkc_rt_fail(ctx, \"java.lang.ArithmeticException: / by zero\");");
    if (e->op == OP_DIV)
        emit_line(g->e, "%s = divisor == -1 ? (%s)(0 - (%s)(%s)) : (%s)((%s) / divisor);", r, ct, gen_utype(t), a.v, ct, a.v);
    else
        emit_line(g->e, "%s = divisor == -1 ? 0 : (%s)((%s) %% divisor);", r, ct, a.v);
    emit_line(g->e, "%sn = false;", r);
    emit_close(g->e, NULL);
    return (val_t){r, arena_printf(g->a, "%sn", r)};
}

static val_t call(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f)
{
    const char *fn = e->fn;
    if (!strcmp(fn, "COALESCE") || !strcmp(fn, "IF")) {
        const char *t = decl(g, e->type);
        int opened = 0;
        if (!strcmp(fn, "IF")) {
            val_t c = gen(g, e->args[0], in, f);
            emit_open(g->e, "if (!(%s) && (%s))", c.n, c.v);
            val_t x = gen(g, e->args[1], in, f);
            emit_line(g->e, "%s = %s;", t, x.v);
            emit_line(g->e, "%sn = %s;", t, x.n);
            emit_close(g->e, " else {");
            g->e->indent++;
            val_t y = gen(g, e->args[2], in, f);
            emit_line(g->e, "%s = %s;", t, y.v);
            emit_line(g->e, "%sn = %s;", t, y.n);
            emit_close(g->e, NULL);
            return (val_t){t, arena_printf(g->a, "%sn", t)};
        }
        for (int i = 0; i < e->nargs; i++) {
            val_t x = gen(g, e->args[i], in, f);
            emit_line(g->e, "%s = %s;", t, x.v);
            emit_line(g->e, "%sn = %s;", t, x.n);
            if (i + 1 < e->nargs) {
                emit_open(g->e, "if (%sn)", t);
                opened++;
            }
        }
        while (opened--)
            emit_close(g->e, NULL);
        return (val_t){t, arena_printf(g->a, "%sn", t)};
    }
    int n = e->nargs;
    val_t *a = arena_alloc(g->a, sizeof *a * (size_t)(n + 1));
    const char *nn = "false";
    for (int i = 0; i < n; i++) {
        a[i] = gen(g, e->args[i], in, f);
        nn = strcmp(nn, "false") == 0 ? a[i].n : arena_printf(g->a, "%s || %s", nn, a[i].n);
    }
    nn = arena_printf(g->a, "(%s)", nn);
    if (!strcmp(fn, "UPPER") || !strcmp(fn, "LOWER"))
        return (val_t){arena_printf(g->a, "(%s ? %s : sqlkc_rt_%s(scratch_alloc, ctx, %s))", nn, a[0].v,
                                    fn[0] == 'U' ? "upper" : "lower", a[0].v), nn};
    if (!strcmp(fn, "CHAR_LENGTH"))
        return (val_t){arena_printf(g->a, "(%s ? 0 : sqlkc_rt_char_length(%s))", nn, a[0].v), nn};
    if (!strcmp(fn, "ABS")) {
        if (type_is_integer(e->type))
            return (val_t){arena_printf(g->a, "((%s) < 0 ? (%s)(0 - (%s)(%s)) : (%s))", a[0].v, gen_ctype(e->type),
                                        gen_utype(e->type), a[0].v, a[0].v), nn};
        return (val_t){arena_printf(g->a, "%s(%s)", e->type->kind == TY_FLOAT ? "fabsf" : "fabs", a[0].v), nn};
    }
    if (!strcmp(fn, "MOD")) {
        expr_t fake = *e;
        fake.op = OP_MOD;
        return arith(g, &fake, a[0], a[1]);
    }
    if (!strcmp(fn, "CONCAT")) {
        const char *t = decl(g, e->type);
        emit_open(g->e, "if (!%s)", nn);
        const char *len = "0";
        for (int i = 0; i < n; i++)
            len = arena_printf(g->a, "%s + (%s).n", len, a[i].v);
        emit_line(g->e, "size_t len = %s, k = 0;", len);
        emit_line(g->e, "char *p = sqlkc_rt_scratch(ctx, len + 1);");
        for (int i = 0; i < n; i++)
            emit_line(g->e, "if ((%s).n) memcpy(p + k, (%s).p, (%s).n), k += (%s).n;", a[i].v, a[i].v, a[i].v, a[i].v);
        emit_line(g->e, "%s = (sqlkc_rt_str_t){p, k};", t);
        emit_line(g->e, "%sn = false;", t);
        emit_close(g->e, NULL);
        return (val_t){t, arena_printf(g->a, "%sn", t)};
    }
    return (val_t){zero_of(g, e->type), "true"};
}

static val_t settle(gen_t *g, const type_t *t, val_t v);
static val_t gen_node(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f);

static val_t gen(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f)
{
    if (e->type->kind == TY_NULL)
        return gen_node(g, e, in, f);
    return settle(g, e->type, gen_node(g, e, in, f));
}

static val_t gen_node(gen_t *g, const expr_t *e, const char *in, const plan_field_t *f)
{
    switch (e->kind) {
    case E_COL:
        return (val_t){arena_printf(g->a, "%s->f%d", in, e->col), gen_isnull(g, in, e->col)};
    case E_LIT:
        return literal(g, e);
    case E_UNARY: {
        val_t a = gen(g, e->args[0], in, f);
        if (e->op == OP_NOT)
            return (val_t){arena_printf(g->a, "(!(%s))", a.v), a.n};
        if (type_is_integer(e->type))
            return (val_t){arena_printf(g->a, "((%s)(0 - (%s)(%s)))", gen_ctype(e->type), gen_utype(e->type), a.v), a.n};
        return (val_t){arena_printf(g->a, "(-(%s))", a.v), a.n};
    }
    case E_BINARY: {
        if (e->op == OP_AND || e->op == OP_OR)
            return logic(g, e, in, f);
        val_t a = gen(g, e->args[0], in, f);
        val_t b = gen(g, e->args[1], in, f);
        const char *nn = arena_printf(g->a, "((%s) || (%s))", a.n, b.n);
        switch (e->op) {
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
            return (val_t){cmp_expr(g, e->op, e->args[0]->type->kind == TY_NULL ? e->args[1]->type : e->args[0]->type,
                                    a.v, b.v), nn};
        case OP_CONCAT: {
            const char *t = decl(g, e->type);
            emit_open(g->e, "if (!%s)", nn);
            emit_line(g->e, "char *p = sqlkc_rt_scratch(ctx, (%s).n + (%s).n + 1);", a.v, b.v);
            emit_line(g->e, "if ((%s).n) memcpy(p, (%s).p, (%s).n);", a.v, a.v, a.v);
            emit_line(g->e, "if ((%s).n) memcpy(p + (%s).n, (%s).p, (%s).n);", b.v, a.v, b.v, b.v);
            emit_line(g->e, "%s = (sqlkc_rt_str_t){p, (%s).n + (%s).n};", t, a.v, b.v);
            emit_line(g->e, "%sn = false;", t);
            emit_close(g->e, NULL);
            return (val_t){t, arena_printf(g->a, "%sn", t)};
        }
        default:
            return arith(g, e, a, b);
        }
    }
    case E_IS: {
        val_t a = gen(g, e->args[0], in, f);
        const char *v;
        switch (e->op) {
        case IS_NULL: v = arena_printf(g->a, "(%s)", a.n); break;
        case IS_TRUE: v = arena_printf(g->a, "(!(%s) && (%s))", a.n, a.v); break;
        case IS_FALSE: v = arena_printf(g->a, "(!(%s) && !(%s))", a.n, a.v); break;
        default: v = arena_printf(g->a, "(%s)", a.n); break;
        }
        if (e->flag)
            v = arena_printf(g->a, "(!%s)", v);
        return (val_t){v, "false"};
    }
    case E_LIKE: {
        val_t a = gen(g, e->args[0], in, f), p = gen(g, e->args[1], in, f);
        int esc = e->nargs > 2 ? (unsigned char)e->args[2]->lit.s[0] : -1;
        const char *nn = arena_printf(g->a, "((%s) || (%s))", a.n, p.n);
        return (val_t){arena_printf(g->a, "(%s(%s ? false : sqlkc_rt_like(%s, %s, %d)))", e->flag ? "!" : "", nn, a.v,
                                    p.v, esc), nn};
    }
    case E_CASE: {
        const char *t = decl(g, e->type);
        int pairs = (e->nargs - (e->flag ? 1 : 0)) / 2;
        for (int i = 0; i < pairs; i++) {
            val_t c = gen(g, e->args[2 * i], in, f);
            emit_open(g->e, "if (!(%s) && (%s))", c.n, c.v);
            val_t r = gen(g, e->args[2 * i + 1], in, f);
            emit_line(g->e, "%s = %s;", t, r.v);
            emit_line(g->e, "%sn = %s;", t, r.n);
            emit_close(g->e, " else {");
            g->e->indent++;
        }
        if (e->flag) {
            val_t r = gen(g, e->args[e->nargs - 1], in, f);
            emit_line(g->e, "%s = %s;", t, r.v);
            emit_line(g->e, "%sn = %s;", t, r.n);
        }
        for (int i = 0; i < pairs; i++)
            emit_close(g->e, NULL);
        return (val_t){t, arena_printf(g->a, "%sn", t)};
    }
    case E_CAST: {
        val_t v = cast(g, gen(g, e->args[0], in, f), e->args[0]->type, e->type, e->loc);
        return e->flag ? trim_pad(g, v, e->args[0]->type, e->type) : v;
    }
    case E_CALL:
        return call(g, e, in, f);
    default:
        return (val_t){"0", "true"};
    }
}

val_t gen_expr(gen_t *g, const expr_t *e, const char *in, const plan_field_t *in_fields)
{
    return gen(g, e, in, in_fields);
}

/* A value whose C text grew long is stored in a temporary: deep expressions
 * then stay within compilers' nesting limits and linear in size. */
static val_t settle(gen_t *g, const type_t *t, val_t v)
{
    if (strlen(v.v) < 200 && strlen(v.n) < 200)
        return v;
    const char *n = gen_tmp(g);
    emit_line(g->e, "%s %s = %s;", gen_ctype(t), n, v.v);
    emit_line(g->e, "bool %sn = %s;", n, v.n);
    return (val_t){n, arena_printf(g->a, "%sn", n)};
}
