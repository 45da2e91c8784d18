/* This file tests the keyed state map: a million keys inserted, found,
 * half removed, iterated (also while removing), the per-entry memory
 * overhead, odd key shapes, and the canonical key encoding of key.h that
 * feeds it; the pairs counter under removal churn, and the value -> count
 * set of MIN/MAX with retraction with its order-preserving encodings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sqlkc/hash.h"
#include "sqlkc/key.h"
#include "sqlkc/state.h"

typedef struct acc {
    int64_t count;
    int64_t sum;
} acc_t;

#define NKEYS 1000000

static size_t key_of(char *buf, int i) { return (size_t)snprintf(buf, 32, "user-%d", i); }

static void test_million(void **state) {
    (void)state;
    sqlkc_rt_map_t *m = sqlkc_rt_map_new(sizeof(acc_t));
    char k[32];
    bool created;
    for (int i = 0; i < NKEYS; i++) {
        size_t n = key_of(k, i);
        acc_t *a = sqlkc_rt_map_upsert(m, k, n, &created);
        assert_true(created);
        assert_int_equal(a->count, 0); /* zeroed on creation */
        assert_int_equal(a->sum, 0);
        a->count = 1;
        a->sum = i;
    }
    assert_int_equal(sqlkc_rt_map_count(m), NKEYS);
    /* keys of 6-12 bytes and 16-byte values: keep the overhead lean */
    double per = (double)sqlkc_rt_map_bytes(m) / NKEYS;
    print_message("map: %.1f heap bytes per entry (16-byte value, ~11-byte key)\n", per);
    assert_true(per < 16 + 12 + 64);

    for (int i = 0; i < NKEYS; i++) {
        size_t n = key_of(k, i);
        acc_t *a = sqlkc_rt_map_find(m, k, n);
        assert_non_null(a);
        assert_int_equal(a->sum, i);
        a = sqlkc_rt_map_upsert(m, k, n, &created);
        assert_false(created);
        a->count++;
    }
    assert_null(sqlkc_rt_map_find(m, "user-", 5));
    assert_null(sqlkc_rt_map_find(m, "user-1000000", 12));

    /* remove the odd keys */
    for (int i = 1; i < NKEYS; i += 2) {
        size_t n = key_of(k, i);
        assert_true(sqlkc_rt_map_remove(m, k, n));
        assert_false(sqlkc_rt_map_remove(m, k, n));
    }
    assert_int_equal(sqlkc_rt_map_count(m), NKEYS / 2);
    for (int i = 0; i < NKEYS; i++) {
        size_t n = key_of(k, i);
        acc_t *a = sqlkc_rt_map_find(m, k, n);
        if (i % 2) {
            assert_null(a);
        } else {
            assert_non_null(a);
            assert_int_equal(a->count, 2);
        }
    }

    /* iteration sees every live entry exactly once */
    unsigned char *seen = calloc(NKEYS, 1);
    sqlkc_rt_map_iter_t it = {0};
    const void *key;
    size_t n;
    void *value;
    size_t visited = 0;
    while (sqlkc_rt_map_next(m, &it, &key, &n, &value)) {
        char tmp[32];
        assert_true(n < sizeof tmp && n > 5);
        memcpy(tmp, key, n);
        tmp[n] = 0;
        int i = atoi(tmp + 5);
        assert_int_equal(i % 2, 0);
        assert_int_equal(((acc_t *)value)->sum, i);
        assert_int_equal(seen[i], 0);
        seen[i] = 1;
        visited++;
    }
    assert_int_equal(visited, NKEYS / 2);
    assert_false(sqlkc_rt_map_next(m, &it, &key, &n, &value)); /* stays exhausted */

    /* removing while iterating: drop every entry whose value is a multiple of 4 */
    memset(seen, 0, NKEYS);
    it = (sqlkc_rt_map_iter_t){0};
    visited = 0;
    while (sqlkc_rt_map_next(m, &it, &key, &n, &value)) {
        acc_t *a = value;
        assert_int_equal(seen[a->sum], 0);
        seen[a->sum] = 1;
        visited++;
        if (a->sum % 4 == 0) {
            char tmp[32];
            memcpy(tmp, key, n); /* the key dies with the entry */
            assert_true(sqlkc_rt_map_remove(m, tmp, n));
        }
    }
    assert_int_equal(visited, NKEYS / 2);
    assert_int_equal(sqlkc_rt_map_count(m), NKEYS / 4);

    /* the removed keys can come back, zeroed again */
    for (int i = 0; i < NKEYS; i += 4) {
        size_t kn = key_of(k, i);
        acc_t *a = sqlkc_rt_map_upsert(m, k, kn, &created);
        assert_true(created);
        assert_int_equal(a->count, 0);
    }
    assert_int_equal(sqlkc_rt_map_count(m), NKEYS / 2);
    free(seen);

    /* emptying the map lets the table shrink again on the next insert */
    for (int i = 0; i < NKEYS; i += 2) {
        size_t kn = key_of(k, i);
        assert_true(sqlkc_rt_map_remove(m, k, kn));
    }
    assert_int_equal(sqlkc_rt_map_count(m), 0);
    sqlkc_rt_map_upsert(m, "x", 1, &created);
    assert_true(created);
    assert_true(sqlkc_rt_map_bytes(m) < 4096);
    sqlkc_rt_map_free(m);
}

