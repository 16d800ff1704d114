# Shell pieces shared by scripts/bench and scripts/bench-python (sourced, from the repository
# root; the caller sets `set -euo pipefail`). Everything they install goes under target/:
#   target/python-venv   the actorgraph Python package, built as scripts/test-python does
#   target/bench-venv    the Python peers from PyPI (flashtext, pyahocorasick, spaCy)
#   target/peers/bin/rg  ripgrep from crates.io, when the one on PATH is older than 14
# and scripts/bench_peers.py measures them.

BENCH_ROOT=$(pwd)
BENCH_PYTHON=${PYTHON:-python3}
PY_VENV=$BENCH_ROOT/target/python-venv
PEER_VENV=$BENCH_ROOT/target/bench-venv
PEERS_PY=$BENCH_ROOT/scripts/bench_peers.py

# calc FORMAT EXPRESSION: floating-point arithmetic with awk.
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }

# kv KEY LINE: the value of KEY in a line of key=value pairs.
kv() { sed -nE "s/^(.* )?$1=([^ ]*).*$/\2/p" <<<"$2"; }

# apt_install PACKAGE...: installs Debian packages, with sudo unless root.
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# python_package: builds the actorgraph Python package (release) into target/python-venv.
python_package() {
    [ -x "$PY_VENV/bin/python" ] || "$BENCH_PYTHON" -m venv "$PY_VENV"
    "$PY_VENV/bin/python" -m pip show --quiet maturin >/dev/null 2>&1 ||
        "$PY_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2"
    (cd python && CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$BENCH_ROOT/target} \
        VIRTUAL_ENV=$PY_VENV PATH="$PY_VENV/bin:$PATH" \
        "$PY_VENV/bin/maturin" develop --quiet --release --locked)
}

# peer_venv PACKAGE...: installs the PyPI packages missing from target/bench-venv.
peer_venv() {
    [ -x "$PEER_VENV/bin/python" ] || "$BENCH_PYTHON" -m venv "$PEER_VENV"
    local pkg
    for pkg in "$@"; do
        "$PEER_VENV/bin/python" -m pip show --quiet "$pkg" >/dev/null 2>&1 ||
            "$PEER_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$pkg"
    done
}

# ripgrep: sets RG to a ripgrep of version 14 or later. The one on PATH is used when it is
# recent enough, else `apt-get install ripgrep` is tried, else (or when apt's is older, as
# Debian 12's 13.0 is: its -i -w search over thousands of names runs at kilobytes a second)
# it is built from crates.io into target/peers/.
ripgrep() {
    RG=$BENCH_ROOT/target/peers/bin/rg
    [ -x "$RG" ] && return
    command -v rg >/dev/null || apt_install ripgrep || true
    if command -v rg >/dev/null &&
        [ "$(rg --version | sed -nE '1s/^ripgrep ([0-9]+).*/\1/p')" -ge 14 ]; then
        RG=$(command -v rg)
        return
    fi
    echo "bench: building ripgrep 14 from crates.io into target/peers" >&2
    cargo install --quiet --locked --root "$BENCH_ROOT/target/peers" ripgrep
}
