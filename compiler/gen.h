/* This file declares code generation: the plan in, one C translation unit out. */
#ifndef SQLKC_GEN_H
#define SQLKC_GEN_H

#include "plan.h"

/* Writes the job's C source through out. Returns 0, or 2 on an internal error
 * (a plan this generator cannot compile; analysis should have refused it). */
int gen_job(const plan_t *p, arena_t *a, void (*out)(void *arg, const char *s), void *arg);

#endif
