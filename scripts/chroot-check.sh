#!/usr/bin/env bash
# This file runs the project's check the way CI does on a bare Debian 12 machine:
# as root in a minbase bookworm chroot that has nothing but make and git, on a
# fresh clone of the repository with shared/ copied beside it, with CI=true and
# no standard input. The bare chroot is kept as a tarball next to it, so every
# run starts without any build dependency; the first run makes it with
# debootstrap from the Debian mirror this machine's apt uses.
#
# usage: scripts/chroot-check.sh [--prepare | --deps] [--keep]
#   (no option)  reset the chroot to bare, clone, run `bash .ci/run` (make check)
#   --prepare    only (re)make the bare chroot and its tarball
#   --deps       reset, clone, run scripts/install-deps.sh twice (the second run
#                must install nothing), then configure with CMake; no build
#   --keep       do not reset: reuse what an earlier run installed (faster, not bare)
# environment: CHROOT (/var/tmp/chroot-bookworm), REPO (the checkout holding this
# script), SHARED (REPO/../shared), MIRROR and SECURITY_MIRROR (from /etc/apt).
set -euo pipefail

suite=bookworm
chroot_dir=${CHROOT:-/var/tmp/chroot-bookworm}
chroot_dir=${chroot_dir%/}
base_tar=$chroot_dir.base.tar
repo=${REPO:-$(git -C "$(dirname "$0")" rev-parse --show-toplevel)}
shared=${SHARED:-$repo/../shared}
chroot_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

die() {
    printf 'chroot-check: %s\n' "$*" >&2
    exit 1
}
say() { printf '== %s\n' "$*"; }

# The first deb.debian.org-style URI of the host's apt sources whose path ends
# in $1 (debian or debian-security).
host_mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -E '^[[:space:]]*(deb|URIs:)[[:space:]]' |
        grep -oE 'https?://[^[:space:]]+' |
        grep -E "/$1/?\$" | head -n 1 | sed 's:/$::' || true
}

mounts_under_chroot() {
    awk -v d="$chroot_dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Processes left running inside the chroot (a dev broker after a failed test)
# would keep its mounts busy; they were all started by this script.
kill_chroot_processes() {
    local p root
    for p in /proc/[0-9]*; do
        root=$(readlink "$p/root" 2>/dev/null) || continue
        if [ "$root" = "$chroot_dir" ]; then
            kill -KILL "${p#/proc/}" 2>/dev/null || true
        fi
    done
}

unmount_all() {
    local m
    [ -d "$chroot_dir" ] || return 0
    kill_chroot_processes
    for m in $(mounts_under_chroot); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
}

mount_all() {
    mount -t proc proc "$chroot_dir/proc"
    mount -t sysfs -o ro sysfs "$chroot_dir/sys"
    mount --rbind /dev "$chroot_dir/dev"
    mount --make-rslave "$chroot_dir/dev"
    cp -L /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
}

# Deleting a tree with /dev bound inside it would delete the host's /dev.
remove_chroot() {
    unmount_all
    [ -z "$(mounts_under_chroot)" ] || die "still mounted under $chroot_dir"
    rm -rf --one-file-system "$chroot_dir"
}

in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH="$chroot_path" LANG=C.UTF-8 \
        TERM=dumb "$@" </dev/null
}

prepare() {
    local mirror security
    mirror=${MIRROR:-$(host_mirror debian)}
    mirror=${mirror:-http://deb.debian.org/debian}
    security=${SECURITY_MIRROR:-$(host_mirror debian-security)}
    security=${security:-http://deb.debian.org/debian-security}
    if ! command -v debootstrap >/dev/null; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
    fi
    remove_chroot
    say "debootstrap --variant=minbase $suite $chroot_dir $mirror"
    debootstrap --variant=minbase "$suite" "$chroot_dir" "$mirror"
    # The sources of a standard Debian 12 install.
    cat >"$chroot_dir/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
    mount_all
    say "installing make and git in the chroot"
    in_chroot DEBIAN_FRONTEND=noninteractive apt-get update -q
    in_chroot DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends make git
    # A bare machine has no package lists: install-deps.sh must fetch them.
    in_chroot apt-get clean
    rm -rf "$chroot_dir"/var/lib/apt/lists/*
    unmount_all
    say "saving the bare chroot as $base_tar"
    tar -C "$chroot_dir" --numeric-owner -cpf "$base_tar.tmp" .
    mv "$base_tar.tmp" "$base_tar"
}

reset() {
    [ -f "$base_tar" ] || prepare
    say "resetting $chroot_dir from $base_tar"
    remove_chroot
    mkdir -p "$chroot_dir"
    tar -C "$chroot_dir" --numeric-owner -xpf "$base_tar"
}

clone() {
    [ -d "$shared" ] || die "no shared/ at $shared"
    local origin=$chroot_dir/mnt/origin
    rm -rf "$chroot_dir/root/ci"
    mkdir -p "$chroot_dir/root/ci" "$origin"
    mount --bind "$repo" "$origin"
    mount -o remount,bind,ro "$origin"
    say "git clone $repo ($(git -C "$repo" rev-parse --short HEAD)) into the chroot"
    in_chroot git clone -q /mnt/origin /root/ci/sqlkc
    umount "$origin"
    cp -a "$shared" "$chroot_dir/root/ci/shared"
    chmod -R a-w "$chroot_dir/root/ci/shared"
}

mode=check
keep=0
for arg in "$@"; do
    case $arg in
    --prepare) mode=prepare ;;
    --deps) mode=deps ;;
    --keep) keep=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument '$arg' (see --help)" ;;
    esac
done
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mount)"
trap unmount_all EXIT

if [ "$mode" = prepare ]; then
    prepare
    exit 0
fi
if [ "$keep" = 1 ] && [ -x "$chroot_dir/usr/bin/git" ]; then
    unmount_all
else
    reset
fi
mount_all
clone
case $mode in
deps)
    say "scripts/install-deps.sh (first run: installs)"
    in_chroot bash -c 'cd /root/ci/sqlkc && time bash scripts/install-deps.sh'
    say "scripts/install-deps.sh (second run: must install nothing)"
    in_chroot bash -c 'cd /root/ci/sqlkc && time bash scripts/install-deps.sh'
    say "cmake -S . -B build"
    in_chroot bash -c 'cd /root/ci/sqlkc && cmake -S . -B build'
    ;;
check)
    say "bash .ci/run (CI=true, no stdin)"
    start=$(date +%s)
    status=0
    in_chroot CI=true bash -c 'cd /root/ci/sqlkc && bash .ci/run' || status=$?
    say "chroot check exited $status after $(($(date +%s) - start))s"
    exit "$status"
    ;;
esac
