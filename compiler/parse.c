/* This file runs the scanner and the grammar over one source text: the
 * scanner's error tokens are reported here, with their locations. */
#include <stdio.h>
#include <stdlib.h>

#include "lex.h"
#include "parser.h"
#include "lexer.h"

int lex_scan(SQL_YYSTYPE *lval, loc_t *lloc, yyscan_t scanner);

_Noreturn void lex_fatal(const char *msg)
{
    fprintf(stderr, "sqlkc: internal error: scanner: %s\n", msg);
    exit(2);
}

int sql_yylex(SQL_YYSTYPE *lval, loc_t *lloc, yyscan_t scanner)
{
    int tok = lex_scan(lval, lloc, scanner);
    struct lex_state *ls = sql_yyget_extra(scanner);
    /* one bad character per statement is reported: the rest of the
     * statement is skipped by the parser's recovery anyway */
    if (tok == LEX_ERROR && !ls->lex_error_in_stmt)
        diag_error(ls->diag, *lloc, "%s", lval->str);
    if (tok == LEX_ERROR)
        ls->lex_error_in_stmt = true;
    else if (tok == ';')
        ls->lex_error_in_stmt = false;
    ls->last_tok = tok;
    return tok;
}

int sql_yyparse(yyscan_t scanner, struct lex_state *ls);

ast_list_t ast_parse(arena_t *arena, diag_t *diag)
{
    struct lex_state ls = {arena, diag, 0, 0, 0, false, {NULL, NULL, 0}};
    yyscan_t scanner;
    if (sql_yylex_init_extra(&ls, &scanner) != 0)
        lex_fatal("cannot initialise");
    YY_BUFFER_STATE buf = sql_yy_scan_bytes(diag->src, (int)diag->len, scanner);
    sql_yyparse(scanner, &ls);
    sql_yy_delete_buffer(buf, scanner);
    sql_yylex_destroy(scanner);
    return ls.result;
}
