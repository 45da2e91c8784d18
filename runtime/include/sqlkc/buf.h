/* This file is the growable byte buffer every encoder appends to: one per
 * output record, reset and reused, so the steady state never allocates. */
#ifndef SQLKC_BUF_H
#define SQLKC_BUF_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* p[0..len) is the content; cap is the allocated size. Zero-initialise it
 * ({0}) to get an empty buffer; the buffer owns p. */
typedef struct sqlkc_rt_buf {
    char *p;
    size_t len, cap;
} sqlkc_rt_buf_t;

/* Grows b so that `extra` more bytes fit. Aborts with a message on out of
 * memory: a job that cannot allocate its output has no useful way on. */
void sqlkc_rt_buf_grow(sqlkc_rt_buf_t *b, size_t extra);

/* Ensures extra bytes can be appended at b->p + b->len without reallocation. */
static inline void sqlkc_rt_buf_reserve(sqlkc_rt_buf_t *b, size_t extra) {
    if (__builtin_expect(b->cap - b->len < extra, 0))
        sqlkc_rt_buf_grow(b, extra);
}

/* Empties the buffer but keeps its memory for the next record. */
static inline void sqlkc_rt_buf_reset(sqlkc_rt_buf_t *b) { b->len = 0; }

static inline void sqlkc_rt_buf_put(sqlkc_rt_buf_t *b, const void *p, size_t n) {
    sqlkc_rt_buf_reserve(b, n);
    if (n) /* memcpy with a NULL source is undefined even for 0 bytes */
        memcpy(b->p + b->len, p, n);
    b->len += n;
}

static inline void sqlkc_rt_buf_putc(sqlkc_rt_buf_t *b, char c) {
    sqlkc_rt_buf_reserve(b, 1);
    b->p[b->len++] = c;
}

static inline void sqlkc_rt_buf_puts(sqlkc_rt_buf_t *b, const char *s) {
    sqlkc_rt_buf_put(b, s, strlen(s));
}

/* Releases the memory; the buffer is empty and reusable afterwards. */
static inline void sqlkc_rt_buf_free(sqlkc_rt_buf_t *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_BUF_H */
