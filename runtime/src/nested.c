/* This file implements nested values (nested.h): their deep copy into state,
 * equality, and the iteration order Flink's maps have after a decoder filled
 * a java.util.HashMap with them. */
#include <stdlib.h>
#include <string.h>

#include "sqlkc/ckpt.h"
#include "sqlkc/nested.h"

static uint32_t nitems(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t)
{
    return t->kind == SQLKC_RT_T_MAP || t->kind == SQLKC_RT_T_MULTISET ? 2 * v->n : v->n;
}

/* The type of item i. */
static const sqlkc_rt_type_t *item_type(const sqlkc_rt_type_t *t, uint32_t i)
{
    switch (t->kind) {
    case SQLKC_RT_T_ARRAY: return t->sub[0];
    case SQLKC_RT_T_ROW: return t->sub[i];
    default: return t->sub[i & 1];
    }
}

static bool is_nested(int kind)
{
    return kind == SQLKC_RT_T_ARRAY || kind == SQLKC_RT_T_MAP || kind == SQLKC_RT_T_MULTISET ||
           kind == SQLKC_RT_T_ROW;
}

static bool is_str(int kind) { return kind == SQLKC_RT_T_STRING || kind == SQLKC_RT_T_BYTES; }

static size_t round16(size_t n) { return (n + 15) & ~(size_t)15; }

size_t sqlkc_rt_nested_size(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t)
{
    uint32_t n = nitems(v, t);
    size_t size = round16(sizeof(sqlkc_rt_item_t) * n);
    for (uint32_t i = 0; i < n; i++) {
        const sqlkc_rt_item_t *it = &v->items[i];
        const sqlkc_rt_type_t *et = item_type(t, i);
        if (it->null)
            continue;
        if (is_str(et->kind))
            size += round16(it->v.s.n);
        else if (is_nested(et->kind))
            size += sqlkc_rt_nested_size(&it->v.nest, et);
    }
    return size;
}

sqlkc_rt_nested_t sqlkc_rt_nested_copy(const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t, char **mem)
{
    uint32_t n = nitems(v, t);
    sqlkc_rt_nested_t out = {(sqlkc_rt_item_t *)(void *)*mem, v->n};
    *mem += round16(sizeof(sqlkc_rt_item_t) * n);
    if (n)
        memcpy(out.items, v->items, sizeof(sqlkc_rt_item_t) * n);
    for (uint32_t i = 0; i < n; i++) {
        sqlkc_rt_item_t *it = &out.items[i];
        const sqlkc_rt_type_t *et = item_type(t, i);
        if (it->null)
            continue;
        if (is_str(et->kind)) {
            if (it->v.s.n)
                memcpy(*mem, it->v.s.p, it->v.s.n);
            it->v.s.p = *mem;
            *mem += round16(it->v.s.n);
        } else if (is_nested(et->kind)) {
            it->v.nest = sqlkc_rt_nested_copy(&it->v.nest, et, mem);
        }
    }
    return out;
}

static bool item_equal(const sqlkc_rt_item_t *a, const sqlkc_rt_item_t *b, const sqlkc_rt_type_t *t)
{
    if (a->null || b->null)
        return a->null == b->null;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: return a->v.b == b->v.b;
    case SQLKC_RT_T_FLOAT: return memcmp(&a->v.f, &b->v.f, sizeof a->v.f) == 0;
    case SQLKC_RT_T_DOUBLE: return memcmp(&a->v.d, &b->v.d, sizeof a->v.d) == 0;
    case SQLKC_RT_T_DECIMAL: return a->v.dec == b->v.dec;
    case SQLKC_RT_T_STRING:
    case SQLKC_RT_T_BYTES:
        return a->v.s.n == b->v.s.n && (a->v.s.n == 0 || memcmp(a->v.s.p, b->v.s.p, a->v.s.n) == 0);
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ:
        return a->v.ts.millis == b->v.ts.millis && a->v.ts.nanos == b->v.ts.nanos;
    case SQLKC_RT_T_ARRAY:
    case SQLKC_RT_T_MAP:
    case SQLKC_RT_T_MULTISET:
    case SQLKC_RT_T_ROW:
        return sqlkc_rt_nested_equal(&a->v.nest, &b->v.nest, t);
    default:
        return a->v.i == b->v.i;
    }
}

