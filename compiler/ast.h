/* This file declares the raw syntax tree: what was written, names as written,
 * a byte-range location on every node. The grammar builds it through the
 * ast_* constructors and never looks anything up; analyze.c gives it meaning. */
#ifndef SQLKC_AST_H
#define SQLKC_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

typedef struct ast ast_t;

/* A singly linked list of nodes (through ast_t.next). */
typedef struct ast_list {
    ast_t *head, *tail;
    int count;
} ast_list_t;

/* An identifier as written: text unquoted, and whether it was backquoted. */
typedef struct ast_name {
    const char *s;
    bool quoted;
    loc_t loc;
} ast_name_t;

typedef enum ast_kind {
    /* statements */
    AST_CREATE_TABLE, /* name=table, list=elements, list2=options, flag=if not exists, flag2=temporary, text=comment */
    AST_CREATE_VIEW,  /* name=view, list=column names (AST_IDENT), a=query, flag2=temporary */
    AST_SET,          /* text=key, text2=value (NULL for a bare SET) */
    AST_INSERT,       /* name=table, list=column names (AST_IDENT), a=query, flag=overwrite */
    AST_STATEMENT_SET,/* list=inserts */
    /* table elements */
    AST_COLUMN,       /* name, a=type; op=COL_*; b=computed expr; text=metadata key; flag=virtual;
                         text2=comment; flag2=column-level primary key */
    AST_WATERMARK,    /* name=rowtime column (a dotted path is not supported), a=expr */
    AST_PRIMARY_KEY,  /* list=columns (AST_IDENT), flag=NOT ENFORCED given, text=constraint name */
    AST_OPTION,       /* text=key, text2=value; loc covers 'k' = 'v', b_loc covers the value */
    /* types */
    AST_TYPE,         /* op=TY_*, p1/p2 precision/scale (-1 unset), list=fields / params,
                         flag=NOT NULL given, flag2=explicit NULL given */
    AST_FIELD,        /* name, a=type, text=description (ROW fields) */
    /* queries */
    AST_SELECT,       /* list=items, a=from, b=where, list2=group by, c=having, flag=distinct */
    AST_SELECT_ITEM,  /* a=expr, name=alias (s NULL if none) */
    AST_STAR,         /* list=qualifier parts (AST_IDENT) for t.*, empty for * */
    AST_TABLE_REF,    /* list=name parts (AST_IDENT), name=alias */
    AST_SUBQUERY,     /* a=query, name=alias */
    AST_JOIN,         /* a=left, b=right, c=condition, op=JOIN_* */
    AST_UNION,        /* a=left, b=right, flag=ALL */
    /* expressions */
    AST_IDENT,        /* name: one part */
    AST_COLREF,       /* list=parts (AST_IDENT): col, t.col, ... */
    AST_LITERAL,      /* op=LIT_*, text=literal text (strings unescaped), op2=interval unit(s) */
    AST_UNARY,        /* op=OP_NEG/OP_NOT/OP_PLUS, a */
    AST_BINARY,       /* op=OP_*, a, b */
    AST_IS,           /* op=IS_NULL/IS_TRUE/IS_FALSE/IS_UNKNOWN, flag=NOT, a */
    AST_BETWEEN,      /* a BETWEEN b AND c, flag=NOT, flag2=SYMMETRIC */
    AST_IN,           /* a IN (list), flag=NOT */
    AST_LIKE,         /* a LIKE b [ESCAPE c], flag=NOT */
    AST_CASE,         /* a=operand or NULL, list=WHEN nodes, b=else */
    AST_WHEN,         /* a=condition, b=result */
    AST_CAST,         /* a=expr, b=type, flag=TRY_CAST */
    AST_CALL,         /* name=function, list=args, flag=DISTINCT, flag2=COUNT(*), b=FILTER condition */
} ast_kind_t;

enum { COL_PHYSICAL, COL_METADATA, COL_COMPUTED };

enum {
    TY_BOOLEAN, TY_TINYINT, TY_SMALLINT, TY_INT, TY_BIGINT, TY_FLOAT, TY_DOUBLE, TY_DECIMAL,
    TY_CHAR, TY_VARCHAR, TY_STRING, TY_BINARY, TY_VARBINARY, TY_BYTES, TY_DATE, TY_TIME,
    TY_TIMESTAMP, TY_TIMESTAMP_LTZ, TY_ARRAY, TY_MAP, TY_MULTISET, TY_ROW, TY_NULL,
    TY_INTERVAL_YM, TY_INTERVAL_DT,
};

enum {
    LIT_INTEGER, LIT_DECIMAL, LIT_APPROX, LIT_STRING, LIT_TRUE, LIT_FALSE, LIT_NULL,
    LIT_DATE, LIT_TIME, LIT_TIMESTAMP, LIT_INTERVAL, LIT_BINARY,
};

enum {
    OP_OR, OP_AND, OP_NOT, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_CONCAT, OP_NEG, OP_PLUS,
};

enum { IS_NULL, IS_TRUE, IS_FALSE, IS_UNKNOWN };
enum { JOIN_INNER, JOIN_LEFT, JOIN_RIGHT, JOIN_FULL, JOIN_CROSS };
enum { UNIT_YEAR, UNIT_MONTH, UNIT_DAY, UNIT_HOUR, UNIT_MINUTE, UNIT_SECOND };

struct ast {
    ast_kind_t kind;
    loc_t loc;
    int op, op2;
    int p1, p2;
    bool flag, flag2;
    ast_name_t name;
    const char *text, *text2;
    loc_t b_loc;
    ast_t *a, *b, *c;
    ast_list_t list, list2;
    ast_t *next;
};

/* Parses a whole script. Syntax errors go to diag; returns the statements
 * parsed (possibly partial when there were errors). */
ast_list_t ast_parse(arena_t *arena, diag_t *diag);

/* constructors used by the grammar */
ast_t *ast_new(arena_t *a, ast_kind_t kind, loc_t loc);
ast_list_t ast_list1(ast_t *n);
ast_list_t ast_list_append(ast_list_t l, ast_t *n);
ast_list_t ast_list_empty(void);
ast_t *ast_ident(arena_t *a, ast_name_t name);
ast_t *ast_binary(arena_t *a, int op, ast_t *l, ast_t *r, loc_t loc);
ast_t *ast_unary(arena_t *a, int op, ast_t *e, loc_t loc);
ast_t *ast_literal(arena_t *a, int lit, const char *text, loc_t loc);
ast_t *ast_type(arena_t *a, int ty, int p1, int p2, loc_t loc);
ast_t *ast_call(arena_t *a, ast_name_t name, ast_list_t args, bool distinct, loc_t loc);

const char *ast_op_name(int op);
const char *ast_type_name(int ty);

#endif
