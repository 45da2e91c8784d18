/* This file implements the keyed state map: open addressing with linear
 * probing over 16-byte slots, each holding a 32-bit hash tag, the key
 * length and a pointer to one heap block with the value followed by the
 * key. Per entry that costs the slot (21-43 bytes at load factors between
 * 3/4 and 3/8) plus malloc's 8-16 bytes; value pointers stay put when the
 * table grows because entries never move. Removal leaves a tombstone so
 * iteration is never disturbed; rebuilding the table drops them. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlkc/hash.h"
#include "sqlkc/state.h"

typedef struct slot {
    uint32_t tag;  /* high half of the key's hash; its low bits pick the home slot */
    uint32_t klen; /* key length, checked before touching the entry */
    char *e;       /* NULL = empty, TOMB = removed, else value then key bytes */
} slot_t;

struct sqlkc_rt_map {
    slot_t *slots;
    size_t cap; /* 0 or a power of two */
    size_t count, tombs;
    size_t value_size, key_off; /* the key follows the value unaligned */
    size_t entry_bytes;         /* heap bytes of all entries */
};

static char tomb_marker;
#define TOMB (&tomb_marker)

/* The hash's seed is fixed: the map is process-local and its keys come from
 * SQL values, not from a party that could aim for collisions in a way a
 * random seed would stop (the table degrades gracefully anyway). */
#define MAP_SEED 0x2d358dccaa6c78a5ull

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "sqlkc runtime: out of memory allocating %zu bytes of state\n", n);
        abort();
    }
    return p;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n, size);
    if (!p) {
        fprintf(stderr, "sqlkc runtime: out of memory allocating %zu bytes of state\n", n * size);
        abort();
    }
    return p;
}

sqlkc_rt_map_t *sqlkc_rt_map_new(size_t value_size) {
    sqlkc_rt_map_t *m = xcalloc(1, sizeof *m);
    m->value_size = value_size;
    m->key_off = value_size;
    return m;
}

static inline uint32_t key_tag(const void *key, size_t n) {
    return (uint32_t)(sqlkc_rt_hash64(key, n, MAP_SEED) >> 32);
}

/* The slot holding key, or SIZE_MAX. */
static size_t lookup(const sqlkc_rt_map_t *m, const void *key, size_t n, uint32_t tag) {
    if (!m->cap)
        return SIZE_MAX;
    size_t mask = m->cap - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
        const slot_t *s = &m->slots[i];
        if (!s->e)
            return SIZE_MAX;
        if (s->tag == tag && s->klen == n && s->e != TOMB && memcmp(s->e + m->key_off, key, n) == 0)
            return i;
    }
}

/* Rebuilds the table with `cap` slots, dropping tombstones. */
static void rehash(sqlkc_rt_map_t *m, size_t cap) {
    slot_t *old = m->slots;
    size_t oldcap = m->cap;
    m->slots = xcalloc(cap, sizeof *m->slots);
    m->cap = cap;
    m->tombs = 0;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].e || old[i].e == TOMB)
            continue;
        size_t j = old[i].tag & (cap - 1);
        while (m->slots[j].e)
            j = (j + 1) & (cap - 1);
        m->slots[j] = old[i];
    }
    free(old);
}

void *sqlkc_rt_map_find(sqlkc_rt_map_t *m, const void *key, size_t n) {
    size_t i = lookup(m, key, n, key_tag(key, n));
    return i == SIZE_MAX ? NULL : m->slots[i].e;
}

void *sqlkc_rt_map_upsert(sqlkc_rt_map_t *m, const void *key, size_t n, bool *created) {
    if (n > UINT32_MAX) {
        fprintf(stderr, "sqlkc runtime: state key of %zu bytes is too long\n", n);
        abort();
    }
    uint32_t tag = key_tag(key, n);
    size_t i = lookup(m, key, n, tag);
    if (i != SIZE_MAX) {
        if (created)
            *created = false;
        return m->slots[i].e;
    }
    /* Keep live + removed slots at most 3/4 of the table, so probe runs stay
     * short; rebuild so that the live entries fill half or less (a plain
     * doubling when there are no tombstones). A table less than 1/16 full
     * is rebuilt smaller here too: remove cannot do it, since removing
     * must not disturb a running iteration. */
    if ((m->count + m->tombs + 1) * 4 > m->cap * 3 ||
        (m->cap > 64 && (m->count + 1) * 16 < m->cap)) {
        size_t cap = 16;
        while ((m->count + 1) * 2 > cap)
            cap *= 2;
        rehash(m, cap);
    }
    size_t mask = m->cap - 1;
    i = tag & mask;
    while (m->slots[i].e && m->slots[i].e != TOMB)
        i = (i + 1) & mask;
    if (m->slots[i].e == TOMB)
        m->tombs--;
    char *e = xmalloc(m->key_off + n ? m->key_off + n : 1);
    memset(e, 0, m->value_size);
    if (n)
        memcpy(e + m->key_off, key, n);
    m->slots[i] = (slot_t){.tag = tag, .klen = (uint32_t)n, .e = e};
    m->count++;
    /* malloc's own header is one word before the block */
    m->entry_bytes += malloc_usable_size(e) + sizeof(size_t);
    if (created)
        *created = true;
    return e;
}

bool sqlkc_rt_map_remove(sqlkc_rt_map_t *m, const void *key, size_t n) {
    size_t i = lookup(m, key, n, key_tag(key, n));
    if (i == SIZE_MAX)
        return false;
    size_t mask = m->cap - 1;
    m->entry_bytes -= malloc_usable_size(m->slots[i].e) + sizeof(size_t);
    free(m->slots[i].e);
    m->count--;
    if (m->slots[(i + 1) & mask].e) {
        m->slots[i].e = TOMB;
        m->tombs++;
        return true;
    }
    /* The run ends here, so nothing probes past this slot: it can become
     * empty, and so can the tombstones right before it. Entries never
     * move, so a running iteration is unaffected. */
    m->slots[i].e = NULL;
    for (size_t j = (i - 1) & mask; m->slots[j].e == TOMB; j = (j - 1) & mask) {
        m->slots[j].e = NULL;
        m->tombs--;
    }
    return true;
}

size_t sqlkc_rt_map_count(const sqlkc_rt_map_t *m) { return m->count; }

size_t sqlkc_rt_map_bytes(const sqlkc_rt_map_t *m) {
    size_t table = m->cap ? m->cap * sizeof(slot_t) + sizeof(size_t) : 0;
    return sizeof *m + sizeof(size_t) + table + m->entry_bytes;
}

bool sqlkc_rt_map_next(sqlkc_rt_map_t *m, sqlkc_rt_map_iter_t *it, const void **key, size_t *n,
                       void **value) {
    for (size_t i = it->i; i < m->cap; i++) {
        slot_t *s = &m->slots[i];
        if (s->e && s->e != TOMB) {
            it->i = i + 1;
            if (key)
                *key = s->e + m->key_off;
            if (n)
                *n = s->klen;
            if (value)
                *value = s->e;
            return true;
        }
    }
    it->i = m->cap;
    return false;
}

void sqlkc_rt_map_free(sqlkc_rt_map_t *m) {
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].e && m->slots[i].e != TOMB)
            free(m->slots[i].e);
    free(m->slots);
    free(m);
}