static void test_shapes(void **state) {
    (void)state;
    sqlkc_rt_map_t *m = sqlkc_rt_map_new(0); /* a set */
    bool created;
    void *v = sqlkc_rt_map_upsert(m, "", 0, &created);
    assert_non_null(v);
    assert_true(created);
    assert_non_null(sqlkc_rt_map_find(m, "", 0));
    assert_null(sqlkc_rt_map_find(m, "\0", 1));
    sqlkc_rt_map_upsert(m, "\0", 1, &created);
    assert_true(created);
    char big[5000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)(i * 7);
    sqlkc_rt_map_upsert(m, big, sizeof big, &created);
    assert_true(created);
    sqlkc_rt_map_upsert(m, big, sizeof big - 1, &created); /* a prefix is another key */
    assert_true(created);
    sqlkc_rt_map_upsert(m, big, sizeof big, &created);
    assert_false(created);
    assert_int_equal(sqlkc_rt_map_count(m), 4);
    sqlkc_rt_map_free(m);
    sqlkc_rt_map_free(NULL);

    /* an odd value size is zeroed whole and keeps the key intact */
    m = sqlkc_rt_map_new(13);
    unsigned char *val = sqlkc_rt_map_upsert(m, "key", 3, NULL);
    for (int i = 0; i < 13; i++)
        assert_int_equal(val[i], 0);
    memset(val, 0xAB, 13);
    sqlkc_rt_map_iter_t it = {0};
    const void *key;
    size_t n;
    assert_true(sqlkc_rt_map_next(m, &it, &key, &n, NULL));
    assert_int_equal(n, 3);
    assert_memory_equal(key, "key", 3);
    assert_true(((uintptr_t)val & 15) == 0); /* values are 16-byte aligned */
    sqlkc_rt_map_free(m);
}

/* Churn: interleaved inserts and removes never lose or duplicate keys. */
static void test_churn(void **state) {
    (void)state;
    sqlkc_rt_map_t *m = sqlkc_rt_map_new(sizeof(int64_t));
    enum { N = 4096 };
    static bool present[N];
    memset(present, 0, sizeof present);
    size_t live = 0;
    uint64_t x = 12345;
    for (int step = 0; step < 300000; step++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t id = (uint32_t)(x >> 33) % N;
        if (x >> 63) {
            bool created;
            int64_t *v = sqlkc_rt_map_upsert(m, &id, sizeof id, &created);
            assert_int_equal(created, !present[id]);
            if (created) {
                *v = id;
                present[id] = true;
                live++;
            }
            assert_int_equal(*v, id);
        } else {
            assert_int_equal(sqlkc_rt_map_remove(m, &id, sizeof id), present[id]);
            if (present[id]) {
                present[id] = false;
                live--;
            }
        }
        assert_int_equal(sqlkc_rt_map_count(m), live);
    }
    for (uint32_t id = 0; id < N; id++)
        assert_int_equal(sqlkc_rt_map_find(m, &id, sizeof id) != NULL, present[id]);
    sqlkc_rt_map_free(m);
}

static void test_hash64(void **state) {
    (void)state;
    /* every length class hashes all its bytes: flipping any bit changes
     * the hash */
    unsigned char buf[100];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 13 + 1);
    for (size_t n = 0; n <= sizeof buf; n++) {
        uint64_t h = sqlkc_rt_hash64(buf, n, 1);
        assert_true(h != sqlkc_rt_hash64(buf, n, 2));
        if (n < sizeof buf)
            assert_true(h != sqlkc_rt_hash64(buf, n + 1, 1));
        for (size_t i = 0; i < n; i++) {
            buf[i] ^= 0x10;
            assert_true(h != sqlkc_rt_hash64(buf, n, 1));
            buf[i] ^= 0x10;
        }
    }
}