bool sqlkc_rt_nested_equal(const sqlkc_rt_nested_t *a, const sqlkc_rt_nested_t *b, const sqlkc_rt_type_t *t)
{
    if (a->n != b->n)
        return false;
    uint32_t n = nitems(a, t);
    for (uint32_t i = 0; i < n; i++)
        if (!item_equal(&a->items[i], &b->items[i], item_type(t, i)))
            return false;
    return true;
}

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static uint32_t mix_k1(uint32_t k1)
{
    k1 *= 0xcc9e2d51u;
    k1 = rotl32(k1, 15);
    return k1 * 0x1b873593u;
}

static uint32_t mix_h1(uint32_t h1, uint32_t k1)
{
    h1 ^= k1;
    h1 = rotl32(h1, 13);
    return h1 * 5 + 0xe6546b64u;
}

int32_t sqlkc_rt_flink_string_hash(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t aligned = n - n % 4;
    uint32_t h1 = 42;
    for (size_t i = 0; i < aligned; i += 4)
        h1 = mix_h1(h1, mix_k1((uint32_t)u[i] | (uint32_t)u[i + 1] << 8 | (uint32_t)u[i + 2] << 16 |
                               (uint32_t)u[i + 3] << 24));
    for (size_t i = aligned; i < n; i++)
        h1 = mix_h1(h1, mix_k1((uint32_t)(int32_t)(int8_t)u[i])); /* Java's byte is signed */
    h1 ^= (uint32_t)n;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return (int32_t)h1;
}

int32_t sqlkc_rt_java_string_hash(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    uint32_t h = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t c = u[i], len = 1;
        if (c >= 0xF0 && n - i >= 4) {
            c = (c & 7) << 18 | (u[i + 1] & 0x3Fu) << 12 | (u[i + 2] & 0x3Fu) << 6 | (u[i + 3] & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && n - i >= 3) {
            c = (c & 15) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && n - i >= 2) {
            c = (c & 31) << 6 | (u[i + 1] & 0x3Fu);
            len = 2;
        }
        i += len;
        if (c >= 0x10000) { /* a surrogate pair in UTF-16 */
            c -= 0x10000;
            h = h * 31 + (0xD800 + (c >> 10));
            h = h * 31 + (0xDC00 + (c & 0x3FF));
        } else {
            h = h * 31 + c;
        }
    }
    return (int32_t)h;
}

static bool key_equal(const sqlkc_rt_item_t *a, const sqlkc_rt_item_t *b)
{
    if (a->null || b->null)
        return a->null == b->null;
    return a->v.s.n == b->v.s.n && (a->v.s.n == 0 || memcmp(a->v.s.p, b->v.s.p, a->v.s.n) == 0);
}

#define SMALL_MAP 16

/* The table size of a java.util.HashMap of initial capacity cap0 after the
 * distinct keys of `hashes` were put in that order (its iteration order is
 * the buckets' order at that size): putVal doubles the table when the size
 * passes 0.75 of it, and also, while it has fewer than 64 buckets, when a
 * put makes a bucket hold 9 entries (treeifyBin resizes instead of building a
 * tree). A bucket of 9 at 64 buckets or more becomes a tree, whose order is
 * not modelled (for Flink's StringData keys, which are not Comparable to
 * themselves, it depends on identity hash codes). */
static uint32_t java_capacity(const uint32_t *hashes, uint32_t m, uint32_t cap0)
{
    uint32_t cap = cap0;
    for (uint32_t k = 0; k < m; k++) {
        if (cap < 64) { /* at most 48 entries are put before the table reaches 64 */
            uint32_t b = (hashes[k] ^ (hashes[k] >> 16)) & (cap - 1), c = 0;
            for (uint32_t j = 0; j < k; j++)
                c += ((hashes[j] ^ (hashes[j] >> 16)) & (cap - 1)) == b;
            if (c >= 8)
                cap *= 2;
        }
        if (k + 1 > cap / 4 * 3) /* ++size > threshold */
            cap *= 2;
    }
    return cap;
}

