/* This file tests the checkpoint files of runtime/src/checkpoint.c: what is
 * written is read back (header, operators and their layouts, positions, each
 * operator's state through the index, in any order); a file cut at any byte
 * or with any single bit flipped is refused by its checksum; a file whose
 * checksum was made right again after random damage is refused or read
 * within its bounds, never crashing; retention keeps the newest N; the
 * files of cut-off writes are removed; the state directory's lock is
 * exclusive. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ckpt_internal.h"

static const sqlkc_rt_state_op_t ops[] = {
    {"INSERT INTO a: GroupAggregate 1", "group key (k STRING); accumulators [COUNT(*)]", NULL, NULL},
    {"INSERT INTO b: ChangelogNormalize 1", "key (id BIGINT); the last row (id BIGINT, s STRING)", NULL, NULL},
};
static const sqlkc_rt_job_def_t def = {.abi = SQLKC_RT_ABI, .name = "job", .state_ops = ops, .nstate_ops = 2};

static char dir[256];

static int setup(void **st)
{
    (void)st;
    snprintf(dir, sizeof dir, "/tmp/sqlkc-ckpt-test.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void write_one(uint64_t seq)
{
    char err[256];
    sqlkc_rt_ckpt_t *c = rt_ckpt_create(dir, seq, &def, err, sizeof err);
    assert_non_null(c);
    rt_ckpt_part_t parts[] = {{"src", "topic;1", 0, 42}, {"src", "topic;1", 3, 7}};
    rt_ckpt_positions_t pos = {parts, 2};
    rt_ckpt_put_positions(c, &pos);
    rt_ckpt_begin_op(c, 0, ops[0].name);
    sqlkc_rt_ckpt_put_u64(c, 2);
    sqlkc_rt_ckpt_put_bytes(c, "EU", 2);
    sqlkc_rt_ckpt_put_i64(c, -5);
    sqlkc_rt_ckpt_put_bytes(c, "", 0);
    sqlkc_rt_ckpt_put_i64(c, (int64_t)seq);
    rt_ckpt_end_op(c);
    rt_ckpt_begin_op(c, 1, ops[1].name);
    sqlkc_rt_ckpt_put_f64(c, -0.0);
    sqlkc_rt_ckpt_put_i128(c, -((__int128)1 << 100));
    sqlkc_rt_ckpt_put_u8(c, 1);
    rt_ckpt_end_op(c);
    uint64_t bytes;
    assert_int_equal(rt_ckpt_finish(c, &bytes, err, sizeof err), 0);
    assert_true(bytes > 100);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

static void spit(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

static void test_round_trip(void **st)
{
    (void)st;
    write_one(1);
    char *path = rt_ckpt_path(dir, 1);
    char err[256];
    sqlkc_rt_ckpt_t *c = rt_ckpt_open(path, err, sizeof err);
    assert_non_null(c);
    rt_ckpt_info_t info;
    assert_int_equal(rt_ckpt_read_header(c, &info, err, sizeof err), 0);
    assert_int_equal(info.seq, 1);
    assert_int_equal(info.nops, 2);
    assert_string_equal(info.ops[1].name, ops[1].name);
    assert_string_equal(info.ops[1].layout, ops[1].layout);
    rt_ckpt_positions_t pos;
    assert_int_equal(rt_ckpt_read_positions(c, &pos), 0);
    assert_int_equal(pos.n, 2);
    assert_string_equal(pos.parts[1].topic, "topic;1");
    assert_int_equal(pos.parts[1].partition, 3);
    assert_int_equal(pos.parts[1].position, 7);
    rt_ckpt_positions_free(&pos);

    /* the second operator first: the index finds it */
    double d;
    __int128 x;
    uint8_t b;
    assert_true(rt_ckpt_enter_op(c, 1));
    assert_true(sqlkc_rt_ckpt_get_f64(c, &d) && sqlkc_rt_ckpt_get_i128(c, &x) && sqlkc_rt_ckpt_get_u8(c, &b));
    assert_true(d == 0.0 && 1 / d < 0);
    assert_true(x == -((__int128)1 << 100));
    assert_int_equal(b, 1);
    assert_true(rt_ckpt_op_consumed(c));
    /* reads stop at the end of the operator's state */
    assert_false(sqlkc_rt_ckpt_get_u8(c, &b));

    uint64_t n;
    const void *p;
    size_t len;
    int64_t v;
    assert_true(rt_ckpt_enter_op(c, 0));
    assert_true(sqlkc_rt_ckpt_get_u64(c, &n));
    assert_int_equal(n, 2);
    assert_true(sqlkc_rt_ckpt_get_bytes(c, &p, &len));
    assert_int_equal(len, 2);
    assert_memory_equal(p, "EU", 2);
    assert_true(sqlkc_rt_ckpt_get_i64(c, &v));
    assert_int_equal(v, -5);
    assert_false(rt_ckpt_op_consumed(c));
    assert_false(rt_ckpt_enter_op(c, 2));
    rt_ckpt_close(c);
    free(path);
}

