/* This file is the grammar of the Flink SQL that sqlkc reads: CREATE TABLE,
 * CREATE VIEW, SET, INSERT INTO ... SELECT and EXECUTE STATEMENT SET. Actions
 * only build AST nodes with their locations (one ast_* constructor per rule);
 * nothing is looked up here. Pure, reentrant, %expect 0: conflicts are fixed
 * with precedence, never by raising %expect. */
%require "3.7"
%define api.pure full
%define api.prefix {sql_yy}
%define api.location.type {loc_t}
%define lr.type ielr
%define parse.error custom
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct lex_state *ls}

%code requires {
#include "ast.h"
#include "diag.h"
struct lex_state;
typedef void *yyscan_t;
}

%code provides {
int sql_yylex(SQL_YYSTYPE *lval, loc_t *lloc, yyscan_t scanner);
}

%code {
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                       \
    do {                                                  \
        if (N) {                                          \
            (Cur).begin = YYRHSLOC(Rhs, 1).begin;         \
            (Cur).end = YYRHSLOC(Rhs, N).end;             \
        } else {                                          \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end; \
        }                                                 \
    } while (0)

#define A (ls->arena)

static void sql_yyerror(loc_t *loc, yyscan_t scanner, struct lex_state *ls, const char *msg)
{
    (void)scanner;
    /* bison's only other message: its stack (YYMAXDEPTH) ran out */
    if (strcmp(msg, "memory exhausted") == 0)
        msg = "nesting too deep for the parser";
    diag_error(ls->diag, *loc, "%s", msg);
}

/* A type's length or precision: Calcite's parser refuses a literal beyond
 * INT_MAX ("out of range"), where atoi would wrap it into a valid-looking
 * number. -1 (unspecified) after the error, so no second one follows. */
static int type_arg(struct lex_state *ls, const char *text, loc_t loc)
{
    errno = 0;
    long v = strtol(text, NULL, 10);
    if (errno == ERANGE || v > INT_MAX) {
        diag_error(ls->diag, loc, "Numeric literal '%s' out of range", text);
        return -1;
    }
    return (int)v;
}

static ast_name_t kw_name(const char *text, loc_t loc)
{
    return (ast_name_t){text, false, loc};
}
}

%union {
    ast_t *node;
    ast_list_t list;
    ast_name_t name;
    const char *str;
    int ival;
}

%token <name> IDENT "identifier"
%token <str> STRING_LIT "string literal" INTEGER_LIT "integer literal"
%token <str> DECIMAL_LIT "decimal literal" APPROX_LIT "approximate numeric literal"
%token <str> BINARY_LIT "binary literal"
%token <str> LEX_ERROR "invalid token"
%token NE "<>" LE "<=" GE ">=" CONCAT "||"