/* sqlkc_rt_map_hash_order for a map of a few entries, on the stack: keys
 * compared pairwise, then a stable insertion sort by bucket. */
static uint32_t small_hash_order(sqlkc_rt_item_t *items, uint32_t n, int32_t (*hash)(const char *, size_t),
                                 uint32_t cap0)
{
    uint32_t hashes[SMALL_MAP], m = 0;
    for (uint32_t k = 0; k < n; k++) {
        const sqlkc_rt_item_t *key = &items[2 * k];
        uint32_t h = key->null ? 0 : (uint32_t)hash(key->v.s.p, key->v.s.n);
        uint32_t e = 0;
        while (e < m && !(hashes[e] == h && key_equal(&items[2 * e], key)))
            e++;
        if (e < m) {
            items[2 * e + 1] = items[2 * k + 1]; /* put replaces the value, keeps the node */
            continue;
        }
        items[2 * m] = items[2 * k];
        items[2 * m + 1] = items[2 * k + 1];
        hashes[m++] = h;
    }
    uint32_t cap = java_capacity(hashes, m, cap0);
    uint32_t bucket[SMALL_MAP];
    for (uint32_t e = 0; e < m; e++) {
        uint32_t b = (hashes[e] ^ (hashes[e] >> 16)) & (cap - 1);
        uint32_t j = e;
        if (j && bucket[j - 1] > b) { /* stable: insertion order within a bucket */
            sqlkc_rt_item_t k = items[2 * e], v = items[2 * e + 1];
            for (; j && bucket[j - 1] > b; j--) {
                bucket[j] = bucket[j - 1];
                items[2 * j] = items[2 * j - 2];
                items[2 * j + 1] = items[2 * j - 1];
            }
            items[2 * j] = k;
            items[2 * j + 1] = v;
        }
        bucket[j] = b;
    }
    return m;
}

uint32_t sqlkc_rt_map_hash_order(sqlkc_rt_item_t *items, uint32_t n, int32_t (*hash)(const char *, size_t),
                                 uint32_t cap0, sqlkc_rt_alloc_fn alloc, void *alloc_arg)
{
    if (n == 0)
        return 0;
    if (n <= SMALL_MAP && cap0 <= 64)
        return small_hash_order(items, n, hash, cap0);
    /* distinct keys in first-put order with their last value (a small map
     * is the common case, above; a larger one goes through an open-addressing index) */
    uint32_t *bucket = alloc(alloc_arg, sizeof(uint32_t) * n);
    uint32_t m = 0;
    uint32_t slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint32_t *index = alloc(alloc_arg, sizeof(uint32_t) * slots); /* entry + 1 */
    memset(index, 0, sizeof(uint32_t) * slots);
    uint32_t *hashes = alloc(alloc_arg, sizeof(uint32_t) * n);
    for (uint32_t k = 0; k < n; k++) {
        const sqlkc_rt_item_t *key = &items[2 * k];
        uint32_t h = key->null ? 0 : (uint32_t)hash(key->v.s.p, key->v.s.n);
        uint32_t s = (h * 0x9E3779B1u) & (slots - 1);
        for (;; s = (s + 1) & (slots - 1)) {
            if (index[s] == 0) {
                index[s] = m + 1;
                items[2 * m] = items[2 * k];
                items[2 * m + 1] = items[2 * k + 1];
                hashes[m] = h;
                m++;
                break;
            }
            uint32_t e = index[s] - 1;
            if (hashes[e] == h && key_equal(&items[2 * e], key)) {
                items[2 * e + 1] = items[2 * k + 1]; /* put replaces the value, keeps the node */
                break;
            }
        }
    }
    uint32_t cap = java_capacity(hashes, m, cap0);
    for (uint32_t e = 0; e < m; e++)
        bucket[e] = (hashes[e] ^ (hashes[e] >> 16)) & (cap - 1);
    /* a stable counting sort by bucket: insertion order within a bucket, as
     * the bins' linked lists (and resize's split of them) keep it */
    sqlkc_rt_item_t *tmp = alloc(alloc_arg, sizeof(sqlkc_rt_item_t) * 2 * m);
    memcpy(tmp, items, sizeof(sqlkc_rt_item_t) * 2 * m);
    uint32_t *start = alloc(alloc_arg, sizeof(uint32_t) * (cap + 1));
    memset(start, 0, sizeof(uint32_t) * (cap + 1));
    for (uint32_t e = 0; e < m; e++)
        start[bucket[e] + 1]++;
    for (uint32_t b = 0; b < cap; b++)
        start[b + 1] += start[b];
    for (uint32_t e = 0; e < m; e++) {
        uint32_t to = start[bucket[e]]++;
        items[2 * to] = tmp[2 * e];
        items[2 * to + 1] = tmp[2 * e + 1];
    }
    return m;
}