/* Key bytes are equal exactly when the SQL values group together. */
static void test_key_encoding(void **state) {
    (void)state;
    sqlkc_rt_buf_t a = {0}, b = {0};
#define SAME(x, y) (a.len == b.len && memcmp(a.p, b.p, a.len) == 0)
    sqlkc_rt_key_null(&a);
    sqlkc_rt_key_null(&b);
    assert_true(SAME(a, b)); /* NULLs group together */
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_null(&a);
    sqlkc_rt_key_i64(&b, 0);
    assert_false(SAME(a, b));

    /* ("ab","c") vs ("a","bc"): the length prefix keeps them apart */
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_str(&a, "ab", 2);
    sqlkc_rt_key_str(&a, "c", 1);
    sqlkc_rt_key_str(&b, "a", 1);
    sqlkc_rt_key_str(&b, "bc", 2);
    assert_false(SAME(a, b));
    /* ("", NULL) vs (NULL, "") */
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_str(&a, "", 0);
    sqlkc_rt_key_null(&a);
    sqlkc_rt_key_null(&b);
    sqlkc_rt_key_str(&b, "", 0);
    assert_false(SAME(a, b));
    /* a long string's varint length */
    char big[300];
    memset(big, 'x', sizeof big);
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_key_str(&a, big, sizeof big);
    assert_int_equal(a.len, 1 + 2 + sizeof big);
    assert_int_equal((unsigned char)a.p[1], 0x80 | (300 & 0x7F));
    assert_int_equal((unsigned char)a.p[2], 300 >> 7);

    /* integers: byte order is numeric order */
    int64_t ints[] = {INT64_MIN, -70000, -1, 0, 1, 255, 256, INT64_MAX};
    for (size_t i = 0; i + 1 < sizeof ints / sizeof ints[0]; i++) {
        sqlkc_rt_buf_reset(&a);
        sqlkc_rt_buf_reset(&b);
        sqlkc_rt_key_i64(&a, ints[i]);
        sqlkc_rt_key_i64(&b, ints[i + 1]);
        assert_int_equal(a.len, 9);
        assert_true(memcmp(a.p, b.p, 9) < 0);
    }

    /* doubles: every NaN is one group; -0.0 and 0.0 are two, as in Flink */
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    double nan1 = __builtin_nan(""), nan2 = -__builtin_nan("0x1234");
    sqlkc_rt_key_f64(&a, nan1);
    sqlkc_rt_key_f64(&b, nan2);
    assert_true(SAME(a, b));
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_f64(&a, 0.0);
    sqlkc_rt_key_f64(&b, -0.0);
    assert_false(SAME(a, b));
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_f32(&a, __builtin_nanf(""));
    sqlkc_rt_key_f32(&b, -__builtin_nanf("7"));
    assert_true(SAME(a, b));
    assert_int_equal(a.len, 5);

    /* decimals, timestamps and booleans */
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_dec(&a, -1);
    sqlkc_rt_key_dec(&b, 1);
    assert_int_equal(a.len, 17);
    assert_true(memcmp(a.p, b.p, 17) < 0);
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_ts(&a, (sqlkc_rt_ts_t){1000, 1});
    sqlkc_rt_key_ts(&b, (sqlkc_rt_ts_t){1000, 2});
    assert_false(SAME(a, b));
    assert_int_equal(a.len, 13);
    sqlkc_rt_buf_reset(&a);
    sqlkc_rt_buf_reset(&b);
    sqlkc_rt_key_bool(&a, true);
    sqlkc_rt_key_bool(&b, false);
    assert_false(SAME(a, b));

    /* the encoding drives the map: equal encodings hit one group */
    sqlkc_rt_map_t *m = sqlkc_rt_map_new(sizeof(int64_t));
    for (int round = 0; round < 3; round++) {
        sqlkc_rt_buf_reset(&a);
        sqlkc_rt_key_str(&a, "EU", 2);
        sqlkc_rt_key_null(&a);
        int64_t *cnt = sqlkc_rt_map_upsert(m, a.p, a.len, NULL);
        (*cnt)++;
    }
    assert_int_equal(sqlkc_rt_map_count(m), 1);
    int64_t *cnt = sqlkc_rt_map_find(m, a.p, a.len);
    assert_int_equal(*cnt, 3);
    sqlkc_rt_map_free(m);
    sqlkc_rt_buf_free(&a);
    sqlkc_rt_buf_free(&b);
}

/* Pairs under random upserts and removes agree with a plain array model:
 * backward-shift deletion must keep every remaining pair findable. */