%token <str> K_ALL "ALL" K_AND "AND" K_ARRAY "ARRAY" K_AS "AS" K_ASYMMETRIC "ASYMMETRIC"
%token <str> K_BEGIN "BEGIN" K_BETWEEN "BETWEEN" K_BIGINT "BIGINT" K_BINARY "BINARY"
%token <str> K_BOOLEAN "BOOLEAN" K_BY "BY" K_BYTES "BYTES" K_CASE "CASE" K_CAST "CAST"
%token <str> K_CHAR "CHAR" K_CHARACTER "CHARACTER" K_COMMENT "COMMENT"
%token <str> K_CONSTRAINT "CONSTRAINT" K_CREATE "CREATE" K_CROSS "CROSS" K_DATE "DATE"
%token <str> K_DAY "DAY" K_DEC "DEC" K_DECIMAL "DECIMAL" K_DISTINCT "DISTINCT"
%token <str> K_DOUBLE "DOUBLE" K_ELSE "ELSE" K_END "END" K_ENFORCED "ENFORCED"
%token <str> K_ESCAPE "ESCAPE" K_EXECUTE "EXECUTE" K_EXISTS "EXISTS" K_FALSE "FALSE"
%token <str> K_FILTER "FILTER" K_FLOAT "FLOAT" K_FOR "FOR" K_FROM "FROM" K_FULL "FULL"
%token <str> K_GROUP "GROUP" K_HAVING "HAVING" K_HOUR "HOUR" K_IF "IF" K_IN "IN"
%token <str> K_INNER "INNER" K_INSERT "INSERT" K_INT "INT" K_INTEGER "INTEGER"
%token <str> K_INTERVAL "INTERVAL" K_INTO "INTO" K_IS "IS" K_JOIN "JOIN" K_KEY "KEY"
%token <str> K_LEFT "LEFT" K_LIKE "LIKE" K_LIMIT "LIMIT" K_LOCAL "LOCAL" K_MAP "MAP"
%token <str> K_METADATA "METADATA" K_MINUTE "MINUTE" K_MONTH "MONTH" K_MULTISET "MULTISET"
%token <str> K_NOT "NOT" K_NULL "NULL" K_NUMERIC "NUMERIC" K_OFFSET "OFFSET" K_ON "ON"
%token <str> K_OR "OR" K_ORDER "ORDER" K_OUTER "OUTER" K_OVERWRITE "OVERWRITE"
%token <str> K_PRECISION "PRECISION" K_PRIMARY "PRIMARY" K_REAL "REAL" K_RIGHT "RIGHT"
%token <str> K_ROW "ROW" K_SECOND "SECOND" K_SELECT "SELECT" K_SET "SET"
%token <str> K_SMALLINT "SMALLINT" K_STATEMENT "STATEMENT" K_STRING "STRING"
%token <str> K_SYMMETRIC "SYMMETRIC" K_TABLE "TABLE" K_TEMPORARY "TEMPORARY" K_THEN "THEN"
%token <str> K_TIME "TIME" K_TIMESTAMP "TIMESTAMP" K_TIMESTAMP_LTZ "TIMESTAMP_LTZ"
%token <str> K_TINYINT "TINYINT" K_TO "TO" K_TRUE "TRUE" K_UNION "UNION"
%token <str> K_UNKNOWN "UNKNOWN" K_VALUE "VALUE" K_VARBINARY "VARBINARY"
%token <str> K_VARCHAR "VARCHAR" K_VIEW "VIEW" K_VIRTUAL "VIRTUAL" K_WATERMARK "WATERMARK"
%token <str> K_WHEN "WHEN" K_WHERE "WHERE" K_WITH "WITH" K_WITHOUT "WITHOUT" K_YEAR "YEAR"
%token <str> K_ZONE "ZONE"


%left K_OR
%left K_AND
%right K_NOT
%precedence K_IS
%nonassoc '=' NE '<' '>' LE GE K_BETWEEN K_IN K_LIKE
%left '+' '-' CONCAT
%left '*' '/' '%'
%precedence UMINUS

%type <node> stmt create_table create_view set_stmt insert_stmt statement_set
%type <node> table_element column_def option type simple_type row_field query select
%type <node> from_list from_item table_primary between_tail expr bexpr primary literal interval_literal case_expr when_clause
%type <node> select_item opt_where opt_having opt_else call opt_filter
%type <list> stmts table_elements options opt_with ident_list select_list opt_group_by
%type <list> expr_list when_list row_fields inserts compound_name opt_column_list
%type <name> ident opt_alias
%type <str> unreserved_keyword opt_comment opt_metadata_key
%type <ival> opt_if_not_exists opt_temporary opt_distinct opt_not_null join_type opt_not
%type <ival> interval_unit opt_precision opt_virtual opt_ltz opt_overwrite opt_not_enforced opt_column_pk

%start script

%%

script:
    stmts                        { ls->result = $1; }
  | stmts stmt                   { ls->result = ast_list_append($1, $2); }
  ;

stmts:
    %empty                       { $$ = ast_list_empty(); }
  | stmts ';'                    { $$ = $1; }
  | stmts stmt ';'               { $$ = ast_list_append($1, $2); }
  | stmts error ';'              { $$ = $1; yyerrok; }
  ;

stmt:
    create_table | create_view | set_stmt | insert_stmt | statement_set ;

/* ---------------------------------------------------------------- CREATE TABLE */

create_table:
    K_CREATE opt_temporary K_TABLE opt_if_not_exists compound_name '(' table_elements ')'
    opt_comment opt_with
        {
            $$ = ast_new(A, AST_CREATE_TABLE, @$);
            $$->name = $5.tail->name;
            $$->list = $7;
            $$->list2 = $10;
            $$->flag = $4;
            $$->flag2 = $2;
            $$->text = $9;
            $$->a = $5.head;
        }
  ;

opt_temporary: %empty { $$ = 0; } | K_TEMPORARY { $$ = 1; } ;
opt_if_not_exists: %empty { $$ = 0; } | K_IF K_NOT K_EXISTS { $$ = 1; } ;
opt_comment: %empty { $$ = NULL; } | K_COMMENT STRING_LIT { $$ = $2; } ;
opt_with: %empty { $$ = ast_list_empty(); } | K_WITH '(' options ')' { $$ = $3; } ;

