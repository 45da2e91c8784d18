/* This file declares what the analyzer's parts share: the analysis context
 * and the catalog functions (catalog.c) used by the query analysis
 * (analyze.c). */
#ifndef SQLKC_ANALYZE_H
#define SQLKC_ANALYZE_H

#include "plan.h"

typedef struct view {
    const char *name;
    const ast_t *ast; /* AST_CREATE_VIEW */
    bool expanding;   /* guards against a view that refers to itself */
} view_t;

typedef struct an {
    arena_t *arena;
    diag_t *diag;
    plan_t *plan;
    view_t *views;
    int nviews, capviews;
    int next_id;
    loc_t minibatch_loc; /* the SET that enabled mini-batch */
} an_t;

table_t *table_create(an_t *an, const ast_t *n);
void table_validate_options(an_t *an, table_t *t);
void table_check_supported(an_t *an, table_t *t);
/* avro_confluent.c: the avro-confluent options and a user's schema. */
void check_avro_confluent(an_t *an, table_t *t, const format_t *f);
int table_column(const table_t *t, const char *name);
bool meta_writable(const char *key);

/* analyze.c: types of a computed column and of a WATERMARK expression. */
const type_t *an_computed_column_type(an_t *an, table_t *t, int col);
const type_t *an_watermark_type(an_t *an, table_t *t, const ast_t *e);

#endif
