/* This file holds the runtime primitives that the JSON codecs of ARRAY, MAP,
 * MULTISET and ROW values call; the codecs themselves are generated per type
 * by the compiler (compiler/gen_ncodec.c): the error conventions of a
 * container (a conversion error leaves the cursor usable, an error inside a
 * container does not) and the names a map with a NULL key is written under
 * (json.map-null-key.mode). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sqlkc/json.h"
#include "sqlkc/nested.h"

static int conv_err(sqlkc_rt_jcur_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A conversion error: the value was consumed, the cursor is usable. */
static int conv_err(sqlkc_rt_jcur_t *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    c->fatal = false;
    return -1;
}

/* A value inside a container failed (only without ignore-parse-errors, or
 * on malformed JSON): the cursor is in the middle of the container, so it
 * is unusable and the record fails. */
static int inside_err(sqlkc_rt_jcur_t *c)
{
    c->fatal = true;
    return -1;
}

int sqlkc_rt_json_container_begin(sqlkc_rt_jcur_t *c, char open, const char *what)
{
    int ch = sqlkc_rt_json_peek(c);
    if (ch != open) {
        if (ch < 0)
            return sqlkc_rt_json_array_begin(c); /* the end-of-input message */
        size_t at = (size_t)(c->p - c->start);
        if (sqlkc_rt_json_skip(c) < 0)
            return -1;
        return conv_err(c, "Illegal JSON %s data at byte %zu", what, at);
    }
    return open == '{' ? sqlkc_rt_json_object_begin(c) : sqlkc_rt_json_array_begin(c);
}

int sqlkc_rt_json_convert_error(sqlkc_rt_jcur_t *c, const char *msg)
{
    return conv_err(c, "%s", msg);
}

int sqlkc_rt_json_inside_error(sqlkc_rt_jcur_t *c)
{
    return inside_err(c);
}

int sqlkc_rt_json_field_error(sqlkc_rt_jcur_t *c, const char *name)
{
    if (!c->fatal) {
        char why[sizeof c->err];
        memcpy(why, c->err, sizeof why);
        snprintf(c->err, sizeof c->err, "Fail to deserialize at field: %.40s. (%.60s)", name, why);
    }
    return inside_err(c);
}

/* The name entry j is written under, or false when it is dropped. */
static bool entry_name(const sqlkc_rt_nested_t *v, uint32_t j, int mode, const char *literal, sqlkc_rt_str_t *name)
{
    const sqlkc_rt_item_t *k = &v->items[2 * j];
    if (!k->null) {
        *name = k->v.s;
        return true;
    }
    if (mode == SQLKC_RT_JSON_NULL_KEY_DROP)
        return false;
    *name = (sqlkc_rt_str_t){literal, strlen(literal)};
    return true;
}

bool sqlkc_rt_json_map_entry(const sqlkc_rt_nested_t *v, uint32_t i, int mode, const char *literal,
                             sqlkc_rt_str_t *name, uint32_t *val)
{
    if (!entry_name(v, i, mode, literal, name))
        return false;
    /* the first entry with this name gives the place, the last the value */
    sqlkc_rt_str_t nj;
    for (uint32_t j = 0; j < i; j++)
        if (entry_name(v, j, mode, literal, &nj) && nj.n == name->n && memcmp(nj.p, name->p, nj.n) == 0)
            return false;
    *val = i;
    for (uint32_t j = i + 1; j < v->n; j++)
        if (entry_name(v, j, mode, literal, &nj) && nj.n == name->n && memcmp(nj.p, name->p, nj.n) == 0)
            *val = j;
    return true;
}
