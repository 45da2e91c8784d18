/* This file declares the stateful operators of a plan as checkpoints know
 * them (state.c). */
#ifndef SQLKC_STATE_H
#define SQLKC_STATE_H

#include "arena.h"
#include "plan.h"

typedef struct plan_state_op {
    const plan_node_t *node;
    const char *name;     /* "INSERT INTO t: GroupAggregate 1" */
    const char *layout;   /* what a checkpoint must hold for it to be restored */
    const char *estimate; /* its bytes per key, in words */
    int mem_per_key, ckpt_per_key;
} plan_state_op_t;

/* The stateful operators in the order checkpoints hold them: the INSERTs in
 * order, each from its source to its sink. */
int plan_state_ops(const plan_t *p, arena_t *a, plan_state_op_t **out);

#endif
