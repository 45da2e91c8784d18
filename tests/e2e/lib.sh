# This file is sourced by the end-to-end tests (bash). It starts
# sqlkc-dev-broker on a fresh port and stops it on exit, and wraps kcat to
# produce input and read a topic back in a form that tests can diff:
#
#   e2e_init BROKER_BIN            temp dir ($E2E_TMP), cleanup trap, kcat check
#   e2e_start_broker [T:P ...]     start the broker, export BOOTSTRAP
#   e2e_produce TOPIC FILE [P]     one record per line: KEY<TAB>VALUE; a line
#                                  without a tab has a null key; an empty VALUE
#                                  after the tab is a tombstone (kcat -Z)
#   e2e_produce_values TOPIC FILE  one value per line, null keys
#   e2e_consume TOPIC OUT          the whole topic (kcat -e) as lines
#                                  PARTITION<TAB>KEY<TAB>VALUE, "<null>" for a
#                                  null key or a null value (tombstone)
#   e2e_table TOPIC OUT            the upsert table the topic holds: the last
#                                  value per key, tombstones delete, sorted
#   e2e_count TOPIC                number of records in the topic
#   e2e_wait_count TOPIC N [SECS]  wait until the topic has >= N records
#   e2e_murmur2_check FILE N       every line of an e2e_consume file sits in
#                                  partition toPositive(murmur2(key)) % N
#   e2e_fail MSG / e2e_assert_eq WHAT EXPECTED ACTUAL / e2e_assert_grep RE FILE
#
# Keys and values must not contain tabs or newlines. A test exits 77 (ctest's
# skip code, see tests/more.cmake) when kcat is missing.

E2E_TMP=
BOOTSTRAP=
E2E_BROKER_BIN=
E2E_BROKER_PID=
E2E_KCAT=

e2e_fail() {
    echo "FAIL: $*" >&2
    exit 1
}

e2e_assert_eq() {
    local what=$1 expected=$2 actual=$3
    if [[ "$expected" != "$actual" ]]; then
        e2e_fail "$what: expected '$expected', got '$actual'"
    fi
    echo "ok: $what"
}

e2e_assert_grep() {
    local re=$1 file=$2
    if ! grep -qE -- "$re" "$file"; then
        echo "--- $file:" >&2
        cat "$file" >&2
        e2e_fail "'$re' not found in $file"
    fi
    echo "ok: $(basename "$file") has '$re'"
}

e2e_cleanup() {
    if [[ -n "$E2E_BROKER_PID" ]]; then
        kill "$E2E_BROKER_PID" 2>/dev/null || true
        wait "$E2E_BROKER_PID" 2>/dev/null || true
        E2E_BROKER_PID=
    fi
    if [[ -n "$E2E_TMP" && -z "${E2E_KEEP:-}" ]]; then
        rm -rf "$E2E_TMP"
    fi
}

e2e_init() {
    E2E_BROKER_BIN=$1
    E2E_KCAT=$(command -v kcat || command -v kafkacat || true)
    if [[ -z "$E2E_KCAT" ]]; then
        echo "SKIP: kcat is not installed" >&2
        exit 77
    fi
    E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlkc-e2e.XXXXXX")
    trap e2e_cleanup EXIT
    # A signal would skip the EXIT trap's broker kill in some shells.
    trap 'exit 130' INT TERM
}

e2e_start_broker() {
    local out=$E2E_TMP/broker.out
    "$E2E_BROKER_BIN" "$@" >"$out" 2>"$E2E_TMP/broker.err" &
    E2E_BROKER_PID=$!
    # the mock cluster's start grows faster than linearly with the topics
    # (2 s for 12, 7 s for 24, 11 s for 42 on an idle machine): allow 30 s
    for _ in $(seq 1 300); do
        if [[ -s "$out" ]]; then
            BOOTSTRAP=$(head -n 1 "$out")
            export BOOTSTRAP
            echo "broker at $BOOTSTRAP (pid $E2E_BROKER_PID)"
            return 0
        fi
        if ! kill -0 "$E2E_BROKER_PID" 2>/dev/null; then
            cat "$E2E_TMP/broker.err" >&2
            e2e_fail "the dev broker exited"
        fi
        sleep 0.1
    done
    e2e_fail "the dev broker did not print its address"
}