compound_name:
    ident                        { $$ = ast_list1(ast_ident(A, $1)); }
  | compound_name '.' ident      { $$ = ast_list_append($1, ast_ident(A, $3)); }
  ;

table_elements:
    table_element                      { $$ = ast_list1($1); }
  | table_elements ',' table_element   { $$ = ast_list_append($1, $3); }
  ;

table_element:
    column_def
  | K_WATERMARK K_FOR ident K_AS expr
        { $$ = ast_new(A, AST_WATERMARK, @$); $$->name = $3; $$->a = $5; }
  | K_PRIMARY K_KEY '(' ident_list ')' opt_not_enforced
        { $$ = ast_new(A, AST_PRIMARY_KEY, @$); $$->list = $4; $$->op = $6; $$->b_loc = @6; }
  | K_CONSTRAINT ident K_PRIMARY K_KEY '(' ident_list ')' opt_not_enforced
        { $$ = ast_new(A, AST_PRIMARY_KEY, @$); $$->list = $6; $$->text = $2.s; $$->op = $8; $$->b_loc = @8; }
  ;

/* 0: nothing written, 1: NOT ENFORCED, 2: ENFORCED */
opt_not_enforced:
    %empty                       { $$ = 0; }
  | K_NOT K_ENFORCED             { $$ = 1; }
  | K_ENFORCED                   { $$ = 2; }
  ;

column_def:
    ident type opt_column_pk opt_comment
        {
            $$ = ast_new(A, AST_COLUMN, @$);
            $$->name = $1; $$->a = $2; $$->op = COL_PHYSICAL; $$->text2 = $4;
            $$->flag2 = $3 >= 0; $$->op2 = $3;
            $$->b_loc = @3;
        }
  | ident type K_METADATA opt_metadata_key opt_virtual opt_comment
        {
            $$ = ast_new(A, AST_COLUMN, @$);
            $$->name = $1; $$->a = $2; $$->op = COL_METADATA; $$->text = $4; $$->flag = $5;
            $$->text2 = $6;
        }
  | ident K_AS expr opt_comment
        {
            $$ = ast_new(A, AST_COLUMN, @$);
            $$->name = $1; $$->b = $3; $$->op = COL_COMPUTED; $$->text2 = $4;
        }
  ;

opt_column_pk:
    %empty                       { $$ = -1; }
  | K_PRIMARY K_KEY opt_not_enforced { $$ = $3; }
  ;

opt_metadata_key: %empty { $$ = NULL; } | K_FROM STRING_LIT { $$ = $2; } ;
opt_virtual: %empty { $$ = 0; } | K_VIRTUAL { $$ = 1; } ;

options:
    option                       { $$ = ast_list1($1); }
  | options ',' option           { $$ = ast_list_append($1, $3); }
  ;

option:
    STRING_LIT '=' STRING_LIT
        { $$ = ast_new(A, AST_OPTION, @$); $$->text = $1; $$->text2 = $3; $$->b_loc = @3; $$->c = NULL; }
  ;

/* ---------------------------------------------------------------- types */

type:
    simple_type opt_not_null     { $$ = $1; $$->flag = $2 == 1; $$->flag2 = $2 == 2; if ($2) $$->loc = @$; }
  ;

opt_not_null: %empty { $$ = 0; } | K_NOT K_NULL { $$ = 1; } | K_NULL { $$ = 2; } ;

opt_precision:
    %empty                       { $$ = -1; }
  | '(' INTEGER_LIT ')'          { $$ = type_arg(ls, $2, @2); }
  ;

