/* This file holds the syntax-tree constructors and names of operators. */
#include "ast.h"

ast_t *ast_new(arena_t *a, ast_kind_t kind, loc_t loc)
{
    ast_t *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    n->p1 = n->p2 = -1;
    n->b_loc = LOC_NONE;
    return n;
}

ast_list_t ast_list_empty(void) { return (ast_list_t){NULL, NULL, 0}; }

ast_list_t ast_list1(ast_t *n)
{
    n->next = NULL;
    return (ast_list_t){n, n, 1};
}

ast_list_t ast_list_append(ast_list_t l, ast_t *n)
{
    n->next = NULL;
    if (l.tail)
        l.tail->next = n;
    else
        l.head = n;
    l.tail = n;
    l.count++;
    return l;
}

ast_t *ast_ident(arena_t *a, ast_name_t name)
{
    ast_t *n = ast_new(a, AST_IDENT, name.loc);
    n->name = name;
    return n;
}

ast_t *ast_binary(arena_t *a, int op, ast_t *l, ast_t *r, loc_t loc)
{
    ast_t *n = ast_new(a, AST_BINARY, loc);
    n->op = op;
    n->a = l;
    n->b = r;
    return n;
}

ast_t *ast_unary(arena_t *a, int op, ast_t *e, loc_t loc)
{
    ast_t *n = ast_new(a, AST_UNARY, loc);
    n->op = op;
    n->a = e;
    return n;
}

ast_t *ast_literal(arena_t *a, int lit, const char *text, loc_t loc)
{
    ast_t *n = ast_new(a, AST_LITERAL, loc);
    n->op = lit;
    n->text = text;
    return n;
}

ast_t *ast_type(arena_t *a, int ty, int p1, int p2, loc_t loc)
{
    ast_t *n = ast_new(a, AST_TYPE, loc);
    n->op = ty;
    n->p1 = p1;
    n->p2 = p2;
    return n;
}

ast_t *ast_call(arena_t *a, ast_name_t name, ast_list_t args, bool distinct, loc_t loc)
{
    ast_t *n = ast_new(a, AST_CALL, loc);
    n->name = name;
    n->list = args;
    n->flag = distinct;
    return n;
}

const char *ast_op_name(int op)
{
    static const char *const names[] = {
        [OP_OR] = "OR",  [OP_AND] = "AND", [OP_NOT] = "NOT", [OP_EQ] = "=",  [OP_NE] = "<>",
        [OP_LT] = "<",   [OP_LE] = "<=",   [OP_GT] = ">",    [OP_GE] = ">=", [OP_ADD] = "+",
        [OP_SUB] = "-",  [OP_MUL] = "*",   [OP_DIV] = "/",   [OP_MOD] = "%", [OP_CONCAT] = "||",
        [OP_NEG] = "-",  [OP_PLUS] = "+",
    };
    return op >= 0 && op < (int)(sizeof names / sizeof names[0]) ? names[op] : "?";
}

const char *ast_type_name(int ty)
{
    static const char *const names[] = {
        [TY_BOOLEAN] = "BOOLEAN",     [TY_TINYINT] = "TINYINT",   [TY_SMALLINT] = "SMALLINT",
        [TY_INT] = "INT",             [TY_BIGINT] = "BIGINT",     [TY_FLOAT] = "FLOAT",
        [TY_DOUBLE] = "DOUBLE",       [TY_DECIMAL] = "DECIMAL",   [TY_CHAR] = "CHAR",
        [TY_VARCHAR] = "VARCHAR",     [TY_STRING] = "STRING",     [TY_BINARY] = "BINARY",
        [TY_VARBINARY] = "VARBINARY", [TY_BYTES] = "BYTES",       [TY_DATE] = "DATE",
        [TY_TIME] = "TIME",           [TY_TIMESTAMP] = "TIMESTAMP",
        [TY_TIMESTAMP_LTZ] = "TIMESTAMP_LTZ", [TY_ARRAY] = "ARRAY", [TY_MAP] = "MAP",
        [TY_MULTISET] = "MULTISET",   [TY_ROW] = "ROW",           [TY_NULL] = "NULL",
        [TY_INTERVAL_YM] = "INTERVAL YEAR TO MONTH", [TY_INTERVAL_DT] = "INTERVAL DAY TO SECOND",
        [TY_TIMESTAMP_TZ] = "TIMESTAMP WITH TIME ZONE", [TY_RAW] = "RAW", [TY_VARIANT] = "VARIANT", [TY_BITMAP] = "BITMAP",
    };
    return ty >= 0 && ty < (int)(sizeof names / sizeof names[0]) ? names[ty] : "?";
}

