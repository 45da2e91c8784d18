/* This file declares the runtime's hash functions: Kafka's murmur2, which
 * decides the partition of a produced record exactly as the Java client's
 * default partitioner does, and a fast 64-bit hash for in-memory tables. */
#ifndef SQLKC_HASH_H
#define SQLKC_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* org.apache.kafka.common.utils.Utils.murmur2 (seed 0x9747b28c), with
 * Java's int result. */
int32_t sqlkc_rt_murmur2(const void *key, size_t n);

/* Utils.toPositive(murmur2(key)) % partitions: the partition the Java
 * producer picks for a keyed record. partitions must be > 0. */
int32_t sqlkc_rt_kafka_partition(const void *key, size_t n, int32_t partitions);

/* 64x64 -> 128-bit multiply folded to 64 bits: the mixing step. */
static inline uint64_t sqlkc_rt_hash_mum(uint64_t a, uint64_t b) {
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t sqlkc_rt_hash_rd64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t sqlkc_rt_hash_rd32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* A fast, well-mixing 64-bit hash of n bytes (multiply-fold construction
 * in the style of wyhash; not for persistent or cross-machine use, values
 * depend on byte order). Short keys, the common case for group keys, take
 * two or four loads and three multiplies. */
static inline uint64_t sqlkc_rt_hash64(const void *key, size_t n, uint64_t seed) {
    const uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                   k2 = 0x8ebc6af09c88c6e3ull, k3 = 0x589965cc75374cc3ull;
    const unsigned char *p = (const unsigned char *)key;
    uint64_t a, b;
    seed ^= sqlkc_rt_hash_mum(seed ^ k0, k1);
    if (n <= 16) {
        if (n >= 4) {
            /* two overlapping 4-byte windows from each end cover 4..16 */
            size_t s = (n >> 3) << 2;
            a = sqlkc_rt_hash_rd32(p) << 32 | sqlkc_rt_hash_rd32(p + s);
            b = sqlkc_rt_hash_rd32(p + n - 4) << 32 | sqlkc_rt_hash_rd32(p + n - 4 - s);
        } else if (n > 0) {
            a = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        size_t i = n;
        if (i > 48) {
            uint64_t s1 = seed, s2 = seed;
            do {
                seed =
                    sqlkc_rt_hash_mum(sqlkc_rt_hash_rd64(p) ^ k1, sqlkc_rt_hash_rd64(p + 8) ^ seed);
                s1 = sqlkc_rt_hash_mum(sqlkc_rt_hash_rd64(p + 16) ^ k2,
                                       sqlkc_rt_hash_rd64(p + 24) ^ s1);
                s2 = sqlkc_rt_hash_mum(sqlkc_rt_hash_rd64(p + 32) ^ k3,
                                       sqlkc_rt_hash_rd64(p + 40) ^ s2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= s1 ^ s2;
        }
        while (i > 16) {
            seed = sqlkc_rt_hash_mum(sqlkc_rt_hash_rd64(p) ^ k1, sqlkc_rt_hash_rd64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = sqlkc_rt_hash_rd64(p + i - 16);
        b = sqlkc_rt_hash_rd64(p + i - 8);
    }
    a ^= k1;
    b ^= seed;
    unsigned __int128 r = (unsigned __int128)a * b;
    a = (uint64_t)r;
    b = (uint64_t)(r >> 64);
    return sqlkc_rt_hash_mum(a ^ k0 ^ (uint64_t)n, b ^ k1);
}

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_HASH_H */
