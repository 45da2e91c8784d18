/* This file declares the emitter that all code generation writes through:
 * indented lines, blocks, and C literals escaped so that nothing in a .sql
 * file can inject C. */
#ifndef SQLKC_EMIT_H
#define SQLKC_EMIT_H

#include <stddef.h>

#include "arena.h"

typedef struct emit {
    void (*out)(void *arg, const char *s);
    void *arg;
    int indent;
    arena_t *arena;
} emit_t;

void emit_line(emit_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A line ending in " {", then one level deeper. */
void emit_open(emit_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One level shallower, then "}" followed by suffix (e.g. " else {" or ";"). */
void emit_close(emit_t *e, const char *suffix);
void emit_blank(emit_t *e);
/* Raw text, no indentation (templates). */
void emit_raw(emit_t *e, const char *s);

/* A C string literal (with quotes) for arbitrary bytes. */
const char *emit_cstr(arena_t *a, const char *s, size_t n);
/* Text safe inside a C comment (no comment terminators, one line). */
const char *emit_comment(arena_t *a, const char *s);

/* Fills a template: $name$ is replaced by the value of name; $$ is '$'. */
void emit_template(emit_t *e, const char *tpl, const char *const *names, const char *const *values, int n);

#endif