static void *scratch_fn(void *ctx, size_t n) { return sqlkc_rt_scratch((sqlkc_rt_ctx_t *)ctx, n ? n : 1); }

sqlkc_rt_nested_t sqlkc_rt_headers_map(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_msg_t *msg)
{
    size_t n;
    const sqlkc_rt_header_t *h = sqlkc_rt_msg_headers(ctx, msg, &n);
    sqlkc_rt_nested_t out = {NULL, 0};
    if (n == 0)
        return out;
    out.items = sqlkc_rt_scratch(ctx, sizeof(sqlkc_rt_item_t) * 2 * n);
    memset(out.items, 0, sizeof(sqlkc_rt_item_t) * 2 * n);
    for (size_t i = 0; i < n; i++) {
        out.items[2 * i].v.s = (sqlkc_rt_str_t){h[i].name, h[i].name_len};
        out.items[2 * i + 1].v.s = (sqlkc_rt_str_t){h[i].value, h[i].value_len};
        out.items[2 * i + 1].null = h[i].value == NULL;
    }
    out.n = sqlkc_rt_map_hash_order(out.items, (uint32_t)n, sqlkc_rt_flink_string_hash, 16, scratch_fn, ctx);
    return out;
}

const sqlkc_rt_header_t *sqlkc_rt_map_headers(sqlkc_rt_ctx_t *ctx, const sqlkc_rt_nested_t *map, size_t *n)
{
    *n = 0;
    if (map->n == 0)
        return NULL;
    sqlkc_rt_header_t *out = sqlkc_rt_scratch(ctx, sizeof *out * map->n);
    for (uint32_t i = 0; i < map->n; i++) {
        const sqlkc_rt_item_t *k = &map->items[2 * i], *v = &map->items[2 * i + 1];
        if (k->null || v->null)
            continue;
        out[(*n)++] = (sqlkc_rt_header_t){k->v.s.p, k->v.s.n, v->v.s.p ? v->v.s.p : "", v->v.s.n};
    }
    return out;
}

/* ---- checkpoints (sqlkc/ckpt.h): a nested value field by field ---- */

static void put_item(sqlkc_rt_ckpt_t *c, const sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t)
{
    sqlkc_rt_ckpt_put_u8(c, it->null);
    if (it->null)
        return;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN: sqlkc_rt_ckpt_put_u8(c, it->v.b); break;
    case SQLKC_RT_T_FLOAT: sqlkc_rt_ckpt_put_f32(c, it->v.f); break;
    case SQLKC_RT_T_DOUBLE: sqlkc_rt_ckpt_put_f64(c, it->v.d); break;
    case SQLKC_RT_T_DECIMAL: sqlkc_rt_ckpt_put_i128(c, it->v.dec); break;
    case SQLKC_RT_T_STRING:
    case SQLKC_RT_T_BYTES: sqlkc_rt_ckpt_put_bytes(c, it->v.s.p, it->v.s.n); break;
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ:
        sqlkc_rt_ckpt_put_i64(c, it->v.ts.millis);
        sqlkc_rt_ckpt_put_u32(c, (uint32_t)it->v.ts.nanos);
        break;
    case SQLKC_RT_T_ARRAY:
    case SQLKC_RT_T_MAP:
    case SQLKC_RT_T_MULTISET:
    case SQLKC_RT_T_ROW: sqlkc_rt_ckpt_put_nested(c, &it->v.nest, t); break;
    default: sqlkc_rt_ckpt_put_i64(c, it->v.i); break;
    }
}