/* Every prefix and every single-bit flip is refused when opened. */
static void test_cut_and_flipped(void **st)
{
    (void)st;
    write_one(2);
    char *path = rt_ckpt_path(dir, 2);
    size_t n;
    unsigned char *good = slurp(path, &n);
    char bad[300], err[256];
    snprintf(bad, sizeof bad, "%s/bad", dir);
    for (size_t len = 0; len < n; len++) {
        spit(bad, good, len);
        sqlkc_rt_ckpt_t *c = rt_ckpt_open(bad, err, sizeof err);
        if (c)
            fail_msg("a checkpoint cut to %zu of %zu bytes was opened", len, n);
    }
    unsigned char *b = malloc(n);
    for (size_t i = 0; i < n; i++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(b, good, n);
            b[i] ^= (unsigned char)(1u << bit);
            spit(bad, b, n);
            sqlkc_rt_ckpt_t *c = rt_ckpt_open(bad, err, sizeof err);
            if (c)
                fail_msg("a checkpoint with bit %d of byte %zu flipped was opened", bit, i);
        }
    }
    free(b);
    free(good);
    free(path);
}

/* Random damage with the checksum made right: read what can be read, in
 * bounds (the test fails by crashing, or under ASan). */
static void test_damage_with_good_checksum(void **st)
{
    (void)st;
    write_one(3);
    char *path = rt_ckpt_path(dir, 3);
    size_t n;
    unsigned char *good = slurp(path, &n);
    unsigned char *b = malloc(n);
    char bad[300], err[256];
    snprintf(bad, sizeof bad, "%s/bad", dir);
    srand(7);
    int opened = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(b, good, n);
        int k = 1 + rand() % 4;
        for (int j = 0; j < k; j++) {
            size_t at = 16 + (size_t)rand() % (n - 20);
            b[at] = (unsigned char)(rand() % 4 == 0 ? 0xff : rand());
        }
        uint32_t crc = rt_crc32c(0, b, n - 4);
        for (int j = 0; j < 4; j++)
            b[n - 4 + (size_t)j] = (unsigned char)(crc >> (8 * j));
        spit(bad, b, n);
        sqlkc_rt_ckpt_t *c = rt_ckpt_open(bad, err, sizeof err);
        if (!c)
            continue;
        opened++;
        rt_ckpt_info_t info;
        rt_ckpt_positions_t pos;
        if (rt_ckpt_read_header(c, &info, err, sizeof err) == 0 && rt_ckpt_read_positions(c, &pos) == 0) {
            rt_ckpt_positions_free(&pos);
            for (size_t i = 0; i < info.nops; i++) {
                if (!rt_ckpt_enter_op(c, i))
                    continue;
                const void *p;
                size_t len;
                uint64_t u;
                while (sqlkc_rt_ckpt_get_bytes(c, &p, &len) || sqlkc_rt_ckpt_get_u64(c, &u)) {
                }
            }
        }
        rt_ckpt_close(c);
    }
    assert_true(opened > 0); /* the damage was read, not all stopped at the trailer */
    free(b);
    free(good);
    free(path);
}

static void test_retention_tmp_lock(void **st)
{
    (void)st;
    for (uint64_t s = 10; s < 15; s++)
        write_one(s);
    rt_ckpt_retain(dir, 2);
    uint64_t *seqs;
    size_t n;
    assert_int_equal(rt_ckpt_list(dir, &seqs, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(seqs[0], 14);
    assert_int_equal(seqs[1], 13);
    free(seqs);

    char p[300];
    snprintf(p, sizeof p, "%s/chk-00000000000000000015.ckpt.tmp", dir);
    spit(p, (const unsigned char *)"x", 1);
    snprintf(p, sizeof p, "%s/other.tmp", dir);
    spit(p, (const unsigned char *)"x", 1);
    assert_int_equal(rt_ckpt_clean_tmp(dir), 1);
    struct stat sb;
    assert_int_equal(stat(p, &sb), 0); /* not a checkpoint's: kept */

    char err[512];
    int fd = rt_ckpt_lock(dir, err, sizeof err);
    assert_true(fd >= 0);
    assert_int_equal(rt_ckpt_lock(dir, err, sizeof err), -1);
    assert_non_null(strstr(err, "in use by another run of the job"));
    close(fd);
    fd = rt_ckpt_lock(dir, err, sizeof err);
    assert_true(fd >= 0);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_cut_and_flipped),
        cmocka_unit_test(test_damage_with_good_checksum),
        cmocka_unit_test(test_retention_tmp_lock),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
