/* This file holds the slow path of the output buffer: growing it. */
#include "sqlkc/buf.h"

#include <stdio.h>
#include <stdlib.h>

void sqlkc_rt_buf_grow(sqlkc_rt_buf_t *b, size_t extra) {
    size_t need = b->len + extra;
    if (need < b->len) {
        fprintf(stderr, "sqlkc runtime: buffer size overflow (%zu + %zu bytes)\n", b->len, extra);
        abort();
    }
    /* Doubling keeps appends amortised O(1); 256 avoids a string of tiny
     * reallocations for the first fields of the first record. */
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "sqlkc runtime: out of memory growing a buffer to %zu bytes\n", cap);
        abort();
    }
    b->p = p;
    b->cap = cap;
}