simple_type:
    K_BOOLEAN                    { $$ = ast_type(A, TY_BOOLEAN, -1, -1, @$); }
  | K_TINYINT                    { $$ = ast_type(A, TY_TINYINT, -1, -1, @$); }
  | K_SMALLINT                   { $$ = ast_type(A, TY_SMALLINT, -1, -1, @$); }
  | K_INT                        { $$ = ast_type(A, TY_INT, -1, -1, @$); }
  | K_INTEGER                    { $$ = ast_type(A, TY_INT, -1, -1, @$); }
  | K_BIGINT                     { $$ = ast_type(A, TY_BIGINT, -1, -1, @$); }
  | K_FLOAT                      { $$ = ast_type(A, TY_FLOAT, -1, -1, @$); }
  | K_REAL                       { $$ = ast_type(A, TY_FLOAT, -1, -1, @$); }
  | K_DOUBLE                     { $$ = ast_type(A, TY_DOUBLE, -1, -1, @$); }
  | K_DOUBLE K_PRECISION         { $$ = ast_type(A, TY_DOUBLE, -1, -1, @$); }
  | decimal_kw                   { $$ = ast_type(A, TY_DECIMAL, -1, -1, @$); }
  | decimal_kw '(' INTEGER_LIT ')'
                                 { $$ = ast_type(A, TY_DECIMAL, type_arg(ls, $3, @3), -1, @$); }
  | decimal_kw '(' INTEGER_LIT ',' INTEGER_LIT ')'
        { $$ = ast_type(A, TY_DECIMAL, type_arg(ls, $3, @3), type_arg(ls, $5, @5), @$); }
  | char_kw opt_precision        { $$ = ast_type(A, TY_CHAR, $2, -1, @$); }
  | K_VARCHAR opt_precision      { $$ = ast_type(A, TY_VARCHAR, $2, -1, @$); }
  | K_STRING                     { $$ = ast_type(A, TY_STRING, -1, -1, @$); }
  | K_BINARY opt_precision       { $$ = ast_type(A, TY_BINARY, $2, -1, @$); }
  | K_VARBINARY opt_precision    { $$ = ast_type(A, TY_VARBINARY, $2, -1, @$); }
  | K_BYTES                      { $$ = ast_type(A, TY_BYTES, -1, -1, @$); }
  | K_DATE                       { $$ = ast_type(A, TY_DATE, -1, -1, @$); }
  | K_TIME opt_precision opt_without_tz
                                 { $$ = ast_type(A, TY_TIME, $2, -1, @$); }
  | K_TIMESTAMP opt_precision opt_ltz
                                 { $$ = ast_type(A, $3 ? TY_TIMESTAMP_LTZ : TY_TIMESTAMP, $2, -1, @$); }
  | K_TIMESTAMP_LTZ opt_precision
                                 { $$ = ast_type(A, TY_TIMESTAMP_LTZ, $2, -1, @$); }
  | K_ARRAY '<' type '>'         { $$ = ast_type(A, TY_ARRAY, -1, -1, @$); $$->list = ast_list1($3); }
  | K_MULTISET '<' type '>'      { $$ = ast_type(A, TY_MULTISET, -1, -1, @$); $$->list = ast_list1($3); }
  | K_MAP '<' type ',' type '>'
        { $$ = ast_type(A, TY_MAP, -1, -1, @$); $$->list = ast_list_append(ast_list1($3), $5); }
  | K_ROW '<' row_fields '>'     { $$ = ast_type(A, TY_ROW, -1, -1, @$); $$->list = $3; }
  | K_ROW '(' row_fields ')'     { $$ = ast_type(A, TY_ROW, -1, -1, @$); $$->list = $3; }
  ;

decimal_kw: K_DECIMAL | K_DEC | K_NUMERIC ;
char_kw: K_CHAR | K_CHARACTER ;

opt_without_tz: %empty | K_WITHOUT K_TIME K_ZONE ;

opt_ltz:
    %empty                       { $$ = 0; }
  | K_WITHOUT K_TIME K_ZONE      { $$ = 0; }
  | K_WITH K_LOCAL K_TIME K_ZONE { $$ = 1; }
  ;

row_fields:
    row_field                    { $$ = ast_list1($1); }
  | row_fields ',' row_field     { $$ = ast_list_append($1, $3); }
  ;

row_field:
    ident type                   { $$ = ast_new(A, AST_FIELD, @$); $$->name = $1; $$->a = $2; }
  | ident type STRING_LIT        { $$ = ast_new(A, AST_FIELD, @$); $$->name = $1; $$->a = $2; $$->text = $3; }
  ;

/* ---------------------------------------------------------------- other statements */

create_view:
    K_CREATE opt_temporary K_VIEW opt_if_not_exists compound_name opt_column_list K_AS query
        {
            $$ = ast_new(A, AST_CREATE_VIEW, @$);
            $$->name = $5.tail->name; $$->list = $6; $$->a = $8; $$->flag2 = $2; $$->flag = $4;
        }
  ;

opt_column_list:
    %empty                       { $$ = ast_list_empty(); }
  | '(' ident_list ')'           { $$ = $2; }
  ;

