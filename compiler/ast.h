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
    AST_CREATE_TABLE, /* name=table, a=name parts (catalog.db.table), list=elements, list2=options,
                         flag=if not exists, flag2=temporary, op2=OR REPLACE, text=comment,
                         b=AS query (CTAS), c=AST_LIKE_CLAUSE, d=DISTRIBUTED BY clause,
                         list3=PARTITIONED BY clause (AST_CLAUSE) */
    AST_CREATE_VIEW,  /* name=view, b=name parts, list=column names (AST_IDENT), a=query,
                         flag=if not exists, flag2=temporary, text=comment, op2=create_head */
    AST_CREATE_FUNCTION, /* name, b=name parts, text=identifier string, text2=LANGUAGE (NULL if
                            none, b_loc its location), flag=if not exists, flag2=temporary,
                            op=SYSTEM, op2=OR REPLACE */
    AST_OTHER_STMT,   /* text=the statement's name (SHOW, ALTER, EXPLAIN, CREATE CATALOG ...);
                         broken: the text (loc) of a statement that did not parse */
    AST_DROP,         /* op=DROP_*, list=name parts, flag=if exists, flag2=temporary */
    AST_USE,          /* list=name parts, op: 0 database, 1 CATALOG, 2 MODULES */
    AST_SET,          /* text=key, text2=value (NULL for a bare SET), b_loc=value,
                         flag=unquoted (Flink 1.12's SET key=value) */
    AST_RESET,        /* text=key (NULL: all) */
    AST_INSERT,       /* name=table, b=name parts, list=column names (AST_IDENT), a=query,
                         flag=overwrite, list2=hints (AST_HINT), c=PARTITION clause,
                         d=ON CONFLICT clause */
    AST_STATEMENT_SET,/* list=inserts */
    AST_QUERY_STMT,   /* a=query: a SELECT outside INSERT */
    /* table elements */
    AST_COLUMN,       /* name, a=type; op=COL_*; b=computed expr; text=metadata key; flag=virtual;
                         text2=comment; flag2=column-level primary key (op2 its opt_not_enforced,
                         b_loc its location) */
    AST_WATERMARK,    /* name=rowtime column, list=its parts (a.b is a nested field), a=expr */
    /* (a UNIQUE constraint is an AST_CLAUSE "UNIQUE"; a column without a type,
       of CREATE TABLE ... AS, an AST_COLUMN with a=NULL) */
    AST_PRIMARY_KEY,  /* list=columns (AST_IDENT), op=0 nothing/1 NOT ENFORCED/2 ENFORCED
                         (b_loc its location), text=constraint name */
    AST_OPTION,       /* text=key, text2=value; loc covers 'k' = 'v', b_loc covers the value */
    AST_LIKE_CLAUSE,  /* LIKE source: list=name parts, list2=AST_LIKE_OPTION */
    AST_LIKE_OPTION,  /* name=INCLUDING/EXCLUDING/OVERWRITING as written, text=what, b_loc */
    /* types */
    AST_TYPE,         /* op=TY_*, p1/p2 precision/scale (-1 unset), list=fields / params,
                         flag=NOT NULL given, flag2=explicit NULL given */
    AST_FIELD,        /* name, a=type, text=description (ROW fields) */
    /* queries */
    AST_QUERY,        /* a=body, b=WITH clause (AST_CLAUSE, list=AST_CTE), c=tail (AST_CLAUSE:
                         list=ORDER BY items, a=LIMIT, b=OFFSET, c=FETCH clauses) */
    AST_CTE,          /* name, list=column names, a=query */
    AST_SELECT,       /* list=items, a=from (NULL: no FROM), b=where, list2=group by, c=having,
                         flag=distinct, list3=hints, d=WINDOW clause (AST_CLAUSE, list=specs) */
    AST_SELECT_ITEM,  /* a=expr, name=alias (s NULL if none) */
    AST_STAR,         /* list=qualifier parts (AST_IDENT) for t.*, empty for * */
    AST_VALUES,       /* list=rows (AST_ROW_CTOR or a single expression) */
    AST_SETOP,        /* op=SETOP_*, a=left, b=right, flag=ALL */
    AST_ORDER_ITEM,   /* a=expr, flag=DESC, op: 0 default, 1 NULLS FIRST, 2 NULLS LAST */
    AST_TABLE_REF,    /* list=name parts (AST_IDENT), name=alias, list3=alias column names,
                         list2=hints (AST_HINT), c=FOR SYSTEM_TIME AS OF clause (a=expr) */
    AST_SUBQUERY,     /* a=query, name=alias, list3=alias columns, flag=LATERAL */
    AST_TVF,          /* TABLE(call): a=AST_CALL, name=alias, list3=alias columns, flag=LATERAL */
    AST_UNNEST,       /* list=exprs, flag=WITH ORDINALITY, name=alias, list3=alias columns */
    AST_MATCH_RECOGNIZE, /* a=input, list=PARTITION BY, list2=ORDER BY, b=pattern, op=ALL ROWS,
                            name=alias, list3=alias columns */
    AST_PATTERN,      /* a MATCH_RECOGNIZE pattern: op '|' ' ' (a, b), '*' '+' '?' '{' (a,
                         flag=reluctant), '-' exclusion (a), 'P' PERMUTE (list), '^' */
    AST_JOIN,         /* a=left, b=right, c=condition or USING clause (AST_CLAUSE, list=columns),
                         op=JOIN_*, flag=NATURAL, op2=written as a comma */
    AST_GROUPING_SETS,/* list=groups */
    AST_WINDOW_SPEC,  /* text=window name referred to (b_loc), name=name it defines (WINDOW
                         clause), list=PARTITION BY, list2=ORDER BY items, a=AST_FRAME */
    AST_FRAME,        /* op: 0 ROWS, 1 RANGE; a=lower bound, b=upper bound (NULL: CURRENT ROW) */
    AST_BOUND,        /* op=BOUND_*, a=offset */
    AST_HINT,         /* name, list=args (AST_OPTION 'k'='v', AST_LITERAL, AST_COLREF) */
    AST_CLAUSE,       /* a clause by name: text=its words (for messages), a/b/c/list its parts */
    /* expressions */
    AST_IDENT,        /* name: one part */
    AST_COLREF,       /* list=parts (AST_IDENT): col, t.col, ... */
    AST_LITERAL,      /* op=LIT_*, text=literal text (strings unescaped); intervals: op2=leading
                         unit, p1=trailing unit, flag=negative, b_loc=the string */
    AST_UNARY,        /* op=OP_NEG/OP_NOT/OP_PLUS, a */
    AST_BINARY,       /* op=OP_*, a, b */
    AST_IS,           /* op=IS_*, flag=NOT, a, b=other operand (IS DISTINCT FROM) */
    AST_BETWEEN,      /* a BETWEEN b AND c, flag=NOT, flag2=SYMMETRIC */
    AST_IN,           /* a IN (list) or a IN (b=query), flag=NOT */
    AST_LIKE,         /* a LIKE b [ESCAPE c], op: 0 LIKE, 1 SIMILAR TO, flag=NOT */
    AST_EXISTS,       /* a=query */
    AST_SUBQUERY_EXPR,/* a=query (a scalar subquery) */
    AST_CASE,         /* a=operand or NULL, list=WHEN nodes, b=else */
    AST_WHEN,         /* a=condition, b=result */
    AST_CAST,         /* a=expr, b=type, flag=TRY_CAST */
    AST_CALL,         /* name=function, a=qualifier parts (cat.db.fn) or NULL, list=args,
                         flag=DISTINCT, flag2=COUNT(*), b=FILTER condition, c=OVER
                         (AST_WINDOW_SPEC), list2=JSON function clauses, op2=written without
                         parentheses (CURRENT_TIMESTAMP) */
    AST_ROW_CTOR,     /* list=fields; flag=written as a parenthesized list (a, b) */
    AST_ARRAY_CTOR,   /* list=elements */
    AST_MAP_CTOR,     /* list=keys and values, alternating */
    AST_ELEMENT,      /* a[b] */
    AST_FIELD_ACCESS, /* a.name where a is not a plain name */
    AST_SYMBOL,       /* a keyword argument: text (DAY, LEADING, ...), a=its value (DEFAULT x) */
    AST_NAMED_ARG,    /* name => a */
    AST_TABLE_ARG,    /* TABLE name (flag: MODEL name): list=name parts */
} ast_kind_t;