static void test_pairs_remove(void **state) {
    (void)state;
    enum { N = 5000 };
    static int64_t model[N];
    memset(model, 0, sizeof model);
    sqlkc_rt_pairs_t *m = sqlkc_rt_pairs_new();
    uint64_t x = 12345;
    size_t live = 0;
    for (int step = 0; step < 400000; step++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int k = (int)((x >> 33) % N);
        bool created;
        if ((x >> 20) % 3 == 0) {
            bool had = sqlkc_rt_pairs_remove(m, (uint64_t)k % 7, (uint64_t)k);
            assert_int_equal(had, model[k] != 0);
            if (model[k])
                live--;
            model[k] = 0;
        } else {
            int64_t *c = sqlkc_rt_pairs_upsert(m, (uint64_t)k % 7, (uint64_t)k, &created);
            assert_int_equal(created, model[k] == 0);
            assert_int_equal(*c, model[k]);
            if (created)
                live++;
            *c = ++model[k];
        }
        assert_int_equal(sqlkc_rt_pairs_count(m), live);
    }
    for (int k = 0; k < N; k++) {
        bool created;
        int64_t *c = sqlkc_rt_pairs_upsert(m, (uint64_t)k % 7, (uint64_t)k, &created);
        assert_int_equal(created, model[k] == 0);
        assert_int_equal(*c, model[k]);
    }
    sqlkc_rt_pairs_free(m);
}

static void test_mset(void **state) {
    (void)state;
    sqlkc_rt_mset_t *s = NULL;
    uint64_t hi, lo;
    assert_false(sqlkc_rt_mset_end(s, true, &hi, &lo));
    const double vals[] = {3.5, -0.0, 0.0, -7.25, 1e300, -INFINITY, NAN, 2.0};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        sqlkc_rt_mset_add(&s, sqlkc_rt_ord_f64(vals[i]), 0, 1);
    sqlkc_rt_mset_add(&s, sqlkc_rt_ord_f64(2.0), 0, 1); /* a second 2.0 */
    assert_int_equal(sqlkc_rt_mset_count(s), 8);
    assert_true(sqlkc_rt_mset_end(s, true, &hi, &lo));
    assert_true(sqlkc_rt_unord_f64(hi) == -INFINITY);
    assert_true(sqlkc_rt_mset_end(s, false, &hi, &lo));
    assert_true(isnan(sqlkc_rt_unord_f64(hi))); /* Double.compareTo: NaN above everything */
    /* -0.0 sorts below 0.0, as Double.compareTo has it */
    sqlkc_rt_mset_add(&s, sqlkc_rt_ord_f64(-INFINITY), 0, -1);
    sqlkc_rt_mset_add(&s, sqlkc_rt_ord_f64(-7.25), 0, -1);
    assert_true(sqlkc_rt_mset_end(s, true, &hi, &lo));
    double v = sqlkc_rt_unord_f64(hi);
    assert_true(v == 0.0 && signbit(v));
    /* one of two 2.0 retracted: still there */
    sqlkc_rt_mset_add(&s, sqlkc_rt_ord_f64(2.0), 0, -1);
    assert_int_equal(sqlkc_rt_mset_count(s), 6);
    sqlkc_rt_mset_free(s);
    /* integers and (millis, nanos) pairs keep signed order */
    s = NULL;
    const int64_t ints[] = {5, -3, INT64_MIN, INT64_MAX, 0};
    for (size_t i = 0; i < 5; i++)
        sqlkc_rt_mset_add(&s, sqlkc_rt_ord_i64(ints[i]), (uint64_t)i, 1);
    assert_true(sqlkc_rt_mset_end(s, true, &hi, &lo));
    assert_true(sqlkc_rt_unord_i64(hi) == INT64_MIN && lo == 2);
    assert_true(sqlkc_rt_mset_end(s, false, &hi, &lo));
    assert_true(sqlkc_rt_unord_i64(hi) == INT64_MAX);
    for (size_t i = 0; i < 5; i++)
        sqlkc_rt_mset_add(&s, sqlkc_rt_ord_i64(ints[i]), (uint64_t)i, -1);
    assert_null(s); /* empty again, and freed */
    /* many values, random order: the ends are the extremes */
    uint64_t x = 99;
    int64_t mn = INT64_MAX, mx = INT64_MIN;
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int64_t r = (int64_t)(x >> 16) - (int64_t)(UINT64_C(1) << 47);
        mn = r < mn ? r : mn;
        mx = r > mx ? r : mx;
        sqlkc_rt_mset_add(&s, sqlkc_rt_ord_i64(r), 0, 1);
    }
    assert_true(sqlkc_rt_mset_end(s, true, &hi, &lo) && sqlkc_rt_unord_i64(hi) == mn);
    assert_true(sqlkc_rt_mset_end(s, false, &hi, &lo) && sqlkc_rt_unord_i64(hi) == mx);
    assert_true(sqlkc_rt_mset_bytes(s) >= 3000 * 24);
    sqlkc_rt_mset_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_million),      cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_churn),        cmocka_unit_test(test_hash64),
        cmocka_unit_test(test_key_encoding), cmocka_unit_test(test_pairs_remove),
        cmocka_unit_test(test_mset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
