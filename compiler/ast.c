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
    };
    return ty >= 0 && ty < (int)(sizeof names / sizeof names[0]) ? names[ty] : "?";
}