set_stmt:
    K_SET STRING_LIT '=' STRING_LIT
        { $$ = ast_new(A, AST_SET, @$); $$->text = $2; $$->text2 = $4; $$->b_loc = @4; }
  | K_SET                        { $$ = ast_new(A, AST_SET, @$); }
  ;

insert_stmt:
    K_INSERT opt_overwrite compound_name query
        { $$ = ast_new(A, AST_INSERT, @$); $$->name = $3.tail->name; $$->a = $4; $$->flag = $2; $$->b = $3.head; }
  | K_INSERT opt_overwrite compound_name '(' ident_list ')' query
        {
            $$ = ast_new(A, AST_INSERT, @$);
            $$->name = $3.tail->name; $$->list = $5; $$->a = $7; $$->flag = $2; $$->b = $3.head;
        }
  ;

opt_overwrite: K_INTO { $$ = 0; } | K_OVERWRITE { $$ = 1; } ;

statement_set:
    K_EXECUTE K_STATEMENT K_SET K_BEGIN inserts K_END
        { $$ = ast_new(A, AST_STATEMENT_SET, @$); $$->list = $5; }
  ;

inserts:
    insert_stmt ';'              { $$ = ast_list1($1); }
  | inserts insert_stmt ';'      { $$ = ast_list_append($1, $2); }
  ;

/* ---------------------------------------------------------------- queries */

query:
    select
  | query K_UNION K_ALL select   { $$ = ast_new(A, AST_UNION, @$); $$->a = $1; $$->b = $4; $$->flag = 1; }
  | query K_UNION select         { $$ = ast_new(A, AST_UNION, @$); $$->a = $1; $$->b = $3; }
  ;

select:
    K_SELECT opt_distinct select_list K_FROM from_list opt_where opt_group_by opt_having
        {
            $$ = ast_new(A, AST_SELECT, @$);
            $$->flag = $2; $$->list = $3; $$->a = $5; $$->b = $6; $$->list2 = $7; $$->c = $8;
        }
  ;

opt_distinct: %empty { $$ = 0; } | K_ALL { $$ = 0; } | K_DISTINCT { $$ = 1; } ;

select_list:
    select_item                  { $$ = ast_list1($1); }
  | select_list ',' select_item  { $$ = ast_list_append($1, $3); }
  ;

select_item:
    expr opt_alias               { $$ = ast_new(A, AST_SELECT_ITEM, @$); $$->a = $1; $$->name = $2; }
  | '*'                          { $$ = ast_new(A, AST_STAR, @$); }
  | compound_name '.' '*'        { $$ = ast_new(A, AST_STAR, @$); $$->list = $1; }
  ;

opt_alias:
    %empty                       { $$ = (ast_name_t){NULL, false, @$}; }
  | K_AS ident                   { $$ = $2; }
  | ident                        { $$ = $1; }
  ;

from_list:
    from_item
  | from_list ',' from_item
        { $$ = ast_new(A, AST_JOIN, @$); $$->a = $1; $$->b = $3; $$->op = JOIN_CROSS; }
  ;

from_item:
    table_primary
  | from_item join_type K_JOIN table_primary K_ON expr
        { $$ = ast_new(A, AST_JOIN, @$); $$->a = $1; $$->b = $4; $$->c = $6; $$->op = $2; }
  | from_item K_CROSS K_JOIN table_primary
        { $$ = ast_new(A, AST_JOIN, @$); $$->a = $1; $$->b = $4; $$->op = JOIN_CROSS; }
  ;

table_primary:
    compound_name opt_alias
        { $$ = ast_new(A, AST_TABLE_REF, @$); $$->list = $1; $$->name = $2; }
  | '(' query ')' opt_alias
        { $$ = ast_new(A, AST_SUBQUERY, @$); $$->a = $2; $$->name = $4; }
  ;

join_type:
    %empty                       { $$ = JOIN_INNER; }
  | K_INNER                      { $$ = JOIN_INNER; }
  | K_LEFT opt_outer             { $$ = JOIN_LEFT; }
  | K_RIGHT opt_outer            { $$ = JOIN_RIGHT; }
  | K_FULL opt_outer             { $$ = JOIN_FULL; }
  ;

opt_outer: %empty | K_OUTER ;

opt_where: %empty { $$ = NULL; } | K_WHERE expr { $$ = $2; } ;
opt_group_by: %empty { $$ = ast_list_empty(); } | K_GROUP K_BY expr_list { $$ = $3; } ;
opt_having: %empty { $$ = NULL; } | K_HAVING expr { $$ = $2; } ;

