#!/usr/bin/env bash
# This file checks an installation of sqlkc the way a user meets it. It installs
# a build tree into a temporary prefix (not the one configured: an install must
# work wherever it lands) and checks that
#   1. the files are there: bin/sqlkc, bin/sqlkc-dev-broker, lib/libsqlkcrt.a,
#      include/sqlkc/rt.h, lib/cmake/Sqlkc/SqlkcConfig.cmake, lib/pkgconfig/sqlkcrt.pc;
#   2. a C program links against the runtime with `pkg-config --cflags --libs sqlkcrt`;
#   3. a separate CMake project builds a job with find_package(Sqlkc) and
#      sqlkc_add_job, and the job answers --help;
#   4. the installed `sqlkc build` makes a job that answers --help.
# usage: scripts/check-install.sh [BUILD_DIR]   (default: build)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
sql=$top/examples/pageviews/pageviews.sql
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqlkc-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

step() { printf '== %s\n' "$*"; }
fail() {
    printf 'check-install: FAIL: %s\n' "$*" >&2
    exit 1
}

step "cmake --install $build --prefix <tmp>/prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" ||
    { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
for f in bin/sqlkc bin/sqlkc-dev-broker lib/libsqlkcrt.a include/sqlkc/rt.h \
    lib/cmake/Sqlkc/SqlkcConfig.cmake lib/cmake/Sqlkc/SqlkcConfigVersion.cmake \
    lib/pkgconfig/sqlkcrt.pc; do
    [ -e "$prefix/$f" ] || fail "$f is not installed"
done
for f in bin/sqlkc bin/sqlkc-dev-broker; do
    [ -x "$prefix/$f" ] || fail "$f is not executable"
done

step "cc prog.c \$(pkg-config --cflags --libs sqlkcrt)"
cat >"$tmp/prog.c" <<'EOF'
#include <sqlkc/rt.h>

int main(int argc, char **argv) {
    /* Referenced, not run: linking it pulls in the runtime and librdkafka. */
    return argc > 1000 ? sqlkc_rt_main(0, argc, argv) : 0;
}
EOF
flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs sqlkcrt) ||
    fail "pkg-config cannot use sqlkcrt.pc"
# shellcheck disable=SC2086 # the flags are a list
cc -std=c11 -Wall -Wextra -Werror "$tmp/prog.c" -o "$tmp/prog" $flags ||
    fail "linking with pkg-config flags failed: $flags"
"$tmp/prog" || fail "the pkg-config program did not run"

step "find_package(Sqlkc) + sqlkc_add_job(pageviews_job SQL pageviews.sql)"
mkdir -p "$tmp/user"
cat >"$tmp/user/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(sqlkc_user LANGUAGES C)
find_package(Sqlkc 0.1 REQUIRED)
sqlkc_add_job(pageviews_job SQL ${SQL})
EOF
if ! { cmake -S "$tmp/user" -B "$tmp/user/build" -DCMAKE_PREFIX_PATH="$prefix" -DSQL="$sql" &&
    cmake --build "$tmp/user/build"; } >"$tmp/user.log" 2>&1; then
    cat "$tmp/user.log" >&2
    fail "a CMake project could not build a job with the installed package"
fi
"$tmp/user/build/pageviews_job" --help >/dev/null || fail "the CMake-built job failed on --help"

step "<prefix>/bin/sqlkc build pageviews.sql -o job"
"$prefix/bin/sqlkc" build "$sql" -o "$tmp/job" || fail "the installed sqlkc build failed"
"$tmp/job" --help >/dev/null || fail "the sqlkc-built job failed on --help"

echo "check-install: OK"
