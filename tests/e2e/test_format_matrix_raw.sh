#!/usr/bin/env bash
# This file is the raw part of the format matrix (test_format_matrix.sh with
# MATRIX_PART=raw): every raw column type as a big-endian key and a
# little-endian value, written with Python's struct, copied by a job, and
# compared byte for byte and value by value.
#
# usage: test_format_matrix_raw.sh SQLKC SQLKC_DEV_BROKER
MATRIX_PART=raw exec bash "$(dirname "$0")/test_format_matrix.sh" "$@"
