/* This file implements sqlkc_rt_mset, the value -> count set behind MIN and
 * MAX over a changelog: a sorted array with binary search. A group holds
 * few distinct values in the common case; an insert moves the tail. Also the
 * state allocator the generated code uses for stored rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/state.h"

typedef struct mset_entry {
    uint64_t hi, lo;
    int64_t count;
} mset_entry_t;

struct sqlkc_rt_mset {
    size_t n, cap;
    mset_entry_t e[];
};

static void oom(size_t n)
{
    fprintf(stderr, "sqlkc runtime: out of memory allocating %zu bytes of state\n", n);
    abort();
}

void *sqlkc_rt_alloc(size_t n)
{
    if (!n)
        return NULL;
    void *p = malloc(n);
    if (!p)
        oom(n);
    return p;
}

void *sqlkc_rt_grow(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

void sqlkc_rt_free(void *p) { free(p); }

/* Index of the first entry not below (hi, lo). */
static size_t lower_bound(const sqlkc_rt_mset_t *s, uint64_t hi, uint64_t lo)
{
    size_t a = 0, b = s->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        const mset_entry_t *x = &s->e[m];
        if (x->hi < hi || (x->hi == hi && x->lo < lo))
            a = m + 1;
        else
            b = m;
    }
    return a;
}

void sqlkc_rt_mset_add(sqlkc_rt_mset_t **sp, uint64_t hi, uint64_t lo, int64_t delta)
{
    sqlkc_rt_mset_t *s = *sp;
    size_t i = s ? lower_bound(s, hi, lo) : 0;
    if (s && i < s->n && s->e[i].hi == hi && s->e[i].lo == lo) {
        s->e[i].count += delta;
        if (s->e[i].count == 0) {
            memmove(&s->e[i], &s->e[i + 1], (s->n - i - 1) * sizeof s->e[0]);
            s->n--;
            if (s->n == 0) {
                free(s);
                *sp = NULL;
            }
        }
        return;
    }
    if (delta == 0)
        return;
    if (!s || s->n == s->cap) {
        size_t cap = s ? s->cap * 2 : 2;
        size_t bytes = sizeof *s + cap * sizeof s->e[0];
        sqlkc_rt_mset_t *g = realloc(s, bytes);
        if (!g)
            oom(bytes);
        if (!s)
            g->n = 0;
        g->cap = cap;
        s = *sp = g;
    }
    memmove(&s->e[i + 1], &s->e[i], (s->n - i) * sizeof s->e[0]);
    s->e[i] = (mset_entry_t){hi, lo, delta};
    s->n++;
}

bool sqlkc_rt_mset_end(const sqlkc_rt_mset_t *s, bool first, uint64_t *hi, uint64_t *lo)
{
    if (!s || s->n == 0)
        return false;
    const mset_entry_t *x = first ? &s->e[0] : &s->e[s->n - 1];
    *hi = x->hi;
    *lo = x->lo;
    return true;
}

size_t sqlkc_rt_mset_count(const sqlkc_rt_mset_t *s) { return s ? s->n : 0; }

void sqlkc_rt_mset_at(const sqlkc_rt_mset_t *s, size_t i, uint64_t *hi, uint64_t *lo, int64_t *count)
{
    *hi = s->e[i].hi;
    *lo = s->e[i].lo;
    *count = s->e[i].count;
}

size_t sqlkc_rt_mset_bytes(const sqlkc_rt_mset_t *s) { return s ? sizeof *s + s->cap * sizeof s->e[0] : 0; }

void sqlkc_rt_mset_free(sqlkc_rt_mset_t *s) { free(s); }
