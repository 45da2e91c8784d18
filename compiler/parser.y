/* This file is the grammar of the Flink SQL that sqlkc reads: every statement
 * of Flink's SQL (DDL, DML, queries with joins, windows, set operations,
 * MATCH_RECOGNIZE, hints; the SQL client's statements). It parses more than
 * the analyzer compiles: what is not compiled yet is refused there, at its
 * location, so a construct Flink accepts is never a syntax error here.
 * Actions only build AST nodes with their locations (ast_* constructors);
 * nothing is looked up here. Pure, reentrant, %expect 0: conflicts are fixed
 * with precedence or by the shape of the rules, never by raising %expect. */
%require "3.7"
%define api.pure full
%define api.prefix {sql_yy}
%define api.location.type {loc_t}
%define lr.type ielr
%define parse.error custom
%define parse.lac full
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

static bool ls_same_line(const struct lex_state *ls, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < ls->diag->len; i++)
        if (ls->diag->src[i] == '\n')
            return false;
    return true;
}

/* SYSTEM is for functions and connections: CREATE TEMPORARY SYSTEM TABLE
 * does not parse in Flink. */
static void no_system(struct lex_state *ls, const char *what, loc_t loc)
{
    diag_error(ls->diag, loc, "syntax error: CREATE TEMPORARY SYSTEM %s: SYSTEM applies to functions and "
               "connections only", what);
}

/* The interval qualifiers with TO of Calcite's grammar: YEAR TO MONTH, DAY
 * TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND, MINUTE TO SECOND; any other
 * pair (DAY TO DAY, SECOND TO MINUTE) is a syntax error there, and here. */
