/* This file declares what the scanner and the grammar share: the scanner's
 * state (arena, byte position) and its helpers. */
#ifndef SQLKC_LEX_H
#define SQLKC_LEX_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

struct lex_state {
    arena_t *arena;
    diag_t *diag;
    size_t pos;           /* byte offset of the next token */
    size_t comment_begin; /* where an open comment started */
    int last_tok;         /* the token returned before (0 at the start) */
    bool lex_error_in_stmt; /* a bad character was reported since the last ';' */
    ast_list_t result;    /* the statements, set by the grammar */
};

const char *lex_text(struct lex_state *ls, const char *s, size_t n);
/* The keyword token of a word (any case), or 0. */
int lex_keyword_is(const char *text);
_Noreturn void lex_fatal(const char *msg);

#endif
