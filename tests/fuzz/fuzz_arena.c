/* This file replaces compiler/arena.c in the sanitized builds of the compiler
 * (fuzzers and SQLKC_SANITIZE replay): the same API (arena.h), but every
 * allocation is its own malloc of exactly the size asked for, so that ASan
 * sees an overrun of one arena object into the next, which a bump allocator
 * hides. Freed together, as the real arena does. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_block {
    arena_block_t *next;
    _Alignas(16) unsigned char data[];
};

void arena_init(arena_t *a) { a->head = NULL; }

void arena_free(arena_t *a)
{
    arena_block_t *b = a->head;
    while (b) {
        arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *arena_alloc(arena_t *a, size_t n)
{
    arena_block_t *b = calloc(1, sizeof *b + n);
    if (!b) {
        fputs("sqlkc: internal error: out of memory\n", stderr);
        exit(2);
    }
    b->next = a->head;
    a->head = b;
    return b->data;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena_t *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}
