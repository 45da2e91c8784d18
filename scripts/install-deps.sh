#!/usr/bin/env bash
# This file installs the Debian 12 packages that building and testing sqlkc need.
# It asks dpkg-query first and touches apt only when something is missing, so a
# repeated run takes a fraction of a second and needs no network. Root installs
# directly; another user goes through sudo. SQLKC_NO_DEPS=1 skips it all.
set -euo pipefail

required=(
    # build: the C toolchain (gcc only recommends libc6-dev), CMake, flex, bison
    gcc libc6-dev make cmake pkg-config flex bison
    # libraries the runtime, the codecs and their tests use
    librdkafka-dev libjansson-dev libavro-dev libcurl4-openssl-dev libcmocka-dev
    # end-to-end tests and the demo: a real Kafka client, independent Avro decoder
    kcat python3 python3-avro
    # fuzzers: clang, and libclang_rt.fuzzer, which clang-14 only recommends
    clang libclang-rt-14-dev
)
# Installed when the archive has them (valgrind is not built for every architecture).
optional=(valgrind)

say() { printf 'install-deps: %s\n' "$*" >&2; }

[ "${SQLKC_NO_DEPS:-0}" = 1 ] && exit 0
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    say "not a Debian system; install the equivalents of: ${required[*]} ${optional[*]}"
    exit 0
fi

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}
missing=()
for p in "${required[@]}" "${optional[@]}"; do
    is_installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || {
        say "missing packages: ${missing[*]}; run this script as root"
        exit 1
    }
    as_root=(sudo)
fi
apt_get() {
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0 "$@"
}

say "installing: ${missing[*]}"
apt_get update
install=()
for p in "${missing[@]}"; do
    if [[ " ${optional[*]} " == *" $p "* ]]; then
        candidate=$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p')
        if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
            say "optional package $p is not available here; skipping it"
            continue
        fi
    fi
    install+=("$p")
done
apt_get install -y --no-install-recommends "${install[@]}"