ast_list_t ast_list_prepend(ast_t *n, ast_list_t l)
{
    n->next = l.head;
    l.head = n;
    if (!l.tail)
        l.tail = n;
    l.count++;
    return l;
}

ast_t *ast_create_table(arena_t *a, ast_list_t name, ast_list_t elements, ast_list_t options, loc_t loc)
{
    ast_t *n = ast_new(a, AST_CREATE_TABLE, loc);
    n->name = name.tail->name;
    n->a = name.head;
    n->list = elements;
    n->list2 = options;
    return n;
}

ast_t *ast_clause(arena_t *a, const char *what, loc_t loc)
{
    ast_t *n = ast_new(a, AST_CLAUSE, loc);
    n->text = what;
    return n;
}

ast_t *ast_other(arena_t *a, const char *what, loc_t loc)
{
    ast_t *n = ast_new(a, AST_OTHER_STMT, loc);
    n->text = what;
    return n;
}

ast_t *ast_broken(arena_t *a, loc_t loc)
{
    ast_t *n = ast_other(a, NULL, loc);
    n->broken = true;
    return n;
}

ast_t *ast_drop(arena_t *a, int what, ast_list_t name, bool if_exists, loc_t loc)
{
    ast_t *n = ast_new(a, AST_DROP, loc);
    n->op = what;
    n->list = name;
    n->flag = if_exists;
    return n;
}

ast_t *ast_query(arena_t *a, ast_t *with, ast_t *body, ast_t *tail, loc_t loc)
{
    if (!with && !tail)
        return body;
    ast_t *n = ast_new(a, AST_QUERY, loc);
    n->a = body;
    n->b = with;
    n->c = tail;
    return n;
}

ast_t *ast_with(arena_t *a, ast_list_t ctes, loc_t loc)
{
    ast_t *n = ast_clause(a, "WITH", loc);
    n->list = ctes;
    return n;
}

ast_t *ast_query_tail(arena_t *a, ast_list_t order, ast_t *limit, ast_t *offset, ast_t *fetch, loc_t loc)
{
    ast_t *n = ast_clause(a, order.count ? "ORDER BY" : limit ? "LIMIT" : "FETCH", loc);
    n->list = order;
    n->a = limit;
    n->b = offset;
    n->c = fetch;
    return n;
}

ast_t *ast_setop(arena_t *a, int op, bool all, ast_t *l, ast_t *r, loc_t loc)
{
    ast_t *n = ast_new(a, AST_SETOP, loc);
    n->op = op;
    n->flag = all;
    n->a = l;
    n->b = r;
    return n;
}

void ast_set_alias(ast_t *n, ast_list_t alias)
{
    if (!alias.head)
        return;
    n->name = alias.head->name;
    n->list3 = (ast_list_t){alias.head->next, alias.head->next ? alias.tail : NULL, alias.count - 1};
}

ast_t *ast_join(arena_t *a, int kind, ast_t *l, ast_t *r, ast_t *cond, loc_t loc)
{
    ast_t *n = ast_new(a, AST_JOIN, loc);
    n->op = kind;
    n->a = l;
    n->b = r;
    n->c = cond;
    return n;
}

ast_t *ast_is(arena_t *a, int what, bool negated, ast_t *e, ast_t *other, loc_t loc)
{
    ast_t *n = ast_new(a, AST_IS, loc);
    n->op = what;
    n->flag = negated;
    n->a = e;
    n->b = other;
    return n;
}

ast_t *ast_like(arena_t *a, int similar, bool negated, ast_t *e, ast_t *pattern, ast_t *escape, loc_t loc)
{
    ast_t *n = ast_new(a, AST_LIKE, loc);
    n->op = similar;
    n->flag = negated;
    n->a = e;
    n->b = pattern;
    n->c = escape;
    return n;
}

ast_t *ast_symbol(arena_t *a, const char *text, loc_t loc)
{
    ast_t *n = ast_new(a, AST_SYMBOL, loc);
    n->text = text;
    return n;
}