e2e_produce() {
    local topic=$1 file=$2 part=${3:-}
    local args=(-b "$BOOTSTRAP" -P -t "$topic" -K $'\t' -Z)
    [[ -n "$part" ]] && args+=(-p "$part")
    "$E2E_KCAT" "${args[@]}" <"$file" || e2e_fail "producing $file to $topic"
}

e2e_produce_values() {
    local topic=$1 file=$2
    "$E2E_KCAT" -b "$BOOTSTRAP" -P -t "$topic" <"$file" || e2e_fail "producing $file to $topic"
}

e2e_consume() {
    local topic=$1 out=$2
    # %K/%S are -1 for a null key/value, which is how null differs from empty.
    "$E2E_KCAT" -b "$BOOTSTRAP" -C -t "$topic" -e -q -f '%p\t%K\t%k\t%S\t%s\n' |
        awk -F'\t' -v OFS='\t' '{
            k = ($2 == -1) ? "<null>" : $3
            v = ($4 == -1) ? "<null>" : $5
            print $1, k, v
        }' >"$out" || e2e_fail "consuming $topic"
}

e2e_table() {
    local topic=$1 out=$2
    e2e_consume "$topic" "$E2E_TMP/table.raw"
    # One key always lives in one partition, so file order is key order.
    awk -F'\t' -v OFS='\t' '{
            if ($3 == "<null>") delete t[$2]; else t[$2] = $3
        }
        END { for (k in t) print k, t[k] }' "$E2E_TMP/table.raw" | LC_ALL=C sort >"$out"
}

e2e_count() {
    "$E2E_KCAT" -b "$BOOTSTRAP" -C -t "$1" -e -q -f 'x\n' 2>/dev/null | wc -l
}

e2e_wait_count() {
    local topic=$1 n=$2 secs=${3:-30} c=0
    for _ in $(seq 1 $((secs * 5))); do
        c=$(e2e_count "$topic")
        ((c >= n)) && return 0
        sleep 0.2
    done
    e2e_fail "$topic has $c records after ${secs}s, expected at least $n"
}

e2e_murmur2_check() {
    local file=$1 n=$2
    python3 - "$file" "$n" <<'EOF' || e2e_fail "keys are not where Java's murmur2 puts them"
import sys

def murmur2(data):
    """org.apache.kafka.common.utils.Utils.murmur2, in unsigned 32-bit steps."""
    m, r, mask = 0x5BD1E995, 24, 0xFFFFFFFF
    h = (0x9747B28C ^ len(data)) & mask
    n4 = len(data) // 4
    for i in range(n4):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = (k * m) & mask
        k ^= k >> r
        k = (k * m) & mask
        h = ((h * m) & mask) ^ k
    tail, rest = data[4 * n4:], len(data) % 4
    if rest == 3:
        h ^= tail[2] << 16
    if rest >= 2:
        h ^= tail[1] << 8
    if rest >= 1:
        h ^= tail[0]
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h

# Kafka's UtilsTest vectors keep this implementation honest.
for s, want in [(b"21", -973932308), (b"foobar", -790332482), (b"abc", 479470107),
                (b"a-little-bit-long-string", -985981536)]:
    got = murmur2(s)
    assert (got - (1 << 32) if got >= 1 << 31 else got) == want, s

path, n = sys.argv[1], int(sys.argv[2])
bad = 0
lines = 0
for line in open(path, encoding="utf-8"):
    part, key, _ = line.rstrip("\n").split("\t", 2)
    if key == "<null>":
        continue
    lines += 1
    want = (murmur2(key.encode()) & 0x7FFFFFFF) % n
    if int(part) != want:
        print(f"key {key!r}: partition {part}, murmur2 says {want}", file=sys.stderr)
        bad += 1
print(f"ok: {lines} keys in their murmur2 partitions of {n}")
sys.exit(1 if bad or lines == 0 else 0)
EOF
}
