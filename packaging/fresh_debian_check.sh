#!/bin/sh
# Prove that the README's two commands need nothing by hand on a bare Debian 12: build a fresh
# root with debootstrap (minbase plus only python3 python3-venv git ca-certificates, as a new
# user would have), clone this repository into it and run the commands inside it (chroot).
#
#   sudo sh packaging/fresh_debian_check.sh [--keep] [--root DIR] [-- PYTEST_ARGS...]
#
# Runs, inside the root, as root (so dev.py installs the Debian packages it needs itself):
#   QT_QPA_PLATFORM=offscreen python3 dev.py app --self-test
#       (the app on a screen-less machine: the same set-up, then a walk through every step)
#   python3 dev.py test [PYTEST_ARGS...]
#       (ruff, mypy and pytest; with no PYTEST_ARGS the whole suite)
# and prints how long each step took. Needs root, debootstrap and the network (Debian's
# packages and the Python package index, as a new user's machine would use them). The mirror
# is the one this machine's apt uses (MIRROR=... to choose another). A machine whose own pip is
# told which certificates to trust (PIP_CERT or SSL_CERT_FILE set, as behind a TLS-inspecting
# proxy) passes that bundle on to pip and npm inside the root: the network's need, not the
# project's.
# The root is removed at the end unless --keep is given.
set -eu

HERE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT_DIR=""
KEEP=0
SUITE="${SUITE:-bookworm}"
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) KEEP=1; shift ;;
        --root) ROOT_DIR="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" != 0 ]; then
    echo "run as root: debootstrap and chroot need it" >&2
    exit 2
fi
command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }

# The Debian mirror this machine's apt already uses (deb822 or one-line sources).
if [ -z "${MIRROR:-}" ]; then
    MIRROR="$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
              | awk '{print $2}' | grep -v security | head -n 1 || true)"
fi
if [ -z "${MIRROR:-}" ]; then
    MIRROR="$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' \
              | grep -v security | head -n 1 || true)"
fi
[ -n "$MIRROR" ] || { echo "no Debian mirror found in /etc/apt; set MIRROR=" >&2; exit 2; }

[ -n "$ROOT_DIR" ] || ROOT_DIR="$(mktemp -d /var/tmp/consultaid-fresh-debian.XXXXXX)"
# mktemp makes the folder 0700; as the root's "/" that would stop every account but root inside
# it (the postgres account the Debian package and the tests run the server as could not start
# a shell). A Debian "/" is 0755.
chmod 755 "$ROOT_DIR"
MOUNTED=""
cleanup() {
    for m in $MOUNTED; do umount -l "$ROOT_DIR$m" 2>/dev/null || true; done
    if [ "$KEEP" = 0 ]; then rm -rf "$ROOT_DIR"; else echo "root kept in $ROOT_DIR"; fi
}
trap cleanup EXIT INT TERM

now() { date +%s; }
step() {  # step NAME COMMAND...: run, time it, stop on failure
    name="$1"; shift
    echo "=== $name" >&2
    started=$(now)
    if "$@"; then status=0; else status=$?; fi
    echo "=== $name: exit $status after $(( $(now) - started )) s" >&2
    [ "$status" = 0 ] || exit "$status"
}

step "debootstrap --variant=minbase $SUITE (+ python3 python3-venv git ca-certificates)" \
    debootstrap --variant=minbase --include=python3,python3-venv,git,ca-certificates \
    "$SUITE" "$ROOT_DIR" "$MIRROR"
du -shx "$ROOT_DIR" >&2 || true

# What a running Debian has and a bare root lacks: /proc, /sys, /dev, a resolver.
for m in /proc /sys /dev /dev/pts; do
    mkdir -p "$ROOT_DIR$m"
    mount --bind "$m" "$ROOT_DIR$m"
    MOUNTED="$m $MOUNTED"
done
cp /etc/resolv.conf "$ROOT_DIR/etc/resolv.conf"
# No service starts inside the root when dev.py installs cups or postgresql (there is no init
# there; the tests start their own servers in temporary folders).
printf '#!/bin/sh\nexit 101\n' > "$ROOT_DIR/usr/sbin/policy-rc.d"
chmod 755 "$ROOT_DIR/usr/sbin/policy-rc.d"

# A clone of this repository as committed (the branch that is checked out here).
step "git clone" git clone --quiet --no-local "$HERE" "$ROOT_DIR/root/consultaid"

NETWORK_CA=""
HOST_CA="${PIP_CERT:-${SSL_CERT_FILE:-}}"
if [ -n "$HOST_CA" ] && [ -f "$HOST_CA" ]; then
    cp "$HOST_CA" "$ROOT_DIR/etc/ssl/network-ca.crt"
    # pip and npm (the FHIR validators' packages) are told the same bundle
    NETWORK_CA="PIP_CERT=/etc/ssl/network-ca.crt NODE_EXTRA_CA_CERTS=/etc/ssl/network-ca.crt"
fi
inside() {
    chroot "$ROOT_DIR" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM=dumb $NETWORK_CA "$@"
}
step "python3 dev.py app --self-test (offscreen)" inside sh -c \
    'cd /root/consultaid && QT_QPA_PLATFORM=offscreen python3 dev.py app --self-test'
step "python3 dev.py test $*" inside sh -c \
    'cd /root/consultaid && python3 dev.py test "$@"' sh "$@"
du -shx "$ROOT_DIR" >&2 || true
echo "both commands passed in a fresh $SUITE root" >&2
