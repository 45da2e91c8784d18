/* This file implements sqlkc_rt_pairs: open addressing with linear probing
 * over 32-byte slots holding the two key words and the counter inline, so a
 * lookup touches one slot and nothing else. Slot 0 of a pair is marked used by
 * a separate tag word (0 = empty), keeping every (a, b) storable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/state.h"

typedef struct pair_slot {
    uint64_t a, b;
    int64_t count;
    uint64_t tag; /* 0 empty, else the hash with its low bit set */
} pair_slot_t;

struct sqlkc_rt_pairs {
    pair_slot_t *slots;
    size_t cap, count;
};

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    /* two rounds of a 64-bit multiply-xorshift: cheap, and every input bit
     * reaches the low bits that pick the slot */
    uint64_t h = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull);
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h | 1;
}

sqlkc_rt_pairs_t *sqlkc_rt_pairs_new(void)
{
    sqlkc_rt_pairs_t *m = calloc(1, sizeof *m);
    if (!m) {
        fputs("sqlkc runtime: out of memory allocating state\n", stderr);
        abort();
    }
    return m;
}

static void grow_to(sqlkc_rt_pairs_t *m, size_t cap)
{
    pair_slot_t *s = calloc(cap, sizeof *s);
    if (!s) {
        fprintf(stderr, "sqlkc runtime: out of memory allocating %zu bytes of state\n", cap * sizeof *s);
        abort();
    }
    for (size_t i = 0; i < m->cap; i++) {
        pair_slot_t *o = &m->slots[i];
        if (!o->tag)
            continue;
        size_t j = o->tag & (cap - 1);
        while (s[j].tag)
            j = (j + 1) & (cap - 1);
        s[j] = *o;
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
}

static void grow(sqlkc_rt_pairs_t *m) { grow_to(m, m->cap ? m->cap * 2 : 1024); }

void sqlkc_rt_pairs_reserve(sqlkc_rt_pairs_t *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 1024;
    while ((m->count + n) * 4 > cap * 3)
        cap *= 2;
    if (cap != m->cap)
        grow_to(m, cap);
}

bool sqlkc_rt_pairs_next(const sqlkc_rt_pairs_t *m, size_t *i, uint64_t *a, uint64_t *b, int64_t *count)
{
    for (; *i < m->cap; (*i)++) {
        const pair_slot_t *s = &m->slots[*i];
        if (s->tag) {
            *a = s->a;
            *b = s->b;
            *count = s->count;
            (*i)++;
            return true;
        }
    }
    return false;
}

int64_t *sqlkc_rt_pairs_upsert(sqlkc_rt_pairs_t *m, uint64_t a, uint64_t b, bool *created)
{
    if ((m->count + 1) * 4 > m->cap * 3)
        grow(m);
    uint64_t tag = mix(a, b);
    size_t mask = m->cap - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
        pair_slot_t *s = &m->slots[i];
        if (s->tag == tag && s->a == a && s->b == b) {
            *created = false;
            return &s->count;
        }
        if (!s->tag) {
            s->tag = tag;
            s->a = a;
            s->b = b;
            s->count = 0;
            m->count++;
            *created = true;
            return &s->count;
        }
    }
}

bool sqlkc_rt_pairs_remove(sqlkc_rt_pairs_t *m, uint64_t a, uint64_t b)
{
    if (!m->cap)
        return false;
    uint64_t tag = mix(a, b);
    size_t mask = m->cap - 1, i = tag & mask;
    for (;; i = (i + 1) & mask) {
        pair_slot_t *s = &m->slots[i];
        if (!s->tag)
            return false;
        if (s->tag == tag && s->a == a && s->b == b)
            break;
    }
    /* backward-shift deletion: later slots of the run move up into the hole
     * unless their home slot lies cyclically in (hole, slot] */
    for (size_t j = i;;) {
        j = (j + 1) & mask;
        if (!m->slots[j].tag)
            break;
        size_t home = m->slots[j].tag & mask;
        bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].tag = 0;
    m->count--;
    return true;
}

size_t sqlkc_rt_pairs_count(const sqlkc_rt_pairs_t *m) { return m->count; }

size_t sqlkc_rt_pairs_bytes(const sqlkc_rt_pairs_t *m) { return sizeof *m + m->cap * sizeof(pair_slot_t); }

void sqlkc_rt_pairs_free(sqlkc_rt_pairs_t *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}