enum { COL_PHYSICAL, COL_METADATA, COL_COMPUTED };

enum {
    TY_BOOLEAN, TY_TINYINT, TY_SMALLINT, TY_INT, TY_BIGINT, TY_FLOAT, TY_DOUBLE, TY_DECIMAL,
    TY_CHAR, TY_VARCHAR, TY_STRING, TY_BINARY, TY_VARBINARY, TY_BYTES, TY_DATE, TY_TIME,
    TY_TIMESTAMP, TY_TIMESTAMP_LTZ, TY_ARRAY, TY_MAP, TY_MULTISET, TY_ROW, TY_NULL,
    TY_INTERVAL_YM, TY_INTERVAL_DT,
    /* parsed, never compiled */
    TY_TIMESTAMP_TZ, TY_RAW, TY_VARIANT, TY_BITMAP,
};

enum {
    LIT_INTEGER, LIT_DECIMAL, LIT_APPROX, LIT_STRING, LIT_TRUE, LIT_FALSE, LIT_NULL,
    LIT_DATE, LIT_TIME, LIT_TIMESTAMP, LIT_INTERVAL, LIT_BINARY,
};

enum {
    OP_OR, OP_AND, OP_NOT, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_CONCAT, OP_NEG, OP_PLUS,
};

enum { IS_NULL, IS_TRUE, IS_FALSE, IS_UNKNOWN, IS_DISTINCT_FROM, IS_JSON };
enum { JOIN_INNER, JOIN_LEFT, JOIN_RIGHT, JOIN_FULL, JOIN_CROSS };
enum { UNIT_YEAR, UNIT_MONTH, UNIT_DAY, UNIT_HOUR, UNIT_MINUTE, UNIT_SECOND };
enum { SETOP_UNION, SETOP_INTERSECT, SETOP_EXCEPT };
enum { DROP_TABLE, DROP_VIEW, DROP_FUNCTION, DROP_CATALOG, DROP_DATABASE };
enum { BOUND_UNBOUNDED_PRECEDING, BOUND_PRECEDING, BOUND_CURRENT_ROW, BOUND_FOLLOWING, BOUND_UNBOUNDED_FOLLOWING };

