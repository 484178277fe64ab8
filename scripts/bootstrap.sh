#!/usr/bin/env bash
# Installs what one of the template's own tasks needs, from the package registries only, into the
# user's cache, and nothing more:
#   bootstrap.sh tooling  uv (PyPI) and the tooling environment (`uv sync`): make lint, readme-matrix
#   bootstrap.sh demo     + Node.js 24 LTS when the machine's node is older (npm registry): make demo
#   bootstrap.sh test     + actionlint (Go module proxy, so Go is needed) and a JDK 25 check: make test
# Safe to run again: it skips what is there.
set -euo pipefail

FOR="${1:-test}"
NODE_MAJOR=24
ACTIONLINT_VERSION=v1.7.12
CACHE="${HOME}/.cache/brt"
NODE_PREFIX="${CACHE}/node${NODE_MAJOR}"
BIN="${CACHE}/bin"
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

install_uv() {
  command -v uv >/dev/null && return
  say "installing uv from PyPI"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="${HOME}/.local/bin:${PATH}"
  command -v uv >/dev/null || fail "uv installed but not on PATH: add ~/.local/bin to PATH"
}

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Generated Express projects need Node.js 24; a private copy only when the machine's is older.
install_node() {
  [ "$(node_major "${NODE_PREFIX}/node_modules/.bin/node")" = "${NODE_MAJOR}" ] && return
  [ "$(node_major node)" -ge "${NODE_MAJOR}" ] && return
  command -v npm >/dev/null || fail "npm is needed to install Node.js ${NODE_MAJOR}"
  say "installing Node.js ${NODE_MAJOR} from the npm registry into ${NODE_PREFIX}"
  mkdir -p "${NODE_PREFIX}"
  npm install --silent --no-save --prefix "${NODE_PREFIX}" "node@${NODE_MAJOR}" >/dev/null
}

# Only the tests lint generated workflows with actionlint, so only `make test` needs Go.
install_actionlint() {
  [ -x "${BIN}/actionlint" ] && return
  command -v go >/dev/null ||
    fail "make test needs Go to install actionlint (https://go.dev/dl/ or your package manager; make demo does not)"
  say "installing actionlint ${ACTIONLINT_VERSION} with go install"
  GOBIN="${BIN}" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
}

# The Spring Boot stack targets the current Java LTS. No registry here serves a JDK, so it has to
# be on the machine already (Temurin or OpenJDK, under /usr/lib/jvm or in JAVA_HOME).
check_jdk() {
  if ! compgen -G "/usr/lib/jvm/*25*/bin/javac" >/dev/null &&
     ! grep -qs 'JAVA_VERSION="25' "${JAVA_HOME:-/nonexistent}/release"; then
    say "warning: no JDK 25 found: generating is fine, but Spring Boot projects need one to build"
  fi
}

case "${FOR}" in
  tooling | demo | test) ;;
  *) printf 'usage: %s [tooling|demo|test]\n' "$0" >&2; exit 2 ;;
esac
command -v python3 >/dev/null || fail "python3 (3.11 or newer) is needed"
command -v git >/dev/null || fail "git is needed"
command -v make >/dev/null || fail "make is needed"
install_uv
if [ "${FOR}" != tooling ]; then install_node; fi
if [ "${FOR}" = test ]; then install_actionlint; check_jdk; fi
say "syncing the template's tooling environment"
uv sync --quiet