void sqlkc_rt_ckpt_put_nested(sqlkc_rt_ckpt_t *c, const sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t)
{
    sqlkc_rt_ckpt_put_u32(c, v->n);
    uint32_t n = nitems(v, t);
    for (uint32_t i = 0; i < n; i++)
        put_item(c, &v->items[i], item_type(t, i));
}

static bool get_item(sqlkc_rt_ckpt_t *c, sqlkc_rt_item_t *it, const sqlkc_rt_type_t *t, sqlkc_rt_alloc_fn alloc,
                     void *arg, int depth)
{
    uint8_t null, b;
    uint32_t u;
    memset(it, 0, sizeof *it);
    if (!sqlkc_rt_ckpt_get_u8(c, &null) || null > 1)
        return false;
    it->null = null;
    if (null)
        return true;
    switch (t->kind) {
    case SQLKC_RT_T_BOOLEAN:
        if (!sqlkc_rt_ckpt_get_u8(c, &b) || b > 1)
            return false;
        it->v.b = b;
        return true;
    case SQLKC_RT_T_FLOAT: return sqlkc_rt_ckpt_get_f32(c, &it->v.f);
    case SQLKC_RT_T_DOUBLE: return sqlkc_rt_ckpt_get_f64(c, &it->v.d);
    case SQLKC_RT_T_DECIMAL: return sqlkc_rt_ckpt_get_i128(c, &it->v.dec);
    case SQLKC_RT_T_STRING:
    case SQLKC_RT_T_BYTES: {
        const void *p;
        if (!sqlkc_rt_ckpt_get_bytes(c, &p, &it->v.s.n))
            return false;
        it->v.s.p = p;
        return true;
    }
    case SQLKC_RT_T_TIMESTAMP:
    case SQLKC_RT_T_TIMESTAMP_LTZ:
        if (!sqlkc_rt_ckpt_get_i64(c, &it->v.ts.millis) || !sqlkc_rt_ckpt_get_u32(c, &u) || u > 999999)
            return false;
        it->v.ts.nanos = (int32_t)u;
        return true;
    case SQLKC_RT_T_ARRAY:
    case SQLKC_RT_T_MAP:
    case SQLKC_RT_T_MULTISET:
    case SQLKC_RT_T_ROW:
        return depth < 64 && sqlkc_rt_ckpt_get_nested_at(c, &it->v.nest, t, alloc, arg, depth + 1);
    default:
        return sqlkc_rt_ckpt_get_i64(c, &it->v.i);
    }
}

bool sqlkc_rt_ckpt_get_nested_at(sqlkc_rt_ckpt_t *c, sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                                 sqlkc_rt_alloc_fn alloc, void *arg, int depth)
{
    uint32_t n;
    if (!sqlkc_rt_ckpt_get_u32(c, &n) || n > UINT32_MAX / 4 || (t->kind == SQLKC_RT_T_ROW && n != (uint32_t)t->n))
        return false;
    v->n = n;
    uint32_t items = nitems(v, t);
    v->items = items ? alloc(arg, sizeof(sqlkc_rt_item_t) * items) : NULL;
    for (uint32_t i = 0; i < items; i++)
        if (!get_item(c, &v->items[i], item_type(t, i), alloc, arg, depth))
            return false;
    return true;
}

bool sqlkc_rt_ckpt_get_nested(sqlkc_rt_ckpt_t *c, sqlkc_rt_nested_t *v, const sqlkc_rt_type_t *t,
                              sqlkc_rt_alloc_fn alloc, void *arg)
{
    return sqlkc_rt_ckpt_get_nested_at(c, v, t, alloc, arg, 0);
}