struct ast {
    ast_kind_t kind;
    loc_t loc;
    int op, op2;
    int p1, p2;
    bool flag, flag2;
    bool broken; /* AST_OTHER_STMT: a statement with a syntax error, skipped */
    ast_name_t name;
    const char *text, *text2;
    loc_t b_loc;
    ast_t *a, *b, *c, *d;
    ast_list_t list, list2, list3;
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
ast_list_t ast_list_prepend(ast_t *n, ast_list_t l);
ast_t *ast_create_table(arena_t *a, ast_list_t name, ast_list_t elements, ast_list_t options, loc_t loc);
ast_t *ast_clause(arena_t *a, const char *what, loc_t loc);
ast_t *ast_other(arena_t *a, const char *what, loc_t loc);
/* what error recovery skipped: a statement with a syntax error */
ast_t *ast_broken(arena_t *a, loc_t loc);
ast_t *ast_drop(arena_t *a, int what, ast_list_t name, bool if_exists, loc_t loc);
/* body with its WITH clause and tail, or body alone when it has neither */
ast_t *ast_query(arena_t *a, ast_t *with, ast_t *body, ast_t *tail, loc_t loc);
ast_t *ast_with(arena_t *a, ast_list_t ctes, loc_t loc);
ast_t *ast_query_tail(arena_t *a, ast_list_t order, ast_t *limit, ast_t *offset, ast_t *fetch, loc_t loc);
ast_t *ast_setop(arena_t *a, int op, bool all, ast_t *l, ast_t *r, loc_t loc);
/* alias: [name, columns...] as opt_alias_cols returns it */
void ast_set_alias(ast_t *n, ast_list_t alias);
ast_t *ast_join(arena_t *a, int kind, ast_t *l, ast_t *r, ast_t *cond, loc_t loc);
ast_t *ast_is(arena_t *a, int what, bool negated, ast_t *e, ast_t *other, loc_t loc);
ast_t *ast_like(arena_t *a, int similar, bool negated, ast_t *e, ast_t *pattern, ast_t *escape, loc_t loc);
ast_t *ast_symbol(arena_t *a, const char *text, loc_t loc);
/* TRIM(where chars FROM s) as the call TRIM(where, chars, s); chars NULL for ' ' */
ast_t *ast_trim(arena_t *a, loc_t kw, const char *where, ast_t *chars, ast_t *s, loc_t loc);
/* CURRENT_TIMESTAMP and the other functions written without parentheses */
ast_t *ast_niladic(arena_t *a, const char *name, loc_t loc);
ast_t *ast_row2(arena_t *a, ast_t *x, ast_t *y, loc_t loc);
ast_t *ast_named_arg(arena_t *a, ast_name_t name, ast_t *value, loc_t loc);
ast_t *ast_table_arg(arena_t *a, ast_list_t name, loc_t loc);
ast_t *ast_frame(arena_t *a, int range, ast_t *lower, ast_t *upper, loc_t loc);
ast_t *ast_bound(arena_t *a, int kind, ast_t *offset, loc_t loc);
/* What a node is, as a user would name it ("UNION ALL", "LEFT JOIN", ...) */
const char *ast_construct_name(const ast_t *n);

const char *ast_op_name(int op);
const char *ast_type_name(int ty);

#endif