/* ---------------------------------------------------------------- expressions */

expr_list:
    expr                         { $$ = ast_list1($1); }
  | expr_list ',' expr           { $$ = ast_list_append($1, $3); }
  ;

expr:
    expr K_OR expr               { $$ = ast_binary(A, OP_OR, $1, $3, @$); }
  | expr K_AND expr              { $$ = ast_binary(A, OP_AND, $1, $3, @$); }
  | K_NOT expr                   { $$ = ast_unary(A, OP_NOT, $2, @$); }
  | expr K_IS opt_not K_NULL     { $$ = ast_new(A, AST_IS, @$); $$->a = $1; $$->op = IS_NULL; $$->flag = $3; }
  | expr K_IS opt_not K_TRUE     { $$ = ast_new(A, AST_IS, @$); $$->a = $1; $$->op = IS_TRUE; $$->flag = $3; }
  | expr K_IS opt_not K_FALSE    { $$ = ast_new(A, AST_IS, @$); $$->a = $1; $$->op = IS_FALSE; $$->flag = $3; }
  | expr K_IS opt_not K_UNKNOWN  { $$ = ast_new(A, AST_IS, @$); $$->a = $1; $$->op = IS_UNKNOWN; $$->flag = $3; }
  | expr '=' expr                { $$ = ast_binary(A, OP_EQ, $1, $3, @$); }
  | expr NE expr                 { $$ = ast_binary(A, OP_NE, $1, $3, @$); }
  | expr '<' expr                { $$ = ast_binary(A, OP_LT, $1, $3, @$); }
  | expr LE expr                 { $$ = ast_binary(A, OP_LE, $1, $3, @$); }
  | expr '>' expr                { $$ = ast_binary(A, OP_GT, $1, $3, @$); }
  | expr GE expr                 { $$ = ast_binary(A, OP_GE, $1, $3, @$); }
  | expr K_BETWEEN between_tail %prec K_BETWEEN
        { $$ = $3; $$->loc = @$; $$->a = $1; }
  | expr K_NOT K_BETWEEN between_tail %prec K_BETWEEN
        { $$ = $4; $$->loc = @$; $$->a = $1; $$->flag = 1; }
  | expr K_IN '(' expr_list ')' %prec K_IN
        { $$ = ast_new(A, AST_IN, @$); $$->a = $1; $$->list = $4; }
  | expr K_NOT K_IN '(' expr_list ')' %prec K_IN
        { $$ = ast_new(A, AST_IN, @$); $$->a = $1; $$->list = $5; $$->flag = 1; }
  | expr K_LIKE bexpr %prec K_LIKE
        { $$ = ast_new(A, AST_LIKE, @$); $$->a = $1; $$->b = $3; }
  | expr K_LIKE bexpr K_ESCAPE bexpr %prec K_LIKE
        { $$ = ast_new(A, AST_LIKE, @$); $$->a = $1; $$->b = $3; $$->c = $5; }
  | expr K_NOT K_LIKE bexpr %prec K_LIKE
        { $$ = ast_new(A, AST_LIKE, @$); $$->a = $1; $$->b = $4; $$->flag = 1; }
  | expr K_NOT K_LIKE bexpr K_ESCAPE bexpr %prec K_LIKE
        { $$ = ast_new(A, AST_LIKE, @$); $$->a = $1; $$->b = $4; $$->c = $6; $$->flag = 1; }
  | bexpr
  ;

opt_not: %empty { $$ = 0; } | K_NOT { $$ = 1; } ;

between_tail:
    bexpr K_AND bexpr
        { $$ = ast_new(A, AST_BETWEEN, @$); $$->b = $1; $$->c = $3; }
  | K_SYMMETRIC bexpr K_AND bexpr
        { $$ = ast_new(A, AST_BETWEEN, @$); $$->b = $2; $$->c = $4; $$->flag2 = 1; }
  | K_ASYMMETRIC bexpr K_AND bexpr
        { $$ = ast_new(A, AST_BETWEEN, @$); $$->b = $2; $$->c = $4; }
  ;

