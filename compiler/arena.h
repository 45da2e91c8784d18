/* This file declares the arena allocator: all compiler data (tokens, AST, types,
 * plan) lives in one arena per compilation and is freed at once. */
#ifndef SQLKC_ARENA_H
#define SQLKC_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct arena_block arena_block_t;
typedef struct arena {
    arena_block_t *head;
} arena_t;

void arena_init(arena_t *a);
void arena_free(arena_t *a);
/* Zeroed memory, 16-byte aligned, owned by the arena. Aborts on out of memory
 * (exit 2: an internal error). */
void *arena_alloc(arena_t *a, size_t n);
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_strdup(arena_t *a, const char *s);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for one more element in an arena array of n elements of `size` bytes
 * and capacity *cap: the array itself, or a copy twice as large (first:
 * the capacity of the first allocation). */
static inline void *arena_grow(arena_t *a, void *arr, int n, int *cap, size_t size, int first)
{
    if (n < *cap)
        return arr;
    int ncap = *cap ? *cap * 2 : first;
    void *grown = arena_alloc(a, size * (size_t)ncap);
    if (n)
        memcpy(grown, arr, size * (size_t)n);
    *cap = ncap;
    return grown;
}

#endif
