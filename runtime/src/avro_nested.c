/* This file holds the runtime primitives that the Avro binary codecs of
 * ARRAY, MAP, MULTISET and ROW values call; the codecs themselves are
 * generated per type by the compiler (compiler/gen_ncodec.c): block counts,
 * and the order of a map's entries, which is the order of the Java HashMaps
 * Flink fills: RowDataToAvroConverters' HashMap<String, Object>
 * (CollectionUtil.newHashMapWithExpectedSize) when writing; Avro's
 * GenericDatumReader and then AvroToRowDataConverters' HashMaps when
 * reading. */
#include <math.h>
#include <string.h>

#include "sqlkc/avro.h"
#include "sqlkc/nested.h"

/* HashMap.tableSizeFor */
static uint32_t table_size_for(uint32_t c)
{
    uint32_t n = 1;
    while (n < c)
        n *= 2;
    return n;
}

/* Avro's Utf8.hashCode: h * 31 + (signed) byte. */
static int32_t utf8_hash(const char *p, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (uint32_t)(int32_t)(int8_t)p[i];
    return (int32_t)h;
}

uint32_t sqlkc_rt_avro_map_write_order(const sqlkc_rt_nested_t *v, sqlkc_rt_item_t **items, sqlkc_rt_alloc_fn alloc,
                                       void *arg)
{
    /* new HashMap<String, Object>(computeRequiredCapacity(n)) */
    uint32_t n = v->n;
    uint32_t want = n <= 2 ? n + 1 : (uint32_t)ceil((double)((float)n / 0.75f));
    *items = alloc(arg, sizeof **items * 2 * (n ? n : 1));
    if (n)
        memcpy(*items, v->items, sizeof **items * 2 * n);
    return sqlkc_rt_map_hash_order(*items, n, sqlkc_rt_java_string_hash, table_size_for(want), alloc, arg);
}

/* A block count: negative counts are followed by the block's byte size
 * (Avro's spec), which is skipped. */
int sqlkc_rt_avro_block_count(sqlkc_rt_acur_t *c, int64_t *n)
{
    if (sqlkc_rt_avro_get_long(c, n) < 0)
        return -1;
    if (*n < 0) {
        int64_t size;
        if (*n == INT64_MIN || sqlkc_rt_avro_get_long(c, &size) < 0)
            return c->err = c->err ? c->err : "a bad block count", -1;
        *n = -*n;
    }
    /* every item takes at least one byte, so a count beyond the datum is bad */
    if (*n > c->end - c->p) {
        c->err = "a block count beyond the datum";
        return -1;
    }
    return 0;
}

uint32_t sqlkc_rt_avro_map_read_order(sqlkc_rt_item_t *items, uint32_t n, uint32_t first_block,
                                      sqlkc_rt_alloc_fn alloc, void *arg)
{
    if (!n)
        return 0;
    /* GenericDatumReader: new HashMap<Utf8, ...>(first block count);
     * AvroToRowDataConverters: its entries into new HashMap<StringData, ...>() */
    n = sqlkc_rt_map_hash_order(items, n, utf8_hash, table_size_for(first_block), alloc, arg);
    return sqlkc_rt_map_hash_order(items, n, sqlkc_rt_flink_string_hash, 16, alloc, arg);
}