bexpr:
    bexpr '+' bexpr              { $$ = ast_binary(A, OP_ADD, $1, $3, @$); }
  | bexpr '-' bexpr              { $$ = ast_binary(A, OP_SUB, $1, $3, @$); }
  | bexpr '*' bexpr              { $$ = ast_binary(A, OP_MUL, $1, $3, @$); }
  | bexpr '/' bexpr              { $$ = ast_binary(A, OP_DIV, $1, $3, @$); }
  | bexpr '%' bexpr              { $$ = ast_binary(A, OP_MOD, $1, $3, @$); }
  | bexpr CONCAT bexpr           { $$ = ast_binary(A, OP_CONCAT, $1, $3, @$); }
  | '-' bexpr %prec UMINUS       { $$ = ast_unary(A, OP_NEG, $2, @$); }
  | '+' bexpr %prec UMINUS       { $$ = ast_unary(A, OP_PLUS, $2, @$); }
  | primary
  ;

primary:
    literal
  | compound_name                { $$ = ast_new(A, AST_COLREF, @$); $$->list = $1; }
  | call
  | '(' expr ')'                 { $$ = $2; $$->loc = @$; }
  | case_expr
  | K_CAST '(' expr K_AS type ')'
        { $$ = ast_new(A, AST_CAST, @$); $$->a = $3; $$->b = $5; }
  ;

call:
    ident '(' ')' opt_filter
        { $$ = ast_call(A, $1, ast_list_empty(), false, @$); $$->b = $4; }
  | ident '(' opt_distinct expr_list ')' opt_filter
        { $$ = ast_call(A, $1, $4, $3, @$); $$->b = $6; }
  | K_IF '(' expr_list ')'
        { $$ = ast_call(A, kw_name("IF", @1), $3, false, @$); }
  | ident '(' '*' ')' opt_filter
        { $$ = ast_call(A, $1, ast_list_empty(), false, @$); $$->flag2 = 1; $$->b = $5; }
  ;

opt_filter:
    %empty                       { $$ = NULL; }
  | K_FILTER '(' K_WHERE expr ')' { $$ = $4; }
  ;

literal:
    INTEGER_LIT                  { $$ = ast_literal(A, LIT_INTEGER, $1, @$); }
  | DECIMAL_LIT                  { $$ = ast_literal(A, LIT_DECIMAL, $1, @$); }
  | APPROX_LIT                   { $$ = ast_literal(A, LIT_APPROX, $1, @$); }
  | STRING_LIT                   { $$ = ast_literal(A, LIT_STRING, $1, @$); }
  | BINARY_LIT                   { $$ = ast_literal(A, LIT_BINARY, $1, @$); }
  | K_TRUE                       { $$ = ast_literal(A, LIT_TRUE, $1, @$); }
  | K_FALSE                      { $$ = ast_literal(A, LIT_FALSE, $1, @$); }
  | K_NULL                       { $$ = ast_literal(A, LIT_NULL, $1, @$); }
  | K_DATE STRING_LIT            { $$ = ast_literal(A, LIT_DATE, $2, @$); }
  | K_TIME STRING_LIT            { $$ = ast_literal(A, LIT_TIME, $2, @$); }
  | K_TIMESTAMP STRING_LIT       { $$ = ast_literal(A, LIT_TIMESTAMP, $2, @$); }
  | interval_literal
  ;

interval_literal:
    K_INTERVAL STRING_LIT interval_unit
        { $$ = ast_literal(A, LIT_INTERVAL, $2, @$); $$->op2 = $3; $$->p1 = $3; }
  | K_INTERVAL STRING_LIT interval_unit K_TO interval_unit
        { $$ = ast_literal(A, LIT_INTERVAL, $2, @$); $$->op2 = $3; $$->p1 = $5; }
  | K_INTERVAL '-' STRING_LIT interval_unit
        { $$ = ast_literal(A, LIT_INTERVAL, $3, @$); $$->op2 = $4; $$->p1 = $4; $$->flag = 1; }
  ;

interval_unit:
    K_YEAR opt_precision         { $$ = UNIT_YEAR; }
  | K_MONTH opt_precision        { $$ = UNIT_MONTH; }
  | K_DAY opt_precision          { $$ = UNIT_DAY; }
  | K_HOUR opt_precision         { $$ = UNIT_HOUR; }
  | K_MINUTE opt_precision       { $$ = UNIT_MINUTE; }
  | K_SECOND opt_precision       { $$ = UNIT_SECOND; }
  ;

case_expr:
    K_CASE when_list opt_else K_END
        { $$ = ast_new(A, AST_CASE, @$); $$->list = $2; $$->b = $3; }
  | K_CASE expr when_list opt_else K_END
        { $$ = ast_new(A, AST_CASE, @$); $$->a = $2; $$->list = $3; $$->b = $4; }
  ;

