/* This file declares the reference codec of Avro's JSON encoding
 * (ref_avro_json.c) that the tests check the generated ones against. */
#ifndef SQLKC_TESTS_REF_AVRO_JSON_H
#define SQLKC_TESTS_REF_AVRO_JSON_H

#include "sqlkc/avro.h"
#include "sqlkc/nested.h"

/* The record of descriptor rec (a ROW of the format's columns, NOT NULL),
 * fields its values; legacy the timestamp mapping. The writer appends the
 * record (a "\n" first unless *started) and returns NULL or why not; the
 * reader fills fields and returns 0, or -1 with err set. */
const char *ref_avro_json_put(sqlkc_rt_buf_t *b, const sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec, bool legacy,
                              bool *started, sqlkc_rt_alloc_fn alloc, void *arg);
int ref_avro_json_get(const void *data, size_t len, sqlkc_rt_item_t *fields, const sqlkc_rt_type_t *rec, bool legacy,
                      sqlkc_rt_alloc_fn alloc, void *arg, char *err, size_t errlen);

#endif
