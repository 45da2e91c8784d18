# shellcheck shell=bash
# This file is sourced by the compiler-level end-to-end tests (test_pageviews.sh,
# test_insert_only.sh, test_job_cli.sh) on top of lib.sh: it keeps going after a
# failed check and counts checks, so that a test ends with a line
# "e2e NAME: N passed, M failed" and exits 1 when M > 0.
#
#   e2e_common_init SQLKC BROKER   lib.sh's e2e_init plus: $SQLKC, $T (= $E2E_TMP),
#                                  a cleanup that also stops background jobs
#   e2e_pass NAME / e2e_failed NAME WHY          count one check
#   e2e_check_eq NAME EXPECTED ACTUAL
#   e2e_check_grep NAME ERE FILE / e2e_check_no_grep NAME ERE FILE
#   e2e_check_files NAME EXPECTED_FILE ACTUAL_FILE   byte-exact, diff on failure
#   e2e_py_checks CMD...           run a checker printing "PASS name" and
#                                  "FAIL name: why" lines; counts each line
#   e2e_summary NAME               the last line; exits 0 or 1
#   e2e_build SQL JOB              sqlkc build; a failure is a failed check
#   e2e_run JOB OUT ERR ARGS...    run JOB --bootstrap-servers $BOOTSTRAP ARGS
#                                  with a timeout; exit code in $RC
#   e2e_start_bg JOB OUT ERR ARGS...  the same in the background; pid in $BG_PID
#   e2e_produce_sep TOPIC FILE [PARTITION]  records separated by \x1e (so a
#                                  record may contain newlines), null keys
#   e2e_dump TOPIC OUT             the whole topic, binary-safe: per record a
#                                  line "PARTITION OFFSET KEYLEN VALUELEN" (-1 =
#                                  null), then key bytes, value bytes and "\n"
#   e2e_dump_values TOPIC OUT      the values only, one per line (no newlines in values)
#
# A check that shows a known bug of the compiler or the runtime is still counted as
# failed; its name says "KNOWN BUG" and the report describes it.

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

E2E_PASSED=0
E2E_FAILED=0
E2E_BG_PIDS=()
E2E_JOB_TIMEOUT=${E2E_JOB_TIMEOUT:-120}
SQLKC=
T=

e2e_pass() {
    E2E_PASSED=$((E2E_PASSED + 1))
    echo "ok: $1"
}

e2e_failed() {
    E2E_FAILED=$((E2E_FAILED + 1))
    echo "FAIL: $1${2:+: $2}"
}

e2e_check_eq() {
    if [[ "$2" == "$3" ]]; then e2e_pass "$1"; else e2e_failed "$1" "expected '$2', got '$3'"; fi
}

e2e_check_grep() {
    if grep -qE -- "$2" "$3"; then
        e2e_pass "$1"
    else
        e2e_failed "$1" "/$2/ not in $(basename "$3"):"
        head -c 2000 "$3" | sed 's/^/    | /'
    fi
}

e2e_check_no_grep() {
    if ! grep -qE -- "$2" "$3"; then
        e2e_pass "$1"
    else
        e2e_failed "$1" "/$2/ found in $(basename "$3"):"
        grep -E -- "$2" "$3" | head -n 5 | sed 's/^/    | /'
    fi
}

e2e_check_files() {
    if cmp -s "$2" "$3"; then
        e2e_pass "$1"
    else
        e2e_failed "$1" "differs (- expected, + actual):"
        diff -u "$2" "$3" | head -n 40 | sed 's/^/    | /'
    fi
}

e2e_py_checks() {
    local out=$T/py_checks.$$.$RANDOM line
    "$@" >"$out" 2>&1
    local rc=$?
    while IFS= read -r line; do
        case $line in
        "PASS "*) e2e_pass "${line#PASS }" ;;
        "FAIL "*) e2e_failed "${line#FAIL }" ;;
        *) echo "    $line" ;;
        esac
    done <"$out"
    if ((rc != 0)) && ! grep -q '^FAIL ' "$out"; then
        e2e_failed "checker $(basename "${2:-$1}") exited $rc"
    fi
}

e2e_summary() {
    echo "e2e $1: $E2E_PASSED passed, $E2E_FAILED failed"
    if ((E2E_FAILED > 0 || E2E_PASSED == 0)); then exit 1; fi
    exit 0
}

