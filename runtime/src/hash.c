/* This file implements Kafka's murmur2 partitioner hash bit for bit,
 * including Java's 32-bit wrap-around and its unsigned shifts
 * (`>>>`), so records land on the partitions a Java producer would pick. */
#include "sqlkc/hash.h"

int32_t sqlkc_rt_murmur2(const void *key, size_t n) {
    const unsigned char *data = (const unsigned char *)key;
    const uint32_t m = 0x5bd1e995u;
    /* Java computes in int with wrap-around; uint32_t gives the same bits
     * without C's signed-overflow undefined behaviour. The length is an
     * int in Java, so only its low 32 bits take part. */
    uint32_t h = 0x9747b28cu ^ (uint32_t)n;
    size_t n4 = n / 4;
    for (size_t i = 0; i < n4; i++) {
        const unsigned char *q = data + i * 4;
        uint32_t k =
            (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
        k *= m;
        k ^= k >> 24;
        k *= m;
        h *= m;
        h ^= k;
    }
    const unsigned char *tail = data + (n & ~(size_t)3);
    switch (n % 4) {
    case 3:
        h ^= (uint32_t)tail[2] << 16;
        /* fall through */
    case 2:
        h ^= (uint32_t)tail[1] << 8;
        /* fall through */
    case 1:
        h ^= tail[0];
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return (int32_t)h;
}

int32_t sqlkc_rt_kafka_partition(const void *key, size_t n, int32_t partitions) {
    return (int32_t)(((uint32_t)sqlkc_rt_murmur2(key, n) & 0x7fffffffu) % (uint32_t)partitions);
}