when_list:
    when_clause                  { $$ = ast_list1($1); }
  | when_list when_clause        { $$ = ast_list_append($1, $2); }
  ;

when_clause:
    K_WHEN expr K_THEN expr      { $$ = ast_new(A, AST_WHEN, @$); $$->a = $2; $$->b = $4; }
  ;

opt_else: %empty { $$ = NULL; } | K_ELSE expr { $$ = $2; } ;

ident_list:
    ident                        { $$ = ast_list1(ast_ident(A, $1)); }
  | ident_list ',' ident         { $$ = ast_list_append($1, ast_ident(A, $3)); }
  ;

ident:
    IDENT
  | unreserved_keyword           { $$ = kw_name($1, @1); }
  ;

unreserved_keyword:
    K_ARRAY | K_BEGIN | K_BIGINT | K_BINARY | K_BOOLEAN | K_BYTES | K_CHAR
  | K_CHARACTER | K_COMMENT | K_DATE | K_DAY | K_DEC | K_DECIMAL | K_DOUBLE | K_ENFORCED
  | K_EXECUTE | K_FLOAT | K_HOUR | K_INT | K_INTEGER | K_KEY | K_LOCAL | K_MAP
  | K_METADATA | K_MINUTE | K_MONTH | K_MULTISET | K_NUMERIC | K_OFFSET | K_OVERWRITE
  | K_PRECISION | K_REAL | K_ROW | K_SECOND | K_SET | K_SMALLINT | K_STATEMENT | K_STRING
  | K_TEMPORARY | K_TIME | K_TIMESTAMP | K_TIMESTAMP_LTZ | K_TINYINT
  | K_UNKNOWN | K_VALUE | K_VARBINARY | K_VARCHAR | K_VIEW | K_VIRTUAL | K_WATERMARK
  | K_WITHOUT | K_YEAR | K_ZONE
  ;

%%

/* Token names as shown to users: 'SELECT' rather than "SELECT". */
static const char *sym_name(yysymbol_kind_t sym)
{
    static char buf[8][64];
    static int next;
    const char *n = yysymbol_name(sym);
    size_t len = strlen(n);
    if (len >= 2 && n[0] == '"' && n[len - 1] == '"' && len < 60) {
        char *b = buf[next++ % 8];
        b[0] = '\'';
        memcpy(b + 1, n + 1, len - 2);
        b[len - 1] = '\'';
        b[len] = 0;
        return b;
    }
    bool word = len > 0 && len < 60;
    for (size_t i = 0; i < len; i++)
        word = word && ((n[i] >= 'A' && n[i] <= 'Z') || n[i] == '_');
    if (word) {
        char *b = buf[next++ % 8];
        snprintf(b, 64, "'%s'", n);
        return b;
    }
    return n;
}

/* Syntax errors name the unexpected token and, when few, what was expected. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct lex_state *ls)
{
    (void)scanner;
    yysymbol_kind_t expected[6];
    int n = yypcontext_expected_tokens(ctx, expected, 6);
    yysymbol_kind_t got = yypcontext_token(ctx);
    const loc_t *loc = yypcontext_location(ctx);
    char msg[512];
    size_t k = 0;
    if (got == YYSYMBOL_LEX_ERROR)
        return 0; /* the scanner reported it */
    if (got == YYSYMBOL_YYEOF)
        k += (size_t)snprintf(msg + k, sizeof msg - k, "syntax error: unexpected end of input");
    else
        k += (size_t)snprintf(msg + k, sizeof msg - k, "syntax error: unexpected %s", sym_name(got));
    bool stmt_start = false;
    for (int i = 0; i < n; i++)
        stmt_start = stmt_start || expected[i] == YYSYMBOL_K_CREATE;
    if (stmt_start || n == 0) {
        if (stmt_start)
            k += (size_t)snprintf(msg + k, sizeof msg - k, "; a statement starts with CREATE, INSERT, SET or EXECUTE");
    } else if (n > 0 && n < 6) {
        k += (size_t)snprintf(msg + k, sizeof msg - k, "; expected ");
        for (int i = 0; i < n && k < sizeof msg; i++)
            k += (size_t)snprintf(msg + k, sizeof msg - k, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                                  sym_name(expected[i]));
    }
    diag_error(ls->diag, *loc, "%s", msg);
    return 0;
}