e2e_common_cleanup() {
    local pid
    for pid in "${E2E_BG_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    E2E_BG_PIDS=()
    e2e_cleanup
}

e2e_common_init() {
    SQLKC=$1
    e2e_init "$2"
    T=$E2E_TMP
    trap e2e_common_cleanup EXIT
    [[ -x "$SQLKC" ]] || e2e_fail "sqlkc is not executable: $SQLKC"
    command -v python3 >/dev/null || e2e_fail "python3 is missing"
}

e2e_build() {
    local sql=$1 job=$2
    if "$SQLKC" build "$sql" -o "$job" >"$job.build.log" 2>&1; then
        e2e_pass "sqlkc build $(basename "$sql")"
        return 0
    fi
    e2e_failed "sqlkc build $(basename "$sql")" "exit $?:"
    head -n 40 "$job.build.log" | sed 's/^/    | /'
    return 1
}

# Every run of a job starts with an empty state directory of its own, unless
# the test names one in E2E_STATE_DIR (a restart that resumes).
# Sets E2E_STATE (not a command substitution: the run counter must persist).
e2e_state_dir() {
    if [[ -n "${E2E_STATE_DIR:-}" ]]; then
        E2E_STATE=$E2E_STATE_DIR
    else
        E2E_RUNS=$((${E2E_RUNS:-0} + 1))
        E2E_STATE="$T/state.$E2E_RUNS"
    fi
}

e2e_run() {
    local job=$1 out=$2 err=$3
    shift 3
    RC=0
    e2e_state_dir
    timeout "$E2E_JOB_TIMEOUT" "$job" --bootstrap-servers "$BOOTSTRAP" --state-dir "$E2E_STATE" "$@" >"$out" 2>"$err" || RC=$?
    if ((RC == 124)); then echo "    (the job was killed after ${E2E_JOB_TIMEOUT}s)"; fi
}

e2e_start_bg() {
    local job=$1 out=$2 err=$3
    shift 3
    e2e_state_dir
    "$job" --bootstrap-servers "$BOOTSTRAP" --state-dir "$E2E_STATE" "$@" >"$out" 2>"$err" &
    BG_PID=$!
    E2E_BG_PIDS+=("$BG_PID")
}

# e2e_kill_loop JOB MIN_KILLS PID ARGS...: runs JOB with ARGS (in E2E_STATE_DIR,
# which the caller sets) and kills it with SIGKILL 0.3 to 0.9 s later, again and
# again while process PID (the producer of its input) runs, and at least
# MIN_KILLS times; KILLS counts the runs, RESTORED those that restored a
# checkpoint. RANDOM is seeded by the caller for a repeatable pattern.
e2e_kill_loop() {
    local job=$1 min=$2 pid=$3
    shift 3
    KILLS=0
    RESTORED=0
    while kill -0 "$pid" 2>/dev/null || ((KILLS < min)); do
        e2e_start_bg "$job" "$T/kill$KILLS.out" "$T/kill$KILLS.err" "$@"
        sleep "0.$((3 + RANDOM % 7))"
        kill -KILL "$BG_PID" 2>/dev/null
        wait "$BG_PID" 2>/dev/null
        grep -q 'restored checkpoint' "$T/kill$KILLS.err" && RESTORED=$((RESTORED + 1))
        KILLS=$((KILLS + 1))
        ((KILLS > 60)) && break
    done
}

e2e_produce_sep() {
    local topic=$1 file=$2 part=${3:-}
    local args=(-b "$BOOTSTRAP" -P -t "$topic" -D '\x1e')
    [[ -n "$part" ]] && args+=(-p "$part")
    "$E2E_KCAT" "${args[@]}" <"$file" || e2e_fail "producing $file to $topic"
}

e2e_dump() {
    "$E2E_KCAT" -b "$BOOTSTRAP" -C -t "$1" -o beginning -e -q -f '%p %o %K %S\n%k%s\n' >"$2" ||
        e2e_fail "consuming $1"
}

e2e_dump_values() {
    "$E2E_KCAT" -b "$BOOTSTRAP" -C -t "$1" -o beginning -e -q -f '%s\n' >"$2" || e2e_fail "consuming $1"
}
