#!/usr/bin/env bash
# Golden tests: for each tests/golden/NAME.sql, `sqlkc explain` must print
# NAME.explain and `sqlkc gen` must print NAME.c, and the generated C must
# compile with -O2 -Wall -Wextra -Werror (-O2 as `sqlkc build` compiles it,
# which lets GCC's flow-dependent warnings see through the inlined job). For
# each tests/errors/NAME.sql,
# `sqlkc check` must exit 1 with exactly NAME.err on stderr; for each
# tests/diags/NAME.sql (valid SQL that gets warnings or notes) it must exit 0
# with exactly NAME.err on stderr. For each line OLD NEW EXIT of
# tests/compat/cases, `sqlkc check --state-compat OLD.sql NEW.sql` must exit
# EXIT and print OLD-NEW.out.
# UPDATE_GOLDEN=1 rewrites the expected files (review them as diffs).
set -u
sqlkc=$1; rtinc=$2; cc=${CC:-cc}
here=$(cd "$(dirname "$0")/.." && pwd)
pass=0; fail=0
check() { # name expected actual
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then printf '%s' "$3" > "$2"; pass=$((pass+1)); return; fi
  if [ -f "$2" ] && [ "$3" = "$(cat "$2")" ]; then pass=$((pass+1)); else
    echo "FAIL: $1"; diff <(cat "$2" 2>/dev/null) <(printf '%s' "$3") | head -40; fail=$((fail+1)); fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$here/golden"
for sql in *.sql; do
  name=${sql%.sql}
  out=$("$sqlkc" explain "$sql" 2>&1); rc=$?
  [ $rc = 0 ] || { echo "FAIL: $name: explain exited $rc"; echo "$out"; fail=$((fail+1)); continue; }
  check "$name.explain" "$name.explain" "$out"
  out=$("$sqlkc" gen "$sql" 2>/dev/null); rc=$?
  [ $rc = 0 ] || { echo "FAIL: $name: gen exited $rc"; fail=$((fail+1)); continue; }
  check "$name.c" "$name.c" "$out"
  printf '%s\n' "$out" > "$tmp/$name.c"
  if $cc -std=gnu11 -O2 -Wall -Wextra -Werror -I"$rtinc" -c "$tmp/$name.c" -o "$tmp/$name.o" 2> "$tmp/$name.cc"; then
    pass=$((pass+1))
  else
    echo "FAIL: $name: generated C does not compile with -O2 -Wall -Wextra -Werror"; head -30 "$tmp/$name.cc"; fail=$((fail+1))
  fi
done
cd "$here/errors"
for sql in *.sql; do
  name=${sql%.sql}
  out=$("$sqlkc" check "$sql" 2>&1 >/dev/null); rc=$?
  if [ $rc != 1 ]; then echo "FAIL: $name: check exited $rc, expected 1"; echo "$out"; fail=$((fail+1)); continue; fi
  check "$name.err" "$name.err" "$out"
done
cd "$here/diags"
for sql in *.sql; do
  name=${sql%.sql}
  out=$("$sqlkc" check "$sql" 2>&1 >/dev/null); rc=$?
  if [ $rc != 0 ]; then echo "FAIL: diags/$name: check exited $rc, expected 0"; echo "$out"; fail=$((fail+1)); continue; fi
  check "diags/$name.err" "$name.err" "$out"
done
# check --state-compat: the cases of tests/compat/cases
cd "$here/compat"
while read -r old new want; do
  case $old in ''|'#'*) continue ;; esac
  out=$("$sqlkc" check --state-compat "$old.sql" "$new.sql" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL: compat $old $new: exit $rc, expected $want"; echo "$out"; fail=$((fail+1)); continue; fi
  check "compat/$old-$new.out" "$old-$new.out" "$out"
done < cases
# the command line: gen and build need an INSERT; an output directory that
# does not exist, or an output that is a directory, is the user's mistake
# (exit 1, the path named), found first
cli() { # name expected-rc ERE command...
  local name=$1 want=$2 re=$3 got rc=0
  shift 3
  got=$("$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" = "$want" ] && printf '%s' "$got" | grep -qE -- "$re"; then pass=$((pass+1)); else
    echo "FAIL: cli: $name: exit $rc (expected $want), output:"; printf '%s\n' "$got" | head -5; fail=$((fail+1)); fi
}
cli "gen without INSERT" 1 "error: no INSERT INTO statement: nothing to run" "$sqlkc" gen "$here/diags/ddl_only.sql"
cli "build without INSERT" 1 "error: no INSERT INTO statement" "$sqlkc" build "$here/diags/ddl_only.sql" -o "$tmp/x"
cli "build -o missing_dir/job" 1 "^sqlkc: cannot write '$tmp/missing_dir/job': '$tmp/missing_dir' does not exist$" \
  "$sqlkc" build "$here/golden/pageviews.sql" -o "$tmp/missing_dir/job"
cli "build -o file/job" 1 "'$tmp/pageviews.c' is not a directory" \
  "$sqlkc" build "$here/golden/pageviews.sql" -o "$tmp/pageviews.c/job"
mkdir -p "$tmp/a_dir"
cli "build -o DIRECTORY" 1 "^sqlkc: cannot write '$tmp/a_dir': it is a directory" \
  "$sqlkc" build "$here/golden/pageviews.sql" -o "$tmp/a_dir"
cli "check without INSERT" 0 "note: no INSERT INTO statement" "$sqlkc" check "$here/diags/ddl_only.sql"
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
