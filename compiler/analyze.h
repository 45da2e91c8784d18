/* This file declares what the analyzer's parts share: the analysis context
 * and the catalog functions (catalog.c) used by the query analysis
 * (analyze.c). */
#ifndef SQLKC_ANALYZE_H
#define SQLKC_ANALYZE_H

#include "plan.h"

/* A view, or a WITH item of the query being analyzed. */
typedef struct view {
    const char *name;
    const ast_t *ast; /* AST_CREATE_VIEW or AST_CTE: list=column names, a=query */
    bool expanding;   /* guards against a view that refers to itself */
    bool bad;         /* its query had errors (reported once, where it is defined) */
    bool dropped;     /* DROP VIEW */
    /* A WITH item sees the items of an->ctes from cte_floor up to (not
     * including) cte_index: those visible where it is defined. */
    int cte_floor, cte_index;
} view_t;

typedef struct an {
    arena_t *arena;
    diag_t *diag;
    plan_t *plan;
    view_t **views;
    int nviews, capviews;
    view_t **ctes;       /* WITH items in scope, innermost last */
    int nctes, capctes;
    int cte_floor;       /* the WITH items below this index are not visible (inside a view) */
    const char **functions; /* names of CREATE FUNCTION statements (refused) */
    int nfunctions, capfunctions;
    int captables, capsettings;
    int next_id;
    loc_t minibatch_loc; /* the SET that enabled mini-batch */
    ast_list_t stmts;    /* the script (for the statements that did not parse) */
} an_t;

table_t *table_create(an_t *an, const ast_t *n);
void table_validate_options(an_t *an, table_t *t);
void table_check_supported(an_t *an, table_t *t);
/* avro_confluent.c: the avro-confluent options and a user's schema. */
void check_avro_confluent(an_t *an, table_t *t, const format_t *f);
int table_column(const table_t *t, const char *name);
bool meta_writable(const char *key);

/* settings.c: SET and RESET, and the value of a setting (NULL if unset). */
void an_set(an_t *an, const ast_t *n);
void an_reset(an_t *an, const ast_t *n);
const char *an_setting(an_t *an, const char *key);

/* analyze.c: whether a CREATE FUNCTION declared the name. */
bool an_declared_function(an_t *an, const char *name);

/* analyze.c: types of a computed column and of a WATERMARK expression. */
const type_t *an_computed_column_type(an_t *an, table_t *t, int col);
const type_t *an_watermark_type(an_t *an, table_t *t, const ast_t *e);

#endif
