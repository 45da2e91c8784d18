/* This file declares what generated jobs call to write their operators'
 * state into a checkpoint and to read it back: little-endian integers and
 * floating-point bits, length-prefixed bytes, and the runtime's containers
 * (pairs, msets). The file around it (header, offsets, checksum, retention)
 * is the runtime's (checkpoint.c documents the format). A write never fails
 * here (errors surface when the file is finished); a read returns false when
 * the state runs out or is malformed, and the restore is refused. */
#ifndef SQLKC_CKPT_H
#define SQLKC_CKPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlkc/state.h"
#include "sqlkc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A checkpoint being written or read. */
typedef struct sqlkc_rt_ckpt sqlkc_rt_ckpt_t;

/* ---- writing ---- */
void sqlkc_rt_ckpt_put_u8(sqlkc_rt_ckpt_t *c, uint8_t v);
void sqlkc_rt_ckpt_put_u32(sqlkc_rt_ckpt_t *c, uint32_t v);
void sqlkc_rt_ckpt_put_u64(sqlkc_rt_ckpt_t *c, uint64_t v);
static inline void sqlkc_rt_ckpt_put_i64(sqlkc_rt_ckpt_t *c, int64_t v) { sqlkc_rt_ckpt_put_u64(c, (uint64_t)v); }
void sqlkc_rt_ckpt_put_f64(sqlkc_rt_ckpt_t *c, double v);
void sqlkc_rt_ckpt_put_f32(sqlkc_rt_ckpt_t *c, float v);
/* DECIMAL unscaled values: 16 bytes, little-endian two's complement. */
void sqlkc_rt_ckpt_put_i128(sqlkc_rt_ckpt_t *c, __int128 v);
/* u32 length, then the bytes. */
void sqlkc_rt_ckpt_put_bytes(sqlkc_rt_ckpt_t *c, const void *p, size_t n);
void sqlkc_rt_ckpt_put_pairs(sqlkc_rt_ckpt_t *c, const sqlkc_rt_pairs_t *m);
void sqlkc_rt_ckpt_put_mset(sqlkc_rt_ckpt_t *c, const sqlkc_rt_mset_t *s);

/* ---- reading: false when the data ends too early or is malformed ---- */
bool sqlkc_rt_ckpt_get_u8(sqlkc_rt_ckpt_t *c, uint8_t *v);
bool sqlkc_rt_ckpt_get_u32(sqlkc_rt_ckpt_t *c, uint32_t *v);
bool sqlkc_rt_ckpt_get_u64(sqlkc_rt_ckpt_t *c, uint64_t *v);
static inline bool sqlkc_rt_ckpt_get_i64(sqlkc_rt_ckpt_t *c, int64_t *v)
{
    uint64_t u;
    if (!sqlkc_rt_ckpt_get_u64(c, &u))
        return false;
    *v = (int64_t)u;
    return true;
}
bool sqlkc_rt_ckpt_get_f64(sqlkc_rt_ckpt_t *c, double *v);
bool sqlkc_rt_ckpt_get_f32(sqlkc_rt_ckpt_t *c, float *v);
bool sqlkc_rt_ckpt_get_i128(sqlkc_rt_ckpt_t *c, __int128 *v);
/* Points into the loaded checkpoint: valid until the restore returns. */
bool sqlkc_rt_ckpt_get_bytes(sqlkc_rt_ckpt_t *c, const void **p, size_t *n);
/* Adds the pairs and counts read to m (empty). */
bool sqlkc_rt_ckpt_get_pairs(sqlkc_rt_ckpt_t *c, sqlkc_rt_pairs_t *m);
/* Replaces *s (NULL) with the set read. */
bool sqlkc_rt_ckpt_get_mset(sqlkc_rt_ckpt_t *c, sqlkc_rt_mset_t **s);

/* A nested value (ARRAY, MAP, MULTISET, ROW) of type t; read back into
 * items and strings from alloc (the strings point into the checkpoint). */
struct sqlkc_rt_type;
void sqlkc_rt_ckpt_put_nested(sqlkc_rt_ckpt_t *c, const sqlkc_rt_nested_t *v, const struct sqlkc_rt_type *t);
bool sqlkc_rt_ckpt_get_nested(sqlkc_rt_ckpt_t *c, sqlkc_rt_nested_t *v, const struct sqlkc_rt_type *t,
                              sqlkc_rt_alloc_fn alloc, void *arg);
bool sqlkc_rt_ckpt_get_nested_at(sqlkc_rt_ckpt_t *c, sqlkc_rt_nested_t *v, const struct sqlkc_rt_type *t,
                                 sqlkc_rt_alloc_fn alloc, void *arg, int depth);

#ifdef __cplusplus
}
#endif
#endif /* SQLKC_CKPT_H */