ast_t *ast_trim(arena_t *a, loc_t kw, const char *where, ast_t *chars, ast_t *s, loc_t loc)
{
    ast_list_t args = ast_list1(ast_symbol(a, where, kw));
    args = ast_list_append(args, chars ? chars : ast_literal(a, LIT_STRING, " ", kw));
    args = ast_list_append(args, s);
    return ast_call(a, (ast_name_t){"TRIM", false, kw}, args, false, loc);
}

ast_t *ast_niladic(arena_t *a, const char *name, loc_t loc)
{
    ast_t *n = ast_call(a, (ast_name_t){name, false, loc}, ast_list_empty(), false, loc);
    n->op2 = 1;
    return n;
}

ast_t *ast_row2(arena_t *a, ast_t *x, ast_t *y, loc_t loc)
{
    ast_t *n = ast_new(a, AST_ROW_CTOR, loc);
    n->list = ast_list_append(ast_list1(x), y);
    return n;
}

ast_t *ast_named_arg(arena_t *a, ast_name_t name, ast_t *value, loc_t loc)
{
    ast_t *n = ast_new(a, AST_NAMED_ARG, loc);
    n->name = name;
    n->a = value;
    return n;
}

ast_t *ast_table_arg(arena_t *a, ast_list_t name, loc_t loc)
{
    ast_t *n = ast_new(a, AST_TABLE_ARG, loc);
    n->list = name;
    return n;
}

ast_t *ast_frame(arena_t *a, int range, ast_t *lower, ast_t *upper, loc_t loc)
{
    ast_t *n = ast_new(a, AST_FRAME, loc);
    n->op = range;
    n->a = lower;
    n->b = upper;
    return n;
}

ast_t *ast_bound(arena_t *a, int kind, ast_t *offset, loc_t loc)
{
    ast_t *n = ast_new(a, AST_BOUND, loc);
    n->op = kind;
    n->a = offset;
    return n;
}

const char *ast_construct_name(const ast_t *n)
{
    static const char *const joins[] = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"};
    switch (n->kind) {
    case AST_SETOP:
        if (n->op == SETOP_UNION)
            return n->flag ? "UNION ALL" : "UNION";
        if (n->op == SETOP_INTERSECT)
            return n->flag ? "INTERSECT ALL" : "INTERSECT";
        return n->flag ? "EXCEPT ALL" : "EXCEPT";
    case AST_JOIN:
        if (n->op2)
            return "a join (FROM a, b)";
        if (n->flag)
            return "NATURAL JOIN";
        return n->op >= 0 && n->op <= JOIN_CROSS ? joins[n->op] : "JOIN";
    case AST_VALUES: return "VALUES";
    case AST_TVF: return n->flag ? "LATERAL TABLE" : "TABLE(...)";
    case AST_UNNEST: return "UNNEST";
    case AST_MATCH_RECOGNIZE: return "MATCH_RECOGNIZE";
    case AST_EXISTS: return "EXISTS (subquery)";
    case AST_SUBQUERY_EXPR: return "a scalar subquery";
    case AST_IN: return n->b ? "IN (subquery)" : "IN";
    case AST_ROW_CTOR: return n->flag ? "a row (a, b, ...)" : "ROW(...)";
    case AST_ARRAY_CTOR: return "ARRAY[...]";
    case AST_MAP_CTOR: return "MAP[...]";
    case AST_ELEMENT: return "element access x[i]";
    case AST_FIELD_ACCESS: return "field access";
    case AST_GROUPING_SETS: return "GROUPING SETS";
    case AST_WINDOW_SPEC: return "OVER";
    case AST_NAMED_ARG: return "a named argument (name => value)";
    case AST_TABLE_ARG: return n->flag ? "a MODEL argument" : "a TABLE argument";
    case AST_SYMBOL: return n->text;
    case AST_LIKE: return n->op ? "SIMILAR TO" : "LIKE";
    case AST_IS:
        if (n->op == IS_DISTINCT_FROM)
            return n->flag ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
        return n->op == IS_JSON ? "IS JSON" : "IS";
    case AST_CAST: return n->flag ? "TRY_CAST" : "CAST";
    case AST_CLAUSE: return n->text;
    default: return "this construct";
    }
}