static void check_qualifier(struct lex_state *ls, int from, int to, loc_t loc)
{
    static const char *const names[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
    bool ok = from == UNIT_YEAR ? to == UNIT_MONTH : from >= UNIT_DAY && to > from;
    if (!ok)
        diag_error(ls->diag, loc, "syntax error: %s TO %s is not an interval qualifier (YEAR TO MONTH, DAY TO "
                   "HOUR, MINUTE or SECOND, HOUR TO MINUTE or SECOND, MINUTE TO SECOND)", names[from], names[to]);
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
/* SET key=value of Flink 1.12's SQL client: the scanner returns the key and
 * the value as words after a SET that starts a statement */
%token <str> SET_WORD "unquoted SET key or value"
%token NE "<>" LE "<=" GE ">=" CONCAT "||" ARROW "=>"
%token HINT_START "/*+" HINT_END "*/" EXCL_OPEN "{-" EXCL_CLOSE "-}"

/* reserved keywords (keywords.h) */
%token <str> K_ALL "ALL" K_AND "AND" K_AS "AS" K_ASYMMETRIC "ASYMMETRIC" K_BETWEEN "BETWEEN"
%token <str> K_BOTH "BOTH" K_BY "BY" K_CASE "CASE" K_CAST "CAST" K_CEIL "CEIL" K_CEILING "CEILING"
%token <str> K_CONSTRAINT "CONSTRAINT" K_CREATE "CREATE" K_CROSS "CROSS" K_CURRENT "CURRENT"
%token <str> K_CURRENT_DATE "CURRENT_DATE" K_CURRENT_TIME "CURRENT_TIME"
%token <str> K_CURRENT_TIMESTAMP "CURRENT_TIMESTAMP" K_DEFAULT "DEFAULT" K_DISTINCT "DISTINCT"
%token <str> K_ELSE "ELSE" K_END "END" K_ESCAPE "ESCAPE" K_EXCEPT "EXCEPT" K_EXISTS "EXISTS"
%token <str> K_EXTRACT "EXTRACT" K_FALSE "FALSE" K_FETCH "FETCH" K_FILTER "FILTER"
%token <str> K_FLOOR "FLOOR"
%token <str> K_FOR "FOR" K_FROM "FROM" K_FULL "FULL" K_GROUP "GROUP" K_HAVING "HAVING" K_IF "IF"
%token <str> K_IN "IN" K_INNER "INNER" K_INSERT "INSERT" K_INTERSECT "INTERSECT"
%token <str> K_INTERVAL "INTERVAL" K_INTO "INTO" K_IS "IS" K_JOIN "JOIN"
%token <str> K_JSON_ARRAY "JSON_ARRAY" K_JSON_ARRAYAGG "JSON_ARRAYAGG" K_JSON_EXISTS "JSON_EXISTS"
%token <str> K_JSON_OBJECT "JSON_OBJECT" K_JSON_OBJECTAGG "JSON_OBJECTAGG" K_JSON_QUERY "JSON_QUERY"
%token <str> K_JSON_VALUE "JSON_VALUE" K_LATERAL "LATERAL" K_LEADING "LEADING" K_LEFT "LEFT"
%token <str> K_LIKE "LIKE" K_LIMIT "LIMIT" K_LOCALTIME "LOCALTIME" K_LOCALTIMESTAMP "LOCALTIMESTAMP"
%token <str> K_MATCH_RECOGNIZE "MATCH_RECOGNIZE" K_MINUS "MINUS" K_NATURAL "NATURAL" K_NOT "NOT"
%token <str> K_NULL "NULL" K_ON "ON" K_OR "OR" K_ORDER "ORDER" K_OUTER "OUTER" K_OVER "OVER"
%token <str> K_OVERLAY "OVERLAY" K_PERMUTE "PERMUTE" K_PLACING "PLACING" K_POSITION "POSITION"
%token <str> K_PRIMARY "PRIMARY" K_RANGE "RANGE" K_ROWS "ROWS"
%token <str> K_RIGHT "RIGHT" K_SELECT "SELECT" K_SIMILAR "SIMILAR" K_SUBSTRING "SUBSTRING"
%token <str> K_ANY "ANY" K_SOME "SOME"
%token <str> K_SYMMETRIC "SYMMETRIC" K_TABLE "TABLE" K_THEN "THEN" K_TO "TO" K_TRAILING "TRAILING"
%token <str> K_TRIM "TRIM" K_TRUE "TRUE" K_TRY_CAST "TRY_CAST" K_UNBOUNDED "UNBOUNDED"
%token <str> K_UNION "UNION" K_UNNEST "UNNEST" K_USING "USING" K_VALUES "VALUES" K_WHEN "WHEN"
%token <str> K_WHERE "WHERE" K_WINDOW "WINDOW" K_WITH "WITH"

/* unreserved keywords: also names (the rule unreserved_keyword lists them) */
%token <str> K_ABSENT "ABSENT" K_ADD "ADD" K_AFTER "AFTER" K_ALTER "ALTER" K_ANALYZE "ANALYZE"
%token <str> K_ARRAY "ARRAY" K_ASC "ASC" K_BEGIN "BEGIN" K_BIGINT "BIGINT" K_BINARY "BINARY"
%token <str> K_BOOLEAN "BOOLEAN" K_BYTES "BYTES" K_CALL "CALL" K_CATALOG "CATALOG" K_CHAR "CHAR"
%token <str> K_CHARACTER "CHARACTER" K_COMMENT "COMMENT" K_COMPILE "COMPILE"
%token <str> K_CONDITIONAL "CONDITIONAL" K_DATABASE "DATABASE" K_DATE "DATE" K_DAY "DAY"
%token <str> K_DAYS "DAYS" K_DEC "DEC" K_DECIMAL "DECIMAL" K_DEFINE "DEFINE" K_DESC "DESC"
%token <str> K_DESCRIBE "DESCRIBE" K_DISTRIBUTED "DISTRIBUTED" K_DOUBLE "DOUBLE" K_DROP "DROP"
%token <str> K_EMPTY "EMPTY" K_ENFORCED "ENFORCED" K_ERROR "ERROR" K_EXECUTE "EXECUTE"
%token <str> K_EXPLAIN "EXPLAIN" K_FINAL "FINAL" K_FIRST "FIRST" K_FLOAT "FLOAT"
%token <str> K_FOLLOWING "FOLLOWING" K_FUNCTION "FUNCTION" K_GROUPING "GROUPING" K_HOUR "HOUR"
%token <str> K_HOURS "HOURS" K_INT "INT" K_INTEGER "INTEGER" K_JAR "JAR" K_JSON "JSON"
%token <str> K_KEY "KEY" K_LANGUAGE "LANGUAGE" K_LAST "LAST" K_LOAD "LOAD" K_LOCAL "LOCAL"
%token <str> K_MAP "MAP" K_MATCH "MATCH" K_MEASURES "MEASURES" K_METADATA "METADATA"
%token <str> K_MINUTE "MINUTE" K_MINUTES "MINUTES" K_MODULES "MODULES" K_MONTH "MONTH"
%token <str> K_MONTHS "MONTHS" K_MULTISET "MULTISET" K_NEXT "NEXT" K_NULLS "NULLS"
%token <str> K_NUMERIC "NUMERIC" K_OBJECT "OBJECT" K_OF "OF" K_OFFSET "OFFSET" K_ONE "ONE"
%token <str> K_ONLY "ONLY" K_ORDINALITY "ORDINALITY" K_OVERWRITE "OVERWRITE"
%token <str> K_PARTITION "PARTITION" K_PARTITIONED "PARTITIONED"
%token <str> K_PAST "PAST" K_PATTERN "PATTERN" K_PER "PER" K_PLAN "PLAN"
%token <str> K_PRECEDING "PRECEDING" K_PRECISION "PRECISION" K_RAW "RAW"
%token <str> K_REAL "REAL" K_REMOVE "REMOVE" K_REPLACE "REPLACE" K_RESET "RESET"
%token <str> K_RETURNING "RETURNING" K_ROW "ROW" K_RUNNING "RUNNING"
%token <str> K_SCALAR "SCALAR" K_SECOND "SECOND" K_SECONDS "SECONDS" K_SET "SET" K_SETS "SETS"
%token <str> K_SHOW "SHOW" K_SKIP "SKIP" K_SMALLINT "SMALLINT" K_STATEMENT "STATEMENT"
%token <str> K_STRING "STRING" K_SUBSET "SUBSET" K_SYSTEM "SYSTEM" K_SYSTEM_TIME "SYSTEM_TIME"
%token <str> K_TEMPORARY "TEMPORARY" K_TIME "TIME" K_TIMESTAMP "TIMESTAMP"
%token <str> K_TIMESTAMP_LTZ "TIMESTAMP_LTZ" K_TINYINT "TINYINT"
%token <str> K_UNCONDITIONAL "UNCONDITIONAL" K_UNKNOWN "UNKNOWN" K_UNLOAD "UNLOAD" K_USE "USE"
%token <str> K_VALUE "VALUE" K_VARBINARY "VARBINARY" K_VARCHAR "VARCHAR" K_VARIANT "VARIANT"
%token <str> K_VARYING "VARYING" K_VIEW "VIEW" K_VIRTUAL "VIRTUAL" K_WATERMARK "WATERMARK"
%token <str> K_WITHOUT "WITHOUT" K_WRAPPER "WRAPPER" K_YEAR "YEAR"
%token <str> K_YEARS "YEARS" K_ZONE "ZONE"
%token <str> K_DELETE "DELETE" K_MODEL "MODEL" K_STOP "STOP" K_TRUNCATE "TRUNCATE" K_UPDATE "UPDATE"
%token <str> K_BITMAP "BITMAP" K_UNIQUE "UNIQUE"
%token <str> K_IGNORE "IGNORE" K_RESPECT "RESPECT" K_WITHIN "WITHIN"

%left K_OR
%left K_AND
%right K_NOT
%precedence K_IS
%nonassoc '=' NE '<' '>' LE GE K_BETWEEN K_IN K_LIKE K_SIMILAR
%left '+' '-' CONCAT
%left '*' '/' '%'
%precedence UMINUS
/* INTERVAL '1' DAY TO HOUR: TO continues the interval (FLOOR(x TO unit) has its own) */
%precedence INTERVAL_ONE_UNIT
%precedence K_TO
/* IS JSON VALUE|SCALAR|ARRAY|OBJECT: the word after JSON is its kind */
/* f(g(x) RESPECT NULLS): the null treatment after g's parentheses is g's */
%precedence NO_NULL_TREATMENT
%precedence K_RESPECT K_IGNORE
%precedence IS_JSON_ANY
%precedence K_VALUE K_SCALAR K_OBJECT
/* ARRAY[...] and MAP[...] are constructors: the keyword is a name only when no
 * '[' follows (Calcite reserves both words) */
%precedence K_ARRAY K_MAP
%precedence '['

%type <node> stmt create_table create_view create_function create_other drop_stmt use_stmt
%type <node> set_stmt reset_stmt insert_stmt statement_set other_stmt explain_stmt
%type <node> table_element column_def option type simple_type zoned_type row_field like_clause like_option
%type <node> query query_np query_body query_body_np query_term query_term_np query_primary
%type <node> query_primary_np select values with_item order_item limit_clause offset_clause
%type <node> fetch_clause opt_limit_clause opt_offset_clause opt_fetch_clause
%type <node> from_list from_item joined_table table_primary table_ref join_spec opt_snapshot match_recognize
%type <node> mr_after pattern pattern_term pattern_factor pattern_primary pattern_quant
%type <node> between_tail expr bexpr primary primary_nn literal interval_literal case_expr
%type <node> when_clause select_item opt_where opt_having opt_else call call_base opt_filter opt_over
%type <node> window_spec frame frame_bound window_def group_item hint hint_arg call_arg
%type <node> special_call json_key json_opt json_behavior json_kv opt_json_null opt_query_tail
%type <node> opt_ctas opt_like partition_kv opt_partition_spec opt_window_clause
%type <list> stmts table_elements opt_table_elements options opt_with ident_list select_list
%type <list> opt_group_by group_list expr_list opt_expr_list when_list row_fields inserts
%type <list> compound_name opt_column_list order_list opt_order_by with_list
%type <str> hint_word
%type <list> hint_list hint_args opt_hints call_args json_opts json_kvs like_options
%type <list> opt_like_options window_defs mr_measures mr_defines pattern_list opt_partition_by
%type <list> partition_kvs opt_partitioned_by opt_alias_cols
%type <name> ident opt_alias
%type <str> unreserved_keyword reserved_keyword opt_comment opt_metadata_key opt_language floor_kw
%type <ival> opt_if_not_exists opt_if_exists opt_temporary opt_distinct opt_not_null join_type opt_not
%type <ival> interval_unit opt_precision opt_virtual tz_clause opt_overwrite opt_not_enforced
%type <ival> create_head opt_column_pk opt_or_replace set_quant opt_asc_desc opt_nulls opt_ordinality
%type <ival> trim_where opt_reluctant mr_rows first_next row_rows opt_null_treatment opt_within_group

%start script

%%

script:
    stmts                        { ls->result = $1; }
  | stmts stmt                   { ls->result = ast_list_append($1, $2); }
  ;

/* After a syntax error the parser skips to the next ';' and goes on, so every
 * statement's mistakes are reported in one run; what it skipped is kept as a
 * broken statement. ls->result follows, for a last statement that cannot
 * recover (no ';' before the end). */
stmts:
    %empty                       { $$ = ls->result = ast_list_empty(); }
  | stmts ';'                    { $$ = ls->result = $1; }
  | stmts stmt ';'               { $$ = ls->result = ast_list_append($1, $2); }
  | stmts error ';'              { $$ = ls->result = ast_list_append($1, ast_broken(A, @2)); yyerrok; }
  ;

stmt:
    create_table | create_view | create_function | create_other | drop_stmt | use_stmt
  | set_stmt | reset_stmt | insert_stmt | statement_set | other_stmt | explain_stmt
  | query                        { $$ = ast_new(A, AST_QUERY_STMT, @$); $$->a = $1; }
  | K_EXECUTE insert_stmt        { $$ = $2; $$->loc = @$; }
  ;

/* ---------------------------------------------------------------- CREATE TABLE */

opt_or_replace: %empty { $$ = 0; } | K_OR K_REPLACE { $$ = 1; } ;

/* CREATE [OR REPLACE] [TEMPORARY [SYSTEM]]: 4 * OR REPLACE + 1 * TEMPORARY (+ 2 * SYSTEM) */
create_head: K_CREATE opt_or_replace opt_temporary { $$ = $2 * 4 + $3; } ;

create_table:
    create_head K_TABLE opt_if_not_exists compound_name opt_table_elements
    opt_comment opt_distributed opt_partitioned_by opt_with opt_like opt_ctas
        {
            $$ = ast_create_table(A, $4, $5, $9, @$);
            $$->flag = $3; $$->flag2 = ($1 & 3) != 0; $$->text = $6; $$->op2 = $1 >= 4;
            $$->list3 = $8; $$->c = $10; $$->b = $11;
            if (@7.begin != @7.end)
                $$->d = ast_clause(A, "DISTRIBUTED BY", @7);
            if ($1 & 2) { /* reported as the syntax error it is in Flink, and nothing more */
                no_system(ls, "TABLE", @1);
                $$ = ast_broken(A, @$);
            }
        }
  ;

opt_temporary: %empty { $$ = 0; } | K_TEMPORARY { $$ = 1; } | K_TEMPORARY K_SYSTEM { $$ = 3; } ;
opt_if_not_exists: %empty { $$ = 0; } | K_IF K_NOT K_EXISTS { $$ = 1; } ;
opt_if_exists: %empty { $$ = 0; } | K_IF K_EXISTS { $$ = 1; } ;
opt_comment: %empty { $$ = NULL; } | K_COMMENT STRING_LIT { $$ = $2; } ;
opt_with: %empty { $$ = ast_list_empty(); } | K_WITH '(' options ')' { $$ = $3; } ;
opt_table_elements: %empty { $$ = ast_list_empty(); } | '(' table_elements ')' { $$ = $2; } ;

/* Flink 2.0: DISTRIBUTED BY [HASH|RANGE] (cols) [INTO n BUCKETS] | DISTRIBUTED INTO n BUCKETS */
opt_distributed:
    %empty
  | K_DISTRIBUTED K_BY '(' ident_list ')' opt_buckets
  | K_DISTRIBUTED K_BY ident '(' ident_list ')' opt_buckets
  | K_DISTRIBUTED K_INTO INTEGER_LIT ident
  ;
opt_buckets: %empty | K_INTO INTEGER_LIT ident ;

opt_partitioned_by:
    %empty                                  { $$ = ast_list_empty(); }
  | K_PARTITIONED K_BY '(' ident_list ')'   { $$ = ast_list1(ast_clause(A, "PARTITIONED BY", @$)); }
  ;

opt_like:
    %empty                       { $$ = NULL; }
  | like_clause
  ;

like_clause:
    K_LIKE compound_name opt_like_options
        { $$ = ast_new(A, AST_LIKE_CLAUSE, @$); $$->list = $2; $$->list2 = $3; }
  ;

opt_like_options: %empty { $$ = ast_list_empty(); } | '(' like_options ')' { $$ = $2; } ;

/* INCLUDING ALL  EXCLUDING OPTIONS ..., separated by spaces (or commas) */
like_options:
    like_option                  { $$ = ast_list1($1); }
  | like_options like_option     { $$ = ast_list_append($1, $2); }
  | like_options ',' like_option { $$ = ast_list_append($1, $3); }
  ;

like_option:
    ident ident                  { $$ = ast_new(A, AST_LIKE_OPTION, @$); $$->name = $1; $$->text = $2.s; $$->b_loc = @2; }
  | ident K_ALL                  { $$ = ast_new(A, AST_LIKE_OPTION, @$); $$->name = $1; $$->text = "ALL"; $$->b_loc = @2; }
  ;

opt_ctas: %empty { $$ = NULL; } | K_AS query { $$ = $2; } ;

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
  | K_WATERMARK K_FOR compound_name K_AS expr
        { $$ = ast_new(A, AST_WATERMARK, @$); $$->name = $3.tail->name; $$->list = $3; $$->a = $5; }
  | K_PRIMARY K_KEY '(' ident_list ')' opt_not_enforced
        { $$ = ast_new(A, AST_PRIMARY_KEY, @$); $$->list = $4; $$->op = $6; $$->b_loc = @6; }
  | K_CONSTRAINT ident K_PRIMARY K_KEY '(' ident_list ')' opt_not_enforced
        { $$ = ast_new(A, AST_PRIMARY_KEY, @$); $$->list = $6; $$->text = $2.s; $$->op = $8; $$->b_loc = @8; }
  | K_UNIQUE '(' ident_list ')' opt_not_enforced
        { $$ = ast_clause(A, "UNIQUE", @$); $$->list = $3; }
  | K_CONSTRAINT ident K_UNIQUE '(' ident_list ')' opt_not_enforced
        { $$ = ast_clause(A, "UNIQUE", @$); $$->list = $5; }
    /* a name without a type: the column list of CREATE TABLE ... AS SELECT (Flink 2.0) */
  | ident
        { $$ = ast_new(A, AST_COLUMN, @$); $$->name = $1; $$->op = COL_PHYSICAL; }
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
  | K_CONSTRAINT ident K_PRIMARY K_KEY opt_not_enforced { $$ = $5; }
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
    zoned_type opt_not_null      { $$ = $1; $$->flag = $2 == 1; $$->flag2 = $2 == 2; if ($2) $$->loc = @$; }
    /* Calcite's postfix forms: INT ARRAY, VARCHAR MULTISET */
  | type K_ARRAY opt_not_null
        { $$ = ast_type(A, TY_ARRAY, -1, -1, @$); $$->list = ast_list1($1); $$->flag = $3 == 1; $$->flag2 = $3 == 2; }
  | type K_MULTISET opt_not_null
        { $$ = ast_type(A, TY_MULTISET, -1, -1, @$); $$->list = ast_list1($1); $$->flag = $3 == 1; $$->flag2 = $3 == 2; }
  ;

/* a simple type, or TIME/TIMESTAMP with a time zone clause (not after
 * JSON_VALUE's RETURNING, where WITH starts the WRAPPER clause) */
zoned_type:
    simple_type
  | K_TIME opt_precision K_WITHOUT K_TIME K_ZONE
                                 { $$ = ast_type(A, TY_TIME, $2, -1, @$); }
  | K_TIMESTAMP opt_precision tz_clause
        { $$ = ast_type(A, $3 == 1 ? TY_TIMESTAMP_LTZ : $3 == 2 ? TY_TIMESTAMP_TZ : TY_TIMESTAMP, $2, -1, @$); }
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
  | char_kw K_VARYING opt_precision { $$ = ast_type(A, TY_VARCHAR, $3, -1, @$); }
  | K_VARCHAR opt_precision      { $$ = ast_type(A, TY_VARCHAR, $2, -1, @$); }
  | K_STRING                     { $$ = ast_type(A, TY_STRING, -1, -1, @$); }
  | K_BINARY opt_precision       { $$ = ast_type(A, TY_BINARY, $2, -1, @$); }
  | K_BINARY K_VARYING opt_precision { $$ = ast_type(A, TY_VARBINARY, $3, -1, @$); }
  | K_VARBINARY opt_precision    { $$ = ast_type(A, TY_VARBINARY, $2, -1, @$); }
  | K_BYTES                      { $$ = ast_type(A, TY_BYTES, -1, -1, @$); }
  | K_DATE                       { $$ = ast_type(A, TY_DATE, -1, -1, @$); }
  | K_TIME opt_precision         { $$ = ast_type(A, TY_TIME, $2, -1, @$); }
  | K_TIMESTAMP opt_precision    { $$ = ast_type(A, TY_TIMESTAMP, $2, -1, @$); }
  | K_TIMESTAMP_LTZ opt_precision
                                 { $$ = ast_type(A, TY_TIMESTAMP_LTZ, $2, -1, @$); }
  | K_INTERVAL interval_unit opt_precision
        { $$ = ast_type(A, $2 <= UNIT_MONTH ? TY_INTERVAL_YM : TY_INTERVAL_DT, -1, -1, @$); }
  | K_INTERVAL interval_unit opt_precision K_TO interval_unit opt_precision
        { check_qualifier(ls, $2, $5, loc_span(@2, @6));
          $$ = ast_type(A, $2 <= UNIT_MONTH ? TY_INTERVAL_YM : TY_INTERVAL_DT, -1, -1, @$); }
  | K_ARRAY '<' type '>'         { $$ = ast_type(A, TY_ARRAY, -1, -1, @$); $$->list = ast_list1($3); }
  | K_MULTISET '<' type '>'      { $$ = ast_type(A, TY_MULTISET, -1, -1, @$); $$->list = ast_list1($3); }
  | K_MAP '<' type ',' type '>'
        { $$ = ast_type(A, TY_MAP, -1, -1, @$); $$->list = ast_list_append(ast_list1($3), $5); }
  | K_ROW '<' row_fields '>'     { $$ = ast_type(A, TY_ROW, -1, -1, @$); $$->list = $3; }
  | K_ROW '(' row_fields ')'     { $$ = ast_type(A, TY_ROW, -1, -1, @$); $$->list = $3; }
  | K_RAW '(' STRING_LIT ')'     { $$ = ast_type(A, TY_RAW, -1, -1, @$); }
  | K_RAW '(' STRING_LIT ',' STRING_LIT ')' { $$ = ast_type(A, TY_RAW, -1, -1, @$); }
  | K_VARIANT                    { $$ = ast_type(A, TY_VARIANT, -1, -1, @$); }
  | K_BITMAP                     { $$ = ast_type(A, TY_BITMAP, -1, -1, @$); }
  ;

decimal_kw: K_DECIMAL | K_DEC | K_NUMERIC ;
char_kw: K_CHAR | K_CHARACTER ;

tz_clause:
    K_WITHOUT K_TIME K_ZONE      { $$ = 0; }
  | K_WITH K_LOCAL K_TIME K_ZONE { $$ = 1; }
  | K_WITH K_TIME K_ZONE         { $$ = 2; }
  ;

row_fields:
    row_field                    { $$ = ast_list1($1); }
  | row_fields ',' row_field     { $$ = ast_list_append($1, $3); }
  ;

row_field:
    ident type                   { $$ = ast_new(A, AST_FIELD, @$); $$->name = $1; $$->a = $2; }
  | ident type STRING_LIT        { $$ = ast_new(A, AST_FIELD, @$); $$->name = $1; $$->a = $2; $$->text = $3; }
  ;

/* ---------------------------------------------------------------- other DDL */

create_view:
    create_head K_VIEW opt_if_not_exists compound_name opt_column_list opt_comment K_AS query
        {
            $$ = ast_new(A, AST_CREATE_VIEW, @$);
            $$->name = $4.tail->name; $$->list = $5; $$->a = $8; $$->flag2 = ($1 & 3) != 0; $$->flag = $3;
            $$->text = $6; $$->b = $4.head; $$->op2 = $1;
            if ($1 & 2) {
                no_system(ls, "VIEW", @1);
                $$ = ast_broken(A, @$);
            }
        }
  ;

/* CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'identifier'
 * [LANGUAGE JAVA|SCALA|PYTHON] [USING JAR 'path' [, JAR 'path']*]
 * [WITH (options)] (Flink's main branch, 2026) */
create_function:
    create_head K_FUNCTION opt_if_not_exists compound_name K_AS STRING_LIT opt_language opt_using opt_with
        {
            $$ = ast_new(A, AST_CREATE_FUNCTION, @$);
            $$->name = $4.tail->name; $$->b = $4.head; $$->flag = $3; $$->flag2 = ($1 & 1) != 0;
            $$->op = ($1 & 2) != 0; $$->op2 = $1 >= 4; $$->text = $6; $$->text2 = $7; $$->b_loc = @7;
        }
  ;

opt_language: %empty { $$ = NULL; } | K_LANGUAGE ident { $$ = $2.s; } ;
opt_using: %empty | K_USING jar_list ;
/* JAR 'path', and Flink 2.x's ARTIFACT 'path' */
jar_list: resource | jar_list ',' resource ;
resource: K_JAR STRING_LIT | IDENT STRING_LIT ;

/* CREATE CATALOG / DATABASE: parsed in full, refused by the analyzer */
create_other:
    K_CREATE K_CATALOG opt_if_not_exists ident opt_comment opt_with
        { $$ = ast_other(A, "CREATE CATALOG", @$); }
  | K_CREATE K_DATABASE opt_if_not_exists compound_name opt_comment opt_with
        { $$ = ast_other(A, "CREATE DATABASE", @$); }
  ;

drop_stmt:
    K_DROP opt_temporary K_TABLE opt_if_exists compound_name
        { $$ = ast_drop(A, DROP_TABLE, $5, $4, @$); $$->flag2 = $2 != 0; }
  | K_DROP opt_temporary K_VIEW opt_if_exists compound_name
        { $$ = ast_drop(A, DROP_VIEW, $5, $4, @$); $$->flag2 = $2 != 0; }
  | K_DROP opt_temporary K_FUNCTION opt_if_exists compound_name
        { $$ = ast_drop(A, DROP_FUNCTION, $5, $4, @$); $$->flag2 = $2 != 0; }
  | K_DROP K_CATALOG opt_if_exists compound_name
        { $$ = ast_drop(A, DROP_CATALOG, $4, $3, @$); }
  | K_DROP K_DATABASE opt_if_exists compound_name opt_restrict
        { $$ = ast_drop(A, DROP_DATABASE, $4, $3, @$); }
  ;

opt_restrict: %empty | ident ;

use_stmt:
    K_USE K_CATALOG ident         { $$ = ast_new(A, AST_USE, @$); $$->list = ast_list1(ast_ident(A, $3)); $$->op = 1; }
  | K_USE compound_name           { $$ = ast_new(A, AST_USE, @$); $$->list = $2; }
  | K_USE K_MODULES ident_list    { $$ = ast_new(A, AST_USE, @$); $$->list = $3; $$->op = 2; }
  ;

/* ---------------------------------------------------------------- statements of the SQL client */

set_stmt:
    K_SET STRING_LIT '=' STRING_LIT
        { $$ = ast_new(A, AST_SET, @$); $$->text = $2; $$->text2 = $4; $$->b_loc = @4; }
  | K_SET SET_WORD '=' SET_WORD
        { $$ = ast_new(A, AST_SET, @$); $$->text = $2; $$->text2 = $4; $$->b_loc = @4; $$->flag = 1; }
  | K_SET SET_WORD '='
        { $$ = ast_new(A, AST_SET, @$); $$->text = $2; $$->text2 = ""; $$->b_loc = @3; $$->flag = 1; }
  | K_SET                        { $$ = ast_new(A, AST_SET, @$); }
  ;

reset_stmt:
    K_RESET STRING_LIT           { $$ = ast_new(A, AST_RESET, @$); $$->text = $2; }
  | K_RESET                      { $$ = ast_new(A, AST_RESET, @$); }
  ;

/* Statements that only Flink's SQL client or its catalogs give meaning to;
 * the analyzer refuses them by name. Their words are not checked here. */
other_stmt:
    K_SHOW rest                  { $$ = ast_other(A, "SHOW", @$); }
  | K_DESCRIBE rest              { $$ = ast_other(A, "DESCRIBE", @$); }
  | K_DESC rest                  { $$ = ast_other(A, "DESCRIBE", @$); }
  | K_ALTER rest                 { $$ = ast_other(A, "ALTER", @$); }
  | K_ANALYZE rest               { $$ = ast_other(A, "ANALYZE TABLE", @$); }
  | K_LOAD rest                  { $$ = ast_other(A, "LOAD MODULE", @$); }
  | K_UNLOAD rest                { $$ = ast_other(A, "UNLOAD MODULE", @$); }
  | K_ADD rest                   { $$ = ast_other(A, "ADD JAR", @$); }
  | K_REMOVE rest                { $$ = ast_other(A, "REMOVE JAR", @$); }
  | K_COMPILE K_PLAN STRING_LIT opt_if_not_exists K_FOR compile_target
                                 { $$ = ast_other(A, "COMPILE PLAN", @$); }
  | K_COMPILE K_AND K_EXECUTE K_PLAN STRING_LIT K_FOR compile_target
                                 { $$ = ast_other(A, "COMPILE AND EXECUTE PLAN", @$); }
  | K_CALL rest                  { $$ = ast_other(A, "CALL", @$); }
  | K_EXECUTE K_PLAN rest        { $$ = ast_other(A, "EXECUTE PLAN", @$); }
  | K_STOP rest                  { $$ = ast_other(A, "STOP JOB", @$); }
  | K_UPDATE rest                { $$ = ast_other(A, "UPDATE", @$); }
  | K_DELETE rest                { $$ = ast_other(A, "DELETE", @$); }
  | K_TRUNCATE rest              { $$ = ast_other(A, "TRUNCATE TABLE", @$); }
  | K_REPLACE rest               { $$ = ast_other(A, "REPLACE TABLE ... AS", @$); }
  | create_head IDENT rest       { $$ = ast_other(A, arena_printf(A, "CREATE %s", $2.s), @$); }
  | create_head K_MODEL rest     { $$ = ast_other(A, "CREATE MODEL", @$); }
  | K_DROP opt_temporary IDENT rest { $$ = ast_other(A, arena_printf(A, "DROP %s", $3.s), @$); }
  | K_DROP opt_temporary K_MODEL rest { $$ = ast_other(A, "DROP MODEL", @$); }
  ;

rest: %empty | rest any_token ;

any_token:
    IDENT | STRING_LIT | INTEGER_LIT | DECIMAL_LIT | APPROX_LIT | BINARY_LIT
  | NE | LE | GE | CONCAT | ARROW | HINT_START | HINT_END
  | '(' | ')' | ',' | '.' | '=' | '<' | '>' | '+' | '-' | '*' | '/' | '%' | '[' | ']'
  | '{' | '}' | '|' | '?' | '^' | EXCL_OPEN | EXCL_CLOSE | SET_WORD
  | reserved_keyword | unreserved_keyword | K_IGNORE | K_RESPECT | K_UNBOUNDED
  ;

explain_stmt:
    K_EXPLAIN explain_details explainable   { $$ = ast_other(A, "EXPLAIN", @$); }
  ;

/* EXPLAIN PLAN FOR, or EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, ... (plain words) */
compile_target: insert_stmt | K_STATEMENT K_SET K_BEGIN inserts K_END ;

explain_details: %empty | K_PLAN K_FOR | explain_words ;
explain_words: IDENT | explain_words ',' IDENT ;
explainable: insert_stmt | query | statement_set | K_STATEMENT K_SET K_BEGIN inserts K_END | K_EXECUTE insert_stmt
  | K_EXECUTE query ;

/* ---------------------------------------------------------------- INSERT */

insert_stmt:
    K_INSERT opt_overwrite compound_name opt_hints opt_partition_spec query
        {
            $$ = ast_new(A, AST_INSERT, @$);
            $$->name = $3.tail->name; $$->a = $6; $$->flag = $2; $$->b = $3.head;
            $$->list2 = $4; $$->c = $5;
        }
  | K_INSERT opt_overwrite compound_name opt_hints opt_partition_spec '(' ident_list ')' query
        {
            $$ = ast_new(A, AST_INSERT, @$);
            $$->name = $3.tail->name; $$->list = $7; $$->a = $9; $$->flag = $2; $$->b = $3.head;
            $$->list2 = $4; $$->c = $5;
        }
    /* ON CONFLICT DO ERROR|NOTHING|DEDUPLICATE (Flink 2.2) */
  | insert_stmt K_ON IDENT IDENT ident
        { $$ = $1; $$->loc = @$; $$->d = ast_clause(A, "INSERT ... ON CONFLICT", loc_span(@2, @5)); }
  ;

opt_overwrite: K_INTO { $$ = 0; } | K_OVERWRITE { $$ = 1; } ;

opt_partition_spec:
    %empty                       { $$ = NULL; }
  | K_PARTITION '(' partition_kvs ')' { $$ = ast_clause(A, "INSERT ... PARTITION", @$); $$->list = $3; }
  ;

partition_kvs:
    partition_kv                 { $$ = ast_list1($1); }
  | partition_kvs ',' partition_kv { $$ = ast_list_append($1, $3); }
  ;

partition_kv: ident '=' literal  { $$ = $3; } ;

opt_column_list:
    %empty                       { $$ = ast_list_empty(); }
  | '(' ident_list ')'           { $$ = $2; }
  ;

/* EXECUTE STATEMENT SET BEGIN ... END, and the SQL client's
 * BEGIN STATEMENT SET; ... END */
statement_set:
    K_EXECUTE K_STATEMENT K_SET K_BEGIN inserts K_END
        { $$ = ast_new(A, AST_STATEMENT_SET, @$); $$->list = $5; }
  | K_BEGIN K_STATEMENT K_SET ';' inserts K_END
        { $$ = ast_new(A, AST_STATEMENT_SET, @$); $$->list = $5; }
    /* empty: the analyzer says so (one error, not a syntax error at END) */
  | K_EXECUTE K_STATEMENT K_SET K_BEGIN K_END
        { $$ = ast_new(A, AST_STATEMENT_SET, @$); $$->list = ast_list_empty(); }
  | K_BEGIN K_STATEMENT K_SET ';' K_END
        { $$ = ast_new(A, AST_STATEMENT_SET, @$); $$->list = ast_list_empty(); }
  ;

inserts:
    insert_stmt ';'              { $$ = ast_list1($1); }
  | error ';'                    { $$ = ast_list1(ast_broken(A, @1)); yyerrok; }
  | inserts insert_stmt ';'      { $$ = ast_list_append($1, $2); }
  | inserts error ';'            { $$ = ast_list_append($1, ast_broken(A, @2)); yyerrok; }
  ;

/* ---------------------------------------------------------------- queries */

/* A query: [WITH ...] body [ORDER BY ...] [LIMIT ...] [OFFSET ...] [FETCH ...].
 * query_np is the same without a parenthesis first: the form a subquery in
 * an expression takes, where '(' opens an expression. */
query:
    query_body opt_query_tail                { $$ = ast_query(A, NULL, $1, $2, @$); }
  | K_WITH with_list query_body opt_query_tail { $$ = ast_query(A, ast_with(A, $2, @1), $3, $4, @$); }
  ;

query_np:
    query_body_np opt_query_tail             { $$ = ast_query(A, NULL, $1, $2, @$); }
  | K_WITH with_list query_body opt_query_tail { $$ = ast_query(A, ast_with(A, $2, @1), $3, $4, @$); }
  ;

with_list:
    with_item                    { $$ = ast_list1($1); }
  | with_list ',' with_item      { $$ = ast_list_append($1, $3); }
  ;

with_item:
    ident opt_column_list K_AS '(' query ')'
        { $$ = ast_new(A, AST_CTE, @$); $$->name = $1; $$->list = $2; $$->a = $5; }
  ;

query_body:
    query_term
  | query_body K_UNION set_quant query_term  { $$ = ast_setop(A, SETOP_UNION, $3, $1, $4, @$); }
  | query_body K_EXCEPT set_quant query_term { $$ = ast_setop(A, SETOP_EXCEPT, $3, $1, $4, @$); }
  | query_body K_MINUS set_quant query_term  { $$ = ast_setop(A, SETOP_EXCEPT, $3, $1, $4, @$); }
  ;

query_body_np:
    query_term_np
  | query_body_np K_UNION set_quant query_term  { $$ = ast_setop(A, SETOP_UNION, $3, $1, $4, @$); }
  | query_body_np K_EXCEPT set_quant query_term { $$ = ast_setop(A, SETOP_EXCEPT, $3, $1, $4, @$); }
  | query_body_np K_MINUS set_quant query_term  { $$ = ast_setop(A, SETOP_EXCEPT, $3, $1, $4, @$); }
  ;

query_term:
    query_primary
  | query_term K_INTERSECT set_quant query_primary { $$ = ast_setop(A, SETOP_INTERSECT, $3, $1, $4, @$); }
  ;

query_term_np:
    query_primary_np
  | query_term_np K_INTERSECT set_quant query_primary { $$ = ast_setop(A, SETOP_INTERSECT, $3, $1, $4, @$); }
  ;

query_primary: query_primary_np | '(' query ')' { $$ = $2; } ;
query_primary_np: select | values ;

set_quant: %empty { $$ = 0; } | K_ALL { $$ = 1; } | K_DISTINCT { $$ = 0; } ;

values:
    K_VALUES expr_list           { $$ = ast_new(A, AST_VALUES, @$); $$->list = $2; }
  ;

opt_query_tail:
    %empty                                   { $$ = NULL; }
  | K_ORDER K_BY order_list opt_limit_clause opt_offset_clause opt_fetch_clause
        { $$ = ast_query_tail(A, $3, $4, $5, $6, @$); }
  | limit_clause opt_offset_clause opt_fetch_clause
        { $$ = ast_query_tail(A, ast_list_empty(), $1, $2, $3, @$); }
  | fetch_clause                             { $$ = ast_query_tail(A, ast_list_empty(), NULL, NULL, $1, @$); }
  ;

opt_order_by: %empty { $$ = ast_list_empty(); } | K_ORDER K_BY order_list { $$ = $3; } ;

order_list:
    order_item                   { $$ = ast_list1($1); }
  | order_list ',' order_item    { $$ = ast_list_append($1, $3); }
  ;

order_item:
    expr opt_asc_desc opt_nulls
        { $$ = ast_new(A, AST_ORDER_ITEM, @$); $$->a = $1; $$->flag = $2; $$->op = $3; }
  ;

opt_asc_desc: %empty { $$ = 0; } | K_ASC { $$ = 0; } | K_DESC { $$ = 1; } ;
opt_nulls: %empty { $$ = 0; } | K_NULLS K_FIRST { $$ = 1; } | K_NULLS K_LAST { $$ = 2; } ;

opt_limit_clause: %empty { $$ = NULL; } | limit_clause ;
limit_clause:
    K_LIMIT bexpr                { $$ = ast_clause(A, "LIMIT", @$); $$->a = $2; }
  | K_LIMIT bexpr ',' bexpr      { $$ = ast_clause(A, "LIMIT", @$); $$->a = $4; $$->b = $2; }
  | K_LIMIT K_ALL                { $$ = ast_clause(A, "LIMIT", @$); }
  ;
opt_offset_clause: %empty { $$ = NULL; } | offset_clause ;
offset_clause:
    K_OFFSET bexpr opt_row_rows  { $$ = ast_clause(A, "OFFSET", @$); $$->a = $2; }
  ;
opt_fetch_clause: %empty { $$ = NULL; } | fetch_clause ;
fetch_clause:
    K_FETCH first_next bexpr row_rows K_ONLY { $$ = ast_clause(A, "FETCH", @$); $$->a = $3; }
  | K_FETCH first_next row_rows K_ONLY       { $$ = ast_clause(A, "FETCH", @$); }
  ;
first_next: K_FIRST { $$ = 0; } | K_NEXT { $$ = 1; } ;
row_rows: K_ROW { $$ = 0; } | K_ROWS { $$ = 1; } ;
opt_row_rows: %empty | K_ROW | K_ROWS ;

select:
    K_SELECT opt_hints opt_distinct select_list K_FROM from_list opt_where opt_group_by opt_having
    opt_window_clause
        {
            $$ = ast_new(A, AST_SELECT, @$);
            $$->flag = $3; $$->list = $4; $$->a = $6; $$->b = $7; $$->list2 = $8; $$->c = $9;
            $$->list3 = $2; $$->d = $10;
        }
  | K_SELECT opt_hints opt_distinct select_list opt_where
        {
            /* SELECT without FROM (Flink evaluates it once) */
            $$ = ast_new(A, AST_SELECT, @$);
            $$->flag = $3; $$->list = $4; $$->b = $5; $$->list3 = $2;
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

/* [AS] alias [(column, ...)] after a FROM item */
opt_alias_cols:
    %empty                       { $$ = ast_list_empty(); }
  | K_AS ident                   { $$ = ast_list1(ast_ident(A, $2)); }
  | ident                        { $$ = ast_list1(ast_ident(A, $1)); }
  | K_AS ident '(' ident_list ')' { $$ = ast_list_prepend(ast_ident(A, $2), $4); }
  | ident '(' ident_list ')'     { $$ = ast_list_prepend(ast_ident(A, $1), $3); }
  ;

from_list:
    from_item
  | from_list ',' from_item      { $$ = ast_join(A, JOIN_CROSS, $1, $3, NULL, @$); $$->op2 = 1; }
  ;

from_item:
    table_primary
  | joined_table
  ;

joined_table:
    from_item join_type K_JOIN table_primary join_spec
        { $$ = ast_join(A, $2, $1, $4, $5, @$); }
  | from_item K_CROSS K_JOIN table_primary
        { $$ = ast_join(A, JOIN_CROSS, $1, $4, NULL, @$); }
  | from_item K_NATURAL join_type K_JOIN table_primary
        { $$ = ast_join(A, $3, $1, $5, NULL, @$); $$->flag = 1; }
  ;

join_spec:
    K_ON expr                    { $$ = $2; }
  | K_USING '(' ident_list ')'   { $$ = ast_clause(A, "USING", @$); $$->list = $3; }
  ;

join_type:
    %empty                       { $$ = JOIN_INNER; }
  | K_INNER                      { $$ = JOIN_INNER; }
  | K_LEFT opt_outer             { $$ = JOIN_LEFT; }
  | K_RIGHT opt_outer            { $$ = JOIN_RIGHT; }
  | K_FULL opt_outer             { $$ = JOIN_FULL; }
  ;

opt_outer: %empty | K_OUTER ;

quantifier: K_ANY | K_SOME | K_ALL ;

table_primary:
    table_ref
  | table_ref K_MATCH_RECOGNIZE '(' match_recognize ')' opt_alias_cols
        { $$ = $4; $$->a = $1; $$->loc = @$; ast_set_alias($$, $6); }
  ;

table_ref:
    compound_name opt_hints opt_snapshot opt_alias_cols
        {
            $$ = ast_new(A, AST_TABLE_REF, @$);
            $$->list = $1; $$->list2 = $2; $$->c = $3; ast_set_alias($$, $4);
        }
  | '(' query ')' opt_alias_cols
        { $$ = ast_new(A, AST_SUBQUERY, @$); $$->a = $2; ast_set_alias($$, $4); }
    /* FROM (a JOIN b ON ...): a join in parentheses */
  | '(' joined_table ')'         { $$ = $2; $$->loc = @$; }
  | K_LATERAL '(' query ')' opt_alias_cols
        { $$ = ast_new(A, AST_SUBQUERY, @$); $$->a = $3; $$->flag = 1; ast_set_alias($$, $5); }
  | K_TABLE '(' call ')' opt_alias_cols
        { $$ = ast_new(A, AST_TVF, @$); $$->a = $3; ast_set_alias($$, $5); }
    /* Flink 2.1: a process table function called directly, FROM f(TABLE t, ...) */
  | call_base opt_alias_cols
        { $$ = ast_new(A, AST_TVF, @$); $$->a = $1; ast_set_alias($$, $2); }
  | K_LATERAL K_TABLE '(' call ')' opt_alias_cols
        { $$ = ast_new(A, AST_TVF, @$); $$->a = $4; $$->flag = 1; ast_set_alias($$, $6); }
  | K_UNNEST '(' expr_list ')' opt_ordinality opt_alias_cols
        { $$ = ast_new(A, AST_UNNEST, @$); $$->list = $3; $$->flag = $5; ast_set_alias($$, $6); }
  | K_LATERAL K_UNNEST '(' expr_list ')' opt_ordinality opt_alias_cols
        { $$ = ast_new(A, AST_UNNEST, @$); $$->list = $4; $$->flag = $6; ast_set_alias($$, $7); }
  ;

opt_ordinality: %empty { $$ = 0; } | K_WITH K_ORDINALITY { $$ = 1; } ;

opt_snapshot:
    %empty                       { $$ = NULL; }
  | K_FOR K_SYSTEM_TIME K_AS K_OF bexpr
        { $$ = ast_clause(A, "FOR SYSTEM_TIME AS OF", @$); $$->a = $5; }
  ;

/* MATCH_RECOGNIZE (PARTITION BY ... ORDER BY ... MEASURES ... ONE ROW PER
 * MATCH ... AFTER MATCH SKIP ... PATTERN (...) WITHIN ... DEFINE ...) */
match_recognize:
    opt_partition_by opt_order_by opt_measures mr_rows mr_after K_PATTERN '(' pattern ')' opt_within
    opt_subset K_DEFINE mr_defines
        {
            $$ = ast_new(A, AST_MATCH_RECOGNIZE, @$);
            $$->list = $1; $$->list2 = $2; $$->op = $4; $$->b = $8; $$->list3 = $13;
        }
  ;

opt_partition_by: %empty { $$ = ast_list_empty(); } | K_PARTITION K_BY expr_list { $$ = $3; } ;

opt_measures: %empty | K_MEASURES mr_measures ;
mr_measures:
    mr_measure                   { $$ = ast_list_empty(); }
  | mr_measures ',' mr_measure   { $$ = $1; }
  ;
/* FINAL/RUNNING LAST(A.price) AS x; both words are names too (Nexmark's q4 has a column final) */
mr_measure: expr K_AS ident | K_FINAL call K_AS ident | K_RUNNING call K_AS ident ;

mr_rows:
    %empty                       { $$ = 0; }
  | K_ONE K_ROW K_PER K_MATCH    { $$ = 0; }
  | K_ALL K_ROWS K_PER K_MATCH opt_empty_matches { $$ = 1; }
  ;
/* SHOW EMPTY MATCHES, OMIT EMPTY MATCHES, WITH UNMATCHED ROWS */
opt_empty_matches: %empty | K_SHOW K_EMPTY IDENT | IDENT K_EMPTY IDENT | K_WITH IDENT K_ROWS ;

mr_after:
    %empty                       { $$ = NULL; }
  | K_AFTER K_MATCH K_SKIP K_TO K_NEXT K_ROW { $$ = NULL; }
  | K_AFTER K_MATCH K_SKIP K_PAST K_LAST K_ROW { $$ = NULL; }
  | K_AFTER K_MATCH K_SKIP K_TO K_FIRST IDENT { $$ = NULL; }
  | K_AFTER K_MATCH K_SKIP K_TO K_LAST IDENT { $$ = NULL; }
  | K_AFTER K_MATCH K_SKIP K_TO IDENT { $$ = NULL; }
  ;

pattern:
    pattern_term
  | pattern '|' pattern_term     { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '|'; $$->a = $1; $$->b = $3; }
  ;

pattern_term:
    pattern_factor
  | pattern_term pattern_factor  { $$ = ast_new(A, AST_PATTERN, @$); $$->op = ' '; $$->a = $1; $$->b = $2; }
  ;

pattern_factor:
    pattern_primary
  | pattern_primary pattern_quant { $$ = $2; $$->a = $1; $$->loc = @$; }
  ;

pattern_quant:
    '*' opt_reluctant            { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '*'; $$->flag = $2; }
  | '+' opt_reluctant            { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '+'; $$->flag = $2; }
  | '?' opt_reluctant            { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '?'; $$->flag = $2; }
  | '{' INTEGER_LIT '}' opt_reluctant { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '{'; $$->flag = $4; }
  | '{' INTEGER_LIT ',' '}' opt_reluctant { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '{'; $$->flag = $5; }
  | '{' INTEGER_LIT ',' INTEGER_LIT '}' opt_reluctant { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '{'; $$->flag = $6; }
  | '{' ',' INTEGER_LIT '}' opt_reluctant { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '{'; $$->flag = $5; }
  ;

opt_reluctant: %empty { $$ = 0; } | '?' { $$ = 1; } ;

pattern_primary:
    ident                        { $$ = ast_ident(A, $1); }
  | '(' pattern ')'              { $$ = $2; }
  | EXCL_OPEN pattern EXCL_CLOSE { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '-'; $$->a = $2; }
  | K_PERMUTE '(' pattern_list ')' { $$ = ast_new(A, AST_PATTERN, @$); $$->op = 'P'; $$->list = $3; }
  | '^'                          { $$ = ast_new(A, AST_PATTERN, @$); $$->op = '^'; }
  ;

pattern_list:
    pattern                      { $$ = ast_list1($1); }
  | pattern_list ',' pattern     { $$ = ast_list_append($1, $3); }
  ;

opt_within: %empty | K_WITHIN interval_literal ;
opt_subset: %empty | K_SUBSET subset_list ;
subset_list: subset_item | subset_list ',' subset_item ;
subset_item: ident '=' '(' ident_list ')' ;

mr_defines:
    ident K_AS expr              { $$ = ast_list_empty(); }
  | mr_defines ',' ident K_AS expr { $$ = $1; }
  ;

opt_where: %empty { $$ = NULL; } | K_WHERE expr { $$ = $2; } ;
opt_group_by:
    %empty                       { $$ = ast_list_empty(); }
  | K_GROUP K_BY group_list      { $$ = $3; }
  | K_GROUP K_BY K_ALL group_list { $$ = $4; }
    /* Calcite's GROUP BY DISTINCT (duplicate grouping sets removed): parsed, not compiled */
  | K_GROUP K_BY K_DISTINCT group_list
        { $$ = ast_list1(ast_clause(A, "GROUP BY DISTINCT", loc_span(@1, @3))); }
  ;
opt_having: %empty { $$ = NULL; } | K_HAVING expr { $$ = $2; } ;

group_list:
    group_item                   { $$ = ast_list1($1); }
  | group_list ',' group_item    { $$ = ast_list_append($1, $3); }
  ;

/* ROLLUP(...) and CUBE(...) are calls to the analyzer; () is the empty group */
group_item:
    expr
  | '(' ')'                      { $$ = ast_new(A, AST_ROW_CTOR, @$); $$->flag = 1; }
  | K_GROUPING K_SETS '(' group_list ')'
        { $$ = ast_new(A, AST_GROUPING_SETS, @$); $$->list = $4; }
  ;

opt_window_clause:
    %empty                       { $$ = NULL; }
  | K_WINDOW window_defs         { $$ = ast_clause(A, "WINDOW", @$); $$->list = $2; }
  ;

window_defs:
    window_def                   { $$ = ast_list1($1); }
  | window_defs ',' window_def   { $$ = ast_list_append($1, $3); }
  ;

window_def: ident K_AS '(' window_spec ')' { $$ = $4; $$->name = $1; $$->loc = @$; } ;

/* ---------------------------------------------------------------- hints */

opt_hints:
    %empty                       { $$ = ast_list_empty(); }
  | HINT_START hint_list HINT_END { $$ = $2; }
  ;

hint_list:
    hint                         { $$ = ast_list1($1); }
  | hint_list ',' hint           { $$ = ast_list_append($1, $3); }
  ;

hint:
    ident                        { $$ = ast_new(A, AST_HINT, @$); $$->name = $1; }
  | ident '(' ')'                { $$ = ast_new(A, AST_HINT, @$); $$->name = $1; }
  | ident '(' hint_args ')'      { $$ = ast_new(A, AST_HINT, @$); $$->name = $1; $$->list = $3; }
  ;

hint_args:
    hint_arg                     { $$ = ast_list1($1); }
  | hint_args ',' hint_arg       { $$ = ast_list_append($1, $3); }
  ;

/* Calcite's hint options: 'key' = 'value' pairs (a key may be a simple
 * identifier, a value a number or an identifier too), or a list of
 * literals, or of identifiers. */
hint_arg:
    option
  | STRING_LIT '=' hint_word
        { $$ = ast_new(A, AST_OPTION, @$); $$->text = $1; $$->text2 = $3; $$->b_loc = @3; $$->c = NULL; }
  | ident '=' STRING_LIT
        { $$ = ast_new(A, AST_OPTION, @$); $$->text = $1.s; $$->text2 = $3; $$->b_loc = @3; $$->c = NULL; }
  | ident '=' hint_word
        { $$ = ast_new(A, AST_OPTION, @$); $$->text = $1.s; $$->text2 = $3; $$->b_loc = @3; $$->c = NULL; }
  | STRING_LIT                   { $$ = ast_literal(A, LIT_STRING, $1, @$); }
  | DECIMAL_LIT                  { $$ = ast_literal(A, LIT_DECIMAL, $1, @$); }
  | INTEGER_LIT                  { $$ = ast_literal(A, LIT_INTEGER, $1, @$); }
  | compound_name                { $$ = ast_new(A, AST_COLREF, @$); $$->list = $1; }
  ;

hint_word:
    INTEGER_LIT
  | DECIMAL_LIT
  | ident                        { $$ = $1.s; }
  ;

/* ---------------------------------------------------------------- expressions */

expr_list:
    expr                         { $$ = ast_list1($1); }
  | expr_list ',' expr           { $$ = ast_list_append($1, $3); }
  ;

opt_expr_list: %empty { $$ = ast_list_empty(); } | expr_list ;

expr:
    expr K_OR expr               { $$ = ast_binary(A, OP_OR, $1, $3, @$); }
  | expr K_AND expr              { $$ = ast_binary(A, OP_AND, $1, $3, @$); }
  | K_NOT expr                   { $$ = ast_unary(A, OP_NOT, $2, @$); }
  | expr K_IS opt_not K_NULL     { $$ = ast_is(A, IS_NULL, $3, $1, NULL, @$); }
  | expr K_IS opt_not K_TRUE     { $$ = ast_is(A, IS_TRUE, $3, $1, NULL, @$); }
  | expr K_IS opt_not K_FALSE    { $$ = ast_is(A, IS_FALSE, $3, $1, NULL, @$); }
  | expr K_IS opt_not K_UNKNOWN  { $$ = ast_is(A, IS_UNKNOWN, $3, $1, NULL, @$); }
  | expr K_IS opt_not K_DISTINCT K_FROM bexpr %prec K_IS
                                 { $$ = ast_is(A, IS_DISTINCT_FROM, $3, $1, $6, @$); }
  | expr K_IS opt_not K_JSON %prec IS_JSON_ANY
                                 { $$ = ast_is(A, IS_JSON, $3, $1, NULL, @$); }
  | expr K_IS opt_not K_JSON json_kind %prec K_IS
                                 { $$ = ast_is(A, IS_JSON, $3, $1, NULL, @$); }
    /* x = ANY (subquery), x > ALL (subquery): parsed, not compiled */
  | expr '=' quantifier '(' query ')' { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
  | expr NE quantifier '(' query ')'  { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
  | expr '<' quantifier '(' query ')' { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
  | expr LE quantifier '(' query ')'  { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
  | expr '>' quantifier '(' query ')' { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
  | expr GE quantifier '(' query ')'  { $$ = ast_clause(A, "a quantified comparison (ANY, SOME, ALL)", @$); }
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
  | expr K_IN '(' query_np ')' %prec K_IN
        { $$ = ast_new(A, AST_IN, @$); $$->a = $1; $$->b = $4; }
  | expr K_NOT K_IN '(' query_np ')' %prec K_IN
        { $$ = ast_new(A, AST_IN, @$); $$->a = $1; $$->b = $5; $$->flag = 1; }
  | expr K_LIKE bexpr %prec K_LIKE
        { $$ = ast_like(A, 0, 0, $1, $3, NULL, @$); }
  | expr K_LIKE bexpr K_ESCAPE bexpr %prec K_LIKE
        { $$ = ast_like(A, 0, 0, $1, $3, $5, @$); }
  | expr K_NOT K_LIKE bexpr %prec K_LIKE
        { $$ = ast_like(A, 0, 1, $1, $4, NULL, @$); }
  | expr K_NOT K_LIKE bexpr K_ESCAPE bexpr %prec K_LIKE
        { $$ = ast_like(A, 0, 1, $1, $4, $6, @$); }
  | expr K_SIMILAR K_TO bexpr %prec K_SIMILAR
        { $$ = ast_like(A, 1, 0, $1, $4, NULL, @$); }
  | expr K_SIMILAR K_TO bexpr K_ESCAPE bexpr %prec K_SIMILAR
        { $$ = ast_like(A, 1, 0, $1, $4, $6, @$); }
  | expr K_NOT K_SIMILAR K_TO bexpr %prec K_SIMILAR
        { $$ = ast_like(A, 1, 1, $1, $5, NULL, @$); }
  | expr K_NOT K_SIMILAR K_TO bexpr K_ESCAPE bexpr %prec K_SIMILAR
        { $$ = ast_like(A, 1, 1, $1, $5, $7, @$); }
  | K_EXISTS '(' query_np ')'    { $$ = ast_new(A, AST_EXISTS, @$); $$->a = $3; }
  | bexpr
  ;

opt_not: %empty { $$ = 0; } | K_NOT { $$ = 1; } ;
json_kind: K_VALUE | K_SCALAR | K_ARRAY | K_OBJECT ;

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

/* A name is a primary on its own; element and field access apply to any
 * primary, but a field of a plain name is part of the name (a.b.c). */
primary:
    compound_name                { $$ = ast_new(A, AST_COLREF, @$); $$->list = $1; }
  | primary_nn
  ;

primary_nn:
    literal
  | call
  | special_call
  | '(' expr ')'                 { $$ = $2; $$->loc = @$; }
  | '(' expr ',' expr_list ')'
        { $$ = ast_new(A, AST_ROW_CTOR, @$); $$->list = ast_list_prepend($2, $4); $$->flag = 1; }
  | '(' query_np ')'             { $$ = ast_new(A, AST_SUBQUERY_EXPR, @$); $$->a = $2; }
  | case_expr
  | K_CAST '(' expr K_AS type ')'
        { $$ = ast_new(A, AST_CAST, @$); $$->a = $3; $$->b = $5; }
  | K_TRY_CAST '(' expr K_AS type ')'
        { $$ = ast_new(A, AST_CAST, @$); $$->a = $3; $$->b = $5; $$->flag = 1; }
  | K_ARRAY '[' opt_expr_list ']'
        { $$ = ast_new(A, AST_ARRAY_CTOR, @$); $$->list = $3; }
  | K_MAP '[' opt_expr_list ']'
        { $$ = ast_new(A, AST_MAP_CTOR, @$); $$->list = $3; }
  | primary '[' expr ']'
        { $$ = ast_new(A, AST_ELEMENT, @$); $$->a = $1; $$->b = $3; }
  | primary_nn '.' ident
        { $$ = ast_new(A, AST_FIELD_ACCESS, @$); $$->a = $1; $$->name = $3; }
  ;

/* Functions with SQL's own argument syntax, as calls with keyword arguments
 * (AST_SYMBOL) where Calcite has them: EXTRACT(DAY FROM ts) is
 * EXTRACT(DAY, ts), TRIM(LEADING 'x' FROM s) is TRIM(LEADING, 'x', s). */
special_call:
    K_EXTRACT '(' ident K_FROM expr ')'
        { $$ = ast_call(A, kw_name("EXTRACT", @1), ast_list_append(ast_list1(ast_symbol(A, $3.s, @3)), $5), false, @$); }
  | K_POSITION '(' bexpr K_IN bexpr ')'
        { $$ = ast_call(A, kw_name("POSITION", @1), ast_list_append(ast_list1($3), $5), false, @$); }
  | K_POSITION '(' bexpr K_IN bexpr K_FROM bexpr ')'
        { $$ = ast_call(A, kw_name("POSITION", @1), ast_list_append(ast_list_append(ast_list1($3), $5), $7), false, @$); }
  | K_TRIM '(' expr ')'
        { $$ = ast_trim(A, @1, "BOTH", NULL, $3, @$); }
  | K_TRIM '(' K_FROM expr ')'
        { $$ = ast_trim(A, @1, "BOTH", NULL, $4, @$); }
  | K_TRIM '(' trim_where K_FROM expr ')'
        { $$ = ast_trim(A, @1, $3 == 0 ? "BOTH" : $3 == 1 ? "LEADING" : "TRAILING", NULL, $5, @$); }
  | K_TRIM '(' trim_where expr K_FROM expr ')'
        { $$ = ast_trim(A, @1, $3 == 0 ? "BOTH" : $3 == 1 ? "LEADING" : "TRAILING", $4, $6, @$); }
  | K_TRIM '(' expr K_FROM expr ')'
        { $$ = ast_trim(A, @1, "BOTH", $3, $5, @$); }
  | K_SUBSTRING '(' expr K_FROM expr ')'
        { $$ = ast_call(A, kw_name("SUBSTRING", @1), ast_list_append(ast_list1($3), $5), false, @$); }
  | K_SUBSTRING '(' expr K_FROM expr K_FOR expr ')'
        { $$ = ast_call(A, kw_name("SUBSTRING", @1), ast_list_append(ast_list_append(ast_list1($3), $5), $7), false, @$); }
  | K_SUBSTRING '(' expr_list ')'
        { $$ = ast_call(A, kw_name("SUBSTRING", @1), $3, false, @$); }
  | K_OVERLAY '(' expr K_PLACING expr K_FROM expr ')'
        { $$ = ast_call(A, kw_name("OVERLAY", @1), ast_list_append(ast_list_append(ast_list1($3), $5), $7), false, @$); }
  | K_OVERLAY '(' expr K_PLACING expr K_FROM expr K_FOR expr ')'
        {
            ast_list_t l = ast_list_append(ast_list_append(ast_list1($3), $5), $7);
            $$ = ast_call(A, kw_name("OVERLAY", @1), ast_list_append(l, $9), false, @$);
        }
  | floor_kw '(' expr ')'
        { $$ = ast_call(A, kw_name($1, @1), ast_list1($3), false, @$); }
  | floor_kw '(' expr K_TO ident ')'
        { $$ = ast_call(A, kw_name($1, @1), ast_list_append(ast_list1($3), ast_symbol(A, $5.s, @5)), false, @$); }
  | K_CURRENT_TIMESTAMP opt_precision { $$ = ast_niladic(A, "CURRENT_TIMESTAMP", @$); }
  | K_CURRENT_DATE               { $$ = ast_niladic(A, "CURRENT_DATE", @$); }
  | K_CURRENT_TIME opt_precision { $$ = ast_niladic(A, "CURRENT_TIME", @$); }
  | K_LOCALTIME opt_precision    { $$ = ast_niladic(A, "LOCALTIME", @$); }
  | K_LOCALTIMESTAMP opt_precision { $$ = ast_niladic(A, "LOCALTIMESTAMP", @$); }
  | K_JSON_VALUE '(' expr ',' expr json_opts ')'
        { $$ = ast_call(A, kw_name("JSON_VALUE", @1), ast_list_append(ast_list1($3), $5), false, @$); $$->list2 = $6; }
  | K_JSON_QUERY '(' expr ',' expr json_opts ')'
        { $$ = ast_call(A, kw_name("JSON_QUERY", @1), ast_list_append(ast_list1($3), $5), false, @$); $$->list2 = $6; }
  | K_JSON_EXISTS '(' expr ',' expr json_opts ')'
        { $$ = ast_call(A, kw_name("JSON_EXISTS", @1), ast_list_append(ast_list1($3), $5), false, @$); $$->list2 = $6; }
  | K_JSON_OBJECT '(' opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_OBJECT", @1), ast_list_empty(), false, @$); }
  | K_JSON_OBJECT '(' json_kvs opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_OBJECT", @1), $3, false, @$); }
  | K_JSON_ARRAY '(' opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_ARRAY", @1), ast_list_empty(), false, @$); }
  | K_JSON_ARRAY '(' expr_list opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_ARRAY", @1), $3, false, @$); }
  | K_JSON_OBJECTAGG '(' json_kv opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_OBJECTAGG", @1), ast_list1($3), false, @$); }
  | K_JSON_ARRAYAGG '(' expr opt_order_by opt_json_null ')'
        { $$ = ast_call(A, kw_name("JSON_ARRAYAGG", @1), ast_list1($3), false, @$); }
  ;

floor_kw: K_FLOOR | K_CEIL | K_CEILING ;

trim_where: K_BOTH { $$ = 0; } | K_LEADING { $$ = 1; } | K_TRAILING { $$ = 2; } ;

json_opts: %empty { $$ = ast_list_empty(); } | json_opts json_opt { $$ = ast_list_append($1, $2); } ;

json_opt:
    K_RETURNING simple_type      { $$ = $2; }
  | json_behavior K_ON K_EMPTY   { $$ = $1; }
  | json_behavior K_ON K_ERROR   { $$ = $1; }
  | K_WITHOUT opt_array K_WRAPPER { $$ = ast_symbol(A, "WITHOUT WRAPPER", @$); }
  | K_WITH opt_wrapper_kind opt_array K_WRAPPER { $$ = ast_symbol(A, "WITH WRAPPER", @$); }
  ;

json_behavior:
    K_NULL                       { $$ = ast_symbol(A, "NULL", @$); }
  | K_ERROR                      { $$ = ast_symbol(A, "ERROR", @$); }
  | K_TRUE                       { $$ = ast_symbol(A, "TRUE", @$); }
  | K_FALSE                      { $$ = ast_symbol(A, "FALSE", @$); }
  | K_UNKNOWN                    { $$ = ast_symbol(A, "UNKNOWN", @$); }
  | K_DEFAULT bexpr              { $$ = ast_symbol(A, "DEFAULT", @$); $$->a = $2; }
  | K_EMPTY K_ARRAY              { $$ = ast_symbol(A, "EMPTY ARRAY", @$); }
  | K_EMPTY K_OBJECT             { $$ = ast_symbol(A, "EMPTY OBJECT", @$); }
  ;

opt_array: %empty | K_ARRAY ;
opt_wrapper_kind: %empty | K_CONDITIONAL | K_UNCONDITIONAL ;

json_kvs:
    json_kv                      { $$ = ast_list1($1); }
  | json_kvs ',' json_kv         { $$ = ast_list_append($1, $3); }
  ;

/* [KEY] key VALUE value; the key is a literal or a name (KEY is also a name) */
json_kv:
    K_KEY json_key K_VALUE bexpr { $$ = ast_row2(A, $2, $4, @$); }
  | json_key K_VALUE bexpr       { $$ = ast_row2(A, $1, $3, @$); }
  ;

json_key:
    literal
  | IDENT                        { $$ = ast_new(A, AST_COLREF, @$); $$->list = ast_list1(ast_ident(A, $1)); }
  ;

opt_json_null:
    %empty                       { $$ = NULL; }
  | K_NULL K_ON K_NULL           { $$ = ast_symbol(A, "NULL ON NULL", @$); }
  | K_ABSENT K_ON K_NULL         { $$ = ast_symbol(A, "ABSENT ON NULL", @$); }
  ;

/* name(args) [FILTER (WHERE ...)] [OVER window] */
call:
    call_base opt_null_treatment opt_within_group opt_filter opt_over
        { $$ = $1; $$->b = $4; $$->c = $5; $$->loc = @$; if ($2 || $3) $$->list2 = ast_list1(ast_symbol(A, $3 ? "WITHIN GROUP" : "RESPECT/IGNORE NULLS", @2)); }
  | K_IF '(' expr_list ')'
        { $$ = ast_call(A, kw_name("IF", @1), $3, false, @$); }
  ;

call_base:
    compound_name '(' ')'
        { $$ = ast_call(A, $1.tail->name, ast_list_empty(), false, @$); $$->a = $1.count > 1 ? $1.head : NULL; }
  | compound_name '(' opt_distinct call_args ')'
        { $$ = ast_call(A, $1.tail->name, $4, $3, @$); $$->a = $1.count > 1 ? $1.head : NULL; }
    /* ARRAY_AGG(x RESPECT NULLS ORDER BY y): the order and null treatment inside */
  | compound_name '(' opt_distinct call_args null_treatment opt_order_by ')'
        {
            $$ = ast_call(A, $1.tail->name, $4, $3, @$); $$->a = $1.count > 1 ? $1.head : NULL;
            $$->list2 = ast_list1(ast_symbol(A, "RESPECT/IGNORE NULLS", @5));
        }
  | compound_name '(' opt_distinct call_args K_ORDER K_BY order_list ')'
        {
            $$ = ast_call(A, $1.tail->name, $4, $3, @$); $$->a = $1.count > 1 ? $1.head : NULL;
            $$->list2 = ast_list1(ast_symbol(A, "ORDER BY", @5));
        }
  | compound_name '(' '*' ')'
        { $$ = ast_call(A, $1.tail->name, ast_list_empty(), false, @$); $$->flag2 = 1; $$->a = $1.count > 1 ? $1.head : NULL; }
  ;

call_args:
    call_arg                     { $$ = ast_list1($1); }
  | call_args ',' call_arg       { $$ = ast_list_append($1, $3); }
  ;

/* named arguments (name => value) and the table arguments of table functions */
call_arg:
    expr
  | ident ARROW expr             { $$ = ast_named_arg(A, $1, $3, @$); }
  | ident ARROW K_TABLE compound_name opt_table_partition
        { $$ = ast_named_arg(A, $1, ast_table_arg(A, $4, @3), @$); }
  | ident ARROW K_MODEL compound_name
        { ast_t *m = ast_table_arg(A, $4, @3); m->flag = 1; $$ = ast_named_arg(A, $1, m, @$); }
  | K_TABLE compound_name opt_table_partition { $$ = ast_table_arg(A, $2, @$); }
    /* Flink 2.1's ML_PREDICT(TABLE t, MODEL m, ...) */
  | K_MODEL compound_name        { $$ = ast_table_arg(A, $2, @$); $$->flag = 1; }
  ;

opt_table_partition: %empty | K_PARTITION K_BY bexpr ;

null_treatment: K_RESPECT K_NULLS | K_IGNORE K_NULLS ;
opt_null_treatment: %empty %prec NO_NULL_TREATMENT { $$ = 0; } | null_treatment { $$ = 1; } ;
opt_within_group: %empty { $$ = 0; } | K_WITHIN K_GROUP '(' K_ORDER K_BY order_list ')' { $$ = 1; } ;

opt_filter:
    %empty                       { $$ = NULL; }
  | K_FILTER '(' K_WHERE expr ')' { $$ = $4; }
  ;

opt_over:
    %empty                       { $$ = NULL; }
  | K_OVER ident                 { $$ = ast_new(A, AST_WINDOW_SPEC, @$); $$->text = $2.s; $$->b_loc = @2; }
  | K_OVER '(' window_spec ')'   { $$ = $3; $$->loc = @$; }
  ;

/* [base window] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame] */
window_spec:
    opt_partition_by opt_order_by frame
        { $$ = ast_new(A, AST_WINDOW_SPEC, @$); $$->list = $1; $$->list2 = $2; $$->a = $3; }
  | ident opt_partition_by opt_order_by frame
        {
            $$ = ast_new(A, AST_WINDOW_SPEC, @$); $$->text = $1.s; $$->b_loc = @1;
            $$->list = $2; $$->list2 = $3; $$->a = $4;
        }
  ;

frame:
    %empty                       { $$ = NULL; }
  | K_ROWS frame_bound           { $$ = ast_frame(A, 0, $2, NULL, @$); }
  | K_RANGE frame_bound          { $$ = ast_frame(A, 1, $2, NULL, @$); }
  | K_ROWS K_BETWEEN frame_bound K_AND frame_bound { $$ = ast_frame(A, 0, $3, $5, @$); }
  | K_RANGE K_BETWEEN frame_bound K_AND frame_bound { $$ = ast_frame(A, 1, $3, $5, @$); }
  ;

frame_bound:
    K_UNBOUNDED K_PRECEDING      { $$ = ast_bound(A, BOUND_UNBOUNDED_PRECEDING, NULL, @$); }
  | K_UNBOUNDED K_FOLLOWING      { $$ = ast_bound(A, BOUND_UNBOUNDED_FOLLOWING, NULL, @$); }
  | K_CURRENT K_ROW              { $$ = ast_bound(A, BOUND_CURRENT_ROW, NULL, @$); }
  | bexpr K_PRECEDING            { $$ = ast_bound(A, BOUND_PRECEDING, $1, @$); }
  | bexpr K_FOLLOWING            { $$ = ast_bound(A, BOUND_FOLLOWING, $1, @$); }
  ;

literal:
    INTEGER_LIT                  { $$ = ast_literal(A, LIT_INTEGER, $1, @$); }
  | DECIMAL_LIT                  { $$ = ast_literal(A, LIT_DECIMAL, $1, @$); }
  | APPROX_LIT                   { $$ = ast_literal(A, LIT_APPROX, $1, @$); }
  | STRING_LIT                   { $$ = ast_literal(A, LIT_STRING, $1, @$); }
    /* 'abc'
     * 'def' is 'abcdef' (the SQL standard's continuation, across a line break) */
  | literal STRING_LIT
        {
            if ($1->op != LIT_STRING || ls_same_line(ls, @1.end, @2.begin))
                diag_error(ls->diag, @2, "%s", $1->op != LIT_STRING ? "syntax error: unexpected string literal"
                                                                     : "String literal continued on same line");
            $$ = $1;
            $$->text = arena_printf(A, "%s%s", $1->text, $2);
            $$->loc = @$;
        }
  | BINARY_LIT                   { $$ = ast_literal(A, LIT_BINARY, $1, @$); }
  | K_TRUE                       { $$ = ast_literal(A, LIT_TRUE, $1, @$); }
  | K_FALSE                      { $$ = ast_literal(A, LIT_FALSE, $1, @$); }
  | K_NULL                       { $$ = ast_literal(A, LIT_NULL, $1, @$); }
  | K_DATE STRING_LIT            { $$ = ast_literal(A, LIT_DATE, $2, @$); }
  | K_TIME STRING_LIT            { $$ = ast_literal(A, LIT_TIME, $2, @$); }
  | K_TIMESTAMP STRING_LIT       { $$ = ast_literal(A, LIT_TIMESTAMP, $2, @$); }
  | interval_literal
  ;

/* INTERVAL '2' SECOND, INTERVAL '1:30' MINUTE TO SECOND, INTERVAL -'1' DAY;
 * op2 is the leading unit, p1 the trailing one (the same for one unit) */
interval_literal:
    K_INTERVAL STRING_LIT interval_unit opt_precision %prec INTERVAL_ONE_UNIT
        { $$ = ast_literal(A, LIT_INTERVAL, $2, @$); $$->op2 = $3; $$->p1 = $3; $$->b_loc = @2; }
  | K_INTERVAL STRING_LIT interval_unit opt_precision K_TO interval_unit opt_precision
        { check_qualifier(ls, $3, $6, loc_span(@3, @7));
          $$ = ast_literal(A, LIT_INTERVAL, $2, @$); $$->op2 = $3; $$->p1 = $6; $$->b_loc = @2; }
  | K_INTERVAL '-' STRING_LIT interval_unit opt_precision %prec INTERVAL_ONE_UNIT
        { $$ = ast_literal(A, LIT_INTERVAL, $3, @$); $$->op2 = $4; $$->p1 = $4; $$->flag = 1; $$->b_loc = @3; }
  | K_INTERVAL '-' STRING_LIT interval_unit opt_precision K_TO interval_unit opt_precision
        { check_qualifier(ls, $4, $7, loc_span(@4, @8));
          $$ = ast_literal(A, LIT_INTERVAL, $3, @$); $$->op2 = $4; $$->p1 = $7; $$->flag = 1; $$->b_loc = @3; }
  | K_INTERVAL '+' STRING_LIT interval_unit opt_precision %prec INTERVAL_ONE_UNIT
        { $$ = ast_literal(A, LIT_INTERVAL, $3, @$); $$->op2 = $4; $$->p1 = $4; $$->b_loc = @3; }
  | K_INTERVAL '+' STRING_LIT interval_unit opt_precision K_TO interval_unit opt_precision
        { check_qualifier(ls, $4, $7, loc_span(@4, @8));
          $$ = ast_literal(A, LIT_INTERVAL, $3, @$); $$->op2 = $4; $$->p1 = $7; $$->b_loc = @3; }
  ;

/* the plural forms are Flink's own (its docs write INTERVAL '10' MINUTES) */
interval_unit:
    K_YEAR                       { $$ = UNIT_YEAR; }
  | K_YEARS                      { $$ = UNIT_YEAR; }
  | K_MONTH                      { $$ = UNIT_MONTH; }
  | K_MONTHS                     { $$ = UNIT_MONTH; }
  | K_DAY                        { $$ = UNIT_DAY; }
  | K_DAYS                       { $$ = UNIT_DAY; }
  | K_HOUR                       { $$ = UNIT_HOUR; }
  | K_HOURS                      { $$ = UNIT_HOUR; }
  | K_MINUTE                     { $$ = UNIT_MINUTE; }
  | K_MINUTES                    { $$ = UNIT_MINUTE; }
  | K_SECOND                     { $$ = UNIT_SECOND; }
  | K_SECONDS                    { $$ = UNIT_SECOND; }
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

reserved_keyword:
    K_ALL | K_AND | K_ANY | K_SOME | K_AS | K_ASYMMETRIC | K_BETWEEN | K_BOTH | K_BY | K_CASE | K_CAST | K_CEIL
  | K_CEILING | K_CONSTRAINT | K_CREATE | K_CROSS | K_CURRENT | K_CURRENT_DATE | K_CURRENT_TIME
  | K_CURRENT_TIMESTAMP | K_DEFAULT | K_DISTINCT | K_ELSE | K_END | K_ESCAPE | K_EXCEPT | K_EXISTS
  | K_EXTRACT | K_FALSE | K_FETCH | K_FILTER | K_FLOOR | K_FOR | K_FROM | K_FULL | K_GROUP
  | K_HAVING | K_IF | K_IN | K_INNER | K_INSERT | K_INTERSECT | K_INTERVAL | K_INTO | K_IS | K_JOIN
  | K_JSON_ARRAY | K_JSON_ARRAYAGG | K_JSON_EXISTS | K_JSON_OBJECT | K_JSON_OBJECTAGG | K_JSON_QUERY
  | K_JSON_VALUE | K_LATERAL | K_LEADING | K_LEFT | K_LIKE | K_LIMIT | K_LOCALTIME
  | K_LOCALTIMESTAMP | K_MATCH_RECOGNIZE | K_MINUS | K_NATURAL | K_NOT | K_NULL | K_ON | K_OR
  | K_ORDER | K_OUTER | K_OVER | K_OVERLAY | K_PERMUTE | K_POSITION | K_PRIMARY
  | K_RANGE | K_RIGHT | K_ROWS
  | K_SELECT | K_SIMILAR | K_SUBSTRING | K_SYMMETRIC | K_TABLE | K_THEN | K_TO | K_TRAILING
  | K_TRIM | K_TRUE | K_TRY_CAST | K_UNION | K_UNNEST | K_USING | K_VALUES | K_WHEN
  | K_WHERE | K_WINDOW | K_WITH | K_WITHIN
  ;

unreserved_keyword:
    K_PLACING | K_ABSENT | K_ADD | K_AFTER | K_ALTER | K_ANALYZE | K_ARRAY | K_ASC | K_BEGIN | K_BIGINT
  | K_BINARY | K_BOOLEAN | K_BYTES | K_CALL | K_CATALOG | K_CHAR | K_CHARACTER | K_COMMENT
  | K_COMPILE | K_CONDITIONAL | K_DATABASE | K_DATE | K_DAY | K_DAYS | K_DEC | K_DECIMAL
  | K_DEFINE | K_DESC | K_DESCRIBE | K_DISTRIBUTED | K_DOUBLE | K_DROP | K_EMPTY | K_ENFORCED
  | K_ERROR | K_EXECUTE | K_EXPLAIN | K_FINAL | K_FIRST | K_FLOAT | K_FOLLOWING | K_FUNCTION
  | K_GROUPING | K_HOUR | K_HOURS | K_INT | K_INTEGER | K_JAR | K_JSON | K_KEY | K_LANGUAGE
  | K_LAST | K_LOAD | K_LOCAL | K_MAP | K_MATCH | K_MEASURES | K_METADATA | K_MINUTE | K_MINUTES
  | K_MODULES | K_MONTH | K_MONTHS | K_MULTISET | K_NEXT | K_NULLS | K_NUMERIC | K_OBJECT | K_OF
  | K_OFFSET | K_ONE | K_ONLY | K_ORDINALITY | K_OVERWRITE
  | K_PARTITION | K_PARTITIONED | K_PAST | K_PATTERN | K_PER | K_PLAN | K_PRECEDING
  | K_PRECISION | K_RAW | K_REAL | K_REMOVE | K_REPLACE | K_RESET | K_RETURNING
  | K_ROW | K_RUNNING | K_SCALAR | K_SECOND | K_SECONDS | K_SET | K_SETS | K_SHOW
  | K_SKIP | K_SMALLINT | K_STATEMENT | K_STRING | K_SUBSET | K_SYSTEM | K_SYSTEM_TIME
  | K_TEMPORARY | K_TIME | K_TIMESTAMP | K_TIMESTAMP_LTZ | K_TINYINT | K_UNCONDITIONAL
  | K_UNKNOWN | K_UNLOAD | K_USE | K_VALUE | K_VARBINARY | K_VARCHAR | K_VARIANT | K_VARYING
  | K_VIEW | K_VIRTUAL | K_WATERMARK | K_WITHOUT | K_WRAPPER | K_YEAR | K_YEARS
  | K_ZONE | K_DELETE | K_MODEL | K_STOP | K_TRUNCATE | K_UPDATE | K_BITMAP | K_UNIQUE
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
    yysymbol_kind_t expected[YYNTOKENS];
    int all = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    bool comma = false;
    for (int i = 0; i < all; i++)
        comma = comma || strcmp(yysymbol_name(expected[i]), "','") == 0;
    int n = all < 6 ? all : 0; /* listed when few */
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
    for (int i = 0; i < all; i++)
        stmt_start = stmt_start || expected[i] == YYSYMBOL_K_CREATE;
    if (stmt_start) {
        k += (size_t)snprintf(msg + k, sizeof msg - k, "; expected a statement (CREATE, INSERT, SET, EXECUTE, ...)");
    } else if (n == 0 && comma && (got == YYSYMBOL_IDENT || got == YYSYMBOL_STRING_LIT || got == YYSYMBOL_INTEGER_LIT)) {
        k += (size_t)snprintf(msg + k, sizeof msg - k, "; is a ',' missing before it?");
    } else if (n > 0 && n < 6) {
        k += (size_t)snprintf(msg + k, sizeof msg - k, "; expected ");
        for (int i = 0; i < n && k < sizeof msg; i++)
            k += (size_t)snprintf(msg + k, sizeof msg - k, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                                  sym_name(expected[i]));
    }
    diag_error(ls->diag, *loc, "%s", msg);
    return 0;
}
