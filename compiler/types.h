/* This file declares SQL types as the analyzer and the plan see them, with
 * Flink's defaults, display forms and cast rules. */
#ifndef SQLKC_SQL_TYPES_H
#define SQLKC_SQL_TYPES_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"

typedef struct type type_t;
struct type {
    int kind;      /* TY_* from ast.h */
    int p, s;      /* length / precision, scale */
    bool nullable;
    const type_t *elem, *val; /* ARRAY/MULTISET element; MAP key (elem) and value */
    int nfields;              /* ROW */
    const char **names;
    const type_t **fields;
};

#define TY_MAX_LEN 2147483647

const type_t *type_new(arena_t *a, int kind, int p, int s, bool nullable);
const type_t *type_with_null(arena_t *a, const type_t *t, bool nullable);
/* From a syntax-tree type; reports invalid precisions to diag. */
const type_t *type_from_ast(arena_t *a, diag_t *d, const ast_t *n);
/* Flink's summary form: "BIGINT NOT NULL", "STRING", "TIMESTAMP(3)". */
const char *type_str(arena_t *a, const type_t *t);

bool type_is_integer(const type_t *t); /* TINYINT .. BIGINT */
bool type_is_numeric(const type_t *t); /* integers, FLOAT, DOUBLE, DECIMAL */
bool type_is_string(const type_t *t);  /* CHAR, VARCHAR */
bool type_is_binary(const type_t *t);
bool type_is_nested(const type_t *t); /* ARRAY, MAP, MULTISET, ROW */
bool type_equal_ignoring_null(const type_t *a, const type_t *b);
/* Flink's LogicalTypeCasts.supportsImplicitCast (nullability ignored). */
bool type_implicit_cast(const type_t *from, const type_t *to);
/* Whether CAST(from AS to) is allowed at all. */
bool type_explicit_cast(const type_t *from, const type_t *to);
/* Whether this version generates code for CAST(from AS to); the analyzer
 * reports the others as not supported yet. */
bool type_cast_compiled(const type_t *from, const type_t *to);
/* Common type of two numeric types for arithmetic and comparison, or NULL. */
const type_t *type_numeric_common(arena_t *a, const type_t *x, const type_t *y);
/* Least restrictive type of two (CASE, COALESCE, IN), or NULL. */
const type_t *type_common(arena_t *a, const type_t *x, const type_t *y);

#endif
